//! Files ctopath writes: answers saved with `--save`, and the questionnaire's answers as they are
//! given, so that an interrupted run can be resumed. Every write is atomic: a temporary file in
//! the same folder, then a rename, so a crash never leaves half a file.

use anyhow::{Context, Result, bail};
use std::io::{self, Write};
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

/// Fails unless `path` can be written: it does not exist, or `force` allows replacing it.
pub fn check_writable(path: &Path, force: bool) -> Result<()> {
    if path.is_dir() {
        bail!("{} is a folder; name a file to write", path.display());
    }
    if !force && path.exists() {
        bail!(
            "{} exists; pass --force to replace it, or choose another file",
            path.display()
        );
    }
    Ok(())
}

/// Writes `contents` to `path` atomically. Without `replace`, an existing file is never touched.
pub fn write_atomic(path: &Path, contents: &str, replace: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(contents.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    let persisted = if replace {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => {
            bail!(
                "{} exists; pass --force to replace it, or choose another file",
                path.display()
            )
        }
        Err(error) => Err(error.error).with_context(|| format!("cannot write {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_replaces_a_file_unless_told_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.json");
        write_atomic(&path, "first", false).unwrap();
        let refused = write_atomic(&path, "second", false).unwrap_err();
        assert!(refused.to_string().contains("--force"), "{refused}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        write_atomic(&path, "third", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "third");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn creates_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/answers.json");
        write_atomic(&path, "{}", false).unwrap();
        assert_eq!(std::fs::read_to_string(path).unwrap(), "{}");
    }
}
