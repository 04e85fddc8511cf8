//! Files ctopath writes: `--save`, `--output`, `paths new`, and the questionnaire's state.
//!
//! Every write is atomic: the bytes go to a temporary file in the target's folder, named
//! `.ctopath-<pid>-<random>.partial`, which is synced and renamed into place, so a crash never
//! leaves half a file. A signal deletes the temporary file (see `signals`); a leftover from a
//! program killed outright is deleted by the next write in that folder.
//!
//! Only regular files are ever replaced, and only when asked: a folder, a symbolic link, a FIFO
//! or a device at the target is refused, and checked again just before the rename.

use crate::signals;
use anyhow::{Context, Result};
use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What to do when something already sits at the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Never replace, and say so: the command has no `--force` (`paths new`).
    Refuse,
    /// Do not replace, and say that `--force` would.
    SuggestForce,
    /// Replace a regular file (`--force`); anything else is still refused.
    Replace,
}

impl Existing {
    /// What `--force` asks for, on a command that has it.
    pub fn forced(force: bool) -> Existing {
        if force {
            Existing::Replace
        } else {
            Existing::SuggestForce
        }
    }
}

/// What to do when a target's folder does not exist yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// Make it: `paths new` starts the user's own paths folder.
    Make,
    /// Refuse: a folder misspelt in `--output` or `--save` must not become a new folder.
    MustExist,
}

/// Who may read a written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Like any file the user makes: a new one gets 0666 less the umask, a replaced one keeps
    /// its mode, owner and group (as far as this user may set them).
    Shared,
    /// Only the user (0600), whatever the umask: the questionnaire's answers are personal.
    Private,
}

/// Why a target is refused, or why the results went elsewhere.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error("{0} is a folder; name a file to write")]
    Folder(String),
    #[error("{0} exists; pass --force to replace it, or choose another file")]
    Exists(String),
    #[error("{0} exists already; edit it, or remove it to start again")]
    ExistsForGood(String),
    #[error(
        "{path} is a symbolic link to {to}{dangling}; ctopath replaces only regular files, \
         never a link: remove the link, or choose another file"
    )]
    Link {
        path: String,
        to: String,
        dangling: &'static str,
    },
    #[error(
        "{path} is a {kind}, not a regular file; ctopath replaces only regular files: choose another file"
    )]
    Special { path: String, kind: &'static str },
    #[error("cannot write {path}: {folder} is not a folder; choose a file in a folder")]
    NotAFolder { path: String, folder: String },
    #[error(
        "cannot write {path}: the folder {folder} does not exist; create it first \
         (mkdir -p {folder}), or choose a file in a folder that does"
    )]
    NoFolder { path: String, folder: String },
    #[error("{path} appeared while writing; the results are in {kept}")]
    Appeared { path: String, kept: String },
    #[error(
        "{path} became a {kind} while writing and was left as it is; the results are in {kept}"
    )]
    Changed {
        path: String,
        kind: &'static str,
        kept: String,
    },
}

/// Fails unless `path` can be written, before any work is done: nothing that `existing` forbids
/// replacing sits there, and its folder takes a new file; a folder that does not exist is made
/// later if `missing` allows (then the nearest one that exists must take it), refused if not.
pub fn check_target(path: &Path, existing: Existing, missing: Folder) -> Result<()> {
    refuse_existing(path, existing)?;
    let folder = nearest_folder(path)?;
    let own = folder_of(path);
    if missing == Folder::MustExist && folder != own {
        return Err(TargetError::NoFolder {
            path: path.display().to_string(),
            folder: crate::text::shell_word(&own.display().to_string()),
        }
        .into());
    }
    // Permission bits do not tell (root, read-only mounts, ACLs): only a file made there does.
    drop(Temporary::create(&folder, Access::Private).with_context(|| cannot_write_in(&folder))?);
    Ok(())
}

/// Whether two targets are the same file: `x`, `./x` and `link-to-here/x` are.
pub fn same_target(a: &Path, b: &Path) -> bool {
    identity(a) == identity(b)
}

/// Writes `contents` to `path` atomically.
pub fn write(path: &Path, contents: &str, existing: Existing, access: Access) -> Result<()> {
    let mut file = AtomicFile::create(path, existing, access)?;
    file.write_all(contents.as_bytes())?;
    file.finish()
}

/// A file written in full or not at all: the bytes go to a temporary file in the same folder,
/// which `finish` syncs and renames into place. Dropped unfinished, it leaves nothing behind.
pub struct AtomicFile {
    // Fields drop in this order: the file is closed before its temporary path is deleted.
    out: io::BufWriter<File>,
    temporary: Temporary,
    path: PathBuf,
    existing: Existing,
    access: Access,
}

impl AtomicFile {
    /// Starts writing `path`, creating its folder if need be.
    pub fn create(path: &Path, existing: Existing, access: Access) -> Result<AtomicFile> {
        refuse_existing(path, existing)?;
        let dir = folder_of(path);
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        remove_leftovers(dir);
        let (file, temporary) =
            Temporary::create(dir, access).with_context(|| cannot_write_in(dir))?;
        Ok(AtomicFile {
            out: io::BufWriter::with_capacity(1 << 16, file),
            temporary,
            path: path.to_path_buf(),
            existing,
            access,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the file in place. What sits at the target is looked at again first, as it may
    /// have changed since `create`: results that cannot go there are kept beside it, under a
    /// name that replaces nothing.
    pub fn finish(self) -> Result<()> {
        let AtomicFile {
            out,
            temporary,
            path,
            existing,
            access,
        } = self;
        let shown = path.display().to_string();
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_all().map(|()| file))
            .with_context(|| format!("cannot write {shown}"))?;
        match std::fs::symlink_metadata(&path) {
            Ok(now) if now.is_file() && existing == Existing::Replace => {
                if access == Access::Shared {
                    keep_owner_and_mode(&file, &now);
                }
            }
            Ok(now) if now.is_file() => {
                let kept = temporary.keep_beside(&path)?;
                return Err(TargetError::Appeared { path: shown, kept }.into());
            }
            Ok(now) => {
                let kind = kind_of(&now);
                let kept = temporary.keep_beside(&path)?;
                return Err(TargetError::Changed {
                    path: shown,
                    kind,
                    kept,
                }
                .into());
            }
            Err(_) => {}
        }
        // Without --force the rename itself refuses to replace anything. With it, something
        // that takes the target's place between that look and the rename is replaced whatever
        // it is: a plain rename cannot be told to replace regular files only. The gap is the
        // time of one system call.
        let persisted = if existing == Existing::Replace {
            temporary.path.persist(&path)
        } else {
            temporary.path.persist_noclobber(&path)
        };
        match persisted {
            Ok(()) => Ok(()),
            Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => {
                let temporary = Temporary {
                    path: error.path,
                    _registered: temporary._registered,
                };
                let kept = temporary.keep_beside(&path)?;
                Err(TargetError::Appeared { path: shown, kept }.into())
            }
            Err(error) => Err(error.error).with_context(|| format!("cannot write {shown}")),
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.out.write(bytes);
        written.map_err(|error| self.error(error))
    }

    fn flush(&mut self) -> io::Result<()> {
        let flushed = self.out.flush();
        flushed.map_err(|error| self.error(error))
    }
}

impl AtomicFile {
    /// An error that names the file asked for, not the temporary one it is written through.
    fn error(&self, error: io::Error) -> io::Error {
        io::Error::new(
            error.kind(),
            format!("cannot write {}: {error}", self.path.display()),
        )
    }
}

/// What temporary files start and end with, so that a leftover is known for one.
const PARTIAL_PREFIX: &str = ".ctopath-";
const PARTIAL_SUFFIX: &str = ".partial";

/// A temporary file being written: deleted when dropped, or when a signal ends the program.
struct Temporary {
    path: tempfile::TempPath,
    _registered: signals::Registered,
}

impl Temporary {
    /// Creates `.ctopath-<pid>-<random>.partial` in `dir`, locked while this process has it open.
    fn create(dir: &Path, access: Access) -> io::Result<(File, Temporary)> {
        let prefix = format!("{PARTIAL_PREFIX}{}-", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(PARTIAL_SUFFIX).rand_bytes(6);
        // Opened here rather than by tempfile, whose errors name the temporary file.
        let open = |path: &Path| {
            let mut options = File::options();
            options.write(true).create_new(true);
            // The kernel takes the umask off the mode a file is created with.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(
                &mut options,
                match access {
                    Access::Shared => 0o666,
                    Access::Private => 0o600,
                },
            );
            options.open(path)
        };
        #[cfg(not(unix))]
        let _ = access;
        let (named, registered) =
            signals::register(|| builder.make_in(dir, open), |file| file.path())?;
        let (file, path) = named.into_parts();
        // The lock tells another ctopath that this file is still being written (see
        // `remove_leftovers`); where locks are not supported, leftovers are simply kept.
        let _ = file.lock();
        Ok((
            file,
            Temporary {
                path,
                _registered: registered,
            },
        ))
    }

    /// Renames the file to `<stem>.ctopath-<n>.<extension>` beside `target`, with the first n
    /// that replaces nothing, and returns that name for a message.
    fn keep_beside(self, target: &Path) -> Result<String> {
        let Temporary {
            mut path,
            _registered,
        } = self;
        let stem = target.file_stem().unwrap_or_default().to_string_lossy();
        let extension = target
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_default();
        for n in 1..=1000 {
            let kept = target.with_file_name(format!("{stem}.ctopath-{n}{extension}"));
            match path.persist_noclobber(&kept) {
                Ok(()) => return Ok(kept.display().to_string()),
                Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => {
                    path = error.path;
                }
                Err(error) => {
                    return Err(error.error).with_context(|| {
                        format!(
                            "{} changed while writing, and the results could not be kept beside it",
                            target.display()
                        )
                    });
                }
            }
        }
        anyhow::bail!(
            "{} changed while writing, and a thousand names beside it are taken; the results are lost",
            target.display()
        )
    }
}

/// Deletes the temporary files that programs killed outright (`kill -9`, a power cut) left in
/// `dir`. A file is a leftover when the process named in it no longer runs here and nothing
/// holds its lock: the lock guards against a writer on another machine or in another process
/// namespace sharing the folder, the process against one that has just created its file and
/// not locked it yet.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(partial_owner) else {
            continue;
        };
        if pid == std::process::id() || is_running(pid) {
            continue;
        }
        let path = entry.path();
        // Only regular files are opened: opening a FIFO would wait for a writer (and should one
        // be swapped in after the look, the open does not wait).
        let mut options = File::options();
        options.read(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
            && let Ok(file) = options.open(&path)
            && file.try_lock().is_ok()
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The process that made a temporary file named `.ctopath-<pid>-<random>.partial`.
fn partial_owner(name: &str) -> Option<u32> {
    let middle = name
        .strip_prefix(PARTIAL_PREFIX)?
        .strip_suffix(PARTIAL_SUFFIX)?;
    let (pid, random) = middle.split_once('-')?;
    (random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| pid.parse().ok())
        .flatten()
}

#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // Signal 0 only asks: "no such process" is the one answer that means gone.
    rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
}

/// Elsewhere the lock alone tells.
#[cfg(not(unix))]
fn is_running(_pid: u32) -> bool {
    false
}

/// Refuses what sits at `path` if `existing` does not allow replacing it.
fn refuse_existing(path: &Path, existing: Existing) -> Result<(), TargetError> {
    let Ok(metadata) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    let shown = path.display().to_string();
    let error = if metadata.is_dir() {
        TargetError::Folder(shown)
    } else if metadata.is_symlink() {
        let to = std::fs::read_link(path).unwrap_or_default();
        let dangling = if path.exists() {
            ""
        } else {
            ", which does not exist"
        };
        TargetError::Link {
            path: shown,
            to: to.display().to_string(),
            dangling,
        }
    } else if !metadata.is_file() {
        TargetError::Special {
            path: shown,
            kind: kind_of(&metadata),
        }
    } else {
        match existing {
            Existing::Replace => return Ok(()),
            Existing::SuggestForce => TargetError::Exists(shown),
            Existing::Refuse => TargetError::ExistsForGood(shown),
        }
    };
    Err(error)
}

/// What a file that is not a regular one is, in words.
fn kind_of(metadata: &Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "folder";
    }
    if kind.is_symlink() {
        return "symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "device";
        }
        if kind.is_socket() {
            return "socket";
        }
    }
    "special file"
}

/// The folder a file goes in: its parent, or the current folder for a bare name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The folder of `path`, or its nearest ancestor that exists (`create` makes the rest).
fn nearest_folder(path: &Path) -> Result<PathBuf> {
    for folder in folder_of(path).ancestors() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        match std::fs::metadata(folder) {
            Ok(metadata) if metadata.is_dir() => return Ok(folder.to_path_buf()),
            Ok(_) => {
                return Err(TargetError::NotAFolder {
                    path: path.display().to_string(),
                    folder: folder.display().to_string(),
                }
                .into());
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error).with_context(|| cannot_write_in(folder)),
        }
    }
    Ok(PathBuf::from("."))
}

/// `path` with its nearest existing folder resolved (symbolic links, `.` and `..`), so that
/// two spellings of one target compare equal.
fn identity(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut folder = absolute.as_path();
    loop {
        if let Ok(real) = folder.canonicalize() {
            return rest.iter().rev().fold(real, |path, part| path.join(part));
        }
        match (folder.parent(), folder.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                folder = parent;
            }
            _ => return absolute,
        }
    }
}

fn cannot_write_in(folder: &Path) -> String {
    format!(
        "cannot write in the folder {}; choose a folder you can write to",
        folder.display()
    )
}

/// A replaced file keeps who owns it and who may read it; special bits are not carried over
/// to new contents. Where this user may not set them, the new file keeps its own.
#[cfg(unix)]
fn keep_owner_and_mode(file: &File, old: &Metadata) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
    // Owner first: changing it clears the set-id bits a mode would have set.
    if fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = fchown(file, None, Some(old.gid()));
    }
    let _ = file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o777));
}

#[cfg(not(unix))]
fn keep_owner_and_mode(_file: &File, _old: &Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn never_replaces_a_file_unless_told_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.json");
        write(&path, "first", Existing::SuggestForce, Access::Shared).unwrap();
        let refused = write(&path, "second", Existing::SuggestForce, Access::Shared).unwrap_err();
        assert!(refused.to_string().contains("--force"), "{refused}");
        let refused = write(&path, "second", Existing::Refuse, Access::Shared).unwrap_err();
        assert!(!refused.to_string().contains("--force"), "{refused}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        write(&path, "third", Existing::Replace, Access::Shared).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "third");
        // No temporary file is left behind.
        assert_eq!(names(dir.path()), ["answers.json"]);
    }

    #[test]
    fn creates_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/answers.json");
        check_target(&path, Existing::SuggestForce, Folder::Make).unwrap();
        assert_eq!(
            names(dir.path()),
            Vec::<String>::new(),
            "checking makes nothing"
        );
        write(&path, "{}", Existing::SuggestForce, Access::Shared).unwrap();
        assert_eq!(std::fs::read_to_string(path).unwrap(), "{}");
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_the_users_alone_even_when_replacing() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write(&path, "new", Existing::Replace, Access::Private).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_temporary_file_is_known_by_its_name() {
        assert_eq!(partial_owner(".ctopath-4242-aZ09xy.partial"), Some(4242));
        for name in [
            ".ctopath-4242-aZ09x.partial",
            ".ctopath-4242-aZ09xy.partia",
            "ctopath-4242-aZ09xy.partial",
            ".ctopath-me-aZ09xy.partial",
            ".ctopath-4242-aZ-9xy.partial",
            "report.ctopath-1.json",
        ] {
            assert_eq!(partial_owner(name), None, "{name}");
        }
    }

    #[test]
    fn leftovers_go_only_when_their_process_is_gone_and_nobody_holds_them() {
        let dir = tempfile::tempdir().unwrap();
        // A process that cannot be running: above the most ids Linux hands out (2^22). A child
        // waited for would do, but its id can be handed on to a process started by a test
        // running beside this one.
        let gone = (1u32 << 22) + 1;
        let touch = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, "partial results").unwrap();
            path
        };
        touch(&format!(".ctopath-{gone}-aaaaaa.partial"));
        // This process runs: its file stays.
        touch(&format!(".ctopath-{}-bbbbbb.partial", std::process::id()));
        // A writer elsewhere holds the lock: its file stays although its process is not here.
        let locked = touch(&format!(".ctopath-{gone}-cccccc.partial"));
        let held = File::open(&locked).unwrap();
        held.lock().unwrap();
        // Not a temporary file of ctopath's.
        touch(&format!(".ctopath-{gone}-dddddd.partial.bak"));
        // Named like one, but a FIFO: never opened, which would wait for a writer.
        #[cfg(unix)]
        {
            let fifo = dir.path().join(format!(".ctopath-{gone}-eeeeee.partial"));
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            assert!(made.unwrap().success());
        }
        remove_leftovers(dir.path());
        // Sorted as `names` sorts them: where this process's file falls depends on its id.
        let mut kept = vec![
            format!(".ctopath-{}-bbbbbb.partial", std::process::id()),
            format!(".ctopath-{gone}-cccccc.partial"),
            format!(".ctopath-{gone}-dddddd.partial.bak"),
            #[cfg(unix)]
            format!(".ctopath-{gone}-eeeeee.partial"),
        ];
        kept.sort();
        assert_eq!(names(dir.path()), kept);
        drop(held);
    }

    #[test]
    fn results_kept_beside_a_target_replace_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.html");
        std::fs::write(dir.path().join("report.ctopath-1.html"), "earlier").unwrap();
        let (mut file, temporary) = Temporary::create(dir.path(), Access::Shared).unwrap();
        file.write_all(b"results").unwrap();
        let kept = temporary.keep_beside(&target).unwrap();
        assert_eq!(
            kept,
            dir.path()
                .join("report.ctopath-2.html")
                .display()
                .to_string()
        );
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "results");
        let earlier = dir.path().join("report.ctopath-1.html");
        assert_eq!(std::fs::read_to_string(earlier).unwrap(), "earlier");
    }

    #[test]
    fn two_spellings_of_one_target_are_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("real")).unwrap();
        assert!(same_target(&d.join("real/x"), &d.join("real/./x")));
        assert!(same_target(
            &d.join("real/new/x"),
            &d.join("real/../real/new/x")
        ));
        assert!(!same_target(&d.join("real/x"), &d.join("real/y")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("real", d.join("link")).unwrap();
            assert!(same_target(&d.join("real/x"), &d.join("link/x")));
        }
    }
}
