//! `ctopath assess`: get the answers (from a file, or by asking in a terminal), score every path,
//! print the ranking.

use super::{load_for_ranking, print, read_answers};
use crate::catalogue::Origin;
use crate::cli::{AssessArgs, AssessFormat, Format};
use crate::engine::{Prepared, Ranking};
use crate::files::{self, Access, Existing, Folder};
use crate::model::{Answers, Catalogue};
use crate::prompt::TerminalPrompter;
use crate::questionnaire::{self, Draft, Prompter, Start};
use crate::render::Again;
use crate::render::report::{ReportFormat, ReportInput};
use crate::{Display, Interrupted, UsageError, answers, engine, render, state, store};
use anyhow::{Context, Result};
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn run(origins: &[Origin], args: &AssessArgs, display: &Display) -> Result<()> {
    // Refuse a --save or --output target before asking anything, so no answers are typed in vain.
    let existing = Existing::forced(args.force);
    if let (Some(save), Some(output)) = (&args.save, &args.output)
        && files::same_target(save, output)
    {
        return Err(UsageError(format!(
            "--save and --output both name {}: the results would replace the saved answers; choose two files",
            output.display()
        ))
        .into());
    }
    for target in [&args.save, &args.output].into_iter().flatten() {
        files::check_target(target, existing, Folder::MustExist)?;
    }
    if let Some(edit) = &args.edit {
        if args.format == AssessFormat::Ndjson {
            return Err(UsageError(
                "--edit opens one person's answers; --format ndjson scores a stream: drop one"
                    .to_string(),
            )
            .into());
        }
        if edit.as_os_str() == "-" {
            return Err(UsageError(
                "--edit takes a file to save back to, not standard input: pass its path"
                    .to_string(),
            )
            .into());
        }
        files::check_target(edit, Existing::Replace, Folder::MustExist)?;
    }
    // One person's results in one of four forms; a stream of answers goes elsewhere.
    let report_format = match args.format {
        AssessFormat::Table | AssessFormat::Json => None,
        AssessFormat::Markdown => Some(ReportFormat::Markdown),
        AssessFormat::Html => Some(ReportFormat::Html),
        AssessFormat::Ndjson => return super::stream::run(origins, args, display),
    };
    let format = if args.format == AssessFormat::Json {
        Format::Json
    } else {
        Format::Table
    };
    for (given, flag) in [
        (args.stream.fail_fast, "--fail-fast"),
        (args.stream.portfolios, "--portfolios"),
        (!args.stream.fields.is_empty(), "--fields"),
    ] {
        if given {
            return Err(UsageError(format!("{flag} goes with --format ndjson")).into());
        }
    }
    // A file keeps no colour codes unless they were asked for outright.
    let display = &Display {
        color: display.color && (args.output.is_none() || display.color_forced),
        ..*display
    };
    let catalogue = load_for_ranking(origins)?;
    let answers = match &args.answers {
        Some(path) => {
            let (text, source_name) = read_answers(path)?;
            answers::parse(&text, &source_name, &catalogue).map_err(|mut error| {
                // Valid JSON followed by more of it: most likely a stream given to one assessment.
                for problem in &mut error.problems {
                    if problem.ends_with("trailing characters") {
                        problem.push_str("; the input holds more than one answers object: to score each, use --format ndjson");
                    }
                }
                error
            })?
        }
        None if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() => {
            ask(&catalogue, display, args.edit.as_deref(), None)?
        }
        None if args.edit.is_some() => {
            return Err(UsageError(
                "--edit opens the questionnaire, which needs a terminal, and there is none"
                    .to_string(),
            )
            .into());
        }
        None => return Err(UsageError(no_answers_message()).into()),
    };
    if let Some(save) = &args.save {
        files::write(save, &answers_file(&answers), existing, Access::Shared)?;
        eprintln!(
            "Answers saved to {}.",
            crate::text::sanitize(&save.display().to_string())
        );
    }
    let settings = args.robustness.settings(engine::DEFAULT_SAMPLES);
    // The catalogue's numbers, made once for the ranking, the robustness and the portfolios.
    let prepared = Prepared::new(&catalogue);
    let mut assessment = prepared.assess(&answers, usize::MAX, &mut Ranking::default());
    if let Some(settings) = settings {
        prepared.robustness(&answers, &mut assessment, settings);
    }
    // Portfolios of up to three parts: enough to say whether one beats the best path, at a
    // fraction of the four-part search that `ctopath portfolio` makes.
    assessment.portfolios = Some(prepared.portfolios(
        &answers,
        assessment.ranking.first(),
        ASSESS_PORTFOLIO_PARTS,
        settings,
    ));
    // The journal keeps every finished assessment (README: "The decision journal").
    let kept = crate::journal::keep(&answers, &assessment, "assess", args.no_history, None);
    // The first entry says where the history is, once: nothing is kept without a word.
    if kept == Some(1) && std::io::stderr().is_terminal() {
        let note = "your assessments are kept in your history from now on (`ctopath history` \
                    lists them; `--no-history` or CTOPATH_NO_HISTORY=1 keeps none)";
        eprintln!("{}", crate::for_stderr("note: ", note));
    }
    if let Some(top) = args.stream.top {
        assessment.ranking.truncate(top as usize);
    }
    // The answers file the suggested commands pass on (`--edit` saves to its file).
    let again = Again::new(origins, args.answers.as_deref().or(args.edit.as_deref()));
    let write = |out: &mut dyn Write| match report_format {
        Some(report_format) => report(
            out,
            report_format,
            &assessment,
            &catalogue,
            &answers,
            &again,
        ),
        None => render::renderer(format, display).assessment(out, &assessment, &catalogue, &again),
    };
    match &args.output {
        None => print(write),
        Some(file) => {
            let mut bytes = Vec::new();
            write(&mut bytes)?;
            let text = String::from_utf8(bytes).context("the output is text")?;
            files::write(file, &text, existing, Access::Shared)?;
            eprintln!(
                "Wrote {}.",
                crate::text::sanitize(&file.display().to_string())
            );
            Ok(())
        }
    }
}

/// The most parts of the portfolios an assessment weighs.
const ASSESS_PORTFOLIO_PARTS: usize = 3;

/// A report with the plan for the top path, its review date counted from today.
fn report(
    out: &mut dyn Write,
    format: ReportFormat,
    assessment: &engine::Assessment,
    catalogue: &Catalogue,
    answers: &Answers,
    again: &Again,
) -> std::io::Result<()> {
    // The date the journal uses too (`CTOPATH_TODAY` when set), so report and entry agree.
    let today = crate::journal::today(None).unwrap_or_else(|_| crate::journal::local_today());
    let plan = assessment
        .ranking
        .first()
        .and_then(|top| engine::plan(catalogue, answers, assessment, &top.id, today));
    let input = ReportInput {
        assessment,
        catalogue,
        answers,
        plan: plan.as_ref(),
        made_on: today,
        again,
    };
    render::report::writer(format).write(out, &render::report::blocks(&input))
}

/// The `$schema` an answers file names, if it names one.
fn schema_of(file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let value: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    value.get("$schema")?.as_str().map(str::to_string)
}

/// The answers as the JSON `--answers` reads: every skill and goal, and the constraints.
pub(super) fn answers_file(answers: &Answers) -> String {
    serde_json::to_string_pretty(answers).expect("answers serialize to JSON") + "\n"
}

fn no_answers_message() -> String {
    "`ctopath assess` needs a terminal to ask its questions, and there is none; \
     pass your answers as JSON instead:\n\n  \
     ctopath questions --template > answers.json   # fill in the numbers\n  \
     ctopath assess --answers answers.json\n  \
     produce-answers | ctopath assess --answers -"
        .to_string()
}

/// The questionnaire: every answer is kept as it is given, and an unfinished run is offered
/// for resuming next time. Only one run at a time keeps its answers in the state folder. With
/// `edit`, that answers file opens at the review and is saved back. `defaults` (for `review`:
/// the last history entry's answers, and the line that says so) replace the last answers as
/// what Enter keeps.
pub(super) fn ask(
    catalogue: &Catalogue,
    display: &Display,
    edit: Option<&Path>,
    defaults: Option<(&Answers, &str)>,
) -> Result<Answers> {
    let questions = questionnaire::questions(catalogue);
    let mut keeper = state::Keeper::claim(store::state_dir());
    let last_file = store::state_dir().map(|state| store::last_answers_file(&state));
    let start = match edit {
        Some(file) => Start::Review(edited_draft(file, catalogue, &questions)?),
        None => Start::Ask {
            unfinished: keeper
                .resumable()
                .and_then(|file| earlier_draft(file, catalogue, &questions)),
            last: match defaults {
                Some((answers, _)) => Some(Draft::from_answers_json(
                    &serde_json::to_value(answers).expect("answers serialize to JSON"),
                    &questions,
                )),
                None => last_file
                    .as_deref()
                    .and_then(|file| earlier_draft(file, catalogue, &questions)),
            },
        },
    };

    // dialoguer raises SIGINT on Ctrl-C; with it claimed the prompt returns an `Interrupted`
    // error instead of the process dying with the cursor hidden.
    crate::signals::questionnaire_handles_sigint();
    let mut prompter = TerminalPrompter::new(display.color_prompts, display.plain);
    let term = prompter.term().clone();
    // Wrapped to the terminal: at 80 columns the opening must not break inside a word.
    term.write_line(&crate::for_stderr(
        "",
        &format!(
            "{} questions: skills, then goals, then your limits. Enter keeps the answer in \
             [brackets],\n{} goes back one question, Ctrl-C stops (your answers are kept for next \
             time).",
            questions.len(),
            prompter.back_key()
        ),
    ))?;
    let opening = match (&start, edit, &last_file) {
        (Start::Review(_), Some(file), _) => Some(format!(
            "The answers in {}: pick one to change, then score them.",
            file.display()
        )),
        (Start::Ask { last: Some(_), .. }, _, _) if defaults.is_some() => {
            defaults.map(|(_, said)| said.to_string())
        }
        (Start::Ask { last: Some(_), .. }, _, Some(file)) => Some(format!(
            "The answers in [brackets] are your last ones, from {}.",
            file.display()
        )),
        _ => None,
    };
    // Notes name files and echo system errors: shown, never acted on by the terminal.
    for note in opening.into_iter().chain(keeper.note()) {
        term.write_line(&crate::for_stderr("", &crate::text::sanitize(&note)))?;
    }

    let mut keep = |draft: &Draft| match keeper.keep(draft.to_answers_json().to_string()) {
        Some(note) => term.write_line(&crate::text::sanitize(&note)),
        None => Ok(()),
    };
    let stopped = |error: std::io::Error, keeper: &state::Keeper| -> anyhow::Error {
        // dialoguer's lists hide the cursor; plain mode has none and writes no escapes.
        if !display.plain {
            let _ = term.show_cursor();
        }
        if error.kind() == std::io::ErrorKind::Interrupted {
            return Interrupted(keeper.stopped()).into();
        }
        anyhow::Error::new(error).context("the questionnaire stopped")
    };
    let draft = questionnaire::run(&mut prompter, &questions, start, &mut keep)
        .map_err(|error| stopped(error, &keeper))?;

    let answers = answers::parse_own(
        &draft.to_answers_json().to_string(),
        "the questionnaire",
        catalogue,
    )?;
    if let Some(file) = edit {
        let name = file.display().to_string();
        let shown = crate::text::sanitize(&name);
        let replace = prompter
            .confirm(&format!("Replace {shown} with these answers?"), true)
            .map_err(|error| stopped(error, &keeper))?;
        if replace {
            let mut text = answers_file(&answers);
            // The file's `$schema`, which gives editors its keys and ranges, stays first.
            if let Some(schema) = schema_of(file) {
                let line = format!("\n  \"$schema\": {},", serde_json::Value::from(schema));
                text.insert_str(1, &line);
            }
            files::write(file, &text, Existing::Replace, Access::Shared)?;
            eprintln!("Answers saved to {shown}.");
        } else {
            eprintln!("{shown} is left as it was.");
        }
    }
    // The finished answers stay at hand for `--answers`; the unfinished ones are done with.
    let kept = match keeper.finish(&answers_file(&answers)) {
        state::Finished::Last(file) | state::Finished::Fallback(file) => file,
        state::Finished::Nowhere => return Ok(answers),
    };
    let text = format!(
        "Your answers are in {0}: `ctopath assess --answers {0} --format json` gives the JSON.",
        kept.display()
    );
    eprintln!("\n{}\n", crate::for_stderr("", &text));
    Ok(answers)
}

/// The whole of a saved answers file, every answer filled in, to open at the review.
fn edited_draft(
    file: &Path,
    catalogue: &Catalogue,
    questions: &[questionnaire::Question],
) -> Result<Draft> {
    let (text, name) = read_answers(file)?;
    let answers = answers::parse(&text, &name, catalogue)?;
    let json = serde_json::to_value(&answers).expect("answers serialize to JSON");
    Ok(Draft::from_answers_json(&json, questions))
}

/// Answers kept from an unfinished run, if they can be read and still fit the catalogue.
fn earlier_draft(
    file: &Path,
    catalogue: &Catalogue,
    questions: &[questionnaire::Question],
) -> Option<Draft> {
    let text = match super::read_kept_answers(file) {
        Ok(text) => text?,
        Err(error) => {
            let note = format!("note: {error:#}; starting afresh");
            eprintln!("{}", crate::text::sanitize(&note));
            return None;
        }
    };
    if answers::parse(&text, &file.display().to_string(), catalogue).is_err() {
        eprintln!(
            "note: the answers kept in {} no longer fit the catalogue; starting afresh",
            file.display()
        );
        return None;
    }
    let json = serde_json::from_str(&text).ok()?;
    Some(Draft::from_answers_json(&json, questions))
}
