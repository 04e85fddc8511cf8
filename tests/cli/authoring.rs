//! For catalogue authors and shell users: schemas, `paths new`, the user folder, the man page
//! and `validate`'s warnings.

use crate::common::{SHIPPED_PATHS, builtin, criteria_with_teaching, ctopath, write};
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn schema(format: &str) -> Value {
    let output = ctopath().args(["schema", format]).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn validator(format: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&schema(format))
        .unwrap_or_else(|e| panic!("the {format} schema is a valid schema: {e}"))
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema: {errors:#?}"
    );
}

fn yaml_as_json(file: &Path) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

#[test]
fn the_schema_files_in_the_repo_are_what_ctopath_prints() {
    for format in [
        "path",
        "criteria",
        "answers",
        "results",
        "comparison",
        "plan",
        "portfolios",
        "history",
        "history-entry",
        "review",
    ] {
        let file = repo(&format!("paths/schemas/{format}.schema.json"));
        let in_repo: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        // Compared whole, but not printed whole: the message says what to do.
        assert!(
            in_repo == schema(format),
            "{} is stale; regenerate it with `cargo run -q -- schema {format} > {}`",
            file.display(),
            file.display()
        );
    }
}

#[test]
fn every_shipped_file_names_and_matches_its_schema() {
    let path = validator("path");
    let criteria = validator("criteria");
    for entry in std::fs::read_dir(repo("paths")).unwrap() {
        let file = entry.unwrap().path();
        if file.extension().is_none_or(|ext| ext != "yaml") {
            continue;
        }
        let is_criteria = file.ends_with("criteria.yaml");
        let expected = if is_criteria { "criteria" } else { "path" };
        let first_line = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        assert_eq!(
            first_line,
            format!("# yaml-language-server: $schema=schemas/{expected}.schema.json"),
            "{} lacks the modeline",
            file.display()
        );
        let validator = if is_criteria { &criteria } else { &path };
        assert_valid(validator, &yaml_as_json(&file), &file.display().to_string());
    }
}

#[test]
fn answers_and_results_match_their_schemas() {
    let answers = validator("answers");
    let results = validator("results");
    let template = ctopath()
        .args(["questions", "--template"])
        .output()
        .unwrap();
    assert_valid(
        &answers,
        &serde_json::from_slice(&template.stdout).unwrap(),
        "the template",
    );
    for entry in std::fs::read_dir(repo("examples")).unwrap() {
        let file = entry.unwrap().path();
        if file.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let example: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_valid(&answers, &example, &file.display().to_string());
        let output = ctopath()
            .args(["assess", "--format", "json", "--answers"])
            .arg(&file)
            .output()
            .unwrap();
        for (command, format) in [
            (&["compare", "founder", "ceo"][..], "comparison"),
            (&["plan", "advisor"][..], "plan"),
        ] {
            let other = ctopath()
                .args(command)
                .args(["--format", "json", "--answers"])
                .arg(&file)
                .output()
                .unwrap();
            if other.status.success() {
                assert_valid(
                    &validator(format),
                    &serde_json::from_slice(&other.stdout).unwrap(),
                    format,
                );
            }
        }
        assert_valid(
            &results,
            &serde_json::from_slice(&output.stdout).unwrap(),
            "the results",
        );
    }
    // And a schema is not a rubber stamp: a rating of 7 is caught.
    assert!(!answers.is_valid(&serde_json::json!({"skills": {"selling": 7}})));
    assert!(!answers.is_valid(&serde_json::json!({"skills": {"seling": 3}})));
}

/// `ctopath` with a home of its own, so that the user folder is a temporary one.
fn with_home(home: &Path) -> assert_cmd::Command {
    let mut command = ctopath();
    command.env("HOME", home);
    command
}

fn user_paths(home: &Path) -> PathBuf {
    home.join(".config/ctopath/paths")
}

#[test]
fn paths_new_writes_a_template_that_validates_and_ranks() {
    let home = tempfile::tempdir().unwrap();
    with_home(home.path())
        .args(["paths", "new", "nonprofit_cto"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Wrote").and(predicate::str::contains("nonprofit_cto.yaml")),
        );
    let file = user_paths(home.path()).join("nonprofit_cto.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=path.schema.json"));
    assert!(user_paths(home.path()).join("path.schema.json").exists());
    assert_valid(&validator("path"), &yaml_as_json(&file), "the template");

    // Read without any flag, and shown as the user's.
    with_home(home.path())
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{} paths",
            builtin().paths.len() + 1
        )));
    let list = with_home(home.path())
        .args(["paths", "list", "--format", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&list.stdout).unwrap();
    let nonprofit = list["paths"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "nonprofit_cto")
        .unwrap();
    assert_eq!(nonprofit["origin"], "user");
    // Unedited, it is left out of rankings, with a warning; once its summary is written, it ranks.
    let rank = || {
        with_home(home.path())
            .args(["assess", "-a", "-", "-f", "json"])
            .write_stdin("{}")
            .output()
            .unwrap()
    };
    let ranked = rank();
    assert!(!String::from_utf8_lossy(&ranked.stdout).contains("\"nonprofit_cto\""));
    assert!(String::from_utf8_lossy(&ranked.stderr).contains("rankings leave it out"));
    std::fs::write(
        &file,
        text.replace(
            ctopath::catalogue::PLACEHOLDER_SUMMARY,
            "Lead technology at a non-profit.",
        ),
    )
    .unwrap();
    let ranked = rank();
    assert!(String::from_utf8_lossy(&ranked.stdout).contains("\"nonprofit_cto\""));

    // Never replaces a file.
    std::fs::write(&file, "# mine\n").unwrap();
    with_home(home.path())
        .args(["paths", "new", "nonprofit_cto"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exists already"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# mine\n");
}

#[test]
fn paths_new_for_an_existing_id_starts_from_a_copy_that_replaces_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mine");
    with_home(home.path())
        .args(["paths", "new", "founder", "--dir"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("starts as a copy of Founder"));
    let list = with_home(home.path())
        .arg("--paths")
        .arg(&dir)
        .args(["paths", "list", "--format", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&list.stdout).unwrap();
    let founder = list["paths"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "founder")
        .unwrap();
    assert_eq!(founder["origin"], "--paths");
    assert_eq!(founder["replaces"], "built-in:founder.yaml");
    // The copy scores exactly as the original does.
    let score = |extra: &[&str]| {
        let output = with_home(home.path())
            .args(extra)
            .args(["assess", "-a", "-", "-f", "json"])
            .write_stdin("{}")
            .output()
            .unwrap();
        let results: Value = serde_json::from_slice(&output.stdout).unwrap();
        results["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "founder")
            .unwrap()["score"]
            .clone()
    };
    assert_eq!(score(&["--paths", dir.to_str().unwrap()]), score(&[]));
}

#[test]
fn paths_new_refuses_a_bad_id() {
    ctopath()
        .args(["paths", "new", "Interim-CTO", "--dir", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid id"));
}

#[test]
fn no_builtin_leaves_only_your_paths() {
    let home = tempfile::tempdir().unwrap();
    with_home(home.path())
        .args(["paths", "new", "interim_cto"])
        .assert()
        .success();
    let list = with_home(home.path())
        .args(["--no-builtin", "paths", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let list: Value = serde_json::from_slice(&list.stdout).unwrap();
    let ids: Vec<&str> = list["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["interim_cto"]);
    for id in SHIPPED_PATHS {
        assert!(!ids.contains(&id));
    }
}

#[test]
fn the_man_page_covers_the_commands() {
    ctopath()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH ctopath 1"))
        .stdout(predicate::str::contains("assess"))
        .stdout(predicate::str::contains("validate"));
}

#[test]
fn validate_warns_of_a_criterion_no_path_rates() {
    let dir = tempfile::tempdir().unwrap();
    let criteria = criteria_with_teaching();
    write(dir.path(), "criteria.yaml", &criteria);
    let line = criteria
        .lines()
        .position(|l| l.contains("id: teaching"))
        .unwrap()
        + 1;
    // A warning, not a problem: validate passes, as assess runs, and says so.
    ctopath()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "warning: {}:{line}:5: skill 'teaching' is rated by no path",
            dir.path().join("criteria.yaml").display()
        )))
        .stdout(format!(
            "ok: {} files checked, {} paths and 18 criteria, no problems, 1 warning\n",
            builtin().paths.len() + 2,
            builtin().paths.len()
        ));
    // Scoring still works: it changes no score.
    ctopath()
        .arg("--paths")
        .arg(dir.path())
        .args(["assess", "-a", "-"])
        .write_stdin("{}")
        .assert()
        .success();
}
