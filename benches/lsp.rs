//! Editor latency: `factlint lsp` on a workspace of 10,000 generated
//! articles (`cargo bench --bench lsp`, or `-- N` articles), driven over
//! stdio as an editor drives it. Reports the time to load the workspace,
//! then, for a 4 KB article of that archive edited word by word, the
//! milliseconds from each `didChange` to its `publishDiagnostics` (the
//! debounce set to 0, so the figure is the re-check itself), median and
//! p99, and the server's memory. The server is started twice on a fact
//! cache of its own: the first load extracts every article, the second
//! reads them from the cache.

#[path = "common/jsonrpc.rs"]
mod jsonrpc;
#[path = "common/synth.rs"]
mod synth;

use serde_json::{json, Value};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

fn send(stdin: &mut ChildStdin, v: Value) {
    jsonrpc::write(stdin, &v);
}

fn memory_mb(pid: u32, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<f64>().ok()))
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// A 4 KB article: an archive article (so it meets the archive) with real
/// news paragraphs after it (ECB+, when ../shared is beside the checkout),
/// else the generator's own filler.
fn four_kb(base: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external/ecbplus_docs.jsonl");
    let mut text = base.to_string();
    let extra: Vec<String> = std::fs::read_to_string(path)
        .ok()
        .map(|t| {
            t.lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .take(40)
                .collect()
        })
        .unwrap_or_default();
    let mut i = 0;
    while text.len() < 4096 {
        match extra.get(i) {
            Some(p) => text.push_str(&format!("\n\n{}", &p[..p.len().min(4096 - text.len().min(4096) + 1)])),
            None => text.push_str("\n\nAnalysts cautioned that the details remained unclear."),
        }
        i += 1;
    }
    let cut = (0..=4096.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    text.truncate(cut);
    text
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    synth::write_corpus(dir.path(), n, 42);
    let root = dir.path().canonicalize().unwrap();
    let target = root.join("000").join("0000001.txt");
    let base = std::fs::read_to_string(&target).unwrap();
    let draft = four_kb(&base);
    let cache = tempfile::tempdir().unwrap();
    for (run, name) in ["cold", "warm"].iter().enumerate() {
        session(&root, &target, &draft, cache.path(), name, run == 1);
    }
}

fn session(
    root: &std::path::Path,
    target: &std::path::Path,
    draft: &str,
    cache: &std::path::Path,
    name: &str,
    edits: bool,
) {
    let n = std::fs::read_dir(root)
        .map(|d| d.flatten().map(|e| std::fs::read_dir(e.path()).map_or(0, |f| f.count())).sum::<usize>())
        .unwrap_or(0);
    let bin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/factlint");
    let mut child = Command::new(&bin)
        .arg("lsp")
        .env("XDG_CACHE_HOME", cache)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("target/release/factlint (cargo build --release first)");
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let rx = jsonrpc::reader(child.stdout.take().unwrap());
    let root_uri = format!("file://{}", root.display());
    let draft = draft.to_string();
    let uri = format!("file://{}", target.display());

    let started = Instant::now();
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": root_uri, "capabilities": {},
            "initializationOptions": {"debounceMs": 0}}}),
    );
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 0, "text": draft}}}),
    );
    let published = |rx: &Receiver<Value>| -> Value {
        loop {
            let m = rx.recv_timeout(Duration::from_secs(600)).expect("the server answers");
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str() {
                return m;
            }
        }
    };
    let first = published(&rx);
    let load = started.elapsed().as_secs_f64();
    let after_load = memory_mb(pid, "VmRSS:");
    let findings = first["params"]["diagnostics"].as_array().map_or(0, |d| d.len());
    println!(
        "{n} articles, fact cache {name}: workspace loaded and first diagnostics in {load:.2} s; {} KB document, {findings} diagnostics",
        draft.len() / 1024
    );
    if !edits {
        send(&mut stdin, json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
        send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
        let _ = child.wait();
        return;
    }

    // Typing: each edit changes one word of the text (a number, a name, a
    // weekday), and each is waited for before the next.
    let words = ["Monday", "Tuesday", "Wednesday", "Thursday"];
    let mut times = Vec::new();
    for i in 0..200 {
        let text = draft.replacen("Analysts", words[i % words.len()], 1).replacen(
            " said",
            if i % 2 == 0 { " says" } else { " said" },
            1,
        );
        let t = Instant::now();
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": i + 1}, "contentChanges": [{"text": text}]}}),
        );
        let m = published(&rx);
        assert_eq!(m["params"]["version"], json!(i + 1));
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "re-check after didChange (debounce 0, {} edits): median {:.1} ms  p90 {:.1} ms  p99 {:.1} ms  max {:.1} ms",
        times.len(),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        times[times.len() - 1]
    );
    println!(
        "server memory: {:.0} MB after load, {:.0} MB now, peak {:.0} MB",
        after_load,
        memory_mb(pid, "VmRSS:"),
        memory_mb(pid, "VmHWM:")
    );
    send(&mut stdin, json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = child.wait();
}
