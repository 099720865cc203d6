//! The time resolver against two external suites (copied into
//! tests/fixtures/time with their sources named at their tops):
//! - Duckling's English date examples (372 phrases, reference Tuesday
//!   2013-02-12, future bias): at least 90% must resolve to the gold span;
//! - 416 DATE expressions from TempEval-3 AQUAINT news wire: the time stage
//!   reads each sentence against its document creation time, the expression
//!   overlapping the gold phrase is compared in TIMEX3 form: at least 85%.
//!
//! Each test prints its pass count and the failures, so a run shows where
//! the resolver stands (`cargo test --test time_suites -- --nocapture`).

use chrono::NaiveDate;
use factlint::time::{resolve_phrase, Bias, Grain};
use serde::Deserialize;

#[derive(Deserialize)]
struct Duckling {
    reference: String,
    bias: String,
    examples: Vec<DucklingExample>,
}

#[derive(Deserialize)]
struct DucklingExample {
    phrase: String,
    grain: String,
    start: String,
    end: Option<String>,
    open: Option<String>,
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn grain(s: &str) -> Grain {
    match s {
        "day" => Grain::Day,
        "week" => Grain::Week,
        "month" => Grain::Month,
        "quarter" => Grain::Quarter,
        _ => Grain::Year,
    }
}

#[test]
fn duckling_english_dates() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/time/duckling-en-dates.yaml"))
            .unwrap();
    let suite: Duckling = serde_yaml::from_str(&text).unwrap();
    let reference = date(&suite.reference[..10]);
    let bias = Bias::parse(&suite.bias).unwrap();
    let mut pass = 0;
    let mut failures = Vec::new();
    for ex in &suite.examples {
        let got = resolve_phrase(&ex.phrase, reference, bias);
        let ok = got.is_some_and(|s| {
            s.start == date(&ex.start)
                && s.grain == grain(&ex.grain)
                && ex.end.as_ref().is_none_or(|e| s.end == date(e))
                && ex.open.as_deref() == s.open.map(|o| o.as_str())
        });
        if ok {
            pass += 1;
        } else {
            failures.push(format!(
                "  {:40} want {} {} {:?} {:?}  got {:?}",
                ex.phrase, ex.start, ex.grain, ex.end, ex.open, got
            ));
        }
    }
    let total = suite.examples.len();
    println!("duckling: {pass}/{total} ({:.1}%)\n{}", 100.0 * pass as f64 / total as f64, failures.join("\n"));
    assert!(pass * 100 >= total * 90, "duckling pass rate {pass}/{total} is under 90%");
}

#[derive(Deserialize)]
struct Tbaq {
    examples: Vec<TbaqExample>,
}

#[derive(Deserialize)]
struct TbaqExample {
    doc: String,
    dct: String,
    phrase: String,
    value: String,
    sentence: String,
}

#[test]
fn tempeval3_aquaint_news_dates() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/time/tbaq-aquaint-dates.yaml"))
            .unwrap();
    let suite: Tbaq = serde_yaml::from_str(&text).unwrap();
    let rules = factlint::rules::load(&[]).unwrap();
    let mut pass = 0;
    let mut failures = Vec::new();
    for ex in &suite.examples {
        let dct = date(&ex.dct);
        let at = ex.sentence.find(&ex.phrase).unwrap_or(0);
        let end = at + ex.phrase.len();
        let mentions = factlint::extract::time_mentions(&rules, &ex.sentence, dct);
        // The innermost expression over the gold phrase: "1997" inside
        // "between 1994 and 1997" is valued on its own, as TIMEX3 does.
        let outer = mentions.iter().find(|m| m.start < end && at < m.end);
        let m = outer.map(|o| o.parts.iter().find(|p| p.start < end && at < p.end).unwrap_or(o));
        let got = m.and_then(|m| m.timex.clone());
        if got.as_deref() == Some(ex.value.as_str()) {
            pass += 1;
        } else {
            let found = m.map(|m| &ex.sentence[m.start..m.end]);
            failures.push(format!(
                "  {:14} {:28} dct {} want {:10} got {:?} via {:?} bias {:?}",
                ex.doc,
                ex.phrase,
                ex.dct,
                ex.value,
                got,
                found,
                m.map(|m| m.bias)
            ));
        }
    }
    let total = suite.examples.len();
    println!("tbaq: {pass}/{total} ({:.1}%)\n{}", 100.0 * pass as f64 / total as f64, failures.join("\n"));
    assert!(pass * 100 >= total * 85, "TBAQ pass rate {pass}/{total} is under 85%");
}
