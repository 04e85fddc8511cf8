//! Where catalogue files come from: the built-in files compiled into ctopath, and the YAML files
//! of a folder, each read with care (no pipes, no devices, no huge files, UTF-8 only).

use super::Origin;
use super::file::{Problem, Source};
use super::yaml::MAX_FILE_BYTES;
use std::path::Path;

/// What the build script made of `paths/`: the files' text, and the checked catalogue.
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_catalogue.rs"));
}

pub use builtin::{FILES as BUILTIN_FILES, catalogue as builtin_catalogue};

/// The built-in files, as text, for loading them from YAML after all.
pub fn builtin_sources() -> Vec<Source> {
    builtin::FILES
        .iter()
        .map(|(name, text)| builtin_source(name, text))
        .collect()
}

/// One built-in file, named as the user sees it (`built-in:founder.yaml`).
pub fn builtin_source(name: &str, text: &'static str) -> Source {
    Source {
        display: format!("built-in:{name}"),
        file_name: name.to_string(),
        text: crate::model::Text::Borrowed(text),
        origin: Origin::BuiltIn.label(),
    }
}

pub fn folder_sources(
    dir: &Path,
    origin: &'static str,
    problems: &mut Vec<Problem>,
) -> Vec<Source> {
    let mut problem = |file: &Path, message: String, position: Option<(u64, u64)>| {
        problems.push(Problem {
            file: file.display().to_string(),
            position,
            message,
            hint: None,
        });
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problem(
                dir,
                format!(
                    "cannot read this folder: {error}; check the --paths and CTOPATH_PATHS folders"
                ),
                None,
            );
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(error) => {
                problem(dir, format!("cannot list this folder: {error}"), None);
                continue;
            }
        };
        if path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml")
        {
            files.push(path);
        }
    }
    files.sort();
    let read = crate::parallel::map_in_order(&files, files.len() >= super::MANY_FILES, |path| {
        read_source(path, origin)
    });
    let mut sources = Vec::new();
    for (path, read) in files.iter().zip(read) {
        match read {
            Ok(Some(source)) => sources.push(source),
            // A sub-folder named `x.yaml` is not a path file.
            Ok(None) => {}
            Err((message, position)) => problem(path, message, position),
        }
    }
    sources
}

/// Why a file cannot be used: a message and, where there is one, a position.
type Unusable = (String, Option<(u64, u64)>);

/// One file of a folder as a source: `None` for a folder, or why it cannot be used.
fn read_source(path: &Path, origin: &'static str) -> Result<Option<Source>, Unusable> {
    let Some((file, size)) = open_file(path).map_err(|message| (message, None))? else {
        return Ok(None);
    };
    let text = read_capped(file, size)?;
    Ok(Some(Source {
        // Shown in tables, messages and JSON: a file name may hold anything.
        display: crate::text::sanitize(&path.display().to_string()).into_owned(),
        file_name: path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        text: text.into(),
        origin,
    }))
}

/// A file of a folder, opened to be read, and its size: `None` for a folder. Links to files are
/// followed; a link that leads nowhere, a named pipe or a device is a problem with the file,
/// never waited on or read, so that no path disappears without a word.
fn open_file(path: &Path) -> Result<Option<(std::fs::File, u64)>, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a named pipe waits for a writer; this way it opens at once, and is refused below.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let fix = "point it at a path file or remove it";
    let file = options.open(path).map_err(|error| {
        if error.kind() == std::io::ErrorKind::NotFound
            && let Ok(target) = std::fs::read_link(path)
        {
            format!(
                "a link to {}, which does not exist; {fix}",
                target.display()
            )
        } else if is_link_loop(&error) {
            format!("a link in a loop of links, which leads nowhere; {fix}")
        } else {
            format!("cannot read: {error}")
        }
    })?;
    let metadata = file
        .metadata()
        .map_err(|error| format!("cannot read: {error}"))?;
    let kind = metadata.file_type();
    if kind.is_dir() {
        return Ok(None);
    }
    if !kind.is_file() {
        return Err(format!(
            "not a regular file ({}); a path file is a YAML text file",
            special_kind(kind)
        ));
    }
    Ok(Some((file, metadata.len())))
}

#[cfg(unix)]
fn is_link_loop(error: &std::io::Error) -> bool {
    error.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_link_loop(_: &std::io::Error) -> bool {
    false
}

#[cfg(unix)]
fn special_kind(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a device"
    }
}

#[cfg(not(unix))]
fn special_kind(_: std::fs::FileType) -> &'static str {
    "a device"
}

/// The file's text, or why it cannot be used: a message and, where there is one, a position.
/// `size` is what the file said it holds: room for it, and a byte more, lets the text come in
/// one read and the end in a second (from nothing, the buffer grows by doubling from 32 bytes,
/// seven reads for a path file of 744 bytes, and a catalogue can have thousands).
fn read_capped(file: std::fs::File, size: u64) -> Result<String, Unusable> {
    use std::io::Read;
    let unreadable = |error: std::io::Error| (format!("cannot read: {error}"), None);
    let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES) as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let message = format!(
            "larger than {} KiB; a path file is a few KiB",
            MAX_FILE_BYTES / 1024
        );
        return Err((message, None));
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        (
            "not UTF-8 text; save the file as UTF-8".to_string(),
            Some((line as u64, column as u64)),
        )
    })
}
