//! Functional values.
//!
//! **What it finds**: a past event given two dates that cannot both be
//! right: "took place on March 3" against "took place on March 5".
//!
//! **Why both cannot hold**: an event that happened once has one date. Two
//! dates agree when one contains the other or they share a day (August 15
//! lies in August); they clash when they share no day.
//!
//! **Example**: "the two leaders met in Alaska on August 15" against "met in
//! Alaska on August 18".
//!
//! **Not a conflict**: a precise date inside a coarse one ("on August 15"
//! and "in August"); a planned date ("scheduled for October 23") against the
//! actual one.

use super::{describe_span, render_message, Claim, Clusters, Finding, Input};
use crate::extract::{Modality, Polarity};
use crate::facts::Fact;
use crate::rules::Conflict;
use crate::time::TimeSpan;
use std::collections::BTreeMap;

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    let Some(pred) = rule.predicate.as_deref() else { return };
    for (subject, facts) in input.facts.keys_of(pred) {
        let usable: Vec<&Fact> = facts
            .iter()
            .filter(|f| f.modality == Modality::Asserted && f.polarity == Polarity::Positive && f.date_value.is_some())
            .collect();
        // Distinct values are few; compare those, not the facts.
        let mut values: BTreeMap<TimeSpan, Vec<&Fact>> = BTreeMap::new();
        for f in &usable {
            if let Some(v) = f.date_value {
                values.entry(v).or_default().push(f);
            }
        }
        let keys: Vec<TimeSpan> = values.keys().copied().collect();
        let mut uf = Clusters::new(keys.len());
        let mut linked = vec![false; keys.len()];
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                if !keys[i].overlaps(&keys[j], rule.tolerance.days) {
                    uf.union(i, j);
                    linked[i] = true;
                    linked[j] = true;
                }
            }
        }
        for group in uf.groups(&linked) {
            let members: Vec<&Fact> = group.iter().flat_map(|&i| values[&keys[i]].iter().copied()).collect();
            let name = &members[0].subject_name;
            let a = describe_span(&keys[group[0]]);
            let b = describe_span(&keys[group[group.len() - 1]]);
            out.push(Finding {
                rule: rule.id.clone(),
                kind: rule.kind,
                severity: rule.severity,
                message: render_message(rule, name, &format!("on {a}"), &format!("on {b}"), ""),
                subject: subject.to_string(),
                help: format!("{name} happened once; {a} and {b} share no day"),
                claims: members.iter().map(|f| Claim::from_fact(f)).collect(),
            });
        }
    }
}
