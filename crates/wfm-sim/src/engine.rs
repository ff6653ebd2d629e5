//! The discrete-event simulation of one replication (one day).
//!
//! # The day
//! A replication simulates one day from `0` to `intervals × interval_seconds`. It **starts
//! empty** (nobody waiting, every present agent idle) and **stops at the end of the last
//! interval**: no call arrives after it, calls still waiting are counted as waiting at the end
//! (`offered = answered + abandoned + waiting_at_end` in every cell), calls in service count
//! as answered and their remaining handle time is not simulated. Use the configuration's
//! warm-up intervals to leave the empty start out of the day's totals.
//!
//! # Events
//! Arrivals of each type are generated lazily, one pending arrival per type, by inverting the
//! integrated piecewise-constant rate (an exact Poisson process across interval boundaries and
//! intervals without calls). Service completions, abandonments and overflow reviews are kept
//! in a binary heap ordered by time, then by the event's kind, call slot and slot reuse count,
//! so ties are broken the same way on every run. At equal times, an interval boundary comes first, then heap
//! events, then arrivals. Abandonments and reviews of calls that were answered meanwhile are
//! skipped when they come up (a generation count on the call's slot tells). Waiting calls live
//! in a slab reused across calls; after the first minutes of a day nothing is allocated per
//! call.
//!
//! # Randomness
//! One xoshiro256++ generator per replication, seeded with SplitMix64 from `seed` and the
//! replication's index. Every draw happens at an arrival: the uniform for the handle time, the
//! one for the patience (only when the type has one), then the next inter-arrival time. The
//! sequence of calls therefore does not depend on staffing or routing (common random numbers).

use std::collections::VecDeque;

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};

use crate::config::Model;
use crate::error::{Error, Result};
use crate::heap::Heap;
use crate::routing::{Router, View};
use crate::tally::Tally;

const COMPLETION: u32 = 0;
const ABANDON: u32 = 1;
const REVIEW: u32 = 2;

/// A heap event: the time's bits (times are never negative, so their bits order as the
/// times do) and the payload `kind << 62 | era << 32 | index`, which breaks ties
/// deterministically; as a heap key, `t_bits << 64 | payload`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ev {
    t_bits: u64,
    payload: u64,
}

impl Ev {
    #[inline(always)]
    fn from_key(k: u128) -> Self {
        Ev {
            t_bits: (k >> 64) as u64,
            payload: k as u64,
        }
    }
    #[inline(always)]
    fn t(&self) -> f64 {
        f64::from_bits(self.t_bits)
    }
    #[inline(always)]
    fn kind(&self) -> u32 {
        (self.payload >> 62) as u32
    }
    #[inline(always)]
    fn era(&self) -> u32 {
        ((self.payload >> 32) as u32) & ERA_MASK
    }
    #[inline(always)]
    fn idx(&self) -> u32 {
        self.payload as u32
    }
}

/// Eras (slot reuse counts) are compared modulo 2^30; a slot would have to be reused 2^30
/// times while one of its events waits in the heap, more calls than a replication may have.
const ERA_MASK: u32 = (1 << 30) - 1;

#[derive(Debug, Clone, Copy)]
struct Call {
    arrival: f64,
    u_handle: f64,
    patience_end: f64,
    ty: u32,
    interval: u32,
    era: u32,
}

/// The seed of replication `replication` of a run seeded `seed` (SplitMix64 of both).
pub(crate) fn replication_seed(seed: u64, replication: u64) -> u64 {
    let mut z = seed
        ^ replication
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(17);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[inline(always)]
fn uniform(rng: &mut Xoshiro256PlusPlus) -> f64 {
    // 53 random bits, centred in their cell: always strictly inside (0, 1).
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
}

struct Sim<'m, R: Router> {
    m: &'m Model,
    router: &'m R,
    rng: Xoshiro256PlusPlus,
    nt: usize,
    ng: usize,
    ni: usize,
    now: f64,
    cur: usize,
    heap: Heap,
    next_arrival: Vec<f64>,
    /// Per type: the interval `next_arrival` lies in.
    arrival_interval: Vec<usize>,
    calls: Vec<Call>,
    free: Vec<u32>,
    queues: Vec<VecDeque<(u32, u32)>>,
    waiting: Vec<u32>,
    oldest: Vec<f64>,
    idle: Vec<VecDeque<f64>>,
    busy: Vec<u32>,
    leaving: Vec<u32>,
    last_t: Vec<f64>,
    busy_s: Vec<f64>,
    present_s: Vec<f64>,
    tally: Tally,
}

#[inline(always)]
fn ns(seconds: f64) -> u128 {
    // Never negative. A wait is below 2e9 s (2e18 ns, inside u64); an interval's sum of
    // agent time can exceed u64 (100 000 agents × 86 400 s), hence the wide fallback.
    let x = seconds * 1e9 + 0.5;
    if x < 1.8e19 {
        u128::from(x as u64)
    } else {
        x as u128
    }
}

/// Simulates replication `replication` of a run seeded `seed`, routing with `router`, and
/// returns its exact counts.
///
/// The same `(model, router, seed, replication)` always gives the same tally, on any machine.
///
/// ```
/// let model = wfm_sim::single_queue(10.0, 180.0, Some(300.0), 12, 8, 900)?;
/// let router = wfm_sim::SkillRouter::new(&model);
/// let a = wfm_sim::replicate(&model, &router, 42, 0)?;
/// assert_eq!(a, wfm_sim::replicate(&model, &router, 42, 0)?);
/// let day = a.call_type_total(0);
/// assert_eq!(day.offered, day.answered + day.abandoned + day.waiting_at_end);
/// # Ok::<(), wfm_sim::Error>(())
/// ```
pub fn replicate<R: Router>(
    model: &Model,
    router: &R,
    seed: u64,
    replication: u64,
) -> Result<Tally> {
    let mut sim = Sim::new(model, router, replication_seed(seed, replication));
    sim.run()?;
    sim.tally.replications = 1;
    Ok(sim.tally)
}

impl<'m, R: Router> Sim<'m, R> {
    fn new(m: &'m Model, router: &'m R, seed: u64) -> Self {
        let (nt, ng, ni) = (m.call_types(), m.groups(), m.intervals());
        Sim {
            m,
            router,
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
            nt,
            ng,
            ni,
            now: 0.0,
            cur: 0,
            heap: Heap::with_capacity(1024),
            next_arrival: vec![f64::INFINITY; nt],
            arrival_interval: vec![0; nt],
            calls: Vec::new(),
            free: Vec::new(),
            queues: vec![VecDeque::new(); nt],
            waiting: vec![0; nt],
            oldest: vec![f64::INFINITY; nt],
            idle: vec![VecDeque::new(); ng],
            busy: vec![0; ng],
            leaving: vec![0; ng],
            last_t: vec![0.0; ng],
            busy_s: vec![0.0; ng],
            present_s: vec![0.0; ng],
            tally: Tally::empty(nt, ng, ni, m.warmup),
        }
    }

    #[inline(always)]
    fn view(&self) -> View<'_> {
        View {
            now: self.now,
            idle: &self.idle,
            oldest: &self.oldest,
            waiting: &self.waiting,
        }
    }

    #[inline(always)]
    fn push(&mut self, t: f64, kind: u32, idx: u32, era: u32) {
        let payload = (u64::from(kind) << 62) | (u64::from(era & ERA_MASK) << 32) | u64::from(idx);
        self.heap
            .push((u128::from(t.to_bits()) << 64) | u128::from(payload));
    }

    /// Draws the next arrival of type `k` after `from` (in interval `i`), by inverting the
    /// integrated rate.
    fn schedule_arrival(&mut self, k: usize, from: f64, mut i: usize) {
        let mut need = -uniform(&mut self.rng).ln();
        let mut t = from;
        let len = self.m.interval_s;
        while i < self.ni {
            let rate = self.m.rates[k][i];
            let end = (i + 1) as f64 * len;
            if rate > 0.0 {
                let dt = need / rate;
                if t + dt < end {
                    self.next_arrival[k] = t + dt;
                    self.arrival_interval[k] = i;
                    return;
                }
                need -= rate * (end - t);
            }
            t = end;
            i += 1;
        }
        self.next_arrival[k] = f64::INFINITY;
    }

    #[inline(always)]
    fn account(&mut self, g: usize) {
        let dt = self.now - self.last_t[g];
        if dt > 0.0 {
            let busy = f64::from(self.busy[g]);
            self.busy_s[g] += busy * dt;
            self.present_s[g] += (busy + self.idle[g].len() as f64) * dt;
            self.last_t[g] = self.now;
        }
    }

    fn flush_interval(&mut self) {
        for g in 0..self.ng {
            self.account(g);
            let cell = &mut self.tally.group_cells[g * self.ni + self.cur];
            cell.busy_ns += ns(self.busy_s[g]);
            cell.present_ns += ns(self.present_s[g]);
            self.busy_s[g] = 0.0;
            self.present_s[g] = 0.0;
        }
    }

    fn set_headcount(&mut self, g: usize, target: u32) -> Result<()> {
        self.account(g);
        let idle = self.idle[g].len() as u32;
        let effective = self.busy[g] + idle - self.leaving[g];
        if target > effective {
            let mut add = target - effective;
            let keep = add.min(self.leaving[g]);
            self.leaving[g] -= keep;
            add -= keep;
            for _ in 0..add {
                self.idle[g].push_back(self.now);
            }
            for _ in 0..add {
                if !self.agent_free(g)? {
                    break;
                }
            }
        } else {
            let mut remove = effective - target;
            while remove > 0 && self.idle[g].pop_front().is_some() {
                remove -= 1;
            }
            self.leaving[g] += remove;
        }
        Ok(())
    }

    /// Starts service of a call of type `k` (arrived at `arrival` in interval `interval`) by
    /// the longest-idle agent of group `g`.
    #[inline(always)]
    fn answer(
        &mut self,
        k: usize,
        g: usize,
        arrival: f64,
        interval: usize,
        u_handle: f64,
    ) -> Result<()> {
        let Some(skill) = self.m.skills[k * self.ng + g].as_ref() else {
            return Err(Error::InvalidRoute {
                choice: format!("group {g} for call type {k}"),
                problem: "the group lacks the skill",
            });
        };
        if self.idle[g].is_empty() {
            return Err(Error::InvalidRoute {
                choice: format!("group {g} for call type {k}"),
                problem: "no agent of the group is idle",
            });
        }
        let wait = self.now - arrival;
        let cell = &mut self.tally.cells[k * self.ni + interval];
        cell.answered += 1;
        if wait > 0.0 {
            if wait <= self.m.within[k] {
                cell.answered_within += 1;
            }
            cell.wait_answered_ns += ns(wait);
        } else {
            cell.answered_within += 1;
        }
        cell.waits.record(wait);
        let h = skill.handle.draw(u_handle);
        self.account(g);
        self.idle[g].pop_front();
        self.busy[g] += 1;
        self.push(self.now + h, COMPLETION, g as u32, 0);
        Ok(())
    }

    /// Frees the slot of a waiting call and keeps its queue's head live.
    fn remove_waiting(&mut self, id: u32) {
        let c = &mut self.calls[id as usize];
        c.era = c.era.wrapping_add(1);
        let k = c.ty as usize;
        self.free.push(id);
        self.waiting[k] -= 1;
        let q = &mut self.queues[k];
        while let Some(&(i, era)) = q.front() {
            if self.calls[i as usize].era == era {
                break;
            }
            q.pop_front();
        }
        self.oldest[k] = q
            .front()
            .map_or(f64::INFINITY, |&(i, _)| self.calls[i as usize].arrival);
    }

    /// An agent of `g` is idle (already in the idle list): offers it a waiting call.
    /// Returns whether it took one.
    fn agent_free(&mut self, g: usize) -> Result<bool> {
        let Some(k) = self.router.route_agent(g, &self.view()) else {
            return Ok(false);
        };
        let head = if k < self.nt {
            self.queues[k].front().copied()
        } else {
            None
        };
        let Some((id, _)) = head else {
            return Err(Error::InvalidRoute {
                choice: format!("call type {k} for group {g}"),
                problem: "no call of that type waits",
            });
        };
        let c = self.calls[id as usize];
        self.remove_waiting(id);
        self.answer(k, g, c.arrival, c.interval as usize, c.u_handle)?;
        Ok(true)
    }

    fn arrival(&mut self, k: usize) -> Result<()> {
        let i = self.arrival_interval[k];
        self.tally.cells[k * self.ni + i].offered += 1;
        let u_handle = uniform(&mut self.rng);
        // The patience's uniform is drawn now (so the sequence of draws does not depend on
        // routing); its logarithm is only taken if the call has to wait.
        let u_patience = if matches!(self.m.patience[k], crate::dist::Sampler::Never) {
            None
        } else {
            Some(uniform(&mut self.rng))
        };
        match self.router.route_call(k, self.now, &self.view()) {
            Some(g) if g < self.ng => self.answer(k, g, self.now, i, u_handle)?,
            Some(g) => {
                return Err(Error::InvalidRoute {
                    choice: format!("group {g} for call type {k}"),
                    problem: "no such group",
                });
            }
            None => {
                let patience_end =
                    u_patience.map_or(f64::INFINITY, |u| self.now + self.m.patience[k].draw(u));
                self.enqueue(k, i, u_handle, patience_end);
            }
        }
        self.schedule_arrival(k, self.now, i);
        Ok(())
    }

    fn enqueue(&mut self, k: usize, i: usize, u_handle: f64, patience_end: f64) {
        let call = Call {
            arrival: self.now,
            u_handle,
            patience_end,
            ty: k as u32,
            interval: i as u32,
            era: 0,
        };
        let id = match self.free.pop() {
            Some(id) => {
                let era = self.calls[id as usize].era;
                self.calls[id as usize] = Call { era, ..call };
                id
            }
            None => {
                self.calls.push(call);
                (self.calls.len() - 1) as u32
            }
        };
        let era = self.calls[id as usize].era;
        if self.waiting[k] == 0 {
            self.oldest[k] = self.now;
        }
        self.queues[k].push_back((id, era));
        self.waiting[k] += 1;
        if patience_end.is_finite() {
            self.push(patience_end, ABANDON, id, era);
        }
        if let Some(t) = self.router.next_review(k, self.now, self.now)
            && t > self.now
            && t < patience_end
        {
            self.push(t, REVIEW, id, era);
        }
    }

    fn event(&mut self, ev: Ev) -> Result<()> {
        match ev.kind() {
            COMPLETION => {
                let g = ev.idx() as usize;
                self.account(g);
                self.busy[g] -= 1;
                if self.leaving[g] > 0 {
                    self.leaving[g] -= 1;
                } else {
                    self.idle[g].push_back(self.now);
                    self.agent_free(g)?;
                }
            }
            ABANDON => {
                let c = self.calls[ev.idx() as usize];
                if c.era & ERA_MASK != ev.era() {
                    return Ok(());
                }
                let k = c.ty as usize;
                let wait = self.now - c.arrival;
                let cell = &mut self.tally.cells[k * self.ni + c.interval as usize];
                cell.abandoned += 1;
                if wait <= self.m.within[k] {
                    cell.abandoned_within += 1;
                }
                cell.wait_abandoned_ns += ns(wait);
                self.remove_waiting(ev.idx());
            }
            _ => {
                let c = self.calls[ev.idx() as usize];
                if c.era & ERA_MASK != ev.era() {
                    return Ok(());
                }
                let k = c.ty as usize;
                match self.router.route_call(k, c.arrival, &self.view()) {
                    Some(g) if g < self.ng => {
                        if self.idle[g].is_empty() {
                            return Err(Error::InvalidRoute {
                                choice: format!("group {g} for call type {k}"),
                                problem: "no agent of the group is idle",
                            });
                        }
                        self.remove_waiting(ev.idx());
                        self.answer(k, g, c.arrival, c.interval as usize, c.u_handle)?;
                    }
                    Some(g) => {
                        return Err(Error::InvalidRoute {
                            choice: format!("group {g} for call type {k}"),
                            problem: "no such group",
                        });
                    }
                    None => {
                        if let Some(t) = self.router.next_review(k, c.arrival, self.now)
                            && t > self.now
                            && t < c.patience_end
                        {
                            self.push(t, REVIEW, ev.idx(), ev.era());
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn run(&mut self) -> Result<()> {
        for k in 0..self.nt {
            self.schedule_arrival(k, 0.0, 0);
        }
        for g in 0..self.ng {
            self.set_headcount(g, self.m.headcount[g][0])?;
        }
        let len = self.m.interval_s;
        let mut boundary = len;
        loop {
            // The earliest pending arrival.
            let mut ka = 0;
            let mut ta = f64::INFINITY;
            for (k, &t) in self.next_arrival.iter().enumerate() {
                if t < ta {
                    ta = t;
                    ka = k;
                }
            }
            let th = self
                .heap
                .peek()
                .map_or(f64::INFINITY, |k| Ev::from_key(k).t());
            if boundary <= th && boundary <= ta {
                self.now = boundary;
                self.flush_interval();
                if self.cur + 1 >= self.ni {
                    break;
                }
                self.cur += 1;
                boundary = (self.cur + 1) as f64 * len;
                for g in 0..self.ng {
                    self.set_headcount(g, self.m.headcount[g][self.cur])?;
                }
            } else if th <= ta {
                let Some(ev) = self.heap.pop().map(Ev::from_key) else {
                    break;
                };
                self.now = ev.t();
                self.event(ev)?;
            } else {
                self.now = ta;
                self.arrival(ka)?;
            }
        }
        // Calls still waiting at the end of the day.
        for k in 0..self.nt {
            for &(id, era) in &self.queues[k] {
                let c = &self.calls[id as usize];
                if c.era == era {
                    self.tally.cells[k * self.ni + c.interval as usize].waiting_at_end += 1;
                }
            }
        }
        Ok(())
    }
}
