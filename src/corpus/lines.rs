//! Byte offsets to 1-based lines and character columns.

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        // A byte-order mark is no character of the first line: columns
        // there count from after it, as editors show them.
        let first = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        let starts = std::iter::once(first).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts }
    }

    /// The 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let col = text.get(start..offset).map(|s| s.chars().count()).unwrap_or(offset - start);
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let t = "ab\n“cd” ef\n";
        let li = LineIndex::new(t);
        assert_eq!(li.line_col(t, 0), (1, 1));
        assert_eq!(li.line_col(t, 3), (2, 1));
        let e = t.find("ef").unwrap();
        assert_eq!(li.line_col(t, e), (2, 6));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let t = "\u{feff}Keller said.\n";
        let li = LineIndex::new(t);
        assert_eq!(li.line_col(t, t.find("said").unwrap()), (1, 8));
    }
}
