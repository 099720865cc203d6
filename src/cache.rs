//! The fact cache: what extraction gave for a document, stored under a
//! hash of everything it depends on (the engine build, the rule set, the
//! document's date and its bytes), so that checking an archive again
//! extracts only the documents that changed.
//!
//! One SQLite file per engine build (`facts-v2-ENGINE.sqlite`, through
//! rusqlite with its bundled library) in the cache folder; another build's
//! file is removed once nothing has written it for a day. SQLite, not an
//! embedded key-value store: several `factlint` runs may share a cache (CI
//! jobs, an editor and a terminal), and SQLite's locking and write-ahead log let them read
//! together and write one after another without corrupting it. Each value
//! is the first-pass extraction in postcard's binary form, in a table with
//! row ids: the key's index then holds only keys (a `WITHOUT ROWID` table,
//! the layout of `facts-v1.sqlite`, keeps each value in its key's record,
//! and SQLite reads a record's overflow pages whole for every comparison of
//! a lookup: 3.2 million reads for 200,000 lookups on a cached archive of
//! 100,000 articles). A file of an older layout is removed.
//!
//! Nothing read from the file is trusted: a file that is not a factlint
//! cache (another application id, another schema) or is damaged is reported
//! and rebuilt; a value that does not decode is a miss. A cache that is busy
//! past a timeout, or a folder that cannot be written, means a run without
//! the cache, never a failed run.

use crate::corpus::Document;
use crate::extract::{DocExtraction, RawClaim};
use crate::rules::RuleSet;
use rayon::prelude::*;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// SQLite's `application_id` of a factlint cache ("FLC1").
const APPLICATION_ID: i32 = 0x464c_4331;
/// Files of earlier layouts, removed when a cache is opened in their folder:
/// every key they hold is of an older engine build.
const OLD_FILES: [&str; 2] = ["facts-v1.sqlite", "facts-v2.sqlite"];
/// The start of the name of every engine build's file.
const PREFIX: &str = "facts-v2-";
/// A file of another engine build that nothing has written for this long
/// is removed when a cache is opened beside it: its keys can never be hit
/// again by this build, and an archive's cache is hundreds of megabytes.
/// (Not at once: two builds may share a folder for a while, a release and
/// a build from source.)
const STALE: Duration = Duration::from_secs(24 * 3600);

/// The cache file of this engine build: one per build, so that upgrading
/// factlint leaves a file to remove whole rather than rows to find.
pub fn file_name() -> String {
    let engine: String =
        ENGINE.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect();
    format!("{PREFIX}{engine}.sqlite")
}

/// Removes the files in `dir` of other engine builds not written for
/// [`STALE`] (with their journals), and those of older layouts.
fn remove_stale(dir: &Path, ours: &str) {
    for old in OLD_FILES {
        remove_database(&dir.join(old));
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if !name.starts_with(PREFIX) || !name.ends_with(".sqlite") || name == ours {
            continue;
        }
        // The newest write of the file or its log.
        let written = ["", "-wal"]
            .iter()
            .filter_map(|suffix| std::fs::metadata(dir.join(format!("{name}{suffix}"))).ok()?.modified().ok())
            .max();
        if written.is_some_and(|t| t.elapsed().is_ok_and(|age| age > STALE)) {
            remove_database(&dir.join(name));
        }
    }
}

/// The engine build: a hash of the sources (see build.rs).
pub const ENGINE: &str = env!("FACTLINT_ENGINE");

/// The hash of a rule set as the cache keys it.
pub fn rules_id(rules: &RuleSet) -> [u8; 32] {
    Sha256::digest(format!("{rules:?}").as_bytes()).into()
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The key of a document under the rule set hashed as `rules`.
pub fn key(rules: &[u8; 32], doc: &Document) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(ENGINE.as_bytes());
    h.update([0]);
    h.update(rules);
    h.update(doc.date.map(|d| d.to_string()).unwrap_or_default().as_bytes());
    h.update([0]);
    h.update(doc.text.as_bytes());
    h.finalize().into()
}

pub struct Cache {
    conn: Connection,
    pub path: PathBuf,
    rules: [u8; 32],
}

/// Why the cache was not used, or was rebuilt. `rebuilt` says whether the
/// run still has a (fresh) cache.
#[derive(Debug, Clone)]
pub struct CacheProblem {
    pub path: PathBuf,
    pub message: String,
}

/// The user's cache folder for factlint (`$XDG_CACHE_HOME/factlint`,
/// `~/.cache/factlint`, or the platform's equivalent).
pub fn default_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("factlint"))
}

/// Removes an SQLite file and its write-ahead log and shared-memory index,
/// those that exist.
fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

fn open_file(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(10))?;
    // A run looks up every document of its corpus: 64 MB of pages kept in
    // memory instead of SQLite's 2 MB default. (A memory map of the file
    // made a run on 100,000 cached documents 21.9 s instead of 26.0 s, but
    // its pages count in the run's resident memory: 3.0 GB instead of 2.6.)
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(conn)
}

/// Whether `conn` is a factlint cache (or a new, empty file), making it one
/// if it is empty. `Err` for a file that is not one or is damaged. Runs in
/// an immediate transaction, so that two runs creating the cache at once
/// do not see each other's half-made file.
fn adopt(conn: &Connection) -> Result<(), String> {
    conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| e.to_string())?;
    let made = make(conn);
    let end = if made.is_ok() { "COMMIT" } else { "ROLLBACK" };
    conn.execute_batch(end).map_err(|e| e.to_string())?;
    made?;
    // Readers and one writer at a time (persistent, outside a transaction).
    let _: Option<String> = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).optional().ok().flatten();
    Ok(())
}

fn make(conn: &Connection) -> Result<(), String> {
    let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if id == 0 && tables == 0 {
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID};
             CREATE TABLE facts (key BLOB PRIMARY KEY, value BLOB NOT NULL);"
        ))
        .map_err(|e| e.to_string())?;
        return Ok(());
    }
    if id != APPLICATION_ID {
        return Err("not a factlint cache (another application's file)".into());
    }
    conn.query_row("SELECT count(*) FROM facts WHERE 0", [], |r| r.get::<_, i64>(0))
        .map_err(|e| format!("not a factlint cache or damaged ({e})"))?;
    Ok(())
}

impl Cache {
    /// Open (or create) the cache in `dir` for `rules`. A foreign or
    /// damaged file is replaced, and said in the second value; `Err` when
    /// there can be no cache this run (the folder cannot be written, the
    /// file is locked past the timeout).
    pub fn open(dir: &Path, rules: &RuleSet) -> Result<(Cache, Option<CacheProblem>), CacheProblem> {
        let name = file_name();
        let path = dir.join(&name);
        let fail = |m: String| CacheProblem { path: path.clone(), message: m };
        std::fs::create_dir_all(dir).map_err(|e| fail(format!("cannot create the cache folder: {e}")))?;
        remove_stale(dir, &name);
        let mut problem = None;
        let conn = match open_file(&path).map_err(|e| e.to_string()).and_then(|c| adopt(&c).map(|_| c)) {
            Ok(c) => c,
            Err(why) if why.contains("locked") || why.contains("busy") => {
                return Err(fail(format!("the cache is busy: {why}")));
            }
            Err(why) => {
                problem = Some(fail(format!("{why}: rebuilt")));
                remove_database(&path);
                let c = open_file(&path).map_err(|e| fail(format!("cannot create the cache: {e}")))?;
                adopt(&c).map_err(|e| fail(format!("cannot create the cache: {e}")))?;
                c
            }
        };
        Ok((Cache { conn, path, rules: rules_id(rules) }, problem))
    }

    /// The key of a document: the engine, the rules, its date and bytes.
    pub fn key(&self, doc: &Document) -> [u8; 32] {
        key(&self.rules, doc)
    }

    /// The hash of the rule set, for [`key`] on other threads.
    pub fn rules_id(&self) -> [u8; 32] {
        self.rules
    }

    /// The stored extraction of each key, where there is one that decodes.
    pub fn get_all(&self, keys: &[[u8; 32]]) -> Vec<Option<DocExtraction>> {
        self.read_all(keys)
    }

    /// The stored value of each key, where there is one that decodes.
    /// One read transaction for all (not one lock per lookup); read one by
    /// one (a connection is one thread's) in key order, so that the
    /// B-tree's pages are read once each, front to back, instead of once
    /// per lookup; decoded in parallel a batch at a time: decoding is most
    /// of the time, and a batch's bytes are freed (and their memory reused)
    /// before the next.
    fn read_all<T: serde::de::DeserializeOwned + Send>(&self, keys: &[[u8; 32]]) -> Vec<Option<T>> {
        let mut out: Vec<Option<T>> = std::iter::repeat_with(|| None).take(keys.len()).collect();
        let Ok(mut stmt) = self.conn.prepare_cached("SELECT value FROM facts WHERE key = ?1") else {
            return out;
        };
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_unstable_by_key(|&i| keys[i]);
        let began = self.conn.execute_batch("BEGIN DEFERRED").is_ok();
        for batch in order.chunks(1024) {
            let stored: Vec<(usize, Vec<u8>)> = batch
                .iter()
                .filter_map(|&i| {
                    let v = stmt.query_row(params![&keys[i][..]], |r| r.get(0)).optional().ok().flatten()?;
                    Some((i, v))
                })
                .collect();
            let decoded: Vec<(usize, Option<T>)> =
                stored.into_par_iter().map(|(i, b)| (i, postcard::from_bytes(&b).ok())).collect();
            for (i, v) in decoded {
                out[i] = v;
            }
        }
        if began {
            let _ = self.conn.execute_batch("COMMIT");
        }
        out
    }

    /// The key of a document's second pass under a corpus's denials.
    fn second_key(doc: &[u8; 32], denials: &[u8; 32]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(b"second pass\0");
        h.update(doc);
        h.update(denials);
        h.finalize().into()
    }

    /// The open claims each document's second pass gave under these
    /// denials, where stored and readable.
    pub fn get_seconds(&self, docs: &[[u8; 32]], denials: &[u8; 32]) -> Vec<Option<Vec<RawClaim>>> {
        let keys: Vec<[u8; 32]> = docs.iter().map(|d| Self::second_key(d, denials)).collect();
        self.read_all(&keys)
    }

    /// Store second passes (one transaction), as [`Cache::put_all`].
    pub fn put_second<'a>(
        &mut self,
        items: impl IntoIterator<Item = ([u8; 32], &'a [Arc<RawClaim>])>,
        denials: &[u8; 32],
    ) {
        self.write_all(items.into_iter().map(|(doc, claims)| (Self::second_key(&doc, denials), claims)));
    }

    /// Store extractions (one transaction). Failing to store is not an
    /// error: the next run extracts again.
    pub fn put_all<'a>(&mut self, items: impl IntoIterator<Item = ([u8; 32], &'a DocExtraction)>) {
        self.write_all(items);
    }

    /// Store values under their keys, in one transaction.
    fn write_all<T: serde::Serialize>(&mut self, items: impl IntoIterator<Item = ([u8; 32], T)>) {
        let Ok(tx) = self.conn.transaction() else { return };
        {
            let Ok(mut stmt) = tx.prepare_cached("INSERT OR REPLACE INTO facts (key, value) VALUES (?1, ?2)") else {
                return;
            };
            // In key order: each B-tree page is then written once, as
            // the tree grows at its end, not again for every row that
            // lands on it.
            let mut rows: Vec<([u8; 32], Vec<u8>)> =
                items.into_iter().filter_map(|(k, v)| Some((k, postcard::to_allocvec(&v).ok()?))).collect();
            rows.sort_unstable_by_key(|a| a.0);
            for (k, v) in rows {
                let _ = stmt.execute(params![&k[..], v]);
            }
        }
        let _ = tx.commit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        crate::rules::load(&[]).unwrap()
    }

    fn doc(text: &str) -> Document {
        Document::from_text("a.txt", format!(" date 2025-03-04\n\n{text}"), None)
    }

    /// An extraction as Debug text, its seed (stored as bytes) left out.
    fn unseeded(e: &DocExtraction) -> String {
        let mut e = e.clone();
        e.seed = None;
        format!("{e:?}")
    }

    #[test]
    fn round_trip_and_keys() {
        let dir = tempfile::tempdir().unwrap();
        let rules = rules();
        let (mut c, problem) = Cache::open(dir.path(), &rules).unwrap();
        assert!(problem.is_none());
        let d = doc("The Harbour Authority has not approved the repairs, officials said.");
        let e = crate::extract::Extractor::new(&rules).extract(&d);
        assert!(!e.claims.is_empty());
        let k = c.key(&d);
        assert!(c.get_all(&[k])[0].is_none());
        c.put_all([(k, &e)]);
        let back = c.get_all(&[k])[0].clone().unwrap();
        // The seed comes back as bytes, decoded only when asked for.
        assert!(matches!(back.seed, Some(crate::extract::Seed::Encoded(_))));
        assert_eq!(back.seed.as_ref().and_then(|s| s.get()), e.seed.as_ref().and_then(|s| s.get()));
        assert!(e.seed.as_ref().and_then(|s| s.get()).is_some());
        assert_eq!(unseeded(&back), unseeded(&e));
        // Another date, other bytes: another key.
        let other = Document::from_text("a.txt", d.text.replace("03-04", "03-05"), None);
        assert_ne!(c.key(&other), k);
        // Reopened: still there.
        drop(c);
        let (c, _) = Cache::open(dir.path(), &rules).unwrap();
        assert!(c.get_all(&[k])[0].is_some());
    }

    #[test]
    fn another_builds_file_is_removed_once_unwritten_for_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let age = |name: &str, secs: u64| {
            let p = dir.path().join(name);
            std::fs::write(&p, b"x").unwrap();
            let f = std::fs::File::options().write(true).open(&p).unwrap();
            f.set_modified(std::time::SystemTime::now() - Duration::from_secs(secs)).unwrap();
        };
        let day = 24 * 3600;
        age("facts-v2-0.0.1-aaaa.sqlite", 2 * day);
        age("facts-v2-0.0.1-aaaa.sqlite-wal", 2 * day);
        age("facts-v2-0.0.1-aaaa.sqlite-shm", 2 * day);
        // Written an hour ago: another build may be using it.
        age("facts-v2-0.0.2-bbbb.sqlite", 3600);
        // Its file is old, its log fresh: in use.
        age("facts-v2-0.0.3-cccc.sqlite", 2 * day);
        age("facts-v2-0.0.3-cccc.sqlite-wal", 60);
        // Not a cache file.
        age("notes.txt", 2 * day);
        let (_c, problem) = Cache::open(dir.path(), &rules()).unwrap();
        assert!(problem.is_none());
        let exists = |name: &str| dir.path().join(name).exists();
        assert!(!exists("facts-v2-0.0.1-aaaa.sqlite"));
        assert!(!exists("facts-v2-0.0.1-aaaa.sqlite-wal"));
        assert!(!exists("facts-v2-0.0.1-aaaa.sqlite-shm"));
        assert!(exists("facts-v2-0.0.2-bbbb.sqlite"));
        assert!(exists("facts-v2-0.0.3-cccc.sqlite"));
        assert!(exists("notes.txt"));
        assert!(exists(&file_name()));
    }

    #[test]
    fn a_file_of_an_older_layout_is_removed_and_values_come_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let rules = rules();
        for old in OLD_FILES {
            std::fs::write(dir.path().join(old), b"stale").unwrap();
            std::fs::write(dir.path().join(format!("{old}-wal")), b"stale").unwrap();
        }
        let (mut c, problem) = Cache::open(dir.path(), &rules).unwrap();
        assert!(problem.is_none());
        for old in OLD_FILES {
            assert!(!dir.path().join(old).exists());
            assert!(!dir.path().join(format!("{old}-wal")).exists());
        }
        // Read in key order, answered in the order asked, misses in place.
        let docs: Vec<Document> =
            (0..40).map(|i| doc(&format!("The council has not approved {i} repairs, officials said."))).collect();
        let keys: Vec<[u8; 32]> = docs.iter().map(|d| c.key(d)).collect();
        let ex = crate::extract::Extractor::new(&rules);
        let stored: Vec<DocExtraction> = docs.iter().step_by(2).map(|d| ex.extract(d)).collect();
        c.put_all(keys.iter().step_by(2).copied().zip(&stored));
        let back = c.get_all(&keys);
        for (i, b) in back.iter().enumerate() {
            match b {
                Some(b) => {
                    assert_eq!(i % 2, 0);
                    assert_eq!(unseeded(b), unseeded(&stored[i / 2]));
                }
                None => assert_eq!(i % 2, 1),
            }
        }
    }

    #[test]
    fn foreign_and_damaged_files_are_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let rules = rules();
        let path = dir.path().join(file_name());
        // Not SQLite at all.
        std::fs::write(&path, b"these are not the facts you are looking for").unwrap();
        let (c, problem) = Cache::open(dir.path(), &rules).unwrap();
        assert!(problem.unwrap().message.contains("rebuilt"));
        drop(c);
        // Another application's SQLite database.
        std::fs::remove_file(&path).unwrap();
        let other = Connection::open(&path).unwrap();
        other.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');").unwrap();
        drop(other);
        let (c, problem) = Cache::open(dir.path(), &rules).unwrap();
        assert!(problem.unwrap().message.contains("not a factlint cache"));
        let d = doc("Nothing.");
        assert!(c.get_all(&[c.key(&d)])[0].is_none());
        drop(c);
        // Truncated in the middle of its pages.
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len().min(100)]).unwrap();
        let (_, problem) = Cache::open(dir.path(), &rules).unwrap();
        assert!(problem.is_some());
    }

    #[test]
    fn every_shape_of_quantity_reads_back() {
        // Postcard is not self-describing: a field that skips itself when
        // empty writes a value that does not read back.
        for (frame, local) in [(None, false), (Some("in crash".to_string()), false), (None, true)] {
            let q = crate::extract::Quantity {
                low: 3.0,
                high: f64::INFINITY,
                text: "more than 3 people".into(),
                fixed: true,
                frame,
                local,
            };
            let back: crate::extract::Quantity = postcard::from_bytes(&postcard::to_allocvec(&q).unwrap()).unwrap();
            assert_eq!(back, q);
        }
    }

    #[test]
    fn a_value_that_does_not_decode_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let rules = rules();
        let (c, _) = Cache::open(dir.path(), &rules).unwrap();
        let d = doc("Nothing.");
        let k = c.key(&d);
        c.conn.execute("INSERT INTO facts (key, value) VALUES (?1, ?2)", params![&k[..], vec![0xffu8; 7]]).unwrap();
        assert!(c.get_all(&[k])[0].is_none());
    }
}
