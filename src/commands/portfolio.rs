//! `ctopath portfolio`: the best combinations of paths done in parts.

use super::{given_or_last_answers, load_for_ranking, print};
use crate::catalogue::Origin;
use crate::cli::PortfolioArgs;
use crate::{Display, engine, render};
use anyhow::Result;

pub fn run(origins: &[Origin], args: &PortfolioArgs, display: &Display) -> Result<()> {
    let catalogue = load_for_ranking(origins)?;
    let answers = given_or_last_answers(args.input.answers.as_deref(), &catalogue)?;
    let settings = args.robustness.settings(engine::DEFAULT_SAMPLES);
    let assessment = engine::assess(&catalogue, &answers);
    let portfolios = engine::portfolios(
        &catalogue,
        &answers,
        assessment.ranking.first(),
        usize::from(args.max_parts),
        settings,
    );
    let again = render::Again::new(origins, args.input.answers.as_deref());
    print(|out| render::renderer(args.format, display).portfolios(out, &portfolios, &again))
}
