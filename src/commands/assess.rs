//! `ctopath assess`: read the answers, score every path, print the ranking.

use super::{load_catalogue, print};
use crate::catalogue::Origin;
use crate::cli::AssessArgs;
use crate::{UsageError, answers, engine, render};
use anyhow::{Context, Result};
use std::io::{IsTerminal, Read};
use std::path::Path;

pub fn run(origins: &[Origin], args: &AssessArgs) -> Result<()> {
    let Some(answers_path) = &args.answers else {
        return Err(UsageError(no_answers_message()).into());
    };
    let catalogue = load_catalogue(origins)?;
    let (text, source_name) = read_answers(answers_path)?;
    let answers = answers::parse(&text, &source_name, &catalogue)?;
    let assessment = engine::assess(&catalogue, &answers);
    print(|out| render::renderer(args.format).assessment(out, &assessment, &catalogue))
}

/// The answers text and the name to show in errors; `-` reads standard input.
fn read_answers(path: &Path) -> Result<(String, String)> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read answers from standard input")?;
        return Ok((text, "<stdin>".to_string()));
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the answers file {}", path.display()))?;
    Ok((text, path.display().to_string()))
}

fn no_answers_message() -> String {
    let why = if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        "the interactive questionnaire is not built yet; pass your answers as JSON"
    } else {
        "there is no terminal to ask questions in; pass your answers as JSON"
    };
    format!(
        "`ctopath assess` needs answers: {why}\n\n  \
         ctopath questions --template > answers.json   # fill in the numbers\n  \
         ctopath assess --answers answers.json\n  \
         produce-answers | ctopath assess --answers -"
    )
}
