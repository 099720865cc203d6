//! The tool never panics on input: arbitrary text through every stage and
//! every output format, and every span it reports slices real text.

use factlint::corpus::Document;
use proptest::prelude::*;

/// Text that looks enough like news to reach deep into the extractor:
/// names, quotes, dates, cues, abbreviations, stray punctuation, non-ASCII.
fn newsish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "The summit",
        " in Oslo",
        " was suspended",
        " is on track",
        " has not been cancelled",
        ", officials said",
        " on Friday",
        " last week",
        " on March 4, 2025",
        "Tuesday, March 4",
        " “extremely frank and open”",
        "\"quoted\"",
        "U.S. President Anna Keller",
        " met ",
        "Jonas Berg",
        "’s",
        " call",
        " was productive",
        " failed to produce progress",
        " according to Reuters",
        ".",
        "\n",
        "\n\n",
        " — ",
        "(",
        ")",
        "é",
        "中文",
        " 2000",
        " 37 ",
        "<!-- factlint-disable -->",
        "[factlint: disable-next-line status-clash --",
        " date 2025-10-22 ",
        "---\ndate: 2025-01-01\n---\n",
        "Dr.",
        " could ",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_never_panics_and_spans_slice_the_text(a in newsish(), b in newsish(), junk in "\\PC{0,300}") {
        let rules = factlint::rules::load(&[]).unwrap();
        let docs = vec![
            Document::from_text("a.md", a, None),
            Document::from_text("b.txt", b, chrono::NaiveDate::from_ymd_opt(2025, 10, 22)),
            Document::from_text("c.txt", junk, chrono::NaiveDate::from_ymd_opt(2025, 10, 22)),
        ];
        let an = factlint::pipeline::analyse(docs, Vec::new(), &rules);
        let known: Vec<&str> = rules.conflicts.iter().map(|c| c.id.as_str()).collect();
        let findings = factlint::gate::suppress::apply(&an.docs, an.findings.clone(), true, &known);
        for f in &findings {
            for c in &f.claims {
                let text = &an.docs[c.doc].text;
                prop_assert!(c.span.start <= c.span.end && c.span.end <= text.len());
                prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            }
        }
        let cwd = std::path::Path::new(".");
        let shown = factlint::report::passages::bound(&an.docs, &findings, 3);
        let _ = factlint::report::human::render(&an.docs, &shown, false);
        let _ = factlint::report::json::render(&an.docs, &shown);
        let _ = factlint::report::sarif::render(&an.docs, &shown, &rules, cwd);
        let _ = factlint::report::github::render(&an.docs, &shown);
        let _ = factlint::report::concise::render(&an.docs, &shown);
        let facts = an.facts.by_document(an.docs.len());
        let _ = factlint::report::facts::render_table(&an.docs, &facts);
    }
}
