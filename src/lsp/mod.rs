//! `factlint lsp`: a language server over stdio. A thin layer over the
//! library: the archive is a [`Workspace`], a document is checked with
//! [`Workspace::check`]; this module only speaks the protocol.
//!
//! - On `initialize` the workspace folders are loaded in the background
//!   (same discovery, config, packs and ignores as `check`), with
//!   `$/progress`; requests are answered while it loads.
//! - Open documents are checked when opened and, debounced, when changed.
//! - Hover shows the facts read at a position; code actions suppress a
//!   finding on its line, or replace a misspelt name with the archive's
//!   most common spelling.
//! - Watched files: an archive document added, changed or removed updates
//!   the workspace; a change to the config or a pack reloads everything.
//! - Bad input never ends the server: a pack that does not load is a
//!   diagnostic on the pack, an unreadable file a log message, a request
//!   with bad parameters an error response.

pub mod actions;
pub mod convert;
pub mod position;

use crate::config::{self, Config};
use crate::corpus::{self, Document};
use crate::rules::{self, RuleSet};
use crate::workspace::{DocCheck, Workspace};
use crossbeam_channel::{after, never, select, unbounded, Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

/// What the loader thread sends back.
enum Loaded {
    /// The archive, and what could not be read of it (a binary or
    /// non-UTF-8 file), for the log.
    Ready(Box<Workspace>, Vec<corpus::Problem>),
    /// The config or a pack does not load: (file, byte offset, message).
    Failed(PathBuf, usize, String, String),
}

struct Open {
    path: PathBuf,
    text: String,
    version: i32,
    /// When a change waits to be checked.
    due: Option<Instant>,
    last: Option<DocCheck>,
}

struct Server {
    sender: Sender<Message>,
    /// The workspace folders (the first holds the config and `rules/`).
    roots: Vec<PathBuf>,
    workspace: Option<Workspace>,
    loading: Option<Receiver<Loaded>>,
    open: BTreeMap<String, Open>,
    debounce: Duration,
    progress: bool,
    docs_dir: Option<PathBuf>,
    /// Files that hold a config or pack diagnostic now.
    rule_diagnostics: Vec<Uri>,
    next_id: i32,
}

/// Run the server on stdin/stdout until the client says exit (or goes).
pub fn run() -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io.join().map_err(|e| e.to_string())
}

/// The server on any connection (tests use an in-memory one).
pub fn serve(connection: &Connection) -> Result<(), String> {
    let caps = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    };
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let init: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = InitializeResult {
        capabilities: caps,
        server_info: Some(ServerInfo { name: "factlint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    };
    connection.initialize_finish(id, serde_json::to_value(result).unwrap_or_default()).map_err(|e| e.to_string())?;
    let debounce =
        init.initialization_options.as_ref().and_then(|o| o.get("debounceMs")).and_then(|v| v.as_u64()).unwrap_or(150);
    #[allow(deprecated)]
    let mut roots: Vec<PathBuf> = match &init.workspace_folders {
        Some(f) if !f.is_empty() => f.iter().filter_map(|f| convert::path_of(&f.uri)).collect(),
        _ => init.root_uri.iter().filter_map(convert::path_of).collect(),
    };
    if roots.is_empty() {
        roots.extend(std::env::current_dir().ok());
    }
    let caps = &init.capabilities;
    let progress = caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false);
    let watch = caps
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let mut s = Server {
        sender: connection.sender.clone(),
        roots,
        workspace: None,
        loading: None,
        open: BTreeMap::new(),
        debounce: Duration::from_millis(debounce),
        progress,
        docs_dir: rule_docs(),
        rule_diagnostics: Vec::new(),
        next_id: 0,
    };
    if watch {
        s.watch_files();
    }
    s.load();
    s.main_loop(connection)
}

/// Each rule's documentation as a Markdown file (the diagnostics' links):
/// written once per version under the temporary folder.
fn rule_docs() -> Option<PathBuf> {
    let dir = std::env::temp_dir().join(format!("factlint-{}-rules", env!("CARGO_PKG_VERSION")));
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir)
}

impl Server {
    fn send(&self, m: impl Into<Message>) {
        // The client went away: the main loop ends on the closed channel.
        let _ = self.sender.send(m.into());
    }

    fn notify<N: notif::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn request<R: req::Request>(&mut self, params: R::Params) {
        self.next_id += 1;
        self.send(Request::new(RequestId::from(format!("factlint-{}", self.next_id)), R::METHOD.to_string(), params));
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify::<notif::LogMessage>(LogMessageParams { typ, message });
    }

    fn watch_files(&mut self) {
        let watchers = ["**/*.md", "**/*.markdown", "**/*.txt", "**/*.yaml", "**/*.yml"]
            .into_iter()
            .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.into()), kind: None })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        self.request::<req::RegisterCapability>(RegistrationParams {
            registrations: vec![Registration {
                id: "factlint-watch".into(),
                method: notif::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        });
    }

    /// (Re)load the archive in the background.
    fn load(&mut self) {
        let (tx, rx) = unbounded();
        self.loading = Some(rx);
        let roots = self.roots.clone();
        let sender = self.sender.clone();
        let token = NumberOrString::String("factlint-load".into());
        if self.progress {
            self.request::<req::WorkDoneProgressCreate>(WorkDoneProgressCreateParams { token: token.clone() });
        }
        let progress = self.progress;
        std::thread::spawn(move || {
            let report = |p: WorkDoneProgress| {
                if progress {
                    let params = ProgressParams { token: token.clone(), value: ProgressParamsValue::WorkDone(p) };
                    let _ = sender.send(Notification::new(notif::Progress::METHOD.into(), params).into());
                }
            };
            report(WorkDoneProgress::Begin(WorkDoneProgressBegin {
                title: "factlint: reading the archive".into(),
                percentage: Some(0),
                ..Default::default()
            }));
            let loaded = load_workspace(&roots, &|done, all| {
                report(WorkDoneProgress::Report(WorkDoneProgressReport {
                    message: Some(format!("{done}/{all} documents")),
                    percentage: Some((done * 100 / all.max(1)) as u32),
                    ..Default::default()
                }))
            });
            report(WorkDoneProgress::End(WorkDoneProgressEnd { message: None }));
            let _ = tx.send(loaded);
        });
    }

    fn main_loop(&mut self, connection: &Connection) -> Result<(), String> {
        loop {
            let next_due = self.open.values().filter_map(|o| o.due).min();
            let timer = match next_due {
                Some(t) => after(t.saturating_duration_since(Instant::now())),
                None => never(),
            };
            let loading = self.loading.clone().unwrap_or_else(never);
            select! {
                recv(connection.receiver) -> msg => {
                    let Ok(msg) = msg else { return Ok(()) }; // the client went without shutdown
                    match msg {
                        Message::Request(r) => {
                            if connection.handle_shutdown(&r).map_err(|e| e.to_string())? {
                                return Ok(());
                            }
                            self.on_request(r);
                        }
                        Message::Notification(n) => {
                            if n.method == notif::Exit::METHOD {
                                return Ok(());
                            }
                            self.on_notification(n);
                        }
                        Message::Response(_) => {}
                    }
                }
                recv(loading) -> loaded => {
                    self.loading = None;
                    if let Ok(l) = loaded {
                        self.on_loaded(l);
                    }
                }
                recv(timer) -> _ => {}
            }
            self.check_due();
        }
    }

    fn on_loaded(&mut self, l: Loaded) {
        for uri in std::mem::take(&mut self.rule_diagnostics) {
            self.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams {
                uri,
                diagnostics: vec![],
                version: None,
            });
        }
        match l {
            Loaded::Ready(w, problems) => {
                for p in problems {
                    let typ = match p.severity {
                        corpus::ProblemSeverity::Error => MessageType::WARNING,
                        corpus::ProblemSeverity::Warning => MessageType::INFO,
                    };
                    self.log(typ, format!("factlint: {}: {}", p.path, p.message));
                }
                self.log(MessageType::INFO, format!("factlint: {} archive documents read", w.len()));
                if let Some(dir) = &self.docs_dir {
                    for c in &w.rules().conflicts {
                        let _ = std::fs::write(dir.join(format!("{}.md", c.id)), crate::check::kind_doc(c.kind));
                    }
                }
                self.workspace = Some(*w);
                let now = Instant::now();
                for o in self.open.values_mut() {
                    o.due = Some(now);
                }
            }
            Loaded::Failed(file, offset, text, message) => {
                self.workspace = None;
                self.log(MessageType::ERROR, format!("factlint: {}: {message}", file.display()));
                let Some(uri) = convert::uri_of(&file) else { return };
                // From the place to the end of its line.
                let end = text.get(offset..).and_then(|t| t.find('\n')).map_or(text.len(), |e| offset + e);
                let range = position::LineIndex::new(&text).range(offset, end);
                let d = Diagnostic {
                    range,
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("factlint".into()),
                    message,
                    ..Default::default()
                };
                self.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams {
                    uri: uri.clone(),
                    diagnostics: vec![d],
                    version: None,
                });
                self.rule_diagnostics.push(uri);
            }
        }
    }

    fn on_notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                let Ok(p) = n.extract::<DidOpenTextDocumentParams>(notif::DidOpenTextDocument::METHOD) else { return };
                let Some(path) = convert::path_of(&p.text_document.uri) else { return };
                let key = p.text_document.uri.as_str().to_string();
                let o = Open {
                    path,
                    text: p.text_document.text,
                    version: p.text_document.version,
                    due: Some(Instant::now()),
                    last: None,
                };
                self.open.insert(key, o);
            }
            notif::DidChangeTextDocument::METHOD => {
                let Ok(p) = n.extract::<DidChangeTextDocumentParams>(notif::DidChangeTextDocument::METHOD) else {
                    return;
                };
                let debounce = self.debounce;
                let Some(o) = self.open.get_mut(p.text_document.uri.as_str()) else { return };
                for c in p.content_changes {
                    match c.range {
                        // Full sync is what the server asks for; a range
                        // is applied all the same.
                        Some(r) => {
                            let ix = position::LineIndex::new(&o.text);
                            let (a, b) = (ix.offset(r.start), ix.offset(r.end));
                            let (a, b) = (a.min(b), a.max(b));
                            o.text.replace_range(a..b, &c.text);
                        }
                        None => o.text = c.text,
                    }
                }
                o.version = p.text_document.version;
                o.due = Some(Instant::now() + debounce);
            }
            notif::DidCloseTextDocument::METHOD => {
                let Ok(p) = n.extract::<DidCloseTextDocumentParams>(notif::DidCloseTextDocument::METHOD) else {
                    return;
                };
                if self.open.remove(p.text_document.uri.as_str()).is_some() {
                    self.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: vec![],
                        version: None,
                    });
                }
            }
            notif::DidChangeWatchedFiles::METHOD => {
                let Ok(p) = n.extract::<DidChangeWatchedFilesParams>(notif::DidChangeWatchedFiles::METHOD) else {
                    return;
                };
                self.on_files_changed(p.changes);
            }
            _ => {}
        }
    }

    fn on_files_changed(&mut self, changes: Vec<FileEvent>) {
        let mut reload = false;
        for ch in changes {
            let Some(path) = convert::path_of(&ch.uri) else { continue };
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if config::FILE_NAMES.contains(&name) || matches!(ext, "yaml" | "yml") {
                reload = true;
                continue;
            }
            if !matches!(ext, "md" | "markdown" | "txt") {
                continue;
            }
            let Some(w) = self.workspace.as_mut() else { continue };
            let key = path.display().to_string();
            if ch.typ == FileChangeType::DELETED {
                w.remove(&key);
                continue;
            }
            match corpus::read(&path, None) {
                Ok((doc, _)) => w.upsert(doc),
                Err(p) => {
                    w.remove(&key);
                    self.log(MessageType::WARNING, format!("factlint: {}: {}", p.path, p.message));
                }
            }
        }
        if reload {
            self.workspace = None;
            self.load();
        }
        let now = Instant::now();
        for o in self.open.values_mut() {
            o.due = Some(now);
        }
    }

    fn on_request(&mut self, r: Request) {
        let result = match r.method.as_str() {
            req::HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(r.params) {
                Ok(p) => Ok(serde_json::to_value(self.hover(&p)).unwrap_or_default()),
                Err(e) => Err((ErrorCode::InvalidParams, e.to_string())),
            },
            req::CodeActionRequest::METHOD => match serde_json::from_value::<CodeActionParams>(r.params) {
                Ok(p) => Ok(serde_json::to_value(self.code_actions(&p)).unwrap_or_default()),
                Err(e) => Err((ErrorCode::InvalidParams, e.to_string())),
            },
            m => Err((ErrorCode::MethodNotFound, format!("factlint does not answer {m}"))),
        };
        let response = match result {
            Ok(v) => Response::new_ok(r.id, v),
            Err((code, message)) => Response::new_err(r.id, code as i32, message),
        };
        self.send(response);
    }

    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let o = self.open.get(p.text_document_position_params.text_document.uri.as_str())?;
        let c = o.last.as_ref()?;
        let doc = &c.docs[c.doc];
        let ix = position::LineIndex::new(&doc.text);
        let at = ix.offset(p.text_document_position_params.position);
        let all = c.facts.by_document(c.docs.len());
        let here: Vec<&crate::facts::Fact> =
            all.get(c.doc)?.iter().copied().filter(|f| f.claim.span.start <= at && at <= f.claim.span.end).collect();
        let span = here.iter().map(|f| f.claim.span).reduce(|a, b| a.cover(&b))?;
        let mut per_doc: Vec<Vec<&crate::facts::Fact>> = vec![Vec::new(); c.docs.len()];
        per_doc[c.doc] = here;
        let md = crate::report::facts::render_markdown(&c.docs, &per_doc);
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: md }),
            range: Some(ix.range(span.start, span.end)),
        })
    }

    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(o) = self.open.get(p.text_document.uri.as_str()) else { return Vec::new() };
        let Some(c) = o.last.as_ref() else { return Vec::new() };
        actions::for_range(&p.text_document.uri, c, p.range)
    }

    /// Check every open document whose change is due, and publish.
    fn check_due(&mut self) {
        let now = Instant::now();
        let Some(w) = self.workspace.as_ref() else { return };
        let due: Vec<String> =
            self.open.iter().filter(|(_, o)| o.due.is_some_and(|d| d <= now)).map(|(k, _)| k.clone()).collect();
        for key in due {
            let Some(o) = self.open.get_mut(&key) else { continue };
            o.due = None;
            // As `check` skips it: no article runs to 10 MB, and checking
            // one would hold the editor's answers for its whole time.
            if o.text.len() as u64 > corpus::MAX_DOCUMENT_BYTES {
                o.last = None;
                let message = format!(
                    "factlint: {} is over {} MB: not checked",
                    o.path.display(),
                    corpus::MAX_DOCUMENT_BYTES >> 20
                );
                let _ = self.sender.send(
                    Notification::new(
                        notif::LogMessage::METHOD.into(),
                        LogMessageParams { typ: MessageType::WARNING, message },
                    )
                    .into(),
                );
                if let Ok(uri) = Uri::from_str(&key) {
                    let params = PublishDiagnosticsParams { uri, diagnostics: vec![], version: Some(o.version) };
                    let _ =
                        self.sender.send(Notification::new(notif::PublishDiagnostics::METHOD.into(), params).into());
                }
                continue;
            }
            let doc = document(&o.path, o.text.clone(), w.document(&o.path.display().to_string()));
            let checked = w.check(doc);
            let docs_dir = self.docs_dir.clone();
            let href = |rule: &str| docs_dir.as_ref().and_then(|d| convert::uri_of(&d.join(format!("{rule}.md"))));
            let diagnostics = convert::diagnostics(&checked.docs, checked.doc, &checked.findings, &href);
            let version = Some(o.version);
            o.last = Some(checked);
            let Ok(uri) = Uri::from_str(&key) else { continue };
            let _ = self.sender.send(
                Notification::new(
                    notif::PublishDiagnostics::METHOD.into(),
                    PublishDiagnosticsParams { uri, diagnostics, version },
                )
                .into(),
            );
        }
    }
}

/// An open document as the engine sees it: its text under its path, dated
/// as the archive dated it when the text itself gives no date.
fn document(path: &Path, text: String, archived: Option<&Document>) -> Document {
    let d = Document::from_text(&path.display().to_string(), text, None);
    match archived {
        Some(a) if d.date.is_none() && a.date.is_some() => {
            Document::from_text(&path.display().to_string(), d.text, a.date)
        }
        _ => d,
    }
}

/// Config, packs and documents of a workspace folder, as `check` finds
/// them when run from it.
fn load_workspace(roots: &[PathBuf], tick: &(dyn Fn(usize, usize) + Sync)) -> Loaded {
    let root = roots.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let cfg = match config::discover(&root).map(|p| Config::load(&p)) {
        Some(Ok(c)) => c,
        Some(Err(e)) => return failed_config(*e),
        None => Config::none(),
    };
    let rules = match project_rules(&root, &cfg) {
        Ok(r) => r,
        Err(e) => return failed_rules(*e),
    };
    let (files, mut problems) = corpus::discover(roots);
    let files: Vec<PathBuf> = files.into_iter().filter(|f| !cfg.ignored(f)).collect();
    let from_config = cfg.dates();
    let dates = files
        .iter()
        .filter_map(|f| {
            let canon = f.canonicalize().unwrap_or_else(|_| f.clone());
            from_config.get(&canon).map(|d| (f.display().to_string(), *d))
        })
        .collect();
    let (docs, more) = crate::pipeline::load_documents(&files, &dates);
    problems.extend(more);
    let all = docs.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let step = (all / 20).max(1);
    // The user's fact cache, as `check` uses it: a folder read before
    // loads in a fraction of the time.
    let mut cache = crate::cache::default_dir().and_then(|d| crate::cache::Cache::open(&d, &rules).ok());
    if let Some((c, Some(p))) = &cache {
        problems.push(corpus::Problem {
            path: c.path.display().to_string(),
            severity: corpus::ProblemSeverity::Warning,
            message: format!("fact cache: {}", p.message),
            help: String::new(),
            offset: None,
        });
    }
    let w = Workspace::new_cached(
        docs,
        rules,
        &|| {
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n.is_multiple_of(step) {
                tick(n, all);
            }
        },
        cache.as_mut().map(|(c, _)| c),
    );
    Loaded::Ready(Box::new(w), problems)
}

/// The built-in pack, the folder's `rules/` packs and the config's.
pub fn project_rules(root: &Path, cfg: &Config) -> Result<RuleSet, Box<rules::RuleError>> {
    let mut packs = Vec::new();
    if cfg.local_rules() {
        packs.extend(rules::packs_in_dir(&root.join("rules")));
    }
    packs.extend(cfg.packs());
    let mut rs = rules::load(&packs)?;
    if let Err(e) = cfg.apply(&mut rs) {
        let (name, offset, text) = source_of(&e.src, e.span.map(|s| s.offset()));
        return Err(Box::new(rules::RuleError {
            message: e.message.clone(),
            src: miette::NamedSource::new(name, text),
            span: Some((offset, 1).into()),
            label: "here".into(),
            help: Some(e.help.clone()),
        }));
    }
    Ok(rs)
}

fn source_of(src: &miette::NamedSource<String>, offset: Option<usize>) -> (String, usize, String) {
    (src.name().to_string(), offset.unwrap_or(0), src.inner().clone())
}

fn failed_rules(e: rules::RuleError) -> Loaded {
    let (name, offset, text) = source_of(&e.src, e.span.map(|s| s.offset()));
    let message = match &e.help {
        Some(h) => format!("{} ({}): {h}", e.message, e.label),
        None => e.message.clone(),
    };
    Loaded::Failed(PathBuf::from(name), offset, text, message)
}

fn failed_config(e: config::ConfigError) -> Loaded {
    let (name, offset, text) = source_of(&e.src, e.span.map(|s| s.offset()));
    Loaded::Failed(PathBuf::from(name), offset, text, format!("{}: {}", e.message, e.help))
}
