//! `factlint facts`: every extracted fact, so a rule author can see why a
//! conflict was or was not found. `table` for people, `json`/`jsonl` for tools.

use super::{line_col, passage};
use crate::check::describe_span;
use crate::corpus::Document;
use crate::facts::Fact;
use serde::Serialize;

#[derive(Serialize)]
struct FactOut<'a> {
    /// "fact" (the map step's document records say "document").
    record: &'static str,
    file: &'a str,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    subject: &'a str,
    subject_name: &'a str,
    /// The subject as written in this passage, and its head lemma.
    subject_phrase: &'a str,
    subject_head: &'a str,
    predicate: &'a str,
    object: &'a str,
    /// More of the value: the head of an act's object ("race" of "conceded
    /// the race"); for a place, the places written after it that contain
    /// it ("England" of "in Leeds, England").
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    polarity: &'static str,
    /// The word that negates the claim, as written.
    polarity_word: Option<String>,
    modality: &'static str,
    /// The word that makes it hedged, planned or conditional, as written.
    modality_word: Option<String>,
    /// A count as written with its interval ("about 4,300 residents").
    quantity: Option<String>,
    /// A count read from the parse: what the rest of its clause says of it
    /// ("around world; in 2014"); two counts of one report are compared
    /// only when these are the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    frame: Option<&'a str>,
    valid: Option<String>,
    valid_from: String,
    date_value: Option<String>,
    reported: Option<String>,
    said_by: Option<&'a str>,
    text: String,
}

fn rows<'a>(docs: &'a [Document], facts: &[Vec<&'a Fact>]) -> Vec<FactOut<'a>> {
    let mut out = Vec::new();
    for (d, fs) in docs.iter().zip(facts) {
        for f in fs {
            let (line, column) = line_col(d, f.claim.span);
            out.push(FactOut {
                record: "fact",
                file: &d.path,
                line,
                column,
                start: f.claim.span.start,
                end: f.claim.span.end,
                subject: &f.subject,
                subject_name: &f.subject_name,
                subject_phrase: &f.claim.subject_label,
                subject_head: &f.claim.subject_head,
                predicate: &f.claim.predicate,
                object: &f.claim.object,
                detail: f.claim.open_object.as_deref(),
                polarity: f.claim.polarity.as_str(),
                polarity_word: f.claim.polarity_cue.and_then(|sp| d.text.get(sp.start..sp.end)).map(str::to_string),
                modality: f.claim.modality.as_str(),
                modality_word: f.claim.modality_cue.and_then(|sp| d.text.get(sp.start..sp.end)).map(str::to_string),
                quantity: f
                    .claim
                    .quantity
                    .as_ref()
                    .map(|q| format!("{} [{}, {}]", q.text, bound(q.low), bound(q.high))),
                frame: f.claim.quantity.as_ref().and_then(|q| q.frame.as_deref()).filter(|f| !f.is_empty()),
                valid: f.claim.valid.as_ref().map(describe_span),
                valid_from: f.claim.valid_origin.describe(),
                date_value: f.claim.date_value.as_ref().map(describe_span),
                reported: d.date.map(|x| x.to_string()),
                said_by: f.claim.said_by.as_deref(),
                text: passage(d, f.claim.span),
            });
        }
    }
    out
}

pub fn render_json(docs: &[Document], facts: &[Vec<&Fact>]) -> String {
    let mut s = serde_json::to_string_pretty(&rows(docs, facts)).unwrap_or_default();
    s.push('\n');
    s
}

pub fn render_jsonl(docs: &[Document], facts: &[Vec<&Fact>]) -> String {
    rows(docs, facts).iter().map(|r| serde_json::to_string(r).unwrap_or_default() + "\n").collect()
}

pub fn render_table(docs: &[Document], facts: &[Vec<&Fact>]) -> String {
    let mut s = String::new();
    for r in rows(docs, facts) {
        let neg = if r.polarity == "negative" { "NOT " } else { "" };
        let value = r
            .date_value
            .as_deref()
            .map(|d| format!("{} = {d}", r.object))
            .unwrap_or_else(|| format!("{neg}{}", r.object));
        let value = match r.detail {
            Some(d) => format!("{value} ({d})"),
            None => value,
        };
        s.push_str(&format!(
            "{}:{}:{}  {}  {}={}  [{}]  valid: {} ({})  said by: {}\n    \"{}\"\n",
            r.file,
            r.line,
            r.column,
            r.subject,
            r.predicate,
            value,
            r.modality,
            r.valid.as_deref().unwrap_or("-"),
            r.valid_from,
            r.said_by.unwrap_or("-"),
            r.text
        ));
        // Why: the subject as written, and the words that set the
        // polarity, the mood and the count.
        let mut why = Vec::new();
        if !r.subject_phrase.is_empty() {
            why.push(format!("subject \"{}\" (head {})", r.subject_phrase, r.subject_head));
        }
        if let Some(w) = &r.polarity_word {
            why.push(format!("negated by \"{w}\""));
        }
        if let Some(w) = &r.modality_word {
            why.push(format!("{} by \"{w}\"", r.modality));
        }
        if let Some(q) = &r.quantity {
            why.push(format!("count {q}"));
        }
        if let Some(f) = r.frame.filter(|f| !f.is_empty()) {
            why.push(format!("within its report, a count of {f}"));
        }
        if !why.is_empty() {
            s.push_str(&format!("    {}\n", why.join("; ")));
        }
    }
    s
}

/// Markdown for an editor's hover over a passage: each fact read there,
/// with why (the same fields as `factlint facts`).
pub fn render_markdown(docs: &[Document], facts: &[Vec<&Fact>]) -> String {
    let mut s = String::new();
    for r in rows(docs, facts) {
        if !s.is_empty() {
            s.push_str("\n---\n\n");
        }
        let neg = if r.polarity == "negative" { "not " } else { "" };
        s.push_str(&format!("**{}** · `{}`\n\n", r.subject_name, r.subject));
        s.push_str(&format!("- predicate: `{}` = {neg}`{}`\n", r.predicate, r.object));
        if let Some(d) = &r.date_value {
            s.push_str(&format!("- date claimed: {d}\n"));
        }
        if let Some(q) = &r.quantity {
            s.push_str(&format!("- count: {q}\n"));
        }
        if let Some(f) = r.frame.filter(|f| !f.is_empty()) {
            s.push_str(&format!("- within its report, a count of: {f}\n"));
        }
        let word = |w: &Option<String>| w.as_ref().map(|w| format!(" (\"{w}\")")).unwrap_or_default();
        s.push_str(&format!("- polarity: {}{}\n", r.polarity, word(&r.polarity_word)));
        s.push_str(&format!("- modality: {}{}\n", r.modality, word(&r.modality_word)));
        s.push_str(&format!("- valid: {} (from {})\n", r.valid.as_deref().unwrap_or("unknown"), r.valid_from));
        s.push_str(&format!("- said by: {}\n", r.said_by.unwrap_or("the report")));
        if !r.subject_phrase.is_empty() {
            s.push_str(&format!("- subject as written: \"{}\" (head `{}`)\n", r.subject_phrase, r.subject_head));
        }
        s.push_str(&format!("- from: {}:{}:{}\n", r.file, r.line, r.column));
    }
    s
}

/// An end of a count's interval as a reader writes it: "15400", not the
/// "15400.000000000002" that widening "about 14,000" by a tenth gives.
fn bound(x: f64) -> String {
    if x.is_infinite() {
        return "∞".into();
    }
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::bound;

    #[test]
    fn an_interval_end_is_written_without_float_noise() {
        assert_eq!(bound(14_000.0 * 1.1), "15400");
        assert_eq!(bound(45.0 * 1.1), "49.5");
        assert_eq!(bound(2.8), "2.8");
        assert_eq!(bound(600e6), "600000000");
        assert_eq!(bound(0.0), "0");
        assert_eq!(bound(f64::INFINITY), "∞");
    }
}
