//! The model file: named sections in one byte blob, read in place.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! "FLMODEL2"  u32 section count
//! per section: u32 name length, name bytes, u64 offset, u64 length
//! section bytes, each starting at a multiple of 64 (zeros between)
//! ```
//!
//! A weight table section is a bucketed hash table of feature keys (eight
//! slots to a 64-byte bucket, 32 bits of the key kept as a check) pointing
//! into a byte stream of sparse `(class u8, weight i8)` lists (weights
//! quantised with one scale per table: measured on EWT test, no loss
//! against i16):
//!
//! ```text
//! u32 classes  f32 scale  u32 buckets  u32 stream length (bytes)
//! 48 zero bytes (the header fills a 64-byte line)
//! buckets × (8 × u32 check, 8 × u32 offset)   check 0 = empty slot
//! stream: per feature u8 count, then count × (u8 class, i8 weight);
//!         or 255, then one i8 weight per class (a dense row)
//! ```
//!
//! Sections start at multiples of 64 and a table's header fills 64 bytes,
//! so in a blob placed at a 64-byte boundary (the embedded model is) each
//! bucket is one cache line, not two: measured on the parser, 70,000 words/s
//! with buckets across lines, 96,000 with them aligned.
//!
//! Nothing is copied at start-up: a [`Model`] borrows the bytes and checks
//! only the headers. Every later read is bounds-checked and treats bytes out
//! of range as an absent entry, so a damaged file gives worse answers, never
//! a panic.

use std::fmt;

const MAGIC: &[u8; 8] = b"FLMODEL2";

/// What sections start at a multiple of, and a table's header fills.
const ALIGN: usize = 64;

/// Why model bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid language model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

fn err<T>(msg: impl Into<String>) -> Result<T, ModelError> {
    Err(ModelError(msg.into()))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at.checked_add(4)?).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

pub(crate) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at.checked_add(8)?).map(|s| {
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        u64::from_le_bytes(a)
    })
}

/// A model blob split into its named sections, all borrowed.
#[derive(Clone, Copy)]
pub struct Sections<'a> {
    bytes: &'a [u8],
    count: usize,
}

impl<'a> Sections<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<Sections<'a>, ModelError> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return err("the file does not start with FLMODEL2 (not a factlint model of this version, or truncated)");
        }
        let count = u32_at(bytes, 8).unwrap_or(0) as usize;
        let s = Sections { bytes, count };
        // Walk the directory once so that every later lookup is known good.
        let mut at = 12usize;
        for i in 0..count {
            let Some(len) = u32_at(bytes, at) else { return err(format!("section {i}: directory truncated")) };
            let name_end = at + 4 + len as usize;
            let (Some(off), Some(size)) = (u64_at(bytes, name_end), u64_at(bytes, name_end + 8)) else {
                return err(format!("section {i}: directory truncated"));
            };
            if std::str::from_utf8(bytes.get(at + 4..name_end).unwrap_or(&[0xff])).is_err() {
                return err(format!("section {i}: name is not UTF-8"));
            }
            if off.checked_add(size).is_none_or(|e| e > bytes.len() as u64) {
                return err(format!("section {i}: data runs past the end of the file"));
            }
            at = name_end + 16;
        }
        Ok(s)
    }

    /// The bytes of the section called `name`.
    pub fn get(&self, name: &str) -> Result<&'a [u8], ModelError> {
        let mut at = 12usize;
        for _ in 0..self.count {
            let len = u32_at(self.bytes, at).unwrap_or(0) as usize;
            let n = self.bytes.get(at + 4..at + 4 + len).unwrap_or(&[]);
            let off = u64_at(self.bytes, at + 4 + len).unwrap_or(0) as usize;
            let size = u64_at(self.bytes, at + 12 + len).unwrap_or(0) as usize;
            if n == name.as_bytes() {
                return Ok(self.bytes.get(off..off + size).unwrap_or(&[]));
            }
            at += 4 + len + 16;
        }
        err(format!("section {name} is missing"))
    }

    pub fn text(&self, name: &str) -> Result<&'a str, ModelError> {
        std::str::from_utf8(self.get(name)?).map_err(|_| ModelError(format!("section {name} is not UTF-8")))
    }
}

/// Writes a model blob (training side).
#[derive(Default)]
pub struct Writer {
    sections: Vec<(String, Vec<u8>)>,
}

impl Writer {
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) {
        self.sections.push((name.to_string(), bytes));
    }

    pub fn finish(self) -> Vec<u8> {
        let dir: usize = self.sections.iter().map(|(n, _)| 4 + n.len() + 16).sum();
        let aligned = |at: usize| at.div_ceil(ALIGN) * ALIGN;
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.sections.len() as u32).to_le_bytes());
        let mut off = aligned(12 + dir);
        for (n, b) in &self.sections {
            out.extend_from_slice(&(n.len() as u32).to_le_bytes());
            out.extend_from_slice(n.as_bytes());
            out.extend_from_slice(&(off as u64).to_le_bytes());
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            off = aligned(off + b.len());
        }
        for (_, b) in self.sections {
            out.resize(aligned(out.len()), 0);
            out.extend_from_slice(&b);
        }
        out
    }
}

/// A sparse weight table, read in place.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    pub classes: usize,
    pub scale: f32,
    buckets: usize,
    slots: &'a [u8],
    entries: &'a [u8],
}

/// Slots per bucket: a bucket (8 checks, then 8 offsets) is one 64-byte
/// cache line, so a lookup reads one line however full the table is.
const WAYS: usize = 8;
const BUCKET: usize = WAYS * 8;
/// The count byte of a dense row.
const DENSE: u8 = 255;

/// Asks the processor to bring `bytes[at]` into the cache (a hint: no
/// effect on results, none at all off x86-64).
#[inline(always)]
fn prefetch(bytes: &[u8], at: usize) {
    #[cfg(target_arch = "x86_64")]
    if at < bytes.len() {
        // SAFETY: a prefetch never faults, and the address is inside `bytes`.
        unsafe {
            std::arch::x86_64::_mm_prefetch(bytes.as_ptr().add(at) as *const i8, std::arch::x86_64::_MM_HINT_T0);
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (bytes, at);
}

/// The bucket a key starts at (multiply-shift range reduction) and the
/// 32-bit check stored for it (never 0, which marks an empty slot).
#[inline]
fn place(key: u64, buckets: usize) -> (usize, u32) {
    let b = ((key as u128 * buckets as u128) >> 64) as usize;
    let check = match key as u32 {
        0 => 1,
        c => c,
    };
    (b, check)
}

impl<'a> Table<'a> {
    pub fn parse(b: &'a [u8]) -> Result<Table<'a>, ModelError> {
        let (Some(classes), Some(scale), Some(buckets), Some(n)) =
            (u32_at(b, 0), u32_at(b, 4), u32_at(b, 8), u32_at(b, 12))
        else {
            return err("weight table header truncated");
        };
        let buckets = buckets as usize;
        if buckets == 0 {
            return err("weight table has no buckets");
        }
        if classes > 256 {
            return err("weight table has more than 256 classes");
        }
        let slots_end = ALIGN + buckets * BUCKET;
        let end = slots_end + n as usize;
        if b.len() != end {
            return err(format!("weight table is {} bytes, its header says {end}", b.len()));
        }
        Ok(Table {
            classes: classes as usize,
            scale: f32::from_bits(scale),
            buckets,
            slots: &b[ALIGN..slots_end],
            entries: &b[slots_end..],
        })
    }

    /// The offset of `key`'s weight list, if the table has the key.
    ///
    /// A bucket's eight checks are compared at once into bit masks (which
    /// the compiler turns into vector compares): slots fill in order and
    /// are never emptied, so the first hit is the first match in probe
    /// order, and an empty slot without a hit ends the search.
    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let (mut b, check) = place(key, self.buckets);
        for _ in 0..self.buckets {
            let base = b * BUCKET;
            let line: &[u8; BUCKET] = self.slots.get(base..base + BUCKET)?.try_into().ok()?;
            let (mut hit, mut empty) = (0u32, 0u32);
            for j in 0..WAYS {
                let c = u32::from_le_bytes([line[j * 4], line[j * 4 + 1], line[j * 4 + 2], line[j * 4 + 3]]);
                hit |= ((c == check) as u32) << j;
                empty |= ((c == 0) as u32) << j;
            }
            if hit != 0 {
                let o = 32 + hit.trailing_zeros() as usize * 4;
                return Some(u32::from_le_bytes([line[o], line[o + 1], line[o + 2], line[o + 3]]) as usize);
            }
            if empty != 0 {
                return None;
            }
            b += 1;
            if b == self.buckets {
                b = 0;
            }
        }
        None
    }

    /// Adds the weights of every feature of `keys` to `scores`. Lookups
    /// are memory-bound (a bucket and a weight list per feature, in a table
    /// larger than the cache), so the buckets of a batch are prefetched
    /// first, then the weight lists found, and only then read. Weights
    /// are summed into 256 slots (a class is one byte), so no class
    /// number needs a bounds check.
    pub fn add_all(&self, keys: &[u64], scores: &mut [i32]) {
        const BATCH: usize = 64;
        let mut offs = [usize::MAX; BATCH];
        let mut acc = [0i32; 256];
        for chunk in keys.chunks(BATCH) {
            for &k in chunk {
                let (b, _) = place(k, self.buckets);
                prefetch(self.slots, b * BUCKET);
            }
            for (o, &k) in offs.iter_mut().zip(chunk) {
                *o = self.find(k).unwrap_or(usize::MAX);
                if *o != usize::MAX {
                    prefetch(self.entries, *o);
                }
            }
            for &o in &offs[..chunk.len()] {
                if o != usize::MAX {
                    self.add_at(o, &mut acc);
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc) {
            *s += a;
        }
    }

    #[inline]
    fn add_at(&self, off: usize, acc: &mut [i32; 256]) {
        let Some(&len) = self.entries.get(off) else { return };
        if len == DENSE {
            let Some(row) = self.entries.get(off + 1..off + 1 + self.classes) else { return };
            add_row(&mut acc[..row.len()], row);
            return;
        }
        let Some(e) = self.entries.get(off + 1..off + 1 + len as usize * 2) else { return };
        for c in e.chunks_exact(2) {
            acc[c[0] as usize] += c[1] as i8 as i32;
        }
    }
}

/// `scores[c] += row[c]` (i8 weights) over a dense row: the innermost loop
/// of tagging and parsing. With AVX2 (detected at run time) eight classes
/// are added per instruction instead of four.
#[inline]
fn add_row(scores: &mut [i32], row: &[u8]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        unsafe { add_row_avx2(scores, row) };
        return;
    }
    add_row_plain(scores, row);
}

#[inline(always)]
fn add_row_plain(scores: &mut [i32], row: &[u8]) {
    for (s, &w) in scores.iter_mut().zip(row) {
        *s += w as i8 as i32;
    }
}

/// The same loop, compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn add_row_avx2(scores: &mut [i32], row: &[u8]) {
    add_row_plain(scores, row);
}

/// Serialises averaged weights (`key -> [(class, weight)]`, keys sorted for
/// determinism) into a table, quantised to i8 with one scale.
pub fn write_table(classes: usize, weights: &[(u64, Vec<(u16, f32)>)]) -> Vec<u8> {
    assert!(classes <= 256, "a weight table holds at most 256 classes");
    let max = weights.iter().flat_map(|(_, v)| v.iter().map(|(_, w)| w.abs())).fold(0f32, f32::max);
    let scale = if max > 0.0 { 127.0 / max } else { 1.0 };
    // About 70% full: a key rarely spills into the next bucket.
    let buckets = (weights.len() * 10 / 7 / WAYS).max(1) + 1;
    let mut slots = vec![0u8; buckets * BUCKET];
    let mut entries: Vec<u8> = Vec::new();
    for (key, ws) in weights {
        let q: Vec<(u8, i8)> =
            ws.iter().map(|&(c, w)| (c as u8, (w * scale).round() as i8)).filter(|&(_, w)| w != 0).collect();
        if q.is_empty() {
            continue;
        }
        let (mut b, check) = place(*key, buckets);
        let at = 'found: loop {
            for j in 0..WAYS {
                let at = b * BUCKET + j * 4;
                if u32_at(&slots, at).unwrap_or(0) == 0 {
                    break 'found (at, b * BUCKET + 32 + j * 4);
                }
            }
            b = (b + 1) % buckets;
        };
        slots[at.0..at.0 + 4].copy_from_slice(&check.to_le_bytes());
        slots[at.1..at.1 + 4].copy_from_slice(&(entries.len() as u32).to_le_bytes());
        if q.len() * 4 >= classes || q.len() >= DENSE as usize {
            // A quarter of the classes or more: a dense row, added in a
            // vectorised loop, beats a scatter of that many pairs. Measured
            // (`cargo bench --bench language`): at half, parsing 96,000
            // words/s and a 10.2 MB model; at a quarter 113,000 and 10.5 MB;
            // at an eighth 108,000 and 12.4 MB.
            entries.push(DENSE);
            let mut row = vec![0u8; classes];
            for (c, w) in q {
                row[c as usize] = w as u8;
            }
            entries.extend_from_slice(&row);
        } else {
            entries.push(q.len() as u8);
            for (c, w) in q {
                entries.push(c);
                entries.push(w as u8);
            }
        }
    }
    let mut out = Vec::with_capacity(ALIGN + slots.len() + entries.len());
    out.extend_from_slice(&(classes as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_bits().to_le_bytes());
    out.extend_from_slice(&(buckets as u32).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    out.resize(ALIGN, 0);
    out.extend_from_slice(&slots);
    out.extend_from_slice(&entries);
    out
}

/// Whether `key` is in `bytes`, a sorted list of little-endian u32 keys.
pub fn sorted_u32_contains(bytes: &[u8], key: u32) -> bool {
    sorted_position(bytes, 4, key as u64).is_some()
}

/// Where `key` is in `bytes` read as a sorted list of little-endian
/// integers `width` bytes wide (4 or 8), by binary search in place.
pub fn sorted_position(bytes: &[u8], width: usize, key: u64) -> Option<usize> {
    let at = |i: usize| if width == 8 { u64_at(bytes, i * 8) } else { u32_at(bytes, i * 4).map(u64::from) };
    let (mut lo, mut hi) = (0, bytes.len() / width);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match at(mid).unwrap_or(0).cmp(&key) {
            std::cmp::Ordering::Equal => return Some(mid),
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    None
}

/// A sorted list of `key\tvalue` lines, searched in place.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    text: &'a str,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines { text }
    }

    /// The whole text (values returned by [`Lines::get`] are slices of it).
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Binary search over the byte range for the line whose key is `key`.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let (mut lo, mut hi) = (0usize, b.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = memchr::memrchr(b'\n', &b[..mid]).map_or(0, |p| p + 1);
            let end = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |p| start + p);
            let line = &self.text[start..end];
            let (k, v) = line.split_once('\t').unwrap_or((line, ""));
            match k.cmp(key) {
                std::cmp::Ordering::Equal => return Some(v),
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
            }
        }
        None
    }
}

/// Builds the text of a [`Lines`] section from pairs (sorted here).
pub fn write_lines(mut pairs: Vec<(String, String)>) -> Vec<u8> {
    pairs.sort();
    pairs.dedup_by(|a, b| a.0 == b.0);
    let mut out = String::new();
    for (k, v) in pairs {
        out.push_str(&k);
        out.push('\t');
        out.push_str(&v);
        out.push('\n');
    }
    out.pop();
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_round_trip() {
        let t = write_table(3, &[(10, vec![(0, 1.0), (2, -0.5)]), (11, vec![(1, 0.25)])]);
        let t = Table::parse(&t).unwrap();
        let mut s = [0i32; 3];
        t.add_all(&[10], &mut s);
        assert!(s[0] > 0 && s[2] < 0 && s[1] == 0);
        t.add_all(&[999], &mut s);
        t.add_all(&[11], &mut s);
        assert!(s[1] > 0);
    }

    #[test]
    fn sections_and_lines() {
        let mut w = Writer::default();
        w.add("a", b"hello".to_vec());
        w.add("lines", write_lines(vec![("b".into(), "2".into()), ("a".into(), "1".into()), ("c".into(), "3".into())]));
        let bytes = w.finish();
        let s = Sections::parse(&bytes).unwrap();
        assert_eq!(s.get("a").unwrap(), b"hello");
        let l = Lines::new(s.text("lines").unwrap());
        assert_eq!(l.get("a"), Some("1"));
        assert_eq!(l.get("c"), Some("3"));
        assert_eq!(l.get("d"), None);
        assert!(s.get("missing").is_err());
    }

    #[test]
    fn sections_and_buckets_start_cache_lines() {
        let mut w = Writer::default();
        w.add("odd", vec![1; 37]);
        w.add("table", write_table(3, &[(10, vec![(0, 1.0)])]));
        let blob = w.finish();
        let s = Sections::parse(&blob).unwrap();
        let at = |b: &[u8]| b.as_ptr() as usize - blob.as_ptr() as usize;
        assert_eq!(s.get("odd").unwrap(), &[1; 37][..]);
        let table = s.get("table").unwrap();
        assert_eq!(at(table) % ALIGN, 0);
        let t = Table::parse(table).unwrap();
        assert_eq!(at(t.slots), at(table) + ALIGN);
        assert_eq!(t.slots.len() % BUCKET, 0);
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        assert!(Sections::parse(b"").is_err());
        assert!(Sections::parse(b"FLMODEL2\x05\0\0\0").is_err());
        let mut w = Writer::default();
        w.add("t", vec![1, 2, 3]);
        let mut bytes = w.finish();
        let n = bytes.len();
        bytes.truncate(n - 1);
        assert!(Sections::parse(&bytes).is_err());
        assert!(Table::parse(&[0; 20]).is_err());
        // Any byte flipped in a table never panics a lookup.
        let mut t = write_table(2, &[(10, vec![(0, 1.0)]), (12, vec![(1, 1.0)])]);
        for i in 16..t.len() {
            t[i] ^= 0xff;
            if let Ok(tab) = Table::parse(&t) {
                let mut s = [0; 2];
                tab.add_all(&[10], &mut s);
                tab.add_all(&[12], &mut s);
            }
            t[i] ^= 0xff;
        }
    }
}
