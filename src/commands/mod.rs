//! One module per subcommand; each takes the parsed arguments and does the work.

pub mod assess;
pub mod completions;
pub mod paths;
pub mod questions;
pub mod schema;
pub mod validate;

use crate::catalogue::{self, Origin};
use crate::model::Catalogue;
use std::io::{BufWriter, Write};

fn load_catalogue(origins: &[Origin]) -> anyhow::Result<Catalogue> {
    Ok(catalogue::load(origins)?.catalogue)
}

/// Runs `print` against buffered standard output and flushes it, so that a write error (such as
/// a closed pipe) is seen and reported rather than lost.
fn print(print: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    print(&mut out)?;
    out.flush()?;
    Ok(())
}
