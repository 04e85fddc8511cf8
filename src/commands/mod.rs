//! One module per subcommand; each takes the parsed arguments and does the work.

pub mod assess;
pub mod paths;
pub mod questions;
pub mod validate;

use crate::catalogue::{self, Origin};
use crate::model::Catalogue;
use std::io::{BufWriter, StdoutLock, Write};

fn load_catalogue(origins: &[Origin]) -> anyhow::Result<Catalogue> {
    Ok(catalogue::load(origins)?.catalogue)
}

/// Buffered standard output; callers flush it so that a write error (a closed pipe) is seen.
fn stdout() -> BufWriter<StdoutLock<'static>> {
    BufWriter::new(std::io::stdout().lock())
}

/// Runs `print` against standard output and flushes it.
fn print(print: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    let mut out = stdout();
    print(&mut out)?;
    out.flush()?;
    Ok(())
}
