//! The development set of ../shared/eval/dev (four stories in other
//! domains), built-in pack only, each story checked from an empty folder as
//! a user with no pack would: the score must not fall below what the engine
//! reaches today, and no proper name of those stories may be in the code or
//! the built-in pack (a word that only helps a known story is a defect).

mod common;
use common::*;
use std::path::PathBuf;

fn dev() -> Option<PathBuf> {
    let p = root().join("..").join("shared").join("eval").join("dev");
    p.join("GOLD.yaml").exists().then(|| p.canonicalize().unwrap())
}

#[test]
fn dev_set_score_holds() {
    let Some(dev) = dev() else {
        eprintln!("../shared/eval/dev is not beside the checkout: not measured");
        return;
    };
    let empty = tempfile::tempdir().unwrap();
    let mut findings = Vec::new();
    for story in ["rail", "wildfire", "recall", "election"] {
        let o = factlint()
            .current_dir(empty.path())
            .args(["check", dev.join(story).to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON report");
        findings.extend(v["findings"].as_array().unwrap().iter().cloned());
    }
    let report = serde_json::json!({ "findings": findings }).to_string();
    let s = score(&dev.join("GOLD.yaml"), &report, &dev);
    eprintln!("dev set: {s:?}");
    assert!(s.precision() >= 0.85, "{s:?}");
    // 23 of 32 today: quote, spelling and weekday slips (12), four status
    // clashes, three open negations, two characterisations, a count and
    // the date of a past act read from the parse.
    assert!(s.recall() >= 0.70, "{s:?}");
    assert!(s.near_miss_fp <= 3, "{s:?}");
}

#[test]
fn no_dev_story_name_in_code_or_pack() {
    let Some(dev) = dev() else { return };
    let names: Vec<String> = std::fs::read_to_string(dev.join("NAMES.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_lowercase())
        .collect();
    let mut files = Vec::new();
    for dir in ["src", "rules"] {
        let mut stack = vec![root().join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| matches!(x.to_str(), Some("rs" | "yaml" | "md"))) {
                    files.push(p);
                }
            }
        }
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap().to_lowercase();
        let words: std::collections::HashSet<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        for n in &names {
            let hit = if n.contains(' ') { text.contains(n.as_str()) } else { words.contains(n.as_str()) };
            assert!(!hit, "{} names {n:?}, a proper name of the development set", f.display());
        }
    }
}
