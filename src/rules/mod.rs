//! Rule packs: load YAML, validate it with errors that point into the file,
//! and merge packs into one [`RuleSet`].
//!
//! Merge order: the built-in generic pack, then each pack given, in order.
//! Lists of words are appended; a predicate's values are merged label by
//! label; a conflict rule with an id already loaded replaces the earlier one,
//! so a project pack can retune a built-in rule.

pub mod locate;
pub mod schema;

use crate::text::Boilerplate;
use locate::Locations;
use miette::{Diagnostic, NamedSource, SourceSpan};
use regex::Regex;
pub use schema::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The generic English pack, embedded in the binary.
pub const GENERIC_PACK: &str = include_str!("../../rules/generic-en.yaml");
pub const GENERIC_PACK_NAME: &str = "rules/generic-en.yaml";

/// A rule pack that cannot be used, located in its file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(factlint::rules))]
pub struct RuleError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

/// A pack as parsed, with where it came from.
pub struct LoadedPack {
    pub name: String,
    pub source: String,
    pub pack: PackFile,
    pub locations: Locations,
}

/// Parse one pack file; unknown keys and YAML errors are located.
pub fn parse_pack(name: &str, source: &str) -> Result<LoadedPack, Box<RuleError>> {
    let pack: PackFile = serde_yaml::from_str(source).map_err(|e| {
        let span = e.location().map(|l| SourceSpan::from((l.index(), 1)));
        let msg = e.to_string();
        // serde_yaml appends " at line L column C"; miette shows the place.
        let message = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        let help = if message.contains("unknown field") {
            Some("check the spelling of the key; the README lists every key a pack may have".to_string())
        } else {
            Some("this file must be a YAML rule pack: see the README's rule-pack format".to_string())
        };
        Box::new(RuleError {
            message: format!("invalid rule pack {name}: {message}"),
            src: NamedSource::new(name, source.to_string()),
            span,
            label: "here".into(),
            help,
        })
    })?;
    let locations = Locations::of(source);
    Ok(LoadedPack { name: name.to_string(), source: source.to_string(), pack, locations })
}

/// Read a pack from disk.
pub fn read_pack(path: &Path) -> Result<LoadedPack, Box<RuleError>> {
    let name = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|e| {
        Box::new(RuleError {
            message: format!("cannot read rule pack {name}: {e}"),
            src: NamedSource::new(name.clone(), String::new()),
            span: None,
            label: String::new(),
            help: Some("check the path given to --rules or in the rules/ folder".into()),
        })
    })?;
    parse_pack(&name, &source)
}

/// The `.yaml`/`.yml` files of a folder, sorted.
pub fn packs_in_dir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    out.sort();
    out
}

/// Everything the engine needs from the packs, merged and checked.
#[derive(Debug, Default, Clone)]
pub struct RuleSet {
    pub packs: Vec<String>,
    pub language: Language,
    pub entities: Vec<EntityDef>,
    pub events: BTreeMap<String, EventClassDef>,
    pub predicates: BTreeMap<String, PredicateDef>,
    pub conflicts: Vec<Conflict>,
    /// The packs' boilerplate patterns: lines of page furniture.
    pub boilerplate: Boilerplate,
}

/// A conflict rule, checked and compiled.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub id: String,
    pub kind: ConflictKind,
    pub predicate: Option<String>,
    pub pairs: Vec<(String, String)>,
    pub tolerance: Tolerance,
    pub threshold: f64,
    pub severity: Severity,
    pub message: String,
    pub description: String,
    pub pack: String,
}

impl RuleSet {
    /// Merge packs in order and validate the result.
    pub fn build(packs: &[LoadedPack]) -> Result<RuleSet, Box<RuleError>> {
        let mut rs = RuleSet::default();
        let mut conflict_src: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut entity_ids = BTreeSet::new();
        for (pi, lp) in packs.iter().enumerate() {
            let p = &lp.pack;
            let err = |path: &str, message: String, help: &str| -> Box<RuleError> {
                let span = lp.locations.get(path).map(SourceSpan::from);
                Box::new(RuleError {
                    message: format!("{}: {message}", lp.name),
                    src: NamedSource::new(lp.name.clone(), lp.source.clone()),
                    span,
                    label: "here".into(),
                    help: Some(help.to_string()),
                })
            };
            if rs.packs.contains(&p.pack) {
                continue;
            }
            rs.packs.push(p.pack.clone());
            let check_list = |path: &str, list: &[String]| -> Result<(), Box<RuleError>> {
                for (i, w) in list.iter().enumerate() {
                    if w.trim().is_empty() {
                        return Err(err(
                            &format!("{path}.{i}"),
                            "empty pattern".into(),
                            "remove it, or write the words it should match",
                        ));
                    }
                }
                Ok(())
            };
            let l = &p.language;
            for (path, list) in [
                ("language.negation", &l.negation),
                ("language.hedges", &l.hedges),
                ("language.future", &l.future),
                ("language.speech_verbs", &l.speech_verbs),
                ("language.attribution", &l.attribution),
                ("language.titles", &l.titles),
                ("language.title_modifiers", &l.title_modifiers),
                ("language.clause_breaks", &l.clause_breaks),
                ("language.boilerplate", &l.boilerplate),
                ("language.stopwords", &l.stopwords),
                ("language.not_person", &l.not_person),
                ("language.premises", &l.premises),
                ("language.organisation_nouns", &l.organisation_nouns),
                ("language.corrections", &l.corrections),
                ("language.correction_errors", &l.correction_errors),
                ("language.function_words", &l.function_words),
            ] {
                check_list(path, list)?;
            }
            for (i, re) in l.boilerplate.iter().enumerate() {
                let r = Regex::new(re).map_err(|e| {
                    err(
                        &format!("language.boilerplate.{i}"),
                        format!("regex does not compile: {}", first_line(&e.to_string())),
                        "fix the regular expression (Rust regex syntax)",
                    )
                })?;
                rs.boilerplate.push(r);
            }
            rs.language.extend(l);
            for (i, e) in p.entities.iter().enumerate() {
                if e.id.trim().is_empty() {
                    return Err(err(
                        &format!("entities.{i}.id"),
                        "empty entity id".into(),
                        "give the entity an id such as `acme-launch`",
                    ));
                }
                if !entity_ids.insert(e.id.clone()) {
                    return Err(err(
                        &format!("entities.{i}.id"),
                        format!("entity `{}` is defined twice", e.id),
                        "give each entity one definition",
                    ));
                }
                if e.names.is_empty() {
                    return Err(err(
                        &format!("entities.{i}"),
                        format!("entity `{}` has no names", e.id),
                        "list the names it goes by under `names:`",
                    ));
                }
                check_list(&format!("entities.{i}.names"), &e.names)?;
                if let Some(c) = &e.class {
                    if !rs.events.contains_key(c) && !p.events.contains_key(c) {
                        return Err(err(
                            &format!("entities.{i}.class"),
                            format!("unknown event class `{c}`"),
                            &format!("known classes: {}", keys(&rs.events, &p.events)),
                        ));
                    }
                }
                rs.entities.push(e.clone());
            }
            for (name, ev) in &p.events {
                check_list(&format!("events.{name}.nouns"), &ev.nouns)?;
                check_list(&format!("events.{name}.verbs"), &ev.verbs)?;
                let slot = rs.events.entry(name.clone()).or_default();
                slot.nouns.extend(ev.nouns.iter().cloned());
                slot.verbs.extend(ev.verbs.iter().cloned());
            }
            for (name, pd) in &p.predicates {
                for (label, cues) in &pd.values {
                    check_list(&format!("predicates.{name}.values.{label}"), cues)?;
                }
                if let Some(s) = &pd.scale {
                    check_list(&format!("predicates.{name}.scale.positive"), &s.positive)?;
                    check_list(&format!("predicates.{name}.scale.negative"), &s.negative)?;
                }
                check_list(&format!("predicates.{name}.cues"), &pd.cues)?;
                for (label, phrases) in &pd.states {
                    check_list(&format!("predicates.{name}.states.{label}"), phrases)?;
                    let scale = pd.value_type == ValueType::Scale && matches!(label.as_str(), "positive" | "negative");
                    let known = scale
                        || pd.values.contains_key(label)
                        || rs.predicates.get(name).is_some_and(|e| e.values.contains_key(label));
                    if !known {
                        return Err(err(
                            &format!("predicates.{name}.states.{label}"),
                            format!("state `{label}` is not a value of predicate `{name}`"),
                            "add it under `values:` (its cue phrases may be an empty list); a scale's states are `positive` and `negative`",
                        ));
                    }
                }
                match rs.predicates.get_mut(name) {
                    Some(existing) => existing.merge(pd),
                    None => {
                        rs.predicates.insert(name.clone(), pd.clone());
                    }
                }
            }
            for (i, c) in p.conflicts.iter().enumerate() {
                let at = |k: &str| format!("conflicts.{i}.{k}");
                if c.id.trim().is_empty() {
                    return Err(err(&at("id"), "empty rule id".into(), "give the rule an id such as `status-clash`"));
                }
                let needs_predicate = matches!(
                    c.kind,
                    ConflictKind::Exclusive
                        | ConflictKind::Negation
                        | ConflictKind::Functional
                        | ConflictKind::Characterisation
                );
                let predicate = match (&c.predicate, needs_predicate) {
                    (Some(pname), _) => {
                        let Some(pd) = rs.predicates.get(pname) else {
                            return Err(err(
                                &at("predicate"),
                                format!("rule `{}` names unknown predicate `{pname}`", c.id),
                                &format!(
                                    "known predicates: {}",
                                    rs.predicates.keys().cloned().collect::<Vec<_>>().join(", ")
                                ),
                            ));
                        };
                        for (j, pair) in c.pairs.iter().enumerate() {
                            for (k, v) in pair.iter().enumerate() {
                                if !pd.values.contains_key(v) {
                                    return Err(err(
                                        &format!("conflicts.{i}.pairs.{j}.{k}"),
                                        format!("predicate `{pname}` has no value `{v}`"),
                                        &format!(
                                            "its values: {}",
                                            pd.values.keys().cloned().collect::<Vec<_>>().join(", ")
                                        ),
                                    ));
                                }
                            }
                        }
                        Some(pname.clone())
                    }
                    (None, true) => {
                        return Err(err(
                            &format!("conflicts.{i}"),
                            format!("rule `{}` of kind {} needs a `predicate:`", c.id, c.kind.as_str()),
                            "name the predicate the rule compares",
                        ))
                    }
                    (None, false) => None,
                };
                if c.kind == ConflictKind::Exclusive && c.pairs.is_empty() {
                    return Err(err(
                        &at("kind"),
                        format!("exclusive rule `{}` lists no `pairs:`", c.id),
                        "list the pairs of values that cannot hold together, e.g. [[on_hold, ongoing]]",
                    ));
                }
                if c.kind == ConflictKind::FigureDrift
                    && c.threshold.is_some_and(|t| t < 2.0 || t.fract() != 0.0 || t > 20.0)
                {
                    return Err(err(
                        &at("threshold"),
                        format!("figure rule `{}` needs a whole number of equal words from 2 to 20", c.id),
                        "write how many words around a figure must be the same, e.g. `threshold: 6`",
                    ));
                }
                let tolerance = match &c.tolerance {
                    None => Tolerance::default(),
                    Some(t) => Tolerance::parse(t).ok_or_else(|| {
                        err(
                            &at("tolerance"),
                            format!("cannot read tolerance `{t}`"),
                            "write days as `1d`, a ratio as `5%`, or `0`",
                        )
                    })?,
                };
                let compiled = Conflict {
                    id: c.id.clone(),
                    kind: c.kind,
                    predicate,
                    pairs: c.pairs.iter().map(|p| (p[0].clone(), p[1].clone())).collect(),
                    tolerance,
                    threshold: c.threshold.unwrap_or(c.kind.default_threshold()),
                    severity: c.severity,
                    message: c.message.clone().unwrap_or_else(|| c.kind.default_message().to_string()),
                    description: c.description.clone().unwrap_or_default(),
                    pack: p.pack.clone(),
                };
                match conflict_src.get(&c.id) {
                    Some(&(_, idx)) => rs.conflicts[idx] = compiled,
                    None => {
                        conflict_src.insert(c.id.clone(), (pi, rs.conflicts.len()));
                        rs.conflicts.push(compiled);
                    }
                }
            }
        }
        rs.conflicts.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(rs)
    }

    pub fn conflict(&self, id: &str) -> Option<&Conflict> {
        self.conflicts.iter().find(|c| c.id == id)
    }

    pub fn rules_of(&self, kind: ConflictKind) -> impl Iterator<Item = &Conflict> {
        self.conflicts.iter().filter(move |c| c.kind == kind)
    }
}

fn keys<V>(a: &BTreeMap<String, V>, b: &BTreeMap<String, V>) -> String {
    let mut all: BTreeSet<&String> = a.keys().collect();
    all.extend(b.keys());
    all.into_iter().cloned().collect::<Vec<_>>().join(", ")
}

fn first_line(s: &str) -> String {
    s.lines().last().unwrap_or(s).trim().to_string()
}

/// Load the built-in pack plus the given pack files, in order.
pub fn load(extra: &[std::path::PathBuf]) -> Result<RuleSet, Box<RuleError>> {
    let mut packs = vec![parse_pack(GENERIC_PACK_NAME, GENERIC_PACK)?];
    for p in extra {
        packs.push(read_pack(p)?);
    }
    RuleSet::build(&packs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(extra: &str) -> Result<RuleSet, Box<RuleError>> {
        let packs = vec![parse_pack("generic", GENERIC_PACK).unwrap(), parse_pack("extra.yaml", extra)?];
        RuleSet::build(&packs)
    }

    #[test]
    fn generic_pack_is_valid() {
        let rs = load(&[]).unwrap();
        assert!(rs.predicates.contains_key("status"));
        assert!(rs.conflicts.iter().any(|c| c.kind == ConflictKind::Exclusive));
    }

    #[test]
    fn unknown_key_is_located() {
        let e = build("pack: x\nconflicts:\n  - id: a\n    kind: exclusive\n    predicat: status\n").err().unwrap();
        assert!(e.message.contains("unknown field `predicat`"), "{}", e.message);
        let at = e.span.unwrap().offset();
        assert_eq!(at, "pack: x\nconflicts:\n  - id: a\n    kind: exclusive\n    ".len());
    }

    #[test]
    fn unknown_predicate_is_located() {
        let src = "pack: x\nconflicts:\n  - id: a\n    kind: exclusive\n    severity: error\n    predicate: stat\n    pairs: [[a, b]]\n";
        let e = build(src).err().unwrap();
        assert!(e.message.contains("unknown predicate `stat`"), "{}", e.message);
        assert_eq!(&src[e.span.unwrap().offset()..][..4], "stat");
    }

    #[test]
    fn empty_pattern_and_bad_regex() {
        let e = build("pack: x\npredicates:\n  status:\n    values:\n      on_hold: [\"\"]\n").err().unwrap();
        assert!(e.message.contains("empty pattern"));
        let e = build("pack: x\nlanguage:\n  boilerplate: [\"(unclosed\"]\n").err().unwrap();
        assert!(e.message.contains("regex does not compile"), "{}", e.message);
    }
}
