//! A document's date, from (in order) front matter, a leading
//! ` date YYYY-MM-DD` line, or a dateline such as `Updated: 2025-10-18 07:46`.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// `--date FILE=...` or the project config.
    Override,
    FrontMatter,
    /// A leading ` date YYYY-MM-DD` line.
    Header,
    /// A dateline in the text: `Updated: 2025-10-18 07:46`.
    Dateline,
    None,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Override => "override",
            DateSource::FrontMatter => "front_matter",
            DateSource::Header => "header",
            DateSource::Dateline => "dateline",
            DateSource::None => "none",
        }
    }
}

static HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b").unwrap());
static FRONT_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?m)^date:\s*["']?(\d{4}-\d{2}-\d{2})"#).unwrap());
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?mi)^.{0,80}?\b(?:updated|published|posted|first published|last updated)\s*:?\s*(\d{4}-\d{2}-\d{2})\b",
    )
    .unwrap()
});

static LOOSE_HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*date:?[ \t]+(\S+)").unwrap());
static LOOSE_FRONT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?m)^date:[ \t]*["']?([^"'\s]*)"#).unwrap());

/// Why a date the document means to give could not be read: the byte
/// offset of what was written, the message and the fix. `None` when the
/// document gives no date at all, or one that reads.
pub fn date_problem(text: &str) -> Option<(usize, String, String)> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let t = &text[bom..];
    let fix = "write the date as YYYY-MM-DD, a day that exists".to_string();
    let bad = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err();
    if let Some(rest) = t.strip_prefix("---\n").or_else(|| t.strip_prefix("---\r\n")) {
        let Some(end) = rest.find("\n---") else {
            return Some((
                bom,
                "front matter is not closed: its date and fields are not read".into(),
                "end the front matter with a line `---`".into(),
            ));
        };
        let at = bom + t.len() - rest.len();
        let c = LOOSE_FRONT.captures(&rest[..end])?;
        let v = c.get(1)?;
        return bad(v.as_str()).then(|| {
            let what = if v.as_str().is_empty() { "empty".to_string() } else { format!("\"{}\"", v.as_str()) };
            (at + v.start(), format!("the front matter's date is {what}, not a date"), fix)
        });
    }
    let c = LOOSE_HEADER.captures(t)?;
    let v = c.get(1)?;
    let date_like = v.as_str().chars().any(|c| c.is_ascii_digit()) && v.as_str().contains(['-', '/', '.']);
    (date_like && bad(v.as_str()))
        .then(|| (bom + v.start(), format!("the date line says \"{}\", which is not a date", v.as_str()), fix))
}

/// The date, where it came from, and where the body starts.
pub fn find_date(text: &str) -> (Option<NaiveDate>, DateSource, usize) {
    // A byte-order mark before the date line or the front matter: read
    // after it, offsets still into the text as stored.
    // (one mark, not a recursion over a file of them)
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        let (date, source, body) = find_date_at(rest);
        return (date, source, body + '\u{feff}'.len_utf8());
    }
    find_date_at(text)
}

fn find_date_at(text: &str) -> (Option<NaiveDate>, DateSource, usize) {
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    // Front matter: a leading `---` block.
    if let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) {
        if let Some(end) = rest.find("\n---") {
            let fm = &rest[..end];
            let after = text.len() - rest.len() + end + 4;
            let body = text[after..].find('\n').map(|i| after + i + 1).unwrap_or(text.len());
            let date = FRONT_DATE.captures(fm).and_then(|c| parse(&c[1]));
            if date.is_some() {
                return (date, DateSource::FrontMatter, body);
            }
            return dateline(text, body);
        }
    }
    if let Some(c) = HEADER.captures(text) {
        if let Some(d) = parse(&c[1]) {
            let end = c.get(0).map(|m| m.end()).unwrap_or(0);
            return (Some(d), DateSource::Header, end);
        }
    }
    dateline(text, 0)
}

fn dateline(text: &str, body: usize) -> (Option<NaiveDate>, DateSource, usize) {
    // Only the top of the page: a date deep in the text is a claim, not a dateline.
    let head_end = text.char_indices().nth(3000).map(|(i, _)| i).unwrap_or(text.len());
    let head = &text[..head_end];
    // (the pattern is compiled, and run, only where its words are)
    let lower = head.to_ascii_lowercase();
    if !["updated", "published", "posted"].iter().any(|k| lower.contains(k)) {
        return (None, DateSource::None, body);
    }
    match DATELINE.captures(head).and_then(|c| NaiveDate::parse_from_str(&c[1], "%Y-%m-%d").ok()) {
        Some(d) => (Some(d), DateSource::Dateline, body),
        None => (None, DateSource::None, body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn header_line_with_trailing_tokens() {
        let t = " date 2025-11-08 403\nTitle\n";
        let (date, src, body) = find_date(t);
        assert_eq!((date, src), (d("2025-11-08"), DateSource::Header));
        assert_eq!(&t[body..body + 4], " 403");
    }

    #[test]
    fn header_followed_by_text_on_the_same_line() {
        let t = " date 2025-10-22 A planned meeting";
        let (date, _, body) = find_date(t);
        assert_eq!(date, d("2025-10-22"));
        assert_eq!(&t[body..], " A planned meeting");
    }

    #[test]
    fn dateline_and_front_matter() {
        assert_eq!(find_date("World\n\nWIRE | Updated: 2025-10-18 07:46\n").0, d("2025-10-18"));
        let (date, src, body) = find_date("---\ntitle: x\ndate: 2024-03-05\n---\nBody.");
        assert_eq!((date, src), (d("2024-03-05"), DateSource::FrontMatter));
        assert_eq!(body, "---\ntitle: x\ndate: 2024-03-05\n---\n".len());
    }

    #[test]
    fn a_byte_order_mark_hides_no_date() {
        let t = "\u{feff} date 2025-11-08\nTitle\n";
        let (date, src, body) = find_date(t);
        assert_eq!((date, src), (d("2025-11-08"), DateSource::Header));
        assert_eq!(&t[body..], "\nTitle\n");
        let t = "\u{feff}---\ndate: 2024-03-05\n---\nBody.";
        assert_eq!(find_date(t).0, d("2024-03-05"));
    }

    #[test]
    fn a_date_that_does_not_read_is_named() {
        let p = |t: &str| date_problem(t).map(|(at, m, _)| (at, m));
        assert_eq!(
            p(" date 2025-02-30\nBody."),
            Some((6, "the date line says \"2025-02-30\", which is not a date".into()))
        );
        assert!(p(" date 99999-01-01\n").is_some());
        assert!(p("---\ntitle: x\ndate:\n---\nBody.").unwrap().1.contains("empty"));
        assert!(p("---\ntitle: x\ndate: 2024-03-05\nBody.").unwrap().1.contains("not closed"));
        assert_eq!(p(" date 2025-02-28\n"), None);
        assert_eq!(p("Headline\nBody."), None);
        assert_eq!(p("---\ndate: 2024-03-05\n---\nBody."), None);
    }

    #[test]
    fn no_date() {
        assert_eq!(find_date("Club confirms a meeting\nText.").1, DateSource::None);
    }
}
