//! Temporal expressions: find them in text and resolve them to day spans.
//!
//! The stage is three plain steps, each a file:
//! - [`crate::text::tokens`] turns text into tokens with byte offsets;
//! - [`parse`] turns a token run into an unresolved [`parse::Expr`];
//! - [`resolve`] turns an `Expr` into a [`TimeSpan`] against a reference date
//!   and a [`Bias`].
//!
//! An expression the parser does not understand yields no time, never a wrong
//! one: every function here returns `Option`, and nothing panics on input.

pub mod parse;
pub mod resolve;

use parse::Expr;

use chrono::{Datelike, NaiveDate, Weekday};

/// How coarse a resolved span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Grain {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Grain {
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
            Grain::Quarter => "quarter",
            Grain::Year => "year",
        }
    }
}

/// An open interval: everything before `start`, or everything from `start` on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Open {
    Before,
    After,
}

impl Open {
    pub fn as_str(self) -> &'static str {
        match self {
            Open::Before => "before",
            Open::After => "after",
        }
    }
}

/// Which way an ambiguous expression ("Thursday", "March") resolves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bias {
    /// Reported speech in news: the most recent such day on or before the
    /// reference (the reference's own weekday is that day).
    Past,
    /// Plans and forecasts: the next such day after the reference.
    Future,
    /// Whichever is closer.
    Nearest,
}

impl Bias {
    pub fn as_str(self) -> &'static str {
        match self {
            Bias::Past => "past",
            Bias::Future => "future",
            Bias::Nearest => "nearest",
        }
    }

    pub fn parse(s: &str) -> Option<Bias> {
        match s {
            "past" => Some(Bias::Past),
            "future" => Some(Bias::Future),
            "nearest" => Some(Bias::Nearest),
            _ => None,
        }
    }
}

/// A half-open span of days `[start, end)` with a grain.
///
/// For an open interval, `start` is the boundary and `end` is one day past it
/// for `After` spans' first day; [`TimeSpan::overlaps`] treats the open side
/// as unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct TimeSpan {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub grain: Grain,
    pub open: Option<Open>,
}

impl TimeSpan {
    pub fn day(d: NaiveDate) -> TimeSpan {
        TimeSpan { start: d, end: d + chrono::Days::new(1), grain: Grain::Day, open: None }
    }

    pub fn new(start: NaiveDate, end: NaiveDate, grain: Grain) -> TimeSpan {
        TimeSpan { start, end: end.max(start + chrono::Days::new(1)), grain, open: None }
    }

    /// The effective bounds, with open sides widened to the calendar's ends.
    pub fn bounds(&self) -> (NaiveDate, NaiveDate) {
        match self.open {
            None => (self.start, self.end),
            Some(Open::Before) => (NaiveDate::MIN, self.start),
            Some(Open::After) => (self.start, NaiveDate::MAX),
        }
    }

    /// Whether two spans share a day, after widening each by `tolerance_days`.
    pub fn overlaps(&self, other: &TimeSpan, tolerance_days: u64) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        let tol = chrono::Days::new(tolerance_days);
        let a1 = a1.checked_add_days(tol).unwrap_or(NaiveDate::MAX);
        let b1 = b1.checked_add_days(tol).unwrap_or(NaiveDate::MAX);
        a0 < b1 && b0 < a1
    }

    /// Whether `other` lies inside `self`.
    pub fn contains(&self, other: &TimeSpan) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b0 && b1 <= a1
    }

    /// The span in TIMEX3 value form: `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`,
    /// `YYYY-Qn` or `YYYY`, by grain (a multi-unit span gives its first unit).
    pub fn timex(&self) -> String {
        let s = self.start;
        match self.grain {
            Grain::Day => s.format("%Y-%m-%d").to_string(),
            Grain::Week => {
                let w = s.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Grain::Month => s.format("%Y-%m").to_string(),
            Grain::Quarter => format!("{:04}-Q{}", s.year(), (s.month() - 1) / 3 + 1),
            Grain::Year => format!("{:04}", s.year()),
        }
    }
}

/// A temporal expression found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeMention {
    /// Byte offsets into the text that was searched.
    pub start: usize,
    pub end: usize,
    pub expr: parse::Expr,
    /// The bias it was resolved with.
    pub bias: Bias,
    /// `None` when the expression needs a reference date and there is none,
    /// or when it cannot be resolved.
    pub span: Option<TimeSpan>,
    /// For "Tuesday, March 4": the weekday named, when the date it names
    /// falls on another weekday.
    pub weekday_mismatch: Option<(Weekday, NaiveDate)>,
    /// The dates inside a range or open interval ("1997" in "between 1994
    /// and 1997", "Jan. 14" in "by Jan. 14"), each with its own span.
    pub parts: Vec<TimeMention>,
    /// The TIMEX3 value (see [`resolve::timex`]).
    pub timex: Option<String>,
}

/// Resolve one phrase (the whole of `phrase` must be a time expression).
pub fn resolve_phrase(phrase: &str, reference: NaiveDate, bias: Bias) -> Option<TimeSpan> {
    let tokens = crate::text::tokens::tokenize(phrase);
    let expr = parse::parse_all(&tokens)?;
    resolve::resolve(&expr, reference, bias)
}

/// Find every temporal expression in `text`. `bias_at` chooses the bias for
/// an expression from its byte offset (the extractor looks at its clause).
pub fn find_all(text: &str, reference: Option<NaiveDate>, bias_at: &dyn Fn(usize) -> Bias) -> Vec<TimeMention> {
    let tokens = crate::text::tokens::tokenize(text);
    scan(&tokens, 0, tokens.len(), reference, bias_at, true)
}

/// As [`find_all`], over tokens already made (one tokenisation shared by
/// every stage); offsets are the tokens' own (into the document).
pub fn find_in_tokens(
    tokens: &[crate::text::tokens::Token],
    reference: Option<NaiveDate>,
    bias_at: &dyn Fn(usize) -> Bias,
) -> Vec<TimeMention> {
    scan(tokens, 0, tokens.len(), reference, bias_at, true)
}

fn scan(
    tokens: &[crate::text::tokens::Token],
    from: usize,
    to: usize,
    reference: Option<NaiveDate>,
    bias_at: &dyn Fn(usize) -> Bias,
    outer: bool,
) -> Vec<TimeMention> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        match parse::parse_at(&tokens[..to], i) {
            Some((n, expr)) if n > 0 => {
                let start = tokens[i].start;
                let end = tokens[i + n - 1].end;
                let bias = bias_at(start);
                let span = reference.and_then(|r| resolve::resolve(&expr, r, bias));
                let weekday_mismatch = reference.and_then(|r| resolve::weekday_mismatch(&expr, r, bias));
                let timex = reference.and_then(|r| resolve::timex(&expr, r, bias));
                // The dates inside a range or an open interval, for readers
                // (and TIMEX3) that value them one by one.
                let parts = match &expr {
                    Expr::Open { at_end, .. } if outer => {
                        let inner_bias = if *at_end { Bias::Nearest } else { bias };
                        scan(tokens, i + 1, i + n, reference, &|_| inner_bias, false)
                    }
                    Expr::Range(..) if outer => {
                        // Split at the separator whose two sides both hold a date.
                        let separator = |t: &crate::text::tokens::Token| {
                            t.is_punct('-')
                                || ["to", "and", "through", "thru", "until", "till"].iter().any(|w| t.is_word(w))
                        };
                        (i + 1..i + n)
                            .filter(|&k| separator(&tokens[k]))
                            .map(|k| {
                                let left = scan(tokens, i, k, reference, bias_at, false);
                                let right = scan(tokens, k + 1, i + n, reference, bias_at, false);
                                (left, right)
                            })
                            .find(|(l, r)| !l.is_empty() && !r.is_empty())
                            .map(|(l, r)| l.into_iter().chain(r).collect())
                            .unwrap_or_default()
                    }
                    _ => Vec::new(),
                };
                out.push(TimeMention { start, end, expr, bias, span, weekday_mismatch, parts, timex });
                i += n;
            }
            _ => i += 1,
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

#[cfg(test)]
mod tests;
