//! The strongest reasons for and against a path, drawn from its contributions.

use super::{ConstraintOutcome, Contribution};
use crate::model::{Criteria, Kind};
use serde::Serialize;

/// How many reasons of each side are kept.
const REASONS_PER_SIDE: usize = 3;
/// A goal counts for a path only when it matters this much to the person and the path rates it
/// at least this high; it counts against when the path rates it at most `WEAK_RATING`.
const STRONG: u64 = 4;
const WEAK_RATING: u64 = 2;
const MATTERS: u64 = 3;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reasons {
    #[serde(rename = "for")]
    pub for_path: Vec<Reason>,
    pub against: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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
) -> Reasons {
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
            (Kind::Skill, Some(level), Some(demand)) if level >= demand && demand >= 3 => {
                for_path.push(reason(
                    contribution.points,
                    format!(
                        "your {} ({level}/5) meets the {demand} it demands",
                        lower(name)
                    ),
                ));
            }
            (Kind::Skill, Some(level), Some(demand)) if level < demand => {
                against.push(reason(
                    lost,
                    format!(
                        "demands {} at {demand}; you rate yourself {level}",
                        lower(name)
                    ),
                ));
            }
            (Kind::Goal, Some(importance), Some(rating))
                if importance >= STRONG && rating >= STRONG =>
            {
                for_path.push(reason(
                    contribution.points,
                    format!(
                        "strong on {} ({rating}/5), which matters to you ({importance}/5)",
                        lower(name)
                    ),
                ));
            }
            (Kind::Goal, Some(importance), Some(rating))
                if importance >= MATTERS && rating <= WEAK_RATING =>
            {
                against.push(reason(
                    lost,
                    format!(
                        "weak on {} ({rating}/5), which matters to you ({importance}/5)",
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
