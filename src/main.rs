//! The factlint binary: parse arguments, call the stages, print, and turn
//! the outcome into an exit status: 0 no finding at the failing severity,
//! 1 findings at or above it, 2 the run could not be done.

use clap::{Parser, Subcommand, ValueEnum};
use factlint::corpus::ProblemSeverity;
use factlint::report;
use factlint::rules::{self, RuleSet, Severity};
use factlint::time::{self, Bias};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    Check {
        /// Files and folders (.txt, .md, searched recursively).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The lowest severity that makes the exit status 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
    },
    /// Print the facts extracted from documents.
    Facts {
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value_t = FactsFormat::Table)]
        format: FactsFormat,
    },
    /// Resolve a time expression (or, with --all, every one in a sentence).
    Time {
        text: String,
        /// The reference date or time, e.g. 2013-02-12 or 2013-02-12T04:30.
        #[arg(long)]
        reference: Option<String>,
        #[arg(long, default_value = "past")]
        bias: String,
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = TimeFormat::Json)]
        format: TimeFormat,
    },
    /// List every rule of the loaded packs.
    Rules {
        #[command(flatten)]
        common: Common,
    },
}

#[derive(clap::Args)]
struct Common {
    /// Extra rule packs (YAML), after the built-in pack and ./rules/.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Do not load the packs in ./rules/.
    #[arg(long)]
    no_local_rules: bool,
    /// A document's date: --date FILE=YYYY-MM-DD.
    #[arg(long = "date", value_name = "FILE=DATE")]
    dates: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FactsFormat {
    Table,
    Json,
    Jsonl,
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

fn load_rules(c: &Common) -> miette::Result<RuleSet> {
    let mut packs = Vec::new();
    if !c.no_local_rules {
        packs.extend(rules::packs_in_dir(std::path::Path::new("rules")));
    }
    packs.extend(c.rules.iter().cloned());
    rules::load(&packs).map_err(|e| miette::Report::new(*e))
}

fn parse_dates(c: &Common) -> miette::Result<BTreeMap<String, chrono::NaiveDate>> {
    let mut out = BTreeMap::new();
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

fn print(s: &str) {
    // A closed pipe (`factlint check | head`) is not an error.
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

fn color_ok(stream_is_tty: bool) -> bool {
    stream_is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn run(cli: Cli) -> miette::Result<u8> {
    match cli.command {
        Command::Check { paths, common, format, fail_on } => {
            if paths.is_empty() {
                miette::bail!(help = "e.g. factlint check seeds/", "give at least one file or folder to check");
            }
            let rules = load_rules(&common)?;
            let dates = parse_dates(&common)?;
            let (docs, problems) = factlint::pipeline::load_documents(&paths, &dates);
            let a = factlint::pipeline::analyse(docs, problems, &rules);
            let err_color = color_ok(std::io::stderr().is_terminal());
            for p in &a.problems {
                eprint!("{}", report::human::render_problem(p, err_color));
            }
            match format {
                Format::Human => {
                    print(&report::human::render(&a.docs, &a.findings, color_ok(std::io::stdout().is_terminal())))
                }
                Format::Json => print(&report::json::render(&a.docs, &a.findings)),
            }
            if a.problems.iter().any(|p| p.severity == ProblemSeverity::Error) {
                return Ok(2);
            }
            let threshold = match fail_on {
                FailOn::Error => Some(Severity::Error),
                FailOn::Warning => Some(Severity::Warning),
                FailOn::Never => None,
            };
            let failing = threshold.is_some_and(|t| a.findings.iter().any(|f| f.severity >= t));
            Ok(u8::from(failing))
        }
        Command::Facts { paths, common, format } => {
            if paths.is_empty() {
                miette::bail!(help = "e.g. factlint facts seeds/", "give at least one file or folder");
            }
            let rules = load_rules(&common)?;
            let dates = parse_dates(&common)?;
            let (docs, problems) = factlint::pipeline::load_documents(&paths, &dates);
            let a = factlint::pipeline::analyse(docs, problems, &rules);
            for p in &a.problems {
                eprint!("{}", report::human::render_problem(p, color_ok(std::io::stderr().is_terminal())));
            }
            print(&match format {
                FactsFormat::Table => report::facts::render_table(&a.docs, &a.facts),
                FactsFormat::Json => report::facts::render_json(&a.docs, &a.facts),
                FactsFormat::Jsonl => report::facts::render_jsonl(&a.docs, &a.facts),
            });
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
        Command::Rules { common } => {
            let rules = load_rules(&common)?;
            let mut s = String::new();
            for c in &rules.conflicts {
                s.push_str(&format!(
                    "{:<24} {:<16} {:<8} {:<12} {}\n",
                    c.id,
                    c.kind.as_str(),
                    c.severity.as_str(),
                    c.pack,
                    c.description
                ));
            }
            print(&s);
            Ok(0)
        }
    }
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
        print(&(serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"));
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
                    print(&(v.to_string() + "\n"));
                }
                TimeFormat::Text => print(&format!("{text}: {} to {} ({})\n", s.start, s.end, s.grain.as_str())),
            }
            Ok(0)
        }
        None => {
            if let TimeFormat::Json = format {
                let v = serde_json::json!({"phrase": text, "start": null, "end": null, "grain": null, "open": null});
                print(&(v.to_string() + "\n"));
            }
            eprintln!("factlint: not a time expression factlint understands: \"{text}\"");
            Ok(1)
        }
    }
}
