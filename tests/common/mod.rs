//! Helpers for the binary tests: run factlint, and score a JSON report
//! against a gold file exactly as ../shared/eval/score.py does.
#![allow(dead_code)]

use serde_yaml::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn factlint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factlint"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("NO_COLOR");
    c
}

pub fn run(args: &[&str]) -> Output {
    factlint().args(args).output().expect("factlint runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Check `docs` (file name, text) with the built-in pack alone, from a
/// folder of their own; the findings of `rule`, each as its passages' text.
pub fn findings_of(docs: &[(&str, &str)], rule: &str) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, text) in docs {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let o = factlint().current_dir(dir.path()).args(["check", "corpus", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["claims"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect())
        .collect()
}

/// A dated article: ` date DAY`, a headline, then `body`.
pub fn dated(day: &str, body: &str) -> String {
    format!(" date {day}\n\nHeadline\n\n{body}\n")
}

#[derive(Debug, Default)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub near_miss_fp: usize,
    pub neutral: usize,
    pub gold: usize,
    pub missed: Vec<String>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            (self.gold - self.missed.len()) as f64 / self.gold as f64
        }
    }
}

type Range = (String, usize, usize);

struct Item {
    id: String,
    kind: String,
    cross: bool,
    a: Vec<Range>,
    b: Vec<Range>,
}

fn sides(v: &Value, root: &Path) -> Vec<Range> {
    let list: Vec<&Value> = match v {
        Value::Sequence(s) => s.iter().collect(),
        other => vec![other],
    };
    let mut out = Vec::new();
    for q in list {
        let file = q["file"].as_str().unwrap();
        let quote = q["quote"].as_str().unwrap();
        let data = std::fs::read(root.join(file)).unwrap();
        let needle = quote.as_bytes();
        let mut found = false;
        for i in 0..data.len().saturating_sub(needle.len() - 1) {
            if &data[i..i + needle.len()] == needle {
                let base = Path::new(file).file_name().unwrap().to_string_lossy().into_owned();
                out.push((base, i, i + needle.len()));
                found = true;
            }
        }
        assert!(found, "quote not found in {file}: {quote:?}");
    }
    out
}

fn items(v: &Value, root: &Path) -> Vec<Item> {
    v.as_sequence()
        .map(|s| {
            s.iter()
                .map(|i| Item {
                    id: i["id"].as_str().unwrap_or("").to_string(),
                    kind: i["kind"].as_str().unwrap_or("").to_string(),
                    cross: i["cross_document"].as_bool().unwrap_or(false),
                    a: sides(&i["a"], root),
                    b: sides(&i["b"], root),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn overlaps(c: &Range, ranges: &[Range]) -> bool {
    ranges.iter().any(|(f, s, e)| *f == c.0 && c.1 < *e && *s < c.2)
}

fn hits(claims: &[Range], item: &Item) -> bool {
    if claims.len() == 1 {
        let c = &claims[0];
        if item.kind == "weekday" {
            return overlaps(c, &item.a) || overlaps(c, &item.b);
        }
        return overlaps(c, &item.a) && overlaps(c, &item.b);
    }
    for (i, ci) in claims.iter().enumerate() {
        for (j, cj) in claims.iter().enumerate() {
            if i == j || (item.cross && ci.0 == cj.0) {
                continue;
            }
            if overlaps(ci, &item.a) && overlaps(cj, &item.b) {
                return true;
            }
        }
    }
    false
}

/// Score a `--format json` report; claim files are matched by base name
/// relative to `root`.
pub fn score(gold: &Path, report: &str, root: &Path) -> Score {
    let g: Value = serde_yaml::from_str(&std::fs::read_to_string(gold).unwrap()).unwrap();
    let r: serde_json::Value = serde_json::from_str(report).expect("report is JSON");
    let mut conflicts = Vec::new();
    let mut optional = Vec::new();
    let mut near = Vec::new();
    for (_, story) in g["stories"].as_mapping().unwrap() {
        conflicts.extend(items(&story["conflicts"], root));
        optional.extend(items(&story["optional"], root));
        near.extend(items(&story["near_misses"], root));
    }
    let mut s = Score { gold: conflicts.len(), ..Default::default() };
    let mut found = std::collections::BTreeSet::new();
    for f in r["findings"].as_array().unwrap() {
        if !matches!(f["severity"].as_str(), Some("error" | "warning")) {
            continue;
        }
        let claims: Vec<Range> = f["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let file = Path::new(c["file"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned();
                (file, c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize)
            })
            .collect();
        let hit: Vec<&Item> = conflicts.iter().filter(|c| hits(&claims, c)).collect();
        if !hit.is_empty() {
            s.tp += 1;
            found.extend(hit.iter().map(|c| c.id.clone()));
        } else if optional.iter().any(|c| hits(&claims, c)) {
            s.neutral += 1;
        } else {
            s.fp += 1;
            if near.iter().any(|c| hits(&claims, c)) {
                s.near_miss_fp += 1;
            }
        }
    }
    s.missed = conflicts.iter().filter(|c| !found.contains(&c.id)).map(|c| c.id.clone()).collect();
    s
}
