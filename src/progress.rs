//! The one-line progress bar on standard error while a long stream is scored in a terminal.
//!
//! Written here rather than taken from indicatif: the bar needs a share done, a count and the
//! time taken, redrawn a few times a second, and indicatif's rate estimator alone linked the
//! maths library into every run of ctopath, a tenth of a hello-world's start-up time.

use dialoguer::console::Term;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// Redrawn at most this often: a terminal that is written to faster only flickers.
const REDRAW_EVERY: Duration = Duration::from_millis(250);
/// The bar's width in cells.
const BAR_CELLS: u64 = 40;
/// The spinner's frames, when the size of the input is not known (a pipe).
const SPINNER: [char; 8] = ['⠁', '⠂', '⠄', '⡀', '⢀', '⠠', '⠐', '⠈'];

pub struct Progress {
    /// Where the bar is drawn; none when standard error is not a terminal.
    term: Option<Term>,
    /// The input's size in bytes, if known.
    size: Option<u64>,
    started: Instant,
    drawn: Option<Instant>,
    frames: usize,
}

impl Progress {
    /// A bar on standard error if it is a terminal that can take one (`TERM` set and not
    /// `dumb`) and plain output was not asked for; a bar that draws nothing otherwise.
    pub fn stderr(size: Option<u64>, plain: bool) -> Progress {
        let drawn = !plain && std::io::stderr().is_terminal() && !dialoguer::console::is_dumb();
        Progress::new(drawn.then(Term::stderr), size)
    }

    /// A bar that draws nothing, for tests whose standard error may be a terminal.
    #[cfg(test)]
    pub fn hidden() -> Progress {
        Progress::new(None, None)
    }

    fn new(term: Option<Term>, size: Option<u64>) -> Progress {
        Progress {
            term,
            size,
            started: Instant::now(),
            drawn: None,
            frames: 0,
        }
    }

    /// `done` bytes of the input read, and `count` records written; drawn unless it was drawn
    /// a moment ago.
    pub fn update(&mut self, done: u64, count: usize) {
        let Some(term) = &self.term else {
            return;
        };
        let now = Instant::now();
        if self
            .drawn
            .is_some_and(|drawn| now.duration_since(drawn) < REDRAW_EVERY)
        {
            return;
        }
        if self.drawn.is_none() {
            crate::signals::progress_bar_shown(true);
        }
        self.drawn = Some(now);
        self.frames += 1;
        // One cell short of the width: a line that fills it would wrap, and `\r` would then
        // redraw only its last row.
        let columns = usize::from(term.size().1).saturating_sub(1);
        let line = line(
            self.size,
            (done, count),
            now.duration_since(self.started),
            self.frames,
            columns,
        );
        let shown: String = line.chars().take(columns).collect();
        // A bar that cannot be drawn is not worth stopping the stream for.
        let _ = term.clear_line().and_then(|()| term.write_str(&shown));
    }

    /// Erases the bar.
    pub fn finish_and_clear(&mut self) {
        if let Some(term) = self.term.take()
            && self.drawn.is_some()
        {
            let _ = term.clear_line();
            crate::signals::progress_bar_shown(false);
        }
    }
}

impl Drop for Progress {
    /// A stream that stops on an error leaves no bar in front of the error's message.
    fn drop(&mut self) {
        self.finish_and_clear();
    }
}

/// The bar's text: `████░░░  45%  1200 records  3s`, or with a spinner when the size is unknown;
/// the bar narrows to leave the figures room in `columns`.
fn line(
    size: Option<u64>,
    (done, count): (u64, usize),
    elapsed: Duration,
    frames: usize,
    columns: usize,
) -> String {
    let elapsed = elapsed_text(elapsed);
    match size.filter(|&size| size > 0) {
        Some(size) => {
            let done = done.min(size);
            let figures = format!(" {:>3}%  {count} records  {elapsed}", done * 100 / size);
            let cells = (columns.saturating_sub(figures.len() + 1) as u64).min(BAR_CELLS);
            let filled = (done * cells / size) as usize;
            let empty = cells as usize - filled;
            format!("{}{}{figures}", "█".repeat(filled), "░".repeat(empty))
        }
        None => format!(
            "{} {count} records  {elapsed}",
            SPINNER[frames % SPINNER.len()]
        ),
    }
}

/// `42s`, `3m 05s`, `1h 02m`.
fn elapsed_text(elapsed: Duration) -> String {
    let seconds = elapsed.as_secs();
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3600 => format!("{}m {:02}s", seconds / 60, seconds % 60),
        _ => format!("{}h {:02}m", seconds / 3600, seconds % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDE: usize = 100;

    #[test]
    fn the_bar_fills_with_the_share_read() {
        let second = Duration::from_secs(1);
        let half = line(Some(1000), (500, 12), 3 * second, 1, WIDE);
        let expected = format!("{}{}  50%  12 records  3s", "█".repeat(20), "░".repeat(20));
        assert_eq!(half, expected);
        let all = line(Some(1000), (1200, 30), 75 * second, 2, WIDE);
        assert_eq!(all, format!("{} 100%  30 records  1m 15s", "█".repeat(40)));
        let third = line(Some(3), (1, 0), second, 1, WIDE);
        assert_eq!(third.chars().filter(|&c| c == '█').count(), 13);
    }

    #[test]
    fn a_narrow_terminal_narrows_the_bar_and_keeps_the_figures() {
        let narrow = line(Some(1000), (500, 12), Duration::from_secs(3), 1, 39);
        assert_eq!(
            narrow,
            format!("{}{}  50%  12 records  3s", "█".repeat(8), "░".repeat(9))
        );
        assert_eq!(narrow.chars().count(), 38);
        let tiny = line(Some(1000), (500, 12), Duration::from_secs(3), 1, 10);
        assert_eq!(tiny, "  50%  12 records  3s");
    }

    #[test]
    fn an_input_of_unknown_size_spins() {
        let spun = line(None, (500, 7), Duration::from_secs(3725), 9, WIDE);
        assert_eq!(spun, "⠂ 7 records  1h 02m");
        assert_eq!(
            line(Some(0), (0, 0), Duration::ZERO, 0, WIDE),
            "⠁ 0 records  0s"
        );
    }
}
