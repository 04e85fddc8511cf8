//! `ctopath validate`: every problem in every catalogue file, or a one-line all-clear.

use crate::catalogue::{self, Origin, plural};
use crate::cli::ValidateArgs;
use anyhow::{Result, bail};
use std::io::Write;

pub fn run(origins: &[Origin], args: &ValidateArgs) -> Result<()> {
    // The folders named here go on top of the catalogue in use, so that a criteria file from
    // $CTOPATH_PATHS or --paths applies to them as it would when scoring.
    let origins: Vec<Origin> = origins
        .iter()
        .cloned()
        .chain(args.dirs.iter().cloned().map(Origin::Folder))
        .collect();
    let origins = catalogue::without_repeats(origins);
    match catalogue::load(&origins) {
        Ok(loaded) => super::print(|out| {
            writeln!(
                out,
                "ok: {} checked, {} and {} criteria, no problems",
                plural(loaded.files_checked, "file"),
                plural(loaded.catalogue.paths.len(), "path"),
                loaded.catalogue.criteria.skills.len() + loaded.catalogue.criteria.goals.len()
            )
        }),
        Err(error) => {
            let mut err = std::io::stderr().lock();
            for problem in &error.problems {
                writeln!(err, "{problem}")?;
            }
            bail!(
                "{} in {} checked",
                plural(error.problems.len(), "problem"),
                plural(error.files_checked, "file")
            )
        }
    }
}
