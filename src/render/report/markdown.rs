//! The report as Markdown. Charts are inline SVG in an HTML block, which Markdown passes through.

use super::{Block, Report, is_bidi_control};
use std::io::{self, Write};

pub struct Markdown;

impl Report for Markdown {
    fn write(&self, out: &mut dyn Write, blocks: &[Block]) -> io::Result<()> {
        for block in blocks {
            match block {
                Block::Title(text) => writeln!(out, "# {}\n", escape(text))?,
                Block::Heading(text) => writeln!(out, "## {}\n", escape(text))?,
                Block::Subheading(text) => writeln!(out, "### {}\n", escape(text))?,
                Block::Paragraph(text) => writeln!(out, "{}\n", escape(text))?,
                Block::Command(command) => {
                    // A fence longer than any run of backticks in the command.
                    let longest = command.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                    let fence = "`".repeat(longest.max(2) + 1);
                    writeln!(out, "{fence}sh\n{command}\n{fence}\n")?
                }
                Block::List(items) => {
                    for item in items {
                        writeln!(out, "- {}", escape(item))?;
                    }
                    writeln!(out)?;
                }
                Block::Table { header, rows } => {
                    writeln!(
                        out,
                        "| {} |",
                        header
                            .iter()
                            .map(|h| cell(h))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )?;
                    writeln!(out, "|{}", "---|".repeat(header.len()))?;
                    for row in rows {
                        writeln!(
                            out,
                            "| {} |",
                            row.cells
                                .iter()
                                .map(|c| cell(c))
                                .collect::<Vec<_>>()
                                .join(" | ")
                        )?;
                    }
                    writeln!(out)?;
                }
                // In a `<div>` the chart is an HTML block, whose text Markdown leaves alone: bare
                // `<svg>` would be inline HTML, and a path name in it could become a link.
                Block::Chart { svg, .. } => writeln!(out, "<div>{svg}</div>\n")?,
            }
        }
        Ok(())
    }
}

/// Text that Markdown shows as written: no raw HTML, no emphasis, no list, heading, rule or
/// link from the catalogue. Each piece of text starts a block or a list item, so what would
/// start one there (`1. `, `- `, `+ `) is escaped, and so is the punctuation that GFM's bare
/// links need (`https://`, `www.`, `mailto:`): `\:` and `\.` show as written.
fn escape(text: &str) -> String {
    // Indentation would make a code block, and shows as nothing anyway.
    let text = text.trim_start();
    let mut escaped = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = if text.starts_with(['-', '+', '=']) {
        escaped.push('\\');
        text
    } else if digits > 0 && text[digits..].starts_with(['.', ')']) {
        escaped.push_str(&text[..digits]);
        escaped.push('\\');
        &text[digits..]
    } else {
        text
    };
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                escaped.push('\\');
                escaped.push(c);
            }
            // GitHub links an address, and mentions a user, whatever is escaped around the
            // `@`: only an inline node after it stops both, and an empty comment shows nothing.
            '@' => escaped.push_str("@<!-- -->"),
            ':' if chars.peek().is_some_and(|next| !next.is_whitespace()) => {
                escaped.push_str("\\:");
            }
            '.' if escaped.as_bytes().ends_with(b"www") || escaped.as_bytes().ends_with(b"WWW") => {
                escaped.push_str("\\.")
            }
            '\n' | '\r' => escaped.push(' '),
            c if c.is_control() || is_bidi_control(c) => {}
            c => escaped.push(c),
        }
    }
    escaped
}

fn cell(text: &str) -> String {
    escape(text)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn catalogue_text_cannot_inject_markup() {
        assert_eq!(
            escape("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(escape("a | b *c* [d](e)"), "a \\| b \\*c\\* \\[d\\](e)");
        assert_eq!(escape("line\nbreak\u{1b}[31m"), "line break\\[31m");
    }

    #[test]
    fn catalogue_text_starts_no_block_and_makes_no_link() {
        for (text, shown) in [
            ("1. one", "1\\. one"),
            ("12) twelve", "12\\) twelve"),
            ("- dash", "\\- dash"),
            ("+ plus", "\\+ plus"),
            ("   ---", "\\---"),
            ("2024 was good", "2024 was good"),
            ("see https://x.example", "see https\\://x.example"),
            ("WWW.x.example or www.y", "WWW\\.x.example or www\\.y"),
            ("a@b.example, mailto:a", "a@<!-- -->b.example, mailto\\:a"),
            ("Note: kept", "Note: kept"),
        ] {
            assert_eq!(escape(text), shown, "{text}");
        }
    }
}
