//! The report as one self-contained HTML file: inline CSS and SVG, no scripts, no network.

use super::{Block, Report, is_bidi_control};
use std::io::{self, Write};

pub struct Html;

const STYLE: &str = "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:920px;\
margin:2rem auto;padding:0 1rem;color:#1a202c;line-height:1.5}\
h1{font-size:1.7rem}h2{margin-top:2rem;border-bottom:1px solid #e2e8f0}\
table{border-collapse:collapse;width:100%;font-size:.95rem}\
th,td{border:1px solid #e2e8f0;padding:.35rem .5rem;text-align:left;vertical-align:top}\
th{background:#f7fafc}td.number{text-align:right}figure{margin:1rem 0}svg{max-width:100%;height:auto}";

impl Report for Html {
    fn write(&self, out: &mut dyn Write, blocks: &[Block]) -> io::Result<()> {
        let title = blocks
            .iter()
            .find_map(|block| match block {
                Block::Title(text) => Some(text.as_str()),
                _ => None,
            })
            .unwrap_or("ctopath report");
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
            escape(title)
        )?;
        for block in blocks {
            match block {
                Block::Title(text) => writeln!(out, "<h1>{}</h1>", escape(text))?,
                Block::Heading(text) => writeln!(out, "<h2>{}</h2>", escape(text))?,
                Block::Subheading(text) => writeln!(out, "<h3>{}</h3>", escape(text))?,
                Block::Paragraph(text) => writeln!(out, "<p>{}</p>", escape(text))?,
                Block::Command(command) => {
                    writeln!(out, "<pre><code>{}</code></pre>", escape(command))?
                }
                Block::List(items) => {
                    writeln!(out, "<ul>")?;
                    for item in items {
                        writeln!(out, "<li>{}</li>", escape(item))?;
                    }
                    writeln!(out, "</ul>")?;
                }
                Block::Table { header, rows } => {
                    write!(out, "<table>\n<thead><tr>")?;
                    for title in header {
                        write!(out, "<th>{}</th>", escape(title))?;
                    }
                    writeln!(out, "</tr></thead>\n<tbody>")?;
                    for row in rows {
                        let score = row
                            .score
                            .map_or_else(String::new, |s| format!(" data-score=\"{s}\""));
                        write!(out, "<tr data-path=\"{}\"{score}>", escape(&row.key))?;
                        for cell in &row.cells {
                            write!(out, "<td>{}</td>", escape(cell))?;
                        }
                        writeln!(out, "</tr>")?;
                    }
                    writeln!(out, "</tbody>\n</table>")?;
                }
                Block::Chart { svg, alt } => {
                    writeln!(
                        out,
                        "<figure>{svg}<figcaption>{}</figcaption></figure>",
                        escape(alt)
                    )?;
                }
            }
        }
        writeln!(out, "</body>\n</html>")
    }
}

/// Text as HTML shows it, whatever it holds: no markup from the catalogue or the answers gets
/// through, and control characters are dropped.
pub(super) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            '\n' | '\t' => escaped.push(' '),
            c if c.is_control() || is_bidi_control(c) => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn text_from_yaml_is_escaped() {
        assert_eq!(
            escape("<img src=x onerror=\"alert(1)\"> & 'q'"),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39;"
        );
        assert_eq!(escape("bell\u{7}\u{202e}"), "bell");
    }
}
