//! The scoring engine: plain data in, a ranked and explained assessment out. No I/O.
//!
//! For each path, with `W_s` and `W_g` the criteria's weights:
//!
//! ```text
//! skill_fit = Σ_k min(level_k, demand_k) / Σ_k demand_k        (over the skills the path demands)
//! goal_fit  = Σ_g importance_g × rating_g / Σ_g 5 × importance_g
//! fit       = W_s × skill_fit + W_g × goal_fit                   (0 to 1)
//! score     = 100 × fit × (1 − Σ_c penalty_c)                    (0 to 100)
//! ```
//!
//! A constraint the path cannot meet at all excludes it; one it meets only partly takes off a
//! `penalty_c` that grows with the shortfall up to the criteria's cap. The score is reported as
//! one contribution per criterion: `100 × W_s × min(level, demand) / Σ demand` per skill,
//! `100 × W_g × importance × rating / Σ 5 × importance` per goal and `−100 × fit × penalty_c`
//! per constraint. They add up to the score.

mod compare;
mod explain;
mod plan;
mod robustness;

pub use compare::{Comparison, Difference, Side, compare};
pub use explain::{Reason, Reasons, usd};
pub use plan::{Gap, Plan, date, days, plan};
pub use robustness::{
    DEFAULT_SAMPLES, DEFAULT_SEED, Flip, Robustness, Settings, Stability, robustness,
};

use crate::model::{
    Answers, Assumption, CareerPath, Catalogue, Criteria, IncomeRange, Kind, NEUTRAL_RATING, Need,
    RATING_MAX, Weights,
};
use serde::Serialize;

/// The outcome of scoring every path of a catalogue against one person's answers.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Assessment {
    /// Best first; ties are broken by id, so the order never depends on the catalogue's order.
    pub ranking: Vec<RankedPath>,
    /// Paths a hard constraint ruled out, by id.
    pub excluded: Vec<Exclusion>,
    /// Answers that were missing and filled in with the criterion's default.
    pub assumed: Vec<Assumption>,
    /// How far the ranking can be trusted; absent only where it was not asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robustness: Option<Robustness>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RankedPath {
    pub rank: usize,
    pub id: String,
    pub name: String,
    /// 0 to 100; the sum of `contributions[].points`.
    pub score: f64,
    pub fit: Fit,
    pub contributions: Vec<Contribution>,
    pub reasons: Reasons,
    pub first_step: Option<String>,
    /// How often this path comes first, and its likely rank range, as answers vary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robustness: Option<Stability>,
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

/// What one criterion adds to (or, for a constraint, takes from) a path's score.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Contribution {
    pub kind: Kind,
    pub criterion: String,
    /// Points this criterion adds to the score; negative for a constraint that costs points.
    pub points: f64,
    /// The most this criterion could have added with the best possible answer.
    pub possible: f64,
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
}

/// Scores every path and ranks them.
pub fn assess(catalogue: &Catalogue, answers: &Answers) -> Assessment {
    let mut ranking = Vec::new();
    let mut excluded = Vec::new();
    for path in &catalogue.paths {
        match score_path(&catalogue.criteria, path, answers) {
            Ok(ranked) => ranking.push(ranked),
            Err(exclusion) => excluded.push(exclusion),
        }
    }
    ranking.sort_by(|a, b| {
        rank_key(b.score)
            .cmp(&rank_key(a.score))
            .then_with(|| a.id.cmp(&b.id))
    });
    for (index, ranked) in ranking.iter_mut().enumerate() {
        ranked.rank = index + 1;
    }
    excluded.sort_by(|a, b| a.id.cmp(&b.id));
    Assessment {
        ranking,
        excluded,
        assumed: answers.assumed.clone(),
        robustness: None,
    }
}

/// A catalogue made ready for scoring many people: each path as plain numbers, worked out once.
pub struct Prepared<'a> {
    catalogue: &'a Catalogue,
    demands: Vec<Demands>,
}

/// One path's place for one person, without explanations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quick {
    /// The path's index in the catalogue.
    pub path: usize,
    pub score: f64,
}

impl<'a> Prepared<'a> {
    pub fn new(catalogue: &'a Catalogue) -> Prepared<'a> {
        let demands = catalogue
            .paths
            .iter()
            .map(|path| Demands::new(&catalogue.criteria, path))
            .collect();
        Prepared { catalogue, demands }
    }

    /// The ranked paths, best first, as `assess` ranks them but without explanations; paths
    /// ruled out are left out. `ranking` is cleared and refilled, so that it can be reused.
    pub fn rank(&self, answers: &Answers, ranking: &mut Vec<Quick>) {
        let profile = Profile::new(&self.catalogue.criteria, answers);
        self.rank_profile(&profile, &answers.constraints, ranking);
    }

    /// `rank`, for answers already in numbers.
    pub fn rank_profile(
        &self,
        profile: &Profile,
        constraints: &crate::model::Constraints,
        ranking: &mut Vec<Quick>,
    ) {
        let criteria = &self.catalogue.criteria;
        ranking.clear();
        for (index, (path, demands)) in self.catalogue.paths.iter().zip(&self.demands).enumerate() {
            if let Some(penalty) = penalty(criteria, path, constraints) {
                ranking.push(Quick {
                    path: index,
                    score: demands.score(criteria.weights, profile, penalty),
                });
            }
        }
        // Paths are sorted by id, so ties by index are ties by id, as in `assess`.
        ranking.sort_by(|a, b| {
            rank_key(b.score)
                .cmp(&rank_key(a.score))
                .then(a.path.cmp(&b.path))
        });
    }
}

/// What scores are ranked by: the score to nine decimals. Two ways of adding up the same score
/// (its contributions, or its fit) can differ in the last bits; rounding makes them rank alike,
/// with ties broken by id.
pub(crate) fn rank_key(score: f64) -> i64 {
    // Scores run from 0 to 100: at most 1e11, well within an i64.
    (score * 1e9).round() as i64
}

/// `assess`, then how far the ranking holds when the answers vary (see `robustness`).
pub fn assess_robustly(catalogue: &Catalogue, answers: &Answers, settings: Settings) -> Assessment {
    let mut assessment = assess(catalogue, answers);
    robustness(catalogue, answers, &mut assessment, settings);
    assessment
}

/// Scores one path, or says which hard constraints rule it out.
pub fn score_path(
    criteria: &Criteria,
    path: &CareerPath,
    answers: &Answers,
) -> Result<RankedPath, Exclusion> {
    let limits = constraint_outcomes(criteria, path, answers);
    let ruled_out: Vec<&ConstraintOutcome> =
        limits.iter().filter(|outcome| outcome.excluded).collect();
    if !ruled_out.is_empty() {
        return Err(Exclusion {
            id: path.id.clone(),
            name: path.name.clone(),
            constraints: ruled_out.iter().map(|o| o.id.to_string()).collect(),
            reason: ruled_out
                .iter()
                .map(|o| o.clause.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        });
    }

    let mut contributions = skill_contributions(criteria, path, answers);
    let skill_points: f64 = contributions.iter().map(|c| c.points).sum();
    let goal_contributions = goal_contributions(criteria, path, answers);
    let goal_points: f64 = goal_contributions.iter().map(|c| c.points).sum();
    contributions.extend(goal_contributions);

    let fit_points = skill_points + goal_points;
    let penalty: f64 = limits.iter().map(|o| o.penalty).sum();
    contributions.extend(
        limits
            .iter()
            .filter(|o| o.id != "exclude")
            .map(|o| Contribution {
                kind: Kind::Constraint,
                criterion: o.id.to_string(),
                // Written so that a constraint that costs nothing shows 0, not -0.
                points: if o.penalty > 0.0 {
                    -fit_points * o.penalty
                } else {
                    0.0
                },
                possible: 0.0,
                answer: o.answer,
                path: o.path,
            }),
    );
    let score = contributions.iter().map(|c| c.points).sum();
    let reasons = explain::reasons(criteria, &contributions, &limits, &answers.assumed);

    Ok(RankedPath {
        rank: 0,
        id: path.id.clone(),
        name: path.name.clone(),
        score,
        fit: {
            let (demands, profile) = (
                Demands::new(criteria, path),
                Profile::new(criteria, answers),
            );
            Fit {
                skills: demands.skill_fit(&profile),
                goals: demands.goal_fit(&profile),
                penalty,
            }
        },
        contributions,
        reasons,
        first_step: path.first_steps.first().cloned(),
        robustness: None,
    })
}

/// A person's answers as numbers in the criteria's order: skill levels and goal importance, with
/// defaults where none was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub levels: Vec<u8>,
    pub importance: Vec<u8>,
}

impl Profile {
    pub fn new(criteria: &Criteria, answers: &Answers) -> Profile {
        let values = |list: &[crate::model::Criterion],
                      given: &std::collections::BTreeMap<String, u8>| {
            list.iter()
                .map(|c| given.get(&c.id).copied().unwrap_or(c.default))
                .collect()
        };
        Profile {
            levels: values(&criteria.skills, &answers.skills),
            importance: values(&criteria.goals, &answers.goals),
        }
    }
}

/// A path as numbers in the criteria's order: the level it demands of each skill (0: not
/// needed) and its rating of each goal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Demands {
    pub demands: Vec<u8>,
    pub ratings: Vec<u8>,
}

impl Demands {
    pub fn new(criteria: &Criteria, path: &CareerPath) -> Demands {
        Demands {
            demands: criteria
                .skills
                .iter()
                .map(|s| path.demands.get(&s.id).copied().unwrap_or(0))
                .collect(),
            ratings: criteria
                .goals
                .iter()
                .map(|g| path.gives.get(&g.id).copied().unwrap_or(NEUTRAL_RATING))
                .collect(),
        }
    }

    /// `Σ min(level, demand) / Σ demand` over the skills demanded, in whole numbers so that a
    /// full match is exactly 1.
    pub fn skill_fit(&self, profile: &Profile) -> f64 {
        let (met, demanded) = self.demands.iter().zip(&profile.levels).fold(
            (0u32, 0u32),
            |(met, demanded), (&demand, &level)| {
                (
                    met + u32::from(level.min(demand)),
                    demanded + u32::from(demand),
                )
            },
        );
        if demanded == 0 {
            0.0
        } else {
            f64::from(met) / f64::from(demanded)
        }
    }

    /// `Σ importance × rating / Σ 5 × importance`, in whole numbers too.
    pub fn goal_fit(&self, profile: &Profile) -> f64 {
        let (got, best) = self.ratings.iter().zip(&profile.importance).fold(
            (0u32, 0u32),
            |(got, best), (&rating, &importance)| {
                let importance = u32::from(importance);
                (
                    got + importance * u32::from(rating),
                    best + importance * u32::from(RATING_MAX),
                )
            },
        );
        if best == 0 {
            0.0
        } else {
            f64::from(got) / f64::from(best)
        }
    }

    /// The score from the fit and the constraints' penalty: what `score_path` reports as the sum
    /// of the contributions, without them, for scoring many variations fast.
    pub fn score(&self, weights: Weights, profile: &Profile, penalty: f64) -> f64 {
        let fit = weights.skills * self.skill_fit(profile) + weights.goals * self.goal_fit(profile);
        100.0 * fit * (1.0 - penalty)
    }
}

fn skill_contributions(
    criteria: &Criteria,
    path: &CareerPath,
    answers: &Answers,
) -> Vec<Contribution> {
    let total_demand: f64 = criteria
        .skills
        .iter()
        .filter_map(|skill| path.demands.get(&skill.id))
        .map(|&demand| f64::from(demand))
        .sum();
    // `validate` rejects a path that demands no skill; should one get here, its skill fit is 0.
    let weight = 100.0 * criteria.weights.skills;
    criteria
        .skills
        .iter()
        .map(|skill| {
            let level = answers
                .skills
                .get(&skill.id)
                .copied()
                .unwrap_or(skill.default);
            let demand = path.demands.get(&skill.id).copied();
            let (points, possible) = match demand {
                Some(demand) if total_demand > 0.0 => (
                    weight * f64::from(level.min(demand)) / total_demand,
                    weight * f64::from(demand) / total_demand,
                ),
                _ => (0.0, 0.0),
            };
            Contribution {
                kind: Kind::Skill,
                criterion: skill.id.clone(),
                points,
                possible,
                answer: Some(u64::from(level)),
                path: demand.map(u64::from),
            }
        })
        .collect()
}

fn goal_contributions(
    criteria: &Criteria,
    path: &CareerPath,
    answers: &Answers,
) -> Vec<Contribution> {
    let importance_of = |id: &str, default: u8| answers.goals.get(id).copied().unwrap_or(default);
    let total_importance: f64 = criteria
        .goals
        .iter()
        .map(|goal| f64::from(importance_of(&goal.id, goal.default)))
        .sum();
    let weight = 100.0 * criteria.weights.goals;
    let best = f64::from(RATING_MAX);
    criteria
        .goals
        .iter()
        .map(|goal| {
            let importance = importance_of(&goal.id, goal.default);
            let rating = path.gives.get(&goal.id).copied().unwrap_or(NEUTRAL_RATING);
            let (points, possible) = if total_importance > 0.0 {
                (
                    weight * f64::from(importance) * f64::from(rating) / (best * total_importance),
                    weight * f64::from(importance) / total_importance,
                )
            } else {
                (0.0, 0.0)
            };
            Contribution {
                kind: Kind::Goal,
                criterion: goal.id.clone(),
                points,
                possible,
                answer: Some(u64::from(importance)),
                path: Some(u64::from(rating)),
            }
        })
        .collect()
}

/// How one constraint meets one path: not at all (excluded), partly (a penalty) or fully.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConstraintOutcome {
    pub id: &'static str,
    pub excluded: bool,
    /// Share of the fit taken away, 0 when met or excluded.
    pub penalty: f64,
    pub answer: Option<u64>,
    pub path: Option<u64>,
    /// Why it excludes or costs points, in words; empty when met.
    pub clause: String,
}

fn constraint_outcomes(
    criteria: &Criteria,
    path: &CareerPath,
    answers: &Answers,
) -> Vec<ConstraintOutcome> {
    let given = &answers.constraints;
    let realities = &path.realities;
    let caps = &criteria.penalties;
    vec![
        need_outcome(
            "hours_per_week",
            given.hours_per_week,
            realities.hours_per_week,
            caps.hours_per_week,
            ("hours a week", "you can give"),
        ),
        need_outcome(
            "runway_months",
            given.runway_months,
            realities.runway_months,
            caps.runway_months,
            ("months of savings", "you have"),
        ),
        income_outcome(given.min_income, realities.income_usd, caps.min_income),
        ConstraintOutcome {
            id: "exclude",
            excluded: given.exclude.contains(&path.id),
            penalty: 0.0,
            answer: None,
            path: None,
            clause: "you ruled it out".to_string(),
        },
    ]
}

/// How one limit meets what a path needs.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Meeting {
    /// No limit set, or the path's typical need is met.
    Met,
    /// Partly met: the shortfall as a share (0 to 1] of the room between minimum and typical.
    Short(f64),
    /// Below the path's minimum: the path is ruled out.
    Unmet,
}

/// Hours and runway: below the path's minimum excludes it; between minimum and typical costs a
/// share of the cap that grows linearly with the shortfall.
fn meet_need(given: Option<u32>, need: Need) -> Meeting {
    match given {
        None => Meeting::Met,
        Some(given) if given < need.min => Meeting::Unmet,
        Some(given) if given < need.typical => {
            Meeting::Short(f64::from(need.typical - given) / f64::from(need.typical - need.min))
        }
        Some(_) => Meeting::Met,
    }
}

/// Income: a floor above the top of the path's range excludes it; a floor inside the range costs a
/// share of the cap that grows with how far up the range it sits.
fn meet_income(floor: Option<u64>, range: IncomeRange) -> Meeting {
    match floor {
        Some(floor) if floor > range.high => Meeting::Unmet,
        // Lossless for any income below 2^53 USD, far above the allowed maximum.
        Some(floor) if floor > range.low => {
            Meeting::Short((floor - range.low) as f64 / (range.high - range.low) as f64)
        }
        _ => Meeting::Met,
    }
}

/// The share of a path's fit its limits take away, or `None` when one rules it out: what
/// `score_path` works out with its explanations, without them, for scoring many people fast.
pub(crate) fn penalty(
    criteria: &Criteria,
    path: &CareerPath,
    given: &crate::model::Constraints,
) -> Option<f64> {
    if given.exclude.contains(&path.id) {
        return None;
    }
    let caps = &criteria.penalties;
    let realities = &path.realities;
    [
        (
            meet_need(given.hours_per_week, realities.hours_per_week),
            caps.hours_per_week,
        ),
        (
            meet_need(given.runway_months, realities.runway_months),
            caps.runway_months,
        ),
        (
            meet_income(given.min_income, realities.income_usd),
            caps.min_income,
        ),
    ]
    .into_iter()
    .try_fold(0.0, |total, (meeting, cap)| match meeting {
        Meeting::Met => Some(total),
        Meeting::Short(share) => Some(total + cap * share),
        Meeting::Unmet => None,
    })
}

fn need_outcome(
    id: &'static str,
    given: Option<u32>,
    need: Need,
    cap: f64,
    (unit, you): (&str, &str),
) -> ConstraintOutcome {
    let mut outcome = ConstraintOutcome {
        id,
        excluded: false,
        penalty: 0.0,
        answer: given.map(u64::from),
        path: Some(u64::from(need.typical)),
        clause: String::new(),
    };
    let (Some(given), meeting) = (given, meet_need(given, need)) else {
        return outcome;
    };
    match meeting {
        Meeting::Met => {}
        Meeting::Unmet => {
            outcome.excluded = true;
            outcome.clause = format!("needs at least {} {unit}; {you} {given}", need.min);
        }
        Meeting::Short(share) => {
            outcome.penalty = cap * share;
            outcome.clause = format!("usually takes {} {unit}; {you} {given}", need.typical);
        }
    }
    outcome
}

fn income_outcome(floor: Option<u64>, range: IncomeRange, cap: f64) -> ConstraintOutcome {
    let mut outcome = ConstraintOutcome {
        id: "min_income",
        excluded: false,
        penalty: 0.0,
        answer: floor,
        path: Some(range.low),
        clause: String::new(),
    };
    let (Some(floor), meeting) = (floor, meet_income(floor, range)) else {
        return outcome;
    };
    let usd = explain::usd;
    match meeting {
        Meeting::Met => {}
        Meeting::Unmet => {
            outcome.excluded = true;
            outcome.clause = format!(
                "pays up to {} a year; you need {}",
                usd(range.high),
                usd(floor)
            );
        }
        Meeting::Short(share) => {
            outcome.penalty = cap * share;
            outcome.clause = format!(
                "pays {} to {} a year; you need {}",
                usd(range.low),
                usd(range.high),
                usd(floor)
            );
        }
    }
    outcome
}
