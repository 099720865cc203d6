//! The editor's engine (`factlint::workspace`) checks one document against
//! its neighbourhood in the archive, not the whole archive. Its findings
//! must be those a run on the whole corpus gives for that document: checked
//! here for every document of the seeds (with the project's packs) and of
//! the development set (built-in pack only), as an unchanged document and
//! as an edited one.

mod common;
use common::root;
use factlint::check::Finding;
use factlint::corpus::Document;
use factlint::workspace::Workspace;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A finding by its rule and passages (by path). The subject's display
/// name in the message is the most frequent one of the documents compared,
/// so it may read otherwise in a neighbourhood.
fn shape(docs: &[Document], f: &Finding) -> (String, BTreeSet<(String, usize, usize)>) {
    let passages = f.claims.iter().map(|c| (docs[c.doc].path.clone(), c.span.start, c.span.end)).collect();
    (f.rule.clone(), passages)
}

fn load(dir: &Path) -> Vec<Document> {
    let (docs, problems) = factlint::pipeline::load_documents(&[dir.to_path_buf()], &Default::default());
    assert!(problems.iter().all(|p| p.severity != factlint::corpus::ProblemSeverity::Error), "{problems:?}");
    docs
}

/// Every document checked alone against the others gives the findings the
/// whole run gives it. The number of findings compared.
fn same_as_whole_run(dir: &Path, packs: &[PathBuf]) -> usize {
    compare(load(dir), factlint::rules::load(packs).unwrap()).1
}

/// For every document: the neighbourhood check against the whole run's
/// findings that involve it. Documents compared, and findings compared.
fn compare(docs: Vec<Document>, rules: factlint::rules::RuleSet) -> (usize, usize) {
    let whole = factlint::pipeline::analyse(docs.clone(), Vec::new(), &rules);
    let known: Vec<&str> = rules.conflicts.iter().map(|c| c.id.as_str()).collect();
    let all = factlint::gate::suppress::apply(&whole.docs, whole.findings.clone(), false, &known);
    let ws = Workspace::new(docs.clone(), rules.clone(), &|| {});
    assert_eq!(ws.len(), docs.len());
    let mut compared = 0;
    for (i, d) in docs.iter().enumerate() {
        let expected: BTreeSet<_> =
            factlint::gate::against(all.clone(), &BTreeSet::from([i])).iter().map(|f| shape(&whole.docs, f)).collect();
        let got = ws.check(d.clone());
        let found: BTreeSet<_> = got.findings.iter().map(|f| shape(&got.docs, f)).collect();
        assert_eq!(found, expected, "{}: neighbourhood check differs from the whole run", d.path);
        compared += expected.len();
    }
    (docs.len(), compared)
}

#[test]
fn seeds_each_document_as_the_whole_run() {
    let packs = factlint::rules::packs_in_dir(&root().join("rules"));
    let n = same_as_whole_run(&root().join("seeds"), &packs);
    assert!(n >= 4, "the seeds' findings were compared ({n})");
}

#[test]
fn dev_set_each_document_as_the_whole_run() {
    let dev = root().join("../shared/eval/dev");
    if !dev.exists() {
        eprintln!("../shared/eval/dev is not beside the checkout: not compared");
        return;
    }
    let mut n = 0;
    for story in ["rail", "wildfire", "recall", "election"] {
        n += same_as_whole_run(&dev.join(story), &[]);
    }
    assert!(n >= 20, "the dev set's findings were compared ({n})");
}

#[test]
fn an_edit_replaces_the_document_and_a_removal_forgets_it() {
    let packs = factlint::rules::packs_in_dir(&root().join("rules"));
    let rules = factlint::rules::load(&packs).unwrap();
    let docs = load(&root().join("seeds"));
    let mut ws = Workspace::new(docs.clone(), rules, &|| {});
    let with = docs.iter().find(|d| !ws.check((*d).clone()).findings.is_empty()).expect("a seed with findings").clone();
    // The same path with none of its text: nothing of the old version is
    // left to conflict with.
    let blank = Document::from_text(&with.path, " date 2025-01-01\n\nNothing to see.\n".into(), None);
    assert!(ws.check(blank.clone()).findings.is_empty());
    // Replacing it in the archive: the other documents no longer meet it.
    ws.upsert(blank);
    let others: usize = docs.iter().filter(|d| d.path != with.path).map(|d| ws.check(d.clone()).findings.len()).sum();
    ws.upsert(with.clone());
    let again: usize = docs.iter().filter(|d| d.path != with.path).map(|d| ws.check(d.clone()).findings.len()).sum();
    assert!(again > others, "restoring the document brings its findings back ({others} -> {again})");
    ws.remove(&with.path);
    assert_eq!(ws.len(), docs.len() - 1);
    assert!(ws.document(&with.path).is_none());
}

/// The same on real news: each of the 982 ECB+ articles, against
/// the whole run. Slow in a debug build: `cargo test --release --test
/// workspace -- --ignored`.
#[test]
#[ignore]
fn ecb_news_each_document_as_the_whole_run() {
    let path = root().join("../shared/external/ecbplus_docs.jsonl");
    let Ok(text) = std::fs::read_to_string(path) else { return };
    let dir = tempfile::tempdir().unwrap();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let sub = dir.path().join(v["topic"].to_string());
        std::fs::create_dir_all(&sub).unwrap();
        let date = v["date"].as_str().map(|d| format!(" date {d}\n")).unwrap_or_default();
        let body = format!("{date}{}", v["text"].as_str().unwrap());
        std::fs::write(sub.join(format!("{}.txt", v["id"].as_str().unwrap())), body).unwrap();
    }
    let (compared, findings) = compare(load(dir.path()), factlint::rules::load(&[]).unwrap());
    assert_eq!(compared, 982);
    eprintln!("{compared} ECB+ articles compared, {findings} of their findings");
}
