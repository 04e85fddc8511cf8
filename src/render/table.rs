//! Tables and text for people, laid out with comfy-table to fit the terminal.

use super::words::hanging;
use super::{Again, Renderer};
use crate::engine::{
    self, Assessment, Band, Comparison, Plan, Portfolios, RankedPath, Reason, Stability,
};
use crate::journal::{Entry, History, ReviewReport};
use crate::model::{CareerPath, Catalogue, Criteria, Criterion, RATING_MAX};
use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Width, presets,
};
use std::io::{self, Write};

/// Tables fit `width` columns; colour only when `color` is set.
pub struct Table {
    pub color: bool,
    pub width: u16,
    /// Borders and rating marks in ASCII (`--plain`), for screen readers and dumb terminals.
    pub ascii: bool,
}

impl Table {
    fn new_table(&self, header: &[&str]) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table
            .load_style(if self.ascii {
                presets::ASCII_FULL_CONDENSED
            } else {
                presets::UTF8_FULL_CONDENSED
            })
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.width);
        if self.color {
            table.enforce_styling();
            table.set_header(
                header
                    .iter()
                    .map(|title| Cell::new(title).add_attribute(Attribute::Bold)),
            );
        } else {
            table.force_no_tty();
            table.set_header(header.to_vec());
        }
        table
    }

    /// The ranking, a row a path: its place, name, score, robustness, reasons and first step.
    fn ranking_table(&self, assessment: &Assessment) -> comfy_table::Table {
        let header: &[&str] = if assessment.robustness.is_some() {
            &["#", "Path", "Score", "First in", "Why", "First step"]
        } else {
            &["#", "Path", "Score", "Why", "First step"]
        };
        let mut table = self.new_table(header);
        for ranked in &assessment.ranking {
            let why = (super::words::row_reasons(ranked).into_iter())
                .map(|(sign, text)| format!("{sign} {text}"))
                .collect::<Vec<_>>()
                .join("\n");
            let mut row = vec![
                Cell::new(ranked.rank),
                Cell::new(&ranked.name),
                self.score_cell(ranked.score, ranked.band),
            ];
            if let Some(stability) = &ranked.robustness {
                row.push(Cell::new(stability_text(stability)));
            }
            row.push(Cell::new(why));
            row.push(Cell::new(ranked.first_step.as_deref().unwrap_or_default()));
            table.add_row(row);
        }
        align_right(&mut table, &[0, 2]);
        table
    }

    /// The portfolios, a row each: parts, hours, income, score, how often best, against the
    /// best single path.
    fn portfolio_table(&self, found: &Portfolios) -> comfy_table::Table {
        let with_robustness = found.portfolios.iter().any(|p| p.robustness.is_some());
        let mut header = super::words::PORTFOLIO_COLUMNS.to_vec();
        if with_robustness {
            header.insert(header.len() - 1, super::words::PORTFOLIO_BEST_IN);
        }
        let mut table = self.new_table(&header);
        for (index, portfolio) in found.portfolios.iter().enumerate() {
            let parts = (portfolio.parts.iter())
                .map(part_text)
                .collect::<Vec<_>>()
                .join("\n");
            let mut row = vec![
                Cell::new(index + 1),
                Cell::new(parts),
                Cell::new(format!("{} h", portfolio.hours_per_week)),
                Cell::new(format!(
                    "{}–\n{}",
                    engine::usd(portfolio.income[0]),
                    engine::usd(portfolio.income[1])
                )),
                self.score_cell(portfolio.score, portfolio.band),
            ];
            if with_robustness {
                row.push(Cell::new(best_in(portfolio).unwrap_or_default()));
            }
            row.push(Cell::new(
                (portfolio.versus_best_single.as_ref()).map_or(String::new(), |versus| {
                    super::words::signed_points(versus.difference)
                }),
            ));
            table.add_row(row);
        }
        align_right(&mut table, &[0, 2, 4]);
        table
    }

    /// Keeps column `index` (ids and answers keys, copied by hand) at least as wide as its
    /// widest line, so that no id is broken in the middle, within three fifths of the table's
    /// width (the other columns keep the rest).
    fn keep_whole(&self, table: &mut comfy_table::Table, index: usize) {
        let header = table
            .header()
            .and_then(|header| header.cell_iter().nth(index));
        let widest = (table.column_cells_iter(index).flatten())
            .chain(header)
            .flat_map(|cell| {
                cell.content()
                    .lines()
                    .map(|line| line.chars().count())
                    .max()
            })
            .max()
            .unwrap_or(0);
        if let Some(column) = table.column_mut(index) {
            // The cell's padding, one space each side, is part of its width.
            let wanted = u16::try_from(widest + 2).unwrap_or(u16::MAX);
            // At most three fifths of a width that fits a u16, so that it fits one too.
            let room = (u32::from(self.width) * 3 / 5) as u16;
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                wanted.min(room),
            )));
        }
    }

    /// A score and its band, green when strong and yellow when fair, if colour is on.
    fn score_cell(&self, score: f64, band: Band) -> Cell {
        let cell = Cell::new(format!("{score:.0}\n{}", band.word()));
        match band {
            _ if !self.color => cell,
            Band::Strong => cell.fg(Color::Green),
            Band::Fair => cell.fg(Color::Yellow),
            Band::Weak => cell,
        }
    }
}

impl Renderer for Table {
    fn assessment(
        &self,
        out: &mut dyn Write,
        assessment: &Assessment,
        catalogue: &Catalogue,
        again: &Again,
    ) -> io::Result<()> {
        let width = usize::from(self.width);
        if assessment.ranking.is_empty() {
            writeln!(out, "No path is left once your constraints are applied.")?;
        } else {
            if width < NARROW_BELOW {
                for ranked in &assessment.ranking {
                    ranked_block(out, ranked, width)?;
                }
            } else {
                writeln!(out, "{}", self.ranking_table(assessment))?;
            }
            if let Some(robustness) = &assessment.robustness {
                let note = format!(
                    "First in: how often the path comes first among {} plausible variations of \
                     your answers, and the ranks it takes in nine of ten of them.",
                    robustness.samples
                );
                write!(out, "{}", hanging("", &note, width))?;
            }
        }

        if !assessment.excluded.is_empty() {
            let crate::engine::RuledOut {
                heading,
                lines,
                note,
            } = crate::engine::ruled_out(&assessment.excluded);
            write!(out, "\n{}", hanging("", &format!("{heading}:"), width))?;
            for (name, needs) in &lines {
                write!(out, "{}", hanging(&format!("  {name}: "), needs, width))?;
            }
            if let Some(note) = note {
                write!(out, "\n{}", hanging("", &note, width))?;
            }
        }
        if let Some(top) = assessment.ranking.first() {
            explain_top(out, assessment, top, self.width, again)?;
        }
        if !assessment.assumed.is_empty() {
            let keys: Vec<&str> = assessment.assumed.iter().map(|a| a.key.as_str()).collect();
            let note = format!(
                "Not answered, so the default ({}) was used: {}",
                defaults_summary(&catalogue.criteria),
                keys.join(", ")
            );
            write!(out, "\n{}", hanging("", &note, width))?;
        }
        let more =
            "Every score's parts: add `--format json`. One path in full: `ctopath paths show ID`.";
        write!(out, "\n{}", hanging("", more, width))
    }

    fn paths(&self, out: &mut dyn Write, catalogue: &Catalogue) -> io::Result<()> {
        let mut table = self.new_table(&["Id", "Name", "From", "Summary"]);
        for path in &catalogue.paths {
            let from = match &path.replaces {
                Some(earlier) => format!("{}\nreplaces {earlier}", path.origin),
                None => path.origin.to_string(),
            };
            table.add_row(vec![&*path.id, &path.name, &from, &path.summary]);
        }
        self.keep_whole(&mut table, 0);
        writeln!(out, "{table}")
    }

    fn path(&self, out: &mut dyn Write, path: &CareerPath, criteria: &Criteria) -> io::Result<()> {
        let width = usize::from(self.width);
        writeln!(out, "{} ({})", path.name, path.id)?;
        write!(out, "{}", hanging("", path.summary.trim_end(), width))?;
        writeln!(out)?;
        write!(out, "{}", hanging("", path.description.trim_end(), width))?;
        writeln!(out)?;
        let mut table = self.new_table(&["", "Criterion", "Rating"]);
        for skill in &criteria.skills {
            if let Some(&demand) = path.demands.get(&skill.id) {
                table.add_row(vec![
                    "demands".to_string(),
                    skill.name.to_string(),
                    dots(demand, self.ascii),
                ]);
            }
        }
        for goal in &criteria.goals {
            if let Some(&rating) = path.gives.get(&goal.id) {
                table.add_row(vec![
                    "gives".to_string(),
                    goal.name.to_string(),
                    dots(rating, self.ascii),
                ]);
            }
        }
        writeln!(out, "{table}")?;
        writeln!(out)?;
        for (label, figure) in crate::render::words::realities(path) {
            write!(out, "{}", hanging(&format!("{label:<16}"), &figure, width))?;
        }
        if !path.facts.is_empty() {
            writeln!(out, "\nFrom the sources:")?;
            for fact in &path.facts {
                let text = format!("{} [{}]", fact.text, fact.sources.join(", "));
                write!(out, "{}", hanging("  - ", &text, width))?;
            }
        }
        writeln!(out, "\nFirst steps:")?;
        for (number, step) in path.first_steps.iter().enumerate() {
            let number = format!("  {}. ", number + 1);
            write!(out, "{}", hanging(&number, step, width))?;
        }
        if !path.sources.is_empty() {
            writeln!(out, "\nSources:")?;
            for source in &path.sources {
                let text = crate::render::words::source(source);
                write!(out, "{}", hanging("  - ", &text, width))?;
            }
        }
        writeln!(out, "\nFrom {}", path.source)
    }

    fn questions(&self, out: &mut dyn Write, catalogue: &Catalogue) -> io::Result<()> {
        let criteria = &catalogue.criteria;
        let mut table = self.new_table(&["Key", "Question", "Answer"]);
        let mut add = |section: &str, list: &[Criterion]| {
            for criterion in list {
                table.add_row(vec![
                    format!("{section}.{}", criterion.id),
                    criterion.question.to_string(),
                    format!(
                        "1: {}\n5: {}\ndefault {}",
                        criterion.low, criterion.high, criterion.default
                    ),
                ]);
            }
        };
        add("skills", &criteria.skills);
        add("goals", &criteria.goals);
        let constraints = &criteria.constraints;
        for (key, question) in [
            ("hours_per_week", &constraints.hours_per_week),
            ("runway_months", &constraints.runway_months),
            ("min_income", &constraints.min_income),
        ] {
            table.add_row(vec![
                format!("constraints.{key}"),
                question.question.to_string(),
                format!("{}\nunset: no limit", question.range()),
            ]);
        }
        let ids: Vec<&str> = catalogue.paths.iter().map(|p| p.id.as_ref()).collect();
        table.add_row(vec![
            "constraints.exclude".to_string(),
            constraints.exclude.question.to_string(),
            format!("any of: {}", ids.join(", ")),
        ]);
        let goals: Vec<&str> = criteria.goals.iter().map(|g| g.id.as_ref()).collect();
        table.add_row(vec![
            "constraints.must_have".to_string(),
            constraints.must_have.question.to_string(),
            format!(
                "up to {} of: {}",
                crate::model::MAX_MUST_HAVES,
                goals.join(", ")
            ),
        ]);
        table.add_row(vec![
            "constraints.keeps_job".to_string(),
            constraints.keeps_job.question.to_string(),
            "true or false\nunset: assumed false".to_string(),
        ]);
        self.keep_whole(&mut table, 0);
        writeln!(out, "{table}")?;
        write!(
            out,
            "\n{}",
            hanging(
                "",
                "An answers file to fill in: `ctopath questions --template > answers.json`.",
                usize::from(self.width)
            )
        )
    }
    fn comparison(
        &self,
        out: &mut dyn Write,
        comparison: &Comparison,
        criteria: &Criteria,
    ) -> io::Result<()> {
        let (a, b) = (&comparison.a, &comparison.b);
        let standing = |side: &crate::engine::Side| match side.excluded {
            Some(_) => format!("{} (ruled out by your limits)", side.name),
            None => format!("{} (rank {}, {})", side.name, side.rank, side.band.word()),
        };
        let mut table = self.new_table(&["Criterion", &a.name, &b.name, "Difference"]);
        let mut rows: Vec<_> = comparison
            .criteria
            .iter()
            .filter(|d| !crate::engine::rank::negligible(d.difference))
            .collect();
        rows.sort_by(|x, y| y.difference.total_cmp(&x.difference));
        for row in rows {
            table.add_row(vec![
                criteria.name_of(row.kind, &row.criterion).to_string(),
                // Adding 0 turns -0 into 0, which is what a reader expects to see.
                format!("{:.1}", -row.a_lost + 0.0),
                format!("{:.1}", -row.b_lost + 0.0),
                super::words::signed_points(row.difference),
            ]);
        }
        table.add_row(vec![
            "Score".to_string(),
            format!("{:.1}", a.score),
            format!("{:.1}", b.score),
            super::words::signed_points(comparison.difference),
        ]);
        align_right(&mut table, &[1, 2, 3]);
        let heading = format!(
            "{} against {}: the points each gives up of the 100 it could score, where they differ:",
            standing(a),
            standing(b)
        );
        write!(out, "{}", hanging("", &heading, usize::from(self.width)))?;
        writeln!(out, "{table}")?;
        write!(
            out,
            "\n{}",
            hanging("", &comparison.summary, usize::from(self.width))
        )?;
        write!(
            out,
            "{}",
            hanging(
                "",
                "Criteria that cost both the same are left out; `--format json` lists them all.",
                usize::from(self.width)
            )
        )
    }

    fn portfolios(&self, out: &mut dyn Write, found: &Portfolios, again: &Again) -> io::Result<()> {
        let width = usize::from(self.width);
        if found.portfolios.is_empty() {
            let mut text = format!(
                "No combination of paths done in parts fits {} hours a week ({}), {}.",
                found.week.hours, found.week.from, found.limits
            );
            if let Some(why) = &found.why_none {
                text.push_str(&format!(" What stops them: {why}."));
            }
            write!(out, "{}", hanging("", &text, width))?;
            return Ok(());
        }
        // Each block ends with a blank line; the table is followed by one.
        if width < NARROW_BELOW {
            for (index, portfolio) in found.portfolios.iter().enumerate() {
                portfolio_block(out, index + 1, portfolio, width)?;
            }
        } else {
            writeln!(out, "{}\n", self.portfolio_table(found))?;
        }
        let best = &found.portfolios[0];
        if let Some(versus) = &best.versus_best_single {
            write!(out, "{}", hanging("", &versus.summary, width))?;
        }
        for (label, text) in [
            ("Why it fits:", texts(&best.reasons.for_path)),
            (
                "Biggest gap:",
                texts(&best.reasons.against[..best.reasons.against.len().min(1)]),
            ),
        ] {
            if !text.is_empty() {
                write!(out, "{}", hanging(&format!("  {label:<15}"), &text, width))?;
            }
        }
        let footer = format!(
            "Fitted to {} hours a week ({}). Search: {}. Every part of each score: `--format \
             json`. A plan for the first:",
            found.week.hours, found.week.from, found.search,
        );
        write!(out, "\n{}", hanging("", &footer, width))?;
        writeln!(out, "  {}", again.command(&format!("plan {}", best.id)))
    }

    fn plan(&self, out: &mut dyn Write, plan: &Plan) -> io::Result<()> {
        let width = usize::from(self.width);
        let standing = match (&plan.excluded, plan.rank, plan.score) {
            (Some(reason), _, _) => format!("ruled out by your limits: {reason}"),
            (None, rank, Some(score)) => {
                let band = plan.band.map_or("", |band| band.word());
                let mut standing = match rank {
                    Some(rank) => format!("rank {rank}, score {score:.0}, {band}"),
                    None => format!("score {score:.0}, {band}"),
                };
                for conflict in &plan.conflicts {
                    standing.push_str("; it ");
                    standing.push_str(&conflict.text);
                }
                standing
            }
            _ => "not ranked".to_string(),
        };
        let heading = format!("Plan: {} ({standing})", plan.name);
        write!(out, "{}", hanging("", &heading, width))?;
        fn section(
            out: &mut dyn Write,
            title: &str,
            items: &[impl AsRef<str>],
            numbered: bool,
            width: usize,
        ) -> io::Result<()> {
            if items.is_empty() {
                return Ok(());
            }
            writeln!(out, "\n{title}")?;
            for (index, item) in items.iter().enumerate() {
                let bullet = if numbered {
                    format!("  {}. ", index + 1)
                } else {
                    "  - ".to_string()
                };
                write!(out, "{}", hanging(&bullet, item.as_ref(), width))?;
            }
            Ok(())
        }
        section(out, "First steps:", &plan.first_steps, true, width)?;
        let gaps: Vec<String> = plan
            .gaps
            .iter()
            .map(|gap| {
                format!(
                    "{}: you rate yourself {}, it demands {}. {}",
                    gap.name, gap.level, gap.demand, gap.how
                )
            })
            .collect();
        if gaps.is_empty() {
            let none = "Gaps to close: none; your skills meet every demand of this path.";
            write!(out, "\n{}", hanging("", none, width))?;
        }
        section(out, "Gaps to close, largest first:", &gaps, false, width)?;
        section(out, "Watch:", &plan.watch, false, width)?;
        section(
            out,
            "Test it cheaply before you commit:",
            &plan.experiments,
            false,
            width,
        )?;
        let review = format!(
            "Review the decision on {} ({} weeks from now).",
            plan.review_on, plan.review_after_weeks
        );
        write!(out, "\n{}", hanging("", &review, width))
    }

    fn history(&self, out: &mut dyn Write, history: &History) -> io::Result<()> {
        let width = usize::from(self.width);
        if history.entries.is_empty() {
            writeln!(
                out,
                "No assessments kept yet: `ctopath assess` keeps one each time it ranks your answers."
            )?;
        } else {
            let mut table = self.new_table(&["No.", "Date", "Top path", "Score", "How sure"]);
            for entry in &history.entries {
                let (name, score) = match &entry.top {
                    Some(top) => (top.name.clone(), format!("{:.0} {}", top.score, top.band)),
                    None => ("(none left)".to_string(), String::new()),
                };
                let review = if entry.command == "review" {
                    " (review)"
                } else {
                    ""
                };
                table.add_row(vec![
                    entry.number.to_string(),
                    format!("{}{review}", entry.date),
                    name,
                    score,
                    entry.how_sure.clone(),
                ]);
            }
            align_right(&mut table, &[0]);
            writeln!(out, "{table}")?;
            writeln!(out, "`ctopath history show N` shows one in full.")?;
        }
        if !history.decisions.is_empty() {
            writeln!(out, "\nDecisions:")?;
            for decision in &history.decisions {
                write!(out, "{}", hanging("  - ", &decision_line(decision), width))?;
            }
        }
        write!(out, "\n{}", hanging("", &history.calibration.text, width))?;
        if let Some(file) = &history.file {
            let text = format!(
                "Kept in {file} (decisions beside it). Delete those files to forget them; \
                 `assess --no-history` or CTOPATH_NO_HISTORY=1 keeps none."
            );
            write!(out, "\n{}", hanging("", &text, width))?;
        }
        Ok(())
    }

    fn history_entry(&self, out: &mut dyn Write, entry: &Entry) -> io::Result<()> {
        let width = usize::from(self.width);
        let heading = format!(
            "Entry {}, {} ({}; ctopath {}, scoring model {})",
            entry.seq, entry.date, entry.command, entry.ctopath_version, entry.model_version
        );
        write!(out, "{}", hanging("", &heading, width))?;
        let mut table = self.new_table(&["Rank", "Path", "Score", "First in"]);
        for top in &entry.top {
            table.add_row(vec![
                top.rank.to_string(),
                top.name.clone(),
                format!("{:.1} {}", top.score, top.band),
                top.first_share
                    .map_or_else(String::new, |share| format!("{:.0}%", 100.0 * share)),
            ]);
        }
        align_right(&mut table, &[0]);
        writeln!(out, "{table}")?;
        if let Some(verdict) = &entry.verdict {
            write!(out, "{}", hanging("", verdict, width))?;
        }
        if let Some(flip) = &entry.flip {
            write!(out, "{}", hanging("", &flip.text, width))?;
        }
        writeln!(out, "\nAnswers:")?;
        let answers = serde_json::to_string_pretty(&entry.answers).map_err(io::Error::other)?;
        writeln!(out, "{answers}")
    }

    fn review(&self, out: &mut dyn Write, report: &ReviewReport) -> io::Result<()> {
        let width = usize::from(self.width);
        let review = &report.review;
        let opening = match &report.since {
            Some(since) => format!(
                "Since entry {} of {}: {}",
                since.number, since.date, review.summary
            ),
            None if report.entry.is_some() => "Your history has no earlier entry to compare \
                with: the next review compares with this one."
                .to_string(),
            None => "Your history has no earlier entry to compare with.".to_string(),
        };
        write!(out, "{}", hanging("", &opening, width))?;
        if report.since.is_some() {
            if !review.changes.is_empty() {
                writeln!(out, "\nAnswers that changed:")?;
                for change in &review.changes {
                    write!(out, "{}", hanging("  - ", &change.text, width))?;
                }
            }
            let mut table = self.new_table(&["Path", "Rank", "Score", "Change", "Caused by"]);
            let names: std::collections::HashMap<&str, &str> = review
                .changes
                .iter()
                .map(|c| (c.key.as_str(), c.name.as_str()))
                .collect();
            for moved in &review.paths {
                let rank = |rank: Option<usize>| rank.map_or("out".to_string(), |r| r.to_string());
                let score =
                    |score: Option<f64>| score.map_or("out".to_string(), |s| format!("{s:.1}"));
                let mut parts: Vec<_> = moved
                    .parts
                    .iter()
                    .filter(|part| !crate::engine::rank::negligible(part.points))
                    .collect();
                parts.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
                let causes: Vec<String> = parts
                    .iter()
                    .take(3)
                    .map(|part| {
                        let points = super::words::signed_points(part.points);
                        format!("{} {points}", names[part.key.as_str()])
                    })
                    .collect();
                table.add_row(vec![
                    moved.name.clone(),
                    format!("{} → {}", rank(moved.rank_before), rank(moved.rank_after)),
                    format!(
                        "{} → {}",
                        score(moved.score_before),
                        score(moved.score_after)
                    ),
                    super::words::signed_points(moved.points),
                    causes.join(", "),
                ]);
            }
            align_right(&mut table, &[3]);
            writeln!(out, "\n{table}")?;
            if review.changes.len() > 1 && !review.largest.is_empty() {
                writeln!(out, "\nLargest moves, by the answer that caused them:")?;
                for cause in &review.largest {
                    write!(out, "{}", hanging("  - ", &cause.text, width))?;
                }
            }
            if review.attribution == crate::engine::attribution::Method::Sequential {
                write!(
                    out,
                    "\n{}",
                    hanging("", crate::engine::SEQUENTIAL_CREDIT, width)
                )?;
            }
        }
        if !report.outcomes.is_empty() {
            writeln!(out, "\nOutcomes recorded:")?;
            for decision in &report.outcomes {
                write!(out, "{}", hanging("  - ", &decision_line(decision), width))?;
            }
        }
        for decision in &report.still_due {
            let text = format!(
                "Decision {} ({}) is due for review and has no outcome yet: the next `ctopath review` asks again, or pass --outcome {}=expected|partly|not.",
                decision.number, decision.name, decision.path
            );
            write!(out, "\n{}", hanging("", &text, width))?;
        }
        write!(out, "\n{}", hanging("", &report.calibration.text, width))?;
        if let Some(entry) = report.entry {
            writeln!(out, "\nKept in your history as entry {entry}.")?;
        }
        Ok(())
    }
}

/// A decision in a line: `#1 2026-11-24 Fractional CTO, 70% sure: "two clients"; review on
/// 2027-02-22: partly`.
fn decision_line(decision: &crate::journal::Decision) -> String {
    let mut line = format!("#{} {} {}", decision.number, decision.date, decision.name);
    if let Some(pct) = decision.confidence {
        line.push_str(&format!(", {pct}% sure"));
    }
    if let Some(expect) = &decision.expect {
        line.push_str(&format!(" of \"{expect}\""));
    }
    line.push_str(&format!("; review on {}", decision.review_on));
    match (decision.outcome, decision.due) {
        (Some(outcome), _) => line.push_str(&format!(": {}", outcome.word())),
        (None, true) => line.push_str(": due now, `ctopath review` asks"),
        (None, false) => {}
    }
    line
}

fn align_right(table: &mut comfy_table::Table, columns: &[usize]) {
    for &index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// Reasons' texts on one line: `strong on income (4/5), …; strong on variety (5/5), …`.
fn texts(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|reason| &*reason.text)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The top path in plain words: why it fits, the biggest gap, where to start, and how sure the
/// ranking is.
fn explain_top(
    out: &mut dyn Write,
    assessment: &Assessment,
    top: &RankedPath,
    width: u16,
    again: &Again,
) -> io::Result<()> {
    let robustness = assessment.robustness.as_ref();
    let why = texts(&top.reasons.for_path);
    let why = if why.is_empty() {
        "no single strength stands out"
    } else {
        &why
    };
    let gap = top
        .reasons
        .against
        .first()
        .map_or("none worth naming", |r| &*r.text);
    writeln!(out)?;
    // What limits the ranking comes first, so that it is read before the winner.
    for warning in engine::summary_warnings(assessment) {
        write!(out, "{}", hanging("", &warning.text, usize::from(width)))?;
    }
    write!(
        out,
        "{}",
        hanging("", &engine::headline(top), usize::from(width))
    )?;
    let mut lines = vec![("Why it fits:", why), ("Biggest gap:", gap)];
    if let Some(step) = &top.first_step {
        lines.push(("First step:", step));
    }
    if let Some(robustness) = robustness {
        lines.push(("How sure:", &robustness.verdict));
        lines.push((
            "What flips it:",
            robustness.flip.as_ref().map_or(
                "no change of a single answer would put another path first.",
                |flip| flip.text.as_str(),
            ),
        ));
    }
    for (label, text) in lines {
        write!(
            out,
            "{}",
            hanging(&format!("  {label:<15}"), text, usize::from(width))
        )?;
    }
    if let Some(line) = engine::portfolio_line(assessment) {
        write!(out, "\n{}", hanging("", &line, usize::from(width)))?;
        writeln!(out, "  {}", again.command("portfolio"))?;
    }
    Ok(())
}

/// Below this many columns the ranking's six columns would break words in the middle, so each
/// path is written as a block of wrapped lines instead.
const NARROW_BELOW: usize = 72;

/// One ranked path as a block, for a narrow terminal: what its row says, a line a cell.
fn ranked_block(out: &mut dyn Write, ranked: &RankedPath, width: usize) -> io::Result<()> {
    const INDENT: &str = "    ";
    let heading = format!(
        "{:>2}. {} ({:.0}, {})",
        ranked.rank,
        ranked.name,
        ranked.score,
        ranked.band.word()
    );
    write!(out, "{}", hanging("", &heading, width))?;
    if let Some(stability) = &ranked.robustness {
        let first_in = stability_text(stability).replace('\n', ", ");
        write!(
            out,
            "{}",
            hanging(INDENT, &format!("First in {first_in}"), width)
        )?;
    }
    for (sign, text) in super::words::row_reasons(ranked) {
        write!(out, "{}", hanging(&format!("{INDENT}{sign} "), text, width))?;
    }
    if let Some(step) = &ranked.first_step {
        write!(
            out,
            "{}",
            hanging(&format!("{INDENT}First step: "), step, width)
        )?;
    }
    writeln!(out)
}

/// One portfolio as a block, for a narrow terminal: what its row says, a part a line.
fn portfolio_block(
    out: &mut dyn Write,
    place: usize,
    portfolio: &engine::Portfolio,
    width: usize,
) -> io::Result<()> {
    const INDENT: &str = "    ";
    let heading = format!(
        "{place:>2}. Score {:.0}, {}; {} h a week; {}–{}",
        portfolio.score,
        portfolio.band.word(),
        portfolio.hours_per_week,
        engine::usd(portfolio.income[0]),
        engine::usd(portfolio.income[1])
    );
    write!(out, "{}", hanging("", &heading, width))?;
    for part in &portfolio.parts {
        write!(out, "{}", hanging(INDENT, &part_text(part), width))?;
    }
    let behind_or_ahead = (portfolio.versus_best_single.as_ref()).map(|versus| {
        let points = versus.difference.abs();
        match versus.difference {
            _ if engine::rank::negligible(versus.difference) => {
                "level with the best single path".to_string()
            }
            difference if difference < 0.0 => {
                format!("{points:.1} points behind the best single path")
            }
            _ => format!("{points:.1} points ahead of the best single path"),
        }
    });
    let standing: Vec<String> = [
        best_in(portfolio).map(|share| format!("Best in {share} of variations")),
        behind_or_ahead,
    ]
    .into_iter()
    .flatten()
    .collect();
    if !standing.is_empty() {
        write!(out, "{}", hanging(INDENT, &standing.join("; "), width))?;
    }
    writeln!(out)
}

/// A part of a portfolio: `Consultant × 2 clients, 20 h`, or `Founder, 50 h` for an anchor.
fn part_text(part: &engine::PortfolioPart) -> String {
    match part.unit.as_str() {
        "" => format!("{}, {} h", part.name, part.hours_per_week),
        unit => format!(
            "{} × {} {unit}, {} h",
            part.name, part.units, part.hours_per_week
        ),
    }
}

/// How often a portfolio comes first as the answers vary (`41%`), if that was worked out.
fn best_in(portfolio: &engine::Portfolio) -> Option<String> {
    (portfolio.robustness.as_ref())
        .map(|stability| format!("{:.0}%", 100.0 * stability.first_share))
}

/// `95% first` and the likely ranks, e.g. `rank 1` or `ranks 1–3`.
fn stability_text(stability: &Stability) -> String {
    let [low, high] = stability.rank_range;
    let ranks = if low == high {
        format!("rank {low}")
    } else {
        format!("ranks {low}–{high}")
    };
    format!("{:.0}%\n{ranks}", 100.0 * stability.first_share)
}

/// `4` → `●●●●○ 4`, or `****- 4` in ASCII.
fn dots(rating: u8, ascii: bool) -> String {
    let (on, off) = if ascii { ('*', '-') } else { ('●', '○') };
    (1..=RATING_MAX)
        .map(|n| if n <= rating { on } else { off })
        .collect::<String>()
        + &format!(" {rating}")
}

/// `3` when every criterion defaults to 3, otherwise "each criterion's".
fn defaults_summary(criteria: &Criteria) -> String {
    let mut defaults = criteria
        .skills
        .iter()
        .chain(&criteria.goals)
        .map(|c| c.default);
    match defaults.next() {
        Some(first) if defaults.all(|d| d == first) => first.to_string(),
        _ => "each criterion's".to_string(),
    }
}
