//! The default output: one miette diagnostic per finding. The first claim is
//! labelled in its own file; every other claim is a related diagnostic with
//! its own file, so each passage shows with its file:line:col, who said it
//! and when it holds; the help line says why they cannot all hold.

use super::passage;
use super::passages::Bounded;
use crate::check::{describe_span, Claim, Finding};
use crate::corpus::{Document, Problem, ProblemSeverity};
use crate::extract::Polarity;
use crate::rules::Severity;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use std::fmt;
use std::sync::Arc;

/// A document as miette source, with the column in the header counted in
/// characters (as in the JSON contract) rather than bytes.
#[derive(Debug, Clone)]
struct DocSource {
    name: String,
    text: Arc<str>,
}

impl SourceCode for DocSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let line_start = self.text[..span.offset().min(self.text.len())].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let column = self.text.get(line_start..span.offset()).map(|t| t.chars().count()).unwrap_or(inner.column());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            if before == 0 { column } else { inner.column() },
            inner.line_count(),
        )))
    }
}

#[derive(Debug)]
struct FindingDiag {
    message: String,
    code: String,
    severity: miette::Severity,
    help: String,
    src: DocSource,
    label: LabeledSpan,
    related: Vec<ClaimDiag>,
}

#[derive(Debug)]
struct ClaimDiag {
    message: String,
    src: DocSource,
    label: LabeledSpan,
}

impl fmt::Display for FindingDiag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}
impl std::error::Error for FindingDiag {}

impl Diagnostic for FindingDiag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

impl fmt::Display for ClaimDiag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}
impl std::error::Error for ClaimDiag {}

impl Diagnostic for ClaimDiag {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

/// What a claim says, by whom, and when it holds:
/// "on_hold · said by X · holds 2025-10-22 (dateline)".
fn claim_label(c: &Claim) -> String {
    let mut parts = Vec::new();
    let neg = if c.polarity == Polarity::Negative { "not " } else { "" };
    match c.predicate.as_str() {
        "date" => parts.push(format!("took place {}", c.valid.as_ref().map(describe_span).unwrap_or_default())),
        "name" => parts.push(format!("spelled \"{}\"", c.object)),
        "quote" => parts.push("worded so".to_string()),
        "weekday" => parts.push(format!("written {}", c.object)),
        _ => parts.push(format!("{neg}{}", crate::check::readable(&c.object))),
    }
    if let Some(s) = &c.said_by {
        parts.push(format!("said by {s}"));
    }
    if let Some(v) = &c.valid {
        if !matches!(c.predicate.as_str(), "date" | "weekday") {
            parts.push(format!("holds {} ({})", describe_span(v), c.valid_origin));
        }
    }
    parts.join(" · ")
}

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    // Related passages nested under the finding, not each labelled "Advice:".
    GraphicalReportHandler::new_themed(theme).with_width(160).with_context_lines(0).with_show_related_as_nested(true)
}

/// Render all findings, then a summary line.
pub fn render(docs: &[Document], b: &Bounded, color: bool) -> String {
    let mut out = render_findings(docs, b, color);
    out.push_str(&summary(docs.len(), &b.findings));
    out
}

/// The findings alone, without the summary line (`--quiet`).
pub fn render_findings(docs: &[Document], b: &Bounded, color: bool) -> String {
    let h = handler(color);
    let mut out = String::new();
    let texts: Vec<Arc<str>> = docs.iter().map(|d| Arc::from(d.text.as_str())).collect();
    for (f, p) in b.findings.iter().zip(&b.passages) {
        let src = |c: &Claim| DocSource { name: docs[c.doc].path.clone(), text: texts[c.doc].clone() };
        let first = &f.claims[0];
        let diag = FindingDiag {
            message: f.message.clone(),
            code: f.rule.clone(),
            severity: severity(f.severity),
            help: f.help.clone(),
            src: src(first),
            label: LabeledSpan::new_primary_with_span(
                Some(claim_label(first)),
                (first.span.start, first.span.end - first.span.start),
            ),
            related: f.claims[1..]
                .iter()
                .map(|c| ClaimDiag {
                    message: format!("\"{}\"", passage(&docs[c.doc], c.span)),
                    src: src(c),
                    label: LabeledSpan::new_primary_with_span(
                        Some(claim_label(c)),
                        (c.span.start, c.span.end - c.span.start),
                    ),
                })
                .collect(),
        };
        let _ = h.render_report(&mut out, &diag);
        if p.total > f.claims.len() {
            let groups: Vec<String> = p.groups.iter().take(5).map(|(t, n)| format!("\"{t}\" x{n}")).collect();
            out.push_str(&format!(
                "  ... and {} more passages: {} in {} documents, {} wordings ({}{}); --max-passages 0 shows every one\n",
                p.total - f.claims.len(),
                p.total,
                p.documents,
                p.groups_total,
                groups.join(", "),
                if p.groups_total > groups.len() { ", ..." } else { "" }
            ));
        }
        out.push('\n');
    }
    out
}

pub fn summary(ndocs: usize, findings: &[Finding]) -> String {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
    format!(
        "{} finding{} ({errors} error{}, {warnings} warning{}) in {ndocs} document{}\n",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        if ndocs == 1 { "" } else { "s" }
    )
}

#[derive(Debug)]
struct ProblemDiag {
    path: String,
    message: String,
    help: String,
    severity: miette::Severity,
}

impl fmt::Display for ProblemDiag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}
impl std::error::Error for ProblemDiag {}

impl Diagnostic for ProblemDiag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("factlint::input"))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }
}

/// A document problem (unreadable, no date, ...) as a diagnostic.
pub fn render_problem(p: &Problem, color: bool) -> String {
    let d = ProblemDiag {
        path: p.path.clone(),
        message: p.message.clone(),
        help: p.help.clone(),
        severity: if p.severity == ProblemSeverity::Error {
            miette::Severity::Error
        } else {
            miette::Severity::Warning
        },
    };
    let mut s = String::new();
    let _ = handler(color).render_report(&mut s, &d);
    s
}
