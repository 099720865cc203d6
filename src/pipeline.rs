//! The stages wired together: documents in, findings out. No printing here.

use crate::check::{self, FactIndex, Finding};
use crate::corpus::{self, Document, Problem};
use crate::extract::{DocExtraction, Extractor};
use crate::facts;
use crate::rules::RuleSet;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

/// Everything one run produced, in corpus order.
pub struct Analysis {
    pub docs: Vec<Document>,
    pub problems: Vec<Problem>,
    pub extractions: Vec<DocExtraction>,
    /// The facts, indexed by (subject, predicate).
    pub facts: FactIndex,
    pub findings: Vec<Finding>,
}

/// Find, read and date the documents under `paths`, in parallel.
pub fn load_documents(paths: &[PathBuf], dates: &BTreeMap<String, NaiveDate>) -> (Vec<Document>, Vec<Problem>) {
    let (files, mut problems) = corpus::discover(paths);
    let read: Vec<_> = files
        .par_iter()
        .map(|f| {
            let name = f.display().to_string();
            let over = dates.get(&name).copied().or_else(|| {
                let n = name.trim_start_matches("./");
                dates.iter().find(|(k, _)| k.trim_start_matches("./") == n).map(|(_, d)| *d)
            });
            corpus::read(f, over)
        })
        .collect();
    let mut docs = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok((d, warnings)) => {
                docs.push(d);
                problems.extend(warnings);
            }
            Err(p) => problems.push(p),
        }
    }
    (docs, problems)
}

/// The open predicate's second pass. The first pass parsed only the
/// sentences with a negation; a denial conflicts with an assertion of the
/// same verb anywhere in the corpus, so the documents holding a form of a
/// denied verb are extracted again, parsing those sentences too. Parsing
/// every sentence would cost several times the whole rest of the pipeline.
fn second_pass(docs: &[Document], extractions: &mut [DocExtraction], mut extractor: Extractor) {
    let verbs: BTreeSet<&str> = extractions.iter().flat_map(|e| e.negated_verbs.iter().map(String::as_str)).collect();
    let Some(model) = crate::language::embedded().ok().filter(|_| !verbs.is_empty()) else { return };
    let forms: HashSet<String> = verbs.iter().flat_map(|v| model.lemmas.forms_of(v)).collect();
    let mut names: Vec<&str> = extractions.iter().flat_map(|e| e.negated_names.iter().map(String::as_str)).collect();
    names.sort_unstable();
    names.dedup();
    let Ok(names) = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(&names) else { return };
    // A document matters only if it names a denied subject and holds a
    // form of a denied verb.
    let wanted = |d: &Document| {
        let mut buf = String::new();
        names.is_match(&d.text)
            && d.text.split(|c: char| !c.is_alphabetic()).any(|w| {
                buf.clear();
                buf.extend(w.chars().flat_map(char::to_lowercase));
                !w.is_empty() && forms.contains(&buf)
            })
    };
    extractor.positive_forms = Some(forms.clone());
    extractor.positive_names = Some(names.clone());
    let again: Vec<(usize, DocExtraction)> =
        docs.par_iter().enumerate().filter(|(_, d)| wanted(d)).map(|(i, d)| (i, extractor.extract(d))).collect();
    for (i, e) in again {
        extractions[i] = e;
    }
}

/// Extract, resolve and check documents already in memory.
pub fn analyse(docs: Vec<Document>, problems: Vec<Problem>, rules: &RuleSet) -> Analysis {
    analyse_with_progress(docs, problems, rules, &|| {})
}

/// As [`analyse`], calling `tick` once per document extracted.
pub fn analyse_with_progress(
    docs: Vec<Document>,
    problems: Vec<Problem>,
    rules: &RuleSet,
    tick: &(dyn Fn() + Sync),
) -> Analysis {
    let extractor = Extractor::new(rules);
    let mut extractions: Vec<DocExtraction> = docs
        .par_iter()
        .map(|d| {
            let e = extractor.extract(d);
            tick();
            e
        })
        .collect();
    second_pass(&docs, &mut extractions, extractor);
    let index = FactIndex::new(facts::resolve(&extractions));
    let findings = check::run(rules, &check::Input { docs: &docs, extractions: &extractions, facts: &index });
    Analysis { docs, problems, extractions, facts: index, findings }
}
