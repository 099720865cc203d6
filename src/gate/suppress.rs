//! Inline suppressions in documents.
//!
//! In Markdown, HTML comments:
//! `<!-- factlint-disable-next-line RULE -->`,
//! `<!-- factlint-disable RULE -->` ... `<!-- factlint-enable RULE -->`;
//! in plain text the same inside `[factlint: ...]` markers. Several rules
//! are separated by commas; no rule means every rule. A reason may follow
//! `--`: `<!-- factlint-disable-next-line quote-drift -- corrected in print -->`.
//!
//! A suppression acts on the passages of its own document: a finding loses
//! its passages that lie in a suppressed region for its rule, and is
//! dropped when what is left no longer disagrees (a suppression in one
//! article never hides a conflict between two others). Comments inside
//! Markdown code fences are examples, not suppressions. A suppression that
//! suppresses nothing, or names a rule no pack has, is reported
//! (`unused-suppression`, warning), and with `--require-reason` one without
//! a reason is an error (`suppression-reason`).

use crate::check::{Claim, Finding};
use crate::corpus::Document;
use crate::rules::{ConflictKind, Severity};
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

pub const DOC: &str =
    "Suppression comments.\n\n**What it finds**: a `factlint-disable` comment that suppresses no finding \
(`unused-suppression`), or, with `--require-reason`, one that gives no reason after `--` \
(`suppression-reason`).\n\n**Why**: stale suppressions hide future findings; unexplained ones hide why a \
conflict was accepted.\n\n**Example**: `<!-- factlint-disable-next-line quote-drift -- corrected in print -->`.\n";

pub const UNUSED: &str = "unused-suppression";
pub const NO_REASON: &str = "suppression-reason";

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*factlint-(disable-next-line|disable|enable)\b(.*?)-->|\[factlint:\s*(disable-next-line|disable|enable)\b([^\]]*)\]").unwrap()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    DisableNextLine,
    Disable,
    Enable,
}

/// One suppression comment and the text it covers.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub doc: usize,
    pub directive: Directive,
    /// Empty: every rule.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// The comment itself.
    pub span: Span,
    /// What it suppresses (for `enable`, nothing).
    pub region: Span,
}

impl Suppression {
    fn covers(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r == rule || r == "all")
    }
}

/// The suppressions of one document.
pub fn parse(doc: usize, text: &str) -> Vec<Suppression> {
    let mut found: Vec<Suppression> = Vec::new();
    // Every directive names the tool: a text without the word has none
    // (and the pattern, 2 ms to compile, is not built for it).
    if !text.contains("factlint") {
        return found;
    }
    let fences = code_fences(text);
    for c in DIRECTIVE.captures_iter(text) {
        let whole = c.get(0).map(|m| Span::new(m.start(), m.end())).unwrap_or(Span::new(0, 0));
        if fences.iter().any(|f| f.contains(whole.start)) {
            continue;
        }
        let kind = c.get(1).or(c.get(3)).map(|m| m.as_str()).unwrap_or("");
        let body = c.get(2).or(c.get(4)).map(|m| m.as_str()).unwrap_or("");
        let (rules, reason) = match body.split_once("--") {
            Some((r, why)) => (r, Some(why.trim().to_string()).filter(|s| !s.is_empty())),
            None => (body, None),
        };
        let rules: Vec<String> =
            rules.split([',', ' ']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        let directive = match kind {
            "disable-next-line" => Directive::DisableNextLine,
            "disable" => Directive::Disable,
            _ => Directive::Enable,
        };
        let region = match directive {
            Directive::DisableNextLine => next_line(text, whole.end),
            Directive::Disable => Span::new(whole.end, text.len()),
            Directive::Enable => Span::new(whole.end, whole.end),
        };
        found.push(Suppression { doc, directive, rules, reason, span: whole, region });
    }
    // A block ends at the first later `enable` that names one of its rules
    // (or names none).
    let enables: Vec<(usize, Vec<String>)> =
        found.iter().filter(|s| s.directive == Directive::Enable).map(|s| (s.span.start, s.rules.clone())).collect();
    for s in found.iter_mut().filter(|s| s.directive == Directive::Disable) {
        if let Some((at, _)) = enables.iter().find(|(at, rules)| {
            *at > s.span.start && (rules.is_empty() || s.rules.is_empty() || rules.iter().any(|r| s.rules.contains(r)))
        }) {
            s.region.end = *at;
        }
    }
    found
}

/// Markdown code fences (between lines opening with ``` or ~~~; an
/// unclosed fence runs to the end).
fn code_fences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let mark = ["```", "~~~"].into_iter().find(|m| t.starts_with(m));
        match (open, mark) {
            (None, Some(m)) => open = Some((at, m)),
            (Some((start, m)), Some(n)) if m == n => {
                out.push(Span::new(start, at + line.len()));
                open = None;
            }
            _ => {}
        }
        at += line.len();
    }
    if let Some((start, _)) = open {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Whether the passages left of a finding still disagree: two or more, and
/// not all saying the same (value, polarity and words).
fn still_disagree(docs: &[Document], claims: &[Claim]) -> bool {
    let say = |c: &Claim| (c.object.clone(), c.polarity, crate::report::passage(&docs[c.doc], c.span).to_lowercase());
    claims.len() >= 2 && claims.iter().any(|c| say(c) != say(&claims[0]))
}

/// The next non-blank line after `from`.
fn next_line(text: &str, from: usize) -> Span {
    let mut start = text[from..].find('\n').map(|i| from + i + 1).unwrap_or(text.len());
    while start < text.len() {
        let end = text[start..].find('\n').map(|i| start + i).unwrap_or(text.len());
        if !text[start..end].trim().is_empty() {
            return Span::new(start, end);
        }
        start = end + 1;
    }
    Span::new(text.len(), text.len())
}

/// Drop suppressed findings; report unused and (if required) unexplained
/// suppressions as findings of their own.
///
/// `known` holds the rule ids of the loaded packs.
pub fn apply(docs: &[Document], findings: Vec<Finding>, require_reason: bool, known: &[&str]) -> Vec<Finding> {
    let mut sups: Vec<Suppression> = docs.iter().enumerate().flat_map(|(i, d)| parse(i, &d.text)).collect();
    let mut used = vec![false; sups.len()];
    let mut kept = Vec::with_capacity(findings.len());
    for mut f in findings {
        let hit = |c: &Claim| {
            sups.iter().position(|s| {
                s.directive != Directive::Enable && s.covers(&f.rule) && c.doc == s.doc && c.span.overlaps(&s.region)
            })
        };
        let hits: Vec<Option<usize>> = f.claims.iter().map(hit).collect();
        if hits.iter().all(Option::is_none) {
            kept.push(f);
            continue;
        }
        for i in hits.iter().flatten() {
            used[*i] = true;
        }
        let mut left = hits.iter().map(Option::is_none);
        f.claims.retain(|_| left.next().unwrap_or(false));
        if still_disagree(docs, &f.claims) {
            kept.push(f);
        }
    }
    let meta = |s: &Suppression, rule: &str, severity: Severity, message: String, help: &str| Finding {
        rule: rule.to_string(),
        kind: ConflictKind::Suppression,
        severity,
        message,
        subject: s.rules.join(","),
        help: help.to_string(),
        claims: vec![Claim::timeless(
            s.doc,
            s.span,
            "suppression",
            if s.rules.is_empty() { "all rules".into() } else { s.rules.join(", ") },
        )],
    };
    for (i, s) in sups.iter_mut().enumerate() {
        if s.directive == Directive::Enable {
            continue;
        }
        let what = if s.rules.is_empty() { "every rule".to_string() } else { s.rules.join(", ") };
        let unknown: Vec<&str> =
            s.rules.iter().map(String::as_str).filter(|r| *r != "all" && !known.contains(r)).collect();
        if !unknown.is_empty() {
            kept.push(meta(
                s,
                UNUSED,
                Severity::Warning,
                format!("suppression names an unknown rule: {}", unknown.join(", ")),
                "use a rule id as `factlint rules` lists them",
            ));
        } else if !used[i] {
            kept.push(meta(
                s,
                UNUSED,
                Severity::Warning,
                format!("suppression of {what} suppresses nothing"),
                "remove it: the conflict it was written for is gone",
            ));
        }
        if require_reason && s.reason.is_none() {
            kept.push(meta(
                s,
                NO_REASON,
                Severity::Error,
                format!("suppression of {what} gives no reason"),
                "add a reason after `--`, e.g. `-- corrected in print`",
            ));
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_markdown_and_plain_text_forms() {
        let t = "a\n<!-- factlint-disable-next-line quote-drift -- corrected in print -->\n\nquoted line\n[factlint: disable status-clash, name-spelling]\nx\n[factlint: enable status-clash]\ny\n";
        let s = parse(0, t);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].rules, ["quote-drift"]);
        assert_eq!(s[0].reason.as_deref(), Some("corrected in print"));
        assert_eq!(&t[s[0].region.start..s[0].region.end], "quoted line");
        assert_eq!(s[1].rules, ["status-clash", "name-spelling"]);
        assert!(t[s[1].region.start..s[1].region.end].contains('x'));
        assert!(!t[s[1].region.start..s[1].region.end].contains('y'));
    }

    #[test]
    fn a_comment_in_a_code_fence_is_an_example() {
        let t = "How to suppress:\n```\n<!-- factlint-disable quote-drift -->\n```\nText.\n<!-- factlint-disable name-spelling -->\n";
        let s = parse(0, t);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].rules, ["name-spelling"]);
    }
}
