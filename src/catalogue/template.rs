//! Writing a path file: the commented YAML that `ctopath paths new` starts a path from, which the
//! checks in `check` read back. One module owns the path file format both ways.

use crate::model::{
    Basis, CareerPath, Catalogue, Combines, Criterion, IncomeRange, Need, Realities, Text,
};
use std::collections::BTreeMap;

/// The schema file `paths new` writes beside a new path, named in its modeline.
pub const PATH_SCHEMA_FILE: &str = "path.schema.json";

/// The summary `paths new` writes: a path that still has it was never filled in, so `validate`
/// warns of it and rankings leave it out.
pub const PLACEHOLDER_SUMMARY: &str = "One sentence: what this path is.";

/// A new path with every field filled in with something that validates and says what to write.
pub fn placeholder(id: &str, catalogue: &Catalogue) -> CareerPath {
    let mut name = id.replace('_', " ");
    if let Some(first) = name.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    let first_skill = catalogue.criteria.skills.first().map(|c| (c.id.clone(), 3));
    CareerPath {
        id: id.to_string().into(),
        name: name.into(),
        summary: PLACEHOLDER_SUMMARY.into(),
        description: "A short paragraph: what the work is day to day, and who it suits.".into(),
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
                basis: Basis::Estimate("Say how you reckoned it, or name sources.".into()),
            },
            runway_months: Need {
                min: 0,
                typical: 3,
                basis: Basis::Estimate("Say how you reckoned it, or name sources.".into()),
            },
            income_usd: IncomeRange {
                low: 50_000,
                high: 150_000,
                basis: Basis::Estimate("Say how you reckoned it, or name sources.".into()),
            },
        },
        first_steps: vec![
            "Write down why this path appeals to you and what would prove you right.".into(),
            "Talk to two people who do this work today.".into(),
            "Find one small, cheap way to try it within a month.".into(),
        ],
        experiments: vec![
            "Spend a day with someone who does this work, and write down what surprised you."
                .into(),
        ],
        review_after_weeks: 12,
        alongside_job: false,
        combines: Combines::Alone,
        sources: Vec::new(),
        facts: Vec::new(),
        source: Text::Borrowed(""),
        origin: Text::Borrowed(""),
        replaces: None,
    }
}

/// The path as a commented YAML file. Text is written as JSON strings, which YAML reads as
/// double-quoted scalars, so any text round-trips.
pub fn template(path: &CareerPath, catalogue: &Catalogue) -> String {
    let text = |value: &str| serde_json::to_string(value).expect("a string is JSON");
    let ids = |list: &[Criterion]| {
        list.iter()
            .map(|c| c.id.as_ref())
            .collect::<Vec<_>>()
            .join(", ")
    };
    // In the criteria's order, as the questionnaire asks them.
    let ratings = |map: &BTreeMap<Text, u8>, list: &[Criterion]| {
        list.iter()
            .filter_map(|c| {
                map.get(&*c.id)
                    .map(|rating| format!("  {}: {rating}\n", c.id))
            })
            .collect::<String>()
    };
    let criteria = &catalogue.criteria;
    let realities = &path.realities;
    let id_list = |ids: &[Text]| format!("[{}]", ids.join(", "));
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
         # A career path for ctopath; `ctopath paths guide` prints the format.\n\
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
