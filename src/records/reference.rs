//! The splitter as it was before it jumped from brace to brace (commit 7090f09): it jumped
//! from one structural byte to the next with memchr, and copied each record twice. Kept, for
//! tests only, to hold the splitter to: the same records, lines, ranges and reasons, whatever
//! the input.

use super::{Batch, MAX_BATCH_BYTES, MAX_RECORD_BYTES, Record};
use std::io::{self, BufRead, Read};

/// The old `Records`.
pub struct Reference<R> {
    input: R,
    line: usize,
    raw: Vec<u8>,
    open: Option<Open>,
    done: bool,
    /// The rest of a line that held more records than the last batch could take.
    carry: Option<Carry>,
    /// Bytes read so far, for a progress bar.
    pub bytes_read: u64,
}

/// Part of a line still to be split, with its line number and any reason it is unreadable.
#[derive(Debug)]
struct Carry {
    line: usize,
    before: usize,
    text: String,
    unreadable: Option<String>,
}

/// A record begun but not yet closed.
#[derive(Debug, Default)]
struct Open {
    line: usize,
    before: usize,
    text: String,
    depth: usize,
    in_string: bool,
    escaped: bool,
    too_large: bool,
    /// Its last byte that is not whitespace, kept even when the text is not (too large).
    last: Option<u8>,
    /// Why the record cannot be used although it could be split (a line not UTF-8).
    unreadable: Option<String>,
}

impl<R: BufRead> Reference<R> {
    pub fn new(input: R) -> Reference<R> {
        Reference {
            input,
            line: 0,
            raw: Vec::new(),
            open: None,
            done: false,
            carry: None,
            bytes_read: 0,
        }
    }

    /// Clears `batch` and fills it with up to `limit` records, and lines until their text is
    /// about `MAX_BATCH_BYTES`; `false` once the input is over and nothing was added.
    pub fn fill(&mut self, batch: &mut Batch, limit: usize) -> io::Result<bool> {
        batch.text.clear();
        batch.records.clear();
        if let Some(carry) = self.carry.take() {
            let at = (carry.line, carry.before);
            self.split(at, &carry.text, carry.unreadable, batch, limit);
        }
        while batch.records.len() < limit
            && batch.text.len() < MAX_BATCH_BYTES
            && self.carry.is_none()
            && !self.done
        {
            let Some(too_long) = self.read_line()? else {
                self.done = true;
                if let Some(open) = self.open.take() {
                    push(batch, open);
                }
                break;
            };
            self.line += 1;
            let line = self.line;
            if too_long {
                // Kept no further than the cap: the record it belongs to is reported, not read.
                if let Some(open) = self.open.take() {
                    push(batch, open);
                }
                let start = batch.text.len();
                batch.records.push(Record {
                    line,
                    column: 1,
                    range: start..start,
                    unreadable: Some(format!(
                        "line {line} is longer than {} KiB",
                        MAX_RECORD_BYTES / 1024
                    )),
                });
                continue;
            }
            // The line's buffer is lent out while it is split, and taken back for the next line.
            let raw = std::mem::take(&mut self.raw);
            let (text, unreadable) = match std::str::from_utf8(&raw) {
                Ok(text) => (std::borrow::Cow::Borrowed(text), None),
                Err(error) => (
                    // Split as text all the same, so that the records around it keep their places.
                    String::from_utf8_lossy(&raw),
                    Some(format!(
                        "line {line} column {}: not UTF-8 text",
                        error.valid_up_to() + 1
                    )),
                ),
            };
            // A byte-order mark, which some editors put at the start of a file, is not content.
            let text = if line == 1 {
                text.strip_prefix('\u{feff}').unwrap_or(&text)
            } else {
                &text
            };
            // A line starting with `{` begins a record, unless it is a value the open one awaits.
            if text.trim_start_matches([' ', '\t']).starts_with('{')
                && self.open.as_ref().is_some_and(|open| !open.awaits_value())
                && let Some(open) = self.open.take()
            {
                push(batch, open);
            }
            self.split((line, 0), text, unreadable, batch, limit);
            self.raw = raw;
        }
        Ok(!batch.records.is_empty())
    }

    /// Splits (part of) a line into the batch, keeping what does not fit for the next one.
    fn split(
        &mut self,
        (line, before): (usize, usize),
        text: &str,
        unreadable: Option<String>,
        batch: &mut Batch,
        limit: usize,
    ) {
        let first_new = batch.records.len();
        let rest = split_line(text, (line, before), &mut self.open, batch, limit);
        if let Some(why) = &unreadable {
            for record in &mut batch.records[first_new..] {
                record.unreadable.get_or_insert_with(|| why.clone());
            }
            if let Some(open) = &mut self.open {
                open.unreadable.get_or_insert_with(|| why.clone());
            }
        }
        if let Some(offset) = rest {
            self.carry = Some(Carry {
                line,
                before: before + text[..offset].chars().count(),
                text: text[offset..].to_string(),
                unreadable,
            });
        }
    }

    /// Reads one line into `raw`, keeping no more than a record may hold: `None` at the end of
    /// the input, `Some(true)` for a line over the cap (its bytes are read past, not kept).
    fn read_line(&mut self) -> io::Result<Option<bool>> {
        let cap = MAX_RECORD_BYTES as u64 + 1;
        self.raw.clear();
        let read = (&mut self.input)
            .take(cap)
            .read_until(b'\n', &mut self.raw)?;
        self.bytes_read += read as u64;
        if read == 0 {
            return Ok(None);
        }
        let ends = self.raw.last() == Some(&b'\n');
        if self.raw.len() as u64 == cap && !ends {
            // Over the cap: read past the rest of the line, a capped piece at a time.
            loop {
                self.raw.clear();
                let read = (&mut self.input)
                    .take(cap)
                    .read_until(b'\n', &mut self.raw)?;
                self.bytes_read += read as u64;
                if read == 0 || self.raw.last() == Some(&b'\n') {
                    break;
                }
            }
            self.raw.clear();
            return Ok(Some(true));
        }
        Ok(Some(false))
    }
}

/// Adds one line to the open record, closing records wherever a value ends. Jumps from one
/// structural byte to the next rather than stepping through every byte.
/// Stops once the batch holds `limit` records, returning where the rest of the line begins.
fn split_line(
    text: &str,
    (line, before): (usize, usize),
    open: &mut Option<Open>,
    batch: &mut Batch,
    limit: usize,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        let record = match open {
            Some(record) => record,
            None if bytes[index].is_ascii_whitespace() => {
                index += 1;
                start = index;
                continue;
            }
            None => open.insert(Open {
                line,
                before: before + text[..index].chars().count(),
                ..Open::default()
            }),
        };
        if record.in_string {
            if record.escaped {
                record.escaped = false;
                index += 1;
                continue;
            }
            match memchr::memchr2(b'"', b'\\', &bytes[index..]) {
                None => index = bytes.len(),
                Some(offset) => {
                    index += offset;
                    if bytes[index] == b'\\' {
                        record.escaped = true;
                    } else {
                        record.in_string = false;
                    }
                    index += 1;
                }
            }
            continue;
        }
        // Objects are what records hold; a list at the top is a mistake that ends with its line.
        let Some(offset) = memchr::memchr3(b'"', b'{', b'}', &bytes[index..]) else {
            break;
        };
        index += offset;
        match bytes[index] {
            b'"' => record.in_string = true,
            b'{' => record.depth += 1,
            _ => {
                record.depth = record.depth.saturating_sub(1);
                if record.depth == 0 {
                    append(record, &text[start..=index]);
                    start = index + 1;
                    if let Some(done) = open.take() {
                        push(batch, done);
                    }
                    if batch.records.len() >= limit && !text[start..].trim().is_empty() {
                        return Some(start);
                    }
                }
            }
        }
        index += 1;
    }
    if let Some(record) = open {
        append(record, &text[start..]);
        // A value that is not an object or a list (a stray word, a number) ends with its line,
        // and so does a record with a string still open: JSON strings do not span lines.
        if (record.depth == 0 || record.in_string)
            && let Some(done) = open.take()
        {
            push(batch, done);
        }
    }
    None
}

impl Open {
    /// Whether the record stands where only a value may come next.
    fn awaits_value(&self) -> bool {
        matches!(self.last, Some(b':' | b'[' | b','))
    }
}

fn append(record: &mut Open, text: &str) {
    if let Some(&last) = text.trim_end().as_bytes().last() {
        record.last = Some(last);
    }
    if record.text.len() + text.len() > MAX_RECORD_BYTES {
        record.too_large = true;
    } else {
        record.text.push_str(text);
    }
}

fn push(batch: &mut Batch, open: Open) {
    let trimmed = open.text.trim();
    if trimmed.is_empty() && !open.too_large {
        return;
    }
    let start = batch.text.len();
    batch.text.push_str(trimmed);
    let too_large = open
        .too_large
        .then(|| format!("the record is larger than {} KiB", MAX_RECORD_BYTES / 1024));
    batch.records.push(Record {
        line: open.line,
        column: super::column_of(open.before, &open.text),
        range: start..batch.text.len(),
        unreadable: too_large.or(open.unreadable),
    });
}
