//! Project configuration: `factlint.yaml` or `.factlint.yaml`, found by
//! walking up from the current directory (`--config PATH` names one,
//! `--no-config` skips it). Every key is optional; an unknown key, an
//! unknown rule id or a bad date is a diagnostic pointing into the file.
//!
//! ```yaml
//! rules: [rules/newsroom.yaml]      # more packs, relative to this file
//! local_rules: true                 # also load ./rules/*.yaml (default true)
//! enable: [status-clash]            # run only these rules (default: all)
//! disable: [quote-drift]            # never run these
//! severity: {name-spelling: error}  # override a rule's severity
//! dates: {archive/0001.txt: 2025-10-22}
//! ignore: ["drafts/**", "**/README.md"]
//! ```

use crate::rules::locate::Locations;
use crate::rules::{RuleSet, Severity};
use chrono::NaiveDate;
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAMES: [&str; 2] = ["factlint.yaml", ".factlint.yaml"];

/// What `factlint init` writes: every key, commented out, with what it
/// does. A file made from it loads as it is.
pub const TEMPLATE: &str = "\
# factlint configuration: found by walking up from the current folder
# (--config PATH names another, --no-config skips it). Every key is
# optional; uncomment what you need. Paths are relative to this file.

# More rule packs (YAML), after the built-in generic pack:
# rules: [rules/newsroom.yaml]

# Also load every ./rules/*.yaml of the folder factlint runs in:
# local_rules: true

# Run only these rules (ids as `factlint rules` lists them); --select
# on the command line replaces this list:
# enable: [status-clash, act-negation, count-mismatch]

# Never run these rules; --ignore on the command line adds to them:
# disable: [quote-drift]

# Change a rule's severity (error fails the run, warning does not unless
# --fail-on warning or --max-warnings):
# severity: {name-spelling: error}

# Dates of documents that carry none (YYYY-MM-DD):
# dates: {archive/2025/0001.txt: 2025-10-22}

# Documents never to read (globs, relative to this file):
# ignore: [\"drafts/**\", \"**/README.md\"]
";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub local_rules: Option<bool>,
    #[serde(default)]
    pub enable: Option<Vec<String>>,
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    #[serde(default)]
    pub dates: BTreeMap<String, String>,
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// A configuration that cannot be used, located in its file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(factlint::config))]
pub struct ConfigError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("here")]
    pub span: Option<SourceSpan>,
    #[help]
    pub help: String,
}

/// A loaded configuration with its directory (paths in it are relative to it).
#[derive(Debug, Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub dir: PathBuf,
    pub file: ConfigFile,
    source: String,
    locations: Locations,
    ignore: Option<globset::GlobSet>,
}

/// The config file that applies in `start`: the first found walking up.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

impl Config {
    pub fn none() -> Config {
        Config { dir: PathBuf::from("."), ..Default::default() }
    }

    pub fn load(path: &Path) -> Result<Config, Box<ConfigError>> {
        let name = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|e| {
            Box::new(ConfigError {
                message: format!("cannot read config {name}: {e}"),
                src: NamedSource::new(name.clone(), String::new()),
                span: None,
                help: "check the path given to --config".into(),
            })
        })?;
        let file: ConfigFile = if source.trim().is_empty() {
            ConfigFile::default()
        } else {
            serde_yaml::from_str(&source).map_err(|e| {
                let msg = e.to_string();
                Box::new(ConfigError {
                    message: format!("invalid config {name}: {}", msg.split(" at line ").next().unwrap_or(&msg)),
                    src: NamedSource::new(name.clone(), source.clone()),
                    span: e.location().map(|l| SourceSpan::from((l.index(), 1))),
                    help: "keys: rules, local_rules, enable, disable, severity, dates, ignore (see the README)".into(),
                })
            })?
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let locations = Locations::of(&source);
        let mut c = Config { path: Some(path.to_path_buf()), dir, file, source, locations, ignore: None };
        let mut b = globset::GlobSetBuilder::new();
        for (i, g) in c.file.ignore.iter().enumerate() {
            let glob = globset::Glob::new(g).map_err(|e| {
                c.error(&format!("ignore.{i}"), format!("bad glob `{g}`: {e}"), "write a glob such as `drafts/**`")
            })?;
            b.add(glob);
        }
        c.ignore = Some(b.build().map_err(|e| c.error("ignore", format!("bad globs: {e}"), "check the ignore list"))?);
        for (k, v) in &c.file.dates {
            if NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
                return Err(c.error(
                    &format!("dates.{k}"),
                    format!("cannot read the date `{v}` of {k}"),
                    "write dates as YYYY-MM-DD",
                ));
            }
        }
        Ok(c)
    }

    fn error(&self, path: &str, message: String, help: &str) -> Box<ConfigError> {
        let name = self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        Box::new(ConfigError {
            message: format!("{name}: {message}"),
            src: NamedSource::new(name, self.source.clone()),
            span: self.locations.get(path).map(SourceSpan::from),
            help: help.to_string(),
        })
    }

    /// Pack files the config names, resolved against its directory.
    pub fn packs(&self) -> Vec<PathBuf> {
        self.file.rules.iter().map(|r| self.dir.join(r)).collect()
    }

    pub fn local_rules(&self) -> bool {
        self.file.local_rules.unwrap_or(true)
    }

    /// Apply enable / disable / severity to the loaded rules; a rule id the
    /// packs do not define is an error pointing at it.
    pub fn apply(&self, rules: &mut RuleSet) -> Result<(), Box<ConfigError>> {
        self.apply_with(rules, None, &[])
    }

    /// As [`Config::apply`], with the command line's `--select` (which
    /// replaces the config's `enable`) and `--ignore` (which adds to its
    /// `disable`); their rule ids are checked by the caller.
    pub fn apply_with(
        &self,
        rules: &mut RuleSet,
        select: Option<&[String]>,
        ignore: &[String],
    ) -> Result<(), Box<ConfigError>> {
        let known: Vec<String> = rules.conflicts.iter().map(|c| c.id.clone()).collect();
        let check = |key: &str, id: &str| -> Result<(), Box<ConfigError>> {
            if known.iter().any(|k| k == id) {
                Ok(())
            } else {
                Err(self.error(key, format!("unknown rule `{id}`"), &format!("known rules: {}", known.join(", "))))
            }
        };
        if let Some(enable) = &self.file.enable {
            for (i, id) in enable.iter().enumerate() {
                check(&format!("enable.{i}"), id)?;
            }
            if select.is_none() {
                rules.conflicts.retain(|c| enable.contains(&c.id));
            }
        }
        if let Some(select) = select {
            rules.conflicts.retain(|c| select.contains(&c.id));
        }
        for (i, id) in self.file.disable.iter().enumerate() {
            check(&format!("disable.{i}"), id)?;
        }
        rules.conflicts.retain(|c| !self.file.disable.contains(&c.id) && !ignore.contains(&c.id));
        for (id, sev) in &self.file.severity {
            check(&format!("severity.{id}#key"), id)?;
            if let Some(c) = rules.conflicts.iter_mut().find(|c| &c.id == id) {
                c.severity = *sev;
            }
        }
        Ok(())
    }

    /// Document dates from the config, keyed by canonical path.
    pub fn dates(&self) -> BTreeMap<PathBuf, NaiveDate> {
        self.file
            .dates
            .iter()
            .filter_map(|(k, v)| {
                let p = self.dir.join(k);
                let p = p.canonicalize().unwrap_or(p);
                NaiveDate::parse_from_str(v, "%Y-%m-%d").ok().map(|d| (p, d))
            })
            .collect()
    }

    /// Whether a document path is ignored (globs match paths relative to
    /// the config's directory).
    pub fn ignored(&self, path: &Path) -> bool {
        let Some(set) = &self.ignore else { return false };
        if set.is_empty() {
            return false;
        }
        let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let dir = self.dir.canonicalize().unwrap_or_else(|_| self.dir.clone());
        let rel = abs.strip_prefix(&dir).unwrap_or(path);
        set.is_match(rel) || set.is_match(path)
    }
}
