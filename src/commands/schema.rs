//! `ctopath schema`: a JSON Schema of each file format, for editors and scripts.

use super::{load_catalogue, print};
use crate::catalogue::{self, Origin};
use crate::cli::SchemaFormat;
use crate::{answers, render};
use anyhow::Result;

pub fn run(origins: &[Origin], format: SchemaFormat) -> Result<()> {
    let schema = schema(origins, format)?;
    print(|out| {
        serde_json::to_writer_pretty(&mut *out, &schema)?;
        writeln!(out)
    })
}

/// The schema; those of paths and answers carry the ids of the catalogue in use.
pub fn schema(origins: &[Origin], format: SchemaFormat) -> Result<serde_json::Value> {
    Ok(match format {
        SchemaFormat::Path => catalogue::path_schema(&load_catalogue(origins)?.criteria),
        SchemaFormat::Criteria => catalogue::criteria_schema(),
        SchemaFormat::Answers => answers::answers_schema(&load_catalogue(origins)?),
        SchemaFormat::Results => render::json::results_schema(),
        SchemaFormat::Comparison => render::json::comparison_schema(),
        SchemaFormat::Plan => render::json::plan_schema(),
        SchemaFormat::Portfolios => render::json::portfolios_schema(),
        SchemaFormat::History => render::json::history_schema(),
        SchemaFormat::HistoryEntry => render::json::history_entry_schema(),
        SchemaFormat::Review => render::json::review_schema(),
    })
}
