//! Table-driven tests of news phrases under past bias, against hand-checked
//! answers. Each row: reference date, phrase, expected start, expected end
//! (exclusive), grain.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// News phrases under past bias, each answer worked out by hand from the
/// calendar (2025-10-22 is a Wednesday; its week runs Monday October 20 to
/// Sunday October 26). Conventions: weeks start on Monday; "next/last
/// Friday" is the Friday of next/last week; "the past two weeks" is the two
/// whole weeks before this one; "within" and "coming" windows start on the
/// reference day; a yearless date is the one from nine months before the
/// reference's month to two months after it.
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
    // A part of a day names that day.
    ("2026-03-03", "on Sunday night", "2026-03-01", "2026-03-02", "day"),
    ("2026-03-03", "late Monday night", "2026-03-02", "2026-03-03", "day"),
    ("2026-03-03", "yesterday afternoon", "2026-03-02", "2026-03-03", "day"),
    ("2026-03-03", "last night", "2026-03-02", "2026-03-03", "day"),
    ("2026-03-03", "this morning", "2026-03-03", "2026-03-04", "day"),
    ("2025-10-22", "on Friday", "2025-10-17", "2025-10-18", "day"),
    ("2025-10-22", "On October 16", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-22", "in January", "2025-01-01", "2025-02-01", "month"),
    ("2025-10-22", "within two weeks", "2025-10-22", "2025-11-05", "day"),
    ("2025-10-22", "in the coming weeks", "2025-10-22", "2025-11-12", "day"),
    // The dateline's own weekday is that very day (wire copy).
    ("2025-10-22", "Wednesday", "2025-10-22", "2025-10-23", "day"),
    ("1998-08-07", "Friday", "1998-08-07", "1998-08-08", "day"),
    ("1998-08-18", "Monday", "1998-08-17", "1998-08-18", "day"),
    // Days and weekdays around Wednesday 2025-10-22.
    ("2025-10-22", "yesterday", "2025-10-21", "2025-10-22", "day"),
    ("2025-10-22", "today", "2025-10-22", "2025-10-23", "day"),
    ("2025-10-22", "tomorrow", "2025-10-23", "2025-10-24", "day"),
    ("2025-10-22", "the day before yesterday", "2025-10-20", "2025-10-21", "day"),
    ("2025-10-22", "the day after tomorrow", "2025-10-24", "2025-10-25", "day"),
    ("2025-10-22", "on Monday", "2025-10-20", "2025-10-21", "day"),
    ("2025-10-22", "Thursday", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-22", "Saturday", "2025-10-18", "2025-10-19", "day"),
    ("2025-10-22", "Sunday", "2025-10-19", "2025-10-20", "day"),
    ("2025-10-22", "last Friday", "2025-10-17", "2025-10-18", "day"),
    ("2025-10-22", "last Thursday", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-22", "next Monday", "2025-10-27", "2025-10-28", "day"),
    ("2025-10-22", "next Tuesday", "2025-10-28", "2025-10-29", "day"),
    ("2025-10-22", "next Friday", "2025-10-31", "2025-11-01", "day"),
    ("2025-10-22", "on Tuesday, October 21", "2025-10-21", "2025-10-22", "day"),
    ("2025-10-22", "Tuesday, Oct. 21, 2025", "2025-10-21", "2025-10-22", "day"),
    ("2025-10-22", "Tuesday the 21st", "2025-10-21", "2025-10-22", "day"),
    ("2025-10-22", "on the 15th", "2025-10-15", "2025-10-16", "day"),
    ("2025-10-22", "last weekend", "2025-10-18", "2025-10-20", "day"),
    ("2025-10-22", "this weekend", "2025-10-25", "2025-10-27", "day"),
    // Weeks, months, years.
    ("2025-10-22", "this week", "2025-10-20", "2025-10-27", "week"),
    ("2025-10-22", "in the past week", "2025-10-13", "2025-10-20", "week"),
    ("2025-10-22", "this month", "2025-10-01", "2025-11-01", "month"),
    ("2025-10-22", "next month", "2025-11-01", "2025-12-01", "month"),
    ("2025-10-22", "earlier this month", "2025-10-01", "2025-10-22", "day"),
    ("2025-10-22", "later this week", "2025-10-23", "2025-10-27", "day"),
    ("2025-10-22", "last year", "2024-01-01", "2025-01-01", "year"),
    ("2025-10-22", "last year's", "2024-01-01", "2025-01-01", "year"),
    ("2025-10-22", "this year", "2025-01-01", "2026-01-01", "year"),
    ("2025-10-22", "next year", "2026-01-01", "2027-01-01", "year"),
    ("2025-10-22", "in 2024", "2024-01-01", "2025-01-01", "year"),
    ("2025-10-22", "last October", "2024-10-01", "2024-11-01", "month"),
    ("2025-10-22", "next March", "2026-03-01", "2026-04-01", "month"),
    ("2025-10-22", "in December", "2025-12-01", "2026-01-01", "month"),
    ("2025-10-22", "the beginning of next month", "2025-11-01", "2025-11-11", "day"),
    // Counted back and forward ("ago" of years names the year).
    ("2025-10-22", "three days ago", "2025-10-19", "2025-10-20", "day"),
    ("2025-10-22", "a week ago", "2025-10-15", "2025-10-16", "day"),
    ("2025-10-22", "two weeks ago", "2025-10-08", "2025-10-09", "day"),
    ("2025-10-22", "two months ago", "2025-08-22", "2025-08-23", "day"),
    ("2025-10-22", "three years ago", "2022-01-01", "2023-01-01", "year"),
    ("2025-10-22", "within ten days", "2025-10-22", "2025-11-01", "day"),
    ("2025-10-22", "the past two weeks", "2025-10-06", "2025-10-20", "week"),
    ("2025-10-22", "in the coming days", "2025-10-22", "2025-10-29", "day"),
    // Absolute dates in every common form.
    ("2025-10-22", "Oct. 16", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-22", "16 October 2025", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-22", "October 16th", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-22", "2025-10-16", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-22", "10/16/2025", "2025-10-16", "2025-10-17", "day"),
    ("2025-10-22", "Sept. 2", "2025-09-02", "2025-09-03", "day"),
    ("2025-10-22", "March 5, 1946", "1946-03-05", "1946-03-06", "day"),
    ("2025-10-22", "Dec. 25, 2024", "2024-12-25", "2024-12-26", "day"),
    ("2025-10-22", "October 23", "2025-10-23", "2025-10-24", "day"),
    // Parts of periods, ranges, quarters.
    ("2026-02-10", "early March", "2026-03-01", "2026-03-11", "day"),
    ("2026-02-10", "mid-March", "2026-03-11", "2026-03-21", "day"),
    ("2026-02-10", "late March", "2026-03-21", "2026-04-01", "day"),
    ("2025-10-22", "mid-2024", "2024-05-01", "2024-09-01", "month"),
    ("2025-07-20", "July 13-15", "2025-07-13", "2025-07-16", "day"),
    ("2025-10-22", "between Oct 20 and Oct 23", "2025-10-20", "2025-10-24", "day"),
    ("2025-10-22", "the third quarter", "2025-07-01", "2025-10-01", "quarter"),
    ("2025-10-22", "the first quarter", "2025-01-01", "2025-04-01", "quarter"),
    ("2025-10-22", "the fourth quarter of 2024", "2024-10-01", "2025-01-01", "quarter"),
    ("2025-10-22", "Q3 2025", "2025-07-01", "2025-10-01", "quarter"),
    ("2025-10-22", "the first week of October 2025", "2025-10-06", "2025-10-13", "week"),
    ("2025-10-22", "the week of October 20", "2025-10-20", "2025-10-27", "week"),
    ("2025-10-22", "last Monday of October", "2025-10-27", "2025-10-28", "day"),
    // Holidays and seasons.
    ("2025-12-28", "Christmas", "2025-12-25", "2025-12-26", "day"),
    ("2026-01-05", "New Year's Day", "2026-01-01", "2026-01-02", "day"),
    ("2025-12-30", "three days after Christmas", "2025-12-28", "2025-12-29", "day"),
    ("2025-10-22", "last spring", "2025-03-20", "2025-06-21", "day"),
    ("2025-10-22", "this summer", "2025-06-21", "2025-09-24", "day"),
];

/// Open intervals: (reference, phrase, boundary, open side).
#[rustfmt::skip]
const OPEN: &[(&str, &str, &str, &str)] = &[
    ("2025-10-22", "by the end of March", "2026-04-01", "before"),
    ("2025-10-22", "until Thursday", "2025-10-24", "before"),
    ("2025-10-22", "since 2014", "2014-01-01", "after"),
    ("2000-01-06", "by Jan. 14", "2000-01-15", "before"),
    ("2026-03-03", "since Monday morning", "2026-03-02", "after"),
];

#[test]
fn open_intervals() {
    for &(r, phrase, boundary, open) in OPEN {
        let got = resolve_phrase(phrase, d(r), Bias::Past).unwrap_or_else(|| panic!("{phrase}: nothing"));
        assert_eq!((got.start, got.open.map(|o| o.as_str())), (d(boundary), Some(open)), "{phrase}");
    }
}

#[test]
fn at_least_eighty_news_phrases() {
    assert!(PAST.len() + OPEN.len() >= 80, "{}", PAST.len() + OPEN.len());
}

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
fn weekday_and_date_that_disagree_are_flagged() {
    let t = "The vote on Wednesday, March 4, 2025 was close; the count on Tuesday, March 4, 2025 was not.";
    let found = find_all(t, Some(d("2025-03-06")), &|_| Bias::Past);
    let flagged: Vec<&str> =
        found.iter().filter(|m| m.weekday_mismatch.is_some()).map(|m| &t[m.start..m.end]).collect();
    assert_eq!(flagged, ["Wednesday, March 4, 2025"]);
}

#[test]
fn not_understood_gives_nothing() {
    for p in ["blue", "the 45th", "Febtober 3", "13/45/2020", ""] {
        assert_eq!(resolve_phrase(p, d("2025-10-22"), Bias::Past), None, "{p}");
    }
}
