//! Where a past act happened, read from the parse: the proper name after
//! "in" that hangs from the act's verb ("was arrested in Leeds"), or from a
//! time phrase of the verb ("arrested on Monday in Leeds"), with the places
//! written beside it that contain it ("in San Bruno, California": San
//! Bruno lies in California). The check learns from these which place lies
//! in which (`check::places`); nothing here knows any place.

use super::open::{lower, rel};
use crate::language::{Sentence, CALENDAR};
use crate::text::Span;

/// A place read from the parse.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The name as written ("San Bruno").
    pub name: String,
    /// The name and the places after it ("San Bruno, California").
    pub span: Span,
    /// The places written after it that contain it, innermost first
    /// ("California" of "San Bruno, California").
    pub within: Vec<String>,
}

/// The place of verb `verb`: one proper name after "in", hanging from the
/// verb, its object or a time phrase of either (`is_time` tells which words are part
/// of a time expression). Two places ("in Leeds and York"), a name of a
/// time ("in March") and a name of one of the document's people are none.
pub fn place_of(
    s: &Sentence,
    text: &str,
    verb: usize,
    is_time: impl Fn(usize) -> bool,
    common_noun: impl Fn(&str) -> bool,
) -> Option<Place> {
    let mut found: Option<usize> = None;
    let mut consider = |j: usize| -> bool {
        if !is_place_head(s, j, &is_time, &common_noun) {
            return true;
        }
        if found.is_some_and(|f| f != j) {
            return false;
        }
        found = Some(j);
        true
    };
    // The parse often hangs "in Leeds" or "on Monday in Leeds" from the
    // object ("arrested the suspect in Leeds"), as it does a day.
    let object = s.children(verb).find(|(_, c)| rel(c) == "obj").map(|(j, _)| j);
    for holder in std::iter::once(verb).chain(object) {
        let own = if holder == verb { "obl" } else { "nmod" };
        for (j, w) in s.children(holder) {
            if rel(w) != own {
                continue;
            }
            if !consider(j) {
                return None;
            }
            // "arrested on Monday in Leeds": the place hangs from the day.
            if is_time(j) {
                for (k, n) in s.children(j) {
                    if rel(n) == "nmod" && !consider(k) {
                        return None;
                    }
                }
            }
        }
    }
    let head = found?;
    // "in Leeds and York": two places, no one place of the act.
    if s.children(head).any(|(_, c)| rel(c) == "conj") {
        return None;
    }
    let name = span_of(s, name_words(s, head));
    let mut span = name;
    let mut within = Vec::new();
    let mut at = head;
    // "in San Bruno, California, USA": each name after a comma, an
    // apposition or a list item of the one before, contains it.
    while let Some((k, _)) = s.children(at).find(|(k, c)| {
        *k > at && matches!(rel(c), "appos" | "list") && c.upos == "PROPN" && comma_before(s, name_words(s, *k).0)
    }) {
        let sp = span_of(s, name_words(s, k));
        within.push(text.get(sp.start..sp.end)?.to_string());
        span = span.cover(&sp);
        at = k;
    }
    Some(Place { name: text.get(name.start..name.end)?.to_string(), span, within })
}

/// Whether word `j` heads a proper name after "in" that is no time. A
/// capitalised word inside the sentence that is no common noun
/// (`common_noun` of its lower case) is a name whatever the tagger says:
/// it may take an unknown "Faktothles" for a plural noun.
fn is_place_head(
    s: &Sentence,
    j: usize,
    is_time: &impl Fn(usize) -> bool,
    common_noun: &impl Fn(&str) -> bool,
) -> bool {
    let w = &s.words[j];
    let unknown_name = || {
        j > 0
            && w.upos == "NOUN"
            && w.form.chars().next().is_some_and(char::is_uppercase)
            && !common_noun(&w.form.to_lowercase())
    };
    (w.upos == "PROPN" || unknown_name())
        && !is_time(j)
        && !CALENDAR.contains(&lower(w).as_str())
        && s.children(j).any(|(_, c)| rel(c) == "case" && c.form.eq_ignore_ascii_case("in"))
        // "in Obama's speech" is a speech; "in Smith v. Jones" no place.
        && !s.children(j).any(|(_, c)| matches!(rel(c), "case" | "nummod") && c.form != "in" && c.form != "In")
}

/// The first and last words of the name headed by `i`: the run of proper nouns around it
/// joined inside the run by `flat`, `compound` or `amod` ("San Bruno",
/// "Preston Crown Court", where "Crown" hangs from "Preston").
fn name_words(s: &Sentence, i: usize) -> (usize, usize) {
    let part = |k: usize| {
        let w = &s.words[k];
        matches!(rel(w), "flat" | "compound" | "amod") && w.upos == "PROPN"
    };
    let (mut lo, mut hi) = (i, i);
    while lo > 0 && part(lo - 1) {
        lo -= 1;
    }
    while hi + 1 < s.words.len() && part(hi + 1) {
        hi += 1;
    }
    // An edge word that hangs from outside the run is not of the name.
    loop {
        let inside = |k: usize, lo: usize, hi: usize| s.head(k).is_some_and(|h| (lo..=hi).contains(&h));
        if lo < i && !inside(lo, lo, hi) {
            lo += 1;
        } else if hi > i && !inside(hi, lo, hi) {
            hi -= 1;
        } else {
            break;
        }
    }
    (lo, hi)
}

/// The span from the first to the last of words `lo..=hi`.
fn span_of(s: &Sentence, (lo, hi): (usize, usize)) -> Span {
    s.words[lo].span.cover(&s.words[hi].span)
}

fn comma_before(s: &Sentence, i: usize) -> bool {
    i > 0 && s.words[i - 1].form == ","
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::{embedded, Depth};

    /// The place of the sentence's root verb, with "Monday" and "1980" as
    /// its times.
    fn place(text: &str) -> Option<Place> {
        let m = embedded().expect("model");
        let s = &m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse)[0];
        let verb = s.words.iter().position(|w| w.head == 0)?;
        let common = |w: &str| m.lemmas.is_known('n', &m.lemmas.lemma(w, "NOUN", "NNS", false));
        place_of(s, text, verb, |j| matches!(s.words[j].form.as_str(), "Monday" | "1980"), common)
    }

    #[test]
    fn a_place_after_in_with_the_places_that_contain_it() {
        let p = place("Marit Kowal was arrested in Leeds, England, on Monday.").expect("a place");
        assert_eq!((p.name.as_str(), p.within.as_slice()), ("Leeds", &["England".to_string()][..]));
        let p = place("The pipeline exploded in San Bruno, California, in 1980.").expect("a place");
        assert_eq!((p.name.as_str(), p.within.as_slice()), ("San Bruno", &["California".to_string()][..]));
        // Hanging from the day.
        let p = place("Police arrested the suspect on Monday in Leeds.").expect("a place");
        assert_eq!(p.name, "Leeds");
        let p = place("The case was heard in Preston Crown Court on Monday.").expect("a place");
        assert_eq!(p.name, "Preston Crown Court");
        // A name the tagger takes for a plural noun.
        let p = place("Ann Lee was born in Faktothles, Tatumtux, in 1980.").expect("a place");
        assert_eq!(p.name, "Faktothles");
    }

    #[test]
    fn no_one_place_is_none() {
        // Two places, a month, a place after "at" (a venue, which may lie in
        // any town) and a common noun.
        assert_eq!(place("She spoke in Leeds and York on Monday."), None);
        assert_eq!(place("She was arrested in March."), None);
        assert_eq!(place("She was arrested at Heathrow on Monday."), None);
        assert_eq!(place("She was arrested in the street on Monday."), None);
    }
}
