//! States read from the parse: the packs' `states:` tables map a clause's
//! predicate, as [`super::open`] writes it ("call off", "be on hold",
//! "remain closed", "reopen"), to a value of a label predicate (`status`:
//! `cancelled`, `on_hold`, `closed`, `open`). The state holds of the
//! verb's object when it has one ("the board halted the count"), else of
//! its subject ("the count was halted", "the road reopened").
//!
//! Parsing is the costliest stage, so a clause is parsed for states only
//! when it holds a word form of every content word of some state phrase
//! ([`StateLexicon::candidate`]).

use super::open::{NounPhrase, OpenClaim};
use crate::language::Model;
use crate::rules::{RuleSet, ValueType};
use crate::text::{WordMap, WordSet};
use std::collections::{HashMap, HashSet};

/// The most words between two words of one state phrase ("called the
/// 48-hour strike off").
const MAX_GAP: usize = 4;

/// Every `states:` phrase of the packs, by predicate string.
#[derive(Default)]
pub struct StateLexicon {
    /// Predicate string -> (pack predicate, value).
    by_phrase: WordMap<(String, String)>,
    /// Lowercased word form -> the phrases (by number) one of whose content
    /// words it is a form of, with the word's position in the phrase.
    forms: WordMap<Vec<(u32, u8)>>,
    /// Per phrase: how many content words it has.
    widths: Vec<u8>,
    /// Per phrase: whether it is a copula with its state ("be on hold"),
    /// not a verb ("call off").
    copula: Vec<bool>,
    /// The pack predicates the table gives values of.
    predicates: WordSet,
}

impl StateLexicon {
    pub fn new(rules: &RuleSet, model: Option<&Model>) -> StateLexicon {
        let mut lx = StateLexicon::default();
        let Some(model) = model else { return lx };
        for (name, p) in &rules.predicates {
            if !matches!(p.value_type, ValueType::Label | ValueType::Scale) {
                continue;
            }
            for (value, phrases) in &p.states {
                for phrase in phrases {
                    let phrase = phrase.trim().to_lowercase();
                    if lx.by_phrase.contains_key(&phrase) {
                        continue;
                    }
                    let id = lx.widths.len() as u32;
                    // Every word but the copula must be in the clause: the
                    // verb in any of its forms, the rest (particle, state,
                    // noun) as written.
                    let bare = phrase.trim_end_matches(" (passive)");
                    let copula = bare.starts_with("be ");
                    let words: Vec<&str> = bare.split(' ').filter(|w| *w != "be").collect();
                    for (k, w) in words.iter().enumerate() {
                        let mut forms: HashSet<String> = HashSet::new();
                        if k == 0 && !copula {
                            forms.extend(model.lemmas.forms_of(w));
                        }
                        forms.insert(w.to_string());
                        for f in forms {
                            lx.forms.entry(f).or_default().push((id, k as u8));
                        }
                    }
                    lx.widths.push(words.len().min(255) as u8);
                    lx.copula.push(copula);
                    lx.by_phrase.insert(phrase, (name.clone(), value.clone()));
                    lx.predicates.insert(name.clone());
                }
            }
        }
        lx
    }

    /// Whether some state of the table is a value of `predicate`.
    pub fn has_predicate(&self, predicate: &str) -> bool {
        self.predicates.contains(predicate)
    }

    pub fn is_empty(&self) -> bool {
        self.widths.is_empty()
    }

    /// Whether the lowercased words of a clause hold every content word of
    /// some state phrase.
    pub fn candidate<'a>(&self, words: impl Iterator<Item = &'a str>) -> bool {
        if self.is_empty() {
            return false;
        }
        self.holds_phrase(words, |_, _| true, |_| true)
    }

    /// Whether a tagged clause holds a state phrase used as one: its words
    /// in order, as [`StateLexicon::candidate`] finds them, and
    /// - the first a verb for a verb's phrase ("called off"), and for a
    ///   copula's no noun, name or number ("the call", "a pause");
    /// - a later word after a gap (a particle after the object: "called the
    ///   strike off") followed by no noun phrase of its own: "carried the
    ///   news on their front pages" is no "carry on".
    pub fn used_as_state(&self, words: &[(&str, &str)]) -> bool {
        let first = |pos: usize, copula: bool| {
            let upos = words[pos].1;
            if copula {
                !matches!(upos, "NOUN" | "PROPN" | "NUM")
            } else {
                upos == "VERB"
            }
        };
        let after_gap = |pos: usize| {
            !words.get(pos + 1).is_some_and(|(_, u)| matches!(*u, "DET" | "NOUN" | "PROPN" | "PRON" | "NUM" | "ADJ"))
        };
        self.holds_phrase(words.iter().map(|(form, _)| *form), first, after_gap)
    }

    /// The phrase matcher of [`StateLexicon::candidate`] and
    /// [`StateLexicon::used_as_state`]: per phrase, how many of its words
    /// are matched, in order, and where the last one was. The words of a
    /// phrase stand together ("is going ahead", "called the strike off",
    /// "remains in place"), not anywhere in the clause ("took place in").
    /// `first(pos, copula)` accepts a phrase's first word at `pos`;
    /// `after_gap(pos)` a later word that does not follow the one before.
    fn holds_phrase<'a>(
        &self,
        words: impl Iterator<Item = &'a str>,
        first: impl Fn(usize, bool) -> bool,
        after_gap: impl Fn(usize) -> bool,
    ) -> bool {
        let mut progress: HashMap<u32, (u8, usize)> = HashMap::new();
        let mut buf = String::new();
        for (pos, w) in words.enumerate() {
            // The tokens' words are lowercase already: copied only when not.
            let key = if w.bytes().all(|b| b.is_ascii_lowercase()) {
                w
            } else {
                buf.clear();
                buf.extend(w.chars().flat_map(char::to_lowercase));
                buf.as_str()
            };
            let Some(ps) = self.forms.get(key) else { continue };
            for &(id, k) in ps {
                let width = self.widths[id as usize];
                let copula = self.copula.get(id as usize).copied().unwrap_or(false);
                let next = match progress.get(&id) {
                    _ if k == 0 => {
                        if !first(pos, copula) {
                            continue;
                        }
                        1
                    }
                    Some(&(done, at)) if done == k && pos - at <= MAX_GAP => {
                        if pos - at > 1 && !after_gap(pos) {
                            continue;
                        }
                        k + 1
                    }
                    _ => continue,
                };
                if next >= width {
                    return true;
                }
                progress.insert(id, (next, pos));
            }
        }
        false
    }

    /// The state one parsed predicate gives, with the noun phrase it holds
    /// of: the object of an active verb, else the subject. A predicate
    /// that takes a clause ("continued to deny") states nothing of its own.
    pub fn read<'c>(&self, oc: &'c OpenClaim) -> Option<(&(String, String), &'c NounPhrase)> {
        if oc.complement {
            return None;
        }
        let state = self.state(&oc.predicate, oc.passive)?;
        let bearer = match &oc.object {
            Some(o) if !oc.passive => o,
            _ => &oc.subject,
        };
        Some((state, bearer))
    }

    /// The (predicate, value) a clause predicate states, if any; a passive
    /// one as "(passive)" first ("close (passive)": "the road was closed").
    pub fn state(&self, predicate: &str, passive: bool) -> Option<&(String, String)> {
        let p = if passive { self.by_phrase.get(&format!("{predicate} (passive)")) } else { None };
        p.or_else(|| self.by_phrase.get(predicate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::open;
    use crate::language::{embedded, Depth};
    use crate::text::Span;

    fn states(text: &str) -> Vec<(String, String, bool)> {
        let rules = crate::rules::load(&[]).expect("builtin pack");
        let m = embedded().expect("model");
        let lx = StateLexicon::new(&rules, Some(m));
        assert!(lx.candidate(text.split(|c: char| !c.is_alphanumeric())), "not a candidate: {text}");
        let s = m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse);
        open::claims(&s[0])
            .into_iter()
            .filter_map(|c| {
                let ((_, v), bearer) = lx.read(&c)?;
                Some((bearer.head.clone(), v.clone(), c.negation.is_some()))
            })
            .collect()
    }

    #[test]
    fn lifecycle_states_with_their_bearer() {
        assert_eq!(
            states("The recount was stopped on Tuesday morning."),
            [("recount".into(), "on_hold".into(), false)]
        );
        assert_eq!(states("The board halted the recount."), [("recount".into(), "on_hold".into(), false)]);
        assert_eq!(states("The strike has not been called off."), [("strike".into(), "cancelled".into(), true)]);
        assert_eq!(states("The recount is proceeding on schedule."), [("recount".into(), "ongoing".into(), false)]);
        assert_eq!(states("The highway has reopened."), [("highway".into(), "open".into(), false)]);
        assert_eq!(states("The road is closed."), [("road".into(), "closed".into(), false)]);
        assert_eq!(
            states("Production has been on hold since Monday."),
            [("production".into(), "on_hold".into(), false)]
        );
        // "continued to deny" is about denying, not a state of the minister
        assert_eq!(states("The minister continued to deny the report."), []);
    }

    #[test]
    fn plain_clauses_are_not_candidates() {
        let rules = crate::rules::load(&[]).expect("builtin pack");
        let lx = StateLexicon::new(&rules, Some(embedded().expect("model")));
        assert!(!lx.candidate("The mayor said the budget was large".split(' ')));
    }
}
