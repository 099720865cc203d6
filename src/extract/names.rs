//! Proper-name sequences: runs of capitalised words, with role words
//! ("German Foreign Minister") stripped from the front, so that
//! "German Foreign Minister Jonas Berg" yields "Jonas Berg".

use super::lexicon::Lexicon;
use crate::text::tokens::{Kind, Token};
use crate::text::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRun {
    /// The name's words as written.
    pub words: Vec<String>,
    pub span: Span,
    /// Index range of its tokens in the token slice it came from.
    pub first_token: usize,
    pub last_token: usize,
    /// A role word stood before it ("President", "spokesperson").
    pub titled: bool,
    /// "Berg's".
    pub possessive: bool,
}

impl NameRun {
    pub fn surname(&self) -> String {
        self.words.last().map(|w| w.to_lowercase()).unwrap_or_default()
    }

    pub fn full(&self) -> String {
        self.words.join(" ")
    }
}

/// Name runs among `tokens` (the tokens of one sentence, with absolute
/// offsets into `text`).
///
/// `function_word` tells a word (lowercased) that never begins a name
/// where a sentence opens ("Although AMD will ...", "Currently AMD
/// uses ..."): a capitalised word there is capitalised for its place.
pub fn name_runs(text: &str, tokens: &[Token], lx: &Lexicon, function_word: &dyn Fn(&str) -> bool) -> Vec<NameRun> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_cap_word(&tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < tokens.len() {
            // A plural possessive inside a name: "Locomotive Drivers' Guild".
            let inner_possessive = j > start
                && tokens[j].is_punct('\'')
                && tokens[j - 1].word().is_some_and(|w| w.ends_with('s'))
                && tokens.get(j + 1).is_some_and(is_cap_word);
            if !(is_cap_word(&tokens[j]) || inner_possessive) {
                break;
            }
            j += 1;
        }
        // tokens[start..j] is a run of capitalised words. A number word
        // alone where the sentence opens is a count ("Twelve people were
        // hurt", "Hundreds of stores were looted"), not a name.
        let opens = tokens[..start].iter().all(|t| matches!(t.kind, Kind::Punct(_)));
        let number =
            |w: &str| crate::language::numbers::value(w).is_some() || crate::language::numbers::is_round_plural(w);
        if j == start + 1 && opens && tokens[start].word().is_some_and(number) {
            i = j;
            continue;
        }
        let words: Vec<&Token> = tokens[start..j].iter().collect();
        let lower: Vec<String> = words.iter().map(|t| t.word().unwrap_or("").to_string()).collect();
        // Strip leading stopwords, then everything up to the last role word.
        let mut k = 0;
        while k < lower.len() && lx.stopwords.contains(&lower[k]) {
            k += 1;
        }
        if opens && k == 0 && lower.len() > 1 && function_word(&lower[0].to_lowercase()) {
            k = 1;
        }
        // A role word just before the run ("spokesperson Lena Novak"); a
        // modifier alone ("senior City Hall officials") is no role.
        // "chief executive Ingrid Solberg" is a role of two modifiers.
        let word_before = |d: usize| start.checked_sub(d).and_then(|i| tokens.get(i)).and_then(|t| t.word());
        let role = |w: &str| lx.titles.contains(w) && !lx.title_modifiers.contains(w);
        let mut titled = match word_before(1) {
            Some(w) if role(w) => true,
            Some(w) if lx.title_modifiers.contains(w) => word_before(2).is_some_and(|v| lx.titles.contains(v)),
            _ => false,
        };
        // A run that ends with a word naming an organisation or a place
        // holds no role: its role-like words are part of the name
        // ("Norvale General Hospital", "Ohio State University", "Interior
        // Ministry"), where "Police Chief Tom Lee" is Tom Lee.
        let organisation = lower.last().is_some_and(|w| lx.not_person.contains(&w.to_lowercase()));
        if let Some(last_title) =
            (k..lower.len()).rev().find(|&n| lx.titles.contains(&lower[n])).filter(|_| !organisation)
        {
            titled = true;
            k = last_title + 1;
        }
        // Single letters are initials of abbreviations ("U" of "U.S."), not names.
        let apostrophes = words[k..].iter().filter(|t| t.is_punct('\'')).count();
        let name_tokens: Vec<&Token> =
            words[k..].iter().copied().filter(|t| t.end - t.start > 1 && !t.is_punct('\'')).collect();
        if !name_tokens.is_empty() && name_tokens.len() + apostrophes == j - start - k {
            let first = name_tokens[0];
            let last = name_tokens[name_tokens.len() - 1];
            let possessive = j + 1 < tokens.len() && tokens[j].is_punct('\'') && tokens[j + 1].is_word("s");
            out.push(NameRun {
                words: name_tokens.iter().map(|t| text[t.start..t.end].to_string()).collect(),
                span: Span::new(first.start, last.end),
                first_token: start + k,
                last_token: j - 1,
                titled,
                possessive,
            });
        }
        i = j.max(i + 1);
    }
    out
}

fn is_cap_word(t: &Token) -> bool {
    matches!(&t.kind, Kind::Word { cap: true, .. })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn runs(t: &str) -> Vec<(String, bool)> {
        let rules = crate::rules::load(&[]).unwrap();
        let lx = Lexicon::new(&rules);
        let model = crate::language::embedded().expect("the embedded model loads");
        name_runs(t, &tokenize(t), &lx, &|w| model.function_word(w)).into_iter().map(|r| (r.full(), r.titled)).collect()
    }

    #[test]
    fn a_function_word_opening_the_sentence_is_no_part_of_a_name() {
        assert_eq!(runs("Although AMD will keep its plants, it sold one."), [("AMD".to_string(), false)]);
        assert_eq!(runs("Currently AMD uses its own plants."), [("AMD".to_string(), false)]);
        // Elsewhere, or alone, the word is left to the name's own tests.
        assert_eq!(runs("The New York office closed."), [("New York".to_string(), false)]);
        assert_eq!(runs("United Airlines said it would fly."), [("United Airlines".to_string(), false)]);
    }

    #[test]
    fn titles_are_stripped() {
        assert_eq!(
            runs("US Secretary of State Mia Hart and German Foreign Minister Jonas Berg spoke."),
            [("Mia Hart".to_string(), true), ("Jonas Berg".to_string(), true)]
        );
    }

    #[test]
    fn a_role_word_inside_an_organisation_name_is_part_of_it() {
        assert_eq!(
            runs("Norvale General Hospital and the Interior Ministry said Police Chief Tom Lee left."),
            [
                ("Norvale General Hospital".to_string(), false),
                ("Interior Ministry".to_string(), false),
                ("Tom Lee".to_string(), true)
            ]
        );
    }

    #[test]
    fn lowercase_role_word_before_counts() {
        assert_eq!(runs("said club spokesperson Ana Silva"), [("Ana Silva".to_string(), true)]);
    }

    #[test]
    fn a_number_word_opening_a_sentence_is_no_name() {
        assert_eq!(runs("Twelve people were hurt, Ann Lee said."), [("Ann Lee".to_string(), false)]);
        assert_eq!(runs("\"Three passengers were hurt"), Vec::<(String, bool)>::new());
        assert_eq!(runs("Hundreds of stores were looted, Ann Lee said."), [("Ann Lee".to_string(), false)]);
        // inside a name, or later in the sentence, it stays
        assert_eq!(runs("Three Mile Island reopened"), [("Three Mile Island".to_string(), false)]);
        assert_eq!(runs("the film Twelve opened"), [("Twelve".to_string(), false)]);
    }

    #[test]
    fn abbreviations_and_stopwords_are_not_names() {
        assert_eq!(runs("The U.S. team"), Vec::<(String, bool)>::new());
    }

    #[test]
    fn a_plural_possessive_inside_a_name_keeps_it_whole() {
        assert_eq!(runs("the Harbour Workers' Union said"), [("Harbour Workers Union".to_string(), false)]);
        // a possessive "'s" still ends the name
        assert_eq!(runs("Nora Vale's office"), [("Nora Vale".to_string(), false)]);
    }
}
