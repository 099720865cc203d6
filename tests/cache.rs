//! The fact cache seen from the command line: a second run reads the
//! facts instead of extracting them and reports byte for byte the same; a
//! changed document is extracted again; a damaged or foreign cache file is
//! said and rebuilt; runs that share a cache at the same time neither fail
//! nor corrupt it.

mod common;
use common::*;
use std::path::Path;

fn check(dir: &Path, cache: &Path) -> std::process::Output {
    factlint()
        .args(["check", dir.to_str().unwrap(), "--format", "json", "--cache", cache.to_str().unwrap()])
        .output()
        .unwrap()
}

fn uncached(dir: &Path) -> String {
    stdout(&factlint().args(["check", dir.to_str().unwrap(), "--format", "json", "--no-cache"]).output().unwrap())
}

fn entries(cache: &Path) -> i64 {
    let c = rusqlite::Connection::open(cache.join(factlint::cache::file_name())).unwrap();
    c.query_row("SELECT count(*) FROM facts", [], |r| r.get(0)).unwrap()
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(root().join("seeds")).unwrap().flatten() {
        std::fs::copy(f.path(), dir.path().join(f.file_name())).unwrap();
    }
    // Counts, measures and shares read from the parse: every kind of
    // quantity the cache stores.
    std::fs::write(
        dir.path().join("counts.txt"),
        " date 2025-03-04\n\nTwelve people were injured when the Harbour Line train derailed near \
         Calder, police said. Ann Lee bought a 10-inch knife. The Calder Trust bought a 5% stake in the \
         line for $117 million.\n",
    )
    .unwrap();
    dir
}

/// How many documents a run read from the cache, as it says on standard
/// error with FACTLINT_TIMINGS set.
fn hits(dir: &Path, cache: &Path) -> (usize, usize) {
    let out = factlint()
        .env("FACTLINT_TIMINGS", "1")
        .args(["check", dir.to_str().unwrap(), "--format", "json", "--cache", cache.to_str().unwrap()])
        .output()
        .unwrap();
    let err = stderr(&out);
    let line = err.lines().find(|l| l.starts_with("factlint: cache ")).unwrap_or_else(|| panic!("{err}"));
    let n: Vec<usize> = line.split(' ').filter_map(|w| w.parse().ok()).collect();
    (n[0], n[1])
}

#[test]
fn every_document_of_an_unchanged_corpus_comes_from_the_cache() {
    let docs = corpus();
    let cache = tempfile::tempdir().unwrap();
    let n = std::fs::read_dir(docs.path()).unwrap().count();
    assert_eq!(hits(docs.path(), cache.path()), (0, n));
    // (Every document's facts decode: a stored value that did not read
    // back, as one with a quantity once did, would be a miss every time.)
    assert_eq!(hits(docs.path(), cache.path()), (n, n));
    let victim = docs.path().join("counts.txt");
    let text = std::fs::read_to_string(&victim).unwrap();
    std::fs::write(&victim, text.replace("Twelve", "Fourteen")).unwrap();
    assert_eq!(hits(docs.path(), cache.path()), (n - 1, n), "only the edited document is extracted again");
}

#[test]
fn second_run_reads_the_cache_and_reports_the_same() {
    let docs = corpus();
    let cache = tempfile::tempdir().unwrap();
    let first = check(docs.path(), cache.path());
    let n = std::fs::read_dir(docs.path()).unwrap().count() as i64;
    assert_eq!(entries(cache.path()), n, "one entry per document");
    let second = check(docs.path(), cache.path());
    assert_eq!(stdout(&first), stdout(&second));
    assert_eq!(first.status.code(), second.status.code());
    assert_eq!(stdout(&second), uncached(docs.path()));
    assert!(!stderr(&second).contains("fact cache"), "{}", stderr(&second));

    // One document changed: one new entry, and its findings follow the text.
    let victim = std::fs::read_dir(docs.path()).unwrap().flatten().map(|e| e.path()).min().unwrap();
    let text = std::fs::read_to_string(&victim).unwrap();
    std::fs::write(&victim, text.replace("Lavrov", "Lavroff")).unwrap();
    let third = check(docs.path(), cache.path());
    assert_eq!(entries(cache.path()), n + 1);
    assert_eq!(stdout(&third), uncached(docs.path()));
    assert_ne!(stdout(&third), stdout(&first));
}

#[test]
fn a_damaged_or_foreign_cache_is_said_and_rebuilt() {
    let docs = corpus();
    let expected = uncached(docs.path());
    for bad in [&b"not a database at all"[..], b"SQLite format 3\0\x10\0\x01\x01\0@  \0\0\0\x02"] {
        let cache = tempfile::tempdir().unwrap();
        std::fs::write(cache.path().join(factlint::cache::file_name()), bad).unwrap();
        let o = check(docs.path(), cache.path());
        assert_eq!(stdout(&o), expected);
        let err = stderr(&o);
        assert!(err.contains("fact cache") && err.contains("rebuilt"), "{err}");
        // Rebuilt: the next run uses it quietly.
        let again = check(docs.path(), cache.path());
        assert_eq!(stdout(&again), expected);
        assert!(!stderr(&again).contains("fact cache"), "{}", stderr(&again));
    }
    // A folder that cannot hold a cache: checked without one.
    let file = tempfile::NamedTempFile::new().unwrap();
    let o = check(docs.path(), file.path());
    assert_eq!(stdout(&o), expected);
    assert!(stderr(&o).contains("checked without the cache"), "{}", stderr(&o));
}

#[test]
fn runs_sharing_a_cache_at_once_agree_and_leave_it_sound() {
    let docs = corpus();
    let expected = uncached(docs.path());
    let cache = tempfile::tempdir().unwrap();
    let runs: Vec<_> = (0..6)
        .map(|_| {
            factlint()
                .args(["check", docs.path().to_str().unwrap(), "--format", "json", "--cache"])
                .arg(cache.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for r in runs {
        let o = r.wait_with_output().unwrap();
        assert_eq!(stdout(&o), expected);
        assert!(!stderr(&o).contains("rebuilt"), "{}", stderr(&o));
    }
    let c = rusqlite::Connection::open(cache.path().join(factlint::cache::file_name())).unwrap();
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_second_pass_is_read_from_the_cache_only_under_the_same_denials() {
    // A denial in one report sends the other through the second pass; the
    // cache keeps that pass under the corpus's denials, so a corpus whose
    // denials change is read again, and reports as a run without a cache.
    let docs = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let a =
        " date 2025-03-04\n\nThe Harbour Authority approved the repairs to the sea wall on Monday, officials said.\n";
    let b =
        " date 2025-03-04\n\nThe Harbour Authority has not approved the repairs to the sea wall, a spokesman said.\n";
    std::fs::write(docs.path().join("a.txt"), a).unwrap();
    std::fs::write(docs.path().join("b.txt"), b).unwrap();
    let first = stdout(&check(docs.path(), cache.path()));
    assert!(first.contains("act-negation"), "{first}");
    assert_eq!(stdout(&check(docs.path(), cache.path())), first);
    // The denial withdrawn: no conflict, though a's second pass was kept.
    std::fs::write(docs.path().join("b.txt"), b.replace("has not approved", "has approved")).unwrap();
    let withdrawn = stdout(&check(docs.path(), cache.path()));
    assert!(!withdrawn.contains("act-negation"), "{withdrawn}");
    assert_eq!(withdrawn, uncached(docs.path()));
    // And back: the kept pass serves again, with the same findings.
    std::fs::write(docs.path().join("b.txt"), b).unwrap();
    assert_eq!(stdout(&check(docs.path(), cache.path())), first);
    assert_eq!(first, uncached(docs.path()));
}
