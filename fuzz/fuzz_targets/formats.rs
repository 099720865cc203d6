//! Two documents (the input split at its first NUL-free half) through the
//! pipeline and every output format.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<factlint::rules::RuleSet> = LazyLock::new(|| factlint::rules::load(&[]).unwrap());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let day = chrono::NaiveDate::from_ymd_opt(2025, 10, 22);
    let docs = vec![
        factlint::corpus::Document::from_text("a\nb #?.md", text[..cut].to_string(), day),
        factlint::corpus::Document::from_text("c d.txt", text[cut..].to_string(), None),
    ];
    let an = factlint::pipeline::analyse(docs, Vec::new(), &RULES);
    let cwd = std::path::Path::new(".");
    let shown = factlint::report::passages::bound(&an.docs, &an.findings, 2);
    let _ = factlint::report::human::render(&an.docs, &shown, false);
    let _ = factlint::report::json::render(&an.docs, &shown);
    let _ = factlint::report::sarif::render(&an.docs, &shown, &RULES, cwd);
    let _ = factlint::report::github::render(&an.docs, &shown);
    let _ = factlint::report::concise::render(&an.docs, &shown);
});
