//! Every file in `examples/` runs, so that none of them rots: answers files through `assess`,
//! path folders through `validate` and a ranking, scripts as they are.

use crate::common::{builtin, ctopath};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

#[test]
fn every_example_runs() {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(examples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut ran = 0;
    for entry in &entries {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        match entry.extension().and_then(|ext| ext.to_str()) {
            Some("json") => answers_file(entry),
            Some("sh") => script(entry),
            None if entry.is_dir() => path_folder(entry),
            _ => panic!("examples/{name}: no test knows how to run this kind of example; add one"),
        }
        ran += 1;
    }
    assert!(
        ran >= 6,
        "expected the examples in {}",
        examples().display()
    );
}

fn answers_file(file: &Path) {
    for format in ["table", "json"] {
        let output = ctopath()
            .args(["assess", "--format", format, "--answers"])
            .arg(file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{} ({format}): {stderr}",
            file.display()
        );
        assert!(
            stderr.is_empty(),
            "{}: no warnings expected, got {stderr}",
            file.display()
        );
    }
}

fn script(file: &Path) {
    let output = std::process::Command::new("bash")
        .arg(file)
        .env("CTOPATH", env!("CARGO_BIN_EXE_ctopath"))
        // The scripts run as a user would; their assessments stay out of the real history.
        .env("CTOPATH_NO_HISTORY", "1")
        .env_remove("CTOPATH_PATHS")
        .output()
        .expect("bash runs (and the script needs jq: apt-get install jq)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.lines().count() >= 2,
        "{}: printed too little:\n{stdout}",
        file.display()
    );
}

fn path_folder(dir: &Path) {
    ctopath().arg("validate").arg(dir).assert().success();
    // Each path in the folder shows up in a ranking.
    let output = ctopath()
        .arg("--paths")
        .arg(dir)
        .args(["assess", "--format", "json", "--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert!(output.status.success());
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    let ranked: Vec<&str> = results["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let builtin = builtin();
    for file in std::fs::read_dir(dir).unwrap() {
        let file = file.unwrap().path();
        let id = file.file_stem().unwrap().to_str().unwrap();
        assert!(
            ranked.contains(&id),
            "{}: {id} is not ranked",
            file.display()
        );
        assert!(
            builtin.path(id).is_none(),
            "{id} is an example of a new path, not a replacement"
        );
    }
}

#[test]
fn the_jq_script_shows_the_top_path_moving_with_the_hours() {
    let output = std::process::Command::new("bash")
        .arg(examples().join("vary-hours-with-jq.sh"))
        .env("CTOPATH", env!("CARGO_BIN_EXE_ctopath"))
        // The scripts run as a user would; their assessments stay out of the real history.
        .env("CTOPATH_NO_HISTORY", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[0].starts_with("10 hours a week: "), "{stdout}");
    // With 60 hours and a builder's answers, founding comes first (see tests/cli/archetypes.rs).
    assert!(lines[2].starts_with("60 hours a week: Founder"), "{stdout}");
}
