//! The command line as ruff and eslint users expect it: standard input,
//! rule selection, quiet and colour, machine-readable rule lists, one
//! format per stream, flags that need another flag, and saying why the
//! exit status is what it is.

mod common;
use common::*;
use std::io::Write;
use std::process::Stdio;

fn rules_in(o: &std::process::Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)));
    v["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_draft_on_standard_input_is_checked_against_an_archive() {
    let draft = std::fs::read_to_string(root().join("seeds/001_3ae1a21b16b637e7.txt")).unwrap();
    let mut child = factlint()
        .current_dir(root())
        .args(["check", "-", "--stdin-filename", "draft.txt", "--against", "seeds/002_50b89fdf07e30226.txt"])
        .args(["--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(draft.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["claims"].as_array().unwrap().iter().map(|c| c["file"].as_str().unwrap()))
        .collect();
    assert!(files.contains(&"draft.txt"), "{}", stdout(&o));
}

#[test]
fn select_and_ignore_rules_by_id() {
    let o = run(&["check", "seeds/", "--format", "json", "--select", "quote-drift"]);
    assert_eq!(rules_in(&o), ["quote-drift"]);
    let o = run(&["check", "seeds/", "--format", "json", "--ignore", "quote-drift,status-clash"]);
    let r = rules_in(&o);
    assert!(!r.is_empty() && !r.iter().any(|x| x == "quote-drift" || x == "status-clash"), "{r:?}");
    let o = run(&["check", "seeds/", "--select", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown rule `no-such-rule`"), "{}", stderr(&o));
}

#[test]
fn quiet_prints_the_findings_only_and_colour_can_be_forced() {
    let o = run(&["check", "seeds/", "--quiet"]);
    assert!(!stdout(&o).contains(" in 5 documents"), "{}", stdout(&o));
    assert!(!stderr(&o).contains("no date"), "{}", stderr(&o));
    let o = run(&["check", "seeds/", "--color", "always"]);
    assert!(stdout(&o).contains('\u{1b}'), "colour codes on a pipe when asked for");
    let o = run(&["check", "seeds/", "--color", "never"]);
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn rules_as_json_and_statistics_as_json() {
    let o = run(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.as_array().unwrap().iter().any(|r| r["id"] == "status-clash" && r["kind"] == "exclusive"));
    let o = run(&["check", "seeds/", "--statistics", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.as_array().unwrap().iter().any(|r| r["rule"] == "status-clash" && r["count"] == 1), "{v}");
}

#[test]
fn misused_flags_are_usage_errors() {
    for args in [
        &["check", "seeds/", "--format", "json", "--format", "sarif"][..],
        &["check", "seeds/", "--prune-baseline"],
        &["check", "seeds/", "--all"],
        &["check", "seeds/", "--config", "x.yaml", "--no-config"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn the_exit_status_says_why() {
    let o = run(&["check", "seeds/", "--fail-on", "never", "--max-warnings", "0", "--format", "concise"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("more than --max-warnings 0"), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), " date 2025-01-01\n\nHeadline\n\nHello there.\n").unwrap();
    let o = factlint().current_dir(dir.path()).args(["facts", "a.txt"]).output().unwrap();
    assert!(stderr(&o).contains("0 facts in 0 of 1 document"), "{}", stderr(&o));
}

#[test]
fn init_writes_a_commented_config_that_loads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let o = factlint().current_dir(dir.path()).args(["init"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("factlint.yaml")).unwrap();
    assert!(text.contains("# disable: [quote-drift]"), "{text}");
    std::fs::write(dir.path().join("a.txt"), " date 2025-01-01\n\nHead\n\nThe Norvik summit was called off.\n")
        .unwrap();
    let o = factlint().current_dir(dir.path()).args(["check", "a.txt"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Its keys, uncommented (but the pack path, which is an example), load too.
    let live: String = text
        .lines()
        .map(|l| {
            let key = l.strip_prefix("# ").and_then(|r| r.split_once(": ")).map(|(k, _)| k);
            let is_key = key.is_some_and(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            if is_key && !l.contains("rules/") {
                &l[2..]
            } else {
                l
            }
        })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("factlint.yaml"), &live).unwrap();
    let o = factlint().current_dir(dir.path()).args(["check", "a.txt"]).output().unwrap();
    assert!(matches!(o.status.code(), Some(0 | 1)), "{live}\n{}", stderr(&o));
    let o = factlint().current_dir(dir.path()).args(["init"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(dir.path().join("factlint.yaml")).unwrap(), live);
}

#[test]
fn flags_and_config_entries_without_effect_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), " date 2025-01-01\n\nHead\n\nThe Norvik summit was called off.\n").unwrap();
    std::fs::write(d.join("b.txt"), " date 2025-01-01\n\nHead\n\nThe Norvik summit is going ahead.\n").unwrap();
    std::fs::write(d.join("factlint.yaml"), "ignore: [\"b.txt\"]\ndates: {gone.txt: 2025-01-02}\n").unwrap();
    let o =
        factlint().current_dir(d).args(["check", "a.txt", "b.txt", "--date", "nope.txt=2025-01-01"]).output().unwrap();
    let err = stderr(&o);
    assert!(err.contains("the config's `ignore` skips it"), "{err}");
    assert!(err.contains("--date names a file that is not among the documents checked"), "{err}");
    let o = factlint().current_dir(d).args(["check", "."]).output().unwrap();
    assert!(stderr(&o).contains("`dates:` names a file that is not among the documents"), "{}", stderr(&o));
}

#[test]
fn stage_timings_on_request_only() {
    let stages = ["extract", "second pass", "resolve", "check"];
    let o = factlint()
        .args(["check", "seeds/", "--no-cache", "--format", "json"])
        .env("FACTLINT_TIMINGS", "1")
        .output()
        .expect("factlint runs");
    let err = stderr(&o);
    for stage in stages {
        let prefix = format!("factlint: timing {stage} ");
        let line = err.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| {
            panic!("no timing for {stage}: {err}");
        });
        // "factlint: timing extract 0.177 s (resident 66 MB)"
        let mut rest = line[prefix.len()..].split_whitespace();
        let secs: f64 = rest.next().and_then(|s| s.parse().ok()).expect("seconds");
        assert!((0.0..60.0).contains(&secs), "{line}");
        assert_eq!(rest.next(), Some("s"), "{line}");
        if cfg!(target_os = "linux") {
            assert_eq!(rest.next(), Some("(resident"), "{line}");
            let mb: f64 = rest.next().and_then(|s| s.parse().ok()).expect("megabytes");
            assert!(mb > 0.0 && rest.next() == Some("MB)"), "{line}");
        }
    }
    // The report itself is untouched, and without the variable nothing is said.
    let plain = factlint()
        .args(["check", "seeds/", "--no-cache", "--format", "json"])
        .env_remove("FACTLINT_TIMINGS")
        .output()
        .expect("factlint runs");
    assert_eq!(o.stdout, plain.stdout);
    assert!(!stderr(&plain).contains("timing"), "{}", stderr(&plain));
}

#[test]
fn a_streamed_report_file_holds_what_standard_output_gets() {
    // JSON and SARIF are written finding by finding, to a file as to
    // standard output: the same bytes, and a valid document.
    let dir = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    for format in ["json", "sarif"] {
        let file = dir.path().join(format!("report.{format}"));
        let spec = format!("{format}:{}", file.display());
        let to_file = run(&["check", seeds.to_str().unwrap(), "--no-cache", "--format", &spec]);
        assert!(to_file.status.code().is_some_and(|c| c < 2), "{}", stderr(&to_file));
        let to_stdout = run(&["check", seeds.to_str().unwrap(), "--no-cache", "--format", format]);
        let written = std::fs::read_to_string(&file).unwrap();
        assert_eq!(written, stdout(&to_stdout));
        let v: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert!(v.get("version").is_some() && written.ends_with("}\n"), "{format}");
    }
}
