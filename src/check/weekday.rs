#![doc = include_str!("docs/weekday.md")]

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

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/weekday.md");

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
