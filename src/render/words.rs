//! Phrases more than one renderer writes: a path's figures with where they come from, the
//! reasons a ranking's row gives, and prose wrapped to the terminal.

use crate::engine::{RankedPath, usd};
use crate::model::{Basis, CareerPath, Kind, PathSource};

/// The columns of a list of portfolios, in the table and the reports; the table puts "Best in"
/// (`PORTFOLIO_BEST_IN`) before the last when robustness was worked out.
pub const PORTFOLIO_COLUMNS: [&str; 6] = [
    "#",
    "Portfolio",
    "Hours",
    "Income",
    "Score",
    "Against the best path",
];
pub const PORTFOLIO_BEST_IN: &str = "Best in";

/// A change in points, signed, to one decimal: `+0.7`, `-1.3`, and `0.0` for one that rounds to
/// nothing either way (not `-0.0`).
pub fn signed_points(points: f64) -> String {
    match format!("{points:+.1}") {
        zero if zero[1..] == *"0.0" => zero[1..].to_string(),
        signed => signed,
    }
}

/// The reasons a ranking's row gives for a path, each with `+` (for it) or `-` (against it): the
/// best for it, a goal before a skill (it says more of why a path suits someone than a skill they
/// already have), and the first against it. A path in conflict with a must-have gives that
/// first, as it is why the path ranks where it does.
pub fn row_reasons(ranked: &RankedPath) -> Vec<(char, &str)> {
    let for_path = &ranked.reasons.for_path;
    let best_for = (for_path.iter().find(|r| r.kind == Kind::Goal)).or(for_path.first());
    let mut reasons: Vec<(char, &str)> = (best_for.map(|r| ('+', &*r.text)).into_iter())
        .chain(ranked.reasons.against.first().map(|r| ('-', &*r.text)))
        .collect();
    if !ranked.conflicts.is_empty() {
        reasons.reverse();
    }
    reasons
}

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

/// `text` after `label`, wrapped at word boundaries to `width` columns of display width (so that
/// wide characters count as two), with later lines indented to line up under the first. A line
/// break in `text` starts a new, equally indented line.
pub fn hanging(label: &str, text: &str, width: usize) -> String {
    let indent = " ".repeat(textwrap::core::display_width(label));
    // Never narrower than 20 columns of text, however long the label or small the terminal.
    let room = width.max(indent.len() + 20);
    let mut wrapped = String::new();
    for (index, line) in text.split('\n').enumerate() {
        let lead = if index == 0 { label } else { &indent };
        // A line's own indent (a hint under a message) holds for the lines it wraps to.
        let own = &line[..line.len() - line.trim_start().len()];
        let under = format!("{indent}{own}");
        let options = textwrap::Options::new(room)
            .initial_indent(lead)
            .subsequent_indent(&under)
            .break_words(false)
            // A hyphenated word (`co-founder`, `--no-builtin`) stays whole: it may be typed.
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let filled = textwrap::fill(line, options);
        wrapped.push_str(if filled.is_empty() { lead } else { &filled });
        wrapped.push('\n');
    }
    wrapped
}

#[cfg(test)]
mod tests {
    use super::hanging;

    #[test]
    fn hanging_wraps_under_the_label() {
        let text = hanging("  Label: ", "one two three four five six seven", 29);
        assert_eq!(
            text,
            "  Label: one two three four\n         five six seven\n"
        );
        assert_eq!(hanging("L ", "", 40), "L \n");
    }

    #[test]
    fn hanging_counts_wide_characters_as_two_columns() {
        // Ten CJK characters are twenty columns: two words of them fill a 41-column line.
        let wide = "日本語日本語日本語日";
        let text = hanging("", &format!("{wide} {wide} {wide}"), 41);
        assert_eq!(text, format!("{wide} {wide}\n{wide}\n"));
    }

    #[test]
    fn hanging_indents_every_line_of_a_text_with_line_breaks() {
        let text = hanging("error: ", "first line\n  second, indented and long", 30);
        assert_eq!(
            text,
            "error: first line\n         second, indented and\n         long\n"
        );
    }

    #[test]
    fn a_change_that_rounds_to_nothing_has_no_sign() {
        for (points, shown) in [
            (-0.04, "0.0"),
            (0.04, "0.0"),
            (-0.0, "0.0"),
            (0.7, "+0.7"),
            (-1.26, "-1.3"),
            (12.0, "+12.0"),
        ] {
            assert_eq!(super::signed_points(points), shown, "{points}");
        }
    }
}
