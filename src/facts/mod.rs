//! Facts: subject–predicate–object–time, the unit the check stage speaks.
//!
//! This stage gives each claim's subject a corpus-wide id. An event
//! signature (class, participants, place) resolves to the one most specific
//! signature in the corpus that extends it: "the Oslo conference" (place
//! only) joins "the Keller-Varga conference in Oslo"; a signature that two
//! different events extend ("Keller met Varga", with meetings in two places)
//! is ambiguous and its claims are dropped rather than guessed.

use crate::extract::events::EventSig;
use crate::extract::{DocExtraction, Modality, Polarity, RawClaim};
use rayon::prelude::*;
// The corpus-wide maps hash fast (SipHash over every claim's signature was
// 4% of a cached run's CPU); nothing here depends on their order.
use crate::text::{FastMap as HashMap, FastSet as HashSet};
use std::collections::{BTreeMap, BTreeSet};

/// A claim whose subject has a corpus-wide id.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Index of the document in the corpus.
    pub doc: usize,
    pub subject: String,
    pub subject_name: String,
    /// What the document says: predicate, value, polarity, modality, valid
    /// time, speaker and passage (the extraction's own, shared).
    pub claim: std::sync::Arc<RawClaim>,
}

/// How the corpus names its parties: surnames of people, and names that
/// stand alone somewhere ("Lyonnais" for "Olympique Lyonnais").
struct PartyNames<'a> {
    surnames: HashSet<String>,
    standalone: HashSet<&'a str>,
    /// Initials of the corpus's names of three or more words ("msa" for
    /// "medicines safety authority"), where exactly one name has them.
    acronyms: HashMap<String, Option<&'a str>>,
}

impl<'a> PartyNames<'a> {
    /// Read from every document in parallel, each name once per document
    /// (an archive names the same parties in thousands of documents).
    fn new(docs: &'a [DocExtraction]) -> PartyNames<'a> {
        // Each surname with the first names written with it ("" for none:
        // "Mr Silva"; "m" for "M. Silva").
        type Found<'a> = (HashMap<String, BTreeSet<String>>, HashSet<&'a str>, BTreeSet<&'a str>);
        let (surnames, standalone, multi) = docs
            .par_iter()
            .fold(Found::default, |(mut surnames, mut standalone, mut multi), d| {
                for p in &d.persons {
                    let Some(last) = p.words.last() else { continue };
                    let first = match &p.words[..] {
                        [first, _, ..] => first.trim_end_matches('.').to_lowercase(),
                        _ => String::new(),
                    };
                    surnames.entry(last.to_lowercase()).or_default().insert(first);
                }
                for n in &d.names {
                    if !n.contains(' ') {
                        standalone.insert(&**n);
                    } else {
                        multi.insert(&**n);
                    }
                }
                (surnames, standalone, multi)
            })
            .reduce(Found::default, |mut a, b| {
                for (k, v) in b.0 {
                    a.0.entry(k).or_default().extend(v);
                }
                a.1.extend(b.1);
                a.2.extend(b.2);
                a
            });
        // A surname names one person only when the first names written with
        // it can all be one person's ("Matthew Silva", "Matt Silva", "M.
        // Silva"): "Nebi Jikteic" and "Gymtos Jikteic" are two people, each
        // known by the full name (ambiguous is dropped, never guessed).
        let surnames = surnames.into_iter().filter(|(_, firsts)| one_person(firsts)).map(|(k, _)| k).collect();
        // A last word that stands alone is the one name of the corpus
        // ending with it ("Lyonnais" for "Olympique Lyonnais"), or none:
        // "the News" is not at once "Anchorage Daily News" and "CNN News".
        let mut endings: HashMap<&str, usize> = HashMap::default();
        for n in &multi {
            if let Some((_, last)) = n.rsplit_once(' ') {
                *endings.entry(last).or_default() += 1;
            }
        }
        let standalone = standalone.into_iter().filter(|w| endings.get(w).is_none_or(|&k| k == 1)).collect();
        let mut acronyms: HashMap<String, Option<&str>> = HashMap::default();
        for n in multi.into_iter().filter(|n| n.split(' ').count() >= 3) {
            let initials: String = n.split(' ').filter_map(|w| w.chars().next()).collect();
            let slot = acronyms.entry(initials).or_insert(Some(n));
            if *slot != Some(n) {
                *slot = None; // two names share the initials: neither is meant
            }
        }
        PartyNames { surnames, standalone, acronyms }
    }

    /// One key per party across the corpus: "mateo silva" is "silva" once the
    /// corpus knows Silva as a person, as a surname alone links to the full
    /// name; a long name whose last word stands alone elsewhere goes by it.
    fn key(&self, k: &str) -> String {
        // An acronym stands for the one long name with its initials.
        if let Some(Some(full)) = self.acronyms.get(k).filter(|_| !k.contains(' ') && self.standalone.contains(k)) {
            return self.key(full);
        }
        match k.rsplit_once(' ') {
            Some((_, last)) if self.surnames.contains(last) || self.standalone.contains(last) => last.to_string(),
            _ => k.to_string(),
        }
    }

    fn canonical(&self, s: &EventSig) -> EventSig {
        // A person's own claims (an age) keep the full name: a surname is
        // a family's.
        if s.class == "person" {
            return s.clone();
        }
        EventSig { participants: s.participants.iter().map(|p| self.key(p)).collect(), ..s.clone() }
    }
}

/// Whether first names written with one surname can all be one person's:
/// any two are equal, or one is an initial or the start of the other
/// ("m", "matt", "matthew"). Many first names are many people.
fn one_person(firsts: &BTreeSet<String>) -> bool {
    let named: Vec<&str> = firsts.iter().map(String::as_str).filter(|f| !f.is_empty()).collect();
    if named.len() > 8 {
        return false;
    }
    let compatible = |a: &str, b: &str| {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        long.starts_with(short) && (short.chars().count() == 1 || short.chars().count() >= 3)
    };
    named.iter().enumerate().all(|(i, a)| named[i + 1..].iter().all(|b| compatible(a, b)))
}

/// Every name of the corpus that stands for the same party as one of
/// `names` (a surname for its full name, an acronym for its long name),
/// with the names themselves.
pub fn aliases<'a>(docs: &'a [DocExtraction], names: &[&'a str]) -> Vec<(&'a str, String)> {
    let parties = PartyNames::new(docs);
    let wanted: HashMap<String, Vec<&str>> = names.iter().fold(HashMap::default(), |mut m, n| {
        m.entry(parties.key(n)).or_default().push(n);
        m
    });
    let mut out: Vec<(&str, String)> = names.iter().map(|n| (*n, n.to_string())).collect();
    // Each distinct name once, in order; its key found in parallel (an
    // archive names the same parties in thousands of documents).
    let all: HashSet<&str> = docs.iter().flat_map(|d| d.names.iter().map(|n| &**n)).collect();
    let mut all: Vec<&str> = all.into_iter().collect();
    all.sort_unstable();
    let found: Vec<Vec<(&str, String)>> = all
        .par_iter()
        .map(|name| match wanted.get(&parties.key(name)) {
            Some(of) => of.iter().map(|n| (*n, name.to_string())).collect(),
            None => Vec::new(),
        })
        .collect();
    out.extend(found.into_iter().flatten());
    out
}

/// Give every claim of every document its subject id.
pub fn resolve(docs: &[DocExtraction]) -> Vec<Vec<Fact>> {
    let names = PartyNames::new(docs);
    // A subject repeats across an archive's claims: each distinct one is
    // made canonical once (in parallel), and each distinct canonical
    // signature resolved once.
    let mut raw: Vec<&EventSig> = Vec::new();
    let mut raw_place: HashMap<&EventSig, usize> = HashMap::default();
    for c in docs.iter().flat_map(|d| &d.claims) {
        raw_place.entry(&c.subject).or_insert_with(|| {
            raw.push(&c.subject);
            raw.len() - 1
        });
    }
    let raw_canonical: Vec<EventSig> = raw.par_iter().map(|s| names.canonical(s)).collect();
    let mut distinct: Vec<&EventSig> = raw_canonical.iter().collect::<HashSet<_>>().into_iter().collect();
    distinct.par_sort_unstable();
    let place: HashMap<&EventSig, usize> = distinct.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    // Each distinct raw subject's place in `distinct`.
    let canonical_of: Vec<usize> = raw_canonical.iter().map(|c| place[c]).collect();
    let resolver = EventResolver::new(&distinct);
    let answers: Vec<Option<(String, EventSig)>> =
        distinct.par_iter().map(|sig| resolver.resolve(sig).map(|s| (event_id(&s), s))).collect();
    // Per claim, its answer's place in `answers` (no copy of it).
    let resolved: Vec<Vec<Option<usize>>> = docs
        .par_iter()
        .map(|d| {
            d.claims
                .iter()
                .map(|c| {
                    let i = canonical_of[raw_place[&c.subject]];
                    answers[i].is_some().then_some(i)
                })
                .collect()
        })
        .collect();
    // Display names: the most frequent head noun per id, with the signature.
    let mut heads: HashMap<&str, BTreeMap<&str, usize>> = HashMap::default();
    for (d, r) in docs.iter().zip(&resolved) {
        for (c, &at) in d.claims.iter().zip(r) {
            if let Some((id, _)) = at.and_then(|i| answers[i].as_ref()) {
                *heads.entry(id.as_str()).or_default().entry(c.subject_head.as_str()).or_default() += 1;
            }
        }
    }
    let head_of: HashMap<&str, &str> = heads
        .iter()
        .filter_map(|(id, h)| h.iter().max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k))).map(|(k, _)| (*id, *k)))
        .collect();
    docs.par_iter()
        .zip(resolved)
        .enumerate()
        .map(|(doc, (d, r))| {
            d.claims
                .iter()
                .zip(r)
                .filter_map(|(c, at)| {
                    let (id, sig) = answers[at?].as_ref()?;
                    let head = head_of.get(id.as_str()).copied();
                    let name = display_name(sig, head.unwrap_or(&sig.class), c);
                    Some(to_fact(doc, c, id.clone(), name))
                })
                .collect()
        })
        .collect()
}

impl Fact {
    /// Said as a fact, not as a possibility or a plan: hedged and forecast
    /// claims never take part in a contradiction.
    pub fn asserted(&self) -> bool {
        self.claim.modality == Modality::Asserted
    }

    /// Asserted and not negated.
    pub fn affirmed(&self) -> bool {
        self.asserted() && self.claim.polarity == Polarity::Positive
    }
}

fn to_fact(doc: usize, c: &std::sync::Arc<RawClaim>, subject: String, subject_name: String) -> Fact {
    Fact { doc, subject, subject_name, claim: std::sync::Arc::clone(c) }
}

pub fn event_id(s: &EventSig) -> String {
    if let Some(p) = &s.pack_id {
        return p.clone();
    }
    let mut id = s.class.clone();
    if !s.participants.is_empty() {
        id.push(':');
        id.push_str(&s.participants.iter().cloned().collect::<Vec<_>>().join("+"));
    }
    if let Some(p) = &s.place {
        id.push('@');
        id.push_str(&p.replace(' ', "-"));
    }
    id
}

pub(crate) fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn display_name(s: &EventSig, head: &str, c: &RawClaim) -> String {
    if s.pack_id.is_some() {
        return c.subject_label.clone();
    }
    // Days key subjects that are not known events ("on 2025-03-11").
    let (days, parties): (Vec<&String>, Vec<&String>) = s.participants.iter().partition(|p| p.starts_with("on "));
    let ps: Vec<String> = parties.iter().map(|p| title_case(p)).collect();
    // A past act read from the parse is its verb and object, by whom:
    // "\"serve notice\" by Harbour Union".
    if s.class.starts_with("act:") {
        let mut name = format!("\"{head}\"");
        if !ps.is_empty() {
            name.push_str(" by ");
            name.push_str(&ps.join(" and "));
        }
        return name;
    }
    // A named subject is its name ("Lee", not "the ann of Lee").
    let named = matches!(s.class.as_str(), "entity" | "person");
    let mut name = if named && !ps.is_empty() { ps.join(" and ") } else { format!("the {head}") };
    if !named && !ps.is_empty() {
        name.push_str(" of ");
        name.push_str(&ps.join(" and "));
    }
    for d in days {
        name.push(' ');
        name.push_str(d);
    }
    if let Some(p) = &s.place {
        name.push_str(" in ");
        name.push_str(&title_case(p));
    }
    name
}

/// Signature to its most specific extension, with inverted indexes so that
/// only signatures sharing a participant or place are compared. Pack events
/// claim the generic signatures their names carry: once "Keller-Varga conference"
/// is a pack name, "the conference in Oslo" resolves to the pack's id too.
pub struct EventResolver {
    sigs: Vec<EventSig>,
    /// Per signature: nothing extends it.
    maximal: Vec<bool>,
    by_participant: HashMap<(String, String), Vec<usize>>,
    by_place: HashMap<(String, String), Vec<usize>>,
    /// Noun-phrase classes ("np:recount") to their informative signatures.
    by_class: HashMap<String, Vec<usize>>,
    /// Generic signature -> pack id (only where one pack id claims it).
    packs: HashMap<EventSig, Option<String>>,
}

fn generic(s: &EventSig) -> EventSig {
    EventSig { pack_id: None, ..s.clone() }
}

impl EventResolver {
    pub fn new(all: &[&EventSig]) -> EventResolver {
        let mut sigs: Vec<EventSig> = all.iter().map(|s| generic(s)).filter(|s| s.informative()).collect();
        sigs.sort();
        sigs.dedup();
        let mut by_participant: HashMap<(String, String), Vec<usize>> = HashMap::default();
        let mut by_place: HashMap<(String, String), Vec<usize>> = HashMap::default();
        let mut by_class: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, s) in sigs.iter().enumerate() {
            if s.class.starts_with("np:") {
                by_class.entry(s.class.clone()).or_default().push(i);
            }
            for p in &s.participants {
                by_participant.entry((s.class.clone(), p.clone())).or_default().push(i);
            }
            if let Some(pl) = &s.place {
                by_place.entry((s.class.clone(), pl.clone())).or_default().push(i);
            }
        }
        let mut r =
            EventResolver { sigs, maximal: Vec::new(), by_participant, by_place, by_class, packs: HashMap::default() };
        r.maximal = (0..r.sigs.len()).into_par_iter().map(|i| r.extenders(&r.sigs[i]).is_empty()).collect();
        let mut packs: HashMap<EventSig, Option<String>> = HashMap::default();
        for s in all.iter().filter(|s| s.pack_id.is_some()) {
            let g = generic(s);
            let mut keys = vec![g.clone()];
            if let Some(m) = r.resolve_generic(&g) {
                keys.push(m);
            }
            for k in keys.into_iter().filter(|k| k.informative()) {
                let slot = packs.entry(k).or_insert_with(|| s.pack_id.clone());
                if *slot != s.pack_id {
                    *slot = None; // two packs claim it: no one does
                }
            }
        }
        r.packs = packs;
        r
    }

    /// Signatures that strictly extend `s`.
    fn extenders(&self, s: &EventSig) -> Vec<usize> {
        // Every extender is in the posting of each of its participants and
        // of its place: the shortest one is enough.
        let empty = Vec::new();
        let mut lists: Vec<&Vec<usize>> = s
            .participants
            .iter()
            .map(|p| self.by_participant.get(&(s.class.clone(), p.clone())).unwrap_or(&empty))
            .collect();
        if let Some(pl) = &s.place {
            lists.push(self.by_place.get(&(s.class.clone(), pl.clone())).unwrap_or(&empty));
        }
        let postings = lists.into_iter().min_by_key(|l| l.len()).unwrap_or(&empty);
        postings
            .iter()
            .copied()
            .filter(|&i| {
                let m = &self.sigs[i];
                m != s && s.participants.is_subset(&m.participants) && (s.place.is_none() || s.place == m.place)
            })
            .collect()
    }

    fn resolve_generic(&self, s: &EventSig) -> Option<EventSig> {
        if !s.informative() {
            // "the recount" in a document that never names it is the one
            // named recount of the corpus, if there is exactly one.
            if !s.class.starts_with("np:") {
                return None;
            }
            let of_class = self.by_class.get(&s.class)?;
            let maximal: Vec<usize> =
                of_class.iter().copied().filter(|&i| self.maximal.get(i).copied().unwrap_or(false)).collect();
            return match maximal.as_slice() {
                [one] => Some(self.sigs[*one].clone()),
                _ => None,
            };
        }
        let ext = self.extenders(s);
        if ext.is_empty() {
            return Some(s.clone());
        }
        let maximal: Vec<usize> = ext.into_iter().filter(|&i| self.maximal.get(i).copied().unwrap_or(false)).collect();
        match maximal.as_slice() {
            [one] => Some(self.sigs[*one].clone()),
            _ => None,
        }
    }

    /// The signature `s` stands for, or `None` when it is ambiguous.
    pub fn resolve(&self, s: &EventSig) -> Option<EventSig> {
        if let Some(id) = &s.pack_id {
            return Some(EventSig { pack_id: Some(id.clone()), ..generic(s) });
        }
        let g = generic(s);
        let pack_of = |k: &EventSig| self.packs.get(k).cloned().flatten();
        if let Some(id) = pack_of(&g) {
            return Some(EventSig { pack_id: Some(id), ..g });
        }
        let r = self.resolve_generic(&g)?;
        match pack_of(&r) {
            Some(id) => Some(EventSig { pack_id: Some(id), ..r }),
            None => Some(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::PersonMention;

    fn doc_naming(people: &[&str]) -> DocExtraction {
        DocExtraction {
            persons: people
                .iter()
                .map(|p| PersonMention {
                    span: crate::text::Span::new(0, 0),
                    words: p.split(' ').map(String::from).collect(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_surname_keys_one_person_only() {
        // One person written three ways: the surname is the key.
        let docs = [doc_naming(&["Matthew Silva"]), doc_naming(&["Matt Silva", "Silva"]), doc_naming(&["M. Silva"])];
        let names = PartyNames::new(&docs);
        assert_eq!(names.key("matthew silva"), "silva");
        assert_eq!(names.key("m. silva"), "silva");
        // Two first names with one initial are still two people.
        let docs = [doc_naming(&["Mollam Zydisen"]), doc_naming(&["Mexbi Zydisen"])];
        assert_eq!(PartyNames::new(&docs).key("mollam zydisen"), "mollam zydisen");
        // Two sisters: each goes by her full name, and the surname alone by
        // itself, meeting neither.
        let docs = [doc_naming(&["Ilse Marrick"]), doc_naming(&["Greta Marrick"])];
        let names = PartyNames::new(&docs);
        assert_eq!(names.key("ilse marrick"), "ilse marrick");
        assert_eq!(names.key("greta marrick"), "greta marrick");
        assert_eq!(names.key("marrick"), "marrick");
    }

    fn sig(ps: &[&str], place: Option<&str>) -> EventSig {
        EventSig {
            class: "meeting".into(),
            participants: ps.iter().map(|s| s.to_string()).collect(),
            place: place.map(String::from),
            pack_id: None,
        }
    }

    #[test]
    fn partial_signatures_join_their_unique_extension() {
        let full = sig(&["keller", "varga"], Some("oslo"));
        let other = sig(&["keller", "varga"], Some("bergen"));
        let place_only = sig(&[], Some("oslo"));
        let people_only = sig(&["keller", "varga"], None);
        let all = [&full, &other, &place_only, &people_only];
        let r = EventResolver::new(&all);
        assert_eq!(r.resolve(&place_only), Some(full.clone()));
        assert_eq!(r.resolve(&full), Some(full.clone()));
        // Two meetings of the same pair: ambiguous, no guess.
        assert_eq!(r.resolve(&people_only), None);
    }

    #[test]
    fn pack_names_claim_generic_signatures() {
        let mut pack = sig(&["keller", "varga"], Some("oslo"));
        pack.pack_id = Some("oslo-conference".into());
        let place_only = sig(&[], Some("oslo"));
        let all = [&pack, &place_only];
        let r = EventResolver::new(&all);
        assert_eq!(r.resolve(&place_only).and_then(|s| s.pack_id), Some("oslo-conference".to_string()));
    }
}
