//! The seed articles: the contradictions a reporter must see, and nothing a
//! good checker knows to be compatible. Same bar as issue 3:
//! recall 1.00, precision >= 0.90, no near-miss reported.

mod common;
use common::*;

#[test]
fn seeds_meet_the_gold_bar() {
    let o = run(&["check", "seeds/", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "errors found means exit 1; stderr: {}", stderr(&o));
    let s = score(&root().join("tests/fixtures/seeds-gold.yaml"), &stdout(&o), &root().join("seeds"));
    assert_eq!(s.missed, Vec::<String>::new(), "{s:?}");
    assert!(s.recall() >= 1.0, "{s:?}");
    assert!(s.precision() >= 0.90, "{s:?}");
    assert_eq!(s.near_miss_fp, 0, "{s:?}");
}

#[test]
fn seeds_without_the_story_pack_still_meet_the_bar() {
    let o = run(&["check", "seeds/", "--format", "json", "--no-local-rules"]);
    let s = score(&root().join("tests/fixtures/seeds-gold.yaml"), &stdout(&o), &root().join("seeds"));
    assert!(s.recall() >= 1.0 && s.precision() >= 0.90 && s.near_miss_fp == 0, "{s:?}");
}

#[test]
fn undated_document_is_checked_with_a_warning_that_says_how_to_date_it() {
    let o = run(&["check", "seeds/", "--format", "json"]);
    let err = stderr(&o);
    assert!(err.contains("001_3ae1a21b16b637e7.txt: document has no date"), "{err}");
    assert!(err.contains("--date FILE=YYYY-MM-DD"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    let d001 = docs.iter().find(|d| d["file"].as_str().unwrap().contains("001_")).unwrap();
    assert!(d001["date"].is_null());
    // Its quote still takes part: the quote-drift finding cites it.
    assert!(json["findings"].as_array().unwrap().iter().any(|f| f["claims"].as_array().unwrap().iter().any(|c| c
        ["file"]
        .as_str()
        .unwrap()
        .contains("001_"))));
}

#[test]
fn date_override_dates_an_undated_document() {
    let o = run(&["check", "seeds/", "--format", "json", "--date", "seeds/001_3ae1a21b16b637e7.txt=2025-10-17"]);
    assert!(!stderr(&o).contains("has no date"), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"].as_str().unwrap().contains("001_"))
        .unwrap()
        .clone();
    assert_eq!(d["date"], "2025-10-17");
    assert_eq!(d["date_source"], "override");
}

#[test]
fn json_contract_fields() {
    let o = run(&["check", "seeds/", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["version"], 2);
    let d = &json["documents"][0];
    assert_eq!(d["file"], "seeds/000_46ea3425667f3069.txt");
    assert_eq!(d["date"], "2025-11-08");
    assert_eq!(d["date_source"], "header");
    for f in json["findings"].as_array().unwrap() {
        for key in ["rule", "kind", "severity", "message", "subject", "claims", "passages"] {
            assert!(!f[key].is_null(), "finding lacks {key}: {f}");
        }
        // The seeds' findings are within the default bound: all shown.
        let p = &f["passages"];
        assert_eq!(p["total"], p["shown"]);
        assert_eq!(p["shown"].as_u64().unwrap() as usize, f["claims"].as_array().unwrap().len());
        let grouped: u64 = p["groups"].as_array().unwrap().iter().map(|g| g["count"].as_u64().unwrap()).sum();
        assert_eq!(grouped, p["total"].as_u64().unwrap());
        for c in f["claims"].as_array().unwrap() {
            for key in ["file", "start", "end", "line", "column", "text", "predicate", "object", "polarity", "modality"]
            {
                assert!(!c[key].is_null(), "claim lacks {key}: {c}");
            }
            // start/end are byte offsets into the file on disk; text is that passage.
            let data = std::fs::read(root().join(c["file"].as_str().unwrap())).unwrap();
            let slice = &data[c["start"].as_u64().unwrap() as usize..c["end"].as_u64().unwrap() as usize];
            let words: Vec<&str> = std::str::from_utf8(slice).unwrap().split_whitespace().collect();
            assert_eq!(words.join(" "), c["text"].as_str().unwrap());
        }
    }
    let status =
        json["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "status-clash").expect("a status clash");
    assert_eq!(status["kind"], "exclusive");
    assert_eq!(status["severity"], "error");
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let a = run(&["check", "seeds/", "--format", "json"]);
    let b = run(&["check", "seeds/", "--format", "json"]);
    let one = factlint().args(["check", "seeds/", "--format", "json"]).env("RAYON_NUM_THREADS", "1").output().unwrap();
    let many = factlint().args(["check", "seeds/", "--format", "json"]).env("RAYON_NUM_THREADS", "8").output().unwrap();
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.stdout, one.stdout);
    assert_eq!(a.stdout, many.stdout);
    let h1 = run(&["check", "seeds/"]);
    let h2 = factlint().args(["check", "seeds/"]).env("RAYON_NUM_THREADS", "1").output().unwrap();
    assert_eq!(h1.stdout, h2.stdout);
}

#[test]
fn human_output_quotes_both_passages_with_locations_speakers_and_dates() {
    let o = run(&["check", "seeds/"]);
    let out = stdout(&o);
    assert!(out.contains("status-clash"), "{out}");
    assert!(out.contains("Budapest summit is on hold in one report and ongoing in another"), "{out}");
    assert!(out.contains("[seeds/004_3f76a94242f592a0.txt:7:"), "{out}");
    assert!(out.contains("said by Kirill Dmitriev"), "{out}");
    assert!(out.contains("holds 2025-10-21 (speech time \"late Tuesday\")"), "{out}");
    assert!(out.contains("help: on hold and ongoing cannot both hold"), "{out}");
    assert!(out.trim_end().ends_with("in 5 documents"), "{out}");
    // Not a terminal: no colour codes.
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn facts_command_shows_valid_time_and_its_origin() {
    let o = run(&["facts", "seeds/003_80f69956510c181e.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("status=ongoing"), "{out}");
    assert!(out.contains("valid: 2025-10-21 (speech time \"late Tuesday\")"), "{out}");
    assert!(out.contains("said by: Kirill Dmitriev"), "{out}");
    let j = run(&["facts", "seeds/003_80f69956510c181e.txt", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&j)).unwrap();
    assert!(v.as_array().unwrap().iter().any(|f| f["predicate"] == "status" && f["object"] == "on_hold"));
}
