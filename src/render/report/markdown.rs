//! The report as Markdown. Charts are inline SVG, which Markdown passes through as HTML.

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
                Block::Chart { svg, .. } => writeln!(out, "{svg}\n")?,
            }
        }
        Ok(())
    }
}

/// Text that Markdown shows as written: no raw HTML, no emphasis or links from the catalogue.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                escaped.push('\\');
                escaped.push(c);
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
}
