//! `cx scale`: values, bands and whole distributions carried between scales, and a
//! distribution measured against a benchmark stated on another scale — all through
//! `cx_scales::Conversion` and `cx_scales::BandBenchmark`.

use clap::{Args, Subcommand, ValueEnum};
use cx_scales::{
    Band, BandBenchmark, Conversion, Fraction, Frequencies, Goal, MappedBand, Method, PercentTable,
    Scale, ScaleError, Share, Span, ThresholdPolicy,
};

use crate::answers::{self, AnswerArgs};
use crate::error::CliError;
use crate::input::Reading;
use crate::output::{Kind, Report, Table, Value};
use crate::parse;

/// The subcommands of `cx scale`.
#[derive(Subcommand, Debug)]
pub(crate) enum ScaleCommand {
    /// Convert values (points, decimals, fractions) from one scale to another, exactly.
    #[command(
        after_help = "Examples:\n  cx scale convert --from 1..=10 --to 1..=7\n  cx scale convert --from 0-10 --to 1-5 9 4.5 23/5"
    )]
    Convert(ConvertArgs),
    /// Map a band or threshold (e.g. promoters >=9) to another scale under a stated policy.
    #[command(
        after_help = "Examples:\n  cx scale band --from 0..=10 --to 1..=5 '>=9'\n  cx scale band --from 1..=7 --to 1..=5 top3 --policy conservative"
    )]
    Band(BandArgs),
    /// Carry a whole distribution of answers to another scale (percent per target point).
    #[command(
        after_help = "Examples:\n  cx scale distribution csat.csv --scale 1..=10 --to 1..=7\n  cx scale distribution answers.csv --scale 1..=5 --column satisfaction --to 0..=10"
    )]
    Distribution(DistributionArgs),
    /// Compare a distribution with a benchmark stated as a band of another scale.
    #[command(
        after_help = "Example (a contact centre's 1-10 CSAT table, 58 % in 8-10, against a benchmark of 75 % in 5-7 of 1-7: 77.3 % in 7-10):\n  cx scale benchmark csat_1_to_10_published.csv --scale 1..=10 \\\n      --benchmark-scale 1..=7 --band 5..=7 --at-least 75 --measured-band 8..=10"
    )]
    Benchmark(BenchmarkArgs),
}

/// How one scale is laid over another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum MethodArg {
    /// Linear endpoint mapping: min to min, max to max, a straight line between.
    #[default]
    Endpoints,
    /// Share of points: every point covers an equal share of its scale.
    PointShares,
}

impl MethodArg {
    fn method(self) -> Method {
        match self {
            MethodArg::Endpoints => Method::Endpoints,
            MethodArg::PointShares => Method::PointShares,
        }
    }

    fn name(self) -> &'static str {
        match self {
            MethodArg::Endpoints => "endpoints",
            MethodArg::PointShares => "point-shares",
        }
    }
}

/// What to do with a band edge that falls between points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum PolicyArg {
    /// Refuse unless every edge lands on a point.
    ExactOnly,
    /// Round edges inwards: the band can only shrink.
    Conservative,
    /// Round edges outwards: the band can only grow.
    Liberal,
    /// Round edges to the nearest point (halfway rounds inwards).
    Nearest,
    /// Keep exact edges and count cut points in proportion.
    Interpolated,
    /// Every policy above, one row each.
    All,
}

const POLICIES: [PolicyArg; 5] = [
    PolicyArg::ExactOnly,
    PolicyArg::Conservative,
    PolicyArg::Liberal,
    PolicyArg::Nearest,
    PolicyArg::Interpolated,
];

impl PolicyArg {
    fn policy(self) -> ThresholdPolicy {
        match self {
            PolicyArg::ExactOnly | PolicyArg::All => ThresholdPolicy::ExactOnly,
            PolicyArg::Conservative => ThresholdPolicy::Conservative,
            PolicyArg::Liberal => ThresholdPolicy::Liberal,
            PolicyArg::Nearest => ThresholdPolicy::Nearest,
            PolicyArg::Interpolated => ThresholdPolicy::Interpolated,
        }
    }

    fn name(self) -> &'static str {
        match self {
            PolicyArg::ExactOnly => "exact-only",
            PolicyArg::Conservative => "conservative",
            PolicyArg::Liberal => "liberal",
            PolicyArg::Nearest => "nearest",
            PolicyArg::Interpolated => "interpolated",
            PolicyArg::All => "all",
        }
    }

    /// Whether exactly one policy was asked for: its failure is then the command's error,
    /// while with several each failure is a row of the output.
    fn single(choice: &[PolicyArg]) -> bool {
        Self::expand(choice).len() == 1
    }

    /// The policies asked for (`all` expands).
    fn expand(choice: &[PolicyArg]) -> Vec<PolicyArg> {
        if choice.contains(&PolicyArg::All) {
            return POLICIES.to_vec();
        }
        let mut v = choice.to_vec();
        v.dedup();
        v
    }
}

/// `cx scale convert`.
#[derive(Args, Debug)]
pub(crate) struct ConvertArgs {
    /// The source scale, e.g. `1..=10`.
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    from: Scale,
    /// The target scale, e.g. `1..=7`.
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    to: Scale,
    /// The conversion method.
    #[arg(long, value_enum, default_value_t)]
    method: MethodArg,
    /// Values to convert: points, decimals (4.5) or fractions (23/5) within the source
    /// scale's range. Without values, every point of the source scale.
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    values: Vec<String>,
}

/// `cx scale band`.
#[derive(Args, Debug)]
pub(crate) struct BandArgs {
    /// The scale the band is stated on.
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    from: Scale,
    /// The scale to map it to.
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    to: Scale,
    /// The band: `9..=10`, `>=9` (a threshold), `<=6`, `top2`, `bottom1` or one point.
    #[arg(value_name = "BAND")]
    band: String,
    /// The conversion method.
    #[arg(long, value_enum, default_value_t)]
    method: MethodArg,
    /// Policy for edges between points (repeatable); `all` shows every policy.
    #[arg(long, value_enum, default_values_t = [PolicyArg::All])]
    policy: Vec<PolicyArg>,
}

/// `cx scale distribution`.
#[derive(Args, Debug)]
pub(crate) struct DistributionArgs {
    #[command(flatten)]
    answers: AnswerArgs,
    /// The target scale.
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    to: Scale,
    /// The conversion method.
    #[arg(long, value_enum, default_value_t)]
    method: MethodArg,
}

/// `cx scale benchmark`.
#[derive(Args, Debug)]
pub(crate) struct BenchmarkArgs {
    #[command(flatten)]
    answers: AnswerArgs,
    /// The scale the benchmark is stated on, e.g. `1..=7`.
    #[arg(long, value_parser = parse::scale, value_name = "SCALE")]
    benchmark_scale: Scale,
    /// The benchmark's band on its own scale, e.g. `5..=7` or `top3`.
    #[arg(long, value_name = "BAND")]
    band: String,
    /// Target: the share in the band should be at least this percentage.
    #[arg(
        long,
        value_name = "PERCENT",
        conflicts_with = "at_most",
        required_unless_present = "at_most"
    )]
    at_least: Option<f64>,
    /// Target: the share in the band should be at most this percentage (e.g. CDSAT).
    #[arg(long, value_name = "PERCENT")]
    at_most: Option<f64>,
    /// A name for the benchmark in the output.
    #[arg(long, default_value = "benchmark")]
    name: String,
    /// Also report the share of this band of the answers' own scale (the figure as measured).
    #[arg(long, value_name = "BAND")]
    measured_band: Option<String>,
    /// The conversion method.
    #[arg(long, value_enum, default_value_t)]
    method: MethodArg,
    /// Policy for band edges between points (repeatable, or `all`).
    #[arg(long, value_enum, default_values_t = [PolicyArg::ExactOnly])]
    policy: Vec<PolicyArg>,
}

/// Runs a `cx scale` subcommand.
pub(crate) fn run(cmd: &ScaleCommand, reading: Reading) -> Result<Report, CliError> {
    match cmd {
        ScaleCommand::Convert(a) => convert(a),
        ScaleCommand::Band(a) => band(a),
        ScaleCommand::Distribution(a) => distribution(a, reading),
        ScaleCommand::Benchmark(a) => benchmark(a, reading),
    }
}

/// Facts shared by every conversion.
fn conversion_facts(r: &mut Report, c: &Conversion, method: MethodArg) {
    r.fact(
        "from",
        "from",
        Value::text(c.from().to_string()),
        Kind::Plain,
    );
    r.fact("to", "to", Value::text(c.to().to_string()), Kind::Plain);
    r.fact("method", "method", Value::text(method.name()), Kind::Plain);
    r.fact(
        "slope",
        "slope A",
        Value::text(c.slope().to_string()),
        Kind::Plain,
    );
    r.fact(
        "intercept",
        "intercept B",
        Value::text(c.intercept().to_string()),
        Kind::Plain,
    );
}

fn convert(a: &ConvertArgs) -> Result<Report, CliError> {
    let c = Conversion::with_method(a.from, a.to, a.method.method());
    let values: Vec<Fraction> = if a.values.is_empty() {
        a.from
            .points()
            .map(|p| Fraction::from(i64::from(p)))
            .collect()
    } else {
        a.values
            .iter()
            .map(|v| parse::exact(v).map_err(CliError::usage))
            .collect::<Result<_, _>>()?
    };
    let mut r = Report::new();
    conversion_facts(&mut r, &c, a.method);
    let mut t = Table::new("values")
        .column("value", Kind::Plain)
        .column("exact", Kind::Plain)
        .column("decimal", Kind::Decimals(4))
        .column("on_point", Kind::Plain);
    for v in values {
        let y = c
            .map_exact(v)
            .map_err(|e| CliError::data(format!("cannot convert {v} from {}: {e}", a.from)))?;
        let on_point = y.is_integer() && a.to.contains(y.numer());
        t.push(vec![
            Value::text(v.to_string()),
            Value::text(y.to_string()),
            Value::float(y.to_f64()),
            Value::Bool(on_point),
        ]);
    }
    r.table(t);
    Ok(r)
}

/// `lo..=hi` with exact fractions.
fn span_text(s: Span) -> String {
    format!("{}..={}", s.lo(), s.hi())
}

fn band_text(b: &Band) -> String {
    format!("{}..={}", b.lo(), b.hi())
}

fn band(a: &BandArgs) -> Result<Report, CliError> {
    let band = parse::band(a.from, &a.band).map_err(CliError::usage)?;
    let c = Conversion::with_method(a.from, a.to, a.method.method());
    let policies = PolicyArg::expand(&a.policy);
    let mut r = Report::new();
    conversion_facts(&mut r, &c, a.method);
    r.fact("band", "band", Value::text(band_text(&band)), Kind::Plain);
    let exact = c.map_span(&band)?;
    r.fact(
        "exact_image",
        "exact image",
        Value::text(span_text(exact)),
        Kind::Plain,
    );
    let mut t = Table::new("bands")
        .column("policy", Kind::Plain)
        .column("lo", Kind::Plain)
        .column("hi", Kind::Plain)
        .column("mapped_band", Kind::Plain)
        .column("is_exact", Kind::Plain)
        .column("error", Kind::Plain);
    for p in policies {
        match c.map_band(&band, p.policy()) {
            Ok(m) => t.push(vec![
                Value::text(p.name()),
                Value::text(m.chosen().lo().to_string()),
                Value::text(m.chosen().hi().to_string()),
                m.band().map_or(Value::Null, |b| Value::text(band_text(&b))),
                Value::Bool(m.is_exact()),
                Value::Null,
            ]),
            Err(e) if !PolicyArg::single(&a.policy) => t.push(vec![
                Value::text(p.name()),
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Bool(false),
                Value::text(e.to_string()),
            ]),
            Err(e) => return Err(policy_error(&e, p)),
        }
    }
    r.table(t);
    Ok(r)
}

/// A mapping refused under one policy, with the way out.
fn policy_error(e: &ScaleError, p: PolicyArg) -> CliError {
    CliError::data(format!(
        "{e} (under --policy {}; choose conservative, liberal, nearest or interpolated, or all to compare them)",
        p.name()
    ))
}

fn input_facts(r: &mut Report, loaded: &answers::Loaded, scale: Scale) -> Result<(), CliError> {
    r.fact(
        "scale",
        "scale",
        Value::text(scale.to_string()),
        Kind::Plain,
    );
    r.fact("input_form", "input", Value::text(loaded.form), Kind::Plain);
    r.fact(
        "n",
        "answers",
        loaded.answers.n().map_or(Value::Null, Value::UInt),
        Kind::Plain,
    );
    if loaded.form == "answers" {
        r.fact(
            "blank",
            "blank cells skipped",
            Value::UInt(loaded.blank),
            Kind::Plain,
        );
    }
    r.fact(
        "mean",
        "mean",
        Value::float(loaded.answers.mean()?),
        Kind::Decimals(3),
    );
    Ok(())
}

fn distribution(a: &DistributionArgs, reading: Reading) -> Result<Report, CliError> {
    let loaded = answers::load(&a.answers, reading)?;
    let c = Conversion::with_method(a.answers.scale, a.to, a.method.method());
    let converted: PercentTable = loaded.answers.convert(&c)?;
    let mut r = Report::new();
    input_facts(&mut r, &loaded, a.answers.scale)?;
    r.fact("to", "to", Value::text(a.to.to_string()), Kind::Plain);
    r.fact(
        "method",
        "method",
        Value::text(a.method.name()),
        Kind::Plain,
    );
    r.fact(
        "converted_mean",
        "mean on target",
        Value::float(converted.mean()?),
        Kind::Decimals(3),
    );
    let mut t = Table::new("distribution")
        .titled(format!("Converted distribution on {}:", a.to))
        .column("point", Kind::Plain)
        .column("percent", Kind::Percent(2));
    for (p, pct) in a.to.points().zip(converted.percents()) {
        t.push(vec![Value::Int(i64::from(p)), Value::float(*pct)]);
    }
    r.table(t);
    let mut src = Table::new("input")
        .titled(format!("Input distribution on {}:", a.answers.scale))
        .human_only()
        .column("point", Kind::Plain)
        .column("percent", Kind::Percent(2));
    if loaded.answers.counts().is_some() {
        src = src.column("count", Kind::Plain);
    }
    let counts = loaded.answers.counts();
    for (i, (p, pct)) in a
        .answers
        .scale
        .points()
        .zip(loaded.answers.percents())
        .enumerate()
    {
        let mut row = vec![Value::Int(i64::from(p)), Value::float(pct)];
        if let Some(c) = counts {
            row.push(Value::UInt(c[i]));
        }
        src.push(row);
    }
    r.table(src);
    r.note("Converted figures are model-based: as good as the method's assumption (see --method).");
    Ok(r)
}

fn benchmark(a: &BenchmarkArgs, reading: Reading) -> Result<Report, CliError> {
    let bench_band = parse::band(a.benchmark_scale, &a.band).map_err(CliError::usage)?;
    let (goal, target) = match (a.at_least, a.at_most) {
        (Some(p), _) => (Goal::AtLeast, p),
        (None, Some(p)) => (Goal::AtMost, p),
        (None, None) => {
            return Err(CliError::usage(
                "give --at-least PERCENT or --at-most PERCENT",
            ));
        }
    };
    let target = Share::from_percent(target)
        .map_err(|e| CliError::usage(format!("invalid benchmark target: {e}")))?;
    let measured = a
        .measured_band
        .as_deref()
        .map(|b| parse::band(a.answers.scale, b).map_err(CliError::usage))
        .transpose()?;
    let loaded = answers::load(&a.answers, reading)?;
    let benchmark = BandBenchmark::new(a.name.clone(), bench_band.clone(), goal, target);

    let mut r = Report::new();
    input_facts(&mut r, &loaded, a.answers.scale)?;
    if let Some(m) = &measured {
        r.fact(
            "measured_band",
            "measured band",
            Value::text(band_text(m)),
            Kind::Plain,
        );
        r.fact(
            "measured_share",
            "share as measured",
            Value::float(loaded.answers.share(m)?.value()),
            Kind::Share(1),
        );
    }
    r.fact(
        "benchmark",
        "benchmark",
        Value::text(a.name.clone()),
        Kind::Plain,
    );
    r.fact(
        "benchmark_scale",
        "benchmark scale",
        Value::text(a.benchmark_scale.to_string()),
        Kind::Plain,
    );
    r.fact(
        "benchmark_band",
        "benchmark band",
        Value::text(band_text(&bench_band)),
        Kind::Plain,
    );
    r.fact(
        "goal",
        "goal",
        Value::text(match goal {
            Goal::AtLeast => "at_least",
            _ => "at_most",
        }),
        Kind::Plain,
    );
    r.fact(
        "target",
        "target",
        Value::float(target.value()),
        Kind::Share(1),
    );

    let mut t = Table::new("results")
        .column("method", Kind::Plain)
        .column("policy", Kind::Plain)
        .column("mapped_band", Kind::Plain)
        .column("exact_image", Kind::Plain)
        .column("is_exact", Kind::Plain)
        .column("share", Kind::Share(1))
        .column("meets", Kind::Plain)
        .column("gap_points", Kind::Decimals(1))
        .machine_column("error", Kind::Plain);
    for p in PolicyArg::expand(&a.policy) {
        match loaded
            .answers
            .evaluate(&benchmark, a.method.method(), p.policy())
        {
            Ok(res) => t.push(result_row(
                a.method,
                p,
                &res.mapped,
                res.share,
                res.meets,
                res.gap_points(),
            )),
            // A band edge between points under exact-only, or a band that a policy empties:
            // the outcome of that policy, not of the command.
            Err(e @ (ScaleError::NotExact { .. } | ScaleError::EmptyMappedBand { .. })) => {
                if PolicyArg::single(&a.policy) {
                    return Err(policy_error(&e, p));
                }
                t.push(vec![
                    Value::text(a.method.name()),
                    Value::text(p.name()),
                    Value::Null,
                    Value::Null,
                    Value::Bool(false),
                    Value::Null,
                    Value::Null,
                    Value::Null,
                    Value::text(e.to_string()),
                ]);
                r.note(format!("{}: {e}", p.name()));
            }
            Err(e) => return Err(e.into()),
        }
    }
    r.table(t);
    Ok(r)
}

fn result_row(
    method: MethodArg,
    p: PolicyArg,
    mapped: &MappedBand,
    share: Share,
    meets: bool,
    gap: f64,
) -> Vec<Value> {
    vec![
        Value::text(method.name()),
        Value::text(p.name()),
        Value::text(span_text(mapped.chosen())),
        Value::text(span_text(mapped.exact())),
        Value::Bool(mapped.is_exact()),
        Value::float(share.value()),
        Value::Bool(meets),
        Value::float(gap),
        Value::Null,
    ]
}
