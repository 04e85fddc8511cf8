//! The questionnaire in a real pseudo-terminal, driven the way a person drives it.

use crate::common::{exit_code, in_terminal, send};
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";

/// `ctopath assess ARGS` in a pseudo-terminal, with its state kept under `home`.
fn spawn(home: &Path, args: &[&str]) -> PtySession {
    in_terminal(home, ["assess"].iter().chain(args), &[])
}

fn in_progress(home: &Path) -> std::path::PathBuf {
    home.join(".local/state/ctopath/in-progress.json")
}

#[test]
fn a_person_answers_corrects_reviews_and_gets_a_ranking() {
    let home = tempfile::tempdir().unwrap();
    let saved = home.path().join("answers.json");
    let mut session = spawn(home.path(), &["--save", saved.to_str().unwrap()]);

    session.exp_string("Skills 1/9").unwrap();
    session.exp_string("Your answer [3]:").unwrap();
    send(&mut session, "5\r");

    session.exp_string("Skills 2/9").unwrap();
    send(&mut session, "9\r");
    session
        .exp_string("\"9\" is not a whole number from 1 to 5")
        .unwrap();
    send(&mut session, "4\r");

    // Enter through the other skills and every goal, keeping the defaults.
    for progress in (3..=9)
        .map(|n| format!("Skills {n}/9"))
        .chain((1..=8).map(|n| format!("Goals {n}/8")))
    {
        session.exp_string(&progress).unwrap();
        session.exp_string("Your answer [3]:").unwrap();
        send(&mut session, "\r");
    }
    // Stability (the second goal) is a must-have.
    session.exp_string("Must-haves").unwrap();
    session.exp_string("Space picks").unwrap();
    send(&mut session, DOWN);
    send(&mut session, " ");
    send(&mut session, "\r");
    session.exp_string("Constraints 1/5").unwrap();
    session.exp_string("[no limit]:").unwrap();
    send(&mut session, "20\r");
    session.exp_string("Constraints 2/5").unwrap();
    send(&mut session, "\r");
    session.exp_string("Constraints 3/5").unwrap();
    send(&mut session, "\r");
    // A job kept beside a part-time path: yes.
    session.exp_string("Constraints 4/5").unwrap();
    session.exp_string("y or n").unwrap();
    send(&mut session, "y\r");

    // Rule out the first path in the list (Advisor), then go on.
    session.exp_string("Space picks").unwrap();
    send(&mut session, " ");
    send(&mut session, "\r");

    // On the review, change selling (the fourth answer), then score.
    session
        .exp_string("score them, or pick one to change")
        .unwrap();
    send(&mut session, &DOWN.repeat(4));
    send(&mut session, "\r");
    session.exp_string("Skills 4/9").unwrap();
    session.exp_string("Your answer [3]:").unwrap();
    send(&mut session, "5\r");
    session
        .exp_string("score them, or pick one to change")
        .unwrap();
    send(&mut session, "\r");

    session.exp_string("Answers saved to").unwrap();
    session.exp_string("Why it fits:").unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 0);

    let answers: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(answers["skills"]["technical_depth"], 5);
    assert_eq!(answers["skills"]["product_vision"], 4);
    assert_eq!(answers["skills"]["selling"], 5);
    assert_eq!(answers["goals"]["income"], 3);
    assert_eq!(answers["constraints"]["hours_per_week"], 20);
    assert_eq!(
        answers["constraints"]["exclude"],
        serde_json::json!(["advisor"])
    );
    assert_eq!(
        answers["constraints"]["must_have"],
        serde_json::json!(["stability"])
    );
    assert_eq!(answers["constraints"]["keeps_job"], true);
    // A finished questionnaire leaves nothing to resume.
    assert!(!in_progress(home.path()).exists());
}

#[test]
fn the_assessment_in_a_terminal_names_a_portfolio_that_scores_higher() {
    // Ten hours a week and an income to earn: an advisory seat beside a fractional client beats
    // any one path.
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("answers.json");
    std::fs::write(
        &file,
        r#"{"skills": {"technical_depth": 4, "product_vision": 4, "industry_network": 4, "selling": 3,
                       "customer_insight": 3, "leadership": 4},
            "goals": {"flexibility": 5, "autonomy": 5, "variety": 4, "income": 4, "stability": 2,
                      "ownership": 2},
            "constraints": {"hours_per_week": 10, "min_income": 60000}}"#,
    )
    .unwrap();
    let mut session = spawn(home.path(), &["--answers", file.to_str().unwrap()]);
    session
        .exp_string("A portfolio scores higher than")
        .unwrap();
    // rexpect reads bytes as Latin-1, so the × between a name and its units is left out here.
    session.exp_string("1 client").unwrap();
    session.exp_string("See it and others with:").unwrap();
    // On a line of its own, with the answers the assessment was given.
    session
        .exp_string("\n  ctopath portfolio --answers ")
        .unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 0);
}

#[test]
fn ctrl_c_keeps_the_answers_and_the_next_run_resumes_there() {
    let home = tempfile::tempdir().unwrap();
    let mut session = spawn(home.path(), &[]);
    session.exp_string("Skills 1/9").unwrap();
    send(&mut session, "2\r");
    session.exp_string("Skills 2/9").unwrap();
    session.send_control('c').unwrap();
    session.exp_string("your answers so far are kept").unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 130);
    let kept: Value =
        serde_json::from_str(&std::fs::read_to_string(in_progress(home.path())).unwrap()).unwrap();
    assert_eq!(kept["skills"]["technical_depth"], 2);

    let mut session = spawn(home.path(), &[]);
    session
        .exp_string("stopped after 1 of 23 questions")
        .unwrap();
    send(&mut session, "y\r");
    session.exp_string("Skills 2/9").unwrap();
    // Esc goes back to the first question, which shows the answer kept.
    send(&mut session, ESC);
    session.exp_string("Skills 1/9").unwrap();
    session.exp_string("Your answer [2]:").unwrap();
    session.send_control('c').unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 130);
}

#[test]
fn ctrl_c_in_a_list_restores_the_cursor() {
    let home = tempfile::tempdir().unwrap();
    // Every answer but the paths to rule out, kept from an earlier run.
    let mut answers = crate::common::answers(
        serde_json::json!({}),
        serde_json::json!({}),
        serde_json::json!({}),
    );
    answers["constraints"] =
        serde_json::json!({"hours_per_week": 40, "runway_months": 6, "min_income": null});
    let file = in_progress(home.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, answers.to_string()).unwrap();

    let mut session = spawn(home.path(), &[]);
    session
        .exp_string("stopped after 20 of 23 questions")
        .unwrap();
    send(&mut session, "y\r");
    session.exp_string("Space picks").unwrap();
    session.send_control('c').unwrap();
    // dialoguer hides the cursor in a list; it must be shown again before exiting.
    let rest = session.exp_eof().unwrap();
    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is not shown again: {rest:?}"
    );
    assert_eq!(exit_code(&session), 130);
}

#[test]
fn answers_given_in_a_terminal_skip_every_question() {
    // With --answers in a terminal: results only, no question asked.
    let home = tempfile::tempdir().unwrap();
    let answers_file = home.path().join("answers.json");
    std::fs::write(&answers_file, r#"{"skills": {"selling": 5}}"#).unwrap();
    let mut session = spawn(home.path(), &["--answers", answers_file.to_str().unwrap()]);
    let output = session.exp_eof().unwrap();
    assert!(output.contains("Why it fits:"), "{output}");
    assert!(!output.contains("Your answer"), "{output}");
    assert_eq!(exit_code(&session), 0);
}

#[test]
fn colour_follows_the_terminal_and_no_color() {
    let home = tempfile::tempdir().unwrap();
    // The progress label is cyan in colour; NO_COLOR (set by `spawn`) turns colour off.
    let mut plain = spawn(home.path(), &[]);
    let shown = plain.exp_string("Your answer [3]:").unwrap();
    assert!(
        !shown.contains("\u{1b}[36m"),
        "colour despite NO_COLOR: {shown:?}"
    );
    plain.send_control('c').unwrap();
    plain.exp_eof().unwrap();

    let mut command = Command::new(env!("CARGO_BIN_EXE_ctopath"));
    command
        .arg("assess")
        .env_clear()
        .env("HOME", home.path())
        .env("TERM", "xterm");
    let mut coloured = spawn_command(command, Some(15_000)).unwrap();
    let shown = coloured.exp_string("Your answer").unwrap();
    assert!(
        shown.contains("\u{1b}[36m"),
        "no colour in a terminal: {shown:?}"
    );
    coloured.send_control('c').unwrap();
    coloured.exp_eof().unwrap();
}

/// Keeps `answers` as the draft of an unfinished run, as a stopped questionnaire leaves it.
fn keep_draft(home: &Path, answers: &Value) {
    let file = in_progress(home);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, answers.to_string()).unwrap();
}

fn kept(home: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(in_progress(home)).unwrap()).unwrap()
}

#[test]
fn no_then_enter_at_the_resume_question_answers_nothing_else() {
    let home = tempfile::tempdir().unwrap();
    keep_draft(
        home.path(),
        &serde_json::json!({"skills": {"technical_depth": 1, "product_vision": 2}}),
    );
    let mut session = spawn(home.path(), &[]);
    session
        .exp_string("stopped after 2 of 23 questions")
        .unwrap();
    // `n` and Enter, typed quickly: the Enter belongs to the resume question, not to question 1.
    send(&mut session, "n\r");
    session.exp_string("Skills 1/9").unwrap();
    session.exp_string("Your answer [3]:").unwrap();
    send(&mut session, "5\r");
    session.exp_string("Skills 2/9").unwrap();
    session.send_control('c').unwrap();
    session.exp_eof().unwrap();
    let kept = kept(home.path());
    assert_eq!(kept["skills"]["technical_depth"], 5, "{kept}");
    assert_eq!(kept["skills"].get("product_vision"), None, "{kept}");
}

#[test]
fn a_state_file_that_is_not_a_regular_file_is_never_read() {
    let home = tempfile::tempdir().unwrap();
    let file = in_progress(home.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    // A FIFO would block a plain open until a writer comes; /dev/zero never ends.
    let made = std::process::Command::new("mkfifo")
        .arg(&file)
        .status()
        .unwrap();
    assert!(made.success());
    for round in 0..2 {
        let mut session = spawn(home.path(), &[]);
        session.exp_string("not a regular file").unwrap();
        session.exp_string("Skills 1/9").unwrap();
        session.send_control('c').unwrap();
        session.exp_eof().unwrap();
        if round == 0 {
            std::fs::remove_file(&file).unwrap();
            std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
        }
    }
    // Nothing was written through the link.
    assert!(file.symlink_metadata().unwrap().file_type().is_symlink());
}

#[test]
fn compare_and_plan_never_block_on_last_answers_that_are_a_fifo() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join(".local/state/ctopath");
    std::fs::create_dir_all(&state).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(state.join("last-answers.json"))
        .status()
        .unwrap();
    assert!(made.success());
    for args in [&["compare", "founder", "ceo"][..], &["plan", "founder"]] {
        crate::common::ctopath()
            .env("HOME", home.path())
            .args(args)
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .failure()
            .code(1)
            .stderr(predicates::str::contains(
                "last-answers.json is not a regular file",
            ));
    }
}

#[test]
fn ctrl_c_says_where_answers_are_when_the_state_folder_cannot_keep_them() {
    // The state folder is a file: nothing can be kept there.
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join(".local/state/ctopath");
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    std::fs::write(&state, "not a folder").unwrap();
    stop_after_one_answer_and_find_it_in_the_temporary_folder(home.path());
    assert_eq!(std::fs::read_to_string(&state).unwrap(), "not a folder");

    // The folder is there, but writing the answers in progress fails after the first answer.
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(in_progress(home.path()).join("in-the-way")).unwrap();
    stop_after_one_answer_and_find_it_in_the_temporary_folder(home.path());
    assert!(in_progress(home.path()).join("in-the-way").is_dir());
}

fn stop_after_one_answer_and_find_it_in_the_temporary_folder(home: &Path) {
    let mut session = spawn(home, &[]);
    session.exp_string("Skills 1/9").unwrap();
    send(&mut session, "2\r");
    session.exp_string("Skills 2/9").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 130);
    assert!(rest.contains("could not be kept in"), "{rest}");
    assert!(!rest.contains("are kept in"), "{rest}");
    // The fallback, in the temporary folder, holds the answer given, and the message names it.
    let fallback: Vec<_> = std::fs::read_dir(home)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    assert_eq!(fallback.len(), 1, "{fallback:?}");
    assert!(rest.contains(fallback[0].to_str().unwrap()), "{rest}");
    let kept: Value =
        serde_json::from_str(&std::fs::read_to_string(&fallback[0]).unwrap()).unwrap();
    assert_eq!(kept["skills"]["technical_depth"], 2);
}

#[test]
fn a_second_questionnaire_leaves_the_first_ones_answers_alone() {
    let home = tempfile::tempdir().unwrap();
    let mut first = spawn(home.path(), &[]);
    first.exp_string("Skills 1/9").unwrap();
    send(&mut first, "2\r");
    first.exp_string("Skills 2/9").unwrap();

    // The second is not offered the first one's answers, and starts afresh.
    let mut second = spawn(home.path(), &[]);
    second
        .exp_string("another `ctopath assess` is running")
        .unwrap();
    second.exp_string("Skills 1/9").unwrap();
    send(&mut second, "4\r");
    enter_from(&mut second, 2);
    second.exp_string("Must-haves").unwrap();
    send(&mut second, "\r");
    for progress in (1..=4).map(|n| format!("Constraints {n}/5")) {
        second.exp_string(&progress).unwrap();
        send(&mut second, "\r");
    }
    second.exp_string("Space picks").unwrap();
    send(&mut second, "\r");
    second
        .exp_string("score them, or pick one to change")
        .unwrap();
    send(&mut second, "\r");
    second.exp_string("Why it fits:").unwrap();
    second.exp_eof().unwrap();
    assert_eq!(exit_code(&second), 0);
    // Finishing did not delete or change the first one's answers in progress.
    assert_eq!(kept(home.path())["skills"]["technical_depth"], 2);

    first.send_control('c').unwrap();
    first.exp_string("kept in").unwrap();
    first.exp_eof().unwrap();
    assert_eq!(kept(home.path())["skills"]["technical_depth"], 2);

    // Once the first has stopped, the next run offers its answers.
    let mut third = spawn(home.path(), &[]);
    third.exp_string("stopped after 1 of 23 questions").unwrap();
    third.send_control('c').unwrap();
    third.exp_eof().unwrap();
}

#[test]
fn none_savings_is_zero_and_skip_is_no_limit() {
    let home = tempfile::tempdir().unwrap();
    let saved = home.path().join("answers.json");
    let mut session = spawn(home.path(), &["--save", saved.to_str().unwrap()]);
    enter_to_the_constraints(&mut session);
    session.exp_string("Constraints 1/5").unwrap();
    session.exp_string("`skip` for no limit").unwrap();
    // `none` hours could mean either: it is asked again.
    send(&mut session, "none\r");
    session.exp_string("type 0").unwrap();
    send(&mut session, "skip\r");
    session.exp_string("Constraints 2/5").unwrap();
    session.exp_string("`none` is 0").unwrap();
    send(&mut session, "none\r");
    session.exp_string("Constraints 3/5").unwrap();
    send(&mut session, "\r");
    session.exp_string("Constraints 4/5").unwrap();
    send(&mut session, "\r");
    session.exp_string("Space picks").unwrap();
    send(&mut session, "\r");
    session.exp_string("Hours a week: no limit").unwrap();
    session.exp_string("Savings runway: 0 months").unwrap();
    send(&mut session, "\r");
    session.exp_string("Why it fits:").unwrap();
    session.exp_eof().unwrap();
    let answers: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(answers["constraints"]["runway_months"], 0);
    assert_eq!(answers["constraints"]["hours_per_week"], Value::Null);
}

/// Enter from skill `first` through every goal, keeping the defaults.
fn enter_from(session: &mut PtySession, first: u8) {
    for progress in (first..=9)
        .map(|n| format!("Skills {n}/9"))
        .chain((1..=8).map(|n| format!("Goals {n}/8")))
    {
        session.exp_string(&progress).unwrap();
        send(session, "\r");
    }
}

/// Enter through every skill and goal and the must-haves, keeping the defaults.
fn enter_to_the_constraints(session: &mut PtySession) {
    enter_from(session, 1);
    session.exp_string("Must-haves").unwrap();
    send(session, "\r");
}

#[test]
fn money_is_typed_as_people_type_it() {
    let home = tempfile::tempdir().unwrap();
    let saved = home.path().join("answers.json");
    let mut session = spawn(home.path(), &["--save", saved.to_str().unwrap()]);
    enter_to_the_constraints(&mut session);
    for progress in ["Constraints 1/5", "Constraints 2/5"] {
        session.exp_string(progress).unwrap();
        send(&mut session, "\r");
    }
    session.exp_string("Constraints 3/5").unwrap();
    session
        .exp_string("$0 to $100,000,000 a year, e.g. 150k or $150,000")
        .unwrap();
    send(&mut session, "two hundred\r");
    session
        .exp_string("is not an amount from $0 to $100,000,000 a year")
        .unwrap();
    send(&mut session, "200k\r");
    session.exp_string("Constraints 4/5").unwrap();
    send(&mut session, "\r");
    session.exp_string("Space picks").unwrap();
    send(&mut session, "\r");
    session.exp_string("Income floor: $200,000 a year").unwrap();
    send(&mut session, "\r");
    session.exp_string("Why it fits:").unwrap();
    session.exp_eof().unwrap();
    let answers: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(answers["constraints"]["min_income"], 200_000);
}

#[test]
fn the_last_finished_answers_are_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    let last = home.path().join(".local/state/ctopath/last-answers.json");
    std::fs::create_dir_all(last.parent().unwrap()).unwrap();
    let mut answers = crate::common::answers(
        serde_json::json!({"technical_depth": 5}),
        serde_json::json!({}),
        serde_json::json!({"hours_per_week": 25, "min_income": 90000}),
    );
    answers["constraints"]["keeps_job"] = true.into();
    std::fs::write(&last, answers.to_string()).unwrap();

    let saved = home.path().join("answers.json");
    let mut session = spawn(home.path(), &["--save", saved.to_str().unwrap()]);
    session
        .exp_string("The answers in [brackets] are your last ones")
        .unwrap();
    session.exp_string("Skills 1/9").unwrap();
    session.exp_string("Your answer [5]:").unwrap();
    send(&mut session, "\r");
    session.exp_string("Skills 2/9").unwrap();
    session.exp_string("Your answer [3]:").unwrap();
    send(&mut session, "2\r");
    enter_from(&mut session, 3);
    session.exp_string("Must-haves").unwrap();
    send(&mut session, "\r");
    session.exp_string("[25 hours a week]:").unwrap();
    send(&mut session, "\r");
    session.exp_string("Constraints 2/5").unwrap();
    send(&mut session, "\r");
    session.exp_string("[$90,000 a year]:").unwrap();
    send(&mut session, "\r");
    session.exp_string("[yes]:").unwrap();
    send(&mut session, "\r");
    session.exp_string("Space picks").unwrap();
    send(&mut session, "\r");
    session.exp_string("score them").unwrap();
    send(&mut session, "\r");
    session.exp_string("Why it fits:").unwrap();
    session.exp_eof().unwrap();
    let answers: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(answers["skills"]["technical_depth"], 5);
    assert_eq!(answers["skills"]["product_vision"], 2);
    assert_eq!(answers["constraints"]["hours_per_week"], 25);
    assert_eq!(answers["constraints"]["min_income"], 90000);
    assert_eq!(answers["constraints"]["keeps_job"], true);
}

#[test]
fn edit_opens_a_saved_file_at_the_review_and_saves_it_back_when_asked() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("mine.json");
    let original = r#"{"$schema": "../paths/schemas/answers.schema.json",
        "skills": {"selling": 2}, "constraints": {"hours_per_week": 30}}"#;
    std::fs::write(&file, original).unwrap();

    // Changed, then not saved: the file is left as it was, and the changed answers are scored.
    let mut session = spawn(home.path(), &["--edit", file.to_str().unwrap()]);
    session.exp_string("pick one to change").unwrap();
    session.exp_string("score them, or pick one").unwrap();
    send(&mut session, &DOWN.repeat(4));
    send(&mut session, "\r");
    session.exp_string("Skills 4/9").unwrap();
    session.exp_string("Your answer [2]:").unwrap();
    send(&mut session, "5\r");
    session.exp_string("score them, or pick one").unwrap();
    send(&mut session, "\r");
    session.exp_string("with these answers? [Y/n]:").unwrap();
    send(&mut session, "n\r");
    session.exp_string("is left as it was").unwrap();
    session.exp_string("Why it fits:").unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);

    // Changed and saved: the whole answers file, with the change.
    let mut session = spawn(home.path(), &["--edit", file.to_str().unwrap()]);
    session.exp_string("score them, or pick one").unwrap();
    send(&mut session, &DOWN.repeat(4));
    send(&mut session, "\r");
    session.exp_string("Your answer [2]:").unwrap();
    send(&mut session, "4\r");
    session.exp_string("score them, or pick one").unwrap();
    send(&mut session, "\r");
    session.exp_string("[Y/n]:").unwrap();
    send(&mut session, "\r");
    session.exp_string("Answers saved to").unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 0);
    let text = std::fs::read_to_string(&file).unwrap();
    // The file's `$schema` is kept, first, for the editor support it gives.
    assert!(
        text.starts_with("{\n  \"$schema\": \"../paths/schemas/answers.schema.json\",\n"),
        "{text}"
    );
    let saved: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(saved["skills"]["selling"], 4);
    assert_eq!(saved["skills"]["technical_depth"], 3);
    assert_eq!(saved["constraints"]["hours_per_week"], 30);
}

/// `ctopath assess ARGS` in a pseudo-terminal with `TERM` set to `term`.
fn spawn_with_term(home: &Path, term: &str, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ctopath"));
    command
        .arg("assess")
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("TMPDIR", home)
        .env("TERM", term)
        .env("COLUMNS", "120");
    spawn_command(command, Some(15_000)).expect("the binary starts in a pty")
}

#[test]
fn plain_mode_asks_line_by_line_with_numbered_choices_and_no_escapes() {
    for (term, args) in [("xterm", &["--plain"][..]), ("dumb", &[][..])] {
        let home = tempfile::tempdir().unwrap();
        let saved = home.path().join("answers.json");
        let mut args = args.to_vec();
        args.extend(["--save", saved.to_str().unwrap()]);
        let mut session = spawn_with_term(home.path(), term, &args);
        session
            .exp_string("Esc or `back` goes back one question")
            .unwrap();
        session.exp_string("Skills 1/9").unwrap();
        session.exp_string("Your answer [3]:").unwrap();
        send(&mut session, "4\r");
        session.exp_string("Skills 2/9").unwrap();
        send(&mut session, "9\r");
        session.exp_string("Not accepted: \"9\" is not").unwrap();
        // `back` typed goes back to the first question, which shows the answer given.
        send(&mut session, "back\r");
        session.exp_string("Skills 1/9").unwrap();
        session.exp_string("Your answer [4]:").unwrap();
        send(&mut session, "\r");
        enter_from(&mut session, 2);
        session.exp_string("Must-haves").unwrap();
        session.exp_string("2. Stability").unwrap();
        session.exp_string("Your picks [none]:").unwrap();
        send(&mut session, "2 9\r");
        session
            .exp_string("\"9\" is not a number from 1 to 8")
            .unwrap();
        send(&mut session, "2\r");
        for progress in (1..=4).map(|n| format!("Constraints {n}/5")) {
            session.exp_string(&progress).unwrap();
            send(&mut session, "\r");
        }
        session.exp_string("Constraints 5/5").unwrap();
        session.exp_string(" 1. Advisor").unwrap();
        session.exp_string("Your picks [none]:").unwrap();
        send(&mut session, "1\r");
        session.exp_string(" 0. Score my answers").unwrap();
        session.exp_string(" 4. Skills").unwrap();
        session.exp_string("Number [0]:").unwrap();
        send(&mut session, "4\r");
        session.exp_string("Skills 4/9").unwrap();
        send(&mut session, "5\r");
        session.exp_string("Ruled out: Advisor").unwrap();
        session.exp_string("Number [0]:").unwrap();
        send(&mut session, "\r");
        let rest = session.exp_eof().unwrap();
        assert_eq!(exit_code(&session), 0);
        assert!(rest.contains("Why it fits:"), "{rest}");
        // An ASCII table, and no escape sequence anywhere: no colour, no cursor movement.
        assert!(rest.contains("+----"), "{rest}");
        // rexpect reads bytes as Latin-1: box drawing (U+2500–U+257F) arrives as â then 0x94
        // or 0x95.
        assert!(
            !rest.contains("\u{e2}\u{94}") && !rest.contains("\u{e2}\u{95}"),
            "{rest}"
        );
        assert!(!rest.contains('\x1b'), "{rest:?}");

        let answers: Value =
            serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
        assert_eq!(answers["skills"]["technical_depth"], 4);
        assert_eq!(answers["skills"]["selling"], 5);
        assert_eq!(
            answers["constraints"]["must_have"],
            serde_json::json!(["stability"])
        );
        assert_eq!(
            answers["constraints"]["exclude"],
            serde_json::json!(["advisor"])
        );
    }
}

#[test]
fn ctrl_c_in_plain_mode_keeps_the_answers_and_writes_no_escapes() {
    let home = tempfile::tempdir().unwrap();
    let mut session = spawn_with_term(home.path(), "xterm", &["--plain"]);
    session.exp_string("Skills 1/9").unwrap();
    send(&mut session, "2\r");
    session.exp_string("Skills 2/9").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("your answers so far are kept"), "{rest}");
    assert!(!rest.contains('\x1b'), "{rest:?}");
    assert_eq!(exit_code(&session), 130);
    assert_eq!(kept(home.path())["skills"]["technical_depth"], 2);
}

#[test]
fn lists_use_no_glyph_missing_from_common_fonts() {
    // Colour on (no NO_COLOR), where dialoguer's colourful theme would mark choices with ⬚ and ❯.
    let home = tempfile::tempdir().unwrap();
    let mut answers = crate::common::answers(
        serde_json::json!({}),
        serde_json::json!({}),
        serde_json::json!({}),
    );
    answers["constraints"] =
        serde_json::json!({"hours_per_week": 40, "runway_months": 6, "min_income": null});
    keep_draft(home.path(), &answers);
    let mut session = spawn_with_term(home.path(), "xterm", &[]);
    session.exp_string("stopped after 20 of 23").unwrap();
    send(&mut session, "y\r");
    session.exp_string("Space picks").unwrap();
    let shown = session.exp_string("Hands-on work").unwrap();
    session.send_control('c').unwrap();
    session.exp_eof().unwrap();
    // rexpect reads bytes as Latin-1: ⬚ is E2 AC 9A, ❯ is E2 9D AF.
    assert!(shown.contains("[ ]"), "{shown:?}");
    assert!(
        !shown.contains("\u{e2}\u{ac}\u{9a}") && !shown.contains("\u{e2}\u{9d}\u{af}"),
        "{shown:?}"
    );
}

#[test]
fn a_refused_pick_of_must_haves_does_not_hide_the_next_question() {
    let home = tempfile::tempdir().unwrap();
    let mut session = spawn(home.path(), &[]);
    enter_from(&mut session, 1);
    session.exp_string("Must-haves").unwrap();
    session.exp_string("Space picks").unwrap();
    // Four goals: one too many.
    for _ in 0..4 {
        send(&mut session, " ");
        send(&mut session, DOWN);
    }
    send(&mut session, "\r");
    session.exp_string("pick at most 3").unwrap();
    session.exp_string("Space picks").unwrap();
    send(&mut session, " ");
    send(&mut session, "\r");
    // The next question is asked in full: its heading, its question and its range.
    session.exp_string("Constraints 1/5").unwrap();
    session
        .exp_string("How many hours a week can you give")
        .unwrap();
    session.send_control('c').unwrap();
    session.exp_eof().unwrap();
}

#[test]
fn ctrl_c_does_not_claim_a_device_in_place_of_the_answers_keeps_them() {
    let home = tempfile::tempdir().unwrap();
    let file = in_progress(home.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
    let mut session = spawn(home.path(), &[]);
    session.exp_string("Skills 1/9").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("nothing to keep"), "{rest:?}");
    assert!(!rest.contains("are offered the next time"), "{rest:?}");
}
