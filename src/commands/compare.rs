//! `ctopath compare A B`: where each of two paths gains over the other.

use super::{given_or_last_answers, load_catalogue, print};
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
    let catalogue = load_catalogue(origins)?;
    for id in [a, b] {
        if catalogue.path(id).is_none() {
            let ids = catalogue.paths.iter().map(|p| p.id.as_str());
            bail!(
                "no path has the id '{id}'{}; `ctopath paths list` shows them all",
                did_you_mean(id, ids)
            );
        }
    }
    let answers = given_or_last_answers(input.answers.as_deref(), &catalogue)?;
    let assessment = engine::assess(&catalogue, &answers);
    let comparison = match engine::compare(&catalogue.criteria, &assessment, a, b) {
        Ok(comparison) => comparison,
        Err(excluded) => {
            let reason = assessment
                .excluded
                .iter()
                .find(|e| e.id == excluded)
                .map_or("it is not ranked", |e| e.reason.as_str());
            bail!("cannot compare: your limits rule {excluded} out ({reason})");
        }
    };
    print(|out| render::renderer(format, display).comparison(out, &comparison, &catalogue.criteria))
}
