#![doc = include_str!("docs/functional.md")]

use super::{days_held, describe_span, overlapping_pairs, render_message, Claim, Clusters, Finding, Input};
use crate::extract::Quantity;
use crate::facts::Fact;
use crate::rules::Conflict;
use crate::time::TimeSpan;
use std::collections::BTreeMap;

/// What the rule finds, why, an example and what is not a conflict:
/// shown by `factlint explain` and in SARIF rule descriptions.
pub const DOC: &str = include_str!("docs/functional.md");

pub fn check(rule: &Conflict, input: &Input, out: &mut Vec<Finding>) {
    let Some(pred) = rule.predicate.as_deref() else { return };
    within_documents(rule, pred, input, out);
    for (subject, facts) in input.facts.keys_of(pred) {
        if facts.iter().any(|f| f.claim.quantity.is_some()) {
            check_numbers(rule, subject, facts, out);
            continue;
        }
        // A date as of the day it is reported (a birth date from an age)
        // meets only the dates reported for the same day.
        if facts.iter().any(|f| f.claim.valid.is_some() && f.claim.date_value.is_some()) {
            check_reported_dates(rule, subject, facts, out);
            continue;
        }
        let usable: Vec<&Fact> = facts.iter().filter(|f| f.affirmed() && f.claim.date_value.is_some()).collect();
        // Distinct values are few; compare those, not the facts.
        let mut values: BTreeMap<TimeSpan, Vec<&Fact>> = BTreeMap::new();
        for f in &usable {
            if let Some(v) = f.claim.date_value {
                values.entry(v).or_default().push(f);
            }
        }
        if subject.starts_with("act:") && repeated(&usable) {
            continue;
        }
        let keys: Vec<TimeSpan> = values.keys().copied().collect();
        for group in apart_groups(&keys, rule.tolerance.days) {
            let members: Vec<&Fact> = group.iter().flat_map(|&i| values[&keys[i]].iter().copied()).collect();
            let name = &members[0].subject_name;
            let a = describe_span(&keys[group[0]]);
            let b = describe_span(&keys[group[group.len() - 1]]);
            out.push(Finding {
                rule: rule.id.clone(),
                kind: rule.kind,
                severity: rule.severity,
                message: render_message(rule, name, &format!("on {a}"), &format!("on {b}"), ""),
                subject: subject.to_string(),
                help: format!("{name} happened once; {a} and {b} share no day"),
                claims: members.iter().map(|f| Claim::from_fact(f)).collect(),
            });
        }
    }
}

/// Groups of distinct dates linked by pairs that share no day (within
/// `tolerance` days): each group is one conflict. Distinct values are
/// few, so all their pairs are compared.
fn apart_groups(keys: &[TimeSpan], tolerance: u64) -> Vec<Vec<usize>> {
    let mut uf = Clusters::new(keys.len());
    let mut linked = vec![false; keys.len()];
    for i in 0..keys.len() {
        for j in i + 1..keys.len() {
            if !keys[i].overlaps(&keys[j], tolerance) {
                uf.union(i, j);
                linked[i] = true;
                linked[j] = true;
            }
        }
    }
    uf.groups(&linked)
}

/// Dates of one subject that hold as of the day they are reported (the
/// birth dates a person's ages allow): per report day, the values that
/// share no day conflict.
fn check_reported_dates(rule: &Conflict, subject: &str, facts: &[Fact], out: &mut Vec<Finding>) {
    let mut by_day: BTreeMap<TimeSpan, BTreeMap<TimeSpan, Vec<&Fact>>> = BTreeMap::new();
    for f in facts.iter().filter(|f| f.affirmed()) {
        if let (Some(day), Some(v)) = (f.claim.valid, f.claim.date_value) {
            by_day.entry(day).or_default().entry(v).or_default().push(f);
        }
    }
    for (day, values) in by_day.into_iter().filter(|(_, v)| v.len() > 1) {
        let keys: Vec<TimeSpan> = values.keys().copied().collect();
        for group in apart_groups(&keys, 0) {
            let members: Vec<&Fact> = group.iter().flat_map(|&i| values[&keys[i]].iter().copied()).collect();
            let name = &members[0].subject_name;
            let (a, b) = (describe_span(&keys[group[0]]), describe_span(&keys[group[group.len() - 1]]));
            let said = |k: &TimeSpan| values[k].first().map_or(String::new(), |f| f.claim.object.clone());
            out.push(Finding {
                rule: rule.id.clone(),
                kind: rule.kind,
                severity: rule.severity,
                message: render_message(rule, name, &said(&keys[group[0]]), &said(&keys[group[group.len() - 1]]), ""),
                subject: subject.to_string(),
                help: format!(
                    "reported for {}: born {a} and born {b} share no day ({})",
                    describe_span(&day),
                    rule.description
                ),
                claims: members.iter().map(|f| Claim::from_fact(f)).collect(),
            });
        }
    }
}

/// Whether an act read from the parse (a subject, a verb, an object) looks
/// done more than once, so that its days may all be right: one report
/// gives it two days that do not meet ("filed a motion on Monday and
/// another on Friday"), or the reports give it three or more. An act is not
/// an event known to happen once; only two reports that give one act two
/// days are a conflict.
fn repeated(facts: &[&Fact]) -> bool {
    let mut by_doc: BTreeMap<usize, Vec<TimeSpan>> = BTreeMap::new();
    let mut days: Vec<TimeSpan> = Vec::new();
    for f in facts {
        let Some(d) = f.claim.date_value else { continue };
        let own = by_doc.entry(f.doc).or_default();
        if own.iter().any(|o| !o.overlaps(&d, 0)) {
            return true;
        }
        own.push(d);
        if !days.iter().any(|o| o.overlaps(&d, 0)) {
            days.push(d);
        }
    }
    days.len() > 2
}

/// Whether the dated facts of a group all share a day (within `tolerance`
/// days), and there is at least one: intervals on a line meet pairwise
/// exactly when the latest start is not after the earliest end.
fn one_occasion(group: &[&Fact], tolerance: u64) -> bool {
    let mut bounds = group.iter().filter_map(|f| f.claim.valid).map(|v| v.bounds());
    let Some(first) = bounds.next() else { return false };
    let (start, end) = bounds.fold(first, |(s, e), (s1, e1)| (s.max(s1), e.min(e1)));
    start < end.checked_add_days(chrono::Days::new(tolerance)).unwrap_or(chrono::NaiveDate::MAX)
}

/// The pairs of a group that can share a day, without comparing all
/// pairs: a dated fact meets those whose valid times overlap its own
/// ([`overlapping_pairs`]); undated ones (one document's, and
/// only when the group speaks of one occasion) with every fact; facts of
/// a timeless predicate with each other. On 30,000 wire articles one key
/// held 30,000 counts: all pairs were 450 million comparisons.
fn candidate_pairs(group: &[&Fact], tolerance: u64, occasion: bool, mut pair: impl FnMut(usize, usize)) {
    overlapping_pairs(group, tolerance, &mut pair);
    let n = group.len();
    if occasion {
        for i in (0..n).filter(|&i| group[i].claim.valid.is_none()) {
            (0..n).filter(|&j| j != i).for_each(|j| pair(i, j));
        }
    }
    let timeless: Vec<usize> = (0..n).filter(|&i| !group[i].claim.state).collect();
    for (x, &i) in timeless.iter().enumerate() {
        timeless[x + 1..].iter().for_each(|&j| pair(i, j));
    }
}

/// Whether the facts of a group without a valid time all come from one
/// document.
fn undated_from_one_document(group: &[&Fact]) -> bool {
    let mut docs = group.iter().filter(|f| f.claim.valid.is_none()).map(|f| f.doc);
    let first = docs.next();
    docs.all(|d| Some(d) == first)
}

/// Whether two quantities cannot both be right, each widened by `ratio`.
fn disjoint(a: &Quantity, b: &Quantity, ratio: f64) -> bool {
    let (alo, ahi) = (a.low * (1.0 - ratio), a.high * (1.0 + ratio));
    let (blo, bhi) = (b.low * (1.0 - ratio), b.high * (1.0 + ratio));
    ahi < blo || bhi < alo
}

/// Counts read from the parse within one document. Across documents they
/// are compared by subject ([`check_numbers`]); within one, a subject is
/// not enough (an article gives the dead of two attacks, the points of two
/// players), so two counts are of one thing only when everything their
/// clauses say of it is the same: the counted noun, the event, its subject
/// and object, its prepositional phrases ("around the world in 2014"), the
/// names around it and the days. Then "At least 607 people were executed
/// around the world in 2014" and, further on, "At least 800 people were
/// executed around the world in 2014" cannot both be right: one article
/// gives one count one floor (two floors, or two ceilings, that differ
/// beyond the tolerance conflict as two values do). The two must be in
/// different sentences. A count with no names is compared too: the
/// document is its scope.
fn within_documents(rule: &Conflict, pred: &str, input: &Input, out: &mut Vec<Finding>) {
    type Key<'a> = (&'a str, &'a crate::extract::events::NameSet, &'a str);
    for (doc, x) in input.extractions.iter().enumerate() {
        let mut groups: BTreeMap<Key, Vec<&crate::extract::RawClaim>> = BTreeMap::new();
        for c in x.claims.iter().filter(|c| c.predicate == pred && c.subject.class.starts_with("np:")) {
            let (Some(q), true) = (&c.quantity, c.modality == crate::extract::Modality::Asserted) else { continue };
            let Some(frame) = q.frame.as_deref() else { continue };
            if c.polarity == crate::extract::Polarity::Positive {
                groups.entry((c.subject.class.as_str(), &c.subject.participants, frame)).or_default().push(c);
            }
        }
        let text = input.docs.get(doc).map_or("", |d| d.text.as_str());
        let mut ends: Option<Vec<(usize, usize)>> = None;
        for ((class, participants, _), mut group) in groups.into_iter().filter(|(_, g)| g.len() > 1) {
            // A document that gives one frame more counts than this is a
            // table, not prose: its first ones are compared, and the pairs
            // stay bounded.
            group.truncate(MAX_SAME_FRAME);
            let ends = ends.get_or_insert_with(|| sentence_ends(text));
            let mut uf = Clusters::new(group.len());
            let mut linked = vec![false; group.len()];
            for i in 0..group.len() {
                for j in i + 1..group.len() {
                    let (a, b) = (group[i], group[j]);
                    let same_days = match (a.valid, b.valid) {
                        (Some(va), Some(vb)) => va.overlaps(&vb, rule.tolerance.days),
                        (None, None) => true,
                        _ => false,
                    };
                    let (Some(qa), Some(qb)) = (&a.quantity, &b.quantity) else { continue };
                    if same_days && apart(ends, a.span, b.span) && one_report_disagrees(qa, qb, rule.tolerance.ratio) {
                        uf.union(i, j);
                        linked[i] = true;
                        linked[j] = true;
                    }
                }
            }
            for members in uf.groups(&linked) {
                let members: Vec<&crate::extract::RawClaim> = members.iter().map(|&i| group[i]).collect();
                let text_of =
                    |c: &crate::extract::RawClaim| c.quantity.as_ref().map(|q| q.text.clone()).unwrap_or_default();
                let first = text_of(members[0]);
                let other = members.iter().map(|c| text_of(c)).find(|t| *t != first).unwrap_or_default();
                let (noun, event) = class.trim_start_matches("np:").split_once('|').unwrap_or((class, ""));
                let event = event.split('|').next().unwrap_or("");
                let mut name = format!("the {noun} ({event})");
                if !participants.is_empty() {
                    let ps: Vec<String> = participants.iter().map(|p| crate::facts::title_case(p)).collect();
                    name.push_str(&format!(" of {}", ps.join(" and ")));
                }
                let claims: Vec<Claim> = members.iter().map(|c| Claim::from_raw(doc, c)).collect();
                let days = members.iter().filter_map(|c| c.valid).next().map(|v| describe_span(&v)).unwrap_or_default();
                out.push(Finding {
                    rule: rule.id.clone(),
                    kind: rule.kind,
                    severity: rule.severity,
                    message: format!("{name}: {first} in one passage and {other} in another of the same report"),
                    subject: crate::facts::event_id(&members[0].subject),
                    help: format!(
                        "one report gives one count of {noun} ({event}), with the same words around it{}, \
                         values that differ by more than {}%",
                        if days.is_empty() { String::new() } else { format!(" for {days}") },
                        (rule.tolerance.ratio * 100.0).round()
                    ),
                    claims,
                });
            }
        }
    }
}

/// Whether the passages `a` and `b` lie in different sentences: a
/// sentence end (".", "!" or "?" before a space, or a line break) between
/// them.
fn apart(ends: &[(usize, usize)], a: crate::text::Span, b: crate::text::Span) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    if first.end > second.start {
        return false;
    }
    // The first sentence end after the first passage is the only one that
    // can lie before the second (the later ones start later).
    let at = ends.partition_point(|&(p, _)| p < first.end);
    ends.get(at).is_some_and(|&(_, e)| e <= second.start)
}

/// The most counts of one frame one document is compared by.
const MAX_SAME_FRAME: usize = 64;

/// Where sentences may end in `text`, as (position, end) pairs in order: a
/// line break, or ".", "!" or "?" before a space.
fn sentence_ends(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    (0..b.len())
        .filter_map(|i| match b[i] {
            b'\n' => Some((i, i + 1)),
            b'.' | b'!' | b'?' if b.get(i + 1).is_some_and(u8::is_ascii_whitespace) => Some((i, i + 2)),
            _ => None,
        })
        .collect()
}

/// Whether two counts one report gives of one thing disagree: their
/// intervals do not meet, or both are floors ("at least 607", "at least
/// 800") or both ceilings, whose bounds differ beyond `ratio`.
fn one_report_disagrees(a: &Quantity, b: &Quantity, ratio: f64) -> bool {
    let differ = |x: f64, y: f64| (x - y).abs() > ratio * x.abs().max(y.abs());
    let floor = |q: &Quantity| q.high.is_infinite() && q.low > 0.0;
    let ceiling = |q: &Quantity| q.low == 0.0 && q.high.is_finite() && q.high > 0.0;
    disjoint(a, b, ratio)
        || floor(a) && floor(b) && differ(a.low, b.low)
        || ceiling(a) && ceiling(b) && differ(a.high, b.high)
}

/// Numbers: one unit of one subject, reported for the same days, in
/// intervals that do not meet within the rule's ratio.
fn check_numbers(rule: &Conflict, subject: &str, facts: &[Fact], out: &mut Vec<Finding>) {
    let mut by_unit: BTreeMap<&str, Vec<&Fact>> = BTreeMap::new();
    // A fixed count (of a finished event) holds whatever the day.
    let fixed = |f: &Fact| f.claim.quantity.as_ref().is_some_and(|q| q.fixed);
    // A measure of a thing is compared within its document only.
    let local = |f: &Fact| f.claim.quantity.as_ref().is_some_and(|q| q.local);
    for f in
        facts.iter().filter(|f| f.affirmed() && !local(f) && (f.claim.valid.is_some() || !f.claim.state || fixed(f)))
    {
        if f.claim.quantity.is_some() {
            by_unit.entry(f.claim.object.as_str()).or_default().push(f);
        }
    }
    for (unit, group) in by_unit {
        // A count of a finished event in a report without a date is of the
        // one occasion the dated reports speak of, if they speak of one:
        // their days all meet. Two occasions (two ballots, two quakes)
        // leave it unplaced, and so do undated reports from two documents:
        // reports that agree among themselves and not with the dated ones
        // are as likely of another occasion (last season's injury, last
        // year's vote) as wrong. Ambiguous means dropped.
        let occasion = one_occasion(&group, rule.tolerance.days) && undated_from_one_document(&group);
        let conflict = |i: usize, j: usize| {
            let (a, b) = (group[i], group[j]);
            let (Some(qa), Some(qb)) = (&a.claim.quantity, &b.claim.quantity) else { return false };
            // Counts read from the parse in one article are often of
            // different things the parse cannot tell apart (two players'
            // points, two attacks' dead): across articles only.
            if a.doc == b.doc && subject.starts_with("np:") {
                return false;
            }
            let same_days = match (a.claim.valid, b.claim.valid) {
                _ if !a.claim.state && !b.claim.state => true,
                (Some(va), Some(vb)) => va.overlaps(&vb, rule.tolerance.days),
                (None, Some(_)) => occasion && fixed(a),
                (Some(_), None) => occasion && fixed(b),
                (None, None) => false,
            };
            same_days && disjoint(qa, qb, rule.tolerance.ratio)
        };
        let mut uf = Clusters::new(group.len());
        let mut linked = vec![false; group.len()];
        candidate_pairs(&group, rule.tolerance.days, occasion, |i, j| {
            if conflict(i, j) {
                uf.union(i, j);
                linked[i] = true;
                linked[j] = true;
            }
        });
        for members in uf.groups(&linked) {
            let members: Vec<&Fact> = members.iter().map(|&i| group[i]).collect();
            let text = |f: &Fact| f.claim.quantity.as_ref().map(|q| q.text.clone()).unwrap_or_default();
            let first = text(members[0]);
            let other = members.iter().map(|f| text(f)).find(|t| *t != first).unwrap_or_default();
            let name = &members[0].subject_name;
            out.push(Finding {
                rule: rule.id.clone(),
                kind: rule.kind,
                severity: rule.severity,
                message: render_message(rule, name, &first, &other, unit),
                subject: subject.to_string(),
                help: format!(
                    "the numbers of {unit} for {name} reported for the same days ({}) differ by more than {}%",
                    days_held(&members),
                    (rule.tolerance.ratio * 100.0).round()
                ),
                claims: members.iter().map(|f| Claim::from_fact(f)).collect(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    #[test]
    fn passages_apart_by_a_sentence_end() {
        let t = "They found 3 boxes. They found 5 boxes, and then 7 boxes.\nThen 9 boxes.";
        let ends = sentence_ends(t);
        let at = |w: &str, from: usize| {
            let i = from + t[from..].find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let (a, b, c, d) = (at("3 boxes", 0), at("5 boxes", 0), at("7 boxes", 0), at("9 boxes", 0));
        assert!(apart(&ends, a, b) && apart(&ends, b, a));
        assert!(!apart(&ends, b, c));
        assert!(apart(&ends, c, d));
        assert!(!apart(&ends, a, a));
    }

    fn q(low: f64, high: f64) -> Quantity {
        Quantity { low, high, text: String::new(), fixed: false, frame: None, local: false }
    }

    #[test]
    fn intervals_with_tolerance() {
        assert!(disjoint(&q(450.0, 450.0), &q(800.0, f64::INFINITY), 0.05));
        assert!(!disjoint(&q(720.0, 880.0), &q(800.0, f64::INFINITY), 0.05));
        assert!(!disjoint(&q(100.0, 100.0), &q(104.0, 104.0), 0.05));
        assert!(disjoint(&q(100.0, 100.0), &q(120.0, 120.0), 0.05));
    }
}
