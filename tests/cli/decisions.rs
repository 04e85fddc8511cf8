//! `compare` and `plan`: why one path beats another, and what to do about the one you choose.

use crate::common::{answers, assess_json, builtin, ctopath, json_of};
use predicates::prelude::*;
use serde_json::{Value, json};

fn builder() -> Value {
    answers(
        json!({"technical_depth": 5, "product_vision": 5, "customer_insight": 4, "investment_analysis": 1}),
        json!({"ownership": 5, "autonomy": 5, "stability": 1}),
        json!({"hours_per_week": 60, "runway_months": 24}),
    )
}

/// `ctopath ARGS --format json --answers -` with these answers on standard input.
fn json_with(args: &[&str], answers: &Value) -> Value {
    json_of(
        ctopath()
            .args(args)
            .args(["--format", "json", "--answers", "-"])
            .write_stdin(answers.to_string()),
    )
}

#[test]
fn compare_splits_the_difference_criterion_by_criterion() {
    let comparison = json_with(&["compare", "founder", "ceo"], &builder());
    let results = assess_json(&builder());
    let score = |id: &str| {
        results["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    let difference = comparison["difference"].as_f64().unwrap();
    assert!((difference - (score("founder") - score("ceo"))).abs() < 1e-9);
    let criteria = comparison["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), 9 + 8 + 3);
    let sum: f64 = criteria
        .iter()
        .map(|c| c["difference"].as_f64().unwrap())
        .sum();
    assert!(
        (sum - difference).abs() < 1e-9,
        "the parts add up to {sum}, not {difference}"
    );
    for criterion in criteria {
        // A gains over B what B gives up more than A there.
        let (a_lost, b_lost) = (
            criterion["a_lost"].as_f64().unwrap(),
            criterion["b_lost"].as_f64().unwrap(),
        );
        assert!((criterion["difference"].as_f64().unwrap() - (b_lost - a_lost)).abs() < 1e-12);
    }
    assert_eq!(comparison["a"]["id"], "founder");
    assert!(
        comparison["summary"]
            .as_str()
            .unwrap()
            .starts_with("Founder leads CEO by")
    );

    ctopath()
        .args(["compare", "founder", "ceo", "--answers", "-"])
        .write_stdin(builder().to_string())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Difference")
                .and(predicate::str::contains("Founder gives up less on")),
        );
}

#[test]
fn compare_names_what_it_cannot_compare() {
    ctopath()
        .args(["compare", "founder", "vc", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no path has the id 'vc'"));
}

#[test]
fn compare_still_compares_a_path_your_limits_rule_out_and_says_why() {
    let limited = json!({"constraints": {"hours_per_week": 10}});
    let comparison = json_with(&["compare", "founder", "advisor"], &limited);
    assert_eq!(comparison["a"]["rank"], 0);
    assert!(
        comparison["a"]["excluded"]
            .as_str()
            .unwrap()
            .contains("needs at least 50 hours a week")
    );
    let sum: f64 = comparison["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["difference"].as_f64().unwrap())
        .sum();
    assert!((sum - comparison["difference"].as_f64().unwrap()).abs() < 1e-9);
    assert!(
        comparison["summary"]
            .as_str()
            .unwrap()
            .contains("Your limits rule Founder out (needs at least 50 hours a week"),
        "{comparison}"
    );
    ctopath()
        .args(["compare", "founder", "advisor", "--answers", "-"])
        .write_stdin(limited.to_string())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Founder (ruled out by your limits) against",
        ));
}

#[test]
fn compare_shows_no_skill_difference_when_you_meet_every_demand() {
    let expert = json!({"skills": {"technical_depth": 5, "product_vision": 5, "customer_insight": 5,
        "selling": 5, "leadership": 5, "operations": 5, "industry_network": 5,
        "thought_leadership": 5, "investment_analysis": 5}});
    let comparison = json_with(&["compare", "founder", "sales_engineer"], &expert);
    for criterion in comparison["criteria"].as_array().unwrap() {
        if criterion["kind"] == "skill" {
            assert_eq!(criterion["difference"], 0.0, "{criterion}");
        }
    }
}

#[test]
fn a_plan_has_steps_gaps_experiments_and_a_review_date() {
    let plan = json_with(
        &["plan", "venture_capital", "--today", "2026-11-23"],
        &builder(),
    );
    let path = builtin().path("venture_capital").cloned().unwrap();
    assert_eq!(plan["first_steps"], json!(path.first_steps));
    assert_eq!(plan["experiments"], json!(path.experiments));
    assert_eq!(plan["review_after_weeks"], path.review_after_weeks);
    assert_eq!(plan["review_on"], "2027-03-15", "16 weeks after 2026-11-23");
    // The builder rates investment analysis 1; venture capital demands 4: the largest gap.
    let gap = &plan["gaps"][0];
    assert_eq!(gap["criterion"], "investment_analysis");
    assert_eq!(
        (gap["level"].as_u64(), gap["demand"].as_u64()),
        (Some(1), Some(4))
    );
    let grow = builtin()
        .criteria
        .skills
        .iter()
        .find(|s| s.id == "investment_analysis")
        .unwrap()
        .grow
        .clone();
    assert_eq!(gap["how"].as_str(), grow.as_deref());
    assert!(plan["rank"].as_u64().is_some() && plan["excluded"].is_null());

    ctopath()
        .args([
            "plan",
            "venture_capital",
            "--today",
            "2026-11-23",
            "--answers",
            "-",
        ])
        .write_stdin(builder().to_string())
        .assert()
        .success()
        .stdout(predicate::str::contains("Gaps to close, largest first:"))
        .stdout(predicate::str::contains(
            "Test it cheaply before you commit:",
        ))
        .stdout(predicate::str::contains(
            "Review the decision on 2027-03-15",
        ));
}

#[test]
fn a_plan_for_a_ruled_out_path_says_why() {
    let plan = json_with(
        &["plan", "founder"],
        &json!({"constraints": {"hours_per_week": 10}}),
    );
    assert!(plan["rank"].is_null());
    assert!(
        plan["excluded"]
            .as_str()
            .unwrap()
            .contains("needs at least 50 hours a week")
    );
}

#[test]
fn a_bad_date_is_a_usage_error() {
    ctopath()
        .args(["plan", "founder", "--today", "2026-02-30", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn without_answers_the_last_questionnaire_is_used_or_the_fix_is_named() {
    let home = tempfile::tempdir().unwrap();
    let mut command = ctopath();
    command.env("HOME", home.path()).args(["plan", "founder"]);
    command
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --answers FILE"));

    let state = home.path().join(".local/state/ctopath");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::write(state.join("last-answers.json"), builder().to_string()).unwrap();
    ctopath()
        .env("HOME", home.path())
        .args(["compare", "founder", "ceo"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Using the answers of your last questionnaire",
        ))
        .stdout(predicate::str::contains("Founder leads CEO"));
}
