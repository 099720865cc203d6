//! How many passages a finding shows. A slip repeated across an archive
//! makes one finding with thousands of passages; every format shows a
//! bounded number of them (`--max-passages N`, 10 by default, 0 for all),
//! one of each wording first, the most frequent wordings first, and always
//! gives the total and the wordings with their counts.

use super::passage;
use crate::check::Finding;
use crate::corpus::Document;
use std::collections::{BTreeSet, HashMap};

/// The default of `--max-passages`.
pub const DEFAULT_MAX: usize = 10;
/// At most this many wordings are listed with their counts.
pub const MAX_GROUPS: usize = 20;

/// What a shown finding leaves out.
#[derive(Debug, Clone)]
pub struct Passages {
    /// Passages in all, and the documents they are in.
    pub total: usize,
    pub documents: usize,
    /// Distinct wordings (normalised text) with their counts, most frequent
    /// first (at most [`MAX_GROUPS`]), and how many there are in all.
    pub groups: Vec<(String, usize)>,
    pub groups_total: usize,
    /// The finding's fingerprint over all its passages (baselines and
    /// code scanning must not depend on how many are shown).
    pub fingerprint: String,
}

/// Findings as shown: each with its shown passages only, in their order,
/// and beside it what the rest were.
pub struct Bounded {
    pub findings: Vec<Finding>,
    pub passages: Vec<Passages>,
}

/// Which passages of `f` to show: its first (the draft's, under
/// `--against`) always, then one of each wording in turn, most frequent
/// wordings first, up to `max` (0: all); in their original order.
fn shown(f: &Finding, texts: &[String], max: usize) -> Vec<usize> {
    if max == 0 || f.claims.len() <= max {
        return (0..f.claims.len()).collect();
    }
    let mut order: Vec<(String, Vec<usize>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, t) in texts.iter().enumerate() {
        match at.get(t.as_str()) {
            Some(&g) => order[g].1.push(i),
            None => {
                at.insert(t, order.len());
                order.push((t.clone(), vec![i]));
            }
        }
    }
    order.sort_by_key(|(_, ix)| (std::cmp::Reverse(ix.len()), ix[0]));
    let mut chosen: BTreeSet<usize> = BTreeSet::from([0]);
    let mut round = 0;
    while chosen.len() < max {
        let mut any = false;
        for (_, ix) in &order {
            if let Some(&i) = ix.get(round) {
                any = true;
                chosen.insert(i);
                if chosen.len() == max {
                    break;
                }
            }
        }
        if !any {
            break;
        }
        round += 1;
    }
    chosen.into_iter().collect()
}

pub fn bound(docs: &[Document], findings: &[Finding], max: usize) -> Bounded {
    let mut out =
        Bounded { findings: Vec::with_capacity(findings.len()), passages: Vec::with_capacity(findings.len()) };
    for f in findings {
        let texts: Vec<String> = f.claims.iter().map(|c| passage(&docs[c.doc], c.span).to_lowercase()).collect();
        let keep = shown(f, &texts, max);
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        for (c, t) in f.claims.iter().zip(&texts) {
            match at.get(t.as_str()) {
                Some(&g) => counts[g].1 += 1,
                None => {
                    at.insert(t, counts.len());
                    counts.push((passage(&docs[c.doc], c.span), 1));
                }
            }
        }
        let groups_total = counts.len();
        counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        counts.truncate(MAX_GROUPS);
        out.passages.push(Passages {
            total: f.claims.len(),
            documents: f.claims.iter().map(|c| c.doc).collect::<BTreeSet<_>>().len(),
            groups: counts,
            groups_total,
            fingerprint: f.fingerprint(docs),
        });
        let mut g = f.clone();
        g.claims = keep.into_iter().map(|i| f.claims[i].clone()).collect();
        out.findings.push(g);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Claim;
    use crate::extract::{Modality, Polarity};
    use crate::rules::{ConflictKind, Severity};
    use crate::text::Span;

    #[test]
    fn one_of_each_wording_first_and_the_total_kept() {
        // 30 passages: 25 say "A", 4 say "B", 1 says "C".
        let mut text = String::new();
        let mut spans = Vec::new();
        for w in std::iter::repeat_n("A", 25).chain(std::iter::repeat_n("B", 4)).chain(["C"]) {
            spans.push(Span::new(text.len(), text.len() + 1));
            text.push_str(w);
            text.push(' ');
        }
        let doc = Document::from_text("a.txt", text, None);
        let claims = spans
            .iter()
            .map(|&span| Claim {
                doc: 0,
                span,
                predicate: "name".into(),
                object: String::new(),
                polarity: Polarity::Positive,
                modality: Modality::Asserted,
                valid: None,
                valid_origin: String::new(),
                said_by: None,
            })
            .collect();
        let f = Finding {
            rule: "r".into(),
            kind: ConflictKind::Spelling,
            severity: Severity::Warning,
            message: String::new(),
            subject: String::new(),
            help: String::new(),
            claims,
        };
        let docs = [doc];
        let b = bound(&docs, std::slice::from_ref(&f), 5);
        let shown: Vec<&str> = b.findings[0].claims.iter().map(|c| &docs[0].text[c.span.start..c.span.end]).collect();
        assert_eq!(shown.len(), 5);
        assert!(shown.contains(&"B") && shown.contains(&"C"), "{shown:?}");
        let p = &b.passages[0];
        assert_eq!((p.total, p.groups_total), (30, 3));
        assert_eq!(p.groups[0], ("A".to_string(), 25));
        assert_eq!(p.fingerprint, f.fingerprint(&docs));
        // 0 shows all; a finding within the bound is untouched.
        assert_eq!(bound(&docs, std::slice::from_ref(&f), 0).findings[0].claims.len(), 30);
        assert_eq!(bound(&docs, std::slice::from_ref(&f), 30).findings[0], f);
    }
}
