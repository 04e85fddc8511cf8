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

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["selling", "leadership", "operations"];
        assert_eq!(nearest("seling", ids), Some("selling"));
        assert_eq!(nearest("leadrship", ids), Some("leadership"));
        assert_eq!(nearest("zzz", ids), None);
    }
}
