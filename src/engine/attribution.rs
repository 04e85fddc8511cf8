//! Which changed answers caused a change: the change of a value split among the answers that
//! changed, so that the parts add up to the whole change. Pure arithmetic, no scoring: the caller
//! says what the value is with any subset of the changes made.
//!
//! With few changes (up to `EXACT_UP_TO`) the split is the Shapley value: each change gets its
//! average effect over every order in which the changes could have been made, which is fair to
//! changes that only matter together. With more, the 2^n subsets would cost too much, and the
//! split is order-based: the changes are made one after the other in the order given (the
//! questionnaire's: skills, goals, then limits), and each gets the move its own step made. Both
//! add up exactly.

/// The most changes split exactly (Shapley); beyond, the split is order-based.
pub const EXACT_UP_TO: usize = 10;

/// How the parts were worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Shapley values over the changed answers: each change's average effect over every order.
    Shapley,
    /// The changes made one after the other, in the questionnaire's order (skills, goals, then
    /// limits).
    Sequential,
}

/// The parts of `value(all) − value(none)`, one per change, and how they were found.
///
/// `value` is called with a bit set of the changes made: bit `i` set means change `i` is made.
/// `n` must be below 64.
pub fn attribute(n: usize, mut value: impl FnMut(u64) -> f64) -> (Vec<f64>, Method) {
    assert!(n < 64, "at most 63 changes are attributed");
    if n == 0 {
        return (Vec::new(), Method::Shapley);
    }
    if n > EXACT_UP_TO {
        let mut parts = Vec::with_capacity(n);
        let mut made = 0u64;
        let mut before = value(made);
        for index in 0..n {
            made |= 1 << index;
            let after = value(made);
            parts.push(after - before);
            before = after;
        }
        return (parts, Method::Sequential);
    }
    let subsets = 1usize << n;
    let values: Vec<f64> = (0..subsets as u64).map(&mut value).collect();
    // weight[k] = k! (n − k − 1)! / n!: the share of orders in which a change comes right after
    // a given k others.
    let factorial = |k: usize| (1..=k).map(|i| i as f64).product::<f64>();
    let weights: Vec<f64> = (0..n)
        .map(|k| factorial(k) * factorial(n - k - 1) / factorial(n))
        .collect();
    let mut parts = vec![0.0; n];
    for (subset, &without) in values.iter().enumerate() {
        let size = (subset as u64).count_ones() as usize;
        for (index, part) in parts.iter_mut().enumerate() {
            let bit = 1usize << index;
            if subset & bit == 0 {
                *part += weights[size] * (values[subset | bit] - without);
            }
        }
    }
    (parts, Method::Shapley)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_change_that_only_matters_with_another_shares_the_credit() {
        // The value rises by 10 only when both changes are made.
        let (parts, method) = attribute(2, |made| if made == 0b11 { 10.0 } else { 0.0 });
        assert_eq!(method, Method::Shapley);
        assert_eq!(parts, [5.0, 5.0]);
    }

    #[test]
    fn additive_changes_get_their_own_effect() {
        let effects = [3.0, -1.5, 0.0, 7.25];
        let value = |made: u64| {
            (0..4)
                .filter(|i| made & (1 << i) != 0)
                .map(|i| effects[i])
                .sum::<f64>()
        };
        let (parts, _) = attribute(4, value);
        for (part, effect) in parts.iter().zip(effects) {
            assert!((part - effect).abs() < 1e-12, "{part} {effect}");
        }
    }

    #[test]
    fn many_changes_are_split_in_order() {
        let (parts, method) = attribute(12, |made| made.count_ones() as f64 * 2.0);
        assert_eq!(method, Method::Sequential);
        assert_eq!(parts, vec![2.0; 12]);
    }

    proptest! {
        /// Whatever the value of each subset, the parts add up to the whole change.
        #[test]
        fn the_parts_add_up_to_the_change(
            n in 0usize..=13,
            seed in any::<u64>(),
        ) {
            // An arbitrary value per subset, from a hash of the subset: no structure to lean on.
            let value = |made: u64| {
                let mut x = made ^ seed;
                x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                x ^= x >> 29;
                (x % 20_000) as f64 / 100.0 - 100.0
            };
            let (parts, _) = attribute(n, value);
            prop_assert_eq!(parts.len(), n);
            let whole = value((1u64 << n) - 1) - value(0);
            let sum: f64 = parts.iter().sum();
            prop_assert!((sum - whole).abs() < 1e-9, "sum {} whole {}", sum, whole);
        }
    }
}
