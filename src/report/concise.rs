//! `--format concise`: one `file:line:col: severity[rule] message` line per
//! finding, at its first passage, for editors' error formats and grep. The
//! other passages follow in brackets.

use super::location;
use crate::check::Finding;
use crate::corpus::Document;

pub fn render(docs: &[Document], findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let first = location::of(docs, &f.claims[0]);
        let others: Vec<String> = f.claims[1..].iter().map(|c| location::of(docs, c).to_string()).collect();
        out.push_str(&format!("{first}: {}[{}] {}", f.severity.as_str(), f.rule, f.message));
        if !others.is_empty() {
            out.push_str(&format!(" [also: {}]", others.join(", ")));
        }
        out.push('\n');
    }
    out
}
