//! Every sentence of the decision journal: what changed at a review, how well-calibrated the
//! person's confidence has been, and the reminder of a review due. Beside `explain`, which holds
//! the assessment's sentences; the renderers only lay these out.

use super::rank::{self, Band};
use super::review::{AnswerChange, Cause, PathMove};
use serde_json::Value;

/// `3`, `20`, `no limit`, `yes`, `founder, ceo`, `none`.
fn answer_value(value: &Value) -> String {
    match value {
        Value::Null => "no limit".to_string(),
        Value::Bool(true) => "yes".to_string(),
        Value::Bool(false) => "no".to_string(),
        Value::Array(items) if items.is_empty() => "none".to_string(),
        Value::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map_or_else(|| item.to_string(), str::to_string)
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// `Selling: 3 → 5`.
pub(super) fn answer_change(name: &str, from: &Value, to: &Value) -> String {
    format!("{name}: {} → {}", answer_value(from), answer_value(to))
}

/// `+2.5 points`, `−1.0 points`.
pub fn points(points: f64) -> String {
    // Adding 0 turns −0 into 0.
    let rounded = (points * 10.0).round() / 10.0 + 0.0;
    if rounded < 0.0 {
        format!("−{:.1} points", -rounded)
    } else {
        format!("+{rounded:.1} points")
    }
}

/// How one path moved: `Founder: rank 3 → 1, 61 → 74 (+13.0 points)`.
pub(super) fn path_move(
    name: &str,
    before: Option<(usize, f64, Band)>,
    after: Option<(usize, f64, Band)>,
) -> String {
    match (before, after) {
        (Some((rank_b, score_b, _)), Some((rank_a, score_a, _))) => {
            let rank = if rank_a == rank_b {
                format!("still rank {rank_a}")
            } else {
                format!("rank {rank_b} → {rank_a}")
            };
            let moved = score_a - score_b;
            if rank::negligible(moved) {
                format!("{name}: {rank}, score {score_a:.1} unchanged")
            } else {
                format!(
                    "{name}: {rank}, score {score_b:.1} → {score_a:.1} ({})",
                    points(moved)
                )
            }
        }
        (Some((rank_b, score_b, _)), None) => {
            format!("{name}: was rank {rank_b} (score {score_b:.1}), now ruled out by your limits")
        }
        (None, Some((rank_a, score_a, _))) => {
            format!("{name}: ruled out before, now rank {rank_a} (score {score_a:.1})")
        }
        (None, None) => format!("{name}: ruled out both times"),
    }
}

/// `Selling (3 → 5) moved Founder by +6.2 points`.
pub(super) fn cause(change: &AnswerChange, path: &str, moved: f64) -> String {
    format!(
        "{} ({} → {}) moved {path} by {}",
        change.name,
        answer_value(&change.from),
        answer_value(&change.to),
        points(moved)
    )
}

/// The finding of a review in a sentence or three.
pub(super) fn review_summary(
    changes: &[AnswerChange],
    paths: &[PathMove],
    largest: Option<&Cause>,
) -> String {
    let top = paths.iter().find(|moved| moved.rank_after == Some(1));
    let was_top = paths.iter().find(|moved| moved.rank_before == Some(1));
    let changed = match changes.len() {
        0 => "None of your answers changed".to_string(),
        1 => "1 answer changed".to_string(),
        n => format!("{n} answers changed"),
    };
    let first = match (top, was_top) {
        (Some(top), Some(was)) if top.id == was.id => format!("{} is still first", top.name),
        (Some(top), Some(was)) if was.rank_after.is_none() => {
            format!(
                "{} is now first, as {} is now ruled out",
                top.name, was.name
            )
        }
        (Some(top), Some(was)) => format!("{} is now first, ahead of {}", top.name, was.name),
        (Some(top), None) => format!("{} is now first", top.name),
        (None, _) => "no path is left".to_string(),
    };
    let mut text = format!("{changed}; {first}.");
    if let Some(largest) = largest {
        let name = paths
            .iter()
            .find(|moved| moved.id == largest.path)
            .map_or(largest.path.as_str(), |moved| moved.name.as_str());
        if let Some(change) = changes.iter().find(|change| change.key == largest.key) {
            text.push_str(&format!(
                " The largest move: {}.",
                cause(change, name, largest.points)
            ));
        }
    } else if !changes.is_empty() {
        text.push_str(" No score moved by as much as 0.1 points.");
    }
    text
}

/// Said under the causes when more than ten answers changed and the parts are found in order.
pub const SEQUENTIAL_CREDIT: &str = "More than ten answers changed, so each change is credited with \
    what it moved when the changes are made one after the other in the questionnaire's order \
    (skills, goals, then limits): another order would share the credit differently.";

/// Calibration in words, with the count.
pub(super) fn calibration(
    count: usize,
    said: Option<f64>,
    came_true: Option<f64>,
    brier: Option<f64>,
    needed: usize,
    within: f64,
) -> String {
    let (Some(said), Some(came_true), Some(brier)) = (said, came_true, brier) else {
        return "No predictions scored yet: `ctopath review` asks what came of a decision once \
                its review date comes, and `ctopath decide ID --expect TEXT --confidence PCT` \
                records one."
            .to_string();
    };
    let noun = if count == 1 {
        "prediction"
    } else {
        "predictions"
    };
    let head = format!(
        "{count} {noun} scored: you said {said:.0}% on average, {came_true:.0}% came true \
         (partly counts half)"
    );
    if count < needed {
        return format!("{head}; too few to judge ({needed} are needed).");
    }
    let gap = said - came_true;
    let judgement = if gap.abs() <= within {
        "well calibrated".to_string()
    } else if gap > 0.0 {
        format!("overconfident by {gap:.0} points")
    } else {
        format!("underconfident by {:.0} points", -gap)
    };
    format!(
        "{head}: {judgement}. Brier score {brier:.2} (0 is perfect; always saying 50% scores 0.25)."
    )
}

/// How sure an assessment was of its top path: `clear: first in 83% of variations`.
pub fn how_sure(first_share: Option<f64>, clear_winner: Option<bool>) -> String {
    match (first_share, clear_winner) {
        (Some(share), Some(true)) => format!("clear: first in {}", super::explain::percent(share)),
        (Some(share), _) => format!(
            "no clear winner: first in {}",
            super::explain::percent(share)
        ),
        (None, Some(true)) => "clear".to_string(),
        _ => "not checked".to_string(),
    }
}

/// The quiet line a command prints once a day while a review is due.
pub fn reminder(path_name: &str, due: &str, more: usize) -> String {
    let others = match more {
        0 => String::new(),
        1 => " (and 1 other decision)".to_string(),
        n => format!(" (and {n} other decisions)"),
    };
    format!(
        "note: a review of your decision for {path_name} was due on {due}{others}; run `ctopath review`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_carry_their_sign_and_never_show_minus_zero() {
        assert_eq!(points(2.46), "+2.5 points");
        assert_eq!(points(-1.0), "−1.0 points");
        assert_eq!(points(-0.01), "+0.0 points");
    }

    #[test]
    fn a_first_path_now_ruled_out_is_said_to_be_so() {
        let moved = |id: &str, before: Option<usize>, after: Option<usize>| PathMove {
            id: id.to_string(),
            name: id.to_uppercase(),
            rank_before: before,
            rank_after: after,
            score_before: None,
            score_after: None,
            band_before: None,
            band_after: None,
            points: 0.0,
            parts: Vec::new(),
            text: String::new(),
        };
        let summary = |paths: &[PathMove]| review_summary(&[], paths, None);
        let ruled_out = [moved("a", Some(1), None), moved("b", Some(2), Some(1))];
        assert_eq!(
            summary(&ruled_out),
            "None of your answers changed; B is now first, as A is now ruled out."
        );
        let overtaken = [moved("a", Some(1), Some(2)), moved("b", Some(2), Some(1))];
        assert_eq!(
            summary(&overtaken),
            "None of your answers changed; B is now first, ahead of A."
        );
    }

    #[test]
    fn the_reminder_names_the_path_and_the_date() {
        assert_eq!(
            reminder("Fractional CTO", "2026-12-01", 0),
            "note: a review of your decision for Fractional CTO was due on 2026-12-01; run `ctopath review`"
        );
    }
}
