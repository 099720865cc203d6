//! Benchmark of `check` end to end on a generated news corpus.
//!
//! `cargo bench --bench corpus` generates 1,000 and 10,000 articles
//! (benches/common/synth.rs, a fixed seed), then for each size runs, in a
//! fresh process so that peak memory is its own: read from disk, extract,
//! resolve, check, render JSON. It prints articles/s, MB/s, facts, findings
//! and peak RSS (VmHWM). `cargo bench --bench corpus -- 500 2000` picks sizes.
//!
//! The synthetic articles are short (0.9 KB) and dense in claims. For real
//! wire-length news, `cargo bench --bench corpus -- --news 5` writes the 982
//! ECB+ articles of `../shared/external/` (1.9 KB on average) five times
//! over, each copy its own folder, and runs the same measurement on them.
//! `cargo bench --bench corpus -- --wire 10000` brings each generated
//! article to wire length (2 to 4 KB, 3 on average) with paragraphs of the
//! ECB+ articles, as wire stories are: the figure to compare with the
//! archive-scale targets. Mind what both repeat: 10,000 wire articles
//! draw their padding from the same 982 articles, so each of their
//! paragraphs comes back about ten times, and `--news N` is the same
//! articles N times; the language model remembers the sentences it has
//! read (a repeat costs a lookup), so these runs are faster than as many
//! distinct articles would be. The 982 ECB+ articles once are the figure
//! for text that does not repeat. `--no-layer` runs the built-in pack without what
//! feeds the linguistic layer (open claims, parsed counts, dates and
//! states): what the layer costs end to end. The wire corpus plants
//! conflicts of every kind; the benchmark prints how many of each it found
//! (`--by-rule` adds the findings by rule). `--keep DIR` writes the
//! generated corpus to DIR and keeps it (one size at a time: DIR is read
//! whole).
//! `cargo bench --bench corpus -- --grow` checks one document of 1, 2, 4, 8
//! and 16 MB of those articles' text: its time must grow linearly.

#[path = "common/synth.rs"]
mod synth;

/// The allocator the factlint binary uses, so that time and memory are its.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// Writes the ECB+ articles `copies` times under `dir`; returns articles
/// and bytes, or `None` when the data set is not beside the checkout.
fn write_news(dir: &std::path::Path, copies: usize) -> Option<(usize, usize)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external/ecbplus_docs.jsonl");
    let text = std::fs::read_to_string(path).ok()?;
    let (mut n, mut bytes) = (0, 0);
    for copy in 0..copies {
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            let body = v["text"].as_str()?;
            let mut doc = String::new();
            if let Some(d) = v["date"].as_str() {
                doc.push_str(&format!(" date {d}\n"));
            }
            doc.push_str(body);
            let sub = dir.join(format!("{copy}/{}", v["topic"]));
            std::fs::create_dir_all(&sub).ok()?;
            std::fs::write(sub.join(format!("{}.txt", v["id"].as_str()?)), &doc).ok()?;
            n += 1;
            bytes += doc.len();
        }
    }
    Some((n, bytes))
}

/// The paragraphs of the ECB+ articles (for wire-length articles).
fn news_paragraphs() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external/ecbplus_docs.jsonl");
    let Ok(text) = std::fs::read_to_string(path) else { return Vec::new() };
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .flat_map(|t| t.split("\n").map(str::trim).filter(|p| p.len() > 80).map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// The options a run hands on to the fresh process of each size.
fn forwarded() -> Vec<String> {
    let mut out = Vec::new();
    for flag in ["--wire", "--no-layer", "--by-rule"] {
        if std::env::args().any(|a| a == flag) {
            out.push(flag.to_string());
        }
    }
    if let Some(k) = std::env::args().skip_while(|a| a != "--keep").nth(1) {
        out.extend(["--keep".into(), k]);
    }
    out
}

fn one(n: usize, news: bool) {
    let dir = tempfile::tempdir().unwrap();
    // `--keep DIR`: the generated corpus is written there and kept, to run
    // `factlint` on it by hand.
    let keep = std::env::args().skip_while(|a| a != "--keep").nth(1).map(std::path::PathBuf::from);
    let dir_path = keep.unwrap_or_else(|| dir.path().to_path_buf());
    let wire = std::env::args().any(|a| a == "--wire");
    let mut planted = Vec::new();
    let (n, bytes) = if wire {
        let (bytes, p) = synth::write_corpus_wire(&dir_path, n, 42, &news_paragraphs());
        planted = p;
        (n, bytes)
    } else if news {
        match write_news(&dir_path, n) {
            Some(x) => x,
            None => {
                eprintln!("../shared/external/ecbplus_docs.jsonl not found");
                return;
            }
        }
    } else {
        (n, synth::write_corpus(&dir_path, n, 42).0)
    };
    let mut rules = factlint::rules::load(&[]).unwrap();
    if std::env::args().any(|a| a == "--no-layer") {
        // The built-in pack without what feeds the linguistic layer: no
        // open predicate, no parsed counts or dates, no states read from
        // the parse. The model is then never loaded nor run.
        rules.predicates.retain(|_, p| p.value_type != factlint::rules::ValueType::Open);
        for p in rules.predicates.values_mut() {
            p.parsed_counts = false;
            p.parsed_dates = false;
            p.states.clear();
        }
    }
    let start = Instant::now();
    let (docs, problems) = factlint::pipeline::load_documents(std::slice::from_ref(&dir_path), &Default::default());
    let a = factlint::pipeline::analyse(docs, problems, &rules);
    let shown = factlint::report::passages::bound(&a.docs, &a.findings, factlint::report::passages::DEFAULT_MAX);
    let json = factlint::report::json::render(&a.docs, &shown);
    let secs = start.elapsed().as_secs_f64();
    let facts = a.facts.len();
    println!(
        "{n:>7} articles  {:>6.1} MB  {:>7.3} s  {:>9.0} articles/s  {:>6.1} MB/s  {:>7} facts  {:>5} findings  peak RSS {:>7.1} MB  ({} bytes JSON)",
        bytes as f64 / 1e6,
        secs,
        n as f64 / secs,
        bytes as f64 / 1e6 / secs,
        facts,
        a.findings.len(),
        peak_rss_mb(),
        json.len()
    );
    if !planted.is_empty() {
        // Recall of the planted conflicts, by kind: a planted conflict is
        // found when a finding of its rule cites its file.
        let mut by_kind: std::collections::BTreeMap<&str, (usize, usize)> = std::collections::BTreeMap::new();
        let docs = &a.docs;
        let cited: std::collections::HashSet<(&str, &str)> = a
            .findings
            .iter()
            .flat_map(|f| f.claims.iter().map(move |c| (f.rule.as_str(), docs[c.doc].path.as_str())))
            .collect();
        let cited_file = |rule: &str, file: &str| cited.iter().any(|(r, p)| *r == rule && p.ends_with(file));
        for p in &planted {
            let e = by_kind.entry(p.kind).or_default();
            e.0 += 1;
            e.1 += usize::from(cited_file(p.rule, &p.file));
        }
        let line: Vec<String> = synth::PLANTED_KINDS
            .iter()
            .filter_map(|(k, _)| by_kind.get(k).map(|(n, f)| format!("{k} {f}/{n}")))
            .collect();
        println!("         planted conflicts found: {}", line.join(", "));
        if std::env::args().any(|a| a == "--by-rule") {
            let mut rules: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
            for f in &a.findings {
                *rules.entry(f.rule.as_str()).or_default() += 1;
            }
            println!("         findings by rule: {rules:?}");
        }
    }
}

/// One document of `mb` megabytes of real news paragraphs (the ECB+
/// articles one after another, over and over), checked alone: the time of
/// one huge document, which must grow linearly (`--grow`).
fn grow_one(mb: usize) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external/ecbplus_docs.jsonl");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("../shared/external/ecbplus_docs.jsonl not found");
        return;
    };
    let bodies: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let mut doc = String::from(" date 2013-01-01\n\nOne long document\n\n");
    'fill: loop {
        for b in &bodies {
            doc.push_str(b);
            doc.push_str("\n\n");
            if doc.len() >= mb << 20 {
                break 'fill;
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("long.txt"), &doc).unwrap();
    let rules = factlint::rules::load(&[]).unwrap();
    let start = Instant::now();
    let (docs, problems) = factlint::pipeline::load_documents(&[dir.path().to_path_buf()], &Default::default());
    let a = factlint::pipeline::analyse(docs, problems, &rules);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{mb:>3} MB document  {secs:>7.2} s  {:>6.2} s/MB  {:>7} facts  {:>5} findings  peak RSS {:>7.1} MB",
        secs / mb as f64,
        a.facts.len(),
        a.findings.len(),
        peak_rss_mb()
    );
}

fn main() {
    factlint::pipeline::batch_memory();
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let news = std::env::args().any(|a| a == "--news");
    if let Some(pos) = std::env::args().position(|a| a == "--grow-one") {
        grow_one(std::env::args().nth(pos + 1).and_then(|s| s.parse().ok()).unwrap_or(1));
        return;
    }
    if std::env::args().any(|a| a == "--grow") {
        // One document of 1, 2, 4, 8 and 16 MB, each in a fresh process.
        for mb in [1, 2, 4, 8, 16] {
            let status = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--grow-one", &mb.to_string()])
                .status();
            if !status.is_ok_and(|s| s.success()) {
                eprintln!("{mb} MB failed");
            }
        }
        return;
    }
    if let Some(pos) = std::env::args().position(|a| a == "--one") {
        let n = std::env::args().nth(pos + 1).and_then(|s| s.parse().ok()).unwrap_or(1000);
        one(n, news);
        return;
    }
    if news {
        let copies = args.first().and_then(|s| s.parse().ok()).unwrap_or(5usize);
        println!("threads: {}  (ECB+ news, {copies} copies)", rayon::current_num_threads());
        let mut args = vec!["--one".to_string(), copies.to_string(), "--news".into()];
        args.extend(forwarded());
        let status = std::process::Command::new(std::env::current_exe().unwrap()).args(&args).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("news run failed");
        }
        return;
    }
    let sizes: Vec<usize> =
        if args.is_empty() { vec![1_000, 10_000] } else { args.iter().filter_map(|s| s.parse().ok()).collect() };
    println!("threads: {}", rayon::current_num_threads());
    for n in sizes {
        // A fresh process per size: its peak RSS is its own.
        let mut args = vec!["--one".to_string(), n.to_string()];
        args.extend(forwarded());
        let status = std::process::Command::new(std::env::current_exe().unwrap()).args(&args).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("size {n} failed");
        }
    }
}
