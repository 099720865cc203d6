//! The factlint binary: parse arguments, call the stages, print, and turn
//! the outcome into an exit status: 0 no finding at the failing severity,
//! 1 findings at or above it, 2 the run could not be done.

use clap::{Parser, Subcommand, ValueEnum};

/// Extraction allocates many small strings and vectors on two threads;
/// mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use factlint::cache::{self, Cache};
use factlint::check::Finding;
use factlint::config::{self, Config};
use factlint::corpus::{Document, ProblemSeverity};
use factlint::gate::{self, baseline, suppress, FailPolicy};
use factlint::report;
use factlint::rules::{self, RuleSet, Severity};
use factlint::time::{self, Bias};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "factlint", version, about = "Finds claims in news articles that cannot all be true")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check documents for contradictions.
    Check(CheckArgs),
    /// Run the language server (stdio): diagnostics in the editor as you
    /// type, against the workspace folder's articles.
    Lsp,
    /// Print the facts extracted from documents.
    Facts {
        /// Files and folders (.txt, .md, searched recursively).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
        /// A table for people (each fact with the words that set its
        /// subject, polarity, modality and time), JSON, or one JSON fact
        /// per line.
        #[arg(long, value_enum, default_value_t = FactsFormat::Table)]
        format: FactsFormat,
    },
    /// Resolve a time expression (or, with --all, every one in a sentence).
    Time {
        /// The expression ("next Tuesday", "March 3-5"), or with --all a
        /// sentence.
        text: String,
        /// The reference date or time, e.g. 2013-02-12 or 2013-02-12T04:30.
        #[arg(long)]
        reference: Option<String>,
        /// Which way an ambiguous expression points: past ("on Friday" in
        /// a news report) or future ("on Friday" in an announcement).
        #[arg(long, default_value = "past")]
        bias: String,
        /// Find every time expression in TEXT, not one.
        #[arg(long)]
        all: bool,
        /// JSON (with TIMEX3 values) or a line of text.
        #[arg(long, value_enum, default_value_t = TimeFormat::Json)]
        format: TimeFormat,
    },
    /// Tag, lemmatise and parse text; print CoNLL-U.
    Parse {
        /// Text to analyse, a file (.txt, .md, or .conllu with --input
        /// conllu), or - for standard input.
        input: String,
        /// What INPUT holds: running text, or CoNLL-U whose words are kept
        /// (gold tokenisation) and re-annotated.
        #[arg(long = "input", value_enum, default_value_t = ParseInput::Text)]
        input_format: ParseInput,
        /// With --input conllu: print UPOS, XPOS, lemma, UAS and LAS
        /// against the file's own annotation instead of the CoNLL-U.
        #[arg(long)]
        score: bool,
        /// A model file made by factlint-train, instead of the embedded one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
    /// List every rule of the loaded packs.
    Rules {
        #[command(flatten)]
        common: Common,
        /// A table, or JSON (`[{"id", "kind", "severity", "pack",
        /// "description"}]`) for tools.
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Write a commented factlint.yaml in the current folder (every key,
    /// commented out), unless one is there.
    Init {
        /// Write it here instead.
        #[arg(long, value_name = "PATH", default_value = "factlint.yaml")]
        path: PathBuf,
    },
    /// Print a rule's documentation, with an example.
    Explain {
        /// A rule id, as `factlint rules` lists them.
        rule: String,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and folders (.txt, .md, searched recursively).
    paths: Vec<PathBuf>,
    /// Check PATHS as drafts against this archive: report only findings
    /// that involve a draft.
    #[arg(long, value_name = "PATH")]
    against: Vec<PathBuf>,
    /// With --against, report archive-only findings too.
    #[arg(long, requires = "against")]
    all: bool,
    #[command(flatten)]
    common: Common,
    /// Output format, repeatable; FORMAT:PATH writes to a file.
    /// Formats: human, json, sarif, github, concise.
    #[arg(long = "format", value_name = "FORMAT[:PATH]")]
    formats: Vec<String>,
    /// Print a count per rule instead of the findings (a table, or JSON
    /// with --format json).
    #[arg(long)]
    statistics: bool,
    /// Print the findings and nothing else: no warnings about documents,
    /// no summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Fail (exit 1) when there are more warnings than this.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Report only findings not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in a baseline file.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// With --baseline: drop the entries that no longer match.
    #[arg(long, requires = "baseline")]
    prune_baseline: bool,
    /// A suppression comment without a reason (`-- why`) is an error.
    #[arg(long)]
    require_reason: bool,
    /// Passages shown per finding, one of each wording first (the total
    /// and the wordings are always given); 0 shows every one.
    #[arg(long, value_name = "N", default_value_t = report::passages::DEFAULT_MAX)]
    max_passages: usize,
    /// The reduce step: check the documents of these map-step files
    /// (`factlint facts PATHS --format jsonl`, one per shard) together,
    /// reading each document again from its path, extracting only those
    /// changed since.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    from_facts: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct Common {
    /// Extra rule packs (YAML), after the built-in pack, ./rules/ and the config's.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Do not load the packs in ./rules/.
    #[arg(long)]
    no_local_rules: bool,
    /// A document's date: --date FILE=YYYY-MM-DD.
    #[arg(long = "date", value_name = "FILE=DATE")]
    dates: Vec<String>,
    /// The project config file (default: factlint.yaml or .factlint.yaml,
    /// found walking up from the current directory).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Ignore any project config file.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Run only these rules (ids as `factlint rules` lists them; repeatable
    /// or comma-separated). Replaces the config's `enable`.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// The file name standard input (`-`) goes by in messages and reports.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Never run these rules. Adds to the config's `disable`.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Colour in the human output: auto (on a terminal, unless NO_COLOR is
    /// set), always or never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// The fact cache's folder: a document whose bytes, date, rules and
    /// factlint build are unchanged is not extracted again (default: the
    /// user's cache folder, e.g. ~/.cache/factlint).
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Extract every document, and read or write no cache.
    #[arg(long, conflicts_with = "cache")]
    no_cache: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Concise,
}

impl Format {
    fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "human" => Format::Human,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "github" => Format::Github,
            "concise" => Format::Concise,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// The `--color` choice of this run (0 auto, 1 always, 2 never).
static COLOR: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum RulesFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FactsFormat {
    Table,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ParseInput {
    Text,
    Conllu,
}

#[derive(Clone, Copy, ValueEnum)]
enum TimeFormat {
    Json,
    Text,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum FailOn {
    Error,
    Warning,
    Never,
}

fn main() -> ExitCode {
    // Errors go to logs and CI as often as to terminals: wrap them late.
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(miette::MietteHandlerOpts::new().width(160).color(color_ok(std::io::stderr().is_terminal())).build())
    }));
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

/// The project config: --config, else discovered, unless --no-config.
fn load_config(c: &Common) -> miette::Result<Config> {
    set_color(c.color);
    if c.no_config {
        return Ok(Config::none());
    }
    let path = match &c.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir().ok().and_then(|d| config::discover(&d)),
    };
    match path {
        Some(p) => Config::load(&p).map_err(|e| miette::Report::new(*e)),
        None => Ok(Config::none()),
    }
}

fn load_rules(c: &Common, cfg: &Config) -> miette::Result<RuleSet> {
    let mut packs = Vec::new();
    if !c.no_local_rules && cfg.local_rules() {
        packs.extend(rules::packs_in_dir(Path::new("rules")));
    }
    packs.extend(cfg.packs());
    packs.extend(c.rules.iter().cloned());
    let mut rs = rules::load(&packs).map_err(|e| miette::Report::new(*e))?;
    for id in c.select.iter().chain(&c.ignore) {
        if !rs.conflicts.iter().any(|r| &r.id == id) {
            let known: Vec<&str> = rs.conflicts.iter().map(|r| r.id.as_str()).collect();
            miette::bail!(
                help = format!("known rules: {}", known.join(", ")),
                "unknown rule `{id}` (--select/--ignore)"
            );
        }
    }
    let select = (!c.select.is_empty()).then_some(c.select.as_slice());
    cfg.apply_with(&mut rs, select, &c.ignore).map_err(|e| miette::Report::new(*e))?;
    Ok(rs)
}

/// Dates from the config and --date, the command line winning; keyed by
/// the path as the corpus stage sees it.
fn dates(c: &Common, cfg: &Config, files: &[PathBuf]) -> miette::Result<BTreeMap<String, chrono::NaiveDate>> {
    let mut out = BTreeMap::new();
    let from_config = cfg.dates();
    // (A path is resolved only when the config dates some file: that is
    // two system calls per folder of its path, per document.)
    if !from_config.is_empty() {
        for f in files {
            let canon = f.canonicalize().unwrap_or_else(|_| f.clone());
            if let Some(d) = from_config.get(&canon) {
                out.insert(f.display().to_string(), *d);
            }
        }
    }
    for d in &c.dates {
        let (file, date) = d
            .rsplit_once('=')
            .ok_or_else(|| miette::miette!(help = "write --date FILE=YYYY-MM-DD", "cannot read --date {d}"))?;
        let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| {
            miette::miette!(help = "write the date as YYYY-MM-DD", "cannot read the date in --date {d}")
        })?;
        out.insert(file.to_string(), date);
    }
    Ok(out)
}

/// Writes to standard output. A closed pipe (`factlint check | head`) is
/// not an error; any other failed write (a full disk, `> /dev/full`) is:
/// the report would be lost without a word.
fn print(s: &str) -> miette::Result<()> {
    emit(None, |w| w.write_all(s.as_bytes()))
}

/// Writes a report file whole or not at all: to a temporary file beside
/// it, then renamed over it, so a failed run never leaves half a report.
fn write_report(path: &std::path::Path, text: &str) -> miette::Result<()> {
    emit(Some(path), |w| w.write_all(text.as_bytes()))
}

/// Writes a report as `write` makes it, through a buffer (a report of a
/// million articles is never one string in memory): to standard output,
/// or to `path` whole or not at all (see [`print`], [`write_report`]).
fn emit(
    path: Option<&std::path::Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> miette::Result<()> {
    let Some(path) = path else {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        return match write(&mut out).and_then(|_| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(miette::miette!(
                help = "check the disk or the file standard output goes to",
                "cannot write the report to standard output: {e}"
            )),
            _ => Ok(()),
        };
    };
    let fail = |e: std::io::Error| {
        miette::miette!(help = "check the folder exists and is writable", "cannot write {}: {e}", path.display())
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    // The folder first, for a message about it rather than about a
    // temporary file in it.
    std::fs::metadata(dir).map_err(fail)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        write(&mut w).and_then(|_| w.flush()).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

fn color_ok(stream_is_tty: bool) -> bool {
    match COLOR.load(std::sync::atomic::Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => stream_is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn set_color(c: ColorWhen) {
    let v = match c {
        ColorWhen::Auto => 0,
        ColorWhen::Always => 1,
        ColorWhen::Never => 2,
    };
    COLOR.store(v, std::sync::atomic::Ordering::Relaxed);
}

/// The fact cache for this run, unless --no-cache; a cache that cannot be
/// used is a warning and a run without it.
fn open_cache(c: &Common, rules: &RuleSet, problems: &mut Vec<factlint::corpus::Problem>) -> Option<Cache> {
    if c.no_cache {
        return None;
    }
    let dir = c.cache.clone().or_else(cache::default_dir)?;
    let warn = |p: cache::CacheProblem, help: &str| factlint::corpus::Problem {
        path: p.path.display().to_string(),
        severity: ProblemSeverity::Warning,
        message: format!("fact cache: {}", p.message),
        help: help.to_string(),
        offset: None,
    };
    match Cache::open(&dir, rules) {
        Ok((cache, problem)) => {
            problems.extend(problem.map(|p| warn(p, "nothing is lost: its facts are extracted again")));
            Some(cache)
        }
        Err(p) => {
            problems.push(warn(p, "checked without the cache; --cache DIR for another folder, --no-cache to skip it"));
            None
        }
    }
}

/// Read the documents under `paths`, less the config's ignored ones.
/// The name standard input (`-`) goes by: `--stdin-filename`, else
/// `<stdin>`.
fn stdin_name(c: &Common) -> String {
    c.stdin_filename.as_ref().map_or("<stdin>".to_string(), |p| p.display().to_string())
}

fn documents(
    paths: &[PathBuf],
    common: &Common,
    cfg: &Config,
) -> miette::Result<(Vec<Document>, Vec<factlint::corpus::Problem>)> {
    // `-` is standard input: one document, named by --stdin-filename.
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
    let (files, mut problems) =
        if paths.is_empty() { (Vec::new(), Vec::new()) } else { factlint::corpus::discover(&paths) };
    // A flag or config entry that has no effect is said, not swallowed.
    let warn = |path: String, message: String, help: &str| factlint::corpus::Problem {
        path,
        severity: ProblemSeverity::Warning,
        message,
        help: help.to_string(),
        offset: None,
    };
    for p in paths.iter().filter(|p| p.is_file() && cfg.ignored(p)) {
        problems.push(warn(
            p.display().to_string(),
            "named on the command line, but the config's `ignore` skips it".into(),
            "remove it from `ignore`, or do not name it",
        ));
    }
    let files: Vec<PathBuf> = files.into_iter().filter(|f| !cfg.ignored(f)).collect();
    let dates = dates(common, cfg, &files)?;
    let named: BTreeSet<String> = files
        .iter()
        .map(|f| f.display().to_string())
        .chain(common.stdin_filename.is_some().then(|| stdin_name(common)))
        .collect();
    for d in &common.dates {
        let file = d.rsplit_once('=').map_or(d.as_str(), |(f, _)| f);
        if !named.contains(file) && !named.iter().any(|n| n.trim_start_matches("./") == file.trim_start_matches("./")) {
            problems.push(warn(
                file.to_string(),
                "--date names a file that is not among the documents checked".into(),
                "give the path as factlint lists it, or check that file",
            ));
        }
    }
    let config_dates = cfg.dates();
    let canon: BTreeSet<PathBuf> = if config_dates.is_empty() {
        BTreeSet::new()
    } else {
        files.iter().map(|f| f.canonicalize().unwrap_or_else(|_| f.clone())).collect()
    };
    for p in config_dates.keys().filter(|p| !canon.contains(*p)) {
        if paths.iter().any(|root| p.starts_with(root.canonicalize().unwrap_or_else(|_| root.clone()))) {
            problems.push(warn(
                p.display().to_string(),
                "the config's `dates:` names a file that is not among the documents checked".into(),
                "fix the path (relative to the config file) or remove the entry",
            ));
        }
    }
    if common.stdin_filename.is_some() && !stdin {
        problems.push(warn(
            "--stdin-filename".into(),
            "--stdin-filename has no effect without `-` among the paths".into(),
            "add `-` to read standard input",
        ));
    }
    let (mut docs, more) = factlint::pipeline::load_documents(&files, &dates);
    problems.extend(more);
    if stdin {
        let name = stdin_name(common);
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .map_err(|e| miette::miette!("cannot read standard input: {e}"))?;
        let date = dates.get(&name).copied();
        match factlint::corpus::from_bytes(&name, bytes, date) {
            Ok(d) => docs.push(d),
            Err(p) => problems.push(p),
        }
    }
    Ok((docs, problems))
}

fn run(cli: Cli) -> miette::Result<u8> {
    if !matches!(cli.command, Command::Lsp) {
        factlint::pipeline::batch_memory();
    }
    match cli.command {
        Command::Check(args) => check(args),
        Command::Facts { paths, common, format } => {
            if paths.is_empty() {
                miette::bail!(help = "e.g. factlint facts seeds/", "give at least one file or folder");
            }
            let cfg = load_config(&common)?;
            let rules = load_rules(&common, &cfg)?;
            let (docs, mut problems) = documents(&paths, &common, &cfg)?;
            let mut cache = open_cache(&common, &rules, &mut problems);
            let a = factlint::pipeline::analyse_cached(docs, problems, &rules, &|| {}, cache.as_mut());
            for p in &a.problems {
                eprint!("{}", report::human::render_problem(p, color_ok(std::io::stderr().is_terminal())));
            }
            let facts = a.facts.by_document(a.docs.len());
            if matches!(format, FactsFormat::Table) {
                // Say how many, and where to look when there are none.
                let n: usize = facts.iter().map(|f| f.len()).sum();
                let with = facts.iter().filter(|f| !f.is_empty()).count();
                eprintln!(
                    "factlint: {n} fact{} in {with} of {} document{}",
                    if n == 1 { "" } else { "s" },
                    a.docs.len(),
                    if a.docs.len() == 1 { "" } else { "s" }
                );
                if n == 0 && !a.docs.is_empty() {
                    eprintln!(
                        "  a fact needs a clause the packs or the parse can read: a status, a state, a negated act, a \
                         count or a dated past act about a named subject; `factlint parse FILE` shows how a \
                         sentence was read"
                    );
                }
            }
            print(&match format {
                FactsFormat::Table => report::facts::render_table(&a.docs, &facts),
                FactsFormat::Json => report::facts::render_json(&a.docs, &facts),
                FactsFormat::Jsonl => {
                    // The map step's output: per document its record (what
                    // the reduce step `check --from-facts` reads), then its
                    // facts as this shard resolves them.
                    let mut out = String::new();
                    for (i, d) in a.docs.iter().enumerate() {
                        let mut first = a.extractions[i].clone();
                        first.claims.truncate(a.first_pass_claims[i]);
                        let r = factlint::shard::record(d, first, &rules);
                        out.push_str(&serde_json::to_string(&r).unwrap_or_default());
                        out.push('\n');
                        let mut one: Vec<Vec<&factlint::facts::Fact>> = vec![Vec::new(); a.docs.len()];
                        one[i] = facts[i].clone();
                        out.push_str(&report::facts::render_jsonl(&a.docs, &one));
                    }
                    out
                }
            })?;
            Ok(if a.problems.iter().any(|p| p.severity == ProblemSeverity::Error) { 2 } else { 0 })
        }
        Command::Time { text, reference, bias, all, format } => {
            let bias = Bias::parse(&bias)
                .ok_or_else(|| miette::miette!(help = "use past, future or nearest", "unknown bias {bias}"))?;
            let reference = match reference {
                Some(r) => {
                    let day = r.get(..10).unwrap_or(&r);
                    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
                        miette::miette!(
                            help = "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM",
                            "cannot read --reference {r}"
                        )
                    })?
                }
                None => chrono::Local::now().date_naive(),
            };
            time_command(&text, reference, bias, all, format)
        }
        Command::Parse { input, input_format, score, model } => parse_command(&input, input_format, score, model),
        Command::Init { path } => {
            if path.exists() {
                miette::bail!(
                    help = "edit it, or remove it first to start again",
                    "{} already exists: not overwritten",
                    path.display()
                );
            }
            write_report(&path, factlint::config::TEMPLATE)?;
            eprintln!("factlint: wrote {} (every key commented out; see the README)", path.display());
            Ok(0)
        }
        Command::Rules { common, format } => {
            let cfg = load_config(&common)?;
            let rules = load_rules(&common, &cfg)?;
            if format == RulesFormat::Json {
                let rows: Vec<serde_json::Value> = rules
                    .conflicts
                    .iter()
                    .map(|c| {
                        serde_json::json!({"id": c.id, "kind": c.kind.as_str(), "severity": c.severity.as_str(),
                                           "pack": c.pack, "description": c.description})
                    })
                    .collect();
                print(&(serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"))?;
                return Ok(0);
            }
            let mut s = format!("{:<24} {:<17} {:<8} {:<12} {}\n", "RULE", "KIND", "SEVERITY", "PACK", "DESCRIPTION");
            for c in &rules.conflicts {
                s.push_str(&format!(
                    "{:<24} {:<17} {:<8} {:<12} {}\n",
                    c.id,
                    c.kind.as_str(),
                    c.severity.as_str(),
                    c.pack,
                    c.description
                ));
            }
            print(&s)?;
            Ok(0)
        }
        Command::Lsp => {
            factlint::lsp::run().map_err(|e| miette::miette!("language server: {e}"))?;
            Ok(0)
        }
        Command::Explain { rule, common } => {
            let cfg = load_config(&common)?;
            let rules = load_rules(&common, &cfg)?;
            let text = match rules.conflict(&rule) {
                Some(c) => {
                    let mut s = format!("{} ({}, {}, pack {})\n\n", c.id, c.kind.as_str(), c.severity.as_str(), c.pack);
                    if !c.description.is_empty() {
                        s.push_str(&format!("{}\n\n", c.description));
                    }
                    if let Some(p) = &c.predicate {
                        s.push_str(&format!("Predicate: {p}\n"));
                    }
                    for (a, b) in &c.pairs {
                        s.push_str(&format!("Exclusive: {a} / {b}\n"));
                    }
                    if c.tolerance.days > 0 || c.tolerance.ratio > 0.0 {
                        s.push_str(&format!("Tolerance: {} day(s)\n", c.tolerance.days));
                    }
                    s.push_str(&format!("Message: {}\n\n", c.message));
                    s.push_str(factlint::check::kind_doc(c.kind));
                    s
                }
                None if rule == suppress::UNUSED || rule == suppress::NO_REASON => {
                    format!("{rule} (suppression)\n\n{}", suppress::DOC)
                }
                None => {
                    let known: Vec<&str> = rules.conflicts.iter().map(|c| c.id.as_str()).collect();
                    miette::bail!(help = format!("known rules: {}", known.join(", ")), "no rule named `{rule}`");
                }
            };
            print(&text)?;
            Ok(0)
        }
    }
}

fn check(mut args: CheckArgs) -> miette::Result<u8> {
    let mut records = Vec::new();
    if !args.from_facts.is_empty() {
        records = factlint::shard::read(&args.from_facts).map_err(|m| {
            miette::miette!(help = "give the files `factlint facts PATHS --format jsonl` wrote", "--from-facts: {m}")
        })?;
        args.paths.extend(records.iter().map(|r| PathBuf::from(&r.path)));
    }
    if args.paths.is_empty() {
        miette::bail!(help = "e.g. factlint check seeds/", "give at least one file or folder to check");
    }
    // Outputs: FORMAT or FORMAT:PATH, repeatable; human on stdout by default.
    let mut outputs: Vec<(Format, Option<PathBuf>)> = Vec::new();
    for spec in &args.formats {
        let (name, path) = match spec.split_once(':') {
            Some((n, p)) => (n, Some(PathBuf::from(p))),
            None => (spec.as_str(), None),
        };
        let f = Format::parse(name).ok_or_else(|| {
            miette::miette!(
                help = "formats: human, json, sarif, github, concise (FORMAT or FORMAT:PATH)",
                "unknown format `{name}`"
            )
        })?;
        outputs.push((f, path));
    }
    if outputs.is_empty() {
        outputs.push((Format::Human, None));
    }
    if outputs.iter().filter(|(_, p)| p.is_none()).count() > 1 {
        miette::bail!(
            help = "send the others to files: --format json:report.json --format sarif:report.sarif",
            "only one format can go to standard output (two would run together)"
        );
    }
    let cfg = load_config(&args.common)?;
    let rules = load_rules(&args.common, &cfg)?;
    let mut all_paths = args.paths.clone();
    all_paths.extend(args.against.iter().cloned());
    let mut clock = factlint::pipeline::Stages::start();
    let (docs, mut problems) = documents(&all_paths, &args.common, &cfg)?;
    clock.lap("read");
    let mut cache = None;
    let mut known = None;
    if records.is_empty() {
        cache = open_cache(&args.common, &rules, &mut problems);
    } else {
        let (given, stale) = factlint::shard::preload(std::mem::take(&mut records), &docs, &rules);
        for path in stale {
            problems.push(factlint::corpus::Problem {
                path,
                severity: ProblemSeverity::Warning,
                message: "changed since the map step (or mapped with another build or rule set): extracted again"
                    .into(),
                help: "run the map step again for its shard to spare the work".into(),
                offset: None,
            });
        }
        known = Some(given);
    }

    // A progress bar on a terminal, for runs longer than about a second,
    // only when a person reads stderr and no machine format is on stdout.
    let machine = outputs.iter().any(|(f, p)| p.is_none() && *f != Format::Human);
    let show = std::io::stderr().is_terminal() && !machine && !args.statistics;
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(docs.len() as u64), indicatif::ProgressDrawTarget::hidden());
    let started = std::time::Instant::now();
    let shown = std::sync::atomic::AtomicBool::new(false);
    let tick = || {
        bar.inc(1);
        if show && !shown.load(std::sync::atomic::Ordering::Relaxed) && started.elapsed().as_millis() > 1000 {
            shown.store(true, std::sync::atomic::Ordering::Relaxed);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    };
    // Freed by the process's exit, not one allocation at a time (4% of
    // the CPU of a cached run on 100,000 documents went to dropping it):
    // `check` returns straight to `main`.
    let a = std::mem::ManuallyDrop::new(match known {
        Some(given) => {
            factlint::pipeline::analyse_given(docs, problems, &rules, &tick, given, &mut factlint::pipeline::NoMemo)
        }
        None => factlint::pipeline::analyse_cached(docs, problems, &rules, &tick, cache.as_mut()),
    });
    bar.finish_and_clear();
    let mut clock = factlint::pipeline::Stages::start();

    let err_color = color_ok(std::io::stderr().is_terminal());
    for p in a.problems.iter().filter(|p| !args.quiet || p.severity == ProblemSeverity::Error) {
        eprint!("{}", report::human::render_problem(p, err_color));
    }
    let known: Vec<&str> = rules.conflicts.iter().map(|c| c.id.as_str()).collect();
    let mut findings: Vec<Finding> = suppress::apply(&a.docs, a.findings.clone(), args.require_reason, &known);
    if !args.against.is_empty() && !args.all {
        // Drafts: documents found under PATHS (a draft inside the archive folder is still a draft).
        let files: Vec<PathBuf> = args.paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
        let (draft_files, _) =
            if files.is_empty() { (Vec::new(), Vec::new()) } else { factlint::corpus::discover(&files) };
        let mut drafts: BTreeSet<String> = draft_files.iter().map(|f| f.display().to_string()).collect();
        if files.len() < args.paths.len() {
            drafts.insert(stdin_name(&args.common));
        }
        let ids: BTreeSet<usize> =
            a.docs.iter().enumerate().filter(|(_, d)| drafts.contains(&d.path)).map(|(i, _)| i).collect();
        findings = gate::against(findings, &ids);
    }
    if let Some(path) = &args.baseline {
        let b =
            baseline::read(path).map_err(|m| miette::miette!(help = "write one with --write-baseline FILE", "{m}"))?;
        let (kept, still) = baseline::filter(&a.docs, findings, &b);
        if args.prune_baseline {
            let pruned = baseline::Baseline { version: 1, findings: still };
            baseline::write(path, &pruned)
                .map_err(|e| miette::miette!("cannot write baseline {}: {e}", path.display()))?;
            eprintln!("factlint: baseline {} pruned to {} finding(s)", path.display(), pruned.findings.len());
        }
        findings = kept;
    }
    if let Some(path) = &args.write_baseline {
        baseline::write(path, &baseline::build(&a.docs, &findings))
            .map_err(|e| miette::miette!("cannot write baseline {}: {e}", path.display()))?;
        eprintln!("factlint: wrote {} finding(s) to baseline {}", findings.len(), path.display());
    }

    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let shown = report::passages::bound(&a.docs, &findings, args.max_passages);
    for (format, path) in &outputs {
        let statistics = args.statistics && path.is_none();
        let path = path.as_deref();
        // JSON and SARIF are written as they are made, finding by finding;
        // the text formats are rendered, then written.
        let text = match format {
            _ if statistics => match format {
                Format::Json => report::statistics::render_json(&findings),
                _ => report::statistics::render(&findings),
            },
            Format::Json => {
                emit(path, |w| report::json::write(w, &a.docs, &shown))?;
                continue;
            }
            Format::Sarif => {
                emit(path, |w| report::sarif::write(w, &a.docs, &shown, &rules, &cwd))?;
                continue;
            }
            Format::Human => {
                let color = path.is_none() && color_ok(std::io::stdout().is_terminal());
                if args.quiet {
                    report::human::render_findings(&a.docs, &shown, color)
                } else {
                    report::human::render(&a.docs, &shown, color)
                }
            }
            Format::Github => report::github::render(&a.docs, &shown),
            Format::Concise => report::concise::render(&a.docs, &shown),
        };
        emit(path, |w| w.write_all(text.as_bytes()))?;
    }
    clock.lap("report");
    if a.problems.iter().any(|p| p.severity == ProblemSeverity::Error) {
        return Ok(2);
    }
    let policy = FailPolicy {
        fail_on: match args.fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        },
        max_warnings: args.max_warnings,
    };
    let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
    if let Some(m) = args.max_warnings.filter(|&m| warnings > m) {
        eprintln!("factlint: {warnings} warnings, more than --max-warnings {m}: exit 1");
    }
    Ok(u8::from(policy.fails(&findings)))
}

fn time_command(
    text: &str,
    reference: chrono::NaiveDate,
    bias: Bias,
    all: bool,
    format: TimeFormat,
) -> miette::Result<u8> {
    let day = |d: chrono::NaiveDate| d.to_string();
    if all {
        let rules = rules::load(&[]).map_err(|e| miette::Report::new(*e))?;
        let mentions = factlint::extract::time_mentions(&rules, text, reference);
        let items: Vec<serde_json::Value> = mentions
            .iter()
            .map(|m| {
                serde_json::json!({
                    "text": &text[m.start..m.end],
                    "start": m.start,
                    "end": m.end,
                    "start_date": m.span.map(|s| day(s.start)),
                    "end_date": m.span.map(|s| day(s.end)),
                    "grain": m.span.map(|s| s.grain.as_str()),
                    "open": m.span.and_then(|s| s.open).map(|o| o.as_str()),
                    "bias": m.bias.as_str(),
                })
            })
            .collect();
        print(&(serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"))?;
        return Ok(0);
    }
    match time::resolve_phrase(text, reference, bias) {
        Some(s) => {
            match format {
                TimeFormat::Json => {
                    let v = serde_json::json!({
                        "phrase": text, "start": day(s.start), "end": day(s.end),
                        "grain": s.grain.as_str(), "open": s.open.map(|o| o.as_str()),
                    });
                    print(&(v.to_string() + "\n"))?;
                }
                TimeFormat::Text => print(&format!("{text}: {} to {} ({})\n", s.start, s.end, s.grain.as_str()))?,
            }
            Ok(0)
        }
        None => {
            if let TimeFormat::Json = format {
                let v = serde_json::json!({"phrase": text, "start": null, "end": null, "grain": null, "open": null});
                print(&(v.to_string() + "\n"))?;
            }
            eprintln!("factlint: not a time expression factlint understands: \"{text}\"");
            Ok(1)
        }
    }
}

/// `factlint parse`: the linguistic layer's analysis as CoNLL-U.
fn parse_command(input: &str, format: ParseInput, score: bool, model: Option<PathBuf>) -> miette::Result<u8> {
    use factlint::language::{self, conllu};
    let model: &language::Model = match model {
        Some(p) => {
            let bytes = std::fs::read(&p).map_err(|e| miette::miette!("{}: {e}", p.display()))?;
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            Box::leak(Box::new(
                language::Model::load(bytes)
                    .map_err(|e| miette::miette!(help = "retrain it with factlint-train", "{}: {e}", p.display()))?,
            ))
        }
        None => language::embedded().map_err(|e| miette::miette!("{e}"))?,
    };
    let text = if input == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| miette::miette!("cannot read standard input: {e}"))?;
        s
    } else if Path::new(input).is_file() {
        std::fs::read_to_string(input).map_err(|e| miette::miette!("{input}: {e}"))?
    } else if format == ParseInput::Conllu {
        miette::bail!(help = "give the path of a .conllu file", "{input}: no such file");
    } else {
        input.to_string()
    };
    let mut out = String::new();
    match format {
        ParseInput::Conllu => {
            let gold = conllu::read(&text).map_err(|e| {
                miette::miette!(help = "CoNLL-U has ten tab-separated columns per word", "{input}: {e}")
            })?;
            let pred = language::train::annotate(model, &gold);
            if score {
                out = format!("{}\n", conllu::score(&gold, &pred));
            } else {
                for s in &pred {
                    conllu::write(s, &mut out);
                }
            }
        }
        ParseInput::Text => {
            if score {
                miette::bail!(help = "use --score with --input conllu", "--score needs gold annotations");
            }
            let mut spans = factlint::text::sentences(&text, 0, &Default::default());
            if spans.is_empty() && !text.trim().is_empty() {
                let start = text.len() - text.trim_start().len();
                spans.push(factlint::text::Span::new(start, text.trim_end().len()));
            }
            for (i, s) in model.analyse_text(&text, &spans, language::Depth::Parse).iter().enumerate() {
                conllu::write(&conllu::from_sentence(s, &text, i + 1), &mut out);
            }
        }
    }
    print(&out)?;
    Ok(0)
}
