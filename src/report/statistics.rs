//! `--statistics`: how many findings each rule produced, instead of the
//! findings themselves.

use crate::check::Finding;
use std::collections::BTreeMap;

/// The same counts as JSON: `[{"rule", "severity", "count"}]`, most
/// frequent first (`--statistics --format json`).
pub fn render_json(findings: &[Finding]) -> String {
    let rows: Vec<serde_json::Value> = rows(findings)
        .into_iter()
        .map(|((rule, severity), n)| serde_json::json!({"rule": rule, "severity": severity, "count": n}))
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}

fn rows(findings: &[Finding]) -> Vec<((&str, &str), usize)> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in findings {
        *counts.entry((f.rule.as_str(), f.severity.as_str())).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows
}

pub fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for ((rule, severity), n) in rows(findings) {
        out.push_str(&format!("{n:>6}  {rule:<24} {severity}\n"));
    }
    out.push_str(&format!("{:>6}  total\n", findings.len()));
    out
}
