#![doc = include_str!("docs/figure_drift.md")]

use super::{render_message, Claim, Finding, Input};
use crate::extract::{Modality, Polarity};
use crate::rules::Conflict;
use crate::text::Span;

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/figure_drift.md");

/// At most this many characters of the shared wording name the figure.
const SUBJECT_CHARS: usize = 90;

/// The words two passages share around a figure, the figure itself as
/// "…", whitespace collapsed: "trial must begin … of receiving the
/// indictment".
fn shared_wording(text: &str, context: Span, value: Span) -> String {
    let (Some(before), Some(after)) = (text.get(context.start..value.start), text.get(value.end..context.end)) else {
        return String::new();
    };
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (before, after) = (squash(before), squash(after));
    let mut s =
        [before.as_str(), "…", after.as_str()].iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ");
    if s.chars().count() > SUBJECT_CHARS {
        s = s.chars().take(SUBJECT_CHARS - 1).collect::<String>() + "…";
    }
    s
}

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    for (doc, ex) in input.extractions.iter().enumerate() {
        let Some(d) = input.docs.get(doc) else { continue };
        let text = d.text.as_str();
        for f in ex.figures.iter().filter(|f| f.equal as f64 >= rule.threshold) {
            let (Some(a), Some(b)) = (text.get(f.first.start..f.first.end), text.get(f.second.start..f.second.end))
            else {
                continue;
            };
            let subject = shared_wording(text, f.first_context, f.first);
            let claim = |span: Span, value: &str| Claim {
                doc,
                span,
                predicate: "figure".into(),
                object: value.to_string(),
                polarity: Polarity::Positive,
                modality: Modality::Asserted,
                valid: None,
                valid_origin: "timeless".into(),
                said_by: None,
            };
            out.push(Finding {
                rule: rule.id.clone(),
                kind: rule.kind,
                severity: rule.severity,
                message: render_message(rule, &subject, a, b, ""),
                subject,
                help: format!("one of the two is wrong: give the figure as {a} in both places, or as {b}"),
                claims: vec![claim(f.first_context, a), claim(f.second_context, b)],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_wording_names_the_figure() {
        let text = "The trial must begin within  14 days of receiving the indictment.";
        let v = Span::new(text.find("within").unwrap(), text.find(" of").unwrap());
        assert_eq!(
            shared_wording(text, Span::new(4, text.len() - 1), v),
            "trial must begin … of receiving the indictment"
        );
    }
}
