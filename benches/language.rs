//! The linguistic layer on about 1 MB of news text (the seeds and the
//! development set of ../shared when present, repeated), single thread:
//! words per second for tagging alone and for tagging plus parsing, and
//! the model's load time (`cargo bench --bench language`).
//!
//! The same figures are also given on the 982 ECB+ news articles of
//! ../shared/external, where present (about 1.9 MB, no article twice):
//! measured, tag+parse 118,000-121,000 words/s there against
//! 122,000-124,000 on the repeated text (which is itself too large for the
//! processor's caches to hold its features). The model's sentence memo is
//! off here: with it, every run after the first is lookups.

use factlint::language::{self, Depth};
use factlint::text::{self, Span};
use std::time::Instant;

fn news_text() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut base = String::new();
    let mut dirs = vec![format!("{root}/seeds")];
    for story in ["rail", "wildfire", "recall", "election"] {
        dirs.push(format!("{root}/../shared/eval/dev/{story}"));
    }
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md")) {
            base.push_str(&std::fs::read_to_string(p).unwrap());
            base.push('\n');
        }
    }
    base.repeat((1_000_000 / base.len()).max(1))
}

/// The 982 ECB+ articles of ../shared/external, one after the other, if
/// the file is there.
fn real_news() -> Option<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/external/ecbplus_docs.jsonl");
    let file = std::fs::read_to_string(path).ok()?;
    let mut text = String::new();
    for line in file.lines() {
        let doc: serde_json::Value = serde_json::from_str(line).ok()?;
        text.push_str(doc.get("text")?.as_str()?);
        text.push_str("\n\n");
    }
    Some(text)
}

fn measure(model: &language::Model, name: &str, text: &str) {
    let sentences: Vec<Span> = text::sentences(text, 0, &Default::default());
    for depth in [Depth::Tag, Depth::Parse] {
        let mut best = f64::MAX;
        let mut words = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let out = model.analyse_text(text, &sentences, depth);
            best = best.min(t.elapsed().as_secs_f64());
            words = out.iter().map(|s| s.words.len()).sum::<usize>();
        }
        println!(
            "{name:<9} {:<6} {:>8} words in {} sentences, {:.2} MB: {:>6.3} s  {:>9.0} words/s  {:>5.2} MB/s (one thread)",
            format!("{depth:?}"),
            words,
            sentences.len(),
            text.len() as f64 / 1e6,
            best,
            words as f64 / best,
            text.len() as f64 / 1e6 / best
        );
    }
}

fn main() {
    let t = Instant::now();
    let model = language::embedded().expect("the embedded model loads");
    // The model, not its memo: each of the three timed runs reads every
    // sentence afresh (with the memo on, the second and third runs are
    // lookups only, and the best of three measured those: 3,000,000
    // words/s where the model reads 120,000 to 150,000).
    model.remember(false);
    println!("model load: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    measure(model, "repeated", &news_text());
    if let Some(text) = real_news() {
        measure(model, "ECB+", &text);
    }
}
