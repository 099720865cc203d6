//! Documents: find them, read them, date them, and map byte offsets to
//! lines and columns. The only stage that touches the file system.
//!
//! A file that cannot be used (missing, binary, not UTF-8) becomes a
//! [`Problem`] and the others are still read: bad input in one document
//! never stops the rest from being checked.

mod dates;
pub mod lines;

pub use dates::{find_date, DateSource};
pub use lines::LineIndex;

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One article or draft.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it (relative stays relative).
    pub path: String,
    pub text: String,
    pub date: Option<NaiveDate>,
    pub date_source: DateSource,
    /// Where the article's own text begins (after front matter or a date line).
    pub body_start: usize,
    pub lines: LineIndex,
}

impl Document {
    /// Build a document from text already in memory.
    pub fn from_text(path: &str, text: String, date_override: Option<NaiveDate>) -> Document {
        let (found, source, body_start) = find_date(&text);
        let (date, date_source) = match date_override {
            Some(d) => (Some(d), DateSource::Override),
            None => (found, source),
        };
        let lines = LineIndex::new(&text);
        Document { path: path.to_string(), text, date, date_source, body_start, lines }
    }
}

/// Why a path gave no document, or a document needs a word of warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub severity: ProblemSeverity,
    pub message: String,
    pub help: String,
    /// Byte offset of the trouble, where there is one (first invalid byte).
    pub offset: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemSeverity {
    Warning,
    Error,
}

/// Every .txt and .md file under the paths, sorted, plus problems for paths
/// that do not exist or hold no documents. A file named explicitly is read
/// whatever its extension.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_file() {
            files.push(p.clone());
        } else if p.is_dir() {
            let before = files.len();
            walk(p, &mut files, &mut problems);
            if files.len() == before {
                problems.push(Problem {
                    path: p.display().to_string(),
                    severity: ProblemSeverity::Error,
                    message: "no documents in this folder".into(),
                    help:
                        "factlint reads .txt and .md files; point it at a folder that has some, or name files directly"
                            .into(),
                    offset: None,
                });
            }
        } else {
            // Say why: missing, a symlink loop, no permission, or a FIFO,
            // socket or device rather than a file.
            let (message, help) = match std::fs::metadata(p) {
                Ok(_) => (
                    "not a regular file (a FIFO, socket or device): skipped".to_string(),
                    "name a .txt or .md file or a folder of them",
                ),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let dangling = std::fs::symlink_metadata(p).is_ok();
                    if dangling {
                        ("a symbolic link to nothing".to_string(), "fix or remove the link")
                    } else {
                        (
                            "no such file or folder".to_string(),
                            "check the path; it is read relative to the current directory",
                        )
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    ("cannot read: permission denied".to_string(), "check the file's permissions")
                }
                Err(e) => (format!("cannot read: {e}"), "a symbolic link loop or a broken path: fix the path"),
            };
            problems.push(Problem {
                path: p.display().to_string(),
                severity: ProblemSeverity::Error,
                message,
                help: help.into(),
                offset: None,
            });
        }
    }
    // Sorted and deduplicated: the same input gives the same order.
    let mut seen = BTreeMap::new();
    for f in files {
        seen.entry(f.display().to_string()).or_insert(f);
    }
    (seen.into_values().collect(), problems)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            // An unreadable subfolder is said, not skipped in silence.
            problems.push(Problem {
                path: dir.display().to_string(),
                severity: ProblemSeverity::Warning,
                message: format!("folder skipped: {e}"),
                help: "check the folder's permissions".into(),
                offset: None,
            });
            return;
        }
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, problems);
        } else if p.extension().is_some_and(|x| x == "txt" || x == "md" || x == "markdown") {
            out.push(p);
        }
    }
}

/// The largest document read: 10 MiB.
pub const MAX_DOCUMENT_BYTES: u64 = 10 << 20;

/// Read one file into a document. `Ok` may still carry a warning (empty
/// file, no date).
pub fn read(path: &Path, date_override: Option<NaiveDate>) -> Result<(Document, Vec<Problem>), Problem> {
    let name = path.display().to_string();
    // No news article runs to 10 MB; checking one document is one thread's
    // work (about 1 s per MB), so a bigger file would stall the run.
    if let Some(m) = std::fs::metadata(path).ok().filter(|m| m.len() > MAX_DOCUMENT_BYTES) {
        return Err(Problem {
            path: name,
            severity: ProblemSeverity::Warning,
            message: format!(
                "{:.1} MB is more than a news article ({} MB at most): skipped",
                m.len() as f64 / 1048576.0,
                MAX_DOCUMENT_BYTES >> 20
            ),
            help: "split it into its articles (one file each)".into(),
            offset: None,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Problem {
        path: name.clone(),
        severity: ProblemSeverity::Error,
        message: format!("cannot read: {e}"),
        help: "check that the file exists and is readable".into(),
        offset: None,
    })?;
    let doc = from_bytes(&name, bytes, date_override)?;
    let mut warnings = Vec::new();
    if doc.text.trim().is_empty() {
        warnings.push(Problem {
            path: name.clone(),
            severity: ProblemSeverity::Warning,
            message: "empty document: nothing to check".into(),
            help: "remove the file or give it the article's text".into(),
            offset: None,
        });
    } else if doc.date.is_none() {
        let problem = dates::date_problem(&doc.text).map(|(at, message, help)| {
            let (line, col) = doc.lines.line_col(&doc.text, at);
            Problem {
                path: name.clone(),
                severity: ProblemSeverity::Warning,
                message: format!("{message} (line {line}, column {col}): the document is read as undated"),
                help,
                offset: Some(at),
            }
        });
        warnings.push(problem.unwrap_or(Problem {
            path: name,
            severity: ProblemSeverity::Warning,
            message: "document has no date: its relative times (weekdays, \"yesterday\", \"last month\") stay unresolved".into(),
            help: "start the file with a line ` date YYYY-MM-DD`, add `date: YYYY-MM-DD` front matter, or pass --date FILE=YYYY-MM-DD".into(),
            offset: None,
        }));
    }
    Ok((doc, warnings))
}

/// Turn raw bytes into a document, refusing binary and non-UTF-8 data.
pub fn from_bytes(name: &str, bytes: Vec<u8>, date_override: Option<NaiveDate>) -> Result<Document, Problem> {
    if let Some(i) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(Problem {
            path: name.to_string(),
            severity: ProblemSeverity::Error,
            message: "binary file (it contains NUL bytes), skipped".into(),
            help: "factlint reads plain text and Markdown; convert the document to text first".into(),
            offset: Some(i),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Problem {
            path: name.to_string(),
            severity: ProblemSeverity::Error,
            message: format!("not valid UTF-8 (first bad byte at offset {at}), skipped"),
            help: "re-encode the file as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE`".into(),
            offset: Some(at),
        }
    })?;
    Ok(Document::from_text(name, text, date_override))
}
