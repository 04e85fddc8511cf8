//! Reading a person's answers from JSON and checking them against the catalogue.
//!
//! The shape is `{"skills": {ID: 1-5}, "goals": {ID: 1-5}, "constraints": {…}}`. Every problem is
//! reported at once, by key. A skill or goal left out (or `null`) takes its criterion's default
//! and is listed in the results' `assumed`; a constraint left out (or `null`) is not applied.

use crate::engine::Profile;
use crate::model::{
    Answers, Assumption, Catalogue, Criteria, Criterion, MAX_MUST_HAVES, NumberQuestion,
    RATING_MAX, RATING_MIN,
};
use crate::suggest::{did_you_mean, some_of};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

mod plain;

/// The most problems reported for one answers object: enough to fix, few enough to read.
const MAX_PROBLEMS: usize = 20;

/// The top-level keys of an answers file. `$schema` lets an editor find the schema.
pub const SECTIONS: [&str; 4] = ["skills", "goals", "constraints", "$schema"];
/// The keys of the `constraints` section.
pub const CONSTRAINTS: [&str; 6] = [
    "hours_per_week",
    "runway_months",
    "min_income",
    "exclude",
    "must_have",
    "keeps_job",
];

/// Answers that could not be used, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct AnswersError {
    /// The file name, or `<stdin>`.
    pub source_name: String,
    pub problems: Vec<String>,
}

impl AnswersError {
    fn render(&self) -> String {
        let mut text = format!("invalid answers in {}:", self.source_name);
        for problem in &self.problems {
            text.push_str("\n  ");
            text.push_str(problem);
        }
        text
    }
}

/// Parses answers JSON that the user wrote (a file, standard input) and checks every value
/// against the catalogue; each problem names its key and where the key stands in `text`.
pub fn parse(
    text: &str,
    source_name: &str,
    catalogue: &Catalogue,
) -> Result<Answers, AnswersError> {
    read(text, source_name, catalogue, Positions::IN_FILE)
        .map(|dense| dense.into_answers(&catalogue.criteria))
}

/// `parse` for answers ctopath wrote itself (the questionnaire's, a history entry's): their
/// problems name keys only, as a line and column in that text would mean nothing to the user.
pub fn parse_own(
    text: &str,
    source_name: &str,
    catalogue: &Catalogue,
) -> Result<Answers, AnswersError> {
    read(text, source_name, catalogue, Positions::Hidden)
        .map(|dense| dense.into_answers(&catalogue.criteria))
}

/// Whether problems say where in the input their key stands, and where the text starts in it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Positions {
    /// The text starts at this line and column (1-based, in characters) of the input.
    Shown {
        line: usize,
        column: usize,
    },
    Hidden,
}

impl Positions {
    /// The text is all of the input.
    const IN_FILE: Positions = Positions::Shown { line: 1, column: 1 };

    /// Line `line` and column `column` of the text, as a line and a column of the input.
    fn in_input(self, line: usize, column: usize) -> Option<(usize, usize)> {
        match self {
            Positions::Shown { line: first, .. } if line > 1 => Some((first + line - 1, column)),
            Positions::Shown {
                line,
                column: start,
            } => Some((line, start + column - 1)),
            Positions::Hidden => None,
        }
    }
}

/// Answers as read, with skill levels and goal importance as numbers in the criteria's order:
/// all that scoring many people needs, without building maps.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense {
    pub profile: Profile,
    pub constraints: crate::model::Constraints,
    pub assumed: Vec<Assumption>,
}

impl Dense {
    pub fn into_answers(self, criteria: &Criteria) -> Answers {
        let map = |list: &[Criterion], values: Vec<u8>| {
            list.iter().map(|c| c.id.to_string()).zip(values).collect()
        };
        Answers {
            skills: map(&criteria.skills, self.profile.levels),
            goals: map(&criteria.goals, self.profile.importance),
            constraints: self.constraints,
            assumed: self.assumed,
        }
    }
}

/// `parse`, returning the answers as numbers: for one record of a stream, which starts at
/// `(line, column)` of the stream (1-based, the column in characters); its problems are placed
/// in the stream.
pub fn parse_record(
    text: &str,
    catalogue: &Catalogue,
    (line, column): (usize, usize),
) -> Result<Dense, AnswersError> {
    read(text, "record", catalogue, Positions::Shown { line, column })
}

fn read(
    text: &str,
    source_name: &str,
    catalogue: &Catalogue,
    positions: Positions,
) -> Result<Dense, AnswersError> {
    match plain::read(text, catalogue) {
        Some(dense) => Ok(dense),
        None => parse_checked(text, source_name, catalogue, positions),
    }
}

/// `read` the long way: a tree of the whole input first, then every value checked, so
/// that every problem is found and reported by key.
fn parse_checked(
    text: &str,
    source_name: &str,
    catalogue: &Catalogue,
    positions: Positions,
) -> Result<Dense, AnswersError> {
    let fail = |problems: Vec<String>| AnswersError {
        source_name: source_name.to_string(),
        problems,
    };
    if text.trim().is_empty() {
        return Err(fail(vec![
            "the input is empty; expected a JSON object such as {\"skills\": {\"selling\": 4}} \
             (`ctopath questions --template` prints one to fill in)"
                .to_string(),
        ]));
    }
    let node: Node = serde_json::from_str(text).map_err(|error| {
        let (line, column) = (
            error.line(),
            char_column(text, error.line(), error.column()),
        );
        let (line, column) = positions.in_input(line, column).unwrap_or((line, column));
        let message = format!(
            "broken JSON at line {line} column {column}: {}",
            syntax_message(&error)
        );
        fail(vec![message])
    })?;
    let mut check = Check {
        text,
        positions,
        problems: Vec::new(),
    };
    let answers = check.answers(&node, catalogue);
    let problems = check.in_input_order();
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(fail(problems))
    }
}

/// serde_json's column (bytes) on `line` of `text` as a column in characters, as the places
/// of keys are given: the two differ after a character of more than one byte.
fn char_column(text: &str, line: usize, column: usize) -> usize {
    // Line `line` starts after the newline before it.
    let line_start = match line {
        0 | 1 => Some(0),
        _ => text.match_indices('\n').nth(line - 2).map(|(at, _)| at + 1),
    };
    let Some(line_start) = line_start else {
        return column;
    };
    let line_len = text[line_start..]
        .find('\n')
        .unwrap_or(text.len() - line_start);
    place_of(text, line_start + column.saturating_sub(1).min(line_len)).1
}

/// The line and column (1-based, the column in characters) of byte `at` of `text`; a byte
/// within a character counts that character as reached.
fn place_of(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let whole = (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..whole];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + usize::from(whole < at) + 1;
    (line, column)
}

/// serde_json's message without the position, which is given separately.
fn syntax_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_string(),
        None => text,
    }
}

/// A JSON value that keeps every key of an object, so that a key given twice is caught rather
/// than silently overwritten. Keys and strings borrow from the input where they can.
#[derive(Debug, Clone, PartialEq)]
enum Node<'a> {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl Node<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "a list",
            Node::Object(_) => "an object",
        }
    }
}

impl fmt::Display for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Number(number) => write!(f, "{number}"),
            Node::String(text) => write!(f, "{text:?}"),
            Node::Bool(value) => write!(f, "{value}"),
            other => f.write_str(other.kind()),
        }
    }
}

/// A string that borrows from the input unless it holds escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(value)))
            }
            fn visit_str<E>(self, value: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(value.to_string())))
            }
            fn visit_string<E>(self, value: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(value)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Node<'de>, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, value: bool) -> Result<Node<'de>, E> {
                Ok(Node::Bool(value))
            }
            fn visit_u64<E>(self, value: u64) -> Result<Node<'de>, E> {
                Ok(Node::Number(value.into()))
            }
            fn visit_i64<E>(self, value: i64) -> Result<Node<'de>, E> {
                Ok(Node::Number(value.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Node<'de>, E> {
                serde_json::Number::from_f64(value)
                    .map(Node::Number)
                    .ok_or_else(|| E::custom("numbers must be finite"))
            }
            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Node<'de>, E> {
                Ok(Node::String(Cow::Borrowed(value)))
            }
            fn visit_str<E>(self, value: &str) -> Result<Node<'de>, E> {
                Ok(Node::String(Cow::Owned(value.to_string())))
            }
            fn visit_string<E>(self, value: String) -> Result<Node<'de>, E> {
                Ok(Node::String(Cow::Owned(value)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
                let mut entries = Vec::with_capacity(10);
                while let Some((Text(key), value)) = map.next_entry::<Text<'de>, Node<'de>>()? {
                    entries.push((key, value));
                }
                Ok(Node::Object(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// The key of a value, written out only for a problem: `skills.selling`, or the top level.
#[derive(Clone, Copy)]
struct Key<'a> {
    parent: &'a str,
    name: &'a str,
    /// The whole answers object, which has no key of its own.
    top: bool,
}

impl<'a> Key<'a> {
    const TOP: Key<'static> = Key {
        parent: "",
        name: "",
        top: true,
    };

    fn of(parent: &'a str, name: &'a str) -> Key<'a> {
        Key {
            parent,
            name,
            top: false,
        }
    }
}

impl fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.top {
            return f.write_str("top level");
        }
        // An empty key is shown as the input has it, so that it is not taken for its section.
        let name = if self.name.is_empty() {
            "\"\""
        } else {
            self.name
        };
        if self.parent.is_empty() {
            f.write_str(name)
        } else {
            write!(f, "{}.{name}", self.parent)
        }
    }
}

struct Check<'t> {
    /// The input, to quote a number in a problem as it was written and to say where a key is.
    text: &'t str,
    positions: Positions,
    problems: Vec<Problem>,
}

/// A problem found, and where its key starts in the input when the key borrows from it.
struct Problem {
    offset: Option<usize>,
    key: String,
    message: String,
}

impl<'t> Check<'t> {
    /// A problem with the value of `key`, placed at the key.
    fn problem(&mut self, key: Key, message: impl fmt::Display) {
        self.problem_at(key, key.name, message);
    }

    /// A problem with the value of `key`, placed at `quoted`, a string of the input (a key or
    /// a list's item): `skills.selling (line 4, column 5): …`.
    fn problem_at(&mut self, key: Key, quoted: &str, message: impl fmt::Display) {
        self.problems.push(Problem {
            offset: self.offset(quoted),
            key: key.to_string(),
            message: message.to_string(),
        });
    }

    /// The problems in the order of the input, as its reader goes through it (the checks find
    /// unknown keys before bad values; one with no place in it, a missing section, comes last),
    /// each shown placed at its key, then how many more there are. Only the problems shown are
    /// placed and written: finding a place scans the text before it, which for every one of a
    /// hostile file's 90,000 keys took seconds.
    fn in_input_order(mut self) -> Vec<String> {
        self.problems
            .sort_by_key(|problem| problem.offset.unwrap_or(usize::MAX));
        let mut shown: Vec<String> = (self.problems.iter().take(MAX_PROBLEMS))
            .map(|problem| self.placed(problem))
            .collect();
        let more = self.problems.len().saturating_sub(MAX_PROBLEMS);
        if more > 0 {
            shown.push(format!("… and {more} more problems"));
        }
        shown
    }

    /// `skills.selling (line 4, column 5): …`, or without the place when it is not known.
    fn placed(&self, problem: &Problem) -> String {
        let Problem {
            offset,
            key,
            message,
        } = problem;
        match offset.and_then(|offset| self.position(offset)) {
            Some((line, column)) => format!("{key} (line {line}, column {column}): {message}"),
            None => format!("{key}: {message}"),
        }
    }

    /// Where the quote that opens `quoted` stands in the input, when `quoted` is a string of the
    /// input itself: parsing keeps no positions, but a key or a string without escapes borrows
    /// from the input, so its address says where it stands.
    fn offset(&self, quoted: &str) -> Option<usize> {
        let text = self.text;
        let start = (quoted.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
        let quote = start.checked_sub(1)?;
        (start + quoted.len() <= text.len() && text.as_bytes()[quote] == b'"').then_some(quote)
    }

    /// The line and column (1-based, in characters) of the input's byte `offset`, unless
    /// places are hidden.
    fn position(&self, offset: usize) -> Option<(usize, usize)> {
        if self.positions == Positions::Hidden {
            return None;
        }
        let (line, column) = place_of(self.text, offset);
        self.positions.in_input(line, column)
    }

    /// The entries of an object, each key once; reports duplicates and unknown keys.
    fn entries<'n, 'a>(
        &mut self,
        key: Key,
        node: &'n Node<'a>,
        allowed: &[&str],
    ) -> Vec<(&'n str, &'n Node<'a>)> {
        let Node::Object(entries) = node else {
            self.problem(
                key,
                format_args!("expected an object, found {}", node.kind()),
            );
            return Vec::new();
        };
        let section = key.name;
        let mut seen: Vec<(&str, &Node)> = Vec::with_capacity(entries.len());
        for (name, value) in entries {
            let here = Key::of(section, name);
            if !allowed.contains(&name.as_ref()) {
                self.problem(
                    here,
                    format_args!(
                        "unknown key{}; allowed: {}",
                        did_you_mean(name, allowed.iter().copied()),
                        allowed.join(", ")
                    ),
                );
            } else if seen.iter().any(|(seen, _)| *seen == name.as_ref()) {
                self.problem(here, "given more than once; keep one");
            } else {
                seen.push((name.as_ref(), value));
            }
        }
        seen
    }

    fn answers(&mut self, node: &Node, catalogue: &Catalogue) -> Dense {
        let sections = self.entries(Key::TOP, node, &SECTIONS);
        // Each section's key as the input has it, and its value.
        let section = |name: &str| sections.iter().find(|(key, _)| *key == name).copied();
        let mut assumed = Vec::new();
        let criteria = &catalogue.criteria;
        let levels = self.ratings("skills", section("skills"), &criteria.skills, &mut assumed);
        let importance = self.ratings("goals", section("goals"), &criteria.goals, &mut assumed);
        let constraints = section("constraints")
            .filter(|(_, node)| **node != Node::Null)
            .map(|(key, node)| self.constraints(key, node, catalogue))
            .unwrap_or_default();
        Dense {
            profile: Profile { levels, importance },
            constraints,
            assumed,
        }
    }

    /// `given`: the section's key as the input has it, and its value.
    fn ratings(
        &mut self,
        section: &str,
        given: Option<(&str, &Node)>,
        criteria: &[Criterion],
        assumed: &mut Vec<Assumption>,
    ) -> Vec<u8> {
        let given = match given {
            None | Some((_, Node::Null)) => Vec::new(),
            Some((key, node)) => {
                let ids: Vec<&str> = criteria.iter().map(|c| c.id.as_ref()).collect();
                self.entries(Key::of("", key), node, &ids)
            }
        };
        criteria
            .iter()
            .map(|criterion| {
                let value = match given.iter().find(|(id, _)| *id == criterion.id) {
                    None | Some((_, Node::Null)) => None,
                    Some((id, node)) => {
                        let key = Key::of(section, id);
                        self.number(key, node, u64::from(RATING_MIN), u64::from(RATING_MAX), "")
                    }
                };
                value.map_or_else(
                    || {
                        assumed.push(Assumption {
                            key: format!("{section}.{}", criterion.id),
                            value: criterion.default,
                        });
                        criterion.default
                    },
                    // In range 1–5, checked above.
                    |value| value as u8,
                )
            })
            .collect()
    }

    /// `section`: the key `constraints` as the input has it.
    fn constraints(
        &mut self,
        section: &str,
        node: &Node,
        catalogue: &Catalogue,
    ) -> crate::model::Constraints {
        let given = self.entries(Key::of("", section), node, &CONSTRAINTS);
        // Each constraint's key as the input has it, and its value.
        let value = |key: &str| given.iter().find(|(name, _)| *name == key).copied();
        let texts = &catalogue.criteria.constraints;
        let mut number = |key: &'static str, question: &NumberQuestion| match given
            .iter()
            .find(|(name, _)| *name == key)
        {
            None | Some((_, Node::Null)) => None,
            Some((name, node)) => self.number(
                Key::of("constraints", name),
                node,
                question.min,
                question.max,
                &question.unit,
            ),
        };
        // The catalogue caps these ranges at 168 hours and 1,200 months, so they fit a u32.
        let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let hours_per_week = number("hours_per_week", &texts.hours_per_week).map(small);
        let runway_months = number("runway_months", &texts.runway_months).map(small);
        let min_income = number("min_income", &texts.min_income);
        let exclude = match value("exclude") {
            None | Some((_, Node::Null)) => Default::default(),
            Some((name, node)) => self.excluded(name, node, catalogue),
        };
        let must_have = match value("must_have") {
            None | Some((_, Node::Null)) => Vec::new(),
            Some((name, node)) => self.must_haves(name, node, &catalogue.criteria),
        };
        let keeps_job = match value("keeps_job") {
            None | Some((_, Node::Null)) => None,
            Some((_, Node::Bool(keeps))) => Some(*keeps),
            Some((name, other)) => {
                self.problem(
                    Key::of("constraints", name),
                    format_args!(
                        "expected true (you would keep a job that pays your income floor beside a \
                         path done alongside one) or false, found {}",
                        other.kind()
                    ),
                );
                None
            }
        };
        crate::model::Constraints {
            hours_per_week,
            runway_months,
            min_income,
            exclude,
            must_have,
            keeps_job,
        }
    }

    /// Up to three distinct goal ids; `name`: the key `must_have` as the input has it.
    fn must_haves(&mut self, name: &str, node: &Node, criteria: &Criteria) -> Vec<String> {
        let key = Key::of("constraints", name);
        let goals = || criteria.goals.iter().map(|g| g.id.as_ref());
        let Node::Array(items) = node else {
            self.problem(
                key,
                format_args!(
                    "expected a list of up to {MAX_MUST_HAVES} goal ids such as [\"stability\"], found {}",
                    node.kind()
                ),
            );
            return Vec::new();
        };
        if items.len() > MAX_MUST_HAVES {
            self.problem(
                key,
                format_args!(
                    "names {} goals; at most {MAX_MUST_HAVES} can be must-haves: keep the ones you truly cannot do without",
                    items.len()
                ),
            );
        }
        let mut chosen: Vec<String> = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let here = format!("constraints.must_have[{index}]");
            match item {
                Node::String(id) if chosen.iter().any(|c| c == id.as_ref()) => {
                    self.problem_at(Key::of("", &here), id, "given more than once; keep one");
                }
                Node::String(id) if goals().any(|goal| goal == id.as_ref()) => {
                    chosen.push(id.to_string());
                }
                Node::String(id) => self.problem_at(
                    Key::of("", &here),
                    id,
                    format_args!(
                        "no goal has the id {id:?}{}; goals: {}",
                        did_you_mean(id, goals()),
                        goals().collect::<Vec<_>>().join(", ")
                    ),
                ),
                other => self.problem(
                    Key::of("", &here),
                    format_args!("expected a goal id (a string), found {other}"),
                ),
            }
        }
        chosen.truncate(MAX_MUST_HAVES);
        chosen
    }

    /// Path ids; `name`: the key `exclude` as the input has it.
    fn excluded(
        &mut self,
        name: &str,
        node: &Node,
        catalogue: &Catalogue,
    ) -> std::collections::BTreeSet<String> {
        let key = Key::of("constraints", name);
        let Node::Array(items) = node else {
            self.problem(
                key,
                format_args!(
                    "expected a list of path ids such as [\"ceo\"], found {}",
                    node.kind()
                ),
            );
            return Default::default();
        };
        let ids = || catalogue.paths.iter().map(|p| p.id.as_ref());
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let here = format!("constraints.exclude[{index}]");
                match item {
                    Node::String(id) if catalogue.path(id).is_some() => Some(id.to_string()),
                    Node::String(id) => {
                        self.problem_at(
                            Key::of("", &here),
                            id,
                            format_args!(
                                "no path has the id {id:?}{}; paths: {}",
                                did_you_mean(id, ids()),
                                some_of(id, ids())
                            ),
                        );
                        None
                    }
                    other => {
                        self.problem(
                            Key::of("", &here),
                            format_args!("expected a path id (a string), found {other}"),
                        );
                        None
                    }
                }
            })
            .collect()
    }

    /// A whole number within `min..=max`.
    fn number(&mut self, key: Key, node: &Node, min: u64, max: u64, unit: &str) -> Option<u64> {
        let allowed = || {
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" ({unit})")
            };
            format!("a whole number from {min} to {max}{unit}")
        };
        match node {
            Node::Number(number) => match whole(number) {
                Some(value) if (min..=max).contains(&value) => Some(value),
                None if number.as_f64().is_some_and(|n| n.fract() != 0.0) => {
                    let written = self.written(key, number);
                    self.problem(
                        key,
                        format_args!("{written} is not a whole number; use {}", allowed()),
                    );
                    None
                }
                _ => {
                    let written = self.written(key, number);
                    self.problem(
                        key,
                        format_args!("{written} is out of range; use {}", allowed()),
                    );
                    None
                }
            },
            other => {
                self.problem(key, format_args!("expected {}, found {other}", allowed()));
                None
            }
        }
    }

    /// A number as the input writes it (`-0`, `1E3`, `18446744073709551616`), which the parsed
    /// value may not show: found after its key, which borrows from the input unless it holds
    /// escapes. Only a problem needs this, so parsing keeps no positions.
    fn written(&self, key: Key, number: &serde_json::Number) -> Cow<'t, str> {
        let text = self.text;
        let literal = (key.name.as_ptr() as usize)
            .checked_sub(text.as_ptr() as usize)
            .and_then(|at| text.get(at..)?.strip_prefix(key.name))
            .and_then(|after| after.strip_prefix('"'))
            .and_then(|after| after.trim_start().strip_prefix(':'))
            .map(|after| {
                let after = after.trim_start();
                let end = after
                    .find(|c: char| !matches!(c, '0'..='9' | '-' | '+' | '.' | 'e' | 'E'))
                    .unwrap_or(after.len());
                &after[..end]
            });
        match literal {
            Some(literal) if !literal.is_empty() => Cow::Borrowed(literal),
            _ => Cow::Owned(number.to_string()),
        }
    }
}

/// A non-negative whole number, also when written as `4.0` or `1e3`.
fn whole(number: &serde_json::Number) -> Option<u64> {
    number.as_u64().or_else(|| {
        let value = number.as_f64()?;
        // Exact for every value below 2^53, far above any allowed maximum.
        (value.fract() == 0.0 && (0.0..9.0e15).contains(&value)).then_some(value as u64)
    })
}

/// The JSON Schema of an answers file, with the catalogue's ids and ranges filled in. Written out
/// rather than derived: answers are parsed by hand (to report every problem by key), so there is
/// no type to derive it from.
pub fn answers_schema(catalogue: &Catalogue) -> serde_json::Value {
    let criteria = &catalogue.criteria;
    let ratings = |list: &[Criterion], what: &str| {
        let ids: Vec<&str> = list.iter().map(|c| c.id.as_ref()).collect();
        serde_json::json!({
            "description": format!("{what}, 1 to 5; left out or null takes the default"),
            "type": "object",
            "propertyNames": {"enum": ids},
            "additionalProperties": {"type": ["integer", "null"], "minimum": RATING_MIN, "maximum": RATING_MAX},
        })
    };
    let number = |question: &NumberQuestion| {
        serde_json::json!({
            "description": format!("{} ({}); left out or null: no limit", question.question, question.unit),
            "type": ["integer", "null"],
            "minimum": question.min,
            "maximum": question.max,
        })
    };
    let constraints = &criteria.constraints;
    let path_ids: Vec<&str> = catalogue.paths.iter().map(|p| p.id.as_ref()).collect();
    let goal_ids: Vec<&str> = criteria.goals.iter().map(|g| g.id.as_ref()).collect();
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ctopath answers",
        "description": "What `ctopath assess --answers` reads. Every key is optional.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "$schema": {"description": "Where an editor finds this schema.", "type": "string"},
            "skills": ratings(&criteria.skills, "Skill id -> how good you are at it"),
            "goals": ratings(&criteria.goals, "Goal id -> how much it matters to you"),
            "constraints": {
                "description": "Hard limits; each left out (or null) is not applied.",
                "type": ["object", "null"],
                "additionalProperties": false,
                "properties": {
                    "hours_per_week": number(&constraints.hours_per_week),
                    "runway_months": number(&constraints.runway_months),
                    "min_income": number(&constraints.min_income),
                    "exclude": {
                        "description": constraints.exclude.question,
                        "type": ["array", "null"],
                        "items": {"enum": path_ids},
                    },
                    "keeps_job": {
                        "description": constraints.keeps_job.question,
                        "type": ["boolean", "null"],
                    },
                    "must_have": {
                        "description": format!("{} A path that rates one of them 1 or 2 ranks below every path that does not.", constraints.must_have.question),
                        "type": ["array", "null"],
                        "items": {"enum": goal_ids},
                        "maxItems": MAX_MUST_HAVES,
                        "uniqueItems": true,
                    },
                },
            },
        },
    })
}
