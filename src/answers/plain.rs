//! Answers that hold nothing unusual, read straight into numbers: no tree, no key list, no
//! problem text. Most records of a stream are like this. Anything else (a problem, a key given
//! twice, `$schema`, a number written as `4.0`, broken JSON) gives `None`, and the full path reads
//! the input again and reports on it: so the problems, warnings and `assumed` of any input are
//! the full path's, and the two paths agree on every input they both read (a test checks this).
//!
//! The reading is a scanner over the bytes for a strict subset of JSON: objects, strings without
//! escapes or control characters, whole numbers without sign, fraction, exponent or leading
//! zero, `null`, `true`, `false`, lists of strings, and JSON's four whitespace bytes. A general
//! parser spends most of its time on what that subset leaves out; whatever lies outside it is
//! the full path's to read, so being strict here costs nothing but that.

use super::{CONSTRAINTS, Dense};
use crate::engine::Profile;
use crate::model::{
    Assumption, Catalogue, Constraints, Criterion, MAX_MUST_HAVES, NumberQuestion, RATING_MAX,
    RATING_MIN,
};

/// A rating not given; ratings are 1 to 5.
const NOT_GIVEN: u8 = u8::MAX - 1;
/// A rating given as `null`: takes the default, like one not given, but counts as given twice
/// if its key comes again.
const GIVEN_NULL: u8 = u8::MAX;

/// The answers in `text`, or `None` when the full path must read them.
pub fn read(text: &str, catalogue: &Catalogue) -> Option<Dense> {
    let mut scan = Scan { text, at: 0 };
    let dense = scan.answers(catalogue)?;
    // Nothing but whitespace may follow the object.
    scan.skip_space();
    (scan.at == text.len()).then_some(dense)
}

/// The ratings as given, with each one not given (or `null`) set to its criterion's default and
/// listed in `assumed`.
fn defaults(
    section: &str,
    given: Option<Vec<u8>>,
    criteria: &[Criterion],
    assumed: &mut Vec<Assumption>,
) -> Vec<u8> {
    let mut values = given.unwrap_or_else(|| vec![NOT_GIVEN; criteria.len()]);
    for (value, criterion) in values.iter_mut().zip(criteria) {
        if matches!(*value, NOT_GIVEN | GIVEN_NULL) {
            assumed.push(Assumption {
                key: format!("{section}.{}", criterion.id),
                value: criterion.default,
            });
            *value = criterion.default;
        }
    }
    values
}

/// Whether `bytes` begins with `prefix`, like `starts_with`. Every key is compared with an id
/// this way and ids are short, so eight bytes at a time do better than a call to the C
/// library's `bcmp`, which `starts_with` makes.
#[inline(always)]
fn begins_with(bytes: &[u8], prefix: &[u8]) -> bool {
    let Some(bytes) = bytes.get(..prefix.len()) else {
        return false;
    };
    let (Some(last), Some(prefix_last)) = (bytes.last_chunk::<8>(), prefix.last_chunk::<8>())
    else {
        // Shorter than eight bytes.
        return bytes.iter().zip(prefix).all(|(a, b)| a == b);
    };
    // Eight bytes at a time, then the last eight, which may overlap the ones before them.
    let (mut bytes, mut prefix) = (bytes, prefix);
    while let (Some((a, bytes_rest)), Some((b, prefix_rest))) = (
        bytes.split_first_chunk::<8>(),
        prefix.split_first_chunk::<8>(),
    ) {
        if u64::from_ne_bytes(*a) != u64::from_ne_bytes(*b) {
            return false;
        }
        (bytes, prefix) = (bytes_rest, prefix_rest);
    }
    u64::from_ne_bytes(*last) == u64::from_ne_bytes(*prefix_last)
}

/// Where each key of the `constraints` section stands in `CONSTRAINTS`: the section's keys are
/// told apart by number once read. Checked when compiled.
const HOURS_PER_WEEK: usize = 0;
const RUNWAY_MONTHS: usize = 1;
const MIN_INCOME: usize = 2;
const EXCLUDE: usize = 3;
const MUST_HAVE: usize = 4;
const KEEPS_JOB: usize = 5;
const _: () = assert!(
    matches!(CONSTRAINTS[HOURS_PER_WEEK].as_bytes(), b"hours_per_week")
        && matches!(CONSTRAINTS[RUNWAY_MONTHS].as_bytes(), b"runway_months")
        && matches!(CONSTRAINTS[MIN_INCOME].as_bytes(), b"min_income")
        && matches!(CONSTRAINTS[EXCLUDE].as_bytes(), b"exclude")
        && matches!(CONSTRAINTS[MUST_HAVE].as_bytes(), b"must_have")
        && matches!(CONSTRAINTS[KEEPS_JOB].as_bytes(), b"keeps_job")
        && CONSTRAINTS.len() == 6
);

/// A reading position in the text. Every method returns `None` where the text leaves the
/// subset this path reads, and reads bytes only through `get`, so no input can make it panic.
struct Scan<'t> {
    text: &'t str,
    /// The byte offset of the next byte to read.
    at: usize,
}

impl<'t> Scan<'t> {
    #[inline(always)]
    fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        // Counted in a local: the loop then keeps it in a register.
        let mut at = self.at;
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
            at += 1;
        }
        self.at = at;
    }

    /// The next byte that is not whitespace, left unread.
    #[inline(always)]
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.text.as_bytes().get(self.at).copied()
    }

    /// Reads `byte`, after any whitespace.
    #[inline(always)]
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Reads `word` if the text goes on with it (after any whitespace); `None` if it does not.
    #[inline(always)]
    fn word(&mut self, word: &str) -> Option<()> {
        self.skip_space();
        let rest = self.text.as_bytes().get(self.at..)?;
        rest.starts_with(word.as_bytes())
            .then(|| self.at += word.len())
    }

    /// Reads `null` if it comes next: whether it did. `None` if the next value starts like
    /// `null` but is not.
    #[inline(always)]
    fn null(&mut self) -> Option<bool> {
        if self.peek()? == b'n' {
            self.word("null")?;
            Some(true)
        } else {
            Some(false)
        }
    }

    /// A string without escapes or control characters, as written between its quotes.
    fn string(&mut self) -> Option<&'t str> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = self.text.as_bytes().get(start..)?;
        let length = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        // Stopped at an escape or a control character: the full path's to read.
        if rest.get(length) != Some(&b'"') {
            return None;
        }
        self.at = start + length + 1;
        // The quotes are ASCII, so both ends fall between characters and `get` always finds it.
        self.text.get(start..start + length)
    }

    /// Before the next key of an object whose `{` has been read: reads the comma before it (none
    /// when `first`, no member having been read yet) and its opening quote, and says `true`; or
    /// reads the object's closing `}` and says `false`.
    #[inline(always)]
    fn next_key(&mut self, first: bool) -> Option<bool> {
        match self.peek()? {
            b'}' => {
                self.at += 1;
                return Some(false);
            }
            b',' if !first => self.at += 1,
            _ if first => {}
            _ => return None,
        }
        self.eat(b'"')?;
        Some(true)
    }

    /// Reads the rest of a key whose opening quote has been read, and its `:`, if the key is the
    /// name of one of `items`: which one. `expected` is looked at first; the others only when it
    /// is not the key.
    ///
    /// The names are compared with the bytes as written, quote included, without reading the key
    /// as a string first: the names are snake_case ids (the catalogue checks each one it loads)
    /// or this module's constants, so their bytes can only be read as themselves (they hold no
    /// quote, backslash or control character), and any other key, escaped or not, names nothing
    /// here and goes to the full path.
    #[inline(always)]
    fn key_of<T>(
        &mut self,
        items: &[T],
        name: impl Fn(&T) -> &str,
        expected: usize,
    ) -> Option<usize> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let here = |item: &T| {
            let name = name(item).as_bytes();
            rest.get(name.len()) == Some(&b'"') && begins_with(rest, name)
        };
        let index = match items.get(expected) {
            Some(item) if here(item) => expected,
            _ => items.iter().position(here)?,
        };
        self.at += name(items.get(index)?).len() + 1;
        self.eat(b':')?;
        Some(index)
    }

    /// `null` (`Some(None)`), or a number written as a whole number without sign, fraction,
    /// exponent or leading zero, that fits a u64.
    #[inline(always)]
    fn whole(&mut self) -> Option<Option<u64>> {
        let bytes = self.text.as_bytes();
        let value = match self.peek()? {
            b'n' => return self.word("null").map(|()| None),
            // A lone zero: JSON allows no digit after a leading one (`06`).
            b'0' => {
                self.at += 1;
                if bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                    return None;
                }
                0
            }
            b'1'..=b'9' => {
                let mut value: u64 = 0;
                while let Some(&digit @ b'0'..=b'9') = bytes.get(self.at) {
                    value = value
                        .checked_mul(10)?
                        .checked_add(u64::from(digit - b'0'))?;
                    self.at += 1;
                }
                value
            }
            // A sign, a string, a list…
            _ => return None,
        };
        // A fraction or an exponent (`4.0`, `1e0`): the full path's.
        if matches!(bytes.get(self.at), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        Some(Some(value))
    }

    /// A rating: `GIVEN_NULL` for `null`, or a whole number from 1 to 5 as `whole` reads it. Most
    /// are one digit, read here without `whole`'s loop.
    #[inline(always)]
    fn rating(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        self.skip_space();
        if let Some(&digit @ b'0'..=b'9') = bytes.get(self.at)
            && !matches!(
                bytes.get(self.at + 1),
                Some(b'0'..=b'9' | b'.' | b'e' | b'E')
            )
        {
            self.at += 1;
            let rating = digit - b'0';
            return (RATING_MIN..=RATING_MAX)
                .contains(&rating)
                .then_some(rating);
        }
        match self.whole()? {
            None => Some(GIVEN_NULL),
            // In range 1–5, checked here.
            Some(n) if (u64::from(RATING_MIN)..=u64::from(RATING_MAX)).contains(&n) => {
                Some(n as u8)
            }
            Some(_) => None,
        }
    }

    /// `null` (`Some(None)`), or a number within `question`'s range as `whole` reads it.
    #[inline(always)]
    fn limit(&mut self, question: &NumberQuestion) -> Option<Option<u64>> {
        match self.whole()? {
            Some(n) if !(question.min..=question.max).contains(&n) => None,
            other => Some(other),
        }
    }

    /// `null` (`Some(None)`), `true` or `false`.
    #[inline(always)]
    fn boolean(&mut self) -> Option<Option<bool>> {
        match self.peek()? {
            b'n' => self.word("null").map(|()| None),
            b't' => self.word("true").map(|()| Some(true)),
            b'f' => self.word("false").map(|()| Some(false)),
            _ => None,
        }
    }

    /// A list of strings, each handed to `each` (which may refuse it), or `null`.
    fn strings(&mut self, mut each: impl FnMut(&'t str) -> Option<()>) -> Option<()> {
        if self.null()? {
            return Some(());
        }
        self.eat(b'[')?;
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        loop {
            each(self.string()?)?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// The whole answers object: each of its three sections at most once, and nothing else.
    fn answers(&mut self, catalogue: &Catalogue) -> Option<Dense> {
        /// The sections this path reads, in the template's order; `$schema` is left to the full
        /// path.
        const SECTIONS: [&str; 3] = ["skills", "goals", "constraints"];
        let criteria = &catalogue.criteria;
        let (mut levels, mut importance, mut constraints) = (None, None, None);
        self.eat(b'{')?;
        let (mut first, mut next) = (true, 0);
        while self.next_key(first)? {
            first = false;
            let index = self.key_of(&SECTIONS, |name| name, next)?;
            next = index + 1;
            // A section given twice: the full path says which to keep.
            match index {
                0 if levels.is_none() => levels = Some(self.ratings(&criteria.skills)?),
                1 if importance.is_none() => importance = Some(self.ratings(&criteria.goals)?),
                2 if constraints.is_none() => constraints = Some(self.limits(catalogue)?),
                _ => return None,
            }
        }
        // In the full path's order: every skill, then every goal.
        let mut assumed = Vec::new();
        let levels = defaults("skills", levels, &criteria.skills, &mut assumed);
        let importance = defaults("goals", importance, &criteria.goals, &mut assumed);
        Some(Dense {
            profile: Profile { levels, importance },
            constraints: constraints.unwrap_or_default(),
            assumed,
        })
    }

    /// A section of ratings (skills or goals), or `null`: in the criteria's order, `NOT_GIVEN` or
    /// `GIVEN_NULL` where no rating was given.
    fn ratings(&mut self, criteria: &[Criterion]) -> Option<Vec<u8>> {
        // Read with a copy, written back at the end: nothing else can then see the position, so
        // it stays in a register through the loop.
        let mut scan = Scan {
            text: self.text,
            at: self.at,
        };
        let values = scan.ratings_here(criteria)?;
        self.at = scan.at;
        Some(values)
    }

    fn ratings_here(&mut self, criteria: &[Criterion]) -> Option<Vec<u8>> {
        let mut values = vec![NOT_GIVEN; criteria.len()];
        if self.null()? {
            return Some(values);
        }
        self.eat(b'{')?;
        let (mut first, mut next) = (true, 0);
        while self.next_key(first)? {
            first = false;
            // Keys mostly come in the criteria's order (the template's): look there first.
            let index = self.key_of(criteria, |criterion| &criterion.id, next)?;
            next = index + 1;
            let value = values.get_mut(index)?;
            if *value != NOT_GIVEN {
                return None;
            }
            *value = self.rating()?;
        }
        Some(values)
    }

    /// The `constraints` section, or `null`.
    fn limits(&mut self, catalogue: &Catalogue) -> Option<Constraints> {
        let questions = &catalogue.criteria.constraints;
        let mut given = Constraints::default();
        if self.null()? {
            return Some(given);
        }
        self.eat(b'{')?;
        let mut seen = [false; CONSTRAINTS.len()];
        let (mut first, mut next) = (true, 0);
        while self.next_key(first)? {
            first = false;
            let index = self.key_of(&CONSTRAINTS, |name| name, next)?;
            next = index + 1;
            if std::mem::replace(seen.get_mut(index)?, true) {
                return None;
            }
            // The catalogue caps these ranges at 168 hours and 1,200 months, so they fit a u32.
            let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
            match index {
                HOURS_PER_WEEK => {
                    given.hours_per_week = self.limit(&questions.hours_per_week)?.map(small);
                }
                RUNWAY_MONTHS => {
                    given.runway_months = self.limit(&questions.runway_months)?.map(small);
                }
                MIN_INCOME => given.min_income = self.limit(&questions.min_income)?,
                EXCLUDE => {
                    let exclude = &mut given.exclude;
                    self.strings(|id| {
                        catalogue.path(id)?;
                        exclude.insert(id.to_string());
                        Some(())
                    })?;
                }
                MUST_HAVE => {
                    let must_have = &mut given.must_have;
                    self.strings(|id| {
                        let known = catalogue.criteria.goals.iter().any(|g| g.id == id);
                        let again = must_have.iter().any(|chosen| chosen == id);
                        if !known || again || must_have.len() == MAX_MUST_HAVES {
                            return None;
                        }
                        must_have.push(id.to_string());
                        Some(())
                    })?;
                }
                KEEPS_JOB => given.keeps_job = self.boolean()?,
                _ => return None,
            }
        }
        Some(given)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn catalogue() -> Catalogue {
        crate::catalogue::load(&[crate::catalogue::Origin::BuiltIn])
            .expect("the built-in catalogue loads")
            .catalogue
    }

    /// The number questions of the constraints section, with their keys.
    fn number_questions(catalogue: &Catalogue) -> [(&'static str, &NumberQuestion); 3] {
        let questions = &catalogue.criteria.constraints;
        [
            ("hours_per_week", &questions.hours_per_week),
            ("runway_months", &questions.runway_months),
            ("min_income", &questions.min_income),
        ]
    }

    /// Answers JSON made from `choices`: well formed, or with now and then a key unknown or
    /// given twice, a value of the wrong type or out of range, or the text cut short.
    fn answers_text(catalogue: &Catalogue, choices: &[u32]) -> String {
        let mut choices = choices.iter().copied().chain(std::iter::repeat(0));
        let mut next = |n: usize| choices.next().unwrap_or(0) as usize % n;
        // Half the texts have next to nothing unusual, for the fast path to read.
        let rare = if next(2) == 0 { 1 } else { 1000 };
        const ODD: [&str; 12] = [
            "null", "0", "6", "4.0", "3.5", "-1", "\"4\"", "true", "[]", "{}", "1e0", "-0",
        ];
        let value = |next: &mut dyn FnMut(usize) -> usize, min: u64, max: u64| {
            if next(8 * rare) == 0 {
                ODD[next(ODD.len())].to_string()
            } else {
                (min + next((max - min + 1) as usize) as u64).to_string()
            }
        };
        let mut sections = Vec::new();
        for (name, list) in [
            ("skills", &catalogue.criteria.skills),
            ("goals", &catalogue.criteria.goals),
        ] {
            if next(6) == 0 {
                continue;
            }
            let mut entries = Vec::new();
            for criterion in list {
                match next(12 * rare) {
                    0 => {}
                    1 => entries.push(format!("\"{}x\": 3", criterion.id)),
                    2 => {
                        entries.push(format!("\"{}\": 3", criterion.id));
                        entries.push(format!("\"{}\": null", criterion.id));
                    }
                    _ => entries.push(format!("\"{}\": {}", criterion.id, value(&mut next, 1, 5))),
                }
            }
            sections.push(format!("\"{name}\": {{{}}}", entries.join(", ")));
        }
        if next(3) != 0 {
            let mut entries = Vec::new();
            for (key, question) in number_questions(catalogue) {
                if next(2) == 0 {
                    let value = value(
                        &mut next,
                        question.min,
                        question.max.min(question.min + 1000),
                    );
                    entries.push(format!("\"{key}\": {value}"));
                }
            }
            let ids = |next: &mut dyn FnMut(usize) -> usize, pool: Vec<&str>| {
                let count = next(5);
                let picked: Vec<String> = (0..count)
                    .map(|_| match next(10 * rare) {
                        0 => "\"nope\"".to_string(),
                        1 => "7".to_string(),
                        _ => format!("\"{}\"", pool[next(pool.len())]),
                    })
                    .collect();
                format!("[{}]", picked.join(", "))
            };
            if next(2) == 0 {
                let paths = catalogue.paths.iter().map(|p| p.id.as_ref()).collect();
                entries.push(format!("\"exclude\": {}", ids(&mut next, paths)));
            }
            if next(2) == 0 {
                let goals = catalogue
                    .criteria
                    .goals
                    .iter()
                    .map(|g| g.id.as_ref())
                    .collect();
                entries.push(format!("\"must_have\": {}", ids(&mut next, goals)));
            }
            match next(5 * rare) {
                0 => entries.push("\"keeps_job\": true".to_string()),
                1 => entries.push("\"keeps_job\": \"yes\"".to_string()),
                2 => entries.push("\"hours\": 3".to_string()),
                _ => {}
            }
            sections.push(format!("\"constraints\": {{{}}}", entries.join(", ")));
        }
        match next(20 * rare) {
            0 => sections.push("\"$schema\": \"x\"".to_string()),
            1 => sections.push("\"skills\": null".to_string()),
            2 => sections.push("\"extra\": 1".to_string()),
            _ => {}
        }
        let mut text = format!("{{{}}}", sections.join(", "));
        if next(20 * rare) == 0 {
            text.truncate(next(text.len() + 1));
        }
        text
    }

    #[test]
    fn the_generated_answers_reach_both_paths() {
        let catalogue = catalogue();
        let fast = (0..200u32)
            .filter(|&seed| {
                // A linear congruential generator (Knuth's MMIX constants) is random enough here.
                let mut state = u64::from(seed);
                let choices: Vec<u32> = (0..120)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        (state >> 33) as u32
                    })
                    .collect();
                read(&answers_text(&catalogue, &choices), &catalogue).is_some()
            })
            .count();
        assert!(
            (20..180).contains(&fast),
            "{fast} of 200 read by the fast path"
        );
    }

    /// A problem's key, its line and column if it has them, and its message.
    fn placed(problem: &str) -> (&str, Option<(usize, usize)>, &str) {
        let (head, message) = problem.split_once(": ").expect("key: message");
        match head.split_once(" (line ") {
            Some((key, at)) => {
                let (line, column) = at
                    .strip_suffix(')')
                    .and_then(|at| at.split_once(", column "))
                    .expect("(line L, column C)");
                let place = (line.parse().unwrap(), column.parse().unwrap());
                (key, Some(place), message)
            }
            None => (head, None, message),
        }
    }

    proptest! {
        #[test]
        fn problems_say_where_their_key_stands_in_the_input(
            choices in prop::collection::vec(any::<u32>(), 0..120),
            breaks in prop::collection::vec(0..4_usize, 0..40),
            accented in any::<bool>(),
            (first_line, first_column) in (1..4_usize, 1..6_usize),
        ) {
            let catalogue = catalogue();
            // Spread over lines in any way, with characters of more than one byte before keys.
            let mut breaks = breaks.into_iter().chain(std::iter::repeat(0));
            let mut text = String::new();
            for (index, piece) in answers_text(&catalogue, &choices).split(", ").enumerate() {
                if index > 0 {
                    text.push_str([", ", ",\n  ", ",\r\n\t", ", \"$schema\": \"é…\", "][breaks.next().unwrap()]);
                }
                text.push_str(piece);
            }
            if accented && text.starts_with('{') {
                text.insert_str(1, "\"$schema\": \"ünïcödé\",\n ");
            }
            // The text as a record that starts at that line and column of a stream.
            let input = format!("{}{}{text}", "\n".repeat(first_line - 1), "é".repeat(first_column - 1));
            let at = super::super::Positions::Shown { line: first_line, column: first_column };
            let shown = super::super::parse_checked(&text, "file", &catalogue, at);
            let hidden = super::super::parse_checked(&text, "file", &catalogue, super::super::Positions::Hidden);
            match (shown, hidden) {
                (Err(shown), Err(hidden)) => {
                    prop_assert_eq!(shown.problems.len(), hidden.problems.len());
                    for (shown, hidden) in shown.problems.iter().zip(&hidden.problems) {
                        if let Some(within) = hidden.strip_prefix("broken JSON at line ") {
                            // Placed in the record by serde_json, then moved to the input.
                            let (place, message) = within.split_once(": ").unwrap();
                            let (line, column) = place.split_once(" column ").unwrap();
                            let (line, column): (usize, usize) = (line.parse().unwrap(), column.parse().unwrap());
                            let (line, column) = if line == 1 {
                                (first_line, first_column + column - 1)
                            } else {
                                (first_line + line - 1, column)
                            };
                            prop_assert_eq!(shown, &format!("broken JSON at line {line} column {column}: {message}"));
                            continue;
                        }
                        let (key, place, message) = placed(shown);
                        // The same problem, with the place added.
                        prop_assert_eq!(format!("{key}: {message}"), hidden.clone());
                        // The generated keys hold no escapes: only the top level, a list's items
                        // (strings or not), and what is about no key (an empty input, the count of
                        // problems not shown) may go without a place.
                        let unplaced = key == "top level" || key.ends_with(']')
                            || text.trim().is_empty() || key.starts_with('…');
                        prop_assert!(place.is_some() || unplaced, "{} in {}", shown, input);
                        let Some((line, column)) = place else { continue };
                        let line_text = input.split('\n').nth(line - 1).expect("the line is in the input");
                        let at: String = line_text.chars().skip(column - 1).collect();
                        // The quote of the key, or of the list's item the problem is about.
                        let name = key.rsplit('.').next().unwrap();
                        let expected = if name.ends_with(']') { "\"".to_string() } else { format!("\"{name}\"") };
                        prop_assert!(at.starts_with(&expected), "{} at {}:{} in {}", shown, line, column, input);
                    }
                }
                (shown, hidden) => prop_assert_eq!(shown, hidden),
            }
        }

        #[test]
        fn the_fast_path_reads_what_the_full_path_reads(choices in prop::collection::vec(any::<u32>(), 0..120)) {
            let catalogue = catalogue();
            let text = answers_text(&catalogue, &choices);
            let full = super::super::parse_checked(&text, "record", &catalogue, super::super::Positions::Hidden);
            if let Some(fast) = read(&text, &catalogue) {
                prop_assert_eq!(Ok(fast), full.clone(), "{}", text);
            }
            prop_assert_eq!(super::super::read(&text, "record", &catalogue, super::super::Positions::Hidden), full, "{}", text);
        }
    }

    /// Answers with nothing unusual in them, for the fast path to read, laid out in any way JSON
    /// allows: any subset of the ids in any order, `null` here and there, any whitespace.
    fn ordinary_text(catalogue: &Catalogue, choices: &[u32]) -> String {
        let mut choices = choices.iter().copied().chain(std::iter::repeat(0));
        let mut next = |n: usize| choices.next().unwrap_or(0) as usize % n;
        const SPACE: [&str; 6] = ["", "", " ", "\n", "\t", "\r\n  "];
        let mut sections = Vec::new();
        for (name, list) in [
            ("skills", &catalogue.criteria.skills),
            ("goals", &catalogue.criteria.goals),
        ] {
            match next(8) {
                0 => continue,
                1 => {
                    sections.push(format!("\"{name}\": null"));
                    continue;
                }
                _ => {}
            }
            let mut ids: Vec<&str> = list.iter().map(|c| c.id.as_ref()).collect();
            // Now and then out of the criteria's order, or with some left out.
            if next(3) == 0 {
                for i in (1..ids.len()).rev() {
                    ids.swap(i, next(i + 1));
                }
            }
            let mut entries = Vec::new();
            for id in ids {
                let space = SPACE[next(SPACE.len())];
                match next(10) {
                    0 => {}
                    1 => entries.push(format!("\"{id}\"{space}:{space}null")),
                    _ => entries.push(format!("\"{id}\"{space}:{space}{}", 1 + next(5))),
                }
            }
            let space = SPACE[next(SPACE.len())];
            sections.push(format!(
                "\"{name}\":{space}{{{space}{}}}",
                entries.join(",")
            ));
        }
        match next(4) {
            0 => {}
            1 => sections.push("\"constraints\": null".to_string()),
            _ => {
                let mut entries = Vec::new();
                for (key, question) in number_questions(catalogue) {
                    match next(3) {
                        0 => {}
                        1 => entries.push(format!("\"{key}\": null")),
                        _ => {
                            let span = (question.max - question.min).min(300_000) as usize;
                            let value = question.min + next(span + 1) as u64;
                            entries.push(format!("\"{key}\": {value}"));
                        }
                    }
                }
                let paths: Vec<&str> = catalogue.paths.iter().map(|p| p.id.as_ref()).collect();
                match next(3) {
                    0 => {}
                    1 => entries.push("\"exclude\": null".to_string()),
                    _ => {
                        // A path named twice is allowed: the set holds it once.
                        let ids: Vec<String> = (0..next(4))
                            .map(|_| format!("\"{}\"", paths[next(paths.len())]))
                            .collect();
                        entries.push(format!("\"exclude\": [{}]", ids.join(", ")));
                    }
                }
                let mut goals: Vec<&str> = catalogue
                    .criteria
                    .goals
                    .iter()
                    .map(|g| g.id.as_ref())
                    .collect();
                match next(3) {
                    0 => {}
                    1 => entries.push("\"must_have\": null".to_string()),
                    _ => {
                        let mut ids = Vec::new();
                        for _ in 0..next(MAX_MUST_HAVES + 1) {
                            ids.push(format!("\"{}\"", goals.remove(next(goals.len()))));
                        }
                        entries.push(format!("\"must_have\":[{}]", ids.join(",")));
                    }
                }
                match next(4) {
                    0 => entries.push("\"keeps_job\": true".to_string()),
                    1 => entries.push("\"keeps_job\": false".to_string()),
                    2 => entries.push("\"keeps_job\": null".to_string()),
                    _ => {}
                }
                // Keys in any order.
                for i in (1..entries.len()).rev() {
                    entries.swap(i, next(i + 1));
                }
                sections.push(format!("\"constraints\": {{{}}}", entries.join(", ")));
            }
        }
        for i in (1..sections.len()).rev() {
            sections.swap(i, next(i + 1));
        }
        let space = SPACE[next(SPACE.len())];
        format!(
            "{space}{{{space}{}{space}}}{space}",
            sections.join(&format!(",{space}"))
        )
    }

    /// `text` with a few edits, each chosen by `(what, at, pick)`: a character inserted, removed
    /// or replaced, or a piece that JSON or the answers may not allow put in, a number made odd,
    /// or a member repeated (a key given twice).
    fn mutated(text: &str, edits: &[(u8, usize, u8)]) -> String {
        const PIECES: [&str; 25] = [
            "\\",
            "\\\"",
            "\\u0073",
            "\\n",
            "\"",
            " ",
            "\t",
            "\r\n",
            ",",
            ":",
            "{",
            "}",
            "[",
            "]",
            "null",
            "true",
            "5.0",
            "-1",
            "1e0",
            "06",
            "00",
            "18446744073709551616",
            "é",
            "\u{7}",
            "\u{c}",
        ];
        const NUMBERS: [&str; 10] = [
            "5.0",
            "-1",
            "1e0",
            "06",
            "0",
            "6",
            "-0",
            "99999999999999999999",
            "4E0",
            "3.",
        ];
        let mut text = text.to_string();
        for &(what, at, pick) in edits {
            // Edits fall between characters: the text stays UTF-8, as a record must be.
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let at = boundaries[at % boundaries.len()];
            let pick = usize::from(pick);
            match what % 7 {
                0 => text.insert_str(at, PIECES[pick % PIECES.len()]),
                6 => {
                    // After the next `{`, `[`, `,` or `:`, where JSON allows whitespace: so the
                    // piece is more often met by the scanner than text broken before it.
                    if let Some(after) = text[at..].find(['{', '[', ',', ':']) {
                        text.insert_str(at + after + 1, PIECES[pick % PIECES.len()]);
                    }
                }
                1 | 2 if at < text.len() => {
                    let end = boundaries
                        .iter()
                        .copied()
                        .find(|&b| b > at)
                        .unwrap_or(text.len());
                    let with = if what % 7 == 1 {
                        ""
                    } else {
                        PIECES[pick % PIECES.len()]
                    };
                    text.replace_range(at..end, with);
                }
                3 => {
                    // The next number from `at` on, written another way.
                    if let Some(start) = text[at..].find(|c: char| c.is_ascii_digit()) {
                        let start = at + start;
                        let end = text[start..]
                            .find(|c: char| !c.is_ascii_digit())
                            .map_or(text.len(), |end| start + end);
                        text.replace_range(start..end, NUMBERS[pick % NUMBERS.len()]);
                    }
                }
                4 => {
                    // The member that starts at the next quote, given again right after itself.
                    if let Some(start) = text[at..].find('"') {
                        let start = at + start;
                        if let Some(end) = text[start..].find([',', '}']) {
                            let member = text[start..start + end].to_string();
                            text.insert_str(start + end, &format!(", {member}"));
                        }
                    }
                }
                _ => {
                    // A key escaped: `"selling"` as `"sel\u006cing"`.
                    if let Some(start) = text[at..].find('"') {
                        let start = at + start + 1;
                        if let Some(c) = text[start..]
                            .chars()
                            .next()
                            .filter(char::is_ascii_lowercase)
                        {
                            let escaped = format!("\\u{:04x}", u32::from(c));
                            text.replace_range(start..start + 1, &escaped);
                        }
                    }
                }
            }
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_fast_path_reads_every_ordinary_record(choices in prop::collection::vec(any::<u32>(), 0..160)) {
            let catalogue = catalogue();
            let text = ordinary_text(&catalogue, &choices);
            let fast = read(&text, &catalogue);
            prop_assert!(fast.is_some(), "left to the full path: {}", text);
            prop_assert_eq!(Ok(fast.unwrap()), super::super::parse_checked(&text, "record", &catalogue, super::super::Positions::Hidden), "{}", text);
        }

        #[test]
        fn the_fast_path_reads_mutated_records_as_the_full_path_does(
            ordinary in any::<bool>(),
            choices in prop::collection::vec(any::<u32>(), 0..160),
            edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..4),
        ) {
            let catalogue = catalogue();
            let text = if ordinary {
                ordinary_text(&catalogue, &choices)
            } else {
                answers_text(&catalogue, &choices)
            };
            let text = mutated(&text, &edits);
            if let Some(fast) = read(&text, &catalogue) {
                prop_assert_eq!(Ok(fast), super::super::parse_checked(&text, "record", &catalogue, super::super::Positions::Hidden), "{}", text);
            }
        }
    }

    proptest! {
        #[test]
        fn begins_with_is_starts_with(
            bytes in prop::collection::vec(any::<u8>(), 0..40),
            length in any::<usize>(),
            changed in prop::option::of(any::<usize>()),
            longer in any::<bool>(),
        ) {
            // Mostly a prefix of `bytes`, now and then with one byte changed or one too many:
            // so that a comparison goes on to the end of the prefix.
            let mut prefix = bytes[..length % (bytes.len() + 1)].to_vec();
            if let Some(at) = changed.filter(|_| !prefix.is_empty()) {
                let at = at % prefix.len();
                prefix[at] ^= 1;
            }
            if longer {
                prefix.push(0);
            }
            prop_assert_eq!(begins_with(&bytes, &prefix), bytes.starts_with(&prefix));
        }
    }

    #[test]
    fn odd_numbers_strings_and_layouts_go_to_the_full_path() {
        let catalogue = catalogue();
        let read = |text: &str| read(text, &catalogue).is_some();
        for ordinary in [
            "{}",
            " \t\r\n{ \"skills\" :{ \"selling\" :\t4 } }\r\n",
            r#"{"constraints": {"min_income": 0, "hours_per_week": null, "keeps_job": false}}"#,
            r#"{"constraints": {"exclude": ["ceo", "ceo"], "must_have": ["income", "impact", "autonomy"]}}"#,
            r#"{"goals": {"hands_on": 5, "income": 1}, "skills": null}"#,
        ] {
            assert!(read(ordinary), "{ordinary}");
        }
        for unusual in [
            r#"{"skills": {"selling": 5.0}}"#,
            r#"{"skills": {"selling": -1}}"#,
            r#"{"skills": {"selling": 1e0}}"#,
            r#"{"skills": {"selling": 04}}"#,
            r#"{"skills": {"selling": 00}}"#,
            r#"{"skills": {"selling": 18446744073709551616}}"#,
            r#"{"constraints": {"min_income": 99999999999999999999}}"#,
            r#"{"skills": {"sel\u006cing": 4}}"#,
            r#"{"skills": {"selling\"": 4}}"#,
            "{\"skills\": {\"sell\ting\": 4}}",
            r#"{"skills": {"selling": 4},}"#,
            r#"{"skills": {,"selling": 4}}"#,
            r#"{"skills": {"selling": 4 "leadership": 3}}"#,
            r#"{"skills": {"selling" 4}}"#,
            r#"{"skills": {"selling": nul}}"#,
            r#"{"skills": {"selling": "4"}}"#,
            r#"{"skills": []}"#,
            r#"{"skills": null, "skills": null}"#,
            r#"{"constraints": null, "constraints": {}}"#,
            r#"{"constraints": {"exclude": ["c\u0065o"]}}"#,
            r#"{"constraints": {"exclude": ["ceo",]}}"#,
            r#"{"constraints": {"exclude": "ceo"}}"#,
            r#"{"constraints": {"must_have": ["income", "impact", "autonomy", "variety"]}}"#,
            r#"{"constraints": {"keeps_job": tru}}"#,
            r#"{"constraints": {"hours_per_week": 1, "hours_per_week": 1}}"#,
            r#"{"skills": {"selling": 4}}x"#,
            "\u{feff}{}",
            "{}\u{0}",
            "{\u{c}}",
        ] {
            assert!(!read(unusual), "{unusual}");
        }
    }

    #[test]
    fn the_fast_path_leaves_the_unusual_to_the_full_path() {
        let catalogue = catalogue();
        let read = |text: &str| read(text, &catalogue).is_some();
        assert!(read(
            r#"{"skills": {"selling": 4}, "constraints": {"exclude": ["ceo"]}}"#
        ));
        assert!(read(
            r#"{"skills": null, "goals": {"income": null}, "constraints": null}"#
        ));
        for unusual in [
            "",
            "{",
            "[]",
            r#"{"skills": {"selling": 4.0}}"#,
            r#"{"skills": {"selling": 4, "selling": 4}}"#,
            r#"{"skills": {"selling": 6}}"#,
            r#"{"goals": {"incom": 4}}"#,
            r#"{"$schema": "x"}"#,
            r#"{"constraints": {"exclude": ["nope"]}}"#,
            r#"{"constraints": {"must_have": ["income", "income"]}}"#,
            r#"{"constraints": {"keeps_job": 1}}"#,
            r#"{} {}"#,
        ] {
            assert!(!read(unusual), "{unusual}");
        }
    }
}
