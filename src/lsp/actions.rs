//! Code actions on a checked document: suppress a finding on its line (a
//! `disable-next-line` comment with a reason to fill in), and, for a name
//! spelt otherwise than the archive spells it, the archive's most common
//! spelling.

use super::position::LineIndex;
use crate::check::Finding;
use crate::rules::ConflictKind;
use crate::workspace::DocCheck;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit};
use std::collections::{BTreeMap, HashMap};

/// The comment that suppresses `rule` on the line after it, in the
/// document's own syntax (HTML comment in Markdown, brackets in text).
pub fn suppression(path: &str, rule: &str) -> String {
    let reason = "-- reason: why this is not a conflict";
    if path.ends_with(".md") || path.ends_with(".markdown") {
        format!("<!-- factlint-disable-next-line {rule} {reason} -->\n")
    } else {
        format!("[factlint: disable-next-line {rule} {reason}]\n")
    }
}

/// The spelling most passages of a spelling finding use, when the
/// document's own differs from it (ties: the first in order).
pub fn common_spelling(c: &DocCheck, f: &Finding) -> Option<String> {
    let text = |k: &crate::check::Claim| c.docs[k.doc].text.get(k.span.start..k.span.end).map(str::to_string);
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for k in f.claims.iter().filter(|k| k.doc != c.doc) {
        *count.entry(text(k)?).or_default() += 1;
    }
    let best = count.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?.0.clone();
    let own = f.claims.iter().find(|k| k.doc == c.doc).and_then(text)?;
    (own != best).then_some(best)
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }
}

/// The actions for the findings whose passage in the document overlaps
/// `range`.
pub fn for_range(uri: &Uri, c: &DocCheck, range: Range) -> Vec<CodeActionOrCommand> {
    let doc = &c.docs[c.doc];
    let ix = LineIndex::new(&doc.text);
    let (a, b) = (ix.offset(range.start), ix.offset(range.end));
    let mut out = Vec::new();
    for f in &c.findings {
        let own: Vec<_> = f.claims.iter().filter(|k| k.doc == c.doc).collect();
        let Some(first) = own.iter().find(|k| k.span.start <= b && a <= k.span.end) else { continue };
        if f.kind == ConflictKind::Suppression {
            continue;
        }
        if f.kind == ConflictKind::Spelling {
            if let Some(name) = common_spelling(c, f) {
                let edits = own
                    .iter()
                    .map(|k| TextEdit { range: ix.range(k.span.start, k.span.end), new_text: name.clone() })
                    .collect();
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Spell it \"{name}\", as the archive does"),
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(edit(uri, edits)),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
        }
        let line_start = doc.text[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
        let at = ix.position(line_start);
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Suppress {} on this line", f.rule),
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(edit(
                uri,
                vec![TextEdit { range: Range { start: at, end: at }, new_text: suppression(&doc.path, &f.rule) }],
            )),
            ..Default::default()
        }));
    }
    out
}
