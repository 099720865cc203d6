//! Text structure: sentences, clauses and quotations, each a byte span into
//! the document. Page furniture (navigation, headlines, copyright footers)
//! is left out of the sentences, so it never becomes claim material.

pub mod tokens;

use regex::Regex;

/// A set of words looked up once per token or more (a fixed, fast hash:
/// SipHash, the standard one, cost 3% of all CPU on wire copy; the keys
/// are a pack's vocabulary, so flooding attacks are not a concern).
pub type WordSet = FastSet<String>;

/// A map keyed by words, hashed as [`WordSet`].
pub type WordMap<V> = FastMap<String, V>;

/// A hash map with the fixed, fast hash of [`WordSet`], for maps built on a
/// hot path or over a whole corpus whose order nothing depends on.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// A hash set hashed as [`FastMap`].
pub type FastSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// A half-open byte span `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn overlaps(&self, o: &Span) -> bool {
        self.start < o.end && o.start < self.end
    }

    pub fn cover(&self, o: &Span) -> Span {
        Span::new(self.start.min(o.start), self.end.max(o.end))
    }
}

/// A quotation: the whole span with its marks, and the words inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub outer: Span,
    pub inner: Span,
}

/// Patterns of page furniture ("All rights reserved"). Each is its own
/// regex: one alternation of them, or a `RegexSet`, loses the literal
/// prefilter each has alone and reads a line three times slower. The
/// default has none.
#[derive(Debug, Clone, Default)]
pub struct Boilerplate(Vec<Regex>);

impl Boilerplate {
    pub fn push(&mut self, pattern: Regex) {
        self.0.push(pattern);
    }

    pub fn is_match(&self, line: &str) -> bool {
        self.0.iter().any(|r| r.is_match(line))
    }
}

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: [&str; 44] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "inc",
    "corp", "ltd", "co", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mt", "ft", "ave", "etc", "approx", "dept", "est", "fig", "cf", "al",
];

/// Sentences of the body, skipping page furniture: headlines, navigation
/// and footers. A paragraph hard-wrapped over several lines (as in
/// Markdown and text kept in git) is read as one: a sentence may span a
/// line break. A line is furniture when its paragraph has no sentence
/// punctuation at all (a headline, a byline, a menu) or when it is a
/// short line matching a boilerplate pattern of the rule packs
/// ([`FURNITURE_MAX_WORDS`]), never for a word somewhere in running text.
pub fn sentences(text: &str, body_start: usize, boilerplate: &Boilerplate) -> Vec<Span> {
    let mut out = Vec::new();
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut at = body_start.min(text.len());
    while at < text.len() {
        let end = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
        lines.push((at, end));
        at = end + 1;
    }
    let furniture_line = |l: &str| boilerplate.is_match(l) && l.split_whitespace().nth(FURNITURE_MAX_WORDS).is_none();
    let mut i = 0;
    let mut first = true;
    while i < lines.len() {
        let (start, mut end) = lines[i];
        if text[start..end].trim().is_empty() {
            i += 1;
            continue;
        }
        // The first line of the body is the headline's place: never joined.
        let mut j = i;
        while !first
            && j + 1 < lines.len()
            && wraps_into(&text[lines[j].0..lines[j].1], &text[lines[j + 1].0..lines[j + 1].1])
        {
            if furniture_line(&text[lines[j + 1].0..lines[j + 1].1]) {
                break;
            }
            j += 1;
            end = lines[j].1;
        }
        let headline_place = first;
        first = false;
        let block = &text[start..end];
        let stop = memchr::memchr3(b'.', b'!', b'?', block.as_bytes()).is_some();
        let furniture = (!stop && !prose_without_stop(block, headline_place)) || (j == i && furniture_line(block));
        if !furniture {
            split_line(text, start, end, &mut out);
        }
        i = j + 1;
    }
    out
}

/// Whether a block without sentence punctuation is still a sentence that
/// lost its full stop, by its shape and place: not in the headline's place
/// (the body's first line), of eight words or more, most of them in lower
/// case (a headline in title case, a menu, a byline are not), and not a
/// Markdown heading, list item, table row or quote.
fn prose_without_stop(block: &str, headline_place: bool) -> bool {
    let t = block.trim_start();
    if headline_place || t.starts_with(['#', '|', '>', '-', '*', '+', '`', '!', '[']) {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let capitalised = words.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    words.len() >= 8 && capitalised * 2 < words.len() && t.chars().filter(|c| c.is_alphabetic()).count() * 2 > t.len()
}

/// The most words a line of page furniture has ("© 2025 Echo Media Ltd.
/// All rights reserved."): a longer line matching a boilerplate pattern is
/// running text that mentions the word.
pub const FURNITURE_MAX_WORDS: usize = 20;

/// Whether `line` is hard-wrapped into `next`: it is long, does not end a
/// sentence, and `next` is prose, not a heading, list item, quote, table
/// row or code fence of Markdown.
fn wraps_into(line: &str, next: &str) -> bool {
    let l = line.trim_end();
    let n = next.trim_start();
    // (at most four bytes a character: a line of 160 bytes has 40)
    if l.len() < 160 && l.chars().count() < 40 || n.is_empty() || l.trim_start().starts_with(['#', '|', '>']) {
        return false;
    }
    let ends_sentence = l.ends_with(['.', '!', '?', ':', ';']) || l.ends_with(['"', '\u{201d}', ')']);
    let structural = n.starts_with(['#', '|', '>', '-', '*', '+', '`'])
        || n.split_once(['.', ')'])
            .is_some_and(|(a, _)| !a.is_empty() && a.len() <= 3 && a.chars().all(|c| c.is_ascii_digit()));
    !ends_sentence && !structural
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '\u{2018}' | '(' | '[')
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut s = start + (line.len() - line.trim_start().len());
    let next_char = |at: usize| line.get(at..).and_then(|r| r.chars().next());
    // Only a stop can end a sentence: the line is searched for one ('.',
    // '!', '?', or the lead byte of '…'), not read char by char; a line
    // without '…' (most) for the three bytes alone, with memchr.
    let ellipsis = memchr::memmem::find(bytes, "\u{2026}".as_bytes()).is_some();
    let next_stop = |from: usize| {
        let rest = bytes.get(from..)?;
        let p = if ellipsis {
            rest.iter().position(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
        } else {
            memchr::memchr3(b'.', b'!', b'?', rest)
        };
        p.map(|p| from + p)
    };
    let mut k = 0;
    while let Some(p) = next_stop(k) {
        let Some(c) = next_char(p) else { break };
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            k = p + c.len_utf8();
            continue;
        }
        // Swallow closing quotes and brackets, and runs of punctuation.
        let mut j = p + c.len_utf8();
        while let Some(d) = next_char(j).filter(|&d| is_closer(d) || matches!(d, '.' | '!' | '?')) {
            j += d.len_utf8();
        }
        let after = next_char(j);
        let followed_by_space = after.is_some_and(char::is_whitespace);
        let mut n = j;
        while let Some(d) = next_char(n).filter(|d| d.is_whitespace()) {
            n += d.len_utf8();
        }
        let next_opens = next_char(n).is_some_and(is_opener);
        // Two sentences glued by copy that lost the space ("his
        // reputation.The clip was"): a lowercase word, the stop, a
        // capitalised word.
        let glued = !followed_by_space
            && line[..p].chars().next_back().is_some_and(char::is_lowercase)
            && after.is_some_and(|a| a.is_uppercase() && next_char(j + a.len_utf8()).is_some_and(char::is_lowercase));
        let boundary = j == line.len()
            || ((followed_by_space && next_opens || glued) && !(c == '.' && abbreviation_before(line, p)));
        if boundary {
            let e = if j < line.len() { start + j } else { end };
            push_trimmed(text, s, e, out);
            s = if n < line.len() { start + n } else { end };
            k = n;
            continue;
        }
        k = p + c.len_utf8();
    }
    if s < end {
        push_trimmed(text, s, end, out);
    }
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<Span>) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.chars().any(|c| c.is_alphabetic()) {
        out.push(Span::new(s + lead, s + lead + trimmed.len()));
    }
}

/// Whether the period at byte `i` of `line` ends an abbreviation or an initial.
fn abbreviation_before(line: &str, i: usize) -> bool {
    let before = &line[..i];
    let from = before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(i, |(at, _)| at);
    let word = &before[from..];
    if word.chars().count() == 1 {
        // An initial or a letter of "U.S." / "a.m.".
        return true;
    }
    is_abbreviation(word)
}

/// Whether a word (any case) is an abbreviation written with a period.
pub fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        return word.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Quotations in the body: curly double quotes, and straight double quotes
/// paired within a line.
pub fn quotes(text: &str, body_start: usize) -> Vec<Quote> {
    let mut out = Vec::new();
    let body = &text[body_start.min(text.len())..];
    let mut open_curly: Option<usize> = None;
    let mut open_straight: Option<usize> = None;
    for (rel, c) in body.char_indices() {
        let i = body_start + rel;
        match c {
            '\u{201c}' => open_curly = Some(i),
            '\u{201d}' => {
                if let Some(o) = open_curly.take() {
                    push_quote(o, i, c.len_utf8(), &mut out);
                }
            }
            '"' => match open_straight.take() {
                Some(o) => push_quote(o, i, 1, &mut out),
                None => open_straight = Some(i),
            },
            '\n' => {
                open_straight = None;
                open_curly = None;
            }
            _ => {}
        }
    }
    out.sort_by_key(|q| q.outer.start);
    out
}

fn push_quote(open: usize, close: usize, close_len: usize, out: &mut Vec<Quote>) {
    let open_len = if close_len == 1 { 1 } else { '\u{201c}'.len_utf8() };
    let inner = Span::new(open + open_len, close);
    if inner.end > inner.start {
        out.push(Quote { outer: Span::new(open, close + close_len), inner });
    }
}

/// Split a sentence into clauses at punctuation (, ; : dashes, brackets) and
/// before the clause-break words of the rule packs ("while", "because").
pub fn clauses(text: &str, sentence: Span, breaks: &dyn Fn(&str) -> bool) -> Vec<Span> {
    let toks: Vec<tokens::Token> = tokens::tokenize(&text[sentence.start..sentence.end])
        .into_iter()
        .map(|mut t| {
            t.start += sentence.start;
            t.end += sentence.start;
            t
        })
        .collect();
    clauses_of_tokens(text, sentence, &toks, breaks)
}

/// As [`clauses`], over the sentence's tokens already made (offsets into
/// `text`).
pub fn clauses_of_tokens(
    text: &str,
    sentence: Span,
    toks: &[tokens::Token],
    breaks: &dyn Fn(&str) -> bool,
) -> Vec<Span> {
    let mut out = Vec::new();
    let s = &text[sentence.start..sentence.end];
    let mut start = 0;
    let base = sentence.start;
    for (k, t) in toks.iter().enumerate() {
        let (ts, te) = (t.start - base, t.end - base);
        // The comma of a digit group ("12,345") joins, not cuts.
        let digit_group = || {
            let num = |t: Option<&tokens::Token>| t.and_then(|t| t.num());
            let (prev, next) = (k.checked_sub(1).and_then(|p| toks.get(p)), toks.get(k + 1));
            num(prev).is_some()
                && num(next).is_some_and(|(_, digits, ordinal)| digits == 3 && !ordinal)
                && prev.is_some_and(|p| p.end == t.start)
                && next.is_some_and(|n| n.start == t.end)
        };
        let cut_at = match &t.kind {
            tokens::Kind::Punct(',') if digit_group() || place_apposition(toks, k) => None,
            tokens::Kind::Punct(',' | ';' | ':' | '(' | ')') => Some((ts, te)),
            tokens::Kind::Punct('-') if s[ts..te].chars().next().is_some_and(|c| c != '-') => Some((ts, te)),
            tokens::Kind::Word { text: w, .. } if k > 0 && breaks(w) => Some((ts, ts)),
            _ => None,
        };
        if let Some((a, b)) = cut_at {
            if a > start {
                out.push(Span::new(sentence.start + start, sentence.start + a));
            }
            start = b;
        }
    }
    if start < s.len() {
        out.push(Span::new(sentence.start + start, sentence.end));
    }
    out.retain(|c| text[c.start..c.end].chars().any(|ch| ch.is_alphabetic()));
    out
}

/// The place written after a place at the comma `k`, "in Leeds,
/// England": before the comma a name of one to three capitalised words
/// after "in", after it one capitalised word or two, then a comma or the
/// end of the sentence. Returns the token ranges of the two names.
fn place_pair_at(toks: &[tokens::Token], k: usize) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let cap = |j: usize| matches!(toks.get(j).map(|t| &t.kind), Some(tokens::Kind::Word { cap: true, .. }));
    let comma_or_end = |j: usize| toks.get(j).is_none_or(|t| matches!(t.kind, tokens::Kind::Punct(',' | '.' | ';')));
    if !toks.get(k)?.is_punct(',') || k == 0 {
        return None;
    }
    let first = (1..=3).find(|&n| k > n && (k - n..k).all(cap) && toks[k - n - 1].word() == Some("in"))?;
    let second = (1..=2).find(|&n| (k + 1..k + 1 + n).all(cap) && comma_or_end(k + 1 + n))?;
    // A list goes on after the second name's comma: "in Flint, Saginaw,
    // and Bay City" or "in Flint, Saginaw, Bay City and Midland", not
    // "in Leeds, England, and in Cardiff".
    let after = k + 1 + second;
    if toks.get(after).is_some_and(|t| t.is_punct(',')) {
        let conj = |j: usize| toks.get(j).and_then(|t| t.word()).is_some_and(|w| matches!(w, "and" | "or"));
        let names = (after + 1..toks.len()).take_while(|&j| cap(j)).count();
        let next = after + 1 + names;
        if conj(after + 1) && cap(after + 2)
            || names > 0 && (conj(next) || toks.get(next).is_some_and(|t| t.is_punct(',')))
        {
            return None;
        }
    }
    Some((k - first..k, k + 1..k + 1 + second))
}

/// Whether the comma at `k` sets off a place in the place before it ("in
/// Leeds, England, on Monday", either comma), where it cuts no clause.
fn place_apposition(toks: &[tokens::Token], k: usize) -> bool {
    place_pair_at(toks, k).is_some()
        || (1..=2).any(|n| k > n && place_pair_at(toks, k - n - 1).is_some_and(|(_, outer)| outer.end == k))
}

/// Every place a text writes inside another, "in Leeds, England": the
/// byte spans of the inner and the outer name.
pub fn nested_places(toks: &[tokens::Token]) -> Vec<(Span, Span)> {
    let span = |r: std::ops::Range<usize>| Span::new(toks[r.start].start, toks[r.end - 1].end);
    (0..toks.len()).filter_map(|k| place_pair_at(toks, k)).map(|(a, b)| (span(a), span(b))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boilerplate(pattern: &str) -> Boilerplate {
        let mut b = Boilerplate::default();
        b.push(Regex::new(pattern).unwrap());
        b
    }

    #[test]
    fn a_place_set_off_by_commas_cuts_no_clause() {
        let t = "Lee was arrested in Leeds, England, on Monday, police said.";
        let s = Span::new(0, t.len());
        assert_eq!(
            texts(t, &clauses(t, s, &|_| false)),
            ["Lee was arrested in Leeds, England, on Monday", " police said."]
        );
        let t = "He was born in San Bruno, California.";
        assert_eq!(texts(t, &clauses(t, Span::new(0, t.len()), &|_| false)), [t]);
        // Not after "in": a list of names, or a name and a clause.
        let t = "Leeds, England, and Wales voted.";
        assert_eq!(texts(t, &clauses(t, Span::new(0, t.len()), &|_| false)).len(), 3);
    }

    #[test]
    fn places_written_inside_places() {
        let t = "She grew up in San Bruno, California, and lives in Leeds, West Yorkshire. In Paris, Smith said.";
        let found: Vec<(&str, &str)> = nested_places(&tokens::tokenize(t))
            .into_iter()
            .map(|(a, b)| (&t[a.start..a.end], &t[b.start..b.end]))
            .collect();
        // "In Paris, Smith said": "Smith" is followed by a word, no place.
        assert_eq!(found, [("San Bruno", "California"), ("Leeds", "West Yorkshire")]);
        // Lists of places.
        for t in [
            "It rained in Flint, Saginaw, and Bay City, Michigan.",
            "It rained in Flint, Saginaw, Bay City and Midland.",
        ] {
            assert_eq!(nested_places(&tokens::tokenize(t)), [], "{t}");
        }
    }

    fn texts(t: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| t[s.start..s.end].to_string()).collect()
    }

    #[test]
    fn sentences_glued_without_a_space_are_two() {
        let t = "He left his reputation.The clip was never seen. Then (Mr.Smith) and the U.S.Navy left.";
        assert_eq!(
            texts(t, &sentences(t, 0, &Boilerplate::default())),
            ["He left his reputation.", "The clip was never seen.", "Then (Mr.Smith) and the U.S.Navy left."]
        );
    }

    #[test]
    fn a_digit_group_is_no_clause_break() {
        let t = "Walmart employs 12,345 people, the company said, up from 9, 000 and 1,20.";
        let toks = tokens::tokenize(t);
        let c = clauses_of_tokens(t, Span::new(0, t.len()), &toks, &|_| false);
        // (a clause without a letter, "20.", is dropped)
        assert_eq!(texts(t, &c), ["Walmart employs 12,345 people", " the company said", " up from 9", " 000 and 1"]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "U.S. Senator Anna Keller met Dr. Smith on Oct. 16. He said “it went well.” Then he left.";
        assert_eq!(
            texts(t, &sentences(t, 0, &Boilerplate::default())),
            ["U.S. Senator Anna Keller met Dr. Smith on Oct. 16.", "He said “it went well.”", "Then he left."]
        );
    }

    #[test]
    fn furniture_is_skipped() {
        let t = "Home / World\nA headline without a period\nThe talks went ahead. Officials agreed.\nCopyright 1995. All rights reserved.";
        let bp = boilerplate("(?i)copyright");
        assert_eq!(texts(t, &sentences(t, 0, &bp)), ["The talks went ahead.", "Officials agreed."]);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_read_whole() {
        let t = "Headline of the story\n\nThe board voted on Tuesday to call off the book fair, officials said. It\nwas to have opened on March 3 in the capital after two years of talks\nbetween the parties\n\n- a list item without a stop\n";
        assert_eq!(
            texts(t, &sentences(t, 0, &Boilerplate::default())),
            [
                "The board voted on Tuesday to call off the book fair, officials said.",
                "It\nwas to have opened on March 3 in the capital after two years of talks\nbetween the parties"
            ]
        );
    }

    #[test]
    fn a_sentence_without_its_full_stop_is_read_and_headlines_are_not() {
        let t = "Talks End In Deadlock As Strike Nears\n\nThe talks ended without agreement on Tuesday and a strike is now likely\n\nHome | World | Politics | Business\n\nBy Jane Doe and John Smith, Staff Writers\n";
        assert_eq!(
            texts(t, &sentences(t, 0, &Boilerplate::default())),
            ["The talks ended without agreement on Tuesday and a strike is now likely"]
        );
    }

    #[test]
    fn a_boilerplate_word_in_running_text_is_no_furniture() {
        let bp = boilerplate("(?i)\\bcopyright\\b");
        let t = "Head\n\nThe court said the copyright claim was dismissed on Monday, and the studio appealed against the ruling the next day, lawyers for both sides said in statements sent to reporters.\n© Copyright 2025 Echo Media.\n";
        assert_eq!(texts(t, &sentences(t, 0, &bp)).len(), 1);
    }

    #[test]
    fn curly_and_straight_quotes() {
        let t = "He said “always a chance” and \"never\" again.";
        let q = quotes(t, 0);
        assert_eq!(texts(t, &q.iter().map(|q| q.inner).collect::<Vec<_>>()), ["always a chance", "never"]);
    }

    #[test]
    fn clauses_split_at_commas_and_breaks() {
        let t = "The conference is on hold, officials said, while talks continue.";
        let c = clauses(t, Span::new(0, t.len()), &|w| w == "while");
        assert_eq!(texts(t, &c), ["The conference is on hold", " officials said", "while talks continue."]);
    }
}
