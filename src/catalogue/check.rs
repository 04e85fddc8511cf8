//! Checking a parsed file: every value in range, every id known, every text clean, each problem
//! at its line and column. What passes becomes the plain data of `model`.
//!
//! This module, `file`, `yaml` and `format` import nothing of the crate but `model`, `text` and
//! `suggest`, so that the build script checks the built-in files with the same code.

use super::file::{Problem, Source, sort_by_position};
use super::format::{
    DEFAULT_REVIEW_WEEKS, HOURS_IN_A_WEEK, MAX_CRITERIA, MAX_EXPERIMENTS, MAX_FACTS,
    MAX_FIRST_STEPS, MAX_INCOME_USD, MAX_REVIEW_WEEKS, MAX_RUNWAY_MONTHS, MAX_SOURCES, MAX_UNITS,
    NotNumber, Number, RawChoiceQuestion, RawCriteria, RawCriterion, RawNeed, RawNumberQuestion,
    RawPath, RawPortfolio, RawSource, SpannedIds,
};
use super::yaml::parse_yaml;
use crate::model::{
    Basis, CareerPath, ChoiceQuestion, Combines, ConstraintTexts, Criteria, Criterion, Fact,
    IncomeRange, Need, NumberQuestion, Parts, PathSource, Penalties, RATING_MAX, RATING_MIN,
    Realities, Text, Weights,
};
use crate::suggest::nearest;
use serde_saphyr::{Location, Spanned};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Collects the problems of one file, each at a location in it.
struct Checker<'a> {
    file: &'a str,
    /// The file's text, to find a key on the line of its value.
    text: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    /// Reports a problem with a mapping's key: at the key, found on the line of its value.
    fn at_key(&mut self, key: &str, value: Location, message: String, hint: Option<String>) {
        let line = value.line();
        let column = usize::try_from(line)
            .ok()
            .and_then(|line| self.text.lines().nth(line.checked_sub(1)?))
            .and_then(|text| {
                text.find(key)
                    .map(|at| text[..at].chars().count() as u64 + 1)
            })
            .unwrap_or(value.column());
        self.problems.push(Problem {
            file: self.file.to_string(),
            position: Some((line, column)),
            message,
            hint,
        });
    }

    fn at(&mut self, location: Location, message: String, hint: Option<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            position: Some((location.line(), location.column())),
            message,
            hint,
        });
    }

    /// A text field must say something, and hold nothing that would act on a terminal.
    fn text(&mut self, field: &str, value: &Spanned<String>) -> Text {
        if value.value.trim().is_empty() {
            self.at(
                value.referenced,
                format!("`{field}` is empty"),
                Some(format!("write a {field}")),
            );
        }
        let refused = crate::text::first_unsafe(&value.value)
            .or_else(|| crate::text::first_invisible(&value.value));
        if let Some((position, c)) = refused {
            let what = if crate::text::is_bidi_control(c) {
                "a bidi control"
            } else if c.is_control() {
                "a control character"
            } else {
                "an invisible character"
            };
            self.at(
                value.referenced,
                format!(
                    "`{field}` holds {what} (U+{:04X}) at character {position}",
                    u32::from(c)
                ),
                Some(
                    "remove it: catalogue text may hold no control, bidi or invisible characters \
                     (emoji may join with U+200D)"
                        .to_string(),
                ),
            );
        }
        Text::Owned(value.value.trim().to_string())
    }

    /// A path's sources: distinct snake_case ids, a title, and a web address if any.
    fn sources(&mut self, raw: &[RawSource]) -> Vec<PathSource> {
        self.cap("sources", raw, MAX_SOURCES, |s| s.id.referenced);
        let mut sources: Vec<PathSource> = Vec::new();
        for source in raw {
            let id = self.id(&source.id);
            if sources.iter().any(|s| s.id == id) {
                self.at(
                    source.id.referenced,
                    format!("source '{id}' is listed twice"),
                    Some("give each source its own id".to_string()),
                );
            }
            let address = source.address.as_ref().map(|address| {
                let text = self.text("address", address);
                if !(text.starts_with("https://") || text.starts_with("http://")) {
                    self.at(
                        address.referenced,
                        format!("source '{id}': address '{text}' is not a web address"),
                        Some(
                            "write it as https://…, or leave `address` out for an essay or book"
                                .to_string(),
                        ),
                    );
                }
                text
            });
            sources.push(PathSource {
                title: self.text("title", &source.title),
                address,
                id: id.into(),
            });
        }
        sources
    }

    /// Ids naming this file's sources; an unknown one is a problem.
    fn source_ids(
        &mut self,
        field: &str,
        ids: &Spanned<Vec<Spanned<String>>>,
        known: &[&str],
    ) -> Vec<Text> {
        if ids.value.is_empty() {
            self.at(
                ids.referenced,
                format!("`{field}` names no source"),
                Some("name at least one id from this file's `sources`".to_string()),
            );
        }
        ids.value
            .iter()
            .map(|id| {
                if !known.contains(&id.value.as_str()) {
                    let hint = match known {
                        [] => "add it to the file's `sources` (id, title, address)".to_string(),
                        _ => format!(
                            "{}sources: {}",
                            nearest(&id.value, known.iter().copied())
                                .map_or(String::new(), |near| format!("did you mean '{near}'? ")),
                            known.join(", ")
                        ),
                    };
                    self.at(
                        id.referenced,
                        format!(
                            "`{field}` names '{}', which is not one of this file's sources",
                            id.value
                        ),
                        Some(hint),
                    );
                }
                Text::Owned(id.value.clone())
            })
            .collect()
    }

    /// A figure's basis: named sources or an estimate, not both.
    fn basis(
        &mut self,
        key: &str,
        at: Location,
        given: (&Option<SpannedIds>, &Option<Spanned<String>>),
        known: &[&str],
    ) -> Basis {
        match given {
            (Some(_), Some(_)) => {
                self.at(
                    at,
                    format!("{key} gives both `sources` and `estimate`"),
                    Some(
                        "keep `sources` if a source gives the figure, else `estimate`".to_string(),
                    ),
                );
                Basis::Unstated
            }
            (Some(ids), None) => Basis::Sources(self.source_ids(key, ids, known)),
            (None, Some(estimate)) => Basis::Estimate(self.text("estimate", estimate)),
            (None, None) => Basis::Unstated,
        }
    }

    /// A list holds at most `cap` items; one too many is reported where it starts.
    fn cap<T>(&mut self, list: &str, items: &[T], cap: usize, at: impl Fn(&T) -> Location) {
        if let Some(extra) = items.get(cap) {
            self.at(
                at(extra),
                format!(
                    "`{list}` lists {} items, more than the {cap} allowed",
                    items.len()
                ),
                Some(format!("keep the {cap} that matter most")),
            );
        }
    }

    fn id(&mut self, value: &Spanned<String>) -> String {
        if !is_valid_id(&value.value) {
            self.at(
                value.referenced,
                format!("id '{}' is not snake_case", value.value),
                Some("use lowercase letters, digits and `_`, starting with a letter (e.g. `interim_cto`)".to_string()),
            );
        }
        value.value.clone()
    }

    /// The value as the file writes it (`1e3`, `18446744073709551616`), shortened to a glance.
    fn written(&self, value: &Spanned<Number>) -> String {
        let span = value.referenced.span();
        let text = span
            .byte_offset()
            .zip(span.byte_len())
            .and_then(|(at, len)| self.text.get(usize::try_from(at).ok()?..).map(|t| (t, len)))
            .and_then(|(text, len)| text.get(..usize::try_from(len).ok()?))
            .map(str::trim);
        let text = match (text, value.value) {
            (Some(text), _) if !text.is_empty() => text.to_string(),
            (_, Number::Whole(n)) => n.to_string(),
            (_, Number::Fraction(n)) => n.to_string(),
            (_, Number::Not(_)) => String::new(),
        };
        match text.char_indices().nth(40) {
            Some((at, _)) => format!("{}…", &text[..at]),
            None => text,
        }
    }

    /// What the value is, in a message: `4294967296`, `2.5`, `` `soon` ``, `a list`.
    fn shown(&self, value: &Spanned<Number>) -> String {
        match value.value {
            Number::Whole(_) | Number::Fraction(_) => self.written(value),
            Number::Not(NotNumber::Text) => format!("`{}`", self.written(value)),
            Number::Not(NotNumber::Boolean) => "true or false".to_string(),
            Number::Not(NotNumber::Empty) => "empty".to_string(),
            Number::Not(NotNumber::List) => "a list".to_string(),
            Number::Not(NotNumber::Mapping) => "a mapping".to_string(),
        }
    }

    /// A choice question's wording, checked like any text.
    fn choice(&mut self, raw: &RawChoiceQuestion) -> ChoiceQuestion {
        ChoiceQuestion {
            name: self.text("name", &raw.name),
            question: self.text("question", &raw.question),
        }
    }

    /// How a path combines: a role, and for `parts` every figure of a unit, in range.
    fn portfolio(&mut self, raw: &Spanned<RawPortfolio>) -> Combines {
        let portfolio = &raw.value;
        let unit_fields = [
            ("unit", portfolio.unit.as_ref().map(|v| v.referenced)),
            ("units", portfolio.units.as_ref().map(|v| v.referenced)),
            (
                "hours_per_unit",
                portfolio.hours_per_unit.as_ref().map(|v| v.referenced),
            ),
            (
                "income_per_unit",
                portfolio.income_per_unit.as_ref().map(|v| v.referenced),
            ),
            (
                "min_units",
                portfolio.min_units.as_ref().map(|v| v.referenced),
            ),
            (
                "max_units",
                portfolio.max_units.as_ref().map(|v| v.referenced),
            ),
            (
                "overhead_hours",
                portfolio.overhead_hours.as_ref().map(|v| v.referenced),
            ),
        ];
        match portfolio.role.value.as_str() {
            role @ ("alone" | "anchor") => {
                for (field, at) in unit_fields {
                    if let Some(at) = at {
                        self.at(
                            at,
                            format!(
                                "portfolio.{field} is given, but a path `as: {role}` has no units"
                            ),
                            Some(
                                "remove it, or write `as: parts` if the path is done in parts"
                                    .to_string(),
                            ),
                        );
                    }
                }
                if role == "anchor" {
                    Combines::Anchor
                } else {
                    Combines::Alone
                }
            }
            "parts" => {
                let mut missing = |field: &str, at: Location| {
                    self.at(
                        at,
                        format!("portfolio `as: parts` lacks `{field}`"),
                        Some("give unit, units, hours_per_unit, income_per_unit, max_units and overhead_hours".to_string()),
                    );
                };
                let (Some(unit), Some(units), Some(hours), Some(income), Some(max), Some(overhead)) = (
                    portfolio.unit.as_ref(),
                    portfolio.units.as_ref(),
                    portfolio.hours_per_unit.as_ref(),
                    portfolio.income_per_unit.as_ref(),
                    portfolio.max_units.as_ref(),
                    portfolio.overhead_hours.as_ref(),
                ) else {
                    for (field, at) in unit_fields.iter().filter(|(f, _)| *f != "min_units") {
                        if at.is_none() {
                            missing(field, raw.referenced);
                        }
                    }
                    return Combines::Alone;
                };
                let unit = self.text("portfolio.unit", unit);
                let units = self.text("portfolio.units", units);
                let hours = self.whole(
                    "portfolio.hours_per_unit",
                    hours,
                    1,
                    u64::from(HOURS_IN_A_WEEK),
                );
                let low = self.whole(
                    "portfolio.income_per_unit.low",
                    &income.value.low,
                    0,
                    MAX_INCOME_USD,
                );
                let high = self.whole(
                    "portfolio.income_per_unit.high",
                    &income.value.high,
                    0,
                    MAX_INCOME_USD,
                );
                if let (Some(low), Some(high)) = (low, high)
                    && low > high
                {
                    self.at(
                        income.referenced,
                        format!("portfolio.income_per_unit: low {low} is above high {high}"),
                        None,
                    );
                }
                let max_units = self.whole("portfolio.max_units", max, 1, u64::from(MAX_UNITS));
                let min_units = match &portfolio.min_units {
                    Some(min) => self.whole("portfolio.min_units", min, 1, u64::from(MAX_UNITS)),
                    None => Some(1),
                };
                if let (Some(min), Some(max)) = (min_units, max_units)
                    && min > max
                {
                    self.at(
                        portfolio
                            .min_units
                            .as_ref()
                            .map_or(raw.referenced, |m| m.referenced),
                        format!("portfolio.min_units {min} is above max_units {max}"),
                        Some(
                            "min_units is the fewest units worth taking on, max_units the most"
                                .to_string(),
                        ),
                    );
                }
                let overhead = self.whole(
                    "portfolio.overhead_hours",
                    overhead,
                    0,
                    u64::from(HOURS_IN_A_WEEK),
                );
                // Each within its range, checked above; a problem makes the file fail to load.
                let small = |n: Option<u64>| n.and_then(|n| u32::try_from(n).ok()).unwrap_or(1);
                Combines::InParts(Parts {
                    unit,
                    units,
                    hours_per_unit: small(hours),
                    income_per_unit: (low.unwrap_or(0), high.unwrap_or(0)),
                    min_units: small(min_units),
                    max_units: small(max_units),
                    overhead_hours: overhead.and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
                })
            }
            other => {
                self.at(
                    portfolio.role.referenced,
                    format!("portfolio `as: {other}` is not a role"),
                    Some("write `as: alone`, `as: anchor` or `as: parts`".to_string()),
                );
                Combines::Alone
            }
        }
    }

    /// A whole number from `min` to `max`; anything else is reported with the key, what the
    /// file says and the range.
    /// `key` is only put in words for a problem: most files have none, and a catalogue can
    /// have thousands of files.
    fn whole(
        &mut self,
        key: impl fmt::Display,
        value: &Spanned<Number>,
        min: u64,
        max: u64,
    ) -> Option<u64> {
        if let Number::Whole(n) = value.value
            && let Ok(n) = u64::try_from(n)
            && (min..=max).contains(&n)
        {
            return Some(n);
        }
        let shown = self.shown(value);
        let message = match value.value {
            Number::Whole(_) => format!("{key} is {shown}, outside {min} to {max}"),
            // Too many digits for the parser's integers: still a whole number, just too large.
            Number::Fraction(_)
                if shown
                    .trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
            {
                format!("{key} is {shown}, outside {min} to {max}")
            }
            Number::Fraction(_) => format!("{key} is {shown}, not a whole number"),
            Number::Not(_) => format!("{key} is {shown}, not a number"),
        };
        self.at(
            value.referenced,
            message,
            Some(format!("use a whole number from {min} to {max}")),
        );
        None
    }

    fn rating(&mut self, key: impl fmt::Display, value: &Spanned<Number>) -> u8 {
        self.whole(key, value, RATING_MIN.into(), RATING_MAX.into())
            .and_then(|rating| u8::try_from(rating).ok())
            .unwrap_or(RATING_MIN)
    }

    fn share(&mut self, key: &str, value: &Spanned<Number>) -> f64 {
        let share = match value.value {
            Number::Whole(n) => n as f64,
            Number::Fraction(n) => n,
            Number::Not(_) => f64::NAN,
        };
        if (0.0..=1.0).contains(&share) {
            return share;
        }
        let shown = self.shown(value);
        let message = match value.value {
            Number::Not(_) => format!("{key} is {shown}, not a number"),
            _ => format!("{key} is {shown}, outside 0 to 1"),
        };
        self.at(
            value.referenced,
            message,
            Some("use a share such as 0.25".to_string()),
        );
        0.0
    }
}

pub fn is_valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

pub fn parse_criteria(source: &Source, problems: &mut Vec<Problem>) -> Option<Criteria> {
    let raw: RawCriteria = parse_yaml(source, problems)?;
    let before = problems.len();
    let mut check = Checker {
        file: &source.display,
        text: &source.text,
        problems,
    };

    let weights = Weights {
        skills: check.share("weights.skills", &raw.weights.skills),
        goals: check.share("weights.goals", &raw.weights.goals),
    };
    if (weights.skills + weights.goals - 1.0).abs() > 1e-9 {
        check.at(
            raw.weights.goals.referenced,
            format!(
                "weights add up to {}, not 1",
                weights.skills + weights.goals
            ),
            Some("make weights.skills + weights.goals = 1 (e.g. 0.5 and 0.5)".to_string()),
        );
    }
    let penalties = Penalties {
        hours_per_week: check.share("penalties.hours_per_week", &raw.penalties.hours_per_week),
        runway_months: check.share("penalties.runway_months", &raw.penalties.runway_months),
        min_income: check.share("penalties.min_income", &raw.penalties.min_income),
    };
    let total_penalty = penalties.hours_per_week + penalties.runway_months + penalties.min_income;
    if total_penalty > 1.0 + 1e-9 {
        check.at(
            raw.penalties.min_income.referenced,
            format!("penalties add up to {total_penalty}, more than 1"),
            Some("lower them so a score can never drop below 0".to_string()),
        );
    }

    let mut ids = BTreeSet::new();
    let mut criteria_list = |list: &[RawCriterion], check: &mut Checker| -> Vec<Criterion> {
        list.iter()
            .map(|raw| {
                let id = check.id(&raw.id);
                if !ids.insert(id.clone()) {
                    check.at(
                        raw.id.referenced,
                        format!("criterion '{id}' is defined twice"),
                        Some("skills and goals share one set of ids: rename one".to_string()),
                    );
                }
                Criterion {
                    name: check.text("name", &raw.name),
                    question: check.text("question", &raw.question),
                    low: check.text("low", &raw.low),
                    high: check.text("high", &raw.high),
                    default: check.rating(format_args!("default of '{id}'"), &raw.default),
                    grow: raw.grow.as_ref().map(|grow| check.text("grow", grow)),
                    id: id.into(),
                }
            })
            .collect()
    };
    let skills = criteria_list(&raw.skills, &mut check);
    let goals = criteria_list(&raw.goals, &mut check);
    for (section, list) in [("skills", &raw.skills), ("goals", &raw.goals)] {
        check.cap(section, list, MAX_CRITERIA, |criterion| {
            criterion.id.referenced
        });
    }
    for (section, list) in [("skills", &skills), ("goals", &goals)] {
        if list.is_empty() {
            check.problems.push(Problem {
                file: source.display.clone(),
                position: None,
                message: format!("no {section} defined"),
                hint: Some(format!("list at least one under `{section}:`")),
            });
        }
    }

    let number = |name: &str, raw: &RawNumberQuestion, limit: u64, check: &mut Checker| {
        let key = format!("constraints.{name}");
        let min = check.whole(format_args!("{key}.min"), &raw.min, 0, limit);
        let max = check.whole(format_args!("{key}.max"), &raw.max, 0, limit);
        if let (Some(min), Some(max)) = (min, max)
            && max < min
        {
            check.at(
                raw.max.referenced,
                format!("{key}: max {max} is below min {min}"),
                None,
            );
        }
        let (min, max) = (min.unwrap_or(0), max.unwrap_or(limit));
        NumberQuestion {
            name: check.text("name", &raw.name),
            question: check.text("question", &raw.question),
            unit: check.text("unit", &raw.unit),
            min,
            max,
            default: raw
                .default
                .as_ref()
                .and_then(|default| check.whole(format_args!("{key}.default"), default, min, max)),
        }
    };
    let constraints = ConstraintTexts {
        hours_per_week: number(
            "hours_per_week",
            &raw.constraints.hours_per_week,
            HOURS_IN_A_WEEK.into(),
            &mut check,
        ),
        runway_months: number(
            "runway_months",
            &raw.constraints.runway_months,
            MAX_RUNWAY_MONTHS.into(),
            &mut check,
        ),
        min_income: number(
            "min_income",
            &raw.constraints.min_income,
            MAX_INCOME_USD,
            &mut check,
        ),
        exclude: check.choice(&raw.constraints.exclude),
        must_have: raw
            .constraints
            .must_have
            .as_ref()
            .map_or_else(ChoiceQuestion::must_have, |raw| check.choice(raw)),
        keeps_job: raw
            .constraints
            .keeps_job
            .as_ref()
            .map_or_else(ChoiceQuestion::keeps_job, |raw| check.choice(raw)),
    };

    sort_by_position(&mut problems[before..]);
    // Kept even with problems, so that path files are checked against these criteria rather
    // than reported for skills that only a broken criteria file defines; `load` still fails.
    Some(Criteria {
        weights,
        penalties,
        skills,
        goals,
        constraints,
    })
}

/// Returns the path and where its id stands, or `None` after recording its problems.
pub fn parse_path(
    source: &Source,
    criteria: &Criteria,
    problems: &mut Vec<Problem>,
) -> Option<(CareerPath, (u64, u64))> {
    let raw: RawPath = parse_yaml(source, problems)?;
    let before = problems.len();
    let mut check = Checker {
        file: &source.display,
        text: &source.text,
        problems,
    };

    let id = check.id(&raw.id);
    let ratings = |field: &str,
                   map: &Spanned<BTreeMap<String, Spanned<Number>>>,
                   known: &[Criterion],
                   check: &mut Checker| {
        if map.value.is_empty() {
            check.at(
                map.referenced,
                format!("`{field}` rates no criterion"),
                Some(format!("rate at least one of: {}", ids_of(known))),
            );
        }
        map.value
            .iter()
            .filter_map(|(key, value)| {
                // The criterion's own id is kept: the built-in one is borrowed, not copied.
                let Some(criterion) = known.iter().find(|criterion| *criterion.id == **key) else {
                    let kind = if field == "demands" { "skill" } else { "goal" };
                    check.at_key(
                        key,
                        value.referenced,
                        format!("`{field}` names '{key}', which is not a {kind}"),
                        Some(match nearest(key, known.iter().map(|c| &*c.id)) {
                            Some(near) => {
                                format!("did you mean '{near}'? {kind}s: {}", ids_of(known))
                            }
                            None => format!("{kind}s: {}", ids_of(known)),
                        }),
                    );
                    return None;
                };
                Some((
                    criterion.id.clone(),
                    check.rating(format_args!("{field}.{key}"), value),
                ))
            })
            .collect::<BTreeMap<_, _>>()
    };
    let demands = ratings("demands", &raw.demands, &criteria.skills, &mut check);
    let gives = ratings("gives", &raw.gives, &criteria.goals, &mut check);

    let sources = check.sources(&raw.sources);
    let known: Vec<&str> = sources.iter().map(|s| &*s.id).collect();
    let need = |field: &str, raw: &Spanned<RawNeed>, limit: u32, check: &mut Checker| {
        let key = format!("realities.{field}");
        let mut value = |part: &str, number| {
            let value = check.whole(format_args!("{key}.{part}"), number, 0, limit.into());
            // Within the limit, which is a u32.
            value.and_then(|value| u32::try_from(value).ok())
        };
        let (min, typical) = (
            value("min", &raw.value.min),
            value("typical", &raw.value.typical),
        );
        if let (Some(min), Some(typical)) = (min, typical)
            && min > typical
        {
            check.at(
                raw.referenced,
                format!("{key}: min {min} is above typical {typical}"),
                Some(
                    "min is the least the path can work with, typical what it usually takes"
                        .to_string(),
                ),
            );
        }
        Need {
            min: min.unwrap_or(0),
            typical: typical.unwrap_or(0),
            basis: check.basis(
                &key,
                raw.referenced,
                (&raw.value.sources, &raw.value.estimate),
                &known,
            ),
        }
    };
    let hours_per_week = need(
        "hours_per_week",
        &raw.realities.hours_per_week,
        HOURS_IN_A_WEEK,
        &mut check,
    );
    let runway_months = need(
        "runway_months",
        &raw.realities.runway_months,
        MAX_RUNWAY_MONTHS,
        &mut check,
    );
    let income = &raw.realities.income_usd;
    let low = check.whole(
        "realities.income_usd.low",
        &income.value.low,
        0,
        MAX_INCOME_USD,
    );
    let high = check.whole(
        "realities.income_usd.high",
        &income.value.high,
        0,
        MAX_INCOME_USD,
    );
    if let (Some(low), Some(high)) = (low, high)
        && low > high
    {
        check.at(
            income.referenced,
            format!("realities.income_usd: low {low} is above high {high}"),
            None,
        );
    }

    let first_steps: Vec<Text> = raw
        .first_steps
        .value
        .iter()
        .map(|step| check.text("first step", step))
        .collect();
    check.cap(
        "first_steps",
        &raw.first_steps.value,
        MAX_FIRST_STEPS,
        |step| step.referenced,
    );
    if first_steps.is_empty() {
        check.at(
            raw.first_steps.referenced,
            "`first_steps` lists no steps".to_string(),
            Some(format!(
                "list 1 to {MAX_FIRST_STEPS} concrete steps, 3 to 5 is best"
            )),
        );
    }

    let path = CareerPath {
        name: check.text("name", &raw.name),
        summary: check.text("summary", &raw.summary),
        description: check.text("description", &raw.description),
        demands,
        gives,
        realities: Realities {
            hours_per_week,
            runway_months,
            income_usd: IncomeRange {
                low: low.unwrap_or(0),
                high: high.unwrap_or(0),
                basis: check.basis(
                    "realities.income_usd",
                    income.referenced,
                    (&income.value.sources, &income.value.estimate),
                    &known,
                ),
            },
        },
        first_steps,
        experiments: {
            let experiments = &raw.experiments;
            check.cap("experiments", experiments, MAX_EXPERIMENTS, |e| {
                e.referenced
            });
            experiments
                .iter()
                .map(|experiment| check.text("experiment", experiment))
                .collect()
        },
        review_after_weeks: raw
            .review_after_weeks
            .as_ref()
            .and_then(|weeks| check.whole("review_after_weeks", weeks, 1, MAX_REVIEW_WEEKS.into()))
            .and_then(|weeks| u32::try_from(weeks).ok())
            .unwrap_or(DEFAULT_REVIEW_WEEKS),
        facts: {
            check.cap("facts", &raw.facts, MAX_FACTS, |f| f.text.referenced);
            raw.facts
                .iter()
                .map(|fact| Fact {
                    text: check.text("fact", &fact.text),
                    sources: check.source_ids("facts", &fact.sources, &known),
                })
                .collect()
        },
        alongside_job: raw.alongside_job,
        combines: raw
            .portfolio
            .as_ref()
            .map_or(Combines::Alone, |portfolio| check.portfolio(portfolio)),
        source: source.display.clone().into(),
        origin: Text::Borrowed(source.origin),
        replaces: None,
        sources,
        id: id.into(),
    };
    sort_by_position(&mut problems[before..]);
    let id_at = (raw.id.referenced.line(), raw.id.referenced.column());
    (problems.len() == before).then_some((path, id_at))
}

fn ids_of(criteria: &[Criterion]) -> String {
    criteria
        .iter()
        .map(|c| &*c.id)
        .collect::<Vec<_>>()
        .join(", ")
}
