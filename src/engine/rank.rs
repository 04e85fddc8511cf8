//! The one ordering of paths, the one "same score" threshold, and the fit bands. The ranking, the
//! robustness variations, the flip and `compare` all use these, so they never disagree.

use serde::Serialize;
use std::cmp::Ordering;

/// Where a path stands for ordering: a conflict with a must-have, its score, its id.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing<'a> {
    pub conflicted: bool,
    pub score: f64,
    pub id: &'a str,
}

/// Best first: every path without a conflict before every path with one; then the higher score
/// (to nine decimals, so sums taken in another order still tie); then the id.
pub fn order(a: &Standing, b: &Standing) -> Ordering {
    a.conflicted
        .cmp(&b.conflicted)
        .then_with(|| key(b.score).cmp(&key(a.score)))
        .then_with(|| a.id.cmp(b.id))
}

/// `order` as one number to sort by, for ranking many paths many times over, with ties broken by
/// `tie` (the path's place in id order, below 2^20): the conflict in the top bit, then the
/// score's key reversed, then the tie-break. Scores run from 0 to 100, so their keys
/// take 37 of the 40 bits they are given.
pub fn packed_key(conflicted: bool, score: f64, tie: usize) -> u64 {
    const KEY_BITS: u32 = 40;
    debug_assert!(tie < 1 << PACKED_TIE_BITS);
    let key = key(score).clamp(0, (1 << KEY_BITS) - 1) as u64;
    (u64::from(conflicted) << 63)
        | (((1 << KEY_BITS) - 1 - key) << PACKED_TIE_BITS)
        | (tie as u64 & PACKED_TIE_MASK)
}

/// Each item's place among the items' ids, alphabetically: the tie-break `packed_key` takes.
pub fn id_places<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let ids: Vec<&str> = ids.collect();
    let mut at_place: Vec<usize> = (0..ids.len()).collect();
    at_place.sort_by_key(|&index| ids[index]);
    let mut places = vec![0; ids.len()];
    for (place, &index) in at_place.iter().enumerate() {
        places[index] = place;
    }
    places
}

/// The bits of a packed key that hold the tie-break.
pub const PACKED_TIE_BITS: u32 = 20;
pub const PACKED_TIE_MASK: u64 = (1 << PACKED_TIE_BITS) - 1;

/// Scores to nine decimals, as whole numbers.
pub fn key(score: f64) -> i64 {
    // Scores run from 0 to 100: at most 1e11, well within an i64.
    round(score * 1e9) as i64
}

/// `f64::round` (halves away from zero), without its library call for the values keys take:
/// keys are worked out for every path in every variation of the answers.
fn round(value: f64) -> f64 {
    // At and above 2^52 every f64 is whole; adding it rounds a smaller value to a whole number,
    // halves to even, and taking it away again is exact.
    const WHOLE: f64 = 4_503_599_627_370_496.0;
    if !(value > 0.0 && value < WHOLE) {
        return value.round();
    }
    let even = (value + WHOLE) - WHOLE;
    // The difference is exact; a half rounded down is moved up, away from zero.
    if value - even == 0.5 {
        even + 1.0
    } else {
        even
    }
}

/// Two scores closer than this are the same score to a reader (scores are shown to one decimal
/// at most), and a criterion that moves fewer points makes no difference worth naming.
pub const NEGLIGIBLE_POINTS: f64 = 0.05;

/// Whether a difference in points is too small to name.
pub fn negligible(points: f64) -> bool {
    points.abs() < NEGLIGIBLE_POINTS
}

/// What a score means for the person, from fixed thresholds that never depend on the other paths.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// 70 or more, and no must-have in conflict: you have most of what it demands and it gives
    /// most of what matters to you.
    Strong,
    /// 45 to 70, or a must-have in conflict: a real option with real gaps.
    Fair,
    /// Below 45: it asks for much you do not have or gives little of what you want.
    Weak,
}

/// The least score of a strong fit.
pub const STRONG_FROM: f64 = 70.0;
/// The least score of a fair fit.
pub const FAIR_FROM: f64 = 45.0;

impl Band {
    pub fn of(score: f64, conflicted: bool) -> Band {
        if score >= STRONG_FROM && !conflicted {
            Band::Strong
        } else if score >= FAIR_FROM {
            Band::Fair
        } else {
            Band::Weak
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Band::Strong => "strong",
            Band::Fair => "fair",
            Band::Weak => "weak",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(conflicted: bool, score: f64, id: &str) -> Standing<'_> {
        Standing {
            conflicted,
            score,
            id,
        }
    }

    #[test]
    fn conflicts_come_last_then_score_then_id() {
        let mut list = [
            standing(true, 90.0, "a"),
            standing(false, 50.0, "c"),
            standing(false, 50.0 + 1e-12, "b"),
            standing(false, 60.0, "d"),
        ];
        list.sort_by(order);
        let ids: Vec<&str> = list.iter().map(|s| s.id).collect();
        assert_eq!(ids, ["d", "b", "c", "a"]);
    }

    #[test]
    fn id_places_are_places_in_alphabetical_order() {
        let places = id_places(["cto_again", "advisor", "founder", "ceo"].into_iter());
        assert_eq!(places, [2, 0, 3, 1]);
        assert!(id_places(std::iter::empty()).is_empty());
    }

    #[test]
    fn the_packed_key_orders_as_order_does() {
        let scores = [
            (false, 50.0, "a"),
            (true, 90.0, "b"),
            (false, 50.0 + 1e-12, "c"),
            (false, 60.0, "d"),
            (false, 0.0, "e"),
            (false, 100.0, "f"),
            (true, 0.0, "g"),
        ];
        for (a_place, a) in scores.iter().enumerate() {
            for (b_place, b) in scores.iter().enumerate() {
                // The ids above are in the order of their places, as ties are broken.
                let by_order = order(&standing(a.0, a.1, a.2), &standing(b.0, b.1, b.2));
                let packed = packed_key(a.0, a.1, a_place).cmp(&packed_key(b.0, b.1, b_place));
                assert_eq!(packed, by_order, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn round_is_the_library_round() {
        let halves = (0..200).map(|whole| f64::from(whole) + 0.5);
        let near_halves = (0..200).flat_map(|whole| {
            let half = f64::from(whole) + 0.5;
            [half.next_down(), half.next_up()]
        });
        let edges = [
            0.0,
            -0.0,
            0.49999999999999994,
            1e11,
            4.5e15,
            2f64.powi(52) - 0.5,
        ];
        let outside = [-0.5, -2.5, 2f64.powi(52), 1e300, f64::INFINITY];
        for value in halves.chain(near_halves).chain(edges).chain(outside) {
            assert_eq!(round(value).to_bits(), value.round().to_bits(), "{value:e}");
        }
        assert!(round(f64::NAN).is_nan());
    }

    proptest::proptest! {
        #[test]
        fn round_is_the_library_round_for_any_key(score in 0.0..=100.0f64, raw in proptest::num::f64::ANY) {
            let value = score * 1e9;
            proptest::prop_assert_eq!(round(value).to_bits(), value.round().to_bits());
            if !raw.is_nan() {
                proptest::prop_assert_eq!(round(raw).to_bits(), raw.round().to_bits());
            }
        }
    }

    #[test]
    fn a_conflict_is_never_strong() {
        assert_eq!(Band::of(95.0, true), Band::Fair);
        assert_eq!(Band::of(70.0, false), Band::Strong);
        assert_eq!(Band::of(69.9, false), Band::Fair);
        assert_eq!(Band::of(44.9, true), Band::Weak);
    }
}
