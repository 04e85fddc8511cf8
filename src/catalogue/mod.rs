//! Loading the catalogue: the built-in paths, then each extra folder in turn.
//!
//! A folder's `criteria.yaml` replaces the criteria loaded before it; every other `*.yaml` or
//! `*.yml` file is one path, which replaces an earlier path of the same id. Every problem in every
//! file is collected, with its file, line and column, before anything is scored.
//!
//! One job a file: `sources` finds and reads files, `file` is one file read and a problem in it,
//! `yaml` holds the parser's options and words its errors, `format` is the file formats and their
//! schemas, `check` turns a parsed file into `model` data or problems, `template` writes a path
//! file. The build script (build.rs) runs `file`, `yaml`, `format` and `check` on `paths/`, fails
//! on any problem, and compiles the checked catalogue in, so that ctopath reads no built-in YAML
//! when it starts: only user folders.

mod check;
mod file;
mod format;
mod sources;
mod template;
mod yaml;

pub use check::is_valid_id;
pub use file::{CRITERIA_FILE, Problem, Source, plural};
pub use format::{
    HOURS_IN_A_WEEK, MAX_INCOME_USD, MAX_RUNWAY_MONTHS, criteria_schema, path_schema,
};
pub use template::{PATH_SCHEMA_FILE, PLACEHOLDER_SUMMARY, placeholder, template};
pub use yaml::MAX_FILE_BYTES;

use crate::model::{CareerPath, Catalogue, Criteria, Text};
use check::{parse_criteria, parse_path};
use file::is_criteria_file;
use sources::{builtin_catalogue, builtin_source, builtin_sources, folder_sources};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

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

/// The command-line flags that choose this catalogue (`--no-builtin`, each `--paths DIR`), each
/// followed by a space, for a command ctopath suggests: the user's folder and `$CTOPATH_PATHS`
/// are read by every command anyway.
pub fn flags(origins: &[Origin]) -> String {
    let mut flags = String::new();
    if !origins.contains(&Origin::BuiltIn) {
        flags.push_str("--no-builtin ");
    }
    for origin in origins {
        if let Origin::Folder(dir, Layer::Flag) = origin {
            flags.push_str("--paths ");
            flags.push_str(&crate::text::shell_word(&dir.display().to_string()));
            flags.push(' ');
        }
    }
    flags
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

/// A catalogue that did not load, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct CatalogueError {
    pub problems: Vec<Problem>,
    pub files_checked: usize,
    /// The flags that chose the catalogue (`flags`), for the `validate` command to suggest.
    pub flags: String,
}

impl CatalogueError {
    /// One line for the count, then each problem.
    fn render(&self) -> String {
        let mut text = format!(
            "the catalogue has {} (`ctopath {}validate` checks it again):",
            plural(self.problems.len(), "problem"),
            self.flags
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
    /// What can be scored but is likely a mistake: a skill or goal that no path rates, a path
    /// still as `paths new` wrote it, two paths of the same name. `validate` reports these;
    /// `assess` does not stop for them.
    pub fn warnings(&self) -> Vec<Problem> {
        let mut warnings = self.unrated_criteria();
        warnings.extend(self.unfinished().map(unfinished_warning));
        warnings.extend(same_names(&self.catalogue.paths));
        warnings
    }

    /// The catalogue to rank: without the paths still as `paths new` wrote them, which would
    /// rank on made-up ratings, and a warning for each one left out, then for each ranked path
    /// whose name another has (two rows a reader cannot tell apart).
    pub fn for_ranking(self) -> (Catalogue, Vec<Problem>) {
        let mut warnings: Vec<Problem> = self.unfinished().map(unfinished_warning).collect();
        let mut catalogue = self.catalogue;
        catalogue.paths.retain(|path| !is_unfinished(path));
        warnings.extend(same_names(&catalogue.paths));
        (catalogue, warnings)
    }

    fn unfinished(&self) -> impl Iterator<Item = &CareerPath> {
        self.catalogue
            .paths
            .iter()
            .filter(|path| is_unfinished(path))
    }

    fn unrated_criteria(&self) -> Vec<Problem> {
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

/// Whether `path` still has the summary `paths new` wrote.
fn is_unfinished(path: &CareerPath) -> bool {
    path.summary.trim() == PLACEHOLDER_SUMMARY
}

fn unfinished_warning(path: &CareerPath) -> Problem {
    Problem {
        file: path.source.to_string(),
        position: None,
        message: format!(
            "path '{}' still has the template's summary, so rankings leave it out",
            path.id
        ),
        hint: Some(
            "write what the path is under `summary:` (and its ratings and figures), then run \
             `ctopath validate`"
                .to_string(),
        ),
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
///
/// The built-in paths were checked when ctopath was built and come compiled in. They are read
/// from their YAML text only when a folder brings its own criteria, against which they must be
/// checked again, or when a folder is layered below them.
pub fn load(origins: &[Origin]) -> Result<Loaded, CatalogueError> {
    load_layers(origins).map_err(|error| CatalogueError {
        flags: flags(origins),
        ..error
    })
}

fn load_layers(origins: &[Origin]) -> Result<Loaded, CatalogueError> {
    let mut problems = Vec::new();
    let mut layers = Vec::new();
    for origin in origins {
        match origin {
            Origin::BuiltIn => layers.push(None),
            // The user folder is optional: most people never make one.
            Origin::Folder(dir, Layer::User) if !dir.exists() => {}
            Origin::Folder(dir, _) => {
                layers.push(Some(folder_sources(dir, origin.label(), &mut problems)))
            }
        }
    }
    let with_builtin = layers.iter().any(Option::is_none);
    let folders_criteria = layers
        .iter()
        .flatten()
        .flatten()
        .any(|source| is_criteria_file(&source.file_name));
    let builtin_first = !with_builtin || layers.first().is_some_and(Option::is_none);
    if folders_criteria || !builtin_first {
        let mut sources = Vec::new();
        if !with_builtin {
            // Without the built-in paths, the built-in criteria still apply unless a folder has
            // its own.
            let criteria = builtin_sources()
                .into_iter()
                .filter(|s| is_criteria_file(&s.file_name));
            sources.push(criteria.collect());
        }
        sources.extend(
            layers
                .into_iter()
                .map(|layer| layer.unwrap_or_else(builtin_sources)),
        );
        return load_sources(&sources, problems);
    }
    let compiled = builtin_catalogue();
    let criteria_file = sources::BUILTIN_FILES
        .iter()
        .find(|(name, _)| is_criteria_file(name))
        .map(|(name, text)| builtin_source(name, text))
        .expect("the build script checks that paths/ has criteria");
    let base = Base {
        criteria: compiled.criteria,
        criteria_file,
        paths: if with_builtin {
            compiled.paths
        } else {
            Vec::new()
        },
        files: if with_builtin {
            sources::BUILTIN_FILES.len()
        } else {
            1
        },
    };
    let folders: Vec<Vec<Source>> = layers.into_iter().flatten().collect();
    load_onto(Some(base), &folders, problems)
}

/// What the layers go on top of: the compiled built-in catalogue.
struct Base {
    criteria: Criteria,
    criteria_file: Source,
    paths: Vec<CareerPath>,
    /// How many files it was made from.
    files: usize,
}

/// Parses and checks layered sources: `sources[0]` first, later layers override.
pub fn load_sources(
    layers: &[Vec<Source>],
    problems: Vec<Problem>,
) -> Result<Loaded, CatalogueError> {
    load_onto(None, layers, problems)
}

/// Parses and checks layered sources on top of `base`, if any.
fn load_onto(
    base: Option<Base>,
    layers: &[Vec<Source>],
    mut problems: Vec<Problem>,
) -> Result<Loaded, CatalogueError> {
    let (base_files, mut found, base_paths) = match base {
        Some(base) => (
            base.files,
            Some((base.criteria, base.criteria_file)),
            base.paths,
        ),
        None => (0, None, Vec::new()),
    };
    let files_checked = base_files + layers.iter().map(Vec::len).sum::<usize>();

    for source in layers
        .iter()
        .flatten()
        .filter(|s| is_criteria_file(&s.file_name))
    {
        if let Some(parsed) = parse_criteria(source, &mut problems) {
            found = Some((parsed, source.clone()));
        }
    }
    let Some((criteria, criteria_file)) = found else {
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
            flags: String::new(),
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

    let mut paths: BTreeMap<Text, CareerPath> = base_paths
        .into_iter()
        .map(|path| (path.id.clone(), path))
        .collect();
    let mut seen_in_layer: BTreeMap<String, String> = BTreeMap::new();
    let mut current_layer = None;
    for (&(layer, source), (path, file_problems)) in sources.iter().zip(parsed) {
        problems.extend(file_problems);
        if current_layer != Some(layer) {
            current_layer = Some(layer);
            seen_in_layer.clear();
        }
        let Some((path, id_at)) = path else { continue };
        if let Some(first) = seen_in_layer.insert(path.id.to_string(), source.display.clone()) {
            problems.push(Problem {
                file: source.display.clone(),
                position: Some(id_at),
                message: format!("duplicate id '{}': {first} has it too", path.id),
                hint: Some("give each path in a folder its own id".to_string()),
            });
            continue;
        }
        let replaces = paths.get(&*path.id).map(|earlier| earlier.source.clone());
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
            flags: String::new(),
        })
    }
}

/// A parsed path (with where its id stands) or nothing, and the file's problems.
type Parsed = (Option<(CareerPath, (u64, u64))>, Vec<Problem>);

/// Parses path files, in order, spread over the machine's cores.
fn parse_paths(sources: &[(usize, &Source)], criteria: &Criteria) -> Vec<Parsed> {
    crate::parallel::map_in_order(sources, sources.len() >= MANY_FILES, |(_, source)| {
        let mut problems = Vec::new();
        let path = parse_path(source, criteria, &mut problems);
        (path, problems)
    })
}

/// From this many files a folder is read, and parsed, on every core: below it a thread costs
/// more than it saves (and asking for the cores costs more than parsing none: the built-in
/// paths come compiled in).
const MANY_FILES: usize = 64;

/// A warning for each path whose name an earlier path already has: a ranking or a report
/// could not tell them apart.
fn same_names(paths: &[CareerPath]) -> Vec<Problem> {
    let mut first_with: BTreeMap<String, &CareerPath> = BTreeMap::new();
    let mut warnings = Vec::new();
    for path in paths {
        let key = path.name.trim().to_lowercase();
        match first_with.get(&key) {
            Some(first) => warnings.push(Problem {
                file: path.source.to_string(),
                position: None,
                message: format!(
                    "path '{}' has the name '{}', as path '{}' ({}) does, so a ranking \
                     cannot tell them apart",
                    path.id, path.name, first.id, first.source
                ),
                hint: Some("give one of them another `name:`".to_string()),
            }),
            None => {
                first_with.insert(key, path);
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_catalogue_is_the_built_in_yaml_read_as_user_files_are() {
        let from_yaml = load_sources(&[builtin_sources()], Vec::new()).expect("built-ins load");
        let compiled = load(&[Origin::BuiltIn]).expect("built-ins load");
        assert_eq!(compiled.catalogue, from_yaml.catalogue);
        assert_eq!(compiled.files_checked, from_yaml.files_checked);
        assert_eq!(
            compiled.criteria_file.display,
            from_yaml.criteria_file.display
        );
        assert_eq!(compiled.warnings(), from_yaml.warnings());
    }

    #[test]
    fn without_the_built_in_paths_the_built_in_criteria_still_apply() {
        let loaded = load(&[]).expect("the built-in criteria load");
        assert!(loaded.catalogue.paths.is_empty());
        assert_eq!(loaded.files_checked, 1);
        assert_eq!(loaded.catalogue.criteria, builtin_catalogue().criteria);
    }
}
