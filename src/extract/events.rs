//! Event mentions: a head noun ("conference", "phone call") or verb ("met")
//! of an event class, with the participants and place found around it.
//!
//! "that Keller-Varga conference in Oslo" gives class `meeting`,
//! participants {keller, varga}, place `oslo`. A definite mention with
//! nothing around it ("the call") takes the signature of the last mention of
//! the same head (else class) in the document; an indefinite one ("a
//! meeting") stays unresolved and supports no claim.

use super::names::NameRun;
use crate::text::tokens::{Kind, Token};
use crate::text::{Span, WordSet};
use std::collections::{BTreeSet, HashMap};

/// A small set of names kept as a sorted list without duplicates: it
/// orders, hashes and serialises as a `BTreeSet<String>` does, and a
/// signature's two or three names cost a few strings, not a tree node
/// with room for eleven.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct NameSet(Vec<String>);

impl NameSet {
    pub fn new() -> NameSet {
        NameSet(Vec::new())
    }

    /// Adds `name`; false when it was there already.
    pub fn insert(&mut self, name: String) -> bool {
        match self.0.binary_search(&name) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, name);
                true
            }
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.0.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether every name of `self` is in `other`.
    pub fn is_subset(&self, other: &NameSet) -> bool {
        self.0.iter().all(|n| other.contains(n))
    }
}

impl FromIterator<String> for NameSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> NameSet {
        let mut v: Vec<String> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        NameSet(v)
    }
}

impl Extend<String> for NameSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, iter: I) {
        self.0.extend(iter);
        self.0.sort_unstable();
        self.0.dedup();
    }
}

impl<'a> IntoIterator for &'a NameSet {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl std::fmt::Debug for NameSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(&self.0).finish()
    }
}

/// Read as a set is: any order, duplicates dropped.
impl<'de> serde::Deserialize<'de> for NameSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<NameSet, D::Error> {
        Ok(Vec::<String>::deserialize(d)?.into_iter().collect())
    }
}

/// What identifies an event across documents.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct EventSig {
    pub class: String,
    /// Surnames, lowercased.
    pub participants: NameSet,
    /// Lowercased place name.
    pub place: Option<String>,
    /// A pack entity id, when a pack names the event.
    pub pack_id: Option<String>,
}

impl EventSig {
    pub fn informative(&self) -> bool {
        self.pack_id.is_some() || !self.participants.is_empty() || self.place.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct EventMention {
    pub span: Span,
    pub head: String,
    pub sig: EventSig,
    pub definite: bool,
    pub verb: bool,
    /// Whether the signature is known (informative, or resolved by anaphora).
    pub resolved: bool,
    /// Display words: participants and place as written.
    pub label: String,
}

const DETERMINERS: [&str; 16] = [
    "the", "a", "an", "that", "this", "these", "those", "any", "another", "some", "his", "her", "their", "its", "my",
    "our",
];
const DEFINITE: [&str; 11] = ["the", "that", "this", "these", "those", "his", "her", "their", "its", "my", "our"];
const STOP_BACK: [&str; 18] = [
    "for",
    "of",
    "in",
    "on",
    "at",
    "to",
    "with",
    "between",
    "towards",
    "toward",
    "about",
    "after",
    "before",
    "following",
    "from",
    "by",
    "and",
    "or",
];

/// Context the mention finder needs about the sentence.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub names: &'a [NameRun],
    /// Lowercased surnames of people known in this document.
    pub persons: &'a WordSet,
    /// Lowercased names seen after "in"/"at" in this document: places.
    pub places: &'a WordSet,
    pub titles: &'a WordSet,
    /// Nouns for premises, read through to the place ("the offices of X").
    pub premises: &'a WordSet,
    /// Spans of time expressions, skipped when reading a noun phrase.
    pub times: &'a [Span],
}

impl Ctx<'_> {
    fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= offset)
    }

    fn name_at_token(&self, k: usize) -> Option<&NameRun> {
        self.names.iter().find(|n| n.first_token <= k && k <= n.last_token)
    }

    fn is_person(&self, n: &NameRun) -> bool {
        self.persons.contains(&n.surname()) || (n.words.len() >= 2 && n.titled)
    }

    fn is_place(&self, n: &NameRun) -> bool {
        !self.is_person(n) && self.places.contains(&n.full().to_lowercase())
    }

    /// The key a party to an event goes by: a person's surname, else the
    /// whole name ("norvik labs").
    fn party_key(&self, n: &NameRun) -> String {
        if self.is_person(n) {
            n.surname()
        } else {
            n.full().to_lowercase()
        }
    }

    /// A name directly followed by a role word or a person is part of a
    /// title ("German leader Tomas Varga"), not a party.
    fn is_title_part(&self, n: &NameRun) -> bool {
        let next = n.last_token + 1;
        self.tokens.get(next).and_then(|t| t.word()).is_some_and(|w| self.titles.contains(w))
            || self.name_at_token(next).is_some_and(|m| self.is_person(m))
    }

    /// The place named by "in X" / "at (the) X" starting at token `k`.
    fn place_at(&self, k: usize, clause: Span) -> Option<&NameRun> {
        let word = |j: usize| self.tokens.get(j).filter(|t| t.end <= clause.end).and_then(|t| t.word());
        if !matches!(word(k), Some("in" | "at")) {
            return None;
        }
        let the = |j: usize| if word(j) == Some("the") { j + 1 } else { j };
        let mut p = the(k + 1);
        if word(p).is_some_and(|w| self.premises.contains(w)) && word(p + 1) == Some("of") {
            p = the(p + 2);
        }
        self.name_at_token(p).filter(|n| !self.is_person(n) && n.first_token == p)
    }

    fn in_time(&self, t: &Token) -> bool {
        self.times.iter().any(|s| s.start <= t.start && t.end <= s.end)
    }
}

/// Whether the words before a name (`before(1)` the nearest) put it where
/// something happens: "in X", "at the X", "at the offices of the X".
pub fn after_place_preposition<'w>(before: impl Fn(usize) -> Option<&'w str>, premises: &WordSet) -> bool {
    let mut d = 1;
    let skip_the = |d: &mut usize| {
        if before(*d) == Some("the") {
            *d += 1;
        }
    };
    skip_the(&mut d);
    if before(d) == Some("of") && before(d + 1).is_some_and(|w| premises.contains(w)) {
        d += 2;
        skip_the(&mut d);
    }
    matches!(before(d), Some("in" | "at"))
}

/// A noun mention at `head`, reading its modifiers within `clause`.
pub fn noun_mention(cx: &Ctx, head: Span, head_text: &str, class: &str, clause: Span) -> EventMention {
    let mut participants = BTreeSet::new();
    let mut labels: Vec<String> = Vec::new();
    let mut place: Option<String> = None;
    let mut definite = false;
    // Pre-modifiers, right to left.
    let h = cx.token_at(head.start);
    let mut k = h;
    let mut steps = 0;
    let mut possessive_chain = false;
    while k > 0 && steps < 8 {
        let t = &cx.tokens[k - 1];
        if t.start < clause.start {
            break;
        }
        match &t.kind {
            Kind::Word { text: w, cap } => {
                if DETERMINERS.contains(&w.as_str()) {
                    definite = DEFINITE.contains(&w.as_str());
                    break;
                }
                if !cap && (STOP_BACK.contains(&w.as_str()) && w != "and") {
                    break;
                }
                if w == "s" && k >= 2 && cx.tokens[k - 2].is_punct('\'') {
                    // A possessive: "Berg's call", "today's call".
                    definite = true;
                }
                if *cap {
                    if let Some(n) = cx.name_at_token(k - 1) {
                        // A possessive before the head names a party to it:
                        // "Berg and Hart's phone conversation".
                        if cx.is_place(n) && !n.possessive && !possessive_chain {
                            if place.is_none() {
                                place = Some(n.full().to_lowercase());
                                labels.push(n.full());
                            }
                        } else if !cx.is_title_part(n) || n.possessive {
                            participants.insert(cx.party_key(n));
                            labels.push(n.words.last().cloned().unwrap_or_default());
                        }
                        possessive_chain = possessive_chain || n.possessive;
                        k = n.first_token;
                        steps += 1;
                        continue;
                    }
                }
            }
            Kind::Punct('-' | '\'') => {}
            Kind::Num { .. } => {}
            Kind::Punct(_) => break,
        }
        k -= 1;
        steps += 1;
    }
    // Post-modifiers: "between X and Y", "with X", then "in/at PLACE".
    let mut j = cx.token_at(head.end);
    let skip_time = |j: &mut usize| {
        while *j < cx.tokens.len() && cx.in_time(&cx.tokens[*j]) {
            *j += 1;
        }
    };
    skip_time(&mut j);
    let word = |j: usize| cx.tokens.get(j).filter(|t| t.end <= clause.end).and_then(|t| t.word());
    if matches!(word(j), Some("between" | "with" | "involving" | "of" | "to" | "from")) {
        let strict_names = word(j) == Some("between");
        j += 1;
        while j < cx.tokens.len() && cx.tokens[j].end <= clause.end {
            let t = &cx.tokens[j];
            if let Some(n) = cx.name_at_token(j) {
                if cx.is_person(n) || (strict_names && n.words.len() >= 2) {
                    participants.insert(n.surname());
                    labels.push(n.words.last().cloned().unwrap_or_default());
                } else if !cx.is_place(n) && !cx.is_title_part(n) {
                    participants.insert(cx.party_key(n));
                    labels.push(n.full());
                }
                j = n.last_token + 1;
                continue;
            }
            let ok = match &t.kind {
                Kind::Word { text: w, cap } => {
                    *cap || matches!(w.as_str(), "and" | "of" | "the" | "s") || cx.titles.contains(w)
                }
                Kind::Punct('\'' | '-' | '.') => true,
                _ => false,
            };
            if !ok && !cx.in_time(t) {
                break;
            }
            j += 1;
        }
        skip_time(&mut j);
    }
    if let Some(n) = cx.place_at(j, clause) {
        place = Some(n.full().to_lowercase());
        labels.push(format!("in {}", n.full()));
    }
    mention(
        head,
        head_text,
        EventSig { class: class.to_string(), participants: participants.into_iter().collect(), place, pack_id: None },
        definite,
        false,
        labels,
    )
}

fn mention(span: Span, head: &str, sig: EventSig, definite: bool, verb: bool, labels: Vec<String>) -> EventMention {
    let resolved = sig.informative();
    EventMention { span, head: head.to_lowercase(), sig, definite, verb, resolved, label: labels.join(" ") }
}

/// A verb mention ("Keller and Varga met in Bergen", "met with X"):
/// participants are the people before the verb in its clause and right after it.
pub fn verb_mention(cx: &Ctx, verb: Span, verb_text: &str, class: &str, clause: Span) -> EventMention {
    let mut participants = BTreeSet::new();
    let mut labels = Vec::new();
    for n in cx.names.iter().filter(|n| n.span.start >= clause.start && n.span.end <= verb.start) {
        if cx.is_person(n) {
            participants.insert(n.surname());
            labels.push(n.words.last().cloned().unwrap_or_default());
        }
    }
    let mut j = cx.token_at(verb.end);
    let word = |j: usize| cx.tokens.get(j).filter(|t| t.end <= clause.end).and_then(|t| t.word());
    if word(j) == Some("with") {
        j += 1;
    }
    // Object: the first person within a few role words.
    let mut steps = 0;
    while j < cx.tokens.len() && steps < 6 && cx.tokens[j].end <= clause.end {
        if let Some(n) = cx.name_at_token(j) {
            if cx.is_person(n) || (!cx.is_place(n) && !cx.is_title_part(n)) {
                participants.insert(cx.party_key(n));
                labels.push(n.full());
            }
            break;
        }
        match cx.tokens[j].word() {
            Some(w)
                if cx.titles.contains(w) || cx.tokens[j].capitalised() || w == "the" || w == "its" || w == "their" => {}
            _ => break,
        }
        j += 1;
        steps += 1;
    }
    // Place: "in X" / "at (the) X" anywhere after the verb in the clause.
    let place = (cx.token_at(verb.end)..cx.tokens.len())
        .take_while(|&m| cx.tokens[m].end <= clause.end)
        .find_map(|m| cx.place_at(m, clause))
        .map(|n| {
            labels.push(format!("in {}", n.full()));
            n.full().to_lowercase()
        });
    mention(
        verb,
        verb_text,
        EventSig { class: class.to_string(), participants: participants.into_iter().collect(), place, pack_id: None },
        false,
        true,
        labels,
    )
}

/// Give definite, uninformative mentions the signature of the last resolved
/// mention with the same head, else the same class (a verb too: "X and Y
/// met at Z ... the session had gone nowhere"), earlier in the document.
pub fn resolve_anaphora(mentions: &mut [EventMention]) {
    // The last resolved mention by head (nouns) and by class (nouns and
    // verbs), kept as the document is read: one pass, not a scan back per
    // mention.
    type Antecedent = (EventSig, String);
    let mut by_head: HashMap<String, Antecedent> = HashMap::new();
    let mut by_class: HashMap<String, Antecedent> = HashMap::new();
    for m in mentions.iter_mut() {
        if !m.resolved && m.definite {
            let pick = by_head.get(&m.head).or_else(|| by_class.get(&m.sig.class)).cloned();
            if let Some((sig, label)) = pick {
                m.sig = sig;
                m.label = label;
                m.resolved = true;
            }
        }
        if m.resolved {
            if !m.verb {
                by_head.insert(m.head.clone(), (m.sig.clone(), m.label.clone()));
            }
            by_class.insert(m.sig.class.clone(), (m.sig.clone(), m.label.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_set_behaves_as_a_btree_set() {
        let words = ["varga", "keller", "varga", "abe"];
        let tree: BTreeSet<String> = words.iter().map(|w| w.to_string()).collect();
        let mut set = NameSet::new();
        for w in words {
            set.insert(w.to_string());
        }
        assert!(set.iter().eq(tree.iter()));
        assert_eq!(set, words.iter().map(|w| w.to_string()).collect::<NameSet>());
        assert!(set.contains("keller") && !set.contains("kell"));
        let two: NameSet = ["abe", "varga"].iter().map(|w| w.to_string()).collect();
        assert!(two.is_subset(&set) && !set.is_subset(&two));
        assert!(NameSet::new().is_subset(&two));
        // Ordered, serialised and shown as the set it replaces.
        let other: BTreeSet<String> = ["abe", "zed"].iter().map(|w| w.to_string()).collect();
        let other_set: NameSet = other.iter().cloned().collect();
        assert_eq!(set.cmp(&other_set), tree.cmp(&other));
        assert_eq!(serde_json::to_string(&set).unwrap(), serde_json::to_string(&tree).unwrap());
        assert_eq!(format!("{set:?}"), format!("{tree:?}"));
        let back: NameSet = serde_json::from_str(r#"["varga","abe","varga"]"#).unwrap();
        assert_eq!(back, two);
    }

    fn place_intro(before_name: &str) -> bool {
        let words: Vec<&str> = before_name.split(' ').rev().collect();
        let premises: WordSet = ["offices", "headquarters"].iter().map(|s| s.to_string()).collect();
        after_place_preposition(|d| words.get(d - 1).copied(), &premises)
    }

    #[test]
    fn a_place_is_read_through_premises() {
        assert!(place_intro("met in"));
        assert!(place_intro("met at the"));
        assert!(place_intro("met at the offices of the"));
        assert!(place_intro("met at headquarters of"));
        assert!(!place_intro("a letter to the offices of the"));
        assert!(!place_intro("met the"));
        assert!(!place_intro("the chair of the"));
    }
}
