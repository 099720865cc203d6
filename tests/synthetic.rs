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

#[test]
fn the_wire_corpus_plants_every_kind_and_each_is_found() {
    // 1,600 articles: 80 planted pairs, ten of each kind besides status
    // (no real-news padding here, so the articles are short).
    let dir = tempfile::tempdir().unwrap();
    let (_, planted) = synth::write_corpus_wire(dir.path(), 1600, 7, &[]);
    let rules = factlint::rules::load(&[]).unwrap();
    let (docs, problems) = factlint::pipeline::load_documents(&[dir.path().to_path_buf()], &Default::default());
    assert!(problems.is_empty());
    let a = factlint::pipeline::analyse(docs, problems, &rules);
    let cited = |rule: &str, file: &str| {
        a.findings.iter().any(|f| f.rule == rule && f.claims.iter().any(|c| a.docs[c.doc].path.ends_with(file)))
    };
    for (kind, rule) in synth::PLANTED_KINDS {
        let of_kind: Vec<&synth::Planted> = planted.iter().filter(|p| p.kind == kind).collect();
        let found = of_kind.iter().filter(|p| cited(rule, &p.file)).count();
        assert!(of_kind.len() >= 10, "{kind}: {} planted", of_kind.len());
        // Generated names are words no model has seen: a parse may fail on
        // one, so nine in ten is the bar (status, read from pack cues, all).
        let bar = if kind == "status" { of_kind.len() } else { of_kind.len() * 9 / 10 };
        let missed: Vec<&str> = of_kind.iter().filter(|p| !cited(rule, &p.file)).map(|p| p.file.as_str()).collect();
        assert!(found >= bar, "{kind}: {found} of {} planted conflicts found; missed {missed:?}", of_kind.len());
    }
}
