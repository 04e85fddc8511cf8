//! `ctopath questions`: the questions as data, and a template that `assess` accepts as it is.

use crate::common::{GOALS, SKILLS, ctopath};
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn the_table_lists_every_criterion_and_constraint() {
    let assert = ctopath().arg("questions").assert().success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for key in SKILLS
        .iter()
        .map(|s| format!("skills.{s}"))
        .chain(GOALS.iter().map(|g| format!("goals.{g}")))
    {
        assert!(stdout.contains(&key), "{key} missing");
    }
    for key in ["hours_per_week", "runway_months", "min_income", "exclude"] {
        assert!(
            stdout.contains(&format!("constraints.{key}")),
            "{key} missing"
        );
    }
}

#[test]
fn json_questions_carry_the_scale_anchors_and_the_paths() {
    let output = ctopath()
        .args(["questions", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["scale"]["min"], 1);
    assert_eq!(json["scale"]["max"], 5);
    assert_eq!(json["skills"].as_array().unwrap().len(), SKILLS.len());
    assert_eq!(json["goals"].as_array().unwrap().len(), GOALS.len());
    for criterion in json["skills"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["goals"].as_array().unwrap())
    {
        for key in ["id", "name", "question", "low", "high", "default"] {
            assert!(criterion.get(key).is_some(), "{criterion} lacks {key}");
        }
    }
    assert_eq!(
        json["constraints"]["hours_per_week"]["unit"],
        "hours a week"
    );
    assert!(
        json["paths"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "advisor")
    );
}

#[test]
fn the_template_is_a_complete_answers_file_that_assess_accepts() {
    let output = ctopath()
        .args(["questions", "--template"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let template: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(template["skills"].as_object().unwrap().len(), SKILLS.len());
    assert_eq!(template["goals"].as_object().unwrap().len(), GOALS.len());
    assert!(template["constraints"]["hours_per_week"].is_null());

    let results = ctopath()
        .args(["assess", "--answers", "-", "--format", "json"])
        .write_stdin(output.stdout)
        .output()
        .unwrap();
    assert!(results.status.success());
    let results: Value = serde_json::from_slice(&results.stdout).unwrap();
    assert_eq!(
        results["assumed"].as_array().unwrap().len(),
        0,
        "the template answers everything"
    );
}

#[test]
fn template_and_format_do_not_mix() {
    ctopath()
        .args(["questions", "--template", "--format", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn the_income_floor_reads_as_money() {
    let output = crate::common::ctopath()
        .args(["questions", "--color", "never"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("$0 to $100,000,000 a year"), "{text}");
    assert!(text.contains("0 to 120 hours a week"), "{text}");
    assert!(!text.contains("100000000"), "{text}");
}
