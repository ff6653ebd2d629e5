//! Interning names to small ids, with a fast non-cryptographic hash (the keys come from the
//! analyst's own log; a hostile log can at worst slow the run, it cannot change a result).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hasher in the style of Firefox's FxHash.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u16(&mut self, v: u16) {
        self.add(u64::from(v));
    }
    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }
    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }
    /// The state through the splitmix64 finaliser: the multiply-rotate state alone has weak low
    /// bits (they depend only on the low bits of the input), which the hash table uses to pick a
    /// bucket, and a million case ids such as `c123456` then collide into long probe chains.
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// Names ↔ dense ids, in order of first appearance.
#[derive(Clone, Default, Debug)]
pub(crate) struct Interner {
    ids: FxMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl std::fmt::Debug for FxHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FxHasher")
    }
}

impl Interner {
    /// The id of `name`. Small tables (journey steps and channels usually are) are scanned
    /// linearly, which is faster than hashing the name.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        if self.names.len() <= 16 {
            return self
                .names
                .iter()
                .position(|n| **n == *name)
                .map(|i| i as u32);
        }
        self.ids.get(name).copied()
    }

    /// Adds a name known to be absent and returns its id.
    pub(crate) fn push(&mut self, name: &str) -> u32 {
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    pub(crate) fn names(&self) -> &[Box<str>] {
        &self.names
    }
}
