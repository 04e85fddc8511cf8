//! Splitting a stream of answers into records: JSON values one a line (NDJSON), or one after
//! another across lines, each with the line it starts on. The split is structural (braces and
//! brackets outside strings), so it costs a glance at each byte; parsing happens later, per
//! record. One broken record cannot swallow the ones after it: a string cannot span lines, so a
//! record with a string still open ends with its line; and a line that starts with `{`, however
//! indented, starts a new record unless the open one is waiting for a value (after `:`, `[` or
//! `,`), which no valid JSON splits.

use std::io::{self, BufRead, Read};
use std::ops::Range;

/// The most one record may hold; a larger one is reported and skipped.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;
/// A batch stops taking lines once its records hold this much text, however few they are.
pub const MAX_BATCH_BYTES: usize = 16 * 1024 * 1024;

/// Records gathered for processing together, their texts in one buffer that is reused.
#[derive(Debug, Default)]
pub struct Batch {
    pub text: String,
    pub records: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line (1-based) the record starts on.
    pub line: usize,
    /// Its text within `Batch::text`.
    pub range: Range<usize>,
    /// Why the record could not even be read, when it could not.
    pub unreadable: Option<String>,
}

/// Reads records from `input`, never holding more than one capped line of it.
pub struct Records<R> {
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
    text: String,
    unreadable: Option<String>,
}

/// A record begun but not yet closed.
#[derive(Debug, Default)]
struct Open {
    line: usize,
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

impl<R: BufRead> Records<R> {
    pub fn new(input: R) -> Records<R> {
        Records {
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
            self.split(carry.line, &carry.text, carry.unreadable, batch, limit);
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
            self.split(line, text, unreadable, batch, limit);
            self.raw = raw;
        }
        Ok(!batch.records.is_empty())
    }

    /// Splits (part of) a line into the batch, keeping what does not fit for the next one.
    fn split(
        &mut self,
        line: usize,
        text: &str,
        unreadable: Option<String>,
        batch: &mut Batch,
        limit: usize,
    ) {
        let first_new = batch.records.len();
        let rest = split_line(text, line, &mut self.open, batch, limit);
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
    line: usize,
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
        range: start..batch.text.len(),
        unreadable: too_large.or(open.unreadable),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(input: &str) -> Vec<(usize, String)> {
        let mut records = Records::new(input.as_bytes());
        let mut batch = Batch::default();
        let mut all = Vec::new();
        while records.fill(&mut batch, 2).unwrap() {
            for record in &batch.records {
                let text = record
                    .unreadable
                    .clone()
                    .unwrap_or_else(|| batch.text[record.range.clone()].to_string());
                all.push((record.line, text));
            }
        }
        all
    }

    #[test]
    fn one_value_a_line() {
        assert_eq!(
            split("{\"a\": 1}\n\n{\"b\": \"}{\"}\n"),
            [(1, "{\"a\": 1}".into()), (3, "{\"b\": \"}{\"}".into())]
        );
    }

    #[test]
    fn values_across_lines_and_several_on_a_line() {
        let input = "{\n  \"a\": {\n    \"b\": 1\n  }\n}\n{\"c\": 2} {\"d\": 3}\n";
        assert_eq!(
            split(input),
            [
                (1, "{\n  \"a\": {\n    \"b\": 1\n  }\n}".into()),
                (6, "{\"c\": 2}".into()),
                (6, "{\"d\": 3}".into())
            ]
        );
    }

    #[test]
    fn a_broken_record_does_not_swallow_the_next() {
        let input = "{\"a\": {\n{\"b\": 1}\nnonsense\n{\"c\": 2}";
        assert_eq!(
            split(input),
            [
                (1, "{\"a\": {".into()),
                (2, "{\"b\": 1}".into()),
                (3, "nonsense".into()),
                (4, "{\"c\": 2}".into())
            ]
        );
    }

    #[test]
    fn indentation_does_not_hide_a_record_start() {
        let input = "{\"a\": \"4}\n  {\"b\": 1}\n{\"c\": {\"d\": 1}\n\t{\"e\": 2}\n";
        assert_eq!(
            split(input),
            [
                (1, "{\"a\": \"4}".into()),
                (2, "{\"b\": 1}".into()),
                (3, "{\"c\": {\"d\": 1}".into()),
                (4, "{\"e\": 2}".into())
            ]
        );
    }

    #[test]
    fn a_value_awaited_on_the_next_line_stays_in_its_record() {
        let input = "{\"a\":\n{\"b\": 1},\n \"c\": [\n  {\"d\": 1},\n  {\"e\": 2}\n ]}\n{}\n";
        assert_eq!(
            split(input),
            [
                (1, input.trim_end().strip_suffix("\n{}").unwrap().into()),
                (7, "{}".into())
            ]
        );
    }

    #[test]
    fn escapes_and_braces_inside_strings_are_not_structure() {
        let input = "{\"a\": \"x\\\" } {\"}\n{\"b\": \"\\\\\"}\n";
        assert_eq!(
            split(input),
            [
                (1, "{\"a\": \"x\\\" } {\"}".into()),
                (2, "{\"b\": \"\\\\\"}".into())
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_and_crlf_line_ends_are_not_content() {
        assert_eq!(
            split("\u{feff}{\"a\": 1}\r\n{\"b\": 2}\r\n"),
            [(1, "{\"a\": 1}".into()), (2, "{\"b\": 2}".into())]
        );
    }

    #[test]
    fn a_bad_byte_inside_a_record_spoils_that_record_only() {
        let mut records =
            Records::new(&b"{\n \"skills\": {\"selling\": \"\xff\"},\n \"goals\": {}\n}\n{}\n"[..]);
        let mut batch = Batch::default();
        records.fill(&mut batch, 10).unwrap();
        let found: Vec<(usize, Option<&str>)> = batch
            .records
            .iter()
            .map(|r| (r.line, r.unreadable.as_deref()))
            .collect();
        assert_eq!(
            found,
            [(1, Some("line 2 column 25: not UTF-8 text")), (5, None)]
        );
    }

    #[test]
    fn a_line_longer_than_a_record_may_be_is_reported_not_kept() {
        let long = format!(
            "{{\"a\": \"{}\"}}\n{{}}\n",
            "x".repeat(MAX_RECORD_BYTES + 10)
        );
        let mut records = Records::new(long.as_bytes());
        let mut batch = Batch::default();
        records.fill(&mut batch, 10).unwrap();
        assert_eq!(batch.records.len(), 2);
        assert!(
            batch.records[0]
                .unreadable
                .as_deref()
                .unwrap()
                .contains("longer than 1024 KiB")
        );
        assert!(batch.text.len() < 10, "the long line is not kept");
        assert_eq!(batch.records[1].line, 2);
    }

    #[test]
    fn many_records_on_one_line_fill_several_batches() {
        let line = "{}".repeat(10);
        let mut records = Records::new(line.as_bytes());
        let mut batch = Batch::default();
        let mut sizes = Vec::new();
        while records.fill(&mut batch, 4).unwrap() {
            sizes.push(batch.records.len());
        }
        assert_eq!(sizes, [4, 4, 2]);
    }

    #[test]
    fn a_batch_is_bounded_by_its_bytes_as_well_as_its_records() {
        let record = format!("{{\"a\": \"{}\"}}\n", "x".repeat(100_000));
        let input = record.repeat(MAX_BATCH_BYTES / 100_000 + 50);
        let mut records = Records::new(input.as_bytes());
        let mut batch = Batch::default();
        let mut sizes = Vec::new();
        while records.fill(&mut batch, 4096).unwrap() {
            assert!(batch.text.len() < MAX_BATCH_BYTES + record.len());
            sizes.push(batch.records.len());
        }
        assert_eq!(sizes.len(), 2, "{sizes:?}");
        assert_eq!(sizes.iter().sum::<usize>(), MAX_BATCH_BYTES / 100_000 + 50);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_reported_in_place() {
        let mut records = Records::new(&b"{\"a\": 1}\n{\"b\": \"\xff\"}\n{\"c\": 1}\n"[..]);
        let mut batch = Batch::default();
        records.fill(&mut batch, 10).unwrap();
        assert_eq!(batch.records.len(), 3);
        assert_eq!(
            batch.records[1].unreadable.as_deref(),
            Some("line 2 column 8: not UTF-8 text")
        );
        assert_eq!(&batch.text[batch.records[2].range.clone()], "{\"c\": 1}");
    }
}
