//! Byte offsets to protocol positions and back. The Language Server
//! Protocol counts lines from 0 and characters in UTF-16 code units; the
//! engine counts bytes of UTF-8. Every conversion of the server goes
//! through here.

use lsp_types::{Position, Range};

/// Line starts of one text, for conversions in both directions.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to the
    /// start of a character it falls inside).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position { line: line as u32, character: character as u32 }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range { start: self.position(start), end: self.position(end) }
    }

    /// The byte offset of a position: a character past the end of its line
    /// is the line's end, a line past the end is the text's end, and a
    /// position inside a surrogate pair is the start of its character.
    pub fn offset(&self, p: Position) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else { return self.text.len() };
        let end = self.starts.get(p.line as usize + 1).map_or(self.text.len(), |&e| e - 1);
        let mut units = 0usize;
        for (i, c) in self.text[start..end].char_indices() {
            if units + c.len_utf16() > p.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn ascii_lines() {
        let t = "ab\ncd\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.position(0), pos(0, 0));
        assert_eq!(ix.position(2), pos(0, 2));
        assert_eq!(ix.position(3), pos(1, 0));
        assert_eq!(ix.position(6), pos(2, 0));
        assert_eq!(ix.offset(pos(1, 1)), 4);
        assert_eq!(ix.offset(pos(1, 99)), 5);
        assert_eq!(ix.offset(pos(9, 0)), 6);
    }

    #[test]
    fn utf16_units_not_bytes() {
        // curly quotes (3 bytes, 1 unit), an accent (2 bytes, 1 unit), an
        // emoji (4 bytes, 2 units).
        let t = "\u{201c}Caf\u{e9}\u{201d} \u{1f600} said X";
        let ix = LineIndex::new(t);
        let x = t.find('X').unwrap();
        assert_eq!(ix.position(x), pos(0, 15));
        assert_eq!(ix.offset(pos(0, 15)), x);
        // Inside the emoji's surrogate pair: its start.
        let emoji = t.find('\u{1f600}').unwrap();
        assert_eq!(ix.offset(pos(0, 8)), emoji);
        // A byte inside a character: that character's start.
        assert_eq!(ix.position(1), pos(0, 0));
    }

    #[test]
    fn round_trip_every_boundary() {
        let t = "a\u{e9}\u{1f600}\nb\r\n\u{201c}c\u{201d}";
        let ix = LineIndex::new(t);
        for (i, _) in t.char_indices() {
            if t[i..].starts_with('\n') {
                continue;
            }
            assert_eq!(ix.offset(ix.position(i)), i, "offset {i}");
        }
    }
}
