//! How output reads: prose wrapped by display width, messages, reports, small slips.

use crate::common::ctopath;
use rexpect::session::spawn_command;
use serde_json::json;
use std::process::Command;

/// Every line of `text` fits `width` columns, and no word is split across lines.
fn assert_wrapped(text: &str, width: usize, words: &str) {
    for line in text.lines() {
        assert!(line.chars().count() <= width, "too wide: {line:?}");
    }
    let rejoined: Vec<&str> = text.split_whitespace().collect();
    let expected: Vec<&str> = words.split_whitespace().collect();
    assert_eq!(rejoined, expected, "words were split or lost:\n{text}");
}

#[test]
fn an_error_is_wrapped_at_word_boundaries_to_the_terminal_width() {
    let output = ctopath()
        .args(["plan", "founder"])
        .env("COLUMNS", "40")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains('\n'), "not wrapped: {stderr}");
    assert_wrapped(
        &stderr,
        40,
        "error: no answers: pass --answers FILE (or -), or answer the questionnaire first with \
         `ctopath assess`",
    );
    // Later lines sit under the message, not under `error:`.
    assert!(stderr.lines().nth(1).unwrap().starts_with("       "));
}

#[test]
fn ctrl_c_says_stopped_not_error() {
    let home = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_ctopath"));
    command
        .arg("assess")
        .env_clear()
        .env("HOME", home.path())
        .env("TMPDIR", home.path())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120");
    let mut session = spawn_command(command, Some(15_000)).unwrap();
    session.exp_string("Skills 1/9").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("stopped"), "{rest}");
    assert!(!rest.contains("error:"), "{rest}");
}

#[test]
fn a_paths_description_is_wrapped_to_the_terminal_width() {
    let output = ctopath()
        .args(["paths", "show", "founder"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let founder = crate::common::builtin()
        .paths
        .into_iter()
        .find(|path| path.id == "founder")
        .unwrap();
    let prose: String = stdout
        .lines()
        .skip(1)
        .take_while(|line| !line.starts_with('┌'))
        .collect::<Vec<_>>()
        .join("\n");
    assert_wrapped(
        &prose,
        60,
        &format!("{} {}", founder.summary, founder.description),
    );
}

/// `plan`'s review date with the clock read in time zone `tz`.
fn review_on_in(tz: &str) -> String {
    let answers = crate::common::answers(json!({}), json!({}), json!({}));
    let plan = crate::common::json_of(
        ctopath()
            .args(["plan", "founder", "--answers", "-", "--format", "json"])
            .env("TZ", tz)
            .write_stdin(answers.to_string()),
    );
    plan["review_on"].as_str().unwrap().to_string()
}

#[test]
fn plan_counts_from_the_local_date_not_the_utc_one() {
    // Twenty-six hours apart, these two zones never share a date.
    assert_ne!(review_on_in("Etc/GMT+12"), review_on_in("Etc/GMT-14"));
}

#[test]
fn plan_still_takes_today_from_the_flag_and_refuses_a_date_that_does_not_exist() {
    let answers = crate::common::answers(json!({}), json!({}), json!({}));
    let plan = crate::common::json_of(
        ctopath()
            .args(["plan", "founder", "--answers", "-", "--format", "json"])
            .args(["--today", "2024-02-29"])
            .env("TZ", "Etc/GMT-14")
            .write_stdin(answers.to_string()),
    );
    let weeks = plan["review_after_weeks"].as_i64().unwrap();
    let expected = jiff::civil::date(2024, 2, 29) + jiff::Span::new().weeks(weeks);
    assert_eq!(plan["review_on"], expected.to_string());
    ctopath()
        .args(["plan", "founder", "--answers", "-", "--today", "2026-02-30"])
        .write_stdin(answers.to_string())
        .assert()
        .code(2);
}

#[test]
fn reports_say_when_and_from_what_they_were_made_with_no_backticks_in_the_footer() {
    let answers = crate::common::answers(
        json!({"selling": 1}),
        json!({"income": 5}),
        json!({"hours_per_week": 30}),
    );
    let results = crate::common::assess_json(&answers);
    let made_by = format!(
        "by ctopath {}, scoring model {}.",
        env!("CARGO_PKG_VERSION"),
        results["model_version"]
    );
    for format in ["markdown", "html"] {
        let report = ctopath()
            .args(["assess", "--answers", "-", "--format", format])
            .env("TZ", "Etc/GMT-14")
            .write_stdin(answers.to_string())
            .output()
            .unwrap();
        let report = String::from_utf8(report.stdout).unwrap();
        let today = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::get("Etc/GMT-14").unwrap())
            .date();
        assert!(
            report.contains(&format!("Made on {today} {made_by}")),
            "{format}: no date, version or model"
        );
        assert!(report.contains("The answers this report was made from"));
        for row in [
            "Selling",
            "level 1 of 5",
            "importance 5 of 5",
            "Hours a week: 30",
        ] {
            assert!(report.contains(row), "{format}: {row} missing");
        }
        let footer = report
            .lines()
            .rev()
            .find(|line| line.contains("assess --format json on the same answers"))
            .unwrap();
        assert!(!footer.contains('`'), "{format}: {footer}");
    }
}

#[test]
fn the_first_in_column_is_explained_under_the_table() {
    let answers = crate::common::answers(json!({}), json!({}), json!({}));
    let output = ctopath()
        .args(["assess", "--answers", "-", "--samples", "200"])
        .write_stdin(answers.to_string())
        .output()
        .unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(table.contains("First in"));
    let under = table.split('└').nth(1).unwrap();
    assert!(
        under.contains("First in: how often the path comes first among 200 plausible variations"),
        "{table}"
    );
}

#[test]
fn an_unedited_new_path_is_flagged_by_validate_and_left_out_of_rankings() {
    let home = tempfile::tempdir().unwrap();
    ctopath()
        .env("HOME", home.path())
        .args(["paths", "new", "side_gig"])
        .assert()
        .success();
    let validate = ctopath()
        .env("HOME", home.path())
        .env("COLUMNS", "60")
        .arg("validate")
        .output()
        .unwrap();
    assert!(validate.status.success());
    let stderr = String::from_utf8(validate.stderr).unwrap();
    // Wrapped to the terminal, the file name aside (one word, however long).
    let home_text = home.path().display().to_string();
    assert!(stderr.lines().count() > 2, "{stderr}");
    for line in stderr.lines().filter(|line| !line.contains(&home_text)) {
        assert!(line.chars().count() <= 60, "too wide: {line:?}");
    }
    let stderr = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        stderr.contains("warning: ")
            && stderr.contains("path 'side_gig' still has the template's summary"),
        "{stderr}"
    );

    let answers = crate::common::answers(json!({}), json!({}), json!({}));
    let output = ctopath()
        .env("HOME", home.path())
        .args(["assess", "--answers", "-", "--format", "json"])
        .write_stdin(answers.to_string())
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("rankings leave it out")
    );
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = results["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .chain(results["excluded"].as_array().unwrap())
        .map(|path| path["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"founder") && !ids.contains(&"side_gig"),
        "{ids:?}"
    );
}

#[test]
fn two_paths_with_the_same_name_are_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let founder = crate::common::builtin()
        .paths
        .into_iter()
        .find(|path| path.id == "founder")
        .unwrap();
    // A copy of the built-in founder file under another id keeps the name "Founder".
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("paths/founder.yaml"),
    )
    .unwrap()
    .replacen("id: founder", "id: founder_again", 1);
    std::fs::write(dir.path().join("founder_again.yaml"), text).unwrap();
    let warning = format!(
        "path 'founder_again' has the name '{}', as path 'founder'",
        founder.name
    );
    let output = ctopath().arg("validate").arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&warning), "{stderr}");
    // A ranking that would show two rows of one name says so too, and still ranks both, with
    // standard output left to the JSON.
    let output = ctopath()
        .arg("--paths")
        .arg(dir.path())
        .args(["assess", "--answers", "-", "--format", "json"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.matches(&warning).count(), 1, "{stderr}");
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids = crate::common::ranked_ids(&results);
    assert!(ids.iter().any(|id| id == "founder") && ids.iter().any(|id| id == "founder_again"));
}

#[test]
fn a_score_prints_the_same_in_json_and_ndjson() {
    let records = [
        crate::common::answers(
            json!({"selling": 1, "leadership": 4, "operations": 2}),
            json!({"income": 5, "autonomy": 2, "impact": 4}),
            json!({"hours_per_week": 35, "runway_months": 6}),
        ),
        crate::common::answers(
            json!({"technical_depth": 5, "investment_analysis": 1}),
            json!({"stability": 1, "variety": 5}),
            json!({"min_income": 150_000, "must_have": ["variety"]}),
        ),
    ];
    let lines: String = records.iter().map(|r| format!("{r}\n")).collect();
    let ndjson = |fields: &[&str]| -> Vec<String> {
        let output = ctopath()
            .args(["assess", "--answers", "-", "--format", "ndjson"])
            .args(fields)
            .write_stdin(lines.clone())
            .output()
            .unwrap();
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let plain = ndjson(&["--fields", "id,score"]);
    let full = ndjson(&[]);
    for (index, answers) in records.iter().enumerate() {
        let output = ctopath()
            .args(["assess", "--answers", "-", "--format", "json"])
            .write_stdin(answers.to_string())
            .output()
            .unwrap();
        let pretty = String::from_utf8(output.stdout).unwrap();
        // Each ranked path's score as printed, not as parsed: the text is what a script reads.
        let ranking = pretty.split("\"excluded\"").next().unwrap();
        let scores: Vec<&str> = ranking
            .split("\"score\": ")
            .skip(1)
            .map(|rest| rest.split([',', '\n']).next().unwrap())
            .collect();
        assert!(!scores.is_empty());
        for score in scores {
            let compact = format!("\"score\":{score}");
            assert!(
                plain[index].contains(&compact),
                "{compact} not in {}",
                plain[index]
            );
            assert!(
                full[index].contains(&compact),
                "{compact} not in {}",
                full[index]
            );
        }
    }
}

#[test]
fn every_line_of_text_around_the_table_fits_the_width() {
    let answers = json!({"skills": {"selling": 2}, "goals": {},
        "constraints": {"hours_per_week": 10, "exclude": ["ceo"]}});
    let output = ctopath()
        .args(["assess", "--answers", "-"])
        .env("COLUMNS", "60")
        .write_stdin(answers.to_string())
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Not answered") && text.contains("Ruled out by your limits (10 hours"));
    for line in text.lines() {
        assert!(line.chars().count() <= 60, "too wide: {line:?}");
    }
}

#[test]
fn the_ruled_out_list_gives_your_limits_once_and_each_path_only_its_needs() {
    let answers = json!({"constraints": {"hours_per_week": 20, "runway_months": 2,
        "min_income": 200000, "exclude": ["ceo"]}});
    let run = |format: &str| {
        let output = ctopath()
            .args(["assess", "--answers", "-", "--format", format])
            .env("COLUMNS", "200")
            .write_stdin(answers.to_string())
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let table = run("table");
    let list = table
        .split("Ruled out by your limits (20 hours a week, 2 months of savings, an income floor of $200,000):\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no heading with the limits in:\n{table}"));
    let (list, after) = list.split_once("\n\n").unwrap();
    for line in [
        "  CEO: needs at least 50 hours a week; you ruled it out",
        "  Founder: needs at least 50 hours a week and 6 months of savings; pays up to $180,000 a year",
        "  Planned Sabbatical: needs at least 3 months of savings; pays nothing",
    ] {
        assert!(list.contains(line), "{line:?} not in:\n{list}");
    }
    // The person's side is in the heading only, and the assumption about a job said once.
    for padding in [
        "you can give",
        "you have",
        "you need",
        "assuming you keep no job",
    ] {
        assert!(!list.contains(padding), "{padding:?} in:\n{list}");
    }
    assert!(
        after.starts_with(
            "Advisor or Board Member, Angel Investor and Side-Project Founder are usually done \
             beside a job"
        ),
        "{after}"
    );
    assert_eq!(
        table.matches("usually done beside a job").count(),
        1,
        "{table}"
    );
    // The JSON keeps each path's whole clause: scripts read one path at a time.
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let founder = (json["excluded"].as_array().unwrap().iter())
        .find(|e| e["id"] == "founder")
        .unwrap();
    assert_eq!(
        founder["reason"],
        "needs at least 50 hours a week; you can give 20; needs at least 6 months of savings; \
         you have 2; pays up to $180,000 a year; you need $200,000"
    );
    assert!(run("markdown").contains(
        "## Ruled out by your limits (20 hours a week, 2 months of savings, an income floor of $200,000)"
    ));
}
