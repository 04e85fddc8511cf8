//! How catalogue YAML is read: the parser's options and limits, and its errors put in words for
//! a person editing the file.

use super::file::{Problem, Source};
use serde::Deserialize;
use serde_saphyr::Location;

/// Larger files are refused unread: a real path file is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where the format is explained, for problems the message alone may not settle.
pub const FORMAT_HINT: &str = "`ctopath paths guide` (or `man 5 ctopath-paths`) has the format; `ctopath paths show founder --format json` shows a complete path";

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

pub fn parse_yaml<T: for<'de> Deserialize<'de>>(
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
                "a catalogue file needs three levels at most: see `ctopath paths guide`"
                    .to_string(),
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
                "a catalogue file holds a few hundred: see `ctopath paths guide`".to_string(),
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
