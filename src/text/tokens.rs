//! Tokens shared by the time parser and the extractor: words (lowercased,
//! with a flag for a capital), numbers and punctuation, each with its byte
//! span in the original text.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A lowercased word; `cap` says whether it started with a capital.
    Word { text: String, cap: bool },
    /// Digits, possibly with an ordinal suffix ("16th"); `digits` counts them.
    Num { value: i64, digits: usize, ordinal: bool },
    /// One punctuation character ('-', ',', '/', '.', '\'', ...).
    Punct(char),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn word(&self) -> Option<&str> {
        match &self.kind {
            Kind::Word { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn is_word(&self, w: &str) -> bool {
        self.word() == Some(w)
    }

    pub fn is_punct(&self, c: char) -> bool {
        matches!(self.kind, Kind::Punct(p) if p == c)
    }

    pub fn num(&self) -> Option<(i64, usize, bool)> {
        match self.kind {
            Kind::Num { value, digits, ordinal } => Some((value, digits, ordinal)),
            _ => None,
        }
    }

    pub fn capitalised(&self) -> bool {
        matches!(self.kind, Kind::Word { cap: true, .. })
    }
}

/// The tokens of `text[span]` alone (one sentence), with offsets into
/// `text`: those [`tokenize`] gives of the whole text inside the span.
pub fn tokenize_span(text: &str, span: crate::text::Span) -> Vec<Token> {
    let mut out = tokenize(&text[span.start..span.end]);
    for t in &mut out {
        t.start += span.start;
        t.end += span.start;
    }
    out
}

/// Split text into tokens. Dashes of every kind become '-', curly
/// apostrophes become '\''; whitespace separates and is dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_alphabetic() {
            let mut end = i;
            let mut s = String::new();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphabetic() {
                    s.extend(d.to_lowercase());
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Token { kind: Kind::Word { text: s, cap: c.is_uppercase() }, start: i, end });
        } else if c.is_ascii_digit() {
            let mut end = i;
            let mut value: i64 = 0;
            let mut digits = 0;
            while let Some(&(j, d)) = chars.peek() {
                if let Some(v) = d.to_digit(10).filter(|_| d.is_ascii_digit()) {
                    value = value.saturating_mul(10).saturating_add(v as i64);
                    digits += 1;
                    end = j + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            // An ordinal suffix glued to the digits: 1st, 2nd, 3rd, 16th.
            let rest = &text[end..];
            let mut ordinal = false;
            for suf in ["st", "nd", "rd", "th"] {
                if rest.get(..2).is_some_and(|r| r.eq_ignore_ascii_case(suf))
                    && !rest[2..].starts_with(|ch: char| ch.is_alphabetic())
                {
                    ordinal = true;
                    end += 2;
                    chars.next();
                    chars.next();
                    break;
                }
            }
            out.push(Token { kind: Kind::Num { value, digits, ordinal }, start: i, end });
        } else if c.is_whitespace() {
            chars.next();
        } else {
            let p = match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                '\u{2018}' | '\u{2019}' => '\'',
                other => other,
            };
            out.push(Token { kind: Kind::Punct(p), start: i, end: i + c.len_utf8() });
            chars.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_offsets() {
        let t = tokenize("On Oct. 16th, 2025");
        assert_eq!(t.len(), 6);
        assert_eq!(t[0].word(), Some("on"));
        assert!(t[0].capitalised());
        assert!(t[2].is_punct('.'));
        assert_eq!(t[3].num(), Some((16, 2, true)));
        assert_eq!((t[3].start, t[3].end), (8, 12));
        assert_eq!(t[5].num(), Some((2025, 4, false)));
    }

    #[test]
    fn curly_dashes_and_apostrophes_normalise() {
        let t = tokenize("July 13\u{2013}15 New Year\u{2019}s");
        assert!(t[2].is_punct('-'));
        assert!(t[6].is_punct('\''));
    }
}
