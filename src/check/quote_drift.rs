#![doc = include_str!("docs/quote_drift.md")]

use super::{render_message, Claim, Finding, Input};
use crate::extract::QuoteMention;
use crate::rules::Conflict;
use crate::text::{FastMap, Span};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A quote's words, normalised, as one string: the words joined by single
/// spaces (a word never holds one), so that a run of words is a slice of
/// it and a quotation is one allocation, not one per word.
struct QuoteWords<'a> {
    doc: usize,
    /// Where the quotation is in its document.
    inner: Span,
    speaker: Option<&'a str>,
    person: bool,
    /// The other names of its sentence (a person's organisation).
    around: &'a [String],
    /// Its words, shared by every quotation of the same text.
    w: &'a Joined,
}

/// A quotation's normalised words joined by single spaces (a word never
/// holds one), so that a run of words is a slice of one string, and a
/// quotation one allocation, not one per word.
struct Joined {
    joined: String,
    /// Each word's byte range in `joined`.
    bounds: Vec<(u32, u32)>,
}

impl Joined {
    fn new(text: &str, span: Span) -> Joined {
        let mut joined = String::new();
        let mut bounds = Vec::new();
        for_each_word(text, span, |w, _| {
            if !joined.is_empty() {
                joined.push(' ');
            }
            let start = joined.len() as u32;
            joined.push_str(w);
            bounds.push((start, joined.len() as u32));
        });
        Joined { joined, bounds }
    }
}

impl QuoteWords<'_> {
    fn len(&self) -> usize {
        self.w.bounds.len()
    }

    fn words(&self) -> Vec<&str> {
        self.w.bounds.iter().map(|&(a, b)| &self.w.joined[a as usize..b as usize]).collect()
    }

    /// Words `i..=j`, as they stand in the joined words.
    fn run(&self, i: usize, j: usize) -> &str {
        &self.w.joined[self.w.bounds[i].0 as usize..self.w.bounds[j].1 as usize]
    }
}

/// The words of a quotation as the check compares them (lowercased,
/// straight apostrophes, bracketed words left out).
pub fn quote_words(text: &str, span: Span) -> Vec<String> {
    normalise(text, span).into_iter().map(|(w, _)| w).collect()
}

fn normalise(text: &str, span: Span) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for_each_word(text, span, |w, at| out.push((w.to_string(), at)));
    out
}

/// Calls `f` with each normalised word of `text[span]` and its byte span.
fn for_each_word(text: &str, span: Span, mut f: impl FnMut(&str, Span)) {
    let s = &text[span.start..span.end];
    let mut start: Option<usize> = None;
    let mut lower = String::new();
    let mut word = String::new();
    let mut flush = |a: usize, b: usize| {
        lower.clear();
        lower.extend(
            s[a..b]
                .chars()
                .map(|c| if c == '\u{2019}' || c == '\u{2018}' { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
        canonical_into(lower.trim_start_matches('\''), &mut word);
        let w = word.trim_end_matches('\'');
        if !w.is_empty() {
            f(w, Span::new(span.start + a, span.start + b));
        }
    };
    // Hyphens and dashes split words ("cyber-criminals"): compounds are
    // matched whole by `variant`. Words in brackets are the reporter's,
    // not the speaker's ("respect to her [Jane Doe] and her family"): left
    // out.
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let wordy = depth == 0 && (c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == ':' && start.is_some());
        match (wordy, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                flush(a, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        flush(a, s.len());
    }
}

/// One spelling for the variants of a word: numerals and number words
/// ("six", "6"), clock times ("6:00", "6"; "6:41pm", "18:41"), British and American endings
/// (neighbourhood, criticise, analyse, centre, travelled, catalogue). Both
/// sides of a comparison go through it, so an ending it rewrites that no
/// variant has costs nothing.
fn canonical_into(w: &str, out: &mut String) {
    use std::fmt::Write;
    out.clear();
    // "populations'" and "population's": the possessive apart
    let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("s'")).unwrap_or(w);
    if let Some(v) = ordinal(w) {
        let _ = write!(out, "{v}");
        return;
    }
    if let Some(t) = clock(w) {
        out.push_str(&t);
        return;
    }
    if let Some(v) = crate::language::numbers::value(w).filter(|_| w.len() > 1 || w.chars().all(|c| c.is_ascii_digit()))
    {
        let _ = write!(out, "{v}");
        return;
    }
    let w = w.trim_end_matches(':');
    const ENDINGS: [(&str, &str); 14] = [
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ise", "ize"),
        ("ysing", "yzing"),
        ("ysed", "yzed"),
        ("yse", "yze"),
        ("lling", "ling"),
        ("lled", "led"),
        ("ogue", "og"),
        ("tre", "ter"),
        ("tres", "ters"),
        ("ence", "ense"),
        ("'", ""),
    ];
    match ENDINGS.iter().find(|(gb, _)| w.len() > gb.len() + 2 && w.ends_with(gb)) {
        Some((gb, us)) => {
            out.push_str(&w[..w.len() - gb.len()]);
            out.push_str(us);
        }
        None => out.push_str(w),
    }
    // colour, neighbourhood, favourite, behaviour: "our" inside a word
    if out.len() > 5 {
        if let Some(i) = out.find("our") {
            if i > 1 {
                out.replace_range(i..i + 3, "or");
            }
        }
    }
}

/// A clock time on the 24-hour clock without ":00": "6:41pm" and "18:41"
/// are "18:41", "6:00" and "6" are "6", "6pm" is "18".
fn clock(w: &str) -> Option<String> {
    let (t, pm, am) = if let Some(t) = w.strip_suffix("pm") {
        (t, true, false)
    } else if let Some(t) = w.strip_suffix("am") {
        (t, false, true)
    } else {
        (w, false, false)
    };
    let (h, m) = match t.split_once(':') {
        Some((h, m)) => (h, m),
        None if pm || am => (t, "00"),
        // "0241": four digits with a leading zero are a time, not a year
        None if t.len() == 4 && t.starts_with('0') && t.chars().all(|c| c.is_ascii_digit()) => t.split_at(2),
        None => return None,
    };
    let (Ok(mut h), Ok(m)) = (h.parse::<u32>(), m.parse::<u32>()) else { return None };
    if h > 24 || m > 59 || m.to_string().len() > 2 {
        return None;
    }
    if pm && h < 12 {
        h += 12;
    }
    if am && h == 12 {
        h = 0;
    }
    Some(if m == 0 { format!("{h}") } else { format!("{h}:{m:02}") })
}

/// "eleventh", "11th", "3rd": the number.
fn ordinal(w: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as u32 + 1);
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    (matches!(suffix, "st" | "nd" | "rd" | "th") && !digits.is_empty()).then(|| digits.parse().ok()).flatten()
}

/// Words whose change alone does not change what was said.
const FUNCTION_WORDS: [&str; 32] = [
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "that", "this",
    "these", "those", "it", "its", "is", "are", "was", "were", "be", "been", "so", "as", "just", "very", "really",
];
const NEGATIONS: [&str; 6] = ["not", "no", "never", "n't", "nothing", "none"];

/// Time-zone names, which one rendering gives and another leaves out.
const ZONES: [&str; 12] = ["gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "mst", "pst", "pdt"];

/// Whether some of `words` carry content: a word that is neither a
/// function word nor a time zone, or a negation.
fn says_something(words: &[&str]) -> bool {
    words.iter().any(|w| !FUNCTION_WORDS.contains(w) && !ZONES.contains(w) || NEGATIONS.contains(w))
}

/// Word-level alignment: the longest common subsequence, as matched index
/// pairs in order.
fn align(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[at(i, j)] = if a[i] == b[j] { dp[at(i + 1, j + 1)] + 1 } else { dp[at(i + 1, j)].max(dp[at(i, j + 1)]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if dp[at(i + 1, j)] >= dp[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// A run of words that differs between two renderings, inside the part
/// they share (a difference at either end is where one was cut).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Change {
    a: Vec<String>,
    b: Vec<String>,
}

/// The changes inside the aligned region of two quotations (`pairs`, from
/// [`align`]), how many words agree, how long the region is on its longer
/// side, and whether a change runs to the end of both. A change that only
/// joins or splits a compound ("data center" / "datacenter") is no change.
fn changes(a: &[&str], b: &[&str], pairs: &[(usize, usize)]) -> (Vec<Change>, usize, usize, bool) {
    let mut out = Vec::new();
    for w in pairs.windows(2) {
        let ((i1, j1), (i2, j2)) = (w[0], w[1]);
        if i2 == i1 + 1 && j2 == j1 + 1 {
            continue;
        }
        let (sa, sb) = (&a[i1 + 1..i2], &b[j1 + 1..j2]);
        if sa.concat() == sb.concat() {
            continue;
        }
        if !says_something(sa) && !says_something(sb) {
            continue;
        }
        // Words left out on one side only, three or more of them, are an
        // elision ("that person [is dangerous and] needs to be found"), not
        // a rewording; a negation left out is always a change.
        let negation = |x: &[&str]| x.iter().any(|w| NEGATIONS.contains(w));
        if (sa.is_empty() || sb.is_empty()) && sa.len() + sb.len() >= 3 && !negation(sa) && !negation(sb) {
            continue;
        }
        out.push(Change {
            a: sa.iter().map(|s| s.to_string()).collect(),
            b: sb.iter().map(|s| s.to_string()).collect(),
        });
    }
    let mut tail = false;
    // Both end soon after a long shared run, each with its own last word
    // or two: the same sentence ending two ways ("counted, and counted
    // right" / "counted fairly"), not a cut.
    if let Some(&(i, j)) = pairs.last() {
        let (ta, tb) = (&a[i + 1..], &b[j + 1..]);
        let short = |t: &[&str]| !t.is_empty() && t.len() <= 2;
        if pairs.len() >= 6
            && short(ta)
            && short(tb)
            && ta.concat() != tb.concat()
            && (says_something(ta) || says_something(tb))
        {
            out.push(Change {
                a: ta.iter().map(|s| s.to_string()).collect(),
                b: tb.iter().map(|s| s.to_string()).collect(),
            });
            tail = true;
        }
    }
    // The aligned stretch on the side where it is longer: two quotations
    // that share a few words spread over a long passage are two quotations.
    let region = match (pairs.first(), pairs.last()) {
        (Some(f), Some(l)) => (l.0 - f.0 + 1).max(l.1 - f.1 + 1),
        _ => 0,
    };
    (out, pairs.len(), region, tail)
}

/// Two short quotations (three to eight words) of the same length that
/// differ in exactly one content word.
fn short_substitution(a: &[&str], b: &[&str]) -> Option<Change> {
    // The shorter, whole, against the end of the longer: "extremely frank
    // and trustful" / "very substantive, yet also extremely frank and
    // confidential" (not its middle: "It was a mess" / "It was a large
    // crowd" is a cut, not a change).
    let (s, l, swapped) = if a.len() <= b.len() { (a, b, false) } else { (b, a, true) };
    if !(3..=8).contains(&s.len()) {
        return None;
    }
    let l = &l[l.len() - s.len()..];
    let differ: Vec<usize> = (0..s.len()).filter(|&i| s[i] != l[i]).collect();
    match differ.as_slice() {
        [i] if !FUNCTION_WORDS.contains(&s[*i]) && !FUNCTION_WORDS.contains(&l[*i]) => {
            let (x, y) = if swapped { (l[*i], s[*i]) } else { (s[*i], l[*i]) };
            Some(Change { a: vec![x.to_string()], b: vec![y.to_string()] })
        }
        _ => None,
    }
}

/// A speaker's name as [`same_speaker`] compares it, made once per
/// distinct quotation: lowercased, without a leading "the " (an
/// organisation's whole name), and as words (a person's).
struct SpeakerName {
    org: String,
    words: Vec<String>,
}

impl SpeakerName {
    fn of(q: &QuoteWords) -> Option<SpeakerName> {
        let l = q.speaker?.to_lowercase();
        let org = l.strip_prefix("the ").map(str::to_string).unwrap_or_else(|| l.clone());
        Some(SpeakerName { org, words: l.split_whitespace().map(str::to_string).collect() })
    }
}

/// Two speakers are one when their names agree: the same surname, and the
/// same first name where both give one ("Anna Keller" and "Keller",
/// not "Jerry Ortiz" and "Jeremy Ortiz"); organisations by their whole name.
fn same_speaker(a: (&QuoteWords, &Option<SpeakerName>), b: (&QuoteWords, &Option<SpeakerName>)) -> bool {
    let ((a, Some(x)), (b, Some(y))) = (a, b) else { return false };
    match (a.person, b.person) {
        (false, false) => return x.org == y.org,
        // an organisation and a person who speaks for it, named beside
        // them ("Ministry aide Ana Petrescu" / "the Ministry")
        (true, false) => return a.around.contains(&y.org),
        (false, true) => return b.around.contains(&x.org),
        (true, true) => {}
    }
    let (wx, wy) = (&x.words, &y.words);
    match (wx.last(), wy.last()) {
        (Some(l1), Some(l2)) if l1 == l2 => wx.len() < 2 || wy.len() < 2 || wx[0] == wy[0],
        _ => false,
    }
}

/// The passages of one wording difference: each side's, the first pair's
/// texts, and the difference in words.
type Side = BTreeSet<(usize, Span)>;
type Group = (Side, Side, String, String, String);

/// One pair of distinct quotations found to be one quotation worded two
/// ways: the change, the pair, the first and last word of each side's
/// passage, and whether the change puts the pair's second on the first
/// side.
struct Matched {
    found: Vec<Change>,
    pair: (usize, usize),
    from: (usize, usize),
    to: (usize, usize),
    flipped: bool,
}

/// The longest quotation compared, in words.
const MAX_QUOTE_WORDS: usize = 200;

/// Cap on how many quotes may share a trigram before it is too common to
/// say anything ("one of the").
pub const MAX_POSTING: usize = 64;

/// The fewest shared words for two quotations to be one, and of them the
/// fewest that are not function words.
const MIN_SHARED: usize = 5;
const MIN_SHARED_CONTENT: usize = 4;

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/quote_drift.md");

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    // Wire copy repeats quotations word for word: each distinct text is
    // normalised once (in parallel), and shared by its repeats.
    let mentions: Vec<(usize, &QuoteMention)> =
        input.extractions.iter().enumerate().flat_map(|(doc, ex)| ex.quotes.iter().map(move |q| (doc, q))).collect();
    let text_of = |&(doc, q): &(usize, &QuoteMention)| &input.docs[doc].text[q.inner.start..q.inner.end];
    let mut texts: Vec<(usize, &QuoteMention)> = Vec::new();
    let text_at: Vec<usize> = {
        let mut seen: FastMap<&str, usize> = FastMap::default();
        mentions
            .iter()
            .map(|m| {
                *seen.entry(text_of(m)).or_insert_with(|| {
                    texts.push(*m);
                    texts.len() - 1
                })
            })
            .collect()
    };
    let normal: Vec<Joined> = texts.par_iter().map(|&(doc, q)| Joined::new(&input.docs[doc].text, q.inner)).collect();
    // A "quotation" of hundreds of words is a stray quote mark or an
    // excerpt, and aligning two of them costs the product of their
    // lengths: not compared.
    let quotes: Vec<QuoteWords> = mentions
        .iter()
        .zip(&text_at)
        .map(|(&(doc, q), &t)| QuoteWords {
            doc,
            inner: q.inner,
            speaker: q.speaker.as_deref(),
            person: q.speaker_is_person,
            around: &q.around,
            w: &normal[t],
        })
        .filter(|q| (3..=MAX_QUOTE_WORDS).contains(&q.len()))
        .collect();
    // A quotation repeated word for word by one speaker (wire copy run by
    // many papers, a paragraph carried through a story's updates) is one
    // distinct quotation with many passages: compared once, and its
    // trigrams counted once, so that repeats neither multiply the pairs
    // nor push a trigram past the cap below. Distinct quotations are
    // numbered in order of their first passage.
    let mut distinct: Vec<Vec<usize>> = Vec::new();
    {
        type Same<'a> = (&'a str, Option<&'a str>, bool, &'a [String]);
        let mut seen: FastMap<Same, usize> = FastMap::default();
        for (i, q) in quotes.iter().enumerate() {
            let key = (q.w.joined.as_str(), q.speaker, q.person, q.around);
            let at = *seen.entry(key).or_insert_with(|| {
                distinct.push(Vec::new());
                distinct.len() - 1
            });
            distinct[at].push(i);
        }
    }
    let first = |d: usize| &quotes[distinct[d][0]];
    let names: Vec<Option<SpeakerName>> = (0..distinct.len()).map(|d| SpeakerName::of(first(d))).collect();
    // Trigrams as slices of the joined words: three words and the two
    // spaces between them.
    let mut index: FastMap<&str, Vec<usize>> = FastMap::default();
    for d in 0..distinct.len() {
        let q = first(d);
        for i in 0..q.len().saturating_sub(2) {
            let e = index.entry(q.run(i, i + 2)).or_default();
            if e.last() != Some(&d) {
                e.push(d);
            }
        }
    }
    // Candidate pairs: two distinct quotations sharing a trigram, by one
    // speaker (the cheap test first); made per posting in parallel, then
    // sorted and deduplicated (millions of pairs at archive scale: an
    // ordered set built on one thread took a second).
    let postings: Vec<&Vec<usize>> = index.values().filter(|p| p.len() >= 2 && p.len() <= MAX_POSTING).collect();
    let names = &names;
    let mut pairs: Vec<(usize, usize)> = postings
        .par_iter()
        .flat_map_iter(|posting| {
            posting.iter().enumerate().flat_map(move |(x, &i)| {
                posting[x + 1..]
                    .iter()
                    .filter(move |&&j| same_speaker((first(i), &names[i]), (first(j), &names[j])))
                    .map(move |&j| (i.min(j), i.max(j)))
            })
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    // Each pair aligned on its own (in parallel: alignment is the cost),
    // then, in pair order, one finding per speaker and distinct change,
    // with every passage of each distinct quotation on its side.
    let matched: Vec<Matched> = pairs
        .par_iter()
        .filter_map(|&(i, j)| {
            let (x, y) = (first(i), first(j));
            let (xw, yw) = (x.words(), y.words());
            // Whether the passages run to the end of both quotations (a change
            // at the end), or are the whole of both.
            let (mut to_end, mut whole) = (false, false);
            let pairs_ij = align(&xw, &yw);
            let found = match short_substitution(&xw, &yw) {
                // A short quotation given whole both times with one word
                // swapped: "extremely frank and confidential" / "... trustful".
                Some(c) => {
                    whole = true;
                    vec![c]
                }
                None => {
                    let (found, shared, region, tail) = changes(&xw, &yw, &pairs_ij);
                    to_end = tail;
                    // The words they share must say something: "the ... of the
                    // Endangered Species Act" is a name two quotations share.
                    let content = pairs_ij.iter().filter(|(i, _)| !FUNCTION_WORDS.contains(&xw[*i])).count();
                    // One quotation: most of the region they share agrees, over
                    // a minimum length; and a real change of words inside it.
                    if found.is_empty()
                        || content < MIN_SHARED_CONTENT
                        || shared < MIN_SHARED
                        || (shared as f64) < rule.threshold * region as f64
                    {
                        return None;
                    }
                    found
                }
            };
            let (Some(&f), Some(&l)) = (pairs_ij.first(), pairs_ij.last()) else { return None };
            let end = (xw.len() - 1, yw.len() - 1);
            let (from, to) = if whole {
                // the shorter whole, the end of the longer
                let n = xw.len().min(yw.len());
                ((xw.len() - n, yw.len() - n), end)
            } else if to_end {
                (f, end)
            } else {
                (f, l)
            };
            // Orient the sides by the change, so every pair with the same
            // change puts each wording on the same side.
            let flipped = found.first().is_some_and(|c| c.a > c.b);
            Some(Matched { found, pair: (i, j), from, to, flipped })
        })
        .collect();
    // The passage of each of a distinct quotation's repeats: the same
    // words, so the same word positions.
    let passages = |d: usize, (from, to): (usize, usize)| -> Vec<(usize, Span)> {
        distinct[d]
            .iter()
            .map(|&k| {
                let q = &quotes[k];
                let (mut start, mut end) = (q.inner.start, q.inner.end);
                let mut n = 0;
                for_each_word(&input.docs[q.doc].text, q.inner, |_, at| {
                    if n == from {
                        start = at.start;
                    }
                    if n == to {
                        end = at.end;
                    }
                    n += 1;
                });
                (q.doc, Span::new(start, end))
            })
            .collect()
    };
    let mut groups: BTreeMap<(String, Vec<Change>), Group> = BTreeMap::new();
    for Matched { found, pair: (i, j), from, to, flipped } in matched {
        let speaker = first(i).speaker.unwrap_or_default().to_lowercase();
        let (mut xs, mut ys) = (passages(i, (from.0, to.0)), passages(j, (from.1, to.1)));
        if flipped {
            std::mem::swap(&mut xs, &mut ys);
        }
        // The change as a key: each side in one order, sorted.
        let mut key_changes = found.clone();
        for c in key_changes.iter_mut() {
            if c.a > c.b {
                std::mem::swap(&mut c.a, &mut c.b);
            }
        }
        key_changes.sort();
        let entry = groups.entry((speaker, key_changes)).or_insert_with(|| {
            let ((da, sa), (db, sb)) = (xs[0], ys[0]);
            let ta = input.docs[da].text[sa.start..sa.end].to_string();
            let tb = input.docs[db].text[sb.start..sb.end].to_string();
            let what = found
                .iter()
                .map(|c| format!("\"{}\" / \"{}\"", c.a.join(" "), c.b.join(" ")))
                .collect::<Vec<_>>()
                .join(", ");
            (BTreeSet::new(), BTreeSet::new(), ta, tb, what)
        });
        entry.0.extend(xs);
        entry.1.extend(ys);
    }
    for ((_, _), (side_a, side_b, ta, tb, what)) in groups {
        let claim = |&(doc, span): &(usize, Span)| {
            let t = &input.docs[doc].text[span.start..span.end];
            let speaker = input.extractions[doc]
                .quotes
                .iter()
                .find(|q| q.inner.contains(span.start))
                .and_then(|q| q.speaker.clone());
            Claim { said_by: speaker, ..Claim::timeless(doc, span, "quote", t.to_string()) }
        };
        let mut claims: Vec<Claim> = side_a.iter().map(claim).collect();
        claims.extend(side_b.iter().filter(|p| !side_a.contains(p)).map(claim));
        let speaker = claims.iter().find_map(|c| c.said_by.clone()).unwrap_or_else(|| "quote".into());
        out.push(Finding {
            rule: rule.id.clone(),
            kind: rule.kind,
            severity: rule.severity,
            message: render_message(rule, "", &ta, &tb, ""),
            subject: speaker.clone(),
            help: format!(
                "one quotation of {speaker} (the same speaker, the same words around it) is worded two ways: {what}; \
                 at most one can be what was said"
            ),
            claims,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_normalise() {
        let t = "today’s call";
        let w: Vec<String> = normalise(t, Span::new(0, t.len())).into_iter().map(|x| x.0).collect();
        assert_eq!(w, ["today", "call"]); // the possessive goes with the apostrophe
    }

    fn words(s: &str) -> Vec<String> {
        normalise(s, Span::new(0, s.len())).into_iter().map(|x| x.0).collect()
    }

    fn diff(a: &str, b: &str) -> Vec<Change> {
        let (wa, wb) = (words(a), words(b));
        let xa: Vec<&str> = wa.iter().map(String::as_str).collect();
        let xb: Vec<&str> = wb.iter().map(String::as_str).collect();
        changes(&xa, &xb, &align(&xa, &xb)).0
    }

    #[test]
    fn a_changed_word_inside_is_a_drift() {
        let c = diff("Our members will not be priced out of the job", "Our members will not be forced out of the job");
        assert_eq!(c, [Change { a: vec!["priced".into()], b: vec!["forced".into()] }]);
        assert_eq!(diff("we will sign the deal today", "we will not sign the deal today").len(), 1);
    }

    #[test]
    fn a_short_quotation_with_one_word_swapped_is_a_drift() {
        let (a, b) = (words("extremely frank and confidential"), words("extremely frank and trustful"));
        let xa: Vec<&str> = a.iter().map(String::as_str).collect();
        let xb: Vec<&str> = b.iter().map(String::as_str).collect();
        assert!(short_substitution(&xa, &xb).is_some());
        let (c, d) = (words("It was a mess"), words("It was a large crowd"));
        let xc: Vec<&str> = c.iter().map(String::as_str).collect();
        let xd: Vec<&str> = d.iter().map(String::as_str).collect();
        assert!(short_substitution(&xc, &xd).is_none());
    }

    #[test]
    fn cuts_and_variants_are_not() {
        // two cuts of one longer quotation
        assert!(diff("That person needs to be found", "dangerous and needs to be found").is_empty());
        assert!(diff("It was a mess", "It was a large crowd").is_empty());
        // ...but a long shared run ending two ways is one sentence, changed
        assert_eq!(
            diff(
                "every vote deserves to be counted, and counted right",
                "every vote deserves to be counted, and counted fairly"
            )
            .len(),
            1
        );
        // typography and spelling
        assert!(diff("the cyber criminals in our neighbourhood", "the cyber-criminals in our neighborhood").is_empty());
        assert!(diff("the datacenter is the foundation of it", "the data center is the foundation of it").is_empty());
        assert!(diff("we meet at 6 p.m. with six partners", "we meet at 6:00 p.m. with 6 partners").is_empty());
        assert!(diff(
            "she passed away at 6:41pm PST this evening (0241 GMT Friday) at home",
            "she passed away at 18:41 this evening (02:41 GMT Friday) at home"
        )
        .is_empty());
        assert!(diff("HP's ability to help customers", "HP\u{2019}s ability to help customers").is_empty());
        assert!(
            diff("this 11th hour rule will protect species", "this eleventh-hour rule will protect species").is_empty()
        );
        assert!(
            diff("I understand the population's anger at it", "I understand the populations' anger at it").is_empty()
        );
        // an elision of several words
        assert!(diff(
            "That person needs to be found as soon as possible",
            "That person is dangerous and needs to be found as soon as possible"
        )
        .is_empty());
        // the reporter's words in brackets are not the speaker's
        assert!(diff(
            "we appreciate your respect to her and her family's privacy",
            "we appreciate your respect to her [Jane Doe] and her family's privacy"
        )
        .is_empty());
        // a dropped article is not a change of words
        assert!(diff("we made a decision on the plan today", "we made the decision on the plan today").is_empty());
    }
}
