//! `ctopath questions`: the questions as data, or an answers file to fill in.

use super::{load_catalogue, print};
use crate::catalogue::Origin;
use crate::cli::QuestionsArgs;
use crate::{Display, render};
use anyhow::Result;

pub fn run(origins: &[Origin], args: &QuestionsArgs, display: &Display) -> Result<()> {
    let catalogue = load_catalogue(origins)?;
    if args.template {
        return print(|out| {
            out.write_all(render::json::answers_template(&catalogue.criteria).as_bytes())
        });
    }
    print(|out| render::renderer(args.format, display).questions(out, &catalogue))
}
