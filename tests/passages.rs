//! A slip repeated across an archive is one finding with many passages:
//! every format shows a bounded number (`--max-passages`, 10 by default),
//! one of each wording first, and gives the total and the wordings with
//! their counts; the fingerprint does not depend on how many are shown.

mod common;
use common::*;

/// 30 articles naming one person, 24 spelling the surname one way, 6
/// another.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        let name = if i % 5 == 0 { "Teodor Vanec" } else { "Teodor Vanek" };
        let text =
            format!(" date 2025-03-{:02}\n\nMayor {name} opened the new library wing on the waterfront.\n", 1 + i % 28);
        std::fs::write(dir.path().join(format!("{i:02}.txt")), text).unwrap();
    }
    dir
}

fn json(dir: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", dir.to_str().unwrap(), "--format", "json", "--no-cache"];
    args.extend(extra);
    serde_json::from_str(&stdout(&run(&args))).unwrap()
}

#[test]
fn many_passages_are_bounded_grouped_and_counted() {
    let dir = archive();
    let v = json(dir.path(), &[]);
    assert_eq!(v["version"], 2);
    let f =
        v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "name-spelling").expect("a spelling finding");
    let claims = f["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 10);
    let p = &f["passages"];
    assert_eq!((p["total"].as_u64(), p["shown"].as_u64(), p["documents"].as_u64()), (Some(30), Some(10), Some(30)));
    assert_eq!(p["groups_total"], 2);
    assert_eq!(p["groups"][0], serde_json::json!({"text_normalised": "Teodor Vanek", "count": 24}));
    assert_eq!(p["groups"][1], serde_json::json!({"text_normalised": "Teodor Vanec", "count": 6}));
    // Both wordings are among those shown.
    let texts: std::collections::BTreeSet<&str> = claims.iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(texts.len(), 2);
    // 0 shows every one.
    let all = json(dir.path(), &["--max-passages", "0"]);
    let f = all["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "name-spelling").unwrap();
    assert_eq!(f["claims"].as_array().unwrap().len(), 30);
}

#[test]
fn human_says_what_is_left_out_and_sarif_keeps_its_fingerprint() {
    let dir = archive();
    let d = dir.path().to_str().unwrap();
    let o = run(&["check", d, "--no-cache", "--max-passages", "3"]);
    let out = stdout(&o);
    assert!(
        out.contains(
            "... and 27 more passages: 30 in 30 documents, 2 wordings (\"Teodor Vanek\" x24, \"Teodor Vanec\" x6)"
        ),
        "{out}"
    );
    let sarif = |n: &str| -> serde_json::Value {
        serde_json::from_str(&stdout(&run(&["check", d, "--no-cache", "--format", "sarif", "--max-passages", n])))
            .unwrap()
    };
    let (few, all) = (sarif("3"), sarif("0"));
    let fp = |v: &serde_json::Value| v["runs"][0]["results"][0]["partialFingerprints"].clone();
    assert_eq!(fp(&few), fp(&all));
    assert_eq!(few["runs"][0]["results"][0]["relatedLocations"].as_array().unwrap().len(), 2);
    assert_eq!(few["runs"][0]["results"][0]["properties"]["passagesTotal"], 30);
    let concise = stdout(&run(&["check", d, "--no-cache", "--format", "concise", "--max-passages", "3"]));
    assert!(concise.contains(", +27 more]"), "{concise}");
}

/// A quotation wire copy carries into more documents than the trigram
/// index's cap (64), reworded in one more: found, with every passage of
/// each wording counted. (When every passage was indexed, the repeats
/// pushed each of the quotation's trigrams past the cap, and the rewording
/// went unseen in any archive that ran the quotation 64 times.)
#[test]
fn a_quotation_repeated_past_the_index_cap_is_still_compared() {
    let dir = tempfile::tempdir().unwrap();
    let said = |words: &str| {
        format!("\"Our members will not be {words} out of the jobs they love,\" union leader Marta Kowalczyk said.")
    };
    for i in 0..81 {
        let words = if i == 80 { "forced" } else { "priced" };
        let text = format!(" date 2025-03-{:02}\n\nStrike talks resume\n\n{}\n", 1 + i % 28, said(words));
        std::fs::write(dir.path().join(format!("{i:02}.txt")), text).unwrap();
    }
    let v = json(dir.path(), &[]);
    let drift: Vec<&serde_json::Value> =
        v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "quote-drift").collect();
    assert_eq!(drift.len(), 1, "{v:#}");
    let p = &drift[0]["passages"];
    assert_eq!(
        (p["total"].as_u64(), p["documents"].as_u64(), p["groups_total"].as_u64()),
        (Some(81), Some(81), Some(2))
    );
}
