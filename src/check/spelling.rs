#![doc = include_str!("docs/spelling.md")]

use super::{render_message, Claim, Clusters, Finding, Input};
use crate::rules::Conflict;
use crate::text::{FastMap, Span};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn similar(a: &str, b: &str, threshold: f64) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a != b
        && a.chars().next() == b.chars().next()
        && a.chars().count() >= 3
        && b.chars().count() >= 3
        && strsim::jaro_winkler(&a, &b) >= threshold
}

/// A short form of the other word: its beginning ("Stan", "Stanley";
/// "Insp", "Inspector"), or a pet form of four letters or fewer that shares
/// its first three ("Dave", "David").
fn short_form(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let (s, l) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
    let common = s.chars().zip(l.chars()).take_while(|(x, y)| x == y).count();
    common >= 3 && (common == s.chars().count() || s.chars().count() <= 4)
}

/// Whether two written forms are one name, not a misspelling: the same
/// words whatever their case ("PETER Capaldi"), a fuller form with a middle
/// name or a first name added ("Mark Jay Heller", "Trooper William
/// Hakim"), or a short form of a word ("Dave Rossi", "Insp Gaskin").
fn same_name(a: &[String], b: &[String]) -> bool {
    let la: Vec<String> = a.iter().map(|w| w.to_lowercase()).collect();
    let lb: Vec<String> = b.iter().map(|w| w.to_lowercase()).collect();
    let (s, l) = if la.len() <= lb.len() { (&la, &lb) } else { (&lb, &la) };
    // every word of the shorter form, in order, in the longer one, each
    // the same word or a short form of it
    // The surnames are the same word; the other words of the shorter form
    // come, in order, in the longer one, each the same word or a short
    // form of it.
    if s.last() != l.last() {
        return false;
    }
    let mut k = 0;
    for w in &s[..s.len() - 1] {
        match l[k..l.len() - 1].iter().position(|x| x == w || short_form(x, w)) {
            Some(p) => k += p + 1,
            None => return false,
        }
    }
    true
}

/// The pairs of `members` whose `part`s (lowercased) may be at most `k`
/// edits apart: those that share a form with up to `k` letters deleted
/// (two strings within `k` edits always do). A small block is compared
/// whole; a large one through this index, so a block of thousands of
/// names costs about its size, not its square.
fn candidate_pairs(members: &[usize], part: &dyn Fn(usize) -> String, k: usize) -> Vec<(usize, usize)> {
    if members.len() <= 32 {
        let mut out = Vec::new();
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                out.push((i, j));
            }
        }
        return out;
    }
    let mut index: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (x, &i) in members.iter().enumerate() {
        let word: Vec<char> = part(i).to_lowercase().chars().collect();
        // `similar` needs three letters on both sides: a shorter part is
        // never a variant.
        if word.len() < 3 {
            continue;
        }
        let mut forms: BTreeSet<String> = BTreeSet::from([word.iter().collect()]);
        let mut frontier: Vec<Vec<char>> = vec![word];
        for _ in 0..k {
            let mut next = Vec::new();
            for w in &frontier {
                for d in 0..w.len() {
                    let mut v = w.clone();
                    v.remove(d);
                    if forms.insert(v.iter().collect()) {
                        next.push(v);
                    }
                }
            }
            frontier = next;
        }
        for f in forms {
            index.entry(f).or_default().push(x);
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for xs in index.values() {
        for (a, &x) in xs.iter().enumerate() {
            for &y in &xs[a + 1..] {
                pairs.insert((x.min(y), x.max(y)));
            }
        }
    }
    pairs.into_iter().map(|(x, y)| (members[x], members[y])).collect()
}

/// Levenshtein distance between two words, case aside.
fn distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(&a.to_lowercase(), &b.to_lowercase())
}

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/spelling.md");

/// Where a spelling occurs: (document, span) in corpus order.
type Occurs = Vec<(usize, Span)>;

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    // Distinct spellings, in order, and where each occurs: gathered by
    // hash (an ordered map compared millions of word lists), then sorted.
    let (names, occurs): (Vec<&[String]>, Vec<Occurs>) = {
        let mut at: FastMap<&[String], usize> = FastMap::default();
        let mut found: Vec<(&[String], Occurs)> = Vec::new();
        for (doc, ex) in input.extractions.iter().enumerate() {
            for p in &ex.persons {
                let i = *at.entry(&p.words).or_insert_with(|| {
                    found.push((&p.words, Vec::new()));
                    found.len() - 1
                });
                found[i].1.push((doc, p.span));
            }
        }
        found.sort_unstable_by(|a, b| a.0.cmp(b.0));
        found.into_iter().unzip()
    };
    let given = |n: &[String]| n[..n.len() - 1].join(" ");
    let surname = |n: &[String]| n[n.len() - 1].clone();
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
        // A variant differs by one letter in the given name (a surname
        // block) or by two in the surname (a given-name block): only pairs
        // that share a form with that many letters deleted can be one.
        let s_block = key.starts_with("s:");
        let part = |i: usize| if s_block { given(names[i]) } else { surname(names[i]) };
        for (i, j) in candidate_pairs(members, &part, if s_block { 1 } else { 2 }) {
            {
                let (a, b) = (names[i], names[j]);
                // A surname alone is compared within its own document only.
                if a.len() < 2 || b.len() < 2 {
                    continue;
                }
                if same_name(a, b) {
                    continue;
                }
                // Two people who share a surname have different first
                // names ("Jerry" and "Jeremy", father and son): a first
                // name misspelt differs by one letter. A surname misspelt
                // may differ by two ("Berdymukhamedov", "Berdimuhamedov").
                let variant = if key.starts_with("s:") {
                    let (ga, gb) = (given(a), given(b));
                    similar(&ga, &gb, rule.threshold) && distance(&ga, &gb) <= 1
                } else {
                    let (sa, sb) = (surname(a), surname(b));
                    similar(&sa, &sb, rule.threshold) && distance(&sa, &sb) <= 2
                };
                if variant {
                    uf.union(i, j);
                    linked[i] = true;
                    linked[j] = true;
                }
            }
        }
    }
    // A surname alone ("Okonkwa said") that no full name of its document
    // carries, one or two letters from the surname of exactly one person
    // that document names in full, is that person's name misspelt.
    // Per document, the full names and the lone surnames it gives.
    let mut by_doc: Vec<(Vec<usize>, Vec<usize>)> = vec![(Vec::new(), Vec::new()); input.docs.len()];
    for (i, (n, ms)) in names.iter().zip(&occurs).enumerate() {
        for &(doc, _) in ms {
            let e = &mut by_doc[doc];
            let v = if n.len() >= 2 { &mut e.0 } else { &mut e.1 };
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    // Each document on its own (in parallel); the links it finds are
    // made in document order.
    let links: Vec<Vec<(usize, usize)>> = by_doc
        .par_iter()
        .map(|(full, single)| {
            let mut found = Vec::new();
            if single.is_empty() {
                return found;
            }
            let full_surnames: Vec<String> = full.iter().map(|&f| surname(names[f]).to_lowercase()).collect();
            for &s in single {
                let w = surname(names[s]).to_lowercase();
                if full_surnames.contains(&w) {
                    continue;
                }
                let near: BTreeSet<&String> = full
                    .iter()
                    .zip(&full_surnames)
                    .filter(|(&f, _)| {
                        let sf = surname(names[f]);
                        similar(&sf, &w, rule.threshold) && distance(&sf, &w) <= 2
                    })
                    .map(|(_, l)| l)
                    .collect();
                if near.len() == 1 {
                    if let Some((&f, _)) = full.iter().zip(&full_surnames).find(|(_, l)| near.contains(l)) {
                        found.push((s, f));
                    }
                }
            }
            found
        })
        .collect();
    for (s, f) in links.into_iter().flatten() {
        uf.union(s, f);
        linked[s] = true;
        linked[f] = true;
    }
    for group in uf.groups(&linked) {
        // The most frequent spelling is the subject; ties go to the first.
        let mut ranked: Vec<usize> = group.clone();
        ranked.sort_by(|&i, &j| occurs[j].len().cmp(&occurs[i].len()).then_with(|| names[i].cmp(names[j])));
        let canonical = names[ranked[0]].join(" ");
        let other = names[ranked[1]].join(" ");
        let docs: BTreeSet<usize> = group.iter().flat_map(|&i| occurs[i].iter().map(|m| m.0)).collect();
        let mut claims = Vec::new();
        for &i in &ranked {
            for &(doc, span) in &occurs[i] {
                claims.push(Claim::timeless(doc, span, "name", names[i].join(" ")));
            }
        }
        out.push(Finding {
            rule: rule.id.clone(),
            kind: rule.kind,
            severity: rule.severity,
            message: render_message(rule, &canonical, &canonical, &other, ""),
            subject: canonical.to_lowercase().replace(' ', "-"),
            help: format!(
                "{} spellings of one person's name across {} document(s), the same {} with a {} written \
                 one letter or two apart; pick one and use it everywhere",
                group.len(),
                docs.len(),
                if names[ranked[0]].last() == names[ranked[1]].last() { "surname" } else { "first name" },
                if names[ranked[0]].last() == names[ranked[1]].last() { "first name" } else { "surname" },
            ),
            claims,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{distance, same_name, similar};

    fn n(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn fuller_shorter_and_case_forms_are_one_name() {
        assert!(same_name(&n("Mark Heller"), &n("Mark Jay Heller")));
        assert!(same_name(&n("Trooper Hakim"), &n("Trooper William Hakim")));
        assert!(same_name(&n("Dave Rossi"), &n("David Rossi")));
        assert!(same_name(&n("Insp Gaskin"), &n("Inspector Gaskin")));
        assert!(same_name(&n("PETER Capaldi"), &n("Peter Capaldi")));
        assert!(!same_name(&n("Jerry Ortiz"), &n("Jeremy Ortiz")));
        assert!(!same_name(&n("Ingrid Solberg"), &n("Ingrid Solbergh")));
        // relatives: first names more than a letter apart
        assert!(distance("Jerry", "Jeremy") > 1 && distance("Charlene", "Charlie") > 1);
        assert!(distance("Heidar", "Heydar") == 1);
    }

    #[test]
    fn transliterations_are_similar_and_different_names_are_not() {
        assert!(similar("Aleksandr", "Alexander", 0.85));
        assert!(!similar("Aleksandr", "Aleksandr", 0.85));
        assert!(!similar("Novak", "Ritter", 0.85));
    }
}
