#![doc = include_str!("docs/figure_drift.md")]

use super::{render_message, Claim, Finding, Input};
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

/// One passage of a figure: its shared wording and its value.
#[derive(Clone, Copy)]
struct Passage {
    context: Span,
    value: Span,
}

/// The figures of one document as groups of passages: two figures that
/// share a value (a sum given twice as "£18 million" and once as "£8
/// million" makes two pairs with the "£8 million" passage in both) are one
/// finding. A value is one passage, with all the wording found around it;
/// each group in document order.
fn groups(figures: &[&crate::extract::figures::RestatedFigure]) -> Vec<Vec<Passage>> {
    let mut values: Vec<Span> = figures.iter().flat_map(|f| [f.first, f.second]).collect();
    values.sort();
    values.dedup();
    let at = |v: &Span| values.binary_search(v).unwrap_or(0);
    let mut contexts: Vec<Option<Span>> = vec![None; values.len()];
    let mut clusters = super::Clusters::new(values.len());
    for f in figures {
        let (a, b) = (at(&f.first), at(&f.second));
        clusters.union(a, b);
        for (i, c) in [(a, f.first_context), (b, f.second_context)] {
            contexts[i] = Some(contexts[i].map_or(c, |k| k.cover(&c)));
        }
    }
    clusters
        .groups(&vec![true; values.len()])
        .into_iter()
        .map(|g| {
            g.into_iter().map(|i| Passage { context: contexts[i].unwrap_or(values[i]), value: values[i] }).collect()
        })
        .collect()
}

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    for (doc, ex) in input.extractions.iter().enumerate() {
        let Some(d) = input.docs.get(doc) else { continue };
        let text = d.text.as_str();
        let figures: Vec<_> = ex.figures.iter().filter(|f| f.equal as f64 >= rule.threshold).collect();
        if figures.is_empty() {
            continue;
        }
        for group in groups(&figures) {
            let value = |p: &Passage| text.get(p.value.start..p.value.end).unwrap_or("");
            let Some(first) = group.first() else { continue };
            let a = value(first);
            let Some(b) = group.iter().map(value).find(|v| *v != a) else { continue };
            let subject = shared_wording(text, first.context, first.value);
            let claim = |p: &Passage| Claim::timeless(doc, p.context, "figure", value(p).to_string());
            out.push(Finding {
                rule: rule.id.clone(),
                kind: rule.kind,
                severity: rule.severity,
                message: render_message(rule, &subject, a, b, ""),
                subject,
                help: format!("one of the two is wrong: give the figure as {a} in both places, or as {b}"),
                claims: group.iter().map(claim).collect(),
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
