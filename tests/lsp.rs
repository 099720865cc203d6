//! `factlint lsp` driven over stdio with real JSON-RPC, as an editor
//! drives it: initialize on a workspace folder, open a draft that
//! contradicts an article there, read the diagnostics with their related
//! passage, hover, apply a code action, edit the claim away, reload on a
//! changed pack, and survive bad input.

mod common;
#[path = "../benches/common/jsonrpc.rs"]
mod jsonrpc;
use serde_json::{json, Value};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

const ARCHIVE: &str =
    " date 2025-03-04\n\nThe Harbour Authority approved the bridge repairs on Monday, officials said. \
Mayor Teodor Vanek visited the site.\n\nTeodor Vanek said repairs would take weeks.\n";

/// Curly quotes, an accent and an emoji before the misspelt name: the
/// protocol counts UTF-16 units, not bytes.
const DRAFT: &str = " date 2025-03-04\n\n\u{201c}Caf\u{e9}\u{201d} \u{1f600} Mayor Teodor Vanec said on Tuesday \
that the Harbour Authority has not approved the bridge repairs.\n";

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next: i64,
    /// Notifications read while waiting for something else.
    seen: Vec<Value>,
}

impl Client {
    fn start(root: &std::path::Path, caps: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let rx = jsonrpc::reader(child.stdout.take().unwrap());
        let stdin = child.stdin.take();
        let mut c = Client { child, stdin, rx, next: 0, seen: Vec::new() };
        let uri = uri(root);
        let r = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "news"}],
                "capabilities": caps,
                "initializationOptions": {"debounceMs": 20},
            }),
        );
        assert!(r["result"]["capabilities"]["hoverProvider"].as_bool().unwrap(), "{r}");
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, v: Value) {
        jsonrpc::write(self.stdin.as_mut().unwrap(), &v);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Next message from the server; server requests are answered (null).
    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.checked_duration_since(Instant::now())?;
        let m = self.rx.recv_timeout(left).ok()?;
        if m.get("method").is_some() && m.get("id").is_some() {
            let id = m["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
        }
        Some(m)
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + Duration::from_secs(60);
        while let Some(m) = self.recv(deadline) {
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m;
            }
            self.seen.push(m);
        }
        panic!("no response to {method}");
    }

    /// The next diagnostics published for `uri` that satisfy `ok`.
    fn diagnostics(&mut self, uri: &str, ok: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut last = None;
        loop {
            let m = match self.seen.iter().position(|m| is_diagnostics(m, uri)) {
                Some(i) => self.seen.remove(i),
                None => match self.recv(deadline) {
                    Some(m) if is_diagnostics(&m, uri) => m,
                    Some(m) => {
                        self.seen.push(m);
                        continue;
                    }
                    None => panic!("no diagnostics as expected for {uri}; last: {last:?}"),
                },
            };
            let d = m["params"]["diagnostics"].as_array().unwrap().clone();
            if ok(&d) {
                return d;
            }
            last = Some(d);
        }
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", json!(null));
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", json!(null));
        let status = wait(&mut self.child);
        assert!(status.success());
    }
}

fn wait(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn is_diagnostics(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

fn uri(p: &std::path::Path) -> String {
    let s = p.canonicalize().unwrap().display().to_string();
    format!("file://{}", s.replace(' ', "%20"))
}

fn codes(d: &[Value]) -> Vec<String> {
    let mut c: Vec<String> = d.iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect();
    c.sort();
    c
}

/// Applies LSP text edits (UTF-16 positions) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let (line, ch) = (p["line"].as_u64().unwrap() as usize, p["character"].as_u64().unwrap() as usize);
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut out = text.to_string();
    let mut es: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap().into()))
        .collect();
    es.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (a, b, t) in es {
        out.replace_range(a..b, &t);
    }
    out
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("archive.txt"), ARCHIVE).unwrap();
    dir
}

#[test]
fn diagnostics_hover_code_action_and_edit() {
    let dir = workspace();
    let mut c = Client::start(dir.path(), json!({"window": {"workDoneProgress": true}}));
    let draft = format!("{}/draft.md", uri(dir.path()));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": draft, "languageId": "markdown", "version": 1, "text": DRAFT}}),
    );
    let d = c.diagnostics(&draft, |d| d.len() == 2);
    assert_eq!(codes(&d), ["act-negation", "name-spelling"]);
    // Loading the folder reported progress, begin to end.
    let kinds: Vec<&str> = c
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress")
        .filter_map(|m| m["params"]["value"]["kind"].as_str())
        .collect();
    assert_eq!(kinds.first(), Some(&"begin"));
    assert_eq!(kinds.last(), Some(&"end"));

    let spelling = d.iter().find(|d| d["code"] == "name-spelling").unwrap();
    // “Café” 😀 Mayor  = 1 + 4 + 1 + 1 + 2 + 1 + 6 UTF-16 units.
    assert_eq!(spelling["range"]["start"], json!({"line": 2, "character": 16}));
    assert_eq!(spelling["range"]["end"], json!({"line": 2, "character": 28}));
    assert_eq!(spelling["severity"], 2);
    assert!(spelling["codeDescription"]["href"].as_str().unwrap().ends_with("/name-spelling.md"));
    let related = spelling["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 2, "{related:?}");
    for r in related {
        assert!(r["location"]["uri"].as_str().unwrap().ends_with("/archive.txt"));
        assert!(r["message"].as_str().unwrap().contains("\"Teodor Vanek\""), "{r}");
    }
    assert_eq!(related[0]["location"]["range"]["start"], json!({"line": 2, "character": 83}));
    let negation = d.iter().find(|d| d["code"] == "act-negation").unwrap();
    assert_eq!(negation["severity"], 1);
    let rel = &negation["relatedInformation"][0];
    assert_eq!(rel["location"]["range"]["start"], json!({"line": 2, "character": 4}));
    assert!(rel["message"].as_str().unwrap().contains("2025-03-04"), "{rel}");

    // Hover on the denial shows the fact read there.
    let h = c
        .request("textDocument/hover", json!({"textDocument": {"uri": draft}, "position": negation["range"]["start"]}));
    let md = h["result"]["contents"]["value"].as_str().unwrap_or_default().to_string();
    assert!(md.contains("polarity: negative (\"not\")"), "{md}");
    assert!(md.contains("approve"), "{md}");
    assert!(md.contains("valid:"), "{md}");
    // Nothing read at the date line.
    let none = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(none["result"], json!(null));

    // The archive's spelling, as a code action; applying it clears the
    // spelling finding and keeps the other.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": draft}, "range": spelling["range"], "context": {"diagnostics": [spelling]}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let fix = actions.iter().find(|a| a["title"].as_str().unwrap().starts_with("Spell it")).expect("a spelling fix");
    assert_eq!(fix["title"], "Spell it \"Teodor Vanek\", as the archive does");
    assert!(actions.iter().any(|a| a["title"] == "Suppress name-spelling on this line"));
    let fixed = apply(DRAFT, fix["edit"]["changes"][&draft].as_array().unwrap());
    assert!(fixed.contains("Mayor Teodor Vanek said"));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let d = c.diagnostics(&draft, |d| d.len() == 1);
    assert_eq!(codes(&d), ["act-negation"]);

    // Suppressing the negation on its line (with the comment the action
    // inserts) clears it.
    let neg = d[0].clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": draft}, "range": neg["range"], "context": {"diagnostics": [neg]}}),
    );
    let sup = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Suppress act-negation on this line")
        .unwrap()
        .clone();
    let suppressed = apply(&fixed, sup["edit"]["changes"][&draft].as_array().unwrap());
    assert!(suppressed.contains("<!-- factlint-disable-next-line act-negation -- reason:"), "{suppressed}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 3}, "contentChanges": [{"text": suppressed}]}),
    );
    c.diagnostics(&draft, |d| d.is_empty());

    // An edit that takes the claim away clears it too.
    let without = fixed.replace("has not approved", "has approved");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 4}, "contentChanges": [{"text": without}]}),
    );
    c.diagnostics(&draft, |d| d.is_empty());
    c.shutdown();
}

#[test]
fn archive_files_and_packs_are_watched() {
    let dir = tempfile::tempdir().unwrap();
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let mut c = Client::start(dir.path(), caps);
    let draft = format!("{}/draft.md", uri(dir.path()));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": draft, "languageId": "markdown", "version": 1, "text": DRAFT}}),
    );
    c.diagnostics(&draft, |d| d.is_empty());
    // The server asked to be told of file changes.
    assert!(c.seen.iter().any(|m| m["method"] == "client/registerCapability"));

    // An article added to the archive on disk.
    std::fs::write(dir.path().join("archive.txt"), ARCHIVE).unwrap();
    let archive = format!("{}/archive.txt", uri(dir.path()));
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": archive, "type": 1}]}));
    c.diagnostics(&draft, |d| d.len() == 2);

    // A pack that does not load: a diagnostic on its line, and no findings
    // until it is fixed.
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    let pack = dir.path().join("rules/local.yaml");
    std::fs::write(&pack, "pack: local\nconflicts:\n  - id: x\n    kind: no-such-kind\n").unwrap();
    let pack_uri = format!("{}/rules/local.yaml", uri(dir.path()));
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": pack_uri, "type": 1}]}));
    let d = c.diagnostics(&pack_uri, |d| !d.is_empty());
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["range"]["start"]["line"], 3, "{d:?}");
    assert!(d[0]["message"].as_str().unwrap().contains("no-such-kind"), "{d:?}");
    // Fixed: the pack's diagnostic is cleared and the draft checked again.
    std::fs::remove_file(&pack).unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": pack_uri, "type": 3}]}));
    c.diagnostics(&pack_uri, |d| d.is_empty());
    c.diagnostics(&draft, |d| d.len() == 2);

    // The article removed: its findings go with it.
    std::fs::remove_file(dir.path().join("archive.txt")).unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": archive, "type": 3}]}));
    c.diagnostics(&draft, |d| d.is_empty());
    c.shutdown();
}

#[test]
fn bad_requests_get_errors_and_a_vanished_client_ends_the_server() {
    let dir = workspace();
    // A file in the archive that is not UTF-8: logged, and the rest read.
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9 au lait\n").unwrap();
    let mut c = Client::start(dir.path(), json!({}));
    let r = c.request("textDocument/hover", json!({"textDocument": 7}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = c.request("textDocument/definition", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // A document of another scheme, or one never opened: no answer, no harm.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "untitled:Untitled-1"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], json!(null));
    // Still serving.
    let draft = format!("{}/draft.md", uri(dir.path()));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": draft, "languageId": "markdown", "version": 1, "text": DRAFT}}),
    );
    c.diagnostics(&draft, |d| d.len() == 2);
    let logged = c
        .seen
        .iter()
        .any(|m| m["method"] == "window/logMessage" && m["params"]["message"].as_str().unwrap().contains("latin1.txt"));
    assert!(logged, "the unreadable file is logged: {:?}", c.seen);
    // A change whose range runs past the end of the text is applied at the
    // end, not a crash.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 99, "character": 0}, "end": {"line": 120, "character": 7}}, "text": "\nMore."}
        ]}),
    );
    c.diagnostics(&draft, |d| d.len() == 2);
    // A document over 10 MB is not checked (as `check` skips it), and said.
    let huge = "word ".repeat(2_200_000);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 3}, "contentChanges": [{"text": huge}]}),
    );
    c.diagnostics(&draft, |d| d.is_empty());
    assert!(c.seen.iter().any(|m| {
        m["method"] == "window/logMessage" && m["params"]["message"].as_str().unwrap().contains("not checked")
    }));
    // The client goes away without shutdown: the server ends.
    drop(c.stdin.take());
    let status = wait(&mut c.child);
    assert!(status.code().is_some(), "ended, not killed");
}

#[test]
fn requests_are_answered_while_the_archive_loads() {
    // An archive that takes a while to read (hundreds of articles in a
    // debug build).
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        let text = ARCHIVE.replace("Monday", ["Monday", "Tuesday", "Wednesday"][i % 3]);
        std::fs::write(dir.path().join(format!("a{i:03}.txt")), format!("{text}\nItem {i}.\n")).unwrap();
    }
    let mut c = Client::start(dir.path(), json!({"window": {"workDoneProgress": true}}));
    let draft = format!("{}/draft.md", uri(dir.path()));
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], json!(null));
    // The answer came before the load ended.
    let ended = c.seen.iter().any(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    assert!(!ended, "the load ended before the hover was answered: no evidence of answering while loading");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": draft, "languageId": "markdown", "version": 1, "text": DRAFT}}),
    );
    c.diagnostics(&draft, |d| d.len() == 2);
    c.shutdown();
}
