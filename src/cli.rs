//! The command line, as clap parses it. `lib::run` turns it into work.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The environment variable that adds folders of path files, separated like `PATH`.
pub const PATHS_ENV: &str = "CTOPATH_PATHS";

const TOP_HELP: &str = "\
Examples:
  ctopath questions --template > answers.json   # an answers file to fill in
  ctopath assess --answers answers.json          # rank the paths
  ctopath paths show fractional_cto              # read about one path

Exit codes:
  0    success
  1    bad input: answers, a catalogue file, or `validate` found problems
  2    usage: a wrong flag, or `assess` with no answers and no terminal
  130  interrupted (Ctrl-C); the answers given so far are kept";

#[derive(Debug, Parser)]
#[command(
    name = "ctopath",
    version,
    about = "What comes after CTO? Ranks career paths against your skills, goals and constraints.",
    long_about = "What comes after CTO? ctopath ranks career paths (founder, CEO, sales engineer, \
fractional CTO, consultant, advisor, venture capital, …) against your self-rated skills, what \
matters to you, and your hard limits, and explains every score.",
    after_help = TOP_HELP,
)]
pub struct Cli {
    /// Add a folder of path files on top of the built-in catalogue (repeatable). Its files add
    /// paths or replace one of the same id; a `criteria.yaml` in it replaces the criteria.
    /// Folders in $CTOPATH_PATHS (separated like PATH) come first, then these.
    #[arg(long = "paths", value_name = "DIR", global = true)]
    pub paths: Vec<PathBuf>,

    /// When to use colour: `auto` uses it in a terminal unless NO_COLOR is set
    #[arg(long, value_enum, value_name = "WHEN", default_value_t, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the paths against your answers: asks them in a terminal, or reads them with --answers
    #[command(after_long_help = "Examples:\n  \
        ctopath assess                                  # the questionnaire, in a terminal\n  \
        ctopath assess --save answers.json              # the same, keeping the answers\n  \
        ctopath assess --answers answers.json\n  \
        ctopath assess --answers answers.json --format json | jq '.ranking[0].id'\n  \
        cat answers.json | ctopath assess --answers -")]
    Assess(AssessArgs),
    /// List the paths in the catalogue, or show one
    #[command(subcommand)]
    Paths(PathsCommand),
    /// Print the questions ctopath asks, or an answers file to fill in
    #[command(after_long_help = "Examples:\n  \
        ctopath questions\n  \
        ctopath questions --format json\n  \
        ctopath questions --template > answers.json")]
    Questions(QuestionsArgs),
    /// Check catalogue files and report every problem
    #[command(after_long_help = "Examples:\n  \
        ctopath validate              # the catalogue in use: built-in, $CTOPATH_PATHS, --paths\n  \
        ctopath validate ~/my-paths   # that folder on top of the catalogue in use")]
    Validate(ValidateArgs),
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Read the answers as JSON from FILE, or from standard input with `-`
    #[arg(long, short, value_name = "FILE|-")]
    pub answers: Option<PathBuf>,

    /// How to print the results
    #[arg(long, short, value_enum, default_value_t)]
    pub format: Format,

    /// Also write the answers to FILE, as JSON that --answers reads back
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,

    /// Let --save replace an existing file
    #[arg(long, requires = "save")]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum PathsCommand {
    /// List every path: id, name and summary
    List {
        #[arg(long, short, value_enum, default_value_t)]
        format: Format,
    },
    /// Show everything about one path
    Show {
        /// The path's id, as `ctopath paths list` shows it
        id: String,
        #[arg(long, short, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Args)]
pub struct QuestionsArgs {
    #[arg(long, short, value_enum, default_value_t)]
    pub format: Format,

    /// Print an answers file with every default filled in, ready to edit and pass to
    /// `assess --answers`
    #[arg(long, conflicts_with = "format")]
    pub template: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Folders of path files to check, on top of the catalogue in use (built-in, $CTOPATH_PATHS,
    /// --paths); with none, the catalogue in use is checked
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

/// Whether output is coloured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// In a terminal, unless NO_COLOR is set
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// How results are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people
    #[default]
    Table,
    /// JSON for scripts (see README: "Results JSON")
    Json,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
