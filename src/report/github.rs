//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding at its first passage:
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`.
//! Values are escaped as the runner requires (`%`, CR, LF; and `:` `,` in
//! properties).

use super::location;
use super::passages::Bounded;
use crate::corpus::Document;
use crate::rules::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(docs: &[Document], b: &Bounded) -> String {
    let mut out = String::new();
    for (f, p) in b.findings.iter().zip(&b.passages) {
        let l = location::of(docs, &f.claims[0]);
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message.clone();
        for c in &f.claims[1..] {
            message.push_str(&format!("\nsee {}: \"{}\"", location::of(docs, c), super::passage(&docs[c.doc], c.span)));
        }
        if p.total > f.claims.len() {
            message.push_str(&format!(
                "\nand {} more passages ({} in {} documents)",
                p.total - f.claims.len(),
                p.total,
                p.documents
            ));
        }
        message.push_str(&format!("\n{}", f.help));
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(l.file),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            escape_property(&f.rule),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% off\nnow"), "50%25 off%0Anow");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
