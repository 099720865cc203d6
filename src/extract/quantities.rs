//! Quantities read from the parse: a number attached to the noun it counts
//! and to the event it belongs to. "48 mail ballots were rejected" counts
//! `mail ballot` of the event `reject`; "the rejection of 84 mail ballots"
//! is the same count of the same event (a noun in -ion stands for its
//! verb); "61 percent of drivers voted for a strike" counts `percent of
//! driver` of `vote`, as does "drivers voted 87 percent in favour".
//!
//! A count of a finished event ("were rejected", "voted", "the rejection
//! of") is fixed once and for all; a count in the present or perfect ("are
//! missing", "has risen to") may change and is compared only for the same
//! days. Hedged, planned, negated and conditional counts give nothing.

use super::open::{antecedent, lower, noun_phrase, particle, rel, NounPhrase};
use crate::language::{lemma::Lemmatizer, numbers, Sentence, Word};
use crate::text::Span;

/// One number and what it counts.
#[derive(Debug, Clone)]
pub struct Counted {
    /// What is counted: the noun with its distinguishing modifiers ("mail
    /// ballot"), or a share of a population ("percent of driver").
    pub noun: String,
    /// The event it is a count of: a verb lemma with its particle.
    pub event: String,
    /// Who or what the event is of, when that is not the counted thing:
    /// the head of the verb's subject ("baby" in "the baby weighs 4
    /// pounds").
    pub of: Option<String>,
    /// That subject is a definite phrase ("the carrier"): it may stand
    /// for a name written before.
    pub of_definite: bool,
    /// Proper names around it: in the counted phrase and in the event's
    /// subject and object.
    pub names: Vec<String>,
    pub low: f64,
    pub high: f64,
    /// As written: "about 4,300 residents".
    pub text: String,
    /// A finished event: the count never changes.
    pub fixed: bool,
    /// From the number to the counted noun (and the approximation word).
    pub span: Span,
    /// The event word.
    pub head: Span,
    /// The event word's index in the sentence.
    pub at: usize,
    /// What else the clause says of the event, in a canonical order: its
    /// subject and object heads, its prepositional phrases ("around
    /// world", "in 2014") and those of the counted noun ("per second").
    /// Two counts of one document are of one thing only when their frames
    /// are the same (see the functional check).
    pub frame: String,
    /// A measure of a thing ("a 10-inch knife"): compared within its
    /// document only, as two strikes of one union may last 24 and 48 hours.
    pub local: bool,
}

/// The thing number `i` measures through its unit `unit` ("a 10-inch
/// knife": the knife), when the text writes number, hyphen and unit as one
/// word and the unit modifies a noun after it. Not an age ("a 5-year-old
/// boy"): a unit followed by another hyphen is left alone.
fn measure_of(s: &Sentence, text: &str, i: usize, unit: usize) -> Option<usize> {
    let (w, u) = (&s.words[i], &s.words[unit]);
    let joined =
        text.get(w.span.end..u.span.start) == Some("-") && !text.get(u.span.end..).is_some_and(|t| t.starts_with('-'));
    let thing = s.head(unit).filter(|&m| m > unit && s.words[m].upos == "NOUN")?;
    // A share that sizes a thing ("an 85% chance of survival", "a 5
    // percent stake"), hyphenated or not.
    let share = is_share(u) && rel(u) == "compound";
    ((joined && u.upos == "NOUN" || share) && matches!(rel(u), "compound" | "amod" | "nmod")).then_some(thing)
}

/// Where a count is written: the number word `i`, the word `unit` it hangs
/// from, the noun `n` it counts, its value and the first word written of
/// it (a bound such as "more than" stands before that).
struct Site {
    i: usize,
    unit: usize,
    n: usize,
    measure: Option<usize>,
    currency: Option<&'static str>,
    v: f64,
    first: usize,
    of: Of,
}

/// What a count site counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Of {
    /// The noun it is written with.
    Noun,
    /// A fraction of a population ("a third of the staff"), in percent.
    Fraction,
    /// People, said as "no one" or "nobody".
    People,
}

/// A count written as a number: word `i`, a numeral or number word that
/// modifies a noun.
fn number_site(s: &Sentence, text: &str, i: usize) -> Option<Site> {
    let w = &s.words[i];
    if w.upos != "NUM" || rel(w) != "nummod" {
        return None;
    }
    // A multiplier's own number is read with it, a fraction's numerator
    // with the fraction ("three quarters of the homes").
    if s.head(i).is_some_and(|h| {
        numbers::is_multiplier(&s.words[h].form) && s.words[h].upos == "NUM" || fraction(s, h).is_some()
    }) {
        return None;
    }
    let unit = s.head(i)?;
    // A measure of a thing ("a 10-inch knife", "a 48-hour strike"):
    // the number, a hyphen, the unit, then the thing it measures.
    let measure = measure_of(s, text, i, unit);
    let n = measure.unwrap_or(unit);
    let noun = &s.words[n];
    // An amount of money heads its number: "$117 million".
    let currency = currency_of(noun);
    // A percent sign is a noun the tagger calls a symbol ("10%").
    let sign = is_share(noun);
    if noun.upos != "NOUN" && currency.is_none() && !sign {
        return None;
    }
    // A noun the tagger made of a quotation mark ("Furious 7" ends a
    // title) or of a clock's half of the day ("40 p.m.", "8am crews")
    // counts nothing.
    let clock = || {
        s.words.get(i + 1).is_some_and(|x| matches!(x.form.to_ascii_lowercase().replace('.', "").as_str(), "am" | "pm"))
    };
    if currency.is_none() && !sign && (!noun.form.chars().any(char::is_alphabetic) || clock()) {
        return None;
    }
    // Part of a compound adjective ("4-year-old"), a fraction ("4
    // 1/2"), or a digit group cut off ("26, 000").
    let next_char = text.get(w.span.end..).and_then(|t| t.chars().next());
    let prev_char = text.get(..w.span.start).and_then(|t| t.chars().next_back());
    if matches!(next_char, Some('-' | '/')) && measure.is_none()
        || prev_char == Some('/')
        || (w.form.starts_with('0') && w.form.len() > 1)
    {
        return None;
    }
    // A designation, not a count: "AK 47 rifles", "Route 14", "Boeing 737".
    if i > 0 && s.words[i - 1].upos == "PROPN" && rel(&s.words[i - 1]) != "nsubj" {
        return None;
    }
    // "2m" is two million only as money ("£2m"): else it may as well
    // be two metres.
    if glued_multiplier(s, i).is_some() && currency.is_none() {
        return None;
    }
    let v = value_of(s, i)?;
    // A year or a clock time is not a count.
    if w.form.contains(':') || (v.fract() == 0.0 && (1900.0..=2100.0).contains(&v) && !w.form.contains(',')) {
        return None;
    }
    // "Sixty-two": the tens and the hyphen before the number word are
    // part of it.
    let (v, mut first) = match tens_before(s, i) {
        Some(tens) => (tens + v, i - 2),
        None => (v, i),
    };
    // "up to 600 million": the numeral before its multiplier opens
    // the number, and what bounds it stands before that.
    while first > 0 && s.words[first - 1].upos == "NUM" && s.head(first - 1) == Some(i) {
        first -= 1;
    }
    Some(Site { i, unit, n, measure, currency, v, first, of: Of::Noun })
}

/// "No passengers were hurt": a count of none, at the determiner `j` of
/// a plural noun after it ("no more than 3" and "No. 1" are no such
/// determiner; "no damage" counts nothing). "No one" and "nobody" are no
/// people.
fn none_site(s: &Sentence, j: usize) -> Option<Site> {
    let w = &s.words[j];
    let site = |n: usize, of: Of| Site { i: j, unit: n, n, measure: None, currency: None, v: 0.0, first: j, of };
    if w.upos == "PRON" && matches!(rel(w), "nsubj" | "obj") && w.form.eq_ignore_ascii_case("nobody") {
        return Some(site(j, Of::People));
    }
    if w.upos != "DET" || rel(w) != "det" || !w.form.eq_ignore_ascii_case("no") {
        return None;
    }
    let n = s.head(j).filter(|&n| n > j)?;
    let noun = &s.words[n];
    if noun.form.eq_ignore_ascii_case("one") && n == j + 1 && matches!(rel(noun), "nsubj" | "obj") {
        return Some(site(n, Of::People));
    }
    (noun.upos == "NOUN" && noun.xpos == "NNS").then_some(site(n, Of::Noun))
}

/// A fraction of a population at word `j` as a count site (see
/// [`fraction`]).
fn fraction_site(s: &Sentence, j: usize) -> Option<Site> {
    let (first, v) = fraction(s, j)?;
    Some(Site { i: j, unit: j, n: j, measure: None, currency: None, v, first, of: Of::Fraction })
}

/// A fraction of a population at word `j` ("half of the residents", "a
/// third of the staff", "two-thirds of voters", "three quarters of the
/// homes"): its first word (numerator or article) and its value in
/// percent. What it is a fraction of follows "of" and is no one thing:
/// "a quarter of an hour" and "the first half of the year" are spans of
/// time, "the third of five children" a rank.
fn fraction(s: &Sentence, j: usize) -> Option<(usize, f64)> {
    let w = &s.words[j];
    if !matches!(w.upos, "NOUN" | "ADJ") {
        return None;
    }
    let denominator = numbers::fraction(&w.form)?;
    let of_many = s.children(j).any(|(k, c)| {
        matches!(rel(c), "nmod" | "obl")
            && matches!(c.upos, "NOUN" | "PROPN")
            && s.children(k).any(|(_, x)| rel(x) == "case" && lower(x) == "of")
            && !s.children(k).any(|(_, x)| rel(x) == "det" && matches!(lower(x).as_str(), "a" | "an"))
    });
    if !of_many || s.children(j).any(|(_, c)| matches!(rel(c), "amod" | "nmod:poss" | "compound")) {
        return None;
    }
    let mut numerator = None;
    for (k, c) in s.children(j) {
        match (rel(c), lower(c).as_str()) {
            ("nummod", _) => numerator = Some((k, numbers::value(&c.form)?)),
            ("det", "a" | "an") => numerator = Some((k, 1.0)),
            ("det", _) => return None,
            _ => {}
        }
    }
    let (first, top) = match numerator {
        Some(n) => n,
        None if denominator == 2.0 => (j, 1.0),
        None => return None,
    };
    (top > 0.0 && top < denominator && first <= j).then_some((first, 100.0 * top / denominator))
}

/// A percent sign or word ("85%", "85 percent", "85 per cent").
fn is_share(w: &Word) -> bool {
    matches!(w.form.to_lowercase().as_str(), "%" | "percent" | "per cent" | "pct")
}

/// The currency a sign heading an amount names ("$117 million").
fn currency_of(w: &Word) -> Option<&'static str> {
    // (the tagger, trained on text with few, may read "£" as a noun or as
    // punctuation)
    if !matches!(w.upos, "SYM" | "NOUN" | "PUNCT") {
        return None;
    }
    numbers::currency(&w.form)
}

/// Whether verb `h` is said under a condition: a clause of its own opened
/// by "if" or "unless" ("If the application needs 10 servers, the
/// software finds 10 servers").
fn conditional(s: &Sentence, h: usize) -> bool {
    s.children(h).any(|(j, c)| {
        rel(c) == "advcl"
            && s.children(j).any(|(_, m)| rel(m) == "mark" && matches!(lower(m).as_str(), "if" | "unless"))
    })
}

/// The arguments of the event `h` and of the counted noun `n`, other than
/// the count itself: "nsubj:company", "obj:…", "around world", "per
/// second". Only nouns and numbers: an adjective or a clause ("in total",
/// "because he opposed …") says nothing of which count it is, and names
/// are the count's participants.
fn frame_of(s: &Sentence, h: usize, n: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut arg = |j: usize, role: &str| {
        let j = if role == "nsubj" { antecedent(s, h, j) } else { j };
        let c = &s.words[j];
        // (names are the count's participants already)
        if !matches!(c.upos, "NOUN" | "NUM") {
            return;
        }
        let word = lower(c);
        match role {
            "obl" | "nmod" => {
                let prep = s.children(j).find(|(_, k)| rel(k) == "case").map(|(_, k)| lower(k)).unwrap_or_default();
                // a possessive or a bare noun phrase ("last month")
                parts.push(format!("{prep} {word}"));
            }
            _ => parts.push(format!("{role}:{word}")),
        }
    };
    if h != n {
        for (j, c) in s.children(h) {
            if j != n && matches!(rel(c), "nsubj" | "obj" | "iobj" | "obl") {
                arg(j, rel(c));
            }
        }
    }
    // (an oblique of a noun is a modifier the parse mislabelled: "a third
    // of its vegetables")
    for (j, c) in s.children(n) {
        if matches!(rel(c), "nmod" | "obl") && !matches!(c.deprel, "nmod:poss") {
            arg(j, "nmod");
        }
    }
    parts.sort();
    parts.join("; ")
}

/// The value of number word `i`, with a multiplier beside it ("4.2
/// million", "two thousand").
fn value_of(s: &Sentence, i: usize) -> Option<f64> {
    let w = &s.words[i];
    let glued = glued_multiplier(s, i);
    let own = match glued {
        Some(m) => m,
        None => numbers::value(&w.form)?,
    };
    if glued.is_some() || numbers::is_multiplier(&w.form) {
        // "million" heading "18": 18 million
        if let Some((_, c)) = s.children(i).find(|(_, c)| c.upos == "NUM" && !numbers::is_multiplier(&c.form)) {
            return numbers::value(&c.form).map(|v| v * own);
        }
        return None; // "millions of" alone is no count
    }
    let multiplier = |j: usize, c: &Word| {
        glued_multiplier(s, j)
            .or_else(|| (c.upos == "NUM" && numbers::is_multiplier(&c.form)).then(|| numbers::value(&c.form)).flatten())
    };
    match s.children(i).find_map(|(j, c)| multiplier(j, c)) {
        Some(m) => Some(own * m),
        None => Some(own),
    }
}

/// Whether word `h` is a particle or adverb right after the verb it hangs
/// from ("set aside", "paid out", "handed over").
fn is_particle_of_verb(s: &Sentence, h: usize) -> bool {
    let w = &s.words[h];
    matches!(w.upos, "ADV" | "ADP")
        && matches!(rel(w), "advmod" | "compound")
        && s.head(h).is_some_and(|v| v + 1 == h && s.words[v].upos == "VERB")
}

/// The value of "m" or "k" glued to the numeral before it ("£18m",
/// "$50k"), which the tokeniser splits off: a million, a thousand.
fn glued_multiplier(s: &Sentence, i: usize) -> Option<f64> {
    let w = &s.words[i];
    let m = match w.form.as_str() {
        "m" => 1e6,
        "k" => 1e3,
        _ => return None,
    };
    let prev = s.words.get(i.checked_sub(1)?)?;
    (prev.span.end == w.span.start && numbers::numeral(&prev.form).is_some()).then_some(m)
}

/// "about", "more than", "at least", "nearly" before number `i`: the
/// interval it allows, read from the words before it (the parse attaches
/// them to the number or to the verb).
/// The tens of a number word written with them ("sixty" of "Sixty-two"):
/// a tens word, a hyphen and the unit word, with no space between.
fn tens_before(s: &Sentence, i: usize) -> Option<f64> {
    let (tens, hyphen, unit) = (s.words.get(i.checked_sub(2)?)?, &s.words[i - 1], &s.words[i]);
    let word = |w: &Word| w.form.chars().all(char::is_alphabetic);
    let glued = tens.span.end == hyphen.span.start && hyphen.span.end == unit.span.start;
    let t = numbers::value(&tens.form).filter(|t| (20.0..=90.0).contains(t) && t % 10.0 == 0.0)?;
    let u = numbers::value(&unit.form).filter(|u| (1.0..=9.0).contains(u))?;
    (glued && hyphen.form == "-" && word(tens) && word(unit) && u.fract() == 0.0).then_some(t)
}

fn bounds(s: &Sentence, i: usize, v: f64) -> (f64, f64, Option<Span>) {
    let word = |d: usize| i.checked_sub(d).map(|j| (s.words[j].form.to_lowercase(), s.words[j].span));
    if let (Some((w2, sp)), Some((w1, _))) = (word(2), word(1)) {
        let r = match (w2.as_str(), w1.as_str()) {
            ("more" | "greater" | "higher", "than") | ("at", "least") => Some((v, f64::INFINITY)),
            ("fewer" | "less" | "lower", "than") | ("up", "to") | ("at", "most") => Some((0.0, v)),
            _ => None,
        };
        if let Some((lo, hi)) = r {
            return (lo, hi, Some(sp));
        }
    }
    bounds_of_children(s, i, v)
}

/// The high end of a range that number `i` opens: the next word but one
/// is a larger number, joined to it by "or" ("one or two bodyguards", a
/// conjunct) or by "to" ("10 to 12 people", a modifier with "to" as its
/// case marker). Counting "one or two" as one would make it contradict
/// "two" elsewhere. A dash is no such word: "162-139 record" and "a 3-2
/// win" are scores, and "AK-47" a name.
fn range_end(s: &Sentence, i: usize) -> Option<f64> {
    let (j, mid) = (i + 2, s.words.get(i + 1)?);
    let end = s.words.get(j).filter(|w| w.upos == "NUM" && s.head(j) == Some(i))?;
    let joined = match (rel(end), lower(mid).as_str()) {
        ("conj", "or") => rel(mid) == "cc",
        ("nmod" | "obl", "to") => rel(mid) == "case",
        _ => false,
    };
    let (low, high) = (value_of(s, i)?, value_of(s, j)?);
    (joined && s.head(i + 1) == Some(j) && high > low).then_some(high)
}

fn bounds_of_children(s: &Sentence, i: usize, v: f64) -> (f64, f64, Option<Span>) {
    for (_, c) in s.children(i).filter(|(_, c)| matches!(rel(c), "advmod" | "case" | "fixed")) {
        let l = lower(c);
        let r = match l.as_str() {
            "about" | "around" | "roughly" | "approximately" | "some" | "nearly" | "almost" | "estimated" => {
                let lo = v * 0.9;
                let hi = if matches!(l.as_str(), "nearly" | "almost") { v } else { v * 1.1 };
                (lo, hi)
            }
            "more" | "over" | "least" | "above" => (v, f64::INFINITY),
            "fewer" | "less" | "under" | "up" | "below" => (0.0, v),
            _ => continue,
        };
        return (r.0, r.1, Some(c.span));
    }
    (v, v, None)
}

/// The verb a noun in -ion, -ment or -al stands for ("rejection" ->
/// "reject", "evacuation" -> "evacuate", "approval" -> "approve").
fn verb_of_noun(noun: &str, lz: &Lemmatizer) -> Option<String> {
    let tries: [(&str, &str); 7] =
        [("ation", "ate"), ("ation", ""), ("ion", ""), ("ion", "e"), ("ment", ""), ("al", "e"), ("al", "")];
    tries.iter().find_map(|(suf, add)| {
        let stem = noun.strip_suffix(suf)?;
        let v = format!("{stem}{add}");
        (v.len() > 2 && lz.is_known('v', &v)).then_some(v)
    })
}

fn names_of(np: &NounPhrase, out: &mut Vec<String>) {
    out.extend(np.names.iter().cloned());
}

/// Every count of a parsed sentence.
pub fn read(s: &Sentence, text: &str, lz: &Lemmatizer) -> Vec<Counted> {
    let mut out = Vec::new();
    if !s.parsed {
        return out;
    }
    for j in 0..s.words.len() {
        let site = fraction_site(s, j).or_else(|| number_site(s, text, j)).or_else(|| none_site(s, j));
        let Some(Site { i, unit, n, measure, currency, v, first, of: what }) = site else { continue };
        let (fraction, people) = (what == Of::Fraction, what == Of::People);
        let noun = &s.words[n];
        let w = &s.words[first];
        // ("about" may hang from either word)
        // "up to $4 million": the bound stands before the currency sign.
        let opening = if currency.is_some() && n + 1 == first { n } else { first };
        let (low, high, approx) = match bounds(s, opening, v) {
            (_, _, None) if first != i => bounds_of_children(s, i, v),
            b => b,
        };
        // "one or two", "10 to 12": the number is the low end of a range
        // whose high end hangs from it.
        let (low, high) = match range_end(s, i) {
            Some(u) if high.is_finite() && !fraction => (low.min(u), high.max(u)),
            _ => (low, high),
        };
        // A fraction said with no approximation is a round figure ("half
        // of the drivers" may be 52 percent of them).
        let (low, high) = if fraction && approx.is_none() { (v * 0.9, v * 1.1) } else { (low, high) };
        let np = noun_phrase(s, n);
        let mut names = Vec::new();
        // ("Nobody" opening a sentence is no name)
        if !people {
            names_of(&np, &mut names);
        }
        let mut counted = if let Some(c) = currency {
            c.to_string()
        } else if measure.is_some() {
            let unit = if is_share(&s.words[unit]) { "percent".to_string() } else { lower(&s.words[unit]) };
            format!("{unit} {}", np.head)
        } else if fraction {
            "percent".to_string()
        } else if people {
            "people".to_string()
        } else {
            let mut mods: Vec<&str> = np
                .modifiers
                .iter()
                .map(String::as_str)
                .filter(|m| !m.chars().any(|c| c.is_ascii_digit()) && numbers::value(m).is_none())
                .collect();
            mods.push(&np.head);
            mods.join(" ")
        };
        let share = fraction || matches!(np.head.as_str(), "percent" | "%" | "per cent" | "percentage");
        if share {
            // "61 percent of drivers"
            let of = |j: usize| s.children(j).any(|(_, k)| rel(k) == "case" && lower(k) == "of");
            // (the parse may make the phrase after a fraction an oblique)
            let phrase = |c: &Word| rel(c) == "nmod" || fraction && rel(c) == "obl";
            if let Some((j, _)) = s.children(n).find(|(j, c)| phrase(c) && c.upos == "NOUN" && of(*j)) {
                counted = format!("percent of {}", lower(&s.words[j]));
                names_of(&noun_phrase(s, j), &mut names);
            }
        }
        // An amount of a thing that is no act ("revenue of $4.1 billion",
        // "a fee of £45 million"): the amount is that thing's, and the
        // thing's verb its event. (A noun in -ion is the event itself:
        // "the rejection of 84 ballots", below.)
        let mut n = n;
        let mut noun = noun;
        if currency.is_some() && rel(noun) == "nmod" && s.children(n).any(|(_, c)| rel(c) == "case" && lower(c) == "of")
        {
            if let Some(m) =
                s.head(n).filter(|&m| s.words[m].upos == "NOUN" && verb_of_noun(&lower(&s.words[m]), lz).is_none())
            {
                let owner = noun_phrase(s, m);
                names_of(&owner, &mut names);
                for m in owner.modifiers.iter().filter(|x| numbers::value(x).is_none()) {
                    counted = format!("{counted} {m}");
                }
                counted = format!("{counted} {}", owner.head);
                n = m;
                noun = &s.words[m];
            }
        }
        // The event: a relative clause on the counted phrase ("48 ballots
        // that were rejected"), the verb it hangs from, or the noun in -ion
        // it is "of".
        let relcl = s.children(n).find(|(j, c)| c.deprel == "acl:relcl" && c.upos == "VERB" && *j > n);
        // "61 percent of drivers voted": the verb the tagger missed.
        let recovered = super::open::recovered_main_verb(s).filter(|(_, subj)| *subj == n).map(|(v, _)| v);
        // "more than a third of the staff were laid off": the parse may
        // hang the fraction from the comparative, and that from the verb.
        let comparative = s.head(n).filter(|&c| {
            fraction
                && rel(noun) == "obl"
                && matches!(s.words[c].form.to_lowercase().as_str(), "more" | "less" | "fewer")
                && s.head(c).is_some_and(|v| s.words[v].upos == "VERB")
        });
        let h = match relcl.map(|(j, _)| j).or(recovered).or(comparative.and_then(|c| s.head(c))) {
            Some(j) => j,
            None => match s.head(n) {
                // A particle the parse hung the amount from ("set aside £18
                // million", "aside" an adverb of "set") stands for its verb.
                Some(h) if is_particle_of_verb(s, h) => s.head(h).unwrap_or(h),
                Some(h) => h,
                None => continue,
            },
        };
        let via_relcl = relcl.is_some() || recovered.is_some();
        // A subject takes no preposition: "with 14,206 votes" read as the
        // subject of a later verb is a parse gone wrong.
        if !via_relcl && rel(noun) == "nsubj" && s.children(n).any(|(_, c)| rel(c) == "case") {
            continue;
        }
        let hw = &s.words[h];
        let role = match comparative.map(|c| rel(&s.words[c])) {
            // (as the verb's only subject, or its object)
            Some("advmod") if !s.children(h).any(|(_, c)| rel(c) == "nsubj") => "nsubj",
            Some(r) => r,
            None if via_relcl => "nsubj",
            None => rel(noun),
        };
        let (event, head, fixed) = match (role, hw.upos) {
            ("nsubj" | "obj" | "obl", "VERB") => {
                let mut e = lower(hw);
                if let Some(p) = particle(s, h) {
                    e.push(' ');
                    e.push_str(&lower(p));
                }
                // Hedged, planned, negated or conditional: no count.
                let unsure = s.children(h).any(|(_, c)| {
                    matches!(lower(c).as_str(), "not" | "never" | "n't")
                        || rel(c) == "aux"
                            && matches!(
                                lower(c).as_str(),
                                "will" | "would" | "could" | "may" | "might" | "should" | "can" | "must"
                            )
                        || rel(c) == "mark" && matches!(lower(c).as_str(), "if" | "whether" | "unless")
                }) || conditional(s, h);
                if unsure || rel(hw) == "xcomp" {
                    continue;
                }
                let past_aux = s.children(h).any(|(_, c)| rel(c) == "aux" && matches!(c.xpos, "VBD"));
                let perfect = s.children(h).any(|(_, c)| rel(c) == "aux" && lower(c) == "have");
                // A participle with no auxiliary at all is a past tense the
                // tagger took for a participle ("the recall covered").
                let bare_participle = hw.xpos == "VBN" && !s.children(h).any(|(_, c)| rel(c) == "aux");
                let fixed = !perfect && (hw.xpos == "VBD" || hw.xpos == "VBN" && (past_aux || bare_participle));
                if share && rel(noun) == "obj" && counted == "percent" {
                    // "drivers voted 87 percent": a share of the subject
                    if let Some((j, _)) = s.children(h).find(|(_, c)| rel(c) == "nsubj" && c.upos == "NOUN") {
                        counted = format!("percent of {}", lower(&s.words[j]));
                    }
                }
                (e, hw.span, fixed)
            }
            ("nmod", "NOUN") => match verb_of_noun(&lower(hw), lz) {
                Some(e) => (e, hw.span, true),
                None => continue,
            },
            _ => continue,
        };
        if counted == "percent" {
            continue; // a share of nothing said
        }
        // The event's subject and object name who and where.
        // Whose event: the verb's own subject, unless it is the counted
        // phrase or folded into a share ("drivers voted 87 percent"). A
        // pronoun says nothing of whose: no count.
        let mut of = None;
        let mut of_definite = false;
        if !via_relcl || recovered.is_some() {
            // its own subject, or a conjoined verb's ("He finished ... and
            // caught 29 passes")
            let own = super::open::subject_of(s, h, 0).filter(|&j| j != n);
            if let Some((j, c)) = own.map(|j| antecedent(s, h, j)).map(|j| (j, &s.words[j])) {
                if c.upos == "PRON" {
                    continue;
                }
                if Some(j) != own {
                    // the names of the noun a relative clause hangs from
                    names_of(&noun_phrase(s, j), &mut names);
                }
                if !counted.ends_with(&format!("of {}", lower(c))) {
                    of = Some(if c.upos == "PROPN" { c.form.to_lowercase() } else { lower(&s.words[j]) });
                    of_definite = c.upos != "PROPN" && noun_phrase(s, j).definite;
                }
            }
        }
        // ... and where: "damaged 300 houses in Aceh" / "10 houses in Takengon".
        for (j, c) in s.children(h) {
            if j != n && matches!(rel(c), "nsubj" | "obj" | "obl") && c.upos != "PRON" {
                names_of(&noun_phrase(s, j), &mut names);
            }
        }
        names.sort();
        names.dedup();
        let frame = frame_of(s, h, n);
        // (the currency sign stands before its number: "$117 million")
        let start = approx.map_or(w.span.start, |a| a.start.min(w.span.start)).min(noun.span.start);
        let span = Span::new(start, noun.span.end.max(w.span.end));
        out.push(Counted {
            noun: counted,
            event,
            of,
            of_definite,
            names,
            low,
            high,
            text: text.get(span.start..span.end).unwrap_or_default().to_string(),
            fixed,
            span,
            head,
            at: h,
            frame,
            local: measure.is_some(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::{embedded, Depth};

    fn counts(text: &str) -> Vec<(String, String, f64, f64, bool)> {
        let m = embedded().expect("model");
        let s = m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse);
        read(&s[0], text, &m.lemmas).into_iter().map(|c| (c.noun, c.event, c.low, c.high, c.fixed)).collect()
    }

    #[test]
    fn an_amount_of_a_thing_is_that_things() {
        assert_eq!(
            counts("Marrowind reported quarterly revenue of $4.1 billion on Wednesday."),
            [("dollar quarterly revenue".into(), "report".into(), 4.1 * 1e9, 4.1 * 1e9, true)]
        );
        assert_eq!(
            counts("Rovers signed the striker for a fee of £45 million."),
            [("pound fee".into(), "sign".into(), 45e6, 45e6, true)]
        );
    }

    #[test]
    fn up_to_bounds_the_number_and_is_no_particle_of_the_verb() {
        // The parser hangs "up" from the verb ("employs up"): the count is
        // of "employ", at most 300, as "employs 500 workers" is of it.
        assert_eq!(
            counts("The Harlow plant employs up to 300 workers."),
            [("worker".into(), "employ".into(), 0.0, 300.0, false)]
        );
        // The bound opens the whole number ("600 million"), and stands
        // before a currency sign.
        assert_eq!(
            counts("The collider generates up to 600 million particles per second."),
            [("particle".into(), "generate".into(), 0.0, 600e6, false)]
        );
        assert_eq!(counts("Mira Tan raised up to $4 million."), [("dollar".into(), "raise".into(), 0.0, 4e6, true)]);
        // A particle that bounds nothing stays the verb's.
        assert_eq!(
            counts("The company set up 12 new offices."),
            [("new office".into(), "set up".into(), 12.0, 12.0, true)]
        );
    }

    #[test]
    fn a_range_counts_from_its_low_end_to_its_high_end() {
        // Read as its first number alone, "one or two" would contradict
        // "two bodyguards" in another report.
        assert_eq!(
            counts("Rescuers found one or two survivors."),
            [("survivor".into(), "find".into(), 1.0, 2.0, true)]
        );
        assert_eq!(
            counts("Police said 10 to 12 people were injured."),
            [("people".into(), "injure".into(), 10.0, 12.0, true)]
        );
        assert_eq!(counts("Two or three shots were fired."), [("shot".into(), "fire".into(), 2.0, 3.0, true)]);
        // Near misses: a number alone stays one number; a dash between two
        // numbers is a score or a name, no range.
        assert_eq!(counts("The storm killed 25 people."), [("people".into(), "kill".into(), 25.0, 25.0, true)]);
        assert!(counts("The Pistons compiled a 162-139 record.").is_empty());
        assert_eq!(
            counts("Police confiscated 14 AK-47 rifles."),
            [("rifle".into(), "confiscate".into(), 14.0, 14.0, true)]
        );
    }

    #[test]
    fn a_number_word_written_with_its_tens_is_one_number() {
        assert_eq!(
            counts("Sixty-two people were treated at the hospital."),
            [("people".into(), "treat".into(), 62.0, 62.0, true)]
        );
        assert_eq!(
            counts("About forty-five workers were hurt."),
            [("worker".into(), "hurt".into(), 40.5, 49.50000000000001, true)]
        );
    }

    #[test]
    fn a_share_sizing_a_thing_is_a_measure_of_it() {
        for text in ["The trust bought a 5% stake in the line.", "The trust bought a 5 percent stake in the line."] {
            assert_eq!(counts(text), [("percent stake".into(), "buy".into(), 5.0, 5.0, true)], "{text}");
        }
    }

    #[test]
    fn money_in_millions_and_thousands_written_short() {
        // "18m" splits into "18" and "m"; "m" is a million as money only.
        for (text, v) in [
            ("Acme Foods paid £18m to settle the case.", 18e6),
            ("Acme Foods paid $2.5bn for the plant.", 2.5e9),
            ("Acme Foods paid $50k in fines.", 5e4),
            ("Acme Foods paid £18 million to settle the case.", 18e6),
        ] {
            let c = counts(text);
            assert_eq!(c.first().map(|c| (c.2, c.3)), Some((v, v)), "{text}: {c:?}");
        }
        // two million computers, or two metres of them: no count
        assert!(counts("Hackers attacked over 2m computers.").is_empty());
        // the parse hung the amount from the verb's particle
        let c = counts("Acme Foods has set aside £18 million to cover the cost of the recall.");
        assert_eq!(c.first().map(|c| (c.1.as_str(), c.2)), Some(("set", 18e6)), "{c:?}");
    }

    #[test]
    fn counts_with_their_event() {
        assert_eq!(
            counts("48 mail ballots were rejected during the canvass."),
            [("mail ballot".into(), "reject".into(), 48.0, 48.0, true)]
        );
        assert_eq!(
            counts("The campaign is challenging the rejection of 84 mail ballots."),
            [("mail ballot".into(), "reject".into(), 84.0, 84.0, true)]
        );
        let c = counts("Police said about 300 people were arrested.");
        assert_eq!(c.len(), 1, "{c:?}");
        assert!((c[0].2 - 270.0).abs() < 1e-9 && (c[0].3 - 330.0).abs() < 1e-9);
    }

    #[test]
    fn shares_of_a_population() {
        let c = counts("61 percent of drivers voted for a strike.");
        assert_eq!(c.first().map(|c| (c.0.as_str(), c.1.as_str())), Some(("percent of driver", "vote")), "{c:?}");
        // "drivers voted 87 percent" is a share of the drivers
        let c = counts("Drivers voted 87 percent in favour of a strike.");
        assert_eq!(c.first().map(|c| (c.0.as_str(), c.1.as_str())), Some(("percent of driver", "vote")), "{c:?}");
        let c = counts("Officials said 40 percent of residents left the town.");
        assert_eq!(c.first().map(|c| (c.0.as_str(), c.1.as_str())), Some(("percent of resident", "leave")), "{c:?}");
        // the sign, which the tagger calls a symbol, is the word
        let c = counts("The state grows less than 10% of the nation's vegetables.");
        assert_eq!(c.first().map(|c| (c.0.as_str(), c.1.as_str())), Some(("percent of vegetable", "grow")), "{c:?}");
        assert_eq!(c.first().map(|c| (c.2, c.3)), Some((0.0, 10.0)), "{c:?}");
    }

    #[test]
    fn fractions_of_a_population_are_shares() {
        let share = |text: &str| {
            let c = counts(text);
            assert_eq!(c.len(), 1, "{text}: {c:?}");
            let (noun, event, low, high, _) = c[0].clone();
            (noun, event, (low * 10.0).round() / 10.0, (high * 10.0).round() / 10.0)
        };
        // a round figure, unless it says how it is bounded
        assert_eq!(
            share("Half of the residents left the town."),
            ("percent of resident".into(), "leave".into(), 45.0, 55.0)
        );
        assert_eq!(
            share("Two-thirds of voters backed the plan."),
            ("percent of voter".into(), "back".into(), 60.0, 73.3)
        );
        assert_eq!(
            share("A third of the staff were laid off."),
            ("percent of staff".into(), "lay off".into(), 30.0, 36.7)
        );
        let (_, _, low, high) = share("More than half of the drivers voted for a strike.");
        assert_eq!((low, high), (50.0, f64::INFINITY));
        // (the parse hangs "a third" from "more", and "more" from the verb)
        let (noun, event, low, high) = share("More than a third of the staff were laid off.");
        assert_eq!((noun.as_str(), event.as_str(), low, high), ("percent of staff", "lay off", 33.3, f64::INFINITY));
        let (noun, _, low, high) = share("Nearly three quarters of the homes lost power.");
        assert_eq!((noun.as_str(), low, high), ("percent of home", 67.5, 75.0));
        // the numerator is no count of quarters
        assert!(counts("Three quarters of the homes lost power.").iter().all(|c| c.0 != "quarter"));
        // spans of time and ranks are no shares
        assert!(counts("The company sold the plant in the first half of the year.").is_empty());
        assert!(counts("The crew waited a quarter of an hour.").is_empty());
        assert!(counts("He finished the third of five races.").is_empty());
    }

    #[test]
    fn no_before_a_plural_is_a_count_of_none() {
        assert_eq!(
            counts("No passengers were hurt in the crash."),
            [("passenger".into(), "hurt".into(), 0.0, 0.0, true)]
        );
        // a bound, not a determiner: the number counts
        let c = counts("No more than 3 passengers were hurt in the crash.");
        assert!(c.iter().all(|c| c.3 == 3.0), "{c:?}");
        // a mass noun is no count
        assert!(counts("No damage was reported in the town.").is_empty());
        // no one, nobody: no people
        assert_eq!(counts("No one was injured in the crash."), [("people".into(), "injure".into(), 0.0, 0.0, true)]);
        assert_eq!(counts("Nobody was hurt in the crash."), [("people".into(), "hurt".into(), 0.0, 0.0, true)]);
    }

    #[test]
    fn plans_hedges_and_years_are_not_counts() {
        assert!(counts("The company will cut 200 jobs.").is_empty());
        assert!(counts("Officials could evacuate 5,000 residents.").is_empty());
        assert!(counts("The plant has not hired 50 workers.").is_empty());
        assert!(counts("Police seized 14 AK 47 rifles.").iter().all(|c| c.2 == 14.0));
        // a measure of a thing is one, compared within its report only
        let m = embedded().expect("model");
        let t = "The union called a 48-hour strike on Monday.";
        let s = m.analyse_text(t, &[Span::new(0, t.len())], Depth::Parse);
        let c = read(&s[0], t, &m.lemmas);
        assert_eq!(
            c.iter().map(|c| (c.noun.as_str(), c.low, c.local)).collect::<Vec<_>>(),
            [("hour strike", 48.0, true)]
        );
        assert!(counts("Police found a 5-year-old boy.").is_empty());
        let c = counts("The quake injured at least 50 people.");
        assert_eq!(c.first().map(|c| (c.2, c.3)), Some((50.0, f64::INFINITY)), "{c:?}");
    }

    #[test]
    fn clock_times_and_titles_count_nothing() {
        // (real ContraDoc and ECB+ sentences the tagger read with a noun
        // for the quotation mark or the half of the day)
        for t in [
            "Firefighters were called to the church about 9:40 p.m. and found flames and smoke coming out windows \
             at the back of the three-story structure, said the chief of the fire department.",
            "Just before 8am crews requested the attendance of an incident support unit.",
            "Universal's \"Furious 7\" continues to build momentum at the Friday box office.",
        ] {
            let c = counts(t);
            assert!(c.iter().all(|c| c.0.chars().any(char::is_alphabetic) && !c.0.contains("m.")), "{t}: {c:?}");
        }
    }
}
