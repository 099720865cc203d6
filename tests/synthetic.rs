//! The benchmark's generated corpus, small: every planted status conflict is
//! found, and status clashes appear nowhere else.

#[path = "../benches/common/synth.rs"]
mod synth;

#[test]
fn planted_conflicts_are_found_and_nothing_else_clashes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, planted) = synth::write_corpus(dir.path(), 400, 7);
    assert!(planted.len() >= 15, "{}", planted.len());
    let rules = factlint::rules::load(&[]).unwrap();
    let (docs, problems) = factlint::pipeline::load_documents(&[dir.path().to_path_buf()], &Default::default());
    assert!(problems.is_empty());
    let a = factlint::pipeline::analyse(docs, problems, &rules);
    let clashes: Vec<Vec<String>> = a
        .findings
        .iter()
        .filter(|f| f.rule == "status-clash")
        .map(|f| f.claims.iter().map(|c| a.docs[c.doc].path.rsplit('/').next().unwrap().to_string()).collect())
        .collect();
    for p in &planted {
        assert!(clashes.iter().any(|files| files.contains(p)), "planted conflict in {p} not found");
    }
    for files in &clashes {
        assert!(files.iter().any(|f| planted.contains(f)), "a status clash nobody planted: {files:?}");
    }
}
