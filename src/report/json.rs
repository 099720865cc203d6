//! `--format json`, version 2 of the output contract (DESIGN.md section 6;
//! version 2 added `passages`):
//!
//! ```json
//! {"version": 2,
//!  "documents": [{"file", "date", "date_source"}],
//!  "findings": [{"rule", "kind", "severity", "message", "subject",
//!                "claims": [{"file", "start", "end", "line", "column", "text",
//!                            "text_normalised", "predicate", "object", "polarity", "modality",
//!                            "valid": {"start", "end", "grain"} | null,
//!                            "said_by"}],
//!                "passages": {"total", "shown", "documents",
//!                             "groups": [{"text_normalised", "count"}], "groups_total"}}]}
//! ```
//! `start`/`end` are byte offsets into the file as stored; `line`/`column`
//! are 1-based, the column counted in characters; `valid.end` is exclusive.

use super::passages::Bounded;
use super::{exact, line_col, passage};
use crate::corpus::Document;
use serde::Serialize;

/// The report, serialised as it is written: each finding's passages are
/// read out of their documents only when the finding is written, so a
/// report of any size never sits whole in memory (`write`).
#[derive(Serialize)]
pub struct Report<'a> {
    pub version: u32,
    pub documents: Documents<'a>,
    pub findings: Findings<'a>,
}

/// The documents of a report, serialised one by one.
pub struct Documents<'a>(&'a [Document]);

impl Serialize for Documents<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|d| DocumentOut {
            file: &d.path,
            date: d.date.map(|x| x.to_string()),
            date_source: d.date_source.as_str(),
        }))
    }
}

/// The findings of a report, each made when it is serialised.
pub struct Findings<'a> {
    docs: &'a [Document],
    bounded: &'a Bounded,
}

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.bounded.findings.iter().zip(&self.bounded.passages).map(|(f, p)| finding(self.docs, f, p)))
    }
}

#[derive(Serialize)]
pub struct DocumentOut<'a> {
    pub file: &'a str,
    pub date: Option<String>,
    pub date_source: &'static str,
}

#[derive(Serialize)]
pub struct FindingOut<'a> {
    pub rule: &'a str,
    pub kind: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub subject: &'a str,
    /// The passages shown (all, or `--max-passages` of them).
    pub claims: Vec<ClaimOut<'a>>,
    pub passages: PassagesOut<'a>,
}

/// How many passages the finding has in all, and their wordings.
#[derive(Serialize)]
pub struct PassagesOut<'a> {
    pub total: usize,
    pub shown: usize,
    pub documents: usize,
    pub groups: Vec<GroupOut<'a>>,
    pub groups_total: usize,
}

#[derive(Serialize)]
pub struct GroupOut<'a> {
    pub text_normalised: &'a str,
    pub count: usize,
}

#[derive(Serialize)]
pub struct ClaimOut<'a> {
    pub file: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// The passage's exact bytes (`start..end` of the file).
    pub text: &'a str,
    /// The same on one line, whitespace runs as one space.
    pub text_normalised: String,
    pub predicate: &'a str,
    pub object: &'a str,
    pub polarity: &'static str,
    pub modality: &'static str,
    pub valid: Option<ValidOut>,
    pub said_by: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ValidOut {
    pub start: String,
    pub end: String,
    pub grain: &'static str,
}

pub fn report<'a>(docs: &'a [Document], b: &'a Bounded) -> Report<'a> {
    Report { version: 2, documents: Documents(docs), findings: Findings { docs, bounded: b } }
}

fn finding<'a>(docs: &'a [Document], f: &'a crate::check::Finding, p: &'a super::passages::Passages) -> FindingOut<'a> {
    FindingOut {
        rule: &f.rule,
        kind: f.kind.as_str(),
        severity: f.severity.as_str(),
        message: &f.message,
        subject: &f.subject,
        claims: f
            .claims
            .iter()
            .map(|c| {
                let d = &docs[c.doc];
                let (line, column) = line_col(d, c.span);
                ClaimOut {
                    file: &d.path,
                    start: c.span.start,
                    end: c.span.end,
                    line,
                    column,
                    text: exact(d, c.span),
                    text_normalised: passage(d, c.span),
                    predicate: &c.predicate,
                    object: &c.object,
                    polarity: c.polarity.as_str(),
                    modality: c.modality.as_str(),
                    valid: c.valid.map(|v| ValidOut {
                        start: v.start.to_string(),
                        end: v.end.to_string(),
                        grain: v.grain.as_str(),
                    }),
                    said_by: c.said_by.as_deref(),
                }
            })
            .collect(),
        passages: PassagesOut {
            total: p.total,
            shown: f.claims.len(),
            documents: p.documents,
            groups: p.groups.iter().map(|(t, n)| GroupOut { text_normalised: t, count: *n }).collect(),
            groups_total: p.groups_total,
        },
    }
}

/// Writes the report to `w` as it is serialised.
pub fn write(w: &mut dyn std::io::Write, docs: &[Document], b: &Bounded) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &report(docs, b))?;
    w.write_all(b"\n")
}

/// The report as one string (for tests and small reports).
pub fn render(docs: &[Document], b: &Bounded) -> String {
    let mut out = Vec::new();
    match write(&mut out, docs, b) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}
