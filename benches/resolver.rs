//! The time resolver over a long news text: every expression found and
//! resolved, as the extractor does per sentence. Throughput is reported in
//! expressions per second (`cargo bench --bench resolver`).

use divan::counter::{BytesCount, ItemsCount};
use factlint::time::{find_all, resolve_phrase, Bias};

fn main() {
    divan::main();
}

/// The seeds and the TempEval-3 news sentences, repeated to about 1 MB.
fn long_text() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut base = String::new();
    for e in std::fs::read_dir(format!("{root}/seeds")).unwrap() {
        base.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let tbaq = std::fs::read_to_string(format!("{root}/tests/fixtures/time/tbaq-aquaint-dates.yaml")).unwrap();
    for line in tbaq.lines().filter_map(|l| l.split("sentence: \"").nth(1)) {
        base.push_str(line.trim_end_matches("\"}"));
        base.push('\n');
    }
    base.repeat((1_000_000 / base.len()).max(1))
}

#[divan::bench]
fn find_and_resolve_all(bencher: divan::Bencher) {
    let text = long_text();
    let reference = chrono::NaiveDate::from_ymd_opt(2025, 10, 22);
    let n = find_all(&text, reference, &|_| Bias::Past).len();
    bencher
        .counter(ItemsCount::new(n))
        .counter(BytesCount::of_str(&text))
        .bench(|| find_all(divan::black_box(&text), reference, &|_| Bias::Past).len());
}

#[divan::bench]
fn resolve_one_phrase(bencher: divan::Bencher) {
    let r = chrono::NaiveDate::from_ymd_opt(2013, 2, 12).unwrap();
    bencher
        .counter(ItemsCount::new(1usize))
        .bench(|| resolve_phrase(divan::black_box("the third tuesday of september 2014"), r, Bias::Future));
}
