//! Trains factlint's language model from Universal Dependencies English
//! EWT and Open English WordNet, and scores it on the held-out sets.
//!
//! ```sh
//! cargo run --release --bin factlint-train -- \
//!     --ud ../shared/nlp/ud-english-ewt --oewn ../shared/nlp/oewn/yaml \
//!     --out src/language/models/en-ewt.flm
//! ```

use factlint::language::{conllu, train, Model};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn read(path: &PathBuf) -> Result<Vec<conllu::Sent>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    conllu::read(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("factlint-train --ud DIR --oewn DIR --out FILE [--tagger-iters N] [--parser-iters N] [--folds N] [--keep-tagger N] [--keep-parser N]");
        return Ok(());
    }
    let ud = PathBuf::from(arg(&args, "--ud").unwrap_or_else(|| "../shared/nlp/ud-english-ewt".into()));
    let oewn = PathBuf::from(arg(&args, "--oewn").unwrap_or_else(|| "../shared/nlp/oewn/yaml".into()));
    let out = PathBuf::from(arg(&args, "--out").unwrap_or_else(|| "src/language/models/en-ewt.flm".into()));
    let mut opts = train::Options::default();
    let num = |name: &str, d: usize| arg(&args, name).and_then(|v| v.parse().ok()).unwrap_or(d);
    opts.tagger_iters = num("--tagger-iters", opts.tagger_iters);
    opts.parser_iters = num("--parser-iters", opts.parser_iters);
    opts.folds = num("--folds", opts.folds);
    opts.keep = [num("--keep-tagger", opts.keep[0]), num("--keep-parser", opts.keep[1])];
    let t0 = Instant::now();
    let train_set = read(&ud.join("en_ewt-ud-train.conllu"))?;
    let bytes =
        train::train(&train_set, Some(&oewn), &opts, &mut |m| eprintln!("[{:6.1}s] {m}", t0.elapsed().as_secs_f64()))?;
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {} ({} bytes) in {:.1}s", out.display(), bytes.len(), t0.elapsed().as_secs_f64());
    let model = Model::load(&bytes).map_err(|e| e.to_string())?;
    for name in ["en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"] {
        let gold = read(&ud.join(name))?;
        let pred = train::annotate(&model, &gold);
        eprintln!("{name}: {}", conllu::score(&gold, &pred));
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
