//! Averaged perceptron: hashed features, sparse weights while training,
//! an in-place [`Table`] when predicting.

use super::model::Table;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature hashing, fixed so that a model's keys never depend on the
/// process: a word's parts are hashed once ([`h`]) and combined with a
/// template number ([`k`], [`k2`], [`k3`]).
#[inline]
pub fn h(s: &str) -> u64 {
    let mut x = 0xcbf29ce484222325u64;
    for &b in s.as_bytes() {
        x = (x ^ b as u64).wrapping_mul(0x100000001b3);
    }
    x
}

#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ceb9fe1a85ec53);
    x ^= x >> 33;
    x
}

#[inline]
pub fn k(t: u8, a: u64) -> u64 {
    mix((t as u64 + 1).wrapping_mul(0x9e3779b97f4a7c15) ^ a) | 1
}

#[inline]
pub fn k2(t: u8, a: u64, b: u64) -> u64 {
    mix(mix((t as u64 + 1).wrapping_mul(0x9e3779b97f4a7c15) ^ a) ^ b.wrapping_mul(0x9e3779b97f4a7c15)) | 1
}

#[inline]
pub fn k3(t: u8, a: u64, b: u64, c: u64) -> u64 {
    k2(t, mix(a ^ b.rotate_left(21)), c)
}

/// The best-scoring class among those `allowed` (all when `None`).
pub fn argmax(scores: &[i32], allowed: Option<&[bool]>) -> usize {
    let mut best = usize::MAX;
    for (c, &s) in scores.iter().enumerate() {
        if allowed.is_some_and(|a| !a.get(c).copied().unwrap_or(false)) {
            continue;
        }
        if best == usize::MAX || s > scores[best] {
            best = c;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

/// Scores of every class for a feature set.
pub fn score(table: &Table, feats: &[u64], scores: &mut Vec<i32>) {
    scores.clear();
    scores.resize(table.classes, 0);
    table.add_all(feats, scores);
}

#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Map<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy)]
struct Param {
    class: u16,
    w: f32,
    total: f64,
    stamp: u64,
}

/// A perceptron being trained.
pub struct Trainer {
    pub classes: usize,
    weights: Map<Vec<Param>>,
    instances: u64,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer { classes, weights: Map::default(), instances: 0 }
    }

    pub fn scores(&self, feats: &[u64], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.classes, 0.0);
        for f in feats {
            if let Some(ps) = self.weights.get(f) {
                for p in ps {
                    scores[p.class as usize] += p.w;
                }
            }
        }
    }

    pub fn predict(&self, feats: &[u64], allowed: Option<&[bool]>) -> usize {
        let mut s = Vec::new();
        self.scores(feats, &mut s);
        let mut best = usize::MAX;
        for (c, &v) in s.iter().enumerate() {
            if allowed.is_some_and(|a| !a[c]) {
                continue;
            }
            if best == usize::MAX || v > s[best] {
                best = c;
            }
        }
        best.min(self.classes - 1)
    }

    /// One training instance: reward `truth`, penalise `guess`.
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u64]) {
        self.instances += 1;
        if truth == guess {
            return;
        }
        let now = self.instances;
        for &f in feats {
            let ps = self.weights.entry(f).or_default();
            for (class, delta) in [(truth as u16, 1.0f32), (guess as u16, -1.0)] {
                let p = match ps.iter_mut().position(|p| p.class == class) {
                    Some(i) => &mut ps[i],
                    None => {
                        ps.push(Param { class, w: 0.0, total: 0.0, stamp: now });
                        ps.last_mut().unwrap()
                    }
                };
                p.total += (now - p.stamp) as f64 * p.w as f64;
                p.stamp = now;
                p.w += delta;
            }
        }
    }

    /// Averaged weights of the `keep` features with the largest weights
    /// (by their sum of absolute values), keys sorted.
    pub fn averaged(&self, keep: usize) -> Vec<(u64, Vec<(u16, f32)>)> {
        let mut all = self.averaged_all(0.0);
        if all.len() > keep {
            let mut mass: Vec<(f32, u64)> =
                all.iter().map(|(k, v)| (v.iter().map(|(_, w)| w.abs()).sum::<f32>(), *k)).collect();
            mass.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let cut = mass[keep - 1].0;
            let kept: std::collections::HashSet<u64> = mass[..keep].iter().map(|m| m.1).collect();
            all.retain(|(k, _)| kept.contains(k));
            let _ = cut;
        }
        all
    }

    /// Averaged weights, keys sorted, tiny weights pruned.
    pub fn averaged_all(&self, prune: f32) -> Vec<(u64, Vec<(u16, f32)>)> {
        let now = self.instances.max(1);
        let mut out: Vec<(u64, Vec<(u16, f32)>)> = self
            .weights
            .iter()
            .map(|(&k, ps)| {
                let mut v: Vec<(u16, f32)> = ps
                    .iter()
                    .map(|p| (p.class, ((p.total + (now - p.stamp) as f64 * p.w as f64) / now as f64) as f32))
                    .filter(|(_, w)| w.abs() >= prune)
                    .collect();
                v.sort_by_key(|&(c, _)| c);
                (k, v)
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        out.sort_by_key(|(k, _)| *k);
        out
    }
}

/// A deterministic shuffle (xorshift), so that two trainings give the same bytes.
pub fn shuffle<T>(v: &mut [T], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        let j = (*seed % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}
