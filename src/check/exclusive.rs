//! Exclusive values.
//!
//! **What it finds**: one subject given two values of a predicate that the
//! rule declares exclusive, for overlapping days: an event "on hold" in one
//! report and "still ongoing" in another.
//!
//! **Why both cannot hold**: the rule says an event cannot be in both states
//! at once, and the claims' valid times share a day (within the rule's
//! tolerance).
//!
//! **Example**: "planning towards that summit is on hold" against
//! "preparations for the summit were still ongoing", both reported on
//! 2025-10-22.
//!
//! **Not a conflict**: a status that changes between reports days apart
//! (their valid times do not overlap); a hedged or forecast claim ("could
//! be suspended", "will go ahead"); a negated one (that is the negation
//! rule's business).

use super::{cluster_overlapping, describe_span, render_message, Claim, Finding, Input};
use crate::extract::{Modality, Polarity};
use crate::facts::Fact;
use crate::rules::Conflict;

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    let Some(pred) = rule.predicate.as_deref() else { return };
    for (subject, facts) in input.facts.keys_of(pred) {
        let usable: Vec<&Fact> = facts
            .iter()
            .filter(|f| f.modality == Modality::Asserted && f.polarity == Polarity::Positive && f.valid.is_some())
            .collect();
        for (va, vb) in &rule.pairs {
            let a: Vec<&Fact> = usable.iter().copied().filter(|f| &f.object == va).collect();
            let b: Vec<&Fact> = usable.iter().copied().filter(|f| &f.object == vb).collect();
            if a.is_empty() || b.is_empty() {
                continue;
            }
            for group in cluster_overlapping(&a, &b, rule.tolerance.days) {
                let members: Vec<&Fact> =
                    group.iter().map(|&i| if i < a.len() { a[i] } else { b[i - a.len()] }).collect();
                let name = &members[0].subject_name;
                let days: Vec<String> = members
                    .iter()
                    .filter_map(|f| f.valid.as_ref())
                    .map(describe_span)
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                out.push(Finding {
                    rule: rule.id.clone(),
                    kind: rule.kind,
                    severity: rule.severity,
                    message: render_message(rule, name, va, vb, ""),
                    subject: subject.to_string(),
                    help: format!(
                        "{va} and {vb} cannot both hold for {name} on the same day; these claims hold on {} (tolerance {}d)",
                        days.join(", "),
                        rule.tolerance.days
                    ),
                    claims: members.iter().map(|f| Claim::from_fact(f)).collect(),
                });
            }
        }
    }
}
