#![doc = include_str!("docs/functional.md")]

use super::{describe_span, render_message, Claim, Clusters, Finding, Input};
use crate::extract::{Modality, Polarity};
use crate::facts::Fact;
use crate::rules::Conflict;
use crate::time::TimeSpan;
use std::collections::BTreeMap;

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/functional.md");

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    let Some(pred) = rule.predicate.as_deref() else { return };
    for (subject, facts) in input.facts.keys_of(pred) {
        let usable: Vec<&Fact> = facts
            .iter()
            .filter(|f| {
                f.claim.modality == Modality::Asserted
                    && f.claim.polarity == Polarity::Positive
                    && f.claim.date_value.is_some()
            })
            .collect();
        // Distinct values are few; compare those, not the facts.
        let mut values: BTreeMap<TimeSpan, Vec<&Fact>> = BTreeMap::new();
        for f in &usable {
            if let Some(v) = f.claim.date_value {
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
