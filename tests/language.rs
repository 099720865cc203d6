//! The linguistic layer through the binary: accuracy on the treebank's
//! held-out test set (gold tokenisation), what `factlint parse` shows for a
//! news sentence, bad model files, and deterministic training.

mod common;
use common::*;
use factlint::language::{conllu, train, Model};
use std::path::PathBuf;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = root().join("..").join("shared").join(rel);
    p.exists().then_some(p)
}

/// Words of a CoNLL-U output: (form, upos, head form, deprel).
fn rows(conllu_text: &str) -> Vec<(String, String, String, String)> {
    let sents = conllu::read(conllu_text).expect("valid CoNLL-U");
    let mut out = Vec::new();
    for s in sents {
        for r in &s.rows {
            let head = if r.head == 0 { "ROOT".to_string() } else { s.rows[r.head - 1].form.clone() };
            out.push((r.form.clone(), r.upos.clone(), head, r.deprel.clone()));
        }
    }
    out
}

#[test]
fn ewt_test_accuracy_with_gold_tokenisation() {
    let Some(test) = shared("nlp/ud-english-ewt/en_ewt-ud-test.conllu") else {
        eprintln!("../shared/nlp is not beside the checkout: accuracy not measured");
        return;
    };
    let o = run(&["parse", "--input", "conllu", test.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let gold = conllu::read(&std::fs::read_to_string(&test).unwrap()).unwrap();
    let pred = conllu::read(&stdout(&o)).unwrap();
    assert_eq!(gold.len(), pred.len(), "one output sentence per input sentence");
    for (g, p) in gold.iter().zip(&pred) {
        assert_eq!(g.rows.len(), p.rows.len(), "gold tokenisation kept");
        assert_eq!(g.ranges.len(), p.ranges.len(), "multiword token lines kept");
    }
    let s = conllu::score(&gold, &pred);
    eprintln!("EWT test: {s}");
    assert!(s.upos >= 94.0, "{s}");
    assert!(s.uas >= 82.0, "{s}");
    assert!(s.las >= 78.0, "{s}");
    assert!(s.lemma >= 95.0, "{s}");
    // --score prints the same figures.
    let o = run(&["parse", "--input", "conllu", test.to_str().unwrap(), "--score"]);
    assert!(stdout(&o).contains(&format!("UAS={:.2}", s.uas)), "{}", stdout(&o));
}

#[test]
fn news_sentence_subject_verb_negation_and_number() {
    let o = run(&["parse", "Three passengers were not hurt in the crash, officials said on Friday."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("# sent_id = 1\n# text = Three passengers were not hurt"), "{out}");
    let r = rows(&out);
    let find = |f: &str| r.iter().find(|x| x.0 == f).unwrap_or_else(|| panic!("{f} in {out}")).clone();
    assert_eq!(find("Three"), ("Three".into(), "NUM".into(), "passengers".into(), "nummod".into()));
    assert_eq!(find("passengers").2, "hurt");
    assert!(find("passengers").3.starts_with("nsubj"), "{out}");
    assert_eq!(find("not").2, "hurt");
    assert_eq!(find("crash").3, "obl");
    assert!(out.contains("\thurt\thurt\tVERB\t"), "{out}");
    assert!(out.contains("\twere\tbe\tAUX\t"), "{out}");
    // Lemmas and number words.
    assert!(out.contains("\tThree\tthree\tNUM\t"), "{out}");
}

#[test]
fn a_sentence_without_a_finite_verb_gets_one() {
    // "remains" after a number reads as a plural noun ("4 remains") unless
    // the tagger is reminded that a full sentence has a finite verb.
    for (sentence, verb) in
        [("Pier 4 remains shut to ferries.", "remains"), ("Its value resides in two facts.", "resides")]
    {
        let o = run(&["parse", sentence]);
        let r = rows(&stdout(&o));
        let v = r.iter().find(|x| x.0 == verb).unwrap_or_else(|| panic!("{verb} in {}", stdout(&o)));
        assert_ne!(v.1, "NOUN", "{}", stdout(&o));
    }
}

#[test]
fn a_finite_verb_hanging_from_a_noun_root_heads_the_clause() {
    let o = run(&["parse", "The coastal road remains closed between Elmdale and Fort Amery."]);
    let r = rows(&stdout(&o));
    let find = |f: &str| r.iter().find(|x| x.0 == f).unwrap_or_else(|| panic!("{f} in {}", stdout(&o))).clone();
    assert_eq!(find("remains").3, "root", "{}", stdout(&o));
    assert_eq!((find("road").2.as_str(), find("road").3.as_str()), ("remains", "nsubj"), "{}", stdout(&o));
    assert_eq!((find("closed").2.as_str(), find("closed").3.as_str()), ("remains", "xcomp"), "{}", stdout(&o));
}

#[test]
fn a_verb_keeps_one_subject_the_name_next_to_it() {
    // The parser made both "San" and "Vincent" subjects of "arrested": the
    // arrest was the team's. The team is a compound of the person's name.
    let o = run(&["parse", "San Diego Chargers wide receiver Vincent Jackson was arrested Tuesday."]);
    let r = rows(&stdout(&o));
    let find = |f: &str| r.iter().find(|x| x.0 == f).unwrap_or_else(|| panic!("{f} in {}", stdout(&o))).clone();
    assert_eq!((find("Vincent").2.as_str(), find("Vincent").3.as_str()), ("arrested", "nsubj:pass"), "{}", stdout(&o));
    assert_eq!((find("San").2.as_str(), find("San").3.as_str()), ("Vincent", "compound"), "{}", stdout(&o));
    // Two parties joined by "and", or a day, stay as the parser read them.
    let o = run(&["parse", "Microsoft today released a patch."]);
    let r = rows(&stdout(&o));
    assert!(r.iter().any(|x| x.0 == "Microsoft" && x.3 == "nsubj"), "{}", stdout(&o));
}

#[test]
fn words_keep_their_byte_spans_and_contractions_split() {
    let o = run(&["parse", "The U.S. company doesn't expect 1,100 job cuts."]);
    let r = rows(&stdout(&o));
    let forms: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(forms, ["The", "U.S.", "company", "does", "n't", "expect", "1,100", "job", "cuts", "."]);
    assert!(stdout(&o).contains("\tn't\tnot\tPART\t"), "{}", stdout(&o));
}

#[test]
fn a_bad_model_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.flm");
    std::fs::write(&p, b"FLMODEL2\x03\0\0\0garbage").unwrap();
    let o = run(&["parse", "some text.", "--model", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid language model"), "{}", stderr(&o));
    let o = run(&["parse", "--input", "conllu", "/no/such/file.conllu"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn training_is_deterministic_and_the_model_loads() {
    let Some(ewt) = shared("nlp/ud-english-ewt/en_ewt-ud-dev.conllu") else { return };
    let text = std::fs::read_to_string(ewt).unwrap();
    let sents: Vec<conllu::Sent> = conllu::read(&text).unwrap().into_iter().take(300).collect();
    let opts = train::Options { tagger_iters: 2, parser_iters: 2, folds: 2, ..Default::default() };
    let a = train::train(&sents, None, &opts, &mut |_| {}).unwrap();
    let b = train::train(&sents, None, &opts, &mut |_| {}).unwrap();
    assert!(a == b, "two trainings give the same bytes");
    let m = Model::load(&a).unwrap();
    let pred = train::annotate(&m, &sents[..20]);
    assert_eq!(pred.len(), 20);
}

#[test]
fn a_past_tense_after_an_appositive_and_a_currency_sign_are_read_as_such() {
    // "signed" had been a participle (its subject is two commas away) and
    // "£" a preposition or a noun: the clause had no finite verb.
    let o = run(&["parse", "Ruth Malone, the regional transport commissioner, signed off an extra £4.2 million."]);
    let r = rows(&stdout(&o));
    let find = |f: &str| r.iter().find(|x| x.0 == f).unwrap_or_else(|| panic!("{f} in {}", stdout(&o))).clone();
    assert_eq!(find("signed").3, "root", "{}", stdout(&o));
    assert_eq!((find("Ruth").2.as_str(), find("Ruth").3.as_str()), ("signed", "nsubj"), "{}", stdout(&o));
    assert!(stdout(&o).contains("\t£\t£\tSYM\t$\t"), "{}", stdout(&o));
}
