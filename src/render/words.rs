//! Phrases more than one renderer writes: a path's figures with where they come from.

use crate::engine::usd;
use crate::model::{Basis, CareerPath, PathSource};

/// Each of a path's realities as a label and a sentence that ends with its basis:
/// `("Hours a week:", "5 at the least, 20 typically (source: visionary_cto)")`.
pub fn realities(path: &CareerPath) -> [(&'static str, String); 3] {
    let realities = &path.realities;
    let hours = &realities.hours_per_week;
    let runway = &realities.runway_months;
    let income = &realities.income_usd;
    [
        (
            "Hours a week:",
            format!(
                "{} at the least, {} typically{}",
                hours.min,
                hours.typical,
                basis(&hours.basis)
            ),
        ),
        (
            "Savings runway:",
            format!(
                "{} months at the least, {} typically{}",
                runway.min,
                runway.typical,
                basis(&runway.basis)
            ),
        ),
        (
            "Income:",
            format!(
                "{} to {} a year{}",
                usd(income.low),
                usd(income.high),
                basis(&income.basis)
            ),
        ),
    ]
}

/// ` (sources: a, b)`, ` (estimate: how)` or ` (estimate; no source given)`.
pub fn basis(basis: &Basis) -> String {
    match basis {
        Basis::Sources(ids) if ids.len() == 1 => format!(" (source: {})", ids[0]),
        Basis::Sources(ids) => format!(" (sources: {})", ids.join(", ")),
        Basis::Estimate(how) => format!(" (estimate: {how})"),
        Basis::Unstated => " (estimate; no source given)".to_string(),
    }
}

/// `[id] Title, https://…`: a source as a path's facts and figures name it.
pub fn source(source: &PathSource) -> String {
    match &source.address {
        Some(address) => format!("[{}] {}, {address}", source.id, source.title),
        None => format!("[{}] {}", source.id, source.title),
    }
}
