//! The questionnaire's state: answers as they are given, so that an interrupted run can be
//! resumed, and the last finished answers.

use crate::files::{self, Access, Existing};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Where the questionnaire keeps answers in progress (`~/.local/state/ctopath/` on Linux).
pub fn state_dir() -> Option<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|dir| dir.join("ctopath"))
}

/// The answers of an unfinished questionnaire.
pub fn in_progress_file(state: &Path) -> PathBuf {
    state.join("in-progress.json")
}

/// The answers of the last finished questionnaire.
pub fn last_answers_file(state: &Path) -> PathBuf {
    state.join("last-answers.json")
}

/// Writes a state file atomically. State files are private (0600): answers are personal, and
/// only this user's ctopath reads them. Without `replace`, an existing file is never touched.
pub fn write_atomic(path: &Path, contents: &str, replace: bool) -> Result<()> {
    files::write(path, contents, Existing::forced(replace), Access::Private)
}
