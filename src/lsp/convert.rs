//! Engine results to protocol values: findings to diagnostics, paths to
//! URIs. No checking here.

use super::position::LineIndex;
use crate::check::Finding;
use crate::corpus::Document;
use crate::rules::Severity;
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// `file://` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    Uri::from_str(&format!("file://{}", crate::report::sarif::percent_encode(&abs.to_string_lossy()))).ok()
}

/// The path of a `file://` URI (percent-decoded); `None` for other schemes.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // An authority (host) before the path is not a local file.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let b = path.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Who said a passage and when, for a related location's message.
fn said(docs: &[Document], c: &crate::check::Claim) -> String {
    let d = &docs[c.doc];
    let who = c.said_by.clone().unwrap_or_else(|| "the report".into());
    let when = d.date.map(|x| format!(", {x}")).unwrap_or_default();
    let text: String =
        d.text.get(c.span.start..c.span.end).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{who}{when}: \"{text}\"")
}

/// One diagnostic per finding, on the first passage of document `at`
/// (findings are ordered with that document's passages first), related to
/// every other passage. `docs_href` gives a rule's documentation link.
pub fn diagnostics(
    docs: &[Document],
    at: usize,
    findings: &[Finding],
    docs_href: &dyn Fn(&str) -> Option<Uri>,
) -> Vec<Diagnostic> {
    let own = &docs[at];
    let ix = LineIndex::new(&own.text);
    let mut out = Vec::new();
    for f in findings {
        let Some(first) = f.claims.iter().find(|c| c.doc == at) else { continue };
        let mut related = Vec::new();
        for c in f.claims.iter().filter(|c| !std::ptr::eq(*c, first)) {
            let d = &docs[c.doc];
            let Some(uri) = uri_of(Path::new(&d.path)) else { continue };
            let range = LineIndex::new(&d.text).range(c.span.start, c.span.end);
            related.push(DiagnosticRelatedInformation { location: Location { uri, range }, message: said(docs, c) });
        }
        out.push(Diagnostic {
            range: ix.range(first.span.start, first.span.end),
            severity: Some(severity(f.severity)),
            code: Some(NumberOrString::String(f.rule.clone())),
            code_description: docs_href(&f.rule).map(|href| CodeDescription { href }),
            source: Some("factlint".into()),
            message: if f.help.is_empty() { f.message.clone() } else { format!("{}\n{}", f.message, f.help) },
            related_information: Some(related),
            tags: None,
            data: Some(serde_json::json!({ "subject": f.subject, "kind": format!("{:?}", f.kind) })),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_uris_round_trip() {
        for p in ["/tmp/a b/ü#1.md", "/srv/news/2025/x%y.txt", "/plain/path.txt"] {
            let u = uri_of(Path::new(p)).unwrap();
            assert!(u.as_str().starts_with("file:///"), "{}", u.as_str());
            assert_eq!(path_of(&u).unwrap(), PathBuf::from(p));
        }
        assert_eq!(path_of(&Uri::from_str("untitled:Untitled-1").unwrap()), None);
    }
}
