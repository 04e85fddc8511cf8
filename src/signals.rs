//! What a signal does to files being written. Once a temporary file is registered here,
//! SIGINT, SIGTERM and SIGHUP delete every registered file, then end the program as the signal
//! would have. The questionnaire claims SIGINT for itself: its prompt turns Ctrl-C into an
//! `Interrupted` error, which keeps the answers given so far. A progress bar drawn on standard
//! error is erased before a signal ends the program.
//!
//! One watcher for the whole process, as a signal has only one handler.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once};

/// The temporary files to delete if a signal ends the program.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set once the questionnaire has started: SIGINT is then its own, and ends nothing.
static PROMPTING: AtomicBool = AtomicBool::new(false);
static WATCH: Once = Once::new();
/// Set while a progress bar is drawn on standard error: a signal that ends the program erases
/// it first, as the end of a stream does, rather than leave it in front of the shell's prompt.
static BAR_SHOWN: AtomicBool = AtomicBool::new(false);

/// A registered file: deleted on a signal until this is dropped.
pub struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        pending().retain(|path| *path != self.0);
    }
}

/// Runs `create`, which makes a file at the path `path_of` gives, and registers that file.
/// Both happen under the lock the watcher takes, so a signal cannot fall between them.
pub fn register<T>(
    create: impl FnOnce() -> io::Result<T>,
    path_of: impl FnOnce(&T) -> &Path,
) -> io::Result<(T, Registered)> {
    watch();
    let mut pending = pending();
    let created = create()?;
    let path = path_of(&created).to_path_buf();
    pending.push(path.clone());
    Ok((created, Registered(path)))
}

/// From now on SIGINT belongs to the questionnaire's prompt, which stops with an error the
/// program reports itself. It stays so for the rest of the run: the prompt's SIGINT may reach
/// the watcher only after the questionnaire has returned.
pub fn questionnaire_handles_sigint() {
    PROMPTING.store(true, Ordering::SeqCst);
    watch();
}

/// Says whether a progress bar is drawn on standard error now (`progress::Progress`).
pub fn progress_bar_shown(shown: bool) {
    BAR_SHOWN.store(shown, Ordering::SeqCst);
    if shown {
        watch();
    }
}

/// Erases the progress bar, if one is drawn, before a signal ends the program.
fn erase_bar() {
    if BAR_SHOWN.load(Ordering::SeqCst) {
        let _ = dialoguer::console::Term::stderr().clear_line();
    }
}

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the list was held leaves it as good as it was.
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Deletes every registered file; the lock stays held so no new one is registered after.
fn delete_pending() -> MutexGuard<'static, Vec<PathBuf>> {
    let pending = pending();
    for path in pending.iter() {
        let _ = std::fs::remove_file(path);
    }
    pending
}

#[cfg(unix)]
fn watch() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    WATCH.call_once(|| {
        let ignored = ignored_at_start();
        let watched = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter(|&signal| ignored & (1 << (signal - 1)) == 0);
        let Ok(mut signals) = signal_hook::iterator::Signals::new(watched) else {
            // Without a watcher, signals end the program as before; only leftovers are left.
            return;
        };
        std::thread::spawn(move || {
            for signal in signals.forever() {
                if signal == SIGINT && PROMPTING.load(Ordering::SeqCst) {
                    continue;
                }
                let _held = delete_pending();
                erase_bar();
                if PROMPTING.load(Ordering::SeqCst) {
                    let _ = dialoguer::console::Term::stderr().show_cursor();
                }
                // Ends the program as the signal would have, so the caller sees it was one.
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

/// The signals the program was started with ignored, as a mask (bit n-1 for signal n): `nohup`
/// ignores SIGHUP, a script's `command &` SIGINT. Watching one would make it end the program,
/// so they stay ignored. Linux tells in /proc; elsewhere none is taken as ignored.
#[cfg(unix)]
fn ignored_at_start() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let mask = status
                .lines()
                .find_map(|line| line.strip_prefix("SigIgn:"))?;
            u64::from_str_radix(mask.trim(), 16).ok()
        })
        .unwrap_or(0)
}

#[cfg(not(unix))]
fn watch() {
    WATCH.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if PROMPTING.load(Ordering::SeqCst) {
                return;
            }
            let _held = delete_pending();
            erase_bar();
            std::process::exit(130);
        });
    });
}
