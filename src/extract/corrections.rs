//! Correction notices: "An earlier version of this article misstated the
//! number of ballots rejected. It was 48, not 84." A notice speaks of an
//! error, not of the world: nothing it says is a claim of the document.
//! It retires the claim it corrects: the values it gives as the error (the
//! number or day after "not", "rather than" or "instead of", or after "as"
//! in a sentence with an error word; what a sentence says after
//! "incorrectly", "misstated", ...) are withdrawn from the rest of the
//! document, so an article whose body still carries the error does not
//! stand behind it.
//!
//! A notice runs from the sentence with a correction phrase of the packs
//! (`language.corrections`) to the end of its line; the words that mark
//! the error are `language.correction_errors`. Other reports of the same
//! wrong value are not touched: they still carry the error.

use super::lexicon::Tag;
use super::{DocExtraction, RawClaim, Sent};
use crate::text::tokens::{Kind, Token};
use crate::text::Span;
use crate::time::TimeSpan;

/// What the notices of one document give as the error.
#[derive(Default, Debug)]
struct Errors {
    numbers: Vec<f64>,
    days: Vec<TimeSpan>,
    /// (predicate, value) of a label or scale claim stated as the error.
    labels: Vec<(String, String)>,
}

/// The notices of a document: each from the start of a sentence with a
/// correction phrase to the end of that line.
fn notices(text: &str, sents: &[Sent]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in sents.iter().filter(|s| s.hits.iter().any(|h| h.tag == Tag::Correction)) {
        let end = text[s.span.start..].find('\n').map_or(text.len(), |i| s.span.start + i).max(s.span.end);
        match out.last_mut() {
            Some(last) if last.end >= s.span.start => last.end = last.end.max(end),
            _ => out.push(Span::new(s.span.start, end)),
        }
    }
    out
}

/// The words before token `k` of a sentence, skipping commas: whether
/// they are `words` (lowercased, last word last).
fn preceded_by(tokens: &[Token], k: usize, from: usize, words: &[&str]) -> bool {
    let mut j = k;
    for w in words.iter().rev() {
        loop {
            if j <= from {
                return false;
            }
            j -= 1;
            if !matches!(tokens[j].kind, Kind::Punct(',')) {
                break;
            }
        }
        if tokens[j].word() != Some(*w) {
            return false;
        }
    }
    true
}

/// Whether the value at token `k` is given as the error: after "not",
/// "rather than", "instead of", or (in a sentence with an error word)
/// after "as".
fn wrong_at(tokens: &[Token], k: usize, from: usize, error_sentence: bool) -> bool {
    preceded_by(tokens, k, from, &["not"])
        || preceded_by(tokens, k, from, &["rather", "than"])
        || preceded_by(tokens, k, from, &["instead", "of"])
        || error_sentence && preceded_by(tokens, k, from, &["as"])
}

fn number_of(t: &Token) -> Option<f64> {
    match &t.kind {
        Kind::Num { value, ordinal: false, .. } => Some(*value as f64),
        Kind::Word { text, .. } => crate::language::numbers::value(text),
        _ => None,
    }
}

/// Drops the claims and quotations read inside correction notices and
/// retires, in the rest of the document, the claims whose values a notice
/// gives as the error.
pub(super) fn apply(text: &str, sents: &[Sent], tokens: &[Token], out: &mut DocExtraction) {
    let spans = notices(text, sents);
    if spans.is_empty() {
        return;
    }
    let inside = |at: usize| spans.iter().any(|n| n.start <= at && at < n.end);
    let mut errors = Errors::default();
    for s in sents.iter().filter(|s| inside(s.span.start)) {
        let marks: Vec<usize> = s.hits.iter().filter(|h| h.tag == Tag::CorrectionError).map(|h| h.span.start).collect();
        let error_sentence = !marks.is_empty();
        for k in s.t0..s.t1 {
            if let Some(v) = number_of(&tokens[k]) {
                // not the day of a date ("November 19") nor its year
                let in_time = s.times.iter().any(|m| m.start <= tokens[k].start && tokens[k].start < m.end);
                if !in_time && wrong_at(tokens, k, s.t0, error_sentence) {
                    errors.numbers.push(v);
                }
            }
        }
        for m in &s.times {
            let k = tokens.partition_point(|t| t.start < m.start);
            if let Some(day) = m.span.filter(|_| wrong_at(tokens, k, s.t0, error_sentence)) {
                errors.days.push(day);
            }
        }
        // "incorrectly said that 84 ballots were rejected": what follows
        // an error word is the error.
        for c in out.claims.iter().filter(|c| s.span.contains(c.cue.start)) {
            if !marks.iter().any(|&m| m < c.span.start.max(c.cue.start)) {
                continue;
            }
            if let Some(q) = &c.quantity {
                errors.numbers.extend([q.low, q.high].into_iter().filter(|v| v.is_finite()));
            } else if let Some(d) = c.date_value {
                errors.days.push(d);
            } else {
                errors.labels.push((c.predicate.clone(), c.object.clone()));
            }
        }
    }
    let retired = |c: &RawClaim| {
        if let Some(q) = &c.quantity {
            let mid = (q.low + q.high) / 2.0;
            return errors.numbers.iter().any(|&w| w == q.low || w == q.high || q.high.is_finite() && w == mid);
        }
        if let Some(d) = c.date_value {
            return errors.days.iter().any(|w| *w == d || w.contains(&d));
        }
        errors.labels.iter().any(|(p, v)| *p == c.predicate && *v == c.object)
    };
    out.claims.retain(|c| !inside(c.cue.start) && !inside(c.span.start) && !retired(c));
    out.quotes.retain(|q| !inside(q.inner.start));
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::extract::Extractor;

    fn claims(text: &str) -> Vec<String> {
        let rules = crate::rules::load(&[]).expect("builtin pack");
        let ex = Extractor::new(&rules);
        let doc = Document::from_text("a.txt", text.to_string(), None);
        ex.extract(&doc)
            .claims
            .iter()
            .map(|c| format!("{} {}", c.predicate, c.quantity.as_ref().map_or(c.object.clone(), |q| q.text.clone())))
            .collect()
    }

    #[test]
    fn a_notice_is_no_claim_and_retires_the_value_it_corrects() {
        let body = " date 2025-11-25\n\nThe recount was stopped on Tuesday. Officials said 48 mail ballots were \
                    rejected during the canvass.\n\n";
        let fixed = format!(
            "{body}An earlier version of this article misstated the number of mail ballots rejected during the \
             canvass. It was 48, not 84.\n"
        );
        let c = claims(&fixed);
        assert!(c.iter().any(|c| c.contains("48 mail ballots")), "{c:?}");
        assert!(!c.iter().any(|c| c.contains("84")), "{c:?}");
        // The body still carries the error: the article no longer stands
        // behind it.
        let unfixed = fixed.replace("said 48 mail", "said 84 mail");
        let c = claims(&unfixed);
        assert!(!c.iter().any(|c| c.starts_with("count")), "{c:?}");
        // A notice that says what was wrong in a sentence of its own.
        let said = format!(
            "{}Correction: This article incorrectly said that 84 mail ballots were rejected during the canvass.\n",
            body.replace("said 48 mail", "said 84 mail")
        );
        let c = claims(&said);
        assert!(!c.iter().any(|c| c.starts_with("count")), "{c:?}");
        // Without a notice the same words are claims.
        let c = claims(&unfixed.replace("An earlier version of this article misstated", "Officials counted"));
        assert!(c.iter().any(|c| c.contains("84 mail ballots")), "{c:?}");
    }
}
