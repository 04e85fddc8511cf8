//! One catalogue file as read, and one problem found in it: what the readers hand to the checks
//! and what the checks hand back.

use std::fmt;

/// One file's name (as shown to the user) and text.
#[derive(Debug, Clone)]
pub struct Source {
    pub display: String,
    pub file_name: String,
    /// Borrowed from the binary for a built-in file, owned for a file read from a folder.
    pub text: crate::model::Text,
    /// The origin's label: `built-in`, `user`, `--paths`, …
    pub origin: &'static str,
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

/// A file's problems in reading order.
pub fn sort_by_position(problems: &mut [Problem]) {
    problems.sort_by_key(|problem| problem.position);
}

pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The file of a folder that holds the criteria rather than a path (`criteria.yml` too).
pub const CRITERIA_FILE: &str = "criteria.yaml";

pub fn is_criteria_file(file_name: &str) -> bool {
    file_name == CRITERIA_FILE || file_name == "criteria.yml"
}
