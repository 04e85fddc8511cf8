//! `ctopath assess --format ndjson`: score a stream of answers, one JSON line out per record in,
//! in input order, as it goes. Records are read in batches and scored on every core; memory
//! stays flat however long the stream and however large the catalogue, as batches are sized by
//! the bytes of their lines. A bad record becomes an error line and the stream goes on, unless
//! `--fail-fast`.

use super::load_for_ranking;
use crate::answers::{self, Dense};
use crate::catalogue::Origin;
use crate::cli::AssessArgs;
use crate::engine::score::Person;
use crate::engine::{self, ExclusionCause, Explaining, Prepared, Ranking, Settings};
use crate::files::{Access, AtomicFile, Existing};
use crate::model::{Catalogue, Constraints, Criteria, Profile};
use crate::progress::Progress;
use crate::records::{Batch, Record, Records};
use crate::render::ndjson;
use crate::render::results::{self, After};
use crate::render::writer::{Floats, Writer};
use crate::suggest::did_you_mean;
use crate::{Display, UsageError};
use anyhow::{Context, Result, bail};
use serde::Serialize;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::{BufRead, BufReader, Write};
use std::ops::Range;
use std::sync::{Arc, Mutex, mpsc};

/// Added to the problems of a record that starts with a bracket: a JSON array is one value, not
/// a stream of answers objects.
const ARRAY_HINT: &str = "the stream holds a JSON array, and a stream takes one answers object \
     after another, not an array of them: `jq -c '.[]' FILE` writes an array's objects one a line";

/// The lines of a batch are held until all of it is scored: records are taken so that their
/// lines come to about this much, or to one line a core when lines are longer (a line grows with
/// the catalogue: every path's explanation, at kilobytes a path).
const BATCH_OUTPUT_BYTES: usize = 8 << 20;
/// The most records in a batch: enough to keep every core busy, with small lines.
const BATCH_RECORDS: usize = 4096;
/// A batch is handed out in this many shares a worker, taken by whichever worker is free.
const SHARES_PER_WORKER: usize = 4;

/// The fields a ranked path has, which `--fields` may keep.
const FIELDS: [&str; 9] = [
    "rank",
    "id",
    "name",
    "score",
    "fit",
    "contributions",
    "reasons",
    "first_step",
    "robustness",
];
/// Fields that need no explanation: with only these, paths are scored without building any.
const PLAIN_FIELDS: [&str; 4] = ["rank", "id", "name", "score"];

pub fn run(origins: &[Origin], args: &AssessArgs, display: &Display) -> Result<()> {
    let Some(source) = &args.answers else {
        return Err(UsageError(
            "--format ndjson scores a stream of answers: pass it with --answers FILE, or --answers - to read standard input"
                .to_string(),
        )
        .into());
    };
    for field in &args.stream.fields {
        if !FIELDS.contains(&field.as_str()) {
            return Err(UsageError(format!(
                "--fields: unknown field '{field}'{}; fields: {}",
                did_you_mean(field, FIELDS),
                FIELDS.join(", ")
            ))
            .into());
        }
    }
    if args.save.is_some() {
        return Err(UsageError(
            "--save keeps one person's answers; it does not go with --format ndjson".to_string(),
        )
        .into());
    }
    let catalogue = load_for_ranking(origins)?;
    let settings = args.robustness.settings(0);
    let plain = settings.is_none()
        && !args.stream.portfolios
        && !args.stream.fields.is_empty()
        && args
            .stream
            .fields
            .iter()
            .all(|f| PLAIN_FIELDS.contains(&f.as_str()));
    let wants = |field: &str| args.stream.fields.iter().any(|f| f == field);
    let plain_paths = plain
        .then(|| {
            ndjson::PlainPaths::new(
                catalogue
                    .paths
                    .iter()
                    .map(|p| (p.id.as_ref(), p.name.as_ref())),
                [wants("rank"), wants("id"), wants("name"), wants("score")],
            )
        })
        .transpose()?;
    let scoring = Scoring {
        catalogue: &catalogue,
        prepared: Prepared::new(&catalogue),
        settings,
        plain_paths,
        sorted_fields: {
            let mut fields: Vec<&str> = args.stream.fields.iter().map(String::as_str).collect();
            fields.sort_unstable();
            fields.dedup();
            fields
        },
        explaining: if args.stream.fields.is_empty() || wants("reasons") {
            Explaining::Everything
        } else {
            Explaining::WithoutReasons
        },
        top: args.stream.top.map(|n| n as usize),
        portfolios: args.stream.portfolios,
    };

    let (input, name, size) = super::open_answers(source)?;
    let output = match &args.output {
        Some(file) => Sink::File(AtomicFile::create(
            file,
            Existing::forced(args.force),
            Access::Shared,
        )?),
        None => Sink::Stdout(std::io::BufWriter::with_capacity(1 << 16, super::stdout()?)),
    };
    score_stream(
        &scoring,
        (BufReader::with_capacity(1 << 16, input), &name),
        output,
        args.stream.fail_fast,
        Progress::stderr(size, display.plain),
    )
}

/// Scores every record of `input` (named `name` in errors) into `output`, in input order.
fn score_stream(
    scoring: &Scoring,
    (input, name): (impl BufRead, &str),
    mut output: Sink,
    fail_fast: bool,
    mut progress: Progress,
) -> Result<()> {
    let unreadable = || format!("cannot read the answers from {name}");
    let mut records = Records::new(input);
    // With plain fields a record costs so little that the reader does a sixth of the work and
    // waits between batches: one worker more than cores keeps every core busy (--fields
    // id,score 5% faster in paired runs on 2 cores), where with explanations it costs 4 to 6%.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        + usize::from(scoring.plain_paths.is_some());
    // Records handed to the workers, and records whose lines are written.
    let (mut handed, mut written, mut failed) = (0usize, 0usize, 0usize);
    let mut line_bytes = scoring.typical_line_bytes();
    let mut batch_size = batch_records(line_bytes, workers);
    let (mut batch, mut spare) = (Batch::default(), Batch::default());
    let mut more = records
        .fill(&mut batch, batch_size)
        .with_context(unreadable)?;
    let mut read_error = None;
    let stopped = std::thread::scope(|scope| -> Result<Option<String>> {
        let mut pool = Pool::spawn(scope, scoring, workers)?;
        // Two batches in flight: while the lines of one are written, the workers already score
        // the next, and the one after is read.
        let mut out_there: Option<Given> = None;
        while more || out_there.is_some() {
            let given = more.then(|| pool.give(std::mem::take(&mut batch), handed + 1));
            if let Some(given) = &given {
                handed += given.batch.records.len();
                match records.fill(&mut spare, batch_size) {
                    Ok(read) => more = read,
                    Err(error) => (more, read_error) = (false, Some(error)),
                }
            }
            batch = match out_there.take() {
                None => std::mem::take(&mut spare),
                Some(previous) => {
                    let scored = pool.collect(&previous);
                    if fail_fast && let Some((share, offset)) = first_failure(&scored) {
                        // The lines up to and with the first failure, then stop.
                        write_until(&mut output, &scored, share, offset)?;
                        let stop = share * previous.share_size + offset;
                        return Ok(Some(format!(
                            "record {} (line {}) failed; stopped there (--fail-fast)",
                            previous.first_number + stop,
                            previous.batch.records[stop].line
                        )));
                    }
                    for share in &scored {
                        output.write_all(&share.out)?;
                    }
                    written += previous.batch.records.len();
                    failed += scored.iter().map(|share| share.part.failed).sum::<usize>();
                    // Lines longer than expected make the batches after them smaller.
                    let longest = scored.iter().map(|share| share.part.longest).max();
                    if let Some(longest) = longest.filter(|&longest| longest > line_bytes) {
                        line_bytes = longest;
                        batch_size = batch_records(line_bytes, workers);
                    }
                    pool.recycle(scored);
                    progress.update(records.bytes_read, written);
                    // Every share has been handed back: the batch is ours to refill.
                    let emptied = Arc::into_inner(previous.batch)
                        .expect("the workers hold no batch once its lines are back");
                    std::mem::replace(&mut spare, emptied)
                }
            };
            out_there = given;
        }
        Ok(None)
    })?;
    progress.finish_and_clear();
    if let Some(error) = read_error {
        // Returned before `finish`: an output file holding part of the stream is not put in
        // place.
        return Err(error).with_context(unreadable);
    }
    output.finish()?;
    if let Some(stop) = stopped {
        bail!(stop);
    }
    if failed > 0 {
        bail!("{failed} of {written} records failed; their lines say why (each has \"error\")");
    }
    Ok(())
}

/// The workers, scoring shares of batches for as long as the stream lasts; any idle worker takes
/// the next share, so that one slowed down (sharing its core with the reader) holds none up.
struct Pool {
    shares: mpsc::Sender<Share>,
    /// Shares scored, in the order they are done; `None` when a worker panicked.
    done: mpsc::Receiver<Option<Scored>>,
    /// Shares handed out so far: each share's number, to put the lines back in order.
    given: usize,
    /// Lines that came back ahead of their turn, by share number.
    early: HashMap<usize, Scored>,
    /// Line buffers to reuse.
    buffers: Vec<Vec<u8>>,
    workers: usize,
}

/// A worker's line to the stream. When the worker panics it sends `None` in place of the share
/// it was scoring: without it the stream would wait for that share for ever.
struct Alarm(mpsc::Sender<Option<Scored>>);

impl Drop for Alarm {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.0.send(None);
        }
    }
}

/// Records of a batch for a worker to score, and the buffer its lines go into.
struct Share {
    number: usize,
    batch: Arc<Batch>,
    records: Range<usize>,
    /// The number of the share's first record in the stream.
    first_number: usize,
    out: Vec<u8>,
}

/// A share scored: the tally and the lines.
struct Scored {
    number: usize,
    part: Part,
    out: Vec<u8>,
}

/// A batch with the workers.
struct Given {
    batch: Arc<Batch>,
    /// The number of its first record in the stream.
    first_number: usize,
    /// The numbers of its shares.
    shares: Range<usize>,
    /// The records of each share (the last may have fewer).
    share_size: usize,
}

impl Pool {
    fn spawn<'scope>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        scoring: &'scope Scoring<'scope>,
        workers: usize,
    ) -> Result<Pool> {
        let (shares, inbox) = mpsc::channel::<Share>();
        let inbox = Arc::new(Mutex::new(inbox));
        let (outbox, done) = mpsc::channel();
        let mut started = 0;
        let mut refused = None;
        for _ in 0..workers {
            let (inbox, alarm) = (Arc::clone(&inbox), Alarm(outbox.clone()));
            let thread = std::thread::Builder::new().spawn_scoped(scope, move || {
                // The workers take every core: a record's robustness is not split again.
                crate::parallel::one_of_several();
                let mut room = Room {
                    ranking: Ranking::keeping_words(),
                    ..Room::default()
                };
                loop {
                    // The lock is held only while waiting for a share, never while scoring.
                    let next = inbox.lock().map(|inbox| inbox.recv());
                    let Ok(Ok(share)) = next else { break };
                    let Share {
                        number,
                        batch,
                        records,
                        first_number,
                        mut out,
                    } = share;
                    out.clear();
                    let mut part = Part::default();
                    for (offset, record) in batch.records[records].iter().enumerate() {
                        let start = out.len();
                        let number = first_number + offset;
                        if !scoring.record(number, record, &batch.text, &mut out, &mut room) {
                            part.failed += 1;
                            part.first_failure.get_or_insert(offset);
                        }
                        part.longest = part.longest.max(out.len() - start);
                    }
                    // The batch goes back before the lines, so that it can be refilled.
                    drop(batch);
                    if alarm.0.send(Some(Scored { number, part, out })).is_err() {
                        break;
                    }
                }
            });
            // Fewer workers than cores still score the stream, only more slowly.
            match thread {
                Ok(_) => started += 1,
                Err(error) => refused = Some(error),
            }
        }
        if started == 0
            && let Some(error) = refused
        {
            anyhow::bail!(
                "cannot start a thread to score the stream: {error}; the limit on processes \
                 and threads (`ulimit -u`) is reached: raise it or end some processes"
            );
        }
        Ok(Pool {
            shares,
            done,
            given: 0,
            early: HashMap::new(),
            buffers: Vec::new(),
            workers: started,
        })
    }

    /// Hands a batch to the workers in shares, a few a worker.
    fn give(&mut self, batch: Batch, first_number: usize) -> Given {
        let batch = Arc::new(batch);
        let count = batch.records.len();
        let share_size = count.div_ceil(SHARES_PER_WORKER * self.workers).max(1);
        let first_share = self.given;
        for start in (0..count).step_by(share_size) {
            // A worker gone has panicked, which `collect` reports.
            let _ = self.shares.send(Share {
                number: self.given,
                batch: Arc::clone(&batch),
                records: start..(start + share_size).min(count),
                first_number: first_number + start,
                out: self.buffers.pop().unwrap_or_default(),
            });
            self.given += 1;
        }
        Given {
            batch,
            first_number,
            shares: first_share..self.given,
            share_size,
        }
    }

    /// Each share of a batch given out, scored, in order.
    fn collect(&mut self, given: &Given) -> Vec<Scored> {
        given
            .shares
            .clone()
            .map(|number| {
                self.early.remove(&number).unwrap_or_else(|| {
                    loop {
                        // A worker that panicked has a bug to report, not a record to skip.
                        let scored = self
                            .done
                            .recv()
                            .expect("the workers outlive the pool")
                            .expect("a scoring worker panicked");
                        if scored.number == number {
                            break scored;
                        }
                        self.early.insert(scored.number, scored);
                    }
                })
            })
            .collect()
    }

    /// Keeps the line buffers of a batch written, for the shares to come.
    fn recycle(&mut self, scored: Vec<Scored>) {
        self.buffers
            .extend(scored.into_iter().map(|share| share.out));
    }
}

/// What one worker made of its share of a batch.
#[derive(Default)]
struct Part {
    failed: usize,
    /// The bytes of its longest line.
    longest: usize,
    /// The offset, within the share, of its first failed record.
    first_failure: Option<usize>,
}

/// The first failed record of a batch: its share, and its offset within the share.
fn first_failure(scored: &[Scored]) -> Option<(usize, usize)> {
    scored
        .iter()
        .enumerate()
        .find_map(|(share, scored)| scored.part.first_failure.map(|offset| (share, offset)))
}

/// How many records a batch takes when a line runs to `line_bytes`: at least one a worker.
fn batch_records(line_bytes: usize, workers: usize) -> usize {
    (BATCH_OUTPUT_BYTES / line_bytes.max(1)).clamp(workers, BATCH_RECORDS)
}

/// Writes the lines of the shares before `share` whole, and of `share` its lines up to and with
/// line `line`.
fn write_until(
    output: &mut dyn Write,
    scored: &[Scored],
    share: usize,
    line: usize,
) -> std::io::Result<()> {
    for earlier in &scored[..share] {
        output.write_all(&earlier.out)?;
    }
    let out = &scored[share].out;
    let end = out
        .split_inclusive(|&b| b == b'\n')
        .take(line + 1)
        .map(<[u8]>::len)
        .sum();
    output.write_all(&out[..end])
}

/// What a worker keeps from record to record. The floats' texts are made on the first line
/// that explains a path: streams of plain fields never need them.
#[derive(Default)]
struct Room {
    /// The last person scored, whose room the next one takes.
    last_person: Option<Person>,
    ranking: Ranking,
    floats: Option<Floats>,
    ruled_out: RuledOut,
}

/// The person `profile` describes, in the room of the last one scored (see `Person::renew`).
fn renewed<'a>(last: &'a mut Option<Person>, criteria: &Criteria, profile: Profile) -> &'a Person {
    match last {
        Some(person) => person.renew(profile),
        None => last.insert(Person::new(criteria, profile)),
    }
}

/// The text of paths ruled out, kept by path and by what rules it out: a stream rules the same
/// paths out for the same few limits over and over, and each one's reason is words around
/// numbers, slow to put together again.
#[derive(Default)]
struct RuledOut {
    /// Hashed with foldhash, seeded at random as std's SipHash is, at a fraction of the cost.
    texts: foldhash::HashMap<(usize, ExclusionCause), Box<[u8]>>,
}

impl RuledOut {
    /// Texts kept at most by a worker, a few megabytes: past it they are forgotten and made
    /// anew.
    const MOST: usize = 8192;
    /// Catalogues with more paths than this rule out so many a line that the texts would be
    /// forgotten every line or two: their paths ruled out are made afresh instead.
    const PATHS_AT_MOST: usize = Self::MOST / 8;

    /// Writes path `path`, ruled out for a person with limits `given`, as `results::exclusion`
    /// writes it.
    fn write(
        &mut self,
        w: &mut Writer,
        prepared: &Prepared,
        path: usize,
        given: &Constraints,
    ) -> serde_json::Result<()> {
        let key = (path, prepared.exclusion_cause(path, given));
        if self.texts.len() >= Self::MOST && !self.texts.contains_key(&key) {
            self.texts.clear();
        }
        let text = match self.texts.entry(key) {
            Entry::Occupied(kept) => kept.into_mut(),
            Entry::Vacant(slot) => {
                let mut text = Vec::new();
                results::exclusion(
                    &mut Writer::compact(&mut text),
                    &prepared.exclusion(path, given),
                )?;
                slot.insert(text.into_boxed_slice())
            }
        };
        w.written_value(|out| {
            out.extend_from_slice(text);
            Ok(())
        })
    }
}

/// What every record is scored with.
struct Scoring<'a> {
    catalogue: &'a Catalogue,
    prepared: Prepared<'a>,
    settings: Option<Settings>,
    /// Only plain fields are asked for (scored without explanations): each path's plain fields
    /// that never change, made into text once.
    plain_paths: Option<ndjson::PlainPaths>,
    /// The fields asked for, sorted and each once: the order kept fields are written in.
    sorted_fields: Vec<&'a str>,
    /// The reasons are built only when they are written.
    explaining: Explaining,
    top: Option<usize>,
    /// `--portfolios`: each line carries the person's best portfolios too.
    portfolios: bool,
}

impl Scoring<'_> {
    /// The length of the line for answers that leave everything to its default, which ranks
    /// and explains every path as most records do: what a line is expected to take.
    fn typical_line_bytes(&self) -> usize {
        let text = "{}";
        let record = Record {
            line: 1,
            column: 1,
            range: 0..text.len(),
            unreadable: None,
        };
        let mut out = Vec::new();
        self.record(1, &record, text, &mut out, &mut Room::default());
        out.len()
    }

    /// Writes one line for the record; `false` if it failed.
    fn record(
        &self,
        number: usize,
        record: &Record,
        text: &str,
        out: &mut Vec<u8>,
        room: &mut Room,
    ) -> bool {
        let parsed = match &record.unreadable {
            Some(why) => Err(vec![why.clone()]),
            None => {
                let at = (record.line, record.column);
                let held = &text[record.range.clone()];
                answers::parse_record(held, self.catalogue, at).map_err(|mut e| {
                    // A JSON array given whole: each of its brackets ends up in a record.
                    if held.trim_start().starts_with(['[', ']']) {
                        e.problems.push(ARRAY_HINT.to_string());
                    }
                    e.problems
                })
            }
        };
        let index = Index {
            record: number,
            line: record.line,
        };
        let written = match parsed {
            Ok(dense) => match &self.plain_paths {
                Some(plain) => self.plain_results(plain, index, dense, room, out),
                None => self.full_results(index, dense, room, out),
            },
            Err(problems) => {
                // serde_json escapes C0 controls but not C1 or bidi ones: these lines may end on
                // a terminal, and the problems echo what the record held.
                let problems = problems
                    .iter()
                    .map(|p| crate::text::sanitize(p).into_owned())
                    .collect();
                let failure = Failure {
                    record: number,
                    line: record.line,
                    error: "invalid answers",
                    problems,
                };
                serde_json::to_writer(&mut *out, &failure).map(|()| false)
            }
        };
        out.push(b'\n');
        // Writing to memory cannot fail; should it, the record counts as failed.
        written.unwrap_or(false)
    }

    /// Only plain fields: paths are scored without any explanation being built.
    fn plain_results(
        &self,
        plain: &ndjson::PlainPaths,
        index: Index,
        dense: Dense,
        room: &mut Room,
        out: &mut Vec<u8>,
    ) -> serde_json::Result<bool> {
        let catalogue = self.catalogue;
        let Dense {
            profile,
            constraints,
            assumed,
        } = dense;
        let person = renewed(&mut room.last_person, &catalogue.criteria, profile);
        let ranking = &mut room.ranking;
        self.prepared.rank_person(person, &constraints, ranking);
        let top = self.top.unwrap_or(usize::MAX);
        // `--fields` applies to the paths ruled out too: with plain fields, no reasons.
        let best = ranking.first().map(|quick| {
            (
                catalogue.paths[quick.path].name.as_ref(),
                engine::Band::of(quick.score, quick.conflicted),
            )
        });
        let warnings = engine::warnings(
            &catalogue.criteria,
            &person.profile,
            &constraints,
            &assumed,
            best,
        );
        let line = ndjson::Line {
            model_version: engine::MODEL_VERSION,
            record: index.record,
            line: index.line,
            after: After {
                assumed: &assumed,
                warnings: &warnings,
                robustness: None,
                portfolios: None,
            },
        };
        ndjson::line(
            &mut Writer::compact(out),
            &line,
            |w| {
                w.list(ranking.iter().take(top).enumerate(), |w, (place, quick)| {
                    plain.write_ranked(w, quick.path, place + 1, quick.score)
                })
            },
            |w| {
                w.list(ranking.ruled_out().iter().copied(), |w, path| {
                    plain.write_ruled_out(w, path)
                })
            },
        )
        .map(|()| true)
    }

    /// Every field, or those `--fields` keeps, with explanations (and robustness if asked).
    fn full_results(
        &self,
        index: Index,
        dense: Dense,
        room: &mut Room,
        out: &mut Vec<u8>,
    ) -> serde_json::Result<bool> {
        let catalogue = self.catalogue;
        let top = self.top.unwrap_or(usize::MAX);
        let Room {
            last_person,
            ranking,
            floats,
            ruled_out,
        } = room;
        let every_field = self.sorted_fields.is_empty();
        // With every field, the paths ruled out are written from the text kept of them (with a
        // catalogue small enough to keep it): their indexes, and the limits they were ruled out
        // for.
        let keep_ruled_out = every_field && catalogue.paths.len() <= RuledOut::PATHS_AT_MOST;
        let mut ruled_out_paths = None;
        let (assessment, portfolios) = if self.settings.is_none() && !self.portfolios {
            // Only the paths written are explained, and the answers stay numbers.
            let Dense {
                profile,
                constraints,
                assumed,
            } = dense;
            let person = renewed(last_person, &catalogue.criteria, profile);
            let explaining = self.explaining;
            let given = (&constraints, assumed.as_slice());
            let assessment = if keep_ruled_out {
                let assessment =
                    (self.prepared).assess_ranked(person, given, top, explaining, ranking);
                ruled_out_paths = Some((self.prepared.ruled_out_by_id(ranking), constraints));
                assessment
            } else {
                (self.prepared).assess_person(person, given, top, explaining, ranking)
            };
            (assessment, None)
        } else {
            // Robustness and portfolios work from every path's explanation.
            let answers = dense.into_answers(&catalogue.criteria);
            // The catalogue's numbers made for the stream, not again for each record, and the
            // worker's room.
            let mut assessment = self.prepared.assess(&answers, usize::MAX, ranking);
            if let Some(settings) = self.settings {
                self.prepared
                    .robustness(&answers, &mut assessment, settings);
            }
            let portfolios = self.portfolios.then(|| {
                self.prepared.portfolios(
                    &answers,
                    assessment.ranking.first(),
                    engine::MAX_PARTS,
                    self.settings,
                )
            });
            (assessment, portfolios)
        };
        let line = ndjson::Line {
            model_version: assessment.model_version,
            record: index.record,
            line: index.line,
            after: After {
                assumed: &assessment.assumed,
                warnings: &assessment.warnings,
                robustness: assessment.robustness.as_ref(),
                portfolios: portfolios.as_ref(),
            },
        };
        ndjson::line(
            &mut Writer::compact(out).remembering(floats.get_or_insert_with(Floats::default)),
            &line,
            |w| {
                w.list(assessment.ranking.iter().take(top), |w, ranked| {
                    if every_field {
                        results::ranked_path(w, ranked)
                    } else {
                        results::kept_ranked_path(w, ranked, &self.sorted_fields)
                    }
                })
            },
            |w| match &ruled_out_paths {
                Some((paths, given)) => w.list(paths, |w, &path| {
                    ruled_out.write(w, &self.prepared, path, given)
                }),
                None => w.list(&assessment.excluded, |w, excluded| {
                    if every_field {
                        results::exclusion(w, excluded)
                    } else {
                        results::kept_exclusion(w, excluded, &self.sorted_fields)
                    }
                }),
            },
        )
        .map(|()| true)
    }
}

/// Where a line comes from. Results lines start with `schema_version`, error lines with
/// `record`, so that the two are told apart at a glance.
struct Index {
    record: usize,
    line: usize,
}

#[derive(Serialize)]
struct Failure {
    record: usize,
    line: usize,
    error: &'static str,
    problems: Vec<String>,
}

/// Where the lines go: standard output, or a file that appears whole when the stream is done
/// (a temporary file beside it, renamed into place by `finish`) and not at all otherwise.
enum Sink {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File(AtomicFile),
}

impl Sink {
    fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut out) => Ok(out.flush()?),
            Sink::File(file) => {
                let shown = crate::text::sanitize(&file.path().display().to_string()).into_owned();
                file.finish()?;
                eprintln!("Wrote {shown}.");
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(bytes),
            Sink::File(file) => file.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File(file) => file.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Gives `text`, then fails.
    struct Failing<'a> {
        text: &'a [u8],
    }

    impl Read for Failing<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
            if self.text.is_empty() {
                return Err(std::io::Error::other("the disk went away"));
            }
            let read = self.text.read(buffer)?;
            Ok(read)
        }
    }

    #[test]
    fn an_input_that_fails_part_way_leaves_no_output_file() {
        let catalogue = crate::catalogue::load(&[Origin::BuiltIn])
            .expect("the built-in catalogue loads")
            .catalogue;
        let scoring = Scoring {
            catalogue: &catalogue,
            prepared: Prepared::new(&catalogue),
            settings: None,
            plain_paths: None,
            sorted_fields: Vec::new(),
            explaining: Explaining::Everything,
            top: Some(1),
            portfolios: false,
        };
        // Past the first batch, so that lines were written before the input failed.
        let text = "{}\n".repeat(10_000);
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("lines.ndjson");
        let output = Sink::File(
            AtomicFile::create(&target, Existing::forced(false), Access::Shared).unwrap(),
        );
        let input = BufReader::new(Failing {
            text: text.as_bytes(),
        });
        let error = score_stream(
            &scoring,
            (input, "the test input"),
            output,
            false,
            Progress::hidden(),
        )
        .unwrap_err();
        assert!(
            format!("{error:#}").contains("cannot read the answers from the test input"),
            "{error:#}"
        );
        assert!(!target.exists(), "a file holding part of the stream");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no temporary file left"
        );
    }
}
