//! `ctopath paths list` and `ctopath paths show ID`.

use super::{load_catalogue, print};
use crate::catalogue::Origin;
use crate::cli::PathsCommand;
use crate::suggest::did_you_mean;
use crate::{Display, render};
use anyhow::{Result, bail};

pub fn run(origins: &[Origin], command: &PathsCommand, display: &Display) -> Result<()> {
    let catalogue = load_catalogue(origins)?;
    match command {
        PathsCommand::List { format } => {
            print(|out| render::renderer(*format, display).paths(out, &catalogue))
        }
        PathsCommand::Show { id, format } => {
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
