//! `ctopath decide ID`: record the path chosen, what is expected of it by when, and how sure
//! the person is, in the journal's `decisions.jsonl`.

use super::load_catalogue;
use crate::catalogue::Origin;
use crate::cli::DecideArgs;
use crate::suggest::did_you_mean;
use crate::{UsageError, journal};
use anyhow::{Result, anyhow};

/// A confidence that is not a percentage from 1 to 99.
#[derive(Debug, thiserror::Error)]
#[error(
    "--confidence {0:?} is not a percentage from 1 to 99; say how sure you are that what you \
     expect will happen, e.g. --confidence 70 (0 and 100 are not predictions)"
)]
pub struct ConfidenceError(String);

/// What is expected fits in a sentence or two; the journal stays small and readable.
const MAX_EXPECT_CHARS: usize = 500;

pub fn run(origins: &[Origin], args: &DecideArgs) -> Result<()> {
    let today = journal::today(args.today.as_deref())?;
    let confidence = args
        .confidence
        .as_deref()
        .map(confidence)
        .transpose()
        .map_err(|error| UsageError(error.to_string()))?;
    let review_on = match &args.review {
        Some(text) => journal::parse_date(text, "--review")?,
        None => journal::default_review(today),
    };
    if review_on <= today {
        return Err(UsageError(format!(
            "--review {review_on} is not after today ({today}); choose a date to come"
        ))
        .into());
    }
    if let Some(expect) = &args.expect
        && (expect.trim().is_empty()
            || expect.chars().any(char::is_control)
            || expect.chars().count() > MAX_EXPECT_CHARS)
    {
        return Err(UsageError(format!(
            "--expect takes what you expect to see, in one line of plain text (no control \
             characters) of at most {MAX_EXPECT_CHARS} characters"
        ))
        .into());
    }
    let catalogue = load_catalogue(origins)?;
    let path = catalogue.path(&args.id).ok_or_else(|| {
        let ids = catalogue.paths.iter().map(|p| p.id.as_ref());
        anyhow!(
            "no path has the id '{}'{}; `ctopath paths list` shows them all",
            args.id,
            did_you_mean(&args.id, ids)
        )
    })?;
    let state = journal::folder().ok_or_else(|| {
        anyhow!("there is no state folder to keep decisions in (HOME is not set)")
    })?;
    let number = journal::decide(
        &state,
        path,
        args.expect.as_deref().map(str::trim),
        confidence,
        review_on,
        today,
    )?;
    let default = if args.review.is_none() {
        format!(
            " ({} days from today; --review sets another date)",
            journal::DEFAULT_REVIEW_DAYS
        )
    } else {
        String::new()
    };
    let sure = match confidence {
        Some(pct) => format!(", {pct}% sure"),
        None => String::new(),
    };
    let text = format!(
        "Decision {number} recorded: {}{sure}. Review it on {review_on}{default}: \
         `ctopath review` then asks what came of it.",
        path.name
    );
    println!("{}", crate::text::sanitize(&text));
    if args.expect.is_none() || confidence.is_none() {
        eprintln!(
            "{}",
            crate::for_stderr(
                "",
                "note: with --expect TEXT and --confidence PCT the review can score your \
                 prediction, and `ctopath history` shows how well-calibrated you are"
            )
        );
    }
    let file = journal::decisions_file(&state);
    eprintln!(
        "Kept in {}.",
        crate::text::sanitize(&file.display().to_string())
    );
    Ok(())
}

/// `70`, `70%` or `70 %`: a whole percentage from 1 to 99.
fn confidence(text: &str) -> Result<u8, ConfidenceError> {
    let number = text.trim().trim_end_matches('%').trim_end();
    number
        .parse::<u8>()
        .ok()
        .filter(|pct| (1..=99).contains(pct))
        .ok_or_else(|| ConfidenceError(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::confidence;

    #[test]
    fn confidence_is_a_percentage_from_1_to_99() {
        assert_eq!(confidence("70").unwrap(), 70);
        assert_eq!(confidence("70%").unwrap(), 70);
        assert_eq!(confidence(" 5 %").unwrap(), 5);
        for bad in ["0", "100", "120", "-5", "seventy", "70.5", ""] {
            let error = confidence(bad).unwrap_err().to_string();
            assert!(error.contains("from 1 to 99"), "{bad}: {error}");
        }
    }
}
