//! The YAML schema of a rule pack. Every struct denies unknown keys, so a
//! typo is an error that names the key, not a rule silently ignored.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// The pack's name; a pack loaded twice is used once.
    pub pack: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub entities: Vec<EntityDef>,
    /// Event classes by name: the nouns and verbs that mention one.
    #[serde(default)]
    pub events: BTreeMap<String, EventClassDef>,
    #[serde(default)]
    pub predicates: BTreeMap<String, PredicateDef>,
    #[serde(default)]
    pub conflicts: Vec<ConflictDef>,
}

/// Function words and cues of the language; all matched case-insensitively
/// on word boundaries.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// Words that negate the predicate after them: "not", "never".
    #[serde(default)]
    pub negation: Vec<String>,
    /// Words that make a claim a possibility: "could", "may", "possibly".
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Words that make a claim a plan or forecast: "will", "plans to".
    #[serde(default)]
    pub future: Vec<String>,
    /// Verbs that introduce reported speech: "said", "told".
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// Speech verbs whose complement the speaker holds untrue: "denied
    /// that", "disputed". What such a verb frames is not asserted.
    #[serde(default)]
    pub denial_verbs: Vec<String>,
    /// Phrases before a source: "according to".
    #[serde(default)]
    pub attribution: Vec<String>,
    /// Role words stripped from the front of a name: "President".
    #[serde(default)]
    pub titles: Vec<String>,
    /// Words of a title that are no role alone: "Senior", "Former", "Foreign".
    #[serde(default)]
    pub title_modifiers: Vec<String>,
    /// Words that start a new clause: "while", "after", "because".
    #[serde(default)]
    pub clause_breaks: Vec<String>,
    /// Regular expressions for lines that are page furniture, not claims.
    #[serde(default)]
    pub boilerplate: Vec<String>,
    /// Capitalised words that never start a name: "The", "However".
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// Words that make a name an organisation, a place or an office, not a
    /// person: "Police", "Department", "Marshal", "Zealand".
    #[serde(default)]
    pub not_person: Vec<String>,
    /// Nouns for the premises of an organisation, read through to the
    /// place: "at the offices of the Conciliation Service" is at the
    /// Conciliation Service.
    #[serde(default)]
    pub premises: Vec<String>,
    /// Nouns for a kind of organisation: "the airline", "the company" of a
    /// report that names one organisation only is that one.
    #[serde(default)]
    pub organisation_nouns: Vec<String>,
    /// Phrases that open a correction notice: "an earlier version of this
    /// article", "Correction:". What the notice says is no claim, and the
    /// values it gives as the error are withdrawn from its document.
    #[serde(default)]
    pub corrections: Vec<String>,
    /// Words of a correction notice before the error: "misstated",
    /// "incorrectly".
    #[serde(default)]
    pub correction_errors: Vec<String>,
    /// Words that carry no content of their own ("the", "was", "of"):
    /// skipped when two passages are compared word for word around a
    /// figure, so "had been" and "was" do not tell them apart.
    #[serde(default)]
    pub function_words: Vec<String>,
}

impl Language {
    pub fn extend(&mut self, o: &Language) {
        self.negation.extend(o.negation.iter().cloned());
        self.hedges.extend(o.hedges.iter().cloned());
        self.future.extend(o.future.iter().cloned());
        self.speech_verbs.extend(o.speech_verbs.iter().cloned());
        self.denial_verbs.extend(o.denial_verbs.iter().cloned());
        self.attribution.extend(o.attribution.iter().cloned());
        self.titles.extend(o.titles.iter().cloned());
        self.title_modifiers.extend(o.title_modifiers.iter().cloned());
        self.clause_breaks.extend(o.clause_breaks.iter().cloned());
        self.boilerplate.extend(o.boilerplate.iter().cloned());
        self.stopwords.extend(o.stopwords.iter().cloned());
        self.not_person.extend(o.not_person.iter().cloned());
        self.premises.extend(o.premises.iter().cloned());
        self.organisation_nouns.extend(o.organisation_nouns.iter().cloned());
        self.corrections.extend(o.corrections.iter().cloned());
        self.correction_errors.extend(o.correction_errors.iter().cloned());
        self.function_words.extend(o.function_words.iter().cloned());
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    Event,
}

/// A named thing a story is about, with every name it goes by.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    pub id: String,
    pub kind: EntityKind,
    /// For events: the event class ("meeting").
    #[serde(default)]
    pub class: Option<String>,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventClassDef {
    /// Head nouns that mention an event of the class: "conference", "talks".
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Verbs whose subject and object are its participants: "met".
    #[serde(default)]
    pub verbs: Vec<String>,
}

/// A predicate: what can be said of a subject.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateDef {
    #[serde(default)]
    pub description: String,
    /// `event` (default) or `entity`.
    #[serde(default)]
    pub applies_to: Option<String>,
    /// What the value is: `label` (default; from `values`), `scale` (from
    /// `scale`), `date` (a time expression near a `cues` phrase), `number`,
    /// `open` (any clause's verb and object, read from the parse) or
    /// `place` (where a past act read from the parse happened).
    #[serde(default, rename = "type")]
    pub value_type: ValueType,
    /// A state holds until it changes (status); a non-state describes the
    /// subject once and for all (how a past call went), so its facts are
    /// compared whatever their dates.
    #[serde(default = "yes")]
    pub state: bool,
    #[serde(default)]
    pub values: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub scale: Option<Scale>,
    /// For date and number predicates: the phrases that introduce the value.
    #[serde(default)]
    pub cues: Vec<String>,
    /// For open predicates: verb lemmas that say too little alone to be
    /// compared ("have", "get", "come").
    #[serde(default)]
    pub ignore: Vec<String>,
    /// For label predicates: per value, the clause predicates that state
    /// it, read from the parse of any clause about any subject ("call off",
    /// "be on hold", "remain closed", "reopen"; see `extract::states`).
    #[serde(default)]
    pub states: BTreeMap<String, Vec<String>>,
    /// For number predicates: also read every count of the parse, for any
    /// subject (the number, the noun it counts, the event it belongs to;
    /// see `extract::quantities`).
    #[serde(default)]
    pub parsed_counts: bool,
    /// For number predicates with `parsed_counts`: groups of event verbs
    /// whose counts count one thing ("injure", "hurt", "wound": two people
    /// hurt and five injured in one crash cannot both be right). A count's
    /// event is keyed by the first verb of its group.
    #[serde(default)]
    pub same_events: Vec<Vec<String>>,
    /// For date predicates: also date every past act read from the parse
    /// whose clause gives it one day ("the union served notice on March
    /// 10"): its subject, verb and object are the event.
    #[serde(default)]
    pub parsed_dates: bool,
    /// For date predicates: also read the ages written next to people's
    /// names ("Ann Lee, 45,", "the 45-year-old Ann Lee") as the birth
    /// dates they allow (see `extract::ages`).
    #[serde(default)]
    pub parsed_ages: bool,
    /// For place predicates: verb lemmas of acts a subject does once
    /// ("bear" of "was born", "die"), whose places are compared whatever
    /// their days. Any other act's place is compared only for one day.
    #[serde(default)]
    pub once: Vec<String>,
}

fn yes() -> bool {
    true
}

impl PredicateDef {
    pub fn merge(&mut self, o: &PredicateDef) {
        for (k, v) in &o.values {
            self.values.entry(k.clone()).or_default().extend(v.iter().cloned());
        }
        match (&mut self.scale, &o.scale) {
            (Some(a), Some(b)) => {
                a.positive.extend(b.positive.iter().cloned());
                a.negative.extend(b.negative.iter().cloned());
            }
            (None, Some(b)) => self.scale = Some(b.clone()),
            _ => {}
        }
        self.cues.extend(o.cues.iter().cloned());
        self.ignore.extend(o.ignore.iter().cloned());
        self.parsed_counts |= o.parsed_counts;
        self.same_events.extend(o.same_events.iter().cloned());
        self.parsed_dates |= o.parsed_dates;
        self.parsed_ages |= o.parsed_ages;
        self.once.extend(o.once.iter().cloned());
        for (k, v) in &o.states {
            self.states.entry(k.clone()).or_default().extend(v.iter().cloned());
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    #[default]
    Label,
    Scale,
    Date,
    Number,
    /// Read from the parse of any clause: the verb (with its particle) or
    /// state, and its object. No cue phrases: the value is the predicate.
    Open,
    /// Where a past act read from the parse happened: a proper name after
    /// "in" hanging from its verb ("was arrested in Leeds").
    Place,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    #[serde(default)]
    pub positive: Vec<String>,
    #[serde(default)]
    pub negative: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    Exclusive,
    Negation,
    Functional,
    Characterisation,
    QuoteDrift,
    Spelling,
    Weekday,
    /// One document gives one figure twice, in the same words, with two
    /// values.
    FigureDrift,
    /// Findings about suppression comments themselves (unused, no reason).
    Suppression,
}

impl ConflictKind {
    /// The kind as the JSON contract spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Exclusive => "exclusive",
            ConflictKind::Negation => "negation",
            ConflictKind::Functional => "functional",
            ConflictKind::Characterisation => "characterisation",
            ConflictKind::QuoteDrift => "quote",
            ConflictKind::Spelling => "spelling",
            ConflictKind::Weekday => "weekday",
            ConflictKind::FigureDrift => "figure",
            ConflictKind::Suppression => "suppression",
        }
    }

    pub fn default_threshold(self) -> f64 {
        match self {
            ConflictKind::Spelling => 0.88,
            ConflictKind::QuoteDrift => 0.75,
            ConflictKind::FigureDrift => 6.0,
            _ => 0.0,
        }
    }

    pub fn default_message(self) -> &'static str {
        match self {
            ConflictKind::Exclusive => "{subject} is {a} in one {report} and {b} in another",
            ConflictKind::Negation => "{subject} is said to be {a} and not to be {a}",
            ConflictKind::Functional => "{subject} has {predicate} {a} in one {report} and {b} in another",
            ConflictKind::Characterisation => "{subject} is described as {a} in one {report} and {b} in another",
            ConflictKind::QuoteDrift => "the same quote is worded \"{a}\" in one {report} and \"{b}\" in another",
            ConflictKind::Spelling => "{subject} is spelled \"{a}\" in one {report} and \"{b}\" in another",
            ConflictKind::Weekday => "{a} is not a {b}",
            ConflictKind::FigureDrift => "\"{subject}\" gives {a} in one place and {b} in another",
            ConflictKind::Suppression => "{a}",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictDef {
    pub id: String,
    pub kind: ConflictKind,
    #[serde(default)]
    pub predicate: Option<String>,
    /// For exclusive rules: pairs of values that cannot hold together.
    #[serde(default)]
    pub pairs: Vec<[String; 2]>,
    /// How far apart two valid times may be and still overlap (`1d`), or how
    /// far two numbers may differ and still agree (`5%`).
    #[serde(default)]
    pub tolerance: Option<String>,
    /// For quote drift and spelling: how similar two texts must be.
    #[serde(default)]
    pub threshold: Option<f64>,
    pub severity: Severity,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// Slack when comparing: days of time, or a ratio of a number.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tolerance {
    pub days: u64,
    pub ratio: f64,
}

impl Tolerance {
    pub fn parse(s: &str) -> Option<Tolerance> {
        let s = s.trim();
        if let Some(d) = s.strip_suffix('d') {
            return d.trim().parse().ok().map(|days| Tolerance { days, ratio: 0.0 });
        }
        if let Some(p) = s.strip_suffix('%') {
            return p.trim().parse::<f64>().ok().filter(|r| *r >= 0.0).map(|r| Tolerance { days: 0, ratio: r / 100.0 });
        }
        s.parse::<f64>().ok().filter(|r| *r >= 0.0).map(|r| Tolerance { days: r as u64, ratio: 0.0 })
    }
}
