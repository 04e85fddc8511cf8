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
        return Err(exists(path));
    }
    Ok(())
}

fn exists(path: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "{} exists; pass --force to replace it, or choose another file",
        path.display()
    )
}

/// Writes `contents` to `path` atomically. Without `replace`, an existing file is never touched.
pub fn write_atomic(path: &Path, contents: &str, replace: bool) -> Result<()> {
    let mut file = AtomicFile::create(path, replace)?;
    file.write_all(contents.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.finish()
}

/// A file written in full or not at all: the bytes go to a temporary file in the same folder,
/// which `finish` syncs and renames into place. Dropped unfinished, it leaves nothing behind.
pub struct AtomicFile {
    file: io::BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
    replace: bool,
}

impl AtomicFile {
    /// Starts writing `path`, creating its folder if need be.
    pub fn create(path: &Path, replace: bool) -> Result<AtomicFile> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        let file = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        Ok(AtomicFile {
            file: io::BufWriter::with_capacity(1 << 16, file),
            path: path.to_path_buf(),
            replace,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the file in place; without `replace`, fails rather than replace an existing one.
    pub fn finish(self) -> Result<()> {
        let path = self.path;
        let file = self
            .file
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", path.display()))?;
        file.as_file()
            .sync_all()
            .with_context(|| format!("cannot write {}", path.display()))?;
        let persisted = if self.replace {
            file.persist(&path)
        } else {
            file.persist_noclobber(&path)
        };
        match persisted {
            Ok(_) => Ok(()),
            Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => Err(exists(&path)),
            Err(error) => {
                Err(error.error).with_context(|| format!("cannot write {}", path.display()))
            }
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.file.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
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
