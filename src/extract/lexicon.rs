//! The rule packs' vocabulary compiled once into a single Aho-Corasick
//! automaton: every phrase of every category is one tagged pattern, and a
//! document is scanned once. Matches must sit on word boundaries; within a
//! category the longest leftmost match wins ("put on hold" over "on hold").

use crate::rules::{EntityKind, RuleSet, ValueType};
use crate::text::{Span, WordSet};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// What a vocabulary phrase means.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    /// A predicate value cue: predicate name and value label (for scales,
    /// "positive" / "negative"; for dates, "date").
    Cue {
        predicate: String,
        value: String,
    },
    EventNoun {
        class: String,
    },
    EventVerb {
        class: String,
    },
    /// A pack entity's name: index into `RuleSet::entities`.
    Entity(usize),
    Negation,
    Hedge,
    Future,
    Speech,
    Attribution,
    /// Opens a correction notice ("an earlier version of this article").
    Correction,
    /// Marks the error in a correction notice ("misstated", "incorrectly").
    CorrectionError,
}

impl Tag {
    /// Matches of one category compete for the same words; others overlap.
    /// Each predicate's cues are a category of their own: "was completed"
    /// (a date) does not hide "completed" (a status).
    fn category(&self) -> (u8, &str) {
        match self {
            Tag::Cue { predicate, .. } => (0, predicate),
            Tag::EventNoun { .. } | Tag::EventVerb { .. } => (1, ""),
            Tag::Entity(_) => (2, ""),
            Tag::Negation => (3, ""),
            Tag::Hedge => (4, ""),
            Tag::Future => (5, ""),
            Tag::Speech => (6, ""),
            Tag::Attribution => (7, ""),
            Tag::Correction => (8, ""),
            Tag::CorrectionError => (9, ""),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub span: Span,
    pub tag: Tag,
}

pub struct Lexicon {
    automaton: AhoCorasick,
    tags: Vec<Tag>,
    /// Patterns such as "n't" and "'ll" that attach to the word before.
    clitic: Vec<bool>,
    pub titles: WordSet,
    /// Words that make a name no person's (lowercased).
    pub not_person: WordSet,
    /// Nouns for premises ("offices", "headquarters"), lowercased.
    pub premises: WordSet,
    /// Nouns for a kind of organisation ("airline", "company"), lowercased.
    pub organisation_nouns: WordSet,
    /// Title words that are never a role on their own ("senior", "former").
    pub title_modifiers: WordSet,
    pub stopwords: WordSet,
    /// Words without content of their own ("the", "was"), lowercased.
    pub function_words: WordSet,
    pub clause_breaks: WordSet,
    pub entity_kinds: Vec<EntityKind>,
}

impl Lexicon {
    pub fn new(rules: &RuleSet) -> Lexicon {
        let mut patterns: Vec<String> = Vec::new();
        let mut tags: Vec<Tag> = Vec::new();
        let mut add = |phrase: &str, tag: Tag| {
            let p = phrase.trim();
            if p.is_empty() {
                return;
            }
            patterns.push(p.to_string());
            tags.push(tag.clone());
            // Typographic apostrophes match too.
            if p.contains('\'') {
                patterns.push(p.replace('\'', "\u{2019}"));
                tags.push(tag);
            }
        };
        for (name, pd) in &rules.predicates {
            match pd.value_type {
                ValueType::Label => {
                    for (value, cues) in &pd.values {
                        for c in cues {
                            add(c, Tag::Cue { predicate: name.clone(), value: value.clone() });
                        }
                    }
                }
                ValueType::Scale => {
                    if let Some(s) = &pd.scale {
                        for c in &s.positive {
                            add(c, Tag::Cue { predicate: name.clone(), value: "positive".into() });
                        }
                        for c in &s.negative {
                            add(c, Tag::Cue { predicate: name.clone(), value: "negative".into() });
                        }
                    }
                }
                ValueType::Date => {
                    for c in &pd.cues {
                        add(c, Tag::Cue { predicate: name.clone(), value: name.clone() });
                    }
                }
                // A number's cue is its unit noun ("journalists"), which is
                // also what its values are grouped by.
                ValueType::Number => {
                    for c in &pd.cues {
                        add(c, Tag::Cue { predicate: name.clone(), value: c.to_lowercase() });
                    }
                }
                ValueType::Open | ValueType::Place => {}
            }
        }
        for (class, ev) in &rules.events {
            for n in &ev.nouns {
                add(n, Tag::EventNoun { class: class.clone() });
            }
            for v in &ev.verbs {
                add(v, Tag::EventVerb { class: class.clone() });
            }
        }
        for (i, e) in rules.entities.iter().enumerate() {
            for n in &e.names {
                add(n, Tag::Entity(i));
            }
        }
        let l = &rules.language;
        for w in &l.negation {
            add(w, Tag::Negation);
        }
        for w in &l.hedges {
            add(w, Tag::Hedge);
        }
        for w in &l.future {
            add(w, Tag::Future);
        }
        for w in &l.speech_verbs {
            add(w, Tag::Speech);
        }
        for w in &l.attribution {
            add(w, Tag::Attribution);
        }
        for w in &l.corrections {
            add(w, Tag::Correction);
        }
        for w in &l.correction_errors {
            add(w, Tag::CorrectionError);
        }
        let clitic = patterns
            .iter()
            .map(|p| {
                let p = p.to_lowercase();
                !p.starts_with(|c: char| c.is_alphanumeric()) || p.starts_with("n'") || p.starts_with("n\u{2019}")
            })
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("phrases were checked non-empty when the packs loaded");
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<WordSet>();
        Lexicon {
            automaton,
            tags,
            clitic,
            titles: lower(&l.titles).union(&lower(&l.title_modifiers)).cloned().collect(),
            title_modifiers: lower(&l.title_modifiers),
            stopwords: lower(&l.stopwords),
            function_words: lower(&l.function_words),
            not_person: lower(&l.not_person),
            premises: lower(&l.premises),
            organisation_nouns: lower(&l.organisation_nouns),
            clause_breaks: lower(&l.clause_breaks),
            entity_kinds: rules.entities.iter().map(|e| e.kind).collect(),
        }
    }

    /// All vocabulary hits in `text[from..]`, sorted by start, on word
    /// boundaries, longest-leftmost within each category.
    pub fn scan(&self, text: &str, from: usize) -> Vec<Hit> {
        self.scan_span(text, Span::new(from.min(text.len()), text.len()))
    }

    /// The hits of [`Lexicon::scan`] inside `text[span]` alone (one
    /// sentence): its ends are word boundaries.
    pub fn scan_span(&self, text: &str, span: Span) -> Vec<Hit> {
        let from = span.start;
        let hay = &text[span.start..span.end];
        let bytes = hay.as_bytes();
        let word_char = |i: usize| -> bool {
            // The char that ends or starts at byte i.
            hay[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric())
        };
        let starts_word = |i: usize| i == 0 || !word_char(i);
        let ends_word = |i: usize| i >= bytes.len() || !hay[i..].chars().next().is_some_and(|c| c.is_alphanumeric());
        // (start, end, pattern): tags are cloned only for the hits kept.
        let mut raw: Vec<(usize, usize, usize)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(hay) {
            let (s, e) = (m.start(), m.end());
            let pid = m.pattern().as_usize();
            if (!self.clitic[pid] && !starts_word(s)) || !ends_word(e) {
                continue;
            }
            raw.push((s, e, pid));
        }
        // Longest leftmost within a category.
        let cat = |pid: usize| self.tags[pid].category();
        raw.sort_by(|a, b| (cat(a.2), a.0, std::cmp::Reverse(a.1)).cmp(&(cat(b.2), b.0, std::cmp::Reverse(b.1))));
        let mut out: Vec<Hit> = Vec::with_capacity(raw.len());
        let mut last: Option<((u8, &str), usize)> = None;
        for (s, e, pid) in raw {
            let c = cat(pid);
            if let Some((lc, end)) = last {
                if lc == c && s < end {
                    continue;
                }
            }
            last = Some((c, e));
            out.push(Hit { span: Span::new(from + s, from + e), tag: self.tags[pid].clone() });
        }
        out.sort_by(|a, b| (a.span.start, a.span.end, &a.tag).cmp(&(b.span.start, b.span.end, &b.tag)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_cue_and_word_boundaries() {
        let rules = crate::rules::load(&[]).unwrap();
        let lx = Lexicon::new(&rules);
        let t = "Preparations were put on hold; the cancellations didn't happen, it is not cancelled.";
        let hits = lx.scan(t, 0);
        let cues: Vec<&str> =
            hits.iter().filter(|h| matches!(h.tag, Tag::Cue { .. })).map(|h| &t[h.span.start..h.span.end]).collect();
        assert!(cues.contains(&"put on hold"));
        assert!(!cues.contains(&"on hold"));
        assert!(cues.contains(&"cancelled"));
        assert!(!cues.contains(&"cancellation"), "{cues:?}");
        let neg: Vec<&str> =
            hits.iter().filter(|h| h.tag == Tag::Negation).map(|h| &t[h.span.start..h.span.end]).collect();
        assert_eq!(neg, ["n't", "not"]);
    }
}
