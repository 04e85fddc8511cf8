//! An action plan for one path: where to start, the gaps to close, cheap ways to test the path
//! before committing, and when to look at the decision again.

use super::{Assessment, Reason};
use crate::model::{Answers, Catalogue, Kind, Text};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Plan {
    /// The scoring model that produced the score.
    pub model_version: u32,
    pub id: String,
    pub name: String,
    /// The path's score and rank; `None` when a constraint rules it out.
    pub score: Option<f64>,
    pub rank: Option<usize>,
    /// The score's band; `None` when a constraint rules the path out.
    pub band: Option<super::Band>,
    /// Must-haves the path rates 1 or 2.
    pub conflicts: Vec<super::Conflict>,
    /// Why a constraint rules the path out, if one does.
    pub excluded: Option<String>,
    pub first_steps: Vec<Text>,
    /// Skills below what the path demands, the largest gap first, each with how to close it.
    pub gaps: Vec<Gap>,
    /// What the path gives poorly of what matters to you, and where your limits chafe.
    pub watch: Vec<String>,
    /// Cheap ways to test the path before committing to it.
    pub experiments: Vec<Text>,
    pub review_after_weeks: u32,
    /// The date to look at the decision again: today plus `review_after_weeks`, as YYYY-MM-DD.
    pub review_on: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Gap {
    pub criterion: String,
    pub name: String,
    pub level: u8,
    pub demand: u8,
    /// How to close it, from the criteria.
    pub how: String,
}

/// A plan for path `id`, or `None` if the catalogue has no such path. `today` is given, not read
/// from the clock, so that the engine stays pure.
pub fn plan(
    catalogue: &Catalogue,
    answers: &Answers,
    assessment: &Assessment,
    id: &str,
    today: jiff::civil::Date,
) -> Option<Plan> {
    let path = catalogue.path(id)?;
    let ranked = assessment.ranking.iter().find(|r| r.id == id);
    let excluded = assessment
        .excluded
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.reason.clone());
    let mut gaps: Vec<Gap> = catalogue
        .criteria
        .skills
        .iter()
        .filter_map(|skill| {
            let demand = *path.demands.get(&skill.id)?;
            let level = answers
                .skills
                .get(&*skill.id)
                .copied()
                .unwrap_or(skill.default);
            (level < demand).then(|| Gap {
                criterion: skill.id.to_string(),
                name: skill.name.to_string(),
                level,
                demand,
                how: skill.grow.as_deref().map_or_else(
                    || format!("Build your {} to {demand}.", skill.name.to_lowercase()),
                    str::to_string,
                ),
            })
        })
        .collect();
    // The largest gap first; equal gaps in the criteria's order (the sort is stable).
    gaps.sort_by_key(|gap| std::cmp::Reverse(gap.demand - gap.level));
    let watch = ranked
        .map(|r| {
            r.reasons
                .against
                .iter()
                .filter(|reason| reason.kind != Kind::Skill)
                .map(|reason: &Reason| reason.text.to_string())
                .collect()
        })
        .unwrap_or_default();
    let weeks = path.review_after_weeks;
    Some(Plan {
        model_version: super::MODEL_VERSION,
        id: path.id.to_string(),
        name: path.name.to_string(),
        score: ranked.map(|r| r.score),
        rank: ranked.map(|r| r.rank),
        band: ranked.map(|r| r.band),
        conflicts: ranked.map(|r| r.conflicts.clone()).unwrap_or_default(),
        excluded,
        first_steps: path.first_steps.clone(),
        gaps,
        watch,
        experiments: path.experiments.clone(),
        review_after_weeks: weeks,
        review_on: today
            .saturating_add(jiff::Span::new().weeks(i64::from(weeks)))
            .to_string(),
    })
}
