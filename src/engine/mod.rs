//! The scoring engine: plain data in, a ranked and explained assessment out. No I/O.
//!
//! `score` is the one scoring core (the formula is documented there and in the README), `rank`
//! the one ordering and the fit bands, `explain` (and `explain_journal`) the sentences the results
//! carry. Around them: `robustness` (how far the ranking holds as answers vary), `portfolio`,
//! `compare`, `plan`, and `review` (what changed between two sets of answers).

pub mod attribution;
mod compare;
mod explain;
mod explain_journal;
mod plan;
mod portfolio;
pub mod rank;
mod review;
mod robustness;
pub mod score;

pub use crate::model::Profile;
pub use compare::{Comparison, Difference, Side, compare};
pub use explain::{
    Reason, Reasons, RuledOut, Unmet, Warning, headline, portfolio_line, ruled_out,
    summary_warnings, usd,
};
pub use explain_journal::{SEQUENTIAL_CREDIT, how_sure, points, reminder};
pub use plan::{Gap, Plan, plan};
pub use portfolio::{
    BestSingle, FULL_TIME_WEEK, MAX_PARTS, Portfolio, PortfolioPart, Portfolios, Versus, Week,
    as_one_path,
};
pub use rank::Band;
pub use review::{
    AnswerChange, CALIBRATION_MIN, Calibration, Cause, Outcome, Part, PathMove, Review,
    calibration, review,
};
pub use robustness::{DEFAULT_SAMPLES, DEFAULT_SEED, Flip, Robustness, Settings, Stability};

use crate::model::{Answers, Assumption, CareerPath, Catalogue, Constraints, Criteria, Kind, Text};
use score::{Meeting, PathNumbers, PathTable, Penalties, Person, Sink, Term};
use serde::Serialize;

/// Which scoring model produced a result. Model 2: no floors (a goal a path rates 1 earns
/// nothing, a skill at 1 earns nothing), goal weights that grow fourfold with each step of
/// importance, must-haves, bands, points lost.
pub const MODEL_VERSION: u32 = 2;

/// The outcome of scoring every path of a catalogue against one person's answers.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Assessment {
    /// The scoring model that produced these scores (see the README's "How scoring works").
    pub model_version: u32,
    /// Best first: paths in conflict with a must-have last; then by score; ties by id, so the
    /// order never depends on the catalogue's order.
    pub ranking: Vec<RankedPath>,
    /// Paths a hard constraint ruled out, by id.
    pub excluded: Vec<Exclusion>,
    /// Answers that were missing and filled in with the criterion's default.
    pub assumed: Vec<Assumption>,
    /// What limits how much the ranking says about you; empty when nothing does.
    pub warnings: Vec<Warning>,
    /// How far the ranking can be trusted; absent only where it was not asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robustness: Option<Robustness>,
    /// The best combinations of paths done in parts; absent where not asked for (streams).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portfolios: Option<Portfolios>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RankedPath {
    pub rank: usize,
    // The catalogue's own text (not a doc comment: the schema would show it): borrowed from the
    // binary for built-in paths, so that a stream's paths copy no id or name.
    pub id: Text,
    pub name: Text,
    /// 0 to 100; the sum of `contributions[].points`.
    pub score: f64,
    /// What the score means, from fixed thresholds: `strong`, `fair` or `weak`.
    pub band: Band,
    pub fit: Fit,
    /// Must-haves this path rates 1 or 2; empty when none.
    pub conflicts: Vec<Conflict>,
    pub contributions: Vec<Contribution>,
    pub reasons: Reasons,
    pub first_step: Option<Text>,
    /// How often this path comes first, and its likely rank range, as answers vary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robustness: Option<Stability>,
}

impl RankedPath {
    pub fn standing(&self) -> rank::Standing<'_> {
        rank::Standing {
            conflicted: !self.conflicts.is_empty(),
            score: self.score,
            id: &self.id,
        }
    }
}

/// The parts of the score before points: each share runs from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Fit {
    /// How much of what the path demands your skills cover.
    pub skills: f64,
    /// How well what the path gives matches what matters to you.
    pub goals: f64,
    /// The share of the fit the constraints take away.
    pub penalty: f64,
}

/// How much of each ranked path's explanation is built: a stream builds only what it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explaining {
    /// Contributions, conflicts and reasons: every field.
    Everything,
    /// Contributions and conflicts, with `reasons` left empty: the reasons' words are most of
    /// what explaining a path costs.
    WithoutReasons,
}

/// A criterion's id as results carry it, on every contribution and reason of every path: kept
/// inline when short (any id up to 24 bytes), so that copying it allocates nothing.
pub type CriterionId = compact_str::CompactString;

/// A must-have the path gives too little of.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Conflict {
    /// The goal's id.
    #[schemars(with = "String")]
    pub criterion: CriterionId,
    /// How much the goal matters to you (1–5).
    pub answer: u8,
    /// How well the path gives it (1–5).
    pub path: u8,
    pub text: String,
}

/// What one criterion adds to (or, for a constraint, takes from) a path's score.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Contribution {
    pub kind: Kind,
    #[schemars(with = "String")]
    pub criterion: CriterionId,
    /// Points this criterion adds to the score; negative for a constraint that costs points.
    pub points: f64,
    /// The most this criterion could have added with the best possible answer.
    pub possible: f64,
    /// `possible − points`: what this criterion gave up. The `lost` of a path add up to
    /// `100 − score`.
    pub lost: f64,
    /// The person's answer: skill level, goal importance, or constraint value (`None`: not set).
    pub answer: Option<u64>,
    /// The path's side: skill demanded, goal rating, or the constraint's typical need
    /// (`None`: the path does not demand this skill).
    pub path: Option<u64>,
}

/// A path a hard constraint ruled out.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Exclusion {
    pub id: String,
    pub name: String,
    /// The constraints that ruled it out, in the order of the criteria.
    pub constraints: Vec<String>,
    /// Why, in words: one clause per constraint.
    pub reason: String,
    /// The limits it fails, in halves, for a list that gives the person's side once
    /// (`explain::ruled_out`).
    #[serde(skip)]
    #[schemars(skip)]
    pub unmet: Vec<Unmet>,
}

/// Scores every path and ranks them.
pub fn assess(catalogue: &Catalogue, answers: &Answers) -> Assessment {
    Prepared::new(catalogue).assess(answers, usize::MAX, &mut Ranking::default())
}

/// What limits how much a ranking says: answers that do not separate the paths, and no path
/// that fits well (`best`: the top path's name and band).
pub fn warnings(
    criteria: &Criteria,
    profile: &Profile,
    given: &Constraints,
    assumed: &[Assumption],
    best: Option<(&str, Band)>,
) -> Vec<Warning> {
    let mut warnings = explain::profile_warnings(criteria, profile, given, assumed);
    if let Some((name, band)) = best
        && band != Band::Strong
    {
        warnings.push(explain::no_strong_fit(name));
    }
    warnings
}

/// Varies the answers, ranks again, and records each ranked path's stability in the assessment
/// (`Prepared::robustness` for a catalogue scored more than once).
pub fn robustness(
    catalogue: &Catalogue,
    answers: &Answers,
    assessment: &mut Assessment,
    settings: Settings,
) {
    let numbers = score::every_path(catalogue);
    robustness::robustness(catalogue, &numbers, answers, assessment, settings);
}

/// The best portfolios for these answers, each compared with the best single path
/// (`best_single`: the first of the assessment's ranking; `Prepared::portfolios` for a
/// catalogue scored more than once).
pub fn portfolios(
    catalogue: &Catalogue,
    answers: &Answers,
    best_single: Option<&RankedPath>,
    max_parts: usize,
    settings: Option<Settings>,
) -> Portfolios {
    let numbers = score::every_path(catalogue);
    portfolio::portfolios(
        catalogue,
        &numbers,
        answers,
        best_single,
        max_parts,
        settings,
    )
}

/// A catalogue made ready for scoring many people: each path as plain numbers, worked out once.
pub struct Prepared<'a> {
    catalogue: &'a Catalogue,
    numbers: Vec<PathNumbers>,
    /// Every path's numbers, for scoring them all at once.
    table: PathTable,
    /// Each path's place among the paths' ids, alphabetically: how ties are broken.
    by_id: Vec<usize>,
}

/// One path's place for one person, without explanations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quick {
    /// The path's index in the catalogue.
    pub path: usize,
    pub score: f64,
    pub conflicted: bool,
    /// The one ordering as a number (`rank::packed_key`), worked out once so that sorting
    /// compares numbers.
    order: u64,
}

/// The paths ranked for one person, best first, without explanations; ruled-out paths are left
/// out. Its room is kept from one person to the next, as a stream ranks one after another, with
/// one catalogue (the reasons' words kept in it are that catalogue's).
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    kept: Vec<Quick>,
    /// The paths a limit rules out, by index.
    ruled_out: Vec<usize>,
    penalties: Vec<Penalties>,
    totals: Vec<f64>,
    /// Reasons' words already put together, for the paths explained next: kept only in a
    /// ranking made to keep them (`keeping_words`), as a stream's is.
    said: Option<explain::Said>,
}

impl Ranking {
    /// Room that also keeps the words of each reason put together, to copy them for the people
    /// after: for a stream, which says the same things of the same criteria over and over.
    pub fn keeping_words() -> Ranking {
        Ranking {
            said: Some(explain::Said::default()),
            ..Ranking::default()
        }
    }

    /// The paths a limit rules out, by index, in the catalogue's order.
    pub fn ruled_out(&self) -> &[usize] {
        &self.ruled_out
    }
}

impl std::ops::Deref for Ranking {
    type Target = [Quick];

    fn deref(&self) -> &[Quick] {
        &self.kept
    }
}

impl<'a> Prepared<'a> {
    pub fn new(catalogue: &'a Catalogue) -> Prepared<'a> {
        let numbers = score::every_path(catalogue);
        Prepared {
            catalogue,
            table: PathTable::new(numbers.iter()),
            numbers,
            by_id: rank::id_places(catalogue.paths.iter().map(|path| path.id.as_ref())),
        }
    }

    /// `robustness`, from the numbers made for this catalogue.
    pub fn robustness(&self, answers: &Answers, assessment: &mut Assessment, settings: Settings) {
        robustness::robustness(self.catalogue, &self.numbers, answers, assessment, settings);
    }

    /// `portfolios`, from the numbers made for this catalogue.
    pub fn portfolios(
        &self,
        answers: &Answers,
        best_single: Option<&RankedPath>,
        max_parts: usize,
        settings: Option<Settings>,
    ) -> Portfolios {
        portfolio::portfolios(
            self.catalogue,
            &self.numbers,
            answers,
            best_single,
            max_parts,
            settings,
        )
    }

    /// `assess` with only the first `top` ranked paths explained and kept: the ranking comes
    /// from the same scores in the same order, and the exclusions and warnings are those of
    /// every path. For a stream that keeps a few paths of each line (`--top`). `scored` is room
    /// for the ranking (see `assess_person`).
    pub fn assess(&self, answers: &Answers, top: usize, scored: &mut Ranking) -> Assessment {
        let person = Person::new(
            &self.catalogue.criteria,
            Profile::new(&self.catalogue.criteria, answers),
        );
        self.assess_person(
            &person,
            (&answers.constraints, &answers.assumed),
            top,
            Explaining::Everything,
            scored,
        )
    }

    /// `assess`, for answers already in numbers: a stream's, which never become maps. `scored`
    /// is room for the ranking, kept from one person to the next.
    pub fn assess_person(
        &self,
        person: &Person,
        (given, assumed): (&Constraints, &[Assumption]),
        top: usize,
        explaining: Explaining,
        scored: &mut Ranking,
    ) -> Assessment {
        let mut assessment = self.assess_ranked(person, (given, assumed), top, explaining, scored);
        assessment.excluded = (self.ruled_out_by_id(scored).into_iter())
            .map(|index| self.exclusion(index, given))
            .collect();
        assessment
    }

    /// `assess_person` with `excluded` left empty: for a stream that writes the paths ruled out
    /// (`ruled_out_by_id`) from text it keeps.
    pub(crate) fn assess_ranked(
        &self,
        person: &Person,
        (given, assumed): (&Constraints, &[Assumption]),
        top: usize,
        explaining: Explaining,
        scored: &mut Ranking,
    ) -> Assessment {
        let criteria = &self.catalogue.criteria;
        self.rank_person(person, given, scored);
        let Ranking {
            kept,
            penalties,
            said,
            ..
        } = scored;
        let ranking: Vec<RankedPath> = kept
            .iter()
            .take(top)
            .enumerate()
            .map(|(place, quick)| {
                let (path, numbers) =
                    (&self.catalogue.paths[quick.path], &self.numbers[quick.path]);
                let mut ranked = explained(
                    criteria,
                    (path, numbers),
                    person,
                    (given, assumed),
                    &penalties[quick.path],
                    said.as_mut(),
                    explaining,
                );
                debug_assert_eq!(rank::key(ranked.score), rank::key(quick.score));
                ranked.rank = place + 1;
                ranked
            })
            .collect();
        let best = scored.first().map(|quick| {
            (
                self.catalogue.paths[quick.path].name.as_ref(),
                Band::of(quick.score, quick.conflicted),
            )
        });
        let warnings = warnings(criteria, &person.profile, given, assumed, best);
        Assessment {
            model_version: MODEL_VERSION,
            ranking,
            excluded: Vec::new(),
            assumed: assumed.to_vec(),
            warnings,
            robustness: None,
            portfolios: None,
        }
    }

    /// The paths `ranking` rules out, by index, in the order of their ids (as `excluded` has
    /// them).
    pub(crate) fn ruled_out_by_id(&self, ranking: &Ranking) -> Vec<usize> {
        let mut ruled_out = ranking.ruled_out.clone();
        ruled_out.sort_unstable_by_key(|&index| self.by_id[index]);
        ruled_out
    }

    /// Why path `index` is ruled out for a person with limits `given`, made from its cause
    /// alone (`exclusion_cause`), so that a stream may keep it by its cause.
    pub(crate) fn exclusion(&self, index: usize, given: &Constraints) -> Exclusion {
        let path = &self.catalogue.paths[index];
        let cause = self.exclusion_cause(index, given);
        exclusion(path, &self.numbers[index], &cause.limits(&path.id))
    }

    /// What of `given` rules path `index` out: the answers of the limits it fails, and whether
    /// it is excluded by name.
    pub(crate) fn exclusion_cause(&self, index: usize, given: &Constraints) -> ExclusionCause {
        let path = &self.catalogue.paths[index];
        let mut cause = ExclusionCause {
            excluded: score::excluded_by_name(given, &path.id),
            ..ExclusionCause::default()
        };
        for (limit, meeting) in score::meetings(given, &self.numbers[index]) {
            // A limit is unmet only when it is given.
            match (meeting, limit) {
                (Meeting::Unmet, score::Limit::Hours) => {
                    cause.hours_per_week = given.hours_per_week
                }
                (Meeting::Unmet, score::Limit::Runway) => cause.runway_months = given.runway_months,
                (Meeting::Unmet, score::Limit::Income) => {
                    cause.income = given.min_income.map(|floor| (floor, given.keeps_job))
                }
                _ => {}
            }
        }
        cause
    }

    /// The ranked paths, best first, as `assess` ranks them but without explanations; paths
    /// ruled out are left out. `ranking` is cleared and refilled, so that it can be reused.
    pub fn rank(&self, answers: &Answers, ranking: &mut Ranking) {
        let person = Person::new(
            &self.catalogue.criteria,
            Profile::new(&self.catalogue.criteria, answers),
        );
        self.rank_person(&person, &answers.constraints, ranking);
    }

    /// `rank`, for answers already in numbers.
    pub fn rank_person(
        &self,
        person: &Person,
        constraints: &crate::model::Constraints,
        ranking: &mut Ranking,
    ) {
        let criteria = &self.catalogue.criteria;
        // Worked out once for the person, not for each path (most people have none).
        let must_haves: Vec<usize> = score::must_haves(criteria, constraints).collect();
        let Ranking {
            kept,
            ruled_out,
            penalties,
            totals,
            ..
        } = ranking;
        kept.clear();
        ruled_out.clear();
        penalties.clear();
        for (index, (path, numbers)) in self.catalogue.paths.iter().zip(&self.numbers).enumerate() {
            let Some(limits) = score::penalties(criteria, &path.id, numbers, constraints) else {
                // Scored with the rest, then left out.
                penalties.push(Penalties::default());
                ruled_out.push(index);
                continue;
            };
            penalties.push(limits);
            kept.push(Quick {
                path: index,
                score: 0.0,
                conflicted: must_haves
                    .iter()
                    .any(|&goal| score::in_conflict(numbers, goal)),
                order: 0,
            });
        }
        // Every path is scored in one pass; those ruled out are not kept.
        self.table.totals(person, penalties, totals);
        for quick in kept.iter_mut() {
            quick.score = totals[quick.path];
            quick.order = rank::packed_key(quick.conflicted, quick.score, self.by_id[quick.path]);
        }
        kept.sort_unstable_by_key(|quick| quick.order);
    }
}

/// `assess`, then how far the ranking holds when the answers vary (see `robustness`).
pub fn assess_robustly(catalogue: &Catalogue, answers: &Answers, settings: Settings) -> Assessment {
    let mut assessment = assess(catalogue, answers);
    robustness(catalogue, answers, &mut assessment, settings);
    assessment
}

/// Scores one path with every term explained, or says which hard constraints rule it out.
pub fn score_path(
    criteria: &Criteria,
    path: &CareerPath,
    person: &Person,
    answers: &Answers,
) -> Result<RankedPath, Exclusion> {
    let numbers = PathNumbers::new(criteria, path);
    let given = &answers.constraints;
    let Some(penalties) = score::penalties(criteria, &path.id, &numbers, given) else {
        return Err(exclusion(path, &numbers, given));
    };
    Ok(explained(
        criteria,
        (path, &numbers),
        person,
        (given, &answers.assumed),
        &penalties,
        None,
        Explaining::Everything,
    ))
}

/// The fit of a path a limit rules out, as if its limits were lifted: for `compare` and `plan`,
/// which still show what the path would give.
pub fn score_ignoring_limits(
    criteria: &Criteria,
    path: &CareerPath,
    answers: &Answers,
) -> RankedPath {
    let person = Person::new(criteria, Profile::new(criteria, answers));
    let numbers = PathNumbers::new(criteria, path);
    explained(
        criteria,
        (path, &numbers),
        &person,
        (&answers.constraints, &answers.assumed),
        &score::Penalties::default(),
        None,
        Explaining::Everything,
    )
}

fn explained(
    criteria: &Criteria,
    (path, numbers): (&CareerPath, &PathNumbers),
    person: &Person,
    (given, assumed): (&Constraints, &[Assumption]),
    penalties: &score::Penalties,
    // Reasons' words kept from earlier paths, if worth keeping.
    said: Option<&mut explain::Said>,
    explaining: Explaining,
) -> RankedPath {
    let mut record = Record {
        criteria,
        given,
        numbers,
        contributions: Vec::with_capacity(criteria.skills.len() + criteria.goals.len() + 3),
    };
    score::score(numbers, person, penalties, &mut record);
    let contributions = record.contributions;
    let score = contributions.iter().map(|c| c.points).sum();
    let fit_points = |kind: Kind| -> f64 {
        contributions
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.points)
            .sum()
    };
    let share = |points: f64, weight: f64| {
        if weight > 0.0 {
            points / (100.0 * weight)
        } else {
            0.0
        }
    };
    let conflicts: Vec<Conflict> = score::conflicts(criteria, numbers, given)
        .map(|index| {
            explain::conflict(
                criteria,
                index,
                person.importance()[index],
                numbers.ratings()[index],
            )
        })
        .collect();
    let band = Band::of(score, !conflicts.is_empty());
    let reasons = match explaining {
        Explaining::Everything => explain::reasons(
            criteria,
            &contributions,
            &conflicts,
            (numbers, given),
            assumed,
            said,
        ),
        Explaining::WithoutReasons => Reasons::default(),
    };
    RankedPath {
        rank: 0,
        id: path.id.clone(),
        name: path.name.clone(),
        score,
        band,
        fit: Fit {
            skills: share(fit_points(Kind::Skill), criteria.weights.skills),
            goals: share(fit_points(Kind::Goal), criteria.weights.goals),
            penalty: penalties.total(),
        },
        conflicts,
        contributions,
        reasons,
        first_step: path.first_steps.first().cloned(),
        robustness: None,
    }
}

/// Records every term as a contribution.
struct Record<'a> {
    criteria: &'a Criteria,
    given: &'a Constraints,
    numbers: &'a PathNumbers,
    contributions: Vec<Contribution>,
}

impl Sink for Record<'_> {
    fn term(&mut self, term: Term, points: f64, possible: f64) {
        let (kind, criterion, answer, path) = match term {
            Term::Skill {
                index,
                level,
                demand,
            } => (
                Kind::Skill,
                &self.criteria.skills[index].id,
                Some(u64::from(level)),
                (demand > 0).then_some(u64::from(demand)),
            ),
            Term::Goal {
                index,
                importance,
                rating,
            } => (
                Kind::Goal,
                &self.criteria.goals[index].id,
                Some(u64::from(importance)),
                Some(u64::from(rating)),
            ),
            Term::Limit { limit, .. } => {
                let (answer, path) = limit.values(self.given, self.numbers);
                self.contributions.push(Contribution {
                    kind: Kind::Constraint,
                    criterion: CriterionId::const_new(limit.id()),
                    points,
                    possible,
                    lost: possible - points,
                    answer,
                    path: Some(path),
                });
                return;
            }
        };
        self.contributions.push(Contribution {
            kind,
            criterion: CriterionId::new(criterion),
            points,
            possible,
            lost: possible - points,
            answer,
            path,
        });
    }
}

/// The answers a path's exclusion is made from (see `Prepared::exclusion_cause`): those of each
/// limit it fails (`None` for a limit it meets), and whether the person excludes it by name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct ExclusionCause {
    hours_per_week: Option<u32>,
    runway_months: Option<u32>,
    /// The income floor and `keeps_job`.
    income: Option<(u64, Option<bool>)>,
    excluded: bool,
}

impl ExclusionCause {
    /// Limits that rule path `id` out for this cause and no other: only the limits it fails.
    fn limits(&self, id: &str) -> Constraints {
        Constraints {
            hours_per_week: self.hours_per_week,
            runway_months: self.runway_months,
            min_income: self.income.map(|(floor, _)| floor),
            keeps_job: self.income.and_then(|(_, keeps_job)| keeps_job),
            exclude: self.excluded.then(|| id.to_string()).into_iter().collect(),
            ..Constraints::default()
        }
    }
}

fn exclusion(path: &CareerPath, numbers: &PathNumbers, given: &Constraints) -> Exclusion {
    // Room for the usual one or two constraints, so that neither grows as it is made.
    let mut constraints = Vec::with_capacity(2);
    // One clause per constraint, joined by `; `: room for the longest two.
    let mut reason = String::with_capacity(192);
    let mut begin_clause = |reason: &mut String, constraint: &str| {
        if !reason.is_empty() {
            reason.push_str("; ");
        }
        constraints.push(constraint.to_string());
    };
    let meetings = score::meetings(given, numbers);
    for (limit, meeting) in meetings {
        if meeting == Meeting::Unmet {
            begin_clause(&mut reason, limit.id());
            explain::write_limit_clause(&mut reason, limit, meeting, numbers, given);
        }
    }
    if score::excluded_by_name(given, &path.id) {
        begin_clause(&mut reason, "exclude");
        reason.push_str(explain::RULED_OUT);
    }
    Exclusion {
        id: path.id.to_string(),
        name: path.name.to_string(),
        constraints,
        reason,
        unmet: explain::unmet(meetings, numbers, given),
    }
}

/// Strategies for the engine's property tests, sized to the built-in criteria.
#[cfg(test)]
pub(crate) mod arbitrary {
    use proptest::prelude::*;

    /// The built-in catalogue's skills and goals.
    const SKILLS: usize = 9;
    const GOALS: usize = 8;

    /// A path's demand of each skill (0: none).
    pub fn demands() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(0..=5u8, SKILLS)
    }

    /// A path's rating of each goal.
    pub fn ratings() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(1..=5u8, GOALS)
    }

    /// A person's level in each skill.
    pub fn levels() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(1..=5u8, SKILLS)
    }

    /// How much each goal matters to a person.
    pub fn importance() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(1..=5u8, GOALS)
    }

    #[test]
    fn sized_to_the_built_in_criteria() {
        let criteria = crate::catalogue::load(&[crate::catalogue::Origin::BuiltIn])
            .expect("the built-in catalogue loads")
            .catalogue
            .criteria;
        assert_eq!(
            (criteria.skills.len(), criteria.goals.len()),
            (SKILLS, GOALS)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A ranking's room kept from person to person (the reasons' words among it) changes
        /// nothing: each person is explained as with fresh room.
        #[test]
        fn room_kept_from_person_to_person_changes_no_explanation(
            people in proptest::collection::vec(
                (
                    arbitrary::levels(),
                    arbitrary::importance(),
                    proptest::collection::vec(proptest::bool::ANY, 9),
                    proptest::option::of(0..60u32),
                ),
                1..6,
            ),
        ) {
            let catalogue = crate::catalogue::load(&[crate::catalogue::Origin::BuiltIn])
                .expect("the built-in catalogue loads")
                .catalogue;
            let prepared = Prepared::new(&catalogue);
            let mut kept = Ranking::keeping_words();
            for (levels, importance, assumed, hours) in people {
                let assumed: Vec<Assumption> = catalogue
                    .criteria
                    .skills
                    .iter()
                    .zip(&assumed)
                    .zip(&levels)
                    .filter(|((_, assumed), _)| **assumed)
                    .map(|((skill, _), &value)| Assumption {
                        key: format!("skills.{}", skill.id),
                        value,
                    })
                    .collect();
                let person = Person::new(&catalogue.criteria, Profile { levels, importance });
                let given = Constraints {
                    hours_per_week: hours,
                    ..Constraints::default()
                };
                let everything = Explaining::Everything;
                let again =
                    prepared.assess_person(&person, (&given, &assumed), 5, everything, &mut kept);
                let fresh = prepared.assess_person(
                    &person,
                    (&given, &assumed),
                    5,
                    everything,
                    &mut Ranking::default(),
                );
                proptest::prop_assert_eq!(again, fresh);
            }
        }

        /// A path's exclusion made from its cause alone is the one made from all the person's
        /// limits: what lets a stream keep it by its cause. The limits come from a few values
        /// each, so that every kind of clause comes up.
        #[test]
        fn an_exclusion_made_from_its_cause_is_the_one_made_from_every_limit(
            limits in proptest::collection::vec(
                (
                    proptest::option::of(proptest::sample::select(vec![0u32, 5, 10, 20, 40, 60])),
                    proptest::option::of(proptest::sample::select(vec![0u32, 3, 6, 12, 24])),
                    proptest::option::of(proptest::sample::select(vec![0u64, 90_000, 200_000, 600_000])),
                    proptest::option::of(proptest::bool::ANY),
                    proptest::bool::ANY,
                ),
                1..12,
            ),
        ) {
            let catalogue = crate::catalogue::load(&[crate::catalogue::Origin::BuiltIn])
                .expect("the built-in catalogue loads")
                .catalogue;
            let prepared = Prepared::new(&catalogue);
            let people: Vec<Constraints> = limits
                .into_iter()
                .map(|(hours, runway, income, keeps_job, exclude_first)| Constraints {
                    hours_per_week: hours,
                    runway_months: runway,
                    min_income: income,
                    keeps_job,
                    exclude: exclude_first
                        .then(|| catalogue.paths[0].id.to_string())
                        .into_iter()
                        .collect(),
                    ..Constraints::default()
                })
                .collect();
            for (index, path) in catalogue.paths.iter().enumerate() {
                for given in &people {
                    proptest::prop_assert_eq!(
                        prepared.exclusion(index, given),
                        exclusion(path, &prepared.numbers[index], given)
                    );
                }
            }
        }
    }
}
