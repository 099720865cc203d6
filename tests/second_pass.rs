//! The second pass reads only the sentences it parses, with what the first
//! pass learnt of each whole document (`SecondSeed`): it must add exactly
//! the claims the second pass adds when it reads every document whole.

mod common;
use common::*;
use factlint::corpus::Document;
use factlint::extract::{DocExtraction, Extractor};
use factlint::pipeline;

/// The seeds, the development set and the first ECB+ articles (real news
/// nobody here wrote), where ../shared is beside the checkout.
fn corpus() -> Vec<Document> {
    let mut docs = Vec::new();
    let mut dirs = vec![root().join("seeds")];
    for story in ["rail", "wildfire", "recall", "election"] {
        dirs.push(root().join("../shared/eval/dev").join(story));
    }
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md")) {
            let text = std::fs::read_to_string(&p).unwrap();
            docs.push(Document::from_text(&p.display().to_string(), text, None));
        }
    }
    // A denial, and an assertion only the second pass reads, spoken by
    // "he": the person who spoke last before it.
    let denial = dated(
        "2025-03-20",
        "The office of the regional health commissioner, Ann Lee, said on Wednesday that the commissioner \
         has not signed off any extra funding for the hospital.",
    );
    let assertion = dated(
        "2025-03-19",
        "Tom Reyes said on Monday that the wards were full. Ann Lee, the regional health commissioner, \
         signed off an extra £4.2 million in funding for the hospital on Tuesday, he said.",
    );
    docs.push(Document::from_text("denial.txt", denial, None));
    docs.push(Document::from_text("assertion.txt", assertion, None));
    if let Ok(text) = std::fs::read_to_string(root().join("../shared/external/ecbplus_docs.jsonl")) {
        for line in text.lines().take(250) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let date = v["date"].as_str().map(|d| format!(" date {d}\n")).unwrap_or_default();
            let body = format!("{date}{}", v["text"].as_str().unwrap());
            docs.push(Document::from_text(v["id"].as_str().unwrap(), body, None));
        }
    }
    docs
}

fn claims(e: &[DocExtraction]) -> Vec<String> {
    e.iter().flat_map(|x| x.claims.iter().map(|c| serde_json::to_string(c).unwrap())).collect()
}

#[test]
fn the_second_pass_from_seeds_adds_what_reading_documents_whole_adds() {
    let docs = corpus();
    let rules = factlint::rules::load(&[]).unwrap();
    let extractor = Extractor::new(&rules);
    let first: Vec<DocExtraction> = docs.iter().map(|d| extractor.extract(d)).collect();
    assert!(first.iter().all(|e| e.seed.is_some()));

    let mut seeded = first.clone();
    pipeline::second_pass(&docs, &mut seeded, &extractor, None, &mut pipeline::NoMemo);
    let mut whole = first.clone();
    for e in &mut whole {
        e.seed = None;
    }
    pipeline::second_pass(&docs, &mut whole, &extractor, None, &mut pipeline::NoMemo);

    let added = claims(&seeded).len() - claims(&first).len();
    assert!(added > 0, "the corpus gives the second pass nothing to add: the test shows nothing");
    assert_eq!(claims(&seeded), claims(&whole));
    eprintln!("{} documents, {added} claims added by the second pass", docs.len());
    let signed = seeded
        .iter()
        .flat_map(|e| &e.claims)
        .filter(|c| c.subject.participants.iter().any(|p| p.ends_with("lee")))
        .find(|c| c.object == "sign off" && c.polarity == factlint::extract::Polarity::Positive)
        .expect("the assertion is read by the second pass");
    assert_eq!(signed.said_by.as_deref(), Some("Tom Reyes"), "{signed:?}");
}
