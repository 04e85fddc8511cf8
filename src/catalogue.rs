//! Loading the catalogue: the built-in YAML files, then each extra folder in turn. All YAML
//! parsing in ctopath happens here.
//!
//! A folder's `criteria.yaml` replaces the criteria loaded before it; every other `*.yaml` or
//! `*.yml` file is one path, which replaces an earlier path of the same id. Every problem in every
//! file is collected, with its file, line and column, before anything is scored.

use crate::model::{
    Basis, CareerPath, Catalogue, ChoiceQuestion, Combines, ConstraintTexts, Criteria, Criterion,
    Fact, IncomeRange, Need, NumberQuestion, PathSource, Penalties, RATING_MAX, RATING_MIN,
    Realities, Weights,
};
use crate::suggest::nearest;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_catalogue.rs"));
}

/// The file of a folder that holds the criteria rather than a path (`criteria.yml` too).
pub const CRITERIA_FILE: &str = "criteria.yaml";
/// The most hours a week, months of runway and yearly income a path or an answer may name:
/// beyond any real career, and small enough for the engine's arithmetic.
pub const HOURS_IN_A_WEEK: u32 = 168;
pub const MAX_RUNWAY_MONTHS: u32 = 1200;
pub const MAX_INCOME_USD: u64 = 1_000_000_000;

/// Where the format is explained, for problems the message alone may not settle.
const FORMAT_HINT: &str = "the format is in paths/README.md; `ctopath paths show founder --format json` shows a complete path";

fn is_criteria_file(file_name: &str) -> bool {
    file_name == CRITERIA_FILE || file_name == "criteria.yml"
}
/// Larger files are refused unread: a real path file is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// One place paths come from, in the order they are layered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Folder(PathBuf, Layer),
}

/// Why a folder is read, which `paths list` shows as a path's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The per-user folder (`~/.config/ctopath/paths` on Linux); skipped when it does not exist.
    User,
    /// A folder listed in `$CTOPATH_PATHS`.
    Environment,
    /// A folder given with `--paths`.
    Flag,
    /// A folder given to `ctopath validate`.
    Checked,
}

impl Origin {
    /// How `paths list` names this origin.
    pub fn label(&self) -> &'static str {
        match self {
            Origin::BuiltIn => "built-in",
            Origin::Folder(_, Layer::User) => "user",
            Origin::Folder(_, Layer::Environment) => "CTOPATH_PATHS",
            Origin::Folder(_, Layer::Flag) => "--paths",
            Origin::Folder(_, Layer::Checked) => "validate",
        }
    }
}

/// Something wrong in a catalogue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user would type it (`built-in:founder.yaml` for a shipped one).
    pub file: String,
    /// 1-based line and column, where known.
    pub position: Option<(u64, u64)>,
    pub message: String,
    /// What to do about it, where there is more to say than the message.
    pub hint: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.message)?,
            None => write!(f, "{}: {}", self.file, self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A catalogue that did not load, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct CatalogueError {
    pub problems: Vec<Problem>,
    pub files_checked: usize,
}

impl CatalogueError {
    /// One line for the count, then each problem.
    fn render(&self) -> String {
        let mut text = format!(
            "the catalogue has {} (see `ctopath validate`):",
            plural(self.problems.len(), "problem")
        );
        for problem in &self.problems {
            text.push('\n');
            text.push_str(&problem.to_string());
        }
        text
    }
}

/// A loaded catalogue and how many files it was read from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub catalogue: Catalogue,
    pub files_checked: usize,
    /// The file the criteria came from, and the text, to point at a criterion in it.
    criteria_file: Source,
}

impl Loaded {
    /// What can be scored but is likely a mistake: a skill or goal that no path rates. `validate`
    /// reports these; `assess` does not stop for them.
    pub fn warnings(&self) -> Vec<Problem> {
        let catalogue = &self.catalogue;
        let criteria = &catalogue.criteria;
        let mut warnings = Vec::new();
        for (kind, list, field) in [
            ("skill", &criteria.skills, "demands"),
            ("goal", &criteria.goals, "gives"),
        ] {
            for criterion in list.iter() {
                let rated = catalogue.paths.iter().any(|path| {
                    let ratings = if field == "demands" {
                        &path.demands
                    } else {
                        &path.gives
                    };
                    ratings.contains_key(&criterion.id)
                });
                if !rated {
                    warnings.push(Problem {
                        file: self.criteria_file.display.clone(),
                        position: position_of_id(&self.criteria_file.text, &criterion.id),
                        message: format!(
                            "{kind} '{}' is rated by no path, so it changes no score",
                            criterion.id
                        ),
                        hint: Some(format!(
                            "rate it under `{field}:` in the paths it matters for, or remove it"
                        )),
                    });
                }
            }
        }
        warnings
    }
}

/// Line and column of `id: ID` in a criteria file, for pointing at a criterion.
fn position_of_id(text: &str, id: &str) -> Option<(u64, u64)> {
    text.lines().enumerate().find_map(|(index, line)| {
        let at = line.find("id:")?;
        let value = line[at + 3..].trim().trim_matches(['"', '\'']);
        (value == id).then(|| (index as u64 + 1, line[..at].chars().count() as u64 + 1))
    })
}

/// The origins with any folder named a second time (by another spelling of the same path, too)
/// left out, so that its files are not read, and reported, twice.
pub fn without_repeats(origins: Vec<Origin>) -> Vec<Origin> {
    let mut seen = BTreeSet::new();
    origins
        .into_iter()
        .filter(|origin| match origin {
            Origin::BuiltIn => true,
            Origin::Folder(dir, _) => {
                seen.insert(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone()))
            }
        })
        .collect()
}

/// Loads the built-in catalogue, then each folder on top of it.
pub fn load(origins: &[Origin]) -> Result<Loaded, CatalogueError> {
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    if !origins.contains(&Origin::BuiltIn) {
        // Without the built-in paths, the built-in criteria still apply unless a folder has its own.
        let criteria = builtin_sources()
            .into_iter()
            .filter(|s| is_criteria_file(&s.file_name));
        sources.push(criteria.collect());
    }
    for origin in origins {
        match origin {
            Origin::BuiltIn => sources.push(builtin_sources()),
            // The user folder is optional: most people never make one.
            Origin::Folder(dir, Layer::User) if !dir.exists() => {}
            Origin::Folder(dir, _) => {
                sources.push(folder_sources(dir, origin.label(), &mut problems))
            }
        }
    }
    load_sources(&sources, problems)
}

/// One file's name (as shown to the user) and text.
#[derive(Debug, Clone)]
pub struct Source {
    pub display: String,
    pub file_name: String,
    pub text: String,
    /// The origin's label: `built-in`, `user`, `--paths`, …
    pub origin: &'static str,
}

fn builtin_sources() -> Vec<Source> {
    builtin::FILES
        .iter()
        .map(|(name, text)| Source {
            display: format!("built-in:{name}"),
            file_name: (*name).to_string(),
            text: (*text).to_string(),
            origin: Origin::BuiltIn.label(),
        })
        .collect()
}

fn folder_sources(dir: &Path, origin: &'static str, problems: &mut Vec<Problem>) -> Vec<Source> {
    let mut problem = |file: &Path, message: String, position: Option<(u64, u64)>| {
        problems.push(Problem {
            file: file.display().to_string(),
            position,
            message,
            hint: None,
        });
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problem(
                dir,
                format!(
                    "cannot read this folder: {error}; check the --paths and CTOPATH_PATHS folders"
                ),
                None,
            );
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(error) => {
                problem(dir, format!("cannot list this folder: {error}"), None);
                continue;
            }
        };
        if path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml")
        {
            files.push(path);
        }
    }
    files.sort();
    let mut sources = Vec::new();
    for path in files {
        let file = match open_file(&path) {
            Ok(Some(file)) => file,
            // A sub-folder named `x.yaml` is not a path file.
            Ok(None) => continue,
            Err(message) => {
                problem(&path, message, None);
                continue;
            }
        };
        match read_capped(file) {
            Ok(text) => sources.push(Source {
                // Shown in tables, messages and JSON: a file name may hold anything.
                display: crate::text::sanitize(&path.display().to_string()).into_owned(),
                file_name: path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                text,
                origin,
            }),
            Err((message, position)) => problem(&path, message, position),
        }
    }
    sources
}

/// A file of a folder, opened to be read: `None` for a folder. Links to files are followed; a
/// link that leads nowhere, a named pipe or a device is a problem with the file, never waited on
/// or read, so that no path disappears without a word.
fn open_file(path: &Path) -> Result<Option<std::fs::File>, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a named pipe waits for a writer; this way it opens at once, and is refused below.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let fix = "point it at a path file or remove it";
    let file = options.open(path).map_err(|error| {
        if error.kind() == std::io::ErrorKind::NotFound
            && let Ok(target) = std::fs::read_link(path)
        {
            format!(
                "a link to {}, which does not exist; {fix}",
                target.display()
            )
        } else if is_link_loop(&error) {
            format!("a link in a loop of links, which leads nowhere; {fix}")
        } else {
            format!("cannot read: {error}")
        }
    })?;
    let kind = file
        .metadata()
        .map_err(|error| format!("cannot read: {error}"))?
        .file_type();
    if kind.is_dir() {
        return Ok(None);
    }
    if !kind.is_file() {
        return Err(format!(
            "not a regular file ({}); a path file is a YAML text file",
            special_kind(kind)
        ));
    }
    Ok(Some(file))
}

#[cfg(unix)]
fn is_link_loop(error: &std::io::Error) -> bool {
    error.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_link_loop(_: &std::io::Error) -> bool {
    false
}

#[cfg(unix)]
fn special_kind(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a device"
    }
}

#[cfg(not(unix))]
fn special_kind(_: std::fs::FileType) -> &'static str {
    "a device"
}

/// The file's text, or why it cannot be used: a message and, where there is one, a position.
fn read_capped(file: std::fs::File) -> Result<String, (String, Option<(u64, u64)>)> {
    use std::io::Read;
    let unreadable = |error: std::io::Error| (format!("cannot read: {error}"), None);
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let message = format!(
            "larger than {} KiB; a path file is a few KiB",
            MAX_FILE_BYTES / 1024
        );
        return Err((message, None));
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        (
            "not UTF-8 text; save the file as UTF-8".to_string(),
            Some((line as u64, column as u64)),
        )
    })
}

/// Parses and checks layered sources: `sources[0]` first, later layers override.
pub fn load_sources(
    layers: &[Vec<Source>],
    mut problems: Vec<Problem>,
) -> Result<Loaded, CatalogueError> {
    let files_checked = layers.iter().map(Vec::len).sum();

    let mut criteria = None;
    let mut criteria_file = None;
    for source in layers
        .iter()
        .flatten()
        .filter(|s| is_criteria_file(&s.file_name))
    {
        if let Some(parsed) = parse_criteria(source, &mut problems) {
            criteria = Some(parsed);
            criteria_file = Some(source.clone());
        }
    }
    let (Some(criteria), Some(criteria_file)) = (criteria, criteria_file) else {
        if problems.is_empty() {
            problems.push(Problem {
                file: "catalogue".to_string(),
                position: None,
                message: format!("no {CRITERIA_FILE} found"),
                hint: Some(format!("add a {CRITERIA_FILE} to one of the folders")),
            });
        }
        return Err(CatalogueError {
            problems,
            files_checked,
        });
    };

    // Files are parsed on every core (a large catalogue has thousands), then taken in order.
    let sources: Vec<(usize, &Source)> = layers
        .iter()
        .enumerate()
        .flat_map(|(layer, sources)| sources.iter().map(move |source| (layer, source)))
        .filter(|(_, source)| !is_criteria_file(&source.file_name))
        .collect();
    let parsed = parse_paths(&sources, &criteria);

    let mut paths: BTreeMap<String, CareerPath> = BTreeMap::new();
    let mut seen_in_layer: BTreeMap<String, String> = BTreeMap::new();
    let mut current_layer = None;
    for (&(layer, source), (path, file_problems)) in sources.iter().zip(parsed) {
        problems.extend(file_problems);
        if current_layer != Some(layer) {
            current_layer = Some(layer);
            seen_in_layer.clear();
        }
        let Some((path, id_at)) = path else { continue };
        if let Some(first) = seen_in_layer.insert(path.id.clone(), source.display.clone()) {
            problems.push(Problem {
                file: source.display.clone(),
                position: Some(id_at),
                message: format!("duplicate id '{}': {first} has it too", path.id),
                hint: Some("give each path in a folder its own id".to_string()),
            });
            continue;
        }
        let replaces = paths.get(&path.id).map(|earlier| earlier.source.clone());
        paths.insert(path.id.clone(), CareerPath { replaces, ..path });
    }

    if problems.is_empty() {
        Ok(Loaded {
            catalogue: Catalogue {
                criteria,
                paths: paths.into_values().collect(),
            },
            files_checked,
            criteria_file,
        })
    } else {
        Err(CatalogueError {
            problems,
            files_checked,
        })
    }
}

/// A parsed path (with where its id stands) or nothing, and the file's problems.
type Parsed = (Option<(CareerPath, (u64, u64))>, Vec<Problem>);

/// Parses path files, in order, spread over the machine's cores.
fn parse_paths(sources: &[(usize, &Source)], criteria: &Criteria) -> Vec<Parsed> {
    let parse = |(_, source): &(usize, &Source)| {
        let mut problems = Vec::new();
        let path = parse_path(source, criteria, &mut problems);
        (path, problems)
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Below a few dozen files a thread costs more than it saves.
    if workers == 1 || sources.len() < 64 {
        return sources.iter().map(parse).collect();
    }
    let chunk = sources.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = sources
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(parse).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().expect("a parsing worker panicked"))
            .collect()
    })
}

/// Limits that a hand-written catalogue file never comes near, set so that a hostile one (an
/// alias bomb, deep nesting, a huge document) fails fast instead of eating memory or time.
const MAX_DEPTH: usize = 16;
const MAX_NODES: usize = 50_000;
const MAX_ALIASES: usize = 100;
const MAX_REPLAYED_EVENTS: usize = 10_000;
/// YAML reads a plain (implicit) key of at most this many characters.
const MAX_KEY_CHARS: usize = 1024;

fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        // A tag such as `!python/object` means nothing here: refuse it rather than ignore it.
        reject_unsupported_tags: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_FILE_BYTES as usize),
            max_events: 2 * MAX_NODES,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_depth: MAX_DEPTH,
            max_documents: 1,
            max_nodes: MAX_NODES,
            max_total_scalar_bytes: MAX_FILE_BYTES as usize,
            max_merge_keys: MAX_ALIASES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
            max_replay_stack_depth: 8,
            max_alias_expansions_per_anchor: MAX_ALIASES,
        },
    }
}

fn parse_yaml<T: for<'de> Deserialize<'de>>(
    source: &Source,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match serde_saphyr::from_str_with_options::<T>(&source.text, yaml_options()) {
        Ok(value) => Some(value),
        Err(error) => {
            let location = error.location();
            let (message, hint) = yaml_problem(&error, location, &source.text);
            problems.push(Problem {
                file: source.display.clone(),
                position: location.map(|at| (at.line(), at.column())),
                message,
                hint: Some(hint),
            });
            None
        }
    }
}

/// The parser's error as a message and a hint that say what is wrong, which limit was met and
/// what to change, in words for a person editing the file rather than the parser's own.
fn yaml_problem(
    error: &serde_saphyr::Error,
    location: Option<Location>,
    text: &str,
) -> (String, String) {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    let error = match error {
        Error::AliasError { error, .. } => error,
        error => error,
    };
    let aliases = || {
        (
            format!(
                "aliases (`*name`) expand too far: at most {MAX_ALIASES} aliases and \
                 {MAX_REPLAYED_EVENTS} values copied by them"
            ),
            "write the text out where it is used, without anchors and aliases".to_string(),
        )
    };
    match error {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Documents { .. } => (
                "more than one YAML document (`---`); a catalogue file holds one".to_string(),
                "remove the `---` line and what follows it, or move it to a file of its own"
                    .to_string(),
            ),
            BudgetBreach::Aliases { .. }
            | BudgetBreach::Anchors { .. }
            | BudgetBreach::MergeKeys { .. }
            | BudgetBreach::AliasAnchorRatio { .. } => aliases(),
            BudgetBreach::Depth { .. } => (
                format!("nested more than {MAX_DEPTH} levels deep"),
                "a catalogue file needs three levels at most: see paths/README.md".to_string(),
            ),
            BudgetBreach::ScalarBytes { .. } => (
                format!(
                    "more than {} KiB of text once aliases (`*name`) are expanded",
                    MAX_FILE_BYTES / 1024
                ),
                "write the text out where it is used, without anchors and aliases".to_string(),
            ),
            BudgetBreach::InputBytes { .. } => (
                format!("larger than {} KiB", MAX_FILE_BYTES / 1024),
                "a path file is a few KiB: split or shorten it".to_string(),
            ),
            _ => (
                format!("more than {MAX_NODES} keys, values and list items"),
                "a catalogue file holds a few hundred: see paths/README.md".to_string(),
            ),
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => aliases(),
        _ => match location.and_then(|at| long_key(text, at)) {
            Some((length, start)) => (
                format!(
                    "a key of {length} characters ({start}…); YAML reads at most \
                     {MAX_KEY_CHARS} characters as a key"
                ),
                format!("use one of the keys the format allows; {FORMAT_HINT}"),
            ),
            None => (yaml_message(error), FORMAT_HINT.to_string()),
        },
    }
}

/// The length and first characters of a key longer than YAML reads, if one starts at `at`:
/// the parser takes such a line for a plain value and reports something else.
fn long_key(text: &str, at: Location) -> Option<(usize, String)> {
    let line = text
        .lines()
        .nth(usize::try_from(at.line()).ok()?.checked_sub(1)?)?;
    let column = usize::try_from(at.column()).ok()?.checked_sub(1)?;
    let from: String = line.chars().skip(column).collect();
    let key = from
        .trim_start_matches("- ")
        .split(": ")
        .next()?
        .trim_end_matches(':');
    let length = key.chars().count();
    (length > MAX_KEY_CHARS).then(|| (length, key.chars().take(20).collect()))
}

/// The parser's message in words that say what to change, without the position it adds (the
/// problem carries that itself).
fn yaml_message(error: &serde_saphyr::Error) -> String {
    let text = error.to_string();
    let first_line = text.lines().next().unwrap_or_default();
    let message = first_line.strip_prefix("error: ").unwrap_or(first_line);
    let message = match message.split_once(": ") {
        Some((prefix, rest)) if prefix.starts_with("line ") && prefix.contains(" column ") => rest,
        _ => message,
    };
    let message = match message.rsplit_once(" at line ") {
        Some((rest, position)) if position.contains(", column ") => rest,
        _ => message,
    };
    plain_yaml_message(message)
}

/// Rewrites the parser's wording, which speaks of its own types and options, for a person
/// editing a catalogue file.
fn plain_yaml_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((field, expected)) = rest.split_once("`, expected one of ")
    {
        let allowed: Vec<&str> = expected.split(", ").collect();
        return format!(
            "unknown key `{field}`{}; allowed: {expected}",
            crate::suggest::did_you_mean(field, allowed.iter().copied())
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return format!("key `{key}` is given twice; keep one");
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("{rest} is missing");
    }
    match message {
        "unexpected end of input" => {
            "the file ends before any content; it must hold a mapping such as `id: …`".to_string()
        }
        "expected mapping start" => {
            "expected a mapping of keys such as `id: …`, found something else".to_string()
        }
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// criteria.yaml

// The raw file formats. Values are `Spanned` so that every problem can point at its line and
// column; `schemars(with)` describes each as the plain value for `ctopath schema`.

/// The criteria every path is scored against (criteria.yaml).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctopath criteria")]
struct RawCriteria {
    /// How the fit is split between skills and goals; the two add up to 1.
    weights: RawWeights,
    /// The most each partly met constraint can take off a path's fit, as a share; at most 1 in all.
    penalties: RawPenalties,
    /// Self-rated from 1 to 5; a path's `demands` says which level of each it needs.
    #[schemars(length(max = MAX_CRITERIA))]
    skills: Vec<RawCriterion>,
    /// How much each matters, from 1 to 5; a path's `gives` rates how well it delivers each.
    #[schemars(length(max = MAX_CRITERIA))]
    goals: Vec<RawCriterion>,
    /// The wording and range of the fixed constraints.
    constraints: RawConstraintTexts,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Weights")]
struct RawWeights {
    #[schemars(with = "Share")]
    skills: Spanned<Number>,
    #[schemars(with = "Share")]
    goals: Spanned<Number>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Penalties")]
struct RawPenalties {
    #[schemars(with = "Share")]
    hours_per_week: Spanned<Number>,
    #[schemars(with = "Share")]
    runway_months: Spanned<Number>,
    #[schemars(with = "Share")]
    min_income: Spanned<Number>,
}

/// A skill or a goal.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Criterion")]
struct RawCriterion {
    /// snake_case, unique across skills and goals; answers and paths use it.
    #[schemars(with = "Id")]
    id: Spanned<String>,
    #[schemars(with = "Text")]
    name: Spanned<String>,
    /// The question the questionnaire asks.
    #[schemars(with = "Text")]
    question: Spanned<String>,
    /// What a 1 looks like.
    #[schemars(with = "Text")]
    low: Spanned<String>,
    /// What a 5 looks like.
    #[schemars(with = "Text")]
    high: Spanned<String>,
    /// The answer assumed when none is given.
    #[schemars(with = "Rating")]
    default: Spanned<Number>,
    /// For a skill: how to close a gap in it, shown in action plans.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    grow: Option<Spanned<String>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Constraints")]
struct RawConstraintTexts {
    hours_per_week: RawNumberQuestion,
    runway_months: RawNumberQuestion,
    min_income: RawNumberQuestion,
    exclude: RawChoiceQuestion,
    /// The must-haves question; a criteria file written before it existed gets ctopath's own.
    #[serde(default)]
    must_have: Option<RawChoiceQuestion>,
    /// The kept-job question; likewise.
    #[serde(default)]
    keeps_job: Option<RawChoiceQuestion>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "NumberQuestion")]
struct RawNumberQuestion {
    #[schemars(with = "Text")]
    name: Spanned<String>,
    #[schemars(with = "Text")]
    question: Spanned<String>,
    /// Shown after numbers, e.g. `hours a week`.
    #[schemars(with = "Text")]
    unit: Spanned<String>,
    #[schemars(with = "u64")]
    min: Spanned<Number>,
    #[schemars(with = "u64")]
    max: Spanned<Number>,
    /// What the questionnaire offers on Enter; without one it offers no limit.
    #[serde(default)]
    #[schemars(with = "Option<u64>", extend("default" = null))]
    default: Option<Spanned<Number>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ChoiceQuestion")]
struct RawChoiceQuestion {
    #[schemars(with = "Text")]
    name: Spanned<String>,
    #[schemars(with = "Text")]
    question: Spanned<String>,
}

/// A rating on the 1–5 scale, in a schema.
struct Rating;

impl JsonSchema for Rating {
    fn schema_name() -> Cow<'static, str> {
        "Rating".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A whole number from 1 to 5.",
            "type": "integer",
            "minimum": RATING_MIN,
            "maximum": RATING_MAX,
        })
    }
}

/// A share from 0 to 1, in a schema.
struct Share;

impl JsonSchema for Share {
    fn schema_name() -> Cow<'static, str> {
        "Share".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "number", "minimum": 0, "maximum": 1})
    }
}

/// An id, in a schema.
struct Id;

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Lowercase letters, digits and `_`, starting with a letter.",
            "type": "string",
            "pattern": "^[a-z][a-z0-9_]*$",
        })
    }
}

/// Text that must say something, in a schema.
struct Text;

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "minLength": 1})
    }
}

/// A number as a catalogue file holds it. Whatever is there is read, so that the checks can name
/// the key and the range of a wrong one: the parser's own message knows neither.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Whole(i128),
    /// A decimal, or an integer too long for the parser's integers.
    Fraction(f64),
    /// Not a number at all.
    Not(NotNumber),
}

/// What a file holds where a number belongs.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NotNumber {
    Text,
    Boolean,
    Empty,
    List,
    Mapping,
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct NumberVisitor;
        impl<'de> Visitor<'de> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E>(self, value: i64) -> Result<Number, E> {
                Ok(Number::Whole(value.into()))
            }
            fn visit_u64<E>(self, value: u64) -> Result<Number, E> {
                Ok(Number::Whole(value.into()))
            }
            fn visit_i128<E>(self, value: i128) -> Result<Number, E> {
                Ok(Number::Whole(value))
            }
            fn visit_f64<E>(self, value: f64) -> Result<Number, E> {
                Ok(Number::Fraction(value))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Number, E> {
                Ok(Number::Not(NotNumber::Boolean))
            }
            // A quoted whole number was always taken as one.
            fn visit_str<E>(self, value: &str) -> Result<Number, E> {
                Ok(value
                    .trim()
                    .parse()
                    .map_or(Number::Not(NotNumber::Text), Number::Whole))
            }
            fn visit_unit<E>(self) -> Result<Number, E> {
                Ok(Number::Not(NotNumber::Empty))
            }
            fn visit_none<E>(self) -> Result<Number, E> {
                Ok(Number::Not(NotNumber::Empty))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Number, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Number::Not(NotNumber::List))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Number, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Number::Not(NotNumber::Mapping))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// Collects the problems of one file, each at a location in it.
struct Checker<'a> {
    file: &'a str,
    /// The file's text, to find a key on the line of its value.
    text: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    /// Reports a problem with a mapping's key: at the key, found on the line of its value.
    fn at_key(&mut self, key: &str, value: Location, message: String, hint: Option<String>) {
        let line = value.line();
        let column = usize::try_from(line)
            .ok()
            .and_then(|line| self.text.lines().nth(line.checked_sub(1)?))
            .and_then(|text| {
                text.find(key)
                    .map(|at| text[..at].chars().count() as u64 + 1)
            })
            .unwrap_or(value.column());
        self.problems.push(Problem {
            file: self.file.to_string(),
            position: Some((line, column)),
            message,
            hint,
        });
    }

    fn at(&mut self, location: Location, message: String, hint: Option<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            position: Some((location.line(), location.column())),
            message,
            hint,
        });
    }

    /// A text field must say something, and hold nothing that would act on a terminal.
    fn text(&mut self, field: &str, value: &Spanned<String>) -> String {
        if value.value.trim().is_empty() {
            self.at(
                value.referenced,
                format!("`{field}` is empty"),
                Some(format!("write a {field}")),
            );
        }
        let refused = crate::text::first_unsafe(&value.value)
            .or_else(|| crate::text::first_invisible(&value.value));
        if let Some((position, c)) = refused {
            let what = if crate::text::is_bidi_control(c) {
                "a bidi control"
            } else if c.is_control() {
                "a control character"
            } else {
                "an invisible character"
            };
            self.at(
                value.referenced,
                format!(
                    "`{field}` holds {what} (U+{:04X}) at character {position}",
                    u32::from(c)
                ),
                Some(
                    "remove it: catalogue text may hold no control, bidi or invisible characters \
                     (emoji may join with U+200D)"
                        .to_string(),
                ),
            );
        }
        value.value.trim().to_string()
    }

    /// A path's sources: distinct snake_case ids, a title, and a web address if any.
    fn sources(&mut self, raw: &[RawSource]) -> Vec<PathSource> {
        self.cap("sources", raw, MAX_SOURCES, |s| s.id.referenced);
        let mut sources: Vec<PathSource> = Vec::new();
        for source in raw {
            let id = self.id(&source.id);
            if sources.iter().any(|s| s.id == id) {
                self.at(
                    source.id.referenced,
                    format!("source '{id}' is listed twice"),
                    Some("give each source its own id".to_string()),
                );
            }
            let address = source.address.as_ref().map(|address| {
                let text = self.text("address", address);
                if !(text.starts_with("https://") || text.starts_with("http://")) {
                    self.at(
                        address.referenced,
                        format!("source '{id}': address '{text}' is not a web address"),
                        Some(
                            "write it as https://…, or leave `address` out for an essay or book"
                                .to_string(),
                        ),
                    );
                }
                text
            });
            sources.push(PathSource {
                title: self.text("title", &source.title),
                address,
                id,
            });
        }
        sources
    }

    /// Ids naming this file's sources; an unknown one is a problem.
    fn source_ids(
        &mut self,
        field: &str,
        ids: &Spanned<Vec<Spanned<String>>>,
        known: &[&str],
    ) -> Vec<String> {
        if ids.value.is_empty() {
            self.at(
                ids.referenced,
                format!("`{field}` names no source"),
                Some("name at least one id from this file's `sources`".to_string()),
            );
        }
        ids.value
            .iter()
            .map(|id| {
                if !known.contains(&id.value.as_str()) {
                    let hint = match known {
                        [] => "add it to the file's `sources` (id, title, address)".to_string(),
                        _ => format!(
                            "{}sources: {}",
                            nearest(&id.value, known.iter().copied())
                                .map_or(String::new(), |near| format!("did you mean '{near}'? ")),
                            known.join(", ")
                        ),
                    };
                    self.at(
                        id.referenced,
                        format!(
                            "`{field}` names '{}', which is not one of this file's sources",
                            id.value
                        ),
                        Some(hint),
                    );
                }
                id.value.clone()
            })
            .collect()
    }

    /// A figure's basis: named sources or an estimate, not both.
    fn basis(
        &mut self,
        key: &str,
        at: Location,
        given: (&Option<SpannedIds>, &Option<Spanned<String>>),
        known: &[&str],
    ) -> Basis {
        match given {
            (Some(_), Some(_)) => {
                self.at(
                    at,
                    format!("{key} gives both `sources` and `estimate`"),
                    Some(
                        "keep `sources` if a source gives the figure, else `estimate`".to_string(),
                    ),
                );
                Basis::Unstated
            }
            (Some(ids), None) => Basis::Sources(self.source_ids(key, ids, known)),
            (None, Some(estimate)) => Basis::Estimate(self.text("estimate", estimate)),
            (None, None) => Basis::Unstated,
        }
    }

    /// A list holds at most `cap` items; one too many is reported where it starts.
    fn cap<T>(&mut self, list: &str, items: &[T], cap: usize, at: impl Fn(&T) -> Location) {
        if let Some(extra) = items.get(cap) {
            self.at(
                at(extra),
                format!(
                    "`{list}` lists {} items, more than the {cap} allowed",
                    items.len()
                ),
                Some(format!("keep the {cap} that matter most")),
            );
        }
    }

    fn id(&mut self, value: &Spanned<String>) -> String {
        if !is_valid_id(&value.value) {
            self.at(
                value.referenced,
                format!("id '{}' is not snake_case", value.value),
                Some("use lowercase letters, digits and `_`, starting with a letter (e.g. `interim_cto`)".to_string()),
            );
        }
        value.value.clone()
    }

    /// The value as the file writes it (`1e3`, `18446744073709551616`), shortened to a glance.
    fn written(&self, value: &Spanned<Number>) -> String {
        let span = value.referenced.span();
        let text = span
            .byte_offset()
            .zip(span.byte_len())
            .and_then(|(at, len)| self.text.get(usize::try_from(at).ok()?..).map(|t| (t, len)))
            .and_then(|(text, len)| text.get(..usize::try_from(len).ok()?))
            .map(str::trim);
        let text = match (text, value.value) {
            (Some(text), _) if !text.is_empty() => text.to_string(),
            (_, Number::Whole(n)) => n.to_string(),
            (_, Number::Fraction(n)) => n.to_string(),
            (_, Number::Not(_)) => String::new(),
        };
        match text.char_indices().nth(40) {
            Some((at, _)) => format!("{}…", &text[..at]),
            None => text,
        }
    }

    /// What the value is, in a message: `4294967296`, `2.5`, `` `soon` ``, `a list`.
    fn shown(&self, value: &Spanned<Number>) -> String {
        match value.value {
            Number::Whole(_) | Number::Fraction(_) => self.written(value),
            Number::Not(NotNumber::Text) => format!("`{}`", self.written(value)),
            Number::Not(NotNumber::Boolean) => "true or false".to_string(),
            Number::Not(NotNumber::Empty) => "empty".to_string(),
            Number::Not(NotNumber::List) => "a list".to_string(),
            Number::Not(NotNumber::Mapping) => "a mapping".to_string(),
        }
    }

    /// A whole number from `min` to `max`; anything else is reported with the key, what the
    /// file says and the range.
    fn whole(&mut self, key: &str, value: &Spanned<Number>, min: u64, max: u64) -> Option<u64> {
        let shown = self.shown(value);
        let message = match value.value {
            Number::Whole(n) => match u64::try_from(n) {
                Ok(n) if (min..=max).contains(&n) => return Some(n),
                _ => format!("{key} is {shown}, outside {min} to {max}"),
            },
            // Too many digits for the parser's integers: still a whole number, just too large.
            Number::Fraction(_)
                if shown
                    .trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
            {
                format!("{key} is {shown}, outside {min} to {max}")
            }
            Number::Fraction(_) => format!("{key} is {shown}, not a whole number"),
            Number::Not(_) => format!("{key} is {shown}, not a number"),
        };
        self.at(
            value.referenced,
            message,
            Some(format!("use a whole number from {min} to {max}")),
        );
        None
    }

    fn rating(&mut self, key: &str, value: &Spanned<Number>) -> u8 {
        self.whole(key, value, RATING_MIN.into(), RATING_MAX.into())
            .and_then(|rating| u8::try_from(rating).ok())
            .unwrap_or(RATING_MIN)
    }

    fn share(&mut self, key: &str, value: &Spanned<Number>) -> f64 {
        let share = match value.value {
            Number::Whole(n) => n as f64,
            Number::Fraction(n) => n,
            Number::Not(_) => f64::NAN,
        };
        if (0.0..=1.0).contains(&share) {
            return share;
        }
        let shown = self.shown(value);
        let message = match value.value {
            Number::Not(_) => format!("{key} is {shown}, not a number"),
            _ => format!("{key} is {shown}, outside 0 to 1"),
        };
        self.at(
            value.referenced,
            message,
            Some("use a share such as 0.25".to_string()),
        );
        0.0
    }
}

pub fn is_valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn parse_criteria(source: &Source, problems: &mut Vec<Problem>) -> Option<Criteria> {
    let raw: RawCriteria = parse_yaml(source, problems)?;
    let before = problems.len();
    let mut check = Checker {
        file: &source.display,
        text: &source.text,
        problems,
    };

    let weights = Weights {
        skills: check.share("weights.skills", &raw.weights.skills),
        goals: check.share("weights.goals", &raw.weights.goals),
    };
    if (weights.skills + weights.goals - 1.0).abs() > 1e-9 {
        check.at(
            raw.weights.goals.referenced,
            format!(
                "weights add up to {}, not 1",
                weights.skills + weights.goals
            ),
            Some("make weights.skills + weights.goals = 1 (e.g. 0.5 and 0.5)".to_string()),
        );
    }
    let penalties = Penalties {
        hours_per_week: check.share("penalties.hours_per_week", &raw.penalties.hours_per_week),
        runway_months: check.share("penalties.runway_months", &raw.penalties.runway_months),
        min_income: check.share("penalties.min_income", &raw.penalties.min_income),
    };
    let total_penalty = penalties.hours_per_week + penalties.runway_months + penalties.min_income;
    if total_penalty > 1.0 + 1e-9 {
        check.at(
            raw.penalties.min_income.referenced,
            format!("penalties add up to {total_penalty}, more than 1"),
            Some("lower them so a score can never drop below 0".to_string()),
        );
    }

    let mut ids = BTreeSet::new();
    let mut criteria_list = |list: &[RawCriterion], check: &mut Checker| -> Vec<Criterion> {
        list.iter()
            .map(|raw| {
                let id = check.id(&raw.id);
                if !ids.insert(id.clone()) {
                    check.at(
                        raw.id.referenced,
                        format!("criterion '{id}' is defined twice"),
                        Some("skills and goals share one set of ids: rename one".to_string()),
                    );
                }
                Criterion {
                    name: check.text("name", &raw.name),
                    question: check.text("question", &raw.question),
                    low: check.text("low", &raw.low),
                    high: check.text("high", &raw.high),
                    default: check.rating(&format!("default of '{id}'"), &raw.default),
                    grow: raw.grow.as_ref().map(|grow| check.text("grow", grow)),
                    id,
                }
            })
            .collect()
    };
    let skills = criteria_list(&raw.skills, &mut check);
    let goals = criteria_list(&raw.goals, &mut check);
    for (section, list) in [("skills", &raw.skills), ("goals", &raw.goals)] {
        check.cap(section, list, MAX_CRITERIA, |criterion| {
            criterion.id.referenced
        });
    }
    for (section, list) in [("skills", &skills), ("goals", &goals)] {
        if list.is_empty() {
            check.problems.push(Problem {
                file: source.display.clone(),
                position: None,
                message: format!("no {section} defined"),
                hint: Some(format!("list at least one under `{section}:`")),
            });
        }
    }

    let number = |name: &str, raw: &RawNumberQuestion, limit: u64, check: &mut Checker| {
        let key = format!("constraints.{name}");
        let min = check.whole(&format!("{key}.min"), &raw.min, 0, limit);
        let max = check.whole(&format!("{key}.max"), &raw.max, 0, limit);
        if let (Some(min), Some(max)) = (min, max)
            && max < min
        {
            check.at(
                raw.max.referenced,
                format!("{key}: max {max} is below min {min}"),
                None,
            );
        }
        let (min, max) = (min.unwrap_or(0), max.unwrap_or(limit));
        NumberQuestion {
            name: check.text("name", &raw.name),
            question: check.text("question", &raw.question),
            unit: check.text("unit", &raw.unit),
            min,
            max,
            default: raw
                .default
                .as_ref()
                .and_then(|default| check.whole(&format!("{key}.default"), default, min, max)),
        }
    };
    let constraints = ConstraintTexts {
        hours_per_week: number(
            "hours_per_week",
            &raw.constraints.hours_per_week,
            HOURS_IN_A_WEEK.into(),
            &mut check,
        ),
        runway_months: number(
            "runway_months",
            &raw.constraints.runway_months,
            MAX_RUNWAY_MONTHS.into(),
            &mut check,
        ),
        min_income: number(
            "min_income",
            &raw.constraints.min_income,
            MAX_INCOME_USD,
            &mut check,
        ),
        exclude: ChoiceQuestion {
            name: check.text("name", &raw.constraints.exclude.name),
            question: check.text("question", &raw.constraints.exclude.question),
        },
        must_have: match &raw.constraints.must_have {
            Some(raw) => ChoiceQuestion {
                name: check.text("name", &raw.name),
                question: check.text("question", &raw.question),
            },
            None => ChoiceQuestion::must_have(),
        },
        keeps_job: match &raw.constraints.keeps_job {
            Some(raw) => ChoiceQuestion {
                name: check.text("name", &raw.name),
                question: check.text("question", &raw.question),
            },
            None => ChoiceQuestion::keeps_job(),
        },
    };

    sort_by_position(&mut problems[before..]);
    // Kept even with problems, so that path files are checked against these criteria rather
    // than reported for skills that only a broken criteria file defines; `load` still fails.
    Some(Criteria {
        weights,
        penalties,
        skills,
        goals,
        constraints,
    })
}

// ---------------------------------------------------------------------------------------------
// one path per file

/// One career path for ctopath (paths/*.yaml).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctopath path")]
struct RawPath {
    /// Unique; a later file with the same id replaces the path.
    #[schemars(with = "Id")]
    id: Spanned<String>,
    /// Shown in tables.
    #[schemars(with = "Text")]
    name: Spanned<String>,
    /// One sentence: what the path is.
    #[schemars(with = "Text")]
    summary: Spanned<String>,
    /// A short paragraph: the work day to day, and who it suits.
    #[schemars(with = "Text")]
    description: Spanned<String>,
    /// Skill id -> the level (1–5) the path needs. Leave out skills it does not need.
    #[schemars(with = "BTreeMap<String, Rating>", extend("minProperties" = 1))]
    demands: Spanned<BTreeMap<String, Spanned<Number>>>,
    /// Goal id -> how well (1–5) the path delivers it. A goal left out counts as 3.
    #[schemars(with = "BTreeMap<String, Rating>", extend("minProperties" = 1))]
    gives: Spanned<BTreeMap<String, Spanned<Number>>>,
    realities: RawRealities,
    /// Concrete steps to start with; the first is shown in the ranking.
    #[schemars(with = "Vec<Text>", length(min = 1, max = MAX_FIRST_STEPS))]
    first_steps: Spanned<Vec<Spanned<String>>>,
    /// Cheap ways to test the path before committing to it (shown in `ctopath plan`).
    #[serde(default)]
    #[schemars(with = "Vec<Text>", length(max = MAX_EXPERIMENTS))]
    experiments: Vec<Spanned<String>>,
    /// How many weeks to try the path before looking at the decision again (default 12).
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1, max = 104), extend("default" = null))]
    review_after_weeks: Option<Spanned<Number>>,
    /// Whether the path is usually done beside a job the person keeps (an advisory seat, angel
    /// investing, a side company): then a kept job, not the path, meets the income floor.
    #[serde(default)]
    alongside_job: bool,
    /// Where the path's figures and facts come from: essays by title, pages by address.
    #[serde(default)]
    #[schemars(length(max = MAX_SOURCES))]
    sources: Vec<RawSource>,
    /// Figures and findings from the sources, in your own words, each naming its sources.
    #[serde(default)]
    #[schemars(length(max = MAX_FACTS))]
    facts: Vec<RawFact>,
}

/// A list of ids where each keeps its place in the file.
type SpannedIds = Spanned<Vec<Spanned<String>>>;

/// A page, essay or book the path draws on.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
struct RawSource {
    /// How figures and facts name it (snake_case).
    #[schemars(with = "Id")]
    id: Spanned<String>,
    #[schemars(with = "Text")]
    title: Spanned<String>,
    /// A web address (https://…); leave out for an essay or book known by its title.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    address: Option<Spanned<String>>,
}

/// A figure or finding from the sources.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Fact")]
struct RawFact {
    #[schemars(with = "Text")]
    text: Spanned<String>,
    /// Ids of this file's `sources`.
    #[schemars(with = "Vec<Id>", length(min = 1))]
    sources: Spanned<Vec<Spanned<String>>>,
}

/// What the path takes and pays; the constraints are checked against these.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Realities")]
struct RawRealities {
    /// Hours a week: the least that still works (`min`) and what it usually takes (`typical`).
    #[schemars(with = "RawNeed")]
    hours_per_week: Spanned<RawNeed>,
    /// Months without salary: the least to start with (`min`) and a comfortable amount (`typical`).
    #[schemars(with = "RawNeed")]
    runway_months: Spanned<RawNeed>,
    /// The typical yearly income, USD.
    #[schemars(with = "RawIncome")]
    income_usd: Spanned<RawIncome>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Need")]
struct RawNeed {
    #[schemars(with = "u32")]
    min: Spanned<Number>,
    #[schemars(with = "u32")]
    typical: Spanned<Number>,
    /// Ids of this file's `sources` that give the figures.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Id>>")]
    sources: Option<Spanned<Vec<Spanned<String>>>>,
    /// How the figures were reckoned, when no source gives them.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    estimate: Option<Spanned<String>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Income")]
struct RawIncome {
    #[schemars(with = "u64")]
    low: Spanned<Number>,
    #[schemars(with = "u64")]
    high: Spanned<Number>,
    /// Ids of this file's `sources` that give the figures.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Id>>")]
    sources: Option<Spanned<Vec<Spanned<String>>>>,
    /// How the figures were reckoned, when no source gives them.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    estimate: Option<Spanned<String>>,
}

/// The JSON Schema of a path file, with the criterion ids of `criteria` as the keys allowed in
/// `demands` and `gives`, so that an editor can complete them.
pub fn path_schema(criteria: &Criteria) -> serde_json::Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(RawPath)).expect("a schema is JSON");
    let ids = |list: &[Criterion]| list.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    schema["properties"]["demands"]["propertyNames"] =
        serde_json::json!({"enum": ids(&criteria.skills)});
    schema["properties"]["gives"]["propertyNames"] =
        serde_json::json!({"enum": ids(&criteria.goals)});
    schema
}

/// The JSON Schema of criteria.yaml.
pub fn criteria_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(RawCriteria)).expect("a schema is JSON")
}

/// How long to try a path before reviewing the decision, unless its file says otherwise.
const DEFAULT_REVIEW_WEEKS: u32 = 12;
const MAX_REVIEW_WEEKS: u32 = 104;

/// The most first steps a path may list: the table shows the first, `paths show` all of them.
const MAX_FIRST_STEPS: usize = 10;
/// The most experiments a path may list: `ctopath plan` shows every one.
const MAX_EXPERIMENTS: usize = 10;
/// The most sources and facts a path may list.
const MAX_SOURCES: usize = 12;
const MAX_FACTS: usize = 12;
/// The most skills, and the most goals, criteria may define: the questionnaire asks every one.
const MAX_CRITERIA: usize = 40;

/// Returns the path and where its id stands, or `None` after recording its problems.
fn parse_path(
    source: &Source,
    criteria: &Criteria,
    problems: &mut Vec<Problem>,
) -> Option<(CareerPath, (u64, u64))> {
    let raw: RawPath = parse_yaml(source, problems)?;
    let before = problems.len();
    let mut check = Checker {
        file: &source.display,
        text: &source.text,
        problems,
    };

    let id = check.id(&raw.id);
    let ratings = |field: &str,
                   map: &Spanned<BTreeMap<String, Spanned<Number>>>,
                   known: &[Criterion],
                   check: &mut Checker| {
        if map.value.is_empty() {
            check.at(
                map.referenced,
                format!("`{field}` rates no criterion"),
                Some(format!("rate at least one of: {}", ids_of(known))),
            );
        }
        map.value
            .iter()
            .filter_map(|(key, value)| {
                if !known.iter().any(|criterion| &criterion.id == key) {
                    let kind = if field == "demands" { "skill" } else { "goal" };
                    check.at_key(
                        key,
                        value.referenced,
                        format!("`{field}` names '{key}', which is not a {kind}"),
                        Some(match nearest(key, known.iter().map(|c| c.id.as_str())) {
                            Some(near) => {
                                format!("did you mean '{near}'? {kind}s: {}", ids_of(known))
                            }
                            None => format!("{kind}s: {}", ids_of(known)),
                        }),
                    );
                    return None;
                }
                Some((key.clone(), check.rating(&format!("{field}.{key}"), value)))
            })
            .collect::<BTreeMap<_, _>>()
    };
    let demands = ratings("demands", &raw.demands, &criteria.skills, &mut check);
    let gives = ratings("gives", &raw.gives, &criteria.goals, &mut check);

    let sources = check.sources(&raw.sources);
    let known: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let need = |field: &str, raw: &Spanned<RawNeed>, limit: u32, check: &mut Checker| {
        let key = format!("realities.{field}");
        let mut value = |part: &str, number| {
            let value = check.whole(&format!("{key}.{part}"), number, 0, limit.into());
            // Within the limit, which is a u32.
            value.and_then(|value| u32::try_from(value).ok())
        };
        let (min, typical) = (
            value("min", &raw.value.min),
            value("typical", &raw.value.typical),
        );
        if let (Some(min), Some(typical)) = (min, typical)
            && min > typical
        {
            check.at(
                raw.referenced,
                format!("{key}: min {min} is above typical {typical}"),
                Some(
                    "min is the least the path can work with, typical what it usually takes"
                        .to_string(),
                ),
            );
        }
        Need {
            min: min.unwrap_or(0),
            typical: typical.unwrap_or(0),
            basis: check.basis(
                &key,
                raw.referenced,
                (&raw.value.sources, &raw.value.estimate),
                &known,
            ),
        }
    };
    let hours_per_week = need(
        "hours_per_week",
        &raw.realities.hours_per_week,
        HOURS_IN_A_WEEK,
        &mut check,
    );
    let runway_months = need(
        "runway_months",
        &raw.realities.runway_months,
        MAX_RUNWAY_MONTHS,
        &mut check,
    );
    let income = &raw.realities.income_usd;
    let low = check.whole(
        "realities.income_usd.low",
        &income.value.low,
        0,
        MAX_INCOME_USD,
    );
    let high = check.whole(
        "realities.income_usd.high",
        &income.value.high,
        0,
        MAX_INCOME_USD,
    );
    if let (Some(low), Some(high)) = (low, high)
        && low > high
    {
        check.at(
            income.referenced,
            format!("realities.income_usd: low {low} is above high {high}"),
            None,
        );
    }

    let first_steps: Vec<String> = raw
        .first_steps
        .value
        .iter()
        .map(|step| check.text("first step", step))
        .collect();
    check.cap(
        "first_steps",
        &raw.first_steps.value,
        MAX_FIRST_STEPS,
        |step| step.referenced,
    );
    if first_steps.is_empty() {
        check.at(
            raw.first_steps.referenced,
            "`first_steps` lists no steps".to_string(),
            Some(format!(
                "list 1 to {MAX_FIRST_STEPS} concrete steps, 3 to 5 is best"
            )),
        );
    }

    let path = CareerPath {
        name: check.text("name", &raw.name),
        summary: check.text("summary", &raw.summary),
        description: check.text("description", &raw.description),
        demands,
        gives,
        realities: Realities {
            hours_per_week,
            runway_months,
            income_usd: IncomeRange {
                low: low.unwrap_or(0),
                high: high.unwrap_or(0),
                basis: check.basis(
                    "realities.income_usd",
                    income.referenced,
                    (&income.value.sources, &income.value.estimate),
                    &known,
                ),
            },
        },
        first_steps,
        experiments: {
            let experiments = &raw.experiments;
            check.cap("experiments", experiments, MAX_EXPERIMENTS, |e| {
                e.referenced
            });
            experiments
                .iter()
                .map(|experiment| check.text("experiment", experiment))
                .collect()
        },
        review_after_weeks: raw
            .review_after_weeks
            .as_ref()
            .and_then(|weeks| check.whole("review_after_weeks", weeks, 1, MAX_REVIEW_WEEKS.into()))
            .and_then(|weeks| u32::try_from(weeks).ok())
            .unwrap_or(DEFAULT_REVIEW_WEEKS),
        facts: {
            check.cap("facts", &raw.facts, MAX_FACTS, |f| f.text.referenced);
            raw.facts
                .iter()
                .map(|fact| Fact {
                    text: check.text("fact", &fact.text),
                    sources: check.source_ids("facts", &fact.sources, &known),
                })
                .collect()
        },
        alongside_job: raw.alongside_job,
        combines: Combines::Alone,
        source: source.display.clone(),
        origin: source.origin.to_string(),
        replaces: None,
        sources,
        id,
    };
    sort_by_position(&mut problems[before..]);
    let id_at = (raw.id.referenced.line(), raw.id.referenced.column());
    (problems.len() == before).then_some((path, id_at))
}

/// A file's problems in reading order.
fn sort_by_position(problems: &mut [Problem]) {
    problems.sort_by_key(|problem| problem.position);
}

fn ids_of(criteria: &[Criterion]) -> String {
    criteria
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::plain_yaml_message;

    #[test]
    fn parser_messages_are_put_in_plain_words() {
        for (raw, plain) in [
            (
                "unknown field `sumary`, expected one of id, name, summary",
                "unknown key `sumary` (did you mean 'summary'?); allowed: id, name, summary",
            ),
            (
                "duplicate mapping key: name, set DuplicateKeyPolicy in Options if acceptable",
                "key `name` is given twice; keep one",
            ),
            ("missing field `summary`", "`summary` is missing"),
            ("something new", "something new"),
        ] {
            assert_eq!(plain_yaml_message(raw), plain);
        }
    }
}
