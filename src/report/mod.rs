//! Rendering: findings and facts to text. The only stage that knows serde
//! and miette's graphical output. One file per format.

pub mod concise;
pub mod facts;
pub mod github;
pub mod human;
pub mod json;
pub mod location;
pub mod passages;
pub mod sarif;
pub mod statistics;

use crate::corpus::Document;
use crate::text::Span;

/// 1-based line and column of a span's start.
pub fn line_col(doc: &Document, span: Span) -> (usize, usize) {
    doc.lines.line_col(&doc.text, span.start)
}

/// The passage of a span exactly as the file has it (tabs, line breaks and
/// no-break spaces included): `text == bytes[start..end]`.
pub fn exact(doc: &Document, span: Span) -> &str {
    doc.text.get(span.start..span.end).unwrap_or("")
}

/// The passage of a span, on one line, whitespace runs as one space.
pub fn passage(doc: &Document, span: Span) -> String {
    doc.text.get(span.start..span.end).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
}
