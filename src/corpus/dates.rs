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
    fn no_date() {
        assert_eq!(find_date("Club confirms a meeting\nText.").1, DateSource::None);
    }
}
