//! An action plan for one path: where to start, the gaps to close, cheap ways to test the path
//! before committing, and when to look at the decision again.

use super::{Assessment, Reason};
use crate::model::{Answers, Catalogue, Kind};
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
    pub first_steps: Vec<String>,
    /// Skills below what the path demands, the largest gap first, each with how to close it.
    pub gaps: Vec<Gap>,
    /// What the path gives poorly of what matters to you, and where your limits chafe.
    pub watch: Vec<String>,
    /// Cheap ways to test the path before committing to it.
    pub experiments: Vec<String>,
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

/// A plan for path `id`, or `None` if the catalogue has no such path. `today` is days since
/// 1970-01-01.
pub fn plan(
    catalogue: &Catalogue,
    answers: &Answers,
    assessment: &Assessment,
    id: &str,
    today: i64,
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
                .get(&skill.id)
                .copied()
                .unwrap_or(skill.default);
            (level < demand).then(|| Gap {
                criterion: skill.id.clone(),
                name: skill.name.clone(),
                level,
                demand,
                how: skill.grow.clone().unwrap_or_else(|| {
                    format!("Build your {} to {demand}.", skill.name.to_lowercase())
                }),
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
                .map(|reason: &Reason| reason.text.clone())
                .collect()
        })
        .unwrap_or_default();
    let weeks = path.review_after_weeks;
    Some(Plan {
        model_version: super::MODEL_VERSION,
        id: path.id.clone(),
        name: path.name.clone(),
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
        review_on: date(today + 7 * i64::from(weeks)),
    })
}

/// Days since 1970-01-01 as `YYYY-MM-DD` (proleptic Gregorian), after Howard Hinnant's
/// `civil_from_days`.
pub fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `YYYY-MM-DD` as days since 1970-01-01, or `None` if it is not a real date.
pub fn days(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1..=9999).contains(&year) {
        return None;
    }
    let shifted_year = if month <= 2 { year - 1 } else { year };
    let era = shifted_year.div_euclid(400);
    let year_of_era = shifted_year.rem_euclid(400);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    // Reject dates such as 2026-02-30, which the arithmetic would roll over.
    (self::date(days) == date).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::{date, days};

    #[test]
    fn dates_round_trip() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(20_415), "2025-11-23");
        assert_eq!(days("2026-11-23"), Some(20_780));
        assert_eq!(date(20_780 + 7 * 12), "2027-02-15");
        assert_eq!(days("2024-02-29").map(date).as_deref(), Some("2024-02-29"));
        assert_eq!(days("2026-02-30"), None);
        assert_eq!(days("2026-13-01"), None);
        assert_eq!(days("soon"), None);
    }
}
