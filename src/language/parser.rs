//! Dependency parser: greedy arc-hybrid transitions (shift, left, right)
//! chosen by an averaged perceptron over the stack and buffer, trained
//! with a dynamic oracle (Goldberg and Nivre 2013) so that it learns to
//! recover from its own mistakes. The root is the last item of the buffer.
//!
//! Transitions carry the relation of the arc they build (`left-nsubj`,
//! `right-obj`), so the relations of the children already attached are
//! features of later decisions. A class number is 0 for shift, `1 + l` for
//! right with relation `l`, `1 + L + l` for left.

use super::perceptron::{k, k2, k3};

pub const SHIFT: usize = 0;
pub const RIGHT: usize = 1;
pub const LEFT: usize = 2;
pub const MOVES: usize = 3;

/// A parse in progress over `n` words; index `n` is the root.
pub struct State {
    pub n: usize,
    /// Number of relations.
    pub nl: usize,
    /// The relation of each attached word.
    pub labels: Vec<usize>,
    pub i: usize,
    pub stack: Vec<usize>,
    pub heads: Vec<usize>,
    /// Each node's left and right children, as the features see them:
    /// kept up to date arc by arc, so a feature costs the same for a node
    /// with two children as for one with thousands.
    lefts: Vec<Kids>,
    rights: Vec<Kids>,
}

pub const NONE: usize = usize::MAX;

/// One side's children of a node: how many, the outermost two (leftmost
/// for left children, rightmost for right ones), and their relations.
#[derive(Clone, Copy)]
struct Kids {
    count: u64,
    outer: usize,
    second: usize,
    labels: u64,
}

const NO_KIDS: Kids = Kids { count: 0, outer: NONE, second: NONE, labels: 0 };

impl State {
    pub fn new(n: usize, nl: usize) -> State {
        State {
            n,
            nl,
            labels: vec![NONE; n + 1],
            i: 0,
            stack: Vec::with_capacity(n),
            heads: vec![NONE; n],
            lefts: vec![NO_KIDS; n + 1],
            rights: vec![NO_KIDS; n + 1],
        }
    }

    pub fn done(&self) -> bool {
        self.i >= self.n && self.stack.is_empty()
    }

    pub fn valid(&self) -> [bool; MOVES] {
        [self.i < self.n, self.stack.len() >= 2, !self.stack.is_empty()]
    }

    /// The move (shift, right, left) of a class.
    pub fn move_of(&self, class: usize) -> usize {
        if class == 0 {
            SHIFT
        } else if class <= self.nl {
            RIGHT
        } else {
            LEFT
        }
    }

    /// Classes allowed now: valid moves, `root` only for arcs from the root.
    pub fn valid_classes(&self, root: usize, out: &mut Vec<bool>) {
        let v = self.valid();
        out.clear();
        out.resize(1 + 2 * self.nl, false);
        out[0] = v[SHIFT];
        for l in 0..self.nl {
            out[1 + l] = v[RIGHT] && l != root;
            out[1 + self.nl + l] = v[LEFT] && ((self.i >= self.n) == (l == root));
        }
    }

    /// Classes that lose no more gold arcs (or relations) than necessary.
    pub fn gold_classes(&self, gold: &[usize], gold_labels: &[usize], root: usize, out: &mut Vec<bool>) {
        let moves = self.gold_moves(gold);
        self.valid_classes(root, out);
        let s0 = self.stack.last().copied();
        out[0] &= moves[SHIFT];
        for l in 0..self.nl {
            let right_ok = moves[RIGHT]
                && match (s0, self.stack.len() >= 2) {
                    (Some(s0), true) if gold[s0] == self.stack[self.stack.len() - 2] => gold_labels[s0] == l,
                    _ => true,
                };
            let left_ok = moves[LEFT]
                && match s0 {
                    Some(s0) if gold[s0] == self.i.min(self.n) => gold_labels[s0] == l,
                    _ => true,
                };
            out[1 + l] &= right_ok;
            out[1 + self.nl + l] &= left_ok;
        }
        if !out.iter().any(|&b| b) {
            self.valid_classes(root, out);
        }
    }

    /// Applies a class (a move with its relation).
    pub fn apply_class(&mut self, class: usize) {
        let m = self.move_of(class);
        let label = if m == RIGHT {
            class - 1
        } else if m == LEFT {
            class - 1 - self.nl
        } else {
            NONE
        };
        let child = self.stack.last().copied();
        self.apply(m);
        if let (Some(c), true) = (child, label != NONE) {
            self.labels[c] = label;
            let head = self.heads[c];
            if let Some(k) = if c < head { self.lefts.get_mut(head) } else { self.rights.get_mut(head) } {
                k.labels |= 1u64 << (label % 64);
            }
        }
    }

    fn add(&mut self, head: usize, child: usize) {
        self.heads[child] = head;
        if child < head {
            let k = &mut self.lefts[head];
            k.count += 1;
            if k.outer == NONE || child < k.outer {
                k.second = k.outer;
                k.outer = child;
            } else if k.second == NONE || child < k.second {
                k.second = child;
            }
        } else {
            let k = &mut self.rights[head];
            k.count += 1;
            if k.outer == NONE || child > k.outer {
                k.second = k.outer;
                k.outer = child;
            } else if k.second == NONE || child > k.second {
                k.second = child;
            }
        }
    }

    pub fn apply(&mut self, m: usize) {
        match m {
            SHIFT => {
                self.stack.push(self.i);
                self.i += 1;
            }
            RIGHT => {
                let s0 = self.stack.pop().unwrap_or(NONE);
                if let (Some(&s1), true) = (self.stack.last(), s0 != NONE) {
                    self.add(s1, s0);
                }
            }
            _ => {
                if let Some(s0) = self.stack.pop() {
                    self.add(self.i, s0);
                }
            }
        }
    }

    /// The moves that lose no more gold arcs than necessary.
    pub fn gold_moves(&self, gold: &[usize]) -> [bool; MOVES] {
        let valid = self.valid();
        let n0 = self.i;
        let gold_head = |w: usize| if w >= self.n { NONE } else { gold[w] };
        let mut ok = valid;
        let Some(&s0) = self.stack.last() else { return [true, false, false] };
        if valid[SHIFT] && gold_head(n0) == s0 {
            return [true, false, false];
        }
        if gold_head(s0) == n0 {
            return [false, false, true];
        }
        if self.stack.len() >= 2 && gold_head(s0) == self.stack[self.stack.len() - 2] {
            ok[LEFT] = false;
        }
        let linked = |target: usize, w: usize| gold_head(w) == target || gold_head(target) == w;
        if ok[SHIFT] && self.stack.iter().any(|&w| linked(n0, w)) {
            ok[SHIFT] = false;
        }
        if (n0 + 1..=self.n).any(|w| linked(s0, w)) {
            ok[LEFT] = false;
            ok[RIGHT] = false;
        }
        if !ok.iter().any(|&b| b) {
            return valid;
        }
        ok
    }

    /// Features of the current configuration. `words` and `tags` hold
    /// `n + 1` entries (the root last).
    pub fn features(&self, words: &[u64], tags: &[u64], out: &mut Vec<u64>) {
        out.clear();
        const NIL: u64 = 0x3333;
        let w = |x: usize| if x == NONE { NIL } else { words[x] };
        let t = |x: usize| if x == NONE { NIL } else { tags[x] };
        let d = self.stack.len();
        let s0 = if d >= 1 { self.stack[d - 1] } else { NONE };
        let s1 = if d >= 2 { self.stack[d - 2] } else { NONE };
        let s2 = if d >= 3 { self.stack[d - 3] } else { NONE };
        let n0 = if self.i <= self.n { self.i } else { NONE };
        let n1 = if self.i < self.n { self.i + 1 } else { NONE };
        let n2 = if self.i + 1 < self.n { self.i + 2 } else { NONE };
        let kids = |x: usize, left: bool| -> (u64, usize, usize) {
            if x == NONE {
                return (0, NONE, NONE);
            }
            let k = if left { &self.lefts[x] } else { &self.rights[x] };
            (k.count, k.outer, k.second)
        };
        let (vs0l, s0l1, s0l2) = kids(s0, true);
        let (vs0r, s0r1, s0r2) = kids(s0, false);
        let (vn0l, n0l1, n0l2) = kids(n0, true);
        let (_, s1r1, _) = kids(s1, false);
        let (_, s1l1, _) = kids(s1, true);
        let dist = if s0 != NONE && n0 != NONE { (n0 - s0).min(5) as u64 } else { 0 };
        let l = |x: usize| if x == NONE { NIL } else { self.labels[x] as u64 };
        let label_set = |x: usize, left: bool| -> u64 {
            if x == NONE {
                return 0;
            }
            if left {
                self.lefts[x].labels
            } else {
                self.rights[x].labels
            }
        };

        out.push(k(0, 0));
        for (j, x) in [n0, n1, n2, s0, s1, s2, n0l1, n0l2, s0l1, s0l2, s0r1, s0r2, s1r1, s1l1].into_iter().enumerate() {
            out.push(k(1, w(x) ^ (j as u64) << 56));
            out.push(k(2, t(x) ^ (j as u64) << 56));
        }
        for (j, x) in [n0, n1, s0, s1].into_iter().enumerate() {
            out.push(k3(3, j as u64, w(x), t(x)));
        }
        out.push(k2(4, w(s0), w(n0)));
        out.push(k3(5, w(n0), t(n0), w(s0)));
        out.push(k3(6, w(n0), t(n0), t(s0)));
        out.push(k3(7, w(s0), t(s0), w(n0)));
        out.push(k3(8, w(s0), t(s0), t(n0)));
        out.push(k3(9, k2(0, w(s0), t(s0)), w(n0), t(n0)));
        out.push(k2(10, t(s0), t(n0)));
        out.push(k2(11, t(n0), t(n1)));
        for (j, (a, b, c)) in [
            (n0, n1, n2),
            (s0, n0, n1),
            (s0, s1, n0),
            (s0, s0r1, n0),
            (s0, n0, n0l1),
            (s0, s0l1, s0l2),
            (s0, s0r1, s0r2),
            (n0, n0l1, n0l2),
            (s1, s0, s1r1),
            (s1, s0, s1l1),
            (s2, s1, s0),
        ]
        .into_iter()
        .enumerate()
        {
            out.push(k3(12 + j as u8, t(a), t(b), t(c)));
        }
        for (j, (x, v)) in [(w(s0), vs0r), (w(s0), vs0l), (w(n0), vn0l), (t(s0), vs0r), (t(s0), vs0l), (t(n0), vn0l)]
            .into_iter()
            .enumerate()
        {
            out.push(k3(30, j as u64, x, v));
        }
        for (j, x) in [w(s0), w(n0), t(s0), t(n0), k2(0, t(n0), t(s0)), k2(0, w(n0), w(s0))].into_iter().enumerate() {
            out.push(k3(31, j as u64, x, dist));
        }
        out.push(k3(32, t(s0), t(s1), dist));
        out.push(k3(33, w(s1), t(s1), t(s0)));
        out.push(k3(34, w(s0), t(s1), t(s0)));
        for (j, x) in [s0l1, s0l2, s0r1, s0r2, n0l1, n0l2, s1r1, s1l1].into_iter().enumerate() {
            out.push(k2(35, j as u64, l(x)));
        }
        out.push(k3(36, t(s0), l(s0l1), l(s0r1)));
        out.push(k3(37, w(s0), label_set(s0, true), label_set(s0, false)));
        out.push(k3(38, t(s0), label_set(s0, true), label_set(s0, false)));
        out.push(k3(39, w(n0), t(n0), label_set(n0, true)));
        out.push(k3(40, t(s0), t(n0), k2(0, l(s0l1), l(n0l1))));
    }
}
