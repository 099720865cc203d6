//! Characterisation.
//!
//! **What it finds**: the same past event described on opposite ends of the
//! rule's scale: a call "productive" in one report and one that "failed to
//! produce progress" in another.
//!
//! **Why both cannot hold**: how an event went does not change after it
//! happened, so the descriptions are compared whatever their report dates.
//!
//! **Example**: "the call between Rubio and Lavrov was productive" against
//! "a phone call between Rubio and Lavrov failed to produce progress".
//!
//! **Not a conflict**: two different events, even of the same kind (the
//! Trump-Putin call and the Rubio-Lavrov call); a mixed description in one
//! clause ("constructive but inconclusive"); a hedged one.

use super::{render_message, Claim, Finding, Input};
use crate::extract::{Modality, Polarity};
use crate::facts::Fact;
use crate::rules::Conflict;

/// The pole a fact puts its subject on, after negation ("not productive").
fn pole(f: &Fact) -> Option<bool> {
    let positive = match f.object.as_str() {
        "positive" => true,
        "negative" => false,
        _ => return None,
    };
    Some(positive == (f.polarity == Polarity::Positive))
}

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    let Some(pred) = rule.predicate.as_deref() else { return };
    for (subject, facts) in input.facts.keys_of(pred) {
        let usable: Vec<&Fact> = facts.iter().filter(|f| f.modality == Modality::Asserted).collect();
        let pos: Vec<&Fact> = usable.iter().copied().filter(|f| pole(f) == Some(true)).collect();
        let neg: Vec<&Fact> = usable.iter().copied().filter(|f| pole(f) == Some(false)).collect();
        if pos.is_empty() || neg.is_empty() {
            continue;
        }
        let name = &pos[0].subject_name;
        let word = |f: &Fact| input.docs[f.doc].text[f.cue.start..f.cue.end].to_string();
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
