//! A four-ary min-heap of `u128` keys: the event queue.
//!
//! A key is `time bits << 64 | payload`; times are never negative, so their bits order as the
//! times do. Four children per node halve the depth of a binary heap, and a `u128` comparison
//! is two integer compares, so popping the earliest event is cheap at the sizes of a contact
//! centre (a few hundred pending events).

#[derive(Debug, Clone, Default)]
pub(crate) struct Heap {
    v: Vec<u128>,
}

impl Heap {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Heap {
            v: Vec::with_capacity(n),
        }
    }

    #[inline(always)]
    pub(crate) fn peek(&self) -> Option<u128> {
        self.v.first().copied()
    }

    #[inline]
    pub(crate) fn push(&mut self, key: u128) {
        let mut i = self.v.len();
        self.v.push(key);
        while i > 0 {
            let p = (i - 1) / 4;
            let pk = self.v[p];
            if pk <= key {
                break;
            }
            self.v[i] = pk;
            i = p;
        }
        self.v[i] = key;
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> Option<u128> {
        let top = *self.v.first()?;
        let last = self.v.pop()?;
        let n = self.v.len();
        if n == 0 {
            return Some(top);
        }
        let mut i = 0;
        loop {
            let c = 4 * i + 1;
            if c >= n {
                break;
            }
            let end = (c + 4).min(n);
            let mut m = c;
            let mut mk = self.v[c];
            for j in c + 1..end {
                let k = self.v[j];
                if k < mk {
                    mk = k;
                    m = j;
                }
            }
            if mk >= last {
                break;
            }
            self.v[i] = mk;
            i = m;
        }
        self.v[i] = last;
        Some(top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_order() {
        let mut h = Heap::with_capacity(4);
        let mut x: u64 = 88172645463325252;
        let mut keys = Vec::new();
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let k = u128::from(x % 1000) << 64 | u128::from(x >> 40);
            keys.push(k);
            h.push(k);
            if x.is_multiple_of(3) {
                keys.sort_unstable();
                assert_eq!(h.pop(), Some(keys.remove(0)));
            }
        }
        keys.sort_unstable();
        for k in keys {
            assert_eq!(h.pop(), Some(k));
        }
        assert_eq!(h.pop(), None);
    }
}
