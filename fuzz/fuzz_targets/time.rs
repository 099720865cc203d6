//! Any text through the time-expression finder and the phrase resolver,
//! with every bias.
#![no_main]
use factlint::time::{find_all, resolve_phrase, Bias};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let day = chrono::NaiveDate::from_ymd_opt(2025, 10, 22).unwrap();
    for bias in [Bias::Past, Bias::Future, Bias::Nearest] {
        for m in find_all(text, Some(day), &|_| bias) {
            assert!(m.start <= m.end && m.end <= text.len());
        }
        let _ = resolve_phrase(text, day, bias);
    }
});
