//! `ctopath completions SHELL` and `ctopath man`: generated from the same clap definitions as
//! the command line itself, so they never drift from it.

use super::print;
use crate::cli::Cli;
use anyhow::Result;
use clap::CommandFactory;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    print(|out| {
        clap_complete::generate(shell, &mut Cli::command(), "ctopath", out);
        Ok(())
    })
}

pub fn man() -> Result<()> {
    print(|out| clap_mangen::Man::new(Cli::command()).render(out))
}
