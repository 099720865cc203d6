//! Archives beyond one machine: shards extracted apart with `factlint
//! facts PATHS --format jsonl` (the map step) and checked together with
//! `factlint check --from-facts FILES...` (the reduce step) give, byte for
//! byte, the findings of one direct run; the reduce step takes the
//! extractions from the records, and extracts again a document changed
//! since its shard was mapped.

mod common;
use common::*;
use std::path::Path;

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    factlint().current_dir(dir).args(args).arg("--no-cache").output().unwrap()
}

/// A copy of the seeds with the project's packs, and the seeds' files
/// split into two shards.
fn setup() -> (tempfile::TempDir, Vec<String>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    let mut files = Vec::new();
    for (from, to) in [("seeds", "seeds"), ("rules", "rules")] {
        for f in std::fs::read_dir(root().join(from)).unwrap().flatten() {
            std::fs::copy(f.path(), dir.path().join(to).join(f.file_name())).unwrap();
            if from == "seeds" {
                files.push(format!("seeds/{}", f.file_name().to_string_lossy()));
            }
        }
    }
    files.sort();
    let b = files.split_off(2);
    (dir, files, b)
}

fn map(dir: &Path, files: &[String], out: &str) {
    let mut args = vec!["facts"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--format", "jsonl"]);
    let o = run_in(dir, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(dir.join(out), o.stdout).unwrap();
}

#[test]
fn two_shards_reduced_give_the_direct_run() {
    let (dir, a, b) = setup();
    map(dir.path(), &a, "a.jsonl");
    map(dir.path(), &b, "b.jsonl");
    let records = std::fs::read_to_string(dir.path().join("a.jsonl")).unwrap();
    assert_eq!(records.lines().filter(|l| l.starts_with("{\"record\":\"document\"")).count(), a.len());
    for format in ["json", "sarif", "human"] {
        let direct = run_in(dir.path(), &["check", "seeds", "--format", format]);
        // Shards in any order.
        let reduced = run_in(dir.path(), &["check", "--from-facts", "b.jsonl", "a.jsonl", "--format", format]);
        assert_eq!(stdout(&reduced), stdout(&direct), "{format}");
        assert_eq!(reduced.status.code(), direct.status.code());
        assert!(!stderr(&reduced).contains("changed since the map step"), "{}", stderr(&reduced));
    }
}

#[test]
fn the_reduce_step_uses_the_records_and_re_extracts_what_changed() {
    let (dir, a, b) = setup();
    map(dir.path(), &a, "a.jsonl");
    map(dir.path(), &b, "b.jsonl");
    let findings = |o: &std::process::Output| -> usize {
        let v: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
        v["findings"].as_array().unwrap().len()
    };
    let full = run_in(dir.path(), &["check", "--from-facts", "a.jsonl", "b.jsonl", "--format", "json"]);
    // Records whose claims were emptied: those findings go, so the claims
    // came from the records, not from extracting again.
    let emptied: String = std::fs::read_to_string(dir.path().join("b.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            if v["record"] == "document" {
                v["extraction"]["claims"] = serde_json::json!([]);
            }
            v.to_string() + "\n"
        })
        .collect();
    std::fs::write(dir.path().join("b-empty.jsonl"), emptied).unwrap();
    let fewer = run_in(dir.path(), &["check", "--from-facts", "a.jsonl", "b-empty.jsonl", "--format", "json"]);
    assert!(findings(&fewer) < findings(&full), "{} vs {}", findings(&fewer), findings(&full));
    // A document edited after the map step is read again, and said.
    let edited = dir.path().join(&b[0]);
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{text}\nOne more line.\n")).unwrap();
    let o = run_in(dir.path(), &["check", "--from-facts", "a.jsonl", "b-empty.jsonl", "--format", "json"]);
    assert!(stderr(&o).contains("changed since the map step"), "{}", stderr(&o));
    // Not a map-step file: a usage error naming the line.
    std::fs::write(dir.path().join("junk.jsonl"), "{\"record\": \"document\"}\n").unwrap();
    let o = run_in(dir.path(), &["check", "--from-facts", "junk.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("junk.jsonl:1"), "{}", stderr(&o));
}
