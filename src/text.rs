//! Text that reaches a terminal. Catalogue files and answers come from other people; a control
//! character or a bidi override in them could move the cursor, recolour or hide text, or make
//! a line read differently from what it holds. Catalogue text with one is refused when loaded;
//! anything echoed back in a message is made visible here first.

use std::borrow::Cow;

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
}
