//! Where the questionnaire keeps the answers given so far. The state folder's `in-progress.json`
//! belongs to one run at a time: an advisory lock on `in-progress.lock` says which, and dies with
//! the process, so a crashed run's answers can still be resumed. A run that cannot use that file
//! (another run holds it, or the folder cannot be written) keeps its answers in a file of their
//! own in the temporary folder, and says where.

use crate::store;
use anyhow::{Context, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

pub struct Keeper {
    state: Option<PathBuf>,
    /// Another run holds the state folder's answers in progress.
    busy: bool,
    /// The in-progress file, while this run holds the lock on it.
    in_progress: Option<(PathBuf, File)>,
    /// Why the answers are not (or no longer) kept in the state folder.
    why_not: Option<String>,
    fallback: Option<PathBuf>,
    /// The answers last handed over, as JSON.
    last: Option<String>,
    /// Whether the person has been told where the answers go instead.
    told: bool,
}

/// Where a finished run's answers ended up.
pub enum Finished {
    /// `last-answers.json` in the state folder.
    Last(PathBuf),
    /// The fallback file in the temporary folder, when the state folder could not take them.
    Fallback(PathBuf),
    Nowhere,
}

impl Keeper {
    /// Claims the state folder's in-progress file for this run, if it is free and writable.
    pub fn claim(state: Option<PathBuf>) -> Keeper {
        let (mut busy, mut in_progress, mut why_not) = (false, None, None);
        match state.as_deref().map(|folder| (folder, lock(folder))) {
            None => why_not = Some("there is no state folder (HOME is not set)".to_string()),
            Some((folder, Ok(Some(lock)))) => {
                in_progress = Some((store::in_progress_file(folder), lock));
            }
            Some((_, Ok(None))) => {
                busy = true;
                why_not = Some("another `ctopath assess` is running with it".to_string());
            }
            Some((_, Err(error))) => why_not = Some(format!("{error:#}")),
        }
        Keeper {
            busy,
            state,
            in_progress,
            why_not,
            fallback: None,
            last: None,
            told: false,
        }
    }

    /// The answers of an unfinished run that this run may offer to resume.
    pub fn resumable(&self) -> Option<&Path> {
        self.in_progress.as_ref().map(|(file, _)| file.as_path())
    }

    /// Why the state folder does not keep this run's answers, to say before the first question.
    pub fn note(&self) -> Option<String> {
        let why = self.why_not.as_deref()?;
        let busy = if self.busy {
            "; this run starts afresh and leaves that run's answers alone"
        } else {
            ""
        };
        Some(format!(
            "note: answers in progress cannot be kept in {}: {why}{busy}",
            self.place()
        ))
    }

    /// Keeps `json`, the answers so far. Returns what to tell the person the first time they go
    /// somewhere other than the state folder.
    pub fn keep(&mut self, json: String) -> Option<String> {
        if self.why_not.is_none()
            && let Some((file, _)) = &self.in_progress
        {
            match store::write_atomic(file, &json, true) {
                Ok(()) => {
                    self.last = Some(json);
                    return None;
                }
                Err(error) => self.why_not = Some(format!("{error:#}")),
            }
        }
        let kept = self.keep_elsewhere(&json);
        self.last = Some(json);
        if std::mem::replace(&mut self.told, true) {
            return None;
        }
        Some(match kept {
            Ok(fallback) => format!(
                "note: your answers go to {} as they are given",
                fallback.display()
            ),
            Err(error) => format!("warning: your answers cannot be kept anywhere: {error:#}"),
        })
    }

    fn keep_elsewhere(&mut self, json: &str) -> Result<PathBuf> {
        let fallback = match &self.fallback {
            Some(fallback) => fallback.clone(),
            None => {
                let (_, path) = tempfile::Builder::new()
                    .prefix("ctopath-answers-")
                    .suffix(".json")
                    .tempfile()
                    .context("cannot create a file in the temporary folder")?
                    .keep()
                    .context("cannot keep a file in the temporary folder")?;
                self.fallback = Some(path.clone());
                path
            }
        };
        store::write_atomic(&fallback, json, true)?;
        Ok(fallback)
    }

    /// What was and was not kept, to say when the person stops with Ctrl-C.
    pub fn stopped(&self) -> String {
        let Some(json) = &self.last else {
            // Only a regular file is ever read back: a link to a device or a pipe keeps nothing.
            let kept = |file: &std::path::Path| std::fs::metadata(file).is_ok_and(|m| m.is_file());
            return match self.resumable() {
                Some(file) if kept(file) => format!(
                    "stopped: the answers kept in {} are offered the next time you run `ctopath assess`",
                    file.display()
                ),
                _ => "stopped before the first answer; nothing to keep".to_string(),
            };
        };
        let why = self.why_not.as_deref().unwrap_or("unknown");
        match (self.resumable(), &self.fallback) {
            (Some(file), _) if self.why_not.is_none() => format!(
                "stopped: your answers so far are kept in {}; run the same command again to carry on",
                file.display()
            ),
            (_, Some(fallback)) if fallback.exists() => {
                let fallback = fallback.display();
                format!(
                    "stopped: your answers so far could not be kept in {} ({why}); they are in \
                     {fallback}: `ctopath assess --answers {fallback}` scores them, the questions \
                     not answered taking their defaults",
                    self.place()
                )
            }
            _ => format!(
                "stopped: your answers so far could not be kept ({why}); here they are, for \
                 `ctopath assess --answers -`:\n{json}"
            ),
        }
    }

    /// The questionnaire is done: `answers` (the finished answers file) go to `last-answers.json`,
    /// and this run's answers in progress are removed. Another run's are never touched.
    pub fn finish(self, answers: &str) -> Finished {
        let last = self.state.as_deref().map(store::last_answers_file);
        let written = last
            .as_deref()
            .is_some_and(|last| store::write_atomic(last, answers, true).is_ok());
        if let Some((file, _lock)) = &self.in_progress {
            let _ = std::fs::remove_file(file);
        }
        match (written, last, self.fallback) {
            (true, Some(last), fallback) => {
                if let Some(fallback) = fallback {
                    let _ = std::fs::remove_file(fallback);
                }
                Finished::Last(last)
            }
            (_, _, Some(fallback)) if store::write_atomic(&fallback, answers, true).is_ok() => {
                Finished::Fallback(fallback)
            }
            _ => Finished::Nowhere,
        }
    }

    fn place(&self) -> String {
        self.state.as_deref().map_or_else(
            || "the state folder".to_string(),
            |state| state.display().to_string(),
        )
    }
}

/// The lock on the state folder's answers in progress: `None` if another run holds it.
fn lock(state: &Path) -> Result<Option<File>> {
    if state.exists() && !state.is_dir() {
        anyhow::bail!(
            "it is a file, not a folder; move it away so that ctopath can keep answers there"
        );
    }
    std::fs::create_dir_all(state)
        .with_context(|| format!("cannot create the folder {}", state.display()))?;
    let path = state.join("in-progress.lock");
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    // A FIFO put in its place must not block the open.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    if !file.metadata().is_ok_and(|meta| meta.is_file()) {
        anyhow::bail!("{} is not a regular file", path.display());
    }
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(error)) => {
            Err(error).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_run_at_a_time_holds_the_answers_in_progress_until_it_ends() {
        let dir = tempfile::tempdir().unwrap();
        let claim = || Keeper::claim(Some(dir.path().to_path_buf()));
        let first = claim();
        assert!(first.resumable().is_some());
        assert_eq!(first.note(), None);
        let second = claim();
        assert_eq!(second.resumable(), None);
        assert!(second.note().unwrap().contains("another `ctopath assess`"));
        drop(first);
        assert!(claim().resumable().is_some());
    }

    #[test]
    fn a_file_in_place_of_the_state_folder_is_named_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("ctopath");
        std::fs::write(&state, "mine").unwrap();
        let keeper = Keeper::claim(Some(state.clone()));
        assert_eq!(keeper.resumable(), None);
        assert!(keeper.note().unwrap().contains("is a file, not a folder"));
        assert_eq!(std::fs::read_to_string(state).unwrap(), "mine");
    }
}
