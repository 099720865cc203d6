//! Weekday and date.
//!
//! **What it finds**: a date written with a weekday it does not fall on:
//! "on Tuesday, March 4" in a year where March 4 is a Wednesday.
//!
//! **Why both cannot hold**: a calendar day has one weekday; one of the two
//! is a typo, and readers cannot tell which.
//!
//! **Example**: "the vote on Tuesday, March 4, 2025" is fine (a Tuesday);
//! "on Wednesday, March 4, 2025" is reported.
//!
//! **Not a conflict**: a bare weekday and a bare date in different clauses.

use super::{render_message, Claim, Finding, Input};
use crate::extract::{Modality, Polarity};
use crate::rules::Conflict;
use crate::time::TimeSpan;
use chrono::Datelike;

fn weekday_name(w: chrono::Weekday) -> &'static str {
    match w {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    for (doc, ex) in input.extractions.iter().enumerate() {
        for w in &ex.weekday_issues {
            let date = w.date.format("%B %-d, %Y").to_string();
            let actual = weekday_name(w.date.weekday());
            out.push(Finding {
                rule: rule.id.clone(),
                kind: rule.kind,
                severity: rule.severity,
                message: render_message(rule, "", &date, weekday_name(w.written), actual),
                subject: w.date.to_string(),
                help: format!("{date} is a {actual}; correct the weekday or the date"),
                claims: vec![Claim {
                    doc,
                    span: w.span,
                    predicate: "weekday".into(),
                    object: weekday_name(w.written).to_string(),
                    polarity: Polarity::Positive,
                    modality: Modality::Asserted,
                    valid: Some(TimeSpan::day(w.date)),
                    valid_origin: "expression".into(),
                    said_by: None,
                }],
            });
        }
    }
}
