#![doc = include_str!("docs/negation.md")]

use super::{cluster_overlapping, days_held, render_message, Claim, Finding, Input};
use crate::extract::Polarity;
use crate::facts::Fact;
use crate::rules::Conflict;
use std::collections::BTreeSet;

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/negation.md");

/// `open`: the predicate is read from the parse (its values are verbs).
pub fn check(rule: &Conflict, input: &Input, open: bool, out: &mut Vec<Finding>) {
    let Some(pred) = rule.predicate.as_deref() else { return };
    for (subject, facts) in input.facts.keys_of(pred) {
        let usable: Vec<&Fact> = facts.iter().filter(|f| f.asserted() && f.claim.valid.is_some()).collect();
        let values: BTreeSet<&str> = usable.iter().map(|f| f.claim.object.as_str()).collect();
        for v in values {
            // Open predicates: the same verb, with the same object or none
            // named on one side ("conceded the race" / "has not conceded").
            let objects: BTreeSet<Option<&str>> = usable
                .iter()
                .filter(|f| f.claim.object == v)
                .map(|f| f.claim.open_object.as_deref())
                .filter(|o| o.is_some())
                .collect();
            let groups: Vec<Option<&str>> = if objects.is_empty() { vec![None] } else { objects.into_iter().collect() };
            for obj in groups {
                let fits = |f: &&Fact| {
                    f.claim.object == v
                        && (obj.is_none() || f.claim.open_object.is_none() || f.claim.open_object.as_deref() == obj)
                };
                let pos: Vec<&Fact> =
                    usable.iter().copied().filter(fits).filter(|f| f.claim.polarity == Polarity::Positive).collect();
                let neg: Vec<&Fact> =
                    usable.iter().copied().filter(fits).filter(|f| f.claim.polarity == Polarity::Negative).collect();
                if pos.is_empty() || neg.is_empty() {
                    continue;
                }
                let v = match obj {
                    Some(o) => format!("{v} {o}"),
                    None => v.to_string(),
                };
                let v = v.as_str();
                // A negated present perfect ("has not signed", reported on
                // the 27th) says nothing of the days after its own: no
                // tolerance carries it forward to "signed today" on the 28th.
                let (perfect, plain): (Vec<&Fact>, Vec<&Fact>) = neg.iter().partition(|f| f.claim.perfect_denial);
                let mut clusters = cluster_overlapping(&pos, &plain, rule.tolerance.days);
                clusters.extend(cluster_overlapping(&pos, &perfect, 0));
                for members in clusters {
                    let name = &members[0].subject_name;
                    out.push(Finding {
                        rule: rule.id.clone(),
                        kind: rule.kind,
                        severity: rule.severity,
                        message: render_message(rule, name, v, "", ""),
                        subject: subject.to_string(),
                        help: if open {
                            format!(
                                "one subject, one verb and one object, asserted and denied for the same days \
                                 ({name}: \"{v}\"); these claims hold on {}",
                                days_held(&members)
                            )
                        } else {
                            format!(
                                "{name} cannot be {v} and not {v} on the same day; these claims hold on {}",
                                days_held(&members)
                            )
                        },
                        claims: members.iter().map(|f| Claim::from_fact(f)).collect(),
                    });
                }
            }
        }
    }
}
