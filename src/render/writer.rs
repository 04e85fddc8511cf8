//! JSON text written by hand, byte for byte as `serde_json` writes it: compact (`to_writer`: no
//! spaces, no newlines) or pretty (`to_writer_pretty`: two spaces an indent, `"key": value`, `[]`
//! and `{}` when empty). Results run to thousands of fields, and serde's call per token cost more
//! than the scoring; here a field is a few bytes pushed onto a buffer.

use serde::Serialize;
use std::io;

pub type Result = serde_json::Result<()>;

/// Bytes of JSON gathered before each write to the output (a spilling writer's pieces too).
pub const SPILL_AT: usize = 32 * 1024;

/// A key as the text has it, quoted and with its colon, made by `key!`: each is copied whole, in
/// one copy of known length, as every key of every path is.
#[derive(Clone, Copy)]
pub struct Key {
    /// `"rank":`
    pub compact: &'static str,
    /// `,"rank":`, for a key after the first: the comma and the key in one copy.
    pub compact_next: &'static str,
    /// `"rank": `
    pub pretty: &'static str,
}

/// The `Key` of a field's name: `key!("rank")`.
macro_rules! key {
    ($name:literal) => {
        $crate::render::writer::Key {
            compact: concat!("\"", $name, "\":"),
            compact_next: concat!(",\"", $name, "\":"),
            pretty: concat!("\"", $name, "\": "),
        }
    };
}
pub(crate) use key;

pub struct Writer<'a> {
    out: &'a mut Vec<u8>,
    /// Where the text goes once `out` holds `SPILL_AT` bytes, between two items of a list: a
    /// document of hundreds of kilobytes is then never held whole. `None` keeps it all in `out`.
    spill: Option<&'a mut dyn io::Write>,
    /// Floats written before, kept as text: `None` writes each afresh.
    floats: Option<&'a mut Floats>,
    pretty: bool,
    /// How many objects and lists are open.
    depth: usize,
    /// Whether the innermost open object or list has nothing in it yet.
    empty: bool,
}

impl<'a> Writer<'a> {
    /// On one line, as `serde_json::to_writer` writes.
    pub fn compact(out: &'a mut Vec<u8>) -> Writer<'a> {
        Writer::new(out, false)
    }

    /// Indented, as `serde_json::to_writer_pretty` writes.
    pub fn pretty(out: &'a mut Vec<u8>) -> Writer<'a> {
        Writer::new(out, true)
    }

    fn new(out: &'a mut Vec<u8>, pretty: bool) -> Writer<'a> {
        Writer {
            out,
            spill: None,
            floats: None,
            pretty,
            depth: 0,
            empty: true,
        }
    }

    /// The same writer, passing its text on to `spill` as it grows.
    pub fn spilling_into(self, spill: &'a mut dyn io::Write) -> Writer<'a> {
        Writer {
            spill: Some(spill),
            ..self
        }
    }

    /// The same writer, copying floats it has written before from `floats`.
    pub fn remembering(self, floats: &'a mut Floats) -> Writer<'a> {
        Writer {
            floats: Some(floats),
            ..self
        }
    }

    /// Passes the text written so far on, once there is enough of it. Checked after every item
    /// of every list, and most writers never spill: the check stays inline, the spill does not.
    #[inline(always)]
    fn spill_when_full(&mut self) -> Result {
        if self.spill.is_some() && self.out.len() >= SPILL_AT {
            self.spill()
        } else {
            Ok(())
        }
    }

    /// Passes the text on up to the end of its last line: standard output is line-buffered,
    /// and writes a piece that ends within a line as two, the rest of the line held back.
    #[cold]
    fn spill(&mut self) -> Result {
        let end =
            (self.out.iter().rposition(|&byte| byte == b'\n')).map_or(self.out.len(), |at| at + 1);
        if let Some(spill) = &mut self.spill {
            spill
                .write_all(&self.out[..end])
                .map_err(serde_json::Error::io)?;
            self.out.drain(..end);
        }
        Ok(())
    }

    /// An object: `fields` writes each field, a key then its value.
    pub fn object(&mut self, fields: impl FnOnce(&mut Self) -> Result) -> Result {
        self.open(b'{');
        fields(self)?;
        self.close(b'}');
        Ok(())
    }

    /// A list of `items`, each written by `write`.
    pub fn list<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut write: impl FnMut(&mut Self, T) -> Result,
    ) -> Result {
        self.open(b'[');
        for item in items {
            self.next_value();
            write(self, item)?;
            self.spill_when_full()?;
        }
        self.close(b']');
        Ok(())
    }

    /// A field's key (see `key!`); its value is written next.
    #[inline(always)]
    pub fn key(&mut self, key: Key) -> &mut Self {
        if self.pretty {
            self.next_value();
            self.out.extend_from_slice(key.pretty.as_bytes());
        } else {
            let key = if self.empty {
                key.compact
            } else {
                key.compact_next
            };
            self.out.extend_from_slice(key.as_bytes());
            self.empty = false;
        }
        self
    }

    /// A value as compact JSON text that `write` puts straight into the buffer: for values made
    /// mostly of text worked out once (`ndjson::PlainPaths`).
    pub fn written_value(&mut self, write: impl FnOnce(&mut Vec<u8>) -> Result) -> Result {
        debug_assert!(!self.pretty, "values are written compact");
        write(self.out)
    }

    /// `null`, or the value `write` writes.
    pub fn option<T>(
        &mut self,
        value: Option<T>,
        write: impl FnOnce(&mut Self, T) -> Result,
    ) -> Result {
        match value {
            Some(value) => write(self, value),
            None => {
                self.out.extend_from_slice(b"null");
                Ok(())
            }
        }
    }

    /// A string: as it is when nothing in it needs escaping (serde_json escapes only `"`, `\`
    /// and C0 controls), through serde_json otherwise.
    pub fn text(&mut self, text: &str) -> Result {
        if needs_escape(text.as_bytes()) {
            return self.value(text);
        }
        self.quoted(text);
        Ok(())
    }

    /// A string from the code that needs no escaping, such as an enum's name.
    #[inline(always)]
    pub fn word(&mut self, word: &'static str) -> Result {
        debug_assert!(!needs_escape(word.as_bytes()));
        self.quoted(word);
        Ok(())
    }

    #[inline(always)]
    fn quoted(&mut self, text: &str) {
        self.out.push(b'"');
        self.out.extend_from_slice(text.as_bytes());
        self.out.push(b'"');
    }

    /// A whole number, or `null`, as serde_json writes it: for the numbers written on every
    /// line of a stream, without serde's call per value.
    pub fn whole(&mut self, value: Option<u64>) -> Result {
        match value {
            // Most are ratings, one digit: pushed, not copied in a call of a length found at run
            // time.
            Some(digit @ 0..10) => self.out.push(b'0' + digit as u8),
            Some(value) => self
                .out
                .extend_from_slice(itoa::Buffer::new().format(value).as_bytes()),
            None => self.out.extend_from_slice(b"null"),
        }
        Ok(())
    }

    /// A float as serde_json writes it (`null` if not finite), copied when it was written before.
    pub fn float(&mut self, value: f64) -> Result {
        match &mut self.floats {
            Some(floats) if value.is_finite() => {
                floats.write(value, self.out);
                Ok(())
            }
            // Zero is the commonest float of all (43% of a line with every field): without a
            // `Floats` to remember them, written as serde_json writes it without working its
            // text out. (With one, a branch on it costs more than the lookup it saves.)
            _ if value.to_bits() == 0 => {
                self.out.extend_from_slice(b"0.0");
                Ok(())
            }
            _ => self.value(&value),
        }
    }

    /// A value through serde_json: numbers (floats as it writes them), options of them, escaped
    /// strings. Anything with objects or lists in it only on a compact writer: serde_json cannot
    /// start pretty at this writer's indent.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        serde_json::to_writer(&mut *self.out, value)
    }

    #[inline(always)]
    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
    }

    #[inline(always)]
    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.pretty && !self.empty {
            self.new_line(false);
        }
        self.out.push(bracket);
        // The object or list just closed is a value of the one around it.
        self.empty = false;
    }

    /// What comes before a value in an object or list: a comma after the first, and in pretty
    /// text a line of its own.
    #[inline(always)]
    fn next_value(&mut self) {
        if self.pretty {
            self.new_line(!self.empty);
        } else if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
    }

    /// A comma if asked, a newline and the indent: one copy of fixed length cut back to the
    /// depth's (a copy of a length known only when run is a call to `memcpy`, slower than the
    /// bytes it copies).
    #[inline(always)]
    fn new_line(&mut self, comma: bool) {
        let end = self.out.len() + usize::from(comma) + 1 + 2 * self.depth;
        match SEPARATOR[usize::from(!comma)..].first_chunk::<33>() {
            Some(line) if end - self.out.len() <= line.len() => {
                self.out.extend_from_slice(line);
                self.out.truncate(end);
            }
            _ => {
                if comma {
                    self.out.push(b',');
                }
                self.out.push(b'\n');
                self.out.resize(end, b' ');
            }
        }
    }
}

/// The text of floats written lately, for a writer to copy rather than work out again: the
/// shortest text that reads back as the same float takes longer to find than to copy, and a
/// line's floats repeat (each criterion's weight, the same points on many paths, zeros).
pub struct Floats {
    /// Each float in the slot its bits hash to, the last one there.
    slots: Box<[Float; FLOAT_SLOTS]>,
}

/// A power of two, so that the top bits of a hash pick a slot.
const FLOAT_SLOTS: usize = 2048;
const _: () = assert!(FLOAT_SLOTS.is_power_of_two());

/// A float and its text, padded: copied whole and cut back, in one copy of fixed length. 31
/// bytes of text make a slot 40 bytes.
#[derive(Clone, Copy)]
struct Float {
    bits: u64,
    len: u8,
    /// The longest float serde_json writes, `-2.2250738585072014e-308`, is 24 bytes.
    text: [u8; 31],
}

impl Default for Floats {
    fn default() -> Floats {
        // NaN's bits never match: only finite floats are kept.
        let empty = Float {
            bits: f64::NAN.to_bits(),
            len: 0,
            text: [0; 31],
        };
        Floats {
            slots: Box::new([empty; FLOAT_SLOTS]),
        }
    }
}

impl Floats {
    /// Writes finite `value` as serde_json does.
    fn write(&mut self, value: f64, out: &mut Vec<u8>) {
        let bits = value.to_bits();
        // Fibonacci hashing: the multiply mixes every bit of the float into the top ones, which
        // pick the slot.
        let slot = &mut self.slots
            [(bits.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FLOAT_SLOTS.ilog2())) as usize];
        if slot.bits != bits {
            let mut text = &mut slot.text[..];
            serde_json::to_writer(&mut text, &value).expect("a float fits in 31 bytes");
            let left = text.len();
            slot.len = (slot.text.len() - left) as u8;
            slot.bits = bits;
        }
        let end = out.len() + usize::from(slot.len);
        out.extend_from_slice(&slot.text);
        out.truncate(end);
    }
}

/// A comma, a newline and the deepest indent most text needs.
const SEPARATOR: &[u8; 34] = b",\n                                ";

/// Whether any byte is `"`, `\` or below 0x20.
fn needs_escape(bytes: &[u8]) -> bool {
    match bytes.len() {
        16.. => any_escaped::<16>(bytes),
        8.. => any_escaped::<8>(bytes),
        4.. => any_escaped::<4>(bytes),
        _ => bytes.iter().any(|&b| escaped(b)),
    }
}

/// `needs_escape` for at least `N` bytes, `N` at a time, every byte of each looked at, so that
/// the compiler checks them together (and no call copies them); the bytes after the last `N` are
/// looked at again with those before them.
fn any_escaped<const N: usize>(bytes: &[u8]) -> bool {
    let (chunks, _) = bytes.as_chunks::<N>();
    chunks
        .iter()
        .chain(bytes.last_chunk::<N>())
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | escaped(b)))
}

/// Whether serde_json escapes this byte.
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn both(write: impl Fn(&mut Writer) -> Result) -> (String, String) {
        let (mut compact, mut pretty) = (Vec::new(), Vec::new());
        write(&mut Writer::compact(&mut compact)).unwrap();
        write(&mut Writer::pretty(&mut pretty)).unwrap();
        (
            String::from_utf8(compact).unwrap(),
            String::from_utf8(pretty).unwrap(),
        )
    }

    #[test]
    fn nesting_is_written_as_serde_writes_it() {
        let value = serde_json::json!({
            "empty_list": [],
            "empty_object": {},
            "lists": [[], [1, [2.5]], {"a": null}],
            "nested": {"deep": {"deeper": [{}]}},
        });
        let (compact, pretty) = both(|w| {
            w.object(|w| {
                w.key(key!("empty_list"))
                    .list([0u8; 0], |w, n| w.value(&n))?;
                w.key(key!("empty_object")).object(|_| Ok(()))?;
                w.key(key!("lists")).list(0..3, |w, index| match index {
                    0 => w.list([0u8; 0], |w, n| w.value(&n)),
                    1 => w.list(0..2, |w, index| match index {
                        0 => w.value(&1),
                        _ => w.list([2.5], |w, n| w.value(&n)),
                    }),
                    _ => w.object(|w| w.key(key!("a")).option(None::<u8>, |w, n| w.value(&n))),
                })?;
                w.key(key!("nested")).object(|w| {
                    w.key(key!("deep")).object(|w| {
                        w.key(key!("deeper"))
                            .list([()], |w, ()| w.object(|_| Ok(())))
                    })
                })
            })
        });
        assert_eq!(compact, serde_json::to_string(&value).unwrap());
        assert_eq!(pretty, serde_json::to_string_pretty(&value).unwrap());
    }

    /// Lists nested deeper than the indent copied whole: the indent made space by space.
    #[test]
    fn deep_nesting_is_written_as_serde_writes_it() {
        fn nested(w: &mut Writer, depth: usize) -> Result {
            match depth {
                0 => w.value(&0),
                _ => w.list([true, false], |w, inner| match inner {
                    true => nested(w, depth - 1),
                    false => w.value(&depth),
                }),
            }
        }
        let mut value = serde_json::json!(0);
        for depth in 1..=24 {
            value = serde_json::json!([value, depth]);
        }
        let (compact, pretty) = both(|w| nested(w, 24));
        assert_eq!(compact, serde_json::to_string(&value).unwrap());
        assert_eq!(pretty, serde_json::to_string_pretty(&value).unwrap());
    }

    #[test]
    fn text_escapes_as_serde_does() {
        let long = "a longer text, with \u{e9}, past eight bytes";
        for sample in [
            "",
            "plain",
            "a \"quote\"",
            "back\\slash",
            "tab\there",
            "\u{202e}bidi",
            "é",
            long,
            &format!("{long}\u{1f}"),
            &format!("{long}\"{long}"),
            &format!("{long}\\"),
            &format!("\u{7f}{long}\u{0}"),
            "\u{10ffff}\u{80}\u{ff}\u{2028}........",
        ] {
            let (compact, pretty) = both(|w| w.text(sample));
            assert_eq!(compact, serde_json::to_string(sample).unwrap());
            assert_eq!(pretty, compact);
        }
        // Each ASCII byte at each place of texts of 1 to 33 characters, among letters and among
        // bytes above 0x80.
        for filler in ["a", "\u{e9}"] {
            for (length, byte) in (1..=33).flat_map(|length| (0u8..0x80).map(move |b| (length, b)))
            {
                for at in 0..length {
                    let mut sample: Vec<String> = vec![filler.to_string(); length];
                    sample[at] = char::from(byte).to_string();
                    let sample = sample.concat();
                    let naive = sample.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
                    assert_eq!(needs_escape(sample.as_bytes()), naive, "{sample:?}");
                }
            }
        }
    }

    /// Floats from a few hundred, so that they repeat and share slots, among zeros of both
    /// signs and floats of any bits (infinities and NaN among them).
    fn floats() -> impl Strategy<Value = Vec<f64>> {
        let pool = prop::collection::vec(any::<f64>(), 1..300);
        (pool, prop::collection::vec(any::<(usize, u64)>(), 0..3_000)).prop_map(|(pool, picks)| {
            picks
                .into_iter()
                .map(|(pick, bits)| match pick % 4 {
                    0 => f64::from_bits(bits),
                    1 => [0.0, -0.0, 0.25, -0.25][pick / 4 % 4],
                    _ => pool[pick % pool.len()],
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn floats_are_written_as_serde_writes_them(floats in floats()) {
            let mut remembered = Floats::default();
            let (mut once, mut again) = (Vec::new(), Vec::new());
            for text in [&mut once, &mut again] {
                Writer::compact(text)
                    .remembering(&mut remembered)
                    .list(&floats, |w, float| w.float(*float))
                    .unwrap();
            }
            let mut plain = Vec::new();
            Writer::compact(&mut plain).list(&floats, |w, float| w.float(*float)).unwrap();
            let serde = serde_json::to_string(&floats).unwrap();
            prop_assert_eq!(String::from_utf8(once).unwrap(), serde.clone());
            prop_assert_eq!(String::from_utf8(again).unwrap(), serde.clone());
            prop_assert_eq!(String::from_utf8(plain).unwrap(), serde);
        }
    }

    #[test]
    fn a_spilling_writer_writes_the_same_text_in_large_pieces() {
        let items: Vec<String> = (0..5_000).map(|n| format!("item {n}")).collect();
        let write = |w: &mut Writer| {
            w.object(|w| w.key(key!("items")).list(&items, |w, item| w.text(item)))
        };
        let mut whole = Vec::new();
        write(&mut Writer::pretty(&mut whole)).unwrap();

        let (mut rest, mut spilled) = (Vec::new(), Vec::new());
        write(&mut Writer::pretty(&mut rest).spilling_into(&mut spilled)).unwrap();
        assert!(
            !spilled.is_empty() && rest.len() < SPILL_AT + 64,
            "{}",
            rest.len()
        );
        assert!(spilled.ends_with(b"\n"), "a piece ends with a line");
        spilled.extend_from_slice(&rest);
        assert_eq!(spilled, whole);
    }
}
