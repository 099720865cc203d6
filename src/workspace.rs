//! A corpus kept in memory for checking one changing document against it:
//! the engine of `factlint lsp`, with no protocol in it.
//!
//! Loading runs the whole pipeline once. After that a document is checked
//! by extracting it alone and running resolution and the check on its
//! *neighbourhood*: the archive documents that share a link key with it.
//! A link key is anything resolution or a check compares documents through
//! (see [`link_keys`]): the last word of a name (a surname joins its full
//! names), a whole name, a place, a noun-phrase class, initials, a quote's
//! word trigram, a spelling block, and, from the archive's own run, the
//! subject ids of its facts. Every fact that can meet one of the
//! document's, and every signature that can change how its subjects
//! resolve, is in a document sharing one of those keys, so the findings
//! that involve the document are those of a run on the whole corpus
//! (`tests/workspace.rs` checks that on every document of the seeds and
//! the development set), at the cost of a few dozen documents instead of
//! the archive.

use crate::check::{self, FactIndex, Finding};
use crate::corpus::Document;
use crate::extract::{DocExtraction, Extractor};
use crate::facts;
use crate::gate::{self, suppress};
use crate::rules::RuleSet;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a neighbour shares with the checked document.
const FACTS: u8 = 1;
const PERSONS: u8 = 2;
const QUOTES: u8 = 4;

self_cell::self_cell!(
    /// The rules and the extractor built from them (its vocabulary compiled
    /// once, not per check: that costs milliseconds).
    struct Engine {
        owner: RuleSet,
        #[covariant]
        dependent: Extractor,
    }
);

/// The archive: its documents, their extractions and the index from link
/// keys to the documents that have them.
pub struct Workspace {
    engine: Engine,
    docs: Vec<Option<Document>>,
    extractions: Vec<DocExtraction>,
    by_path: HashMap<String, usize>,
    postings: HashMap<String, Vec<usize>>,
    keys: Vec<Vec<String>>,
    /// How many archive documents use a word as a surname or a one-word
    /// name: a name ending in such a word resolves by that word alone.
    short_names: HashMap<String, usize>,
}

/// What checking one document gave: its neighbourhood (the document
/// last), their extractions and facts, and the findings that involve it.
pub struct DocCheck {
    pub docs: Vec<Document>,
    pub extractions: Vec<DocExtraction>,
    pub facts: FactIndex,
    pub findings: Vec<Finding>,
    /// Index of the checked document in `docs`.
    pub doc: usize,
}

/// The link keys of the subject ids of some facts.
fn subject_keys(facts: &[&crate::facts::Fact]) -> BTreeSet<String> {
    facts.iter().map(|f| format!("f:{}", f.subject)).collect()
}

impl DocCheck {
    /// The link keys of the subject ids the checked document's facts got.
    fn subject_keys(&self) -> BTreeSet<String> {
        self.facts.by_document(self.docs.len()).get(self.doc).map(|fs| subject_keys(fs)).unwrap_or_default()
    }
}

/// Words that end a name and stand for it alone somewhere: surnames and
/// one-word names.
fn short_names_of(ex: &DocExtraction) -> BTreeSet<String> {
    let persons = ex.persons.iter().filter_map(|p| p.words.last().map(|w| w.to_lowercase()));
    persons.chain(ex.names.iter().filter(|n| !n.contains(' ')).map(|n| n.to_string())).collect()
}

/// Acronyms: a one-word name may stand for the one long name (three words
/// or more) with its initials; both meet under the initials.
fn acronym_key(name: &str) -> Option<String> {
    if name.split(' ').count() >= 3 {
        Some(format!("a:{}", name.split(' ').filter_map(|w| w.chars().next()).collect::<String>()))
    } else if !name.contains(' ') {
        Some(format!("a:{name}"))
    } else {
        None
    }
}

/// The keys a document is compared through. `short` tells whether a word
/// stands for a name alone somewhere in the corpus: the key of a name is
/// then its last word (joining every name that ends in it), else the whole
/// name. Archive documents are indexed under both (`both`), so a draft
/// that makes a word a short name finds its names.
pub fn link_keys(doc: &Document, ex: &DocExtraction, short: &dyn Fn(&str) -> bool, both: bool) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let name = |n: &str, keys: &mut BTreeSet<String>| {
        let last = n.rsplit(' ').next().unwrap_or(n);
        if both || short(last) {
            keys.insert(format!("w:{last}"));
        }
        if both || !short(last) {
            keys.insert(format!("n:{n}"));
        }
    };
    // The spelling check links two names when they share a surname and
    // their given names are one letter apart (same first letter), or share
    // a given name and their surnames begin alike (same first three): every
    // name of a cluster shares the given name's first letter and the
    // surname's first three letters.
    for p in &ex.persons {
        let lower: Vec<String> = p.words.iter().map(|w| w.to_lowercase()).collect();
        if let Some((last, given)) = lower.split_last().filter(|(_, g)| !g.is_empty()) {
            let initial = given.first().and_then(|g| g.chars().next()).unwrap_or(' ');
            keys.insert(format!("s:{initial}:{}", last.chars().take(3).collect::<String>()));
        }
    }
    for c in &ex.claims {
        let s = &c.subject;
        for p in &s.participants {
            name(p, &mut keys);
            keys.extend(acronym_key(p));
        }
        if let Some(pl) = &s.place {
            keys.insert(format!("p:{pl}"));
        }
        if let Some(id) = &s.pack_id {
            keys.insert(format!("f:{id}"));
        }
        if s.class.starts_with("np:") {
            keys.insert(format!("c:{}", s.class));
        }
    }
    if both {
        for n in &ex.names {
            name(n, &mut keys);
            keys.extend(acronym_key(n));
        }
    }
    for q in &ex.quotes {
        let words = check::quote_drift::quote_words(&doc.text, q.inner);
        for w in words.windows(3) {
            keys.insert(format!("q:{} {} {}", w[0], w[1], w[2]));
        }
    }
    keys
}

impl Workspace {
    /// Load an archive: the whole pipeline once.
    pub fn new(docs: Vec<Document>, rules: RuleSet, tick: &(dyn Fn() + Sync)) -> Workspace {
        Workspace::new_cached(docs, rules, tick, None)
    }

    /// As [`Workspace::new`], extracting only the documents `cache` does
    /// not hold.
    pub fn new_cached(
        docs: Vec<Document>,
        rules: RuleSet,
        tick: &(dyn Fn() + Sync),
        cache: Option<&mut crate::cache::Cache>,
    ) -> Workspace {
        let a = crate::pipeline::analyse_cached(docs, Vec::new(), &rules, tick, cache);
        let mut w = Workspace {
            engine: Engine::new(rules, |r| Extractor::new(r)),
            docs: Vec::new(),
            extractions: Vec::new(),
            by_path: HashMap::new(),
            postings: HashMap::new(),
            keys: Vec::new(),
            short_names: HashMap::new(),
        };
        let ids = a.facts.by_document(a.docs.len());
        let subject_ids: Vec<BTreeSet<String>> = ids.iter().map(|fs| subject_keys(fs)).collect();
        for ex in &a.extractions {
            for n in short_names_of(ex) {
                *w.short_names.entry(n).or_default() += 1;
            }
        }
        for ((doc, ex), ids) in a.docs.into_iter().zip(a.extractions).zip(subject_ids) {
            w.insert(doc, ex, ids);
        }
        // From now on the same documents are checked again and again with
        // a sentence changed: the language layer remembers its sentences.
        if let Ok(m) = crate::language::embedded() {
            m.remember(true);
        }
        w
    }

    /// The rules the workspace checks with.
    pub fn rules(&self) -> &RuleSet {
        self.engine.borrow_owner()
    }

    fn short(&self, word: &str) -> bool {
        self.short_names.get(word).is_some_and(|&n| n > 0)
    }

    fn insert(&mut self, doc: Document, ex: DocExtraction, ids: BTreeSet<String>) {
        let mut keys = link_keys(&doc, &ex, &|_| true, true);
        keys.extend(ids);
        let slot = match self.by_path.get(&doc.path) {
            Some(&s) => s,
            None => {
                self.docs.push(None);
                self.extractions.push(DocExtraction::default());
                self.keys.push(Vec::new());
                self.docs.len() - 1
            }
        };
        self.by_path.insert(doc.path.clone(), slot);
        for k in &keys {
            let p = self.postings.entry(k.clone()).or_default();
            if let Err(at) = p.binary_search(&slot) {
                p.insert(at, slot);
            }
        }
        self.keys[slot] = keys.into_iter().collect();
        self.docs[slot] = Some(doc);
        self.extractions[slot] = ex;
    }

    /// Forget the archive document at `path` (deleted on disk).
    pub fn remove(&mut self, path: &str) {
        let Some(slot) = self.by_path.remove(path) else { return };
        for k in std::mem::take(&mut self.keys[slot]) {
            if let Some(p) = self.postings.get_mut(&k) {
                p.retain(|&s| s != slot);
                if p.is_empty() {
                    self.postings.remove(&k);
                }
            }
        }
        for n in short_names_of(&self.extractions[slot]) {
            if let Some(c) = self.short_names.get_mut(&n) {
                *c = c.saturating_sub(1);
            }
        }
        self.docs[slot] = None;
        self.extractions[slot] = DocExtraction::default();
    }

    /// Add or replace an archive document (created or changed on disk).
    pub fn upsert(&mut self, doc: Document) {
        self.remove(&doc.path);
        let checked = self.check(doc);
        let ids = checked.subject_keys();
        let doc_at = checked.doc;
        let mut docs = checked.docs;
        let mut exs = checked.extractions;
        let (doc, ex) = (docs.swap_remove(doc_at), exs.swap_remove(doc_at));
        for n in short_names_of(&ex) {
            *self.short_names.entry(n).or_default() += 1;
        }
        self.insert(doc, ex, ids);
    }

    /// The number of archive documents.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    /// The archive document at `path`, if any.
    pub fn document(&self, path: &str) -> Option<&Document> {
        self.by_path.get(path).and_then(|&s| self.docs[s].as_ref())
    }

    /// The archive documents sharing a key of `keys`, less `except`, each
    /// with what it shares: facts (names, places, classes, subject ids),
    /// people's names (a spelling block) or quotations (a trigram).
    fn neighbours(&self, keys: &BTreeSet<String>, except: Option<usize>) -> BTreeMap<usize, u8> {
        let mut out: BTreeMap<usize, u8> = BTreeMap::new();
        for k in keys {
            let Some(p) = self.postings.get(k) else { continue };
            let role = match k.split(':').next() {
                Some("s") => PERSONS,
                Some("q") => QUOTES,
                _ => FACTS,
            };
            // A word trigram too common for the quote check to use.
            if role == QUOTES && p.len() > check::quote_drift::MAX_POSTING {
                continue;
            }
            for &s in p.iter().filter(|&&s| Some(s) != except && self.docs[s].is_some()) {
                *out.entry(s).or_default() |= role;
            }
        }
        out
    }

    /// Check `doc` (an open draft, or a new version of an archive
    /// document, which it then stands in for) against the archive: the
    /// findings that involve it, as a run on the whole corpus gives them,
    /// with its passages first.
    pub fn check(&self, doc: Document) -> DocCheck {
        let ex = self.engine.borrow_dependent().extract(&doc);
        let except = self.by_path.get(&doc.path).copied();
        let own = short_names_of(&ex);
        let short = |w: &str| own.contains(w) || self.short(w);
        let keys = link_keys(&doc, &ex, &short, false);
        let mut near = self.neighbours(&keys, except);
        // Subject ids through which the archive joins claims the keys above
        // do not reach ("the conference in Oslo" named by a pack elsewhere).
        let first = self.run(&near, doc.clone(), ex.clone());
        let ids = first.subject_keys();
        let more = self.neighbours(&ids, except);
        if more.keys().all(|s| near.get(s).is_some_and(|r| r & FACTS != 0)) {
            return first;
        }
        for (s, r) in more {
            *near.entry(s).or_default() |= r;
        }
        self.run(&near, doc, ex)
    }

    /// Resolution and the check on `near` and the document.
    ///
    /// A document that shares only people's names or quotations with it
    /// takes part with only those: its claims cannot meet the document's.
    fn run(&self, near: &BTreeMap<usize, u8>, doc: Document, ex: DocExtraction) -> DocCheck {
        let mut docs: Vec<Document> = Vec::with_capacity(near.len() + 1);
        let mut exs: Vec<DocExtraction> = Vec::with_capacity(near.len() + 1);
        let mut with_facts = Vec::new();
        for (&s, &role) in near {
            let (Some(d), e) = (&self.docs[s], &self.extractions[s]) else { continue };
            if role & FACTS != 0 {
                with_facts.push(docs.len());
                exs.push(e.clone());
            } else {
                exs.push(DocExtraction {
                    persons: if role & PERSONS != 0 { e.persons.clone() } else { Vec::new() },
                    quotes: if role & QUOTES != 0 { e.quotes.clone() } else { Vec::new() },
                    ..Default::default()
                });
            }
            docs.push(d.clone());
        }
        docs.push(doc);
        exs.push(ex);
        let at = docs.len() - 1;
        // The document's clauses that assert a verb denied of its subject
        // elsewhere, and the archive's that assert one it denies anew.
        let own_denials = exs[at].denied.iter().any(|d| !exs[..at].iter().any(|e| e.denied.contains(d)));
        with_facts.push(at);
        let targets: Vec<usize> = if own_denials { with_facts } else { vec![at] };
        crate::pipeline::second_pass(
            &docs,
            &mut exs,
            self.engine.borrow_dependent(),
            Some(&targets),
            &mut crate::pipeline::NoMemo,
        );
        let rules = self.rules();
        let facts = FactIndex::new(facts::resolve(&exs));
        let found = check::run(rules, &check::Input { docs: &docs, extractions: &exs, facts: &facts });
        let known: Vec<&str> = rules.conflicts.iter().map(|c| c.id.as_str()).collect();
        let kept = suppress::apply(&docs, found, false, &known);
        let findings = gate::against(kept, &BTreeSet::from([at]));
        DocCheck { docs, extractions: exs, facts, findings, doc: at }
    }
}
