//! The stages wired together: documents in, findings out. No printing here.

use crate::cache::Cache;
use crate::check::{self, FactIndex, Finding};
use crate::corpus::{self, Document, Problem};
use crate::extract::{Denied, DocExtraction, Extractor, RawClaim, Seed};
use crate::facts;
use crate::rules::RuleSet;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

/// Everything one run produced, in corpus order.
pub struct Analysis {
    pub docs: Vec<Document>,
    pub problems: Vec<Problem>,
    pub extractions: Vec<DocExtraction>,
    /// How many of each document's claims its first extraction gave (the
    /// second pass adds after them): what a cache or a map step stores.
    pub first_pass_claims: Vec<usize>,
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
/// clauses with a negation (or a state word or a count); a denial conflicts with an assertion of the
/// same verb about the same subject anywhere in the corpus, so the
/// documents naming a denied subject together with a form of a verb denied
/// of it are extracted again, parsing those clauses too. Parsing every
/// clause would cost several times the whole rest of the pipeline.
///
/// `targets`, when given, are the only documents that may be extracted
/// again (an editor re-checks one document against an archive whose own
/// second pass is done); their new claims replace none of the old, and a
/// claim already there is not added twice.
pub fn second_pass(
    docs: &[Document],
    extractions: &mut [DocExtraction],
    extractor: &Extractor,
    targets: Option<&[usize]>,
    memo: &mut dyn Memo,
) {
    let mut denied_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (verb, name) in extractions.iter().flat_map(|e| e.denied.iter()) {
        denied_of.entry(name.as_str()).or_default().insert(verb.as_str());
    }
    // A subject may be named otherwise elsewhere ("the MSA" for "the
    // Medicines Safety Authority"): every alias the facts stage will join.
    let names: Vec<&str> = denied_of.keys().copied().collect();
    let mut by_name: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (of, alias) in facts::aliases(extractions, &names) {
        by_name.entry(alias).or_default().extend(denied_of[of].iter().copied());
    }
    let Some(model) = crate::language::embedded().ok().filter(|_| !by_name.is_empty()) else { return };
    let names: Vec<&str> = by_name.keys().map(String::as_str).collect();
    let Ok(automaton) = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&names)
    else {
        return;
    };
    let forms = by_name.values().map(|verbs| verbs.iter().flat_map(|v| model.lemmas.forms_of(v)).collect()).collect();
    let denied = Denied::new(automaton, forms);
    let all: Vec<usize>;
    let targets = match targets {
        Some(t) => t,
        None => {
            all = (0..docs.len()).collect();
            &all
        }
    };
    // The second extraction parses only the clauses the first did not, and
    // gives only their open claims to add.
    let open = extractor.open_predicate().map(str::to_string);
    // Only the open claims are kept of each extraction, as soon as it is
    // made: the rest (names, persons, ...) would only hold memory.
    // What a document's second pass gives depends on the document and on
    // the corpus's denials alone: the memo keeps it under both.
    let denials = denials_key(&by_name);
    // (A document with nothing to read again is kept too, as no claims,
    // so that a run on an unchanged corpus reads no text here.)
    let mut redone: Vec<(usize, Vec<Arc<RawClaim>>)> = Vec::new();
    let mut todo = Vec::new();
    for (&i, kept) in targets.iter().zip(memo.seconds(targets, &denials)) {
        match kept {
            Some(claims) => redone.push((i, claims.into_iter().map(Arc::new).collect())),
            None => todo.push(i),
        }
    }
    let fresh: Vec<(usize, Vec<Arc<RawClaim>>)> = todo
        .into_par_iter()
        .map(|i| {
            // A quick look for a name first: most documents name no
            // denied subject, and their seeds are never decoded.
            if !denied.named_in(&docs[i].text) {
                return (i, Vec::new());
            }
            let seed = extractions[i].seed.as_ref().and_then(|s| s.get());
            let Some(live) = extractor.live_sentences(&docs[i], &denied, seed.as_deref()) else {
                return (i, Vec::new());
            };
            let claims = extractor.extract_second(&docs[i], &denied, live, seed.as_deref()).claims;
            (i, claims.into_iter().filter(|c| Some(&c.predicate) == open.as_ref()).collect())
        })
        .collect();
    memo.keep_second(fresh.iter().map(|(i, c)| (*i, c.as_slice())).collect(), &denials);
    redone.extend(fresh);
    redone.sort_by_key(|(i, _)| *i);
    for (i, claims) in redone {
        for c in claims {
            let have = &extractions[i].claims;
            if !have.iter().any(|k| k.predicate == c.predicate && k.span == c.span && k.object == c.object) {
                extractions[i].claims.push(c);
            }
        }
    }
}

/// The digest of a corpus's denials (each denied subject's names and the
/// verbs denied of it), under which the memo keeps second passes.
fn denials_key(by_name: &BTreeMap<String, BTreeSet<&str>>) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (name, verbs) in by_name {
        h.update(name.as_bytes());
        for v in verbs {
            h.update([0]);
            h.update(v.as_bytes());
        }
        h.update([1]);
    }
    h.finalize().into()
}

/// Where a run keeps and finds work done before: the fact cache, or
/// nothing ([`NoMemo`]).
pub trait Memo {
    /// Told of the documents extracted afresh: (index, extraction).
    fn extracted(&mut self, _fresh: Vec<(usize, &DocExtraction)>) {}
    /// The open claims each document's second pass gave under these
    /// denials, where kept.
    fn seconds(&self, docs: &[usize], _denials: &[u8; 32]) -> Vec<Option<Vec<RawClaim>>> {
        vec![None; docs.len()]
    }
    /// Keep second passes made afresh: (index, open claims).
    fn keep_second(&mut self, _fresh: Vec<(usize, &[Arc<RawClaim>])>, _denials: &[u8; 32]) {}
}

/// A run that keeps nothing.
pub struct NoMemo;

impl Memo for NoMemo {}

/// The fact cache as a run's memo, with each document's key.
struct CacheMemo<'c> {
    cache: &'c mut Cache,
    keys: Vec<[u8; 32]>,
}

impl Memo for CacheMemo<'_> {
    fn extracted(&mut self, fresh: Vec<(usize, &DocExtraction)>) {
        let keys = &self.keys;
        self.cache.put_all(fresh.into_iter().map(|(i, e)| (keys[i], e)));
    }

    fn seconds(&self, docs: &[usize], denials: &[u8; 32]) -> Vec<Option<Vec<RawClaim>>> {
        let keys: Vec<[u8; 32]> = docs.iter().map(|&i| self.keys[i]).collect();
        self.cache.get_seconds(&keys, denials)
    }

    fn keep_second(&mut self, fresh: Vec<(usize, &[Arc<RawClaim>])>, denials: &[u8; 32]) {
        let keys = &self.keys;
        self.cache.put_second(fresh.into_iter().map(|(i, c)| (keys[i], c)), denials);
    }
}

/// With `FACTLINT_TIMINGS` set, the wall time of each corpus stage on
/// standard error (`factlint: timing extract 7.37 s`), with the resident
/// memory after it where the system tells it (Linux), and how many
/// documents the fact cache gave, for profiling a run.
pub struct Stages {
    on: bool,
    at: std::time::Instant,
}

impl Stages {
    pub fn start() -> Stages {
        Stages { on: std::env::var_os("FACTLINT_TIMINGS").is_some(), at: std::time::Instant::now() }
    }

    pub fn lap(&mut self, stage: &str) {
        if self.on {
            let rss = resident_mb().map(|m| format!(" (resident {m:.0} MB)")).unwrap_or_default();
            eprintln!("factlint: timing {stage} {:.3} s{rss}", self.at.elapsed().as_secs_f64());
            self.at = std::time::Instant::now();
        }
    }
}

/// The process's resident memory in MB, from `/proc/self/status`.
fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
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
    analyse_cached(docs, problems, rules, tick, None)
}

/// As [`analyse_with_progress`], taking each document's first-pass
/// extraction from `cache` when it has it, and storing the others there.
pub fn analyse_cached(
    docs: Vec<Document>,
    problems: Vec<Problem>,
    rules: &RuleSet,
    tick: &(dyn Fn() + Sync),
    cache: Option<&mut Cache>,
) -> Analysis {
    let Some(cache) = cache else {
        let none = vec![None; docs.len()];
        return analyse_given(docs, problems, rules, tick, none, &mut NoMemo);
    };
    let mut clock = Stages::start();
    let ids = cache.rules_id();
    let keys: Vec<[u8; 32]> = docs.par_iter().map(|d| crate::cache::key(&ids, d)).collect();
    clock.lap("cache keys");
    let cached = cache.get_all(&keys);
    clock.lap("cache read");
    if clock.on {
        let hits = cached.iter().filter(|c| c.is_some()).count();
        eprintln!("factlint: cache {hits} of {} documents read from the cache", docs.len());
    }
    analyse_given(docs, problems, rules, tick, cached, &mut CacheMemo { cache, keys })
}

/// As [`analyse_with_progress`], with each document's first-pass
/// extraction where it is already known (a cache, a map step's records);
/// `extracted` is given the others, once extracted (all at once).
pub fn analyse_given(
    docs: Vec<Document>,
    problems: Vec<Problem>,
    rules: &RuleSet,
    tick: &(dyn Fn() + Sync),
    known: Vec<Option<DocExtraction>>,
    memo: &mut dyn Memo,
) -> Analysis {
    let mut clock = Stages::start();
    let extractor = Extractor::new(rules);
    let fresh: Vec<bool> = known.iter().map(Option::is_none).collect();
    let mut extractions: Vec<DocExtraction> = docs
        .par_iter()
        .zip(known)
        .map(|(d, c)| {
            let mut e = c.unwrap_or_else(|| extractor.extract(d));
            // Kept as bytes until the second pass, which decodes only the
            // seeds of documents naming a denied subject: on 10,000 wire
            // articles, resident memory after extraction 227 -> 217 MB.
            e.seed = e.seed.map(Seed::encoded);
            tick();
            e
        })
        .collect();
    memo.extracted(extractions.iter().enumerate().filter(|(i, _)| fresh[*i]).collect());
    let first_pass_claims = extractions.iter().map(|e| e.claims.len()).collect();
    clock.lap("extract");
    second_pass(&docs, &mut extractions, &extractor, None, memo);
    // What the second pass needed of each document is not needed again:
    // freed before the corpus-wide stages, whose memory peaks.
    for e in &mut extractions {
        e.seed = None;
    }
    clock.lap("second pass");
    let index = FactIndex::new(facts::resolve(&extractions));
    clock.lap("resolve");
    let findings = check::run(rules, &check::Input { docs: &docs, extractions: &extractions, facts: &index });
    clock.lap("check");
    Analysis { docs, problems, extractions, first_pass_claims, facts: index, findings }
}

/// Tunes the allocator (mimalloc, the binary's) for a batch run: memory
/// freed is kept for reuse instead of returned to the system after a
/// second. A corpus run frees and allocates gigabytes stage after stage;
/// returned memory came back as fresh huge pages that the kernel zeroes
/// on first touch, 20% of the CPU of a cached run on 100,000 articles
/// (87,513 page faults; 19,065 with this, wall 18.5 s → 13.3 s, peak RSS
/// the same). Not for the language server, which should give memory back
/// between edits. `MIMALLOC_PURGE_DELAY` in the environment still wins.
pub fn batch_memory() {
    /// `mi_option_purge_delay` in mimalloc's option enumeration (v2 and v3).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: setting an option is a plain store in mimalloc's option
        // table, valid at any time; -1 means never purge.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    }
}
