//! A report people keep: the ranking, how sure it is, the top paths explained, a plan for the
//! first, and charts. The content is built once as plain blocks; one writer per format
//! (Markdown, HTML) turns the blocks into a self-contained file with the charts as inline SVG.

mod html;
mod markdown;
mod svg;

use crate::engine::{Assessment, Plan, RankedPath};
use crate::model::{Answers, Catalogue, Text};
use std::io::{self, Write};

/// Everything a report shows.
pub struct ReportInput<'a> {
    pub assessment: &'a Assessment,
    pub catalogue: &'a Catalogue,
    pub answers: &'a Answers,
    /// The plan for the top path, if any path is ranked.
    pub plan: Option<&'a Plan>,
    /// The day the report is made, in the person's time zone.
    pub made_on: jiff::civil::Date,
    /// How the commands the report suggests pass the same catalogue and answers.
    pub again: &'a super::Again,
}

/// Writes a report in one format.
pub trait Report {
    fn write(&self, out: &mut dyn Write, blocks: &[Block]) -> io::Result<()>;
}

pub fn writer(format: ReportFormat) -> &'static dyn Report {
    match format {
        ReportFormat::Markdown => &markdown::Markdown,
        ReportFormat::Html => &html::Html,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
}

/// A piece of a report. Text is plain: each writer escapes it for its format.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Subheading(String),
    Paragraph(String),
    /// A command to run, shown whole to be copied.
    Command(String),
    List(Vec<String>),
    /// Header cells, rows, and a key per row (a path id) that HTML exposes for checking.
    Table {
        header: Vec<String>,
        rows: Vec<Row>,
    },
    /// An SVG image, already escaped, with a text alternative.
    Chart {
        svg: String,
        alt: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    pub score: Option<f64>,
    pub cells: Vec<String>,
}

pub(super) use crate::text::is_bidi_control;

/// How many of the top paths are explained one by one.
const EXPLAINED: usize = 3;

/// The report's content.
pub fn blocks(input: &ReportInput) -> Vec<Block> {
    let assessment = input.assessment;
    let mut blocks = vec![
        Block::Title("What comes after CTO: your ctopath report".to_string()),
        Block::Paragraph(made_by(input)),
    ];
    let Some(top) = assessment.ranking.first() else {
        blocks.push(Block::Paragraph(
            "No path is left once your limits are applied.".to_string(),
        ));
        blocks.extend(ruled_out(assessment));
        blocks.extend(answers_blocks(input));
        return blocks;
    };
    // What limits the ranking first, then the headline, as in the terminal.
    let mut summary: Vec<String> = crate::engine::summary_warnings(assessment)
        .iter()
        .map(|w| w.text.clone())
        .collect();
    summary.push(crate::engine::headline(top));
    let mut summary = summary.join(" ");
    if let Some(robustness) = &assessment.robustness {
        summary.push(' ');
        summary.push_str(&robustness.verdict);
        if let Some(flip) = &robustness.flip {
            summary.push(' ');
            summary.push_str(&flip.text);
        }
    }
    blocks.push(Block::Paragraph(summary));

    blocks.push(Block::Heading("Ranking".to_string()));
    blocks.push(ranking_table(assessment));
    blocks.push(Block::Chart {
        svg: svg::scores(assessment),
        alt: "Each path's score out of 100, with how often it comes first and its likely ranks."
            .to_string(),
    });
    if let Some(robustness) = &assessment.robustness {
        blocks.push(Block::Paragraph(format!(
            "How sure: {} The check ranked {} variations of your answers (seed {}): {}.",
            robustness.verdict, robustness.samples, robustness.seed, robustness.method
        )));
    }

    if let Some(found) = &assessment.portfolios
        && !found.portfolios.is_empty()
    {
        blocks.extend(portfolio_blocks(found, assessment, input.again));
    }
    blocks.push(Block::Heading("The top paths".to_string()));
    for ranked in assessment.ranking.iter().take(EXPLAINED) {
        blocks.extend(explained(ranked, input));
    }
    if let Some(plan) = input.plan {
        blocks.extend(plan_blocks(plan));
    }
    blocks.extend(ruled_out(assessment));
    if !assessment.assumed.is_empty() {
        let keys: Vec<String> = assessment
            .assumed
            .iter()
            .map(|a| format!("{} = {}", a.key, a.value))
            .collect();
        blocks.push(Block::Paragraph(format!(
            "Not answered, so the default was used: {}.",
            keys.join(", ")
        )));
    }
    blocks.extend(answers_blocks(input));
    blocks.push(Block::Paragraph(format!(
        "{} Every score's parts: run ctopath assess --format json on the same answers.",
        made_by(input)
    )));
    blocks
}

/// When and by what the report was made: a score is read against its scoring model.
fn made_by(input: &ReportInput) -> String {
    format!(
        "Made on {} by ctopath {}, scoring model {}.",
        input.made_on,
        env!("CARGO_PKG_VERSION"),
        input.assessment.model_version
    )
}

/// The answers the report was made from, so that it can be read, and remade, later.
fn answers_blocks(input: &ReportInput) -> Vec<Block> {
    let criteria = &input.catalogue.criteria;
    let answers = input.answers;
    // A skill is answered with a level, a goal with how much it matters.
    let rows = |section: &str,
                answered: &str,
                list: &[crate::model::Criterion],
                given: &std::collections::BTreeMap<String, u8>| {
        list.iter()
            .map(|criterion| {
                let value = given
                    .get(&*criterion.id)
                    .copied()
                    .unwrap_or(criterion.default);
                Row {
                    key: format!("{section}.{}", criterion.id),
                    score: None,
                    cells: vec![
                        criterion.name.to_string(),
                        format!("{answered} {value} of {}", crate::model::RATING_MAX),
                    ],
                }
            })
            .collect::<Vec<_>>()
    };
    let mut table = rows("skills", "level", &criteria.skills, &answers.skills);
    table.extend(rows("goals", "importance", &criteria.goals, &answers.goals));
    let limits = &answers.constraints;
    let mut said = vec![
        format!(
            "Hours a week: {}",
            limits
                .hours_per_week
                .map_or("no limit".to_string(), |h| h.to_string())
        ),
        format!(
            "Savings runway: {}",
            limits
                .runway_months
                .map_or("no limit".to_string(), |m| format!("{m} months"))
        ),
        format!(
            "Income floor: {}",
            limits.min_income.map_or("none".to_string(), |usd| format!(
                "{} a year",
                crate::engine::usd(usd)
            ))
        ),
    ];
    if !limits.exclude.is_empty() {
        said.push(format!(
            "Ruled out by you: {}",
            limits
                .exclude
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !limits.must_have.is_empty() {
        said.push(format!("Must-haves: {}", limits.must_have.join(", ")));
    }
    if let Some(keeps) = limits.keeps_job {
        said.push(format!(
            "Keeps a job beside a part-time path: {}",
            if keeps { "yes" } else { "no" }
        ));
    }
    vec![
        Block::Heading("The answers this report was made from".to_string()),
        Block::Table {
            header: ["Criterion", "Your answer"].map(String::from).to_vec(),
            rows: table,
        },
        Block::List(said),
    ]
}

fn ranking_table(assessment: &Assessment) -> Block {
    let header = ["#", "Path", "Score", "First in", "Likely ranks", "Why"]
        .map(String::from)
        .to_vec();
    let rows = assessment
        .ranking
        .iter()
        .map(|ranked| {
            let (first, ranks) = match &ranked.robustness {
                Some(stability) => {
                    let [low, high] = stability.rank_range;
                    (
                        format!("{:.0}%", 100.0 * stability.first_share),
                        format!("{low}–{high}"),
                    )
                }
                None => ("–".to_string(), "–".to_string()),
            };
            let why = (crate::render::words::row_reasons(ranked).into_iter())
                .map(|(sign, text)| format!("{sign} {text}"))
                .collect::<Vec<_>>()
                .join("; ");
            Row {
                key: ranked.id.to_string(),
                score: Some(ranked.score),
                cells: vec![
                    ranked.rank.to_string(),
                    ranked.name.to_string(),
                    format!("{:.0} {}", ranked.score, ranked.band.word()),
                    first,
                    ranks,
                    why,
                ],
            }
        })
        .collect();
    Block::Table { header, rows }
}

fn explained(ranked: &RankedPath, input: &ReportInput) -> Vec<Block> {
    let mut blocks = vec![Block::Subheading(format!(
        "{}. {} ({:.0}, {})",
        ranked.rank,
        ranked.name,
        ranked.score,
        ranked.band.word()
    ))];
    if let Some(path) = input.catalogue.path(&ranked.id) {
        blocks.push(Block::Paragraph(path.summary.to_string()));
        let criteria = &input.catalogue.criteria;
        blocks.push(Block::Chart {
            svg: svg::goals(criteria, input.answers, path),
            alt: format!(
                "How much each goal matters to you against how well {} gives it.",
                path.name
            ),
        });
        blocks.push(Block::Chart {
            svg: svg::skills(criteria, input.answers, path),
            alt: format!("Your skill levels against what {} demands.", path.name),
        });
        let mut figures: Vec<String> = crate::render::words::realities(path)
            .into_iter()
            .map(|(label, figure)| format!("{label} {figure}"))
            .collect();
        figures.extend(
            path.facts
                .iter()
                .map(|fact| format!("{} [{}]", fact.text, fact.sources.join(", "))),
        );
        blocks.push(Block::List(figures));
        if !path.sources.is_empty() {
            blocks.push(Block::Paragraph("Sources:".to_string()));
            blocks.push(Block::List(
                path.sources
                    .iter()
                    .map(crate::render::words::source)
                    .collect(),
            ));
        }
    }
    let side = |label: &str, reasons: &[crate::engine::Reason]| {
        reasons
            .iter()
            .map(|r| format!("{label}: {}", r.text))
            .collect::<Vec<_>>()
    };
    let mut reasons = side("For", &ranked.reasons.for_path);
    reasons.extend(side("Against", &ranked.reasons.against));
    if !reasons.is_empty() {
        blocks.push(Block::List(reasons));
    }
    blocks
}

fn portfolio_blocks(
    found: &crate::engine::Portfolios,
    assessment: &Assessment,
    again: &super::Again,
) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(
        "Portfolios: several paths at once".to_string(),
    )];
    match crate::engine::portfolio_line(assessment) {
        Some(line) => {
            blocks.push(Block::Paragraph(line));
            blocks.push(Block::Command(again.command("portfolio")));
        }
        None => blocks.push(Block::Paragraph(
            "No portfolio of paths done in parts scores higher than the best single path."
                .to_string(),
        )),
    }
    let header = crate::render::words::PORTFOLIO_COLUMNS
        .map(String::from)
        .to_vec();
    let rows = found
        .portfolios
        .iter()
        .enumerate()
        .map(|(index, portfolio)| Row {
            key: portfolio.id.clone(),
            score: Some(portfolio.score),
            cells: vec![
                (index + 1).to_string(),
                portfolio.name.clone(),
                format!("{} h", portfolio.hours_per_week),
                format!(
                    "{} to {}",
                    crate::engine::usd(portfolio.income[0]),
                    crate::engine::usd(portfolio.income[1])
                ),
                format!("{:.0} {}", portfolio.score, portfolio.band.word()),
                portfolio
                    .versus_best_single
                    .as_ref()
                    .map_or(String::new(), |v| {
                        crate::render::words::signed_points(v.difference)
                    }),
            ],
        })
        .collect();
    blocks.push(Block::Table { header, rows });
    blocks.push(Block::Paragraph(format!(
        "Fitted to {} hours a week ({}).",
        found.week.hours, found.week.from
    )));
    blocks
}

fn plan_blocks(plan: &Plan) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(format!("A plan for {}", plan.name))];
    blocks.push(Block::Paragraph("First steps:".to_string()));
    blocks.push(Block::List(to_strings(&plan.first_steps)));
    if plan.gaps.is_empty() {
        blocks.push(Block::Paragraph(
            "Gaps to close: none; your skills meet every demand of this path.".to_string(),
        ));
    } else {
        blocks.push(Block::Paragraph(
            "Gaps to close, largest first:".to_string(),
        ));
        blocks.push(Block::List(
            plan.gaps
                .iter()
                .map(|gap| {
                    format!(
                        "{}: you rate yourself {}, it demands {}. {}",
                        gap.name, gap.level, gap.demand, gap.how
                    )
                })
                .collect(),
        ));
    }
    if !plan.watch.is_empty() {
        blocks.push(Block::Paragraph("Watch:".to_string()));
        blocks.push(Block::List(plan.watch.clone()));
    }
    if !plan.experiments.is_empty() {
        blocks.push(Block::Paragraph(
            "Test it cheaply before you commit:".to_string(),
        ));
        blocks.push(Block::List(to_strings(&plan.experiments)));
    }
    blocks.push(Block::Paragraph(format!(
        "Review the decision on {} ({} weeks from the report).",
        plan.review_on, plan.review_after_weeks
    )));
    blocks
}

fn ruled_out(assessment: &Assessment) -> Vec<Block> {
    if assessment.excluded.is_empty() {
        return Vec::new();
    }
    let crate::engine::RuledOut {
        heading,
        lines,
        note,
    } = crate::engine::ruled_out(&assessment.excluded);
    let mut blocks = vec![
        Block::Heading(heading),
        Block::List(
            (lines.into_iter())
                .map(|(name, needs)| format!("{name}: {needs}"))
                .collect(),
        ),
    ];
    blocks.extend(note.map(Block::Paragraph));
    blocks
}

/// A plan's texts as a list's items.
fn to_strings(texts: &[Text]) -> Vec<String> {
    texts.iter().map(ToString::to_string).collect()
}
