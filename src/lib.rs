//! ctopath: what comes after CTO? Ranks career paths against a person's answers.
//!
//! `run` parses the command line, builds the catalogue and hands over to one command in
//! `commands`. The scoring itself is the pure `engine`; the questionnaire's logic is
//! `questionnaire`, asked in a terminal by `prompt`.

#![forbid(unsafe_code)]

pub mod answers;
pub mod catalogue;
pub mod cli;
mod commands;
pub mod engine;
mod files;
mod journal;
pub mod model;
mod parallel;
mod progress;
mod prompt;
pub mod questionnaire;
pub mod records;
pub mod render;
mod signals;
mod state;
mod store;
mod suggest;
pub mod text;

use anyhow::Result;
use catalogue::{Layer, Origin};
use cli::{Cli, Command, PATHS_ENV};
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

/// A mistake in how ctopath was called, rather than in what it read: exits with code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The person pressed Ctrl-C: exits with code 130, as a shell expects.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Interrupted(pub String);

/// How output looks, decided once from the flags and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display {
    /// Colour on standard output (results).
    pub color: bool,
    /// Colour on standard error (prompts and messages).
    pub color_prompts: bool,
    /// Columns available for tables.
    pub width: u16,
    /// Colour was asked for with `--color always`, whatever the output.
    pub color_forced: bool,
    /// `--plain`: line-by-line questions, ASCII tables.
    pub plain: bool,
}

/// Table width when the output's width cannot be known: a pipe, a file, or a terminal that
/// reports 0 columns.
const FALLBACK_WIDTH: u16 = 100;

impl Display {
    fn detect(choice: cli::ColorChoice, plain: bool) -> Display {
        // Plain output is for screen readers and dumb terminals, which read escapes as text.
        let choice = match choice {
            cli::ColorChoice::Auto if plain => cli::ColorChoice::Never,
            other => other,
        };
        let display = Display {
            color: choice.enabled(std::io::stdout().is_terminal()),
            color_prompts: choice.enabled(std::io::stderr().is_terminal()),
            width: columns(&dialoguer::console::Term::stdout()).unwrap_or(FALLBACK_WIDTH),
            color_forced: choice == cli::ColorChoice::Always,
            plain,
        };
        dialoguer::console::set_colors_enabled(display.color);
        dialoguer::console::set_colors_enabled_stderr(display.color_prompts);
        display
    }
}

/// The width of this terminal, or else `$COLUMNS`; none for a pipe or a file without it, or a
/// terminal that reports 0 columns.
fn columns(term: &dialoguer::console::Term) -> Option<u16> {
    term.size_checked()
        .map(|(_, columns)| columns)
        .filter(|&columns| columns > 0)
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|value| value.parse::<u16>().ok())
                .filter(|&columns| columns > 0)
        })
}

/// Runs ctopath with these arguments (the first is the program name).
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<()> {
    let args: Vec<OsString> = args.into_iter().collect();
    if commands::completions::from_env(&args)? {
        return Ok(());
    }
    let cli = match Cli::parse_args(args) {
        Ok(cli) => cli,
        // Help, version and usage errors print themselves and exit as clap decides (0 or 2).
        Err(error) => error.exit(),
    };
    let origins = origins(cli.globals.no_builtin, &cli.globals.paths);
    let display = Display::detect(cli.globals.color, cli.globals.plain());
    remind(&cli.command);
    match cli.command {
        Command::Assess(args) => commands::assess::run(&origins, &args, &display),
        Command::Paths(command) => commands::paths::run(&origins, &command, &display),
        Command::Compare {
            a,
            b,
            input,
            format,
        } => commands::compare::run(&origins, &a, &b, &input, format, &display),
        Command::Plan {
            id,
            input,
            format,
            today,
        } => commands::plan::run(&origins, &id, &input, format, today.as_deref(), &display),
        Command::Questions(args) => commands::questions::run(&origins, &args, &display),
        Command::Decide(args) => commands::decide::run(&origins, &args),
        Command::History(args) => commands::history::run(&args, &display),
        Command::Review(args) => commands::review::run(&origins, &args, &display),
        Command::Portfolio(args) => commands::portfolio::run(&origins, &args, &display),
        Command::Validate(args) => commands::validate::run(&origins, &args),
        Command::Schema { format } => commands::schema::run(&origins, format),
        Command::Completions { shell } => commands::completions::completions(shell),
        Command::Man { dir } => commands::completions::man(dir.as_deref()),
    }
}

/// One quiet line on standard error when a decision's review is due: only in a terminal, never
/// before output for scripts, and at most once a day.
fn remind(command: &Command) {
    if !command.reminds() || !std::io::stderr().is_terminal() {
        return;
    }
    let Ok(today) = journal::today(command.today()) else {
        return;
    };
    if let Some(line) = journal::reminder(today) {
        eprintln!("{}", for_stderr("", &text::sanitize(&line)));
    }
}

/// Where paths come from, lowest priority first: built in (unless `--no-builtin`), the user's
/// folder, `$CTOPATH_PATHS`, then each `--paths`.
fn origins(no_builtin: bool, flag_dirs: &[PathBuf]) -> Vec<Origin> {
    let user_dir = user_paths_dir();
    let env_dirs: Vec<PathBuf> = std::env::var_os(PATHS_ENV)
        .map(|value| {
            std::env::split_paths(&value)
                .filter(|dir| !dir.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    let builtin = (!no_builtin).then_some(Origin::BuiltIn);
    let folders = user_dir
        .map(|dir| Origin::Folder(dir, Layer::User))
        .into_iter()
        .chain(
            env_dirs
                .into_iter()
                .map(|dir| Origin::Folder(dir, Layer::Environment)),
        )
        .chain(
            flag_dirs
                .iter()
                .map(|dir| Origin::Folder(dir.clone(), Layer::Flag)),
        );
    catalogue::without_repeats(builtin.into_iter().chain(folders).collect())
}

/// The folder `ctopath paths new` writes to: the per-user one, `~/.config/ctopath/paths` on Linux.
pub fn user_paths_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("ctopath").join("paths"))
}

/// The process exit code for an error: 2 for usage, 130 for Ctrl-C, 1 for everything else.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<UsageError>().is_some() {
        2
    } else if error.downcast_ref::<Interrupted>().is_some() {
        130
    } else {
        1
    }
}

/// What to print on standard error for an error: `error: …`, or `stopped: …` alone after Ctrl-C
/// (stopping is the person's choice, not a failure).
pub fn error_message(error: &anyhow::Error) -> String {
    // The message may echo what the user passed in: shown, never acted on by the terminal.
    let message = format!("{error:#}");
    let text = text::sanitize(&message);
    let label = if error.downcast_ref::<Interrupted>().is_some() {
        ""
    } else {
        "error: "
    };
    for_stderr(label, &text)
}

/// `text` after `label` for standard error, wrapped at word boundaries to the width of the
/// terminal (or `$COLUMNS`) when one is known, so that a terminal never breaks a word.
pub fn for_stderr(label: &str, text: &str) -> String {
    match columns(&dialoguer::console::Term::stderr()) {
        Some(width) => render::words::hanging(label, text, usize::from(width))
            .trim_end()
            .to_string(),
        None => format!("{label}{text}"),
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
