//! `factlint time`: one phrase, or every expression in a sentence.

mod common;
use common::*;

#[test]
fn one_phrase_as_json() {
    let o = run(&["time", "next week", "--reference", "2013-02-12T04:30", "--bias", "future", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"phrase": "next week", "start": "2013-02-18", "end": "2013-02-25", "grain": "week", "open": null})
    );
}

#[test]
fn open_interval() {
    let o = run(&["time", "since 2014", "--reference", "2013-02-12", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["open"], "after");
    assert_eq!(v["start"], "2014-01-01");
}

#[test]
fn not_understood_exits_1_with_nulls() {
    let o = run(&["time", "the blue moon", "--reference", "2013-02-12", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["start"].is_null() && v["grain"].is_null());
    assert!(stderr(&o).contains("not a time expression"));
}

#[test]
fn all_expressions_in_a_sentence_with_their_bias() {
    let text = "Peskov said on Thursday that the leaders will meet on Friday and again next week, as agreed in August.";
    let o = run(&["time", text, "--all", "--reference", "2025-10-18"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let texts: Vec<&str> = v.iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Thursday", "Friday", "next week", "August"]);
    // "said on Thursday" looks back; "will meet ... Friday" looks forward.
    assert_eq!(v[0]["start_date"], "2025-10-16");
    assert_eq!(v[0]["bias"], "past");
    assert_eq!(v[1]["bias"], "future");
    assert_eq!(v[1]["start_date"], "2025-10-24");
    assert_eq!(v[3]["start_date"], "2025-08-01");
    let s = v[2]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[s..v[2]["end"].as_u64().unwrap() as usize], "next week");
}
