//! Table-driven tests of news phrases under past bias, against hand-checked
//! answers. Each row: reference date, phrase, expected start, expected end
//! (exclusive), grain.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[rustfmt::skip]
const PAST: &[(&str, &str, &str, &str, &str)] = &[
    // The seeds' expressions, under their own datelines.
    ("2025-11-08", "on Friday", "2025-11-07", "2025-11-08", "day"),
    ("2025-11-08", "last month", "2025-10-01", "2025-11-01", "month"),
    ("2025-11-08", "on August 15", "2025-08-15", "2025-08-16", "day"),
    ("2025-10-18", "on Thursday", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-18", "late on Thursday", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-18", "in August", "2025-08-01", "2025-09-01", "month"),
    ("2025-10-18", "next week", "2025-10-20", "2025-10-27", "week"),
    ("2025-10-22", "earlier this week", "2025-10-20", "2025-10-22", "day"),
    ("2025-10-22", "last week", "2025-10-13", "2025-10-20", "week"),
    ("2025-10-22", "on Tuesday", "2025-10-21", "2025-10-22", "day"),
    ("2025-10-22", "late Tuesday", "2025-10-21", "2025-10-22", "day"),
    ("2025-10-22", "on Friday", "2025-10-17", "2025-10-18", "day"),
    ("2025-10-22", "On October 16", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-22", "in January", "2025-01-01", "2025-02-01", "month"),
    ("2025-10-22", "within two weeks", "2025-10-22", "2025-11-05", "day"),
    ("2025-10-22", "in the coming weeks", "2025-10-22", "2025-11-12", "day"),
    // The dateline's own weekday is that very day.
    ("2025-10-22", "Wednesday", "2025-10-22", "2025-10-23", "day"),
    ("1998-08-07", "Friday", "1998-08-07", "1998-08-08", "day"),
    ("1998-08-18", "Monday", "1998-08-17", "1998-08-18", "day"),
];

#[test]
fn news_phrases_with_past_bias() {
    let mut failures = Vec::new();
    for &(r, phrase, start, end, grain) in PAST {
        let got = resolve_phrase(phrase, d(r), Bias::Past);
        let want = (d(start), d(end), grain);
        match got {
            Some(s) if (s.start, s.end, s.grain.as_str()) == want => {}
            other => failures.push(format!("{phrase} @ {r}: got {other:?}, want {want:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn not_understood_gives_nothing() {
    for p in ["blue", "the 45th", "Febtober 3", "13/45/2020", ""] {
        assert_eq!(resolve_phrase(p, d("2025-10-22"), Bias::Past), None, "{p}");
    }
}
