//! `ctopath review`: answer again (the last history entry's answers as defaults, or
//! `--answers`), see what changed since that entry and which answers caused it, say what came of
//! each decision due, and keep the new answers in the history.

use super::{load_for_ranking, print, read_answers};
use crate::catalogue::Origin;
use crate::cli::ReviewArgs;
use crate::engine::{self, Outcome};
use crate::journal::{self, Decision, Journal};
use crate::model::{Answers, Catalogue};
use crate::prompt::TerminalPrompter;
use crate::questionnaire::{LinePrompt, Prompter, Step};
use crate::suggest::did_you_mean;
use crate::{Display, Interrupted, UsageError, answers, render};
use anyhow::{Result, anyhow};
use std::io::IsTerminal;

pub fn run(origins: &[Origin], args: &ReviewArgs, display: &Display) -> Result<()> {
    let today = journal::today(args.today.as_deref())?;
    let given = args
        .outcome
        .iter()
        .map(|flag| outcome_flag(flag))
        .collect::<Result<Vec<_>, _>>()?;
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if args.answers.is_none() && !terminal {
        return Err(UsageError(no_answers_message()).into());
    }
    let catalogue = load_for_ranking(origins)?;
    let state = journal::folder();
    let journal = match &state {
        Some(state) => journal::read(state, today)?,
        None => Journal::default(),
    };
    journal.warn();
    // Every --outcome names one decision due for review, once, checked before any question.
    let mut outcomes: Vec<(Decision, Outcome)> = Vec::new();
    for (id, outcome) in &given {
        let open = || journal.decisions.iter().filter(|d| d.outcome.is_none());
        let matching: Vec<&Decision> = open()
            .filter(|d| &d.path == id || d.number.to_string() == *id)
            .collect();
        let decision = match matching.as_slice() {
            [] => {
                let ids: Vec<&str> = open().map(|d| d.path.as_str()).collect();
                let listed = if ids.is_empty() {
                    "none is open (`ctopath decide ID` records one)".to_string()
                } else {
                    format!("open ones: {}", ids.join(", "))
                };
                return Err(UsageError(format!(
                    "--outcome {id}: no open decision for '{id}'{}; {listed}",
                    did_you_mean(id, ids.iter().copied())
                ))
                .into());
            }
            [decision] => *decision,
            several => {
                let numbers: Vec<String> = several
                    .iter()
                    .map(|d| format!("{} (due {})", d.number, d.review_on))
                    .collect();
                return Err(UsageError(format!(
                    "--outcome {id}: {} open decisions are for '{id}': name one by its number \
                     (--outcome N=...): {}",
                    several.len(),
                    numbers.join(", ")
                ))
                .into());
            }
        };
        if !decision.due {
            return Err(UsageError(format!(
                "--outcome {id}: decision {} ({}) is not due for review until {}; \
                 its outcome is asked for from then on",
                decision.number, decision.name, decision.review_on
            ))
            .into());
        }
        if outcomes
            .iter()
            .any(|(given, _)| given.number == decision.number)
        {
            return Err(UsageError(format!(
                "--outcome {id}: decision {} ({}) is given an outcome twice; give it one",
                decision.number, decision.name
            ))
            .into());
        }
        outcomes.push((decision.clone(), *outcome));
    }

    let last = journal.entries.last();
    let before = last.and_then(|entry| earlier_answers(entry, &catalogue));
    let after = match &args.answers {
        Some(path) => {
            let (text, name) = read_answers(path)?;
            let given = answers::parse(&text, &name, &catalogue)?;
            match (&before, last) {
                (Some(earlier), Some(entry)) => {
                    let (filled, taken) = fill_from(given, &text, earlier);
                    if taken > 0 {
                        let note = format!(
                            "note: {taken} answers that {name} leaves out are taken from entry {} of \
                             {}, as the questionnaire would offer them",
                            entry.seq, entry.date
                        );
                        eprintln!("{}", crate::for_stderr("", &crate::text::sanitize(&note)));
                    }
                    filled
                }
                _ => given,
            }
        }
        None => {
            let said = last.map(|entry| {
                format!(
                    "The answers in [brackets] are those of your history's entry {}, from {}.",
                    entry.seq, entry.date
                )
            });
            let defaults = before.as_ref().zip(said.as_deref());
            super::assess::ask(&catalogue, display, None, defaults)?
        }
    };
    // In a terminal, decisions due that no --outcome answered are asked about, also after
    // answers from a file.
    if terminal {
        ask_outcomes(&journal, &mut outcomes, display)?;
    }

    let mut review = engine::review(&catalogue, before.as_ref().unwrap_or(&after), &after);
    if before.is_none() {
        review.summary = NOTHING_TO_COMPARE.to_string();
    }
    let assessment = engine::assess_robustly(&catalogue, &after, engine::Settings::default());
    let recorded_on = today.to_string();
    if let Some(state) = &state {
        for (decision, outcome) in &outcomes {
            journal::record_outcome(state, decision.number, *outcome, today)?;
        }
    }
    let entry = journal::keep(&after, &assessment, "review", args.no_history, Some(today));

    let mut decisions = journal.decisions.clone();
    let mut recorded = Vec::new();
    for (decided, outcome) in &outcomes {
        if let Some(decision) = decisions.iter_mut().find(|d| d.number == decided.number) {
            decision.outcome = Some(*outcome);
            decision.outcome_date = Some(recorded_on.clone());
            decision.due = false;
            recorded.push(decision.clone());
        }
    }
    let scored: Vec<(u8, Outcome)> = decisions
        .iter()
        .filter_map(|d| Some((d.confidence?, d.outcome?)))
        .collect();
    let report = journal::ReviewReport {
        // An entry whose answers no longer fit the catalogue is no base for a comparison.
        since: last
            .filter(|_| before.is_some())
            .map(|entry| journal::Since {
                number: entry.seq,
                date: entry.date.clone(),
                ctopath_version: entry.ctopath_version.clone(),
                model_version: entry.model_version,
            }),
        entry,
        review,
        outcomes: recorded,
        still_due: decisions.iter().filter(|d| d.due).cloned().collect(),
        calibration: engine::calibration(&scored),
    };
    print(|out| render::renderer(args.format, display).review(out, &report))
}

/// The answers of a file, with what it leaves out (a skill, a goal, a constraint) taken from
/// `earlier`, and how many were taken: a review compares like with like, so an answer the file
/// does not give has not changed.
fn fill_from(mut given: Answers, text: &str, earlier: &Answers) -> (Answers, usize) {
    let mut taken = 0;
    given.assumed.retain(|assumption| {
        let (section, id) = assumption.key.split_once('.').unwrap_or(("", ""));
        let (mine, theirs) = match section {
            "skills" => (&mut given.skills, &earlier.skills),
            "goals" => (&mut given.goals, &earlier.goals),
            _ => return true,
        };
        match theirs.get(id) {
            Some(&value) => {
                mine.insert(id.to_string(), value);
                taken += 1;
                false
            }
            None => true,
        }
    });
    // The file parsed, so it is a JSON object; which constraints it names is read from it.
    let raw: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let named = |key: &str| {
        raw.get("constraints")
            .and_then(|c| c.as_object())
            .is_some_and(|c| c.contains_key(key))
    };
    let (mine, theirs) = (&mut given.constraints, &earlier.constraints);
    let mut take = |key: &str, differs: bool| {
        let take = !named(key) && differs;
        taken += usize::from(take);
        take
    };
    if take(
        "hours_per_week",
        mine.hours_per_week != theirs.hours_per_week,
    ) {
        mine.hours_per_week = theirs.hours_per_week;
    }
    if take("runway_months", mine.runway_months != theirs.runway_months) {
        mine.runway_months = theirs.runway_months;
    }
    if take("min_income", mine.min_income != theirs.min_income) {
        mine.min_income = theirs.min_income;
    }
    if take("exclude", mine.exclude != theirs.exclude) {
        mine.exclude = theirs.exclude.clone();
    }
    if take("must_have", mine.must_have != theirs.must_have) {
        mine.must_have = theirs.must_have.clone();
    }
    if take("keeps_job", mine.keeps_job != theirs.keeps_job) {
        mine.keeps_job = theirs.keeps_job;
    }
    (given, taken)
}

/// The summary of a review with no earlier entry to compare with.
const NOTHING_TO_COMPARE: &str = "No earlier entry to compare with: nothing changed since one.";

/// `fractional_cto=partly`: a path id (or decision number) and an outcome.
fn outcome_flag(flag: &str) -> Result<(String, Outcome), UsageError> {
    let wrong = || {
        UsageError(format!(
            "--outcome {flag:?}: write ID=expected, ID=partly or ID=not, where ID is the path \
             of the decision (e.g. --outcome fractional_cto=partly)"
        ))
    };
    let (id, outcome) = flag.split_once('=').ok_or_else(wrong)?;
    let outcome = parse_outcome(outcome).ok_or_else(wrong)?;
    Ok((id.trim().to_string(), outcome))
}

/// `expected`, `partly`, `not`, or their first letters.
fn parse_outcome(text: &str) -> Option<Outcome> {
    match text.trim().to_ascii_lowercase().as_str() {
        "expected" | "e" | "yes" => Some(Outcome::Expected),
        "partly" | "p" => Some(Outcome::Partly),
        "not" | "n" | "no" => Some(Outcome::Not),
        _ => None,
    }
}

/// A history entry's answers, read against today's catalogue; `None` with a note when they no
/// longer fit it.
fn earlier_answers(entry: &journal::Entry, catalogue: &Catalogue) -> Option<Answers> {
    let name = format!("history entry {}", entry.seq);
    match answers::parse_own(&entry.answers.to_string(), &name, catalogue) {
        Ok(answers) => Some(answers),
        Err(error) => {
            let note =
                format!("note: {name} no longer fits the catalogue ({error}); nothing to compare");
            eprintln!("{}", crate::for_stderr("", &crate::text::sanitize(&note)));
            None
        }
    }
}

/// Asks what came of each decision due that no --outcome answered; Enter leaves one for later.
fn ask_outcomes(
    journal: &Journal,
    outcomes: &mut Vec<(Decision, Outcome)>,
    display: &Display,
) -> Result<()> {
    let due: Vec<&Decision> = journal
        .due()
        .filter(|d| !outcomes.iter().any(|(o, _)| o.number == d.number))
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    let mut prompter = TerminalPrompter::new(display.color_prompts, display.plain);
    for (index, decision) in due.iter().enumerate() {
        let expected = match (&decision.expect, decision.confidence) {
            (Some(expect), Some(pct)) => format!("You expected \"{expect}\", {pct}% sure."),
            (Some(expect), None) => format!("You expected \"{expect}\"."),
            (None, _) => "You said nothing of what you expected.".to_string(),
        };
        let prompt = LinePrompt {
            progress: format!("Decisions {}/{}", index + 1, due.len()),
            title: format!(
                "{}, chosen on {}, due for review on {}",
                decision.name, decision.date, decision.review_on
            ),
            question: crate::text::sanitize(&format!("{expected} What came of it?")).into_owned(),
            hints: vec![
                "e: as expected, p: partly, n: not as expected; Enter leaves it for later"
                    .to_string(),
            ],
            default: Some("later".to_string()),
        };
        loop {
            let step = prompter.line(&prompt).map_err(|error| {
                if error.kind() == std::io::ErrorKind::Interrupted {
                    anyhow::Error::new(Interrupted(
                        "stopped: no outcome and no history entry recorded".to_string(),
                    ))
                } else {
                    anyhow!(error).context("the review stopped")
                }
            })?;
            let typed = match step {
                Step::Answer(typed) => typed,
                Step::Back => break,
            };
            if typed.trim().is_empty() || typed.trim() == "later" {
                break;
            }
            match parse_outcome(&typed) {
                Some(outcome) => {
                    outcomes.push(((*decision).clone(), outcome));
                    break;
                }
                None => prompter.invalid("type e, p or n (or Enter to leave it for later)")?,
            }
        }
    }
    Ok(())
}

fn no_answers_message() -> String {
    "`ctopath review` needs a terminal to ask its questions, and there is none; pass your \
     answers as JSON instead (and what came of decisions due with --outcome):\n\n  \
     ctopath history show N --format json | jq .answers > answers.json   # your last answers\n  \
     ctopath review --answers answers.json --outcome fractional_cto=partly"
        .to_string()
}
