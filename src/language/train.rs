//! Training the models from a CoNLL-U treebank (and Open English WordNet
//! for the lemma tables). Deterministic: the same inputs give the same
//! bytes (fixed shuffles, fixed hashing, sorted output).

use super::conllu::{Row, Sent};
use super::lemma::{case_key, case_transform, coarse, known_key, Lemmatizer, Rule};
use super::model::{write_lines, write_table, Writer};
use super::perceptron::{h, shuffle, Trainer};
use super::{parser, tagger};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub struct Options {
    pub tagger_iters: usize,
    pub parser_iters: usize,
    /// Folds for jackknifed tags: the parser learns from tags as the
    /// tagger predicts them, not gold ones. 0 or 1 trains on gold tags.
    pub folds: usize,
    pub seed: u64,
    /// Features kept in each model (each tagger pass, parser).
    pub keep: [usize; 2],
}

impl Default for Options {
    fn default() -> Options {
        Options { tagger_iters: 10, parser_iters: 15, folds: 4, seed: 0x5eed_1234_abcd_ef01, keep: [100_000, 200_000] }
    }
}

fn classes_of(train: &[Sent]) -> Vec<(String, String)> {
    let set: BTreeSet<(String, String)> =
        train.iter().flat_map(|s| s.rows.iter().map(|r| (r.upos.clone(), r.xpos.clone()))).collect();
    set.into_iter().collect()
}

fn train_tagger(
    sents: &[&Sent],
    first: Option<&[&[usize]]>,
    classes: &[(String, String)],
    iters: usize,
    seed: u64,
    lz: &Lemmatizer,
) -> Trainer {
    let index: BTreeMap<(&str, &str), usize> =
        classes.iter().enumerate().map(|(i, (u, x))| ((u.as_str(), x.as_str()), i)).collect();
    let data: Vec<(Vec<tagger::WordCtx>, Vec<usize>)> = sents
        .iter()
        .map(|s| {
            let ctx = s.rows.iter().map(|r| tagger::WordCtx::new(&r.form, Some(lz))).collect();
            let gold =
                s.rows.iter().map(|r| index.get(&(r.upos.as_str(), r.xpos.as_str())).copied().unwrap_or(0)).collect();
            (ctx, gold)
        })
        .collect();
    let finite = tagger::finite_classes(classes.iter().map(|(u, x)| (u.as_str(), x.as_str())));
    let mut t = Trainer::new(classes.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = seed;
    let mut feats = Vec::new();
    for _ in 0..iters {
        shuffle(&mut order, &mut seed);
        for &si in &order {
            let (ctx, gold) = &data[si];
            let mut prev: Vec<usize> = Vec::with_capacity(gold.len());
            #[allow(clippy::needless_range_loop)]
            for i in 0..gold.len() {
                let p1 = i.checked_sub(1).map(|j| prev[j]);
                let p2 = i.checked_sub(2).map(|j| prev[j]);
                tagger::features(ctx, i, p1, p2, first.map(|f| f[si]), &finite, &mut feats);
                let guess = t.predict(&feats, None);
                t.update(gold[i], guess, &feats);
                prev.push(guess);
            }
        }
    }
    t
}

fn tag_with(t: &Trainer, s: &Sent, lz: &Lemmatizer) -> Vec<usize> {
    let ctx: Vec<tagger::WordCtx> = s.rows.iter().map(|r| tagger::WordCtx::new(&r.form, Some(lz))).collect();
    let mut out: Vec<usize> = Vec::new();
    let mut feats = Vec::new();
    for i in 0..ctx.len() {
        let p1 = i.checked_sub(1).map(|j| out[j]);
        let p2 = i.checked_sub(2).map(|j| out[j]);
        tagger::features(&ctx, i, p1, p2, None, &[], &mut feats);
        out.push(t.predict(&feats, None));
    }
    out
}

struct ParseData {
    norms: Vec<u64>,
    tags: Vec<u64>,
    heads: Vec<usize>,
    labels: Vec<usize>,
}

fn parse_data(s: &Sent, xpos: &[&str], labels: &BTreeMap<&str, usize>) -> ParseData {
    let n = s.rows.len();
    let mut norms: Vec<u64> = s.rows.iter().map(|r| h(&tagger::normalise(&r.form))).collect();
    norms.push(h("<ROOT>"));
    let mut tags: Vec<u64> = xpos.iter().map(|x| h(x)).collect();
    tags.push(h("<ROOT>"));
    let heads = s.rows.iter().map(|r| if r.head == 0 || r.head > n { n } else { r.head - 1 }).collect();
    let labels = s.rows.iter().map(|r| labels.get(r.deprel.as_str()).copied().unwrap_or(0)).collect();
    ParseData { norms, tags, heads, labels }
}

fn train_parser(
    data: &[ParseData],
    nl: usize,
    root: usize,
    iters: usize,
    seed: u64,
    log: &mut dyn FnMut(&str),
) -> Trainer {
    let mut t = Trainer::new(1 + 2 * nl);
    let (mut valid, mut gold) = (Vec::new(), Vec::new());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = seed;
    let mut feats = Vec::new();
    for it in 0..iters {
        shuffle(&mut order, &mut seed);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let d = &data[si];
            let n = d.heads.len();
            let mut st = parser::State::new(n, nl);
            let mut steps = 0;
            while !st.done() && steps <= 2 * n + 2 {
                steps += 1;
                st.features(&d.norms, &d.tags, &mut feats);
                st.valid_classes(root, &mut valid);
                let guess = t.predict(&feats, Some(&valid));
                st.gold_classes(&d.heads, &d.labels, root, &mut gold);
                let best = t.predict(&feats, Some(&gold));
                t.update(best, guess, &feats);
                // The first pass follows the oracle; later ones explore the
                // parser's own mistakes.
                st.apply_class(if it == 0 { best } else { guess });
            }
            for ((a, b), (la, lb)) in st.heads.iter().zip(&d.heads).zip(st.labels.iter().zip(&d.labels)) {
                correct += (a == b && la == lb) as usize;
            }
            total += n;
        }
        log(&format!("  parser iteration {}: train LAS {:.2}", it + 1, 100.0 * correct as f64 / total.max(1) as f64));
    }
    t
}

/// The rules of a `lemma.rules` text (`XPOS\tstrip\tadd` lines).
fn rules_of(text: &str) -> Vec<Rule<'_>> {
    text.lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some(Rule { xpos: f.next()?, strip: f.next()?, add: f.next()? })
        })
        .collect()
}

/// Lemma pairs `(lemma, pos)` and irregular forms `(form, lemma, pos)` of
/// Open English WordNet's YAML entries (`entries-*.yaml`).
/// WordNet's lemmas `(lemma, pos)` and irregular forms `(form, lemma, pos)`.
pub type Oewn = (Vec<(String, char)>, Vec<(String, String, char)>);

pub fn read_oewn(dir: &Path) -> Result<Oewn, String> {
    let mut lemmas = Vec::new();
    let mut forms = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("entries-")))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let (mut lemma, mut pos, mut in_form) = (String::new(), ' ', false);
        for line in text.lines() {
            if !line.starts_with(' ') && line.ends_with(':') {
                lemma = line.trim_end_matches(':').trim_matches(|c| c == '\'' || c == '"').to_string();
                pos = ' ';
                in_form = false;
            } else if line.len() == 4 && line.starts_with("  ") && line.ends_with(':') {
                pos = match &line[2..3] {
                    "s" => 'a',
                    p => p.chars().next().unwrap_or(' '),
                };
                in_form = false;
                if !lemma.contains(' ') {
                    lemmas.push((lemma.to_lowercase(), pos));
                }
            } else if line == "    form:" {
                in_form = true;
            } else if in_form && line.starts_with("    - ") {
                let form = line[6..].trim_matches(|c| c == '\'' || c == '"').to_lowercase();
                if !lemma.contains(' ') {
                    forms.push((form, lemma.to_lowercase(), pos));
                }
            } else if line.starts_with("    ") && !line.starts_with("    - ") {
                in_form = false;
            }
        }
    }
    Ok((lemmas, forms))
}

/// Trains every model and returns the model file's bytes.
pub fn train(
    train: &[Sent],
    oewn: Option<&Path>,
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> Result<Vec<u8>, String> {
    let (rules, exceptions, known) = lemma_tables(train, oewn, log)?;
    let casing = casing_table(train);
    let (feats_xpos, feats_form) = feats_tables(train);
    let parsed_rules = rules_of(&rules);
    let exc_text = String::from_utf8(exceptions.clone()).unwrap_or_default();
    let casing_text = String::from_utf8(casing.clone()).unwrap_or_default();
    let lz = Lemmatizer::from_parts(parsed_rules, &exc_text, &known, &casing_text);

    let classes = classes_of(train);
    let all: Vec<&Sent> = train.iter().collect();
    log(&format!("tagger: {} sentences, {} classes", all.len(), classes.len()));
    let tagger_t = train_tagger(&all, None, &classes, opts.tagger_iters, opts.seed, &lz);

    // Jackknifed tags for the parser.
    let mut predicted: Vec<Vec<usize>> = vec![Vec::new(); train.len()];
    if opts.folds >= 2 {
        for fold in 0..opts.folds {
            let part: Vec<&Sent> =
                train.iter().enumerate().filter(|(i, _)| i % opts.folds != fold).map(|(_, s)| s).collect();
            let t = train_tagger(&part, None, &classes, opts.tagger_iters, opts.seed ^ fold as u64, &lz);
            for (i, s) in train.iter().enumerate().filter(|(i, _)| i % opts.folds == fold) {
                predicted[i] = tag_with(&t, s, &lz);
            }
            log(&format!("  jackknife fold {} of {}", fold + 1, opts.folds));
        }
    }
    // The second pass learns from jackknifed first-pass tags.
    let second = if opts.folds >= 2 {
        let firsts: Vec<&[usize]> = predicted.iter().map(|v| v.as_slice()).collect();
        log("tagger: second pass");
        Some(train_tagger(&all, Some(&firsts), &classes, opts.tagger_iters, opts.seed ^ 0x2222, &lz))
    } else {
        None
    };
    let label_set: BTreeSet<&str> = train.iter().flat_map(|s| s.rows.iter().map(|r| r.deprel.as_str())).collect();
    let labels: Vec<&str> = label_set.into_iter().collect();
    let label_index: BTreeMap<&str, usize> = labels.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    let data: Vec<ParseData> = train
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let xpos: Vec<&str> = if predicted[i].len() == s.rows.len() {
                predicted[i].iter().map(|&c| classes[c].1.as_str()).collect()
            } else {
                s.rows.iter().map(|r| r.xpos.as_str()).collect()
            };
            parse_data(s, &xpos, &label_index)
        })
        .collect();
    log(&format!("parser: {} sentences", data.len()));
    let root = label_index.get("root").copied().ok_or("the treebank has no root relation")?;
    let parser_t = train_parser(&data, labels.len(), root, opts.parser_iters, opts.seed, log);

    let mut w = Writer::default();
    let class_text: Vec<String> = classes.iter().map(|(u, x)| format!("{u}\t{x}")).collect();
    w.add("tagger.classes", class_text.join("\n").into_bytes());
    w.add("tagger.weights", write_table(classes.len(), &tagger_t.averaged(opts.keep[0])));
    if let Some(t2) = &second {
        w.add("tagger2.weights", write_table(classes.len(), &t2.averaged(opts.keep[0])));
    }
    w.add("parser.weights", write_table(1 + 2 * labels.len(), &parser_t.averaged(opts.keep[1])));
    w.add("parser.labels", labels.join("\n").into_bytes());
    w.add("lemma.rules", rules.into_bytes());
    w.add("lemma.exceptions", exceptions);
    w.add("lemma.known", known);
    let vocab: BTreeSet<u32> =
        train.iter().flat_map(|s| s.rows.iter().map(|r| super::vocab_key(h(&tagger::normalise(&r.form))))).collect();
    w.add("tagger.vocab", vocab.iter().flat_map(|k| k.to_le_bytes()).collect());
    w.add("tagger.dict", tag_dictionary(train, &classes));
    w.add("lemma.casing", casing);
    w.add("feats.xpos", feats_xpos);
    w.add("feats.form", feats_form);
    Ok(w.finish())
}

/// Forms seen at least [`DICT_MIN_COUNT`] times in training with one
/// joint class at least [`DICT_MIN_SHARE`] of the time ("the", ",",
/// "said"): the tagger gives them that class without scoring. The section
/// is a u32 count, the forms' 64-bit hashes sorted, then one class byte
/// per form.
fn tag_dictionary(train: &[Sent], classes: &[(String, String)]) -> Vec<u8> {
    let index: BTreeMap<(&str, &str), usize> =
        classes.iter().enumerate().map(|(i, (u, x))| ((u.as_str(), x.as_str()), i)).collect();
    let mut counts: BTreeMap<&str, BTreeMap<usize, usize>> = BTreeMap::new();
    for r in train.iter().flat_map(|s| &s.rows) {
        if let Some(&c) = index.get(&(r.upos.as_str(), r.xpos.as_str())) {
            *counts.entry(r.form.as_str()).or_default().entry(c).or_default() += 1;
        }
    }
    let mut entries: Vec<(u64, u8)> = counts
        .iter()
        .filter_map(|(form, by_class)| {
            let total: usize = by_class.values().sum();
            let (&class, &top) = by_class.iter().max_by_key(|&(c, n)| (*n, std::cmp::Reverse(*c)))?;
            (total >= DICT_MIN_COUNT && top as f64 >= DICT_MIN_SHARE * total as f64 && class < 256)
                .then_some((h(form), class as u8))
        })
        .collect();
    entries.sort_unstable();
    entries.dedup_by_key(|e| e.0);
    let mut out = (entries.len() as u32).to_le_bytes().to_vec();
    out.extend(entries.iter().flat_map(|e| e.0.to_le_bytes()));
    out.extend(entries.iter().map(|e| e.1));
    out
}

/// See [`tag_dictionary`]: measured on EWT test with gold tokens, these
/// cost no accuracy and spare the scoring of about 30% of news words.
const DICT_MIN_COUNT: usize = 20;
const DICT_MIN_SHARE: f64 = 0.995;

fn lemma_tables(
    train: &[Sent],
    oewn: Option<&Path>,
    log: &mut dyn FnMut(&str),
) -> Result<(String, Vec<u8>, Vec<u8>), String> {
    // Suffix rules per Penn tag, most frequent first.
    let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for r in train.iter().flat_map(|s| &s.rows) {
        if r.upos == "PROPN" && r.xpos != "NNPS" {
            continue;
        }
        let f = r.form.to_lowercase().replace('\u{2019}', "'");
        let l = r.lemma.to_lowercase();
        let p = f.chars().zip(l.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum::<usize>();
        let strip = &f[p..];
        let add = &l[p..];
        if strip.chars().count() > 4 {
            continue;
        }
        *counts.entry((r.xpos.clone(), strip.to_string(), add.to_string())).or_default() += 1;
    }
    let mut rules: Vec<(String, usize, String, String)> =
        counts.into_iter().filter(|(_, c)| *c >= 2).map(|((x, s, a), c)| (x, c, s, a)).collect();
    rules.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    let rules_text: String = rules.iter().map(|(x, _, s, a)| format!("{x}\t{s}\t{a}\n")).collect();
    let rules_text = rules_text.strip_suffix('\n').unwrap_or(&rules_text).to_string();

    // Known lemmas: WordNet's and the treebank's.
    let mut known: BTreeSet<u32> = BTreeSet::new();
    let mut wn_forms = Vec::new();
    if let Some(dir) = oewn {
        let (lemmas, forms) = read_oewn(dir)?;
        log(&format!("lemmas: {} WordNet lemmas, {} irregular forms", lemmas.len(), forms.len()));
        for (l, p) in &lemmas {
            known.insert(known_key(*p, l));
        }
        wn_forms = forms;
    }
    for r in train.iter().flat_map(|s| &s.rows) {
        if let Some(p) = coarse(&r.upos) {
            known.insert(known_key(p, &r.lemma.to_lowercase()));
        }
    }
    let known_bytes: Vec<u8> = known.iter().flat_map(|k| k.to_le_bytes()).collect();

    let parsed = rules_of(&rules_text);
    let lz = Lemmatizer::from_parts(parsed, "", &known_bytes, "");

    // Exceptions: where the rules miss the treebank's majority lemma.
    let mut by_form: BTreeMap<(String, String), BTreeMap<(String, String), usize>> = BTreeMap::new();
    for r in train.iter().flat_map(|s| &s.rows) {
        let f = r.form.to_lowercase().replace('\u{2019}', "'");
        *by_form.entry((r.upos.clone(), f)).or_default().entry((r.lemma.clone(), r.xpos.clone())).or_default() += 1;
    }
    let mut exceptions: BTreeMap<String, String> = BTreeMap::new();
    let mut by_xpos: BTreeMap<(String, String), BTreeMap<(String, String), usize>> = BTreeMap::new();
    for r in train.iter().flat_map(|s| &s.rows) {
        let f = r.form.to_lowercase().replace('\u{2019}', "'");
        *by_xpos.entry((r.xpos.clone(), f)).or_default().entry((r.lemma.clone(), r.upos.clone())).or_default() += 1;
    }
    for ((xpos, form), lemmas) in &by_xpos {
        let Some(((lemma, upos), _)) = lemmas.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else { continue };
        let by_rule = match upos.as_str() {
            "PROPN" | "PUNCT" | "SYM" | "X" if xpos != "NNPS" => continue,
            "NUM" if !form.chars().all(char::is_alphabetic) => continue,
            _ => lz.by_rules(form, upos, xpos),
        };
        // A lemma capitalised whatever the form's case ("I" for "me") is
        // kept as written; any other is stored lowercase and cased later.
        let total: usize = lemmas.values().sum();
        let same: usize = lemmas.iter().filter(|((l, _), _)| l == lemma).map(|(_, c)| c).sum();
        let fixed = lemma.chars().any(char::is_uppercase) && same * 10 >= total * 9;
        let lemma = if fixed { lemma.clone() } else { lemma.to_lowercase() };
        if by_rule != lemma {
            exceptions.insert(format!("{xpos} {form}"), lemma);
        }
    }
    // WordNet's irregular forms the rules miss ("went", "mice", "better").
    for (form, lemma, pos) in wn_forms {
        let (upos, xpos) = match pos {
            'n' => ("NOUN", "NNS"),
            'v' if form.ends_with("ing") => ("VERB", "VBG"),
            'v' if form.ends_with('s') => ("VERB", "VBZ"),
            'v' => ("VERB", "VBD"),
            'a' if form.ends_with("est") => ("ADJ", "JJS"),
            'a' => ("ADJ", "JJR"),
            _ => continue,
        };
        let key = format!("{upos} {form}");
        if exceptions.contains_key(&key) || by_form.contains_key(&(upos.to_string(), form.clone())) {
            continue;
        }
        if lz.by_rules(&form, upos, xpos) != lemma {
            exceptions.insert(key, lemma);
        }
    }
    log(&format!("lemmas: {} rules, {} exceptions", rules.len(), exceptions.len()));
    Ok((rules_text, write_lines(exceptions.into_iter().collect()), known_bytes))
}

/// The casing transform (keep, lower, title) most frequent for each part
/// of speech, casing of the form, and first-word position.
fn casing_table(train: &[Sent]) -> Vec<u8> {
    // Forms whose lemma is capitalised whatever their case ("I") are fixed
    // exceptions, not evidence about casing.
    let mut lemma_counts: BTreeMap<(&str, String), BTreeMap<&str, usize>> = BTreeMap::new();
    for r in train.iter().flat_map(|s| &s.rows) {
        *lemma_counts.entry((&r.xpos, r.form.to_lowercase())).or_default().entry(&r.lemma).or_default() += 1;
    }
    let fixed: BTreeSet<(&str, String)> = lemma_counts
        .into_iter()
        .filter(|(_, m)| {
            let total: usize = m.values().sum();
            m.iter().any(|(l, c)| l.chars().any(char::is_uppercase) && c * 10 >= total * 9)
        })
        .map(|(k, _)| k)
        .collect();
    let mut counts: BTreeMap<String, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for s in train {
        for r in &s.rows {
            if fixed.contains(&(r.xpos.as_str(), r.form.to_lowercase())) {
                continue;
            }
            *counts
                .entry(case_key(&r.upos, &r.form, r.id == 1))
                .or_default()
                .entry(case_transform(&r.form, &r.lemma))
                .or_default() += 1;
        }
    }
    let pairs = counts
        .into_iter()
        .filter_map(|(k, m)| {
            m.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|(t, _)| (k, t.to_string()))
        })
        .collect();
    write_lines(pairs)
}

fn feats_tables(train: &[Sent]) -> (Vec<u8>, Vec<u8>) {
    let mut by_xpos: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut by_form: BTreeMap<(String, &str), BTreeMap<&str, usize>> = BTreeMap::new();
    for r in train.iter().flat_map(|s| &s.rows) {
        *by_xpos.entry(&r.xpos).or_default().entry(&r.feats).or_default() += 1;
        *by_form.entry((r.form.to_lowercase(), &r.xpos)).or_default().entry(&r.feats).or_default() += 1;
    }
    let best =
        |m: &BTreeMap<&str, usize>| m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(f, _)| f.to_string());
    let xpos_best: BTreeMap<&str, String> = by_xpos.iter().filter_map(|(x, m)| Some((*x, best(m)?))).collect();
    let forms: Vec<(String, String)> = by_form
        .iter()
        .filter_map(|((f, x), m)| {
            let b = best(m)?;
            let total: usize = m.values().sum();
            (total >= 2 && Some(&b) != xpos_best.get(x)).then(|| (format!("{x} {f}"), b))
        })
        .collect();
    (write_lines(xpos_best.into_iter().map(|(x, f)| (x.to_string(), f)).collect()), write_lines(forms))
}

/// Re-annotates a treebank's sentences with a model, keeping their words.
pub fn annotate(model: &super::Model, gold: &[Sent]) -> Vec<Sent> {
    gold.iter()
        .map(|s| {
            let forms: Vec<&str> = s.rows.iter().map(|r| r.form.as_str()).collect();
            let a = model.analyse(&forms, &[], super::Depth::Parse);
            let rows = s
                .rows
                .iter()
                .zip(&a.words)
                .map(|(g, w)| Row {
                    id: g.id,
                    form: g.form.clone(),
                    lemma: w.lemma.clone(),
                    upos: w.upos.to_string(),
                    xpos: w.xpos.to_string(),
                    feats: w.feats.to_string(),
                    head: w.head,
                    deprel: w.deprel.to_string(),
                    deps: "_".into(),
                    misc: g.misc.clone(),
                })
                .collect();
            Sent { comments: s.comments.clone(), ranges: s.ranges.clone(), rows }
        })
        .collect()
}
