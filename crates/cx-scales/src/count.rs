//! Counting raw answers: the hot path of every survey metric.
//!
//! Answers arrive as slices of small integers. For scales of up to [`COMPARE_MAX`] points the
//! count is a series of compare-and-add passes over blocks that stay in the L1 cache, with one
//! byte-wide counter per lane (so that the compiler turns each pass into vector compares and
//! subtracts on any x86-64 or AArch64 target, with no `unsafe` and no `target-cpu` flag), widened
//! to `u64` before a lane can overflow. Larger scales use a histogram. Wider integer types are
//! first narrowed, block by block, to one-byte codes (one plus their offset from the scale's
//! minimum, saturated to 0..=255). Answers that are not points are never counted, so the off-scale check is a
//! single comparison of the total with the input length; only when it fails is the input scanned
//! again to report the first offending answer and its position.

use crate::{Scale, ScaleError};

/// Lanes of byte counters per compare pass.
const LANES: usize = 32;
/// Values per block: a lane counter sees at most 255 values of a block, so it cannot overflow.
const BLOCK: usize = LANES * 255;
/// Targets counted per pass over a block.
const GROUP: usize = 4;
/// Above this many points the histogram is faster than compare passes.
const COMPARE_MAX: usize = 16;

/// Integer types whose slices can be counted as answers. Implemented for the primitive integers
/// up to 64 bits; one-byte types take the fastest path.
///
/// ```
/// use cx_scales::{Distribution, Scale};
/// let from_bytes = Distribution::count(Scale::ONE_TO_FIVE, &[5u8, 4, 4])?;
/// let from_ints = Distribution::count(Scale::ONE_TO_FIVE, &[5i64, 4, 4])?;
/// assert_eq!(from_bytes, from_ints);
/// # Ok::<(), cx_scales::ScaleError>(())
/// ```
pub trait Answer: Copy + sealed::Sealed {
    /// The answer as an `i64`.
    ///
    /// ```
    /// use cx_scales::Answer;
    /// assert_eq!((-3i8).to_i64(), -3);
    /// ```
    fn to_i64(self) -> i64;

    /// Counts `answers` into `counts` (one slot per point of `scale`), or reports the first
    /// answer that is not a point. On error `counts` holds partial tallies and must be discarded.
    #[doc(hidden)]
    fn tally_into(scale: Scale, answers: &[Self], counts: &mut [u64]) -> Result<(), ScaleError>;
}

mod sealed {
    pub trait Sealed {}
}

/// One-byte types, compared directly.
trait Byte: Copy + PartialEq + Default {
    fn bin(self) -> usize;
    fn from_point(point: i32) -> Option<Self>;
}

impl Byte for u8 {
    #[inline(always)]
    fn bin(self) -> usize {
        usize::from(self)
    }
    fn from_point(point: i32) -> Option<u8> {
        u8::try_from(point).ok()
    }
}

impl Byte for i8 {
    #[inline(always)]
    fn bin(self) -> usize {
        usize::from(self as u8)
    }
    fn from_point(point: i32) -> Option<i8> {
        i8::try_from(point).ok()
    }
}

macro_rules! byte_answer {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl Answer for $t {
            fn to_i64(self) -> i64 {
                self.into()
            }
            fn tally_into(scale: Scale, answers: &[$t], counts: &mut [u64]) -> Result<(), ScaleError> {
                tally_bytes(scale, answers, counts)
            }
        }
    )*};
}

macro_rules! wide_answer {
    ($($t:ty => $code:expr),*) => {$(
        impl sealed::Sealed for $t {}
        impl Answer for $t {
            fn to_i64(self) -> i64 {
                self.into()
            }
            fn tally_into(scale: Scale, answers: &[$t], counts: &mut [u64]) -> Result<(), ScaleError> {
                tally_wide(scale, answers, counts, $code)
            }
        }
    )*};
}

byte_answer!(u8, i8);
// Codes are one plus the offset from the scale's minimum, saturated to 0..=255: 0 stands for
// every answer below the scale, 255 for every answer above it, and the points' codes lie in
// between. In 32-bit arithmetic the subtraction may wrap only for answers far outside the scale
// (the true offset of an `i32` from a minimum within ±1e6 stays within ±(2^31 + 1e6)), and a
// wrapped offset lands beyond 2^31 − 1e6 in magnitude, far from 1..=254; written as a signed
// clamp, the conversion compiles to two saturating packs per sixteen answers.
wide_answer!(
    i16 => |v: i16, below: i32| code32(i32::from(v), below),
    u16 => |v: u16, below: i32| code32(i32::from(v), below),
    i32 => code32,
    u32 => |v: u32, below: i32| code64(i64::from(v), below),
    i64 => code64
);

/// The code of `value` for a scale whose minimum is `below + 1`.
#[inline(always)]
fn code32(value: i32, below: i32) -> u8 {
    value.wrapping_sub(below).clamp(0, 255) as u8
}

/// As [`code32`], for answers that need 64 bits.
#[inline(always)]
fn code64(value: i64, below: i32) -> u8 {
    value.saturating_sub(i64::from(below)).clamp(0, 255) as u8
}

/// Counts the occurrences of each of `targets` (distinct) in `data`, adding them to `out`.
fn tally<T: Byte>(data: &[T], targets: &[T], out: &mut [u64]) {
    if targets.len() > COMPARE_MAX {
        let mut bins = [[0u64; 256]; 4];
        let (quads, rest) = data.as_chunks::<4>();
        for q in quads {
            bins[0][q[0].bin()] += 1;
            bins[1][q[1].bin()] += 1;
            bins[2][q[2].bin()] += 1;
            bins[3][q[3].bin()] += 1;
        }
        for v in rest {
            bins[0][v.bin()] += 1;
        }
        for (t, o) in targets.iter().zip(out.iter_mut()) {
            *o += bins.iter().map(|b| b[t.bin()]).sum::<u64>();
        }
        return;
    }
    for block in data.chunks(BLOCK) {
        for (ts, os) in targets.chunks(GROUP).zip(out.chunks_mut(GROUP)) {
            let mut group = [ts[0]; GROUP];
            group[..ts.len()].copy_from_slice(ts);
            let found = tally_group(block, group);
            for (o, f) in os.iter_mut().zip(found) {
                *o += f;
            }
        }
    }
}

/// Counts the values of `block` (at most [`BLOCK`] long) equal to each of `targets`.
#[inline(always)]
fn tally_group<T: Byte>(block: &[T], targets: [T; GROUP]) -> [u64; GROUP] {
    let mut acc = [[0u8; LANES]; GROUP];
    let (chunks, rest) = block.as_chunks::<LANES>();
    for chunk in chunks {
        for (a, &t) in acc.iter_mut().zip(&targets) {
            for (lane, &v) in a.iter_mut().zip(chunk) {
                *lane = lane.wrapping_add(u8::from(v == t));
            }
        }
    }
    let mut found = [0u64; GROUP];
    for ((f, a), &t) in found.iter_mut().zip(&acc).zip(&targets) {
        *f = a.iter().map(|&x| u64::from(x)).sum::<u64>()
            + rest.iter().filter(|&&v| v == t).count() as u64;
    }
    found
}

fn tally_bytes<T: Byte + Answer>(
    scale: Scale,
    answers: &[T],
    counts: &mut [u64],
) -> Result<(), ScaleError> {
    // Points that the type cannot hold have no answers; every other byte value is off the scale.
    let (targets, slots): (Vec<T>, Vec<usize>) = scale
        .points()
        .enumerate()
        .filter_map(|(i, p)| T::from_point(p).map(|t| (t, i)))
        .unzip();
    let mut found = vec![0u64; targets.len()];
    tally(answers, &targets, &mut found);
    for (&slot, f) in slots.iter().zip(found) {
        counts[slot] += f;
    }
    check_total(scale, answers, &counts[..])
}

fn tally_wide<T: Answer>(
    scale: Scale,
    answers: &[T],
    counts: &mut [u64],
    code: impl Fn(T, i32) -> u8,
) -> Result<(), ScaleError> {
    let span = scale.span();
    if span >= 254 {
        // Wide scales: a direct index per answer.
        for (position, &a) in answers.iter().enumerate() {
            let value = a.to_i64();
            match scale.index_of(value) {
                Some(i) => counts[i] += 1,
                None => {
                    return Err(ScaleError::OffScaleAt {
                        value,
                        position,
                        scale,
                    });
                }
            }
        }
        return Ok(());
    }
    // Points have the codes 1..=span + 1, within 1..=254.
    let below = scale.min() - 1;
    let step = i64::from(scale.step());
    let targets: Vec<u8> = (0..scale.point_count() as i64)
        .map(|i| (1 + i * step) as u8)
        .collect();
    let mut codes = vec![0u8; BLOCK];
    for block in answers.chunks(BLOCK) {
        let codes = &mut codes[..block.len()];
        // Fixed-width chunks let the compiler convert a whole vector register at a time.
        let (wide_chunks, wide_rest) = block.as_chunks::<16>();
        let (code_chunks, code_rest) = codes.as_chunks_mut::<16>();
        for (cs, vs) in code_chunks.iter_mut().zip(wide_chunks) {
            for (c, &v) in cs.iter_mut().zip(vs) {
                *c = code(v, below);
            }
        }
        for (c, &v) in code_rest.iter_mut().zip(wide_rest) {
            *c = code(v, below);
        }
        tally(codes, &targets, counts);
    }
    check_total(scale, answers, &counts[..])
}

/// Succeeds when every answer was counted; otherwise finds the first one that is not a point.
fn check_total<T: Answer>(scale: Scale, answers: &[T], counts: &[u64]) -> Result<(), ScaleError> {
    if counts.iter().sum::<u64>() == answers.len() as u64 {
        return Ok(());
    }
    let (position, value) = answers
        .iter()
        .map(|a| a.to_i64())
        .enumerate()
        .find(|&(_, v)| !scale.contains(v))
        .unwrap_or((0, i64::MIN));
    Err(ScaleError::OffScaleAt {
        value,
        position,
        scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(scale: Scale, answers: &[i64]) -> Result<Vec<u64>, ScaleError> {
        let mut counts = vec![0u64; scale.point_count()];
        for (position, &value) in answers.iter().enumerate() {
            let i = scale.index_of(value).ok_or(ScaleError::OffScaleAt {
                value,
                position,
                scale,
            })?;
            counts[i] += 1;
        }
        Ok(counts)
    }

    fn run<T: Answer>(scale: Scale, answers: &[T]) -> Result<Vec<u64>, ScaleError> {
        let mut counts = vec![0u64; scale.point_count()];
        T::tally_into(scale, answers, &mut counts).map(|()| counts)
    }

    /// A deterministic pseudo-random sequence (xorshift), so the tests need no RNG crate.
    fn noise(len: usize, seed: u64) -> impl Iterator<Item = u64> {
        let mut x = seed | 1;
        (0..len).map(move |_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        })
    }

    #[test]
    fn every_path_matches_the_naive_count() {
        let scales = [
            Scale::ZERO_TO_TEN,
            Scale::ONE_TO_FIVE,
            Scale::SMILEYS,
            Scale::ZERO_TO_HUNDRED,
            Scale::new(-3, 3).unwrap(),
            Scale::new(-128, 127).unwrap(),
            Scale::new(0, 255).unwrap(),
            Scale::new(200, 260).unwrap(),
            // The largest span of the narrowed path (codes 1..=254), and the smallest of the
            // direct one.
            Scale::new(0, 253).unwrap(),
            Scale::new(-10, 244).unwrap(),
            Scale::new(-1_000_000, -999_900).unwrap(),
            Scale::new(999_900, 1_000_000).unwrap(),
        ];
        // Lengths around the block and lane boundaries.
        for len in [
            0,
            1,
            31,
            32,
            33,
            BLOCK - 1,
            BLOCK,
            BLOCK + 1,
            3 * BLOCK + 17,
        ] {
            for scale in scales {
                let pts: Vec<i32> = scale.points().collect();
                let vals: Vec<i64> = noise(len, len as u64 + 7)
                    .map(|r| i64::from(pts[(r % pts.len() as u64) as usize]))
                    .collect();
                let expected = naive(scale, &vals).unwrap();
                assert_eq!(run(scale, &vals).unwrap(), expected, "i64 {scale} {len}");
                let v32: Vec<i32> = vals.iter().map(|&v| v as i32).collect();
                assert_eq!(run(scale, &v32).unwrap(), expected, "i32 {scale} {len}");
                if vals.iter().all(|&v| (0..=255).contains(&v)) {
                    let v8: Vec<u8> = vals.iter().map(|&v| v as u8).collect();
                    assert_eq!(run(scale, &v8).unwrap(), expected, "u8 {scale} {len}");
                }
                if vals.iter().all(|&v| (-128..=127).contains(&v)) {
                    let v8: Vec<i8> = vals.iter().map(|&v| v as i8).collect();
                    assert_eq!(run(scale, &v8).unwrap(), expected, "i8 {scale} {len}");
                }
            }
        }
    }

    #[test]
    fn the_first_off_scale_answer_is_reported() {
        let s = Scale::ONE_TO_FIVE;
        let mut data = vec![3u8; 2 * BLOCK];
        data[BLOCK + 5] = 0;
        data[BLOCK + 9] = 6;
        assert_eq!(
            run(s, &data),
            Err(ScaleError::OffScaleAt {
                value: 0,
                position: BLOCK + 5,
                scale: s
            })
        );
        let wide: Vec<i32> = vec![1, 2, i32::MIN, 7];
        assert_eq!(
            run(s, &wide),
            Err(ScaleError::OffScaleAt {
                value: i64::from(i32::MIN),
                position: 2,
                scale: s
            })
        );
        // Answers at the ends of the integer types, for scales at the ends of the supported
        // range: none may wrap onto a point's code.
        for scale in [
            Scale::new(-1_000_000, -999_900).unwrap(),
            Scale::new(999_900, 1_000_000).unwrap(),
        ] {
            for v in [i32::MIN, i32::MIN + 1, i32::MAX, i32::MAX - 1, 0, -1, 1] {
                assert!(run(scale, &[v]).is_err(), "{scale} {v}");
                assert!(run(scale, &[i64::from(v)]).is_err(), "{scale} {v}");
            }
            for v in [i64::MIN, i64::MAX, 1 << 32, -(1 << 32)] {
                assert!(run(scale, &[v]).is_err(), "{scale} {v}");
            }
            assert!(run(scale, &[u32::MAX]).is_err());
        }
        // Values that wrap to a point's code modulo 2^32 are still off the scale.
        let wrapped: Vec<i64> = vec![1 + (1 << 32)];
        assert!(run(s, &wrapped).is_err());
        assert!(run(Scale::SMILEYS, &[2u8]).is_err());
        assert!(run(Scale::new(-3, 3).unwrap(), &[253u8]).is_err());
        let wide_scale = Scale::new(0, 1000).unwrap();
        assert!(run(wide_scale, &[1001u16]).is_err());
        assert!(run(wide_scale, &[-1i16]).is_err());
    }
}
