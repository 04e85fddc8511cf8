//! The command line, as clap parses it. `lib::run` turns it into work.

use crate::commands::completions::path_ids;
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};
use clap_complete::ArgValueCandidates;
use std::ffi::OsString;
use std::path::PathBuf;

/// The environment variable that adds folders of path files, separated like `PATH`.
pub const PATHS_ENV: &str = "CTOPATH_PATHS";

/// The exit codes, as `--help` and the man pages list them (a macro, for `concat!`).
macro_rules! exit_codes {
    () => {
        "  0    success
  1    bad input: answers, a catalogue file, or `validate` found problems
  2    usage: a wrong flag, or `assess` or `review` with no answers and no terminal
  130  interrupted (Ctrl-C); the answers given so far are kept"
    };
}
pub const EXIT_CODES: &str = exit_codes!();

const TOP_HELP: &str = concat!(
    "Examples:
  ctopath questions --template > answers.json   # an answers file to fill in
  ctopath assess --answers answers.json          # rank the paths
  ctopath paths show fractional_cto              # read about one path

Exit codes:
",
    exit_codes!()
);

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
    #[command(flatten)]
    pub globals: Globals,

    #[command(subcommand)]
    pub command: Command,
}

/// The options every command takes.
#[derive(Debug, Args)]
pub struct Globals {
    /// Add a folder of path files (repeatable). Its files add paths or replace one of the same
    /// id; a `criteria.yaml` in it replaces the criteria. Order: built-in, your folder
    /// (~/.config/ctopath/paths on Linux), $CTOPATH_PATHS (separated like PATH), then these.
    #[arg(long = "paths", value_name = "DIR", global = true, value_hint = ValueHint::DirPath)]
    pub paths: Vec<PathBuf>,

    /// Leave out the built-in paths: only paths from your folders are used (the built-in
    /// criteria stay, unless a folder has its own criteria.yaml)
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// When to use colour: `auto` uses it in a terminal unless NO_COLOR is set
    #[arg(long, value_enum, value_name = "WHEN", default_value_t, global = true)]
    pub color: ColorChoice,

    /// Plain output, for screen readers and dumb terminals: questions asked line by line with
    /// numbered choices and no cursor movement, tables in ASCII, no progress bar, no colour
    /// unless `--color always`. On by itself when TERM is `dumb`
    #[arg(long, global = true)]
    pub plain: bool,
}

impl Globals {
    /// `--plain`, or a terminal that says it is dumb.
    pub fn plain(&self) -> bool {
        self.plain || std::env::var_os("TERM").is_some_and(|term| term == "dumb")
    }
}

impl Cli {
    /// Parses a command line (the first argument is the program's name). A line that names
    /// `assess` is parsed first by a command line holding `assess` alone: building every
    /// subcommand and its options was a sixth of the time `ctopath --version` takes, and
    /// `assess` is what scripts run again and again. Whatever that narrow parse rejects (help,
    /// `--version`, a mistake) is parsed again in full, so help and errors are always the full
    /// command line's.
    pub fn parse_args(args: Vec<OsString>) -> Result<Cli, clap::Error> {
        if names_assess(&args)
            && let Ok(AssessLine {
                globals,
                command: AssessOnly::Assess(assess),
            }) = AssessLine::try_parse_from(&args)
        {
            return Ok(Cli {
                globals,
                command: Command::Assess(assess),
            });
        }
        Cli::try_parse_from(args)
    }
}

/// Whether the subcommand in `args` is `assess`: the first argument after the program's name
/// that is neither an option nor the value of a global option that takes one.
fn names_assess(args: &[OsString]) -> bool {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        match arg.to_str() {
            Some("--paths" | "--color") => {
                rest.next();
            }
            Some(option) if option.starts_with('-') => {}
            named => return named == Some("assess"),
        }
    }
    false
}

/// `ctopath assess …` alone, for [`Cli::parse_args`]: the same global options and the same
/// `AssessArgs`, so a line both accept is parsed the same.
#[derive(Debug, Parser)]
#[command(name = "ctopath")]
struct AssessLine {
    #[command(flatten)]
    globals: Globals,

    #[command(subcommand)]
    command: AssessOnly,
}

#[derive(Debug, Subcommand)]
enum AssessOnly {
    Assess(AssessArgs),
}

impl Command {
    /// Whether a review that is due may be mentioned on standard error before this command
    /// runs: not where the output is for scripts (JSON, NDJSON, a schema, completions, man
    /// pages), nor in `review` itself.
    pub fn reminds(&self) -> bool {
        match self {
            Command::Assess(args) => {
                !matches!(args.format, AssessFormat::Json | AssessFormat::Ndjson)
            }
            Command::Compare { format, .. } | Command::Plan { format, .. } => {
                *format == Format::Table
            }
            Command::Portfolio(args) => args.format == Format::Table,
            Command::Paths(PathsCommand::List { format } | PathsCommand::Show { format, .. }) => {
                *format == Format::Table
            }
            Command::Paths(_) | Command::Decide(_) | Command::Validate(_) => true,
            Command::Questions(args) => args.format == Format::Table && !args.template,
            Command::History(args) => args.format == Format::Table,
            Command::Review(_)
            | Command::Schema { .. }
            | Command::Completions { .. }
            | Command::Man { .. } => false,
        }
    }

    /// The `--today` given to this command, if it takes one.
    pub fn today(&self) -> Option<&str> {
        match self {
            Command::Plan { today, .. } => today.as_deref(),
            Command::Decide(args) => args.today.as_deref(),
            Command::History(args) => args.today.as_deref(),
            Command::Review(args) => args.today.as_deref(),
            _ => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the paths against your answers: asks them in a terminal, or reads them with --answers
    #[command(after_long_help = "Examples:\n  \
        ctopath assess                                  # the questionnaire, in a terminal\n  \
        ctopath assess --save answers.json              # the same, keeping the answers\n  \
        ctopath assess --edit answers.json              # change a few answers, then rank\n  \
        ctopath assess --answers answers.json\n  \
        ctopath assess --answers answers.json --format json | jq '.ranking[0].id'\n  \
        ctopath assess --answers answers.json --format html --output report.html\n  \
        cat answers.json | ctopath assess --answers -")]
    Assess(AssessArgs),
    /// Why one path beats another, criterion by criterion
    #[command(after_long_help = "Examples:\n  \
        ctopath compare founder fractional_cto --answers answers.json\n  \
        ctopath compare founder ceo --answers answers.json --format json | jq .difference\n\n\
        Without --answers, the answers of the last finished questionnaire are used.")]
    Compare {
        /// The first path's id
        #[arg(add = ArgValueCandidates::new(path_ids))]
        a: String,
        /// The second path's id
        #[arg(add = ArgValueCandidates::new(path_ids))]
        b: String,
        #[command(flatten)]
        input: AnswersInput,
        #[arg(long, short, value_enum, default_value_t)]
        format: Format,
    },
    /// An action plan for one path: first steps, your gaps, cheap tests, a review date
    #[command(after_long_help = "Examples:\n  \
        ctopath plan fractional_cto --answers answers.json\n  \
        ctopath plan founder --answers answers.json --format json | jq .experiments\n\n\
        Without --answers, the answers of the last finished questionnaire are used.")]
    Plan {
        /// The path's id
        #[arg(add = ArgValueCandidates::new(path_ids))]
        id: String,
        #[command(flatten)]
        input: AnswersInput,
        #[arg(long, short, value_enum, default_value_t)]
        format: Format,
        /// The date the review date counts from (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// The best combinations of part-time paths that fit your week and pay your floor
    #[command(after_long_help = "Examples:\n  \
        ctopath portfolio --answers answers.json\n  \
        ctopath portfolio --answers answers.json --max-parts 3\n  \
        ctopath portfolio --answers answers.json --format json | jq '.portfolios[0].parts'\n\n\
        Without --answers, the answers of the last finished questionnaire are used. With no hours \
        limit in the answers, portfolios fit a full working week of 60 hours.")]
    Portfolio(PortfolioArgs),
    /// Record the path you chose, what you expect by when, and how sure you are
    #[command(after_long_help = "Examples:\n  \
        ctopath decide fractional_cto --expect \"two paying clients\" --confidence 70\n  \
        ctopath decide founder --review 2027-03-01\n\n\
        Without --review, the review is due in 90 days. `ctopath review` asks what came of it \
        once it is due, and `ctopath history` shows how well-calibrated your confidence has been.")]
    Decide(DecideArgs),
    /// Your past assessments and decisions, and how well-calibrated your predictions have been
    #[command(
        args_conflicts_with_subcommands = true,
        after_long_help = "Examples:\n  \
        ctopath history\n  \
        ctopath history --format json | jq '.entries[-1]'\n  \
        ctopath history show 3\n\n\
        The history is in the state folder (~/.local/state/ctopath/history.jsonl on Linux); \
        delete the files there to forget it, and pass --no-history to `assess` (or set \
        CTOPATH_NO_HISTORY=1) to keep none."
    )]
    History(HistoryArgs),
    /// Answer again, with your last answers as defaults, and see what changed and why
    #[command(after_long_help = "Examples:\n  \
        ctopath review                                  # the questionnaire, in a terminal\n  \
        ctopath review --answers answers.json\n  \
        ctopath review --answers answers.json --outcome fractional_cto=partly --format json\n\n\
        Compares with the last entry of your history, records a new one, and asks what came of \
        each decision whose review is due (--outcome ID=expected|partly|not says it without a \
        terminal).")]
    Review(ReviewArgs),
    /// List the paths in the catalogue, or show one
    #[command(
        subcommand,
        after_long_help = "Examples:\n  \
        ctopath paths list\n  \
        ctopath paths show fractional_cto\n  \
        ctopath paths guide   # the format of path files"
    )]
    Paths(PathsCommand),
    /// Print the questions ctopath asks, or an answers file to fill in
    #[command(after_long_help = "Examples:\n  \
        ctopath questions\n  \
        ctopath questions --format json\n  \
        ctopath questions --template > answers.json")]
    Questions(QuestionsArgs),
    /// Print a JSON Schema of a file format, for editors and scripts
    #[command(after_long_help = "Examples:\n  \
        ctopath schema path > path.schema.json\n  \
        ctopath schema answers | jq '.properties | keys'")]
    Schema {
        /// Which format: a path file, criteria.yaml, an answers file, or the JSON of assess,
        /// compare, plan, portfolio, history or review
        #[arg(value_enum)]
        format: SchemaFormat,
    },
    /// Print a completion script for a shell; it asks ctopath itself for path ids and files
    #[command(after_long_help = "Examples:\n  \
        ctopath completions bash > ~/.local/share/bash-completion/completions/ctopath\n  \
        ctopath completions zsh > ~/.zfunc/_ctopath\n  \
        ctopath completions fish > ~/.config/fish/completions/ctopath.fish\n  \
        source <(COMPLETE=bash ctopath)   # the same, in ~/.bashrc")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write every page into a folder
    #[command(after_long_help = "Examples:\n  \
        ctopath man | man -l -\n  \
        ctopath man --dir ~/.local/share/man   # man1/ctopath*.1 and man5/ctopath-paths.5")]
    Man {
        /// Write ctopath(1), a page per command (ctopath-assess(1), …) and the catalogue format
        /// ctopath-paths(5) into DIR/man1 and DIR/man5, replacing older ones
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
    /// Check catalogue files and report every problem
    #[command(after_long_help = "Examples:\n  \
        ctopath validate              # the catalogue in use: built-in, $CTOPATH_PATHS, --paths\n  \
        ctopath validate ~/my-paths   # that folder on top of the catalogue in use")]
    Validate(ValidateArgs),
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Read the answers as JSON from FILE, or from standard input with `-`
    #[arg(long, short, value_name = "FILE|-", value_hint = ValueHint::FilePath)]
    pub answers: Option<PathBuf>,

    /// How to print the results: a table, JSON, or a report to keep (Markdown or HTML, with
    /// charts)
    #[arg(long, short, value_enum, default_value_t)]
    pub format: AssessFormat,

    /// Write the results to FILE instead of standard output (atomically)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also write the answers to FILE, as JSON that --answers reads back
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,

    /// Open a saved answers FILE in the questionnaire, at its review, and save it back (asking
    /// before replacing it)
    #[arg(long, value_name = "FILE", conflicts_with = "answers")]
    pub edit: Option<PathBuf>,

    /// Let --save and --output replace an existing file
    #[arg(long)]
    pub force: bool,

    /// Keep no entry of this assessment in your history (also CTOPATH_NO_HISTORY=1)
    #[arg(long)]
    pub no_history: bool,

    #[command(flatten)]
    pub stream: StreamArgs,

    #[command(flatten)]
    pub robustness: RobustnessArgs,
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The id of the path you chose
    #[arg(add = ArgValueCandidates::new(path_ids))]
    pub id: String,
    /// What you expect to see by the review date, in a sentence
    #[arg(long, value_name = "TEXT")]
    pub expect: Option<String>,
    /// How sure you are of it, in percent: 1 to 99
    #[arg(long, value_name = "PCT")]
    pub confidence: Option<String>,
    /// When to look at the decision again [default: 90 days from today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub review: Option<String>,
    /// Today's date, for the decision's date and the default review [default: today, or
    /// $CTOPATH_TODAY]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
    #[arg(long, short, value_enum, default_value_t, global = true)]
    pub format: Format,
    /// Today's date, for what is due [default: today, or $CTOPATH_TODAY]
    #[arg(long, value_name = "YYYY-MM-DD", global = true)]
    pub today: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Show one entry in full: the answers, the best paths, the verdict and the flip
    #[command(after_long_help = "Examples:\n  \
        ctopath history show 3\n  \
        ctopath history show 3 --format json | jq .answers > answers.json")]
    Show {
        /// The entry's number, as `ctopath history` lists it
        number: u64,
    },
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Read the answers as JSON from FILE, or from standard input with `-`; without it, the
    /// questionnaire asks them in a terminal, your last history entry's answers as defaults
    #[arg(long, short, value_name = "FILE|-", value_hint = ValueHint::FilePath)]
    pub answers: Option<PathBuf>,
    #[arg(long, short, value_enum, default_value_t)]
    pub format: Format,
    /// What came of a decision due for review: the path's id (or the decision's number) and
    /// `expected`, `partly` or `not` (repeatable)
    #[arg(long, value_name = "ID=OUTCOME", add = ArgValueCandidates::new(path_ids))]
    pub outcome: Vec<String>,
    /// Keep no history entry for this review
    #[arg(long)]
    pub no_history: bool,
    /// Today's date [default: today, or $CTOPATH_TODAY]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct PortfolioArgs {
    #[command(flatten)]
    pub input: AnswersInput,
    #[arg(long, short, value_enum, default_value_t)]
    pub format: Format,
    /// The most parts a portfolio may have (2 to 4)
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u8).range(2..=4))]
    pub max_parts: u8,
    #[command(flatten)]
    pub robustness: RobustnessArgs,
}

/// Where `compare` and `plan` read answers from.
#[derive(Debug, Args)]
pub struct AnswersInput {
    /// Read the answers as JSON from FILE, or from standard input with `-`; without it, the
    /// answers of the last finished questionnaire
    #[arg(long, short, value_name = "FILE|-", value_hint = ValueHint::FilePath)]
    pub answers: Option<PathBuf>,
}

/// Options for `--format ndjson`.
#[derive(Debug, Args)]
pub struct StreamArgs {
    /// With --format ndjson: stop at the first record that fails (after writing its error line)
    #[arg(long)]
    pub fail_fast: bool,

    /// Keep only the N best paths of each ranking
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub top: Option<u32>,

    /// With --format ndjson: the fields kept for each ranked path, comma-separated (rank, id,
    /// name, score, fit, contributions, reasons, first_step, robustness); default all
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub fields: Vec<String>,

    /// With --format ndjson: also write each person's best portfolios (left out of streams
    /// otherwise: they cost more than the ranking)
    #[arg(long)]
    pub portfolios: bool,
}

/// How the robustness of a ranking is checked.
#[derive(Debug, Args)]
pub struct RobustnessArgs {
    /// Seed for the variations of your answers that test the ranking; the same seed and
    /// answers always give the same results
    #[arg(long, value_name = "N", default_value_t = crate::engine::DEFAULT_SEED)]
    pub seed: u64,

    /// How many variations of your answers to rank; 0 turns the check off [default: 400, and
    /// 0 with --format ndjson]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100_000))]
    pub samples: Option<u32>,
}

impl RobustnessArgs {
    /// The settings, or `None` when the check is off; `default_samples` applies when
    /// `--samples` is not given.
    pub fn settings(&self, default_samples: u32) -> Option<crate::engine::Settings> {
        let samples = self.samples.unwrap_or(default_samples);
        (samples > 0).then_some(crate::engine::Settings {
            seed: self.seed,
            samples: samples as usize,
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum PathsCommand {
    /// List every path: id, name, where it comes from, summary
    #[command(after_long_help = "Examples:\n  \
        ctopath paths list\n  \
        ctopath paths list --format json | jq -r '.paths[].id'")]
    List {
        #[arg(long, short, value_enum, default_value_t)]
        format: Format,
    },
    /// Show everything about one path
    #[command(after_long_help = "Examples:\n  \
        ctopath paths show fractional_cto\n  \
        ctopath paths show founder --format json")]
    Show {
        /// The path's id, as `ctopath paths list` shows it
        #[arg(add = ArgValueCandidates::new(path_ids))]
        id: String,
        #[arg(long, short, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the format of path files and criteria.yaml (also `man 5 ctopath-paths`)
    #[command(after_long_help = "Examples:\n  \
        ctopath paths guide | less")]
    Guide,
    /// Write a new path file to fill in, in your paths folder (never replacing a file)
    #[command(after_long_help = "Examples:\n  \
        ctopath paths new nonprofit_cto         # ~/.config/ctopath/paths/nonprofit_cto.yaml\n  \
        ctopath paths new nonprofit_cto --dir . # ./nonprofit_cto.yaml")]
    New {
        /// The new path's id: lowercase letters, digits and `_`, starting with a letter
        id: String,
        /// Write into DIR instead of your paths folder (which ctopath reads without flags)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The file formats `ctopath schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFormat {
    /// A path file (paths/*.yaml)
    Path,
    /// The criteria file (paths/criteria.yaml)
    Criteria,
    /// An answers file (`assess --answers`)
    Answers,
    /// The results of `assess --format json`
    Results,
    /// The output of `compare --format json`
    Comparison,
    /// The output of `plan --format json`
    Plan,
    /// The output of `portfolio --format json`
    Portfolios,
    /// The output of `history --format json`
    History,
    /// The output of `history show N --format json`: one journal entry, as history.jsonl keeps it
    HistoryEntry,
    /// The output of `review --format json`
    Review,
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

/// How `assess` prints its results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum AssessFormat {
    /// A table for people
    #[default]
    Table,
    /// JSON for scripts (see README: "Results JSON")
    Json,
    /// A report in Markdown, with charts as inline SVG
    Markdown,
    /// A self-contained HTML report with charts
    Html,
    /// One JSON line per answers object in the input, for scoring many people (see README:
    /// "Scoring many people")
    Ndjson,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people
    #[default]
    Table,
    /// JSON for scripts (README: "Results JSON" and the sections after it; `ctopath schema`)
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn line(text: &str) -> Vec<OsString> {
        text.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn the_narrow_parse_of_assess_agrees_with_the_full_one() {
        for text in [
            "ctopath assess",
            "ctopath assess --answers a.json --format json --no-history",
            "ctopath --paths assess assess -a - -f ndjson --top 3 --fields id,score",
            "ctopath --color always --plain assess --samples 0 --seed 7 --paths extra",
            "ctopath --paths=mine assess --edit a.json --force --save b.json --no-builtin",
            "ctopath assess --answers p.ndjson --format ndjson --fail-fast --portfolios -o out",
        ] {
            let args = line(text);
            assert!(names_assess(&args), "{text}");
            assert!(AssessLine::try_parse_from(&args).is_ok(), "narrow: {text}");
            let full = Cli::try_parse_from(&args).unwrap();
            let fast = Cli::parse_args(args).unwrap();
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{text}");
        }
    }

    #[test]
    fn only_a_line_naming_assess_is_parsed_narrowly() {
        for text in [
            "ctopath paths list",
            "ctopath --plain",
            "ctopath --color assess list",
        ] {
            assert!(!names_assess(&line(text)), "{text}");
        }
        // What the narrow parse rejects is parsed in full: other commands, help, mistakes.
        let paths = Cli::parse_args(line("ctopath --paths assess paths list")).unwrap();
        assert!(matches!(
            paths.command,
            Command::Paths(PathsCommand::List { .. })
        ));
        for text in [
            "ctopath assess --help",
            "ctopath assess --format xml",
            "ctopath --version",
        ] {
            let full = Cli::try_parse_from(line(text)).unwrap_err();
            let parsed = Cli::parse_args(line(text)).unwrap_err();
            assert_eq!(parsed.kind(), full.kind(), "{text}");
            assert_eq!(parsed.to_string(), full.to_string(), "{text}");
        }
        // Where the narrow command line would answer differently, it is not the one answering.
        for text in ["ctopath assess --help", "ctopath --version"] {
            let narrow = AssessLine::try_parse_from(line(text)).unwrap_err();
            let full = Cli::try_parse_from(line(text)).unwrap_err();
            assert_ne!(narrow.to_string(), full.to_string(), "{text}");
        }
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_shows_examples_in_its_help() {
        fn check(command: &clap::Command, name: &str) {
            let subcommands: Vec<_> = command.get_subcommands().collect();
            if subcommands.is_empty() {
                let help = command
                    .get_after_long_help()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                assert!(
                    help.contains("Examples:"),
                    "`{name} --help` shows no examples"
                );
            }
            for sub in subcommands {
                check(sub, &format!("{name} {}", sub.get_name()));
            }
        }
        check(&Cli::command(), "ctopath");
    }
}
