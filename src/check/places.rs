//! Places of past acts (a functional predicate of `type: place`): one act
//! of one subject, on one day or done once, happened in one place.
//!
//! What lies in what is learned from the corpus alone: "in San Bruno,
//! California" says San Bruno lies in California, wherever it is written
//! (in a place fact's passage or in any sentence of any document).
//! Two places clash only when the corpus places both (each lies in, or
//! holds, a place it names) and neither lies in the other: "Leeds,
//! England" and "Cardiff, Wales" clash, "Leeds, England" and "England"
//! agree, and a place the corpus never places ("in Brookline") clashes
//! with nothing, since it may lie in the other.

use super::{render_message, Claim, Clusters, Finding, Input};
use crate::facts::Fact;
use crate::rules::Conflict;
use std::collections::{BTreeMap, BTreeSet};

/// The places the corpus writes around each place (lowercased).
#[derive(Default)]
struct Containment {
    within: BTreeMap<String, BTreeSet<String>>,
    holds: BTreeSet<String>,
}

impl Containment {
    fn learn(&mut self, chain: &[String]) {
        for (i, inner) in chain.iter().enumerate() {
            for outer in &chain[i + 1..] {
                if outer != inner {
                    self.within.entry(inner.clone()).or_default().insert(outer.clone());
                    self.holds.insert(outer.clone());
                }
            }
        }
    }

    /// Whether the corpus says where `p` is, or what lies in it.
    fn placed(&self, p: &str) -> bool {
        self.within.contains_key(p) || self.holds.contains(p)
    }

    /// Whether `inner` lies in `outer`, through any chain the corpus gives.
    fn lies_in(&self, inner: &str, outer: &str) -> bool {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut todo = vec![inner];
        while let Some(p) = todo.pop() {
            if p == outer {
                return true;
            }
            if seen.insert(p) {
                todo.extend(self.within.get(p).into_iter().flatten().map(String::as_str));
            }
        }
        false
    }

    /// Whether no one place can be both.
    fn apart(&self, a: &str, b: &str) -> bool {
        a != b && self.placed(a) && self.placed(b) && !self.lies_in(a, b) && !self.lies_in(b, a)
    }
}

/// The place of a fact and the places written around it, lowercased.
fn chain(f: &Fact) -> Vec<String> {
    let mut c = vec![key(&f.claim.object)];
    if let Some(w) = &f.claim.open_object {
        c.extend(w.split(", ").map(key));
    }
    c
}

fn key(place: &str) -> String {
    place.to_lowercase()
}

/// Whether two facts speak of one occasion: both of an act done once
/// (no day), or both of one day.
fn one_occasion(a: &Fact, b: &Fact) -> bool {
    match (a.claim.valid, b.claim.valid) {
        (None, None) => true,
        (Some(x), Some(y)) => x.overlaps(&y, 0),
        _ => false,
    }
}

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    let Some(pred) = rule.predicate.as_deref() else { return };
    let mut places = Containment::default();
    for d in input.extractions {
        for (inner, outer) in &d.nested_places {
            places.learn(&[inner.to_string(), outer.to_string()]);
        }
    }
    for (_, facts) in input.facts.keys_of(pred) {
        for f in facts {
            places.learn(&chain(f));
        }
    }
    for (subject, facts) in input.facts.keys_of(pred) {
        let usable: Vec<&Fact> = facts.iter().filter(|f| f.affirmed()).collect();
        let mut values: BTreeMap<String, Vec<&Fact>> = BTreeMap::new();
        for f in &usable {
            values.entry(key(&f.claim.object)).or_default().push(f);
        }
        if values.len() < 2 {
            continue;
        }
        let keys: Vec<&String> = values.keys().collect();
        // Pairs of places apart, with facts of one occasion.
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut twice_in_one = false;
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                if !places.apart(keys[i], keys[j]) {
                    continue;
                }
                let (a, b) = (&values[keys[i]], &values[keys[j]]);
                let met: Vec<(&Fact, &Fact)> = a
                    .iter()
                    .flat_map(|x| b.iter().map(move |y| (*x, *y)))
                    .filter(|(x, y)| one_occasion(x, y))
                    .collect();
                // One report that puts one act in two places apart did it
                // twice (or is read wrong): its places prove nothing.
                twice_in_one |= met.iter().any(|(x, y)| x.doc == y.doc);
                if !met.is_empty() {
                    pairs.push((i, j));
                }
            }
        }
        if twice_in_one || pairs.is_empty() {
            continue;
        }
        let mut uf = Clusters::new(keys.len());
        let mut linked = vec![false; keys.len()];
        for &(i, j) in &pairs {
            uf.union(i, j);
            linked[i] = true;
            linked[j] = true;
        }
        for group in uf.groups(&linked) {
            let members: Vec<&Fact> = group.iter().flat_map(|&i| values[keys[i]].iter().copied()).collect();
            let name = &members[0].subject_name;
            let written = |i: usize| values[keys[i]][0].claim.object.clone();
            let (a, b) = (written(group[0]), written(group[group.len() - 1]));
            out.push(Finding {
                rule: rule.id.clone(),
                kind: rule.kind,
                severity: rule.severity,
                message: render_message(rule, name, &format!("in {a}"), &format!("in {b}"), ""),
                subject: subject.to_string(),
                help: format!(
                    "{name} happened in one place; by what the reports say of them, neither {a} nor {b} lies in the other"
                ),
                claims: members.iter().map(|f| Claim::from_fact(f)).collect(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn learned(chains: &[&[&str]]) -> Containment {
        let mut c = Containment::default();
        for ch in chains {
            c.learn(&ch.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        }
        c
    }

    #[test]
    fn places_the_corpus_nests_agree_and_others_it_places_are_apart() {
        let c = learned(&[&["san bruno", "california"], &["california", "usa"], &["cardiff", "wales"]]);
        // Through a chain: San Bruno lies in California, which lies in the USA.
        assert!(!c.apart("san bruno", "usa"));
        assert!(!c.apart("usa", "san bruno"));
        assert!(!c.apart("san bruno", "california"));
        assert!(c.apart("san bruno", "cardiff"));
        assert!(c.apart("california", "wales"));
        // A place the corpus never places may lie in any other.
        assert!(!c.apart("brookline", "san bruno"));
        assert!(!c.apart("brookline", "oakland"));
    }

    #[test]
    fn a_cycle_of_containment_ends() {
        let c = learned(&[&["a", "b"], &["b", "a"], &["c", "d"]]);
        assert!(!c.apart("a", "b"));
        assert!(c.apart("a", "c"));
    }
}
