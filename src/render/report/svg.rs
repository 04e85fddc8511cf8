//! The report's charts, drawn as plain SVG: a handful of rectangles and labels are simpler than
//! a charting library and need nothing to view.

use super::html::escape;
use crate::engine::Assessment;
use crate::model::{Answers, CareerPath, Criteria, NEUTRAL_RATING, RATING_MAX};
use std::fmt::Write;

/// Colours the charts use; the screenshot test looks for them.
pub const YOU: &str = "#2b6cb0";
pub const DEMAND: &str = "#dd6b20";
pub const SCORE: &str = "#2f855a";
pub const GIVES: &str = "#6b46c1";

const LABEL_WIDTH: f64 = 190.0;
const BAR_WIDTH: f64 = 360.0;
const WIDTH: f64 = 760.0;

/// Each skill: your level beside the level the path demands.
pub fn skills(criteria: &Criteria, answers: &Answers, path: &CareerPath) -> String {
    let rows: Vec<(&str, u8, Option<u8>)> = criteria
        .skills
        .iter()
        .map(|skill| {
            let level = answers.skills.get(&*skill.id).copied();
            let demand = path.demands.get(&skill.id).copied();
            (skill.name.as_ref(), level.unwrap_or(skill.default), demand)
        })
        .collect();
    paired(
        &format!("Your skills against what {} demands", path.name),
        [(YOU, "you"), (DEMAND, &format!("{} demands", path.name))],
        &rows,
        "not needed",
    )
}

/// Each goal: how much it matters to you beside how well the path gives it.
pub fn goals(criteria: &Criteria, answers: &Answers, path: &CareerPath) -> String {
    let rows: Vec<(&str, u8, Option<u8>)> = criteria
        .goals
        .iter()
        .map(|goal| {
            let importance = answers.goals.get(&*goal.id).copied();
            let rating = path.gives.get(&goal.id).copied().unwrap_or(NEUTRAL_RATING);
            (
                goal.name.as_ref(),
                importance.unwrap_or(goal.default),
                Some(rating),
            )
        })
        .collect();
    paired(
        &format!("What matters to you against what {} gives", path.name),
        [
            (YOU, "matters to you"),
            (GIVES, &format!("{} gives", path.name)),
        ],
        &rows,
        "",
    )
}

/// One row per criterion: your value (1–5) beside the path's, or `missing` where it has none.
fn paired(
    title: &str,
    legend_entries: [(&str, &str); 2],
    rows: &[(&str, u8, Option<u8>)],
    missing: &str,
) -> String {
    let row = 34.0;
    let top = 30.0;
    let height = top + row * rows.len() as f64 + 10.0;
    let unit = BAR_WIDTH / f64::from(RATING_MAX);
    let mut svg = open(height, title);
    legend(&mut svg, &legend_entries);
    let theirs_color = legend_entries[1].0;
    for (index, &(name, yours, theirs)) in rows.iter().enumerate() {
        let y = top + row * index as f64;
        label(&mut svg, y + 15.0, name);
        bar(
            &mut svg,
            y + 2.0,
            f64::from(yours) * unit,
            YOU,
            &yours.to_string(),
        );
        match theirs {
            Some(theirs) => bar(
                &mut svg,
                y + 16.0,
                f64::from(theirs) * unit,
                theirs_color,
                &theirs.to_string(),
            ),
            None => {
                let _ = write!(
                    svg,
                    r##"<text x="{x}" y="{}" font-size="11" fill="#718096">{}</text>"##,
                    y + 27.0,
                    escape(missing),
                    x = LABEL_WIDTH
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Each ranked path's score, with how often it comes first and its likely ranks.
pub fn scores(assessment: &Assessment) -> String {
    let row = 28.0;
    let top = 10.0;
    let height = top + row * assessment.ranking.len() as f64 + 10.0;
    let mut svg = open(
        height,
        "Scores out of 100, with how often each path comes first",
    );
    for (index, ranked) in assessment.ranking.iter().enumerate() {
        let y = top + row * index as f64;
        label(&mut svg, y + 15.0, &ranked.name);
        let sure = ranked
            .robustness
            .as_ref()
            .map_or_else(String::new, |stability| {
                let [low, high] = stability.rank_range;
                format!(
                    " · first in {:.0}% · ranks {low}–{high}",
                    100.0 * stability.first_share
                )
            });
        bar(
            &mut svg,
            y + 4.0,
            ranked.score / 100.0 * BAR_WIDTH,
            SCORE,
            &format!("{:.0} {}{sure}", ranked.score, ranked.band.word()),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn open(height: f64, title: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" font-family="system-ui, sans-serif"><title>{}</title>"#,
        escape(title)
    )
}

fn legend(svg: &mut String, entries: &[(&str, &str)]) {
    let mut x = LABEL_WIDTH;
    for (color, text) in entries {
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="6" width="12" height="12" fill="{color}"/><text x="{}" y="16" font-size="12" fill="#2d3748">{}</text>"##,
            x + 16.0,
            escape(text)
        );
        x += 40.0 + 7.0 * text.chars().count() as f64;
    }
}

fn label(svg: &mut String, y: f64, text: &str) {
    let _ = write!(
        svg,
        r##"<text x="{}" y="{y}" font-size="13" text-anchor="end" fill="#2d3748">{}</text>"##,
        LABEL_WIDTH - 10.0,
        escape(text)
    );
}

fn bar(svg: &mut String, y: f64, width: f64, color: &str, value: &str) {
    let _ = write!(
        svg,
        r##"<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1}" height="12" rx="2" fill="{color}"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#2d3748">{}</text>"##,
        LABEL_WIDTH + width + 6.0,
        y + 10.5,
        escape(value)
    );
}
