//! `ctopath paths list`, `ctopath paths show ID` and `ctopath paths new ID`.

use super::{load_catalogue, print};
use crate::catalogue::{self, Origin};
use crate::cli::PathsCommand;
use crate::files::{self, Access, Existing};
use crate::model::{Basis, CareerPath, Catalogue, Combines, IncomeRange, Need, Realities};
use crate::suggest::did_you_mean;
use crate::{Display, UsageError, render};
use anyhow::{Result, bail};
use std::collections::BTreeMap;
use std::path::Path;

pub fn run(origins: &[Origin], command: &PathsCommand, display: &Display) -> Result<()> {
    match command {
        PathsCommand::New { id, dir } => new(origins, id, dir.as_deref()),
        PathsCommand::List { format } => {
            let catalogue = load_catalogue(origins)?;
            print(|out| render::renderer(*format, display).paths(out, &catalogue))
        }
        PathsCommand::Show { id, format } => {
            let catalogue = load_catalogue(origins)?;
            let Some(path) = catalogue.path(id) else {
                let ids = catalogue.paths.iter().map(|p| p.id.as_str());
                bail!(
                    "no path has the id '{id}'{}; `ctopath paths list` shows them all",
                    did_you_mean(id, ids)
                );
            };
            print(|out| render::renderer(*format, display).path(out, path, &catalogue.criteria))
        }
    }
}

/// Writes a path file to fill in: a copy of the path if the id exists (to replace it), a
/// placeholder otherwise. Never replaces a file.
fn new(origins: &[Origin], id: &str, dir: Option<&Path>) -> Result<()> {
    if !catalogue::is_valid_id(id) {
        return Err(UsageError(format!(
            "'{id}' is not a valid id: use lowercase letters, digits and `_`, starting with a letter (e.g. interim_cto)"
        ))
        .into());
    }
    let Some(dir) = dir.map(Path::to_path_buf).or_else(crate::user_paths_dir) else {
        bail!("there is no configuration folder on this system; pass --dir DIR");
    };
    let file = dir.join(format!("{id}.yaml"));
    let schema_file = dir.join(PATH_SCHEMA_FILE);
    files::check_target(&file, Existing::Refuse)?;
    // The schema is ctopath's own and is brought up to date, but only over a regular file.
    files::check_target(&schema_file, Existing::Replace)?;
    // Checked after the cheap refusals above, which need no catalogue.
    let catalogue = &load_catalogue(origins)?;
    let existing = catalogue.path(id);
    let path = existing
        .cloned()
        .unwrap_or_else(|| placeholder(id, catalogue));
    files::write(
        &file,
        &template(&path, catalogue),
        Existing::Refuse,
        Access::Shared,
    )?;
    // The schema beside it lets an editor check and complete the file as it is typed.
    let schema = serde_json::to_string_pretty(&catalogue::path_schema(&catalogue.criteria))? + "\n";
    files::write(&schema_file, &schema, Existing::Replace, Access::Shared)?;

    let mut out = std::io::stdout().lock();
    use std::io::Write;
    writeln!(
        out,
        "Wrote {}",
        crate::text::sanitize(&file.display().to_string())
    )?;
    if let Some(existing) = existing {
        writeln!(
            out,
            "It starts as a copy of {} ({}), which it replaces.",
            existing.name, existing.source
        )?;
    }
    writeln!(out, "Edit it, then check it and see it ranked:")?;
    let flag = if Some(&dir) == crate::user_paths_dir().as_ref() {
        String::new()
    } else {
        format!(
            "--paths {} ",
            crate::text::sanitize(&dir.display().to_string())
        )
    };
    writeln!(out, "  ctopath {flag}validate")?;
    writeln!(out, "  ctopath {flag}paths show {id}")?;
    writeln!(out, "  ctopath {flag}assess")?;
    Ok(())
}

/// The schema file `paths new` writes beside a new path, named in its modeline.
const PATH_SCHEMA_FILE: &str = "path.schema.json";

/// A new path with every field filled in with something that validates and says what to write.
fn placeholder(id: &str, catalogue: &Catalogue) -> CareerPath {
    let mut name = id.replace('_', " ");
    if let Some(first) = name.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    let first_skill = catalogue.criteria.skills.first().map(|c| (c.id.clone(), 3));
    CareerPath {
        id: id.to_string(),
        name,
        summary: "One sentence: what this path is.".to_string(),
        description: "A short paragraph: what the work is day to day, and who it suits."
            .to_string(),
        demands: first_skill.into_iter().collect(),
        gives: catalogue
            .criteria
            .goals
            .iter()
            .map(|goal| (goal.id.clone(), 3))
            .collect(),
        realities: Realities {
            hours_per_week: Need {
                min: 10,
                typical: 40,
                basis: Basis::Estimate("Say how you reckoned it, or name sources.".to_string()),
            },
            runway_months: Need {
                min: 0,
                typical: 3,
                basis: Basis::Estimate("Say how you reckoned it, or name sources.".to_string()),
            },
            income_usd: IncomeRange {
                low: 50_000,
                high: 150_000,
                basis: Basis::Estimate("Say how you reckoned it, or name sources.".to_string()),
            },
        },
        first_steps: vec![
            "Write down why this path appeals to you and what would prove you right.".to_string(),
            "Talk to two people who do this work today.".to_string(),
            "Find one small, cheap way to try it within a month.".to_string(),
        ],
        experiments: vec![
            "Spend a day with someone who does this work, and write down what surprised you."
                .to_string(),
        ],
        review_after_weeks: 12,
        alongside_job: false,
        combines: Combines::Alone,
        sources: Vec::new(),
        facts: Vec::new(),
        source: String::new(),
        origin: String::new(),
        replaces: None,
    }
}

/// The path as a commented YAML file. Text is written as JSON strings, which YAML reads as
/// double-quoted scalars, so any text round-trips.
fn template(path: &CareerPath, catalogue: &Catalogue) -> String {
    let text = |value: &str| serde_json::to_string(value).expect("a string is JSON");
    let ids = |list: &[crate::model::Criterion]| {
        list.iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    // In the criteria's order, as the questionnaire asks them.
    let ratings = |map: &BTreeMap<String, u8>, list: &[crate::model::Criterion]| {
        list.iter()
            .filter_map(|c| {
                map.get(&c.id)
                    .map(|rating| format!("  {}: {rating}\n", c.id))
            })
            .collect::<String>()
    };
    let criteria = &catalogue.criteria;
    let realities = &path.realities;
    let id_list = |ids: &[String]| format!("[{}]", ids.join(", "));
    let basis = |basis: &Basis| match basis {
        Basis::Sources(ids) => format!(", sources: {}", id_list(ids)),
        Basis::Estimate(how) => format!(", estimate: {}", text(how)),
        Basis::Unstated => String::new(),
    };
    let sources: String = path
        .sources
        .iter()
        .map(|source| {
            let address = source
                .address
                .as_deref()
                .map_or(String::new(), |a| format!("\n    address: {}", text(a)));
            format!(
                "  - id: {}\n    title: {}{address}\n",
                source.id,
                text(&source.title)
            )
        })
        .collect();
    let facts: String = path
        .facts
        .iter()
        .map(|fact| {
            format!(
                "  - text: {}\n    sources: {}\n",
                text(&fact.text),
                id_list(&fact.sources)
            )
        })
        .collect();
    let experiments: String = path
        .experiments
        .iter()
        .map(|experiment| format!("  - {}\n", text(experiment)))
        .collect();
    let steps: String = path
        .first_steps
        .iter()
        .map(|step| format!("  - {}\n", text(step)))
        .collect();
    format!(
        "# yaml-language-server: $schema={PATH_SCHEMA_FILE}\n\
         # A career path for ctopath; the format is in paths/README.md of ctopath's source.\n\
         # All fields but `experiments` and `review_after_weeks` are required; check the file\n\
         # with `ctopath validate`.\n\
         id: {id}\n\
         name: {name}\n\
         # One sentence: what the path is.\n\
         summary: {summary}\n\
         # A short paragraph: the work day to day, and who it suits.\n\
         description: {description}\n\
         # The skill levels (1-5) the path needs; leave out skills it does not need.\n\
         # Skills: {skills}\n\
         demands:\n{demands}\
         # How well the path delivers each goal (1-5); a goal left out counts as 3.\n\
         # Goals: {goals}\n\
         gives:\n{gives}\
         realities:\n  \
           # Each figure names its `sources` (ids from the list below) or says it is an\n  \
           # `estimate` and how it was reckoned.\n  \
           # The least hours a week that still work, and what it usually takes.\n  \
           hours_per_week: {{min: {hours_min}, typical: {hours_typical}{hours_basis}}}\n  \
           # Months without a salary: the least to start with, and a comfortable amount.\n  \
           runway_months: {{min: {runway_min}, typical: {runway_typical}{runway_basis}}}\n  \
           # The typical yearly income, USD.\n  \
           income_usd: {{low: {low}, high: {high}{income_basis}}}\n\
         # Concrete steps to start with (3 to 5 is best); the first is shown in the ranking.\n\
         first_steps:\n{steps}\
         # Cheap ways to test the path before committing, shown by `ctopath plan`.\n\
         experiments:\n{experiments}\
         # Weeks to try the path before looking at the decision again.\n\
         review_after_weeks: {weeks}\n\
         # Whether it is usually done beside a job you keep; then the job meets your income floor.\n\
         alongside_job: {alongside}\n\
         # Where the figures and facts come from: an id, a title, and a web address if any.\n\
         sources:{sources_list}\
         # Figures and findings from the sources, in your own words.\n\
         facts:{facts_list}",
        id = path.id,
        name = text(&path.name),
        summary = text(&path.summary),
        description = text(&path.description),
        skills = ids(&criteria.skills),
        demands = ratings(&path.demands, &criteria.skills),
        goals = ids(&criteria.goals),
        gives = ratings(&path.gives, &criteria.goals),
        hours_min = realities.hours_per_week.min,
        hours_typical = realities.hours_per_week.typical,
        runway_min = realities.runway_months.min,
        runway_typical = realities.runway_months.typical,
        low = realities.income_usd.low,
        high = realities.income_usd.high,
        weeks = path.review_after_weeks,
        alongside = path.alongside_job,
        hours_basis = basis(&realities.hours_per_week.basis),
        runway_basis = basis(&realities.runway_months.basis),
        income_basis = basis(&realities.income_usd.basis),
        sources_list = if sources.is_empty() {
            " []\n".to_string()
        } else {
            format!("\n{sources}")
        },
        facts_list = if facts.is_empty() {
            " []\n".to_string()
        } else {
            format!("\n{facts}")
        },
    )
}
