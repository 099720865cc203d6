//! Where a claim is, in the forms the emitters need: path as given, 1-based
//! line and character column of its start and of its end (exclusive).

use crate::check::Claim;
use crate::corpus::Document;

pub struct Location<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn of<'a>(docs: &'a [Document], c: &Claim) -> Location<'a> {
    let d = &docs[c.doc];
    let (line, column) = d.lines.line_col(&d.text, c.span.start);
    let (end_line, end_column) = d.lines.line_col(&d.text, c.span.end);
    Location { file: &d.path, line, column, end_line, end_column }
}

impl std::fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", one_line(self.file), self.line, self.column)
    }
}

/// A path on one line: control characters (a newline in a file name) as
/// escapes, so a line-based format keeps one finding per line.
pub fn one_line(path: &str) -> std::borrow::Cow<'_, str> {
    if path.chars().any(char::is_control) {
        path.chars().flat_map(char::escape_default).collect::<String>().into()
    } else {
        path.into()
    }
}
