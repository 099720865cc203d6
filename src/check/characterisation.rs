#![doc = include_str!("docs/characterisation.md")]

use super::{render_message, Claim, Finding, Input};
use crate::extract::Polarity;
use crate::facts::Fact;
use crate::rules::Conflict;

/// The pole a fact puts its subject on, after negation ("not productive").
fn pole(f: &Fact) -> Option<bool> {
    let positive = match f.claim.object.as_str() {
        "positive" => true,
        "negative" => false,
        _ => return None,
    };
    Some(positive == (f.claim.polarity == Polarity::Positive))
}

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/characterisation.md");

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    let Some(pred) = rule.predicate.as_deref() else { return };
    for (subject, facts) in input.facts.keys_of(pred) {
        let usable: Vec<&Fact> = facts.iter().filter(|f| f.asserted()).collect();
        let pos: Vec<&Fact> = usable.iter().copied().filter(|f| pole(f) == Some(true)).collect();
        let neg: Vec<&Fact> = usable.iter().copied().filter(|f| pole(f) == Some(false)).collect();
        if pos.is_empty() || neg.is_empty() {
            continue;
        }
        let name = &pos[0].subject_name;
        let word = |f: &Fact| input.docs[f.doc].text[f.claim.cue.start..f.claim.cue.end].to_string();
        out.push(Finding {
            rule: rule.id.clone(),
            kind: rule.kind,
            severity: rule.severity,
            message: render_message(rule, name, &format!("\"{}\"", word(pos[0])), &format!("\"{}\"", word(neg[0])), ""),
            subject: subject.to_string(),
            help: format!("{name} is one past event; it cannot have gone both well and badly"),
            claims: pos.iter().chain(neg.iter()).map(|f| Claim::from_fact(f)).collect(),
        });
    }
}
