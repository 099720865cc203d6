//! Ages of people, as news writes them next to a name: "Ann Lee, 45,",
//! "Ann Lee (45)", "Ann Lee, aged 45", "Ann Lee, a 45-year-old nurse",
//! "the 45-year-old Ann Lee". An age on a report's day is a year of birth
//! dates: 45 on 2025-03-20 is born from 1979-03-21 to 1980-03-20. Two ages
//! of one person agree when those spans meet, so "45" in March and "46" in
//! November of one year both hold, while "45" and "47" in one article do
//! not.

use crate::text::Span;
use crate::time::{Grain, TimeSpan};
use chrono::{Days, Months, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// After the name: ", 45," / ", 45." / " (45)" / ", aged 45" / ", a
/// 45-year-old".
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:,\s+([0-9]{1,3})\s*(?:[,;:]|\.(?:\s|$)|$)|\s+\(([0-9]{1,3})\)|,\s+aged\s+([0-9]{1,3})(?-u:\b)|,\s+an?\s+([0-9]{1,3})-year-old(?-u:\b))",
    )
    .expect("a valid pattern")
});

/// Before the name: "45-year-old Ann Lee", "the 45-year-old actor Ann Lee".
static BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)([0-9]{1,3})-year-old\s+(?:[a-z]+\s+){0,2}$").expect("a valid pattern"));

/// One age written next to a name.
#[derive(Debug, Clone, PartialEq)]
pub struct Age {
    pub years: u32,
    /// The age as written ("45", "45-year-old").
    pub span: Span,
}

/// The age written right after or right before the name at `name` in
/// `text`, if any. A number followed by more numbers ("Lee, 45, 46 and
/// 47") is a list, not an age.
pub fn next_to(text: &str, name: Span) -> Option<Age> {
    let after = text.get(name.end..)?;
    let cut = (0..=after.len().min(40)).rev().find(|&i| after.is_char_boundary(i))?;
    let window = &after[..cut];
    let found = if window.starts_with([',', ' ']) { AFTER.captures(window) } else { None };
    if let Some(c) = found {
        let m = (1..=4).find_map(|i| c.get(i))?;
        let rest = &window[c.get(0)?.end()..];
        let list = rest.trim_start().starts_with(|ch: char| ch.is_ascii_digit());
        let years: u32 = m.as_str().parse().ok()?;
        if !list && (1..=120).contains(&years) {
            return Some(Age { years, span: Span::new(name.end + m.start(), name.end + m.end()) });
        }
    }
    let from = (0..=name.start.saturating_sub(40)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let before = text.get(from..name.start)?;
    if !before.contains("-year-old") {
        return None;
    }
    let c = BEFORE.captures(before)?;
    let m = c.get(0)?;
    let years: u32 = c.get(1)?.as_str().parse().ok()?;
    let written = m.as_str().find(char::is_whitespace)?;
    (1..=120).contains(&years).then(|| Age { years, span: Span::new(from + m.start(), from + m.start() + written) })
}

/// The birth dates an age of `years` on `day` allows: after the day
/// `years + 1` years before, up to the day `years` years before.
pub fn birth_span(years: u32, day: NaiveDate) -> Option<TimeSpan> {
    let latest = day.checked_sub_months(Months::new(12 * years))?;
    let earliest = day.checked_sub_months(Months::new(12 * (years + 1)))? + Days::new(1);
    Some(TimeSpan { start: earliest, end: latest + Days::new(1), grain: Grain::Year, open: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(text: &str, name: &str) -> Option<u32> {
        let at = text.find(name).expect("the name is in the text");
        next_to(text, Span::new(at, at + name.len())).map(|a| a.years)
    }

    #[test]
    fn ages_next_to_names() {
        assert_eq!(age("Ann Lee, 45, said the plan was sound.", "Ann Lee"), Some(45));
        assert_eq!(age("The driver, Tom Reyes (61), was unhurt.", "Tom Reyes"), Some(61));
        assert_eq!(age("Ann Lee, aged 45, was charged.", "Ann Lee"), Some(45));
        assert_eq!(age("Ann Lee, a 45-year-old nurse, said so.", "Ann Lee"), Some(45));
        assert_eq!(age("The 45-year-old Ann Lee said so.", "Ann Lee"), Some(45));
        assert_eq!(age("the 45-year-old nurse Ann Lee said so.", "Ann Lee"), Some(45));
        assert_eq!(age("He was born in Ann Lee, 45.", "Ann Lee"), Some(45));
        // a window that would end inside a character
        assert_eq!(age("Ann Lee said she was “ensconced in the bosom” of it", "Ann Lee"), None);
        assert_eq!(age("““““““““““““““ 45-year-old Ann Lee", "Ann Lee"), Some(45));
    }

    #[test]
    fn what_is_not_an_age() {
        // a list of numbers, a year, a count, a street number
        assert_eq!(age("Ann Lee, 45, 46 and 47 were the scores.", "Ann Lee"), None);
        assert_eq!(age("Ann Lee, 2014, was the year.", "Ann Lee"), None);
        assert_eq!(age("Ann Lee, 45 votes behind, conceded.", "Ann Lee"), None);
        assert_eq!(age("Ann Lee said 45 people came.", "Ann Lee"), None);
        assert_eq!(age("a 48-hour strike led by Ann Lee", "Ann Lee"), None);
        assert_eq!(age("the vote went to Ann Lee, 45.5 percent of it", "Ann Lee"), None);
    }

    #[test]
    fn an_age_is_a_year_of_birth_dates() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
        let b = birth_span(45, d).unwrap();
        assert_eq!((b.start.to_string(), b.end.to_string()), ("1979-03-21".into(), "1980-03-21".into()));
        // 45 in March and 46 in November of one year can both hold
        let later = birth_span(46, NaiveDate::from_ymd_opt(2025, 11, 20).unwrap()).unwrap();
        assert!(b.overlaps(&later, 0));
        // 45 and 47 on one day cannot
        assert!(!b.overlaps(&birth_span(47, d).unwrap(), 0));
        assert!(!b.overlaps(&birth_span(46, d).unwrap(), 0));
    }
}
