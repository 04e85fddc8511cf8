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
            None => match (location, expected_kind(error)) {
                (Some(at), Some(expected)) => wrong_kind(text, at, expected),
                _ => (yaml_message(error), FORMAT_HINT.to_string()),
            },
        },
    }
}

/// What the parser expected where it found something else, when it says so (`expected string
/// scalar`): the kind of value the key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Mapping,
    List,
}

fn expected_kind(error: &serde_saphyr::Error) -> Option<Kind> {
    match parser_message(error).as_str() {
        "expected string scalar" => Some(Kind::Text),
        "expected mapping start" => Some(Kind::Mapping),
        "expected sequence start" => Some(Kind::List),
        _ => None,
    }
}

/// A value of the wrong kind, in words that name its key (`realities.hours_per_week`), what was
/// found and how to write what the key takes. The parser's own words (`expected string scalar`)
/// name neither the key nor the fix.
fn wrong_kind(text: &str, at: Location, expected: Kind) -> (String, String) {
    let line = usize::try_from(at.line())
        .ok()
        .and_then(|line| text.lines().nth(line.checked_sub(1)?))
        .unwrap_or_default();
    let from: String = line
        .chars()
        .skip(usize::try_from(at.column()).unwrap_or(1).saturating_sub(1))
        .collect();
    let found = match from.chars().next() {
        Some('[') => Some("a list"),
        Some('{') => Some("a mapping"),
        Some('-') if from.len() == 1 || from[1..].starts_with([' ', '\t']) => Some("a list"),
        Some('*' | '&' | '!') | None => None,
        Some(_) if expected == Kind::Text => None,
        Some(_) => Some("text"),
    };
    let key = key_path(text, (at.line(), at.column()));
    let whole = |what: &str| match (key.as_str(), found) {
        ("", Some(found)) => format!("the file holds {found}, not {what}"),
        ("", None) => format!("the file must hold {what}"),
        (key, Some(found)) => format!("{key} is {found}, not {what}"),
        (key, None) => format!("{key} must be {what}"),
    };
    let last = key.rsplit('.').next().unwrap_or("key");
    match expected {
        Kind::Text => (
            whole("text"),
            format!(
                "write the text after `{last}: `; text that starts with `[`, `{{`, `-`, `*`, `&`, `!` or `#` goes in quotes, as in `{last}: \"[draft] …\"`"
            ),
        ),
        Kind::Mapping if key.is_empty() => (
            whole("a mapping of keys such as `id: …`"),
            format!("start the file with `id: …`, one key per line; {FORMAT_HINT}"),
        ),
        Kind::Mapping => (
            whole("a mapping of keys"),
            format!(
                "write its keys on the lines below `{last}:`, indented, one per line; {FORMAT_HINT}"
            ),
        ),
        Kind::List => (
            whole("a list"),
            format!(
                "write each item on a line of its own below `{last}:`, indented and starting with `- `; {FORMAT_HINT}"
            ),
        ),
    }
}

/// The keys that lead to the value at `at`, joined by dots (`realities.hours_per_week.min`):
/// those written on its line before it, then each mapping it is in, found by indentation.
/// Empty for a value at the top of the file.
fn key_path(text: &str, (line, column): (u64, u64)) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(number) = usize::try_from(line).ok().and_then(|n| n.checked_sub(1)) else {
        return String::new();
    };
    let Some(line) = lines.get(number) else {
        return String::new();
    };
    let before: String = line
        .chars()
        .take(usize::try_from(column).unwrap_or(1).saturating_sub(1))
        .collect();
    // On the value's line: the last key of each flow mapping opened before it (`a: {b: 1, c: `
    // gives `a` and `c`).
    let mut keys: Vec<String> = before.split('{').filter_map(last_key).collect();
    let mut indent = indent_of(line);
    if before.trim().trim_start_matches('-').trim().is_empty() {
        // A value on a line of its own, or a list item: the key is above it.
        indent += 1;
    }
    for above in lines[..number].iter().rev() {
        if indent == 0 {
            break;
        }
        let content = above.trim();
        if content.is_empty() || content.starts_with('#') || indent_of(above) >= indent {
            continue;
        }
        match bare_key(content) {
            Some(key) => {
                keys.insert(0, key.to_string());
                indent = indent_of(above);
            }
            // Text of a block scalar, or a value: not a mapping this one is in.
            None => continue,
        }
    }
    keys.join(".")
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '-']).len()
}

/// The key of a line that holds only a key (`realities:`), as a mapping or list opens.
fn bare_key(content: &str) -> Option<&str> {
    let content = content.trim_start_matches("- ");
    let content = content.split(" #").next()?.trim_end();
    let key = content.strip_suffix(':')?;
    is_key(key).then_some(key)
}

/// The last `key:` in `text`, as a value follows it.
fn last_key(text: &str) -> Option<String> {
    let key = text.trim_end().strip_suffix(':')?;
    let key = key
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()?;
    is_key(key).then(|| key.to_string())
}

fn is_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
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
    plain_yaml_message(&parser_message(error))
}

/// The parser's own message, without the position it adds.
fn parser_message(error: &serde_saphyr::Error) -> String {
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
    message.to_string()
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
    use super::{key_path, plain_yaml_message};

    #[test]
    fn a_value_is_named_by_the_keys_that_lead_to_it() {
        let text = "# a comment\nid: x\nname: [x\nrealities:\n  hours_per_week:\n    min: [1]\n  \
                    runway: {low: 1, high: [2\ndescription: >-\n  prose that ends in a colon:\n  \
                    more: prose\nsources:\n  - id: s\n    title: [t\nfirst_steps:\n  - [a\n";
        for ((line, column), path) in [
            ((3, 7), "name"),
            ((6, 10), "realities.hours_per_week.min"),
            ((7, 26), "realities.runway.high"),
            ((13, 12), "sources.title"),
            ((15, 5), "first_steps"),
            // The top of the file, and places outside it.
            ((1, 1), ""),
            ((99, 1), ""),
            ((0, 0), ""),
        ] {
            assert_eq!(key_path(text, (line, column)), path, "at {line}:{column}");
        }
        // A key in another script is no key YAML's plain keys here allow, and cuts nothing.
        assert_eq!(key_path("é: [\nü:\n  x: [", (3, 6)), "x");
    }

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
