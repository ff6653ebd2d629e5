//! The tables of `cx survey`: one row per sample (overall, group, input) with its estimate and
//! interval, and the signed comparison of two samples with its test — `cx_survey`'s
//! `compare_nps` (adjusted Wald or Wald), `compare_shares` (pooled z, Newcombe interval, and
//! Fisher's exact p) and `compare_means` (Welch).

use cx_survey::{
    BandShare, Csi, MeanScore, Nps, WeightedDifference, WeightedNps, WeightedProportion,
    compare_means, compare_nps, compare_shares, fisher_exact_p,
};

use crate::error::CliError;
use crate::output::{Kind, Table, Value};
use crate::survey_cmd::{Intervals, Measure};

/// One sample's metric.
#[derive(Clone, Debug)]
pub(crate) enum Estimate {
    /// An NPS.
    Nps(Nps),
    /// A band's share (CSAT top box, CDSAT, CES 5–7).
    Share(BandShare),
    /// A mean (CSAT mean, CES mean).
    Mean(MeanScore),
    /// A CSI.
    Csi(Csi),
    /// A weighted NPS, with the unweighted one of the same answers for the counts.
    WeightedNps(Nps, WeightedNps),
    /// A weighted share, with the unweighted one of the same answers for the counts.
    WeightedShare(BandShare, WeightedProportion),
}

/// The scores table: its columns depend on the kind of metric (see the README); weighted
/// estimates add `effective_n`, `total_weight` and `standard_error`.
pub(crate) fn scores_table(
    measure: &Measure,
    rows: &[(String, Estimate)],
    iv: Intervals,
    weighted: bool,
) -> Result<Table, CliError> {
    let base = Table::new("scores")
        .column("group", Kind::Plain)
        .column("n", Kind::Plain);
    let mut t = match measure {
        Measure::Nps => base
            .column("promoters", Kind::Plain)
            .column("passives", Kind::Plain)
            .column("detractors", Kind::Plain)
            .column("nps", Kind::Decimals(1))
            .column("lower", Kind::Decimals(1))
            .column("upper", Kind::Decimals(1)),
        Measure::CsatShare(_) | Measure::Cdsat(_) | Measure::CesShare => base
            .column("successes", Kind::Plain)
            .column("share", Kind::Share(1))
            .column("lower", Kind::Share(1))
            .column("upper", Kind::Share(1)),
        Measure::CsatMean | Measure::CesMean => mean_columns(base),
        Measure::Csi => mean_columns(base)
            .column("percent_of_max", Kind::Percent(1))
            .column("pomp", Kind::Percent(1)),
    };
    if weighted {
        let se = match measure {
            Measure::Nps => Kind::Decimals(2),
            _ => Kind::Share(2),
        };
        t = t
            .column("effective_n", Kind::Decimals(1))
            .column("total_weight", Kind::Decimals(2))
            .column("standard_error", se);
    }
    for (group, e) in rows {
        let mut row = vec![Value::text(group.clone())];
        match e {
            Estimate::Nps(n) => {
                let ci = n.interval(iv.nps, iv.confidence);
                row.extend([
                    Value::UInt(n.n()),
                    Value::UInt(n.promoters()),
                    Value::UInt(n.passives()),
                    Value::UInt(n.detractors()),
                    Value::float(n.score().value()),
                    Value::float(ci.lower.value()),
                    Value::float(ci.upper.value()),
                ]);
            }
            Estimate::Share(s) => {
                let ci = s.interval(iv.share, iv.confidence);
                let p = s.proportion();
                row.extend([
                    Value::UInt(p.n()),
                    Value::UInt(p.successes()),
                    Value::float(s.share().value()),
                    Value::float(ci.lower.value()),
                    Value::float(ci.upper.value()),
                ]);
            }
            Estimate::Mean(m) => row.extend(mean_cells(m, iv)),
            Estimate::Csi(c) => {
                row.extend(mean_cells(&c.mean(), iv));
                row.extend([Value::float(c.percent_of_max()), Value::float(c.pomp())]);
            }
            Estimate::WeightedNps(n, w) => {
                let ci = w.interval(iv.nps, iv.confidence)?;
                row.extend([
                    Value::UInt(w.n()),
                    Value::UInt(n.promoters()),
                    Value::UInt(n.passives()),
                    Value::UInt(n.detractors()),
                    Value::float(ci.estimate.value()),
                    Value::float(ci.lower.value()),
                    Value::float(ci.upper.value()),
                    Value::float(w.effective_n()?),
                    Value::float(w.total_weight()),
                    // In NPS points, like the score and the comparison's standard error.
                    w.standard_error()
                        .map_or(Value::Null, |se| Value::float(100.0 * se)),
                ]);
            }
            Estimate::WeightedShare(s, w) => {
                let ci = w.interval(iv.share, iv.confidence)?;
                row.extend([
                    Value::UInt(w.n()),
                    Value::UInt(s.proportion().successes()),
                    Value::float(ci.estimate.value()),
                    Value::float(ci.lower.value()),
                    Value::float(ci.upper.value()),
                    Value::float(w.effective_n()?),
                    Value::float(w.total_weight()),
                    Value::opt_float(w.standard_error()),
                ]);
            }
        }
        t.push(row);
    }
    Ok(t)
}

fn mean_columns(t: Table) -> Table {
    t.column("mean", Kind::Decimals(3))
        .column("std_dev", Kind::Decimals(3))
        .column("lower", Kind::Decimals(3))
        .column("upper", Kind::Decimals(3))
}

/// n, mean, standard deviation and the t interval (undefined below two answers).
fn mean_cells(m: &MeanScore, iv: Intervals) -> [Value; 5] {
    let ci = m.interval(iv.confidence).ok();
    [
        Value::UInt(m.n()),
        Value::float(m.mean()),
        Value::float(m.std_dev()),
        ci.map_or(Value::Null, |c| Value::float(c.lower)),
        ci.map_or(Value::Null, |c| Value::float(c.upper)),
    ]
}

/// The empty comparison table; differences are shown to people in the metric's unit.
pub(crate) fn comparison_table(measure: &Measure) -> Table {
    let kind = match measure {
        Measure::Nps => Kind::Decimals(1),
        Measure::CsatShare(_) | Measure::Cdsat(_) | Measure::CesShare => Kind::Share(1),
        Measure::CsatMean | Measure::CesMean | Measure::Csi => Kind::Decimals(3),
    };
    Table::new("comparison")
        .titled("comparison (first − second)")
        .column("first", Kind::Plain)
        .column("second", Kind::Plain)
        .column("difference", kind)
        .column("lower", kind)
        .column("upper", kind)
        .column("statistic", Kind::Decimals(3))
        .column("p_value", Kind::Decimals(6))
        .column("test", Kind::Plain)
        .machine_column("centre", Kind::Plain)
        .machine_column("standard_error", Kind::Plain)
        .machine_column("degrees_of_freedom", Kind::Plain)
        .machine_column("fisher_p_value", Kind::Plain)
}

/// Adds the comparison `first − second` to `t`.
pub(crate) fn compare(
    t: &mut Table,
    first: &(String, Estimate),
    second: &(String, Estimate),
    iv: Intervals,
) -> Result<(), CliError> {
    let names = [Value::text(first.0.clone()), Value::text(second.0.clone())];
    let row = match (&first.1, &second.1) {
        (Estimate::Nps(a), Estimate::Nps(b)) => {
            let d = compare_nps(a, b, iv.nps_test, iv.confidence);
            Cells {
                centre: Some(d.centre),
                standard_error: Some(d.standard_error),
                ..Cells::new(
                    (d.difference, d.lower, d.upper),
                    d.z,
                    d.p_value,
                    format!("nps-{}", iv.nps_test),
                )
            }
        }
        (Estimate::Share(a), Estimate::Share(b)) => {
            let (pa, pb) = (a.proportion(), b.proportion());
            let d = compare_shares(pa, pb, iv.confidence);
            Cells {
                fisher_p_value: Some(fisher_exact_p(pa, pb)?),
                ..Cells::new(
                    (d.difference, d.lower, d.upper),
                    d.z,
                    d.p_value,
                    "pooled-z-newcombe".to_owned(),
                )
            }
        }
        (Estimate::Mean(a), Estimate::Mean(b)) => welch(a, b, iv)?,
        (Estimate::Csi(a), Estimate::Csi(b)) => welch(&a.mean(), &b.mean(), iv)?,
        (Estimate::WeightedNps(_, a), Estimate::WeightedNps(_, b)) => {
            weighted(a.compare(b, iv.confidence)?)
        }
        (Estimate::WeightedShare(_, a), Estimate::WeightedShare(_, b)) => {
            weighted(a.compare(b, iv.confidence)?)
        }
        _ => return Err(CliError::data("cannot compare different kinds of metric")),
    };
    t.push(names.into_iter().chain(row.values()).collect());
    Ok(())
}

/// One row of the comparison table after the two names, in the columns of
/// [`comparison_table`]; the optional cells are `null` where a test does not give them.
struct Cells {
    difference: f64,
    lower: f64,
    upper: f64,
    statistic: f64,
    p_value: f64,
    test: String,
    centre: Option<f64>,
    standard_error: Option<f64>,
    degrees_of_freedom: Option<f64>,
    fisher_p_value: Option<f64>,
}

impl Cells {
    /// The cells every test gives; the optional ones start empty.
    fn new(
        (difference, lower, upper): (f64, f64, f64),
        statistic: f64,
        p_value: f64,
        test: String,
    ) -> Cells {
        Cells {
            difference,
            lower,
            upper,
            statistic,
            p_value,
            test,
            centre: None,
            standard_error: None,
            degrees_of_freedom: None,
            fisher_p_value: None,
        }
    }

    fn values(self) -> Vec<Value> {
        let opt = |v: Option<f64>| v.map_or(Value::Null, Value::float);
        vec![
            Value::float(self.difference),
            Value::float(self.lower),
            Value::float(self.upper),
            Value::float(self.statistic),
            Value::float(self.p_value),
            Value::text(self.test),
            opt(self.centre),
            opt(self.standard_error),
            opt(self.degrees_of_freedom),
            opt(self.fisher_p_value),
        ]
    }
}

/// Two weighted estimates: the Wald z test on the linearised standard errors
/// (`cx_survey::WeightedDifference`).
fn weighted(d: WeightedDifference) -> Cells {
    Cells {
        centre: Some(d.difference),
        standard_error: Some(d.standard_error),
        ..Cells::new(
            (d.difference, d.lower, d.upper),
            d.z,
            d.p_value,
            "weighted-wald".to_owned(),
        )
    }
}

fn welch(a: &MeanScore, b: &MeanScore, iv: Intervals) -> Result<Cells, CliError> {
    let d = compare_means(a, b, iv.confidence)?;
    Ok(Cells {
        degrees_of_freedom: Some(d.degrees_of_freedom),
        ..Cells::new(
            (d.difference, d.lower, d.upper),
            d.t,
            d.p_value,
            "welch-t".to_owned(),
        )
    })
}
