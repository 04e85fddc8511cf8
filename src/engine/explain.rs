//! The strongest reasons for and against a path, drawn from its contributions.

use super::{ConstraintOutcome, Contribution};
use crate::model::{Assumption, Criteria, Kind, RATING_MAX};
use serde::Serialize;

/// How many reasons of each side are kept.
const REASONS_PER_SIDE: usize = 3;
/// A goal counts as a reason when it matters at least this much to the person (above the middle
/// of the scale, and so above the default); for the path when the path rates it at least
/// `STRONG`, against when at most `WEAK`.
const MATTERS: u64 = 4;
const STRONG: u64 = 4;
const WEAK: u64 = 2;
/// A skill met counts for a path only when the path demands at least this level of it.
const KEY_DEMAND: u64 = 3;
/// Reasons worth fewer points than this are noise, not reasons.
const NEGLIGIBLE_POINTS: f64 = 0.05;

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reasons {
    #[serde(rename = "for")]
    pub for_path: Vec<Reason>,
    pub against: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reason {
    pub kind: Kind,
    pub criterion: String,
    /// Points this reason wins (for) or loses (against), which is what orders them.
    pub points: f64,
    pub text: String,
}

pub(super) fn reasons(
    criteria: &Criteria,
    contributions: &[Contribution],
    constraints: &[ConstraintOutcome],
    assumed: &[Assumption],
) -> Reasons {
    let max = RATING_MAX;
    let was_assumed = |contribution: &Contribution| {
        let section = match contribution.kind {
            Kind::Skill => "skills",
            Kind::Goal => "goals",
            Kind::Constraint => return false,
        };
        assumed.iter().any(|a| {
            a.key
                .strip_prefix(section)
                .and_then(|k| k.strip_prefix('.'))
                == Some(&contribution.criterion)
        })
    };
    let mut for_path = Vec::new();
    let mut against = Vec::new();
    for contribution in contributions {
        let name = criteria.name_of(contribution.kind, &contribution.criterion);
        let lost = contribution.possible - contribution.points;
        let reason = |points: f64, text: String| Reason {
            kind: contribution.kind,
            criterion: contribution.criterion.clone(),
            points,
            text,
        };
        match (contribution.kind, contribution.answer, contribution.path) {
            (Kind::Skill, Some(level), Some(demand)) if level >= demand && demand >= KEY_DEMAND => {
                let yours = if was_assumed(contribution) {
                    format!("{} (not rated, {level} assumed)", lower(name))
                } else {
                    format!("{} ({level}/{max})", lower(name))
                };
                for_path.push(reason(
                    contribution.points,
                    format!("your {yours} meets the {demand} it demands"),
                ));
            }
            (Kind::Skill, Some(level), Some(demand)) if level < demand => {
                let yours = if was_assumed(contribution) {
                    format!("you did not rate yourself ({level} assumed)")
                } else {
                    format!("you rate yourself {level}")
                };
                against.push(reason(
                    lost,
                    format!("demands {} at {demand}; {yours}", lower(name)),
                ));
            }
            (Kind::Goal, Some(importance), Some(rating))
                if importance >= STRONG && rating >= STRONG =>
            {
                for_path.push(reason(
                    contribution.points,
                    format!(
                        "strong on {} ({rating}/{max}), which matters to you ({importance}/{max})",
                        lower(name)
                    ),
                ));
            }
            (Kind::Goal, Some(importance), Some(rating))
                if importance >= MATTERS && rating <= WEAK =>
            {
                against.push(reason(
                    lost,
                    format!(
                        "weak on {} ({rating}/{max}), which matters to you ({importance}/{max})",
                        lower(name)
                    ),
                ));
            }
            (Kind::Constraint, _, _) if contribution.points < 0.0 => {
                let clause = constraints
                    .iter()
                    .find(|outcome| outcome.id == contribution.criterion)
                    .map_or("", |outcome| outcome.clause.as_str());
                against.push(reason(-contribution.points, clause.to_string()));
            }
            _ => {}
        }
    }
    Reasons {
        for_path: strongest(for_path),
        against: strongest(against),
    }
}

fn strongest(mut reasons: Vec<Reason>) -> Vec<Reason> {
    reasons.retain(|reason| reason.points >= NEGLIGIBLE_POINTS);
    reasons.sort_by(|a, b| {
        b.points
            .total_cmp(&a.points)
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.criterion.cmp(&b.criterion))
    });
    reasons.truncate(REASONS_PER_SIDE);
    reasons
}

fn lower(name: &str) -> String {
    name.to_lowercase()
}

/// `250000` → `$250,000`.
pub fn usd(amount: u64) -> String {
    let digits = amount.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    grouped.push('$');
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::usd;

    #[test]
    fn usd_groups_thousands() {
        assert_eq!(usd(0), "$0");
        assert_eq!(usd(999), "$999");
        assert_eq!(usd(1000), "$1,000");
        assert_eq!(usd(250_000), "$250,000");
        assert_eq!(usd(12_345_678), "$12,345,678");
    }
}
