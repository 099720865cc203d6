#![doc = include_str!("docs/exclusive.md")]

use super::{cluster_overlapping, days_held, render_message, Claim, Finding, Input};
use crate::facts::Fact;
use crate::rules::Conflict;

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/exclusive.md");

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    let Some(pred) = rule.predicate.as_deref() else { return };
    for (subject, facts) in input.facts.keys_of(pred) {
        let usable: Vec<&Fact> = facts.iter().filter(|f| f.affirmed() && f.claim.valid.is_some()).collect();
        for (va, vb) in &rule.pairs {
            let a: Vec<&Fact> = usable.iter().copied().filter(|f| &f.claim.object == va).collect();
            let b: Vec<&Fact> = usable.iter().copied().filter(|f| &f.claim.object == vb).collect();
            if a.is_empty() || b.is_empty() {
                continue;
            }
            for members in cluster_overlapping(&a, &b, rule.tolerance.days) {
                let name = &members[0].subject_name;
                out.push(Finding {
                    rule: rule.id.clone(),
                    kind: rule.kind,
                    severity: rule.severity,
                    message: render_message(rule, name, va, vb, ""),
                    subject: subject.to_string(),
                    help: format!(
                        "{} and {} cannot both hold for {name} on the same day; these claims hold on {} (tolerance {}d)",
                        super::readable(va),
                        super::readable(vb),
                        days_held(&members),
                        rule.tolerance.days
                    ),
                    claims: members.iter().map(|f| Claim::from_fact(f)).collect(),
                });
            }
        }
    }
}
