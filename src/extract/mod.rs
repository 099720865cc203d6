//! Claims from one document: entity and event mentions, predicate cues,
//! negation, hedges, attribution, quotes, and the time each claim holds.
//!
//! Extraction never fails: odd text yields fewer claims, not an error. Its
//! output is plain data ([`DocExtraction`]); event signatures are turned into
//! corpus-wide ids by the facts stage.

pub mod ages;
mod corrections;
pub mod events;
pub mod figures;
pub mod lexicon;
pub mod names;
pub mod open;
pub mod places;
pub mod quantities;
pub mod states;

use crate::corpus::Document;
use crate::language::{self, Depth, Model};
use crate::rules::{EntityKind, RuleSet, ValueType};
use crate::text::tokens::{tokenize, Kind, Token};
use crate::text::{self, Span, WordSet};
use crate::time::{self, Bias, TimeMention, TimeSpan};
use chrono::{NaiveDate, Weekday};
use events::{EventMention, EventSig};
use lexicon::{Hit, Lexicon, Tag};
use names::NameRun;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Polarity {
    Positive,
    Negative,
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Modality {
    Asserted,
    /// "could", "may", "expected to": a possibility, never a contradiction.
    Hedged,
    /// "will", "plans to": a plan or forecast.
    Forecast,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Hedged => "hedged",
            Modality::Forecast => "forecast",
        }
    }
}

/// Where a claim's valid time came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TimeOrigin {
    /// A time expression in the claim's clause.
    Expression(String),
    /// The time of the speech verb ("said late Tuesday").
    Speech(String),
    /// The document's date.
    Dateline,
    /// A description that holds once and for all (how a past event went).
    Timeless,
    /// No date to resolve against.
    Unknown,
}

impl TimeOrigin {
    pub fn describe(&self) -> String {
        match self {
            TimeOrigin::Expression(e) => format!("expression \"{e}\""),
            TimeOrigin::Speech(e) => format!("speech time \"{e}\""),
            TimeOrigin::Dateline => "dateline".into(),
            TimeOrigin::Timeless => "timeless".into(),
            TimeOrigin::Unknown => "unknown (no document date)".into(),
        }
    }
}

/// A claim before its subject has a corpus-wide id.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RawClaim {
    pub subject: EventSig,
    /// Words describing the subject as this document has them.
    pub subject_label: String,
    pub subject_head: String,
    pub predicate: String,
    /// The value label ("on_hold"; for scales "positive"/"negative"; for
    /// dates the predicate name).
    pub object: String,
    /// For date predicates: the date claimed.
    pub date_value: Option<TimeSpan>,
    /// For number predicates: the quantity claimed (boxed: most claims
    /// have none, and inline it would be 64 of every claim's bytes).
    pub quantity: Option<Box<Quantity>>,
    /// For open predicates: the head of the verb's object, if any ("race"
    /// in "conceded the race"); the verb itself is `object`.
    pub open_object: Option<String>,
    pub polarity: Polarity,
    pub modality: Modality,
    pub valid: Option<TimeSpan>,
    pub valid_origin: TimeOrigin,
    pub said_by: Option<String>,
    /// The passage: from the subject mention to the cue.
    pub span: Span,
    pub cue: Span,
    pub state: bool,
    /// A negated present perfect ("has not endorsed"): it denies the days
    /// before its own, up to it, and nothing after.
    pub perfect_denial: bool,
    /// The word that negates the claim ("not", "never", "no"), if any.
    pub polarity_cue: Option<Span>,
    /// The word that makes it a possibility, a plan or a condition, if any.
    pub modality_cue: Option<Span>,
}

/// A number as an interval, from its qualifier: "more than 300" is
/// [300, inf), "about 800" [720, 880], "up to 50" [0, 50], "450" [450, 450].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quantity {
    #[serde(with = "f64_bits")]
    pub low: f64,
    /// Infinite for "more than".
    #[serde(with = "f64_bits")]
    pub high: f64,
    /// As written: "about 800 journalists".
    pub text: String,
    /// The count of a finished event ("48 ballots were rejected", "the
    /// rejection of 84 ballots"): it holds whatever the day it is reported.
    #[serde(default)]
    pub fixed: bool,
    /// A count read from the parse: the rest of its clause ("around
    /// world; in 2014"), so that two counts of one document are compared
    /// only when they say the same thing of the same event.
    ///
    /// No field of what the cache stores skips itself when empty
    /// (`skip_serializing_if`): the cache's format (postcard) is not
    /// self-describing, and a value written without a field does not read
    /// back, so every document would be extracted again.
    #[serde(default)]
    pub frame: Option<String>,
    /// A measure of a thing ("a 10-inch knife"), compared within its
    /// document only.
    #[serde(default)]
    pub local: bool,
}

/// A number stored as its bits, so that infinity survives JSON (which
/// has no such number) as it does binary formats.
mod f64_bits {
    pub fn serialize<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(v.to_bits())
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        <u64 as serde::Deserialize>::deserialize(d).map(f64::from_bits)
    }
}

static QUANTITY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?:(?-u:\b)(more than|over|at least|about|around|nearly|almost|roughly|some|approximately|up to|fewer than|less than|under|only|just)\s+)?(?-u:\b)([0-9][0-9,]*(?:\.[0-9]+)?)(?:\s+(million|thousand|billion))?\s+(?:[a-z-]+\s+)?$",
    )
    .expect("a valid pattern")
});

/// The quantity written just before a unit noun, e.g. in "before an
/// audience of about 800 " (followed by "journalists").
fn quantity_before(text: &str, unit_start: usize, from: usize) -> Option<(usize, Quantity)> {
    let before = &text[from..unit_start];
    let c = QUANTITY.captures(before)?;
    let whole = c.get(0)?;
    let mut v: f64 = c.get(2)?.as_str().replace(',', "").parse().ok()?;
    v *= match c.get(3).map(|m| m.as_str().to_lowercase()).as_deref() {
        Some("thousand") => 1e3,
        Some("million") => 1e6,
        Some("billion") => 1e9,
        _ => 1.0,
    };
    let (low, high) = match c.get(1).map(|m| m.as_str().to_lowercase()).as_deref() {
        Some("more than" | "over" | "at least") => (v, f64::INFINITY),
        Some("fewer than" | "less than" | "under" | "up to") => (0.0, v),
        Some("about" | "around" | "roughly" | "some" | "approximately") => (v * 0.9, v * 1.1),
        Some("nearly" | "almost") => (v * 0.9, v),
        _ => (v, v),
    };
    Some((
        from + whole.start(),
        Quantity { low, high, text: whole.as_str().trim().to_string(), fixed: false, frame: None, local: false },
    ))
}

/// A quotation with who said it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct QuoteMention {
    pub inner: Span,
    pub speaker: Option<String>,
    pub speaker_is_person: bool,
    /// The other names of its sentence, lowercased: a person speaker's
    /// organisation is among them ("Ministry aide Ana Petrescu").
    pub around: Vec<String>,
}

/// A person's full name as written.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PersonMention {
    pub span: Span,
    pub words: Vec<String>,
}

/// "Tuesday, March 4" where March 4 is not a Tuesday.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct WeekdayIssue {
    pub span: Span,
    pub written: Weekday,
    pub date: NaiveDate,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DocExtraction {
    /// Shared with the facts made of them (a fact does not copy its claim).
    pub claims: Vec<std::sync::Arc<RawClaim>>,
    pub quotes: Vec<QuoteMention>,
    pub persons: Vec<PersonMention>,
    /// Every distinct proper name in the document, lowercased and sorted,
    /// for linking short and long forms across the corpus. Held for the
    /// whole run (38 per wire article): a boxed slice, not a set's nodes.
    pub names: Box<[Box<str>]>,
    pub weekday_issues: Vec<WeekdayIssue>,
    /// The document's negated open claims as (verb lemma, lowercased name
    /// in their subject) pairs.
    pub denied: BTreeSet<(String, String)>,
    /// The places the document writes inside others ("in Leeds,
    /// England"), lowercased, each pair once: what the place check learns
    /// lies in what. Only with a place predicate.
    #[serde(default)]
    pub nested_places: Vec<(Box<str>, Box<str>)>,
    /// What the second pass needs of the whole document, so that it reads
    /// only the sentences it parses (absent from a record of an older
    /// build: that document is then read whole).
    #[serde(default)]
    pub seed: Option<Seed>,
    /// Figures the document gives twice in the same words with two values
    /// (for the figure-drift rule).
    #[serde(default)]
    pub figures: Vec<figures::RestatedFigure>,
}

/// A document's [`SecondSeed`]: as built, or as the bytes a fact cache
/// stored, decoded only if the second pass runs on the document (in a
/// cached run it mostly does not: decoding every seed to drop it unused
/// was 3% of the CPU and 130 MB of a cached run on 100,000 articles).
/// Binary formats hold it as bytes; JSON (a map step's records) as the
/// seed itself.
#[derive(Debug, Clone)]
pub enum Seed {
    Ready(Box<SecondSeed>),
    Encoded(Box<[u8]>),
}

impl Seed {
    /// The seed, decoded if need be (`None` if its bytes do not decode:
    /// the document is then read whole).
    pub fn get(&self) -> Option<std::borrow::Cow<'_, SecondSeed>> {
        match self {
            Seed::Ready(s) => Some(std::borrow::Cow::Borrowed(s)),
            Seed::Encoded(b) => postcard::from_bytes(b).ok().map(std::borrow::Cow::Owned),
        }
    }

    /// The seed as its postcard bytes: what a corpus run holds of each
    /// document between the two passes (on 10,000 wire articles 8.3 MB of
    /// bytes, about 10 MB less than the decoded seeds), decoded again only
    /// for a document the second pass reads. A seed that does not encode
    /// stays as it is.
    pub fn encoded(self) -> Seed {
        match self {
            Seed::Ready(s) => match postcard::to_allocvec(&*s) {
                Ok(b) => Seed::Encoded(b.into_boxed_slice()),
                Err(_) => Seed::Ready(s),
            },
            e => e,
        }
    }

    fn ready_mut(&mut self) -> Option<&mut SecondSeed> {
        match self {
            Seed::Ready(s) => Some(s),
            Seed::Encoded(_) => None,
        }
    }
}

impl serde::Serialize for Seed {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match (self, ser.is_human_readable()) {
            (Seed::Encoded(b), false) => ser.serialize_bytes(b),
            (Seed::Ready(s), false) => {
                ser.serialize_bytes(&postcard::to_allocvec(&**s).map_err(serde::ser::Error::custom)?)
            }
            (_, true) => match self.get() {
                Some(s) => s.serialize(ser),
                None => Err(serde::ser::Error::custom("a second-pass seed that does not decode")),
            },
        }
    }
}

impl<'de> serde::Deserialize<'de> for Seed {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Seed, D::Error> {
        if de.is_human_readable() {
            return SecondSeed::deserialize(de).map(|s| Seed::Ready(Box::new(s)));
        }
        struct Bytes;
        impl serde::de::Visitor<'_> for Bytes {
            type Value = Seed;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a second-pass seed's bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<Seed, E> {
                Ok(Seed::Encoded(b.into()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, b: Vec<u8>) -> Result<Seed, E> {
                Ok(Seed::Encoded(b.into_boxed_slice()))
            }
        }
        de.deserialize_bytes(Bytes)
    }
}

/// What the first pass learns of a whole document that the second pass's
/// open claims need (see [`Extractor::extract_second`]): who the people
/// are, their full names, the roles and names the document gives, and who
/// last spoke before each sentence. With it the second pass reads a few
/// sentences of a document instead of all of them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SecondSeed {
    /// Surnames of the document's people, lowercased, sorted.
    pub persons: Vec<String>,
    /// Surname -> the first full form of that person's name.
    pub full_names: Vec<(String, String)>,
    /// Role noun -> the one person the document gives it.
    pub roles: Vec<(String, String)>,
    /// (last word, a name of an organisation or thing ending in it, where
    /// the name is first written), sorted: one entry per name (a map per
    /// word would cost several times the memory).
    pub named_by_last: Vec<(String, String, usize)>,
    /// (start of a sentence, the person who speaks last up to the end of
    /// it), where that person changes: "he said" later in the document
    /// is that person.
    pub last_speaker: Vec<(usize, String)>,
    /// The document's names of organisations, where each is written (see
    /// [`org_antecedent`]).
    #[serde(default)]
    pub orgs: Vec<(usize, String, bool)>,
    /// The document has a correction notice: its second pass reads the
    /// whole document, as the notice withdraws values anywhere in it.
    pub corrections: bool,
}

/// A document's sentences and which of them the second pass reads.
pub struct Live {
    sentences: Vec<Span>,
    live: Vec<bool>,
}

/// What the second pass looks for: subjects denied something somewhere in
/// the corpus, each with the word forms of the verbs denied of it.
pub struct Denied {
    /// Lowercased subject names, matched case-insensitively.
    pub names: aho_corasick::AhoCorasick,
    /// For each name (by pattern number), the forms of its denied verbs.
    pub forms: Vec<WordSet>,
    /// Every form of every name, and the longest one's length.
    any_form: WordSet,
    longest: usize,
    /// The same forms as one automaton (ASCII case ignored), to find them
    /// in a whole document without looking up each of its words.
    form_finder: Option<aho_corasick::AhoCorasick>,
}

impl Denied {
    /// The denied subjects `text` names, as whole words ("AMD", not the
    /// "amd" of "damaged"): pattern numbers, each once, sorted.
    /// Overlapping: "Chris Weitz" may be denied one verb and "Weitz"
    /// another, and a sentence naming "Chris Weitz" names both.
    fn named(&self, text: &str) -> Vec<usize> {
        let mut ids: Vec<usize> = self.names_in(text).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The pattern numbers of the whole-word matches in `text`, as found.
    fn names_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        self.names
            .find_overlapping_iter(text)
            .filter(move |m| !word(text[..m.start()].chars().next_back()) && !word(text[m.end()..].chars().next()))
            .map(|m| m.pattern().as_usize())
    }

    /// Whether `text` names a denied subject anywhere: a quick look before
    /// a document's sentences are split (it stops at the first name).
    pub fn named_in(&self, text: &str) -> bool {
        self.names_in(text).next().is_some()
    }

    /// Whether `text` names a denied subject and holds a form of a verb
    /// denied of that subject.
    pub fn matches(&self, text: &str) -> bool {
        let ids = self.named(text);
        !ids.is_empty() && self.has_form(text, &ids)
    }

    /// Whether `name` is a denied subject's and `text` holds a form of a
    /// verb denied of it.
    pub fn matches_name(&self, name: &str, text: &str) -> bool {
        let mut ids: Vec<usize> = self
            .names
            .find_overlapping_iter(name)
            .filter(|m| m.start() == 0 && m.end() == name.len())
            .map(|m| m.pattern().as_usize())
            .collect();
        ids.dedup();
        !ids.is_empty() && self.has_form(text, &ids)
    }

    /// Where `text` holds a form of any denied verb: the byte offsets of
    /// those words, in order. A sentence with none of them can name no
    /// denied subject with its verb, so only the sentences around these
    /// are looked at further.
    fn form_words(&self, text: &str, from: usize) -> Vec<usize> {
        let body = text.get(from..).unwrap_or("");
        let Some(finder) = &self.form_finder else {
            let mut buf = String::new();
            return alphabetic_words(body)
                .filter(|(_, w)| self.any_form(w, &mut buf))
                .map(|(at, _)| from + at)
                .collect();
        };
        // The forms found anywhere, kept where they are a whole word as
        // `alphabetic_words` cuts them.
        let mut out: Vec<usize> = finder
            .find_overlapping_iter(body)
            .filter(|m| starts_word(body, m.start()) && ends_word(body, m.start(), m.end()))
            .map(|m| from + m.start())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn has_form(&self, text: &str, ids: &[usize]) -> bool {
        let mut buf = String::new();
        alphabetic_words(text).any(|(_, w)| {
            // one lookup in the union first: most words are no form at all
            self.any_form(w, &mut buf) && ids.iter().any(|&i| self.forms.get(i).is_some_and(|f| f.contains(&buf)))
        })
    }

    /// Whether `word` is a form of any denied verb; `buf` is left holding
    /// it lowercased.
    fn any_form(&self, word: &str, buf: &mut String) -> bool {
        buf.clear();
        word.len() <= self.longest && {
            if word.is_ascii() {
                buf.push_str(word);
                buf.make_ascii_lowercase();
            } else {
                buf.extend(word.chars().flat_map(char::to_lowercase));
            }
            self.any_form.contains(buf.as_str())
        }
    }

    /// Denied subjects by name (lowercased, matched case-insensitively),
    /// each with the forms of the verbs denied of it.
    pub fn new(names: aho_corasick::AhoCorasick, forms: Vec<WordSet>) -> Denied {
        let any_form: WordSet = forms.iter().flatten().cloned().collect();
        let longest = any_form.iter().map(String::len).max().unwrap_or(0);
        // (ASCII forms only: the automaton ignores ASCII case alone; a
        // set with any other is looked up word by word)
        let mut sorted: Vec<&String> = any_form.iter().collect();
        sorted.sort();
        let form_finder = sorted
            .iter()
            .all(|f| f.is_ascii() && !f.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build(&sorted)
                    .ok()
            })
            .flatten();
        Denied { names, forms, any_form, longest, form_finder }
    }
}

/// Whether a word of [`alphabetic_words`] starts at byte `at` of `text`:
/// no letter before it, and no bound prefix joined to it by a hyphen
/// (unless that prefix is itself the second half of a joined word, as
/// "re" of "non-re-armed", after which "armed" stands alone).
fn starts_word(text: &str, at: usize) -> bool {
    let before = &text[..at];
    match before.chars().next_back() {
        Some(c) if c.is_alphabetic() => false,
        Some('-') => {
            let run = &before[..before.len() - 1];
            let letters = run.len() - run.trim_end_matches(char::is_alphabetic).len();
            let start = run.len() - letters;
            !(letters > 0 && crate::language::is_bound_prefix(&run[start..]) && starts_word(text, start))
        }
        _ => true,
    }
}

/// Whether the word of [`alphabetic_words`] that starts at byte `start`
/// of `text` ends at byte `end`.
fn ends_word(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    match after.chars().next() {
        Some(c) if c.is_alphabetic() => false,
        Some('-') => {
            !(after[1..].starts_with(char::is_alphabetic) && crate::language::is_bound_prefix(&text[start..end]))
        }
        _ => true,
    }
}

/// The runs of letters of `text` with their byte offsets (a bound prefix
/// joined to its word by a hyphen is one): its words as [`Denied`] reads
/// them.
fn alphabetic_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (i, c) = chars.by_ref().find(|(_, c)| c.is_alphabetic())?;
        let mut end = i + c.len_utf8();
        let run = |chars: &mut std::iter::Peekable<std::str::CharIndices>, end: &mut usize| {
            while let Some(&(j, d)) = chars.peek().filter(|(_, d)| d.is_alphabetic()) {
                *end = j + d.len_utf8();
                chars.next();
            }
        };
        run(&mut chars, &mut end);
        // "re-arm": a bound prefix and its word are one word, as the
        // language layer reads them (`language::word_spans`).
        if text[end..].starts_with('-')
            && text[end + 1..].starts_with(char::is_alphabetic)
            && crate::language::is_bound_prefix(&text[i..end])
        {
            chars.next();
            run(&mut chars, &mut end);
        }
        Some((i, &text[i..end]))
    })
}

/// The compiled vocabulary plus the rules it came from.
pub struct Extractor<'r> {
    pub rules: &'r RuleSet,
    pub lexicon: Lexicon,
    /// The linguistic layer, when a pack has an open predicate to feed.
    model: Option<&'static Model<'static>>,
    /// The open predicate of the packs (`type: open`), if any.
    open_predicate: Option<String>,
    /// Its verbs too light to compare alone.
    open_ignore: HashSet<String>,
    /// The packs' states read from the parse (`states:` of label predicates).
    states: states::StateLexicon,
    /// The number predicate that takes the parse's counts (`parsed_counts`).
    count_predicate: Option<String>,
    /// Its event verbs that count one thing, each to the first of its
    /// group (`same_events`).
    same_event: HashMap<String, String>,
    /// The date predicate that takes the days of past acts (`parsed_dates`).
    date_predicate: Option<String>,
    /// The date predicate that takes people's ages as birth dates
    /// (`parsed_ages`).
    age_predicate: Option<String>,
    /// The place predicate that takes the places of past acts
    /// (`type: place`), and its verbs of acts done once, lowercased.
    place_predicate: Option<String>,
    once: HashSet<String>,
    /// How many equal words around a figure make it one figure restated
    /// (the smallest threshold of the packs' figure-drift rules), if any.
    figure_words: Option<usize>,
    /// The packs' speech verbs, lowercased: saying something is done again
    /// and again, so it dates no act.
    speech_forms: HashSet<String>,
    /// The packs' denial verbs, lowercased: what they frame is not asserted.
    denial_forms: HashSet<String>,
    /// The model's class of a past tense verb (VERB, VBD), to lemmatise a
    /// word as one through the model's cache.
    past_class: Option<usize>,
    /// The model's class of a past participle (VERB, VBN).
    participle_class: Option<usize>,
}

/// Which pass an extraction is (see [`crate::pipeline`]).
#[derive(Clone, Copy, Default)]
struct Pass<'d> {
    /// Which clauses are parsed for open claims: those with a negation
    /// word always; with `Some` (the second pass), also those naming a
    /// subject denied something somewhere in the corpus together with a
    /// form of that verb, and only those.
    denied: Option<&'d Denied>,
}

impl Pass<'_> {
    /// Extracting for the second pass: parse only the clauses `denied`
    /// adds.
    fn second(&self) -> bool {
        self.denied.is_some()
    }
}

/// Spans of time: "served 41 months", "took three hours" are durations,
/// not counts of what an event involved.
const DURATIONS: [&str; 19] = [
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "a",
    "am",
    "pm",
    "p",
    "percentage",
];

/// Words in -ing that open a phrase, not a clause with the sentence's
/// subject ("..., including IE11", "..., according to police").
const PREPOSITION_PARTICIPLES: [&str; 9] =
    ["including", "according", "following", "regarding", "concerning", "excluding", "during", "pending", "barring"];

/// Words that open a gerund clause whose subject is its sentence's
/// ("after reporting", "by cutting").
const GERUND_MARKS: [&str; 8] = ["after", "before", "while", "since", "by", "without", "upon", "when"];

/// Plurals without an -s, and shares, that a count may name.
const PLURALS: [&str; 12] = [
    "people",
    "children",
    "men",
    "women",
    "police",
    "staff",
    "personnel",
    "percent",
    "cattle",
    "feet",
    "crew",
    "troops",
];

/// The birth dates a person's age on the report's day allows, as a claim
/// of the date predicate `pred` about that person.
fn age_claim(
    n: &NameRun,
    age: ages::Age,
    day: NaiveDate,
    pred: &str,
    persons: &WordSet,
    full_names: &HashMap<String, String>,
) -> RawClaim {
    let (name, _) = person_name(n, persons, full_names);
    RawClaim {
        // A person by the full name: two people of one family are two
        // ("John Jenkin, 23, and his sister Katie Jenkin, 20").
        subject: EventSig {
            class: "person".into(),
            participants: std::iter::once(name.to_lowercase()).collect(),
            place: None,
            pack_id: None,
        },
        subject_label: name.clone(),
        subject_head: name.to_lowercase(),
        predicate: pred.to_string(),
        object: format!("aged {}", age.years),
        date_value: ages::birth_span(age.years, day),
        quantity: None,
        open_object: None,
        polarity: Polarity::Positive,
        modality: Modality::Asserted,
        // An age is of the day it is reported for, or of the event the
        // report recalls ("Ortiz, 35," in a trial story two years after
        // his death): ages are compared only between reports of one day.
        valid: Some(TimeSpan::day(day)),
        valid_origin: TimeOrigin::Dateline,
        said_by: None,
        span: n.span.cover(&age.span),
        cue: age.span,
        state: false,
        perfect_denial: false,
        polarity_cue: None,
        modality_cue: None,
    }
}

/// Finite auxiliaries, and the copula "remain": a clause that opens with
/// one lacks its subject.
const AUXILIARIES: [&str; 20] = [
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "did", "does", "do", "can", "could", "may",
    "might", "must", "should", "remains", "remain",
];

/// How far back a negated present perfect ("has not signed") reaches.
const PERFECT_DENIAL_DAYS: u64 = 14;

/// The longest clause the open predicate parses.
const MAX_CLAUSE_WORDS: usize = 150;

/// When, in what mood and by whom a claim at `at` in clause `c` is said.
struct ClaimContext {
    modality: Modality,
    /// The hedge or plan word that sets `modality`.
    modality_cue: Option<Span>,
    valid: Option<TimeSpan>,
    origin: TimeOrigin,
    said_by: Option<String>,
    /// A time expression of the clause, resolved, with its passage.
    clause_time: Option<(Span, TimeSpan)>,
}

impl<'r> Extractor<'r> {
    pub fn new(rules: &'r RuleSet) -> Extractor<'r> {
        let open_predicate =
            rules.predicates.iter().find(|(_, p)| p.value_type == ValueType::Open).map(|(n, _)| n.clone());
        let count_predicate = rules
            .predicates
            .iter()
            .find(|(_, p)| p.value_type == ValueType::Number && p.parsed_counts)
            .map(|(n, _)| n.clone());
        let date_predicate = rules
            .predicates
            .iter()
            .find(|(_, p)| p.value_type == ValueType::Date && p.parsed_dates)
            .map(|(n, _)| n.clone());
        // (a verb in two groups keeps the first group's)
        let mut same_event: HashMap<String, String> = HashMap::default();
        for group in count_predicate.iter().flat_map(|p| &rules.predicates[p].same_events) {
            let Some(first) = group.first() else { continue };
            let first = same_event.get(first).cloned().unwrap_or_else(|| first.clone());
            for verb in group {
                same_event.entry(verb.clone()).or_insert_with(|| first.clone());
            }
        }
        let age_predicate = rules
            .predicates
            .iter()
            .find(|(_, p)| p.value_type == ValueType::Date && p.parsed_ages)
            .map(|(n, _)| n.clone());
        let place_predicate =
            rules.predicates.iter().find(|(_, p)| p.value_type == ValueType::Place).map(|(n, _)| n.clone());
        let once = place_predicate
            .as_ref()
            .and_then(|p| rules.predicates.get(p))
            .map(|p| p.once.iter().map(|w| w.to_lowercase()).collect())
            .unwrap_or_default();
        let wants_parse = open_predicate.is_some()
            || count_predicate.is_some()
            || date_predicate.is_some()
            || place_predicate.is_some()
            || rules.predicates.values().any(|p| !p.states.is_empty());
        let model = if wants_parse { language::embedded().ok() } else { None };
        let states = states::StateLexicon::new(rules, model);
        let open_ignore = open_predicate
            .as_ref()
            .and_then(|p| rules.predicates.get(p))
            .map(|p| p.ignore.iter().map(|w| w.to_lowercase()).collect())
            .unwrap_or_default();
        let figure_words = rules
            .conflicts
            .iter()
            .filter(|c| c.kind == crate::rules::ConflictKind::FigureDrift)
            .map(|c| c.threshold.max(1.0) as usize)
            .min();
        Extractor {
            rules,
            figure_words,
            lexicon: Lexicon::new(rules),
            model,
            open_predicate,
            open_ignore,
            states,
            count_predicate,
            same_event,
            date_predicate,
            age_predicate,
            place_predicate,
            once,
            speech_forms: rules.language.speech_verbs.iter().map(|w| w.to_lowercase()).collect(),
            denial_forms: rules.language.denial_verbs.iter().map(|w| w.to_lowercase()).collect(),
            past_class: model.and_then(|m| m.class_of("VERB", "VBD")),
            participle_class: model.and_then(|m| m.class_of("VERB", "VBN")),
        }
    }

    #[allow(clippy::too_many_arguments)]
    /// Modality from the pack's hedge and future words before `at` in the
    /// clause; valid time from a time expression in the clause, else the
    /// speech time, else the dateline; the nearest speaker.
    fn context(
        &self,
        text: &str,
        doc: &Document,
        s: &Sent,
        c: Span,
        at: Span,
        speakers: &[Speaker],
        state: bool,
    ) -> ClaimContext {
        let scoped = |h: &Hit, tag: &Tag| {
            h.tag == *tag && c.contains(h.span.start) && h.span.start < at.start && governs(text, h.span, at)
        };
        // A hedge that opens the sentence ("If the application needs 10
        // servers, the software finds 10 servers"; "Perhaps ...") governs
        // its later clauses too, which are parsed apart from it.
        let opens = |h: &Hit| {
            h.tag == Tag::Hedge
                && h.span.start < c.start
                && text.get(s.span.start..h.span.start).is_some_and(|p| !p.chars().any(char::is_alphanumeric))
        };
        let (modality, modality_cue) = if let Some(h) = s.hits.iter().find(|h| scoped(h, &Tag::Hedge) || opens(h)) {
            (Modality::Hedged, Some(h.span))
        } else if let Some(h) = s.hits.iter().find(|h| scoped(h, &Tag::Future)) {
            (Modality::Forecast, Some(h.span))
        } else {
            (Modality::Asserted, None)
        };
        let clause_time = s
            .times
            .iter()
            .filter(|m| {
                c.contains(m.start) && !speakers.iter().any(|sp| sp.time_span == Some(Span::new(m.start, m.end)))
            })
            .min_by_key(|m| (m.start as i64 - at.start as i64).abs());
        let speaker = speakers.iter().min_by_key(|sp| (sp.verb.start as i64 - at.start as i64).abs());
        let speech_time = speaker.and_then(|sp| sp.time.clone());
        let (valid, origin) = if !state {
            (None, TimeOrigin::Timeless)
        } else if let Some(t) = clause_time.filter(|t| t.span.is_some()) {
            let e = &text[t.start..t.end];
            (t.span.map(|ts| state_window(ts, doc.date)), TimeOrigin::Expression(e.to_string()))
        } else if let Some((e, ts)) = speech_time {
            (Some(ts), TimeOrigin::Speech(e))
        } else if let Some(d) = doc.date {
            (Some(TimeSpan::day(d)), TimeOrigin::Dateline)
        } else {
            (None, TimeOrigin::Unknown)
        };
        ClaimContext {
            modality,
            modality_cue,
            valid,
            origin,
            said_by: speaker.map(|sp| sp.name.clone()),
            clause_time: clause_time.and_then(|t| t.span.map(|ts| (Span::new(t.start, t.end), ts))),
        }
    }

    /// The sentences of `doc` and which of them name a subject `denied`
    /// names together with a form of a verb denied of it, when any does:
    /// only then can a clause of the document take part in the second
    /// pass, and finding out costs a sentence split, not an extraction.
    /// The caller looks first whether the document names a denied subject
    /// at all ([`Denied::named_in`]): most do not, and their seeds need no
    /// decoding.
    pub fn live_sentences(&self, doc: &Document, denied: &Denied, seed: Option<&SecondSeed>) -> Option<Live> {
        let text = doc.text.as_str();
        let nouns = &self.lexicon.organisation_nouns;
        let resolve = |head: &str, at: usize| {
            let seed = seed?;
            org_antecedent_in(&seed.orgs, nouns, head, at).or_else(|| {
                let named = seed.named_by_last.iter().filter(|(last, _, _)| last == head);
                one_named(named.map(|(_, name, first)| (name, *first)), at)
            })
        };
        // Only a sentence holding a form of a denied verb can be live: the
        // forms are found once, and most sentences are never searched for
        // names.
        let forms = denied.form_words(text, doc.body_start);
        if forms.is_empty() {
            return None;
        }
        let sentences = text::sentences(text, doc.body_start, &self.rules.boilerplate);
        let live: Vec<bool> = sentences
            .iter()
            .map(|s| {
                let first = forms.partition_point(|&at| at < s.start);
                forms.get(first).is_some_and(|&at| at < s.end)
                    && (denied.matches(&text[s.start..s.end]) || self.anaphor_denied(text, *s, denied, resolve))
            })
            .collect();
        live.contains(&true).then_some(Live { sentences, live })
    }

    /// Whether span `s` says "the airline" or "the city" of a denied
    /// subject, with a form of a verb denied of it: the phrase stands for
    /// the name `resolve` gives it at that place (the one organisation
    /// named before, the one name ending with the noun).
    fn anaphor_denied(
        &self,
        text: &str,
        s: Span,
        denied: &Denied,
        resolve: impl Fn(&str, usize) -> Option<String>,
    ) -> bool {
        let part = &text[s.start..s.end];
        let mut after_the = false;
        for (i, word) in alphabetic_words(part) {
            // (lowercased only after "the": most words are not)
            if after_the && resolve(&word.to_lowercase(), s.start + i).is_some_and(|n| denied.matches_name(&n, part)) {
                return true;
            }
            after_the = word.eq_ignore_ascii_case("the");
        }
        false
    }

    /// The second pass over one document whose [`Extractor::live_sentences`]
    /// found some, given what its first pass learnt of it (`seed`). With
    /// a seed only the live sentences are read; a document with a
    /// correction notice, or without a seed, is read whole.
    pub fn extract_second(
        &self,
        doc: &Document,
        denied: &Denied,
        live: Live,
        seed: Option<&SecondSeed>,
    ) -> DocExtraction {
        let Some(seed) = seed.filter(|s| !s.corrections) else {
            return self.extract_with(doc, Pass { denied: Some(denied) }, Some(live));
        };
        let text = doc.text.as_str();
        let lx = &self.lexicon;
        let persons: WordSet = seed.persons.iter().cloned().collect();
        let full_names: HashMap<String, String> = seed.full_names.iter().cloned().collect();
        let roles: HashMap<String, String> = seed.roles.iter().cloned().collect();
        let mut named_by_last: NamedByLast = HashMap::new();
        for (last, name, at) in &seed.named_by_last {
            named_by_last.entry(last.clone()).or_default().insert(name.clone(), *at);
        }
        let mut out = DocExtraction::default();
        let mut open_names: HashMap<String, BTreeSet<String>> = HashMap::new();
        let pass = Pass { denied: Some(denied) };
        for (&span, _) in live.sentences.iter().zip(&live.live).filter(|(_, l)| **l) {
            let tokens = text::tokens::tokenize_span(text, span);
            let hits: Vec<Hit> = lx.scan_span(text, span);
            let clauses = text::clauses_of_tokens(text, span, &tokens, &|w| lx.clause_breaks.contains(w));
            let names = names::name_runs(text, &tokens, lx, &|w| self.function_word(w));
            let mut s = Sent { span, t0: 0, t1: tokens.len(), clauses, hits, names, times: Vec::new() };
            s.read_times(text, &tokens, doc.date);
            let mut last = seed.last_speaker.iter().rev().find(|(at, _)| *at < span.start).map(|(_, p)| p.clone());
            let speakers = attribution(text, &s, &persons, &full_names, lx, &mut last);
            let doc_cx = DocContext {
                text,
                stopwords: &lx.stopwords,
                mentions: &[],
                persons: &persons,
                roles: &roles,
                named_by_last: &named_by_last,
                orgs: &seed.orgs,
                organisation_nouns: &lx.organisation_nouns,
                claims_from: out.claims.len(),
            };
            self.open_claims(text, doc, &s, &tokens, &doc_cx, &speakers, &mut open_names, &mut out, pass);
        }
        out
    }

    /// Whether the model's tag dictionary makes `word` (lowercased) a
    /// function word, which begins no name where a sentence opens.
    fn function_word(&self, word: &str) -> bool {
        self.model.is_some_and(|m| m.function_word(word))
    }

    /// Extract one document.
    pub fn extract(&self, doc: &Document) -> DocExtraction {
        self.extract_with(doc, Pass::default(), None)
    }

    /// Extract one document in a given pass; the second pass comes with
    /// the sentences and the live ones already found.
    fn extract_with(&self, doc: &Document, pass: Pass, known: Option<Live>) -> DocExtraction {
        let text = doc.text.as_str();
        let lx = &self.lexicon;
        let (sentences, known_live) = match known {
            Some(Live { sentences, live }) => (sentences, Some(live)),
            None => (text::sentences(text, doc.body_start, &self.rules.boilerplate), None),
        };
        let hits = lx.scan(text, doc.body_start);
        let tokens = tokenize(text);
        let mut out = DocExtraction::default();

        // Per sentence: tokens, clauses, names, times.
        let mut sents: Vec<Sent> = Vec::with_capacity(sentences.len());
        for s in &sentences {
            let t0 = tokens.partition_point(|t| t.start < s.start);
            let t1 = tokens.partition_point(|t| t.start < s.end);
            let toks = &tokens[t0..t1];
            let clauses = text::clauses_of_tokens(text, *s, toks, &|w| lx.clause_breaks.contains(w));
            let h0 = hits.partition_point(|h| h.span.start < s.start);
            let h1 = hits.partition_point(|h| h.span.start < s.end);
            let shits: Vec<Hit> = hits[h0..h1].iter().filter(|h| h.span.end <= s.end).cloned().collect();
            let names = names::name_runs(text, toks, lx, &|w| self.function_word(w));
            sents.push(Sent { span: *s, t0, t1, clauses, hits: shits, names, times: Vec::new() });
        }

        // People: multi-word names with a role word or a speech verb after them.
        let mut persons = WordSet::default();
        let mut speaking = WordSet::default();
        for (i, e) in self.rules.entities.iter().enumerate() {
            if lx.entity_kinds[i] == EntityKind::Person {
                for n in &e.names {
                    if let Some(last) = n.split_whitespace().last() {
                        persons.insert(last.to_lowercase());
                    }
                }
            }
        }
        for s in &sents {
            for n in &s.names {
                let speaks = s.hits.iter().any(|h| {
                    h.tag == Tag::Speech
                        && h.span.start >= n.span.end
                        && text[n.span.end..h.span.start].trim_matches([' ', ',']).is_empty()
                });
                // "Anna Keller, who leads ...": "who" is said of people.
                let who = text[n.span.end..s.span.end].trim_start_matches([',', ' ']).starts_with("who ");
                if n.words.len() >= 2 && (n.titled || speaks || who) || n.words.len() == 1 && who {
                    persons.insert(n.surname());
                }
                // "Okonkwa said": a surname alone may be a person's (or an
                // organisation's: "Apple said"); the spelling rule compares
                // it with its document's full names only.
                if n.words.len() == 1 && speaks {
                    speaking.insert(n.surname());
                }
            }
        }
        // An organisation, a place or an office is no person ("New York
        // Police said", "Fire Marshal").
        let no_person = |n: &NameRun| n.words.iter().any(|w| lx.not_person.contains(&w.to_lowercase()));
        for s in &sents {
            for n in s.names.iter().filter(|n| no_person(n)) {
                persons.remove(&n.surname());
            }
        }
        // Every full mention of a person, titled or not, for the spelling rule.
        for s in &sents {
            for n in s.names.iter().filter(|n| {
                let known = persons.contains(&n.surname()) || n.words.len() == 1 && speaking.contains(&n.surname());
                known && !no_person(n) && (n.words.len() >= 2 || !n.possessive)
            }) {
                out.persons.push(PersonMention { span: n.span, words: n.words.clone() });
            }
        }

        // A capitalised common word opening a sentence ("News of the
        // closure spread") is no name: taken for one, it would stand alone
        // in the corpus and make every name ending with it one party
        // ("Anchorage Daily News" and "CNN News" both "news").
        let opening_common = |s: &Sent, n: &NameRun| {
            n.words.len() == 1
                && !text.get(s.span.start..n.span.start).is_some_and(|t| t.chars().any(char::is_alphanumeric))
                && self.model.is_some_and(|m| m.common_word(&n.words[0].to_lowercase()))
        };
        let names: BTreeSet<String> = sents
            .iter()
            .flat_map(|s| s.names.iter().filter(|n| !opening_common(s, n)).map(|n| n.full().to_lowercase()))
            .collect();
        out.names = names.into_iter().map(String::into_boxed_str).collect();

        // The first full form of each person's name in this document.
        let mut full_names: HashMap<String, String> = HashMap::new();
        for p in out.persons.iter().filter(|p| p.words.len() >= 2) {
            if let Some(last) = p.words.last() {
                full_names.entry(last.to_lowercase()).or_insert_with(|| p.words.join(" "));
            }
        }

        // Roles: "Ruth Malone, the regional transport commissioner,",
        // "the commissioner, Ruth Malone,", "Sheriff Ada Okonkwo":
        // later, "the commissioner" is that person, when the document gives
        // the role to one person only.
        let roles = person_roles(text, &sents, &persons, lx);

        let mut named_by_last: NamedByLast = HashMap::new();
        for n in sents.iter().flat_map(|s| &s.names) {
            if n.words.len() >= 2 && !persons.contains(&n.surname()) {
                let last = n.words.last().map(|w| w.to_lowercase()).unwrap_or_default();
                named_by_last.entry(last).or_default().entry(n.full().to_lowercase()).or_insert(n.span.start);
            }
        }

        // Places: names this document puts after "in" or "at".
        let mut places = WordSet::default();
        for s in &sents {
            for n in &s.names {
                let k = n.first_token + s.t0;
                let before = |d: usize| k.checked_sub(d).and_then(|i| tokens.get(i)).and_then(|t| t.word());
                if !persons.contains(&n.surname()) && events::after_place_preposition(before, &lx.premises) {
                    places.insert(n.full().to_lowercase());
                }
            }
        }

        let orgs = organisations(text, &sents, &persons, &places);

        // The second pass reads only the sentences that name a subject
        // denied something elsewhere with a form of that verb: the others
        // give it nothing, so their times, events, cue claims and quotes
        // are not read again.
        let live: Vec<bool> = known_live.unwrap_or_else(|| vec![true; sents.len()]);

        // Time expressions, each resolved with the bias of its clause.
        for (s, _) in sents.iter_mut().zip(&live).filter(|(_, l)| **l) {
            s.read_times(text, &tokens[s.t0..s.t1], doc.date);
            for m in &s.times {
                if let Some((written, date)) = m.weekday_mismatch {
                    out.weekday_issues.push(WeekdayIssue { span: Span::new(m.start, m.end), written, date });
                }
            }
        }
        if let Some(n) = self.figure_words.filter(|_| !pass.second()) {
            let times: Vec<&TimeMention> = sents.iter().flat_map(|s| &s.times).collect();
            let function = |w: &str| lx.function_words.contains(w);
            let read: Vec<&[Token]> = sents.iter().map(|s| &tokens[s.t0..s.t1]).collect();
            out.figures = figures::restated(text, &read, &times, &function, n);
        }

        // Event mentions, in document order, then definite anaphora (not
        // in the second pass, whose open claims do not use them).
        let mut mentions: Vec<EventMention> = Vec::new();
        for s in sents.iter().filter(|_| !pass.second()) {
            let time_spans: Vec<Span> = s.times.iter().map(|m| Span::new(m.start, m.end)).collect();
            let cx = events::Ctx {
                text,
                tokens: &tokens[s.t0..s.t1],
                names: &s.names,
                persons: &persons,
                places: &places,
                titles: &lx.titles,
                premises: &lx.premises,
                times: &time_spans,
            };
            for c in &s.clauses {
                let pack: Vec<&Hit> = s
                    .hits
                    .iter()
                    .filter(|h| {
                        c.contains(h.span.start)
                            && matches!(h.tag, Tag::Entity(i) if lx.entity_kinds[i] == EntityKind::Event)
                    })
                    .collect();
                for h in &pack {
                    if let Tag::Entity(i) = h.tag {
                        let e = &self.rules.entities[i];
                        let class = e.class.clone().unwrap_or_else(|| "event".into());
                        // Read the event noun inside the name like any other
                        // mention, so the pack id also claims the generic
                        // signature ("Keller-Varga conference in Oslo").
                        let noun = s.hits.iter().find(|n| {
                            h.span.start <= n.span.start
                                && n.span.end <= h.span.end
                                && matches!(n.tag, Tag::EventNoun { .. })
                        });
                        let mut m = match noun {
                            Some(n) => events::noun_mention(&cx, n.span, &text[n.span.start..n.span.end], &class, *c),
                            None => EventMention {
                                span: h.span,
                                head: class.clone(),
                                sig: EventSig {
                                    class: class.clone(),
                                    participants: Default::default(),
                                    place: None,
                                    pack_id: None,
                                },
                                definite: true,
                                verb: false,
                                resolved: true,
                                label: String::new(),
                            },
                        };
                        m.span = h.span;
                        m.sig.pack_id = Some(e.id.clone());
                        m.resolved = true;
                        m.definite = true;
                        m.label = e.names[0].clone();
                        mentions.push(m);
                    }
                }
                for h in s.hits.iter().filter(|h| c.contains(h.span.start) && h.span.end <= c.end) {
                    if pack.iter().any(|p| p.span.overlaps(&h.span)) {
                        continue;
                    }
                    let htext = &text[h.span.start..h.span.end];
                    match &h.tag {
                        Tag::EventNoun { class } => mentions.push(events::noun_mention(&cx, h.span, htext, class, *c)),
                        Tag::EventVerb { class } => mentions.push(events::verb_mention(&cx, h.span, htext, class, *c)),
                        _ => {}
                    }
                }
            }
        }
        mentions.sort_by_key(|m| m.span.start);
        events::resolve_anaphora(&mut mentions);
        if self.place_predicate.is_some() {
            out.nested_places = self.nested_places(text, &tokens, &sents, &persons);
        }

        if !pass.second() {
            out.seed = Some(Seed::Ready(Box::new(SecondSeed {
                persons: persons.iter().cloned().collect::<BTreeSet<_>>().into_iter().collect(),
                full_names: sorted_pairs(&full_names),
                roles: sorted_pairs(&roles),
                named_by_last: named_by_last
                    .iter()
                    .flat_map(|(k, v)| v.iter().map(|(n, at)| (k.clone(), n.clone(), *at)))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                last_speaker: Vec::new(),
                orgs: orgs.clone(),
                corrections: sents.iter().any(|s| s.hits.iter().any(|h| h.tag == Tag::Correction)),
            })));
        }

        // Claims, quotes.
        let doc_quotes = text::quotes(text, doc.body_start);
        let mut last_person_speaker: Option<String> = None;
        let mut open_names: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (s, &live) in sents.iter().zip(&live) {
            let speakers = attribution(text, s, &persons, &full_names, lx, &mut last_person_speaker);
            if let Some(p) = last_person_speaker.as_ref().filter(|_| !pass.second()) {
                if let Some(seed) = out
                    .seed
                    .as_mut()
                    .and_then(Seed::ready_mut)
                    .filter(|s| s.last_speaker.last().is_none_or(|(_, q)| q != p))
                {
                    seed.last_speaker.push((s.span.start, p.clone()));
                }
            }
            if !live {
                continue;
            }
            let claims_from = out.claims.len();
            for c in s.clauses.iter().filter(|_| !pass.second()) {
                self.claims_in_clause(text, doc, s, *c, &mentions, &speakers, &mut out.claims);
            }
            if let (Some(pred), Some(day), false) = (&self.age_predicate, doc.date, pass.second()) {
                // An age next to a full name says it is a person's.
                let person = |n: &NameRun| n.words.len() >= 2 || persons.contains(&n.surname());
                for n in s.names.iter().filter(|n| person(n) && !no_person(n) && !n.possessive) {
                    if let Some(age) = ages::next_to(text, n.span) {
                        out.claims.push(std::sync::Arc::new(age_claim(n, age, day, pred, &persons, &full_names)));
                    }
                }
            }
            let doc_cx = DocContext {
                text,
                stopwords: &lx.stopwords,
                mentions: &mentions,
                persons: &persons,
                roles: &roles,
                named_by_last: &named_by_last,
                orgs: &orgs,
                organisation_nouns: &lx.organisation_nouns,
                claims_from,
            };
            self.open_claims(text, doc, s, &tokens[s.t0..s.t1], &doc_cx, &speakers, &mut open_names, &mut out, pass);
            let first_quote = doc_quotes.partition_point(|q| q.outer.start < s.span.start);
            let quotes = if pass.second() { &[][..] } else { &doc_quotes[first_quote..] };
            for q in quotes.iter().take_while(|q| q.outer.start < s.span.end) {
                let words = text[q.inner.start..q.inner.end].split_whitespace().count();
                if words >= 3 {
                    // Who said it: the first person the sentence names
                    // outside the quote, the subject of the sentence as a
                    // rule ("Keller, who trails Varga by 37 votes,
                    // told supporters that ...", "the line Keller used:
                    // ..."), not one named in a possessive; else the person
                    // the attribution names; else whoever it names.
                    let named = s
                        .names
                        .iter()
                        .filter(|n| !q.outer.contains(n.span.start) && !n.possessive && persons.contains(&n.surname()))
                        .map(|n| person_name(n, &persons, &full_names).0)
                        .next();
                    let person_speaker = || speakers.iter().find(|x| x.person).map(|x| x.name.clone());
                    let (speaker, person) = match named.or_else(person_speaker) {
                        Some(p) => (Some(p), true),
                        None => (speakers.first().map(|x| x.name.clone()), false),
                    };
                    let around = s
                        .names
                        .iter()
                        .filter(|n| !q.outer.contains(n.span.start))
                        .map(|n| n.full().to_lowercase())
                        .collect();
                    out.quotes.push(QuoteMention { inner: q.inner, speaker, speaker_is_person: person, around });
                }
            }
        }
        corrections::apply(text, &sents, &tokens, &mut out);
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn claims_in_clause(
        &self,
        text: &str,
        doc: &Document,
        s: &Sent,
        c: Span,
        mentions: &[EventMention],
        speakers: &[Speaker],
        out: &mut Vec<std::sync::Arc<RawClaim>>,
    ) {
        let in_clause = |h: &&Hit| c.contains(h.span.start) && h.span.end <= c.end;
        let cues: Vec<&Hit> = s.hits.iter().filter(in_clause).filter(|h| matches!(h.tag, Tag::Cue { .. })).collect();
        // A sentence that calls something both good and bad ("constructive but
        // inconclusive") is mixed: no claim either way.
        let poles: BTreeSet<&str> = s
            .hits
            .iter()
            .filter_map(|h| match &h.tag {
                Tag::Cue { predicate, value } if self.value_type(predicate) == ValueType::Scale => Some(value.as_str()),
                _ => None,
            })
            .collect();
        let mixed = poles.len() > 1;
        let clause_mentions: Vec<&EventMention> = starting_in(mentions, c).filter(|m| m.span.end <= c.end).collect();
        for cue in cues {
            let Tag::Cue { predicate, value } = &cue.tag else { continue };
            let Some(pd) = self.rules.predicates.get(predicate) else { continue };
            if pd.value_type == ValueType::Scale && mixed {
                continue;
            }
            // The subject: the nearest event mention before the cue, else after;
            // a verb mention may be the cue itself ("met").
            let before = clause_mentions
                .iter()
                .filter(|m| m.span.end <= cue.span.start || (m.verb && m.span.overlaps(&cue.span)))
                .max_by_key(|m| m.span.end);
            let after = clause_mentions.iter().filter(|m| m.span.start >= cue.span.end).min_by_key(|m| m.span.start);
            let Some(subject) = before.or(after).filter(|m| m.resolved) else { continue };
            // Negation: an odd number of negators between subject and cue,
            // at most four words before the cue.
            let from = if subject.span.end <= cue.span.start { subject.span.end } else { c.start };
            let window_start = nth_word_back(text, cue.span.start, 4).max(from);
            let negators: Vec<Span> = s
                .hits
                .iter()
                .filter(|h| h.tag == Tag::Negation && h.span.start >= window_start && h.span.end <= cue.span.start)
                .map(|h| h.span)
                .collect();
            let polarity = if negators.len() % 2 == 1 { Polarity::Negative } else { Polarity::Positive };
            let cx = self.context(text, doc, s, c, cue.span, speakers, pd.state);
            let mut span = subject.span.cover(&cue.span);
            let mut date_value = None;
            let mut quantity = None;
            if pd.value_type == ValueType::Number {
                let Some((at, mut q)) = quantity_before(text, cue.span.start, c.start) else { continue };
                q.text = format!("{} {}", q.text, &text[cue.span.start..cue.span.end]);
                span = span.cover(&Span::new(at, cue.span.end));
                quantity = Some(Box::new(q));
            }
            let (valid, valid_origin) = if pd.value_type == ValueType::Date {
                let Some((tspan, ts)) = cx.clause_time else { continue };
                date_value = Some(ts);
                span = span.cover(&tspan);
                (None, TimeOrigin::Timeless)
            } else {
                (cx.valid, cx.origin)
            };
            let modality = cx.modality;
            out.push(std::sync::Arc::new(RawClaim {
                subject: subject.sig.clone(),
                subject_label: subject.label.clone(),
                subject_head: subject.head.clone(),
                predicate: predicate.clone(),
                object: value.clone(),
                date_value,
                quantity,
                open_object: None,
                polarity,
                modality,
                valid,
                valid_origin,
                said_by: cx.said_by,
                span,
                cue: cue.span,
                state: pd.state,
                perfect_denial: false,
                polarity_cue: (polarity == Polarity::Negative).then(|| negators.last().copied()).flatten(),
                modality_cue: cx.modality_cue,
            }));
        }
    }

    /// Claims of the open predicate, from the parse of sentence `s`.
    /// A subject must be tied to a name: its own ("Pier 9", "the
    /// Westfield fire"), or for a definite phrase ("the fire") the names
    /// of the last phrase with the same head in this document. Pronouns and
    /// bare common nouns give no claim: ambiguous means dropped.
    #[allow(clippy::too_many_arguments)]
    fn open_claims(
        &self,
        text: &str,
        doc: &Document,
        s: &Sent,
        tokens: &[Token],
        dcx: &DocContext,
        speakers: &[Speaker],
        names_by_head: &mut HashMap<String, BTreeSet<String>>,
        doc_out: &mut DocExtraction,
        pass: Pass,
    ) {
        let Some(model) = self.model else { return };
        // Parse only sentences with a clause that can take part in a
        // finding: a negated claim, the assertion of a verb denied somewhere
        // (of a subject denied somewhere), or a state word. Parsing is the
        // costliest step of the pipeline.
        let mut cands: Vec<Candidate> = Vec::new();
        for &c in &s.clauses {
            let mut t0 = tokens.partition_point(|t| t.start < c.start);
            let t1 = tokens.partition_point(|t| t.start < c.end);
            // A clause that opens with a past tense or an auxiliary has its
            // subject in the clauses before it ("Ann Lee, the commissioner,
            // signed off ..."; "Cruz, who announced his bid last month, is
            // not aiming ..."): it is read from the start of the sentence.
            // An irregular past counts as one when the clauses before it
            // hold no verb of their own ("Day one of the recount, on
            // Monday, went smoothly"; not "... were damaged, the governor
            // told ISNA").
            let verb = |t: &Token| match &t.kind {
                Kind::Word { text, cap: false } => {
                    text.len() > 4 && text.ends_with("ed") || AUXILIARIES.contains(&text.as_str())
                }
                _ => false,
            };
            let irregular = |t: &Token| match &t.kind {
                Kind::Word { text, cap: false } => self.past_form(model, text),
                _ => false,
            };
            let past_first = tokens
                .get(t0)
                .is_some_and(|t| verb(t) || irregular(t) && !tokens[..t0].iter().any(|p| verb(p) || irregular(p)));
            // So does a gerund clause ("... after reporting revenue of $4.3
            // billion"): its subject is the sentence's.
            let gerund_first = tokens.get(t0).and_then(|t| t.word()).is_some_and(|w| GERUND_MARKS.contains(&w))
                && tokens.get(t0 + 1).and_then(|t| t.word()).is_some_and(|w| w.len() > 5 && w.ends_with("ing"));
            // So does a participle clause after a comma that counts
            // something ("the pipeline exploded, killing eight people";
            // "California is a breadbasket, growing more than a third of its
            // vegetables"): the count is of the sentence's subject's event.
            // (Not any participle clause: "X signed off the subsidy, a
            // spokeswoman said, allowing Y to ..." reads best alone.)
            let participle_first = t0 > 0
                && tokens[t0 - 1].is_punct(',')
                // (after a clause with a verb, not a headline's phrase)
                && tokens[..t0].iter().any(|p| verb(p) || irregular(p))
                && tokens.get(t0).is_some_and(|t| {
                    matches!(&t.kind, Kind::Word { text, cap: false }
                        if text.len() > 5 && text.ends_with("ing") && !PREPOSITION_PARTICIPLES.contains(&text.as_str()))
                })
                && tokens[t0..t1].iter().any(|t| match &t.kind {
                    Kind::Num { ordinal, .. } => !ordinal,
                    Kind::Word { text, .. } => {
                        language::numbers::value(text).is_some() || language::numbers::fraction(text).is_some()
                    }
                    _ => false,
                });
            // So does a relative clause ("Kowal, who was born in ..."): its
            // subject is the noun before it.
            let relative_first = tokens.get(t0).and_then(|t| t.word()).is_some_and(|w| matches!(w, "who" | "which"));
            let c = match tokens.first() {
                Some(first) if t0 > 0 && (past_first || gerund_first || participle_first || relative_first) => {
                    t0 = 0;
                    Span::new(first.start, c.end)
                }
                _ => c,
            };
            let negated = s.hits.iter().any(|h| h.tag == Tag::Negation && c.contains(h.span.start));
            let denied = || {
                pass.denied.is_some_and(|d| {
                    d.matches(&text[c.start..c.end])
                        || self.anaphor_denied(text, c, d, |head, at| {
                            org_antecedent(dcx, head, at).or_else(|| {
                                let named = dcx.named_by_last.get(head)?;
                                one_named(named.iter().map(|(n, first)| (n, *first)), at)
                            })
                        })
                })
            };
            // A state the pack's cue phrases already read in this clause
            // needs no parse.
            let cued = doc_out.claims[dcx.claims_from..]
                .iter()
                .any(|k| c.contains(k.cue.start) && self.states.has_predicate(&k.predicate));
            let stated = !cued && self.states.candidate(tokens[t0..t1].iter().filter_map(|t| t.word()));
            // A hedged or planned clause gives no count ("more than 500
            // people are expected to attend").
            let unsure = s.hits.iter().any(|h| matches!(h.tag, Tag::Hedge | Tag::Future) && c.contains(h.span.start));
            // A number that is not part of a date or a clock time.
            let counted = self.count_predicate.is_some()
                && !unsure
                && (t0..t1).any(|k| {
                    let t = &tokens[k];
                    let number = match &t.kind {
                        Kind::Num { ordinal, .. } => !ordinal,
                        // (capitalised only where a sentence opens: "Three
                        // passengers were hurt", not a title's "Three Kings")
                        Kind::Word { text, cap } => {
                            (!cap || tokens[..k].iter().all(|p| matches!(p.kind, Kind::Punct(_))))
                                && text.len() > 2
                                && language::numbers::value(text).is_some()
                        }
                        _ => false,
                    };
                    // ... right before a lowercase noun that is not a span of
                    // time ("48 mail ballots", not "20 years", "3 p.m.", "No. 1").
                    // A count of more than one names a plural ("48 mail
                    // ballots", "87 percent", "300 people").
                    let counts = || {
                        tokens[k + 1..t1.min(k + 4)].iter().any(|n| match &n.kind {
                            Kind::Word { text, cap: false } => {
                                !DURATIONS.contains(&text.as_str())
                                    && (text.len() > 3 && text.ends_with('s') && !text.ends_with("ss")
                                        || PLURALS.contains(&text.as_str()))
                            }
                            _ => false,
                        })
                    };
                    // ... or a share sizing a thing ("an 85% chance of survival").
                    let share = || tokens.get(k + 1).is_some_and(|n| n.is_punct('%'));
                    // ... or after a currency sign ("£18 million", "$117 million").
                    let money = || k > 0 && matches!(tokens[k - 1].kind, Kind::Punct('$' | '£' | '€' | '¥'));
                    // ... or measuring a thing ("a 10-inch knife"): number,
                    // hyphen, unit, then a lowercase word.
                    let measure = || {
                        let word =
                            |j: usize| matches!(tokens.get(j).map(|t| &t.kind), Some(Kind::Word { cap: false, .. }));
                        k + 3 < t1 && tokens[k + 1].is_punct('-') && word(k + 2) && word(k + 3)
                    };
                    // ... or a fraction of a population ("half of the
                    // drivers", "two-thirds of voters").
                    let fraction = || match &t.kind {
                        Kind::Word { text, .. } => {
                            language::numbers::fraction(text).is_some()
                                && tokens.get(k + 1).and_then(Token::word) == Some("of")
                        }
                        _ => false,
                    };
                    // ... or none of them ("No passengers were hurt").
                    let none = matches!(&t.kind, Kind::Word { text, .. } if text.eq_ignore_ascii_case("no"));
                    // ... or no people ("No one was hurt", "Nobody was hurt").
                    let nobody = match &t.kind {
                        Kind::Word { text, .. } => {
                            text.eq_ignore_ascii_case("nobody")
                                || none && tokens.get(k + 1).and_then(Token::word).is_some_and(|w| w == "one")
                        }
                        _ => false,
                    };
                    ((number || none) && (counts() || share() || money() || measure()) || fraction() || nobody)
                        && !s.times.iter().any(|m| m.start <= t.start && t.start < m.end)
                });
            // A day and a past tense of a verb that says more than "said".
            let dated = (self.date_predicate.is_some() || self.place_predicate.is_some())
                && !unsure
                && s.times.iter().any(|m| c.contains(m.start) && m.span.is_some_and(|t| one_day(&t)))
                && tokens[t0..t1].iter().any(|t| match &t.kind {
                    Kind::Word { text, cap: false } if text.len() > 3 => {
                        self.past_form(model, text) && !self.open_ignore.contains(&self.past_lemma(model, text))
                    }
                    _ => false,
                });
            // "was born in Cornwall": the place of an act done once.
            let placed = !self.once.is_empty()
                && !unsure
                && !dated
                && tokens[t0..t1]
                    .windows(2)
                    .any(|w| w[0].word() == Some("in") && matches!(w[1].kind, Kind::Word { cap: true, .. }))
                && tokens[t0..t1].iter().any(|t| match &t.kind {
                    Kind::Word { text, cap: false } => self.once_form(model, text),
                    _ => false,
                });
            let open = self.open_predicate.is_some() && (negated || denied());
            if pass.second() {
                // Only what the first pass did not read: assertions of a
                // verb denied elsewhere, in clauses it did not parse for
                // open claims (it may have parsed them for a state or a
                // count, which are not read again).
                if open && !negated {
                    cands.push(Candidate {
                        clause: c,
                        open,
                        stated: false,
                        counted: false,
                        dated: false,
                        placed: false,
                        t0,
                        t1,
                    });
                }
            } else if open || stated || counted || dated || placed {
                cands.push(Candidate { clause: c, open, stated, counted, dated, placed, t0, t1 });
            }
        }
        if cands.is_empty() {
            return;
        }
        // Each candidate clause is parsed alone: it is shorter than its
        // sentence and costs less to parse. The whole sentence only when
        // its candidate clauses make up most of it anyway, and never when
        // it is too long.
        // A clause read only for the day of an act is parsed alone: the
        // sentence's other clauses have their own reasons to be read.
        let (alone, cands): (Vec<Candidate>, Vec<Candidate>) =
            cands.into_iter().partition(|c| (c.dated || c.placed) && !c.open && !c.stated && !c.counted);
        let first = doc_out.claims.len();
        for cand in &alone {
            let toks = clause_tokens(&tokens[cand.t0..cand.t1]);
            let one = std::slice::from_ref(cand);
            self.read_parsed(text, doc, s, toks, one, model, dcx, speakers, names_by_head, doc_out);
        }
        let whole = cands.len() > 1 && cands.iter().map(|c| c.t1 - c.t0).sum::<usize>() * 4 > tokens.len() * 3;
        let whole_read = whole && language::word_spans(tokens).len() <= MAX_CLAUSE_WORDS;
        if whole_read {
            self.read_parsed(text, doc, s, tokens, &cands, model, dcx, speakers, names_by_head, doc_out);
        } else {
            for cand in &cands {
                let one = std::slice::from_ref(cand);
                let toks = clause_tokens(&tokens[cand.t0..cand.t1]);
                self.read_parsed(text, doc, s, toks, one, model, dcx, speakers, names_by_head, doc_out);
            }
        }
        // A clause read from the start of its sentence holds the clauses
        // before it too: what two parses read is kept once. One parse
        // reads nothing twice, so most sentences skip this.
        if alone.len() + if whole_read { 1 } else { cands.len() } > 1 {
            let read = doc_out.claims.split_off(first);
            for c in read {
                if !doc_out.claims[first..].iter().any(|k| same_reading(k, &c)) {
                    doc_out.claims.push(c);
                }
            }
        }
    }

    /// Parse `tokens` and read the claims of its candidate clauses.
    #[allow(clippy::too_many_arguments)]
    fn read_parsed(
        &self,
        text: &str,
        doc: &Document,
        s: &Sent,
        tokens: &[Token],
        cands: &[Candidate],
        model: &Model,
        dcx: &DocContext,
        speakers: &[Speaker],
        names_by_head: &mut HashMap<String, BTreeSet<String>>,
        doc_out: &mut DocExtraction,
    ) {
        // The document's own tokens, not a second tokenisation.
        let tokens = without_dateline(text, tokens);
        let spans = language::word_spans(tokens);
        // No news clause runs to hundreds of words; reading claims from one
        // that does would cost the square of its length.
        if spans.is_empty() || spans.len() > MAX_CLAUSE_WORDS {
            return;
        }
        let mut forms: Vec<&str> = spans.iter().map(|sp| &text[sp.start..sp.end]).collect();
        let mut spans = spans;
        // A clause cut from its sentence ends as a sentence does, so the
        // models see what they were trained on.
        if let Some(last) = spans.last().copied().filter(|_| !matches!(forms.last(), Some(&("." | "?" | "!")))) {
            forms.push(".");
            spans.push(Span::new(last.end, last.end));
        }
        // Tag first: without a state word, a sentence without a verb that
        // could give a claim (one not in the predicate's ignore list) or
        // without a proper name is not worth its parse: its subject could
        // not be tied to a name unless the document named one before.
        // A surname of one of the document's people is a name wherever it
        // stands: "Pratt did not testify" opens with no past tense of
        // "prate", and "testified" after it is one.
        let proper: Vec<bool> = forms
            .iter()
            .map(|f| f.chars().next().is_some_and(char::is_uppercase) && dcx.persons.contains(&f.to_lowercase()))
            .collect();
        let mut parsed = model.analyse_given(&forms, &spans, Depth::Tag, &proper);
        common_opening_noun(text, model, &mut parsed);
        let verb = parsed
            .words
            .iter()
            .any(|w| matches!(w.upos, "VERB" | "ADJ") && !self.open_ignore.contains(&w.lemma.to_lowercase()));
        let propn = parsed.words.iter().any(|w| w.upos == "PROPN");
        let named = !names_by_head.is_empty() || propn;
        // An act, or the day of one, is read only of a subject tied to
        // names (`open_subject`): a proper noun of the clause, or a word
        // the document has tied to names (a role, the last word of a name,
        // the head of an earlier named phrase). Without one, and with no
        // state or count to read, the parse would give nothing.
        let tied = || {
            propn
                || parsed.words.iter().any(|w| {
                    let l = open::lower(w);
                    dcx.roles.contains_key(&l)
                        || dcx.named_by_last.contains_key(&l)
                        || names_by_head.contains_key(&format!("np:{l}"))
                        || !dcx.orgs.is_empty() && dcx.organisation_nouns.contains(&l)
                })
        };
        let named = (named || tied()) && (cands.iter().any(|c| c.stated || c.counted) || tied());
        // A count needs a number before a noun and a verb for its event.
        let counts = verb
            && cands.iter().any(|c| c.counted)
            && (parsed.words.windows(2).any(|w| {
                w[0].upos == "NUM" && (matches!(w[1].upos, "NOUN" | "ADJ") || w[1].form == "%")
                    || matches!(w[0].form.as_str(), "$" | "£" | "€" | "¥") && w[1].upos == "NUM"
            }) || parsed.words.windows(3).any(|w| w[0].upos == "NUM" && w[1].form == "-" && w[2].upos == "NOUN")
                || parsed.words.windows(2).any(|w| {
                    matches!(w[0].upos, "NOUN" | "ADJ")
                        && w[1].form == "of"
                        && language::numbers::fraction(&w[0].form).is_some()
                        || w[0].upos == "DET"
                            && w[0].form.eq_ignore_ascii_case("no")
                            && (w[1].xpos == "NNS" || w[1].form == "one")
                        || w[0].form.eq_ignore_ascii_case("nobody")
                }));
        let stated = cands.iter().any(|c| c.stated)
            && self.states.used_as_state(&parsed.words.iter().map(|w| (w.form.as_str(), w.upos)).collect::<Vec<_>>());
        // The day of an act needs a past tense or participle of a verb
        // that is neither too light to compare nor a speech verb
        // (`date_claim` reads no other).
        let past_act = || {
            parsed.words.iter().any(|w| {
                w.upos == "VERB"
                    && matches!(w.xpos, "VBD" | "VBN")
                    && !self.open_ignore.contains(&w.lemma.to_lowercase())
                    && !self.speech_forms.contains(&w.form.to_lowercase())
            })
        };
        let open = cands.iter().any(|c| c.open) && verb && named;
        let dated = cands.iter().any(|c| c.dated || c.placed) && named && past_act();
        let worth = stated || counts || open || dated;
        if !worth {
            return;
        }
        model.parse(&mut parsed);
        if let Some(pred) = &self.count_predicate {
            for q in quantities::read(&parsed, text, &model.lemmas) {
                // "denied that 40 workers were laid off": no count.
                if self.denied_frame(&parsed, q.at).is_some() {
                    continue;
                }
                if let Some(cand) = cands.iter().find(|k| k.counted && k.clause.contains(q.head.start)) {
                    self.count_claim(text, doc, s, cand.clause, q, pred, dcx, speakers, doc_out);
                }
            }
        }
        for mut oc in open::claims(&parsed) {
            let Some(cand) = cands.iter().find(|k| k.clause.contains(oc.head.start)) else { continue };
            // What a speech verb frames: a denial ("denied that he was
            // arrested") asserts nothing, and "he" or "she" framed by a
            // speaker who is one person ("the officer said he used a
            // Taser") is that speaker.
            if let Some(w) = oc.frame.and_then(|f| parsed.words.get(f)) {
                let form = w.form.to_lowercase();
                let denial = self.denial_forms.contains(&form);
                if denial && oc.mood == open::Mood::Asserted {
                    (oc.mood, oc.mood_word) = (open::Mood::Conditional, Some(w.span));
                }
                if denial || self.speech_forms.contains(&form) {
                    if let Some(a) = oc.antecedent.take() {
                        oc.span = a.span.cover(&oc.span);
                        oc.subject = a;
                    }
                }
            }
            let c = cand.clause;
            if cand.stated {
                self.state_claim(text, doc, s, c, &parsed, &oc, dcx, speakers, names_by_head, doc_out);
            }
            if cand.dated || cand.placed {
                self.past_act_claims(text, doc, s, cand, &parsed, &oc, dcx, speakers, names_by_head, doc_out);
            }
            let Some(pred) = self.open_predicate.as_deref().filter(|_| cand.open) else { continue };
            self.act_claim(text, doc, s, c, oc, pred, dcx, speakers, names_by_head, doc_out);
        }
        // Every named phrase of the clause is an antecedent, not only the
        // subjects read above: "the plant" of a later sentence is the last
        // "Greyhaven engine plant", wherever that one stood.
        for i in 0..parsed.words.len() {
            if parsed.words[i].upos == "NOUN" && parsed.children(i).any(|(_, c)| c.upos == "PROPN") {
                let np = open::noun_phrase(&parsed, i);
                if !np.names.is_empty() && !np.proper {
                    names_by_head.insert(format!("np:{}", np.head), np.names.into_iter().collect());
                }
            }
        }
    }

    /// The denial verb ("denied", "disputed") whose complement holds word
    /// `i` of the sentence, if one does: what it frames is not asserted.
    fn denied_frame(&self, parsed: &language::Sentence, i: usize) -> Option<Span> {
        let w = parsed.words.get(open::framing_verb(parsed, i)?)?;
        self.denial_forms.contains(&w.form.to_lowercase()).then_some(w.span)
    }

    /// The open predicate's claim of one parsed predicate.
    #[allow(clippy::too_many_arguments)]
    fn act_claim(
        &self,
        text: &str,
        doc: &Document,
        s: &Sent,
        c: Span,
        oc: open::OpenClaim,
        pred: &str,
        dcx: &DocContext,
        speakers: &[Speaker],
        names_by_head: &mut HashMap<String, BTreeSet<String>>,
        doc_out: &mut DocExtraction,
    ) {
        let np = &oc.subject;
        let verb = oc.predicate.split(' ').next().unwrap_or("");
        if np.pronoun || self.open_ignore.contains(&oc.predicate) || self.open_ignore.contains(verb) {
            return;
        }
        let Some((class, participants)) = open_subject(np, dcx, &self.lexicon.titles, names_by_head) else { return };
        let cx = self.context(text, doc, s, c, oc.head, speakers, true);
        let (modality, modality_cue) = mood_of(&oc, &cx);
        let mut object = oc.predicate.clone();
        if oc.passive {
            object.push_str(" (passive)");
        }
        // An amount as object ("signed off £4.2 million in subsidy") names
        // no thing: it meets any object of the same verb.
        let open_object =
            oc.object.as_ref().filter(|o| !o.pronoun && !o.number && !is_amount(&o.head)).map(|o| o.head.clone());
        if oc.negation.is_some() {
            for n in &participants {
                doc_out.denied.insert((verb.to_string(), n.clone()));
            }
        }
        doc_out.claims.push(std::sync::Arc::new(RawClaim {
            subject: EventSig { class, participants: participants.into_iter().collect(), place: None, pack_id: None },
            subject_label: text[np.span.start..np.span.end].to_string(),
            subject_head: np.head.clone(),
            predicate: pred.to_string(),
            object,
            date_value: None,
            quantity: None,
            open_object,
            polarity: if oc.negation.is_some() { Polarity::Negative } else { Polarity::Positive },
            modality,
            // "has not endorsed" as of today denies an endorsement on any
            // recent day, so it meets "endorsed on Wednesday".
            valid: match cx.valid {
                Some(v) if oc.perfect && oc.negation.is_some() => {
                    Some(TimeSpan { start: v.start - chrono::Days::new(PERFECT_DENIAL_DAYS), ..v })
                }
                v => v,
            },
            valid_origin: cx.origin,
            said_by: cx.said_by,
            span: oc.span,
            cue: oc.head,
            state: true,
            perfect_denial: oc.perfect && oc.negation.is_some(),
            polarity_cue: oc.negation,
            modality_cue,
        }));
    }

    /// The day and the place of a past act read from the parse: "the
    /// union served notice on March 10" dates the union's serving notice,
    /// and "Lee was arrested in Leeds, England, on Monday" places Lee's
    /// arrest. Each is a claim whose subject is the act itself: its
    /// subject's key with the verb and the object's head. Only an asserted,
    /// affirmed past tense; a day is a one-day time expression attached to
    /// the verb in the parse. A place is read with a day, or alone for an
    /// act done once (the place predicate's `once` verbs: "was born in
    /// Cornwall, Ontario").
    #[allow(clippy::too_many_arguments)]
    fn past_act_claims(
        &self,
        text: &str,
        doc: &Document,
        s: &Sent,
        cand: &Candidate,
        parsed: &language::Sentence,
        oc: &open::OpenClaim,
        dcx: &DocContext,
        speakers: &[Speaker],
        names_by_head: &mut HashMap<String, BTreeSet<String>>,
        doc_out: &mut DocExtraction,
    ) {
        let verb = oc.predicate.split(' ').next().unwrap_or("");
        if oc.subject.pronoun
            || oc.negation.is_some()
            || oc.complement
            || oc.predicate.starts_with("be ")
            || self.open_ignore.contains(&oc.predicate)
            || self.open_ignore.contains(verb)
            || oc.object.as_ref().is_some_and(|o| o.pronoun || o.number)
        {
            return;
        }
        let Some(w) = parsed.words.get(oc.index) else { return };
        if self.speech_forms.contains(&w.form.to_lowercase()) {
            return;
        }
        let past_aux = parsed
            .children(oc.index)
            .any(|(_, a)| open::rel(a) == "aux" && a.xpos == "VBD" && matches!(open::lower(a).as_str(), "be" | "have"));
        let any_aux = parsed.children(oc.index).any(|(_, a)| open::rel(a) == "aux");
        // A participle with no auxiliary and an active subject is a past
        // tense the tagger took for a participle ("the union served").
        let bare_active = !any_aux && !oc.passive;
        if !(w.xpos == "VBD" && !any_aux || w.xpos == "VBN" && (past_aux || bare_active)) {
            return;
        }
        // The day: a time expression of the sentence whose words hang from
        // the verb or its object ("served notice on Thursday"; the parse
        // often puts "on Thursday" under "notice"), not from another phrase
        // ("the talks before the March 10 vote"). The parse decides, not
        // the commas: "the union, on March 10, served notice" dates the
        // serving as "served notice on March 10" does.
        let object_head = parsed.children(oc.index).find(|(_, c)| open::rel(c) == "obj").map(|(j, _)| j);
        let day = s
            .times
            .iter()
            .filter(|m| hangs_from(parsed, m, |h| h == oc.index || Some(h) == object_head))
            .find_map(|m| m.span.filter(one_day).map(|d| (m, d)));
        let in_time = |at: Span| s.times.iter().any(|m| Span::new(m.start, m.end).overlaps(&at));
        let date_pred = self.date_predicate.as_deref().filter(|_| cand.dated && day.is_some());
        let once = self.once.contains(verb);
        let place = self.place_predicate.as_deref().filter(|_| day.is_some() || once).and_then(|pred| {
            let model = self.model?;
            let common = |w: &str| model.lemmas.is_known('n', &model.lemmas.lemma(w, "NOUN", "NNS", false));
            let p = places::place_of(parsed, text, oc.index, |j| in_time(parsed.words[j].span), common)?;
            // A person is no place ("in Lee's absence" aside, "in Lee"
            // is a parse error).
            (!dcx.persons.contains(&p.name.to_lowercase())).then_some((pred, p))
        });
        if date_pred.is_none() && place.is_none() {
            return;
        }
        let c = cand.clause;
        let state_of = |pred: &str| self.rules.predicates.get(pred).is_some_and(|p| p.state);
        let first = date_pred.or(place.as_ref().map(|(p, _)| *p)).unwrap_or("");
        let cx = self.context(text, doc, s, c, oc.head, speakers, state_of(first));
        let (modality, modality_cue) = mood_of(oc, &cx);
        if modality != Modality::Asserted {
            return;
        }
        let Some((class, participants)) = open_subject(&oc.subject, dcx, &self.lexicon.titles, names_by_head) else {
            return;
        };
        // An amount or a time the parse took for the object is none ("died
        // early Monday").
        let object =
            oc.object.as_ref().filter(|o| !is_amount(&o.head) && !in_time(o.at)).map_or("", |o| o.head.as_str());
        let mut act = oc.predicate.clone();
        if oc.passive {
            act.push_str(" (passive)");
        }
        if !object.is_empty() {
            act.push(' ');
            act.push_str(object);
        }
        let claim = |pred: &str, span: Span| RawClaim {
            subject: EventSig {
                class: format!("act:{class}|{act}"),
                participants: participants.iter().cloned().collect(),
                place: None,
                pack_id: None,
            },
            subject_label: text[oc.span.start..oc.span.end].to_string(),
            subject_head: act.clone(),
            predicate: pred.to_string(),
            object: pred.to_string(),
            date_value: None,
            quantity: None,
            open_object: None,
            polarity: Polarity::Positive,
            modality,
            valid: None,
            valid_origin: TimeOrigin::Timeless,
            said_by: cx.said_by.clone(),
            span: oc.span.cover(&span),
            cue: oc.head,
            state: state_of(pred),
            perfect_denial: false,
            polarity_cue: None,
            modality_cue,
        };
        if let (Some(pred), Some((tm, d))) = (date_pred, day) {
            let mut k = claim(pred, Span::new(tm.start, tm.end));
            k.date_value = Some(d);
            doc_out.claims.push(std::sync::Arc::new(k));
        }
        if let Some((pred, p)) = place {
            let mut k = claim(pred, p.span);
            // The place as written is the value (compared lowercased); the
            // places written around it that contain it go with it, and the
            // day, when there is one, is when it holds: an act done again
            // may be done elsewhere on another day.
            k.object = p.name;
            k.open_object = (!p.within.is_empty()).then(|| p.within.join(", "));
            if let Some((tm, d)) = day.filter(|_| !once) {
                k.valid = Some(d);
                k.valid_origin = TimeOrigin::Expression(text[tm.start..tm.end].to_string());
                k.span = k.span.cover(&Span::new(tm.start, tm.end));
            }
            doc_out.claims.push(std::sync::Arc::new(k));
        }
    }

    /// The claim of one count read from the parse: its subject is what is
    /// counted in which event ("mail ballot" of "reject"), with the names
    /// around it; a document that names none leaves it to the corpus (the
    /// one named count of that kind, if there is exactly one).
    #[allow(clippy::too_many_arguments)]
    fn count_claim(
        &self,
        text: &str,
        doc: &Document,
        s: &Sent,
        c: Span,
        mut q: quantities::Counted,
        pred: &str,
        dcx: &DocContext,
        speakers: &[Speaker],
        doc_out: &mut DocExtraction,
    ) {
        // A pack cue already counted this.
        // (claims are in sentence order: only this sentence's are read)
        let this_sentence = doc_out.claims.iter().rev().take_while(|k| k.span.start >= s.span.start);
        if this_sentence.filter(|k| k.predicate == pred).any(|k| k.span.overlaps(&q.span)) {
            return;
        }
        // Every count is anchored in time, a finished event's too: the
        // event's day (a time in the clause), else the day it is reported.
        // Two earthquakes, two games or two ballots are told apart by it.
        let cx = self.context(text, doc, s, c, q.head, speakers, true);
        if cx.modality != Modality::Asserted {
            return;
        }
        // A verb too light to name an event ("had 70 yards", "took three
        // hours") counts nothing comparable.
        let verb = q.event.split(' ').next().unwrap_or("");
        if self.open_ignore.contains(verb) {
            return;
        }
        // Whose count it is: the names of the counted phrase and of the
        // event's subject and object; failing those, the names of the
        // sentence ("the mayor filed a lawsuit challenging the rejection of
        // 84 ballots"); failing those, the organisation that gives the count
        // ("drivers voted 87 percent, the drivers' union said"); a sentence
        // without any leaves it to the corpus.
        let mut participants: BTreeSet<String> = q.names.into_iter().collect();
        // "The carrier cancelled 1,100 flights": the one airline the report
        // names, keyed as its name is ("Skyvale Air cancelled ...": a name
        // is headed by its first word).
        if let Some(org) =
            q.of.as_deref()
                .filter(|_| participants.is_empty() && q.of_definite)
                .and_then(|of| org_antecedent(dcx, of, q.head.start))
        {
            q.of = org.split(' ').next().map(str::to_string);
            participants.insert(org);
        }
        if participants.is_empty() {
            // not who said it: a person who speaks names no scope
            let said = |n: &NameRun| speakers.iter().any(|sp| sp.name.to_lowercase().contains(&n.surname()));
            participants.extend(s.names.iter().filter(|n| !said(n)).map(|n| n.full().to_lowercase()));
        }
        if participants.is_empty() {
            let org = |n: &NameRun| {
                n.words.iter().any(|w| self.lexicon.not_person.contains(&w.to_lowercase()))
                    && speakers.iter().any(|sp| sp.name.to_lowercase() == n.full().to_lowercase())
            };
            participants.extend(s.names.iter().filter(|n| org(n)).map(|n| n.full().to_lowercase()));
        }
        doc_out.claims.push(std::sync::Arc::new(RawClaim {
            subject: EventSig {
                class: format!(
                    "np:{}|{}|{}",
                    q.noun,
                    self.same_event.get(&q.event).unwrap_or(&q.event),
                    q.of.as_deref().unwrap_or("")
                ),
                participants: participants.into_iter().collect(),
                place: None,
                pack_id: None,
            },
            subject_label: q.text.clone(),
            subject_head: format!("{} ({})", q.noun, q.event),
            predicate: pred.to_string(),
            object: q.noun.clone(),
            date_value: None,
            quantity: Some(Box::new(Quantity {
                low: q.low,
                high: q.high,
                text: q.text,
                fixed: q.fixed,
                frame: Some(q.frame),
                local: q.local,
            })),
            open_object: None,
            polarity: Polarity::Positive,
            modality: cx.modality,
            // A finished event's count ("61 percent of drivers voted")
            // reported on a day with no day of its own concerns the days
            // before the report; a count in the present, the report's day.
            valid: match cx.valid {
                Some(v) if q.fixed && matches!(cx.origin, TimeOrigin::Dateline | TimeOrigin::Speech(_)) => {
                    Some(TimeSpan { start: v.start - chrono::Days::new(PERFECT_DENIAL_DAYS), ..v })
                }
                v => v,
            },
            valid_origin: cx.origin,
            said_by: cx.said_by,
            span: q.span.cover(&q.head),
            cue: q.head,
            state: true,
            perfect_denial: false,
            polarity_cue: None,
            modality_cue: None,
        }));
    }

    /// The state claim of one parsed predicate, if a pack's `states:` table
    /// knows it: "the recount was halted" gives `status=on_hold` of the
    /// recount. The bearer is an event mention when one covers it (so the
    /// claim meets the pack's cue claims about that event), else its noun
    /// phrase tied to names as for open claims.
    #[allow(clippy::too_many_arguments)]
    fn state_claim(
        &self,
        text: &str,
        doc: &Document,
        s: &Sent,
        c: Span,
        parsed: &language::Sentence,
        oc: &open::OpenClaim,
        dcx: &DocContext,
        speakers: &[Speaker],
        names_by_head: &mut HashMap<String, BTreeSet<String>>,
        doc_out: &mut DocExtraction,
    ) {
        let Some(((pname, value), bearer)) = self.states.read(oc) else { return };
        let Some(pd) = self.rules.predicates.get(pname) else { return };
        // Lifecycle states are of events and things, not of people ("Smith
        // was suspended", "Jones finished with 20 points") or numbers.
        let person =
            bearer.proper && bearer.names.iter().any(|n| n.rsplit(' ').next().is_some_and(|l| dcx.persons.contains(l)));
        if bearer.pronoun || bearer.number || person {
            return;
        }
        // A pack cue already read this state of this clause.
        if doc_out.claims[dcx.claims_from..].iter().any(|k| k.predicate == *pname && k.cue.overlaps(&oc.head)) {
            return;
        }
        let mention = starting_in(dcx.mentions, c)
            .filter(|m| m.resolved && !m.verb && m.span.overlaps(&bearer.at))
            .max_by_key(|m| m.span.end - m.span.start);
        let (subject, label) = match mention {
            Some(m) => (m.sig.clone(), m.label.clone()),
            None => {
                let mut participants: BTreeSet<String> = bearer.names.iter().cloned().collect();
                let mut class = if bearer.proper { "entity".to_string() } else { format!("np:{}", bearer.head) };
                if participants.is_empty() {
                    // A definite phrase the document never names is left to
                    // the corpus: the one named subject with that head, if
                    // there is exactly one (`facts`).
                    // A name written just before an earlier mention of
                    // the head is its antecedent even in a sentence no
                    // parse read ("its Greyhaven engine plant"); "the
                    // airline" is the one airline a report names.
                    match names_by_head.get(&class) {
                        Some(n) if bearer.definite => participants = n.clone(),
                        None if bearer.definite && !bearer.proper => {
                            let at = bearer.span.start;
                            match named_before(dcx, &bearer.head, at) {
                                Some(n) => {
                                    participants.insert(n);
                                }
                                None => {
                                    if let Some(n) = org_antecedent(dcx, &bearer.head, at) {
                                        class = "entity".to_string();
                                        participants.insert(n);
                                    }
                                }
                            }
                        }
                        _ => return,
                    }
                } else {
                    names_by_head.insert(class.clone(), participants.clone());
                }
                // How a thing went is said once and for all, so a subject
                // that is not a known event is keyed by its day: the
                // phrase's own date ("Tuesday's session", "the October 10
                // inspection"), else the clause's. No day, no claim.
                if !pd.state {
                    let own = s
                        .times
                        .iter()
                        .filter(|m| Span::new(m.start, m.end).overlaps(&bearer.span))
                        .find_map(|m| m.span.filter(one_day));
                    let clause = s
                        .times
                        .iter()
                        .filter(|m| c.contains(m.start))
                        .min_by_key(|m| (m.start as i64 - oc.head.start as i64).abs())
                        .and_then(|m| m.span.filter(one_day));
                    // Set off by commas, the parse still ties it to the
                    // predicate: "Day one of the recount, on Monday,
                    // November 24, went smoothly".
                    let attached = || {
                        s.times
                            .iter()
                            .filter(|m| hangs_from(parsed, m, |h| h == oc.index))
                            .find_map(|m| m.span.filter(one_day))
                    };
                    let Some(day) = own.or(clause).or_else(attached) else { return };
                    participants.insert(format!("on {}", day.start));
                }
                let label = text[bearer.span.start..bearer.span.end].to_string();
                (
                    EventSig { class, participants: participants.into_iter().collect(), place: None, pack_id: None },
                    label,
                )
            }
        };
        let cx = self.context(text, doc, s, c, oc.head, speakers, pd.state);
        let (modality, modality_cue) = mood_of(oc, &cx);
        doc_out.claims.push(std::sync::Arc::new(RawClaim {
            subject,
            subject_label: label,
            subject_head: bearer.head.clone(),
            predicate: pname.clone(),
            object: value.clone(),
            date_value: None,
            quantity: None,
            open_object: None,
            polarity: if oc.negation.is_some() { Polarity::Negative } else { Polarity::Positive },
            modality,
            valid: cx.valid,
            valid_origin: cx.origin,
            said_by: cx.said_by,
            span: oc.span,
            cue: predicate_words(parsed, oc),
            state: pd.state,
            perfect_denial: false,
            polarity_cue: oc.negation,
            modality_cue,
        }));
    }

    /// The verb a past tense form is of ("went" -> "go"), or the form
    /// itself when it is none.
    fn past_lemma(&self, model: &Model, form: &str) -> String {
        match self.past_class {
            Some(vbd) => model.lemma_as(form, vbd),
            None => model.lemmas.lemma(form, "VERB", "VBD", false),
        }
    }

    /// The places a document writes inside others, in running text ("in
    /// Leeds, England") and in datelines ("LEEDS, England (AP) —"),
    /// lowercased, each pair once. A name after the comma that is a role
    /// ("in Congress, Rep. Lee"), one of the document's people, or the
    /// subject of the verb after it ("the minister in Gaza, Ismail Haniyeh,
    /// issued a statement") is no place.
    fn nested_places(
        &self,
        text: &str,
        tokens: &[Token],
        sents: &[Sent],
        persons: &WordSet,
    ) -> Vec<(Box<str>, Box<str>)> {
        let lx = &self.lexicon;
        let mut out: Vec<(Box<str>, Box<str>)> = Vec::new();
        for s in sents {
            let toks = &tokens[s.t0..s.t1];
            let subject = |b: Span| {
                let at = toks.partition_point(|t| t.start < b.end);
                toks.get(at).is_some_and(|t| t.is_punct(','))
                    && toks.get(at + 1).is_some_and(|t| match &t.kind {
                        Kind::Word { text, cap: false } => {
                            AUXILIARIES.contains(&text.as_str())
                                || !matches!(text.as_str(), "where" | "when" | "while")
                                    && self.model.is_some_and(|m| self.past_form(m, text))
                        }
                        _ => false,
                    })
            };
            let pairs = text::nested_places(toks).into_iter().filter(|(_, b)| !subject(*b));
            for (a, b) in pairs.chain(dateline_places(text, toks)) {
                let outer = text[b.start..b.end].to_lowercase();
                let role = outer.split(' ').next().is_some_and(|w| lx.titles.contains(w));
                let person = outer.rsplit(' ').next().is_some_and(|w| persons.contains(w));
                let pair = (text[a.start..a.end].to_lowercase().into(), outer.into());
                if !role && !person && !out.contains(&pair) {
                    out.push(pair);
                }
            }
        }
        out
    }

    /// Whether a lowercase word is a past tense or participle of a verb of
    /// an act done once ("died", "born").
    fn once_form(&self, model: &Model, form: &str) -> bool {
        self.once.contains(&self.past_lemma(model, form))
            || self.participle_class.is_some_and(|c| self.once.contains(&model.lemma_as(form, c)))
    }

    /// Whether a lowercase word can be the past tense of a verb WordNet
    /// knows ("signed", "went", "began").
    fn past_form(&self, model: &Model, form: &str) -> bool {
        let l = self.past_lemma(model, form);
        l != form && model.lemmas.is_known('v', &l)
    }

    /// The packs' open predicate, if any.
    pub fn open_predicate(&self) -> Option<&str> {
        self.open_predicate.as_deref()
    }

    fn value_type(&self, predicate: &str) -> ValueType {
        self.rules.predicates.get(predicate).map(|p| p.value_type).unwrap_or_default()
    }
}

/// The predicate word with the words of its phrase that hang from it
/// ("went smoothly", "called off"): what a finding quotes.
fn predicate_words(parsed: &language::Sentence, oc: &open::OpenClaim) -> Span {
    let rest: Vec<&str> = oc.predicate.split(' ').skip(1).collect();
    parsed
        .children(oc.index)
        .filter(|(_, w)| rest.contains(&open::lower(w).as_str()) || rest.contains(&w.form.to_lowercase().as_str()))
        .fold(oc.head, |span, (_, w)| span.cover(&w.span))
}

/// Whether time expression `m` hangs, in the parse, from a word outside it
/// that `to` accepts: its words lead up through the tree to that word
/// without leaving the expression before it.
fn hangs_from(parsed: &language::Sentence, m: &TimeMention, to: impl Fn(usize) -> bool) -> bool {
    let inside = |i: usize| parsed.words[i].span.start >= m.start && parsed.words[i].span.end <= m.end;
    (0..parsed.words.len()).filter(|&i| inside(i)).any(|i| {
        let mut j = i;
        for _ in 0..parsed.words.len() {
            match parsed.head(j) {
                Some(h) if inside(h) => j = h,
                Some(h) => return to(h),
                None => return false,
            }
        }
        false
    })
}

/// The mentions (sorted by start) that start in clause `c`, found by binary
/// search.
fn starting_in(mentions: &[EventMention], c: Span) -> impl Iterator<Item = &EventMention> {
    mentions[mentions.partition_point(|m| m.span.start < c.start)..].iter().take_while(move |m| m.span.start < c.end)
}

/// A capitalised word opening a clause may be capitalised for its place
/// only: the tagger, which learnt from web text, takes "Students who
/// carried signs" and "Police said" for names, and every article's
/// "Police" would then be one party. Where the document writes the word in
/// lower case elsewhere, it is the common noun here too ("Apple said"
/// stays a name: its document never writes "apple"). A word of a longer
/// name ("Police Chief Ann Roe") or in capitals ("NATO") stays as tagged.
fn common_opening_noun(text: &str, model: &Model, s: &mut language::Sentence) {
    let Some(i) = s.words.iter().position(|w| w.form.chars().next().is_some_and(char::is_alphanumeric)) else {
        return;
    };
    let w = &s.words[i];
    let mut chars = w.form.chars();
    let title = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    let in_name = s.words.get(i + 1).is_some_and(|n| n.upos == "PROPN");
    if w.upos != "PROPN" || !title || in_name || w.form.len() < 3 {
        return;
    }
    let lower = w.form.to_lowercase();
    let word_at = |at: usize| {
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[at + lower.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    };
    if !text.match_indices(lower.as_str()).any(|(at, _)| word_at(at)) {
        return;
    }
    let xpos = if w.xpos == "NNPS" { "NNS" } else { "NN" };
    let Some(class) = model.class_of("NOUN", xpos) else { return };
    let lemma = model.lemma_as(&lower, class);
    let w = &mut s.words[i];
    w.upos = "NOUN";
    w.xpos = xpos;
    w.lemma = lemma;
}

/// The place a dateline writes inside another ("WASILLA, Alaska (AP) —"):
/// the names before and after its first comma.
fn dateline_places(text: &str, tokens: &[Token]) -> Option<(Span, Span)> {
    let rest = without_dateline(text, tokens);
    let head = &tokens[..tokens.len() - rest.len()];
    let comma = head.iter().position(|t| t.is_punct(','))?;
    let words = |ts: &[Token]| -> Option<Span> {
        let n = ts.iter().take_while(|t| matches!(t.kind, Kind::Word { cap: true, .. })).count();
        (n > 0).then(|| Span::new(ts[0].start, ts[n - 1].end))
    };
    let inner = words(&head[..comma]).filter(|s| s.end == head[comma - 1].end)?;
    Some((inner, words(&head[comma + 1..])?))
}

/// The tokens after a wire dateline that opens a sentence ("BRACKLEY —",
/// "WASHINGTON (Reuters) -", "LONDON, March 3 (AP) --"): a place in capitals,
/// maybe a day and an agency, then a dash. It is no part of the sentence's
/// grammar, and read with it the tagger took "Thieves stole" for a verb
/// and a noun.
fn without_dateline<'t>(text: &str, tokens: &'t [Token]) -> &'t [Token] {
    const MAX_TOKENS: usize = 12;
    let dash = |t: &Token| matches!(t.kind, Kind::Punct('\u{2014}' | '\u{2013}' | '-'));
    let Some(at) = tokens.iter().take(MAX_TOKENS).position(dash) else { return tokens };
    let before = &tokens[..at];
    let written = |t: &Token| &text[t.start..t.end];
    let capitals = |t: &Token| {
        let w = written(t);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    // A hyphen joins words ("well-known") unless spaced as a dash.
    let spaced = tokens.get(at + 1).is_some_and(|n| n.start > tokens[at].end || dash(n));
    let dateline = before.first().is_some_and(|t| t.word().is_some() && capitals(t))
        && before.iter().all(|t| match &t.kind {
            Kind::Word { cap, .. } => *cap,
            Kind::Num { .. } => true,
            Kind::Punct(c) => matches!(c, ',' | '.' | '(' | ')'),
        });
    if !dateline || !spaced && !tokens[at].is_punct('\u{2014}') && !tokens[at].is_punct('\u{2013}') {
        return tokens;
    }
    let mut rest = at + 1;
    while tokens.get(rest).is_some_and(dash) {
        rest += 1;
    }
    if rest >= tokens.len() {
        return tokens;
    }
    &tokens[rest..]
}

fn clause_tokens(tokens: &[Token]) -> &[Token] {
    // A clause after a parenthesis may open with the dash that follows it
    // ("CARDIFF (Reuters) - Lee was arrested"): a dash is no word of it,
    // and before a name it made the tagger read the name as a noun.
    let dashes = tokens.iter().take_while(|t| t.is_punct('-')).count();
    let tokens = if dashes < tokens.len() { &tokens[dashes..] } else { tokens };
    match tokens.first().and_then(|t| t.word()) {
        Some("and" | "but" | "or" | "yet" | "so") if tokens.len() > 1 => &tokens[1..],
        _ => tokens,
    }
}

/// The key of an open claim's subject: its class ("entity" for a name,
/// "np:HEAD" for a common noun) and the names that tie it down. A definite
/// role word is the one person the document calls so ("the commissioner");
/// a definite phrase without names takes those of the last phrase with the
/// same head in the document, else of the one name of the document ending
/// in its head ("the guild", "the Locomotive Guild"). Otherwise no key:
/// ambiguous means dropped.
fn open_subject(
    np: &open::NounPhrase,
    dcx: &DocContext,
    titles: &WordSet,
    names_by_head: &mut HashMap<String, BTreeSet<String>>,
) -> Option<(String, BTreeSet<String>)> {
    // "Actress Lindsay Lohan" opening a sentence is Lindsay Lohan: a role
    // the parse took into the name is no part of it.
    let untitled = |n: &String| {
        let mut rest = n.as_str();
        while let Some((first, more)) = rest.split_once(' ') {
            // A role alone ("Interior Secretary") stays whole.
            if !titles.contains(first) || more.split(' ').all(|w| titles.contains(w)) {
                break;
            }
            rest = more;
        }
        rest.to_string()
    };
    let mut participants: BTreeSet<String> = np.names.iter().map(untitled).collect();
    let mut class = if np.proper { "entity".to_string() } else { format!("np:{}", np.head) };
    let role = dcx.roles.get(&np.head).filter(|_| np.definite && !np.proper && participants.is_empty());
    if let Some(person) = role {
        class = "entity".to_string();
        participants.insert(person.clone());
    } else if participants.is_empty() {
        // "the guild": the last phrase with that head, else the one name of
        // the document that ends with it. A phrase refers back: when names
        // ending with it come before the phrase, only those count ("the
        // hospital" after "Norvale General Hospital" is that one, though
        // "Kelby Regional Hospital" comes later).
        let named = dcx
            .named_by_last
            .get(&np.head)
            .filter(|_| !np.proper)
            .and_then(|n| one_named(n.iter().map(|(k, at)| (k, *at)), np.span.start))
            .map(|one| BTreeSet::from([one]));
        match (names_by_head.get(&class), named) {
            (Some(n), _) if np.definite => participants = n.clone(),
            (None, Some(n)) if np.definite => participants = n,
            _ if np.definite => {
                let name = match named_before(dcx, &np.head, np.span.start) {
                    Some(n) => n,
                    // "the airline" is the airline by its name: it meets
                    // what the name says.
                    None => {
                        class = "entity".to_string();
                        org_antecedent(dcx, &np.head, np.span.start)?
                    }
                };
                participants = BTreeSet::from([name]);
            }
            _ => return None,
        }
    } else {
        names_by_head.insert(class.clone(), participants.clone());
    }
    Some((class, participants))
}

/// The one name of `named` (each with where it is first written) that a
/// phrase at `at` stands for: of those written before it when there are
/// any, else of all. Two or more: none.
fn one_named<'n>(named: impl Iterator<Item = (&'n String, usize)>, at: usize) -> Option<String> {
    let named: Vec<(&String, usize)> = named.collect();
    let before: Vec<&String> = named.iter().filter(|(_, first)| *first < at).map(|(n, _)| *n).collect();
    let candidates: Vec<&String> = if before.is_empty() { named.iter().map(|(n, _)| *n).collect() } else { before };
    match candidates[..] {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The names of a document that may be an organisation's, each where it
/// is written and whether it names a source ("according to data from
/// AeroTrace"): not a person's, not a place's (one the document puts after
/// "in" or "at"), not a dateline's (written in capitals), not one word
/// opening a sentence (which may be any capitalised word: "Flights
/// remained suspended"). A thing's name ("the Ostrander Street Bridge")
/// may be among them: it only makes "the company" ambiguous, never wrong.
fn organisations(text: &str, sents: &[Sent], persons: &WordSet, places: &WordSet) -> Vec<(usize, String, bool)> {
    let mut out = Vec::new();
    for s in sents {
        for n in &s.names {
            let full = n.full().to_lowercase();
            let capitals = !text[n.span.start..n.span.end].chars().any(char::is_lowercase);
            let opening = n.words.len() == 1 && text[s.span.start..n.span.start].trim().is_empty();
            if n.titled || capitals || opening || persons.contains(&n.surname()) || places.contains(&full) {
                continue;
            }
            let before = &text[s.span.start..n.span.start];
            let source = before.rfind("according to").is_some_and(|i| !before[i..].contains([',', ';']));
            out.push((n.span.start, full, source));
        }
    }
    out
}

/// The organisation a definite phrase for a kind of organisation stands
/// for ("the airline", "the carrier", "the company"): the one organisation
/// the document names in the [`ANTECEDENT_WINDOW`] before it, under one
/// name or a shorter form of it ("Skyvale Air", "Skyvale"). Two or more:
/// none, as ambiguous means dropped.
fn org_antecedent(dcx: &DocContext, head: &str, before: usize) -> Option<String> {
    org_antecedent_in(dcx.orgs, dcx.organisation_nouns, head, before)
}

/// [`org_antecedent`] over a document's organisations and the nouns for
/// kinds of organisation.
fn org_antecedent_in(orgs: &[(usize, String, bool)], nouns: &WordSet, head: &str, before: usize) -> Option<String> {
    if !nouns.contains(head) {
        return None;
    }
    let from = before.saturating_sub(ANTECEDENT_WINDOW);
    let first = orgs.partition_point(|(at, _, _)| *at < from);
    let window = || orgs[first..].iter().take_while(|(at, _, _)| *at < before);
    // The organisations the report tells of come first; a source it cites
    // ("according to data from AeroTrace") only when it tells of none.
    let told = one_organisation(window().filter(|(_, _, source)| !source).map(|(_, n, _)| n.as_str()));
    match told {
        Ok(None) => one_organisation(window().map(|(_, n, _)| n.as_str())).ok().flatten(),
        t => t.ok().flatten(),
    }
    .map(str::to_string)
}

/// The one organisation `names` name (the longest of its names), none, or
/// `Err` for two or more.
fn one_organisation<'n>(names: impl Iterator<Item = &'n str>) -> Result<Option<&'n str>, ()> {
    let mut found: Option<&str> = None;
    for name in names {
        match found {
            None => found = Some(name),
            Some(f) if same_organisation(f, name) => {
                if name.len() > f.len() {
                    found = Some(name);
                }
            }
            Some(_) => return Err(()),
        }
    }
    Ok(found)
}

/// Whether two names are one organisation's: one is the other, or its
/// first words ("skyvale" of "skyvale air").
fn same_organisation(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long == short || long.strip_prefix(short).is_some_and(|rest| rest.starts_with(' '))
}

/// Whether two claims read from one sentence are the same reading: one
/// predicate of one subject at one place, with one object and polarity.
fn same_reading(a: &RawClaim, b: &RawClaim) -> bool {
    a.predicate == b.predicate
        && a.cue == b.cue
        && a.span == b.span
        && a.subject.class == b.subject.class
        && a.subject.participants == b.subject.participants
        && a.object == b.object
        && a.polarity == b.polarity
}

/// How far back [`named_before`] looks, in bytes: about a wire story.
const ANTECEDENT_WINDOW: usize = 4096;

/// The name written just before the last `head` that comes before
/// `before` in the document ("its Greyhaven engine plant": "greyhaven"),
/// with at most two lowercase words between: the antecedent of "the plant"
/// in a sentence the parser never read. A possessive name counts
/// ("Tellmark's plant"); a sentence's opening "The" does not.
///
/// Only the last [`ANTECEDENT_WINDOW`] bytes are searched: an antecedent
/// stands a few paragraphs back at most, and a document of megabytes must
/// not be scanned again for every such phrase.
fn named_before(dcx: &DocContext, head: &str, before: usize) -> Option<String> {
    let mut from = before.saturating_sub(ANTECEDENT_WINDOW);
    while !dcx.text.is_char_boundary(from) {
        from += 1;
    }
    let text = dcx.text.get(from..before)?;
    let at = text.rmatch_indices(head).map(|(i, _)| i).find(|&i| {
        let after = text[i + head.len()..].chars().next();
        let prev = text[..i].chars().next_back();
        !prev.is_some_and(char::is_alphanumeric) && !after.is_some_and(|c| c.is_alphanumeric() && c != 's')
    })?;
    let mut name: Vec<&str> = Vec::new();
    let mut lower = 0;
    for w in text[..at].split_whitespace().rev() {
        let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("\u{2019}s")).unwrap_or(w);
        let alpha = w.chars().all(|c| c.is_alphabetic() || c == '-');
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if !alpha || w.is_empty() {
            break;
        }
        if capital && !dcx.stopwords.contains(&w.to_lowercase()) {
            name.push(w);
        } else if name.is_empty() && !capital && lower < 2 {
            lower += 1;
        } else {
            break;
        }
    }
    if name.is_empty() {
        return None;
    }
    name.reverse();
    Some(name.join(" ").to_lowercase())
}

impl Sent {
    /// Reads the sentence's time expressions (its `tokens`). A hedge word
    /// inside one is the month ("on May 7"), not the modal: it is no
    /// hedge hit.
    fn read_times(&mut self, text: &str, tokens: &[Token], date: Option<NaiveDate>) {
        self.times = sentence_times(text, self, tokens, date);
        let times = &self.times;
        self.hits
            .retain(|h| h.tag != Tag::Hedge || !times.iter().any(|m| m.start <= h.span.start && h.span.end <= m.end));
    }
}

/// Time expressions of one sentence, resolved against `date` with the bias
/// of their clause.
fn sentence_times(text: &str, s: &Sent, tokens: &[Token], date: Option<NaiveDate>) -> Vec<TimeMention> {
    let marks = BiasMarks::new(&s.hits);
    let bias_at = |at: usize| -> Bias { clause_bias(at, &s.clauses, &marks, text) };
    time::find_in_tokens(tokens, date, &bias_at)
}

/// Every time expression in `text`, taken as one sentence, with the bias the
/// extractor would choose for each (`factlint time --all`).
pub fn time_mentions(rules: &RuleSet, text: &str, reference: NaiveDate) -> Vec<TimeMention> {
    let lx = Lexicon::new(rules);
    let span = Span::new(0, text.len());
    let s = Sent {
        span,
        t0: 0,
        t1: 0,
        clauses: text::clauses(text, span, &|w| lx.clause_breaks.contains(w)),
        hits: lx.scan(text, 0),
        names: Vec::new(),
        times: Vec::new(),
    };
    sentence_times(text, &s, &tokenize(text), Some(reference))
}

/// The days a state claim is certain to hold: a state reached within span
/// `t` ("put on hold earlier this week") holds at least from the last day of
/// `t` to the report date. A span after the report date is a forecast window
/// and is kept as it is.
fn state_window(t: TimeSpan, reported: Option<NaiveDate>) -> TimeSpan {
    let Some(r) = reported else { return t };
    if t.open.is_some() || t.start > r {
        return t;
    }
    let last = (t.end - chrono::Days::new(1)).min(r);
    TimeSpan::new(last, r + chrono::Days::new(1), crate::time::Grain::Day)
}

/// The modality of a parsed claim and the word that sets it: its own
/// mood (an auxiliary, a condition, a plan), else the clause's hedge or
/// plan word.
fn mood_of(oc: &open::OpenClaim, cx: &ClaimContext) -> (Modality, Option<Span>) {
    match oc.mood {
        open::Mood::Possible | open::Mood::Conditional => (Modality::Hedged, oc.mood_word),
        open::Mood::Future => (Modality::Forecast, oc.mood_word),
        open::Mood::Asserted => (cx.modality, cx.modality_cue),
    }
}

/// A currency sign or a multiplier heading an object: an amount.
fn is_amount(head: &str) -> bool {
    matches!(head, "£" | "$" | "€" | "¥") || language::numbers::is_multiplier(head)
}

/// A time span of exactly one day.
fn one_day(t: &TimeSpan) -> bool {
    t.end == t.start + chrono::Days::new(1)
}

/// Whether a hedge or plan word at `h` governs the claim at `at`: not when
/// a finite auxiliary stands between them, which starts a verb of its own
/// ("the strike that was due to begin on Thursday *has* been called off",
/// "the next round *was* cancelled"). A complement clause right after the
/// word stays under it ("it is likely that the talks were cancelled").
fn governs(text: &str, h: Span, at: Span) -> bool {
    let Some(between) = text.get(h.end..at.start) else { return true };
    let between = between.to_ascii_lowercase();
    let words = between.split(|c: char| !(c.is_alphabetic() || c == '\'')).filter(|w| !w.is_empty());
    for (k, w) in words.enumerate() {
        if k == 0 && matches!(w, "that" | "whether") {
            return true;
        }
        if matches!(w, "has" | "had" | "is" | "are" | "was" | "were") {
            return false;
        }
    }
    true
}

/// The byte offset of the start of the n-th word before `at`.
fn nth_word_back(text: &str, at: usize, n: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    let mut pos = at;
    for (i, ch) in text[..at].char_indices().rev() {
        let w = ch.is_alphanumeric() || ch == '\'' || ch == '\u{2019}';
        if w && !in_word {
            count += 1;
        }
        in_word = w;
        if count > n {
            return pos;
        }
        pos = i;
    }
    0
}

/// A clause worth parsing, and for what.
struct Candidate {
    clause: Span,
    /// For the open predicate (a negation, or a verb denied elsewhere).
    open: bool,
    /// For a state word of the packs.
    stated: bool,
    /// For a number.
    counted: bool,
    /// For the day of a past act: a one-day time expression and a past
    /// tense.
    dated: bool,
    /// For the place of a past act done once: "in" before a capitalised
    /// word and a past form of a `once` verb ("was born in Cornwall").
    placed: bool,
    /// Its tokens in the sentence's.
    t0: usize,
    t1: usize,
}

/// What the open claims of a sentence need from the whole document.
/// A document's names of organisations and things by their last word,
/// each with where it is first written.
type NamedByLast = HashMap<String, BTreeMap<String, usize>>;

struct DocContext<'a> {
    /// The document's text, where a phrase's antecedent is looked for.
    text: &'a str,
    /// Capitalised words that open sentences rather than names ("The").
    stopwords: &'a WordSet,
    mentions: &'a [EventMention],
    /// Surnames of the document's people, lowercased.
    persons: &'a WordSet,
    /// Role nouns the document gives one person ("commissioner" -> "ruth
    /// malone"), lowercased.
    roles: &'a HashMap<String, String>,
    /// The document's names of organisations and things (two words or
    /// more, no person's) by their last word, lowercased: "the guild" may
    /// be the one "Locomotive Guild" of the document.
    /// Each with where it is first written.
    named_by_last: &'a NamedByLast,
    /// The document's organisations in the order written (see
    /// [`org_antecedent`]).
    orgs: &'a [(usize, String, bool)],
    /// Nouns for a kind of organisation ("airline"), lowercased.
    organisation_nouns: &'a WordSet,
    /// Where this sentence's claims begin in the document's: earlier ones
    /// are of earlier sentences, never scanned again.
    claims_from: usize,
}

// Words as runs without spaces or stops, not `\w`: the Unicode word class
// made these two patterns 3.6 ms of a 14 ms start-up to compile.
static ROLE_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s*,\s*the\s+(?:[^\s,;.]+\s+){0,4}?([a-z][a-z\-]+)\s*[,;.]").expect("a valid pattern")
});
static ROLE_BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i:(?-u:\b)the)\s+(?:[^\s,;.]+\s+){0,4}?([a-z][a-z\-]+)\s*,\s*$").expect("a valid pattern")
});

/// The role nouns of a document's people: an appositive with "the" after
/// or before the name, or a title before it. A role two people share is
/// nobody's.
fn person_roles(text: &str, sents: &[Sent], persons: &WordSet, lx: &Lexicon) -> HashMap<String, String> {
    let mut found: HashMap<String, BTreeSet<String>> = HashMap::new();
    for s in sents {
        for n in s.names.iter().filter(|n| persons.contains(&n.surname())) {
            let name = n.full().to_lowercase();
            let after = &text[n.span.end..s.span.end];
            let before_from =
                text[..n.span.start].char_indices().rev().nth(80).map_or(s.span.start, |(i, _)| i.max(s.span.start));
            let before = &text[before_from..n.span.start];
            let mut add = |role: &str| {
                found.entry(role.to_string()).or_default().insert(name.clone());
            };
            if let Some(c) = ROLE_AFTER.captures(after) {
                add(&c[1]);
            }
            if let Some(c) = ROLE_BEFORE.captures(before) {
                add(&c[1]);
            }
            // A title right before the name: "Sheriff Ada Okonkwo".
            if let Some(w) = before.split_whitespace().last().map(str::to_lowercase) {
                if lx.titles.contains(&w) && !lx.title_modifiers.contains(&w) {
                    add(&w);
                }
            }
        }
    }
    found.into_iter().filter(|(_, v)| v.len() == 1).filter_map(|(k, v)| v.into_iter().next().map(|n| (k, n))).collect()
}

struct Sent {
    span: Span,
    t0: usize,
    t1: usize,
    clauses: Vec<Span>,
    hits: Vec<Hit>,
    names: Vec<NameRun>,
    times: Vec<TimeMention>,
}

/// Who said something in a sentence, where, and when.
struct Speaker {
    name: String,
    person: bool,
    verb: Span,
    /// The speech's own time expression ("said on Thursday"), resolved.
    time: Option<(String, TimeSpan)>,
    time_span: Option<Span>,
}

/// Attribution in one sentence: "X said", "said X", "according to X".
fn attribution(
    text: &str,
    s: &Sent,
    persons: &WordSet,
    full_names: &HashMap<String, String>,
    lx: &Lexicon,
    last_person: &mut Option<String>,
) -> Vec<Speaker> {
    let mut out = Vec::new();
    // Clauses, names and times are in text order: each lookup below is a
    // binary search, so a sentence with thousands of speech verbs costs
    // n log n, not n squared.
    let clause_of = |at: usize| {
        let i = s.clauses.partition_point(|c| c.end <= at);
        s.clauses.get(i).copied().filter(|c| c.contains(at))
    };
    for h in s.hits.iter().filter(|h| matches!(h.tag, Tag::Speech | Tag::Attribution)) {
        let mut name: Option<(String, bool)> = None;
        if h.tag == Tag::Attribution {
            // "according to a senior club official": up to the clause end.
            let end = clause_of(h.span.start).map(|c| c.end).unwrap_or(s.span.end);
            if let Some(n) = s.names.iter().find(|n| {
                n.span.start >= h.span.end && n.span.end <= end && n.words.len() >= 2 && persons.contains(&n.surname())
            }) {
                name = Some((n.full(), true));
            } else {
                let np = noun_phrase(&text[h.span.end..end]);
                if !np.is_empty() {
                    name = Some((np, false));
                }
            }
        } else {
            // The nearest name ending just before the verb ("Novak said",
            // "Lena Novak, said"), else the words before it, else the
            // name just after it ("said Keller").
            let k = s.names.partition_point(|n| n.span.end <= h.span.start);
            let before = k.checked_sub(1).map(|j| &s.names[j]).filter(|n| {
                n.span.end <= h.span.start
                    && text[n.span.end..h.span.start].trim_matches([' ', ',']).chars().nth(1).is_none()
            });
            if let Some(n) = before {
                name = Some(person_name(n, persons, full_names));
            } else {
                let clause = clause_of(h.span.start).unwrap_or(s.span);
                // "while local media claimed": the clause word is not the
                // speaker. A speaker is a few words: only the last dozen
                // before the verb are read.
                let from = nth_word_back(text, h.span.start, 12).max(clause.start);
                let raw = noun_phrase(&text[from..h.span.start]);
                let np = raw
                    .split_whitespace()
                    .skip_while(|w| lx.clause_breaks.contains(&w.to_lowercase()))
                    .collect::<Vec<_>>()
                    .join(" ");
                let np = noun_phrase(&np);
                let words = np.split_whitespace().count();
                // A speaker is a noun phrase, not a prepositional phrase or a
                // pronoun that names no one ("with no new date announced", "it").
                let first = np.split_whitespace().next().unwrap_or("").to_lowercase();
                let lone_stopword = words == 1 && lx.stopwords.contains(&first);
                let starts_np = !lone_stopword
                    && !matches!(
                        first.as_str(),
                        "with"
                            | "in"
                            | "on"
                            | "at"
                            | "for"
                            | "from"
                            | "by"
                            | "to"
                            | "of"
                            | "as"
                            | "that"
                            | "which"
                            | "who"
                            | "if"
                            | "it"
                            | "they"
                            | "we"
                            | "i"
                            | "you"
                            | "this"
                            | "there"
                            | "not"
                            | "no"
                            | "hours"
                            | "days"
                            | "weeks"
                    );
                if matches!(first.as_str(), "he" | "she") && words == 1 {
                    name = last_person.clone().map(|p| (p, true));
                } else if (1..=6).contains(&words) && starts_np && !np.contains('\u{201d}') && !np.contains('"') {
                    name = Some((np, false));
                } else {
                    // "said club spokesperson Lena Novak": only role
                    // words between the verb and the name.
                    // Only the first name after the verb can be this close.
                    let first_after = s.names.partition_point(|n| n.span.start < h.span.end);
                    let after = s.names.get(first_after).filter(|n| {
                        n.span.start >= h.span.end
                            && text[h.span.end..n.span.start].split_whitespace().all(|w| {
                                w.chars().next().is_some_and(|c| c.is_uppercase())
                                    || w.len() <= 2
                                    || w.ends_with("person")
                                    || w.ends_with("man")
                                    || w.ends_with("woman")
                                    || w == "aide"
                            })
                            && text[h.span.end..n.span.start].split_whitespace().nth(4).is_none()
                    });
                    if let Some(n) = after {
                        name = Some(person_name(n, persons, full_names));
                    }
                }
            }
        }
        let Some((name, person)) = name else { continue };
        if person {
            *last_person = Some(name.clone());
        }
        // The speech time: an expression just after the verb, or just before
        // it ("police on Monday said"). Not one set off by a comma, nor one
        // before "according to": that is the time of what is reported
        // ("cancelled 1,100 flights on Friday, according to data ...").
        let k = s.times.partition_point(|m| m.start < h.span.end);
        let after = s
            .times
            .get(k)
            .filter(|m| m.start - h.span.end <= 24 && text[h.span.end..m.start].split_whitespace().nth(3).is_none());
        let before = s.times[..k].iter().rev().take(2).find(|m| {
            h.tag == Tag::Speech
                && m.end <= h.span.start
                && h.span.start - m.end <= 2
                && text[m.end..h.span.start].trim().is_empty()
        });
        let t = before.or(after);
        out.push(Speaker {
            name,
            person,
            verb: h.span,
            time: t.and_then(|m| m.span.map(|ts| (text[m.start..m.end].to_string(), ts))),
            time_span: t.map(|m| Span::new(m.start, m.end)),
        });
    }
    out
}

/// A map's entries as (key, value) pairs, sorted (as a seed keeps them,
/// whatever the map's order).
fn sorted_pairs(m: &HashMap<String, String>) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = m.iter().map(|(k, x)| (k.clone(), x.clone())).collect();
    v.sort();
    v
}

/// A speaker's name, a surname alone given as the full name this document
/// uses ("Keller" -> "Anna Keller").
fn person_name(n: &NameRun, persons: &WordSet, full_names: &HashMap<String, String>) -> (String, bool) {
    if n.words.len() == 1 {
        if let Some(full) = full_names.get(&n.surname()) {
            return (full.clone(), true);
        }
    }
    (n.full(), n.words.len() >= 2 || persons.contains(&n.surname()))
}

/// A short noun phrase: the text without leading determiners or
/// punctuation, e.g. "a senior club official" -> "senior club official".
fn noun_phrase(s: &str) -> String {
    // Adverbs of time and manner beside a speaker, not part of it.
    const ADVERBS: [&str; 8] = ["also", "later", "reportedly", "previously", "earlier", "then", "once", "repeatedly"];
    let t = s.trim().trim_matches(|c: char| !c.is_alphanumeric());
    let mut words: Vec<&str> = t.split_whitespace().collect();
    // "Later the company said", "Earlier, officials said": neither the
    // article nor the adverb opening the sentence is the speaker.
    while words.first().is_some_and(|w| {
        let w = w.trim_end_matches(',').to_lowercase();
        matches!(w.as_str(), "a" | "an" | "the" | "that" | "and") || ADVERBS.contains(&w.as_str())
    }) {
        words.remove(0);
    }
    // "Norvik has said", "officials have also said": the auxiliary is not the speaker.
    while words.last().is_some_and(|w| {
        let w = w.to_lowercase();
        matches!(w.as_str(), "has" | "have" | "had" | "was" | "were" | "is" | "are") || ADVERBS.contains(&w.as_str())
    }) {
        words.pop();
    }
    words.join(" ")
}

/// The bias of a time expression at `at`: past next to a speech verb
/// ("said Friday"); future after a plan or forecast word in its clause
/// ("will leave on Thursday", "as soon as Tuesday"), or in the clause after a
/// clause that is only the time ("On Tuesday, the league plans to ...");
/// else past, the voice of news.
fn clause_bias(at: usize, clauses: &[Span], marks: &BiasMarks, text: &str) -> Bias {
    // Clauses are in order and do not overlap: the one holding `at` by
    // binary search, so a sentence of thousands of clauses costs n log n.
    let ci = clauses.partition_point(|c| c.end <= at);
    let Some(c) = clauses.get(ci).copied().filter(|c| c.contains(at)) else { return Bias::Past };
    // The nearest speech verbs before and after `at` (spans sorted).
    let k = marks.speech.partition_point(|h| h.start < at);
    let before = k
        .checked_sub(1)
        .and_then(|j| marks.speech.get(j))
        .is_some_and(|h| h.end <= at && text[h.end..at].split_whitespace().nth(2).is_none());
    let after = marks.speech.get(k).is_some_and(|h| h.start - at <= 24);
    if before || after {
        return Bias::Past;
    }
    // A plan or forecast word in `c` before `before`: the first one at or
    // after the clause's start.
    let forward_in = |c: &Span, before: usize| {
        let j = marks.future.partition_point(|&f| f < c.start);
        marks.future.get(j).is_some_and(|&f| f < before && c.contains(f))
    };
    if forward_in(&c, at) {
        return Bias::Future;
    }
    // (counting at most four words: a clause may be a whole huge sentence)
    let only_time = text[c.start..c.end].split_whitespace().nth(3).is_none();
    if only_time && clauses.get(ci + 1).is_some_and(|n| forward_in(n, n.end)) {
        return Bias::Future;
    }
    Bias::Past
}

/// Where a sentence's speech verbs and plan words are, sorted, for
/// [`clause_bias`].
struct BiasMarks {
    speech: Vec<Span>,
    future: Vec<usize>,
}

impl BiasMarks {
    fn new(hits: &[Hit]) -> BiasMarks {
        let mut speech: Vec<Span> = hits.iter().filter(|h| h.tag == Tag::Speech).map(|h| h.span).collect();
        let mut future: Vec<usize> = hits.iter().filter(|h| h.tag == Tag::Future).map(|h| h.span.start).collect();
        speech.sort_by_key(|h| (h.start, h.end));
        future.sort_unstable();
        BiasMarks { speech, future }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_prefix_and_its_word_are_one_word_for_the_second_pass() {
        let words: Vec<&str> = alphabetic_words("Hamas can not re-arm; a self-made co-op").map(|(_, w)| w).collect();
        assert_eq!(words, ["Hamas", "can", "not", "re-arm", "a", "self", "made", "co-op"]);
    }

    fn scanned_forms(d: &Denied, text: &str) -> Vec<usize> {
        let mut buf = String::new();
        alphabetic_words(text).filter(|(_, w)| d.any_form(w, &mut buf)).map(|(at, _)| at).collect()
    }

    proptest::proptest! {
        /// The automaton finds the forms where the word by word scan does,
        /// hyphens, bound prefixes, case and letters outside ASCII included.
        #[test]
        fn forms_are_found_where_the_word_scan_finds_them(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "re", "non", "counter", "arm", "armed", "Armed", "ARMS", "-", " ", ".", "\u{e9}", "x", "co", "op",
                "'", "ed", "pre",
            ]), 0..24)
        ) {
            let text: String = parts.concat();
            let names = aho_corasick::AhoCorasick::new(["x"]).unwrap();
            let forms: WordSet =
                ["arm", "armed", "arms", "counter", "re-arm", "re-armed", "op"].iter().map(|s| s.to_string()).collect();
            let d = Denied::new(names, vec![forms]);
            proptest::prop_assert!(d.form_finder.is_some());
            proptest::prop_assert_eq!(d.form_words(&text, 0), scanned_forms(&d, &text), "{:?}", text);
        }
    }

    #[test]
    fn a_denied_subject_is_named_by_whole_words() {
        let names = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(["amd"]).unwrap();
        let forms: WordSet = ["changed"].iter().map(|s| s.to_string()).collect();
        let d = Denied::new(names, vec![forms]);
        assert!(d.matches("AMD changed its plans on Monday."));
        // "amd" inside "damaged" names nobody.
        assert!(!d.matches("The damaged chip changed hands."));
        assert!(!d.named_in("The damaged chip changed hands."));
    }

    #[test]
    fn places_in_places_come_from_running_text_and_datelines_not_from_people() {
        let rules = crate::rules::load(&[]).expect("built-in pack");
        let ex = Extractor::new(&rules);
        let text = "LEEDS, England (AP) \u{2014} The bank has branches in Cardiff, Wales, and in York. The minister \
                    in Gaza, Ismail Haniyeh, issued a statement. Rain fell in Flint, Saginaw, and Bay City.";
        let doc = crate::corpus::Document::from_text("a.txt", text.to_string(), None);
        let out = ex.extract(&doc);
        let pairs: Vec<(&str, &str)> = out.nested_places.iter().map(|(a, b)| (&**a, &**b)).collect();
        assert_eq!(pairs, [("cardiff", "wales"), ("leeds", "england")]);
    }

    #[test]
    fn a_seed_is_bytes_to_postcard_and_a_map_to_json_and_decodes_the_same() {
        let seed = SecondSeed {
            persons: vec!["keller".into()],
            full_names: vec![("keller".into(), "Anna Keller".into())],
            roles: vec![("mayor".into(), "Anna Keller".into())],
            named_by_last: vec![("authority".into(), "Harbour Authority".into(), 0)],
            last_speaker: vec![(120, "keller".into())],
            orgs: vec![(0, "harbour authority".into(), false)],
            corrections: false,
        };
        let ready = Seed::Ready(Box::new(seed.clone()));
        let bytes = postcard::to_allocvec(&ready).unwrap();
        let back: Seed = postcard::from_bytes(&bytes).unwrap();
        assert!(matches!(back, Seed::Encoded(_)));
        assert_eq!(back.get().as_deref(), Some(&seed));
        // Encoded again as it came: the same bytes.
        assert_eq!(postcard::to_allocvec(&back).unwrap(), bytes);
        let json = serde_json::to_string(&back).unwrap();
        assert!(json.contains("\"full_names\""), "{json}");
        let from_json: Seed = serde_json::from_str(&json).unwrap();
        assert!(matches!(from_json, Seed::Ready(_)));
        assert_eq!(from_json.get().as_deref(), Some(&seed));
        // Damaged bytes: no seed (the document is read whole), no panic.
        assert!(Seed::Encoded(vec![200, 1, 2].into_boxed_slice()).get().is_none());
        // Held as bytes between the passes: the same bytes a cache
        // stores, the same seed decoded.
        let held = Seed::Ready(Box::new(seed.clone())).encoded();
        assert!(matches!(&held, Seed::Encoded(_)));
        assert_eq!(held.get().as_deref(), Some(&seed));
        assert_eq!(postcard::to_allocvec(&held).unwrap(), bytes);
    }

    #[test]
    fn a_speaker_phrase_drops_the_adverbs_and_article_around_it() {
        assert_eq!(noun_phrase("Later the company "), "company");
        assert_eq!(noun_phrase("Earlier, the city's mayor "), "city's mayor");
        assert_eq!(noun_phrase("officials have also "), "officials");
        // A name is kept whole.
        assert_eq!(noun_phrase("the Harbour Authority "), "Harbour Authority");
    }

    fn after_dateline(text: &str) -> String {
        let tokens = text::tokens::tokenize_span(text, Span::new(0, text.len()));
        let rest = without_dateline(text, &tokens);
        rest.first().map_or(String::new(), |t| text[t.start..].to_string())
    }

    #[test]
    fn a_dateline_is_cut_from_the_words_the_tagger_reads() {
        assert_eq!(after_dateline("BRACKLEY \u{2014} Thieves stole 14 paintings."), "Thieves stole 14 paintings.");
        assert_eq!(after_dateline("WASHINGTON (Reuters) - The Senate voted."), "The Senate voted.");
        assert_eq!(after_dateline("LONDON, March 3 (AP) -- Prices rose."), "Prices rose.");
        // Not a dateline: a hyphenated word, a dash after lowercase words,
        // a capitalised word that is not in capitals.
        for text in [
            "UN-backed forces advanced.",
            "The vote \u{2014} the first in years \u{2014} failed.",
            "Paris \u{2014} a city",
        ] {
            assert_eq!(after_dateline(text), text);
        }
    }

    #[test]
    fn the_company_is_the_one_organisation_named_before_it() {
        let nouns: WordSet = ["airline", "company"].iter().map(|s| s.to_string()).collect();
        let orgs = vec![
            (10, "skyvale".to_string(), false),
            (40, "skyvale air".to_string(), false),
            (90, "aerotrace".to_string(), true),
            (300, "northwind airways".to_string(), false),
        ];
        let resolve = |head: &str, at: usize| org_antecedent_in(&orgs, &nouns, head, at);
        // one organisation under two names: the longer
        assert_eq!(resolve("airline", 80).as_deref(), Some("skyvale air"));
        // a source cited is no rival
        assert_eq!(resolve("airline", 200).as_deref(), Some("skyvale air"));
        // two organisations told of: none
        assert_eq!(resolve("airline", 400), None);
        // not a noun for an organisation; nothing named before
        assert_eq!(resolve("plane", 80), None);
        assert_eq!(resolve("company", 5), None);
        // only a source named: that one
        let sources = vec![(5, "aerotrace".to_string(), true)];
        assert_eq!(org_antecedent_in(&sources, &nouns, "company", 50).as_deref(), Some("aerotrace"));
    }
}
