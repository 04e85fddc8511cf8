//! `ctopath validate`: every problem in every catalogue file, or a one-line all-clear.

use crate::catalogue::{self, Layer, Origin, plural};
use crate::cli::ValidateArgs;
use anyhow::{Result, bail};
use std::io::Write;

pub fn run(origins: &[Origin], args: &ValidateArgs) -> Result<()> {
    // The folders named here go on top of the catalogue in use, so that a criteria file from
    // $CTOPATH_PATHS or --paths applies to them as it would when scoring.
    let origins: Vec<Origin> = origins
        .iter()
        .cloned()
        .chain(
            args.dirs
                .iter()
                .map(|dir| Origin::Folder(dir.clone(), Layer::Checked)),
        )
        .collect();
    let origins = catalogue::without_repeats(origins);
    let (problems, files_checked) = match catalogue::load(&origins) {
        Ok(loaded) => {
            let warnings = loaded.warnings();
            if warnings.is_empty() {
                let criteria = &loaded.catalogue.criteria;
                return super::print(|out| {
                    writeln!(
                        out,
                        "ok: {} checked, {} and {} criteria, no problems",
                        plural(loaded.files_checked, "file"),
                        plural(loaded.catalogue.paths.len(), "path"),
                        criteria.skills.len() + criteria.goals.len()
                    )
                });
            }
            (warnings, loaded.files_checked)
        }
        Err(error) => (error.problems, error.files_checked),
    };
    let mut err = std::io::stderr().lock();
    for problem in &problems {
        writeln!(err, "{}", crate::text::sanitize(&problem.to_string()))?;
    }
    bail!(
        "{} in {} checked",
        plural(problems.len(), "problem"),
        plural(files_checked, "file")
    )
}
