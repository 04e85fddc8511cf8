//! Why one path beats another, criterion by criterion. Each path could reach 100 points; the
//! difference between two scores is the difference in the points each gave up, so that is what is
//! compared: a skill you meet for both paths costs neither anything, and shows no difference.

use super::{Answers, Assessment, Conflict, RankedPath, explain};
use crate::model::{Catalogue, Kind};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    /// The scoring model that produced these scores.
    pub model_version: u32,
    pub a: Side,
    pub b: Side,
    /// `a.score - b.score`: the sum of `criteria[].difference`.
    pub difference: f64,
    /// One entry per criterion, in the criteria's order.
    pub criteria: Vec<Difference>,
    /// The comparison in words.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Side {
    pub id: String,
    pub name: String,
    /// The path's score; for a path your limits rule out, its score with the limits lifted.
    pub score: f64,
    /// Its rank; 0 for a path your limits rule out.
    pub rank: usize,
    pub band: super::Band,
    /// Why your limits rule it out, if they do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<String>,
    pub conflicts: Vec<Conflict>,
}

/// What one criterion gives each path, and by how much A gains over B there (negative: B gains).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Difference {
    pub kind: Kind,
    pub criterion: String,
    /// The points it adds to A's score and to B's.
    pub a: f64,
    pub b: f64,
    /// The points it gives up for A and for B.
    pub a_lost: f64,
    pub b_lost: f64,
    /// `b_lost − a_lost`: the points A gains over B on this criterion (model 2; model 1 used
    /// `a − b`).
    pub difference: f64,
}

/// Compares two paths of the catalogue for these answers; `Err` names an id the catalogue lacks.
pub fn compare<'a>(
    catalogue: &Catalogue,
    answers: &Answers,
    assessment: &Assessment,
    a: &'a str,
    b: &'a str,
) -> Result<Comparison, &'a str> {
    let side = |id: &'a str| -> Result<(RankedPath, Option<String>), &'a str> {
        if let Some(ranked) = assessment.ranking.iter().find(|r| r.id == id) {
            return Ok((ranked.clone(), None));
        }
        let path = catalogue.path(id).ok_or(id)?;
        let reason = assessment
            .excluded
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.reason.clone());
        Ok((
            super::score_ignoring_limits(&catalogue.criteria, path, answers),
            reason,
        ))
    };
    let ((first, first_out), (second, second_out)) = (side(a)?, side(b)?);
    let differences = differences(&first, &second);
    let difference = first.score - second.score;
    let summary = explain::comparison(
        &catalogue.criteria,
        (&first, first_out.as_deref()),
        (&second, second_out.as_deref()),
        &differences,
    );
    let side = |ranked: RankedPath, excluded: Option<String>| Side {
        rank: if excluded.is_some() { 0 } else { ranked.rank },
        id: ranked.id.into_owned(),
        name: ranked.name.into_owned(),
        score: ranked.score,
        band: ranked.band,
        excluded,
        conflicts: ranked.conflicts,
    };
    Ok(Comparison {
        model_version: super::MODEL_VERSION,
        a: side(first, first_out),
        b: side(second, second_out),
        difference,
        criteria: differences,
        summary,
    })
}

/// Criterion by criterion, the points A gains over B through what each gives up; they add up to
/// `a.score − b.score`, as both could score 100.
pub(super) fn differences(a: &RankedPath, b: &RankedPath) -> Vec<Difference> {
    a.contributions
        .iter()
        .zip(&b.contributions)
        .map(|(x, y)| Difference {
            kind: x.kind,
            criterion: x.criterion.to_string(),
            a: x.points,
            b: y.points,
            a_lost: x.lost,
            b_lost: y.lost,
            difference: y.lost - x.lost,
        })
        .collect()
}
