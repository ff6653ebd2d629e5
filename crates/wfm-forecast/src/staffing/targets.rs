//! Service targets: "X % answered within T", ASA, maximum occupancy, maximum abandonment,
//! maximum blocking, and the [`Targets`] a staffing search must meet together.

use crate::error::{Error, Num, Result};
use crate::units::TimeSpan;

fn share_in(parameter: &'static str, value: f64, range: &'static str, ok: bool) -> Result<f64> {
    if ok && value.is_finite() {
        Ok(value)
    } else {
        Err(Error::ShareOutOfRange {
            parameter,
            value,
            range,
        })
    }
}

/// Which calls count in a service level, and over what. Erlang C has no abandonment, so every
/// definition gives the same number there; under Erlang A they differ (see the crate docs).
///
/// With `W` the wait a caller would have had if patient enough (the *offered* wait) and `τ`
/// the caller's patience, a call is answered when `W < τ`.
///
/// ```
/// use wfm_forecast::ServiceLevelDefinition;
/// assert_eq!(ServiceLevelDefinition::default(), ServiceLevelDefinition::AnsweredWithinOverOffered);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ServiceLevelDefinition {
    /// Calls answered within T ÷ all calls offered (abandoned calls count as missed).
    /// The strictest common definition, and pyworkforce 0.5.4's `ErlangA.service_level`.
    #[default]
    AnsweredWithinOverOffered,
    /// Calls answered within T ÷ calls answered (abandoned calls are left out).
    AnsweredWithinOverAnswered,
    /// Calls answered within T ÷ (calls offered − calls abandoned within T): callers who hang
    /// up before T are left out, later abandons count as missed.
    AnsweredWithinOverOfferedLessShortAbandons,
    /// Calls whose wait ended (answered or abandoned) within T ÷ all calls offered: early
    /// abandons count as met.
    WaitEndedWithinOverOffered,
}

/// A service-level target: at least `share` of calls answered within `within` (the usual
/// 80/20 is `ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)`).
///
/// ```
/// use wfm_forecast::{ServiceTarget, TimeSpan};
///
/// let t = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
/// assert_eq!(t.share(), 0.8);
/// assert_eq!(t.within().seconds(), 20.0);
/// assert!(ServiceTarget::new(1.0, TimeSpan::from_seconds(20.0)?).is_err());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ServiceTarget {
    share: f64,
    within: TimeSpan,
    definition: ServiceLevelDefinition,
}

impl ServiceTarget {
    /// `share` in the open interval (0, 1) of calls answered within `within`, under the
    /// default [`ServiceLevelDefinition::AnsweredWithinOverOffered`].
    ///
    /// ```
    /// use wfm_forecast::{ServiceTarget, TimeSpan};
    /// assert!(ServiceTarget::new(0.0, TimeSpan::from_seconds(20.0)?).is_err());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(share: f64, within: TimeSpan) -> Result<Self> {
        let share = share_in(
            "service-level target",
            share,
            "(0, 1)",
            share > 0.0 && share < 1.0,
        )?;
        Ok(Self {
            share,
            within,
            definition: ServiceLevelDefinition::default(),
        })
    }

    /// The same target under another definition (it matters only for Erlang A).
    ///
    /// ```
    /// use wfm_forecast::{ServiceLevelDefinition, ServiceTarget, TimeSpan};
    /// let t = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?
    ///     .with_definition(ServiceLevelDefinition::AnsweredWithinOverAnswered);
    /// assert_eq!(t.definition(), ServiceLevelDefinition::AnsweredWithinOverAnswered);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn with_definition(self, definition: ServiceLevelDefinition) -> Self {
        Self { definition, ..self }
    }

    /// The share of calls to answer within the time, in (0, 1).
    ///
    /// ```
    /// use wfm_forecast::{ServiceTarget, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// assert_eq!(sl.share(), 0.8);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn share(self) -> f64 {
        self.share
    }

    /// The answer-time threshold T.
    ///
    /// ```
    /// use wfm_forecast::{ServiceTarget, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// assert_eq!(sl.within().seconds(), 20.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn within(self) -> TimeSpan {
        self.within
    }

    /// The service-level definition.
    ///
    /// ```
    /// use wfm_forecast::{ServiceLevelDefinition, ServiceTarget, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// assert_eq!(sl.definition(), ServiceLevelDefinition::AnsweredWithinOverOffered);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn definition(self) -> ServiceLevelDefinition {
        self.definition
    }
}

/// A ceiling on ASA, the average speed of answer of answered calls (zero waits included).
///
/// ```
/// use wfm_forecast::{AsaTarget, TimeSpan};
/// let asa = AsaTarget::new(TimeSpan::from_seconds(15.0)?)?;
/// assert_eq!(asa.max().seconds(), 15.0);
/// assert!(AsaTarget::new(TimeSpan::from_seconds(0.0)?).is_err());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AsaTarget {
    max: TimeSpan,
}

impl AsaTarget {
    /// ASA at most `max`, which must be greater than zero (no queue has an ASA of zero).
    ///
    /// ```
    /// use wfm_forecast::{AsaTarget, TimeSpan};
    /// assert!(AsaTarget::new(TimeSpan::from_seconds(30.0)?).is_ok());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(max: TimeSpan) -> Result<Self> {
        max.positive("ASA target")?;
        Ok(Self { max })
    }

    /// The largest acceptable ASA.
    ///
    /// ```
    /// use wfm_forecast::{AsaTarget, TimeSpan};
    /// assert_eq!(AsaTarget::new(TimeSpan::from_minutes(1.0)?)?.max().seconds(), 60.0);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn max(self) -> TimeSpan {
        self.max
    }
}

/// A ceiling on occupancy (the share of logged-in agent time spent handling), in (0, 1].
///
/// ```
/// use wfm_forecast::MaxOccupancy;
/// assert_eq!(MaxOccupancy::new(0.85)?.get(), 0.85);
/// assert!(MaxOccupancy::new(0.0).is_err());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MaxOccupancy(f64);

impl MaxOccupancy {
    /// Occupancy at most `share`, in (0, 1].
    ///
    /// ```
    /// use wfm_forecast::MaxOccupancy;
    /// assert!(MaxOccupancy::new(1.0).is_ok());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn new(share: f64) -> Result<Self> {
        share_in(
            "maximum occupancy",
            share,
            "(0, 1]",
            share > 0.0 && share <= 1.0,
        )
        .map(Self)
    }

    /// The ceiling.
    ///
    /// ```
    /// use wfm_forecast::MaxOccupancy;
    /// assert_eq!(MaxOccupancy::new(0.85)?.get(), 0.85);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn get(self) -> f64 {
        self.0
    }
}

/// A ceiling on a probability in (0, 1): the share of calls that abandon (Erlang A) or are
/// blocked (Erlang B).
///
/// ```
/// use wfm_forecast::MaxProbability;
/// assert_eq!(MaxProbability::new(0.01)?.get(), 0.01);
/// assert!(MaxProbability::new(1.5).is_err());
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MaxProbability(f64);

impl MaxProbability {
    /// A probability ceiling in (0, 1).
    ///
    /// ```
    /// use wfm_forecast::MaxProbability;
    /// assert!(MaxProbability::new(0.0).is_err());
    /// ```
    pub fn new(p: f64) -> Result<Self> {
        share_in("probability ceiling", p, "(0, 1)", p > 0.0 && p < 1.0).map(Self)
    }

    /// The ceiling.
    ///
    /// ```
    /// use wfm_forecast::MaxProbability;
    /// assert_eq!(MaxProbability::new(0.05)?.get(), 0.05);
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn get(self) -> f64 {
        self.0
    }
}

/// The targets a staffing search meets together. Built from at least one target, so it is
/// never empty; each `and_*` adds one.
///
/// ```
/// use wfm_forecast::{AsaTarget, MaxOccupancy, ServiceTarget, Targets, TimeSpan};
///
/// let targets = Targets::service_level(ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?)
///     .and_asa(AsaTarget::new(TimeSpan::from_seconds(30.0)?)?)
///     .and_max_occupancy(MaxOccupancy::new(0.85)?);
/// assert_eq!(targets.max_occupancy().map(|m| m.get()), Some(0.85));
/// # Ok::<(), wfm_forecast::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Targets {
    service: Option<ServiceTarget>,
    asa: Option<AsaTarget>,
    max_occupancy: Option<MaxOccupancy>,
    max_abandonment: Option<MaxProbability>,
}

impl Targets {
    const EMPTY: Self = Self {
        service: None,
        asa: None,
        max_occupancy: None,
        max_abandonment: None,
    };

    /// Targets holding a service-level target.
    ///
    /// ```
    /// use wfm_forecast::{ServiceTarget, Targets, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// assert_eq!(Targets::service_level(sl).service(), Some(sl));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn service_level(target: ServiceTarget) -> Self {
        Self::EMPTY.and_service_level(target)
    }

    /// Targets holding an ASA ceiling.
    ///
    /// ```
    /// use wfm_forecast::{AsaTarget, Targets, TimeSpan};
    /// let t = Targets::asa(AsaTarget::new(TimeSpan::from_seconds(10.0)?)?);
    /// assert!(t.service().is_none());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn asa(target: AsaTarget) -> Self {
        Self::EMPTY.and_asa(target)
    }

    /// Targets holding an occupancy ceiling.
    ///
    /// ```
    /// use wfm_forecast::{MaxOccupancy, Targets};
    /// let t = Targets::max_occupancy_only(MaxOccupancy::new(0.9)?);
    /// assert!(t.service().is_none());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn max_occupancy_only(target: MaxOccupancy) -> Self {
        Self::EMPTY.and_max_occupancy(target)
    }

    /// Targets holding an abandonment ceiling (met by any staffing under Erlang C).
    ///
    /// ```
    /// use wfm_forecast::{MaxProbability, Targets};
    /// let t = Targets::max_abandonment_only(MaxProbability::new(0.05)?);
    /// assert_eq!(t.max_abandonment().map(|p| p.get()), Some(0.05));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn max_abandonment_only(target: MaxProbability) -> Self {
        Self::EMPTY.and_max_abandonment(target)
    }

    /// Adds (or replaces) the service-level target.
    ///
    /// ```
    /// use wfm_forecast::{MaxOccupancy, ServiceTarget, Targets, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// let t = Targets::max_occupancy_only(MaxOccupancy::new(0.9)?).and_service_level(sl);
    /// assert_eq!(t.service(), Some(sl));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn and_service_level(self, target: ServiceTarget) -> Self {
        Self {
            service: Some(target),
            ..self
        }
    }

    /// Adds (or replaces) the ASA ceiling.
    ///
    /// ```
    /// use wfm_forecast::{AsaTarget, ServiceTarget, Targets, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// let t = Targets::service_level(sl).and_asa(AsaTarget::new(TimeSpan::from_seconds(20.0)?)?);
    /// assert!(t.asa_target().is_some());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn and_asa(self, target: AsaTarget) -> Self {
        Self {
            asa: Some(target),
            ..self
        }
    }

    /// Adds (or replaces) the occupancy ceiling.
    ///
    /// ```
    /// use wfm_forecast::{MaxOccupancy, ServiceTarget, Targets, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// let t = Targets::service_level(sl).and_max_occupancy(MaxOccupancy::new(0.85)?);
    /// assert!(t.max_occupancy().is_some());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn and_max_occupancy(self, target: MaxOccupancy) -> Self {
        Self {
            max_occupancy: Some(target),
            ..self
        }
    }

    /// Adds (or replaces) the abandonment ceiling.
    ///
    /// ```
    /// use wfm_forecast::{MaxProbability, ServiceTarget, Targets, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// let t = Targets::service_level(sl).and_max_abandonment(MaxProbability::new(0.03)?);
    /// assert!(t.max_abandonment().is_some());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    #[must_use]
    pub fn and_max_abandonment(self, target: MaxProbability) -> Self {
        Self {
            max_abandonment: Some(target),
            ..self
        }
    }

    /// The service-level target, if any.
    ///
    /// ```
    /// use wfm_forecast::{ServiceTarget, Targets, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// assert_eq!(Targets::service_level(sl).service().map(|s| s.share()), Some(0.8));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn service(&self) -> Option<ServiceTarget> {
        self.service
    }

    /// The ASA ceiling, if any.
    ///
    /// ```
    /// use wfm_forecast::{AsaTarget, Targets, TimeSpan};
    /// let a = AsaTarget::new(TimeSpan::from_seconds(9.0)?)?;
    /// assert_eq!(Targets::asa(a).asa_target(), Some(a));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn asa_target(&self) -> Option<AsaTarget> {
        self.asa
    }

    /// The occupancy ceiling, if any.
    ///
    /// ```
    /// use wfm_forecast::{MaxOccupancy, Targets};
    /// let m = MaxOccupancy::new(0.8)?;
    /// assert_eq!(Targets::max_occupancy_only(m).max_occupancy(), Some(m));
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn max_occupancy(&self) -> Option<MaxOccupancy> {
        self.max_occupancy
    }

    /// The abandonment ceiling, if any.
    ///
    /// ```
    /// use wfm_forecast::{ServiceTarget, Targets, TimeSpan};
    /// let sl = ServiceTarget::new(0.8, TimeSpan::from_seconds(20.0)?)?;
    /// assert!(Targets::service_level(sl).max_abandonment().is_none());
    /// # Ok::<(), wfm_forecast::Error>(())
    /// ```
    pub fn max_abandonment(&self) -> Option<MaxProbability> {
        self.max_abandonment
    }

    /// A description of the targets, for error messages.
    pub(crate) fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.service {
            parts.push(format!(
                "service level >= {} within {} s ({:?})",
                Num(s.share),
                Num(s.within.seconds()),
                s.definition
            ));
        }
        if let Some(a) = self.asa {
            parts.push(format!("ASA <= {} s", Num(a.max.seconds())));
        }
        if let Some(o) = self.max_occupancy {
            parts.push(format!("occupancy <= {}", Num(o.0)));
        }
        if let Some(p) = self.max_abandonment {
            parts.push(format!("abandonment <= {}", Num(p.0)));
        }
        parts.join(" and ")
    }
}
