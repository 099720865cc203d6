//! Bad input: each gives one clear message naming the file (and line and
//! column for YAML), the other documents are still checked, and nothing
//! panics (a panic would exit 101).

mod common;
use common::*;
use std::fs;

fn corpus_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in fs::read_dir(root().join("tests/fixtures/launch")).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

fn check_dir(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", dir.to_str().unwrap(), "--no-local-rules", "--format", "json"];
    args.extend_from_slice(extra);
    run(&args)
}

fn findings(o: &std::process::Output) -> usize {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("JSON on stdout even with bad input");
    v["findings"].as_array().unwrap().len()
}

#[test]
fn non_utf8_file_is_named_and_skipped() {
    let dir = corpus_with("latin1.txt", b"Caf\xe9 au lait. The launch was a success.\n");
    let o = check_dir(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("latin1.txt: not valid UTF-8 (first bad byte at offset 3)"), "{err}");
    assert!(err.contains("iconv"), "{err}");
    assert!(findings(&o) >= 7, "the other documents were still checked");
}

#[test]
fn binary_file_is_named_and_skipped() {
    let dir = corpus_with("blob.txt", b"\x00\x01\x02binary");
    let o = check_dir(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("blob.txt: binary file"), "{}", stderr(&o));
    assert!(findings(&o) >= 7);
}

#[test]
fn empty_file_is_a_warning() {
    let dir = corpus_with("empty.md", b"");
    let o = check_dir(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "findings at error, the empty file only warns");
    assert!(stderr(&o).contains("empty.md: empty document: nothing to check"), "{}", stderr(&o));
    assert!(findings(&o) >= 7);
}

#[test]
fn folder_with_no_documents() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.pdf"), b"%PDF").unwrap();
    let o = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no documents in this folder"), "{}", stderr(&o));
}

#[test]
fn missing_path() {
    let o = run(&["check", "no/such/place", "tests/fixtures/launch", "--no-local-rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/place: no such file or folder"));
    assert!(findings(&o) >= 7);
}

fn rules_error(yaml: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pack.yaml");
    fs::write(&p, yaml).unwrap();
    let o = run(&["check", "tests/fixtures/launch", "--no-local-rules", "--rules", p.to_str().unwrap()]);
    (o.status.code().unwrap_or(-1), stderr(&o))
}

#[test]
fn yaml_key_typo_points_at_line_and_column() {
    let (code, err) = rules_error("pack: typo\nconflicts:\n  - id: x\n    kind: exclusive\n    severty: error\n");
    assert_eq!(code, 2);
    assert!(err.contains("unknown field `severty`"), "{err}");
    assert!(err.contains("pack.yaml:5:5"), "{err}");
    assert!(err.contains("check the spelling of the key"), "{err}");
}

#[test]
fn rule_naming_unknown_predicate_points_at_it() {
    let (code, err) = rules_error("pack: bad\nconflicts:\n  - id: x\n    kind: exclusive\n    severity: error\n    predicate: staus\n    pairs: [[a, b]]\n");
    assert_eq!(code, 2);
    assert!(err.contains("rule `x` names unknown predicate `staus`"), "{err}");
    assert!(err.contains("pack.yaml:6:16"), "{err}");
    assert!(err.contains("known predicates: act, born, characterisation, count, date, place, status"), "{err}");
}

#[test]
fn bad_regex_and_empty_pattern_point_at_them() {
    let (code, err) = rules_error("pack: re\nlanguage:\n  boilerplate: [\"(unclosed\"]\n");
    assert_eq!(code, 2);
    assert!(err.contains("regex does not compile"), "{err}");
    assert!(err.contains("pack.yaml:3:17"), "{err}");
    let (code, err) = rules_error("pack: e\npredicates:\n  status:\n    values:\n      on_hold: [\"\"]\n");
    assert_eq!(code, 2);
    assert!(err.contains("empty pattern"), "{err}");
    assert!(err.contains("pack.yaml:5:17"), "{err}");
}

#[test]
fn no_paths_is_a_usage_error() {
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("give at least one file or folder"));
}

#[test]
fn a_sentence_of_sixty_thousand_articles_does_not_stop_the_run() {
    // Once a stack overflow in the time parser ("the the the ..."): exit
    // 134 and no report for the other documents.
    let text = format!(" date 2025-01-01\n\n{}.\n", vec!["the"; 60_000].join(" "));
    let dir = corpus_with("the.txt", text.as_bytes());
    let o = check_dir(dir.path(), &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{:?} {}", o.status, stderr(&o));
    assert!(findings(&o) > 0, "the launch fixtures are still checked");
}

#[test]
fn thousands_of_speech_verbs_and_times_in_one_sentence_stay_linear() {
    // Once quadratic: every time expression scanned every speech verb of
    // its sentence and every speech verb re-read the clause before it
    // (30,000 "said Friday": 52 s with optimisations).
    let text = format!(" date 2025-01-01\n\n{}.\n", vec!["said Friday"; 30_000].join(" "));
    let dir = corpus_with("said.txt", text.as_bytes());
    let started = std::time::Instant::now();
    let o = check_dir(dir.path(), &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{:?} {}", o.status, stderr(&o));
    // Generous for an unoptimised test build on a busy machine.
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn thousands_of_counts_of_one_frame_in_one_document_stay_bounded() {
    // Every pair of counts of one frame in one document was compared, each
    // pair scanning the text between: 20,000 lines "The storm damaged N
    // houses in the valley." ran for minutes. Now one pass finds the
    // sentence ends and a frame's pairs are bounded.
    let lines: Vec<String> =
        (0..20_000).map(|i| format!("The storm damaged {} houses in the valley.", i + 2)).collect();
    let text = format!(" date 2025-01-01\n\nStorm report.\n\n{}\n", lines.join("\n"));
    let dir = corpus_with("storm.txt", text.as_bytes());
    let started = std::time::Instant::now();
    let o = check_dir(dir.path(), &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{:?} {}", o.status, stderr(&o));
    assert!(stdout(&o).contains("count-mismatch"), "the counts still conflict");
    // Generous for an unoptimised test build on a busy machine.
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

#[test]
fn a_failed_write_of_the_report_is_an_error() {
    // `> /dev/full`: once exit 1 or 0 with the report lost without a word.
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else { return };
    let o = factlint()
        .args(["check", root().join("tests/fixtures/launch").to_str().unwrap(), "--format", "json"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write the report to standard output"), "{}", stderr(&o));
    // A report file in a folder that does not exist: exit 2, nothing left.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/report.json");
    let spec = format!("json:{}", target.display());
    let o = run(&["check", root().join("tests/fixtures/launch").to_str().unwrap(), "--format", &spec]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert!(!target.exists());
}

#[cfg(unix)]
#[test]
fn odd_paths_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink("nowhere.txt", d.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("loop2", d.join("loop1")).unwrap();
    std::os::unix::fs::symlink("loop1", d.join("loop2")).unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(d.join("fifo.txt")).status();
    for (name, says) in [
        ("dangling.txt", "a symbolic link to nothing"),
        ("loop1", "symbolic links"),
        ("missing.txt", "no such file or folder"),
        ("fifo.txt", "not a regular file"),
    ] {
        if name == "fifo.txt" && !fifo.as_ref().is_ok_and(|s| s.success()) {
            continue;
        }
        let o = run(&["check", d.join(name).to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stderr(&o).contains(says), "{name}: {}", stderr(&o));
    }
}

#[test]
fn a_newline_in_a_file_name_keeps_one_finding_per_line() {
    let dir = corpus_with("x.txt", b" date 2025-01-01\n\nHead\n\nNothing here.\n");
    let a = dir.path().join("a_2025-03-06.txt");
    let odd = dir.path().join("a\nb #?%.txt");
    fs::rename(&a, &odd).unwrap();
    let o = run(&["check", dir.path().to_str().unwrap(), "--no-local-rules", "--format", "concise"]);
    for line in stdout(&o).lines() {
        assert!(line.contains(": error[") || line.contains(": warning["), "{line}");
    }
    let o = run(&["check", dir.path().to_str().unwrap(), "--no-local-rules", "--format", "sarif"]);
    assert!(stdout(&o).contains("a%0Ab%20%23%3F%25.txt"), "{}", stdout(&o));
}

#[test]
fn a_document_larger_than_any_article_is_skipped_with_a_warning() {
    let big = format!(" date 2025-01-01\n\n{}\n", "The talks were called off on Monday. ".repeat(300_000));
    let dir = corpus_with("huge.txt", big.as_bytes());
    let o = check_dir(dir.path(), &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "a warning, not an error: {}", stderr(&o));
    assert!(stderr(&o).contains("more than a news article"), "{}", stderr(&o));
    assert!(findings(&o) > 0, "the other documents are checked");
}
