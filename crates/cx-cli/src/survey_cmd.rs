//! `cx survey`: NPS, CSAT, CDSAT, CES and CSI with their confidence intervals, overall and per
//! group, and the signed comparison of two groups or two inputs — all through `cx_survey`.
//!
//! Answers come from a CSV column (numbers or labels) or from counts on the command line; the
//! scale is always stated. Each metric is a subcommand so that CSAT cannot be computed without
//! saying whether it is a top-box share or a mean.
//!
//! With `--weight-column` (NPS and shares read from a file) every row is a
//! `cx_survey::WeightedNps` or `WeightedProportion`: the weighted estimate, its interval on
//! Kish's effective counts and its Taylor-linearised standard error; comparisons use their
//! `compare` (Wald z on the linearised standard errors).

use clap::{Args, Subcommand};
use cx_scales::{Band, Distribution, LabeledScale, Scale};
use cx_survey::{
    Confidence, Csi, Nps, NpsMethod, NpsTest, ShareMethod, WeightedNps, WeightedProportion,
    cdsat_bottom_box, ces_mean, ces_share, csat_mean, csat_share,
};

use crate::answers::Labels;
use crate::error::CliError;
use crate::input::Reading;
use crate::output::{Report, Table, Value};
use crate::parse;
use crate::retention_input::PeriodArg;
use crate::survey_compare::{self, Estimate};
use crate::survey_input::{self, Skips, Spec, Tallies, Weighted};

/// The subcommands of `cx survey`.
#[derive(Subcommand, Debug)]
pub(crate) enum SurveyCommand {
    /// Net Promoter Score on 0..=10 (promoters 9–10, detractors 0–6), adjusted-Wald interval.
    #[command(
        after_help = "Examples:\n  cx survey nps --ppd 70,10,20\n  cx survey nps responses.csv --column likelihood_to_recommend --by channel\n  cx survey nps responses.csv --column likelihood_to_recommend --period month --compare 2026-11 2026-10\n  cx survey nps responses.csv --column likelihood_to_recommend --weight-column weight --by channel"
    )]
    Nps(NpsArgs),
    /// CSAT as a top-box share (`--top-box K` or `--band B`) or as a mean (`--mean`).
    #[command(
        after_help = "Examples:\n  cx survey csat responses.csv --column satisfaction --scale 1..=5 --top-box 2\n  cx survey csat responses.csv --column satisfaction --scale 1..=5 --top-box 2 --weight-column weight\n  cx survey csat --counts 3,4,8,40,45 --scale 1..=5 --mean"
    )]
    Csat(CsatArgs),
    /// CDSAT: the bottom-box share of dissatisfied answers (`--bottom-box K`, default 1).
    #[command(
        after_help = "Examples:\n  cx survey cdsat responses.csv --column satisfaction --scale 1..=5 --bottom-box 1 --by channel\n  cx survey cdsat responses.csv --column satisfaction --scale 1..=5 --weight-column weight"
    )]
    Cdsat(CdsatArgs),
    /// CES on CEB's 1..=7 agreement scale: share of 5–7 (default) or the mean (`--mean`).
    #[command(
        after_help = "Examples:\n  cx survey ces responses.csv --column effort --labels ces --by channel\n  cx survey ces responses.csv --column effort --labels ces --weight-column weight"
    )]
    Ces(CesArgs),
    /// CSI: the mean with its t interval, as percent of maximum and as POMP.
    #[command(
        after_help = "Example:\n  cx survey csi responses.csv --column satisfaction --scale 1..=5"
    )]
    Csi(CsiArgs),
}

/// Where the answers come from, how they are grouped and compared: shared by every metric.
#[derive(Args, Debug, Clone)]
pub(crate) struct SourceArgs {
    /// CSV file with a header row, or `-` for standard input. Without it, `--counts`.
    #[arg(value_name = "FILE", requires = "column", conflicts_with = "counts")]
    input: Option<String>,
    /// The column of answers (numbers, or labels with `--labels`).
    #[arg(long, value_name = "NAME")]
    column: Option<String>,
    /// Answers counted per point of the scale, lowest point first, e.g. `3,4,8,40,45`.
    #[arg(long, value_delimiter = ',', value_name = "N,N,…", value_parser = parse::count)]
    counts: Vec<u64>,
    /// Also accept these labels as answers (`ces`: "Strongly disagree" … "Strongly agree").
    #[arg(long, value_enum)]
    labels: Option<Labels>,
    /// Group by this column too (repeat for several: `--by channel --by segment`).
    #[arg(long, value_name = "COLUMN", requires = "input")]
    by: Vec<String>,
    /// Group by the calendar period of `--date-column`.
    #[arg(long, value_enum, value_name = "PERIOD", requires = "input")]
    period: Option<PeriodArg>,
    /// First month of the fiscal year for `--period fiscal-year` or `fiscal-quarter`.
    #[arg(long, value_parser = parse::fiscal_start, value_name = "MONTH", requires = "period")]
    fiscal_start: Option<cx_retention::FiscalStart>,
    /// The date column (`YYYY-MM-DD`, or local `YYYY-MM-DDTHH:MM[:SS]`; an offset or zone
    /// such as `Z` or `+01:00` is refused) that `--period` reads.
    #[arg(long, default_value = "date", value_name = "NAME")]
    date_column: String,
    /// Skip rejected cells (off the scale, unreadable, bad dates) instead of stopping. All are
    /// counted (`skipped`); the first 100 (see --list-skipped) are reported on standard error
    /// and listed with their line and column (`skipped_cells` in JSON), the rest only counted
    /// (`skipped_unlisted`).
    #[arg(long)]
    skip_invalid: bool,
    /// With --skip-invalid: how many skipped cells to report and list, from 0 to 10000
    /// (default 100); the others are only counted.
    #[arg(long, value_name = "N", requires = "skip_invalid", value_parser = survey_input::listed_count)]
    list_skipped: Option<usize>,
    /// Confidence level: a fraction (`0.9`) or a percentage (`90%`); default 95 %.
    #[arg(long, value_parser = parse::level, value_name = "LEVEL")]
    level: Option<Confidence>,
    /// Interval method: for NPS adjusted-wald (default), score, jeffreys-dirichlet,
    /// uniform-dirichlet or wald; for shares wilson (default), agresti-coull, clopper-pearson,
    /// jeffreys or wald; means always use Student's t.
    #[arg(long, value_parser = parse::names(&[NpsMethod::NAMES, ShareMethod::NAMES]), value_name = "METHOD")]
    method: Option<String>,
    /// Compare two groups (keys as shown in the `group` column): FIRST − SECOND.
    #[arg(long, num_args = 2, value_names = ["FIRST", "SECOND"])]
    compare: Vec<String>,
    /// Compare the whole input with this second CSV file (same columns): input − FILE.
    #[arg(long, value_name = "FILE", requires = "input", conflicts_with_all = ["by", "period", "compare"])]
    against: Option<String>,
    /// Compare the `--counts` with these counts: counts − these.
    #[arg(long, value_delimiter = ',', value_name = "N,N,…", value_parser = parse::count, requires = "counts")]
    against_counts: Vec<u64>,
    /// Weight each answer by this column (survey or post-stratification weights, within
    /// [1e-100, 1e100]): weighted estimate, interval on Kish's effective counts, linearised
    /// standard error; `--compare`/`--against` by the Wald z test on those errors. NPS and share
    /// metrics from a file only.
    #[arg(long, value_name = "NAME")]
    weight_column: Option<String>,
}

/// `--weight-column` where weights do not apply.
fn weights_refused(with: &str) -> CliError {
    CliError::usage(format!(
        "--weight-column cannot be used with {with}: weights apply to NPS and share metrics from a file (FILE --column NAME)"
    ))
}

/// `cx survey nps`.
#[derive(Args, Debug)]
pub(crate) struct NpsArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The scale, which must be 0..=10 (stated for the record; it is the default).
    #[arg(long, value_parser = parse::scale, value_name = "SCALE", default_value = "0..=10")]
    scale: Scale,
    /// Promoters, passives and detractors counted, e.g. `70,10,20`.
    #[arg(long, value_delimiter = ',', num_args = 1, value_name = "P,A,D", value_parser = parse::count,
          conflicts_with_all = ["input", "counts"])]
    ppd: Vec<u64>,
    /// Promoters, passives and detractors to compare `--ppd` with: ppd − these.
    #[arg(long, value_delimiter = ',', value_name = "P,A,D", value_parser = parse::count, requires = "ppd")]
    against_ppd: Vec<u64>,
}

/// `cx survey csat`.
#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["top_box", "band", "mean"]))]
pub(crate) struct CsatArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The answers' scale, e.g. `1..=5`.
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    scale: Scale,
    /// CSAT as the share of the K highest points (`2`: 4–5 of 1–5).
    #[arg(long, value_name = "K")]
    top_box: Option<usize>,
    /// CSAT as the share of a band, e.g. `8..=10` or `>=4`.
    #[arg(long, value_name = "BAND")]
    band: Option<String>,
    /// CSAT as the mean answer.
    #[arg(long)]
    mean: bool,
}

/// `cx survey cdsat`.
#[derive(Args, Debug)]
pub(crate) struct CdsatArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The answers' scale, e.g. `1..=5`.
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    scale: Scale,
    /// The K lowest points count as dissatisfied.
    #[arg(long, value_name = "K", default_value_t = 1)]
    bottom_box: usize,
}

/// `cx survey ces`.
#[derive(Args, Debug)]
pub(crate) struct CesArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The scale, which must be 1..=7 (stated for the record; it is the default).
    #[arg(long, value_parser = parse::scale, value_name = "SCALE", default_value = "1..=7")]
    scale: Scale,
    /// CES as the mean agreement instead of the share of 5–7.
    #[arg(long)]
    mean: bool,
}

/// `cx survey csi`.
#[derive(Args, Debug)]
pub(crate) struct CsiArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The answers' scale, e.g. `1..=5`.
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    scale: Scale,
}

/// What is computed from a distribution.
#[derive(Clone, Debug)]
pub(crate) enum Measure {
    /// NPS.
    Nps,
    /// The share of a band (CSAT top box or band).
    CsatShare(Band),
    /// The CSAT mean.
    CsatMean,
    /// CDSAT bottom box.
    Cdsat(usize),
    /// CES share of 5–7.
    CesShare,
    /// CES mean.
    CesMean,
    /// CSI.
    Csi,
}

impl Measure {
    /// The metric's machine name.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Measure::Nps => "nps",
            Measure::CsatShare(_) => "csat_share",
            Measure::CsatMean => "csat_mean",
            Measure::Cdsat(_) => "cdsat",
            Measure::CesShare => "ces_share",
            Measure::CesMean => "ces_mean",
            Measure::Csi => "csi",
        }
    }

    /// The band of a share metric on `scale` (what `csat_share`, `cdsat_bottom_box` and
    /// `ces_share` count), `None` for NPS and means.
    fn band(&self, scale: Scale) -> Result<Option<Band>, CliError> {
        Ok(match self {
            Measure::CsatShare(b) => Some(b.clone()),
            Measure::Cdsat(k) => Some(
                Band::bottom_box(scale, *k)
                    .map_err(|e| CliError::usage(format!("--bottom-box: {e}")))?,
            ),
            Measure::CesShare => Some(Band::at_least(Scale::ONE_TO_SEVEN, 5)?),
            _ => None,
        })
    }

    /// The empty weighted accumulator of the metric, `None` for means.
    fn weighted(&self, scale: Scale) -> Result<Option<Weighted>, CliError> {
        Ok(match (self, self.band(scale)?) {
            (Measure::Nps, _) => Some(Weighted::Nps(WeightedNps::new())),
            (_, Some(b)) => Some(Weighted::Share(WeightedProportion::new(), b)),
            (_, None) => None,
        })
    }

    /// The weighted metric of `w`, with the unweighted one of the same answers `d` for the
    /// counts.
    fn weighted_estimate(&self, d: &Distribution, w: &Weighted) -> Result<Estimate, CliError> {
        Ok(match (self.estimate(d)?, w) {
            (Estimate::Nps(n), Weighted::Nps(w)) => Estimate::WeightedNps(n, *w),
            (Estimate::Share(s), Weighted::Share(w, _)) => Estimate::WeightedShare(s, *w),
            _ => return Err(weights_refused(self.name())),
        })
    }

    /// The metric of `d`.
    fn estimate(&self, d: &Distribution) -> Result<Estimate, CliError> {
        Ok(match self {
            Measure::Nps => Estimate::Nps(Nps::from_distribution(d)?),
            Measure::CsatShare(b) => Estimate::Share(csat_share(d, b.clone())?),
            Measure::CsatMean => Estimate::Mean(csat_mean(d)?),
            Measure::Cdsat(k) => Estimate::Share(cdsat_bottom_box(d, *k)?),
            Measure::CesShare => Estimate::Share(ces_share(d)?),
            Measure::CesMean => Estimate::Mean(ces_mean(d)?),
            Measure::Csi => Estimate::Csi(Csi::new(d)?),
        })
    }
}

/// Interval settings resolved from `--method` and `--level`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Intervals {
    /// The confidence level.
    pub(crate) confidence: Confidence,
    /// The NPS method.
    pub(crate) nps: NpsMethod,
    /// The share method.
    pub(crate) share: ShareMethod,
    /// The NPS two-sample test.
    pub(crate) nps_test: NpsTest,
}

/// Runs a `cx survey` subcommand.
pub(crate) fn run(cmd: &SurveyCommand, reading: Reading) -> Result<Report, CliError> {
    match cmd {
        SurveyCommand::Nps(a) => {
            if a.scale != Scale::ZERO_TO_TEN {
                return Err(CliError::usage(format!(
                    "--scale: NPS is defined on 0..=10, not on {}",
                    a.scale
                )));
            }
            if !a.ppd.is_empty() {
                if a.source.weight_column.is_some() {
                    return Err(weights_refused("--ppd"));
                }
                return nps_from_groups(a);
            }
            survey(&a.source, a.scale, Measure::Nps, reading)
        }
        SurveyCommand::Csat(a) => {
            let m = match (&a.top_box, &a.band) {
                (Some(k), _) => Measure::CsatShare(
                    Band::top_box(a.scale, *k)
                        .map_err(|e| CliError::usage(format!("--top-box: {e}")))?,
                ),
                (None, Some(b)) => Measure::CsatShare(
                    parse::band(a.scale, b).map_err(|e| CliError::usage(format!("--band: {e}")))?,
                ),
                (None, None) => Measure::CsatMean,
            };
            survey(&a.source, a.scale, m, reading)
        }
        SurveyCommand::Cdsat(a) => {
            survey(&a.source, a.scale, Measure::Cdsat(a.bottom_box), reading)
        }
        SurveyCommand::Ces(a) => {
            if a.scale != Scale::ONE_TO_SEVEN {
                return Err(CliError::usage(format!(
                    "--scale: CES is defined on CEB's 1..=7 agreement scale, not on {}",
                    a.scale
                )));
            }
            let m = if a.mean {
                Measure::CesMean
            } else {
                Measure::CesShare
            };
            survey(&a.source, a.scale, m, reading)
        }
        SurveyCommand::Csi(a) => survey(&a.source, a.scale, Measure::Csi, reading),
    }
}

/// The interval settings, refusing a method that does not fit the metric.
fn intervals(src: &SourceArgs, measure: &Measure) -> Result<Intervals, CliError> {
    let confidence = src.level.unwrap_or_default();
    let mut iv = Intervals {
        confidence,
        nps: NpsMethod::default(),
        share: ShareMethod::default(),
        nps_test: NpsTest::default(),
    };
    let Some(m) = src.method.as_deref() else {
        return Ok(iv);
    };
    let bad = |kind: &str, e: cx_survey::SurveyError| {
        CliError::usage(format!(
            "--method: {m} is not an interval method for {kind} ({e}; see cx survey {} --help)",
            measure.name()
        ))
    };
    match measure {
        Measure::Nps => {
            iv.nps = m.parse().map_err(|e| bad("NPS", e))?;
            if iv.nps == NpsMethod::Wald {
                iv.nps_test = NpsTest::Wald;
            }
        }
        Measure::CsatShare(_) | Measure::Cdsat(_) | Measure::CesShare => {
            iv.share = m.parse().map_err(|e| bad("shares", e))?;
        }
        Measure::CsatMean | Measure::CesMean | Measure::Csi => {
            return Err(CliError::usage(format!(
                "--method: {m} is not an interval method for means (they use Student's t; see cx survey {} --help)",
                measure.name()
            )));
        }
    }
    Ok(iv)
}

/// `cx survey nps --ppd P,A,D [--against-ppd P,A,D]`.
fn nps_from_groups(a: &NpsArgs) -> Result<Report, CliError> {
    let measure = Measure::Nps;
    let iv = intervals(&a.source, &measure)?;
    let nps = |v: &[u64], opt: &str| -> Result<Nps, CliError> {
        match v {
            [p, q, d] => {
                Nps::from_counts(*p, *q, *d).map_err(|e| CliError::usage(format!("{opt}: {e}")))
            }
            _ => Err(CliError::usage(format!(
                "{opt}: expected three counts (promoters,passives,detractors), found {}",
                v.len()
            ))),
        }
    };
    let mut rows = vec![("all".to_owned(), Estimate::Nps(nps(&a.ppd, "--ppd")?))];
    if !a.against_ppd.is_empty() {
        rows.push((
            "against".to_owned(),
            Estimate::Nps(nps(&a.against_ppd, "--against-ppd")?),
        ));
    }
    let mut report = header(&measure, a.scale, "counts", None, iv);
    let compare = (rows.len() == 2).then_some((0, 1));
    finish(
        &mut report,
        &measure,
        &rows,
        compare,
        iv,
        &Skips::new(0),
        false,
    )?;
    Ok(report)
}

/// Every other form: a file or `--counts`, grouped or not, compared or not.
fn survey(
    src: &SourceArgs,
    scale: Scale,
    measure: Measure,
    reading: Reading,
) -> Result<Report, CliError> {
    parse::distinct("--by", &src.by, Clone::clone)?;
    if let [first, second] = src.compare.as_slice()
        && first == second
    {
        return Err(CliError::usage(format!(
            "--compare: both groups are '{first}' (expected two different groups)"
        )));
    }
    let iv = intervals(src, &measure)?;
    let labels = match src.labels {
        Some(Labels::Ces) => Some(LabeledScale::ces_agreement()),
        Some(Labels::Smileys) => Some(LabeledScale::smileys()),
        None => None,
    };
    if let Some(l) = &labels
        && l.scale() != scale
    {
        return Err(CliError::usage(format!(
            "--labels belong to the scale {}, not to --scale {scale}",
            l.scale()
        )));
    }
    let weights = match &src.weight_column {
        None => None,
        Some(c) => {
            let Some(w) = measure.weighted(scale)? else {
                return Err(weights_refused(&format!("a mean ({})", measure.name())));
            };
            if src.input.is_none() {
                return Err(weights_refused("--counts"));
            }
            Some((c.as_str(), w))
        }
    };
    let spec = Spec {
        column: src.column.as_deref().unwrap_or(""),
        scale,
        labels: labels.as_ref(),
        by: &src.by,
        period: match src.period {
            Some(p) => Some((p.unit(src.fiscal_start)?, src.date_column.as_str())),
            None => None,
        },
        skip_invalid: src.skip_invalid,
        weights,
    };
    let mut rows: Vec<(String, Estimate)> = Vec::new();
    let mut skips = Skips::new(src.list_skipped.unwrap_or(survey_input::SKIPPED_LISTED));
    let mut compare = None;
    let mut report;
    match &src.input {
        None => {
            if src.counts.is_empty() {
                return Err(CliError::usage(
                    "expected a FILE with --column NAME, or --counts N,N,… (see --help)",
                ));
            }
            let d = survey_input::from_counts(scale, &src.counts)?;
            rows.push(("all".to_owned(), measure.estimate(&d)?));
            if !src.against_counts.is_empty() {
                let d = survey_input::from_counts(scale, &src.against_counts)?;
                rows.push(("against".to_owned(), measure.estimate(&d)?));
                compare = Some((0, 1));
            }
            report = header(&measure, scale, "counts", None, iv);
        }
        Some(path) => {
            let t = survey_input::read(path, &spec, reading, &mut skips)?;
            report = header(&measure, scale, "answers", Some((&spec, &t)), iv);
            if let Some(other) = &src.against {
                let u = survey_input::read(other, &spec, reading, &mut skips)?;
                let overall = |t: &Tallies| match &t.weighted {
                    Some(wt) => measure.weighted_estimate(&t.overall, &wt.overall),
                    None => measure.estimate(&t.overall),
                };
                rows.push((path.clone(), overall(&t)?));
                rows.push((other.clone(), overall(&u)?));
                compare = Some((0, 1));
            } else if let Some(wt) = &t.weighted {
                rows.push((
                    "all".to_owned(),
                    measure.weighted_estimate(&t.overall, &wt.overall)?,
                ));
                for (k, d) in t.groups.iter() {
                    let w = wt.groups.get(k).ok_or_else(|| {
                        CliError::data(format!("group '{k}' has no weighted answers"))
                    })?;
                    rows.push((k.clone(), measure.weighted_estimate(d, w)?));
                }
            } else {
                rows.push(("all".to_owned(), measure.estimate(&t.overall)?));
                for (k, d) in t.groups.iter() {
                    rows.push((k.clone(), measure.estimate(d)?));
                }
            }
        }
    }
    if let [first, second] = src.compare.as_slice() {
        let find = |k: &str| {
            rows.iter().skip(1).position(|(g, _)| g == k).map(|i| i + 1).ok_or_else(|| {
                let known: Vec<String> = rows.iter().skip(1).map(|(g, _)| format!("'{g}'")).collect();
                CliError::usage(format!(
                    "--compare: no group '{k}' (the groups are {}; group with --by or --period)",
                    if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                ))
            })
        };
        compare = Some((find(first)?, find(second)?));
    }
    let weighted = spec.weights.is_some();
    finish(&mut report, &measure, &rows, compare, iv, &skips, weighted)?;
    if skips.unlisted() > 0 {
        reading.warn(format_args!(
            "{} more cells skipped and not listed ({} in all; --list-skipped N lists up to {})",
            skips.unlisted(),
            skips.total,
            survey_input::MAX_SKIPPED_LISTED
        ));
    }
    Ok(report)
}

/// The facts every survey report starts with.
fn header(
    measure: &Measure,
    scale: Scale,
    form: &'static str,
    read: Option<(&Spec<'_>, &Tallies)>,
    iv: Intervals,
) -> Report {
    use crate::output::Kind;
    let mut r = Report::new();
    r.fact("metric", "metric", Value::text(measure.name()), Kind::Plain);
    r.fact(
        "scale",
        "scale",
        Value::text(scale.to_string()),
        Kind::Plain,
    );
    let band = match measure {
        Measure::CsatShare(b) => Some(b.to_string()),
        Measure::Cdsat(k) => Band::bottom_box(scale, *k).ok().map(|b| b.to_string()),
        Measure::CesShare => Some(format!("5..=7 of {scale}")),
        _ => None,
    };
    if let Some(b) = band {
        r.fact("band", "band", Value::text(b), Kind::Plain);
    }
    r.fact("input_form", "input", Value::text(form), Kind::Plain);
    if let Some((spec, t)) = read {
        r.fact("column", "column", Value::text(spec.column), Kind::Plain);
        if let Some((c, _)) = &spec.weights {
            r.fact(
                "weight_column",
                "weight column",
                Value::text(*c),
                Kind::Plain,
            );
        }
        r.fact("rows", "rows", Value::UInt(t.rows), Kind::Plain);
        r.fact("blank", "blank", Value::UInt(t.blank), Kind::Plain);
    }
    r.fact(
        "confidence",
        "confidence",
        Value::float(iv.confidence.level()),
        Kind::Share(1),
    );
    let method = match measure {
        Measure::Nps => iv.nps.name(),
        Measure::CsatShare(_) | Measure::Cdsat(_) | Measure::CesShare => iv.share.name(),
        _ => "student-t",
    };
    r.fact(
        "method",
        "interval method",
        Value::text(method),
        Kind::Plain,
    );
    r
}

/// The scores table and, for two samples, the comparison table.
fn finish(
    report: &mut Report,
    measure: &Measure,
    rows: &[(String, Estimate)],
    compare: Option<(usize, usize)>,
    iv: Intervals,
    skipped: &Skips,
    weighted: bool,
) -> Result<(), CliError> {
    use crate::output::Kind;
    report.fact(
        "skipped",
        "skipped cells",
        Value::UInt(skipped.total),
        Kind::Plain,
    );
    if skipped.unlisted() > 0 {
        report.fact(
            "skipped_unlisted",
            "skipped cells not listed",
            Value::UInt(skipped.unlisted()),
            Kind::Plain,
        );
    } else {
        report.machine_fact("skipped_unlisted", Value::UInt(0));
    }
    report.table(survey_compare::scores_table(measure, rows, iv, weighted)?);
    if weighted {
        let counts = match measure {
            Measure::Nps => "promoters, passives and detractors",
            _ => "successes",
        };
        report.note(format!(
            "weighted: the estimate is weighted; the interval is computed on Kish's effective counts (effective_n × weighted share) and the standard error is Taylor-linearised (each respondent its own unit); n and {counts} count answers, unweighted"
        ));
    }
    let mut t = survey_compare::comparison_table(measure);
    match compare {
        Some((a, b)) => survey_compare::compare(&mut t, &rows[a], &rows[b], iv)?,
        // Machines always get the (empty) table; people are not shown an empty one.
        None => t = t.machine_only(),
    }
    report.table(t);
    // The listed skipped cells, for machines (people saw each one on standard error).
    let mut t = Table::new("skipped_cells")
        .column("source", Kind::Plain)
        .column("line", Kind::Plain)
        .column("column", Kind::Plain)
        .column("value", Kind::Plain)
        .column("reason", Kind::Plain)
        .machine_only();
    for s in &skipped.listed {
        t.push(vec![
            Value::text(s.source.clone()),
            Value::UInt(s.line),
            Value::text(s.column.clone()),
            Value::text(s.value.clone()),
            Value::text(s.reason.clone()),
        ]);
    }
    report.table(t);
    Ok(())
}
