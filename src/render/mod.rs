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
use crate::cli::Format;
use crate::engine::{Assessment, Comparison, Plan, Portfolios};
use crate::journal::{Entry, History, ReviewReport};
use crate::model::{CareerPath, Catalogue, Criteria};
use std::io::{self, Write};

/// Writes each kind of result in one format.
pub trait Renderer {
    fn assessment(
        &self,
        out: &mut dyn Write,
        assessment: &Assessment,
        catalogue: &Catalogue,
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
    fn portfolios(&self, out: &mut dyn Write, portfolios: &Portfolios) -> io::Result<()>;
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
