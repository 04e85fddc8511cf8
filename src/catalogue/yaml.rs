//! How catalogue YAML is read: the parser's options and limits, and its errors put in words for
//! a person editing the file.

use super::file::{Problem, Source};
use serde::Deserialize;
use serde_saphyr::Location;

/// Larger files are refused unread: a real path file is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where the format is explained, for problems the message alone may not settle.
pub const FORMAT_HINT: &str = "`ctopath paths guide` (or `man 5 ctopath-paths`) has the format; `ctopath paths new ID --dir DIR` writes a file with every key, to fill in";

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
    let lines = yaml_lines(text);
    let (_, _, from) = around(&lines, (at.line(), at.column())).unwrap_or_default();
    let found = match from.chars().next() {
        Some('[') => Some("a list"),
        Some('{') => Some("a mapping"),
        Some('-') if from.len() == 1 || from[1..].starts_with([' ', '\t']) => Some("a list"),
        Some('*' | '&' | '!') | None => None,
        Some(_) if expected == Kind::Text => None,
        Some(_) => Some("text"),
    };
    let place = place(&lines, (at.line(), at.column()));
    let Some(last) = place.keys.last().map(|key| &key.name) else {
        // The top of the file: only a mapping is expected there.
        return match (expected, found) {
            (Kind::Mapping, Some(found)) => (
                format!("the file holds {found}, not a mapping of keys such as `id: …`"),
                format!("start the file with `id: …`, one key per line; {FORMAT_HINT}"),
            ),
            _ => (parser_message_of(expected), FORMAT_HINT.to_string()),
        };
    };
    let what = match expected {
        Kind::Text => "text",
        Kind::Mapping => "a mapping of keys",
        Kind::List => "a list",
    };
    let named = place.named();
    let whole = match found {
        Some(found) => format!("{named} is {found}, not {what}"),
        None => format!("{named} must be {what}"),
    };
    const QUOTED: &str =
        "text that starts with `[`, `{`, `-`, `*`, `&`, `!` or `#`, or holds `: `, goes in quotes";
    let hint = match (expected, place.item) {
        (Kind::Text, Some(Item::Flow)) => {
            format!("{QUOTED}, as in `{last}: [\"[draft] …\", \"Write: an offer\"]`")
        }
        (Kind::Text, Some(Item::Block)) => {
            format!(
                "write the item's text after `- `; {QUOTED}, as in `- \"Write: a one-page offer\"`"
            )
        }
        (Kind::Text, None) => {
            format!("write the text after `{last}: `; {QUOTED}, as in `{last}: \"[draft] …\"`")
        }
        (Kind::Mapping, Some(_)) => format!(
            "write the item's keys after `- `, one per line and lined up, as in `- id: …`; {FORMAT_HINT}"
        ),
        (Kind::Mapping, None) => format!(
            "write its keys on the lines below `{last}:`, indented, one per line; {FORMAT_HINT}"
        ),
        (Kind::List, _) => format!(
            "write each item on a line of its own below `{last}:`, indented and starting with `- `; {FORMAT_HINT}"
        ),
    };
    (whole, hint)
}

/// The parser's words for a value of the wrong kind, where ctopath cannot say more.
fn parser_message_of(expected: Kind) -> String {
    match expected {
        Kind::Text => "expected text here",
        Kind::Mapping => "expected a mapping of keys here",
        Kind::List => "expected a list here",
    }
    .to_string()
}

/// The file's lines as the parser counts them: ended by `\n`, `\r\n` or a lone `\r`, with a
/// byte order mark, which the parser does not count as a column, taken off the first.
fn yaml_lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(end) = rest.find(['\n', '\r']) {
        lines.push(&rest[..end]);
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
    }
    if !rest.is_empty() {
        lines.push(rest);
    }
    lines
}

/// The line a place (`line` and `column`, from 1, as the parser counts them) is on, as its index
/// in `lines`, then the text before the place and the text from it; `None` outside the file.
fn around<'a>(lines: &[&'a str], (line, column): (u64, u64)) -> Option<(usize, &'a str, &'a str)> {
    let number = usize::try_from(line).ok()?.checked_sub(1)?;
    let text = lines.get(number)?;
    let column = usize::try_from(column)
        .unwrap_or(usize::MAX)
        .saturating_sub(1);
    let split = (text.char_indices().nth(column)).map_or(text.len(), |(at, _)| at);
    Some((number, &text[..split], &text[split..]))
}

/// Where a value is: the keys that lead to it, and whether it is an item of the list the last
/// of them holds.
#[derive(Debug, Default, PartialEq)]
struct Place {
    keys: Vec<Key>,
    item: Option<Item>,
}

/// A key on the way to a value, with the number (from 1) of the item of its block list that
/// leads there, when it holds one: the value is in that item, or is that item.
#[derive(Debug, PartialEq)]
struct Key {
    name: String,
    item: Option<usize>,
}

impl Place {
    /// The value's place in words: `realities.hours_per_week`, `title in item 3 of sources`,
    /// `item 2 of first_steps`, `an item of facts` (a flow list's, which is not counted).
    fn named(&self) -> String {
        // Runs of keys, each closed by one that holds a numbered item (`facts`, item 2), and the
        // keys after the last of them (`realities.hours`).
        let mut closed: Vec<(String, usize)> = Vec::new();
        let mut open = String::new();
        for key in &self.keys {
            if !open.is_empty() {
                open.push('.');
            }
            open.push_str(&key.name);
            if let Some(number) = key.item {
                closed.push((std::mem::take(&mut open), number));
            }
        }
        let (innermost, number) = match closed.pop() {
            Some(last) if open.is_empty() => (last.0, Some(last.1)),
            last => {
                closed.extend(last);
                (open, None)
            }
        };
        let mut named = match (self.item, number) {
            (Some(_), Some(number)) => format!("item {number} of {innermost}"),
            (Some(_), None) => format!("an item of {innermost}"),
            (None, _) => innermost,
        };
        for (run, number) in closed.iter().rev() {
            named = format!("{named} in item {number} of {run}");
        }
        named
    }
}

/// How the list a value is an item of is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// A line of its own, after `- `.
    Block,
    /// Between `[` and `]`.
    Flow,
}

/// The place of the value at `at` (a line and a column, as `around` takes them): the keys
/// written before it on its line, read through flow mappings and lists (`a: {b: [`), then each
/// mapping it is in, found by indentation. No keys for a value at the top of the file.
fn place(lines: &[&str], at: (u64, u64)) -> Place {
    let Some((number, before, _)) = around(lines, at) else {
        return Place::default();
    };
    let line = lines[number];
    let on_line = read_line(before);
    let mut place = Place {
        item: on_line.item,
        keys: (on_line.keys.into_iter())
            .map(|name| Key { name, item: None })
            .collect(),
    };
    // The mappings the line is in, by indentation. A list's items may be written at its key's
    // indentation (`key:` then `- item`), so a line that starts an item looks at its own too.
    let mut indent = spaces(line);
    let mut same_too = on_line.starts_item;
    // The line and indentation of the block list item the value is in (or is), once met on the
    // way up: the list's key, met next, is told which of its items that is.
    let mut item_start = on_line.starts_item.then_some((number, indent));
    for (index, above) in lines[..number].iter().enumerate().rev() {
        let content = above.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let dash = starts_item(content);
        // At the same indentation, a line that starts an item is another item of the same list.
        let within = spaces(above) < indent || (same_too && spaces(above) == indent && !dash);
        if !within {
            continue;
        }
        // Text of a block scalar, or a key with its value: not a mapping this one is in.
        let Some(key) = bare_key(content) else {
            if dash && item_start.is_none() {
                item_start = Some((index, spaces(above)));
            }
            continue;
        };
        let item = item_start
            .take_if(|&mut (start, _)| start > index)
            .map(|(start, at)| {
                (lines[index + 1..=start].iter())
                    .filter(|line| spaces(line) == at && starts_item(line.trim()))
                    .count()
            });
        place.keys.insert(
            0,
            Key {
                name: key.to_string(),
                item,
            },
        );
        // `- sources:` is an item of the list above as well as a key.
        if dash && item_start.is_none() {
            item_start = Some((index, spaces(above)));
        }
        indent = spaces(above);
        same_too = content.starts_with("- ");
        if indent == 0 && !same_too {
            break;
        }
    }
    place
}

/// Whether a line's content (trimmed) starts a block list's item.
fn starts_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ") || content.starts_with("-\t")
}

/// What a line says before a value on it.
struct OnLine {
    /// The keys through the flow mappings and lists opened on the line.
    keys: Vec<String>,
    /// The value is an item of a list: after `- ` with no key, or in a flow list.
    item: Option<Item>,
    /// The line starts a block list's item (`- `).
    starts_item: bool,
}

/// Reads the text before a value on its line, a character at a time: keys (plain or quoted),
/// flow mappings and lists opened and closed, anchors and tags (`&a`, `!t`), a list item's
/// dash, and a comment, after which nothing counts.
fn read_line(before: &str) -> OnLine {
    // Each flow collection open: the key it is the value of, and whether it is a list.
    let mut open: Vec<(Option<String>, bool)> = Vec::new();
    let mut pending: Option<String> = None;
    let mut word = String::new();
    let trimmed = before.trim_start();
    let starts_item = starts_item(trimmed);
    let mut chars = trimmed.chars().peekable();
    if starts_item {
        chars.next();
    }
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' if word.trim().is_empty() => {
                word.clear();
                while let Some(q) = chars.next() {
                    match q {
                        '\\' if c == '"' => {
                            chars.next();
                        }
                        '\'' if c == '\'' && chars.peek() == Some(&'\'') => {
                            chars.next();
                            word.push('\'');
                        }
                        q if q == c => break,
                        q => word.push(q),
                    }
                }
            }
            '&' | '!' if word.trim().is_empty() => {
                // An anchor or a tag: up to the next space.
                while chars.next_if(|&n| !n.is_whitespace()).is_some() {}
            }
            '#' if word.is_empty() || word.ends_with([' ', '\t']) => break,
            ':' if chars
                .peek()
                .is_none_or(|n| n.is_whitespace() || ",]}".contains(*n)) =>
            {
                let key = word.trim();
                if !key.is_empty() {
                    pending = Some(key.to_string());
                }
                word.clear();
            }
            '{' | '[' => {
                open.push((pending.take(), c == '['));
                word.clear();
            }
            '}' | ']' => {
                open.pop();
                pending = None;
                word.clear();
            }
            ',' if !open.is_empty() => {
                pending = None;
                word.clear();
            }
            c => word.push(c),
        }
    }
    let item = match open.last() {
        Some(&(_, true)) if pending.is_none() => Some(Item::Flow),
        None if starts_item && pending.is_none() => Some(Item::Block),
        _ => None,
    };
    let mut keys: Vec<String> = open.into_iter().filter_map(|(key, _)| key).collect();
    keys.extend(pending);
    OnLine {
        keys,
        item,
        starts_item,
    }
}

/// Leading spaces: YAML indents with spaces only.
fn spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The key of a line that holds only a key (`realities:`, `- sources:`), as a mapping or list
/// opens.
fn bare_key(content: &str) -> Option<&str> {
    let content = content.trim_start_matches("- ");
    let content = content.split(" #").next()?.trim_end();
    let key = content.strip_suffix(':')?.trim_end();
    let key = (key.strip_prefix('"').and_then(|k| k.strip_suffix('"')))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    is_key(key).then_some(key)
}

fn is_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The length and first characters of a key longer than YAML reads, if one starts at `at`:
/// the parser takes such a line for a plain value and reports something else.
fn long_key(text: &str, at: Location) -> Option<(usize, String)> {
    let (_, _, from) = around(&yaml_lines(text), (at.line(), at.column()))?;
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
    use super::{Item, place, plain_yaml_message, yaml_lines};

    #[test]
    fn a_value_is_placed_by_the_keys_that_lead_to_it() {
        let text = "\u{feff}# a comment\nid: x\nname: [x\nrealities:\n  hours_per_week:\n    min: [1]\n  \
                    runway: {low: 1, high: [2\ndescription: >-\n  prose that ends in a colon:\n  \
                    more: prose\nsources:\n  - id: s\n    title: [t\nfirst_steps:\n  - [a\n\
                    experiments:\n- Write: an offer\n\"summary\" : &anchor [s]\nfacts: [a, [b]]\r\
                    sources: [{id: s, title: [t]}]\r\nname: 'it''s: [x\n";
        let lines = yaml_lines(text);
        let (block, flow) = (Some(Item::Block), Some(Item::Flow));
        for ((line, column), keys, item) in [
            ((3, 7), "name", None),
            ((6, 10), "realities.hours_per_week.min", None),
            ((7, 26), "realities.runway.high", None),
            ((13, 12), "title in item 1 of sources", None),
            ((15, 5), "item 1 of first_steps", block),
            ((17, 3), "item 1 of experiments", block),
            ((18, 21), "summary", None),
            ((19, 12), "an item of facts", flow),
            ((20, 26), "sources.title", None),
            // Past a quoted value with a colon in it, nothing opens: the key is `name`.
            ((21, 19), "name", None),
            // The top of the file, and places outside it.
            ((2, 1), "", None),
            ((99, 1), "", None),
            ((0, 0), "", None),
        ] {
            let place = place(&lines, (line, column));
            assert_eq!(
                (place.named(), place.item),
                (keys.to_string(), item),
                "at {line}:{column}"
            );
        }
        // A key in another script is no key YAML's plain keys here allow, and cuts nothing.
        assert_eq!(place(&yaml_lines("é: [\nü:\n  x: ["), (3, 6)).named(), "x");
    }

    #[test]
    fn items_of_block_lists_are_counted() {
        let text = "sources:\n  - id: a\n    title: A\n  - id: b\n    notes:\n      - n\n    \
                    title: [B\nfacts:\n- text: one\n- text: two\n  sources:\n  - a\n  - [b\n  \
                    more:\n    - sources:\n        x: [c\n    - id: [d\n";
        let lines = yaml_lines(text);
        for ((line, column), named) in [
            // In the second item: the nested list before it is not counted.
            ((7, 12), "title in item 2 of sources"),
            // Items written at their key's indentation, in a list within a list's item.
            ((13, 5), "item 2 of sources in item 2 of facts"),
            // `- sources:` is both an item of `more` and a key.
            ((16, 12), "sources.x in item 1 of more in item 2 of facts"),
            ((17, 11), "id in item 2 of more in item 2 of facts"),
        ] {
            assert_eq!(
                place(&lines, (line, column)).named(),
                named,
                "at {line}:{column}"
            );
        }
    }

    proptest::proptest! {
        /// Any text and any place in it, or past it: a place, never a panic.
        #[test]
        fn any_text_has_a_place(text in "(?s)[ -~\t\r\n\u{feff}é中😀\u{2028}]{0,200}", line in 0_u64..40, column in 0_u64..80) {
            let lines = yaml_lines(&text);
            let _ = place(&lines, (line, column));
            let _ = place(&lines, (u64::MAX, u64::MAX));
        }
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
