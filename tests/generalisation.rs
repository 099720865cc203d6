//! Stories nobody wrote rules for, checked with the built-in generic pack
//! alone: four product-launch articles (tests/fixtures/launch) with eight
//! conflicts of seven kinds and seven near-misses, and three Markdown articles on a
//! football transfer (tests/fixtures/transfer).

mod common;
use common::*;

#[test]
fn launch_corpus_with_the_generic_pack_alone() {
    let o = run(&["check", "tests/fixtures/launch", "--no-local-rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let s = score(&root().join("tests/fixtures/launch-gold.yaml"), &stdout(&o), &root().join("tests/fixtures/launch"));
    assert_eq!(s.missed, Vec::<String>::new(), "{s:?}");
    assert!(s.precision() >= 0.90, "{s:?}");
    assert_eq!(s.near_miss_fp, 0, "{s:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let kinds: std::collections::BTreeSet<&str> =
        json["findings"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    for k in ["exclusive", "negation", "functional", "characterisation", "quote", "spelling", "weekday"] {
        assert!(kinds.contains(k), "no {k} finding: {kinds:?}");
    }
}

#[test]
fn launch_human_output_snapshot() {
    let o = run(&["check", "tests/fixtures/launch", "--no-local-rules"]);
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn transfer_corpus_in_markdown_with_the_generic_pack_alone() {
    let o = run(&["check", "tests/fixtures/transfer", "--no-local-rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let s =
        score(&root().join("tests/fixtures/transfer-gold.yaml"), &stdout(&o), &root().join("tests/fixtures/transfer"));
    assert_eq!(s.missed, Vec::<String>::new(), "{s:?}");
    assert!(s.precision() >= 0.90, "{s:?}");
    assert_eq!(s.near_miss_fp, 0, "{s:?}");
    // Dates come from the front matter.
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["documents"][0]["date_source"], "front_matter");
}
