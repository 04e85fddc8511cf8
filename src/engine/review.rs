//! What changed between two sets of answers (a journal entry's and today's): which answers
//! moved, how each path's rank and score moved, and which answer changes caused those moves,
//! split exactly (see `attribution`). Also how well a person's stated confidence has matched
//! what came true. Pure: answers and catalogue in, plain data out.

use super::attribution::{self, Method};
use super::explain_journal as words;
use super::rank::{self, Band};
use super::{Prepared, Ranking, assess};
use crate::model::{Answers, Catalogue, Criteria};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Everything that moved between two sets of answers.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Review {
    /// The answers that changed, in the questionnaire's order (skills, goals, then limits).
    pub changes: Vec<AnswerChange>,
    /// Every path ranked or ruled out either time, in today's order (then those ruled out now).
    pub paths: Vec<PathMove>,
    /// The largest moves of a path's score that one answer change caused, largest first (at
    /// most five; moves under 0.05 points are left out).
    pub largest: Vec<Cause>,
    /// How the parts were found: `shapley` (exact, up to ten changes) or `sequential` (changes
    /// made one after the other in the questionnaire's order: skills, goals, then limits). Either
    /// way they add up exactly.
    pub attribution: Method,
    /// The finding in words.
    pub summary: String,
}

/// One answer that changed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AnswerChange {
    /// The answers-file key: `skills.selling`, `constraints.hours_per_week`.
    pub key: String,
    /// The question's name: `Selling`, `Hours a week`.
    pub name: String,
    /// The answer before and now, as in an answers file (`null`: no limit, not said).
    pub from: serde_json::Value,
    pub to: serde_json::Value,
    /// `Selling: 3 → 5`.
    pub text: String,
}

/// How one path moved.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PathMove {
    pub id: String,
    pub name: String,
    /// Its rank before and now; `null` when ruled out by a limit.
    pub rank_before: Option<usize>,
    pub rank_after: Option<usize>,
    pub score_before: Option<f64>,
    pub score_after: Option<f64>,
    pub band_before: Option<Band>,
    pub band_after: Option<Band>,
    /// `score_after − score_before`, a path ruled out counting as 0 points.
    pub points: f64,
    /// What each changed answer contributed to `points`, in the order of `changes`; they add up
    /// to `points`.
    pub parts: Vec<Part>,
    pub text: String,
}

/// The share of a path's move one answer change caused.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Part {
    /// The changed answer's key.
    pub key: String,
    pub points: f64,
}

/// One answer change and the move it caused in one path's score.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Cause {
    pub key: String,
    pub path: String,
    pub points: f64,
    pub text: String,
}

/// How many causes `largest` keeps.
const LARGEST: usize = 5;

/// What changed from `before` to `after`, both scored against today's catalogue.
pub fn review(catalogue: &Catalogue, before: &Answers, after: &Answers) -> Review {
    let criteria = &catalogue.criteria;
    let changes = changed(criteria, before, after);
    let old = assess(catalogue, before);
    let new = assess(catalogue, after);

    // The score of every path (0 when ruled out) with any subset of the changes made.
    let prepared = Prepared::new(catalogue);
    let mut memo: HashMap<u64, Vec<f64>> = HashMap::new();
    let mut ranking = Ranking::default();
    let mut scores_with = |made: u64| -> Vec<f64> {
        memo.entry(made)
            .or_insert_with(|| {
                let mut answers = before.clone();
                for (index, change) in changes.iter().enumerate() {
                    if made & (1 << index) != 0 {
                        change.field.apply(&mut answers, after);
                    }
                }
                prepared.rank(&answers, &mut ranking);
                let mut scores = vec![0.0; catalogue.paths.len()];
                for quick in ranking.iter() {
                    scores[quick.path] = quick.score;
                }
                scores
            })
            .clone()
    };
    let mut method = Method::Shapley;
    let mut path_parts: Vec<Vec<f64>> = Vec::with_capacity(catalogue.paths.len());
    for index in 0..catalogue.paths.len() {
        let (parts, how) = attribution::attribute(changes.len(), |made| scores_with(made)[index]);
        method = how;
        path_parts.push(parts);
    }

    let place = |assessment: &super::Assessment, id: &str| {
        assessment
            .ranking
            .iter()
            .find(|ranked| ranked.id == id)
            .map(|ranked| (ranked.rank, ranked.score, ranked.band))
    };
    let mut paths: Vec<PathMove> = catalogue
        .paths
        .iter()
        .zip(&path_parts)
        .map(|(path, parts)| {
            let before = place(&old, &path.id);
            let after = place(&new, &path.id);
            let points = after.map_or(0.0, |a| a.1) - before.map_or(0.0, |b| b.1);
            let parts: Vec<Part> = changes
                .iter()
                .zip(parts)
                .map(|(change, &points)| Part {
                    key: change.public.key.clone(),
                    points,
                })
                .collect();
            PathMove {
                text: words::path_move(&path.name, before, after),
                id: path.id.to_string(),
                name: path.name.to_string(),
                rank_before: before.map(|b| b.0),
                rank_after: after.map(|a| a.0),
                score_before: before.map(|b| b.1),
                score_after: after.map(|a| a.1),
                band_before: before.map(|b| b.2),
                band_after: after.map(|a| a.2),
                points,
                parts,
            }
        })
        .filter(|moved| moved.rank_before.is_some() || moved.rank_after.is_some())
        .collect();
    paths.sort_by_key(|moved| {
        (
            moved.rank_after.unwrap_or(usize::MAX),
            moved.rank_before.unwrap_or(usize::MAX),
        )
    });

    let by_key: HashMap<&str, &AnswerChange> = changes
        .iter()
        .map(|c| (c.public.key.as_str(), &c.public))
        .collect();
    let mut largest: Vec<Cause> = paths
        .iter()
        .flat_map(|moved| {
            moved.parts.iter().map(|part| Cause {
                text: words::cause(by_key[part.key.as_str()], &moved.name, part.points),
                key: part.key.clone(),
                path: moved.id.clone(),
                points: part.points,
            })
        })
        .filter(|cause| !rank::negligible(cause.points))
        .collect();
    largest.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    largest.truncate(LARGEST);

    let public: Vec<AnswerChange> = changes.into_iter().map(|c| c.public).collect();
    let summary = words::review_summary(&public, &paths, largest.first());
    Review {
        changes: public,
        paths,
        largest,
        attribution: method,
        summary,
    }
}

/// A changed answer, and which field of the answers it is.
struct Changed {
    public: AnswerChange,
    field: Field,
}

#[derive(Debug, Clone)]
enum Field {
    Skill(String),
    Goal(String),
    Hours,
    Runway,
    Income,
    Exclude,
    MustHave,
    KeepsJob,
}

impl Field {
    /// Makes this one answer of `answers` what it is in `after`.
    fn apply(&self, answers: &mut Answers, after: &Answers) {
        let copy = |to: &mut BTreeMap<String, u8>, from: &BTreeMap<String, u8>, id: &str| {
            match from.get(id) {
                Some(value) => to.insert(id.to_string(), *value),
                None => to.remove(id),
            };
        };
        let (to, from) = (&mut answers.constraints, &after.constraints);
        match self {
            Field::Skill(id) => copy(&mut answers.skills, &after.skills, id),
            Field::Goal(id) => copy(&mut answers.goals, &after.goals, id),
            Field::Hours => to.hours_per_week = from.hours_per_week,
            Field::Runway => to.runway_months = from.runway_months,
            Field::Income => to.min_income = from.min_income,
            Field::Exclude => to.exclude = from.exclude.clone(),
            Field::MustHave => to.must_have = from.must_have.clone(),
            Field::KeepsJob => to.keeps_job = from.keeps_job,
        }
    }
}

/// The answers that differ, in the questionnaire's order: skills and goals in the criteria's
/// order, then the constraints.
fn changed(criteria: &Criteria, before: &Answers, after: &Answers) -> Vec<Changed> {
    let mut changes = Vec::new();
    let mut push =
        |key: String, name: &str, from: serde_json::Value, to: serde_json::Value, field| {
            if from != to {
                changes.push(Changed {
                    public: AnswerChange {
                        text: words::answer_change(name, &from, &to),
                        key,
                        name: name.to_string(),
                        from,
                        to,
                    },
                    field,
                });
            }
        };
    let level = |map: &BTreeMap<String, u8>, id: &str, default: u8| {
        serde_json::json!(map.get(id).copied().unwrap_or(default))
    };
    for skill in &criteria.skills {
        push(
            format!("skills.{}", skill.id),
            &skill.name,
            level(&before.skills, &skill.id, skill.default),
            level(&after.skills, &skill.id, skill.default),
            Field::Skill(skill.id.to_string()),
        );
    }
    for goal in &criteria.goals {
        push(
            format!("goals.{}", goal.id),
            &goal.name,
            level(&before.goals, &goal.id, goal.default),
            level(&after.goals, &goal.id, goal.default),
            Field::Goal(goal.id.to_string()),
        );
    }
    let texts = &criteria.constraints;
    let (b, a) = (&before.constraints, &after.constraints);
    for (id, name, from, to, field) in [
        (
            "hours_per_week",
            &texts.hours_per_week.name,
            json(&b.hours_per_week),
            json(&a.hours_per_week),
            Field::Hours,
        ),
        (
            "runway_months",
            &texts.runway_months.name,
            json(&b.runway_months),
            json(&a.runway_months),
            Field::Runway,
        ),
        (
            "min_income",
            &texts.min_income.name,
            json(&b.min_income),
            json(&a.min_income),
            Field::Income,
        ),
        (
            "exclude",
            &texts.exclude.name,
            json(&b.exclude),
            json(&a.exclude),
            Field::Exclude,
        ),
        (
            "must_have",
            &texts.must_have.name,
            json(&b.must_have),
            json(&a.must_have),
            Field::MustHave,
        ),
        (
            "keeps_job",
            &texts.keeps_job.name,
            json(&b.keeps_job),
            json(&a.keeps_job),
            Field::KeepsJob,
        ),
    ] {
        push(format!("constraints.{id}"), name, from, to, field);
    }
    changes
}

/// An answer as it stands in an answers file.
fn json(value: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(value).expect("answers serialize to JSON")
}

/// What happened by a decision's review date, as the person judges it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// What was expected came true.
    Expected,
    /// Part of it did; it counts half.
    Partly,
    /// It did not.
    Not,
}

impl Outcome {
    /// How much of the prediction came true: 1, ½ or 0.
    pub fn truth(self) -> f64 {
        match self {
            Outcome::Expected => 1.0,
            Outcome::Partly => 0.5,
            Outcome::Not => 0.0,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Outcome::Expected => "as expected",
            Outcome::Partly => "partly",
            Outcome::Not => "not as expected",
        }
    }
}

/// Fewer scored predictions than this are too few to judge calibration by.
pub const CALIBRATION_MIN: usize = 10;
/// Stated and actual within this many points count as well calibrated.
const CALIBRATED_WITHIN: f64 = 10.0;

/// How well stated confidence has matched what came true.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Calibration {
    /// Predictions with an outcome.
    pub scored: usize,
    /// The average confidence stated, in percent; `null` with none scored.
    pub said: Option<f64>,
    /// The share that came true, in percent (partly counts half); `null` with none scored.
    pub came_true: Option<f64>,
    /// The mean squared gap between confidence and outcome (0 is perfect; always saying 50 %
    /// scores 0.25); `null` with none scored.
    pub brier: Option<f64>,
    /// Whether there are enough (`CALIBRATION_MIN`, 10) to judge by.
    pub enough: bool,
    pub text: String,
}

/// Calibration from `(confidence in percent, outcome)` pairs.
pub fn calibration(scored: &[(u8, Outcome)]) -> Calibration {
    let count = scored.len();
    let mean = |f: &dyn Fn(&(u8, Outcome)) -> f64| {
        (count > 0).then(|| scored.iter().map(f).sum::<f64>() / count as f64)
    };
    let said = mean(&|(confidence, _)| f64::from(*confidence));
    let came_true = mean(&|(_, outcome)| 100.0 * outcome.truth());
    let brier = mean(&|(confidence, outcome)| {
        let gap = f64::from(*confidence) / 100.0 - outcome.truth();
        gap * gap
    });
    let enough = count >= CALIBRATION_MIN;
    Calibration {
        text: words::calibration(
            count,
            said,
            came_true,
            brier,
            CALIBRATION_MIN,
            CALIBRATED_WITHIN,
        ),
        scored: count,
        said,
        came_true,
        brier,
        enough,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_says_too_few_under_the_threshold() {
        let scored = [
            (80, Outcome::Expected),
            (80, Outcome::Partly),
            (80, Outcome::Not),
            (80, Outcome::Expected),
            (80, Outcome::Expected),
        ];
        let found = calibration(&scored);
        assert_eq!(found.scored, 5);
        assert_eq!(found.said, Some(80.0));
        assert_eq!(found.came_true, Some(70.0));
        assert!(!found.enough);
        assert!(found.text.starts_with("5 predictions scored: you said 80% on average, 70% came true (partly counts half); too few to judge"), "{}", found.text);
    }

    #[test]
    fn calibration_is_judged_from_ten_predictions() {
        // Said 90 % every time; 6 of 10 came true, 2 partly: 70 %.
        let mut scored = vec![(90, Outcome::Expected); 6];
        scored.extend([(90, Outcome::Partly); 2]);
        scored.extend([(90, Outcome::Not); 2]);
        let found = calibration(&scored);
        assert!(found.enough);
        assert_eq!(found.came_true, Some(70.0));
        assert!(
            found.text.contains("overconfident by 20 points"),
            "{}",
            found.text
        );
        assert!(found.text.contains("Brier score"), "{}", found.text);
        let honest = calibration(
            &[(70, Outcome::Expected); 7]
                .into_iter()
                .chain([(70, Outcome::Not); 3])
                .collect::<Vec<_>>(),
        );
        assert!(honest.text.contains("well calibrated"), "{}", honest.text);
    }

    #[test]
    fn calibration_with_none_scored_says_how_to_start() {
        let found = calibration(&[]);
        assert_eq!(found.said, None);
        assert!(found.text.contains("ctopath decide"), "{}", found.text);
    }
}
