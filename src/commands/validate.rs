//! `ctopath validate`: every problem in every catalogue file, or a one-line all-clear after any
//! warnings.

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
    let loaded = match catalogue::load(&origins) {
        Ok(loaded) => loaded,
        Err(error) => {
            let mut err = std::io::stderr().lock();
            for problem in &error.problems {
                writeln!(err, "{}", crate::text::sanitize(&problem.to_string()))?;
            }
            bail!(
                "{} in {} checked",
                plural(error.problems.len(), "problem"),
                plural(error.files_checked, "file")
            )
        }
    };
    // A warning is likely a mistake but scores fine, so `assess` runs with it: it fails nothing.
    let warnings = loaded.warnings();
    let mut err = std::io::stderr().lock();
    for warning in &warnings {
        let text = warning.to_string();
        writeln!(
            err,
            "{}",
            crate::for_stderr("warning: ", &crate::text::sanitize(&text))
        )?;
    }
    let criteria = &loaded.catalogue.criteria;
    super::print(|out| {
        write!(
            out,
            "ok: {} checked, {} and {} criteria, no problems",
            plural(loaded.files_checked, "file"),
            plural(loaded.catalogue.paths.len(), "path"),
            criteria.skills.len() + criteria.goals.len()
        )?;
        match warnings.len() {
            0 => writeln!(out),
            count => writeln!(out, ", {}", plural(count, "warning")),
        }
    })
}
