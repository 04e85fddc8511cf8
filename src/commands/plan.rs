//! `ctopath plan ID`: first steps, the gaps to close, cheap tests and a date to review.

use super::{given_or_last_answers, load_for_ranking, print};
use crate::catalogue::Origin;
use crate::cli::{AnswersInput, Format};
use crate::suggest::did_you_mean;
use crate::{Display, engine, render};
use anyhow::{Result, anyhow};

pub fn run(
    origins: &[Origin],
    id: &str,
    input: &AnswersInput,
    format: Format,
    today: Option<&str>,
    display: &Display,
) -> Result<()> {
    let today = crate::journal::today(today)?;
    let mut catalogue = load_for_ranking(origins)?;
    if id.contains('+') {
        // A portfolio: its parts, planned as the one path they make together.
        let answers = given_or_last_answers(input.answers.as_deref(), &catalogue)?;
        let parts: Vec<&str> = id.split('+').collect();
        let portfolio = engine::as_one_path(&catalogue, &answers, &parts)
            .map_err(|why| anyhow!("cannot plan the portfolio '{id}': {why}"))?;
        let id = portfolio.id.clone();
        catalogue.paths.push(portfolio);
        let assessment = engine::assess(&catalogue, &answers);
        let mut plan = engine::plan(&catalogue, &answers, &assessment, &id, today)
            .ok_or_else(|| anyhow!("no path has the id '{id}'"))?;
        // Its place among single paths means nothing; `ctopath portfolio` ranks portfolios.
        plan.rank = None;
        return print(|out| render::renderer(format, display).plan(out, &plan));
    }
    let unknown = || {
        let ids = catalogue.paths.iter().map(|p| p.id.as_ref());
        anyhow!(
            "no path has the id '{id}'{}; `ctopath paths list` shows them all",
            did_you_mean(id, ids)
        )
    };
    // Checked before the answers are read, so a mistyped id is named first.
    catalogue.path(id).ok_or_else(unknown)?;
    let answers = given_or_last_answers(input.answers.as_deref(), &catalogue)?;
    let assessment = engine::assess(&catalogue, &answers);
    let plan = engine::plan(&catalogue, &answers, &assessment, id, today).ok_or_else(unknown)?;
    print(|out| render::renderer(format, display).plan(out, &plan))
}
