//! The catalogue's file formats as the parser reads them (criteria.yaml and one path per file),
//! their limits, and the JSON Schemas `ctopath schema` prints for them.
//!
//! Values are `Spanned` so that every problem can point at its line and column; `schemars(with)`
//! describes each as the plain value for `ctopath schema`.

use crate::model::{Criteria, Criterion, RATING_MAX, RATING_MIN};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// The most hours a week, months of runway and yearly income a path or an answer may name:
/// beyond any real career, and small enough for the engine's arithmetic.
pub const HOURS_IN_A_WEEK: u32 = 168;
pub const MAX_RUNWAY_MONTHS: u32 = 1200;
pub const MAX_INCOME_USD: u64 = 1_000_000_000;

/// How long to try a path before reviewing the decision, unless its file says otherwise.
pub const DEFAULT_REVIEW_WEEKS: u32 = 12;
pub const MAX_REVIEW_WEEKS: u32 = 104;

/// The most first steps a path may list: the table shows the first, `paths show` all of them.
pub const MAX_FIRST_STEPS: usize = 10;
/// The most experiments a path may list: `ctopath plan` shows every one.
pub const MAX_EXPERIMENTS: usize = 10;
/// The most sources and facts a path may list.
pub const MAX_SOURCES: usize = 12;
pub const MAX_FACTS: usize = 12;
/// The most skills, and the most goals, criteria may define: the questionnaire asks every one.
pub const MAX_CRITERIA: usize = 40;

// ---------------------------------------------------------------------------------------------
// criteria.yaml

/// The criteria every path is scored against (criteria.yaml).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctopath criteria")]
pub struct RawCriteria {
    /// How the fit is split between skills and goals; the two add up to 1.
    pub weights: RawWeights,
    /// The most each partly met constraint can take off a path's fit, as a share; at most 1 in all.
    pub penalties: RawPenalties,
    /// Self-rated from 1 to 5; a path's `demands` says which level of each it needs.
    #[schemars(length(max = MAX_CRITERIA))]
    pub skills: Vec<RawCriterion>,
    /// How much each matters, from 1 to 5; a path's `gives` rates how well it delivers each.
    #[schemars(length(max = MAX_CRITERIA))]
    pub goals: Vec<RawCriterion>,
    /// The wording and range of the fixed constraints.
    pub constraints: RawConstraintTexts,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Weights")]
pub struct RawWeights {
    #[schemars(with = "Share")]
    pub skills: Spanned<Number>,
    #[schemars(with = "Share")]
    pub goals: Spanned<Number>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Penalties")]
pub struct RawPenalties {
    #[schemars(with = "Share")]
    pub hours_per_week: Spanned<Number>,
    #[schemars(with = "Share")]
    pub runway_months: Spanned<Number>,
    #[schemars(with = "Share")]
    pub min_income: Spanned<Number>,
}

/// A skill or a goal.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Criterion")]
pub struct RawCriterion {
    /// snake_case, unique across skills and goals; answers and paths use it.
    #[schemars(with = "Id")]
    pub id: Spanned<String>,
    #[schemars(with = "Text")]
    pub name: Spanned<String>,
    /// The question the questionnaire asks.
    #[schemars(with = "Text")]
    pub question: Spanned<String>,
    /// What a 1 looks like.
    #[schemars(with = "Text")]
    pub low: Spanned<String>,
    /// What a 5 looks like.
    #[schemars(with = "Text")]
    pub high: Spanned<String>,
    /// The answer assumed when none is given.
    #[schemars(with = "Rating")]
    pub default: Spanned<Number>,
    /// For a skill: how to close a gap in it, shown in action plans.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub grow: Option<Spanned<String>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Constraints")]
pub struct RawConstraintTexts {
    pub hours_per_week: RawNumberQuestion,
    pub runway_months: RawNumberQuestion,
    pub min_income: RawNumberQuestion,
    pub exclude: RawChoiceQuestion,
    /// The must-haves question; a criteria file written before it existed gets ctopath's own.
    #[serde(default)]
    pub must_have: Option<RawChoiceQuestion>,
    /// The kept-job question; likewise.
    #[serde(default)]
    pub keeps_job: Option<RawChoiceQuestion>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "NumberQuestion")]
pub struct RawNumberQuestion {
    #[schemars(with = "Text")]
    pub name: Spanned<String>,
    #[schemars(with = "Text")]
    pub question: Spanned<String>,
    /// Shown after numbers, e.g. `hours a week`.
    #[schemars(with = "Text")]
    pub unit: Spanned<String>,
    #[schemars(with = "u64")]
    pub min: Spanned<Number>,
    #[schemars(with = "u64")]
    pub max: Spanned<Number>,
    /// What the questionnaire offers on Enter; without one it offers no limit.
    #[serde(default)]
    #[schemars(with = "Option<u64>", extend("default" = null))]
    pub default: Option<Spanned<Number>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ChoiceQuestion")]
pub struct RawChoiceQuestion {
    #[schemars(with = "Text")]
    pub name: Spanned<String>,
    #[schemars(with = "Text")]
    pub question: Spanned<String>,
}

/// A rating on the 1–5 scale, in a schema.
struct Rating;

impl JsonSchema for Rating {
    fn schema_name() -> Cow<'static, str> {
        "Rating".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A whole number from 1 to 5.",
            "type": "integer",
            "minimum": RATING_MIN,
            "maximum": RATING_MAX,
        })
    }
}

/// A share from 0 to 1, in a schema.
struct Share;

impl JsonSchema for Share {
    fn schema_name() -> Cow<'static, str> {
        "Share".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "number", "minimum": 0, "maximum": 1})
    }
}

/// An id, in a schema.
struct Id;

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Lowercase letters, digits and `_`, starting with a letter.",
            "type": "string",
            "pattern": "^[a-z][a-z0-9_]*$",
        })
    }
}

/// Text that must say something, in a schema.
struct Text;

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "minLength": 1})
    }
}

/// A number as a catalogue file holds it. Whatever is there is read, so that the checks can name
/// the key and the range of a wrong one: the parser's own message knows neither.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Whole(i128),
    /// A decimal, or an integer too long for the parser's integers.
    Fraction(f64),
    /// Not a number at all.
    Not(NotNumber),
}

/// What a file holds where a number belongs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NotNumber {
    Text,
    Boolean,
    Empty,
    List,
    Mapping,
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct NumberVisitor;
        impl<'de> Visitor<'de> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E>(self, value: i64) -> Result<Number, E> {
                Ok(Number::Whole(value.into()))
            }
            fn visit_u64<E>(self, value: u64) -> Result<Number, E> {
                Ok(Number::Whole(value.into()))
            }
            fn visit_i128<E>(self, value: i128) -> Result<Number, E> {
                Ok(Number::Whole(value))
            }
            fn visit_f64<E>(self, value: f64) -> Result<Number, E> {
                Ok(Number::Fraction(value))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Number, E> {
                Ok(Number::Not(NotNumber::Boolean))
            }
            // A quoted whole number was always taken as one.
            fn visit_str<E>(self, value: &str) -> Result<Number, E> {
                Ok(value
                    .trim()
                    .parse()
                    .map_or(Number::Not(NotNumber::Text), Number::Whole))
            }
            fn visit_unit<E>(self) -> Result<Number, E> {
                Ok(Number::Not(NotNumber::Empty))
            }
            fn visit_none<E>(self) -> Result<Number, E> {
                Ok(Number::Not(NotNumber::Empty))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Number, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Number::Not(NotNumber::List))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Number, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Number::Not(NotNumber::Mapping))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// one path per file

/// One career path for ctopath (paths/*.yaml).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctopath path")]
pub struct RawPath {
    /// Unique; a later file with the same id replaces the path.
    #[schemars(with = "Id")]
    pub id: Spanned<String>,
    /// Shown in tables.
    #[schemars(with = "Text")]
    pub name: Spanned<String>,
    /// One sentence: what the path is.
    #[schemars(with = "Text")]
    pub summary: Spanned<String>,
    /// A short paragraph: the work day to day, and who it suits.
    #[schemars(with = "Text")]
    pub description: Spanned<String>,
    /// Skill id -> the level (1–5) the path needs. Leave out skills it does not need.
    #[schemars(with = "BTreeMap<String, Rating>", extend("minProperties" = 1))]
    pub demands: Spanned<BTreeMap<String, Spanned<Number>>>,
    /// Goal id -> how well (1–5) the path delivers it. A goal left out counts as 3.
    #[schemars(with = "BTreeMap<String, Rating>", extend("minProperties" = 1))]
    pub gives: Spanned<BTreeMap<String, Spanned<Number>>>,
    pub realities: RawRealities,
    /// Concrete steps to start with; the first is shown in the ranking.
    #[schemars(with = "Vec<Text>", length(min = 1, max = MAX_FIRST_STEPS))]
    pub first_steps: Spanned<Vec<Spanned<String>>>,
    /// Cheap ways to test the path before committing to it (shown in `ctopath plan`).
    #[serde(default)]
    #[schemars(with = "Vec<Text>", length(max = MAX_EXPERIMENTS))]
    pub experiments: Vec<Spanned<String>>,
    /// How many weeks to try the path before looking at the decision again (default 12).
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1, max = 104), extend("default" = null))]
    pub review_after_weeks: Option<Spanned<Number>>,
    /// Whether the path is usually done beside a job the person keeps (an advisory seat, angel
    /// investing, a side company): then a kept job, not the path, meets the income floor.
    #[serde(default)]
    pub alongside_job: bool,
    /// How the path takes part in a portfolio of several paths at once; left out, it does not.
    #[serde(default)]
    #[schemars(with = "Option<RawPortfolio>")]
    pub portfolio: Option<Spanned<RawPortfolio>>,
    /// Where the path's figures and facts come from: essays by title, pages by address.
    #[serde(default)]
    #[schemars(length(max = MAX_SOURCES))]
    pub sources: Vec<RawSource>,
    /// Figures and findings from the sources, in your own words, each naming its sources.
    #[serde(default)]
    #[schemars(length(max = MAX_FACTS))]
    pub facts: Vec<RawFact>,
}

/// A list of ids where each keeps its place in the file.
pub type SpannedIds = Spanned<Vec<Spanned<String>>>;

/// A page, essay or book the path draws on.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct RawSource {
    /// How figures and facts name it (snake_case).
    #[schemars(with = "Id")]
    pub id: Spanned<String>,
    #[schemars(with = "Text")]
    pub title: Spanned<String>,
    /// A web address (https://…); leave out for an essay or book known by its title.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub address: Option<Spanned<String>>,
}

/// A figure or finding from the sources.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Fact")]
pub struct RawFact {
    #[schemars(with = "Text")]
    pub text: Spanned<String>,
    /// Ids of this file's `sources`.
    #[schemars(with = "Vec<Id>", length(min = 1))]
    pub sources: Spanned<Vec<Spanned<String>>>,
}

/// What the path takes and pays; the constraints are checked against these.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Realities")]
pub struct RawRealities {
    /// Hours a week: the least that still works (`min`) and what it usually takes (`typical`).
    #[schemars(with = "RawNeed")]
    pub hours_per_week: Spanned<RawNeed>,
    /// Months without salary: the least to start with (`min`) and a comfortable amount (`typical`).
    #[schemars(with = "RawNeed")]
    pub runway_months: Spanned<RawNeed>,
    /// The typical yearly income, USD.
    #[schemars(with = "RawIncome")]
    pub income_usd: Spanned<RawIncome>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Need")]
pub struct RawNeed {
    #[schemars(with = "u32")]
    pub min: Spanned<Number>,
    #[schemars(with = "u32")]
    pub typical: Spanned<Number>,
    /// Ids of this file's `sources` that give the figures.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Id>>")]
    pub sources: Option<Spanned<Vec<Spanned<String>>>>,
    /// How the figures were reckoned, when no source gives them.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub estimate: Option<Spanned<String>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Income")]
pub struct RawIncome {
    #[schemars(with = "u64")]
    pub low: Spanned<Number>,
    #[schemars(with = "u64")]
    pub high: Spanned<Number>,
    /// Ids of this file's `sources` that give the figures.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Id>>")]
    pub sources: Option<Spanned<Vec<Spanned<String>>>>,
    /// How the figures were reckoned, when no source gives them.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub estimate: Option<Spanned<String>>,
}

/// How a path combines with others: `as: alone`, `as: anchor` (the one full-time part, with small
/// parts beside it), or `as: parts` with what one unit takes and pays.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Portfolio")]
pub struct RawPortfolio {
    /// `alone`, `anchor` or `parts`.
    #[serde(rename = "as")]
    #[schemars(with = "String", extend("enum" = ["alone", "anchor", "parts"]))]
    pub role: Spanned<String>,
    /// With `parts`: one unit, as a noun (`client`, `company`, `cohort`, `book`).
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub unit: Option<Spanned<String>>,
    /// With `parts`: more than one (`clients`).
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub units: Option<Spanned<String>>,
    /// With `parts`: hours a week one unit takes.
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1, max = 168))]
    pub hours_per_unit: Option<Spanned<Number>>,
    /// With `parts`: yearly income one unit pays, USD.
    #[serde(default)]
    #[schemars(with = "Option<RawUnitIncome>")]
    pub income_per_unit: Option<Spanned<RawUnitIncome>>,
    /// With `parts`: the fewest units worth taking on (default 1).
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1, max = MAX_UNITS))]
    pub min_units: Option<Spanned<Number>>,
    /// With `parts`: the most units that make sense at once.
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1, max = MAX_UNITS))]
    pub max_units: Option<Spanned<Number>>,
    /// With `parts`: hours a week the part takes whatever its units (finding work).
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 0, max = 168))]
    pub overhead_hours: Option<Spanned<Number>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "UnitIncome")]
pub struct RawUnitIncome {
    #[schemars(with = "u64")]
    pub low: Spanned<Number>,
    #[schemars(with = "u64")]
    pub high: Spanned<Number>,
}

/// The most units of one path in a portfolio.
pub const MAX_UNITS: u32 = 10;

/// The JSON Schema of a path file, with the criterion ids of `criteria` as the keys allowed in
/// `demands` and `gives`, so that an editor can complete them.
pub fn path_schema(criteria: &Criteria) -> serde_json::Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(RawPath)).expect("a schema is JSON");
    let ids = |list: &[Criterion]| list.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    schema["properties"]["demands"]["propertyNames"] =
        serde_json::json!({"enum": ids(&criteria.skills)});
    schema["properties"]["gives"]["propertyNames"] =
        serde_json::json!({"enum": ids(&criteria.goals)});
    schema
}

/// The JSON Schema of criteria.yaml.
pub fn criteria_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(RawCriteria)).expect("a schema is JSON")
}
