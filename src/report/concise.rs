//! `--format concise`: one `file:line:col: severity[rule] message` line per
//! finding, at its first passage, for editors' error formats and grep. The
//! other passages follow in brackets.

use super::location;
use super::passages::Bounded;
use crate::corpus::Document;

pub fn render(docs: &[Document], b: &Bounded) -> String {
    let mut out = String::new();
    for (f, p) in b.findings.iter().zip(&b.passages) {
        let first = location::of(docs, &f.claims[0]);
        let mut others: Vec<String> = f.claims[1..].iter().map(|c| location::of(docs, c).to_string()).collect();
        if p.total > f.claims.len() {
            others.push(format!("+{} more", p.total - f.claims.len()));
        }
        out.push_str(&format!("{first}: {}[{}] {}", f.severity.as_str(), f.rule, f.message));
        if !others.is_empty() {
            out.push_str(&format!(" [also: {}]", others.join(", ")));
        }
        out.push('\n');
    }
    out
}
