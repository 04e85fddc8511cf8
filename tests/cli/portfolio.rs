//! Portfolios: several paths done in parts at once, fitted to the week and the income floor.

use crate::common::{answers, builtin, ctopath, json_of};
use ctopath::engine::{self, Settings};
use ctopath::model::Combines;
use proptest::prelude::*;
use serde_json::{Value, json};

fn portfolio_json(answers: &Value) -> Value {
    json_of(
        ctopath()
            .args(["portfolio", "--format", "json", "--answers", "-"])
            .write_stdin(answers.to_string()),
    )
}

/// The essay's part-timer: ten hours a week and an income to earn. Fractional work and advisory
/// seats fit; nothing full-time does.
#[test]
fn ten_hours_a_week_and_an_income_gets_fractional_work_beside_advisory_seats() {
    let part_timer = answers(
        json!({"technical_depth": 4, "product_vision": 4, "industry_network": 4, "selling": 3}),
        json!({"flexibility": 5, "autonomy": 5, "variety": 4, "income": 4}),
        json!({"hours_per_week": 10, "min_income": 60000}),
    );
    let found = portfolio_json(&part_timer);
    assert_eq!(found["model_version"], 2);
    assert_eq!(found["week"]["hours"], 10);
    let portfolios = found["portfolios"].as_array().unwrap();
    assert!(!portfolios.is_empty(), "{found}");
    let best = &portfolios[0];
    let ids: Vec<&str> = best["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"fractional_cto"), "{ids:?}");
    assert!(best["hours_per_week"].as_u64().unwrap() <= 10);
    assert!(best["income"][0].as_u64().unwrap() >= 60000);
    // The score adds up like every other, and so does the difference with the best single path.
    let sum: f64 = best["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["points"].as_f64().unwrap())
        .sum();
    assert!((sum - best["score"].as_f64().unwrap()).abs() < 1e-9);
    let versus = &best["versus_best_single"];
    let parts: f64 = versus["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["difference"].as_f64().unwrap())
        .sum();
    assert!((parts - versus["difference"].as_f64().unwrap()).abs() < 1e-9);
    assert!(
        (versus["difference"].as_f64().unwrap()
            - (best["score"].as_f64().unwrap() - found["best_single"]["score"].as_f64().unwrap()))
        .abs()
            < 1e-9
    );
}

#[test]
fn without_an_hours_limit_portfolios_fit_a_full_time_week_and_say_so() {
    let found = portfolio_json(&json!({}));
    assert_eq!(found["week"]["hours"], engine::FULL_TIME_WEEK);
    assert!(
        found["week"]["from"]
            .as_str()
            .unwrap()
            .contains("you set no hours limit")
    );
    ctopath()
        .args(["portfolio", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "Fitted to {} hours a week",
            engine::FULL_TIME_WEEK
        )));
}

#[test]
fn a_full_time_job_takes_only_parts_done_beside_a_job() {
    let earner = answers(
        json!({"technical_depth": 5, "selling": 4, "customer_insight": 4}),
        json!({"income": 5, "stability": 5, "variety": 4}),
        json!({"hours_per_week": 60, "min_income": 250000}),
    );
    let found = portfolio_json(&earner);
    let catalogue = builtin();
    for portfolio in found["portfolios"].as_array().unwrap() {
        let parts: Vec<&str> = portfolio["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        let anchored = parts
            .iter()
            .any(|id| catalogue.path(id).unwrap().combines == Combines::Anchor);
        if anchored {
            for id in &parts {
                let path = catalogue.path(id).unwrap();
                assert!(
                    path.combines == Combines::Anchor || path.alongside_job,
                    "{parts:?}"
                );
            }
        }
    }
    ctopath()
        .args([
            "plan",
            "advisor+angel_investor+author_speaker+fractional_cto+consultant",
        ])
        .args(["--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("a portfolio has 2 to 4 parts"));
}

#[test]
fn the_same_answers_give_the_same_portfolios() {
    let someone = answers(
        json!({"selling": 4}),
        json!({"variety": 5}),
        json!({"hours_per_week": 30}),
    );
    assert_eq!(portfolio_json(&someone), portfolio_json(&someone));
}

#[test]
fn a_portfolio_is_planned_part_by_part_with_one_review_date() {
    let someone = json!({"constraints": {"hours_per_week": 20}});
    let plan = json_of(
        ctopath()
            .args([
                "plan",
                "advisor+fractional_cto",
                "--today",
                "2026-11-24",
                "--format",
                "json",
                "--answers",
                "-",
            ])
            .write_stdin(someone.to_string()),
    );
    let steps = plan["first_steps"].as_array().unwrap();
    let catalogue = builtin();
    // Each part's first step, named after its part.
    for id in ["advisor", "fractional_cto"] {
        let path = catalogue.path(id).unwrap();
        let step = format!("{}: {}", path.name, path.first_steps[0]);
        assert!(
            steps.contains(&json!(step)),
            "{step} missing from {steps:?}"
        );
    }
    assert_eq!(plan["rank"], Value::Null, "no rank among single paths");
    assert!(plan["review_on"].as_str().unwrap().starts_with("20"));
    ctopath()
        .args(["plan", "founder+advisor", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("Founder is not done in parts"));
}

#[test]
fn the_assessment_names_a_portfolio_that_beats_the_best_path() {
    let part_timer = answers(
        json!({"technical_depth": 4, "product_vision": 4, "industry_network": 4}),
        json!({"variety": 5, "flexibility": 5, "autonomy": 4}),
        json!({"hours_per_week": 20}),
    );
    let results = json_of(
        ctopath()
            .args(["assess", "--format", "json", "--answers", "-"])
            .write_stdin(part_timer.to_string()),
    );
    let found = &results["portfolios"];
    assert!(found["portfolios"].is_array(), "{results}");
    let best = &found["portfolios"][0];
    let beats = best["versus_best_single"]["difference"].as_f64().unwrap() > 0.05;
    let table = ctopath()
        .args(["assess", "--answers", "-"])
        .write_stdin(part_timer.to_string())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&table.stdout).into_owned();
    assert_eq!(
        text.contains("A portfolio scores higher than"),
        beats,
        "{text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the answers: within the week, the floor paid, no part ruled out, no must-have
    /// failed, each part within its own limits.
    #[test]
    fn every_portfolio_is_feasible(
        levels in proptest::collection::vec(1u8..=5, 9),
        importance in proptest::collection::vec(1u8..=5, 8),
        hours in proptest::option::of(0u32..=60),
        floor in proptest::option::of(0u64..=300_000),
        exclude in proptest::sample::subsequence(vec!["advisor", "fractional_cto", "consultant"], 0..=2),
        must_have in proptest::sample::subsequence(vec!["stability", "income", "variety"], 0..=1),
    ) {
        let catalogue = builtin();
        let skills: serde_json::Map<String, Value> = catalogue.criteria.skills.iter().zip(&levels).map(|(c, l)| (c.id.to_string(), json!(l))).collect();
        let goals: serde_json::Map<String, Value> = catalogue.criteria.goals.iter().zip(&importance).map(|(c, i)| (c.id.to_string(), json!(i))).collect();
        let text = json!({"skills": skills, "goals": goals, "constraints": {"hours_per_week": hours, "min_income": floor, "exclude": exclude, "must_have": must_have}}).to_string();
        let answers = ctopath::answers::parse(&text, "generated", &catalogue).unwrap();
        let assessment = engine::assess(&catalogue, &answers);
        let found = engine::portfolios(&catalogue, &answers, assessment.ranking.first(), 4, Some(Settings { seed: 1, samples: 20 }));
        let week = hours.unwrap_or(engine::FULL_TIME_WEEK);
        for portfolio in &found.portfolios {
            prop_assert!((2..=4).contains(&portfolio.parts.len()));
            prop_assert!(portfolio.hours_per_week <= week);
            prop_assert_eq!(portfolio.hours_per_week, portfolio.parts.iter().map(|p| p.hours_per_week).sum::<u32>());
            if let Some(floor) = floor {
                prop_assert!(portfolio.income[0] >= floor);
            }
            prop_assert!(portfolio.conflicts.is_empty());
            for part in &portfolio.parts {
                prop_assert!(!exclude.contains(&part.id.as_str()));
                let path = catalogue.path(&part.id).unwrap();
                prop_assert!(path.combines != Combines::Alone);
                prop_assert!(part.hours_per_week >= path.realities.hours_per_week.min);
            }
            let sum: f64 = portfolio.contributions.iter().map(|c| c.points).sum();
            prop_assert!((sum - portfolio.score).abs() < 1e-9);
        }
        // Best first.
        for pair in found.portfolios.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score - 1e-9);
        }
    }
}

#[test]
fn streams_carry_portfolios_only_when_asked() {
    let people = "{\"constraints\": {\"hours_per_week\": 10}}\n{}\n";
    let lines = |args: &[&str]| -> Vec<Value> {
        let output = ctopath()
            .args(["assess", "--answers", "-", "--format", "ndjson"])
            .args(args)
            .write_stdin(people)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    };
    for line in lines(&[]) {
        assert!(line.get("portfolios").is_none(), "{line}");
    }
    let with = lines(&["--portfolios"]);
    assert_eq!(with.len(), 2);
    for line in &with {
        assert!(line["portfolios"]["portfolios"].is_array(), "{line}");
    }
    assert_eq!(with[0]["portfolios"]["week"]["hours"], 10);
}

#[test]
fn max_parts_caps_the_parts_of_every_portfolio() {
    let open_week = answers(
        json!({"technical_depth": 4}),
        json!({"variety": 5}),
        json!({}),
    );
    let capped = json_of(
        ctopath()
            .args([
                "portfolio",
                "--format",
                "json",
                "--max-parts",
                "2",
                "--answers",
                "-",
            ])
            .write_stdin(open_week.to_string()),
    );
    let portfolios = capped["portfolios"].as_array().unwrap();
    assert!(!portfolios.is_empty());
    for portfolio in portfolios {
        assert_eq!(
            portfolio["parts"].as_array().unwrap().len(),
            2,
            "{portfolio}"
        );
    }
    // Without the cap, larger portfolios are weighed too.
    let open = portfolio_json(&open_week);
    assert!(
        open["portfolios"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["parts"].as_array().unwrap().len() > 2),
        "{open}"
    );
    ctopath()
        .args(["portfolio", "--max-parts", "5", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2);
}

/// A command the results suggest runs as given: with the answers file and the `--paths` folder
/// the assessment had, as a line of its own in the table and a code block in a report; and a
/// broken folder's error names `validate` with that folder.
#[test]
fn suggested_commands_pass_the_same_answers_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("my paths");
    std::fs::create_dir(&folder).unwrap();
    crate::common::write(
        &folder,
        "coach.yaml",
        &crate::common::path_yaml("coach", "Coach"),
    );
    let answers = "examples/ten-hours-a-week.json";
    let folder_word = format!("'{}'", folder.display());
    let run = |format: &str| {
        let output = ctopath()
            .arg("--paths")
            .arg(&folder)
            .args([
                "assess",
                "--no-history",
                "--answers",
                answers,
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let command = format!("ctopath --paths {folder_word} portfolio --answers {answers}");
    let table = run("table");
    assert!(
        table.contains(&format!("See it and others with:\n  {command}\n")),
        "{table}"
    );
    let markdown = run("markdown");
    assert!(
        markdown.contains(&format!("```sh\n{command}\n```")),
        "{markdown}"
    );

    let portfolio = ctopath()
        .args(["portfolio", "--answers", answers])
        .output()
        .unwrap();
    let text = String::from_utf8(portfolio.stdout).unwrap();
    assert!(
        text.contains(&format!(
            "\n  ctopath plan advisor+angel_investor --answers {answers}\n"
        )),
        "{text}"
    );

    crate::common::write(&folder, "broken.yaml", "id: [broken\n");
    // `--no-builtin` is passed on too.
    for builtin in [&[][..], &["--no-builtin"][..]] {
        let flags = builtin
            .iter()
            .map(|flag| format!("{flag} "))
            .collect::<String>();
        ctopath()
            .args(builtin)
            .arg("--paths")
            .arg(&folder)
            .args(["assess", "--answers", answers])
            .assert()
            .failure()
            .stderr(predicates::str::contains(format!(
                "(`ctopath {flags}--paths {folder_word} validate` checks it again)"
            )));
    }
}

#[test]
fn a_portfolio_that_cannot_be_planned_names_the_limit_that_stops_it() {
    let refused = |portfolio: &str, constraints: Value| -> String {
        let output = ctopath()
            .args(["plan", portfolio, "--answers", "-"])
            .write_stdin(answers(json!({}), json!({}), constraints).to_string())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{portfolio}");
        let error = String::from_utf8(output.stderr).unwrap();
        let prefix = format!("error: cannot plan the portfolio '{portfolio}': ");
        assert!(error.starts_with(&prefix), "{error}");
        error[prefix.len()..].trim_end().to_string()
    };
    // The week, when even the fewest units overrun it.
    assert_eq!(
        refused("consultant+advisor", json!({"hours_per_week": 5})),
        "its fewest units take 20 hours a week; you can give 5"
    );
    // The income floor, with the most any count that fits the week pays at its low end.
    let floor = refused(
        "consultant+advisor",
        json!({"hours_per_week": 45, "min_income": 400_000}),
    );
    assert!(
        floor.starts_with("within 45 hours a week the low end of its income reaches $")
            && floor.ends_with("at most; you need $400,000"),
        "{floor}"
    );
    // A limit every count fails outright: the portfolio's runway.
    assert_eq!(
        refused("cto_again+advisor", json!({"runway_months": 1})),
        "needs at least 3 months of savings; you have 1"
    );
    // Parts that may not be combined, whatever the limits.
    assert_eq!(
        refused("cto_again+venture_capital", json!({})),
        "CTO or VP Engineering and Venture Capital are each a full-time anchor, and a portfolio \
         has at most one"
    );
    assert_eq!(
        refused("cto_again+consultant", json!({})),
        "CTO or VP Engineering is a full-time anchor, and beside it fit only parts done alongside \
         a job; Consultant is not one"
    );
}

#[test]
fn when_no_portfolio_is_found_the_results_say_what_stops_them() {
    let why = |constraints: Value| -> Value {
        portfolio_json(&answers(json!({}), json!({}), constraints))["why_none"].clone()
    };
    // The floor: the most any combination's low end reaches within the week, against it.
    let floor = why(json!({"hours_per_week": 45, "min_income": 400_000}));
    let floor = floor.as_str().unwrap();
    assert!(
        floor.starts_with(
            "within 45 hours a week the most any combination pays at the low end of its income is $"
        ) && floor.ends_with("; you need $400,000"),
        "{floor}"
    );
    // The week, when no two parts fit it at their fewest units.
    assert_eq!(
        why(json!({"hours_per_week": 3})),
        "no two paths done in parts fit in 3 hours a week, even at their fewest units"
    );
    // Too few paths done in parts left once the person's exclusions apply.
    let combinable = [
        "advisor",
        "angel_investor",
        "author_speaker",
        "consultant",
        "cto_again",
        "fractional_cto",
        "operating_partner",
        "principal_engineer",
        "product_executive",
        "sales_engineer",
        "side_project_founder",
        "training_and_coaching",
        "venture_capital",
    ];
    assert_eq!(
        why(json!({"exclude": combinable[1..]})),
        "only one path done in parts is left once the paths you ruled out and those that need \
         more savings than you have are set aside"
    );
    // Found: nothing to say.
    assert_eq!(why(json!({"hours_per_week": 10})), Value::Null);
    // The table says it after the limits, and an assessment's JSON carries it too.
    ctopath()
        .args(["portfolio", "--answers", "-"])
        .env("COLUMNS", "200")
        .write_stdin(answers(json!({}), json!({}), json!({"hours_per_week": 3})).to_string())
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "What stops them: no two paths done in parts fit in 3 hours a week",
        ));
    let assessed = json_of(
        ctopath()
            .args(["assess", "--format", "json", "--answers", "-"])
            .write_stdin(answers(json!({}), json!({}), json!({"hours_per_week": 3})).to_string()),
    );
    assert_eq!(
        assessed["portfolios"]["why_none"],
        "no two paths done in parts fit in 3 hours a week, even at their fewest units"
    );
}
