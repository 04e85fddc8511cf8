//! ctopath: what comes after CTO? Ranks career paths against a person's answers.
//!
//! `run` parses the command line, builds the catalogue and hands over to one command in
//! `commands`. The scoring itself is the pure `engine`.

pub mod answers;
pub mod catalogue;
pub mod cli;
mod commands;
pub mod engine;
pub mod model;
pub mod render;
mod suggest;

use anyhow::Result;
use clap::Parser;
use cli::{Cli, Command, PATHS_ENV};
use std::ffi::OsString;
use std::path::PathBuf;

/// A mistake in how ctopath was called, rather than in what it read: exits with code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs ctopath with these arguments (the first is the program name).
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<()> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        // Help, version and usage errors print themselves and exit as clap decides (0 or 2).
        Err(error) => error.exit(),
    };
    let origins = origins(&cli.paths);
    match cli.command {
        Command::Assess(args) => commands::assess::run(&origins, &args),
        Command::Paths(command) => commands::paths::run(&origins, &command),
        Command::Questions(args) => commands::questions::run(&origins, &args),
        Command::Validate(args) => commands::validate::run(&origins, &args),
    }
}

/// Where paths come from, lowest priority first: built in, `$CTOPATH_PATHS`, then `--paths`.
fn origins(flag_dirs: &[PathBuf]) -> Vec<catalogue::Origin> {
    let env_dirs: Vec<PathBuf> = std::env::var_os(PATHS_ENV)
        .map(|value| {
            std::env::split_paths(&value)
                .filter(|dir| !dir.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    std::iter::once(catalogue::Origin::BuiltIn)
        .chain(
            env_dirs
                .into_iter()
                .chain(flag_dirs.iter().cloned())
                .map(catalogue::Origin::Folder),
        )
        .collect()
}

/// The process exit code for an error: 2 for usage, 1 for everything else.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<UsageError>().is_some() {
        2
    } else {
        1
    }
}

/// A closed pipe (`ctopath paths list | head -1`) is the reader's choice, not an error.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
