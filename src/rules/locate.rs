//! Where each key and value of a YAML file is, by path, from the YAML
//! parser's own marks: `conflicts.2.predicate` names the value, and
//! `conflicts.2.predicate#key` names its key.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Byte offset and length of a node in the source.
pub type Loc = (usize, usize);

#[derive(Debug, Default)]
pub struct Locations {
    map: HashMap<String, Loc>,
}

impl Locations {
    pub fn of(source: &str) -> Locations {
        let mut rec = Receiver {
            source,
            line_starts: line_starts(source),
            stack: Vec::new(),
            out: HashMap::new(),
            cursor: std::cell::Cell::new((0, 0)),
        };
        let mut parser = Parser::new_from_str(source);
        // A file that does not parse gets its error from serde_yaml instead.
        let _ = parser.load(&mut rec, false);
        Locations { map: rec.out }
    }

    /// The location of a value, falling back to its closest ancestor.
    pub fn get(&self, path: &str) -> Option<Loc> {
        let mut p = path.to_string();
        loop {
            if let Some(l) = self.map.get(&p) {
                return Some(*l);
            }
            match p.rfind('.') {
                Some(i) => p.truncate(i),
                None => return None,
            }
        }
    }

    pub fn key(&self, path: &str) -> Option<Loc> {
        self.map.get(&format!("{path}#key")).copied().or_else(|| self.get(path))
    }
}

fn line_starts(s: &str) -> Vec<usize> {
    std::iter::once(0).chain(s.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

enum Frame {
    Map { prefix: String, key: Option<String> },
    Seq { prefix: String, index: usize },
}

struct Receiver<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    out: HashMap<String, Loc>,
    /// The last (character index, byte offset) converted: events come in
    /// order, so each conversion walks only the text since the last one
    /// (a pack of 100,000 phrases on one line costs n, not n squared).
    cursor: std::cell::Cell<(usize, usize)>,
}

impl Receiver<'_> {
    fn offset(&self, m: &Marker) -> usize {
        let (ci, bi) = self.cursor.get();
        if m.index() >= ci {
            let rest = &self.source[bi..];
            let b = rest.char_indices().nth(m.index() - ci).map_or(self.source.len(), |(i, _)| bi + i);
            self.cursor.set((m.index(), b));
            return b;
        }
        // Marker lines are 1-based, columns 0-based and counted in chars.
        let line = m.line().saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(self.source.len());
        let rest = &self.source[start..];
        let col = rest.char_indices().nth(m.col()).map(|(i, _)| i).unwrap_or(rest.len());
        start + col
    }

    /// The path of the node that the next value event fills, if it is a value.
    fn next_path(&mut self) -> Option<String> {
        match self.stack.last_mut()? {
            Frame::Map { prefix, key } => key.take().map(|k| join(prefix, &k)),
            Frame::Seq { prefix, index } => {
                let p = join(prefix, &index.to_string());
                *index += 1;
                Some(p)
            }
        }
    }

    fn scalar_len(&self, at: usize) -> usize {
        // Up to the end of the line, trimmed: good enough to underline a
        // scalar. (At most 512 bytes of it: a flow list on one huge line.)
        let mut end = (at + 512).min(self.source.len());
        while !self.source.is_char_boundary(end) {
            end -= 1;
        }
        let rest = &self.source[at..end];
        let line = rest.split('\n').next().unwrap_or("");
        let line = line.split(" #").next().unwrap_or(line).trim_end();
        let line = line.trim_end_matches([',', ']', '}']);
        line.len().max(1)
    }
}

fn join(prefix: &str, part: &str) -> String {
    if prefix.is_empty() {
        part.to_string()
    } else {
        format!("{prefix}.{part}")
    }
}

impl MarkedEventReceiver for Receiver<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let at = self.offset(&mark);
        match ev {
            Event::Scalar(value, ..) => {
                // A scalar is a key when the enclosing map waits for one.
                if let Some(Frame::Map { prefix, key }) = self.stack.last_mut() {
                    if key.is_none() {
                        let p = join(prefix, &value);
                        *key = Some(value);
                        let len = self.scalar_len(at).min(p.len() + 64);
                        self.out.insert(format!("{p}#key"), (at, len));
                        return;
                    }
                }
                if let Some(p) = self.next_path() {
                    let len = self.scalar_len(at);
                    self.out.insert(p, (at, len));
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let prefix = self.next_path().unwrap_or_default();
                if !prefix.is_empty() {
                    self.out.entry(prefix.clone()).or_insert((at, 1));
                }
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { prefix, key: None }
                } else {
                    Frame::Seq { prefix, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let src = "conflicts:\n  - id: a\n    predicate: stat\n";
        let l = Locations::of(src);
        let (at, len) = l.get("conflicts.0.predicate").unwrap();
        assert_eq!(&src[at..at + len], "stat");
        let (k, _) = l.key("conflicts.0.predicate").unwrap();
        assert!(src[k..].starts_with("predicate"));
    }

    #[test]
    fn flow_sequences() {
        let src = "values:\n  on_hold: [\"on hold\", \"\"]\n";
        let l = Locations::of(src);
        let (at, _) = l.get("values.on_hold.1").unwrap();
        assert!(src[at..].starts_with("\"\""));
    }

    #[test]
    fn offsets_after_wide_characters_and_on_one_long_line() {
        let src = "# café ☕\nvalues:\n  on_hold: [\"é\", \"ü\", \"zz\"]\n";
        let l = Locations::of(src);
        let (at, _) = l.get("values.on_hold.2").unwrap();
        assert!(src[at..].starts_with("\"zz\""), "{}", &src[at..]);
        let many: Vec<String> = (0..5000).map(|i| format!("\"p{i}\"")).collect();
        let src = format!("values:\n  on_hold: [{}]\n", many.join(", "));
        let l = Locations::of(&src);
        let (at, _) = l.get("values.on_hold.4999").unwrap();
        assert!(src[at..].starts_with("\"p4999\""));
    }
}
