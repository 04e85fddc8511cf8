//! The decision journal: history, decide, review, calibration and reminders, each run with its
//! own HOME and a fixed date.

use crate::common::{answers, exit_code, in_terminal, json_of, send};
use assert_cmd::Command;
use predicates::prelude::*;
use rexpect::session::PtySession;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// `ctopath` with its state under `home`, on the day `today`.
fn ctopath_in(home: &Path, today: &str) -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("ctopath");
    command
        .env_clear()
        .env("HOME", home)
        .env("TMPDIR", home)
        .env("CTOPATH_TODAY", today);
    command
}

fn state(home: &Path) -> PathBuf {
    home.join(".local/state/ctopath")
}

fn first() -> Value {
    answers(
        json!({"technical_depth": 5, "selling": 2, "leadership": 4}),
        json!({"income": 4, "autonomy": 5}),
        json!({}),
    )
}

fn second() -> Value {
    answers(
        json!({"technical_depth": 5, "selling": 4, "leadership": 4}),
        json!({"income": 4, "autonomy": 3}),
        json!({"hours_per_week": 30}),
    )
}

/// `assess --answers -` with these answers, keeping an entry.
fn assess(home: &Path, today: &str, answers: &Value, extra: &[&str]) {
    ctopath_in(home, today)
        .args(["assess", "--answers", "-", "--samples", "40"])
        .args(extra)
        .write_stdin(answers.to_string())
        .assert()
        .success();
}

fn history_lines(home: &Path) -> Vec<Value> {
    std::fs::read_to_string(state(home).join("history.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn validator(format: &str) -> jsonschema::Validator {
    let schema = json_of(crate::common::ctopath().args(["schema", format]));
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(format: &str, instance: &Value) {
    let validator = validator(format);
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{format}: {errors:#?}");
}

#[test]
fn the_whole_loop_through_answers_with_fixed_dates() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assess(home, "2026-11-24", &first(), &[]);
    let lines = history_lines(home);
    assert_eq!(lines.len(), 1);
    let entry = &lines[0];
    assert_eq!(entry["journal_version"], 1);
    assert_eq!(entry["seq"], 1);
    assert_eq!(entry["date"], "2026-11-24");
    assert_eq!(entry["command"], "assess");
    assert_eq!(entry["model_version"], 2);
    assert_eq!(entry["ctopath_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(entry["answers"]["skills"]["selling"], 2);
    // The five best paths, as `assess --format json` ranks the same answers.
    let ranked = crate::common::assess_json(&first());
    let top = entry["top"].as_array().unwrap();
    assert_eq!(top.len(), 5);
    assert_eq!(top[0]["id"], ranked["ranking"][0]["id"]);
    assert!(!entry["verdict"].as_str().unwrap().is_empty());
    assert!(entry.get("flip").is_some());

    ctopath_in(home, "2026-11-24")
        .args([
            "decide",
            "fractional_cto",
            "--expect",
            "two paying clients",
            "--confidence",
            "70%",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Review it on 2027-02-22 (90 days from today",
        ));

    // Not due yet: the review records no outcome, and a flag for it is refused before anything.
    ctopath_in(home, "2027-01-10")
        .args(["review", "--answers", "-", "--outcome", "founder=partly"])
        .write_stdin(second().to_string())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no open decision for 'founder'"));

    let review = json_of(
        ctopath_in(home, "2027-03-01")
            .args(["review", "--answers", "-", "--format", "json"])
            .args(["--outcome", "fractional_cto=partly"])
            .write_stdin(second().to_string()),
    );
    assert_valid("review", &review);
    assert_eq!(review["since"]["number"], 1);
    assert_eq!(review["entry"], 2);
    let keys = change_keys(&review);
    assert_eq!(
        keys,
        [
            "skills.selling",
            "goals.autonomy",
            "constraints.hours_per_week"
        ]
    );
    assert_eq!(review["attribution"], "shapley");
    for moved in review["paths"].as_array().unwrap() {
        let parts: f64 = moved["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["points"].as_f64().unwrap())
            .sum();
        let points = moved["points"].as_f64().unwrap();
        assert!((parts - points).abs() < 1e-6, "{moved}");
        let before = moved["score_before"].as_f64().unwrap_or(0.0);
        let after = moved["score_after"].as_f64().unwrap_or(0.0);
        assert!((after - before - points).abs() < 1e-9, "{moved}");
    }
    assert!(!review["largest"].as_array().unwrap().is_empty());
    assert_eq!(review["outcomes"][0]["outcome"], "partly");
    assert_eq!(review["calibration"]["scored"], 1);

    let history = json_of(ctopath_in(home, "2027-03-01").args(["history", "--format", "json"]));
    assert_valid("history", &history);
    assert_eq!(history["entries"].as_array().unwrap().len(), 2);
    assert_eq!(history["entries"][1]["command"], "review");
    assert_eq!(history["entries"][1]["date"], "2027-03-01");
    assert_eq!(history["decisions"][0]["outcome"], "partly");
    assert!(
        history["calibration"]["text"]
            .as_str()
            .unwrap()
            .starts_with("1 prediction scored: you said 70% on average, 50% came true (partly counts half); too few to judge"),
        "{history}"
    );

    let shown =
        json_of(ctopath_in(home, "2027-03-01").args(["history", "show", "2", "--format", "json"]));
    assert_valid("history-entry", &shown);
    assert_eq!(shown["answers"]["constraints"]["hours_per_week"], 30);
    ctopath_in(home, "2027-03-01")
        .args(["history", "show", "9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("entries 1 to 2"));
    // The table names the file and how to forget it.
    ctopath_in(home, "2027-03-01")
        .arg("history")
        .env("COLUMNS", "200")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Planned Sabbatical")
                .or(predicate::str::contains("Consultant")),
        )
        .stdout(predicate::str::contains("history.jsonl"))
        .stdout(predicate::str::contains("CTOPATH_NO_HISTORY=1"));
}

#[test]
fn an_outcome_flag_says_how_it_is_written() {
    let home = tempfile::tempdir().unwrap();
    for bad in ["fractional_cto", "fractional_cto=maybe"] {
        ctopath_in(home.path(), "2026-11-24")
            .args(["review", "--answers", "-", "--outcome", bad])
            .write_stdin(first().to_string())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("ID=expected, ID=partly or ID=not"));
    }
    ctopath_in(home.path(), "2026-11-24")
        .args(["history", "--today", "24/11/2026"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write it as YYYY-MM-DD"));
}

#[test]
fn review_without_a_terminal_or_answers_exits_2_and_never_waits() {
    let home = tempfile::tempdir().unwrap();
    ctopath_in(home.path(), "2026-11-24")
        .arg("review")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answers"))
        .stderr(predicate::str::contains("--outcome"));
}

#[test]
fn decide_names_a_typo_a_bad_confidence_and_a_past_review_date() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    ctopath_in(home, "2026-11-24")
        .args(["decide", "fractinal_cto"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean 'fractional_cto'"));
    for bad in ["0", "100", "120", "sure"] {
        ctopath_in(home, "2026-11-24")
            .args(["decide", "founder", "--confidence", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("percentage from 1 to 99"));
    }
    ctopath_in(home, "2026-11-24")
        .args(["decide", "founder", "--review", "2026-11-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not after today"));
    assert!(!state(home).join("decisions.jsonl").exists());
}

#[test]
fn no_history_and_its_variable_keep_nothing() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assess(home, "2026-11-24", &first(), &["--no-history"]);
    ctopath_in(home, "2026-11-24")
        .env("CTOPATH_NO_HISTORY", "1")
        .args(["assess", "--answers", "-", "--samples", "0"])
        .write_stdin(first().to_string())
        .assert()
        .success();
    assert!(history_lines(home).is_empty());
    // Streams keep nothing either: they are many people, not one.
    ctopath_in(home, "2026-11-24")
        .args(["assess", "--answers", "-", "--format", "ndjson"])
        .write_stdin(format!("{}\n{}\n", first(), second()))
        .assert()
        .success();
    assert!(history_lines(home).is_empty());
}

#[test]
fn a_damaged_line_is_named_with_its_number_and_the_rest_still_reads() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assess(home, "2026-11-24", &first(), &[]);
    assess(home, "2026-11-25", &second(), &[]);
    let file = state(home).join("history.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(
        &file,
        format!("{}\n{{\"seq\": oops\n{}\n", lines[0], lines[1]),
    )
    .unwrap();
    let output = ctopath_in(home, "2026-11-26")
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("history.jsonl:2: not a journal line: expected value, at column 9;"),
        "{stderr}"
    );
    assert!(stderr.contains("delete it"), "{stderr}");
    let history: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(history["entries"].as_array().unwrap().len(), 2);
    assert_eq!(history["damaged"][0]["line"], 2);
    // Appending still works, and numbers on from the last good line.
    assess(home, "2026-11-26", &first(), &[]);
    let last = std::fs::read_to_string(&file).unwrap();
    let last: Value = serde_json::from_str(last.lines().last().unwrap()).unwrap();
    assert_eq!(last["seq"], 3);
}

#[test]
fn the_history_never_grows_past_its_cap() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let cap = 4000;
    for day in 1..=7 {
        ctopath_in(home, &format!("2026-11-{day:02}"))
            .env("CTOPATH_JOURNAL_MAX_BYTES", cap.to_string())
            .args(["assess", "--answers", "-", "--samples", "0"])
            .write_stdin(first().to_string())
            .assert()
            .success();
    }
    let names: Vec<String> = std::fs::read_dir(state(home))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("history"))
        .collect();
    assert!(names.contains(&"history.1.jsonl".to_string()), "{names:?}");
    assert_eq!(names.len(), 2, "{names:?}");
    for name in &names {
        let size = std::fs::metadata(state(home).join(name)).unwrap().len();
        assert!(size <= cap, "{name} is {size} bytes");
    }
    let history = json_of(ctopath_in(home, "2026-11-08").args(["history", "--format", "json"]));
    let numbers: Vec<u64> = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers.last(), Some(&7), "{numbers:?}");
    assert!(numbers.windows(2).all(|w| w[1] == w[0] + 1), "{numbers:?}");
}

#[test]
fn runs_at_the_same_time_never_interleave_lines() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let input = home.join("answers.json");
    std::fs::write(&input, first().to_string()).unwrap();
    let runs = 12;
    let children: Vec<_> = (0..runs)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_ctopath"))
                .env_clear()
                .env("HOME", home)
                .env("CTOPATH_TODAY", "2026-11-24")
                .args(["assess", "--samples", "0", "--answers"])
                .arg(&input)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let lines = history_lines(home);
    assert_eq!(lines.len(), runs);
    let mut numbers: Vec<u64> = lines.iter().map(|l| l["seq"].as_u64().unwrap()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=runs as u64).collect::<Vec<_>>());
}

/// `ctopath ARGS` in a pseudo-terminal, state under `home`, on the day `today`.
fn spawn(home: &Path, today: &str, args: &[&str]) -> PtySession {
    in_terminal(home, args, &[("CTOPATH_TODAY", today)])
}

#[test]
fn a_review_in_a_terminal_starts_from_the_last_entry_and_asks_what_came_of_a_decision() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assess(home, "2026-11-24", &first(), &[]);
    ctopath_in(home, "2026-11-24")
        .args(["decide", "fractional_cto", "--expect", "two clients"])
        .args(["--confidence", "80", "--review", "2026-12-01"])
        .assert()
        .success();

    let mut session = spawn(home, "2026-12-02", &["review"]);
    session
        .exp_string("are those of your history's entry 1, from 2026-11-24")
        .unwrap();
    session.exp_string("Skills 1/9").unwrap();
    session.exp_string("Your answer [5]:").unwrap();
    send(&mut session, "\r");
    session.exp_string("Skills 2/9").unwrap();
    send(&mut session, "\r");
    session.exp_string("Skills 3/9").unwrap();
    send(&mut session, "\r");
    // Selling was 2: now 4.
    session.exp_string("Skills 4/9").unwrap();
    session.exp_string("Your answer [2]:").unwrap();
    send(&mut session, "4\r");
    for progress in (5..=9)
        .map(|n| format!("Skills {n}/9"))
        .chain((1..=8).map(|n| format!("Goals {n}/8")))
    {
        session.exp_string(&progress).unwrap();
        send(&mut session, "\r");
    }
    session.exp_string("Must-haves").unwrap();
    send(&mut session, "\r");
    for n in 1..=4 {
        session.exp_string(&format!("Constraints {n}/5")).unwrap();
        send(&mut session, "\r");
    }
    session.exp_string("Space picks").unwrap();
    send(&mut session, "\r");
    session.exp_string("score them").unwrap();
    send(&mut session, "\r");
    session.exp_string("Decisions 1/1").unwrap();
    session.exp_string("What came of it?").unwrap();
    send(&mut session, "maybe\r");
    session.exp_string("type e, p or n").unwrap();
    send(&mut session, "e\r");
    session.exp_string("1 answer changed").unwrap();
    // rexpect reads bytes as Latin-1, so the arrow after the old answer is left out here.
    session.exp_string("  - Selling: 2 ").unwrap();
    session.exp_string("Outcomes recorded").unwrap();
    session
        .exp_string("Kept in your history as entry 2")
        .unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 0);

    let decisions = std::fs::read_to_string(state(home).join("decisions.jsonl")).unwrap();
    let last: Value = serde_json::from_str(decisions.lines().last().unwrap()).unwrap();
    assert_eq!(last["kind"], "outcome");
    assert_eq!(last["outcome"], "expected");
    assert_eq!(history_lines(home)[1]["answers"]["skills"]["selling"], 4);
}

#[test]
fn a_due_review_is_mentioned_once_a_day_in_a_terminal_and_never_in_pipes_or_json() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    ctopath_in(home, "2026-11-24")
        .args(["decide", "fractional_cto", "--review", "2026-12-01"])
        .assert()
        .success();
    let note = "note: a review of your decision for Fractional CTO was due on 2026-12-01; run `ctopath review`";
    // Not due yet.
    let mut session = spawn(home, "2026-11-30", &["paths", "list"]);
    let shown = session.exp_eof().unwrap();
    assert!(!shown.contains("note:"), "{shown}");
    // Due: once that day.
    let mut session = spawn(home, "2026-12-02", &["paths", "list"]);
    session.exp_string(note).unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 0);
    let mut session = spawn(home, "2026-12-02", &["paths", "list"]);
    let shown = session.exp_eof().unwrap();
    assert!(!shown.contains("note:"), "{shown}");
    // The next day: never in JSON output, never when standard error is a pipe.
    let mut session = spawn(home, "2026-12-03", &["paths", "list", "--format", "json"]);
    let shown = session.exp_eof().unwrap();
    assert!(!shown.contains("note:"), "{shown}");
    ctopath_in(home, "2026-12-03")
        .args(["paths", "list"])
        .assert()
        .success()
        .stderr(predicate::str::contains("note:").not());
    let mut session = spawn(home, "2026-12-03", &["paths", "list"]);
    session.exp_string(note).unwrap();
    session.exp_eof().unwrap();
    // Once reviewed, no more reminders.
    ctopath_in(home, "2026-12-04")
        .args([
            "review",
            "--answers",
            "-",
            "--outcome",
            "fractional_cto=not",
        ])
        .write_stdin(first().to_string())
        .assert()
        .success();
    let mut session = spawn(home, "2026-12-05", &["paths", "list"]);
    let shown = session.exp_eof().unwrap();
    assert!(!shown.contains("note:"), "{shown}");
}

#[test]
fn a_review_from_a_file_in_a_terminal_still_asks_what_came_of_a_decision_due() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let file = home.join("answers.json");
    std::fs::write(&file, second().to_string()).unwrap();
    ctopath_in(home, "2026-11-24")
        .args([
            "decide",
            "founder",
            "--confidence",
            "60",
            "--review",
            "2026-12-01",
        ])
        .assert()
        .success();
    let mut session = spawn(
        home,
        "2026-12-10",
        &["review", "--answers", file.to_str().unwrap()],
    );
    session.exp_string("What came of it?").unwrap();
    send(&mut session, "n\r");
    session
        .exp_string("the next review compares with this one")
        .unwrap();
    session.exp_string("Outcomes recorded").unwrap();
    session.exp_string("not as expected").unwrap();
    session.exp_eof().unwrap();
    assert_eq!(exit_code(&session), 0);
}

#[test]
fn outcomes_are_for_decisions_due_one_each_and_decisions_are_numbered_one_by_one() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assess(home, "2026-11-24", &first(), &[]);
    let decide = |id: &str, review: &str| {
        ctopath_in(home, "2026-11-24")
            .args(["decide", id, "--expect", "x", "--confidence", "60"])
            .args(["--review", review])
            .assert()
            .success()
    };
    decide("founder", "2026-12-10").stdout(predicate::str::contains("Decision 1 recorded"));
    decide("ceo", "2027-06-01").stdout(predicate::str::contains("Decision 2 recorded"));
    let review = |outcomes: &[&str]| {
        let mut command = ctopath_in(home, "2026-12-15");
        command
            .args(["review", "--answers", "-"])
            .write_stdin(first().to_string());
        for outcome in outcomes {
            command.args(["--outcome", outcome]);
        }
        command.assert()
    };
    // Not due until June.
    review(&["ceo=expected"])
        .code(2)
        .stderr(predicate::str::contains(
            "is not due for review until 2027-06-01",
        ));
    // One decision, two outcomes: refused, and nothing is written.
    review(&["1=expected", "founder=not"])
        .code(2)
        .stderr(predicate::str::contains("given an outcome twice"));
    review(&["founder=partly"]).success();
    // The outcome line takes no number from the decisions.
    decide("advisor", "2027-01-10").stdout(predicate::str::contains("Decision 3 recorded"));
    let decisions = std::fs::read_to_string(state(home).join("decisions.jsonl")).unwrap();
    assert_eq!(decisions.lines().count(), 4, "{decisions}");
}

#[test]
fn a_review_from_a_partial_file_keeps_the_last_answers_it_leaves_out() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assess(home, "2026-11-24", &first(), &[]);
    let review = json_of(
        ctopath_in(home, "2026-12-01")
            .args(["review", "--answers", "-", "--format", "json"])
            .write_stdin(r#"{"constraints": {"hours_per_week": 20}}"#),
    );
    let keys = change_keys(&review);
    assert_eq!(keys, ["constraints.hours_per_week"]);
}

#[test]
fn a_long_damaged_last_line_does_not_start_the_numbers_again() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assess(home, "2026-11-24", &first(), &[]);
    let file = state(home).join("history.jsonl");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(&format!("{{\"a\":\"{}\"}}\n", "x".repeat(200_000)));
    std::fs::write(&file, text).unwrap();
    assess(home, "2026-11-25", &first(), &[]);
    let numbers: Vec<u64> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok()?["seq"].as_u64())
        .collect();
    assert_eq!(numbers, [1, 2]);
}

#[test]
fn an_expectation_with_control_characters_is_refused_and_history_off_means_off() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    ctopath_in(home, "2026-11-24")
        .args([
            "decide",
            "founder",
            "--expect",
            "a\x1b[31mred",
            "--confidence",
            "50",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no control characters"));
    // Only a value that means "on" turns the history off.
    for (value, kept) in [("false", 1), ("1", 1), ("0", 2)] {
        ctopath_in(home, "2026-11-24")
            .env("CTOPATH_NO_HISTORY", value)
            .args(["assess", "--answers", "-", "--samples", "0"])
            .write_stdin(first().to_string())
            .assert()
            .success();
        assert_eq!(
            history_lines(home).len(),
            kept,
            "CTOPATH_NO_HISTORY={value}"
        );
    }
}

/// The answers-file keys of a review's changes, in order.
fn change_keys(review: &Value) -> Vec<&str> {
    review["changes"]
        .as_array()
        .expect("a review lists its changes")
        .iter()
        .map(|change| change["key"].as_str().expect("a change names its key"))
        .collect()
}

#[test]
fn the_first_entry_says_once_where_the_history_is_in_lines_that_fit_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ten-hours-a-week.json"
    );
    let args = [
        "assess",
        "--answers",
        example,
        "--format",
        "json",
        "--samples",
        "40",
    ];
    let mut session = spawn(home, "2026-11-24", &args);
    let note = session.exp_string("keeps none)").unwrap();
    let note = note[note.find("note: ").expect("the note")..].to_string() + "keeps none)";
    // Wrapped by words under the label, not cut where the terminal ends.
    assert!(note.contains("CTOPATH_NO_HISTORY=1"), "{note:?}");
    let lines: Vec<&str> = note
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .collect();
    assert!(lines.len() > 1, "{note:?}");
    for line in &lines[1..] {
        assert!(
            line.starts_with("      ") && !line[6..].starts_with(' '),
            "{note:?}"
        );
    }
    assert_eq!(exit_code(&session), 0);
    // Said once: the second entry says nothing of it.
    let mut session = spawn(home, "2026-11-24", &args);
    let rest = session.exp_eof().unwrap();
    assert!(!rest.contains("kept in your history"), "{rest}");
    assert_eq!(history_lines(home).len(), 2);
}
