//! One renderer per output format, behind one trait. The engine never formats; renderers never
//! score.

pub mod json;
pub mod ndjson;
pub mod report;
pub mod results;
pub mod table;
pub mod words;
pub mod writer;

use crate::Display;
use crate::catalogue::{self, Origin};
use crate::cli::Format;
use crate::engine::{Assessment, Comparison, Plan, Portfolios};
use crate::journal::{Entry, History, ReviewReport};
use crate::model::{CareerPath, Catalogue, Criteria};
use std::io::{self, Write};
use std::path::Path;

/// How a command ctopath suggests sees what this one saw: the flags that chose the catalogue,
/// and the answers when they came from a file or standard input. Without them the suggested
/// command would read the last questionnaire's answers, which may be others, or none.
#[derive(Debug, Clone, Default)]
pub struct Again {
    flags: String,
    answers: String,
}

impl Again {
    pub fn new(origins: &[Origin], answers: Option<&Path>) -> Again {
        Again {
            flags: catalogue::flags(origins),
            answers: answers.map_or_else(String::new, |file| {
                let file = crate::text::shell_word(&file.display().to_string());
                format!(" --answers {file}")
            }),
        }
    }

    /// `ctopath WORDS` with the flags and answers this command was given.
    pub fn command(&self, words: &str) -> String {
        format!("ctopath {}{words}{}", self.flags, self.answers)
    }
}

/// Writes each kind of result in one format.
pub trait Renderer {
    /// `again`: how the commands the results suggest pass the same catalogue and answers.
    fn assessment(
        &self,
        out: &mut dyn Write,
        assessment: &Assessment,
        catalogue: &Catalogue,
        again: &Again,
    ) -> io::Result<()>;
    fn paths(&self, out: &mut dyn Write, catalogue: &Catalogue) -> io::Result<()>;
    fn path(&self, out: &mut dyn Write, path: &CareerPath, criteria: &Criteria) -> io::Result<()>;
    fn questions(&self, out: &mut dyn Write, catalogue: &Catalogue) -> io::Result<()>;
    fn comparison(
        &self,
        out: &mut dyn Write,
        comparison: &Comparison,
        criteria: &Criteria,
    ) -> io::Result<()>;
    fn plan(&self, out: &mut dyn Write, plan: &Plan) -> io::Result<()>;
    fn portfolios(
        &self,
        out: &mut dyn Write,
        portfolios: &Portfolios,
        again: &Again,
    ) -> io::Result<()>;
    fn history(&self, out: &mut dyn Write, history: &History) -> io::Result<()>;
    fn history_entry(&self, out: &mut dyn Write, entry: &Entry) -> io::Result<()>;
    fn review(&self, out: &mut dyn Write, review: &ReviewReport) -> io::Result<()>;
}

pub fn renderer(format: Format, display: &Display) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(table::Table {
            color: display.color,
            width: display.width,
            ascii: display.plain,
        }),
        Format::Json => Box::new(json::Json),
    }
}
