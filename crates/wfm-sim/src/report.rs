//! Replications in parallel, exact merging, and confidence intervals.
//!
//! Replications are numbered `0..replications`; replication `r` is seeded from the run's seed
//! and `r` alone, and they are handed out in fixed blocks of [`BLOCK`] to the threads. Counts
//! (a [`Tally`]) are integers and merge exactly in any order. The confidence intervals come
//! from each replication's own measures (its service level, ASA, …, one value per
//! replication): their running means and squared deviations are merged block by block **in
//! block order**, so the report is bit for bit the same for any number of threads.
//!
//! A measure whose denominator is zero in a replication (no call offered in that interval,
//! say) is left out for that replication, and its interval counts the replications that
//! had it. The interval is Student's t: `mean ± t(1 − α/2, n − 1)·s/√n`.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::config::Model;
use crate::engine::replicate;
use crate::error::{Result, out_of_range};
use crate::routing::{Router, SkillRouter};
use crate::tally::{CellTally, GroupTally, Tally};

/// Most replications in one run.
///
/// ```
/// assert_eq!(wfm_sim::MAX_REPLICATIONS, 100_000);
/// ```
pub const MAX_REPLICATIONS: u32 = 100_000;
/// Most threads one run uses.
///
/// ```
/// assert_eq!(wfm_sim::MAX_THREADS, 256);
/// ```
pub const MAX_THREADS: usize = 256;
/// Replications per block handed to a thread.
///
/// ```
/// assert_eq!(wfm_sim::BLOCK, 8);
/// ```
pub const BLOCK: u32 = 8;

/// How to run: replications, seed, threads, confidence level.
///
/// ```
/// let s = wfm_sim::RunSettings::new(20, 7);
/// assert_eq!((s.replications, s.seed, s.threads, s.confidence), (20, 7, 0, 0.99));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RunSettings {
    /// Independent replications of the day, `1..=MAX_REPLICATIONS`.
    pub replications: u32,
    /// The run's seed.
    pub seed: u64,
    /// Threads, `0..=MAX_THREADS`; 0 uses the machine's available parallelism.
    pub threads: usize,
    /// Confidence level of the intervals, in `[0.5, 0.9999]`.
    pub confidence: f64,
}

impl RunSettings {
    /// `replications` replications seeded `seed`, on every core, with 99 % intervals.
    ///
    /// ```
    /// assert_eq!(wfm_sim::RunSettings::new(5, 1).confidence, 0.99);
    /// ```
    pub fn new(replications: u32, seed: u64) -> Self {
        RunSettings {
            replications,
            seed,
            threads: 0,
            confidence: 0.99,
        }
    }

    /// Checks every bound (the runs check them too).
    ///
    /// ```
    /// let mut s = wfm_sim::RunSettings::new(0, 1);
    /// assert!(s.validate().is_err());
    /// s.replications = 10;
    /// assert!(s.validate().is_ok());
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.replications == 0 || self.replications > MAX_REPLICATIONS {
            return Err(out_of_range(
                "replications",
                self.replications,
                "1..=100000",
            ));
        }
        if self.threads > MAX_THREADS {
            return Err(out_of_range("threads", self.threads, "0..=256"));
        }
        if !(self.confidence.is_finite() && (0.5..=0.9999).contains(&self.confidence)) {
            return Err(out_of_range("confidence", self.confidence, "[0.5, 0.9999]"));
        }
        Ok(())
    }
}

/// Running mean and sum of squared deviations (Welford), mergeable by Chan's formula.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Moments {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Moments {
    fn add(&mut self, y: Option<f64>) {
        let Some(y) = y else { return };
        self.n += 1;
        let d = y - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (y - self.mean);
    }

    fn merge(&mut self, o: &Self) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *o;
            return;
        }
        let n = self.n + o.n;
        let d = o.mean - self.mean;
        let (a, b) = (self.n as f64, o.n as f64);
        self.mean += d * b / n as f64;
        self.m2 += o.m2 + d * d * a * b / n as f64;
        self.n = n;
    }

    fn estimate(&self, confidence: f64) -> Option<Estimate> {
        if self.n == 0 {
            return None;
        }
        let half_width = if self.n >= 2 {
            let df = (self.n - 1) as f64;
            let sd = (self.m2.max(0.0) / df).sqrt();
            StudentsT::new(0.0, 1.0, df)
                .ok()
                .map(|t| t.inverse_cdf(0.5 + 0.5 * confidence) * sd / (self.n as f64).sqrt())
        } else {
            None
        };
        Some(Estimate {
            mean: self.mean,
            half_width,
            replications: self.n,
        })
    }
}

/// A measure's mean over replications and the half-width of its confidence interval.
///
/// ```
/// let e = wfm_sim::Estimate { mean: 0.8, half_width: Some(0.01), replications: 30 };
/// assert!(e.contains(0.805));
/// assert!(!e.contains(0.82));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Estimate {
    /// Mean of the replications' values.
    pub mean: f64,
    /// Half-width of the Student-t interval; `None` with fewer than two replications.
    pub half_width: Option<f64>,
    /// Replications in which the measure was defined.
    pub replications: u64,
}

impl Estimate {
    /// Whether `value` lies in the interval (never, without an interval).
    ///
    /// ```
    /// let e = wfm_sim::Estimate { mean: 1.0, half_width: None, replications: 1 };
    /// assert!(!e.contains(1.0));
    /// ```
    pub fn contains(&self, value: f64) -> bool {
        self.half_width
            .is_some_and(|h| (value - self.mean).abs() <= h)
    }
}

const TYPE_MEASURES: usize = 7;

fn type_measures(c: &CellTally) -> [Option<f64>; TYPE_MEASURES] {
    let ratio = |a: f64, b: u64| (b > 0).then(|| a / b as f64);
    let aw = c.answered_within as f64;
    [
        ratio(aw, c.offered),
        ratio(aw, c.answered),
        ratio(aw, c.offered.saturating_sub(c.abandoned_within)),
        ratio(aw + c.abandoned_within as f64, c.offered),
        ratio(c.wait_answered_ns as f64 * 1e-9, c.answered),
        ratio(
            (c.wait_answered_ns + c.wait_abandoned_ns) as f64 * 1e-9,
            c.answered + c.abandoned,
        ),
        ratio(c.abandoned as f64, c.offered),
    ]
}

/// Measures of one call type, over one interval or the day after the warm-up.
///
/// Service levels use the type's answer time T: see the field docs for each definition.
/// Counts are summed over replications; estimates are means over replications with their
/// confidence intervals; quantiles come from the pooled waits of answered calls.
///
/// ```
/// let model = wfm_sim::single_queue(10.0, 180.0, None, 12, 8, 1800)?;
/// let report = wfm_sim::simulate(&model, &wfm_sim::RunSettings::new(4, 1))?;
/// let day = &report.call_types[0].day;
/// assert!(day.answered_within_over_offered.is_some_and(|e| e.mean > 0.5));
/// # Ok::<(), wfm_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TypeMeasures {
    /// Calls offered, all replications together.
    pub offered: u64,
    /// Calls answered.
    pub answered: u64,
    /// Calls abandoned.
    pub abandoned: u64,
    /// Calls still waiting at the end of the day.
    pub waiting_at_end: u64,
    /// Service level: answered within T ÷ offered (calls still waiting at the end count as
    /// missed).
    pub answered_within_over_offered: Option<Estimate>,
    /// Answered within T ÷ answered.
    pub answered_within_over_answered: Option<Estimate>,
    /// Answered within T ÷ (offered − abandoned within T).
    pub answered_within_over_offered_less_short_abandons: Option<Estimate>,
    /// (Answered within T + abandoned within T) ÷ offered.
    pub wait_ended_within_over_offered: Option<Estimate>,
    /// ASA: mean wait of answered calls, zero waits included, in seconds.
    pub asa_seconds: Option<Estimate>,
    /// Mean wait of answered and abandoned calls (abandoned ones until they hung up), seconds.
    pub mean_wait_all_seconds: Option<Estimate>,
    /// Abandoned ÷ offered.
    pub abandoned_share: Option<Estimate>,
    /// Median wait of answered calls, seconds (within 1/16).
    pub wait_p50_seconds: Option<f64>,
    /// 80th percentile of the wait of answered calls, seconds.
    pub wait_p80_seconds: Option<f64>,
    /// 90th percentile.
    pub wait_p90_seconds: Option<f64>,
    /// 95th percentile.
    pub wait_p95_seconds: Option<f64>,
}

fn type_report(pooled: &CellTally, m: &[Moments; TYPE_MEASURES], confidence: f64) -> TypeMeasures {
    let e = |i: usize| m[i].estimate(confidence);
    let q = |p: f64| pooled.waits.quantile(p);
    TypeMeasures {
        offered: pooled.offered,
        answered: pooled.answered,
        abandoned: pooled.abandoned,
        waiting_at_end: pooled.waiting_at_end,
        answered_within_over_offered: e(0),
        answered_within_over_answered: e(1),
        answered_within_over_offered_less_short_abandons: e(2),
        wait_ended_within_over_offered: e(3),
        asa_seconds: e(4),
        mean_wait_all_seconds: e(5),
        abandoned_share: e(6),
        wait_p50_seconds: q(0.5),
        wait_p80_seconds: q(0.8),
        wait_p90_seconds: q(0.9),
        wait_p95_seconds: q(0.95),
    }
}

/// One call type's results: per interval and for the day after the warm-up.
///
/// ```
/// let model = wfm_sim::single_queue(10.0, 180.0, None, 12, 8, 1800)?;
/// let report = wfm_sim::simulate(&model, &wfm_sim::RunSettings::new(4, 1))?;
/// assert_eq!(report.call_types[0].intervals.len(), 8);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TypeReport {
    /// The call type's name.
    pub name: String,
    /// Per interval (calls belong to the interval they arrived in).
    pub intervals: Vec<TypeMeasures>,
    /// The day after the warm-up intervals.
    pub day: TypeMeasures,
}

/// One group's occupancy: per interval and for the day after the warm-up.
///
/// ```
/// let model = wfm_sim::single_queue(10.0, 180.0, None, 12, 8, 1800)?;
/// let report = wfm_sim::simulate(&model, &wfm_sim::RunSettings::new(4, 1))?;
/// let occ = report.groups[0].day.map(|e| e.mean).unwrap_or(0.0);
/// assert!((occ - 10.0 / 12.0).abs() < 0.05);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupReport {
    /// The group's name.
    pub name: String,
    /// Busy time ÷ present time per interval (`None` when nobody was ever present).
    pub intervals: Vec<Option<Estimate>>,
    /// The same over the day after the warm-up.
    pub day: Option<Estimate>,
}

/// The results of a run.
///
/// ```
/// let model = wfm_sim::single_queue(10.0, 180.0, Some(300.0), 12, 8, 1800)?;
/// let report = wfm_sim::simulate(&model, &wfm_sim::RunSettings::new(4, 1))?;
/// assert_eq!(report.tally.replications(), 4);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Report {
    /// The settings of the run.
    pub settings: RunSettings,
    /// Per call type.
    pub call_types: Vec<TypeReport>,
    /// Per group.
    pub groups: Vec<GroupReport>,
    /// The pooled exact counts of every replication.
    pub tally: Tally,
}

/// Per-replication measures accumulated in replication order.
#[derive(Debug, Clone)]
struct Block {
    tally: Tally,
    types: Vec<[Moments; TYPE_MEASURES]>,
    groups: Vec<Moments>,
}

impl Block {
    fn new(model: &Model) -> Self {
        let (nt, ng, ni) = (model.call_types(), model.groups(), model.intervals());
        Block {
            tally: Tally::empty(nt, ng, ni, model.warmup),
            // Per type: intervals then the day.
            types: vec![[Moments::default(); TYPE_MEASURES]; nt * (ni + 1)],
            groups: vec![Moments::default(); ng * (ni + 1)],
        }
    }

    fn add(&mut self, rep: &Tally) {
        let ni = rep.intervals;
        for k in 0..rep.call_types {
            for i in 0..=ni {
                let cell = if i < ni {
                    rep.cells[k * ni + i].clone()
                } else {
                    rep.call_type_total(k)
                };
                let ys = type_measures(&cell);
                for (m, y) in self.types[k * (ni + 1) + i].iter_mut().zip(ys) {
                    m.add(y);
                }
            }
        }
        for g in 0..rep.groups {
            for i in 0..=ni {
                let cell: GroupTally = if i < ni {
                    rep.group_cells[g * ni + i]
                } else {
                    rep.group_total(g)
                };
                self.groups[g * (ni + 1) + i].add(cell.occupancy());
            }
        }
        self.tally.merge_same_shape(rep);
    }

    fn merge(&mut self, o: &Self) {
        self.tally.merge_same_shape(&o.tally);
        for (a, b) in self.types.iter_mut().zip(&o.types) {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
        for (a, b) in self.groups.iter_mut().zip(&o.groups) {
            a.merge(b);
        }
    }
}

/// The next block to fold, finished blocks waiting for it, the folded accumulator, the first
/// error.
type Fold = (usize, BTreeMap<usize, Block>, Block, Option<crate::Error>);

/// Runs `settings.replications` replications of `model` with the built-in [`SkillRouter`].
///
/// ```
/// let model = wfm_sim::single_queue(10.0, 180.0, None, 12, 8, 1800)?;
/// let report = wfm_sim::simulate(&model, &wfm_sim::RunSettings::new(8, 1))?;
/// let sl = report.call_types[0].day.answered_within_over_offered.map(|e| e.mean).unwrap_or(0.0);
/// // Erlang C gives 0.640 in the steady state; the day starts empty, which helps a little.
/// assert!(sl > 0.55 && sl < 0.75);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
pub fn simulate(model: &Model, settings: &RunSettings) -> Result<Report> {
    simulate_with(model, &SkillRouter::new(model), settings)
}

/// Runs `settings.replications` replications of `model` routed by `router`, in parallel.
/// The report is the same for any number of threads.
///
/// ```
/// let model = wfm_sim::single_queue(10.0, 180.0, None, 12, 8, 1800)?;
/// let router = wfm_sim::SkillRouter::new(&model);
/// let mut one = wfm_sim::RunSettings::new(20, 3);
/// one.threads = 1;
/// let mut two = one;
/// two.threads = 2;
/// assert_eq!(wfm_sim::simulate_with(&model, &router, &one)?, {
///     let mut r = wfm_sim::simulate_with(&model, &router, &two)?;
///     r.settings.threads = 1;
///     r
/// });
/// # Ok::<(), wfm_sim::Error>(())
/// ```
pub fn simulate_with<R: Router>(
    model: &Model,
    router: &R,
    settings: &RunSettings,
) -> Result<Report> {
    settings.validate()?;
    let blocks = settings.replications.div_ceil(BLOCK) as usize;
    let threads = match settings.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(blocks)
    .max(1);
    let next = AtomicUsize::new(0);
    // Finished blocks wait here until every earlier block is folded in.
    let fold: Mutex<Fold> = Mutex::new((0, BTreeMap::new(), Block::new(model), None));
    let work = || {
        loop {
            let b = next.fetch_add(1, Ordering::Relaxed);
            if b >= blocks {
                return;
            }
            let mut block = Block::new(model);
            let first = b as u64 * u64::from(BLOCK);
            let last = (first + u64::from(BLOCK)).min(u64::from(settings.replications));
            let mut failed = None;
            for r in first..last {
                match replicate(model, router, settings.seed, r) {
                    Ok(t) => block.add(&t),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            let Ok(mut st) = fold.lock() else { return };
            if let Some(e) = failed {
                st.3.get_or_insert(e);
                next.store(blocks, Ordering::Relaxed);
                return;
            }
            st.1.insert(b, block);
            loop {
                let want = st.0;
                let Some(done) = st.1.remove(&want) else {
                    break;
                };
                st.2.merge(&done);
                st.0 += 1;
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
    let (_, _, acc, err) = fold.into_inner().map_err(|_| crate::Error::ThreadFailed)?;
    if let Some(e) = err {
        return Err(e);
    }
    let ni = model.intervals();
    let c = settings.confidence;
    let call_types = (0..model.call_types())
        .map(|k| TypeReport {
            name: model.config.call_types[k].name.clone(),
            intervals: (0..ni)
                .map(|i| {
                    type_report(
                        &acc.tally.cells[k * ni + i],
                        &acc.types[k * (ni + 1) + i],
                        c,
                    )
                })
                .collect(),
            day: type_report(
                &acc.tally.call_type_total(k),
                &acc.types[k * (ni + 1) + ni],
                c,
            ),
        })
        .collect();
    let groups = (0..model.groups())
        .map(|g| GroupReport {
            name: model.config.groups[g].name.clone(),
            intervals: (0..ni)
                .map(|i| acc.groups[g * (ni + 1) + i].estimate(c))
                .collect(),
            day: acc.groups[g * (ni + 1) + ni].estimate(c),
        })
        .collect();
    Ok(Report {
        settings: *settings,
        call_types,
        groups,
        tally: acc.tally,
    })
}
