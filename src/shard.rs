//! Archives beyond one machine: a map step extracts shards of the archive
//! apart (`factlint facts PATHS --format jsonl`, anywhere), a reduce step
//! reads every shard's records and checks them together (`factlint check
//! --from-facts FILES...`), with the findings a direct run gives.
//!
//! A `document` record holds what extraction gave for one document (the
//! first pass: the second pass, resolution and the check need the whole
//! corpus, so the reduce step runs them), with the hash of the text it was
//! read from and the engine and rule set it was read with. The reduce step
//! reads each document again from its path (its passages are quoted from
//! it); a document whose text, engine or rules differ from its record's is
//! extracted again, and said.

use crate::cache;
use crate::corpus::Document;
use crate::extract::DocExtraction;
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One document of a map step's output.
#[derive(Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Always "document" (fact records say "fact").
    pub record: String,
    pub path: String,
    pub date: Option<String>,
    /// SHA-256 of the text, hex.
    pub sha256: String,
    /// The factlint build and rule set the extraction was made with.
    pub engine: String,
    pub rules: String,
    pub extraction: DocExtraction,
}

fn text_hash(text: &str) -> String {
    cache::hex(&Sha256::digest(text.as_bytes()))
}

/// The record of a document and its first-pass extraction.
pub fn record(doc: &Document, first_pass: DocExtraction, rules: &RuleSet) -> DocumentRecord {
    DocumentRecord {
        record: "document".into(),
        path: doc.path.clone(),
        date: doc.date.map(|d| d.to_string()),
        sha256: text_hash(&doc.text),
        engine: cache::ENGINE.into(),
        rules: cache::hex(&cache::rules_id(rules)),
        extraction: first_pass,
    }
}

/// The document records of map-step files, in the order a direct run
/// reads their documents (paths sorted component by component, as folders
/// are walked). `Err` names the file and line that is not a record.
pub fn read(files: &[PathBuf]) -> Result<Vec<DocumentRecord>, String> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{}:{}: not JSON: {e}", f.display(), i + 1))?;
            // Fact records are for people and other tools.
            if v["record"] != "document" {
                continue;
            }
            let r: DocumentRecord = serde_json::from_value(v)
                .map_err(|e| format!("{}:{}: not a factlint document record: {e}", f.display(), i + 1))?;
            out.push(r);
        }
    }
    out.sort_by(|a, b| Path::new(&a.path).cmp(Path::new(&b.path)));
    out.dedup_by(|a, b| a.path == b.path);
    Ok(out)
}

/// Each document's extraction from its record, where the record is of
/// this document as it is now (same text, engine and rule set), and the
/// paths of those that changed since (or were mapped with another build or
/// rule set), which are extracted again.
pub fn preload(
    records: Vec<DocumentRecord>,
    docs: &[Document],
    rules: &RuleSet,
) -> (Vec<Option<DocExtraction>>, Vec<String>) {
    let rules_hex = cache::hex(&cache::rules_id(rules));
    let mut by_path: std::collections::HashMap<String, DocumentRecord> =
        records.into_iter().map(|r| (r.path.clone(), r)).collect();
    let mut stale = Vec::new();
    let known = docs
        .iter()
        .map(|d| {
            let r = by_path.remove(&d.path)?;
            let date = d.date.map(|x| x.to_string());
            if r.sha256 != text_hash(&d.text) || r.engine != cache::ENGINE || r.rules != rules_hex || r.date != date {
                stale.push(r.path);
                return None;
            }
            Some(r.extraction)
        })
        .collect();
    (known, stale)
}
