//! Gives the binary an engine id: a hash of every source file under src/
//! (the embedded model and pack included). The fact cache keys entries by
//! it, so a build whose extraction could differ never reads another
//! build's facts.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-env-changed=FACTLINT_PIN_ENGINE");
    // For profiling a cached run across builds that do not change what is
    // extracted: the id is taken as given. Never set it for a build that
    // is handed to users.
    if let Ok(pinned) = std::env::var("FACTLINT_PIN_ENGINE") {
        println!("cargo:rustc-env=FACTLINT_ENGINE={pinned}");
        return;
    }
    println!("cargo:rerun-if-changed=rules/generic-en.yaml");
    let mut all = Vec::new();
    files(Path::new("src"), &mut all);
    all.push(PathBuf::from("rules/generic-en.yaml"));
    all.sort();
    // FNV-1a, 64 bits, over each path and its bytes.
    let mut h: u64 = 0xcbf29ce484222325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
    };
    for p in &all {
        eat(p.to_string_lossy().as_bytes());
        eat(&[0]);
        eat(&std::fs::read(p).unwrap_or_default());
        eat(&[0]);
    }
    println!("cargo:rustc-env=FACTLINT_ENGINE={}-{h:016x}", std::env::var("CARGO_PKG_VERSION").unwrap_or_default());
}
