//! One module per subcommand; each takes the parsed arguments and does the work.

pub mod assess;
pub mod compare;
pub mod completions;
pub mod decide;
pub mod history;
pub mod paths;
pub mod plan;
pub mod portfolio;
pub mod questions;
pub mod review;
pub mod schema;
mod stream;
pub mod validate;

use crate::UsageError;
use crate::catalogue::{self, Origin};
use crate::model::Answers;
use crate::model::Catalogue;
use anyhow::Context;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

fn load_catalogue(origins: &[Origin]) -> anyhow::Result<Catalogue> {
    Ok(catalogue::load(origins)?.catalogue)
}

/// The catalogue to rank paths from: a path still as `paths new` wrote it is left out, with a
/// warning on standard error that says so.
fn load_for_ranking(origins: &[Origin]) -> anyhow::Result<Catalogue> {
    let (catalogue, left_out) = catalogue::load(origins)?.for_ranking();
    for warning in left_out {
        let text = warning.to_string();
        eprintln!(
            "{}",
            crate::for_stderr("warning: ", &crate::text::sanitize(&text))
        );
    }
    if catalogue.paths.is_empty() {
        let why = if origins.contains(&Origin::BuiltIn) {
            "every path is left out (the warnings above say why)"
        } else {
            "`--no-builtin` leaves the built-in paths out, and the folders read hold none"
        };
        anyhow::bail!(
            "no path to rank: {why}; `ctopath {}paths list` lists the catalogue",
            catalogue::flags(origins)
        );
    }
    Ok(catalogue)
}

/// Runs `print` against buffered standard output and flushes it, so that a write error (such as
/// a closed pipe) is seen and reported rather than lost.
fn print(print: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    let mut out = BufWriter::new(stdout()?);
    print(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Standard output, or an error when it was closed before ctopath started (`>&-`).
fn stdout() -> anyhow::Result<std::io::StdoutLock<'static>> {
    if stdout_was_closed() {
        anyhow::bail!(
            "standard output is closed, so the results would be lost; send them somewhere (`> FILE`, or `> /dev/null` to discard them)"
        );
    }
    Ok(std::io::stdout().lock())
}

/// Rust puts `/dev/null`, opened for reading and writing, in place of a standard output that was
/// closed when the program started, and writes to it then vanish without an error. A shell's
/// `> /dev/null` opens it for writing only, so the two are told apart by the access mode. Two
/// system calls on the descriptor itself: this runs before every result is written.
#[cfg(target_os = "linux")]
fn stdout_was_closed() -> bool {
    use rustix::fs::{FileType, OFlags, fcntl_getfl, fstat, major, minor};
    let out = std::io::stdout();
    // /dev/null is the character device 1:3 on Linux.
    let is_null = fstat(&out).is_ok_and(|stat| {
        FileType::from_raw_mode(stat.st_mode) == FileType::CharacterDevice
            && (major(stat.st_rdev), minor(stat.st_rdev)) == (1, 3)
    });
    is_null && fcntl_getfl(&out).is_ok_and(|flags| flags & OFlags::ACCMODE == OFlags::RDWR)
}

#[cfg(not(target_os = "linux"))]
fn stdout_was_closed() -> bool {
    false
}

/// One person's answers are a few hundred bytes; more than this is refused unread.
const MAX_ANSWERS_BYTES: u64 = 1024 * 1024;

/// The answers to read, the name to show in errors and, for a regular file, its size; `-` is
/// standard input. A named pipe is read like a file (`--answers <(produce-answers)` is one).
fn open_answers(path: &Path) -> anyhow::Result<(Box<dyn Read>, String, Option<u64>)> {
    if path.as_os_str() == "-" {
        return Ok((
            Box::new(std::io::stdin().lock()),
            "<stdin>".to_string(),
            None,
        ));
    }
    let name = path.display().to_string();
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot read the answers file {name}"))?;
    let metadata = file
        .metadata()
        .with_context(|| format!("cannot read the answers file {name}"))?;
    if metadata.is_dir() {
        anyhow::bail!(
            "{name} is a folder; --answers takes a file of answers (or - for standard input)"
        );
    }
    let size = metadata.is_file().then_some(metadata.len());
    Ok((Box::new(file), name, size))
}

/// The answers text and the name to show in errors; `-` reads standard input.
fn read_answers(path: &Path) -> anyhow::Result<(String, String)> {
    let (input, name, _) = open_answers(path)?;
    Ok((read_capped(input, &name)?, name))
}

/// Answers ctopath kept itself (in progress, last finished): `None` if there are none. They must
/// be a regular file: a FIFO or a device put in their place is refused without blocking or
/// reading it.
fn read_kept_answers(path: &Path) -> anyhow::Result<Option<String>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = match options.open(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        opened => opened.with_context(|| format!("cannot read {}", path.display()))?,
    };
    let name = path.display().to_string();
    if !file.metadata().is_ok_and(|meta| meta.is_file()) {
        anyhow::bail!("{name} is not a regular file; ctopath keeps answers there, so remove it");
    }
    read_capped(file, &name).map(Some)
}

/// At most `MAX_ANSWERS_BYTES` of UTF-8 text, without a byte-order mark.
fn read_capped(input: impl Read, name: &str) -> anyhow::Result<String> {
    // Room for any usual answers file at once: `take` hides the file's size from
    // `read_to_end`, which would otherwise start at 32 bytes and double, a read each time.
    let mut bytes = Vec::with_capacity(8 * 1024);
    input
        .take(MAX_ANSWERS_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read the answers from {name}"))?;
    if bytes.len() as u64 > MAX_ANSWERS_BYTES {
        anyhow::bail!(
            "{name} is larger than {} KiB; one person's answers are a few hundred bytes (for many people, use --format ndjson)",
            MAX_ANSWERS_BYTES / 1024
        );
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        anyhow::anyhow!(
            "{name} is not UTF-8 text (byte {} is not); save it as UTF-8",
            error.utf8_error().valid_up_to() + 1
        )
    })?;
    // A byte-order mark, which some editors put at the start of a file, is not content.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The answers for `compare` and `plan`: from `--answers`, or else those of the last finished
/// questionnaire, which is said on standard error.
fn given_or_last_answers(given: Option<&Path>, catalogue: &Catalogue) -> anyhow::Result<Answers> {
    let (text, name) = match given {
        Some(file) => read_answers(file)?,
        None => {
            let last =
                crate::store::state_dir().map(|state| crate::store::last_answers_file(&state));
            let kept = match &last {
                Some(file) => read_kept_answers(file)?.map(|text| (text, file)),
                None => None,
            };
            let Some((text, file)) = kept else {
                return Err(UsageError(
                    "no answers: pass --answers FILE (or -), or answer the questionnaire first with `ctopath assess`"
                        .to_string(),
                )
                .into());
            };
            let name = file.display().to_string();
            eprintln!("Using the answers of your last questionnaire, {name}.");
            (text, name)
        }
    };
    Ok(crate::answers::parse(&text, &name, catalogue)?)
}
