//! The CI-gate and pre-publication features: output formats, --against,
//! suppressions, baselines, project config, exit codes.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Output;

/// A temp dir holding a copy of the launch corpus under `docs/`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).unwrap();
    for f in fs::read_dir(root().join("tests/fixtures/launch")).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, docs.join(f.file_name().unwrap())).unwrap();
    }
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    factlint().current_dir(dir).args(args).output().unwrap()
}

fn json_findings(o: &Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)));
    v["findings"].as_array().unwrap().clone()
}

fn rules_of(o: &Output) -> Vec<String> {
    json_findings(o).iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

// ---- formats -----------------------------------------------------------

#[test]
fn sarif_validates_against_the_official_schema() {
    let o = run(&["check", "seeds/", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("tests/fixtures/sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let rules: Vec<&str> =
        run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(rules.contains(&"status-clash") && rules.contains(&"weekday-date"), "{rules:?}");
    for r in results {
        let related = r["relatedLocations"].as_array().unwrap();
        assert!(!related.is_empty());
        // The message links to every related location.
        for l in related {
            assert!(r["message"]["text"].as_str().unwrap().contains(&format!("]({})", l["id"])));
        }
        assert_eq!(r["partialFingerprints"]["factlint/v1"].as_str().unwrap().len(), 32);
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("seeds/"), "{uri}");
    }
}

#[test]
fn github_annotations() {
    let o = run(&["check", "tests/fixtures/launch", "--no-local-rules", "--format", "github"]);
    let out = stdout(&o);
    for line in out.lines() {
        assert!(line.starts_with("::error file=") || line.starts_with("::warning file="), "{line}");
        assert!(line.contains(",line=") && line.contains(",endColumn=") && line.contains(",title="), "{line}");
        assert!(!line.contains('\n'));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn concise_lines() {
    let o = run(&["check", "tests/fixtures/launch", "--no-local-rules", "--format", "concise"]);
    let out = stdout(&o);
    let re = regex::Regex::new(r"^[^:]+:\d+:\d+: (error|warning)\[[a-z-]+\] .+$").unwrap();
    for line in out.lines() {
        assert!(re.is_match(line), "{line}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn several_formats_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("results.sarif");
    let spec = format!("sarif:{}", sarif.display());
    let o = run(&["check", "seeds/", "--format", "github", "--format", &spec]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("::"));
    let written: serde_json::Value = serde_json::from_str(&fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(written["version"], "2.1.0");
}

#[test]
fn statistics_count_per_rule() {
    let o = run(&["check", "seeds/", "--statistics"]);
    let out = stdout(&o);
    assert!(out.contains("1  status-clash"), "{out}");
    assert!(out.trim_end().ends_with("4  total"), "{out}");
}

#[test]
fn unknown_format_is_a_usage_error() {
    let o = run(&["check", "seeds/", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown format `xml`"));
}

// ---- pre-publication ---------------------------------------------------

#[test]
fn against_reports_only_findings_that_involve_the_draft() {
    let draft = "seeds/003_80f69956510c181e.txt";
    let o = run(&["check", draft, "--against", "seeds/", "--format", "json"]);
    let findings = json_findings(&o);
    assert!(!findings.is_empty());
    for f in &findings {
        let files: Vec<&str> = f["claims"].as_array().unwrap().iter().map(|c| c["file"].as_str().unwrap()).collect();
        assert_eq!(files[0], draft, "the draft's passage comes first: {files:?}");
        assert!(files.iter().any(|x| *x != draft) || f["rule"] == "status-clash", "{files:?}");
    }
    let rules: Vec<&str> = findings.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"status-clash") && rules.contains(&"name-spelling"), "{rules:?}");
    // Archive-only conflicts (quote drift between 001 and 002) are left out...
    assert!(!rules.contains(&"quote-drift"));
    // ...unless --all.
    let all = run(&["check", draft, "--against", "seeds/", "--all", "--format", "json"]);
    assert!(rules_of(&all).contains(&"quote-drift".to_string()));
}

#[test]
fn against_with_several_drafts() {
    let o = run(&[
        "check",
        "seeds/001_3ae1a21b16b637e7.txt",
        "seeds/002_50b89fdf07e30226.txt",
        "--against",
        "seeds/",
        "--format",
        "json",
    ]);
    let rules: Vec<String> = rules_of(&o);
    // The quote drift is between the two drafts; the status clash involves neither.
    assert!(rules.contains(&"quote-drift".to_string()), "{rules:?}");
    assert!(!rules.contains(&"status-clash".to_string()), "{rules:?}");
    for f in json_findings(&o) {
        let first = f["claims"][0]["file"].as_str().unwrap().to_string();
        assert!(first.contains("001_") || first.contains("002_"), "{first}");
    }
}

// ---- suppressions ------------------------------------------------------

#[test]
fn suppress_next_line_block_and_report_unused() {
    let ws = workspace();
    let docs = ws.path().join("docs");
    let a = docs.join("a_2025-03-06.txt");
    let text = fs::read_to_string(&a).unwrap();
    // Next line: the quote line of article A.
    let text =
        text.replace("OSLO — Norvik", "[factlint: disable-next-line quote-drift -- corrected in print]\nOSLO — Norvik");
    // A block around article A's date and characterisation paragraph, and one
    // suppression that matches nothing.
    let text = text.replace(
        "The Aster 7 launch in Oslo took place",
        "[factlint: disable event-date, characterisation-clash]\nThe Aster 7 launch in Oslo took place",
    );
    let text = text.replace("Preparations for the Aster 7", "[factlint: enable event-date, characterisation-clash]\n[factlint: disable-next-line status-clash]\nPreparations for the Aster 7");
    fs::write(&a, text).unwrap();
    let o = run_in(ws.path(), &["check", "docs", "--no-local-rules", "--format", "json"]);
    let rules = rules_of(&o);
    assert!(!rules.contains(&"quote-drift".to_string()), "{rules:?}");
    assert!(!rules.contains(&"characterisation-clash".to_string()), "{rules:?}");
    assert!(rules.contains(&"unused-suppression".to_string()), "{rules:?}");
    let unused: Vec<serde_json::Value> =
        json_findings(&o).into_iter().filter(|f| f["rule"] == "unused-suppression").collect();
    assert_eq!(unused.len(), 1, "only the status-clash suppression is stale: {unused:?}");
    assert_eq!(unused[0]["severity"], "warning");
    // A suppression acts on its own passages only: the event date conflict
    // keeps article A's other passage ("unveiled ... on Wednesday, March
    // 4", outside the block) against article C's "March 5", so it is still
    // reported, without the suppressed passage.
    let date: Vec<serde_json::Value> = json_findings(&o).into_iter().filter(|f| f["rule"] == "event-date").collect();
    assert_eq!(date.len(), 1, "{rules:?}");
    let texts: Vec<&str> = date[0]["claims"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert!(!texts.iter().any(|t| t.contains("took place on March 4")), "{texts:?}");
}

#[test]
fn a_suppression_never_hides_a_conflict_between_other_articles() {
    let ws = workspace();
    let docs = ws.path().join("docs");
    // Article A suppresses event-date for its whole text; articles B and C
    // still disagree with each other on the launch date.
    let a = docs.join("a_2025-03-06.txt");
    let text = fs::read_to_string(&a).unwrap();
    fs::write(&a, format!("[factlint: disable event-date -- our date is right]\n{text}")).unwrap();
    let extra =
        " date 2025-03-11\n\nAster 7 recap\n\nThe Aster 7 launch in Oslo took place on March 7, the company said.\n";
    fs::write(docs.join("d_2025-03-11.txt"), extra).unwrap();
    let o = run_in(ws.path(), &["check", "docs", "--no-local-rules", "--format", "json"]);
    let date: Vec<serde_json::Value> = json_findings(&o).into_iter().filter(|f| f["rule"] == "event-date").collect();
    assert_eq!(date.len(), 1, "{}", stdout(&o));
    let files: Vec<&str> = date[0]["claims"].as_array().unwrap().iter().map(|c| c["file"].as_str().unwrap()).collect();
    assert!(files.iter().all(|f| !f.ends_with("a_2025-03-06.txt")), "{files:?}");
    // An unknown rule in a suppression is named as such.
    fs::write(&a, format!("[factlint: disable no-such-rule]\n{text}")).unwrap();
    let o = run_in(ws.path(), &["check", "docs", "--no-local-rules", "--format", "json"]);
    let unused: Vec<serde_json::Value> =
        json_findings(&o).into_iter().filter(|f| f["rule"] == "unused-suppression").collect();
    assert!(unused[0]["message"].as_str().unwrap().contains("unknown rule: no-such-rule"), "{unused:?}");
}

#[test]
fn markdown_comments_and_required_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let a = " date 2025-03-10\nThe rollout in Canada has been suspended, a spokesperson said on Monday.\n";
    let b = " date 2025-03-10\n<!-- factlint-disable-next-line status-clash -->\nThe rollout in Canada is on track, the carrier said on Monday.\n";
    fs::write(dir.path().join("a.md"), a).unwrap();
    fs::write(dir.path().join("b.md"), b).unwrap();
    let o = run_in(dir.path(), &["check", ".", "--no-local-rules", "--no-config", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(json_findings(&o).is_empty());
    let o =
        run_in(dir.path(), &["check", ".", "--no-local-rules", "--no-config", "--format", "json", "--require-reason"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(rules_of(&o), ["suppression-reason"]);
}

// ---- baseline ----------------------------------------------------------

#[test]
fn baseline_silences_known_findings_and_catches_new_ones() {
    let ws = workspace();
    let base = ws.path().join("factlint-baseline.json");
    let o = run_in(
        ws.path(),
        &["check", "docs", "--no-local-rules", "--write-baseline", base.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let b: serde_json::Value = serde_json::from_str(&fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(b["findings"].as_array().unwrap().len(), 8);
    let args = ["check", "docs", "--no-local-rules", "--baseline", base.to_str().unwrap(), "--format", "json"];
    // Everything known: silent, exit 0.
    let o = run_in(ws.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(json_findings(&o).is_empty());
    // A paragraph inserted at the top of a file moves every offset: still silent.
    let c = ws.path().join("docs/c_2025-03-10.txt");
    let text = fs::read_to_string(&c).unwrap().replacen(
        "\n",
        "\nAn editor's note was added here. It says nothing new.\n\n",
        1,
    );
    fs::write(&c, text).unwrap();
    let o = run_in(ws.path(), &args);
    assert!(json_findings(&o).is_empty(), "{}", stdout(&o));
    // Fix one status conflict and add another of the same rule in the same file: caught.
    let text = fs::read_to_string(&c)
        .unwrap()
        .replace("the Aster 7 rollout in Canada is on track", "the Aster 7 rollout in Canada is going well")
        + "\nThe Lumen tablet launch in Berlin is on track, Maplenet said on Monday.\n";
    fs::write(&c, text).unwrap();
    fs::write(
        ws.path().join("docs/e_2025-03-10.txt"),
        " date 2025-03-10\nThe Lumen tablet launch in Berlin has been suspended, the shop said on Monday.\n",
    )
    .unwrap();
    let o = run_in(ws.path(), &args);
    assert_eq!(o.status.code(), Some(1));
    let new = json_findings(&o);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0]["rule"], "status-clash");
    assert!(new[0]["message"].as_str().unwrap().contains("Lumen"));
    // Prune: the fixed finding's entry goes.
    let mut prune = args.to_vec();
    prune.push("--prune-baseline");
    run_in(ws.path(), &prune);
    let b: serde_json::Value = serde_json::from_str(&fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(b["findings"].as_array().unwrap().len(), 7);
}

#[test]
fn unreadable_baseline_is_an_error() {
    let o = run(&["check", "seeds/", "--baseline", "no-such-baseline.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read baseline"));
}

// ---- config ------------------------------------------------------------

#[test]
fn config_is_discovered_walking_up_and_applied() {
    let ws = workspace();
    fs::write(
        ws.path().join("factlint.yaml"),
        "local_rules: false\ndisable: [quote-drift]\nseverity: {name-spelling: error}\nignore: [\"docs/d_*.txt\"]\n",
    )
    .unwrap();
    let sub = ws.path().join("docs");
    let o = run_in(&sub, &["check", ".", "--format", "json"]);
    let findings = json_findings(&o);
    let rules: Vec<&str> = findings.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(!rules.contains(&"quote-drift"), "{rules:?}");
    let spelling = findings.iter().find(|f| f["rule"] == "name-spelling").unwrap();
    assert_eq!(spelling["severity"], "error");
    // d_2025-03-11.txt is ignored: the negation conflict needs it.
    assert!(!rules.contains(&"status-negation"), "{rules:?}");
    // --no-config brings them back.
    let o = run_in(&sub, &["check", ".", "--format", "json", "--no-config", "--no-local-rules"]);
    assert!(rules_of(&o).contains(&"quote-drift".to_string()));
}

#[test]
fn config_dates_date_a_document() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "The talks in Oslo were suspended on Friday, officials said.\n").unwrap();
    fs::write(dir.path().join(".factlint.yaml"), "dates: {a.txt: 2025-03-10}\n").unwrap();
    let o = run_in(dir.path(), &["check", "a.txt", "--format", "json", "--no-local-rules"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["documents"][0]["date"], "2025-03-10");
    assert_eq!(v["documents"][0]["date_source"], "override");
}

#[test]
fn config_errors_point_into_the_config() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Text.\n").unwrap();
    fs::write(dir.path().join("factlint.yaml"), "disable: [quote-drift]\nseverty: {a: error}\n").unwrap();
    let o = run_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("unknown field `severty`") && err.contains("factlint.yaml:2:1"), "{err}");
    fs::write(dir.path().join("factlint.yaml"), "disable: [quote-drift, status-clsh]\n").unwrap();
    let o = run_in(dir.path(), &["check", "a.txt"]);
    let err = stderr(&o);
    assert!(err.contains("unknown rule `status-clsh`") && err.contains("factlint.yaml:1:24"), "{err}");
    assert!(err.contains("known rules:"), "{err}");
    // --config names a file explicitly.
    let o = run(&["check", "seeds/", "--config", dir.path().join("factlint.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

// ---- exit codes --------------------------------------------------------

#[test]
fn exit_codes_follow_fail_on_and_max_warnings() {
    // The seeds have one error and three warnings.
    assert_eq!(run(&["check", "seeds/", "--format", "json"]).status.code(), Some(1));
    assert_eq!(run(&["check", "seeds/", "--format", "json", "--fail-on", "never"]).status.code(), Some(0));
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("factlint.yaml"), "disable: [status-clash]\n").unwrap();
    let cfg = dir.path().join("factlint.yaml");
    let warn_only = |extra: &[&str]| {
        let mut a = vec!["check", "seeds/", "--format", "json", "--config", cfg.to_str().unwrap()];
        a.extend_from_slice(extra);
        run(&a).status.code()
    };
    assert_eq!(warn_only(&[]), Some(0));
    assert_eq!(warn_only(&["--fail-on", "warning"]), Some(1));
    assert_eq!(warn_only(&["--max-warnings", "3"]), Some(0));
    assert_eq!(warn_only(&["--max-warnings", "2"]), Some(1));
}

// ---- rules and explain -------------------------------------------------

#[test]
fn rules_and_explain() {
    let o = run(&["rules"]);
    let out = stdout(&o);
    for id in [
        "status-clash",
        "status-negation",
        "characterisation-clash",
        "event-date",
        "quote-drift",
        "name-spelling",
        "weekday-date",
    ] {
        assert!(out.contains(id), "{out}");
    }
    let o = run(&["explain", "status-clash"]);
    let out = stdout(&o);
    assert!(
        out.contains("**What it finds**")
            && out.contains("**Example**")
            && out.contains("Exclusive: on_hold / ongoing"),
        "{out}"
    );
    let o = run(&["explain", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("known rules:"));
}
