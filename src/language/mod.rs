//! The linguistic layer: part-of-speech tags (UPOS and Penn), lemmas,
//! features, heads and dependency relations for each sentence, from a
//! model trained on Universal Dependencies English EWT (see
//! `models/NOTICE`) and embedded in the binary.
//!
//! Words come from the text stage's tokens ([`word_spans`] only joins
//! tokens that Universal Dependencies keeps as one word: "1,100", "U.S.",
//! "Mr.", "'s", and splits "don't" into "do" + "n't"), so every word has a
//! byte span in the document. The tagger is a greedy averaged perceptron
//! in two passes ([`tagger`]), the parser greedy arc-hybrid with labelled
//! transitions ([`parser`]); lemmas come from learned rules and tables
//! ([`lemma`]). The model is read in place, never copied ([`model`]).

pub mod conllu;
pub mod lemma;
pub mod model;
pub mod numbers;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod train;

use crate::text::tokens::{tokenize, Kind, Token};
use crate::text::Span;
use model::{Lines, ModelError, Sections, Table};
use perceptron::{argmax, h, score};
use std::sync::OnceLock;

/// One syntactic word with its analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Word<'m> {
    pub form: String,
    /// Byte span in the document (empty for words read from CoNLL-U).
    pub span: Span,
    pub upos: &'m str,
    pub xpos: &'m str,
    pub lemma: String,
    /// The head word, 1-based; 0 is the root.
    pub head: usize,
    pub deprel: &'m str,
    pub feats: &'m str,
}

/// An analysed sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence<'m> {
    pub words: Vec<Word<'m>>,
    /// Whether heads and relations were computed (see [`Depth`]).
    pub parsed: bool,
}

impl<'m> Sentence<'m> {
    /// The children of word `i` (0-based) with their 0-based indices, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = (usize, &Word<'m>)> + '_ {
        self.words.iter().enumerate().filter(move |(_, w)| w.head == i + 1)
    }

    /// The 0-based head of word `i`, `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.words.get(i).and_then(|w| w.head.checked_sub(1))
    }

    /// The 0-based index of the root word.
    pub fn root(&self) -> Option<usize> {
        self.words.iter().position(|w| w.head == 0)
    }
}

/// How much analysis to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Tags, lemmas and features only.
    Tag,
    /// Tags, lemmas, features, heads and relations.
    Parse,
}

/// A loaded model: every table borrowed from the model bytes.
pub struct Model<'m> {
    /// Joint tagger classes: (UPOS, Penn tag).
    pub classes: Vec<(&'m str, &'m str)>,
    tagger: Table<'m>,
    /// A second tagging pass that also sees the first pass's tags to the right.
    tagger2: Option<Table<'m>>,
    parser: Table<'m>,
    pub labels: Vec<&'m str>,
    pub lemmas: lemma::Lemmatizer<'m>,
    feats_xpos: Lines<'m>,
    feats_form: Lines<'m>,
    root_label: usize,
    /// Sorted 32-bit keys of the word forms seen in training.
    vocab: &'m [u8],
    /// Forms tagged without scoring: a count, their sorted 64-bit hashes,
    /// then their classes (see `train::tag_dictionary`). Empty in a model
    /// without one.
    dict_keys: &'m [u8],
    dict_classes: &'m [u8],
    /// The open-class tags: the only ones a word never seen in training
    /// may take (a closed class lists all its words).
    open_classes: Vec<bool>,
    /// Per class: a finite verb or an auxiliary (a second-pass feature).
    finite: Vec<bool>,
    /// Per class: a finite lexical verb (VERB with VBZ, VBD or VBP).
    finite_verb: Vec<bool>,
    /// The class of a singular proper noun (PROPN, NNP).
    propn: Option<usize>,
    /// The class of a currency sign (SYM, $).
    currency_sign: Option<usize>,

    /// Distinguishes loaded models in the per-thread word cache.
    id: u64,
    /// Whether sentences already tagged and parsed are remembered (see
    /// [`Model::remember`]).
    remembering: std::sync::atomic::AtomicBool,
    /// Bumped when the memo is switched off, so that every thread drops
    /// what it remembered at its next lookup.
    generation: std::sync::atomic::AtomicU64,
}

/// Tags and parses by sentence, per thread: a 128-bit hash of the model,
/// the memo's generation and the sentence's words (or their forms and tags
/// for a parse) keys each, so a lookup copies nothing and an entry is a
/// few dozen bytes. Cleared when it grows past a bound.
/// A map keyed by a hash already computed.
type ByHash<V> = std::collections::HashMap<u128, V, std::hash::BuildHasherDefault<perceptron::IdHasher>>;

#[derive(Default)]
struct Memo {
    generation: u64,
    /// Class numbers per word.
    tags: ByHash<Box<[u8]>>,
    /// Head and relation numbers per word.
    parses: ByHash<Remembered>,
}

/// A parse as the memo keeps it: heads, then relation numbers.
type Remembered = (Box<[u16]>, Box<[u8]>);

/// Entries of each kind a thread's memo keeps before it starts again.
const MEMO_MAX: usize = 40_000;

thread_local! {
    static SENTENCES: std::cell::RefCell<Memo> = Default::default();
}

/// Two independent 64-bit FNV-1a streams over the same bytes.
#[derive(Clone, Copy)]
struct Hash128(u64, u64);

impl Hash128 {
    fn new(seed: u64) -> Hash128 {
        Hash128(0xcbf29ce484222325 ^ seed, 0x84222325cbf29ce4 ^ seed.rotate_left(29))
    }

    fn bytes(mut self, b: &[u8]) -> Hash128 {
        for &x in b {
            self.0 = (self.0 ^ x as u64).wrapping_mul(0x100000001b3);
            self.1 = (self.1 ^ x as u64).wrapping_mul(0x1000000001b3).rotate_left(7);
        }
        self
    }

    fn word(self, w: u64) -> Hash128 {
        self.bytes(&w.to_le_bytes())
    }

    fn finish(self) -> u128 {
        ((self.0 as u128) << 64) | self.1 as u128
    }
}

/// A word's lemma and features by (model, class, first word, form): news
/// repeats its words, and the tables are searched, not indexed. Keyed by a
/// 64-bit hash of the four, so that a lookup copies no string.
type WordCache =
    std::collections::HashMap<u64, (String, bool, usize, usize), std::hash::BuildHasherDefault<perceptron::IdHasher>>;

thread_local! {
    static WORDS: std::cell::RefCell<WordCache> = Default::default();
}

static MODEL_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The 32-bit vocabulary key of a normalised form's hash.
pub fn vocab_key(norm: u64) -> u32 {
    (norm ^ (norm >> 32)) as u32
}

/// The margin (in averaged-perceptron weight, the first-pass score of the
/// chosen tag over the runner-up) above which a word skips the tagger's
/// second pass. Measured with gold tokens, second pass for every word ->
/// for the words under 20: EWT test UPOS 95.04 -> 95.07, UAS 85.14 ->
/// 85.15, LAS 82.21 -> 82.22; PUD UPOS 95.58 -> 95.55, UAS 82.25 -> 82.24;
/// tagging 300,000 -> 488,000 words/s (`cargo bench --bench language`).
/// At 15: EWT UAS 85.11, PUD UPOS 95.52, and a status clash of the
/// development set lost to one tag.
const SURE_MARGIN: f32 = 20.0;

/// Bytes placed at a 64-byte boundary, so that the model's sections (at
/// multiples of 64 in the file) start cache lines.
#[repr(C, align(64))]
struct Aligned<B: ?Sized>(B);

static EMBEDDED_ALIGNED: &Aligned<[u8]> = &Aligned(*include_bytes!("models/en-ewt.flm"));
static EMBEDDED: &[u8] = &EMBEDDED_ALIGNED.0;

/// The embedded English model, loaded once.
pub fn embedded() -> Result<&'static Model<'static>, ModelError> {
    static MODEL: OnceLock<Result<Model<'static>, ModelError>> = OnceLock::new();
    MODEL.get_or_init(|| Model::load(EMBEDDED)).as_ref().map_err(Clone::clone)
}

impl<'m> Model<'m> {
    pub fn load(bytes: &'m [u8]) -> Result<Model<'m>, ModelError> {
        let s = Sections::parse(bytes)?;
        let mut classes = Vec::new();
        for line in s.text("tagger.classes")?.lines() {
            let (u, x) = line.split_once('\t').ok_or_else(|| ModelError(format!("tag class {line:?} lacks a tab")))?;
            classes.push((u, x));
        }
        let labels: Vec<&str> = s.text("parser.labels")?.lines().collect();
        let tagger = Table::parse(s.get("tagger.weights")?)?;
        let tagger2 = match s.get("tagger2.weights") {
            Ok(b) => Some(Table::parse(b)?),
            Err(_) => None,
        };
        let parser = Table::parse(s.get("parser.weights")?)?;
        if tagger.classes != classes.len()
            || tagger2.is_some_and(|t| t.classes != classes.len())
            || parser.classes != 1 + 2 * labels.len()
        {
            return Err(ModelError("class counts of the weight tables do not match their class lists".into()));
        }
        let root_label = labels
            .iter()
            .position(|&l| l == "root")
            .ok_or_else(|| ModelError("the parser has no root relation".into()))?;
        if classes.is_empty() {
            return Err(ModelError("the tagger has no classes".into()));
        }
        let vocab = s.get("tagger.vocab")?;
        if vocab.len() % 4 != 0 {
            return Err(ModelError("tagger.vocab is not a list of 32-bit keys".into()));
        }
        let (dict_keys, dict_classes) = match s.get("tagger.dict") {
            Ok(b) => {
                let n = model::u32_at(b, 0).unwrap_or(0) as usize;
                if b.len() < 4 || n.checked_mul(9).and_then(|x| x.checked_add(4)) != Some(b.len()) {
                    return Err(ModelError("tagger.dict is not a count, 64-bit keys and class bytes".into()));
                }
                (&b[4..4 + 8 * n], &b[4 + 8 * n..])
            }
            Err(_) => (&[][..], &[][..]),
        };
        let open_classes = classes
            .iter()
            .map(|(u, _)| !matches!(*u, "ADP" | "AUX" | "CCONJ" | "DET" | "PART" | "PRON" | "SCONJ"))
            .collect();
        let finite = tagger::finite_classes(classes.iter().copied());
        let finite_verb = classes.iter().zip(&finite).map(|((u, _), &f)| f && *u == "VERB").collect();
        let propn = classes.iter().position(|c| *c == ("PROPN", "NNP"));
        let currency_sign = classes.iter().position(|c| *c == ("SYM", "$"));
        Ok(Model {
            id: MODEL_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            vocab,
            dict_keys,
            dict_classes,
            open_classes,
            finite,
            finite_verb,
            propn,
            currency_sign,
            classes,
            tagger,
            tagger2,
            parser,
            labels,
            lemmas: lemma::Lemmatizer::load(&s)?,
            feats_xpos: Lines::new(s.text("feats.xpos")?),
            feats_form: Lines::new(s.text("feats.form")?),
            root_label,
            remembering: std::sync::atomic::AtomicBool::new(true),
            generation: Default::default(),
        })
    }

    /// Remember the tags and parse of every sentence (the default), or
    /// stop and forget: a sentence seen before costs a lookup. An archive
    /// repeats its sentences (one wire story in several papers, the
    /// versions of a story as it develops), and a language server checks
    /// one document again and again with one sentence changed. The memo
    /// never changes a result: only the words are looked at.
    pub fn remember(&self, on: bool) {
        self.remembering.store(on, std::sync::atomic::Ordering::Relaxed);
        if !on {
            self.generation.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }

    fn remembers(&self) -> bool {
        self.remembering.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Runs `f` on this thread's memo, emptied first if the memo was
    /// switched off since this thread last used it.
    fn with_memo<T>(&self, f: impl FnOnce(&mut Memo) -> T) -> T {
        let generation = self.generation.load(std::sync::atomic::Ordering::Relaxed);
        SENTENCES.with(|m| {
            let mut m = m.borrow_mut();
            if m.generation != generation {
                *m = Memo { generation, ..Memo::default() };
            }
            f(&mut m)
        })
    }

    /// Tags of a sentence given as word forms: joint class numbers.
    pub fn tag(&self, forms: &[&str]) -> Vec<usize> {
        self.tag_given(forms, &[])
    }

    /// Tags, with the words marked in `proper` tagged as proper nouns
    /// (names the caller knows from elsewhere in the document), so that
    /// the words around them are tagged in their light.
    pub fn tag_given(&self, forms: &[&str], proper: &[bool]) -> Vec<usize> {
        if !self.remembers() || proper.contains(&true) || self.classes.len() > 256 {
            return self.tag_now(forms, proper);
        }
        let key = forms.iter().fold(Hash128::new(self.id), |k, f| k.bytes(f.as_bytes()).bytes(&[0x1f])).finish();
        if let Some(t) = self.with_memo(|m| m.tags.get(&key).map(|t| t.iter().map(|&c| c as usize).collect())) {
            return t;
        }
        let tags = self.tag_now(forms, proper);
        self.with_memo(|m| {
            if m.tags.len() >= MEMO_MAX {
                m.tags.clear();
            }
            m.tags.insert(key, tags.iter().map(|&c| c as u8).collect());
        });
        tags
    }

    /// The two passes of the tagger: the first left to right with the
    /// tags it has given, the second (where the model has one) again with
    /// the first pass's tags on both sides, for the words the first was
    /// unsure of.
    fn tag_now(&self, forms: &[&str], proper: &[bool]) -> Vec<usize> {
        let ctx: Vec<tagger::WordCtx> = forms.iter().map(|f| tagger::WordCtx::cached(f, Some(&self.lemmas))).collect();
        let mut margins = Vec::new();
        let mut alt = Vec::new();
        let fixed: Vec<Option<usize>> = ctx
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if proper.get(i) == Some(&true) && self.propn.is_some() {
                    self.propn
                } else {
                    self.dictionary_class(c.form)
                }
            })
            .collect();
        let first = self.tag_pass(&ctx, &self.tagger, None, Some(&mut alt), Some(&mut margins), Some(&fixed));
        let mut tags = match &self.tagger2 {
            Some(t2) => {
                // A word the first pass tagged with a wide margin keeps its
                // tag: the second pass (which sees the first pass's tags to
                // the right) changes almost none of them and costs as much.
                let t = (SURE_MARGIN * self.tagger.scale).round() as i32;
                let sure: Vec<bool> = margins.iter().map(|&m| m >= t).collect();
                let kept: Vec<Option<usize>> = sure.iter().zip(&first).map(|(&s, &c)| s.then_some(c)).collect();
                let mut alt2 = Vec::new();
                let tags = self.tag_pass(&ctx, t2, Some(&first), Some(&mut alt2), None, Some(&kept));
                for (i, a) in alt2.into_iter().enumerate() {
                    if !sure[i] {
                        alt[i] = a;
                    }
                }
                tags
            }
            None => first,
        };
        self.repair_finite(forms, &mut tags, &alt);
        // A currency sign is a symbol, whatever its neighbours: "£" is
        // rare in the web text the tagger learnt from, and before "18m"
        // it had been read as a preposition.
        if let Some(sym) = self.currency_sign {
            for (t, f) in tags.iter_mut().zip(forms) {
                if numbers::currency(f).is_some() {
                    *t = sym;
                }
            }
        }

        // A capitalised "interjection" right before a proper noun is a first
        // name ("Ruth Malone said"): web text has many sentence-initial
        // interjections, news has names there.
        if let Some(propn) = self.propn {
            // A capitalised word neither WordNet nor the tag dictionary
            // knows is no function word: closed classes are few and all
            // seen in training. "Hartwell employs" (a name at the head of
            // its sentence) had been an interjection, as names with the
            // affixes of wh-words had been wh-adverbs: a name. Measured with gold
            // tokens: EWT test UPOS 95.07 -> 95.16, UAS 85.15 -> 85.14,
            // LAS 82.22 -> 82.20; PUD UPOS 95.54 -> 95.58, UAS 82.21 ->
            // 82.23, LAS 79.10 -> 79.14.
            // Capitalised, unknown to WordNet and to the tag dictionary.
            let unknown_name = |i: usize| {
                let f = forms[i];
                f.len() > 1
                    && f.starts_with(|c: char| c.is_ascii_uppercase())
                    && f.chars().all(|c| c.is_ascii_alphabetic())
                    && ctx[i].lex == 1
                    && self.dictionary_class(ctx[i].form).is_none()
                    && self.dictionary_class(perceptron::h(&f.to_ascii_lowercase())).is_none()
            };
            for (i, t) in tags.iter_mut().enumerate() {
                let (u, x) = self.classes.get(*t).copied().unwrap_or(("X", "XX"));
                let lower = forms[i].to_ascii_lowercase();
                // (a wh-adverb is a wh-word: "when", "whence", "how")
                let misread = u == "INTJ" || x == "WRB" && !lower.starts_with("wh") && !lower.starts_with("how");
                if misread && unknown_name(i) {
                    *t = propn;
                }
            }
            for i in 0..tags.len().saturating_sub(1) {
                let intj = self.classes.get(tags[i]).is_some_and(|c| c.0 == "INTJ");
                let next_propn = self.classes.get(tags[i + 1]).is_some_and(|c| c.0 == "PROPN");
                if intj && next_propn && forms[i].starts_with(char::is_uppercase) && forms[i].len() > 1 {
                    tags[i] = propn;
                }
                // The first word of a sentence, capitalised, unknown to
                // WordNet and the tag dictionary, before a proper noun:
                // the first word of the name ("Carrow Foods paid", had
                // been a verb or an adjective). With gold tokens: EWT
                // test UPOS 95.16 -> 95.21, UAS 85.12 -> 85.16; PUD UPOS
                // 95.58 -> 95.61, UAS 82.26 -> 82.29.
                if i == 0 && next_propn && unknown_name(i) {
                    tags[i] = propn;
                }
            }
        }
        tags
    }

    /// A full sentence has a finite verb. When the tagger found none in a
    /// sentence that ends with a full stop ("Pier 4 remains shut." with
    /// "remains" a plural noun, "the union served notice." with "served" a
    /// participle), of the plural nouns and participles right after a
    /// possible subject the one whose finite verb reading scored closest to
    /// its chosen tag takes that reading. Measured with gold tokens: PUD UPOS
    /// 95.56 -> 95.58, LAS 79.03 -> 79.12; EWT UPOS 95.05 -> 95.04, UAS
    /// 85.12 -> 85.13 (its web fragments are the imperatives it misreads).
    fn repair_finite(&self, forms: &[&str], tags: &mut [usize], alt: &[(usize, i32)]) {
        let n = tags.len();
        if n < 4 || forms.last() != Some(&".") || tags.iter().any(|&t| self.finite.get(t).copied().unwrap_or(false)) {
            return;
        }
        let upos = |t: usize| self.classes.get(t).map_or("", |c| c.0);
        let xpos = |t: usize| self.classes.get(t).map_or("", |c| c.1);
        // A participle may be the past tense the sentence lacks ("churches
        // used branches"): no noun after one is made a verb.
        let participle = tags.iter().position(|&t| upos(t) == "VERB" && xpos(t) == "VBN").unwrap_or(n);
        let nominal = |t: usize| matches!(upos(t), "NOUN" | "PROPN" | "NUM" | "PRON");
        // A plural noun right after its possible subject ("Pier 4 remains
        // shut"), before any participle, may be a present tense.
        let present = (1..participle.min(n - 1))
            .filter(|&i| xpos(tags[i]) == "NNS" && forms[i].chars().all(|c| c.is_ascii_lowercase()))
            .filter(|&i| nominal(tags[i - 1]))
            .filter_map(|i| alt.get(i).map(|&(c, m)| (m, i, c)))
            .filter(|&(_, _, c)| c != usize::MAX && xpos(c) == "VBZ");
        // A participle right after its possible subject and before its
        // possible object ("the union served strike notice") may be a past
        // tense.
        // The subject may end before an appositive between commas ("Ann
        // Lee, the regional commissioner, signed off £4.2 million").
        let appositive_before = |i: usize| {
            if forms[i - 1] != "," {
                return false;
            }
            let Some(open) = (1..i - 1).rev().find(|&j| forms[j] == ",") else { return false };
            nominal(tags[open - 1])
                && (open + 1..i - 1).all(|j| matches!(upos(tags[j]), "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM" | "ADP"))
        };
        let past = (1..n - 1)
            .filter(|&i| upos(tags[i]) == "VERB" && xpos(tags[i]) == "VBN")
            .filter(|&i| {
                (nominal(tags[i - 1]) || appositive_before(i))
                    && (matches!(upos(tags[i + 1]), "DET" | "NOUN" | "ADJ" | "NUM" | "PROPN")
                        || xpos(tags[i + 1]) == "RP")
            })
            .filter_map(|i| alt.get(i).map(|&(c, m)| (m, i, c)))
            .filter(|&(_, _, c)| c != usize::MAX && xpos(c) == "VBD");
        let best = present.chain(past).min();
        if let Some((_, i, c)) = best {
            tags[i] = c;
        }
    }

    /// Whether the treebank writes `form` (as given: lower case for a
    /// common word) often and always with one tag: "news", "police",
    /// "flights" are; "lyonnais" and "okonkwa" are not.
    pub fn common_word(&self, form: &str) -> bool {
        self.dictionary_class(h(form)).is_some()
    }

    /// Whether the tag dictionary gives `form` (as written) a closed-class
    /// or adverb tag: a conjunction, adposition, auxiliary, determiner,
    /// pronoun, particle or adverb ("although", "currently", "instead").
    /// Such a word opening a sentence is no part of a name after it
    /// ("Although AMD will ..."). A word the dictionary leaves to the
    /// tagger ("despite", "had") is not one here.
    pub fn function_word(&self, form: &str) -> bool {
        self.dictionary_class(h(form)).and_then(|c| self.classes.get(c)).is_some_and(|(upos, _)| {
            matches!(*upos, "ADP" | "SCONJ" | "CCONJ" | "AUX" | "DET" | "PRON" | "PART" | "ADV")
        })
    }

    /// The class the tag dictionary gives a form, by the form's hash
    /// (`h(form)`, which the word's context already holds).
    fn dictionary_class(&self, form_hash: u64) -> Option<usize> {
        let at = model::sorted_position(self.dict_keys, 8, form_hash)?;
        let c = *self.dict_classes.get(at)? as usize;
        (c < self.classes.len()).then_some(c)
    }

    /// Tags a sentence left to right; with `alt`, also records per word the
    /// best finite lexical verb class and how far below the chosen tag it
    /// scored. A word with a class `given` (by the tag dictionary, or kept
    /// from the first pass) takes it unscored.
    fn tag_pass(
        &self,
        ctx: &[tagger::WordCtx],
        table: &Table,
        right: Option<&[usize]>,
        mut alt: Option<&mut Vec<(usize, i32)>>,
        mut margins: Option<&mut Vec<i32>>,
        given: Option<&[Option<usize>]>,
    ) -> Vec<usize> {
        let mut out = Vec::with_capacity(ctx.len());
        let (mut feats, mut scores) = (Vec::with_capacity(40), Vec::new());
        for i in 0..ctx.len() {
            if let Some(c) = given.and_then(|g| g.get(i).copied().flatten()) {
                out.push(c);
                if let Some(a) = alt.as_deref_mut() {
                    a.push((usize::MAX, i32::MAX));
                }
                if let Some(m) = margins.as_deref_mut() {
                    m.push(i32::MAX);
                }
                continue;
            }
            let p1 = i.checked_sub(1).map(|j| out[j]);
            let p2 = i.checked_sub(2).map(|j| out[j]);
            tagger::features(ctx, i, p1, p2, right, &self.finite, &mut feats);
            score(table, &feats, &mut scores);
            let known = model::sorted_u32_contains(self.vocab, vocab_key(ctx[i].norm));
            let chosen = argmax(&scores, if known { None } else { Some(&self.open_classes) });
            if let Some(a) = alt.as_deref_mut() {
                let f = argmax(&scores, Some(&self.finite_verb));
                let ok = self.finite_verb.get(f).copied().unwrap_or(false);
                a.push(if ok { (f, scores[chosen] - scores[f]) } else { (usize::MAX, i32::MAX) });
            }
            if let Some(m) = margins.as_deref_mut() {
                let second =
                    scores.iter().enumerate().filter(|&(c, _)| c != chosen).map(|(_, &s)| s).max().unwrap_or(i32::MIN);
                m.push(scores[chosen].saturating_sub(second));
            }
            out.push(chosen);
        }
        out
    }

    /// Heads (0-based; `n` is the root) and relations of a tagged sentence.
    pub fn parse_heads(&self, norms: &[u64], xpos: &[u64]) -> (Vec<usize>, Vec<usize>) {
        if !self.remembers() || norms.len() > u16::MAX as usize || self.labels.len() > 256 {
            return self.parse_heads_now(norms, xpos);
        }
        let key = norms.iter().chain(xpos).fold(Hash128::new(!self.id), |k, &w| k.word(w)).finish();
        let known = self.with_memo(|m| {
            m.parses.get(&key).map(|(h, l)| {
                (h.iter().map(|&x| x as usize).collect::<Vec<_>>(), l.iter().map(|&x| x as usize).collect::<Vec<_>>())
            })
        });
        if let Some(p) = known {
            return p;
        }
        let p = self.parse_heads_now(norms, xpos);
        self.with_memo(|m| {
            if m.parses.len() >= MEMO_MAX {
                m.parses.clear();
            }
            let heads = p.0.iter().map(|&x| x as u16).collect();
            let labels = p.1.iter().map(|&x| x as u8).collect();
            m.parses.insert(key, (heads, labels));
        });
        p
    }

    fn parse_heads_now(&self, norms: &[u64], xpos: &[u64]) -> (Vec<usize>, Vec<usize>) {
        let n = norms.len().saturating_sub(1);
        let mut st = parser::State::new(n, self.labels.len());
        let (mut feats, mut scores, mut valid) = (Vec::with_capacity(128), Vec::new(), Vec::new());
        let mut steps = 0;
        while !st.done() && steps <= 2 * n + 2 {
            steps += 1;
            st.valid_classes(self.root_label, &mut valid);
            // A move the state forces (a shift onto an empty stack) needs
            // no scores: the model could choose nothing else.
            let mut allowed = valid.iter().enumerate().filter(|(_, &v)| v).map(|(c, _)| c);
            if let (Some(only), None) = (allowed.next(), allowed.next()) {
                st.apply_class(only);
                continue;
            }
            st.features(norms, xpos, &mut feats);
            score(&self.parser, &feats, &mut scores);
            st.apply_class(argmax(&scores, Some(&valid)));
        }
        let mut heads = st.heads;
        let mut labels = st.labels;
        for (hd, l) in heads.iter_mut().zip(labels.iter_mut()) {
            if *hd == parser::NONE {
                *hd = n;
                *l = self.root_label;
            }
        }
        let first = heads.iter().position(|&hd| hd >= n);
        single_root(&mut heads);
        for (i, l) in labels.iter_mut().enumerate().take(n) {
            if heads[i] < n && *l == self.root_label {
                *l = self.labels.iter().position(|&x| x == "parataxis").unwrap_or(0);
            } else if Some(i) == first {
                *l = self.root_label;
            }
        }
        labels.truncate(n);
        (heads, labels)
    }

    /// The joint class (UPOS, Penn tag) number, if the model has it.
    pub fn class_of(&self, upos: &str, xpos: &str) -> Option<usize> {
        self.classes.iter().position(|&(u, x)| u == upos && x == xpos)
    }

    /// The lemma of `form` read as class `class` (not a sentence's first
    /// word), through the per-thread cache.
    pub fn lemma_as(&self, form: &str, class: usize) -> String {
        let (upos, xpos) = self.classes.get(class).copied().unwrap_or(("X", "XX"));
        self.lemma_and_feats(form, class, upos, xpos, false).0
    }

    /// A word's lemma and features, through the per-thread cache.
    fn lemma_and_feats(&self, form: &str, t: usize, upos: &'m str, xpos: &'m str, first: bool) -> (String, &'m str) {
        let key = perceptron::k3(62, self.id, ((t as u64) << 1) | first as u64, h(form));
        let (ff, fx) = (self.feats_form.text(), self.feats_xpos.text());
        let cached = WORDS.with(|c| c.borrow().get(&key).cloned());
        let (lemma, from_form, start, len) = match cached {
            Some(v) => v,
            None => {
                let lemma = self.lemmas.lemma(form, upos, xpos, first);
                let lower = form.to_lowercase();
                let (from_form, feats) = match self.feats_form.get(&format!("{xpos} {lower}")) {
                    Some(f) => (true, f),
                    None => (false, self.feats_xpos.get(xpos).unwrap_or("")),
                };
                let base = if from_form { ff } else { fx };
                let start = feats.as_ptr() as usize - base.as_ptr() as usize;
                let v = (lemma, from_form, start, feats.len());
                WORDS.with(|c| {
                    let mut c = c.borrow_mut();
                    if c.len() > 200_000 {
                        c.clear();
                    }
                    c.insert(key, v.clone());
                });
                v
            }
        };
        let base = if from_form { ff } else { fx };
        let feats = base.get(start..start + len).filter(|f| !f.is_empty()).unwrap_or("_");
        (lemma, feats)
    }

    /// Analyses one sentence given its words' forms and spans.
    pub fn analyse(&self, forms: &[&str], spans: &[Span], depth: Depth) -> Sentence<'m> {
        self.analyse_given(forms, spans, depth, &[])
    }

    /// [`Model::analyse`], with the words marked in `proper` known to be
    /// names (see [`Model::tag_given`]).
    pub fn analyse_given(&self, forms: &[&str], spans: &[Span], depth: Depth, proper: &[bool]) -> Sentence<'m> {
        let n = forms.len();
        let tags = self.tag_given(forms, proper);
        let words: Vec<Word<'m>> = forms
            .iter()
            .zip(&tags)
            .enumerate()
            .map(|(i, (f, &t))| {
                let (upos, xpos) = self.classes.get(t).copied().unwrap_or(("X", "XX"));
                let (lemma, feats) = self.lemma_and_feats(f, t, upos, xpos, i == 0);
                Word {
                    form: f.to_string(),
                    span: spans.get(i).copied().unwrap_or(Span::new(0, 0)),
                    upos,
                    xpos,
                    lemma,
                    head: 0,
                    deprel: "_",
                    feats,
                }
            })
            .collect();
        let mut sentence = Sentence { words, parsed: false };
        if depth == Depth::Parse && n > 0 {
            self.parse(&mut sentence);
        }
        sentence
    }

    /// Adds heads and relations to a tagged sentence (a caller may tag
    /// first, look at the tags, and parse only what it needs).
    pub fn parse(&self, s: &mut Sentence<'m>) {
        let n = s.words.len();
        let mut norms: Vec<u64> = s.words.iter().map(|w| h(&tagger::normalise(&w.form))).collect();
        norms.push(h("<ROOT>"));
        let mut xp: Vec<u64> = s.words.iter().map(|w| h(w.xpos)).collect();
        xp.push(h("<ROOT>"));
        let (heads, labels) = self.parse_heads(&norms, &xp);
        for (i, w) in s.words.iter_mut().enumerate() {
            w.head = if heads[i] >= n { 0 } else { heads[i] + 1 };
            w.deprel = self.labels.get(labels[i]).copied().unwrap_or("dep");
        }
        self.repair_determiner_root(s);
        self.repair_root(s);
        self.repair_numbered_subject(s);
        self.repair_proper_adjective(s);
        self.repair_name_run(s);
        self.repair_second_subject(s);
        self.repair_verb_as_auxiliary(s);
        self.repair_relative_root(s);
        s.parsed = true;
    }

    /// The model's relation named `name`, as the parser writes it.
    fn label(&self, name: &str) -> Option<&'m str> {
        self.labels.iter().copied().find(|l| *l == name)
    }

    /// A determiner heads no sentence. When the parser made one the root
    /// ("The Rosalrim Trust opened the hall" with "The" the root and
    /// "opened" its parataxis, on names it has never seen), the verb
    /// hanging from it becomes the root, the determiner the `det` of the
    /// first noun after it, and its other dependents the verb's.
    fn repair_determiner_root(&self, s: &mut Sentence<'m>) {
        let (Some(root_l), Some(det)) = (self.label("root"), self.label("det")) else { return };
        let Some(r) = s.words.iter().position(|w| w.head == 0) else { return };
        if s.words[r].upos != "DET" {
            return;
        }
        let finite = |w: &Word| matches!(w.xpos, "VBZ" | "VBD" | "VBP" | "MD");
        let kids = || s.words.iter().enumerate().filter(|(_, w)| w.head == r + 1 && w.upos == "VERB");
        let Some(v) = kids().find(|(_, w)| finite(w)).or_else(|| kids().next()).map(|(v, _)| v) else { return };
        let Some(noun) = (r + 1..s.words.len()).find(|&j| matches!(s.words[j].upos, "NOUN" | "PROPN")) else {
            return;
        };
        for j in 0..s.words.len() {
            if s.words[j].head == r + 1 && j != v {
                s.words[j].head = v + 1;
            }
        }
        s.words[v].head = 0;
        s.words[v].deprel = root_l;
        s.words[r].head = noun + 1;
        s.words[r].deprel = det;
    }

    /// A numbered noun ("Day one", "Stage 3", "Game seven") is the noun:
    /// when the parser made the number the subject and hung the noun
    /// before it from the same verb as a bare noun phrase ("Day one of
    /// the recount went smoothly" read as "one ... went", with "Day" a
    /// time), the noun becomes the subject, the number its `nummod`, and
    /// the number's dependents the noun's.
    fn repair_numbered_subject(&self, s: &mut Sentence<'m>) {
        let Some(nummod) = self.label("nummod") else { return };
        for i in 1..s.words.len() {
            let (num, noun) = (&s.words[i], &s.words[i - 1]);
            let subject = matches!(num.deprel, "nsubj" | "nsubj:pass");
            let bare = matches!(noun.deprel, "obl:unmarked" | "obl:tmod" | "obl:npmod" | "nmod:unmarked");
            if num.upos != "NUM" || !subject || noun.upos != "NOUN" || !bare || noun.head != num.head {
                continue;
            }
            if s.words.iter().any(|w| w.head == i) {
                // the noun's own dependents ("The first day one ...") make
                // it more than a label
                continue;
            }
            let rel = num.deprel;
            for j in 0..s.words.len() {
                if s.words[j].head == i + 1 {
                    s.words[j].head = i;
                }
            }
            s.words[i - 1].deprel = rel;
            s.words[i].head = i;
            s.words[i].deprel = nummod;
            return;
        }
    }

    /// A word tagged a proper adjective ("American": ADJ, NNP) that the
    /// parse uses as a noun is a name: it heads a name's other words
    /// ("Danbury" of "for Danbury Falls", with "Falls" its `flat`) or
    /// stands where only a noun phrase can (`nmod`, `obl`, a subject or an
    /// object). "the American embassy" keeps its adjective (`amod`).
    fn repair_proper_adjective(&self, s: &mut Sentence<'m>) {
        for i in 0..s.words.len() {
            let w = &s.words[i];
            if w.upos != "ADJ" || !matches!(w.xpos, "NNP" | "NNPS") {
                continue;
            }
            let nominal = matches!(w.deprel.split(':').next(), Some("nmod" | "obl" | "nsubj" | "obj" | "iobj"));
            let heads_name = s.words.iter().any(|c| c.head == i + 1 && c.deprel == "flat" && c.upos == "PROPN");
            if nominal || heads_name {
                s.words[i].upos = "PROPN";
            }
        }
    }

    /// A name is one phrase. On a name it has never seen the parser may
    /// split a run of proper nouns into two phrases with the same head and
    /// relation ("Norvale General Hospital postponed" read as two subjects
    /// of "postponed", "Norvale" and "Hospital"). No verb has two subjects
    /// (or two objects): the run becomes one phrase headed by its last
    /// word, with the relation they shared, and its other words its
    /// `compound`s. Runs whose words hang differently ("In March Smith
    /// said": a time and a subject) are left as they are.
    fn repair_name_run(&self, s: &mut Sentence<'m>) {
        let Some(compound) = self.label("compound") else { return };
        let n = s.words.len();
        let mut i = 0;
        while i < n {
            let mut j = i;
            while j + 1 < n && s.words[j + 1].upos == "PROPN" && s.words[i].upos == "PROPN" {
                j += 1;
            }
            if j > i {
                // 1-based positions of the run: i + 1 ..= j + 1.
                let inside = |hd: usize| hd > i && hd <= j + 1;
                let outside: Vec<usize> = (i..=j).filter(|&k| !inside(s.words[k].head)).collect();
                let shared = outside.iter().enumerate().find_map(|(a, &x)| {
                    outside[a + 1..]
                        .iter()
                        .any(|&y| (s.words[y].head, s.words[y].deprel) == (s.words[x].head, s.words[x].deprel))
                        .then_some((s.words[x].head, s.words[x].deprel))
                });
                if let Some((head, rel)) = shared.filter(|(_, rel)| rel.starts_with("nsubj") || rel.starts_with("obj"))
                {
                    for k in i..j {
                        s.words[k].head = j + 1;
                        s.words[k].deprel = compound;
                    }
                    s.words[j].head = head;
                    s.words[j].deprel = rel;
                }
            }
            i = j + 1;
        }
    }

    /// No verb has two subjects. Before a name with its role the parser
    /// may read the organisation as a subject of its own: "San Diego
    /// Chargers wide receiver Vincent Jackson was arrested" with both "San"
    /// and "Vincent" subjects of "arrested", and the act then the team's.
    /// The subject next to the verb keeps the relation; an earlier proper
    /// noun whose words and the words after it all hang inside the phrase
    /// up to that subject, with no comma or conjunction, is its `compound`.
    fn repair_second_subject(&self, s: &mut Sentence<'m>) {
        let Some(compound) = self.label("compound") else { return };
        for v in 0..s.words.len() {
            let subjects: Vec<usize> =
                (0..v).filter(|&c| s.words[c].head == v + 1 && s.words[c].deprel.starts_with("nsubj")).collect();
            let Some((&kept, earlier)) = subjects.split_last() else { continue };
            for &e in earlier {
                // One phrase: no comma or "and" between ("Klitschko and his
                // brother Vitali" are two), every word inside it.
                let inside = (e + 1..kept).all(|w| {
                    (e + 1..=kept + 1).contains(&s.words[w].head) && !matches!(s.words[w].upos, "PUNCT" | "CCONJ")
                });
                // ("Microsoft today released": a time is no subject to keep.)
                let form = s.words[kept].form.to_lowercase();
                let day = TIME_WORDS.contains(&form.as_str()) || CALENDAR.contains(&form.as_str());
                if inside && !day && s.words[e].upos == "PROPN" && matches!(s.words[kept].upos, "PROPN" | "NOUN") {
                    s.words[e].head = kept + 1;
                    s.words[e].deprel = compound;
                }
            }
        }
    }

    /// A verb is no auxiliary: auxiliaries are tagged AUX (but for the four
    /// that are main verbs too). When the parser
    /// hung a verb the tagger read as a main verb from the participle or
    /// adjective after it ("The plant remains closed" with "remains" an
    /// `aux` of "closed"), the verb heads the clause with the participle as
    /// its `xcomp`, and takes the subject, the auxiliaries before it and
    /// the clause's markers.
    fn repair_verb_as_auxiliary(&self, s: &mut Sentence<'m>) {
        let Some(xcomp) = self.label("xcomp") else { return };
        for v in 0..s.words.len() {
            let w = &s.words[v];
            // "be", "have", "do" and "get" are auxiliaries the tagger may
            // read as main verbs ("Having secured ...").
            let auxiliary = matches!(w.lemma.as_str(), "be" | "have" | "do" | "get");
            if w.upos != "VERB" || auxiliary || !w.deprel.starts_with("aux") || w.head == 0 {
                continue;
            }
            let h = w.head - 1;
            if h <= v || !matches!(s.words[h].upos, "VERB" | "ADJ") {
                continue;
            }
            let (head, rel) = (s.words[h].head, s.words[h].deprel);
            for k in 0..s.words.len() {
                let moves = match s.words[k].deprel {
                    d if d.starts_with("nsubj") || d.starts_with("expl") => true,
                    d if d.starts_with("aux") || matches!(d, "mark" | "cc") => k < v,
                    _ => false,
                };
                if k != v && s.words[k].head == h + 1 && moves {
                    s.words[k].head = v + 1;
                    if s.words[k].deprel == "nsubj:pass" {
                        s.words[k].deprel = self.label("nsubj").unwrap_or(s.words[k].deprel);
                    }
                }
            }
            s.words[v].head = head;
            s.words[v].deprel = rel;
            s.words[h].head = v + 1;
            s.words[h].deprel = xcomp;
        }
    }

    /// A clause is headed by its finite verb. When the parser made a noun
    /// the root and hung the sentence's only finite verb from it ("The
    /// coastal road remains closed between A and B." parsed as the road,
    /// with "remains" a parataxis), the verb becomes the root and the noun
    /// its subject; the root's later dependents and a participle or
    /// adjective right after the verb (its complement) move to the verb.
    fn repair_root(&self, s: &mut Sentence<'m>) {
        let (Some(root_l), Some(nsubj), Some(xcomp)) = (self.label("root"), self.label("nsubj"), self.label("xcomp"))
        else {
            return;
        };
        let n = s.words.len();
        let Some(r) = s.words.iter().position(|w| w.head == 0) else { return };
        if !matches!(s.words[r].upos, "NOUN" | "PROPN") {
            return;
        }
        let finite = |w: &Word| matches!(w.xpos, "VBZ" | "VBD" | "VBP" | "MD");
        let mut verbs = s.words.iter().enumerate().filter(|(_, w)| finite(w));
        let (Some((v, _)), None) = (verbs.next(), verbs.next()) else { return };
        let w = &s.words[v];
        if v < r || w.upos != "VERB" || w.head != r + 1 || !matches!(w.deprel, "parataxis" | "acl" | "conj" | "appos") {
            return;
        }
        // Nothing but the noun's own phrase between them, no punctuation,
        // and no subject of the verb's own.
        let under_root = |mut j: usize| {
            for _ in 0..n {
                match s.words[j].head {
                    0 => return false,
                    h if h == r + 1 => return true,
                    h => j = h - 1,
                }
            }
            false
        };
        if (r + 1..v).any(|j| s.words[j].upos == "PUNCT" || !under_root(j))
            || s.words.iter().any(|x| x.head == v + 1 && x.deprel.starts_with("nsubj"))
        {
            return;
        }
        s.words[v].head = 0;
        s.words[v].deprel = root_l;
        s.words[r].head = v + 1;
        s.words[r].deprel = nsubj;
        for j in v + 1..n {
            if s.words[j].head == r + 1 {
                s.words[j].head = v + 1;
            }
        }
        if let Some(c) = s.words.get_mut(v + 1) {
            if c.head == v + 1 && c.deprel == "acl" && matches!(c.upos, "VERB" | "ADJ") {
                c.deprel = xcomp;
            }
        }
    }

    /// A subject with a relative clause between commas keeps its verb.
    /// When the parser made the noun the root and hung the verb after the
    /// second comma from the relative clause's ("Ann Lee, who took over in
    /// January, has not signed off ..." with "signed" an adverbial clause
    /// of "took"), that verb becomes the root and the noun its subject.
    /// Only a verb with an auxiliary or a finite form, no subject of its
    /// own, and a comma right before its first word. Measured with gold
    /// tokens: PUD (news) UAS 82.23 -> 82.26, LAS 79.14 -> 79.17; EWT test
    /// (web text, with its fragments) UAS 85.14 -> 85.12, LAS 82.20 ->
    /// 82.19.
    fn repair_relative_root(&self, s: &mut Sentence<'m>) {
        let (Some(root_l), Some(nsubj)) = (self.label("root"), self.label("nsubj")) else { return };
        let n = s.words.len();
        let Some(r) = s.words.iter().position(|w| w.head == 0) else { return };
        if !matches!(s.words[r].upos, "NOUN" | "PROPN") {
            return;
        }
        let Some(rel) = (r + 1..n).find(|&j| s.words[j].head == r + 1 && s.words[j].deprel == "acl:relcl") else {
            return;
        };
        let kids = |v: usize| s.words.iter().enumerate().filter(move |(_, x)| x.head == v + 1).map(|(j, _)| j);
        let Some(v) = (rel + 1..n).find(|&v| {
            let w = &s.words[v];
            let aux = kids(v).any(|j| s.words[j].deprel.starts_with("aux"));
            let first = kids(v).filter(|&j| j < v && s.words[j].upos != "PUNCT").min().unwrap_or(v);
            w.upos == "VERB"
                && (w.head == rel + 1 || w.head == r + 1)
                && matches!(w.deprel, "advcl" | "conj" | "parataxis" | "acl" | "ccomp")
                && (aux || matches!(w.xpos, "VBZ" | "VBD" | "VBP"))
                && !kids(v).any(|j| s.words[j].deprel.starts_with("nsubj") || s.words[j].deprel.starts_with("csubj"))
                && first > rel
                && first.checked_sub(1).is_some_and(|c| s.words[c].form == ",")
        }) else {
            return;
        };
        let start = kids(v).filter(|&j| j < v && s.words[j].upos != "PUNCT").min().unwrap_or(v);
        let passive = kids(v).any(|j| s.words[j].deprel == "aux:pass");
        s.words[v].head = 0;
        s.words[v].deprel = root_l;
        s.words[r].head = v + 1;
        s.words[r].deprel = if passive { self.label("nsubj:pass").unwrap_or(nsubj) } else { nsubj };
        for j in start..n {
            if j != v && s.words[j].head == r + 1 {
                s.words[j].head = v + 1;
            }
        }
        // the comma that closes the relative clause
        if let Some(c) = start.checked_sub(1) {
            s.words[c].head = rel + 1;
        }
    }

    /// Analyses each sentence span of a document.
    pub fn analyse_text(&self, text: &str, sentences: &[Span], depth: Depth) -> Vec<Sentence<'m>> {
        sentences
            .iter()
            .map(|s| {
                let tokens: Vec<Token> = tokenize(&text[s.start..s.end])
                    .into_iter()
                    .map(|mut t| {
                        t.start += s.start;
                        t.end += s.start;
                        t
                    })
                    .collect();
                let spans = word_spans(&tokens);
                let forms: Vec<&str> = spans.iter().map(|sp| &text[sp.start..sp.end]).collect();
                self.analyse(&forms, &spans, depth)
            })
            .collect()
    }
}

/// Keeps one root: the first word attached to the root stays there, any
/// other is attached to it.
fn single_root(heads: &mut [usize]) {
    let n = heads.len();
    let Some(first) = heads.iter().position(|&hd| hd >= n) else {
        if n > 0 {
            heads[0] = n;
        }
        return;
    };
    for (i, hd) in heads.iter_mut().enumerate() {
        if *hd >= n && i != first {
            *hd = first;
        }
    }
}

fn adjacent(a: &Token, b: &Token) -> bool {
    a.end == b.start
}

/// Prefixes that UD English EWT writes as one word with the word after
/// their hyphen ("re-routed", "non-commercial", "e-mail", "mid-October"):
/// in its train and dev sets each is joined every time, or all but once or
/// twice in 45 ("e") and 4 ("sub"); a hyphen after any other word
/// ("self-", "well-", "long-") stands alone.
const BOUND_PREFIXES: [&str; 18] = [
    "re", "co", "pre", "post", "non", "semi", "anti", "e", "un", "ex", "mid", "multi", "sub", "over", "counter", "pro",
    "cross", "neo",
];

/// Whether `word` (any case) is one of the [`BOUND_PREFIXES`].
pub(crate) fn is_bound_prefix(word: &str) -> bool {
    BOUND_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Syntactic words from the text stage's tokens, as byte spans.
pub fn word_spans(tokens: &[Token]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    let is_p = |t: &Token, c: char| t.is_punct(c);
    while i < tokens.len() {
        let t = &tokens[i];
        let mut end = t.end;
        let mut j = i + 1;
        match &t.kind {
            Kind::Num { .. } => {
                // 1,100  2.1  6:00  (a separator between digits, no spaces)
                while j + 1 < tokens.len()
                    && adjacent(&tokens[j - 1], &tokens[j])
                    && adjacent(&tokens[j], &tokens[j + 1])
                    && (is_p(&tokens[j], ',') || is_p(&tokens[j], '.') || is_p(&tokens[j], ':'))
                    && tokens[j + 1].num().is_some()
                {
                    end = tokens[j + 1].end;
                    j += 2;
                }
            }
            Kind::Word { text: w, .. } => {
                // don't -> do + n't ; can't -> ca + n't
                if w.ends_with('n')
                    && w.len() > 1
                    && j + 1 < tokens.len()
                    && adjacent(t, &tokens[j])
                    && is_p(&tokens[j], '\'')
                    && adjacent(&tokens[j], &tokens[j + 1])
                    && tokens[j + 1].is_word("t")
                {
                    let split = t.end - 1;
                    out.push(Span::new(t.start, split));
                    out.push(Span::new(split, tokens[j + 1].end));
                    i = j + 2;
                    continue;
                }
                // re-arm  non-commercial  e-mail  (a bound prefix and its
                // word are one word, as the treebank writes them)
                if is_bound_prefix(w)
                    && j + 1 < tokens.len()
                    && adjacent(t, &tokens[j])
                    && is_p(&tokens[j], '-')
                    && adjacent(&tokens[j], &tokens[j + 1])
                    && tokens[j + 1].word().is_some()
                {
                    out.push(Span::new(t.start, tokens[j + 1].end));
                    i = j + 2;
                    continue;
                }
                // U.S.  Mr.  Inc.  (initials, or a known abbreviation, with their periods)
                let single = w.chars().count() == 1;
                if j < tokens.len() && adjacent(t, &tokens[j]) && is_p(&tokens[j], '.') {
                    let initials = single
                        && j + 1 < tokens.len()
                        && adjacent(&tokens[j], &tokens[j + 1])
                        && tokens[j + 1].word().is_some_and(|x| x.chars().count() == 1);
                    if initials {
                        end = tokens[j].end;
                        j += 1;
                        while j + 1 < tokens.len()
                            && adjacent(&tokens[j - 1], &tokens[j])
                            && tokens[j].word().is_some_and(|x| x.chars().count() == 1)
                            && adjacent(&tokens[j], &tokens[j + 1])
                            && is_p(&tokens[j + 1], '.')
                        {
                            end = tokens[j + 1].end;
                            j += 2;
                        }
                    } else if crate::text::is_abbreviation(w) && t.capitalised() || (single && t.capitalised()) {
                        end = tokens[j].end;
                        j += 1;
                    }
                }
            }
            // 's 're 've 'll 'd 'm after a word
            Kind::Punct('\'')
                if i > 0
                    && adjacent(&tokens[i - 1], t)
                    && tokens[i - 1].word().is_some()
                    && j < tokens.len()
                    && adjacent(t, &tokens[j])
                    && tokens[j].word().is_some_and(|x| matches!(x, "s" | "re" | "ve" | "ll" | "d" | "m"))
                    && !tokens.get(j + 1).is_some_and(|n| adjacent(&tokens[j], n) && n.word().is_some()) =>
            {
                end = tokens[j].end;
                j += 1;
            }
            Kind::Punct(c @ ('.' | '-' | '!' | '?')) => {
                // ... -- ?!
                let same = |t: &Token| {
                    if *c == '-' {
                        t.is_punct('-')
                    } else {
                        ['.', '!', '?'].iter().any(|&p| t.is_punct(p))
                    }
                };
                while j < tokens.len() && adjacent(&tokens[j - 1], &tokens[j]) && same(&tokens[j]) {
                    end = tokens[j].end;
                    j += 1;
                }
            }
            _ => {}
        }
        out.push(Span::new(t.start, end));
        i = j;
    }
    out
}

/// Words for a time, which the parser sometimes makes a subject ("Microsoft
/// today released", "Police this morning arrested"): never kept as the
/// subject of a verb with two, nor are the [`CALENDAR`]'s.
const TIME_WORDS: [&str; 14] = [
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "week",
    "weekend",
    "month",
    "year",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "now",
];

/// Day and month names (not "may", a modal first): a date modifier
/// ("Tuesday's session"), not a name.
pub const CALENDAR: [&str; 19] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "sept",
];
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_sentence_gives_what_a_fresh_one_does() {
        let m = embedded().unwrap();
        let text = "The regional board has not approved the 48 new ward beds, a spokesman said on Tuesday.";
        let read = |m: &Model| {
            let s = &m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse)[0];
            s.words.iter().map(|w| format!("{} {} {} {}", w.upos, w.xpos, w.head, w.deprel)).collect::<Vec<_>>()
        };
        let first = read(m);
        // Read again: from this thread's memo.
        assert_eq!(read(m), first);
        // Switched off, the memo is forgotten and every sentence read anew;
        // switched on again, the same.
        m.remember(false);
        assert_eq!(read(m), first);
        m.remember(true);
        assert_eq!(read(m), first);
        assert_eq!(read(m), first);
    }

    fn words(s: &str) -> Vec<&str> {
        word_spans(&tokenize(s)).into_iter().map(|sp| &s[sp.start..sp.end]).collect()
    }

    #[test]
    fn a_prefixed_irregular_form_takes_its_word_s_lemma() {
        let m = embedded().unwrap();
        assert_eq!(m.lemmas.lemma("co-wrote", "VERB", "VBD", false), "co-write");
        assert_eq!(m.lemmas.lemma("re-ran", "VERB", "VBD", false), "re-run");
        assert_eq!(m.lemmas.lemma("re-signed", "VERB", "VBD", false), "re-sign");
        assert_eq!(m.lemmas.lemma("self-made", "ADJ", "JJ", false), "self-made");
    }

    #[test]
    fn ud_words_from_tokens() {
        assert_eq!(words("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(words("It can\u{2019}t be"), ["It", "ca", "n\u{2019}t", "be"]);
        assert_eq!(words("The U.S. paid $1,100.50 at 6:00"), ["The", "U.S.", "paid", "$", "1,100.50", "at", "6:00"]);
        assert_eq!(words("Mr. Brown's plan, drivers' pay"), ["Mr.", "Brown", "'s", "plan", ",", "drivers", "'", "pay"]);
        assert_eq!(words("Wait... what?!"), ["Wait", "...", "what", "?!"]);
        assert_eq!(words("a 48-hour strike"), ["a", "48", "-", "hour", "strike"]);
        assert_eq!(words("Hamas can not re-arm"), ["Hamas", "can", "not", "re-arm"]);
        assert_eq!(
            words("a non-commercial e-mail, a self-made man"),
            ["a", "non-commercial", "e-mail", ",", "a", "self", "-", "made", "man"]
        );
    }

    #[test]
    fn one_root() {
        let mut h = vec![3, 3, 3];
        single_root(&mut h);
        assert_eq!(h, [3, 0, 0]);
    }

    #[test]
    fn the_tag_dictionary_fixes_unambiguous_words_only() {
        let m = embedded().expect("model");
        let class = |w: &str| m.dictionary_class(h(w)).map(|c| m.classes[c]);
        assert_eq!(class("the"), Some(("DET", "DT")));
        assert_eq!(class(","), Some(("PUNCT", ",")));
        // Ambiguous words are scored: "that" (DET, PRON, SCONJ), "May".
        assert_eq!(class("that"), None);
        assert_eq!(class("May"), None);
        assert_eq!(class("Rosalrim"), None);
        // The tagger agrees with the dictionary where it has one.
        assert_eq!(m.classes[m.tag(&["the", "strike", "ended", "."])[0]], ("DET", "DT"));
    }

    #[test]
    fn a_malformed_tag_dictionary_is_an_error() {
        let names = [
            "tagger.classes",
            "tagger.weights",
            "tagger2.weights",
            "parser.weights",
            "parser.labels",
            "lemma.rules",
            "lemma.exceptions",
            "lemma.known",
            "tagger.vocab",
            "lemma.casing",
            "feats.xpos",
            "feats.form",
        ];
        let s = Sections::parse(EMBEDDED).expect("the embedded model");
        let blob = |dict: Option<Vec<u8>>| {
            let mut w = model::Writer::default();
            for n in names {
                w.add(n, s.get(n).expect("section").to_vec());
            }
            if let Some(d) = dict {
                w.add("tagger.dict", d);
            }
            w.finish()
        };
        // Without one, every word is scored.
        let none = blob(None);
        assert!(Model::load(&none).is_ok_and(|m| m.dictionary_class(h("the")).is_none()));
        // A count the bytes do not hold.
        let bad = blob(Some(vec![5, 0, 0, 0, 1, 2, 3]));
        assert!(Model::load(&bad).is_err_and(|e| e.0.contains("tagger.dict")));
    }

    #[test]
    fn irregular_forms_of_a_verb() {
        let m = embedded().expect("model");
        let forms = m.lemmas.forms_of("go");
        assert!(forms.iter().any(|f| f == "went"), "{forms:?}");
        assert!(forms.iter().any(|f| f == "goes"));
        assert!(m.lemmas.forms_of("buy").iter().any(|f| f == "bought"));
    }

    #[test]
    fn a_determiner_heads_no_sentence() {
        // Unseen names after a sentence-initial "The" made the parser root
        // the sentence in the determiner.
        let m = embedded().expect("model");
        let text = "The Rosalrim Trust opened Memosbim Hall on May 9.";
        let s = &m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse)[0];
        let root = s.words.iter().find(|w| w.head == 0).expect("a root");
        assert_eq!(root.form, "opened");
        assert_eq!(s.words[0].deprel, "det");
        assert_eq!(s.words[s.words[0].head - 1].upos, "PROPN");
    }

    #[test]
    fn a_numbered_noun_is_the_subject_not_its_number() {
        // The parser made "one" the subject and "Day" a bare time phrase.
        let m = embedded().expect("model");
        // (the second the parser reads right as it is: it stays so)
        for text in ["Day one of the recount went smoothly on November 24.", "Stage 3 of the project was completed."] {
            let s = &m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse)[0];
            let root = s.words.iter().position(|w| w.head == 0).expect("a root");
            assert_eq!(s.words[0].head, root + 1, "{text}: {:?}", s.words);
            assert!(s.words[0].deprel.starts_with("nsubj"), "{text}: {:?}", s.words[0]);
            assert_eq!(s.words[1].head, 1, "{text}: the number hangs from the noun");
            if text.starts_with("Day") {
                assert!(!s.words.iter().any(|w| w.head == 2), "{text}: the number's dependents are the noun's");
            }
        }
    }

    #[test]
    fn a_name_read_as_two_subjects_is_one_name() {
        // The parser hung "Norvale" and "Hospital" from the verb as two
        // subjects.
        let m = embedded().expect("model");
        let text = "Norvale General Hospital postponed 140 surgeries on Monday.";
        let s = &m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse)[0];
        let subjects: Vec<&str> =
            s.words.iter().filter(|w| w.deprel.starts_with("nsubj")).map(|w| w.form.as_str()).collect();
        assert_eq!(subjects, ["Hospital"], "{:?}", s.words);
        assert_eq!((s.words[0].head, s.words[0].deprel), (3, "compound"));
        assert_eq!((s.words[1].head, s.words[1].deprel), (3, "compound"));
        // A name read as one phrase keeps the parser's reading.
        let text = "Chris Weitz is in negotiations to direct the film.";
        let s = &m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse)[0];
        assert_eq!((s.words[1].head, s.words[1].deprel), (1, "flat"), "{:?}", s.words);
    }

    #[test]
    fn a_verb_read_as_an_auxiliary_heads_its_clause() {
        let m = embedded().expect("model");
        let text = "The Greyhaven plant remains closed.";
        let s = &m.analyse_text(text, &[Span::new(0, text.len())], Depth::Parse)[0];
        let root = s.words.iter().position(|w| w.head == 0).expect("a root");
        assert_eq!(s.words[root].form, "remains", "{:?}", s.words);
        assert_eq!((s.words[4].head, s.words[4].deprel), (root + 1, "xcomp"), "{:?}", s.words);
        assert_eq!((s.words[2].head, s.words[2].deprel), (root + 1, "nsubj"), "{:?}", s.words);
    }
}
