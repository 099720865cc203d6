//! JSON-RPC over stdio as the Language Server Protocol frames it
//! (`Content-Length` header, blank line, JSON body): the client side used
//! by tests/lsp.rs and benches/lsp.rs.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, Write};
use std::sync::mpsc::{channel, Receiver};

/// The next message, or `None` when the stream ends.
pub fn read(r: &mut impl BufRead) -> Option<Value> {
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse().ok()?;
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

pub fn write(w: &mut impl Write, v: &Value) {
    let body = v.to_string();
    let _ = write!(w, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = w.flush();
}

/// Every message of `stream`, read on a thread of its own.
pub fn reader(stream: impl std::io::Read + Send + 'static) -> Receiver<Value> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut r = std::io::BufReader::new(stream);
        while let Some(m) = read(&mut r) {
            if tx.send(m).is_err() {
                return;
            }
        }
    });
    rx
}
