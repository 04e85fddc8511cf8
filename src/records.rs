//! Splitting a stream of answers into records: JSON values one a line (NDJSON), or one after
//! another across lines, each with the line it starts on. The split is structural: braces
//! outside strings, found by jumping from brace to brace and counting the quotes between (see
//! `Structure`); parsing happens later, per record. One broken record cannot swallow the ones
//! after it: a string cannot span lines, so a record with a string still open ends with its
//! line; and a line that starts with `{`, however indented, starts a new record unless the open
//! one is waiting for a value (after `:`, `[` or `,`), which no valid JSON splits.

use std::io::{self, BufRead};
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
    /// The column (1-based, in characters) its text starts at on that line: with `line`, where
    /// a place within the record stands in the input (`answers::parse_record`).
    pub column: usize,
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
    /// The text buffer of the last record closed, kept for the next one left open by its line.
    spare: String,
    search: Search,
    done: bool,
    /// The rest of a line that held more records than the last batch could take.
    carry: Option<Carry>,
    /// Bytes read so far, for a progress bar.
    pub bytes_read: u64,
}

/// Part of a line still to be split, with its line number, the characters before it on that
/// line, and any reason it is unreadable.
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
    /// The characters before it on its first line.
    before: usize,
    text: String,
    depth: usize,
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
            spare: String::new(),
            search: Search::new(),
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
                    self.spare = push(batch, open);
                }
                break;
            };
            self.line += 1;
            let line = self.line;
            if too_long {
                // Kept no further than the cap: the record it belongs to is reported, not read.
                if let Some(open) = self.open.take() {
                    self.spare = push(batch, open);
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
            if self.open.as_ref().is_some_and(|open| !open.awaits_value())
                && text.trim_start_matches([' ', '\t']).starts_with('{')
                && let Some(open) = self.open.take()
            {
                self.spare = push(batch, open);
            }
            self.split((line, 0), text, unreadable, batch, limit);
            self.raw = raw;
        }
        Ok(!batch.records.is_empty())
    }

    /// Splits (part of) a line into the batch, keeping what does not fit for the next one;
    /// `(line, before)`: its line, and the characters before it on that line.
    fn split(
        &mut self,
        (line, before): (usize, usize),
        text: &str,
        unreadable: Option<String>,
        batch: &mut Batch,
        limit: usize,
    ) {
        let first_new = batch.records.len();
        let rest = split_line(
            text,
            (line, before),
            &mut self.open,
            &mut self.spare,
            &self.search,
            batch,
            limit,
        );
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
        let cap = MAX_RECORD_BYTES + 1;
        self.raw.clear();
        let read = read_capped(&mut self.input, &mut self.raw, cap, &self.search)?;
        self.bytes_read += read as u64;
        if read == 0 {
            return Ok(None);
        }
        let ends = self.raw.last() == Some(&b'\n');
        if self.raw.len() == cap && !ends {
            // Over the cap: read past the rest of the line, a capped piece at a time.
            loop {
                self.raw.clear();
                let read = read_capped(&mut self.input, &mut self.raw, cap, &self.search)?;
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

/// Appends to `out` the bytes of `input` up to and with the next `\n`, but no more than `cap` of
/// them, returning how many: `input.take(cap).read_until(b'\n', out)`, with the newline found
/// by memchr's vector search rather than the standard library's word-at-a-time one.
fn read_capped(
    input: &mut impl BufRead,
    out: &mut Vec<u8>,
    cap: usize,
    search: &Search,
) -> io::Result<usize> {
    let mut read = 0;
    while read < cap {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        let available = &available[..available.len().min(cap - read)];
        let (ends, used) = match search.newline(available) {
            Some(at) => (true, at + 1),
            None => (false, available.len()),
        };
        out.extend_from_slice(&available[..used]);
        input.consume(used);
        read += used;
        if ends || used == 0 {
            break;
        }
    }
    Ok(read)
}

/// Adds one line to the open record, closing records wherever a value ends. Stops once the
/// batch holds `limit` records, returning where the rest of the line begins.
///
/// A record begun and closed on this line, the usual case, goes straight into the batch: one
/// copy, no `Open`. Only a record still open at the end of the line is kept in an `Open`, whose
/// text buffer is `spare`, the buffer of the last one closed.
fn split_line(
    text: &str,
    (line, before): (usize, usize),
    open: &mut Option<Open>,
    spare: &mut String,
    search: &Search,
    batch: &mut Batch,
    limit: usize,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut structure = Structure::new(bytes, search);
    // The characters before the record being split, on its first line.
    let mut record_before = 0;
    // Where the record being split begins on this line (0 for one begun on an earlier line),
    // whether there is one, and how deep in braces it is.
    let mut start = 0;
    let mut in_record = open.is_some();
    let mut depth = open.as_ref().map_or(0, |record| record.depth);
    // Characters counted so far: those before byte `counted.0` of the line, `counted.1`. A
    // record's column is counted on from the last one's, so a line of many records is counted
    // once.
    let mut counted = (0, before);
    let mut chars_before = |at: usize| {
        if at > counted.0 {
            counted = (at, counted.1 + text[counted.0..at].chars().count());
        }
        counted.1
    };
    loop {
        if !in_record {
            // Between records, blanks are skipped and anything else begins a record. No string
            // is open here, and blanks hold no quote, so `structure` need not know.
            let offset = bytes[start..]
                .iter()
                .position(|byte| !byte.is_ascii_whitespace())?;
            start += offset;
            in_record = true;
            depth = 0;
            record_before = chars_before(start);
        }
        // Objects are what records hold; a list at the top is a mistake that ends with its line.
        let Some(brace) = structure.next_brace() else {
            break;
        };
        if bytes[brace] == b'{' {
            depth += 1;
            continue;
        }
        depth = depth.saturating_sub(1);
        if depth > 0 {
            continue;
        }
        let end = brace + 1;
        match open.take() {
            Some(mut record) => {
                append(&mut record, &text[start..end]);
                *spare = push(batch, record);
            }
            None => push_whole(batch, (line, record_before), &text[start..end]),
        }
        start = end;
        in_record = false;
        if batch.records.len() >= limit && !text[start..].trim().is_empty() {
            return Some(start);
        }
    }
    if !in_record {
        return None;
    }
    let rest = &text[start..];
    // A value that is not an object or a list (a stray word, a number) ends with its line,
    // and so does a record with a string still open: JSON strings do not span lines.
    let ends = depth == 0 || structure.in_string;
    match open.take() {
        Some(mut record) => {
            append(&mut record, rest);
            if ends {
                *spare = push(batch, record);
            } else {
                record.depth = depth;
                *open = Some(record);
            }
        }
        None if ends => push_whole(batch, (line, record_before), rest),
        None => {
            let mut record = Open {
                line,
                before: record_before,
                text: std::mem::take(spare),
                depth,
                ..Open::default()
            };
            append(&mut record, rest);
            *open = Some(record);
        }
    }
    None
}

/// Finds a line's braces that stand outside strings, one after the other, as if stepping
/// through its bytes from the first with no string open: `"` opens and closes a string, and in
/// one, `\` escapes the byte after it. All of the line's quotes count, since only blanks stand
/// between records.
///
/// Rather than stepping through every byte, it jumps from brace to brace with memchr's vector
/// search and counts the quotes in between, with a loop the compiler vectorizes: with no
/// backslash among them, a string is open at a brace when the quotes before it are odd in
/// number. From the first backslash on (rare: an escape in a string), it steps byte by byte.
struct Structure<'a> {
    bytes: &'a [u8],
    search: &'a Search,
    /// The next byte to look at.
    at: usize,
    /// Whether a backslash was met, and so the rest is stepped through byte by byte.
    stepping: bool,
    in_string: bool,
    /// Whether the byte at `at` is escaped (stepping only).
    escaped: bool,
}

impl<'a> Structure<'a> {
    fn new(bytes: &'a [u8], search: &'a Search) -> Structure<'a> {
        Structure {
            bytes,
            search,
            at: 0,
            stepping: false,
            in_string: false,
            escaped: false,
        }
    }

    /// The next `{` or `}` outside strings; `None` at the end of the line, with `in_string`
    /// then telling whether the line ends within a string. Inlined into its one caller, which
    /// calls it for every brace.
    #[inline(always)]
    fn next_brace(&mut self) -> Option<usize> {
        while !self.stepping && self.at < self.bytes.len() {
            let rest = &self.bytes[self.at..];
            let brace = self.search.brace(rest);
            let (odd, backslash) = quotes(&rest[..brace.unwrap_or(rest.len())]);
            if backslash {
                self.stepping = true;
                break;
            }
            self.in_string ^= odd;
            let Some(offset) = brace else {
                self.at = self.bytes.len();
                return None;
            };
            self.at += offset + 1;
            if !self.in_string {
                return Some(self.at - 1);
            }
        }
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if byte == b'\\' {
                    self.escaped = true;
                } else if byte == b'"' {
                    self.in_string = false;
                }
            } else if byte == b'"' {
                self.in_string = true;
            } else if byte == b'{' || byte == b'}' {
                return Some(self.at - 1);
            }
        }
        None
    }
}

/// Whether `bytes` hold an odd number of `"`, and whether they hold a `\`. A plain loop over
/// the bytes, with no early exit, so that the compiler makes it compare 16 or 32 at a time.
fn quotes(bytes: &[u8]) -> (bool, bool) {
    let (mut quotes, mut backslash) = (0u8, false);
    for &byte in bytes {
        quotes = quotes.wrapping_add(u8::from(byte == b'"'));
        backslash |= byte == b'\\';
    }
    (quotes & 1 == 1, backslash)
}

/// memchr's vector searches for the bytes the reader looks for, chosen once rather than at
/// each call: on x86-64, AVX2 when the processor has it; elsewhere, memchr's own choice.
#[derive(Debug)]
struct Search {
    #[cfg(target_arch = "x86_64")]
    avx2: Option<(
        memchr::arch::x86_64::avx2::memchr::One,
        memchr::arch::x86_64::avx2::memchr::Two,
    )>,
}

impl Search {
    fn new() -> Search {
        #[cfg(target_arch = "x86_64")]
        use memchr::arch::x86_64::avx2::memchr::{One, Two};
        Search {
            #[cfg(target_arch = "x86_64")]
            avx2: One::new(b'\n').zip(Two::new(b'{', b'}')),
        }
    }

    /// The first `\n`.
    fn newline(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some((one, _)) = &self.avx2 {
            return one.find(haystack);
        }
        memchr::memchr(b'\n', haystack)
    }

    /// The first `{` or `}`.
    fn brace(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some((_, two)) = &self.avx2 {
            return two.find(haystack);
        }
        memchr::memchr2(b'{', b'}', haystack)
    }
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

/// Adds the record to the batch, giving back its text buffer, emptied, for the next one.
fn push(batch: &mut Batch, open: Open) -> String {
    let Open {
        line,
        before,
        mut text,
        too_large,
        unreadable,
        ..
    } = open;
    let trimmed = text.trim();
    if !trimmed.is_empty() || too_large {
        let start = batch.text.len();
        batch.text.push_str(trimmed);
        let too_large =
            too_large.then(|| format!("the record is larger than {} KiB", MAX_RECORD_BYTES / 1024));
        batch.records.push(Record {
            line,
            column: column_of(before, &text),
            range: start..batch.text.len(),
            unreadable: too_large.or(unreadable),
        });
    }
    text.clear();
    text
}

/// Adds a record that begins and ends on `line`, whose text is all of `text`: what `append`
/// to a new `Open` and then `push` would do, without copying the text twice.
fn push_whole(batch: &mut Batch, (line, before): (usize, usize), text: &str) {
    if text.len() > MAX_RECORD_BYTES {
        // Possible although the line is capped: a line that is not UTF-8 grows when its bad
        // bytes are replaced.
        let open = Open {
            line,
            before,
            too_large: true,
            ..Open::default()
        };
        push(batch, open);
        return;
    }
    // It begins with a byte that is not an ASCII blank (they are skipped), so it needs trimming
    // only when that is the start of another blank, or when it does not end with its `}`.
    let (trimmed, column) = match text.as_bytes() {
        [first, .., b'}'] if first.is_ascii_graphic() => (text, before + 1),
        _ => (text.trim(), column_of(before, text)),
    };
    if trimmed.is_empty() {
        return;
    }
    let start = batch.text.len();
    batch.text.push_str(trimmed);
    batch.records.push(Record {
        line,
        column,
        range: start..batch.text.len(),
        unreadable: None,
    });
}

/// The column a record's text starts at once the blanks at its start are cut, for a text with
/// `before` characters before it on its line. Those blanks are on that line: a record that goes
/// on to another line holds a `{` on its first.
fn column_of(before: usize, text: &str) -> usize {
    let lead = text.len() - text.trim_start().len();
    before + text[..lead].chars().count() + 1
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    /// Splits `input` with both the splitter and the old one it replaced, read `capacity` bytes
    /// at a time, filling batches of `limits` records in turn, and checks that every batch is
    /// the same: the records (lines, ranges, reasons), their text, and the bytes read.
    fn same_as_before(input: &[u8], capacity: usize, limits: &[usize]) -> Result<(), String> {
        let mut new = Records::new(io::BufReader::with_capacity(capacity, input));
        let mut old = reference::Reference::new(io::BufReader::with_capacity(capacity, input));
        let (mut batch, mut expected) = (Batch::default(), Batch::default());
        for round in 0..=input.len() + 1 {
            let limit = limits[round % limits.len()];
            let more = new.fill(&mut batch, limit).map_err(|e| e.to_string())?;
            let expected_more = old.fill(&mut expected, limit).map_err(|e| e.to_string())?;
            if (more, &batch.records, &batch.text, new.bytes_read)
                != (
                    expected_more,
                    &expected.records,
                    &expected.text,
                    old.bytes_read,
                )
            {
                return Err(format!(
                    "batch {round} (limit {limit}): {more} {:?} {:?} ({} bytes read), before: \
                     {expected_more} {:?} {:?} ({} bytes read)",
                    batch.records,
                    batch.text,
                    new.bytes_read,
                    expected.records,
                    expected.text,
                    old.bytes_read
                ));
            }
            if !more {
                return Ok(());
            }
        }
        Err("the input never ended".into())
    }

    /// Pieces of answers files, whole and broken, for the random inputs to be made of.
    const PIECES: &[&[u8]] = &[
        b"{",
        b"}",
        b"{",
        b"}",
        b"\"",
        b"\"",
        b"\\",
        b"\\\\",
        b"\\\"",
        b"\n",
        b"\n",
        b"\r\n",
        b" ",
        b"  ",
        b"\t",
        b"\x0b",
        b"\x0c",
        b":",
        b",",
        b"[",
        b"]",
        b"a",
        b"12",
        b"null",
        "é".as_bytes(),
        "\u{3000}".as_bytes(),
        "\u{85}".as_bytes(),
        "\u{feff}".as_bytes(),
        b"\xff",
        b"\xc3",
        b"\xe2\x80",
        b"{\"a\": 1}",
        b"{\"b\": \"}{\"}",
        b"{\"c\": {\"d\": [1, {\"e\": \"\\\"}\"}]}}",
        b"\"a string long enough to cross a block of sixteen or thirty-two bytes\"",
        b"{\"skills\": {\"selling\": 3, \"leadership\": 4}, \"goals\": {\"income\": 5}}\n",
        b"{\n  \"skills\": {\n    \"selling\": 3\n  },\n",
        b"  \"goals\": {}\n}\n",
    ];

    fn answers_like() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(prop::sample::select(PIECES), 0..80)
            .prop_map(|pieces| pieces.concat())
    }

    fn limits() -> impl Strategy<Value = Vec<usize>> {
        prop::collection::vec(prop_oneof![1..=3usize, Just(1000)], 1..4)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn splits_as_before(
            input in answers_like(),
            capacity in prop_oneof![1..=40usize, Just(8192)],
            limits in limits(),
        ) {
            prop_assert_eq!(same_as_before(&input, capacity, &limits), Ok(()), "{:?}", String::from_utf8_lossy(&input));
        }

        #[test]
        fn each_record_starts_at_its_line_and_column(
            input in answers_like(),
            limits in limits(),
        ) {
            let Ok(text) = std::str::from_utf8(&input) else { return Ok(()) };
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let lines: Vec<&str> = text.split('\n').collect();
            let mut records = Records::new(io::BufReader::with_capacity(16, input.as_slice()));
            let mut batch = Batch::default();
            for round in 0.. {
                if !records.fill(&mut batch, limits[round % limits.len()]).unwrap() {
                    break;
                }
                for record in batch.records.iter().filter(|r| r.unreadable.is_none()) {
                    // The record's first line stands in the input at its line and column.
                    let first = batch.text[record.range.clone()].split('\n').next().unwrap();
                    let from: String = lines[record.line - 1].chars().skip(record.column - 1).collect();
                    prop_assert!(from.starts_with(first), "{:?} at {}:{} in {:?}", first, record.line, record.column, text);
                }
            }
        }

        #[test]
        fn splits_any_bytes_as_before(
            input in prop::collection::vec(prop::sample::select(b"{}\"\\\n :,[a\xff\xc3\xa9\t\r".to_vec()), 0..300),
            limits in limits(),
        ) {
            prop_assert_eq!(same_as_before(&input, 8192, &limits), Ok(()), "{:?}", String::from_utf8_lossy(&input));
        }
    }

    #[test]
    fn splits_records_at_and_over_the_caps_as_before() {
        let big = |n: usize| "x".repeat(n);
        let just_fits = format!("{{\"a\": \"{}\"}}\n", big(MAX_RECORD_BYTES - 10));
        let inputs: Vec<Vec<u8>> = vec![
            // A line exactly as long as a record may be, and one a byte longer.
            format!("{just_fits}{{}}\n").into_bytes(),
            format!("{{\"a\": \"{}\"}}\n{{}}\n", big(MAX_RECORD_BYTES - 9)).into_bytes(),
            format!("{{\"a\": \"{}\"}}", big(MAX_RECORD_BYTES - 9)).into_bytes(),
            // A record over several lines that together are too large, and the lines after it.
            format!(
                "{{\"a\": \"{}\",\n\"b\": \"{}\",\n\"c\": 1}}\n{{\"d\": 2}}\n",
                big(MAX_RECORD_BYTES / 2),
                big(MAX_RECORD_BYTES / 2)
            )
            .into_bytes(),
            format!(
                "{{\"a\": \"{}\",\n\"b\": 1,\n\"c\": \"{}\"}}\n",
                big(MAX_RECORD_BYTES - 100),
                big(200)
            )
            .into_bytes(),
            // Bad bytes, which grow when replaced, make a line that fits a record too large.
            [
                &b"{\"a\": \""[..],
                &vec![0xff; MAX_RECORD_BYTES / 2],
                b"\"}\n{}\n",
            ]
            .concat(),
            [
                &b"{\"a\": \""[..],
                &vec![0xff; MAX_RECORD_BYTES / 2],
                b"\"\n}\n",
            ]
            .concat(),
            [
                &b"{\"a\": 1,\n\"b\": \""[..],
                &vec![0xff; MAX_RECORD_BYTES / 2],
                b"\"\n}\n",
            ]
            .concat(),
        ];
        for input in &inputs {
            for capacity in [1000, 1 << 16] {
                for limits in [&[1][..], &[2, 1000][..], &[1000][..]] {
                    assert_eq!(same_as_before(input, capacity, limits), Ok(()));
                }
            }
        }
    }
}
