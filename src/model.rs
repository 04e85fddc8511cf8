//! The plain data everything else works on: criteria, career paths and a person's answers.
//!
//! Nothing here knows about YAML, JSON parsing or terminals; `catalogue` and `answers` build these
//! values from files, the engine reads them.

use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// A text of the catalogue: borrowed from the binary for the built-in paths, which build.rs
/// writes out as literals, so that starting up copies none of them; owned when read from a file.
pub type Text = Cow<'static, str>;

/// The lowest and highest value of every rating: skill levels, goal importance, path ratings.
pub const RATING_MIN: u8 = 1;
pub const RATING_MAX: u8 = 5;
/// The rating a path is taken to give for a goal it does not rate: the middle of the scale.
pub const NEUTRAL_RATING: u8 = 3;

/// Everything a person is scored against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criteria {
    pub weights: Weights,
    pub penalties: Penalties,
    pub skills: Vec<Criterion>,
    pub goals: Vec<Criterion>,
    pub constraints: ConstraintTexts,
}

/// How the fit is split between skills and goals; the two add up to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Weights {
    pub skills: f64,
    pub goals: f64,
}

/// The largest share of a path's fit that each partly met constraint can take away.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Penalties {
    pub hours_per_week: f64,
    pub runway_months: f64,
    pub min_income: f64,
}

/// A skill or a goal: what is asked, and what the ends of its 1–5 scale mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    pub id: Text,
    pub name: Text,
    pub question: Text,
    /// What a 1 looks like.
    pub low: Text,
    /// What a 5 looks like.
    pub high: Text,
    /// The answer assumed when a person gives none.
    pub default: u8,
    /// For a skill: how to close a gap in it, for action plans.
    pub grow: Option<Text>,
}

/// The wording and allowed range of the fixed constraints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConstraintTexts {
    pub hours_per_week: NumberQuestion,
    pub runway_months: NumberQuestion,
    pub min_income: NumberQuestion,
    pub exclude: ChoiceQuestion,
    pub must_have: ChoiceQuestion,
    pub keeps_job: ChoiceQuestion,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberQuestion {
    pub name: Text,
    pub question: Text,
    pub unit: Text,
    pub min: u64,
    pub max: u64,
    /// What the questionnaire offers when Enter is pressed; `None` offers no limit. An answers
    /// file that leaves the constraint out still sets no limit.
    pub default: Option<u64>,
}

impl NumberQuestion {
    /// A unit that starts with `USD` is money: `$150,000 a year`.
    pub fn is_money(&self) -> bool {
        self.unit.starts_with("USD")
    }

    /// `40 hours a week`, `$150,000 a year`.
    pub fn show(&self, value: u64) -> String {
        format!("{}{}", self.figure(value), self.unit_after())
    }

    /// `0 to 120 hours a week`, `$0 to $100,000,000 a year`.
    pub fn range(&self) -> String {
        let (min, max) = (self.figure(self.min), self.figure(self.max));
        format!("{min} to {max}{}", self.unit_after())
    }

    fn figure(&self, value: u64) -> String {
        if !self.is_money() {
            return value.to_string();
        }
        crate::text::Usd(value).to_string()
    }

    /// What follows a figure: ` hours a week`, or ` a year` after dollars.
    fn unit_after(&self) -> String {
        match self.unit.strip_prefix("USD") {
            Some(rest) => rest.to_string(),
            None => format!(" {}", self.unit),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceQuestion {
    pub name: Text,
    pub question: Text,
}

impl ChoiceQuestion {
    /// The kept-job question of a criteria file that does not word its own.
    pub fn keeps_job() -> ChoiceQuestion {
        ChoiceQuestion {
            name: Text::Borrowed("Keeps a job"),
            question: Text::Borrowed(
                "Would you keep a job that pays your income floor, beside a path such as advising?",
            ),
        }
    }

    /// The must-haves question of a criteria file that does not word its own.
    pub fn must_have() -> ChoiceQuestion {
        ChoiceQuestion {
            name: Text::Borrowed("Must-haves"),
            question: Text::Borrowed("Which of these can you not do without? Pick up to three."),
        }
    }
}

/// Which kind of criterion a contribution or a reason is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Skill,
    Goal,
    Constraint,
}

impl Kind {
    /// Its serde name, for writers that write it by hand.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Skill => "skill",
            Kind::Goal => "goal",
            Kind::Constraint => "constraint",
        }
    }
}

impl Criteria {
    /// The skills or the goals.
    pub fn of_kind(&self, kind: Kind) -> &[Criterion] {
        match kind {
            Kind::Skill => &self.skills,
            Kind::Goal => &self.goals,
            Kind::Constraint => &[],
        }
    }

    /// The display name of a skill, goal or constraint id (the id itself if unknown).
    pub fn name_of<'a>(&'a self, kind: Kind, id: &'a str) -> &'a str {
        if kind == Kind::Constraint {
            return match id {
                "hours_per_week" => &self.constraints.hours_per_week.name,
                "runway_months" => &self.constraints.runway_months.name,
                "min_income" => &self.constraints.min_income.name,
                "exclude" => &self.constraints.exclude.name,
                "must_have" => &self.constraints.must_have.name,
                "keeps_job" => &self.constraints.keeps_job.name,
                _ => id,
            };
        }
        self.of_kind(kind)
            .iter()
            .find(|criterion| criterion.id == id)
            .map_or(id, |criterion| &criterion.name)
    }
}

/// One career path from the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CareerPath {
    pub id: Text,
    pub name: Text,
    pub summary: Text,
    pub description: Text,
    /// Skill id → the level (1–5) the path needs. A skill not listed is not needed.
    pub demands: BTreeMap<Text, u8>,
    /// Goal id → how well (1–5) the path delivers it. A goal not listed counts as `NEUTRAL_RATING`.
    pub gives: BTreeMap<Text, u8>,
    pub realities: Realities,
    pub first_steps: Vec<Text>,
    /// Cheap ways to test the path before committing to it.
    pub experiments: Vec<Text>,
    /// How long to try the path before looking at the decision again.
    pub review_after_weeks: u32,
    /// Usually done beside a job the person keeps: a kept job then meets the income floor.
    pub alongside_job: bool,
    /// Whether and how the path takes part in a portfolio of several paths at once.
    pub combines: Combines,
    /// Where its figures and facts come from.
    pub sources: Vec<PathSource>,
    /// Figures and findings from those sources.
    pub facts: Vec<Fact>,
    /// The file the path was read from, as shown to the user.
    pub source: Text,
    /// Where that file comes from: `built-in`, `user`, `CTOPATH_PATHS`, `--paths`, `validate`.
    pub origin: Text,
    /// The file of an earlier path with the same id that this one replaces.
    pub replaces: Option<Text>,
}

/// What a path takes and pays, as the constraints see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Realities {
    pub hours_per_week: Need,
    pub runway_months: Need,
    pub income_usd: IncomeRange,
}

/// The least a path can work with, and what it usually takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Need {
    pub min: u32,
    pub typical: u32,
    /// Where the figures come from.
    pub basis: Basis,
}

/// A typical yearly income range in USD.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncomeRange {
    pub low: u64,
    pub high: u64,
    /// Where the figures come from.
    pub basis: Basis,
}

/// Where a figure comes from: named sources of the path, or an estimate and how it was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Ids of the path's `sources`.
    Sources(Vec<Text>),
    /// How the figure was reckoned, in words.
    Estimate(Text),
    /// The file says neither (a path written before sources existed).
    Unstated,
}

/// How a path takes part in a portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Combines {
    /// Only on its own (a founder's or a CEO's week has no room beside it).
    #[default]
    Alone,
    /// In parts: so many clients, companies, cohorts or books.
    InParts(Parts),
    /// As the one full-time part, with small parts beside it (a job plus an advisory seat).
    Anchor,
}

/// What one unit of a path done in parts takes and pays.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parts {
    /// One unit, and more than one: `client` and `clients`.
    pub unit: Text,
    pub units: Text,
    /// Hours a week each unit takes.
    pub hours_per_unit: u32,
    /// Yearly income each unit pays, USD.
    pub income_per_unit: (u64, u64),
    /// The fewest units worth taking on.
    pub min_units: u32,
    /// The most units that make sense at once.
    pub max_units: u32,
    /// Hours a week the part takes whatever its units: finding work, keeping up.
    pub overhead_hours: u32,
}

/// A page, essay or book a path's figures and facts come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathSource {
    /// How the path's figures and facts name it.
    pub id: Text,
    pub title: Text,
    /// Where to find it: a web address; `None` for an essay or book known by its title.
    pub address: Option<Text>,
}

/// A figure or finding from a source, in the catalogue's own words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub text: Text,
    /// Ids of the path's `sources` that back it.
    pub sources: Vec<Text>,
}

/// A person's answers, complete: every skill and goal of the criteria has a value.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Answers {
    pub skills: BTreeMap<String, u8>,
    pub goals: BTreeMap<String, u8>,
    pub constraints: Constraints,
    /// The skills and goals the person left out, filled in with the criterion's default.
    #[serde(skip)]
    pub assumed: Vec<Assumption>,
}

/// An answer ctopath filled in because the person gave none.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Assumption {
    /// `skills.<id>` or `goals.<id>`.
    pub key: String,
    pub value: u8,
}

/// Hard limits. `None` means the person set no limit, and the constraint is not applied.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Constraints {
    pub hours_per_week: Option<u32>,
    pub runway_months: Option<u32>,
    pub min_income: Option<u64>,
    pub exclude: BTreeSet<String>,
    /// Goal ids the person cannot do without, in the order given: a path that rates one of them
    /// 1 or 2 is in conflict with it and ranks below every path that is not.
    pub must_have: Vec<String>,
    /// Whether the person would keep a job that pays their income floor beside a path done
    /// alongside one; `None`: not said, and ctopath assumes not, saying so where it matters.
    pub keeps_job: Option<bool>,
}

/// The most must-haves a person may name: more would make everything a must.
pub const MAX_MUST_HAVES: usize = 3;

/// A person's answers as numbers in the criteria's order: skill levels and goal importance, with
/// defaults where none was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub levels: Vec<u8>,
    pub importance: Vec<u8>,
}

impl Profile {
    pub fn new(criteria: &Criteria, answers: &Answers) -> Profile {
        let values = |list: &[Criterion], given: &BTreeMap<String, u8>| {
            list.iter()
                .map(|c| given.get(&*c.id).copied().unwrap_or(c.default))
                .collect()
        };
        Profile {
            levels: values(&criteria.skills, &answers.skills),
            importance: values(&criteria.goals, &answers.goals),
        }
    }
}

/// The criteria and the paths, checked and ready to score. Paths are sorted by id.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    pub criteria: Criteria,
    pub paths: Vec<CareerPath>,
}

impl Catalogue {
    /// The path with this id: found by halving, as paths are sorted by id (a catalogue put
    /// together otherwise is still searched through).
    pub fn path(&self, id: &str) -> Option<&CareerPath> {
        self.index_of(id).map(|index| &self.paths[index])
    }

    /// The place of the path with this id among the catalogue's paths.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        match self.paths.binary_search_by(|path| (*path.id).cmp(id)) {
            Ok(index) => Some(index),
            Err(_) => self.paths.iter().position(|path| path.id == id),
        }
    }
}
