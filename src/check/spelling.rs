#![doc = include_str!("docs/spelling.md")]

use super::{render_message, Claim, Clusters, Finding, Input};
use crate::extract::{Modality, Polarity};
use crate::rules::Conflict;
use crate::text::Span;
use std::collections::{BTreeMap, BTreeSet};

fn similar(a: &str, b: &str, threshold: f64) -> bool {
    a != b
        && a.chars().next() == b.chars().next()
        && a.chars().count() >= 3
        && b.chars().count() >= 3
        && strsim::jaro_winkler(&a.to_lowercase(), &b.to_lowercase()) >= threshold
}

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/spelling.md");

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    // Distinct spellings and where each occurs.
    let mut mentions: BTreeMap<Vec<String>, Vec<(usize, Span)>> = BTreeMap::new();
    for (doc, ex) in input.extractions.iter().enumerate() {
        for p in &ex.persons {
            mentions.entry(p.words.clone()).or_default().push((doc, p.span));
        }
    }
    let names: Vec<&Vec<String>> = mentions.keys().collect();
    let given = |n: &Vec<String>| n[..n.len() - 1].join(" ");
    let surname = |n: &Vec<String>| n[n.len() - 1].clone();
    // Blocks: same surname (first-name variants); same first name and the
    // surname's first three letters (surname variants).
    let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, n) in names.iter().enumerate() {
        blocks.entry(format!("s:{}", surname(n).to_lowercase())).or_default().push(i);
        let prefix: String = surname(n).to_lowercase().chars().take(3).collect();
        blocks.entry(format!("g:{}:{}", given(n).to_lowercase(), prefix)).or_default().push(i);
    }
    let mut uf = Clusters::new(names.len());
    let mut linked = vec![false; names.len()];
    for (key, members) in &blocks {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                let (a, b) = (names[i], names[j]);
                let variant = if key.starts_with("s:") {
                    similar(&given(a), &given(b), rule.threshold)
                } else {
                    similar(&surname(a), &surname(b), rule.threshold)
                };
                if variant {
                    uf.union(i, j);
                    linked[i] = true;
                    linked[j] = true;
                }
            }
        }
    }
    for group in uf.groups(&linked) {
        // The most frequent spelling is the subject; ties go to the first.
        let mut ranked: Vec<usize> = group.clone();
        ranked.sort_by_key(|&i| (std::cmp::Reverse(mentions[names[i]].len()), names[i].clone()));
        let canonical = names[ranked[0]].join(" ");
        let other = names[ranked[1]].join(" ");
        let docs: BTreeSet<usize> = group.iter().flat_map(|&i| mentions[names[i]].iter().map(|m| m.0)).collect();
        let mut claims = Vec::new();
        for &i in &ranked {
            for &(doc, span) in &mentions[names[i]] {
                claims.push(Claim {
                    doc,
                    span,
                    predicate: "name".into(),
                    object: names[i].join(" "),
                    polarity: Polarity::Positive,
                    modality: Modality::Asserted,
                    valid: None,
                    valid_origin: "timeless".into(),
                    said_by: None,
                });
            }
        }
        out.push(Finding {
            rule: rule.id.clone(),
            kind: rule.kind,
            severity: rule.severity,
            message: render_message(rule, &canonical, &canonical, &other, ""),
            subject: canonical.to_lowercase().replace(' ', "-"),
            help: format!(
                "{} spellings of one name across {} document(s); pick one and use it everywhere",
                group.len(),
                docs.len()
            ),
            claims,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::similar;

    #[test]
    fn transliterations_are_similar_and_different_names_are_not() {
        assert!(similar("Aleksandr", "Alexander", 0.85));
        assert!(!similar("Aleksandr", "Aleksandr", 0.85));
        assert!(!similar("Novak", "Ritter", 0.85));
    }
}
