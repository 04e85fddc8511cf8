//! `ctopath completions SHELL` and `ctopath man`: generated from the same clap definitions as
//! the command line itself, so they never drift from it.

use super::paths::GUIDE;
use super::print;
use crate::catalogue::{self, Origin};
use crate::cli::{Cli, EXIT_CODES, PATHS_ENV};
use crate::files::{self, Access, Existing};
use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::CompletionCandidate;
use clap_complete::env::Shells;
use std::io::Write;
use std::path::Path;

/// The environment variable the completion scripts set to ask ctopath for completions.
const COMPLETE_ENV: &str = "COMPLETE";

/// Answers a shell's completion request (`COMPLETE=bash ctopath -- ctopath paths show f`), or
/// prints its registration script (`COMPLETE=bash ctopath`); false when not asked to.
pub fn from_env(args: &[std::ffi::OsString]) -> Result<bool> {
    // clap_complete's own test, made before it copies the arguments and before the current
    // folder is asked for: this runs at the start of every command.
    if std::env::var_os(COMPLETE_ENV).is_none_or(|shell| shell.is_empty() || shell == "0") {
        return Ok(false);
    }
    let current_dir = std::env::current_dir().ok();
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_ENV)
        .try_complete(args, current_dir.as_deref())
        .context("could not complete the command line")
}

/// The script that registers ctopath's completion in a shell. It calls `ctopath` on the PATH at
/// each TAB, so that path ids come from the catalogue in use.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let shells = Shells::builtins();
    let completer = shells
        .completer(&shell.to_string())
        .expect("clap_complete completes every shell it can generate for");
    print(|out| {
        completer.write_registration(COMPLETE_ENV, "ctopath", "ctopath", "ctopath", out)?;
        if shell == clap_complete::Shell::Zsh {
            // Installed as `_ctopath` in $fpath, the file runs at the first TAB: complete then
            // too, not only from the second TAB on.
            writeln!(
                out,
                "[[ \"${{funcstack[1]}}\" == _ctopath ]] && _clap_dynamic_completer_ctopath \"$@\""
            )?;
        }
        Ok(())
    })
}

/// The ids of the paths in use (built-in, the user's folder, `$CTOPATH_PATHS`), each with its
/// name, for the shells' completion.
pub fn path_ids() -> Vec<CompletionCandidate> {
    // A folder with a broken file must not take the built-in ids away: `validate` tells why.
    let loaded = catalogue::load(&crate::origins(false, &[]))
        .or_else(|_| catalogue::load(&[Origin::BuiltIn]));
    loaded
        .map(|loaded| {
            loaded
                .catalogue
                .paths
                .into_iter()
                .map(|path| {
                    CompletionCandidate::new(&*path.id).help(Some(path.name.into_owned().into()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `ctopath man`: ctopath(1) on standard output, or every page written into `dir`.
pub fn man(dir: Option<&Path>) -> Result<()> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let Some(dir) = dir else {
        return print(|out| page(&cli, out));
    };
    let mut pages = vec![("man1", format!("{}.1", cli.get_name()), render(&cli, page)?)];
    let mut commands: Vec<&clap::Command> = cli.get_subcommands().collect();
    while let Some(command) = commands.pop() {
        commands.extend(command.get_subcommands());
        let name = command.get_display_name().unwrap_or(command.get_name());
        pages.push(("man1", format!("{name}.1"), render(command, page)?));
    }
    pages.push((
        "man5",
        "ctopath-paths.5".to_string(),
        render(&cli, guide_page)?,
    ));
    for (section, file, text) in pages {
        let folder = dir.join(section);
        std::fs::create_dir_all(&folder).with_context(|| {
            format!(
                "cannot make the folder {}; choose a --dir you can write to",
                folder.display()
            )
        })?;
        files::write(&folder.join(file), &text, Existing::Replace, Access::Shared)?;
    }
    Ok(())
}

fn render(
    command: &clap::Command,
    page: fn(&clap::Command, &mut dyn Write) -> std::io::Result<()>,
) -> Result<String> {
    let mut out = Vec::new();
    page(command, &mut out)?;
    Ok(String::from_utf8(out).expect("clap_mangen writes UTF-8"))
}

/// One command's page: clap's sections, then what every command shares.
fn page(command: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(command.clone())
        .source(concat!("ctopath ", env!("CARGO_PKG_VERSION")));
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let top = command.get_bin_name().is_none_or(|bin| bin == "ctopath");
    if command.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    if let Some(examples) = examples(command) {
        section(out, "EXAMPLES")?;
        preformatted(out, &examples)?;
    }
    section(out, "EXIT STATUS")?;
    preformatted(out, EXIT_CODES)?;
    section(out, "ENVIRONMENT")?;
    for (name, text) in ENVIRONMENT {
        item(out, name, text)?;
    }
    section(out, "FILES")?;
    for (name, text) in FILES {
        item(out, name, text)?;
    }
    section(out, "SEE ALSO")?;
    let see_also = if top {
        "ctopath-paths(5) for the format of path files; each command has its page, such as \
         ctopath-assess(1), and `ctopath man --dir DIR` writes them all."
    } else {
        "ctopath(1) for the options every command takes; ctopath-paths(5) for the format of path \
         files."
    };
    paragraph(out, see_also)?;
    if command.get_version().is_some() {
        man.render_version_section(out)?;
    }
    Ok(())
}

/// ctopath-paths(5): the catalogue format guide, as it reads in the source's paths/README.md.
fn guide_page(cli: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let version = cli.get_version().unwrap_or_default();
    writeln!(out, ".TH ctopath-paths 5 \"\" \"ctopath {version}\"")?;
    section(out, "NAME")?;
    paragraph(
        out,
        "ctopath-paths - the format of ctopath's path files and criteria.yaml",
    )?;
    section(out, "DESCRIPTION")?;
    paragraph(
        out,
        "`ctopath paths guide` prints this text; `ctopath validate DIR` checks a folder of path \
         files against it.",
    )?;
    preformatted(out, GUIDE)?;
    section(out, "SEE ALSO")?;
    paragraph(out, "ctopath(1), ctopath-validate(1), ctopath-paths-new(1)")
}

/// A command's examples, from its `--help` text (without the exit codes the top one lists).
fn examples(command: &clap::Command) -> Option<String> {
    let help = command
        .get_after_long_help()
        .or(command.get_after_help())?
        .to_string();
    let examples = help.strip_prefix("Examples:\n")?;
    let examples = examples.split("\n\nExit codes:").next().unwrap_or(examples);
    Some(examples.to_string())
}

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        PATHS_ENV,
        "Folders of path files to add after your own folder, separated like PATH (':').",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour with --color auto (the default).",
    ),
    (
        "COLUMNS",
        "The width of tables when standard output is not a terminal (100 without it).",
    ),
    (
        "XDG_CONFIG_HOME",
        "On Linux, your paths folder is $XDG_CONFIG_HOME/ctopath/paths (~/.config by default).",
    ),
    (
        "XDG_STATE_HOME",
        "On Linux, the questionnaire keeps answers in $XDG_STATE_HOME/ctopath (~/.local/state by \
         default).",
    ),
    (
        crate::journal::NO_HISTORY_ENV,
        "When set and neither empty nor 0, assessments and reviews are not kept in your history \
         (as --no-history).",
    ),
    (
        crate::journal::TODAY_ENV,
        "A date (YYYY-MM-DD) to take for today: for history entries, decisions, reviews and \
         reminders.",
    ),
    (
        COMPLETE_ENV,
        "Set by the completion scripts to ask ctopath for completions: `COMPLETE=bash ctopath` \
         prints bash's script.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "~/.config/ctopath/paths/",
        "Your path files (*.yaml), read after the built-in ones: a file adds a path or replaces \
         the one of its id, and a criteria.yaml replaces the criteria. `ctopath paths new` writes \
         here. (~/Library/Application Support/ctopath/paths on macOS, %APPDATA%\\ctopath\\paths \
         on Windows.)",
    ),
    (
        "~/.local/state/ctopath/in-progress.json",
        "The answers of an unfinished questionnaire, offered when it starts again.",
    ),
    (
        "~/.local/state/ctopath/last-answers.json",
        "The answers of the last finished questionnaire: compare, plan and portfolio read them \
         without --answers.",
    ),
    (
        "~/.local/state/ctopath/history.jsonl",
        "Your history: one JSON line per finished assessment or review (history.1.jsonl holds \
         the older ones once it reaches 1 MiB). `ctopath history` lists it; delete it to forget.",
    ),
    (
        "~/.local/state/ctopath/decisions.jsonl",
        "Your decisions (`ctopath decide`) and what came of them (`ctopath review`).",
    ),
];

fn section(out: &mut dyn Write, title: &str) -> std::io::Result<()> {
    writeln!(out, ".SH \"{title}\"")
}

fn paragraph(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    writeln!(out, ".PP\n{}", escape(text))
}

fn item(out: &mut dyn Write, name: &str, text: &str) -> std::io::Result<()> {
    writeln!(out, ".TP\n\\fB{}\\fR\n{}", escape(name), escape(text))
}

/// Text shown as it is written: examples, tables and the guide.
fn preformatted(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    writeln!(out, ".PP\n.nf")?;
    for line in text.lines() {
        writeln!(out, "{}", escape(line))?;
    }
    writeln!(out, ".fi")
}

/// Roff that shows `text` as written: backslashes and minus signs kept, and no line read as a
/// request.
fn escape(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with(['.', '\'']) {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
