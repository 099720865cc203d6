#![doc = include_str!("docs/quote_drift.md")]

use super::{render_message, Claim, Finding, Input};
use crate::extract::{Modality, Polarity};
use crate::rules::Conflict;
use crate::text::Span;
use std::collections::{BTreeSet, HashMap};

/// A quote's words, normalised, with their byte spans.
struct QuoteWords {
    doc: usize,
    speaker: Option<String>,
    person: bool,
    words: Vec<(String, Span)>,
}

fn normalise(text: &str, span: Span) -> Vec<(String, Span)> {
    let s = &text[span.start..span.end];
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let flush = |a: usize, b: usize, out: &mut Vec<(String, Span)>| {
        let w: String = s[a..b]
            .chars()
            .map(|c| if c == '\u{2019}' || c == '\u{2018}' { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        let w = w.trim_matches('\'').to_string();
        if !w.is_empty() {
            out.push((w, Span::new(span.start + a, span.start + b)));
        }
    };
    for (i, c) in s.char_indices() {
        let wordy = c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-';
        match (wordy, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                flush(a, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        flush(a, s.len(), &mut out);
    }
    out
}

fn edit_distance(a: &[&str], b: &[&str]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Cap on how many quotes may share a trigram before it is too common to
/// say anything ("one of the").
const MAX_POSTING: usize = 64;

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/quote_drift.md");

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    let mut quotes: Vec<QuoteWords> = Vec::new();
    for (doc, ex) in input.extractions.iter().enumerate() {
        for q in &ex.quotes {
            let words = normalise(&input.docs[doc].text, q.inner);
            if words.len() >= 3 {
                quotes.push(QuoteWords { doc, speaker: q.speaker.clone(), person: q.speaker_is_person, words });
            }
        }
    }
    let mut index: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    for (i, q) in quotes.iter().enumerate() {
        for w in q.words.windows(3) {
            let e = index.entry((&w[0].0, &w[1].0, &w[2].0)).or_default();
            if e.last() != Some(&i) {
                e.push(i);
            }
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for posting in index.values().filter(|p| p.len() >= 2 && p.len() <= MAX_POSTING) {
        for (x, &i) in posting.iter().enumerate() {
            for &j in &posting[x + 1..] {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    let mut seen: BTreeSet<(usize, Span, usize, Span)> = BTreeSet::new();
    for (i, j) in pairs {
        let (s, l) = if quotes[i].words.len() <= quotes[j].words.len() {
            (&quotes[i], &quotes[j])
        } else {
            (&quotes[j], &quotes[i])
        };
        if s.person && l.person && s.speaker.is_some() && l.speaker.is_some() && s.speaker != l.speaker {
            continue;
        }
        let sw: Vec<&str> = s.words.iter().map(|w| w.0.as_str()).collect();
        let lw: Vec<&str> = l.words.iter().map(|w| w.0.as_str()).collect();
        let m = sw.len();
        if lw.windows(m).any(|w| w == sw.as_slice()) {
            continue; // an excerpt, or the same words
        }
        let allowed = ((m as f64) * (1.0 - rule.threshold)).floor() as usize;
        if allowed == 0 {
            continue;
        }
        let mut best: Option<(usize, usize, usize)> = None; // distance, start, len
        for len in [m, m.saturating_sub(1), m + 1] {
            if len == 0 || len > lw.len() {
                continue;
            }
            for start in 0..=lw.len() - len {
                let d = edit_distance(&sw, &lw[start..start + len]);
                if best.is_none_or(|b| d < b.0) {
                    best = Some((d, start, len));
                }
            }
        }
        let Some((d, start, len)) = best else { continue };
        if d == 0 || d > allowed {
            continue;
        }
        // The differing words must be words, not just a dropped article.
        let s_span = Span::new(s.words[0].1.start, s.words[m - 1].1.end);
        let l_span = Span::new(l.words[start].1.start, l.words[start + len - 1].1.end);
        if !seen.insert((s.doc, s_span, l.doc, l_span)) {
            continue;
        }
        let st = &input.docs[s.doc].text[s_span.start..s_span.end];
        let lt = &input.docs[l.doc].text[l_span.start..l_span.end];
        let claim = |doc: usize, span: Span, speaker: &Option<String>, t: &str| Claim {
            doc,
            span,
            predicate: "quote".into(),
            object: t.to_string(),
            polarity: Polarity::Positive,
            modality: Modality::Asserted,
            valid: None,
            valid_origin: "timeless".into(),
            said_by: speaker.clone(),
        };
        out.push(Finding {
            rule: rule.id.clone(),
            kind: rule.kind,
            severity: rule.severity,
            message: render_message(rule, "", st, lt, ""),
            subject: l.speaker.clone().or_else(|| s.speaker.clone()).unwrap_or_else(|| "quote".into()),
            help: format!(
                "{d} of {m} words differ between two renderings of one quotation; at most one can be what was said"
            ),
            claims: vec![claim(s.doc, s_span, &s.speaker, st), claim(l.doc, l_span, &l.speaker, lt)],
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
        assert_eq!(w, ["today's", "call"]);
    }

    #[test]
    fn word_edit_distance() {
        assert_eq!(edit_distance(&["a", "b", "c"], &["a", "x", "c"]), 1);
        assert_eq!(edit_distance(&["a", "b"], &["a", "b", "c"]), 1);
    }
}
