//! Properties of the time resolver that hold for every input.

use chrono::{Datelike, NaiveDate};
use factlint::time::{find_all, resolve_phrase, Bias};
use proptest::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const PHRASES: [&str; 24] = [
    "on Friday",
    "last week",
    "next month",
    "earlier this week",
    "within two weeks",
    "in the coming weeks",
    "three days ago",
    "late Tuesday",
    "the past two weeks",
    "this year",
    "last October",
    "next March",
    "early March",
    "the end of the year",
    "by the end of March",
    "since 2014",
    "the third quarter",
    "this summer",
    "Christmas",
    "the first week of October 2025",
    "July 13-15",
    "between Oct 20 and Oct 23",
    "tomorrow",
    "mid-2024",
];

fn reference() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2040, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn bias() -> impl Strategy<Value = Bias> {
    prop_oneof![Just(Bias::Past), Just(Bias::Future), Just(Bias::Nearest)]
}

proptest! {
    #[test]
    fn spans_start_before_they_end(r in reference(), b in bias(), i in 0usize..PHRASES.len()) {
        if let Some(s) = resolve_phrase(PHRASES[i], r, b) {
            prop_assert!(s.start < s.end, "{} -> {:?}", PHRASES[i], s);
        }
    }

    #[test]
    fn a_day_lies_inside_its_month(y in 1950i32..2050, m in 0usize..12, d in 1u32..=28, r in reference(), b in bias()) {
        let day = resolve_phrase(&format!("{} {d}, {y}", MONTHS[m]), r, b).unwrap();
        let month = resolve_phrase(&format!("{} {y}", MONTHS[m]), r, b).unwrap();
        prop_assert!(month.contains(&day));
        prop_assert_eq!(day.start, NaiveDate::from_ymd_opt(y, m as u32 + 1, d).unwrap());
        // Without the year, the bias picks the same year for both, except in
        // the month itself: on May 2, future "May 1" is next year while
        // "in May" is this month.
        prop_assume!(r.month() != m as u32 + 1);
        let day = resolve_phrase(&format!("{} {d}", MONTHS[m]), r, b).unwrap();
        let month = resolve_phrase(&format!("in {}", MONTHS[m]), r, b).unwrap();
        prop_assert_eq!(day.start.year(), month.start.year());
    }

    #[test]
    fn resolving_twice_gives_the_same_answer(r in reference(), b in bias(), i in 0usize..PHRASES.len()) {
        prop_assert_eq!(resolve_phrase(PHRASES[i], r, b), resolve_phrase(PHRASES[i], r, b));
    }

    #[test]
    fn past_bias_never_looks_forward_for_a_bare_weekday(r in reference(), w in 0usize..7) {
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        let s = resolve_phrase(names[w], r, Bias::Past).unwrap();
        prop_assert!(s.start <= r && (r - s.start).num_days() < 7);
        prop_assert_eq!(s.start.weekday().num_days_from_monday() as usize, w);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}", r in reference()) {
        let _ = resolve_phrase(&text, r, Bias::Past);
        for m in find_all(&text, Some(r), &|_| Bias::Past) {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}
