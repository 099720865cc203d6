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
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Passage {
    context: Span,
    value: Span,
}

/// The figures of one document as groups of passages: two figures that
/// share a passage (a sum given twice as "£18 million" and once as "£8
/// million" makes two pairs with the "£8 million" passage in both) are one
/// finding. Each group in document order, each passage once.
fn groups(figures: &[&crate::extract::figures::RestatedFigure]) -> Vec<Vec<Passage>> {
    let mut passages: Vec<Passage> = figures
        .iter()
        .flat_map(|f| {
            [
                Passage { context: f.first_context, value: f.first },
                Passage { context: f.second_context, value: f.second },
            ]
        })
        .collect();
    passages.sort();
    passages.dedup();
    let at = |p: &Passage| passages.binary_search(p).unwrap_or(0);
    let mut clusters = super::Clusters::new(passages.len());
    for f in figures {
        let a = at(&Passage { context: f.first_context, value: f.first });
        let b = at(&Passage { context: f.second_context, value: f.second });
        clusters.union(a, b);
    }
    // The same value's passages that overlap are one passage.
    for i in 1..passages.len() {
        let (p, q) = (passages[i - 1], passages[i]);
        if p.value == q.value || p.context.overlaps(&q.context) && p.value.overlaps(&q.value) {
            clusters.union(i - 1, i);
        }
    }
    clusters
        .groups(&vec![true; passages.len()])
        .into_iter()
        .map(|g| {
            let mut kept: Vec<Passage> = Vec::new();
            for p in g.into_iter().map(|i| passages[i]) {
                if !kept.iter().any(|k| k.value == p.value) {
                    kept.push(p);
                }
            }
            kept
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
