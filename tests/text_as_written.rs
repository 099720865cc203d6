//! Text as users have it: hard-wrapped paragraphs, paragraphs that open
//! with a navigation word, running text that mentions "copyright". Each
//! once lost its claims without a word.

mod common;
use common::*;
use std::fs;

/// Rules of the findings of a corpus of (file name, text), built-in pack.
fn rules(docs: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in docs {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let o = factlint().current_dir(dir.path()).args(["check", ".", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

const GOING_AHEAD: &str =
    " date 2025-03-19\n\nHeadline\n\nThe Norvik summit is going ahead as planned, the ministry said on Wednesday.\n";

#[test]
fn a_sentence_hard_wrapped_over_lines_is_read() {
    let wrapped = "---\ndate: 2025-03-19\n---\n# Summit off\n\nTop officials of both governments said on Wednesday that the Norvik\nsummit, which was to open next week, had been called off after the\ntalks collapsed.\n";
    assert_eq!(rules(&[("a.md", wrapped), ("b.txt", GOING_AHEAD)]), ["status-clash"]);
}

#[test]
fn a_paragraph_opening_with_a_navigation_word_is_read() {
    let top =
        " date 2025-03-19\n\nHeadline\n\nTop officials said on Wednesday that the Norvik summit had been called off.\n";
    assert_eq!(rules(&[("a.txt", top), ("b.txt", GOING_AHEAD)]), ["status-clash"]);
}

#[test]
fn running_text_that_mentions_copyright_is_read_and_a_footer_is_not() {
    let a = " date 2025-03-19\n\nHeadline\n\nA copyright dispute with the host city's broadcaster had nothing to do with it, officials said on Wednesday, but the Norvik summit had been called off.\n\n© Copyright 2025 Echo Media Ltd. All rights reserved.\n";
    assert_eq!(rules(&[("a.txt", a), ("b.txt", GOING_AHEAD)]), ["status-clash"]);
}

#[test]
fn a_passage_text_is_the_files_bytes() {
    // A tab, a double space and a no-break space inside the passages.
    let a = " date 2025-03-19\n\nHeadline\n\nTop officials said on Wednesday that the Norvik\tsummit  had been\u{a0}called off.\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), a).unwrap();
    fs::write(dir.path().join("b.txt"), GOING_AHEAD).unwrap();
    for format in ["json", "sarif"] {
        let o = factlint().current_dir(dir.path()).args(["check", ".", "--format", format]).output().unwrap();
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let mut seen = 0;
        if format == "json" {
            for c in v["findings"].as_array().unwrap().iter().flat_map(|f| f["claims"].as_array().unwrap()) {
                let bytes = fs::read(dir.path().join(c["file"].as_str().unwrap())).unwrap();
                let (s, e) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
                assert_eq!(c["text"].as_str().unwrap().as_bytes(), &bytes[s..e]);
                assert!(!c["text_normalised"].as_str().unwrap().contains(['\t', '\u{a0}']));
                seen += 1;
            }
        } else {
            for r in v["runs"][0]["results"].as_array().unwrap() {
                for l in
                    r["locations"].as_array().unwrap().iter().chain(r["relatedLocations"].as_array().unwrap_or(&vec![]))
                {
                    let p = &l["physicalLocation"];
                    let file = p["artifactLocation"]["uri"].as_str().unwrap();
                    let bytes = fs::read(dir.path().join(file)).unwrap();
                    let s = p["region"]["byteOffset"].as_u64().unwrap() as usize;
                    let e = s + p["region"]["byteLength"].as_u64().unwrap() as usize;
                    assert_eq!(p["region"]["snippet"]["text"].as_str().unwrap().as_bytes(), &bytes[s..e]);
                    seen += 1;
                }
            }
        }
        assert!(seen >= 2, "{format}: {}", stdout(&o));
    }
}

#[test]
fn a_sentence_that_lost_its_full_stop_is_read() {
    let a = " date 2025-03-19\n\nSummit Called Off\n\nTop officials said on Wednesday that the Norvik summit had been called off\n";
    assert_eq!(rules(&[("a.txt", a), ("b.txt", GOING_AHEAD)]), ["status-clash"]);
}
