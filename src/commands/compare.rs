//! `ctopath compare A B`: where each of two paths gains over the other.

use super::{given_or_last_answers, load_for_ranking, print};
use crate::catalogue::Origin;
use crate::cli::{AnswersInput, Format};
use crate::suggest::did_you_mean;
use crate::{Display, engine, render};
use anyhow::{Result, bail};

pub fn run(
    origins: &[Origin],
    a: &str,
    b: &str,
    input: &AnswersInput,
    format: Format,
    display: &Display,
) -> Result<()> {
    if a == b {
        return Err(crate::UsageError(format!(
            "compare needs two different paths; both are '{a}'"
        ))
        .into());
    }
    let catalogue = load_for_ranking(origins)?;
    for id in [a, b] {
        if catalogue.path(id).is_none() {
            let ids = catalogue.paths.iter().map(|p| p.id.as_ref());
            bail!(
                "no path has the id '{id}'{}; `ctopath paths list` shows them all",
                did_you_mean(id, ids)
            );
        }
    }
    let answers = given_or_last_answers(input.answers.as_deref(), &catalogue)?;
    let assessment = engine::assess(&catalogue, &answers);
    // Both ids are in the catalogue (checked above), so this cannot fail.
    let comparison = engine::compare(&catalogue, &answers, &assessment, a, b)
        .map_err(|id| anyhow::anyhow!("no path has the id '{id}'"))?;
    print(|out| render::renderer(format, display).comparison(out, &comparison, &catalogue.criteria))
}
