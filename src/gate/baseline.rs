//! Baselines: record today's findings so that only new ones fail a build.
//!
//! `--write-baseline FILE` writes every finding's fingerprint (rule, subject
//! and normalised passage texts: no offsets, lines or counts, so edits
//! elsewhere in a file keep it valid). `--baseline FILE` silences the
//! findings it lists, one for one; `--prune-baseline` rewrites it without the
//! entries that no longer match anything.

use crate::check::Finding;
use crate::corpus::Document;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub subject: String,
    pub files: Vec<String>,
    pub message: String,
}

pub fn build(docs: &[Document], findings: &[Finding]) -> Baseline {
    let mut entries: Vec<Entry> = findings
        .iter()
        .map(|f| {
            let mut files: Vec<String> = f.claims.iter().map(|c| docs[c.doc].path.clone()).collect();
            files.sort();
            files.dedup();
            Entry {
                fingerprint: f.fingerprint(docs),
                rule: f.rule.clone(),
                subject: f.subject.clone(),
                files,
                message: f.message.clone(),
            }
        })
        .collect();
    entries.sort_by(|a, b| (&a.fingerprint, &a.rule).cmp(&(&b.fingerprint, &b.rule)));
    Baseline { version: 1, findings: entries }
}

pub fn write(path: &Path, b: &Baseline) -> std::io::Result<()> {
    let mut s = serde_json::to_string_pretty(b).unwrap_or_default();
    s.push('\n');
    std::fs::write(path, s)
}

pub fn read(path: &Path) -> Result<Baseline, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let b: Baseline =
        serde_json::from_str(&s).map_err(|e| format!("baseline {} is not a factlint baseline: {e}", path.display()))?;
    if b.version != 1 {
        return Err(format!("baseline {} has version {}; this factlint reads version 1", path.display(), b.version));
    }
    Ok(b)
}

/// Findings not in the baseline, and the baseline entries that matched.
pub fn filter(docs: &[Document], findings: Vec<Finding>, b: &Baseline) -> (Vec<Finding>, Vec<Entry>) {
    let mut budget: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &b.findings {
        *budget.entry(e.fingerprint.as_str()).or_default() += 1;
    }
    let mut matched: BTreeMap<String, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for f in findings {
        let fp = f.fingerprint(docs);
        match budget.get_mut(fp.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                *matched.entry(fp).or_default() += 1;
            }
            _ => kept.push(f),
        }
    }
    let mut still = Vec::new();
    for e in &b.findings {
        if let Some(n) = matched.get_mut(&e.fingerprint) {
            if *n > 0 {
                *n -= 1;
                still.push(e.clone());
            }
        }
    }
    (kept, still)
}
