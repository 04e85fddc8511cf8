//! "Did you mean …?" for ids typed by hand.

/// The candidate closest to `typo`, if any is close enough to be a plausible typo.
pub fn nearest<'a>(typo: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(typo, candidate), candidate))
        .filter(|(similarity, _)| *similarity >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// `" (did you mean 'x'?)"`, or nothing when no candidate is close.
pub fn did_you_mean<'a>(typo: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(typo, candidates).map_or_else(String::new, |near| format!(" (did you mean '{near}'?)"))
}

/// Up to this many candidates are listed whole; of more, only the nearest.
const LISTED: usize = 10;
/// How many of the nearest candidates are named when there are too many to list.
const NEAREST: usize = 5;

/// The candidates to offer for `typo`, as `a, b, c`: all of them when they are few, else the
/// few nearest, so that a message stays a line long whatever the size of the catalogue.
pub fn some_of<'a>(typo: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if candidates.len() <= LISTED {
        return candidates.join(", ");
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .iter()
        .map(|&candidate| (strsim::jaro_winkler(typo, candidate), candidate))
        .collect();
    // Stable, so that equally near candidates keep their order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let nearest: Vec<&str> = scored
        .iter()
        .take(NEAREST)
        .map(|(_, candidate)| *candidate)
        .collect();
    format!(
        "{}, … ({NEAREST} nearest of {})",
        nearest.join(", "),
        candidates.len()
    )
}

#[cfg(test)]
mod tests {
    use super::{nearest, some_of};

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["selling", "leadership", "operations"];
        assert_eq!(nearest("seling", ids), Some("selling"));
        assert_eq!(nearest("leadrship", ids), Some("leadership"));
        assert_eq!(nearest("zzz", ids), None);
    }

    #[test]
    fn lists_few_candidates_whole_and_many_by_nearness() {
        assert_eq!(some_of("x", ["a", "b"]), "a, b");
        let many: Vec<String> = (0..1000).map(|i| format!("path_{i:04}")).collect();
        let offered = some_of("path_0420", many.iter().map(String::as_str));
        assert!(offered.starts_with("path_0420, "), "{offered}");
        assert!(offered.ends_with("(5 nearest of 1000)"), "{offered}");
        assert!(offered.len() < 100, "{offered}");
    }
}
