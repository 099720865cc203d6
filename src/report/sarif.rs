//! `--format sarif`: SARIF 2.1.0 for code scanning. One result per finding:
//! the first passage is the location, the others are related locations that
//! the message links to (`[passage 2](1)`); every rule of the loaded packs is
//! listed in `tool.driver.rules` with its description and its kind's
//! documentation; `partialFingerprints` carry the baseline fingerprint;
//! artifact URIs are relative to the working directory; columns count
//! Unicode code points (`columnKind`).

use super::passages::{Bounded, Passages};
use super::{exact, location};
use crate::check::{kind_doc, Claim, Finding};
use crate::corpus::Document;
use crate::rules::{RuleSet, Severity};
use serde_json::{json, Value};
use std::path::Path;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI relative to `cwd` where it can be, else a file URI.
fn uri(path: &str, cwd: &Path) -> String {
    let p = Path::new(path);
    let rel = if p.is_absolute() { p.strip_prefix(cwd).ok().map(|r| r.to_path_buf()) } else { Some(p.to_path_buf()) };
    match rel {
        Some(r) => {
            let s = r.to_string_lossy().replace('\\', "/");
            percent_encode(s.trim_start_matches("./"))
        }
        None => format!("file://{}", percent_encode(&p.to_string_lossy())),
    }
}

/// A path as a URI reference (RFC 3986): every byte but the unreserved
/// characters and `/` percent-encoded, so spaces, `#`, `?`, `%` and
/// newlines in file names survive.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn physical(docs: &[Document], c: &Claim, cwd: &Path) -> Value {
    let l = location::of(docs, c);
    json!({
        "artifactLocation": {"uri": uri(l.file, cwd)},
        "region": {
            "startLine": l.line,
            "startColumn": l.column,
            "endLine": l.end_line,
            "endColumn": l.end_column,
            "byteOffset": c.span.start,
            "byteLength": c.span.end - c.span.start,
            "snippet": {"text": exact(&docs[c.doc], c.span)},
        }
    })
}

/// Writes the SARIF log to `w`, each result made as it is written.
pub fn write(
    w: &mut dyn std::io::Write,
    docs: &[Document],
    b: &Bounded,
    rules: &RuleSet,
    cwd: &Path,
) -> std::io::Result<()> {
    let findings = &b.findings;
    let mut rule_ids: Vec<String> = rules.conflicts.iter().map(|c| c.id.clone()).collect();
    let mut descriptors: Vec<Value> = rules
        .conflicts
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "name": c.id,
                "shortDescription": {"text": if c.description.is_empty() { c.kind.as_str().to_string() } else { c.description.clone() }},
                "fullDescription": {"text": kind_doc(c.kind)},
                "help": {"text": kind_doc(c.kind), "markdown": kind_doc(c.kind)},
                "defaultConfiguration": {"level": level(c.severity)},
                "properties": {"kind": c.kind.as_str(), "pack": c.pack},
            })
        })
        .collect();
    // Findings from rules outside the packs (suppression checks) are listed too.
    for f in findings {
        if !rule_ids.contains(&f.rule) {
            rule_ids.push(f.rule.clone());
            descriptors.push(json!({
                "id": f.rule, "name": f.rule,
                "shortDescription": {"text": kind_doc(f.kind).lines().next().unwrap_or("")},
                "fullDescription": {"text": kind_doc(f.kind)},
                "defaultConfiguration": {"level": level(f.severity)},
            }));
        }
    }
    let sarif = Sarif {
        schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results: Results { docs, bounded: b, rule_ids: &rule_ids, cwd },
            tool: json!({"driver": {
                "name": "factlint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }}),
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *w, &sarif)?;
    w.write_all(b"\n")
}

/// The SARIF log, its keys in the order `serde_json::Value` writes them
/// (sorted), so that results can be written one by one.
#[derive(serde::Serialize)]
struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(serde::Serialize)]
struct Run<'a> {
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
    results: Results<'a>,
    tool: Value,
}

/// The results, each made when it is written.
struct Results<'a> {
    docs: &'a [Document],
    bounded: &'a Bounded,
    rule_ids: &'a [String],
    cwd: &'a Path,
}

impl serde::Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.bounded;
        s.collect_seq(b.findings.iter().zip(&b.passages).map(|(f, p)| result(self.docs, f, p, self.rule_ids, self.cwd)))
    }
}

/// One finding as a SARIF result.
fn result(docs: &[Document], f: &Finding, p: &Passages, rule_ids: &[String], cwd: &Path) -> Value {
    let related: Vec<Value> = f.claims[1..]
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut loc = json!({"id": i + 1, "physicalLocation": physical(docs, c, cwd)});
            let what = match &c.said_by {
                Some(s) => format!("{} (said by {s})", c.object),
                None => c.object.clone(),
            };
            loc["message"] = json!({"text": what});
            loc
        })
        .collect();
    let links: Vec<String> = (1..f.claims.len()).map(|i| format!("[passage {}]({i})", i + 1)).collect();
    let mut text = f.message.clone();
    if !links.is_empty() {
        text.push_str(&format!(". See {}.", links.join(", ")));
    }
    if p.total > f.claims.len() {
        text.push_str(&format!(" ({} passages in {} documents in all.)", p.total, p.documents));
    }
    text.push_str(&format!(" {}", f.help));
    json!({
        "ruleId": f.rule,
        "ruleIndex": rule_ids.iter().position(|r| *r == f.rule).unwrap_or(0),
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical(docs, &f.claims[0], cwd)}],
        "relatedLocations": related,
        "partialFingerprints": {"factlint/v1": p.fingerprint},
        "properties": {"subject": f.subject, "kind": f.kind.as_str(), "passagesTotal": p.total},
    })
}

/// The report as one string (for tests and small reports).
pub fn render(docs: &[Document], b: &Bounded, rules: &RuleSet, cwd: &Path) -> String {
    let mut out = Vec::new();
    match write(&mut out, docs, b, rules, cwd) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}
