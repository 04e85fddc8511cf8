//! Text that reaches a terminal. Catalogue files and answers come from other people; a control
//! character or a bidi override in them could move the cursor, recolour or hide text, or make
//! a line read differently from what it holds. Catalogue text with one is refused when loaded;
//! anything echoed back in a message is made visible here first. Catalogue text is also refused
//! when it holds a character that shows nothing, so that two path names that look alike are alike.

use std::borrow::Cow;
use std::fmt;
use unicode_general_category::{GeneralCategory, get_general_category};

/// Characters that reorder the text around them: bidi embeddings, overrides, isolates, marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Whether `c` must not reach a terminal as it is. Newlines and tabs may.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// The first unsafe character and its 1-based position among the characters of `text`.
pub fn first_unsafe(text: &str) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| is_unsafe(*c))
        .map(|(index, c)| (index + 1, c))
}

/// The first character of `text` that shows nothing, and its 1-based position: format characters
/// (Unicode category Cf: zero-width spaces and joiners, the byte order mark, word joiners, soft
/// hyphens, tag characters, bidi marks), line and paragraph separators, and the other
/// default-ignorable characters (Hangul fillers, the combining grapheme joiner, variation
/// selectors). Emoji sequences need two of them, so those stay allowed where an emoji uses
/// them: a zero-width joiner between two symbols (👩‍💻) and a variation selector after a symbol
/// or a keycap digit (❤️, 1️⃣).
pub fn first_invisible(text: &str) -> Option<(usize, char)> {
    // Every ASCII character shows (its controls are `first_unsafe`'s), and most catalogue text
    // is ASCII: a catalogue of thousands of files is checked here field by field.
    if text.is_ascii() {
        return None;
    }
    let mut before = None;
    let mut chars = text.chars().peekable();
    let mut position = 0;
    while let Some(c) = chars.next() {
        position += 1;
        let allowed = if c == ZERO_WIDTH_JOINER {
            before.is_some_and(|b| is_symbol(b) || is_variation_selector(b))
                && chars.peek().is_some_and(|&after| is_symbol(after))
        } else if is_variation_selector(c) {
            before.is_some_and(|b| is_symbol(b) || matches!(b, '0'..='9' | '#' | '*'))
        } else {
            !is_invisible(c)
        };
        if !allowed {
            return Some((position, c));
        }
        before = Some(c);
    }
    None
}

const ZERO_WIDTH_JOINER: char = '\u{200D}';

fn is_invisible(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::Format | GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator
    ) || is_variation_selector(c)
        // Default-ignorable characters of other categories (DerivedCoreProperties.txt).
        || matches!(c, '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{3164}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
            | '\u{E0000}'..='\u{E0FFF}')
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// What an emoji sequence joins or styles: pictographs, skin tones, dingbats.
fn is_symbol(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::OtherSymbol
            | GeneralCategory::ModifierSymbol
            | GeneralCategory::MathSymbol
    )
}

/// `text` with every unsafe character written out as `\u{…}`, so that it shows rather than acts.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            clean.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            clean.push(c);
        }
    }
    Cow::Owned(clean)
}

/// `word` as a shell reads it back as one word: as it is when it holds only characters no shell
/// treats specially, else in single quotes (a quote inside written `'\''`). Unsafe characters
/// are written out first (`sanitize`), so that a suggested command shows rather than acts.
pub fn shell_word(word: &str) -> String {
    let word = sanitize(word);
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./,:@%+=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.into_owned();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// An amount of dollars with its thousands grouped, written where it goes (no text of its own,
/// as the clauses of every record's limits have several).
#[derive(Clone, Copy)]
pub struct Usd(pub u64);

impl fmt::Display for Usd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `$` and up to 20 digits with 6 commas.
        let mut text = [0u8; 27];
        let mut at = text.len();
        let mut rest = self.0;
        let mut digits = 0;
        loop {
            if digits > 0 && digits % 3 == 0 {
                at -= 1;
                text[at] = b',';
            }
            at -= 1;
            text[at] = b'0' + (rest % 10) as u8;
            digits += 1;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        at -= 1;
        text[at] = b'$';
        f.write_str(std::str::from_utf8(&text[at..]).map_err(|_| fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_carriage_returns_backspaces_and_bidi_but_keeps_lines() {
        assert_eq!(sanitize("plain text\nnext line"), "plain text\nnext line");
        assert_eq!(sanitize("red\u{1b}[31m"), "red\\u{1b}[31m");
        assert_eq!(sanitize("over\rwrite\u{8}"), "over\\u{d}write\\u{8}");
        assert_eq!(sanitize("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(sanitize("c1\u{9b}31m"), "c1\\u{9b}31m");
        assert_eq!(first_unsafe("ok\u{7}"), Some((3, '\u{7}')));
        assert_eq!(first_unsafe("tab\tand\nline"), None);
    }

    #[test]
    fn no_ascii_character_is_invisible() {
        // `first_invisible` skips ASCII text on this ground.
        for c in (0..=0x7F_u8).map(char::from) {
            assert!(!is_invisible(c), "{c:?}");
            assert!(!is_variation_selector(c) && c != ZERO_WIDTH_JOINER, "{c:?}");
        }
    }

    #[test]
    fn invisible_characters_are_found_but_emoji_sequences_pass() {
        for hidden in [
            '\u{200B}',
            '\u{2028}',
            '\u{2029}',
            '\u{FEFF}',
            '\u{2060}',
            '\u{E0041}',
            '\u{3164}',
            '\u{AD}',
            '\u{200D}',
            '\u{FE0F}',
        ] {
            assert_eq!(
                first_invisible(&format!("ab{hidden}c")),
                Some((3, hidden)),
                "{hidden:?}"
            );
        }
        // A joiner at either end of a symbol pair, or next to a letter, joins nothing visible.
        assert_eq!(first_invisible("\u{1F469}\u{200D}"), Some((2, '\u{200D}')));
        assert_eq!(first_invisible("\u{200D}\u{1F469}"), Some((1, '\u{200D}')));
        for emoji in ["👩🏽‍💻", "❤️‍🔥", "🏳️‍🌈", "1️⃣", "plain text, ünïcödé and 日本語"]
        {
            assert_eq!(first_invisible(emoji), None, "{emoji}");
        }
    }
}
