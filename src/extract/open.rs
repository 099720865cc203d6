//! Open claims: what a clause says, read from its parse instead of from
//! cue phrases. For every predicate of a parsed sentence (a verb with its
//! particle, or a copula with its adjective, participle or noun) it gives
//! the subject noun phrase, the object, the words that negate it and the
//! words that make it a possibility, a plan, a question or a condition.
//!
//! "The commissioner has not signed off any extra subsidy" gives subject
//! `commissioner`, predicate `sign off`, object `subsidy`, negated by "not".
//! Pronoun subjects and objects are kept as pronouns: the caller decides
//! what to do with a claim it cannot tie to a subject.

use crate::language::{Sentence, Word};
use crate::text::Span;

/// A noun phrase: its head and the words that distinguish it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NounPhrase {
    /// Head lemma, lowercased ("strike").
    pub head: String,
    /// Proper names inside the phrase, lowercased ("harbor line").
    pub names: Vec<String>,
    /// Common-noun and adjective modifiers, lemmas ("drivers", "48-hour").
    pub modifiers: Vec<String>,
    pub pronoun: bool,
    /// The head is itself a proper name.
    pub proper: bool,
    /// Determiner "the", a possessive or a demonstrative: a known referent.
    pub definite: bool,
    /// "no" or "none of" as determiner: a negation on the phrase.
    pub no: bool,
    pub span: Span,
    /// The head word.
    pub at: Span,
    /// The head is a number ("completed 29 of 34 passes").
    pub number: bool,
}

impl NounPhrase {
    /// The phrase as a key: modifiers then head.
    pub fn key(&self) -> String {
        let mut k: Vec<&str> = self.modifiers.iter().map(String::as_str).collect();
        k.push(&self.head);
        k.join(" ")
    }
}

/// What can make a claim something other than a plain assertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mood {
    Asserted,
    /// could, may, might, should: a possibility.
    Possible,
    /// will, would, shall: a plan or forecast.
    Future,
    /// A question or a condition ("if ...", "whether ...").
    Conditional,
}

#[derive(Debug, Clone)]
pub struct OpenClaim {
    pub subject: NounPhrase,
    /// Verb lemma with its particle ("sign off"), or "be " + the state
    /// ("be closed", "be in place").
    pub predicate: String,
    pub passive: bool,
    /// Present perfect ("has signed", "has not conceded"): a negated one
    /// denies the event over the recent past, not only on its own day.
    pub perfect: bool,
    pub object: Option<NounPhrase>,
    /// The word that negates the claim ("not", "never", "no").
    pub negation: Option<Span>,
    pub mood: Mood,
    /// The word that sets the mood ("could", "if", "plans"), if not asserted.
    pub mood_word: Option<Span>,
    /// The predicate word.
    pub head: Span,
    /// From the first to the last word of subject, predicate and object.
    pub span: Span,
    /// Index of the predicate word in the sentence.
    pub index: usize,
    /// The predicate takes a clause ("continued to deny", "concluded
    /// that ..."): what it says is about that clause, not a state of its
    /// subject.
    pub complement: bool,
    /// The verb this clause is the complement of ("said" in "the officer
    /// said he used a Taser"), by index: a speech verb gives the claim its
    /// source, and a denial ("denied that ...") takes the assertion away.
    pub frame: Option<usize>,
    /// For a subject "he" or "she" in the complement of a verb whose own
    /// subject is one singular noun phrase with nothing else in it that
    /// could be meant ("the officer said he ..."): that phrase. The
    /// caller takes it only when the frame is a speech verb.
    pub antecedent: Option<NounPhrase>,
}

const NEGATORS: [&str; 3] = ["not", "never", "n't"];

pub(crate) fn lower(w: &Word) -> String {
    w.lemma.to_lowercase()
}

/// The particle of verb `v` ("set off", "paid out"), if it has one. The
/// parser reads "up" of "up to 600 workers" as the verb's particle ("employs
/// up"), where it bounds the number: not a particle there.
pub(crate) fn particle<'s, 'a>(s: &'s Sentence<'a>, v: usize) -> Option<&'s Word<'a>> {
    let (j, p) = s.children(v).find(|(_, c)| c.deprel == "compound:prt")?;
    let after = |d: usize| s.words.get(j + d);
    // A numeral, a number word or a currency sign ("up to $5 million").
    let number = |w: &Word| w.upos == "NUM" || w.xpos == "$" || crate::language::numbers::value(&w.form).is_some();
    let bound = p.form.eq_ignore_ascii_case("up")
        && after(1).is_some_and(|t| t.form.eq_ignore_ascii_case("to"))
        && after(2).is_some_and(number);
    (!bound).then_some(p)
}

/// A relation without its subtype ("nmod:poss" is "nmod").
pub(crate) fn rel<'a>(w: &Word<'a>) -> &'a str {
    w.deprel.split(':').next().unwrap_or(w.deprel)
}

/// The noun phrase headed by word `i`.
pub fn noun_phrase(s: &Sentence, i: usize) -> NounPhrase {
    let w = &s.words[i];
    let mut names = Vec::new();
    let mut modifiers = Vec::new();
    let mut definite = false;
    let mut no = false;
    let mut first = w.span.start;
    let mut last = w.span.end;
    let proper = w.upos == "PROPN";
    // A proper head with its flat and compound proper parts is one name,
    // and the phrase spans all of it ("Lindsay Lohan", not "Lindsay").
    if proper {
        let (name, span) = proper_name(s, i);
        names.push(name);
        first = first.min(span.start);
        last = last.max(span.end);
    }
    for (j, c) in s.children(i) {
        match (rel(c), c.deprel) {
            ("det", _) => {
                let l = lower(c);
                if matches!(l.as_str(), "the" | "this" | "that" | "these" | "those") {
                    definite = true;
                }
                if l == "no" {
                    no = true;
                }
            }
            // A numbered noun ("Day one", "Stage 3", "Game seven") names
            // one of a series: it is definite. With digits ("Route 14",
            // "Pier 4", "Gate 7") it is a name, as "Highway 9" is.
            ("nummod" | "flat", _) if j == i + 1 && c.upos == "NUM" => {
                definite = true;
                if !proper && c.form.chars().all(|ch| ch.is_ascii_digit()) {
                    names.push(format!("{} {}", w.form.to_lowercase(), c.form));
                }
                last = last.max(c.span.end);
            }
            (_, "nmod:poss") => {
                definite = true;
                if c.upos == "PROPN" {
                    names.push(proper_name(s, j).0);
                } else if c.upos == "NOUN" {
                    modifiers.push(lower(c));
                }
                first = first.min(c.span.start);
            }
            ("compound" | "amod" | "flat", _) if !proper || !name_part(c) => {
                if c.upos == "PROPN" {
                    names.push(proper_name(s, j).0);
                } else if matches!(c.upos, "NOUN" | "ADJ" | "NUM" | "VERB") {
                    modifiers.push(lower(c));
                }
                first = first.min(c.span.start);
            }
            ("nmod", _) if c.upos == "PROPN" && c.span.start > w.span.start => {
                // "the strike at Harbor Line Railways", "the fire in Westfield"
                names.push(proper_name(s, j).0);
                last = last.max(c.span.end);
            }
            ("nmod", _) if c.upos == "NOUN" && c.span.start > w.span.start => {
                // "production at the company's Riverside plant": the
                // names that distinguish the place or thing it is of.
                let inner = noun_phrase_names(s, j);
                if !inner.is_empty() {
                    names.extend(inner);
                    last = last.max(c.span.end);
                }
            }
            _ => {}
        }
    }
    modifiers.retain(|m| !m.is_empty());
    names.retain(|n| !n.split(' ').next().is_some_and(|f| crate::language::CALENDAR.contains(&f)));
    NounPhrase {
        head: if proper { w.form.to_lowercase() } else { lower(w) },
        names,
        modifiers,
        pronoun: w.upos == "PRON",
        proper,
        definite,
        no,
        span: Span::new(first, last),
        at: w.span,
        number: w.upos == "NUM",
    }
}

/// The proper names directly inside the common-noun phrase headed by `i`
/// (its compounds and possessives), without going deeper.
fn noun_phrase_names(s: &Sentence, i: usize) -> Vec<String> {
    s.children(i)
        .filter(|(_, c)| c.upos == "PROPN" && matches!(rel(c), "compound" | "flat" | "nmod"))
        .map(|(j, _)| proper_name(s, j).0)
        .collect()
}

/// The proper name headed by word `i` with its flat and compound proper
/// parts and a number right after it ("state route 14"), lowercased, and
/// where it starts.
///
/// Parts of parts count, as long as the name stays one unbroken run of
/// words: "Norvale General Hospital" parsed as "Norvale" with its `flat`
/// "Hospital", which has "General" as its descriptive `nmod:desc`.
fn proper_name(s: &Sentence, i: usize) -> (String, Span) {
    let mut parts: Vec<(usize, &Word)> = vec![(i, &s.words[i])];
    let mut next = 0;
    while next < parts.len() {
        let p = parts[next].0;
        next += 1;
        for (j, c) in s.children(p) {
            let descriptive = c.deprel == "nmod:desc" && c.upos == "PROPN";
            if name_part(c) || descriptive || (p == i && rel(c) == "nummod" && j == i + 1) {
                parts.push((j, c));
            }
        }
    }
    parts.sort_by_key(|(j, _)| *j);
    // Only the unbroken run of words around the head.
    let at = parts.iter().position(|(j, _)| *j == i).unwrap_or(0);
    let mut lo = at;
    while lo > 0 && parts[lo - 1].0 + 1 == parts[lo].0 {
        lo -= 1;
    }
    let mut hi = at;
    while hi + 1 < parts.len() && parts[hi].0 + 1 == parts[hi + 1].0 {
        hi += 1;
    }
    let parts = &parts[lo..=hi];
    let name = parts.iter().map(|(_, c)| c.form.to_lowercase()).collect::<Vec<_>>().join(" ");
    (name, Span::new(parts[0].1.span.start, parts[parts.len() - 1].1.span.end))
}

/// A word of a proper name hanging from its head: a proper noun, or a
/// capitalised word the tagger gave a proper noun's tag but another part of
/// speech ("Lulafy" in "Lulafy Hall" as an adjective, as EWT tags
/// "American" in a name).
fn name_part(c: &Word) -> bool {
    matches!(rel(c), "flat" | "compound" | "amod") && (c.upos == "PROPN" || c.xpos.starts_with("NNP"))
}

/// The subject of predicate `i`: its own, else (for a conjoined or
/// controlled verb) the subject of the verb it hangs from.
pub(crate) fn subject_of(s: &Sentence, i: usize, depth: usize) -> Option<usize> {
    // Two subjects are a parse gone wrong: a pronoun first ("That's
    // because California is a breadbasket") gives way to a noun after it.
    let mut subjects = s.children(i).filter(|(_, c)| rel(c) == "nsubj");
    if let Some((j, first)) = subjects.next() {
        let noun = |(k, c): &(usize, &Word)| *k < i && c.upos != "PRON";
        return Some(if first.upos == "PRON" { subjects.find(noun).map_or(j, |(k, _)| k) } else { j });
    }
    // "wants prosecutors to use the records", "asked the board to
    // delay": the object of the verb a clause complements is its subject.
    if depth < 3 && rel(&s.words[i]) == "xcomp" {
        let h = s.head(i)?;
        if let Some((o, _)) = s.children(h).find(|&(j, c)| rel(c) == "obj" && j < i) {
            return Some(o);
        }
    }
    if depth < 3 && matches!(rel(&s.words[i]), "conj" | "xcomp") {
        return s.head(i).and_then(|h| subject_of(s, h, depth + 1));
    }
    // "raised its forecast after reporting revenue of ...": a gerund
    // clause without a subject of its own does what the subject of the
    // verb it modifies does (an active one: "was charged after reviewing"
    // is the slip of a writer, not the grammar).
    if depth < 3 && rel(&s.words[i]) == "advcl" && s.words[i].xpos == "VBG" {
        let h = s.head(i)?;
        let own = s.children(i).any(|(_, c)| matches!(rel(c), "aux" | "aux:pass" | "nsubj:pass" | "expl"));
        let active = s.children(h).any(|(_, c)| c.deprel == "nsubj");
        if !own && active {
            return subject_of(s, h, depth + 1);
        }
    }
    None
}

/// The noun a relative pronoun `j`, subject of verb `h`, stands for: the
/// word the relative clause hangs from ("Hartwell Foods, which employs").
/// Any other word is itself.
pub(crate) fn antecedent(s: &Sentence, h: usize, j: usize) -> usize {
    let w = &s.words[j];
    let relative = w.upos == "PRON" && matches!(w.form.to_lowercase().as_str(), "who" | "which" | "that");
    match s.head(h) {
        Some(a) if relative && s.words[h].deprel == "acl:relcl" && s.words[a].upos != "PRON" => a,
        _ => j,
    }
}

/// The word that says what verb `i` makes its object out to be: an
/// adjective or noun after "as" ("described it as constructive"), or a
/// bare adjective complement ("called it productive").
fn object_predicative(s: &Sentence, i: usize) -> Option<usize> {
    let as_ = |j: usize| s.children(j).any(|(_, k)| matches!(rel(k), "case" | "mark") && lower(k) == "as");
    let own = s.children(i).find(|(j, c)| {
        *j > i
            && matches!(c.upos, "ADJ" | "NOUN")
            && (matches!(rel(c), "xcomp" | "obl" | "advcl") && as_(*j) || rel(c) == "xcomp" && c.upos == "ADJ")
    });
    // The parser may hang "as positive" from the object instead.
    let on_object = || {
        let (o, _) = s.children(i).find(|(_, c)| rel(c) == "obj")?;
        s.children(o).find(|(j, c)| *j > o && c.upos == "ADJ" && rel(c) == "nmod" && as_(*j))
    };
    own.or_else(on_object).map(|(j, _)| j)
}

/// A participle cannot take a direct object ("the man arrested" has
/// none), so a participle hanging from a noun as a modifier but with an
/// object of its own ("the company described the inspection as ...") is a
/// past tense the tagger took for a participle: the noun is its subject.
fn past_tense_taken_for_participle(s: &Sentence, i: usize) -> Option<usize> {
    let w = &s.words[i];
    let h = s.head(i)?;
    let bare = !s.children(i).any(|(_, c)| rel(c) == "aux");
    let object = s.children(i).any(|(j, c)| rel(c) == "obj" && j > i);
    (w.xpos == "VBN" && rel(w) == "acl" && bare && object && h < i && matches!(s.words[h].upos, "NOUN" | "PROPN"))
        .then_some(h)
}

/// A clause has a finite verb. When the tagger left none (the root is a
/// noun and no word is a past or present tense), a bare participle hanging
/// from the root's phrase is the past tense it missed: "61 percent of
/// drivers voted for a strike", "Ann Lee, the commissioner, signed off
/// the grant". Gives the verb and its subject, the root.
pub fn recovered_main_verb(s: &Sentence) -> Option<(usize, usize)> {
    let root = s.root()?;
    if !matches!(s.words[root].upos, "NOUN" | "PROPN" | "NUM") {
        return None;
    }
    if s.words.iter().any(|w| matches!(w.xpos, "VBD" | "VBZ" | "VBP" | "MD")) {
        return None;
    }
    let within = |mut j: usize| {
        for _ in 0..4 {
            if j == root {
                return true;
            }
            match s.head(j) {
                Some(h) => j = h,
                None => return false,
            }
        }
        false
    };
    let v = (0..s.words.len()).find(|&i| {
        let w = &s.words[i];
        let bare = !s.children(i).any(|(_, c)| rel(c) == "aux");
        // "Ann Lee, the commissioner, signed off ...": the participle joined
        // to the subject's phrase as a conjunct, with its own object.
        let conjunct = rel(w) == "conj"
            && s.head(i) == Some(root)
            && s.children(i).any(|(_, c)| matches!(rel(c), "obj" | "compound:prt"));
        w.xpos == "VBN" && bare && (rel(w) == "acl" && within(i) || conjunct)
    })?;
    Some((v, root))
}

/// Every open claim of a parsed sentence.
pub fn claims(s: &Sentence) -> Vec<OpenClaim> {
    let mut out = Vec::new();
    if !s.parsed {
        return out;
    }
    let question = s.words.last().is_some_and(|w| w.form == "?");
    for (i, w) in s.words.iter().enumerate() {
        let is_verb = w.upos == "VERB";
        // A copula with a state (adjective, participle, "in place"), not an
        // identity ("was not one person").
        let has_cop = s.children(i).any(|(_, c)| rel(c) == "cop")
            && (matches!(w.upos, "ADJ" | "VERB" | "ADV") || s.children(i).any(|(_, c)| rel(c) == "case"));
        if !is_verb && !has_cop {
            continue;
        }
        // Reported speech frames ("said", "told") are attribution, not claims.
        if is_verb && s.children(i).any(|(_, c)| rel(c) == "ccomp") && !s.children(i).any(|(_, c)| rel(c) == "obj") {
            continue;
        }
        let recovered = recovered_main_verb(s).filter(|(v, _)| *v == i).map(|(_, subj)| subj);
        // "the former mayor who was sentenced": the relative pronoun
        // stands for the noun its clause describes.
        let own = subject_of(s, i, 0).map(|j| antecedent(s, i, j));
        let Some(subj) = own.or_else(|| past_tense_taken_for_participle(s, i)).or(recovered) else {
            continue;
        };
        let subject = noun_phrase(s, subj);
        let frame = framing_verb(s, i);
        let antecedent =
            frame.filter(|_| subject.pronoun && matches!(subject.head.as_str(), "he" | "she")).and_then(|f| {
                let (n, _) = s.children(f).find(|(_, c)| rel(c) == "nsubj")?;
                let np = noun_phrase(s, n);
                let single = matches!(s.words[n].xpos, "NN" | "NNP");
                // "the officer's lawyer said he", "a friend of the man said he":
                // two people in the phrase, so no antecedent.
                let plain = !s.children(n).any(|(_, c)| matches!(rel(c), "nmod" | "appos" | "conj" | "acl"));
                (single && plain && !np.pronoun && !np.number).then_some(np)
            });
        let passive = s.children(i).any(|(_, c)| c.deprel == "aux:pass") || s.words[subj].deprel == "nsubj:pass";
        let perfect =
            w.xpos == "VBN" && s.children(i).any(|(_, c)| c.deprel == "aux" && lower(c) == "have" && c.xpos != "VBD");
        let mut predicate = if has_cop {
            let mut p = format!("be {}", lower(w));
            if let Some((_, c)) = s.children(i).find(|(_, c)| rel(c) == "case") {
                p = format!("be {} {}", lower(c), lower(w));
            }
            p
        } else {
            lower(w)
        };
        if let Some(prt) = particle(s, i) {
            predicate.push(' ');
            predicate.push_str(&lower(prt));
        }
        // "remains closed", "stays open": the state is the complement,
        // a participle as written ("closed", not "close").
        if is_verb {
            if let Some((_, x)) =
                s.children(i).find(|(_, c)| rel(c) == "xcomp" && (matches!(c.upos, "ADJ" | "ADV") || c.xpos == "VBN"))
            {
                predicate.push(' ');
                predicate.push_str(&if x.xpos == "VBN" { x.form.to_lowercase() } else { lower(x) });
            }
        }
        // A state in a bare prepositional phrase right after "remain" or
        // "stay": "remains in place", "stayed on hold", "remains in
        // effect" (not "remained in the hospital").
        if is_verb && matches!(predicate.as_str(), "remain" | "stay") {
            let bare = |j: usize| {
                rel(&s.words[j]) == "obl"
                    && j == i + 2
                    && s.words[i + 1].deprel == "case"
                    && s.words[i + 1].head == j + 1
                    && !s.children(j).any(|(_, k)| matches!(rel(k), "det" | "nmod:poss" | "amod" | "nummod"))
            };
            if let Some((j, _)) = s.children(i).find(|(j, _)| bare(*j)) {
                predicate = format!("{predicate} {} {}", lower(&s.words[i + 1]), lower(&s.words[j]));
            }
        }
        // How something went or ended: "went smoothly", "went nowhere",
        // "ended in deadlock", "ended without agreement".
        if is_verb && matches!(predicate.as_str(), "go" | "end" | "finish" | "conclude") {
            if let Some((_, a)) = s.children(i).find(|(j, c)| rel(c) == "advmod" && c.upos == "ADV" && *j > i) {
                if predicate == "go" {
                    predicate.push(' ');
                    predicate.push_str(&lower(a));
                }
            } else if let Some((j, _)) = s.children(i).find(|(j, c)| {
                rel(c) == "obl"
                    && *j > i
                    && s.children(*j).any(|(_, k)| rel(k) == "case" && matches!(lower(k).as_str(), "in" | "without"))
            }) {
                let case = s.children(j).find(|(_, k)| rel(k) == "case").map(|(_, k)| lower(k)).unwrap_or_default();
                predicate = format!("{predicate} {case} {}", lower(&s.words[j]));
            }
        }
        let complement = s
            .children(i)
            .any(|(_, c)| matches!(rel(c), "ccomp") || (rel(c) == "xcomp" && c.upos == "VERB" && c.xpos != "VBN"));
        // An object after a comma is a parse slip ("has not conceded, her
        // campaign manager said"): no object then.
        let object = s
            .children(i)
            .find(|(_, c)| rel(c) == "obj")
            .filter(|(j, _)| {
                let (a, b) = if *j > i { (i + 1, *j) } else { (*j + 1, i) };
                !s.words.get(a..b).unwrap_or(&[]).iter().any(|x| x.upos == "PUNCT")
            })
            .map(|(j, _)| noun_phrase(s, j));
        // Negation: "not"/"never" on the predicate (or on its auxiliary
        // chain), "no" on the subject or object, "no longer".
        let negator = |v: usize| {
            s.children(v)
                .find(|(_, c)| rel(c) == "advmod" && NEGATORS.contains(&lower(c).as_str()) || lower(c) == "not")
                .map(|(_, c)| c.span)
        };
        let mut negation = negator(i);
        // A verb joined to a negated one and sharing its subject is under
        // the negation too when joined by "or" or "nor" ("never got the
        // Taser or used it"); by "and" it may or may not be ("did not stop
        // and went home"), so it says nothing.
        let shared = rel(w) == "conj" && !s.children(i).any(|(_, c)| rel(c) == "nsubj");
        if let (None, true, Some(h)) = (negation, shared, s.head(i)) {
            if let Some(n) = negator(h) {
                let cc = s.children(i).find(|(_, c)| rel(c) == "cc").map(|(_, c)| lower(c));
                match cc.as_deref() {
                    Some("or" | "nor") => negation = Some(n),
                    _ => continue,
                }
            }
        }
        if negation.is_none() {
            if let Some(o) = object.as_ref().filter(|o| o.no) {
                negation = Some(o.span);
            } else if subject.no {
                negation = Some(subject.span);
            }
        }
        let mut mood = Mood::Asserted;
        let mut mood_word = None;
        for (_, c) in s.children(i) {
            if matches!(rel(c), "aux") {
                match lower(c).as_str() {
                    "could" | "may" | "might" | "should" | "can" | "must" => {
                        (mood, mood_word) = (Mood::Possible, Some(c.span))
                    }
                    "will" | "would" | "shall" | "'ll" => (mood, mood_word) = (Mood::Future, Some(c.span)),
                    _ => {}
                }
            }
            if rel(c) == "mark" && matches!(lower(c).as_str(), "if" | "whether" | "unless") {
                (mood, mood_word) = (Mood::Conditional, Some(c.span));
            }
        }
        // A clause under a condition, a purpose or a plan.
        let mut up = i;
        for _ in 0..4 {
            let Some(h) = s.head(up) else { break };
            if matches!(rel(&s.words[up]), "advcl" | "xcomp" | "ccomp" | "csubj" | "acl") {
                if let Some((_, m)) = s
                    .children(up)
                    .find(|(_, c)| rel(c) == "mark" && matches!(lower(c).as_str(), "if" | "whether" | "unless"))
                {
                    (mood, mood_word) = (Mood::Conditional, Some(m.span));
                }
                if rel(&s.words[up]) == "xcomp" && mood == Mood::Asserted {
                    // "plans to", "is expected to", "wants to": not a fact yet
                    (mood, mood_word) = (Mood::Future, Some(s.words[h].span));
                }
            }
            up = h;
        }
        if question {
            mood = Mood::Conditional;
            mood_word = s.words.last().map(|w| w.span);
        }
        let mut span = subject.span.cover(&w.span);
        if let Some(o) = &object {
            span = span.cover(&o.span);
        }
        // "described the session as constructive", "rated the inspection
        // as unsatisfactory", "called the talks a failure": the object is
        // said to be in that state.
        if let (Some(o), true) = (&object, is_verb) {
            if let Some(state) = object_predicative(s, i) {
                out.push(OpenClaim {
                    subject: o.clone(),
                    predicate: format!("be {}", lower(&s.words[state])),
                    passive: false,
                    perfect: false,
                    object: None,
                    negation: None,
                    mood,
                    mood_word,
                    head: s.words[state].span,
                    span: o.span.cover(&s.words[state].span),
                    index: state,
                    complement: false,
                    frame,
                    antecedent: None,
                });
            }
        }
        out.push(OpenClaim {
            subject,
            predicate,
            passive,
            perfect,
            object,
            negation,
            mood,
            mood_word,
            head: w.span,
            span,
            index: i,
            complement,
            frame,
            antecedent,
        });
    }
    out
}

/// The verb whose complement clause (`ccomp`) holds predicate `i`, itself
/// or through the clause it is conjoined to ("said he arrived and signed").
pub(crate) fn framing_verb(s: &Sentence, i: usize) -> Option<usize> {
    let mut up = i;
    for _ in 0..4 {
        let h = s.head(up)?;
        match rel(&s.words[up]) {
            "ccomp" => return Some(h),
            "conj" => up = h,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::{embedded, Depth};

    fn parse(text: &str) -> Vec<OpenClaim> {
        let m = embedded().expect("model");
        let s = m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse);
        claims(&s[0])
    }

    #[test]
    fn a_proper_subject_spans_its_whole_name() {
        // The parse heads "Lindsay Lohan" with its first word and hangs the
        // second from it (flat): the phrase the user sees is both.
        let text = "Lindsay Lohan has checked into a clinic.";
        let c = parse(text);
        let check = c.iter().find(|c| c.predicate == "check").expect("check");
        assert_eq!(&text[check.subject.span.start..check.subject.span.end], "Lindsay Lohan");
        assert_eq!(check.subject.names, ["lindsay lohan"]);
    }

    #[test]
    fn a_gerund_clause_does_what_its_sentences_subject_does() {
        let c = parse("Marrowind Systems raised its forecast after reporting strong sales.");
        let report = c.iter().find(|c| c.predicate == "report").expect("report");
        assert!(report.subject.proper && report.subject.names.iter().any(|n| n.contains("marrowind")), "{report:?}");
        // not when the sentence's verb is passive
        let c = parse("The man was charged after reviewing the footage.");
        assert!(c.iter().filter(|c| c.predicate == "review").all(|c| c.subject.head != "man"), "{c:?}");
    }

    #[test]
    fn a_state_in_a_bare_phrase_after_remain_is_the_predicate() {
        for (text, want) in [
            ("The boil-water notice remains in place.", "remain in place"),
            ("The order stayed in effect on Monday.", "stay in effect"),
            // a place, not a state
            ("The driver remained in the hospital on Monday.", "remain"),
        ] {
            let c = parse(text);
            assert!(c.iter().any(|c| c.predicate == want), "{text}: {c:?}");
        }
    }

    #[test]
    fn subject_verb_object_and_negation() {
        let c = parse("The commissioner has not signed off any extra subsidy for the operator.");
        let c = c.iter().find(|c| c.predicate == "sign off").expect("sign off");
        assert_eq!(c.subject.head, "commissioner");
        assert!(c.subject.definite);
        assert_eq!(c.object.as_ref().map(|o| o.head.as_str()), Some("subsidy"));
        assert!(c.negation.is_some());
        assert_eq!(c.mood, Mood::Asserted);
    }

    #[test]
    fn copula_states_passives_and_modality() {
        let c = parse("The Authority has reopened the road.");
        assert!(c.iter().any(|c| c.subject.proper && c.predicate == "reopen" && c.negation.is_none()), "{c:?}");
        let c = parse("The strike could be called off.");
        let c = c.iter().find(|c| c.predicate == "call off").expect("call off");
        assert!(c.passive);
        assert_eq!(c.mood, Mood::Possible);
        let c = parse("Smith has never conceded.");
        assert!(c.iter().any(|c| c.predicate == "concede" && c.negation.is_some()), "{c:?}");
    }

    #[test]
    fn a_negation_covers_verbs_joined_by_or_and_none_joined_by_and() {
        let c = parse("The driver never got the keys or used the van.");
        let used = c.iter().find(|c| c.predicate == "use").expect("use");
        assert!(used.negation.is_some(), "{used:?}");
        // "did not stop and went home": the second verb may be asserted or
        // denied, so it gives no claim.
        let c = parse("The driver did not stop at the depot and drove the van home.");
        assert!(c.iter().all(|c| c.predicate != "drive"), "{c:?}");
    }

    #[test]
    fn the_object_of_a_verb_is_the_subject_of_the_clause_it_takes() {
        let c = parse("Union leaders urged Ann Lee not to sign the order.");
        let sign = c.iter().find(|c| c.predicate == "sign").expect("sign");
        assert_eq!(sign.subject.names, ["ann lee"]);
        assert_eq!(sign.mood, Mood::Future);
    }

    #[test]
    fn he_in_what_a_speaker_says_is_the_speaker_and_a_denial_is_the_frame() {
        let c = parse("The inspector said he had not signed the report.");
        let sign = c.iter().find(|c| c.predicate == "sign").expect("sign");
        assert_eq!(sign.antecedent.as_ref().map(|a| a.head.as_str()), Some("inspector"));
        assert!(sign.frame.is_some());
        // two people in the speaker's phrase: no antecedent
        let c = parse("The inspector's lawyer said he had not signed the report.");
        let sign = c.iter().find(|c| c.predicate == "sign").expect("sign");
        assert!(sign.antecedent.is_none(), "{sign:?}");
    }
}
