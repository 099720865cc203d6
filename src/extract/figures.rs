//! Figures restated: one document says the same thing twice, in the same
//! words around a number, a date or a span of time, with two different
//! values ("the last film debuted to a franchise-best $117 million over the
//! four-day Memorial Day weekend" and, further down, "debuted to a
//! franchise-worst $30 million over the four-day Memorial Day weekend").
//!
//! The words around a value are read as units: a content word (lowercased;
//! the pack's function words are skipped, so "was" against "had been" and
//! "a" against "an" do not matter), a number (by value: "10,000", "97.4" and
//! "57th" are one unit each; a number word is a number), a currency sign or
//! "%", a clock time (as written), and a time expression (by the days it
//! resolves to, as written when it resolves to none). Two values are one
//! figure restated when they differ and the equal units right before them
//! and right after them number at least the rule's threshold (six).
//!
//! What is not a restatement:
//! - a run that ends on two other values that differ: two measurements of
//!   two things ("struck at 9:30 a.m. and had a depth of 2.7 miles" against
//!   "struck at 7:30 a.m. and had a depth of 1.4 miles", two earthquakes);
//! - two values close enough to share their words (one sentence listing
//!   figures);
//! - a number of one unit against a date, or a clock time against anything:
//!   only a number against a number and a time expression against a time
//!   expression are compared;
//! - two times with the same words on one side only: a day before the
//!   same words may date two acts of saying them ("told supporters late on
//!   Tuesday that ..." and "said on Wednesday that ...").
//!
//! Only inside one document: across reports a figure may change with the
//! news (a toll that rises), and two reports of two events word their
//! figures alike; the count and date rules compare across reports, with
//! subjects and days.
//!
//! Values are grouped by the unit right before them and by the unit right
//! after them, and only values of one group are compared: a document is read
//! in time linear in its length. A group of more than [`MAX_GROUP`] values
//! is a table of figures and is skipped.

use crate::text::tokens::{Kind, Token};
use crate::text::Span;
use crate::time::TimeMention;
use std::collections::HashMap;

/// At most this many equal units are counted on each side.
const MAX_RUN: usize = 10;
/// A group of values sharing a neighbour larger than this is a table.
const MAX_GROUP: usize = 24;
/// Two values whose windows are closer than this many units share words.
const MIN_APART: usize = 4;

/// One figure given twice with two values.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RestatedFigure {
    /// The value as written, each time ("$117 million", "December 25, 2014").
    pub first: Span,
    pub second: Span,
    /// The words around each value that are the same in both places.
    pub first_context: Span,
    pub second_context: Span,
    /// How many units of those words are equal.
    pub equal: u32,
}

#[derive(Debug, Clone, PartialEq)]
enum Key<'a> {
    Word(std::borrow::Cow<'a, str>),
    Sign(char),
    /// `base` is the number as written, before a multiplier after it
    /// ("140" of "140 million").
    Number {
        value: f64,
        base: f64,
        ordinal: bool,
    },
    Clock(&'a str),
    /// The days a time expression resolves to, or its words when it
    /// resolves to none.
    Time {
        days: Option<(chrono::NaiveDate, chrono::NaiveDate, crate::time::Grain)>,
        written: String,
    },
}

impl Key<'_> {
    /// A value a finding may be about.
    fn is_value(&self) -> bool {
        matches!(self, Key::Number { .. } | Key::Time { .. })
    }

    /// Whether two values can be one figure: the same; a number without a
    /// multiplier and the same number with one ("between $140 and $150
    /// million" and "between $140 million and $150 million"); or a day
    /// inside a month, a month inside a year ("May 1907" and "28 May 1907";
    /// not "within 14 days" and "within 30 days", two spans of one grain).
    fn agrees(&self, other: &Key) -> bool {
        match (self, other) {
            (Key::Number { value: v1, base: b1, .. }, Key::Number { value: v2, base: b2, .. }) => {
                v1 == v2 || b1 == b2 && (v1 == b1 || v2 == b2)
            }
            (Key::Time { days: Some((s1, e1, g1)), .. }, Key::Time { days: Some((s2, e2, g2)), .. }) => {
                g1 != g2 && (s1 <= s2 && e2 <= e1 || s2 <= s1 && e1 <= e2)
            }
            _ => self == other,
        }
    }

    /// A string to group by.
    fn group(&self) -> String {
        match self {
            Key::Word(w) => format!("w{w}"),
            Key::Sign(c) => format!("s{c}"),
            Key::Number { value, ordinal, .. } => format!("n{value}{ordinal}"),
            Key::Clock(c) => format!("c{c}"),
            Key::Time { days: Some((s, e, _)), .. } => format!("t{s}/{e}"),
            Key::Time { written, .. } => format!("t{written}"),
        }
    }
}

#[derive(Debug, Clone)]
struct Unit<'a> {
    key: Key<'a>,
    span: Span,
    /// The number of its sentence.
    sentence: usize,
}

/// Whether `b` is the token right after `a`, with no space between.
fn glued(a: &Token, b: &Token) -> bool {
    a.end == b.start
}

/// The units of the document's sentences (`tokens[t0..t1]` each), in order.
fn units<'a>(
    text: &'a str,
    sentences: &[&'a [Token]],
    times: &[&TimeMention],
    function_words: &dyn Fn(&str) -> bool,
) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    let mut times = times.iter().copied().peekable();
    for (n, tokens) in sentences.iter().enumerate() {
        let from = out.len();
        sentence_units(text, tokens, &mut times, function_words, &mut out);
        for u in &mut out[from..] {
            u.sentence = n;
        }
    }
    out
}

fn sentence_units<'a, 't>(
    text: &'a str,
    tokens: &'a [Token],
    times: &mut std::iter::Peekable<impl Iterator<Item = &'t TimeMention>>,
    function_words: &dyn Fn(&str) -> bool,
    out: &mut Vec<Unit<'a>>,
) {
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // A time expression is one unit.
        while times.peek().is_some_and(|m| m.end <= t.start) {
            times.next();
        }
        if let Some(m) = times.peek().filter(|m| m.start <= t.start && t.start < m.end) {
            let key = match &m.span {
                Some(s) => Key::Time { days: Some((s.start, s.end, s.grain)), written: String::new() },
                None => Key::Time { days: None, written: text[m.start..m.end].to_lowercase() },
            };
            out.push(Unit { key, span: Span::new(m.start, m.end), sentence: 0 });
            while i < tokens.len() && tokens[i].start < m.end {
                i += 1;
            }
            times.next();
            continue;
        }
        let unit = |key: Key<'a>, start: usize, end: usize| Unit { key, span: Span::new(start, end), sentence: 0 };
        match &t.kind {
            Kind::Word { text: w, .. } if crate::language::numbers::is_multiplier(w) => {
                // "$30 million": the multiplier is part of the number.
                match out.last_mut() {
                    Some(Unit { key: Key::Number { value, ordinal: false, .. }, span, .. })
                        if text.get(span.end..t.start).is_some_and(|g| g.trim().is_empty()) =>
                    {
                        *value *= crate::language::numbers::value(w).unwrap_or(1.0);
                        span.end = t.end;
                    }
                    _ => out.push(unit(Key::Word(w.as_str().into()), t.start, t.end)),
                }
                i += 1;
            }
            Kind::Word { text: w, .. } => {
                match crate::language::numbers::value(w).filter(|_| w != "one" && w != "none") {
                    Some(v) => out.push(unit(Key::Number { value: v, base: v, ordinal: false }, t.start, t.end)),
                    None if !function_words(w) => out.push(unit(Key::Word(w.as_str().into()), t.start, t.end)),
                    None => {}
                }
                i += 1;
            }
            Kind::Num { ordinal, .. } => {
                let start = t.start;
                let mut end = i;
                // "9:30": a clock time.
                if !ordinal
                    && tokens.get(i + 2).is_some_and(|n| n.num().is_some() && tokens[i + 1].is_punct(':'))
                    && glued(t, &tokens[i + 1])
                    && glued(&tokens[i + 1], &tokens[i + 2])
                {
                    let e = tokens[i + 2].end;
                    out.push(unit(Key::Clock(&text[start..e]), start, e));
                    i += 3;
                    continue;
                }
                // Thousands groups, then decimals: "10,000", "97.4".
                while !ordinal
                    && tokens.get(end + 2).is_some_and(|n| matches!(n.num(), Some((_, 3, false))))
                    && tokens[end + 1].is_punct(',')
                    && glued(&tokens[end], &tokens[end + 1])
                    && glued(&tokens[end + 1], &tokens[end + 2])
                {
                    end += 2;
                }
                if !ordinal
                    && tokens.get(end + 2).is_some_and(|n| matches!(n.num(), Some((_, _, false))))
                    && tokens[end + 1].is_punct('.')
                    && glued(&tokens[end], &tokens[end + 1])
                    && glued(&tokens[end + 1], &tokens[end + 2])
                {
                    end += 2;
                }
                let stop = tokens[end].end;
                let written: String = text[start..stop].chars().filter(|c| *c != ',').collect();
                let digits = written.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                match digits.parse::<f64>() {
                    Ok(value) => out.push(unit(Key::Number { value, base: value, ordinal: *ordinal }, start, stop)),
                    Err(_) => out.push(unit(Key::Word(written.into()), start, stop)),
                }
                i = end + 1;
            }
            Kind::Punct(c @ ('$' | '£' | '€' | '¥' | '%')) => {
                out.push(unit(Key::Sign(*c), t.start, t.end));
                i += 1;
            }
            Kind::Punct(_) => i += 1,
        }
    }
}

/// How many units of their own sentences are equal going out from `a`
/// and `b` in direction `step`, and whether the run ended on two values that differ, each in
/// the sentence of its figure.
fn run(u: &[Unit<'_>], a: usize, b: usize, step: isize) -> (usize, bool) {
    let mut n = 0;
    while n < MAX_RUN {
        let (Some(x), Some(y)) =
            (a.checked_add_signed(step * (n as isize + 1)), b.checked_add_signed(step * (n as isize + 1)))
        else {
            break;
        };
        let (Some(ux), Some(uy)) = (u.get(x), u.get(y)) else { break };
        // Only the words of each figure's own sentence.
        if ux.sentence != u[a].sentence || uy.sentence != u[b].sentence {
            break;
        }
        // The two runs must not meet.
        if x == b || y == a {
            break;
        }
        if ux.key != uy.key {
            // Another value that differs, in each figure's own sentence.
            let other_value = |k: &Unit, of: usize| {
                (k.key.is_value() || matches!(k.key, Key::Clock(_))) && k.sentence == u[of].sentence
            };
            return (n, other_value(ux, a) && other_value(uy, b));
        }
        n += 1;
    }
    (n, false)
}

/// The span of value `i` as a reader names it: with a currency sign right
/// before it and "%" or "percent" right after.
fn shown(text: &str, u: &[Unit<'_>], i: usize) -> Span {
    let mut s = u[i].span;
    if i > 0 && matches!(u[i - 1].key, Key::Sign('$' | '£' | '€' | '¥')) && u[i - 1].span.end == s.start {
        s.start = u[i - 1].span.start;
    }
    if let Some(n) = u.get(i + 1) {
        let next = match &n.key {
            Key::Sign('%') => true,
            // (a multiplier right after a number is part of its unit)
            Key::Word(w) => w == "percent",
            _ => false,
        };
        if next && text.get(s.end..n.span.start).is_some_and(|gap| gap.trim().is_empty()) {
            s.end = n.span.end;
        }
    }
    s
}

/// The figures `text` gives twice with two values, each pair once, in
/// document order. `sentences` are the tokens of each sentence read, and
/// `times` the time expressions found in them, in order.
pub fn restated(
    text: &str,
    sentences: &[&[Token]],
    times: &[&TimeMention],
    function_words: &dyn Fn(&str) -> bool,
    min_equal: usize,
) -> Vec<RestatedFigure> {
    let u = units(text, sentences, times, function_words);
    // Values by the unit before them and by the unit after them.
    let mut groups: HashMap<(bool, String), Vec<usize>> = HashMap::new();
    for i in (0..u.len()).filter(|&i| u[i].key.is_value()) {
        if let Some(p) = i.checked_sub(1).and_then(|p| u.get(p)) {
            groups.entry((false, p.key.group())).or_default().push(i);
        }
        if let Some(n) = u.get(i + 1) {
            groups.entry((true, n.key.group())).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    let mut keys: Vec<&(bool, String)> = groups.keys().collect();
    keys.sort();
    for k in keys {
        let g = &groups[k];
        if g.len() > MAX_GROUP {
            continue;
        }
        for (x, &a) in g.iter().enumerate() {
            for &b in &g[x + 1..] {
                let same_kind = matches!(
                    (&u[a].key, &u[b].key),
                    (Key::Number { .. }, Key::Number { .. }) | (Key::Time { .. }, Key::Time { .. })
                );
                if !same_kind || u[a].key.agrees(&u[b].key) || b < a + 2 * MIN_APART {
                    continue;
                }
                // The same words resolved two ways ("1930" a year in one
                // place, a number in another) are the same figure.
                let written = |i: usize| text.get(u[i].span.start..u[i].span.end).unwrap_or("");
                if written(a).eq_ignore_ascii_case(written(b)) {
                    continue;
                }
                let (left, left_value) = run(&u, a, b, -1);
                let (right, right_value) = run(&u, a, b, 1);
                if left + right < min_equal || left_value || right_value {
                    continue;
                }
                // A time needs words on both sides: one written before the
                // same words may date two acts of saying them ("told
                // supporters late on Tuesday that ..." and "said on
                // Wednesday that ..." with one quotation after both).
                if matches!(u[a].key, Key::Time { .. }) && (left == 0 || right == 0) {
                    continue;
                }
                // The two wordings must not overlap.
                if a + right >= b - left {
                    continue;
                }
                pairs.push((a, b, left, right, left + right));
            }
        }
    }
    // One finding per two passages: the pair with the most equal words,
    // the first of those in document order. (A pair found through both of
    // its groups comes twice, side by side once sorted.)
    pairs.sort_by_key(|&(a, b, _, _, n)| (std::cmp::Reverse(n), a, b));
    pairs.dedup();
    let mut out: Vec<RestatedFigure> = Vec::new();
    let mut taken: Vec<(Span, Span)> = Vec::new();
    for (a, b, left, right, n) in pairs {
        let ca = Span::new(u[a - left].span.start, u[a + right].span.end);
        let cb = Span::new(u[b - left].span.start, u[b + right].span.end);
        if taken.iter().any(|(x, y)| x.start < ca.end && ca.start < x.end && y.start < cb.end && cb.start < y.end) {
            continue;
        }
        taken.push((ca, cb));
        out.push(RestatedFigure {
            first: shown(text, &u, a),
            second: shown(text, &u, b),
            first_context: ca,
            second_context: cb,
            equal: n as u32,
        });
    }
    out.sort_by_key(|f| (f.first.start, f.second.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    const FUNCTION: &[&str] = &[
        "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "is", "was", "were", "be", "been", "has", "have",
        "had", "that", "this", "with", "by", "at", "as", "from", "it", "its", "his", "her", "their", "s", "t",
    ];

    fn find(text: &str) -> Vec<(String, String)> {
        let f = |w: &str| FUNCTION.contains(&w);
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 15);
        let times = crate::time::find_in_tokens(&tokenize(text), date, &|_| crate::time::Bias::Past);
        let tokens = tokenize(text);
        restated(text, &[&tokens[..]], &times.iter().collect::<Vec<_>>(), &f, 6)
            .iter()
            .map(|r| (text[r.first.start..r.first.end].to_string(), text[r.second.start..r.second.end].to_string()))
            .collect()
    }

    #[test]
    fn a_figure_restated_with_another_value() {
        let text = "The last film debuted to a franchise-best $117 million over the four-day holiday weekend, \
                    including $97.4 million for the three days. Analysts were upbeat. The film debuted to a \
                    franchise-worst $30 million over the four-day holiday weekend.";
        assert_eq!(find(text), vec![("$117 million".to_string(), "$30 million".to_string())]);
    }

    #[test]
    fn a_share_and_a_span_of_time() {
        let text = "Doctors gave her an 85% chance of survival if treated with chemotherapy. She refused. \
                    Doctors gave her a 50% chance of survival if treated with chemotherapy.";
        assert_eq!(find(text), vec![("85%".to_string(), "50%".to_string())]);
        let text = "Under the law, the trial must begin within 14 days of receiving the indictment from the \
                    grand jury. He denied it. The trial must begin within 30 days of receiving the indictment \
                    from the grand jury.";
        assert_eq!(find(text), vec![("within 14 days".to_string(), "within 30 days".to_string())]);
    }

    #[test]
    fn two_measurements_are_no_restatement() {
        // Two earthquakes: the times differ as well as the depths.
        let text = "The earthquake struck at about 9:30 a.m. and had a depth of 2.7 miles, according to the \
                    survey office. Later: the earthquake struck at about 7:30 a.m. and had a depth of 1.4 miles, \
                    according to the survey office.";
        assert_eq!(find(text), vec![]);
        // The same figure twice, and figures of different things.
        let text = "The company employs 5,000 people in the state and plans to hire more this spring. \
                    Its rival employs 3,000 people in the state. The company employs 5,000 people in the state \
                    and plans to hire more this spring.";
        assert_eq!(find(text), vec![]);
        // One sentence listing figures.
        let text = "Sales rose 5% in the north region of the country and 7% in the south region of the country.";
        assert_eq!(find(text), vec![]);
    }

    #[test]
    fn a_multiplier_written_once_for_two_numbers_agrees() {
        let text = "The county expects the new contract to cost between $140 and $150 million over seven years. \
                    Officials said the contract would cost between $140 million and $150 million over seven years.";
        assert_eq!(find(text), vec![]);
    }

    #[test]
    fn a_day_inside_a_month_agrees() {
        let text = "The ship was laid down in April 1903, launched in May 1907, and completed in June 1908 after \
                    long delays. She was laid down in April 1903, launched in 28 May 1907, and completed in June \
                    1908 after long delays.";
        assert_eq!(find(text), vec![]);
    }

    #[test]
    fn the_words_compared_are_the_figures_own_sentences() {
        // A table's header written twice, each time before another first
        // row: the header is the sentence before the figure, not its own.
        let f = |w: &str| FUNCTION.contains(&w);
        let text = "Weeks at the top of the national singles chart, by title and artist. 13 weeks for one song. \
                    Weeks at the top of the national singles chart, by title and artist. 16 weeks for another.";
        let tokens = tokenize(text);
        let cut = tokens.iter().position(|t| t.is_punct('.')).unwrap() + 1;
        let cut2 = cut + tokens[cut..].iter().position(|t| t.is_punct('.')).unwrap() + 1;
        let cut3 = cut2 + tokens[cut2..].iter().position(|t| t.is_punct('.')).unwrap() + 1;
        let sentences = [&tokens[..cut], &tokens[cut..cut2], &tokens[cut2..cut3], &tokens[cut3..]];
        assert_eq!(restated(text, &sentences, &[], &f, 6), vec![]);
    }

    #[test]
    fn a_table_of_figures_is_skipped() {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&format!("The team scored {i} points in the game against the visiting side. "));
        }
        assert_eq!(find(&text), vec![]);
    }
}
