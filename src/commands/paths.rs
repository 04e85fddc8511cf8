//! `ctopath paths list`, `ctopath paths show ID`, `ctopath paths new ID` and `ctopath paths
//! guide`.

use super::{load_catalogue, print};
use crate::catalogue::{self, Origin, PATH_SCHEMA_FILE, placeholder, template};
use crate::cli::PathsCommand;
use crate::files::{self, Access, Existing, Folder};
use crate::suggest::did_you_mean;
use crate::{Display, UsageError, render};
use anyhow::{Result, bail};
use std::path::Path;

/// The format of path files and criteria.yaml, for people who have the binary and not the source.
pub const GUIDE: &str = include_str!("../../paths/README.md");

pub fn run(origins: &[Origin], command: &PathsCommand, display: &Display) -> Result<()> {
    match command {
        PathsCommand::New { id, dir } => new(origins, id, dir.as_deref()),
        PathsCommand::Guide => print(|out| out.write_all(GUIDE.as_bytes())),
        PathsCommand::List { format } => {
            let catalogue = load_catalogue(origins)?;
            print(|out| render::renderer(*format, display).paths(out, &catalogue))
        }
        PathsCommand::Show { id, format } => {
            let catalogue = load_catalogue(origins)?;
            let Some(path) = catalogue.path(id) else {
                let ids = catalogue.paths.iter().map(|p| p.id.as_ref());
                bail!(
                    "no path has the id '{id}'{}; `ctopath paths list` shows them all",
                    did_you_mean(id, ids)
                );
            };
            print(|out| render::renderer(*format, display).path(out, path, &catalogue.criteria))
        }
    }
}

/// Writes a path file to fill in: a copy of the path if the id exists (to replace it), a
/// placeholder otherwise. Never replaces a file.
fn new(origins: &[Origin], id: &str, dir: Option<&Path>) -> Result<()> {
    if !catalogue::is_valid_id(id) {
        return Err(UsageError(format!(
            "'{id}' is not a valid id: use lowercase letters, digits and `_`, starting with a letter (e.g. interim_cto)"
        ))
        .into());
    }
    let Some(dir) = dir.map(Path::to_path_buf).or_else(crate::user_paths_dir) else {
        bail!("there is no configuration folder on this system; pass --dir DIR");
    };
    let file = dir.join(format!("{id}.yaml"));
    let schema_file = dir.join(PATH_SCHEMA_FILE);
    files::check_target(&file, Existing::Refuse, Folder::Make)?;
    // The schema is ctopath's own and is brought up to date, but only over a regular file.
    files::check_target(&schema_file, Existing::Replace, Folder::Make)?;
    // Checked after the cheap refusals above, which need no catalogue.
    let catalogue = &load_catalogue(origins)?;
    let existing = catalogue.path(id);
    let path = existing
        .cloned()
        .unwrap_or_else(|| placeholder(id, catalogue));
    files::write(
        &file,
        &template(&path, catalogue),
        Existing::Refuse,
        Access::Shared,
    )?;
    // The schema beside it lets an editor check and complete the file as it is typed.
    let schema = serde_json::to_string_pretty(&catalogue::path_schema(&catalogue.criteria))? + "\n";
    files::write(&schema_file, &schema, Existing::Replace, Access::Shared)?;

    let mut out = std::io::stdout().lock();
    use std::io::Write;
    writeln!(
        out,
        "Wrote {}",
        crate::text::sanitize(&file.display().to_string())
    )?;
    if let Some(existing) = existing {
        writeln!(
            out,
            "It starts as a copy of {} ({}), which it replaces.",
            existing.name, existing.source
        )?;
    }
    writeln!(out, "Edit it, then check it and see it ranked:")?;
    let flag = if Some(&dir) == crate::user_paths_dir().as_ref() {
        String::new()
    } else {
        format!(
            "--paths {} ",
            crate::text::sanitize(&dir.display().to_string())
        )
    };
    writeln!(out, "  ctopath {flag}validate")?;
    writeln!(out, "  ctopath {flag}paths show {id}")?;
    writeln!(out, "  ctopath {flag}assess")?;
    Ok(())
}
