//! The rule engine: facts in, findings out.
//!
//! Facts are indexed by (subject, predicate). Within a key they are
//! compared only where their valid times overlap (within the rule's
//! tolerance); claims that conflict are clustered, so many articles saying
//! one thing against many saying another make one finding that lists all of
//! them. Quotes and names are compared through their own indexes (shared
//! word trigrams, shared surnames), never all pairs of a corpus.
//!
//! One file per conflict kind, each documented with what it finds, why both
//! cannot hold, an example, and what is not a conflict.

pub mod characterisation;
pub mod exclusive;
pub mod figure_drift;
pub mod functional;
pub mod negation;
pub mod places;
pub mod quote_drift;
pub mod spelling;
pub mod weekday;

use crate::corpus::Document;
use crate::extract::{DocExtraction, Modality, Polarity};
use crate::facts::Fact;
use crate::rules::{Conflict, ConflictKind, RuleSet, Severity, ValueType};
use crate::text::Span;
use crate::time::TimeSpan;
use std::collections::{BTreeMap, HashMap};

/// The documentation of a conflict kind.
pub fn kind_doc(kind: ConflictKind) -> &'static str {
    match kind {
        ConflictKind::Exclusive => exclusive::DOC,
        ConflictKind::Negation => negation::DOC,
        ConflictKind::Functional => functional::DOC,
        ConflictKind::Characterisation => characterisation::DOC,
        ConflictKind::QuoteDrift => quote_drift::DOC,
        ConflictKind::Spelling => spelling::DOC,
        ConflictKind::Weekday => weekday::DOC,
        ConflictKind::FigureDrift => figure_drift::DOC,
        ConflictKind::Suppression => crate::gate::suppress::DOC,
    }
}

/// One passage a finding points at.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub doc: usize,
    pub span: Span,
    pub predicate: String,
    pub object: String,
    pub polarity: Polarity,
    pub modality: Modality,
    pub valid: Option<TimeSpan>,
    /// Where the valid time came from ("expression \"late Tuesday\"").
    pub valid_origin: String,
    pub said_by: Option<String>,
}

impl Claim {
    /// An asserted passage that holds at no particular time (a quote, a
    /// name, a figure's wording): `object` is what it says.
    pub fn timeless(doc: usize, span: Span, predicate: &str, object: String) -> Claim {
        Claim {
            doc,
            span,
            predicate: predicate.to_string(),
            object,
            polarity: Polarity::Positive,
            modality: Modality::Asserted,
            valid: None,
            valid_origin: "timeless".into(),
            said_by: None,
        }
    }

    pub fn from_fact(f: &Fact) -> Claim {
        Claim::from_raw(f.doc, &f.claim)
    }

    /// The passage of a claim of document `doc`.
    pub fn from_raw(doc: usize, c: &crate::extract::RawClaim) -> Claim {
        Claim {
            doc,
            span: c.span,
            predicate: c.predicate.clone(),
            object: c.quantity.as_ref().map(|q| q.text.clone()).unwrap_or_else(|| c.object.clone()),
            polarity: c.polarity,
            modality: c.modality,
            valid: c.date_value.or(c.valid),
            valid_origin: c.valid_origin.describe(),
            said_by: c.said_by.clone(),
        }
    }
}

/// A conflict: two or more claims that cannot all be true (or, for the
/// weekday kind, one passage that contradicts itself).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: String,
    pub kind: ConflictKind,
    pub severity: Severity,
    pub message: String,
    pub subject: String,
    /// Why the claims cannot all hold.
    pub help: String,
    pub claims: Vec<Claim>,
}

impl Finding {
    /// An identity that survives edits elsewhere in the files: the rule,
    /// the subject and the normalised texts of the passages (no offsets,
    /// lines or counts). Hex of the first 16 bytes of a SHA-256.
    pub fn fingerprint(&self, docs: &[Document]) -> String {
        use sha2::{Digest, Sha256};
        let mut passages: Vec<String> = self
            .claims
            .iter()
            .map(|c| normalise_passage(docs[c.doc].text.get(c.span.start..c.span.end).unwrap_or("")))
            .collect();
        passages.sort();
        passages.dedup();
        let mut h = Sha256::new();
        h.update(self.rule.as_bytes());
        h.update([0]);
        h.update(self.subject.as_bytes());
        for p in passages {
            h.update([0]);
            h.update(p.as_bytes());
        }
        h.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Lowercase, straight quotes, single spaces.
pub fn normalise_passage(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' => '\'',
                    '\u{201c}' | '\u{201d}' => '"',
                    c => c,
                })
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Facts per (subject, predicate), replaceable one document at a time.
#[derive(Debug, Default, Clone)]
pub struct FactIndex {
    by_key: BTreeMap<(String, String), Vec<Fact>>,
}

impl FactIndex {
    /// Sorted by key in parallel (a stable sort: a key's facts stay in
    /// corpus order), each key made once, not once per fact.
    pub fn new(per_doc: Vec<Vec<Fact>>) -> FactIndex {
        use rayon::prelude::*;
        let mut all: Vec<Fact> = per_doc.into_iter().flatten().collect();
        all.par_sort_by(|a, b| (&a.subject, &a.claim.predicate).cmp(&(&b.subject, &b.claim.predicate)));
        let mut groups: Vec<((String, String), Vec<Fact>)> = Vec::new();
        for f in all {
            match groups.last_mut() {
                Some((k, v)) if k.0 == f.subject && k.1 == f.claim.predicate => v.push(f),
                _ => groups.push(((f.subject.clone(), f.claim.predicate.clone()), vec![f])),
            }
        }
        FactIndex { by_key: groups.into_iter().collect() }
    }

    pub fn insert(&mut self, facts: Vec<Fact>) {
        for f in facts {
            self.by_key.entry((f.subject.clone(), f.claim.predicate.clone())).or_default().push(f);
        }
    }

    /// Replace one document's facts (for an editor: re-extract only it).
    pub fn replace_document(&mut self, doc: usize, facts: Vec<Fact>) {
        for v in self.by_key.values_mut() {
            v.retain(|f| f.doc != doc);
        }
        self.by_key.retain(|_, v| !v.is_empty());
        self.insert(facts);
    }

    /// Every fact, per document, in text order (for `factlint facts`).
    pub fn by_document(&self, docs: usize) -> Vec<Vec<&Fact>> {
        let mut out: Vec<Vec<&Fact>> = vec![Vec::new(); docs];
        for f in self.by_key.values().flatten() {
            if let Some(v) = out.get_mut(f.doc) {
                v.push(f);
            }
        }
        for v in out.iter_mut() {
            v.sort_by_key(|f| (f.claim.span, f.claim.cue, f.claim.predicate.clone()));
        }
        out
    }

    pub fn keys_of<'a>(&'a self, predicate: &'a str) -> impl Iterator<Item = (&'a str, &'a [Fact])> + 'a {
        self.by_key.iter().filter(move |((_, p), _)| p == predicate).map(|((s, _), v)| (s.as_str(), v.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.by_key.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// Everything the rules look at.
pub struct Input<'a> {
    pub docs: &'a [Document],
    pub extractions: &'a [DocExtraction],
    pub facts: &'a FactIndex,
}

/// Run every rule; findings come back in a stable order.
pub fn run(rules: &RuleSet, input: &Input) -> Vec<Finding> {
    use rayon::prelude::*;
    // Rules are independent: checked in parallel, their findings joined in
    // rule order (then sorted), so the result does not depend on threads.
    let per_rule: Vec<Vec<Finding>> = rules
        .conflicts
        .par_iter()
        .map(|rule| {
            let mut clock = crate::pipeline::Stages::start();
            let found = run_rule(rules, rule, input);
            clock.lap(&format!("  rule {}", rule.id));
            found
        })
        .collect();
    let mut clock = crate::pipeline::Stages::start();
    let found = finish(rules, input, per_rule.into_iter().flatten().collect());
    clock.lap("  findings joined");
    found
}

/// The type of the predicate a rule compares, if it names one the packs
/// define.
fn value_type(rules: &RuleSet, rule: &Conflict) -> Option<ValueType> {
    rule.predicate.as_ref().and_then(|p| rules.predicates.get(p)).map(|p| p.value_type)
}

/// The findings of one rule.
fn run_rule(rules: &RuleSet, rule: &Conflict, input: &Input) -> Vec<Finding> {
    let mut out = Vec::new();
    match rule.kind {
        ConflictKind::Exclusive => exclusive::check(rule, input, &mut out),
        ConflictKind::Negation => {
            negation::check(rule, input, value_type(rules, rule) == Some(ValueType::Open), &mut out)
        }
        ConflictKind::Functional if value_type(rules, rule) == Some(ValueType::Place) => {
            places::check(rule, input, &mut out)
        }
        ConflictKind::Functional => functional::check(rule, input, &mut out),
        ConflictKind::Characterisation => characterisation::check(rule, input, &mut out),
        ConflictKind::QuoteDrift => quote_drift::check(rule, input, &mut out),
        ConflictKind::Spelling => spelling::check(rule, input, &mut out),
        ConflictKind::Weekday => weekday::check(rule, input, &mut out),
        ConflictKind::FigureDrift => figure_drift::check(rule, input, &mut out),
        // Checked by the gate, after the findings exist.
        ConflictKind::Suppression => {}
    }
    out
}

/// Join the findings of every rule: passages sorted and deduplicated, one
/// passage left is no conflict, open duplicates of pack findings dropped.
fn finish(rules: &RuleSet, input: &Input, mut out: Vec<Finding>) -> Vec<Finding> {
    for f in out.iter_mut() {
        f.claims.sort_by(|a, b| (&input.docs[a.doc].path, a.span).cmp(&(&input.docs[b.doc].path, b.span)));
        f.claims.dedup_by(|a, b| a.doc == b.doc && a.span == b.span);
    }
    out.retain(|f| f.claims.len() >= 2 || matches!(f.kind, ConflictKind::Weekday | ConflictKind::Suppression));
    // "{report}" in a message is "report" when the passages are in
    // several documents and "passage" when one document says both.
    for f in out.iter_mut().filter(|f| f.message.contains("{report}")) {
        let one = f.claims.iter().all(|c| c.doc == f.claims[0].doc);
        f.message = f.message.replace("{report}", if one { "passage" } else { "report" });
    }
    drop_open_duplicates(rules, &mut out);
    out.sort_by(|a, b| {
        let key =
            |f: &Finding| (input.docs[f.claims[0].doc].path.clone(), f.claims[0].span, f.rule.clone(), f.claims.len());
        key(a).cmp(&key(b))
    });
    out
}

/// A finding on an open predicate whose every passage already takes part
/// in a finding of a pack predicate says nothing new: the pack's, with its
/// vocabulary, is kept.
fn drop_open_duplicates(rules: &RuleSet, out: &mut Vec<Finding>) {
    let is_open = |f: &Finding| rules.conflict(&f.rule).and_then(|c| value_type(rules, c)) == Some(ValueType::Open);
    let open: Vec<bool> = out.iter().map(is_open).collect();
    let mut covered: HashMap<usize, Vec<Span>> = HashMap::new();
    for (f, _) in out.iter().zip(&open).filter(|(_, o)| !**o) {
        for c in &f.claims {
            covered.entry(c.doc).or_default().push(c.span);
        }
    }
    let mut i = 0;
    out.retain(|f| {
        let keep = !open[i]
            || !f.claims.iter().all(|c| covered.get(&c.doc).is_some_and(|v| v.iter().any(|s| s.overlaps(&c.span))));
        i += 1;
        keep
    });
}

/// Fill a rule's message template.
pub fn render_message(rule: &Conflict, subject: &str, a: &str, b: &str, c: &str) -> String {
    rule.message
        .replace("{subject}", subject)
        .replace("{predicate}", rule.predicate.as_deref().unwrap_or(""))
        .replace("{a}", &readable(a))
        .replace("{b}", &readable(b))
        .replace("{c}", c)
}

/// A pack's value label as a reader says it: "on_hold" is "on hold"
/// (labels only: a quoted passage or a number is left as it is).
pub(crate) fn readable(v: &str) -> String {
    if v.contains('_') && !v.contains([' ', '"']) {
        v.replace('_', " ")
    } else {
        v.to_string()
    }
}

/// Connected components of a conflict graph over `n` items, by union-find.
pub struct Clusters {
    parent: Vec<usize>,
}

impl Clusters {
    pub fn new(n: usize) -> Clusters {
        Clusters { parent: (0..n).collect() }
    }

    pub fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut k = i;
        while self.parent[k] != r {
            let next = self.parent[k];
            self.parent[k] = r;
            k = next;
        }
        r
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    /// Groups of linked items (each of size >= 2), in order of their first item.
    pub fn groups(&mut self, linked: &[bool]) -> Vec<Vec<usize>> {
        let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &l) in linked.iter().enumerate() {
            if l {
                let r = self.find(i);
                by_root.entry(r).or_default().push(i);
            }
        }
        by_root.into_values().filter(|g| g.len() >= 2).collect()
    }
}

/// Every pair `(i, j)` of `facts` whose valid times overlap (within
/// `tolerance_days`), without comparing all pairs: sorted by start, a fact
/// meets only those starting before its end plus the tolerance. Facts
/// without a valid time take no part.
pub fn overlapping_pairs(facts: &[&Fact], tolerance_days: u64, mut pair: impl FnMut(usize, usize)) {
    let mut dated: Vec<(chrono::NaiveDate, chrono::NaiveDate, usize)> =
        facts.iter().enumerate().filter_map(|(i, f)| f.claim.valid.map(|v| (v.bounds().0, v.bounds().1, i))).collect();
    dated.sort_unstable();
    for (x, &(_, end, i)) in dated.iter().enumerate() {
        let limit = end.checked_add_days(chrono::Days::new(tolerance_days)).unwrap_or(chrono::NaiveDate::MAX);
        for &(_, _, j) in dated[x + 1..].iter().take_while(|(start, _, _)| *start < limit) {
            pair(i, j);
        }
    }
}

/// Cluster two sides whose members conflict where their valid times overlap:
/// each group holds facts of both sides.
pub fn cluster_overlapping<'f>(a: &[&'f Fact], b: &[&'f Fact], tolerance_days: u64) -> Vec<Vec<&'f Fact>> {
    let both: Vec<&Fact> = a.iter().chain(b).copied().collect();
    let mut uf = Clusters::new(both.len());
    let mut linked = vec![false; both.len()];
    overlapping_pairs(&both, tolerance_days, |i, j| {
        if (i < a.len()) != (j < a.len()) {
            uf.union(i, j);
            linked[i] = true;
            linked[j] = true;
        }
    });
    uf.groups(&linked).into_iter().map(|g| g.into_iter().map(|i| both[i]).collect()).collect()
}

/// The distinct days a group of facts holds on, for a help line.
pub fn days_held(members: &[&Fact]) -> String {
    let days: std::collections::BTreeSet<String> =
        members.iter().filter_map(|f| f.claim.valid.as_ref()).map(describe_span).collect();
    days.into_iter().collect::<Vec<_>>().join(", ")
}

/// "2025-10-21" or "2025-10-20 to 2025-10-22" for a span.
pub fn describe_span(t: &TimeSpan) -> String {
    let last = t.end - chrono::Days::new(1);
    match t.open {
        Some(crate::time::Open::Before) => format!("before {}", t.start),
        Some(crate::time::Open::After) => format!("from {}", t.start),
        None if last == t.start => t.start.to_string(),
        None => format!("{} to {}", t.start, last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::TimeOrigin;

    fn fact(doc: usize, object: &str) -> Fact {
        let claim = crate::extract::RawClaim {
            subject: crate::extract::events::EventSig {
                class: "meeting".into(),
                participants: Default::default(),
                place: Some("oslo".into()),
                pack_id: None,
            },
            subject_label: String::new(),
            subject_head: "meeting".into(),
            predicate: "status".into(),
            object: object.into(),
            date_value: None,
            quantity: None,
            open_object: None,
            polarity: Polarity::Positive,
            modality: Modality::Asserted,
            valid: None,
            valid_origin: TimeOrigin::Dateline,
            said_by: None,
            span: Span::new(0, 1),
            cue: Span::new(0, 1),
            state: true,
            perfect_denial: false,
            polarity_cue: None,
            modality_cue: None,
        };
        Fact { doc, subject: "e".into(), subject_name: "the event".into(), claim: std::sync::Arc::new(claim) }
    }

    #[test]
    fn replacing_a_document_keeps_the_others() {
        let mut ix = FactIndex::new(vec![vec![fact(0, "on_hold")], vec![fact(1, "ongoing"), fact(1, "ongoing")]]);
        assert_eq!(ix.len(), 3);
        ix.replace_document(1, vec![fact(1, "cancelled")]);
        let objects: Vec<&str> =
            ix.keys_of("status").flat_map(|(_, v)| v.iter().map(|f| f.claim.object.as_str())).collect();
        assert_eq!(objects, ["on_hold", "cancelled"]);
        ix.replace_document(0, Vec::new());
        assert_eq!(ix.len(), 1);
    }

    #[test]
    fn clusters_group_linked_items() {
        let mut c = Clusters::new(5);
        c.union(0, 3);
        c.union(3, 4);
        assert_eq!(c.groups(&[true, false, false, true, true]), vec![vec![0, 3, 4]]);
    }
}
