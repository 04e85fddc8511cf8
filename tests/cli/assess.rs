//! `ctopath assess`: the results, the JSON contract, and every kind of bad answers.

use crate::common::{answers, assess_json, builtin, ctopath, ranked_ids};
use predicates::prelude::*;
use serde_json::{Value, json};

fn strong_builder() -> Value {
    answers(
        json!({"technical_depth": 5, "product_vision": 5, "customer_insight": 4}),
        json!({"ownership": 5, "autonomy": 5, "stability": 1}),
        json!({"hours_per_week": 60, "runway_months": 24}),
    )
}

#[test]
fn table_shows_every_path_ranked_with_a_first_step() {
    ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(strong_builder().to_string())
        .assert()
        .success()
        .stdout(predicate::str::contains("Score").and(predicate::str::contains("First step")))
        .stdout(predicate::str::contains("Founder"))
        .stdout(predicate::str::contains("Founder fits you best"))
        .stdout(predicate::str::contains("Biggest gap:"));
}

#[test]
fn json_results_follow_the_contract() {
    let results = assess_json(&strong_builder());
    assert_eq!(results["schema_version"], 1);
    let ranking = results["ranking"].as_array().unwrap();
    assert_eq!(
        ranking.len() + results["excluded"].as_array().unwrap().len(),
        builtin().paths.len()
    );
    let mut previous = f64::INFINITY;
    for (index, ranked) in ranking.iter().enumerate() {
        for key in [
            "rank",
            "id",
            "name",
            "score",
            "fit",
            "contributions",
            "reasons",
            "first_step",
        ] {
            assert!(
                ranked.get(key).is_some(),
                "ranking entry lacks {key}: {ranked}"
            );
        }
        assert_eq!(ranked["rank"], index + 1);
        let score = ranked["score"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&score));
        assert!(score <= previous + 1e-9, "ranking is not best first");
        previous = score;
        let contributions = ranked["contributions"].as_array().unwrap();
        // One per skill, one per goal, one per numeric constraint.
        assert_eq!(contributions.len(), 9 + 8 + 3);
        let sum: f64 = contributions
            .iter()
            .map(|c| c["points"].as_f64().unwrap())
            .sum();
        assert!(
            (sum - score).abs() < 1e-9,
            "contributions add up to {sum}, score is {score}"
        );
        assert!(ranked["reasons"]["for"].is_array() && ranked["reasons"]["against"].is_array());
    }
    assert_eq!(results["assumed"], json!([]));
}

#[test]
fn the_answers_file_and_stdin_give_the_same_results() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.json");
    std::fs::write(&file, strong_builder().to_string()).unwrap();
    let from_file = ctopath()
        .args(["assess", "--format", "json", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(from_file.status.success());
    let from_stdin: Value = assess_json(&strong_builder());
    assert_eq!(
        serde_json::from_slice::<Value>(&from_file.stdout).unwrap(),
        from_stdin
    );
}

#[test]
fn hard_constraints_exclude_paths_with_the_reason() {
    let results = assess_json(&answers(
        json!({}),
        json!({}),
        json!({"hours_per_week": 10, "runway_months": 0, "min_income": 200000, "exclude": ["consultant"]}),
    ));
    let excluded = results["excluded"].as_array().unwrap();
    let reason_of = |id: &str| {
        excluded
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{id} is not excluded: {results}"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(reason_of("founder").contains("needs at least 50 hours a week; you can give 10"));
    assert!(reason_of("consultant").contains("you ruled it out"));
    assert!(reason_of("advisor").contains("pays up to $150,000 a year; you need $200,000"));
    let ranked = ranked_ids(&results);
    assert!(
        !ranked.contains(&"founder".to_string()) && !ranked.contains(&"consultant".to_string())
    );
    let ruled_out_by: Vec<&str> =
        excluded.iter().find(|e| e["id"] == "founder").unwrap()["constraints"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
    // A founder's salary tops out at $180,000 (paths/founder.yaml), below the $200,000 floor.
    assert_eq!(
        ruled_out_by,
        ["hours_per_week", "runway_months", "min_income"]
    );
}

#[test]
fn a_partly_met_constraint_costs_points_and_says_why() {
    // The fractional CTO path takes 5 hours at the least and 20 typically.
    let results = assess_json(&answers(
        json!({}),
        json!({}),
        json!({"hours_per_week": 10}),
    ));
    let fractional = results["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "fractional_cto")
        .unwrap();
    let hours = fractional["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "hours_per_week")
        .unwrap();
    assert!(hours["points"].as_f64().unwrap() < 0.0);
    let against: Vec<&str> = fractional["reasons"]["against"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(
        against
            .iter()
            .any(|t| t.contains("usually takes 20 hours a week; you can give 10")),
        "{against:?}"
    );
}

#[test]
fn missing_answers_take_the_default_and_are_listed() {
    let results = assess_json(&json!({"skills": {"selling": 5}}));
    let assumed = results["assumed"].as_array().unwrap();
    assert_eq!(
        assumed.len(),
        8 + 8,
        "every skill but selling and every goal: {assumed:?}"
    );
    assert!(assumed.contains(&json!({"key": "skills.technical_depth", "value": 3})));
    assert!(!assumed.iter().any(|a| a["key"] == "skills.selling"));
    // No constraint given: none applied, nothing excluded.
    assert_eq!(results["excluded"], json!([]));

    ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(r#"{"skills": {"selling": 5}}"#)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Not answered, so the default (3) was used",
        ));
}

#[test]
fn key_order_in_the_answers_never_changes_the_results() {
    let forward = r#"{"skills": {"selling": 5, "technical_depth": 2}, "goals": {"income": 5, "variety": 1},
        "constraints": {"hours_per_week": 40, "exclude": ["ceo", "founder"]}}"#;
    let backward = r#"{"constraints": {"exclude": ["founder", "ceo"], "hours_per_week": 40},
        "goals": {"variety": 1, "income": 5}, "skills": {"technical_depth": 2, "selling": 5}}"#;
    let run = |text: &str| {
        ctopath()
            .args(["assess", "-a", "-", "-f", "json"])
            .write_stdin(text)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(forward), run(backward));
}

#[test]
fn without_answers_and_without_a_terminal_it_explains_and_exits_at_once() {
    ctopath()
        .arg("assess")
        .write_stdin("")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answers answers.json"))
        .stderr(predicate::str::contains("ctopath questions --template"));
}

/// Each bad input, and words its error must contain.
#[test]
fn bad_answers_name_the_key_and_what_is_allowed() {
    let cases: &[(&str, &[&str])] = &[
        (
            r#"{"skills": {"selling": 7}}"#,
            &["skills.selling", "7 is out of range", "from 1 to 5"],
        ),
        (
            r#"{"skills": {"selling": 0}}"#,
            &["skills.selling", "from 1 to 5"],
        ),
        (
            r#"{"skills": {"selling": 3.5}}"#,
            &["skills.selling", "not a whole number"],
        ),
        (
            r#"{"skills": {"selling": "high"}}"#,
            &["skills.selling", "expected a whole number", "\"high\""],
        ),
        (
            r#"{"skills": {"seling": 3}}"#,
            &["skills.seling", "unknown key", "did you mean 'selling'"],
        ),
        (
            r#"{"goal": {}}"#,
            &[
                "goal (line 1, column 2): unknown key",
                "did you mean 'goals'",
                "skills, goals, constraints",
            ],
        ),
        (
            r#"{"goals": {"income": 6}}"#,
            &["goals.income", "from 1 to 5"],
        ),
        (
            r#"{"goals": [5]}"#,
            &["goals (line 1, column 2): expected an object, found a list"],
        ),
        (
            r#"{"constraints": {"hours_per_week": -1}}"#,
            &["constraints.hours_per_week", "from 0 to 120"],
        ),
        (
            r#"{"constraints": {"hours_per_week": 200}}"#,
            &["constraints.hours_per_week", "hours a week"],
        ),
        (
            r#"{"constraints": {"min_income": "lots"}}"#,
            &["constraints.min_income", "USD a year"],
        ),
        (
            r#"{"constraints": {"runway": 3}}"#,
            &["constraints.runway", "did you mean 'runway_months'"],
        ),
        (
            r#"{"constraints": {"exclude": ["vc"]}}"#,
            &["constraints.exclude[0]", "no path has the id \"vc\""],
        ),
        (
            r#"{"constraints": {"exclude": ["venture"]}}"#,
            &["constraints.exclude[0]", "did you mean 'venture_capital'"],
        ),
        (
            r#"{"constraints": {"exclude": "ceo"}}"#,
            &["constraints.exclude", "expected a list of path ids"],
        ),
        (
            r#"{"skills": {"selling": 3, "selling": 4}}"#,
            &["skills.selling", "given more than once"],
        ),
        (
            r#"[1, 2]"#,
            &["top level: expected an object, found a list"],
        ),
        (
            "{\"skills\": {\n  \"selling\": 3,\n}",
            &["broken JSON at line 3 column 1"],
        ),
        // A key written with an escape is named without a place (README).
        (
            r#"{"skills": {"sell\u0069ng": 9}}"#,
            &["skills.selling: 9 is out of range"],
        ),
        // An empty key is named as written, not taken for its section or the whole file.
        (
            "{\"\": 1, \"goals\": {\"\": 2}}",
            &[
                "\"\" (line 1, column 2): unknown key; allowed: skills",
                "goals.\"\" (line 1, column 19): unknown key; allowed: income",
            ],
        ),
        // The whole file is still the top level.
        ("[1]", &["top level: expected an object, found a list"]),
        // Columns count characters, as the places of keys do: é is two bytes.
        ("{\"é\": 1,}", &["broken JSON at line 1 column 9"]),
        ("", &["the input is empty", "ctopath questions --template"]),
    ];
    for (input, expected) in cases {
        let assert = ctopath()
            .args(["assess", "--answers", "-"])
            .write_stdin(*input)
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.contains("invalid answers in <stdin>"),
            "for {input}: {stderr}"
        );
        for words in *expected {
            assert!(
                stderr.contains(words),
                "for {input}: expected {words:?} in:\n{stderr}"
            );
        }
        assert!(!stderr.contains("panicked"), "for {input}: {stderr}");
    }
}

#[test]
fn problems_in_an_answers_file_say_where_each_key_stands() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.json");
    std::fs::write(
        &file,
        "{\n  \"skills\": {\n    \"technical_depth\": 4,\n    \"selling\": 9\n  },\n  \
         \"goals\": {\"income\": 3, \"ownershp\": 5},\n  \"constraints\": {\n    \
         \"exclude\": [\"ceo\", \"astronaut\"],\n    \"keeps_job\": \"yes\"\n  }\n}\n",
    )
    .unwrap();
    let assert = ctopath()
        .args(["assess", "--no-history", "--answers"])
        .arg(&file)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains(&format!("invalid answers in {}:", file.display())));
    for expected in [
        "skills.selling (line 4, column 5): 9 is out of range; use a whole number from 1 to 5",
        "goals.ownershp (line 6, column 26): unknown key (did you mean 'ownership'?)",
        "constraints.exclude[1] (line 8, column 24): no path has the id \"astronaut\"",
        "constraints.keeps_job (line 9, column 5): expected true",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected} missing from:\n{stderr}"
        );
    }
}

#[test]
fn every_problem_in_the_answers_is_reported_at_once() {
    let assert = ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(r#"{"skills": {"selling": 9, "leadership": 0}, "goals": {"incom": 3}}"#)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for key in ["skills.selling", "skills.leadership", "goals.incom"] {
        assert!(stderr.contains(key), "{key} missing from:\n{stderr}");
    }
}

#[test]
fn bad_must_haves_are_named_with_the_limit_and_the_nearest_goal() {
    let assert = ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(
            r#"{"constraints": {"must_have": ["stabilty", "income", "income", "ownership"]}}"#,
        )
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for expected in [
        "constraints.must_have (line 1, column 18): names 4 goals; at most 3 can be must-haves",
        "constraints.must_have[0] (line 1, column 32): no goal has the id \"stabilty\" (did you mean 'stability'?)",
        "constraints.must_have[2] (line 1, column 54): given more than once",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected} missing from:\n{stderr}"
        );
    }
    ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(r#"{"constraints": {"must_have": "income"}}"#)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "expected a list of up to 3 goal ids",
        ));
}

#[test]
fn a_path_that_fails_a_must_have_ranks_below_every_other_and_says_why() {
    // Founder gives the most of what this builder wants, but rates stability 1.
    let builder = answers(
        json!({"technical_depth": 5, "product_vision": 5, "customer_insight": 5}),
        json!({"ownership": 5, "autonomy": 5, "stability": 4}),
        json!({"must_have": ["stability"]}),
    );
    let results = assess_json(&builder);
    let ranking = results["ranking"].as_array().unwrap();
    let founder = ranking.iter().find(|r| r["id"] == "founder").unwrap();
    assert_eq!(
        founder["conflicts"],
        json!([{"criterion": "stability", "answer": 4, "path": 1,
                "text": "gives little stability (1/5), which you cannot do without"}])
    );
    assert_ne!(founder["band"], "strong");
    assert_eq!(
        founder["reasons"]["against"][0]["text"],
        founder["conflicts"][0]["text"]
    );
    // Every path without a conflict comes first; without the must-have, Founder leads.
    let first_conflict = ranking
        .iter()
        .position(|r| !r["conflicts"].as_array().unwrap().is_empty())
        .unwrap();
    assert!(
        ranking[first_conflict..]
            .iter()
            .all(|r| !r["conflicts"].as_array().unwrap().is_empty())
    );
    let mut free = builder.clone();
    free["constraints"] = json!({});
    assert_eq!(assess_json(&free)["ranking"][0]["id"], "founder");
    ctopath()
        .args(["plan", "founder", "--answers", "-"])
        .write_stdin(builder.to_string())
        .assert()
        .success()
        .stdout(predicate::str::contains("which you cannot do without"));
}

#[test]
fn a_job_kept_beside_a_side_path_pays_the_income_floor() {
    let reason = |constraints: Value| {
        let results = assess_json(&answers(json!({}), json!({}), constraints));
        results["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "side_project_founder")
            .map(|e| e["reason"].as_str().unwrap().to_string())
    };
    // Not said: the floor applies, and the assumption is named.
    let unsaid = reason(json!({"min_income": 150000})).expect("ruled out by the floor");
    assert!(
        unsaid.contains("assuming you keep no job beside it"),
        "{unsaid}"
    );
    assert!(
        reason(json!({"min_income": 150000, "keeps_job": false}))
            .is_some_and(|r| !r.contains("assuming"))
    );
    assert_eq!(
        reason(json!({"min_income": 150000, "keeps_job": true})),
        None
    );
    ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(r#"{"constraints": {"keeps_job": "yes"}}"#)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "constraints.keeps_job (line 1, column 18): expected true",
        ));
}

#[test]
fn an_unreadable_answers_file_is_named() {
    ctopath()
        .args(["assess", "--answers", "no-such-answers.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot read the answers file no-such-answers.json",
        ));
}

#[test]
fn save_writes_the_answers_that_answers_reads_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("kept.json");
    ctopath()
        .args(["assess", "--answers", "-", "--save"])
        .arg(&saved)
        .write_stdin(r#"{"skills": {"selling": 5}, "constraints": {"hours_per_week": 30}}"#)
        .assert()
        .success()
        .stderr(predicate::str::contains("Answers saved to"));
    let kept: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(kept["skills"]["selling"], 5);
    assert_eq!(kept["skills"]["leadership"], 3, "defaults are written out");
    assert_eq!(kept["constraints"]["hours_per_week"], 30);

    // Read back, it gives the same scores as the original answers (only the notes on assumed
    // answers differ: the saved file answers everything).
    let again = ctopath()
        .args(["assess", "--format", "json", "--answers"])
        .arg(&saved)
        .output()
        .unwrap();
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    let original =
        assess_json(&json!({"skills": {"selling": 5}, "constraints": {"hours_per_week": 30}}));
    let scores = |results: &Value| -> Vec<(String, String)> {
        results["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["id"].to_string(), r["score"].to_string()))
            .collect()
    };
    assert_eq!(scores(&again), scores(&original));
    assert_eq!(again["assumed"], json!([]));

    // An existing file is kept unless --force is given.
    ctopath()
        .args(["assess", "--answers", "-", "--save"])
        .arg(&saved)
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "exists; pass --force to replace it",
        ));
    assert_eq!(
        serde_json::from_str::<Value>(&std::fs::read_to_string(&saved).unwrap()).unwrap(),
        kept
    );
    ctopath()
        .args(["assess", "--answers", "-", "--force", "--save"])
        .arg(&saved)
        .write_stdin("{}")
        .assert()
        .success();
    let replaced: Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(replaced["skills"]["selling"], 3);
}

#[test]
fn colour_follows_the_flag() {
    let colored = ctopath()
        .args(["--color", "always", "assess", "--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&colored.stdout).contains("\x1b["));
    for args in [&["--color", "never"][..], &[]] {
        let plain = ctopath()
            .args(args)
            .args(["assess", "--answers", "-"])
            .write_stdin("{}")
            .output()
            .unwrap();
        assert!(
            !String::from_utf8_lossy(&plain.stdout).contains("\x1b["),
            "{args:?}"
        );
    }
}

#[test]
fn every_result_says_how_robust_it_is_and_what_would_flip_it() {
    // An investor with little taste for variety: Venture Capital edges ahead on the answers as
    // given, Operating Partner comes first more often as they vary.
    let investor = answers(
        json!({"investment_analysis": 3, "industry_network": 5, "technical_depth": 4, "product_vision": 4,
               "thought_leadership": 4}),
        json!({"hands_on": 1, "flexibility": 2, "variety": 2}),
        json!({"hours_per_week": 50}),
    );
    let results = assess_json(&investor);
    let robustness = &results["robustness"];
    assert_eq!(robustness["seed"], 42);
    assert_eq!(robustness["samples"], 400);
    let ranking = results["ranking"].as_array().unwrap();
    let shares: f64 = ranking
        .iter()
        .map(|r| r["robustness"]["first_share"].as_f64().unwrap())
        .sum();
    assert!(
        (shares - 1.0).abs() < 1e-9,
        "first places add up to {shares}"
    );
    for ranked in ranking {
        let range = ranked["robustness"]["rank_range"].as_array().unwrap();
        let (low, high) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
        assert!(
            1 <= low && low <= high && high as usize <= ranking.len(),
            "{range:?}"
        );
    }
    // The two are a point apart: not a clear winner, and the result says plainly that the other
    // path comes first more often, in the warnings and in the summary's first line.
    assert_eq!(ranking[0]["id"], "venture_capital");
    assert_eq!(robustness["clear_winner"], false);
    assert!(
        robustness["verdict"]
            .as_str()
            .unwrap()
            .starts_with("No clear winner")
    );
    let warning = results["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "another_path_first_more_often")
        .expect("a warning that another path comes first more often");
    assert!(
        warning["text"]
            .as_str()
            .unwrap()
            .contains("but Operating Partner at a Fund comes first more often"),
        "{warning}"
    );
    let table = ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(investor.to_string())
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout).into_owned();
    let summary = table
        .lines()
        .skip_while(|line| !line.starts_with('└'))
        // Past the note under the table that explains its columns.
        .skip_while(|line| !line.trim().is_empty())
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    assert!(
        summary.starts_with("Venture Capital ranks first on your answers as given"),
        "{table}"
    );

    // The flip is real: make that one change and the named path comes first.
    let flip = &robustness["flip"];
    let (section, id) = flip["key"].as_str().unwrap().split_once('.').unwrap();
    assert_eq!(investor[section][id], flip["from"]);
    let mut changed = investor.clone();
    changed[section][id] = flip["to"].clone();
    assert_eq!(assess_json(&changed)["ranking"][0]["id"], flip["new_top"]);
    let step = (flip["to"].as_i64().unwrap() - flip["from"].as_i64().unwrap()).abs();
    assert_eq!(step, 1, "the smallest change is one step here");

    // The table shows it too.
    ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(investor.to_string())
        .assert()
        .success()
        .stdout(predicate::str::contains("First in"))
        .stdout(predicate::str::contains("How sure:      No clear winner"))
        .stdout(predicate::str::contains(
            "What flips it: Had you rated your",
        ))
        .stdout(predicate::str::contains("would come first"));
}

#[test]
fn the_same_seed_gives_the_same_robustness_and_another_seed_is_reported() {
    let run = |seed: &str| {
        ctopath()
            .args([
                "assess",
                "--format",
                "json",
                "--answers",
                "-",
                "--seed",
                seed,
            ])
            .write_stdin(strong_builder().to_string())
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("7"), run("7"));
    let other: Value = serde_json::from_slice(&run("8")).unwrap();
    assert_eq!(other["robustness"]["seed"], 8);
    ctopath()
        .args(["assess", "--answers", "-", "--samples", "200000"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--samples"));
    // 0 turns the check off.
    let off = ctopath()
        .args([
            "assess",
            "--format",
            "json",
            "--answers",
            "-",
            "--samples",
            "0",
        ])
        .write_stdin("{}")
        .output()
        .unwrap();
    let off: Value = serde_json::from_slice(&off.stdout).unwrap();
    assert!(off.get("robustness").is_none() && off["ranking"][0].get("robustness").is_none());
}

#[test]
fn tables_fit_the_width_they_are_given() {
    // Below 72 columns the ranking is a block a path, wrapped at word boundaries, as six
    // columns would break words in the middle.
    for columns in [40, 60, 71] {
        let output = ctopath()
            .env("COLUMNS", columns.to_string())
            .args(["assess", "--answers", "-"])
            .write_stdin(r#"{"goals": {"ownership": 5}}"#)
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.starts_with(" 1. "), "COLUMNS={columns}:\n{text}");
        assert!(!text.contains('┌') && text.contains("    First step: "));
        let widest = text.lines().map(|line| line.chars().count()).max().unwrap();
        assert!(
            widest <= columns,
            "COLUMNS={columns}: a line of {widest}\n{text}"
        );
    }
    for columns in ["72", "100", "140"] {
        let output = ctopath()
            .env("COLUMNS", columns)
            .args(["assess", "--answers", "-"])
            .write_stdin("{}")
            .output()
            .unwrap();
        let widest = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|line| line.starts_with(['┌', '│', '╞', '└']))
            .map(|line| line.chars().count())
            .max()
            .unwrap();
        assert!(
            widest <= columns.parse().unwrap(),
            "COLUMNS={columns}: a table line of {widest}"
        );
    }
    // Without a width to go by, tables take 100 columns.
    let output = ctopath().args(["paths", "list"]).output().unwrap();
    let first = String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .unwrap()
        .chars()
        .count();
    assert_eq!(first, 100);
}

/// Below 72 columns, portfolios are a block each as the ranking is; every other command's text
/// wraps to the width, and ids and answers keys, which people copy, are never broken. Only a
/// command to run is left whole on its line.
#[test]
fn every_command_fits_a_narrow_terminal_and_keeps_ids_whole() {
    let answers = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/builder-who-wants-ownership.json"),
    )
    .unwrap();
    let run = |columns: usize, args: &[&str]| {
        let output = ctopath()
            .env("COLUMNS", columns.to_string())
            .args(args)
            .write_stdin(answers.clone())
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    for columns in [50, 60, 71] {
        let portfolios = run(columns, &["portfolio", "--answers", "-"]);
        assert!(
            portfolios.starts_with(" 1. Score ") && !portfolios.contains('┌'),
            "COLUMNS={columns}:\n{portfolios}"
        );
        let words = portfolios.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("points behind the best single path"),
            "{portfolios}"
        );
        for args in [
            &["portfolio", "--answers", "-"][..],
            &["compare", "consultant", "ceo", "--answers", "-"],
            &["plan", "consultant", "--answers", "-"],
            &["plan", "advisor+author_speaker", "--answers", "-"],
            &["questions"],
            &["paths", "list"],
        ] {
            let text = run(columns, args);
            for line in text.lines() {
                assert!(
                    line.chars().count() <= columns || line.starts_with("  ctopath "),
                    "COLUMNS={columns} {args:?}: {line:?}\n{text}"
                );
            }
        }
        assert!(run(columns, &["questions"]).contains("│ constraints.hours_per_week "));
        assert!(run(columns, &["paths", "list"]).contains("│ side_project_founder "));
    }
    // From 72 columns, the portfolios are a table.
    let wide = run(72, &["portfolio", "--answers", "-"]);
    assert!(wide.starts_with('┌'), "{wide}");
}

#[test]
fn edit_needs_a_terminal_and_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.json");
    std::fs::write(&file, "{}").unwrap();
    crate::common::ctopath()
        .args(["assess", "--edit"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs a terminal"));
    crate::common::ctopath()
        .args(["assess", "--edit", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not standard input"));
    crate::common::ctopath()
        .args(["assess", "--format", "ndjson", "--edit"])
        .arg(&file)
        .write_stdin("{}\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--format ndjson scores a stream"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{}");
}

#[test]
fn plain_tables_and_rating_marks_are_ascii() {
    let shown = |command: &mut assert_cmd::Command| {
        let output = command.args(["paths", "show", "founder"]).output().unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    for text in [
        shown(crate::common::ctopath().arg("--plain")),
        shown(crate::common::ctopath().env("TERM", "dumb")),
    ] {
        assert!(text.contains("+----"), "{text}");
        assert!(text.contains("****- 4") || text.contains("*****"), "{text}");
        assert!(
            !text.chars().any(|c| ('\u{2500}'..='\u{25ff}').contains(&c)),
            "{text}"
        );
    }
    // Without it, the tables are drawn with box-drawing lines.
    assert!(shown(&mut crate::common::ctopath()).contains('\u{2502}'));
}

/// A file's problems come in the order of the file, as its reader goes through it, each placed
/// at its key: the checks find unknown keys before bad values, and had listed them first.
#[test]
fn problems_are_listed_in_the_order_of_the_file() {
    let input = "{\n  \"skills\": {\"technical_depth\": 9, \"sellingg\": 3},\n  \"goals\": {\"income\": 7},\n  \"bogus\": 1\n}\n";
    let output = ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let keys: Vec<&str> = stderr
        .lines()
        .skip(1)
        .filter_map(|line| line.trim().split(" (line").next())
        .collect();
    assert_eq!(
        keys,
        [
            "skills.technical_depth",
            "skills.sellingg",
            "goals.income",
            "bogus"
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("skills.technical_depth (line 2, column 14): 9 is out of range"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bogus (line 4, column 3): unknown key"),
        "{stderr}"
    );
}

/// GCC's unwinder is linked into the binary (build.rs) rather than loaded from libgcc_s.so.1 at
/// every start, which cost about 100 µs of a 1.5 ms assessment: the binary names no such
/// library. Where the C compiler has no libgcc_eh.a, build.rs leaves the link as it was.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_binary_does_not_load_libgcc_s() {
    let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let found = std::process::Command::new(compiler)
        .arg("-print-file-name=libgcc_eh.a")
        .output();
    let linkable = found.is_ok_and(|found| {
        std::path::Path::new(String::from_utf8_lossy(&found.stdout).trim()).is_absolute()
    });
    if !linkable {
        return;
    }
    let binary = std::fs::read(env!("CARGO_BIN_EXE_ctopath")).unwrap();
    let named = binary
        .windows(b"libgcc_s.so".len())
        .any(|bytes| bytes == b"libgcc_s.so");
    assert!(!named, "the binary still asks for libgcc_s.so.1");
}

/// With the unwinder linked in (above), a panic still unwinds: the drops on its way run and it
/// is caught; and a backtrace still names its frames. This test's binary is linked as ctopath's.
#[test]
fn a_panic_still_unwinds_and_backtraces_still_name_their_frames() {
    struct Dropped<'a>(&'a std::cell::Cell<bool>);
    impl Drop for Dropped<'_> {
        fn drop(&mut self) {
            self.0.set(true);
        }
    }
    let dropped = std::cell::Cell::new(false);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _on_the_way = Dropped(&dropped);
        panic!("on purpose, to unwind");
    }));
    assert!(caught.is_err() && dropped.get());
    let backtrace = std::backtrace::Backtrace::force_capture();
    assert_eq!(
        backtrace.status(),
        std::backtrace::BacktraceStatus::Captured
    );
    assert!(
        backtrace.to_string().contains("a_panic_still_unwinds"),
        "{backtrace}"
    );
}

/// Points lost on a goal rated the middle of the scale are named, after the goals that matter
/// more: a path that loses a fifth of its score there no longer has "none worth naming".
#[test]
fn a_weak_goal_that_matters_somewhat_is_a_reason_against() {
    let every = |level: u8| {
        serde_json::Map::from_iter(
            crate::common::SKILLS
                .iter()
                .map(|id| (id.to_string(), json!(level))),
        )
    };
    let answers = json!({
        "skills": every(4),
        "goals": {"income": 3, "stability": 3, "ownership": 3, "autonomy": 4, "variety": 3,
                  "impact": 3, "flexibility": 4, "hands_on": 3},
        "constraints": {"hours_per_week": 0}
    });
    let results = crate::common::assess_json(&answers);
    let top = &results["ranking"][0];
    assert_eq!(top["id"], "sabbatical");
    let against = top["reasons"]["against"].as_array().unwrap();
    assert!(!against.is_empty(), "{top}");
    for reason in against {
        assert!(
            reason["text"]
                .as_str()
                .unwrap()
                .ends_with("which matters to you somewhat (3/5)")
        );
        assert!(reason["points"].as_f64().unwrap() >= 0.5, "{reason}");
    }
    // A goal that matters (4 or 5) comes before one that matters somewhat, whatever the points.
    let answers = json!({"goals": {"income": 3, "ownership": 4}});
    let results = crate::common::assess_json(&answers);
    let mut both = 0;
    for ranked in results["ranking"].as_array().unwrap() {
        let texts: Vec<&str> = ranked["reasons"]["against"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["text"].as_str().unwrap())
            .collect();
        let somewhat = texts
            .iter()
            .position(|t| t.contains("matters to you somewhat"));
        let matters = texts
            .iter()
            .rposition(|t| t.contains("which matters to you (4/5)"));
        if let (Some(somewhat), Some(matters)) = (somewhat, matters) {
            assert!(matters < somewhat, "{texts:?}");
            both += 1;
        }
        // A goal not rated is not said to matter somewhat: its importance was assumed.
        assert!(
            texts
                .iter()
                .all(|t| !t.contains("stability") || t.contains("(3 assumed)")),
            "{texts:?}"
        );
    }
    assert!(both > 0, "{results}");
}

#[test]
fn a_must_have_rated_as_mattering_little_is_warned_about_everywhere() {
    let codes = |results: &Value| -> Vec<String> {
        results["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap().to_string())
            .collect()
    };
    // Income rated 1, ownership 5, both must-haves: only income contradicts its rating.
    let torn = answers(
        json!({}),
        json!({"income": 1, "ownership": 5}),
        json!({"must_have": ["income", "ownership"]}),
    );
    let results = assess_json(&torn);
    let warned: Vec<&Value> = results["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "must_have_rated_low")
        .collect();
    assert_eq!(warned.len(), 1, "{results}");
    let text = warned[0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("You made income a must-have but rated how much it matters 1/5"),
        "{text}"
    );
    // Rated 2 is still low; rated 3, or not rated at all (3 assumed), is not a contradiction.
    for (income, warned) in [(json!(2), true), (json!(3), false)] {
        let mut answers = torn.clone();
        answers["goals"]["income"] = income;
        assert_eq!(
            codes(&assess_json(&answers)).contains(&"must_have_rated_low".to_string()),
            warned
        );
    }
    let mut unrated = torn.clone();
    unrated["goals"].as_object_mut().unwrap().remove("income");
    assert!(!codes(&assess_json(&unrated)).contains(&"must_have_rated_low".to_string()));
    // The table states it before the headline, and a stream's record carries it too.
    ctopath()
        .args(["assess", "--answers", "-", "--no-history"])
        .env("COLUMNS", "200")
        .write_stdin(torn.to_string())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "You made income a must-have but rated how much it matters 1/5",
        ));
    let line = ctopath()
        .args(["assess", "--answers", "-", "--format", "ndjson"])
        .write_stdin(format!("{torn}\n"))
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&line.stdout).unwrap();
    assert!(codes(&record).contains(&"must_have_rated_low".to_string()));
}
