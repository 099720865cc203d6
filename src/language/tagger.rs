//! Part-of-speech tagger: a greedy left-to-right averaged perceptron over
//! joint (UPOS, Penn) classes, with the words around, their affixes and
//! shapes, and the two previous tags as features.

use super::lemma::Lemmatizer;
use super::perceptron::{h, k, k2, k3};

/// What the tagger and parser know of one word, hashed once.
#[derive(Clone, Debug)]
pub struct WordCtx {
    pub norm: u64,
    pub form: u64,
    pub shape: u64,
    pub suf: [u64; 4],
    pub pre: [u64; 3],
    pub cap: bool,
    /// Which parts of speech WordNet knows this form as (base or inflected).
    pub lex: u64,
}

/// A bit mask of the WordNet parts of speech a form can have: as a base
/// form, and after stripping a regular inflection.
pub fn lex_class(lower: &str, lz: &Lemmatizer) -> u64 {
    let mut m = 0u64;
    for (bit, pos) in ['n', 'v', 'a', 'r'].into_iter().enumerate() {
        if lz.is_known(pos, lower) {
            m |= 1 << bit;
        }
    }
    let strip = |suf: &str, add: &str| -> Option<String> {
        (lower.len() > suf.len() + 1 && lower.ends_with(suf))
            .then(|| format!("{}{}", &lower[..lower.len() - suf.len()], add))
    };
    let tests: [(&str, &str, char); 9] = [
        ("s", "", 'n'),
        ("es", "", 'n'),
        ("ies", "y", 'n'),
        ("s", "", 'v'),
        ("ed", "", 'v'),
        ("ed", "e", 'v'),
        ("ing", "", 'v'),
        ("ing", "e", 'v'),
        ("er", "", 'a'),
    ];
    for (bit, (suf, add, pos)) in tests.into_iter().enumerate() {
        if strip(suf, add).is_some_and(|b| lz.is_known(pos, &b)) {
            m |= 1 << (4 + bit);
        }
    }
    m
}

/// Per joint class: a finite verb or an auxiliary (VBD, VBZ, VBP, MD, or
/// UPOS AUX).
pub fn finite_classes<'a>(classes: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<bool> {
    classes.map(|(u, x)| u == "AUX" || (u == "VERB" && matches!(x, "VBD" | "VBZ" | "VBP" | "MD"))).collect()
}

/// Lowercase, digits as 0, curly apostrophes straight: the form the
/// models see.
pub fn normalise(form: &str) -> String {
    let mut s = String::with_capacity(form.len());
    for c in form.chars() {
        match c {
            '0'..='9' => s.push('0'),
            '\u{2018}' | '\u{2019}' => s.push('\''),
            '\u{201c}' | '\u{201d}' => s.push('"'),
            '\u{2013}' | '\u{2014}' => s.push('-'),
            c => s.extend(c.to_lowercase()),
        }
    }
    s
}

fn shape(form: &str) -> String {
    let mut s = String::new();
    let mut last = ' ';
    let mut run = 0;
    for c in form.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if m == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
            last = m;
        }
        s.push(m);
    }
    s
}

thread_local! {
    /// Word contexts already computed on this thread, by form: news repeats
    /// its words, and affixes, shape and WordNet classes cost more than a
    /// lookup. Cleared when it grows past a bound.
    static CACHE: std::cell::RefCell<
        std::collections::HashMap<u64, WordCtx, std::hash::BuildHasherDefault<super::perceptron::IdHasher>>,
    > = Default::default();
}

impl WordCtx {
    /// As [`WordCtx::new`], through a per-thread cache.
    pub fn cached(form: &str, lz: Option<&Lemmatizer>) -> WordCtx {
        // Keyed by the form's 64-bit hash (mixed, as the table's keys are
        // used whole): no string is copied or hashed twice.
        let key = k(63, h(form));
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if let Some(w) = c.get(&key) {
                return w.clone();
            }
            if c.len() > 200_000 {
                c.clear();
            }
            let w = WordCtx::new(form, lz);
            c.insert(key, w.clone());
            w
        })
    }

    pub fn new(form: &str, lz: Option<&Lemmatizer>) -> WordCtx {
        let norm = normalise(form);
        let lex = lz.map_or(0, |l| lex_class(&norm, l) + 1);
        let chars: Vec<char> = norm.chars().collect();
        let n = chars.len();
        let suffix = |k: usize| -> u64 {
            if n > k {
                h(&chars[n - k..].iter().collect::<String>())
            } else {
                h(&norm) ^ 0x5555
            }
        };
        let prefix = |k: usize| -> u64 {
            if n > k {
                h(&chars[..k].iter().collect::<String>())
            } else {
                h(&norm) ^ 0xaaaa
            }
        };
        WordCtx {
            norm: h(&norm),
            form: h(form),
            shape: h(&shape(form)),
            suf: [suffix(1), suffix(2), suffix(3), suffix(4)],
            pre: [prefix(1), prefix(2), prefix(3)],
            cap: form.starts_with(char::is_uppercase),
            lex,
        }
    }

    const fn pad(which: u64) -> WordCtx {
        WordCtx { norm: which, form: which, shape: which, suf: [which; 4], pre: [which; 3], cap: false, lex: which }
    }
}

const START: u64 = 0x1111;
const END: u64 = 0x2222;

/// The features of word `i` given the tags already chosen to its left
/// (`p1`, `p2`: class numbers, or `None` at the start).
///
/// `right` holds a first pass's tags of the whole sentence: the second pass
/// sees the tags to the right too.
pub fn features(
    ws: &[WordCtx],
    i: usize,
    p1: Option<usize>,
    p2: Option<usize>,
    right: Option<&[usize]>,
    finite: &[bool],
    out: &mut Vec<u64>,
) {
    out.clear();
    if let Some(r) = right {
        let rt = |j: usize| r.get(j).map_or(END, |&t| t as u64 + 7);
        let own = rt(i);
        let (r1, r2) = (rt(i + 1), rt(i + 2));
        out.push(k(40, r1));
        out.push(k2(41, r1, r2));
        out.push(k2(42, own, ws[i].norm));
        out.push(k2(43, r1, ws[i].norm));
        out.push(k3(44, p1.map_or(START, |t| t as u64 + 7), own, r1));
        out.push(k2(45, r1, ws[i].suf[2]));
        out.push(k(46, own));
        // Whether the first pass put a finite verb or an auxiliary to the
        // left: "the company described" (none: a past tense) against "the
        // report was described" or "officials said the company described".
        let left = r[..i.min(r.len())].iter().rev().take(8).any(|&t| finite.get(t).copied().unwrap_or(false));
        out.push(k3(48, left as u64, own, ws[i].suf[1]));
    }
    const PAD_START: WordCtx = WordCtx::pad(START);
    const PAD_END: WordCtx = WordCtx::pad(END);
    let at = |j: isize| -> &WordCtx {
        if j < 0 {
            &PAD_START
        } else if j as usize >= ws.len() {
            &PAD_END
        } else {
            &ws[j as usize]
        }
    };
    let i_ = i as isize;
    let w = &ws[i];
    let (m1, m2, n1, n2) = (at(i_ - 1), at(i_ - 2), at(i_ + 1), at(i_ + 2));
    let t1 = p1.map_or(START, |t| t as u64 + 7);
    let t2 = p2.map_or(START, |t| t as u64 + 7);
    out.push(k(0, 0));
    out.push(k(1, w.norm));
    for (j, s) in w.suf.iter().enumerate() {
        out.push(k(2 + j as u8, *s));
    }
    for (j, s) in w.pre.iter().enumerate() {
        out.push(k(6 + j as u8, *s));
    }
    out.push(k(9, w.shape));
    out.push(k(10, t1));
    out.push(k(11, t2));
    out.push(k2(12, t1, t2));
    out.push(k2(13, t1, w.norm));
    out.push(k(14, m1.norm));
    out.push(k(15, m1.suf[2]));
    out.push(k(16, m2.norm));
    out.push(k(17, n1.norm));
    out.push(k(18, n1.suf[2]));
    out.push(k(19, n2.norm));
    out.push(k2(20, m1.norm, w.norm));
    out.push(k2(21, w.norm, n1.norm));
    out.push(k2(22, (i == 0) as u64, w.cap as u64));
    out.push(k(23, w.form));
    out.push(k2(24, t1, w.suf[2]));
    out.push(k2(25, n1.shape, w.shape));
    out.push(k3(26, t1, w.norm, n1.norm));
    out.push(k2(27, w.suf[2], n1.norm));
    out.push(k2(28, m1.shape, w.shape));
    out.push(k(29, w.lex));
    out.push(k2(30, w.lex, w.suf[1]));
    out.push(k2(31, t1, w.lex));
    out.push(k2(32, w.lex, n1.lex));
    out.push(k2(33, m1.lex, w.lex));
}
