//! The decision journal: every finished assessment (`history.jsonl`), and the decisions taken
//! with what came of them (`decisions.jsonl`), in the state folder (`~/.local/state/ctopath/` on
//! Linux). JSON Lines, readable by hand.
//!
//! Nothing is ever rewritten. A record is one line, appended with `O_APPEND` in one `write(2)`
//! while holding an advisory lock on `journal.lock`, so runs at the same time never interleave
//! half-lines and agree on record numbers. A file never grows past `MAX_BYTES`: the append that
//! would pass it first renames the file to `history.1.jsonl` (replacing the older one there, the
//! only thing ever dropped), which is one atomic rename, so a crash loses nothing else. A line
//! damaged by hand is skipped with a warning naming file:line; the rest still reads.

use crate::engine::{self, Assessment, Outcome};
use crate::model::Answers;
use crate::{UsageError, store};
use anyhow::{Context, Result};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The shape of a journal line; changes only if a field is renamed or removed.
pub const JOURNAL_VERSION: u32 = 1;
/// `CTOPATH_NO_HISTORY=1` keeps assessments out of the history, like `--no-history`.
pub const NO_HISTORY_ENV: &str = "CTOPATH_NO_HISTORY";
/// `CTOPATH_TODAY=YYYY-MM-DD` fixes today's date (for tests and trying things out).
pub const TODAY_ENV: &str = "CTOPATH_TODAY";
/// Overrides `MAX_BYTES`, so that tests can reach the cap quickly.
const MAX_BYTES_ENV: &str = "CTOPATH_JOURNAL_MAX_BYTES";
/// The most bytes one journal file grows to before it is rotated: some 600 assessments.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// The most damaged lines named one by one; the rest are counted.
const WARNED_DAMAGE: usize = 5;
/// How many of the best paths an entry keeps.
const TOP_KEPT: usize = 5;
/// The review date of a decision when none is given.
pub const DEFAULT_REVIEW_DAYS: i64 = 90;

/// One finished assessment, as `history.jsonl` keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Entry {
    pub journal_version: u32,
    /// The entry's number: 1 for the first ever kept, counting on across rotations.
    pub seq: u64,
    /// The day it was made (YYYY-MM-DD).
    pub date: String,
    /// When it was made, in UTC (RFC 3339).
    pub recorded_at: String,
    pub ctopath_version: String,
    pub model_version: u32,
    /// `assess` or `review`.
    pub command: String,
    /// The answers, as an answers file holds them.
    pub answers: serde_json::Value,
    /// The best paths, best first (at most five).
    pub top: Vec<TopPath>,
    /// The robustness verdict in words; `null` when the check was off.
    pub verdict: Option<String>,
    /// Whether the top path came first in at least 70 % of variations; `null` when not checked.
    pub clear_winner: Option<bool>,
    /// The smallest single change of an answer that would put another path first.
    pub flip: Option<FlipKept>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TopPath {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub score: f64,
    /// `strong`, `fair` or `weak`.
    pub band: String,
    /// The share of variations (0 to 1) in which it came first; `null` when not checked.
    pub first_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FlipKept {
    pub key: String,
    pub from: u8,
    pub to: u8,
    pub new_top: String,
    pub text: String,
}

/// A line of `decisions.jsonl`: a decision, or what came of one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum DecisionLine {
    Decision {
        journal_version: u32,
        seq: u64,
        date: String,
        path: String,
        name: String,
        expect: Option<String>,
        confidence: Option<u8>,
        review_on: String,
    },
    Outcome {
        journal_version: u32,
        seq: u64,
        date: String,
        /// The decision's number (its `seq`, which this line's `seq` repeats).
        decision: u64,
        outcome: Outcome,
    },
}

/// A decision and, once reviewed, what came of it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Decision {
    /// Its number; `review --outcome N=…` takes it as well as the path's id.
    pub number: u64,
    /// The day it was taken.
    pub date: String,
    /// The path chosen.
    pub path: String,
    pub name: String,
    /// What the person expects to see by the review date.
    pub expect: Option<String>,
    /// How sure they are of it, in percent (1 to 99).
    pub confidence: Option<u8>,
    pub review_on: String,
    /// What happened, once reviewed.
    pub outcome: Option<Outcome>,
    pub outcome_date: Option<String>,
    /// Not yet reviewed, and the review date has come.
    pub due: bool,
}

/// A line that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Damage {
    pub file: String,
    pub line: usize,
    pub problem: String,
}

impl Damage {
    /// The warning for standard error: file:line, what is wrong, and the fix.
    pub fn warning(&self) -> String {
        format!(
            "warning: {}:{}: {}; the line is skipped (fix it by hand, or delete it)",
            self.file, self.line, self.problem
        )
    }
}

/// What the state folder's journal holds.
#[derive(Debug, Clone, Default)]
pub struct Journal {
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// Oldest first.
    pub decisions: Vec<Decision>,
    pub damaged: Vec<Damage>,
}

impl Journal {
    /// The scored predictions: `(confidence, outcome)` of each decision with both.
    pub fn scored(&self) -> Vec<(u8, Outcome)> {
        self.decisions
            .iter()
            .filter_map(|d| Some((d.confidence?, d.outcome?)))
            .collect()
    }

    /// Decisions not yet reviewed whose review date has come.
    pub fn due(&self) -> impl Iterator<Item = &Decision> {
        self.decisions.iter().filter(|d| d.due)
    }

    /// Prints a warning per damaged line on standard error.
    pub fn warn(&self) {
        for damage in self.damaged.iter().take(WARNED_DAMAGE) {
            eprintln!(
                "{}",
                crate::for_stderr("", &crate::text::sanitize(&damage.warning()))
            );
        }
        if self.damaged.len() > WARNED_DAMAGE {
            let more = self.damaged.len() - WARNED_DAMAGE;
            let text = format!("warning: … and {more} more damaged lines, skipped the same way");
            eprintln!("{}", crate::for_stderr("", &text));
        }
    }
}

/// What `history --format json` prints.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(title = "ctopath history")]
pub struct History {
    /// The shape of the journal's lines.
    pub journal_version: u32,
    /// Where the history is kept; `null` without a state folder.
    pub file: Option<String>,
    /// Oldest first.
    pub entries: Vec<Listed>,
    /// Oldest first.
    pub decisions: Vec<Decision>,
    pub calibration: engine::Calibration,
    /// Lines that could not be read, and were skipped.
    pub damaged: Vec<Damage>,
}

/// One entry, as `history` lists it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Listed {
    /// What `history show` takes.
    pub number: u64,
    pub date: String,
    /// `assess` or `review`.
    pub command: String,
    /// The best path then; `null` if the limits left none.
    pub top: Option<TopPath>,
    /// How sure the ranking was, in words.
    pub how_sure: String,
}

impl History {
    pub fn new(journal: Journal, file: Option<&Path>) -> History {
        let calibration = engine::calibration(&journal.scored());
        History {
            journal_version: JOURNAL_VERSION,
            file: file.map(|f| f.display().to_string()),
            entries: journal
                .entries
                .iter()
                .map(|entry| {
                    let top = entry.top.first().cloned();
                    Listed {
                        number: entry.seq,
                        date: entry.date.clone(),
                        command: entry.command.clone(),
                        how_sure: engine::how_sure(
                            top.as_ref().and_then(|t| t.first_share),
                            entry.clear_winner,
                        ),
                        top,
                    }
                })
                .collect(),
            decisions: journal.decisions,
            calibration,
            damaged: journal.damaged,
        }
    }
}

/// What `review --format json` prints.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(title = "ctopath review")]
pub struct ReviewReport {
    /// The history entry the answers are compared with; `null` when there is none (the first
    /// review then compares the answers with themselves).
    pub since: Option<Since>,
    /// The new history entry's number; `null` when none was kept.
    pub entry: Option<u64>,
    #[serde(flatten)]
    pub review: engine::Review,
    /// The outcomes recorded by this review.
    pub outcomes: Vec<Decision>,
    /// Decisions still due for review and left without an outcome.
    pub still_due: Vec<Decision>,
    pub calibration: engine::Calibration,
}

/// The entry a review compares with.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Since {
    pub number: u64,
    pub date: String,
    pub ctopath_version: String,
    /// The scoring model then; both sets of answers are scored with today's.
    pub model_version: u32,
}

/// Where the journal lives: the state folder.
pub fn folder() -> Option<PathBuf> {
    store::state_dir()
}

pub fn history_file(state: &Path) -> PathBuf {
    state.join("history.jsonl")
}

pub fn decisions_file(state: &Path) -> PathBuf {
    state.join("decisions.jsonl")
}

/// The older file a full one is renamed to: `history.1.jsonl`.
fn rotated(file: &Path) -> PathBuf {
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    file.with_file_name(format!("{stem}.1.jsonl"))
}

fn reminded_file(state: &Path) -> PathBuf {
    state.join("reminded-on")
}

/// Whether assessments are kept: not with `--no-history` or `CTOPATH_NO_HISTORY` set (to
/// anything but empty, `0`, `false`, `no` or `off`).
pub fn enabled(no_history: bool) -> bool {
    !no_history
        && std::env::var(NO_HISTORY_ENV).ok().is_none_or(|v| {
            ["", "0", "false", "no", "off"].contains(&v.trim().to_ascii_lowercase().as_str())
        })
}

/// Today: `--today` if given, else `$CTOPATH_TODAY`, else the date in the system's time zone.
pub fn today(flag: Option<&str>) -> Result<Date> {
    if let Some(text) = flag {
        return parse_date(text, "--today");
    }
    match std::env::var(TODAY_ENV) {
        Ok(text) if !text.is_empty() => parse_date(&text, TODAY_ENV),
        _ => Ok(local_today()),
    }
}

/// The date in the system's time zone (`$TZ`, or /etc/localtime). Without `$TZ`, the zone is
/// read from /etc/localtime itself: asking jiff for the system zone by name first lists the
/// whole zoneinfo database (about a millisecond), which every assessment would pay for its
/// history entry.
pub fn local_today() -> Date {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none()
        && let Ok(bytes) = std::fs::read("/etc/localtime")
        && let Ok(zone) = jiff::tz::TimeZone::tzif("Local", &bytes)
    {
        return jiff::Timestamp::now().to_zoned(zone).date();
    }
    jiff::Zoned::now().date()
}

/// A date written YYYY-MM-DD; a usage error naming `what` otherwise.
pub fn parse_date(text: &str, what: &str) -> Result<Date> {
    text.parse::<Date>().map_err(|_| {
        UsageError(format!(
            "{what} {text:?} is not a date; write it as YYYY-MM-DD"
        ))
        .into()
    })
}

/// An entry for an assessment just made.
pub fn entry(answers: &Answers, assessment: &Assessment, command: &str, today: Date) -> Entry {
    let robustness = assessment.robustness.as_ref();
    Entry {
        journal_version: JOURNAL_VERSION,
        seq: 0,
        date: today.to_string(),
        recorded_at: jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .map_or_else(
                |_| jiff::Timestamp::now().to_string(),
                |now| now.to_string(),
            ),
        ctopath_version: env!("CARGO_PKG_VERSION").to_string(),
        model_version: assessment.model_version,
        command: command.to_string(),
        answers: serde_json::to_value(answers).expect("answers serialize to JSON"),
        top: assessment
            .ranking
            .iter()
            .take(TOP_KEPT)
            .map(|ranked| TopPath {
                rank: ranked.rank,
                id: ranked.id.to_string(),
                name: ranked.name.to_string(),
                score: (ranked.score * 100.0).round() / 100.0,
                band: ranked.band.word().to_string(),
                first_share: ranked.robustness.as_ref().map(|s| s.first_share),
            })
            .collect(),
        verdict: robustness.map(|r| r.verdict.clone()),
        clear_winner: robustness.map(|r| r.clear_winner),
        flip: robustness
            .and_then(|r| r.flip.as_ref())
            .map(|flip| FlipKept {
                key: flip.key.clone(),
                from: flip.from,
                to: flip.to,
                new_top: flip.new_top.clone(),
                text: flip.text.clone(),
            }),
    }
}

/// Keeps a finished assessment in the history, unless turned off, dated `on` (default: today).
/// A failure is a warning: the assessment itself has been made. Returns the entry's number.
pub fn keep(
    answers: &Answers,
    assessment: &Assessment,
    command: &str,
    no_history: bool,
    on: Option<Date>,
) -> Option<u64> {
    if !enabled(no_history) {
        return None;
    }
    let state = folder()?;
    let on = on.map_or_else(|| today(None), Ok);
    let kept = on.and_then(|today| {
        let mut entry = entry(answers, assessment, command, today);
        append(&history_file(&state), false, |seq| {
            entry.seq = seq;
            serde_json::to_string(&entry).expect("an entry serializes")
        })
    });
    match kept {
        Ok(seq) => Some(seq),
        Err(error) => {
            let text = format!(
                "warning: the assessment could not be kept in your history: {error:#} \
                 (--no-history or {NO_HISTORY_ENV}=1 turns the history off)"
            );
            eprintln!("{}", crate::for_stderr("", &crate::text::sanitize(&text)));
            None
        }
    }
}

/// Records a decision; returns its number.
pub fn decide(
    state: &Path,
    path: &crate::model::CareerPath,
    expect: Option<&str>,
    confidence: Option<u8>,
    review_on: Date,
    today: Date,
) -> Result<u64> {
    append(&decisions_file(state), true, |seq| {
        let line = DecisionLine::Decision {
            journal_version: JOURNAL_VERSION,
            seq,
            date: today.to_string(),
            path: path.id.to_string(),
            name: path.name.to_string(),
            expect: expect.map(str::to_string),
            confidence,
            review_on: review_on.to_string(),
        };
        serde_json::to_string(&line).expect("a decision serializes")
    })
}

/// Records what came of decision `number`.
pub fn record_outcome(state: &Path, number: u64, outcome: Outcome, today: Date) -> Result<()> {
    // An outcome line carries its decision's number, so that decisions are numbered 1, 2, 3.
    append(&decisions_file(state), true, |_| {
        let line = DecisionLine::Outcome {
            journal_version: JOURNAL_VERSION,
            seq: number,
            date: today.to_string(),
            decision: number,
            outcome,
        };
        serde_json::to_string(&line).expect("an outcome serializes")
    })
    .map(|_| ())
}

/// Reads the journal, as of `today` (for what is due). A missing journal is an empty one.
pub fn read(state: &Path, today: Date) -> Result<Journal> {
    let mut journal = read_decisions(state, today)?;
    let mut damaged = std::mem::take(&mut journal.damaged);
    for (file, number, line) in lines(&history_file(state))? {
        match serde_json::from_str::<Entry>(&line) {
            Ok(entry) => journal.entries.push(entry),
            Err(error) => journal.damaged.push(damage(&file, number, &error)),
        }
    }
    // The history's damage first, as the files are named in that order.
    journal.damaged.append(&mut damaged);
    Ok(journal)
}

/// The decisions alone, with what came of them, as of `today`: all that a reminder needs.
fn read_decisions(state: &Path, today: Date) -> Result<Journal> {
    let mut journal = Journal::default();
    let mut decisions: Vec<Decision> = Vec::new();
    let mut outcomes = Vec::new();
    for (file, number, line) in lines(&decisions_file(state))? {
        match serde_json::from_str::<DecisionLine>(&line) {
            Ok(DecisionLine::Decision {
                seq,
                date,
                path,
                name,
                expect,
                confidence,
                review_on,
                ..
            }) => decisions.push(Decision {
                number: seq,
                date,
                path,
                name,
                expect,
                confidence: confidence.filter(|c| (1..=99).contains(c)),
                review_on,
                outcome: None,
                outcome_date: None,
                due: false,
            }),
            Ok(DecisionLine::Outcome {
                decision,
                outcome,
                date,
                ..
            }) => outcomes.push((decision, outcome, date)),
            Err(error) => journal.damaged.push(damage(&file, number, &error)),
        }
    }
    // The last word on a decision counts.
    for (number, outcome, date) in outcomes {
        if let Some(decision) = decisions.iter_mut().find(|d| d.number == number) {
            decision.outcome = Some(outcome);
            decision.outcome_date = Some(date);
        }
    }
    for decision in &mut decisions {
        decision.due = decision.outcome.is_none()
            && decision
                .review_on
                .parse::<Date>()
                .is_ok_and(|due| due <= today);
    }
    journal.decisions = decisions;
    Ok(journal)
}

fn damage(file: &Path, line: usize, error: &serde_json::Error) -> Damage {
    // serde_json counts the line as one text, so its "at line 1 column N" says only the column;
    // the file's line number is given beside it.
    let said = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let what = said.strip_suffix(&position).unwrap_or(&said);
    let kind = if error.is_data() {
        "JSON, but not a journal line"
    } else {
        "not a journal line"
    };
    Damage {
        file: file.display().to_string(),
        line,
        problem: format!("{kind}: {what}, at column {}", error.column()),
    }
}

/// The non-empty lines of a journal file and its rotated older file, oldest first, each with
/// its file and line number.
fn lines(file: &Path) -> Result<Vec<(PathBuf, usize, String)>> {
    let mut all = Vec::new();
    for path in [rotated(file), file.to_path_buf()] {
        let Some(text) = read_file(&path)? else {
            continue;
        };
        for (index, line) in text.lines().enumerate() {
            if !line.trim().is_empty() {
                all.push((path.clone(), index + 1, line.to_string()));
            }
        }
    }
    Ok(all)
}

/// A journal file's text (invalid UTF-8 replaced, so that one bad byte costs one line), `None`
/// if it does not exist. Only a regular file is read, and never more than the cap allows.
fn read_file(path: &Path) -> Result<Option<String>> {
    let file = match open_regular(path, OpenOptions::new().read(true)) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut bytes = Vec::new();
    file.take(4 * max_bytes())
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Opens `path` without blocking on a FIFO, and refuses anything but a regular file.
fn open_regular(path: &Path, options: &mut OpenOptions) -> std::io::Result<File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other(format!(
            "{} is not a regular file; ctopath keeps its journal there, so move it away",
            path.display()
        )));
    }
    Ok(file)
}

fn max_bytes() -> u64 {
    std::env::var(MAX_BYTES_ENV)
        .ok()
        .and_then(|value| value.parse().ok())
        .filter(|&bytes| bytes > 0)
        .unwrap_or(MAX_BYTES)
}

/// Appends the line `make(seq)` gives, `seq` being the next record number, as one write under
/// the journal lock; rotates the file first if the line would take it past the cap. With
/// `durable`, the line is synced to disk before returning: for decisions, which are typed by
/// hand and rare. History entries are not (a sync costs milliseconds on every assessment, and an
/// entry lost to a power cut is one the next assessment makes again).
fn append(file: &Path, durable: bool, make: impl FnOnce(u64) -> String) -> Result<u64> {
    let state = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(state)
        .with_context(|| format!("cannot create the folder {}", state.display()))?;
    let _lock = lock(state)?;
    let seq = last_seq(file)? + 1;
    let mut line = make(seq);
    debug_assert!(!line.contains('\n'));
    line.push('\n');
    let shown = file.display().to_string();
    let size = match std::fs::symlink_metadata(file) {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => anyhow::bail!(
            "{shown} is not a regular file; ctopath keeps its journal there, so move it away"
        ),
        Err(_) => 0,
    };
    if size > 0 && size + line.len() as u64 > max_bytes() {
        std::fs::rename(file, rotated(file)).with_context(|| format!("cannot rotate {shown}"))?;
    }
    let mut options = OpenOptions::new();
    options.append(true).create(true).read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out =
        open_regular(file, &mut options).with_context(|| format!("cannot open {shown}"))?;
    // A line cut short by a crash must not swallow this one.
    let end = out.seek(SeekFrom::End(0))?;
    if end > 0 {
        let mut last = [0u8];
        out.seek(SeekFrom::Start(end - 1))?;
        out.read_exact(&mut last)?;
        if last[0] != b'\n' {
            line.insert(0, '\n');
        }
    }
    // One write(2): with O_APPEND the line lands whole at the end, whoever else writes.
    out.write_all(line.as_bytes())
        .and_then(|()| if durable { out.sync_data() } else { Ok(()) })
        .with_context(|| format!("cannot write {shown}"))?;
    Ok(seq)
}

/// The journal lock, waited for: appends take a millisecond.
fn lock(state: &Path) -> Result<File> {
    let path = state.join("journal.lock");
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = open_regular(&path, &mut options)
        .with_context(|| format!("cannot open {}", path.display()))?;
    file.lock()
        .with_context(|| format!("cannot lock {}", path.display()))?;
    Ok(file)
}

/// The number of the last record in `file` (or its rotated older file), 0 if none: read from
/// the tail, so that appending costs the same however long the journal.
fn last_seq(file: &Path) -> Result<u64> {
    #[derive(Deserialize)]
    struct Numbered {
        seq: u64,
        /// Present on outcome lines, which carry their decision's number and count nothing.
        decision: Option<u64>,
    }
    let numbered = |line: &[u8]| {
        // The empty end after the last newline is passed over rather than parsed: a failed
        // parse works out where it failed, which costs more than the rest of the append.
        if line.trim_ascii().is_empty() {
            return None;
        }
        // Bytes first: checking a whole tail as UTF-8 costs more than the rest of the append.
        // A line with a bad byte counts as it would once read (bad bytes replaced).
        serde_json::from_slice::<Numbered>(line)
            .or_else(|_| serde_json::from_str::<Numbered>(&String::from_utf8_lossy(line)))
            .ok()
            .filter(|numbered| numbered.decision.is_none())
    };
    for path in [file.to_path_buf(), rotated(file)] {
        // A few entries' worth first (an entry is a couple of KiB), then more; the whole file
        // when long damaged lines hide every number in the tail.
        for tail in [Some(8 * 1024), Some(64 * 1024), None] {
            let mut handle = match open_regular(&path, OpenOptions::new().read(true)) {
                Ok(handle) => handle,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => break,
                Err(error) => {
                    return Err(error).with_context(|| format!("cannot read {}", path.display()));
                }
            };
            let end = handle.seek(SeekFrom::End(0))?;
            let start = tail.map_or(0, |tail| end.saturating_sub(tail));
            handle.seek(SeekFrom::Start(start))?;
            let mut bytes = Vec::with_capacity((end - start).min(4 * max_bytes()) as usize);
            handle.take(4 * max_bytes()).read_to_end(&mut bytes)?;
            if let Some(last) = bytes.split(|&byte| byte == b'\n').rev().find_map(numbered) {
                return Ok(last.seq);
            }
            if start == 0 {
                break;
            }
        }
    }
    Ok(0)
}

/// The reminder line to print now, if a decision's review is due and none was printed today;
/// remembers that it was. `None` also when the journal cannot be read: a reminder is never worth
/// an error.
pub fn reminder(today: Date) -> Option<String> {
    let state = folder()?;
    let decisions = decisions_file(&state);
    if !decisions.exists() {
        return None;
    }
    let reminded = reminded_file(&state);
    let day = today.to_string();
    if read_file(&reminded)
        .ok()
        .flatten()
        .is_some_and(|text| text.trim() == day)
    {
        return None;
    }
    let journal = read_decisions(&state, today).ok()?;
    // Checked for today, due or not: no decision taken today can fall due before tomorrow.
    store::write_atomic(&reminded, &format!("{day}\n"), true).ok()?;
    let mut due = journal.due();
    let first = due.next()?;
    Some(engine::reminder(&first.name, &first.review_on, due.count()))
}

/// The default review date: `DEFAULT_REVIEW_DAYS` after today.
pub fn default_review(today: Date) -> Date {
    today
        .checked_add(jiff::Span::new().days(DEFAULT_REVIEW_DAYS))
        .unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> impl FnOnce(u64) -> String + '_ {
        move |seq| format!(r#"{{"seq":{seq},"text":"{text}"}}"#)
    }

    #[test]
    fn appends_number_on_and_a_cut_line_does_not_swallow_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("history.jsonl");
        assert_eq!(append(&file, false, line("a")).unwrap(), 1);
        assert_eq!(append(&file, false, line("b")).unwrap(), 2);
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(text.lines().count(), 2);
        // A line cut short (a crash) is left alone and does not swallow the next one.
        std::fs::write(&file, format!("{text}{{\"seq\":3,\"te")).unwrap();
        assert_eq!(append(&file, false, line("c")).unwrap(), 3);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.ends_with("\n{\"seq\":3,\"text\":\"c\"}\n"), "{text}");
    }

    #[test]
    fn the_rotated_file_keeps_the_numbering_going() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("history.jsonl");
        append(&file, false, line("a")).unwrap();
        std::fs::rename(&file, rotated(&file)).unwrap();
        assert_eq!(append(&file, false, line("b")).unwrap(), 2);
    }

    #[test]
    fn the_number_is_found_past_bad_bytes_and_past_long_damaged_lines() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("history.jsonl");
        // The last entry holds bytes that are not UTF-8, in a key and in a value: it still counts.
        let mut bytes = br#"{"seq":7,"text":"a"}"#.to_vec();
        bytes.extend_from_slice(b"\n{\"seq\":8,\"te\xffxt\":\"\xff\"}\n");
        std::fs::write(&file, &bytes).unwrap();
        assert_eq!(append(&file, false, line("b")).unwrap(), 9);
        // Damaged lines longer than every tail but the whole file hide the numbers before them.
        let damage = format!("{}\n", "z".repeat(70 * 1024));
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.extend_from_slice(damage.repeat(2).as_bytes());
        std::fs::write(&file, bytes).unwrap();
        assert_eq!(append(&file, false, line("c")).unwrap(), 10);
    }

    #[test]
    fn a_full_file_is_rotated_keeping_one_older_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("history.jsonl");
        let long = "x".repeat(600);
        // Three lines of some 620 bytes fit in a 1 MiB file; these are tested against the
        // default cap by filling the file first.
        std::fs::write(&file, format!("{}\n", "y".repeat(MAX_BYTES as usize - 100))).unwrap();
        append(&file, false, line(&long)).unwrap();
        assert!(rotated(&file).exists());
        let current = std::fs::read_to_string(&file).unwrap();
        assert_eq!(current.lines().count(), 1);
        append(&file, false, line("b")).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 2);
    }

    #[test]
    fn the_default_review_is_ninety_days_on() {
        let today: Date = "2026-11-24".parse().unwrap();
        assert_eq!(default_review(today).to_string(), "2027-02-22");
    }
}
