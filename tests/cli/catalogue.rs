//! The catalogue: shipped files, `paths list|show`, `validate`, user folders and hostile YAML.

use crate::common::{
    GOALS, SHIPPED_PATHS, SKILLS, builtin, criteria_with_teaching, ctopath, json_of, path_yaml,
    ranked_ids, write,
};
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn shipped_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("paths");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_shipped_path_file_is_complete() {
    let catalogue = builtin();
    let files = shipped_files();
    // criteria.yaml plus one file per path.
    assert_eq!(files.len(), catalogue.paths.len() + 1);
    for file in files.iter().filter(|f| !f.ends_with("criteria.yaml")) {
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let path = catalogue
            .path(stem)
            .unwrap_or_else(|| panic!("{} has an id unlike its name", file.display()));
        assert!(
            (3..=5).contains(&path.first_steps.len()),
            "{stem}: 3 to 5 first steps"
        );
        for goal in GOALS {
            assert!(
                path.gives.contains_key(goal),
                "{stem} does not rate goal {goal}"
            );
        }
        assert!(!path.demands.is_empty(), "{stem} demands no skill");
        assert!(
            (1..=5).contains(&path.experiments.len()),
            "{stem}: 1 to 5 experiments"
        );
        assert!(
            path.summary.len() <= 160,
            "{stem}: the summary is one short sentence"
        );
        assert_eq!(path.source, format!("built-in:{stem}.yaml"));
    }
    for id in SHIPPED_PATHS {
        assert!(catalogue.path(id).is_some(), "the catalogue lacks {id}");
    }
}

#[test]
fn the_default_criteria_are_the_documented_contract() {
    let criteria = builtin().criteria;
    let skills: Vec<&str> = criteria.skills.iter().map(|c| c.id.as_ref()).collect();
    let goals: Vec<&str> = criteria.goals.iter().map(|c| c.id.as_ref()).collect();
    assert_eq!(skills, SKILLS);
    assert_eq!(goals, GOALS);
    for skill in &criteria.skills {
        assert!(
            skill.grow.is_some(),
            "skill {} says nothing on how to grow it",
            skill.id
        );
    }
}

#[test]
fn paths_show_works_for_every_shipped_path() {
    for path in builtin().paths {
        ctopath()
            .args(["paths", "show", &path.id])
            // Wide enough that no first step is wrapped.
            .env("COLUMNS", "1000")
            .assert()
            .success()
            .stdout(predicate::str::contains(path.name.as_ref()))
            .stdout(predicate::str::contains("First steps:"))
            .stdout(predicate::str::contains(path.first_steps[0].as_ref()));
        let output = ctopath()
            .args(["paths", "show", &path.id, "--format", "json"])
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["id"], path.id.as_ref());
        assert!(json["realities"]["income_usd"]["high"].is_u64());
    }
}

#[test]
fn paths_list_shows_every_path_from_any_folder() {
    let elsewhere = tempfile::tempdir().unwrap();
    let output = ctopath()
        .current_dir(elsewhere.path())
        .args(["paths", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = json["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for id in SHIPPED_PATHS {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    ctopath().args(["paths", "list"]).assert().success().stdout(
        predicate::str::contains("fractional_cto").and(predicate::str::contains("Venture Capital")),
    );
}

#[test]
fn paths_show_suggests_a_near_id() {
    ctopath()
        .args(["paths", "show", "fractional"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no path has the id 'fractional' (did you mean 'fractional_cto'?)",
        ));
}

#[test]
fn validate_passes_the_shipped_catalogue_with_a_one_line_summary() {
    ctopath().arg("validate").assert().success().stdout(
        predicate::str::is_match(
            r"^ok: \d+ files checked, \d+ paths and 17 criteria, no problems\n$",
        )
        .unwrap(),
    );
}

#[test]
fn validate_reports_every_problem_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = path_yaml("interim_cto", "Interim CTO")
        .replace("technical_depth: 4", "technical_depth: 9")
        .replace("leadership: 4", "leadrship: 4")
        .replace("{min: 30, typical: 40}", "{min: 50, typical: 40}");
    write(dir.path(), "interim.yaml", &bad);
    write(dir.path(), "broken.yaml", "id: [unclosed\n");
    write(
        dir.path(),
        "extra.yml",
        &format!("{}colour: blue\n", path_yaml("extra", "Extra")),
    );
    write(dir.path(), "one.yaml", &path_yaml("twin", "Twin"));
    write(dir.path(), "two.yaml", &path_yaml("twin", "Twin"));
    write(dir.path(), "notes.txt", "not a path file, ignored");
    let assert = ctopath().arg("validate").arg(dir.path()).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let file = |name: &str| dir.path().join(name).display().to_string();
    for expected in [
        format!(
            "{}:6:20: demands.technical_depth is 9, outside 1 to 5",
            file("interim.yaml")
        ),
        format!(
            "{}:7:3: `demands` names 'leadrship', which is not a skill",
            file("interim.yaml")
        ),
        "did you mean 'leadership'?".to_string(),
        format!(
            "{}:12:19: realities.hours_per_week: min 50 is above typical 40",
            file("interim.yaml")
        ),
        format!("{}:1:5:", file("broken.yaml")),
        format!("{}:17:1: unknown key `colour`", file("extra.yml")),
        format!(
            "{}:1:5: duplicate id 'twin': {} has it too",
            file("two.yaml"),
            file("one.yaml")
        ),
        "error: 6 problems in".to_string(),
    ] {
        assert!(
            stderr.contains(&expected),
            "expected {expected:?} in:\n{stderr}"
        );
    }
}

#[test]
fn validate_names_a_missing_folder() {
    ctopath()
        .args(["validate", "no-such-folder"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no-such-folder: cannot read this folder",
        ));
}

#[test]
fn entries_that_are_not_files_are_named_not_skipped() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "fine.yaml", &path_yaml("fine", "Fine"));
    symlink(d.join("gone"), d.join("founder.yaml")).unwrap();
    symlink(d.join("loop.yaml"), d.join("loop.yaml")).unwrap();
    symlink("/dev/zero", d.join("zero.yaml")).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(d.join("pipe.yaml"))
            .status()
            .unwrap()
            .success()
    );
    // A folder, even one named like a path file, is not a path file: skipped as before.
    std::fs::create_dir(d.join("drafts.yaml")).unwrap();
    let shown = d.display().to_string();
    let expected = [
        format!("{shown}/founder.yaml: a link to {shown}/gone, which does not exist"),
        format!("{shown}/loop.yaml: a link in a loop of links"),
        format!("{shown}/pipe.yaml: not a regular file (a named pipe)"),
        format!("{shown}/zero.yaml: not a regular file (a device)"),
    ];
    for args in [&["validate"][..], &["paths", "list"]] {
        let mut command = ctopath();
        if args == ["validate"] {
            command.arg("validate").arg(d);
        } else {
            command.arg("--paths").arg(d).args(args);
        }
        let output = command
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        for line in &expected {
            assert!(
                stderr.contains(line.as_str()),
                "{args:?}: {line:?} in:\n{stderr}"
            );
        }
        assert!(!stderr.contains("drafts.yaml"), "{stderr}");
    }
}

#[test]
fn a_broken_user_file_stops_assess_with_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.yaml",
        &path_yaml("bad", "").replace("name: \n", "name: \"\"\n"),
    );
    ctopath()
        .arg("--paths")
        .arg(dir.path())
        .args(["assess", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the catalogue has 1 problem"))
        .stderr(predicate::str::contains("bad.yaml:2:7: `name` is empty"));
}

#[test]
fn user_folders_add_paths_and_replace_built_in_ones_by_id() {
    let flag_dir = tempfile::tempdir().unwrap();
    let env_dir = tempfile::tempdir().unwrap();
    write(
        flag_dir.path(),
        "interim.yaml",
        &path_yaml("interim_cto", "Interim CTO"),
    );
    write(
        env_dir.path(),
        "my-founder.yaml",
        &path_yaml("founder", "Founder, my way"),
    );

    let results = json_of(
        ctopath()
            .env("CTOPATH_PATHS", env_dir.path())
            .arg("--paths")
            .arg(flag_dir.path())
            .args(["assess", "--answers", "-", "--format", "json"])
            .write_stdin("{}"),
    );
    let ids = ranked_ids(&results);
    assert!(ids.contains(&"interim_cto".to_string()));
    assert_eq!(ids.iter().filter(|id| *id == "founder").count(), 1);
    let founder = results["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "founder")
        .unwrap();
    assert_eq!(founder["name"], "Founder, my way");

    ctopath()
        .env("CTOPATH_PATHS", env_dir.path())
        .args(["paths", "show", "founder"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Founder, my way"))
        .stdout(predicate::str::contains("my-founder.yaml"));
}

#[test]
fn a_criterion_added_in_yaml_is_asked_and_scored() {
    let dir = tempfile::tempdir().unwrap();
    let criteria = criteria_with_teaching();
    write(dir.path(), "criteria.yaml", &criteria);
    write(
        dir.path(),
        "training.yaml",
        &path_yaml("training_business", "Training business")
            .replace("  leadership: 4\n", "  teaching: 5\n"),
    );
    let with_dir = || {
        let mut command = ctopath();
        command.arg("--paths").arg(dir.path());
        command
    };
    with_dir()
        .args(["questions", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"teaching\""));
    let output = with_dir()
        .args(["assess", "--format", "json", "--answers", "-"])
        .write_stdin(r#"{"skills": {"teaching": 5}}"#)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    let training = results["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "training_business")
        .unwrap();
    let teaching = training["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "teaching")
        .unwrap();
    assert!(teaching["points"].as_f64().unwrap() > 0.0);
    assert_eq!(teaching["answer"], 5);
}

#[test]
fn hostile_yaml_fails_fast_with_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // An alias bomb: nine levels of ten-fold aliases would expand to a billion nodes.
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..9 {
        let previous = format!("*a{}", level - 1);
        bomb.push_str(&format!(
            "a{level}: &a{level} [{}]\n",
            vec![previous; 10].join(", ")
        ));
    }
    write(dir.path(), "bomb.yaml", &bomb);
    write(
        dir.path(),
        "deep.yaml",
        &format!("id: {}{}\n", "[".repeat(5000), "]".repeat(5000)),
    );
    write(
        dir.path(),
        "two-docs.yaml",
        &format!(
            "{}---\n{}",
            path_yaml("one", "One"),
            path_yaml("two", "Two")
        ),
    );
    let assert = ctopath()
        .arg("validate")
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for name in ["bomb.yaml", "deep.yaml", "two-docs.yaml"] {
        assert!(
            stderr.contains(name),
            "no problem reported for {name}:\n{stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn odd_files_get_plain_errors_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let good = path_yaml("odd", "Odd");
    write(dir.path(), "empty.yaml", "");
    write(
        dir.path(),
        "typo.yaml",
        &good.replace("summary:", "sumary:"),
    );
    write(dir.path(), "twice.yaml", &format!("{good}name: Again\n"));
    write(
        dir.path(),
        "quoted.yaml",
        &good.replace("technical_depth: 4", "technical_depth: 4.5"),
    );
    write(dir.path(), "list.yaml", "- a\n- b\n");
    std::fs::write(dir.path().join("latin1.yaml"), b"id: caf\xe9\n").unwrap();
    std::fs::create_dir(dir.path().join("folder.yaml")).unwrap();
    let assert = ctopath().arg("validate").arg(dir.path()).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let file = |name: &str| dir.path().join(name).display().to_string();
    for expected in [
        format!(
            "{}:1:1: the file ends before any content",
            file("empty.yaml")
        ),
        format!(
            "{}:3:1: unknown key `sumary` (did you mean 'summary'?)",
            file("typo.yaml")
        ),
        format!(
            "{}:17:1: key `name` is given twice; keep one",
            file("twice.yaml")
        ),
        format!(
            "{}:6:20: demands.technical_depth is 4.5, not a whole number",
            file("quoted.yaml")
        ),
        format!(
            "{}:1:1: the file holds a list, not a mapping of keys",
            file("list.yaml")
        ),
        format!(
            "{}:1:8: not UTF-8 text; save the file as UTF-8",
            file("latin1.yaml")
        ),
        "error: 6 problems in".to_string(),
    ] {
        assert!(
            stderr.contains(&expected),
            "expected {expected:?} in:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("folder.yaml"),
        "a folder is not a path file:\n{stderr}"
    );
}

#[test]
fn a_broken_criteria_file_is_reported_alone() {
    // The folder's paths rate a skill its own criteria add; one mistake in the criteria must not
    // make them look wrong too.
    let dir = tempfile::tempdir().unwrap();
    let criteria = criteria_with_teaching().replace("  skills: 0.35\n", "  skills: 0.45\n");
    write(dir.path(), "criteria.yaml", &criteria);
    write(
        dir.path(),
        "training.yaml",
        &path_yaml("training", "Training").replace("  leadership: 4\n", "  teaching: 4\n"),
    );
    let assert = ctopath().arg("validate").arg(dir.path()).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("weights add up to 1.1, not 1"), "{stderr}");
    assert!(stderr.contains("error: 1 problem in"), "{stderr}");
}

#[test]
fn a_folder_named_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.yaml", "id: [\n");
    let assert = ctopath()
        .env("CTOPATH_PATHS", dir.path())
        .arg("--paths")
        .arg(dir.path())
        .arg("validate")
        .arg(dir.path().join("."))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!(
            "error: 1 problem in {} files checked",
            builtin().paths.len() + 2
        )),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `ctopath paths list | head -0`: the reader is gone before anything is written.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ctopath"))
        .args(["paths", "list"])
        .env_clear()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// The `maxItems` the schema printed by `ctopath schema FORMAT` gives a top-level list.
fn schema_cap(format: &str, list: &str) -> usize {
    let schema = json_of(ctopath().args(["schema", format]));
    let cap = schema["properties"][list]["maxItems"].as_u64();
    cap.unwrap_or_else(|| panic!("the {format} schema caps `{list}`")) as usize
}

/// Line and column (1-based) of the first occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> String {
    let (line, content) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains(needle))
        .unwrap();
    format!("{}:{}", line + 1, content.find(needle).unwrap() + 1)
}

#[test]
fn every_list_is_capped_where_its_schema_says() {
    let steps = |list: &str, count: usize| {
        let items: String = (1..=count)
            .map(|n| format!("  - {list} number {n}.\n"))
            .collect();
        format!("{list}:\n{items}")
    };
    for list in ["first_steps", "experiments"] {
        let cap = schema_cap("path", list);
        let path = |count| {
            path_yaml("capped", "Capped").replace(
                "first_steps:\n  - Tell three recruiters you take interim roles.\n",
                &steps(list, count),
            ) + if list == "experiments" {
                "first_steps: [One step.]\n"
            } else {
                ""
            }
        };
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "capped.yaml", &path(cap));
        ctopath().arg("validate").arg(dir.path()).assert().success();

        let text = path(cap + 1);
        write(dir.path(), "capped.yaml", &text);
        let extra = position_of(&text, &format!("{list} number {}.", cap + 1));
        let expected = format!(
            "capped.yaml:{extra}: `{list}` lists {} items, more than the {cap} allowed",
            cap + 1
        );
        ctopath()
            .arg("validate")
            .arg(dir.path())
            .assert()
            .code(1)
            .stderr(predicate::str::contains(expected));
    }

    for (list, next_section) in [
        ("skills", "\n# How much each matters"),
        ("goals", "\n# The constraints"),
    ] {
        let cap = schema_cap("criteria", list);
        let shipped = if list == "skills" {
            SKILLS.len()
        } else {
            GOALS.len()
        };
        let criteria = |count: usize| {
            let extra: String = (shipped + 1..=count)
                .map(|n| {
                    format!(
                        "  - id: extra_{n}\n    name: Extra {n}\n    question: How about {n}?\n    \
                         low: Not at all.\n    high: Fully.\n    default: 3\n"
                    )
                })
                .collect();
            std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("paths/criteria.yaml"),
            )
            .unwrap()
            .replace(next_section, &format!("{extra}{next_section}"))
        };
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "criteria.yaml", &criteria(cap));
        ctopath()
            .arg("--paths")
            .arg(dir.path())
            .args(["paths", "list"])
            .assert()
            .success();

        let text = criteria(cap + 1);
        write(dir.path(), "criteria.yaml", &text);
        let extra = position_of(&text, &format!("extra_{}", cap + 1));
        let expected = format!(
            "criteria.yaml:{extra}: `{list}` lists {} items, more than the {cap} allowed",
            cap + 1
        );
        ctopath()
            .arg("validate")
            .arg(dir.path())
            .assert()
            .code(1)
            .stderr(predicate::str::contains(expected));
    }
}

#[test]
fn wrong_portfolio_units_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let with = |id: &str, block: &str| format!("{}{block}", path_yaml(id, "X"));
    write(
        dir.path(),
        "zero.yaml",
        &with(
            "zero",
            "portfolio:\n  as: parts\n  unit: client\n  units: clients\n  hours_per_unit: 0\n  \
             income_per_unit: {low: 1, high: 2}\n  max_units: 2\n  overhead_hours: 1\n",
        ),
    );
    write(
        dir.path(),
        "minmax.yaml",
        &with(
            "minmax",
            "portfolio:\n  as: parts\n  unit: client\n  units: clients\n  hours_per_unit: 5\n  \
             income_per_unit: {low: 1, high: 2}\n  min_units: 3\n  max_units: 2\n  overhead_hours: 1\n",
        ),
    );
    write(
        dir.path(),
        "alone.yaml",
        &with("alone", "portfolio:\n  as: alone\n  hours_per_unit: 5\n"),
    );
    write(
        dir.path(),
        "role.yaml",
        &with("role", "portfolio:\n  as: sometimes\n"),
    );
    write(
        dir.path(),
        "lacking.yaml",
        &with("lacking", "portfolio:\n  as: parts\n  unit: client\n"),
    );
    let assert = ctopath().arg("validate").arg(dir.path()).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for expected in [
        "zero.yaml:21:19: portfolio.hours_per_unit is 0, outside 1 to 168",
        "minmax.yaml:23:14: portfolio.min_units 3 is above max_units 2",
        "alone.yaml:19:19: portfolio.hours_per_unit is given, but a path `as: alone` has no units",
        "role.yaml:18:7: portfolio `as: sometimes` is not a role",
        "lacking.yaml:18:3: portfolio `as: parts` lacks `units`",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected}\nmissing from:\n{stderr}"
        );
    }
}

#[test]
fn a_large_folder_read_on_every_core_reports_in_file_order() {
    // Enough files to be read and parsed in parts, one a core; the problems still come in the
    // files' order, as one thread would find them.
    let dir = tempfile::tempdir().unwrap();
    let broken = [7, 48, 93];
    for n in 0..100 {
        let id = format!("p{n:03}");
        let mut text = path_yaml(&id, &format!("Path {n}"));
        if broken.contains(&n) {
            text = text.replace("technical_depth: 4", "technical_depth: 9");
        }
        write(dir.path(), &format!("{id}.yaml"), &text);
    }
    // A file that cannot be read is named as it is read, not as it is parsed.
    let gone = dir.path().join("p050.yaml");
    std::fs::remove_file(&gone).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone"), &gone).unwrap();
    let output = ctopath().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let places: Vec<usize> = broken
        .iter()
        .map(|n| {
            stderr
                .find(&format!("p{n:03}.yaml:6:20: "))
                .unwrap_or_else(|| panic!("p{n:03} in:\n{stderr}"))
        })
        .collect();
    assert!(places.is_sorted(), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: a link to", gone.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("demands.technical_depth is 9, outside 1 to 5"),
        "{stderr}"
    );
}

/// `--no-builtin` with no path files of one's own: a ranking command says there is nothing to
/// rank, and why, rather than "no path is left once your constraints are applied" and exit 0.
#[test]
fn an_empty_catalogue_is_refused_with_the_reason() {
    let empty = tempfile::tempdir().unwrap();
    ctopath()
        .arg("--no-builtin")
        .arg("--paths")
        .arg(empty.path())
        .args(["assess", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no path to rank: `--no-builtin` leaves the built-in paths out, and the folders read hold none",
        ));
}
