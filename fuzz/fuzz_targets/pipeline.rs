//! One document, any bytes: read, extract, resolve, check, suppress; every
//! reported span slices the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<factlint::rules::RuleSet> = LazyLock::new(|| factlint::rules::load(&[]).unwrap());

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = factlint::corpus::from_bytes("f.txt", data.to_vec(), None) else { return };
    let an = factlint::pipeline::analyse(vec![doc], Vec::new(), &RULES);
    let known: Vec<&str> = RULES.conflicts.iter().map(|c| c.id.as_str()).collect();
    let findings = factlint::gate::suppress::apply(&an.docs, an.findings.clone(), true, &known);
    for f in &findings {
        for c in &f.claims {
            let t = &an.docs[c.doc].text;
            assert!(c.span.start <= c.span.end && c.span.end <= t.len());
            assert!(t.is_char_boundary(c.span.start) && t.is_char_boundary(c.span.end));
        }
    }
});
