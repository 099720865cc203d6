//! CoNLL-U, the format every Universal Dependencies tool reads: reading a
//! treebank, writing an analysis, and scoring one against the other
//! (UPOS, XPOS, lemma, UAS, LAS as the CoNLL 2018 shared task counts them:
//! relations compared without their subtypes).

use std::fmt::Write;

/// One syntactic word of a CoNLL-U sentence (ten columns).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A sentence: its comment lines, multiword-token lines (kept verbatim,
/// placed before the word they start at) and words.
#[derive(Clone, Debug, Default)]
pub struct Sent {
    pub comments: Vec<String>,
    pub ranges: Vec<(usize, String)>,
    pub rows: Vec<Row>,
}

/// Reads a CoNLL-U file. Empty nodes (`8.1`) are skipped; a malformed line
/// is an error naming its line number.
pub fn read(text: &str) -> Result<Vec<Sent>, String> {
    let mut out = Vec::new();
    let mut cur = Sent::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.rows.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 {
            return Err(format!("line {}: {} columns, CoNLL-U has 10", n + 1, f.len()));
        }
        if f[0].contains('.') {
            continue;
        }
        if let Some((a, _)) = f[0].split_once('-') {
            let a: usize = a.parse().map_err(|_| format!("line {}: bad token range {:?}", n + 1, f[0]))?;
            cur.ranges.push((a, line.to_string()));
            continue;
        }
        let id: usize = f[0].parse().map_err(|_| format!("line {}: bad word id {:?}", n + 1, f[0]))?;
        let head =
            if f[6] == "_" { 0 } else { f[6].parse().map_err(|_| format!("line {}: bad head {:?}", n + 1, f[6]))? };
        cur.rows.push(Row {
            id,
            form: f[1].into(),
            lemma: f[2].into(),
            upos: f[3].into(),
            xpos: f[4].into(),
            feats: f[5].into(),
            head,
            deprel: f[7].into(),
            deps: f[8].into(),
            misc: f[9].into(),
        });
    }
    if !cur.rows.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

pub fn write(s: &Sent, out: &mut String) {
    for c in &s.comments {
        out.push_str(c);
        out.push('\n');
    }
    for r in &s.rows {
        for (a, line) in &s.ranges {
            if *a == r.id {
                out.push_str(line);
                out.push('\n');
            }
        }
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.id, r.form, r.lemma, r.upos, r.xpos, r.feats, r.head, r.deprel, r.deps, r.misc
        );
    }
    out.push('\n');
}

/// A sentence analysed from running text, as CoNLL-U (`SpaceAfter=No`
/// where the next word follows with no space).
pub fn from_sentence(s: &super::Sentence, text: &str, id: usize) -> Sent {
    let first = s.words.first().map_or(0, |w| w.span.start);
    let last = s.words.last().map_or(0, |w| w.span.end);
    let raw = text.get(first..last).unwrap_or("");
    let one_line: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let rows = s
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let glued = s.words.get(i + 1).is_some_and(|n| n.span.start == w.span.end);
            Row {
                id: i + 1,
                form: w.form.clone(),
                lemma: w.lemma.clone(),
                upos: w.upos.into(),
                xpos: w.xpos.into(),
                feats: w.feats.into(),
                head: w.head,
                deprel: w.deprel.into(),
                deps: "_".into(),
                misc: if glued { "SpaceAfter=No".into() } else { "_".into() },
            }
        })
        .collect();
    Sent { comments: vec![format!("# sent_id = {id}"), format!("# text = {one_line}")], ranges: Vec::new(), rows }
}

/// Accuracies in percent over every word.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub feats: f64,
    pub uas: f64,
    pub las: f64,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "words={} UPOS={:.2} XPOS={:.2} UFeats={:.2} Lemma={:.2} UAS={:.2} LAS={:.2}",
            self.words, self.upos, self.xpos, self.feats, self.lemma, self.uas, self.las
        )
    }
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Scores `pred` against `gold`, sentence by sentence, word by word (the
/// same tokenisation is assumed: `parse --input conllu` keeps it).
pub fn score(gold: &[Sent], pred: &[Sent]) -> Scores {
    let (mut n, mut upos, mut xpos, mut lemma, mut feats, mut uas, mut las) = (0usize, 0, 0, 0, 0, 0, 0);
    for (g, p) in gold.iter().zip(pred) {
        for (a, b) in g.rows.iter().zip(&p.rows) {
            n += 1;
            upos += (a.upos == b.upos) as usize;
            xpos += (a.xpos == b.xpos) as usize;
            lemma += (a.lemma == b.lemma) as usize;
            feats += (a.feats == b.feats) as usize;
            if a.head == b.head {
                uas += 1;
                las += (universal(&a.deprel) == universal(&b.deprel)) as usize;
            }
        }
    }
    let pc = |x: usize| if n == 0 { 0.0 } else { 100.0 * x as f64 / n as f64 };
    Scores { words: n, upos: pc(upos), xpos: pc(xpos), lemma: pc(lemma), feats: pc(feats), uas: pc(uas), las: pc(las) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = "# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVB\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip_and_score() {
        let s = read(S).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].rows.len(), 4);
        let mut out = String::new();
        write(&s[0], &mut out);
        assert_eq!(out, S);
        let sc = score(&s, &s);
        assert_eq!(sc.words, 4);
        assert_eq!(sc.las, 100.0);
    }

    #[test]
    fn malformed_lines_are_errors() {
        assert!(read("1\tonly\ttwo\n").unwrap_err().contains("line 1"));
        assert!(read("x\ta\tb\tc\td\te\tf\tg\th\ti\n").is_err());
    }
}
