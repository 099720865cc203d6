//! Lemmas: an exception table (the treebank's irregular and closed-class
//! forms, and Open English WordNet's irregular forms), then suffix rules
//! learned from the treebank per Penn tag, preferring a rule whose output
//! is a known lemma of that part of speech.

use super::model::{Lines, ModelError, Sections};
use super::perceptron::h;

/// A suffix rule: strip `strip` from the lowercased form, append `add`.
#[derive(Clone, Copy, Debug)]
pub struct Rule<'a> {
    pub xpos: &'a str,
    pub strip: &'a str,
    pub add: &'a str,
}

pub struct Lemmatizer<'a> {
    /// Sorted by tag, then most frequent first.
    rules: Vec<Rule<'a>>,
    exceptions: Lines<'a>,
    known: &'a [u8],
    /// Learned casing: `UPOS shape first` -> `keep`, `lower` or `title`.
    casing: Lines<'a>,
    /// The exception table turned around (lemma -> its irregular forms, in
    /// table order), made on first use by [`Lemmatizer::forms_of`].
    irregular: std::sync::OnceLock<std::collections::HashMap<&'a str, Vec<&'a str>>>,
}

/// The casing of a form: `S` one capital letter alone, `U` all capitals,
/// `T` a capital then lowercase, `L` lowercase, `M` mixed, `N` no letters.
pub fn case_shape(form: &str) -> char {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        'N'
    } else if form.chars().count() == 1 && letters[0].is_uppercase() {
        'S'
    } else if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        'U'
    } else if letters[0].is_uppercase() && letters[1..].iter().all(|c| c.is_lowercase()) {
        'T'
    } else if letters.iter().all(|c| c.is_lowercase()) {
        'L'
    } else {
        'M'
    }
}

/// The casing transform that turns `form` into `lemma`.
pub fn case_transform(form: &str, lemma: &str) -> &'static str {
    let lower = lemma.to_lowercase();
    if lemma == lower && form != lemma {
        "lower"
    } else if lemma == title(&lower) && lemma != form {
        "title"
    } else {
        "keep"
    }
}

pub fn title(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The key of the casing table.
pub fn case_key(upos: &str, form: &str, first: bool) -> String {
    format!("{upos} {} {}", case_shape(form), first as u8)
}

/// WordNet's part of speech for a UPOS tag.
pub fn coarse(upos: &str) -> Option<char> {
    match upos {
        "NOUN" | "PROPN" => Some('n'),
        "VERB" | "AUX" => Some('v'),
        "ADJ" => Some('a'),
        "ADV" => Some('r'),
        _ => None,
    }
}

/// The 32-bit key of a known lemma of part of speech `pos`.
pub fn known_key(pos: char, lemma: &str) -> u32 {
    let x = h(lemma) ^ (pos as u64).wrapping_mul(0x9e3779b97f4a7c15);
    ((x >> 32) ^ x) as u32
}

impl<'a> Lemmatizer<'a> {
    pub fn load(s: &Sections<'a>) -> Result<Lemmatizer<'a>, ModelError> {
        let mut rules = Vec::new();
        for line in s.text("lemma.rules")?.lines() {
            let mut f = line.split('\t');
            let (Some(xpos), Some(strip), Some(add)) = (f.next(), f.next(), f.next()) else {
                return Err(ModelError(format!("lemma rule {line:?} has fewer than three fields")));
            };
            rules.push(Rule { xpos, strip, add });
        }
        let known = s.get("lemma.known")?;
        if known.len() % 4 != 0 {
            return Err(ModelError("lemma.known is not a list of 32-bit keys".into()));
        }
        Ok(Lemmatizer {
            rules,
            exceptions: Lines::new(s.text("lemma.exceptions")?),
            known,
            casing: Lines::new(s.text("lemma.casing")?),
            irregular: Default::default(),
        })
    }

    pub fn from_parts(rules: Vec<Rule<'a>>, exceptions: &'a str, known: &'a [u8], casing: &'a str) -> Lemmatizer<'a> {
        Lemmatizer {
            rules,
            exceptions: Lines::new(exceptions),
            known,
            casing: Lines::new(casing),
            irregular: Default::default(),
        }
    }

    pub fn is_known(&self, pos: char, lemma: &str) -> bool {
        super::model::sorted_u32_contains(self.known, known_key(pos, lemma))
    }

    /// The inflected forms a verb lemma can take: the regular ones, and
    /// the irregular ones the exception table maps to it ("went" for "go").
    /// Over-generation is harmless: the forms only choose what to parse.
    pub fn forms_of(&self, verb: &str) -> Vec<String> {
        let head = verb.split(' ').next().unwrap_or(verb);
        let mut out = vec![
            head.to_string(),
            format!("{head}s"),
            format!("{head}es"),
            format!("{head}ed"),
            format!("{head}d"),
            format!("{head}ing"),
        ];
        if let Some(stem) = head.strip_suffix('e') {
            out.push(format!("{stem}ing"));
        }
        if let Some(stem) = head.strip_suffix('y') {
            out.push(format!("{stem}ied"));
            out.push(format!("{stem}ies"));
        }
        if let Some(last) = head.chars().last() {
            out.push(format!("{head}{last}ed"));
            out.push(format!("{head}{last}ing"));
        }
        let irregular = self.irregular.get_or_init(|| {
            let mut m: std::collections::HashMap<&'a str, Vec<&'a str>> = Default::default();
            for line in self.exceptions.text().lines() {
                if let Some((key, lemma)) = line.split_once('\t') {
                    if let Some((_, form)) = key.split_once(' ') {
                        m.entry(lemma).or_default().push(form);
                    }
                }
            }
            m
        });
        out.extend(irregular.get(head).into_iter().flatten().map(|f| f.to_string()));
        out
    }

    /// The lemma by rules alone (no exception table).
    pub fn by_rules(&self, lower: &str, upos: &str, xpos: &str) -> String {
        let start = self.rules.partition_point(|r| r.xpos < xpos);
        let pos = coarse(upos);
        let mut first: Option<String> = None;
        for r in self.rules[start..].iter().take_while(|r| r.xpos == xpos) {
            if lower.len() <= r.strip.len() || !lower.ends_with(r.strip) {
                continue;
            }
            let cand = format!("{}{}", &lower[..lower.len() - r.strip.len()], r.add);
            match pos {
                Some(p) if self.is_known(p, &cand) => return cand,
                Some(_) => {
                    first.get_or_insert(cand);
                }
                None => return cand,
            }
        }
        first.unwrap_or_else(|| lower.to_string())
    }

    /// The lemma of `form` tagged `upos`/`xpos`; `first` says whether it
    /// starts its sentence (a capital there says nothing about a name).
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str, first: bool) -> String {
        let lower: String = form.chars().map(|c| if c == '\u{2019}' { '\'' } else { c }).collect::<String>();
        let lower = lower.to_lowercase();
        let mut exception = None;
        for tag in [xpos, upos] {
            let mut key = String::with_capacity(tag.len() + 1 + lower.len());
            key.push_str(tag);
            key.push(' ');
            key.push_str(&lower);
            if let Some(l) = self.exceptions.get(&key) {
                exception = Some(l.to_string());
                break;
            }
        }
        // A form after a bound prefix is lemmatised as the word alone
        // ("co-wrote" is "co-write", "re-ran" "re-run"): the known lemmas
        // the rules check against hold few prefixed words.
        if exception.is_none() && matches!(upos, "VERB" | "AUX" | "NOUN" | "ADJ" | "ADV") {
            if let Some((prefix, rest)) =
                lower.split_once('-').filter(|(p, r)| !r.is_empty() && super::is_bound_prefix(p))
            {
                let alone = [xpos, upos]
                    .iter()
                    .find_map(|tag| self.exceptions.get(&format!("{tag} {rest}")).map(str::to_string))
                    .unwrap_or_else(|| self.by_rules(rest, upos, xpos));
                exception = Some(format!("{prefix}-{alone}"));
            }
        }
        // Numerals are written without thousands separators ("1,100" -> "1100").
        if upos == "NUM" && form.contains(',') && form.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
            return form.replace(',', "");
        }
        let lemma = if let Some(l) = exception {
            if l.chars().any(char::is_uppercase) {
                return l;
            }
            l
        } else if (upos == "PROPN" && xpos != "NNPS")
            || upos == "PUNCT"
            || upos == "SYM"
            || upos == "X"
            || (upos == "NUM" && !form.chars().all(char::is_alphabetic))
        {
            lower.clone()
        } else {
            self.by_rules(&lower, upos, xpos)
        };
        // Casing as the treebank writes it: names keep their capitals,
        // a sentence's first word does not.
        match self.casing.get(&case_key(upos, form, first)).unwrap_or("lower") {
            "keep" if lemma == lower => form.to_string(),
            "keep" => match case_shape(form) {
                'U' => lemma.to_uppercase(),
                'T' => title(&lemma),
                _ => lemma,
            },
            "title" => title(&lemma),
            _ => lemma,
        }
    }
}
