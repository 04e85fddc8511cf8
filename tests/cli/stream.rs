//! `assess --format ndjson`: streams of answers, one result line per record, in order.

use crate::common::{GOALS, SKILLS, ctopath, in_terminal, path_yaml, write};
use predicates::prelude::*;
use serde_json::{Value, json};
use std::ffi::OsStr;

fn lines(output: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// `assess --format ndjson --fields id`, with `more` options, over `input` on standard input.
fn stream_ids(input: impl Into<Vec<u8>>, more: &[&str]) -> std::process::Output {
    ctopath()
        .args(["assess", "--format", "ndjson", "--fields", "id"])
        .args(more)
        .args(["--answers", "-"])
        .write_stdin(input)
        .output()
        .unwrap()
}

/// A tiny seeded generator (xorshift), so that generated records are the same on every run:
/// each call gives a number below its argument.
fn seeded(mut state: u64) -> impl FnMut(u64) -> u64 {
    move |range| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % range
    }
}

/// `count` varied, valid profiles, one a line.
fn profiles(count: usize) -> String {
    let mut next = seeded(0x2545_F491_4F6C_DD1D);
    let mut text = String::new();
    for _ in 0..count {
        let mut answers = json!({"skills": {}, "goals": {}, "constraints": {}});
        for id in SKILLS {
            answers["skills"][id] = json!(1 + next(5));
        }
        for id in GOALS {
            answers["goals"][id] = json!(1 + next(5));
        }
        let hours = [5, 10, 20, 40, 60][next(5) as usize];
        let income = [0, 100_000, 200_000][next(3) as usize];
        answers["constraints"] =
            json!({"hours_per_week": hours, "runway_months": next(24), "min_income": income});
        text.push_str(&answers.to_string());
        text.push('\n');
    }
    text
}

#[test]
fn each_record_gets_a_line_in_order_and_a_bad_one_does_not_stop_the_stream() {
    let input = "{\"skills\": {\"selling\": 5}}\n{\"skills\": {\"selling\": 9}}\n\n{\"goals\": {\"income\": 5}}\n";
    let output = ctopath()
        .args(["assess", "--format", "ndjson", "--answers", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failed record makes the exit code 1"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 of 3 records failed"));
    let lines = lines(&output.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(
        (lines[0]["record"].as_u64(), lines[0]["line"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(lines[0]["schema_version"], 1);
    assert!(
        lines[0]["ranking"][0]["contributions"].is_array(),
        "all fields by default"
    );
    assert_eq!(lines[1]["error"], "invalid answers");
    assert_eq!(
        (lines[1]["record"].as_u64(), lines[1]["line"].as_u64()),
        (Some(2), Some(2))
    );
    assert!(
        lines[1]["problems"][0]
            .as_str()
            .unwrap()
            .starts_with("skills.selling (line 2, column 13): 9 is out of range")
    );
    assert_eq!(
        (lines[2]["record"].as_u64(), lines[2]["line"].as_u64()),
        (Some(3), Some(4))
    );
}

#[test]
fn a_bad_record_is_placed_in_the_stream_not_in_itself() {
    // Indented, second on its line, over two lines, and broken on the line it starts on.
    let input = "  {\"skills\": {\"selling\": 9}}\n{} {\"goals\": {\"incme\": 3}}\n{\"goals\":\n  {\"income\": 0}}\n{} {\"skills\": {\"selling\": 3,}}\n";
    let output = stream_ids(input, &[]);
    let problems: Vec<(u64, String)> = lines(&output.stdout)
        .iter()
        .filter(|line| line["error"].is_string())
        .map(|line| {
            let problem = line["problems"][0].as_str().unwrap().to_string();
            (line["line"].as_u64().unwrap(), problem)
        })
        .collect();
    let expected = [
        (1, "skills.selling (line 1, column 15): 9 is out of range"),
        (2, "goals.incme (line 2, column 15): unknown key"),
        (3, "goals.income (line 4, column 4): 0 is out of range"),
        (5, "broken JSON at line 5 column 29: trailing comma"),
    ];
    assert_eq!(problems.len(), expected.len(), "{problems:?}");
    for ((line, problem), (expected_line, expected)) in problems.iter().zip(expected) {
        assert_eq!(*line, expected_line);
        assert!(problem.starts_with(expected), "{problem} is not {expected}");
    }
}

#[test]
fn values_may_follow_one_another_across_lines() {
    let input = "{\n  \"skills\": {\"selling\": 5}\n}\n{\"goals\": {\"income\": 5}} {\"goals\": {\"income\": 1}}\n{\"skills\": {\n";
    let output = stream_ids(input, &["--top", "1"]);
    let lines = lines(&output.stdout);
    let starts: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(starts, [1, 4, 4, 5]);
    assert!(
        lines[3]["problems"][0]
            .as_str()
            .unwrap()
            .contains("broken JSON"),
        "the cut-off last record"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_broken_record_does_not_swallow_indented_ones() {
    // Cut off inside a string, and cut off before its last brace.
    for broken in [
        "{\"skills\": {\"selling\": \"4}",
        "{\"skills\": {\"selling\": 4}",
    ] {
        let mut input = format!("{broken}\n");
        for indent in [" ", "\t", " ", "  ", " ", " ", "    ", " "] {
            input.push_str(&format!("{indent}{{\"skills\": {{\"selling\": 4}}}}\n"));
        }
        input.push_str("{\"skills\": {\"selling\": 4}}\n");
        let output = stream_ids(input, &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("1 of 10 records failed"),
            "{broken}: {stderr}"
        );
        let lines = lines(&output.stdout);
        let starts: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
        assert_eq!(starts, (1..=10).collect::<Vec<u64>>(), "{broken}");
        assert_eq!(lines[0]["error"], "invalid answers", "{broken}");
        assert!(
            lines[1..].iter().all(|l| l.get("error").is_none()),
            "{broken}"
        );
    }
}

#[test]
fn a_large_catalogue_gives_one_line_per_record_and_short_error_lines() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1000 {
        let id = format!("path_{i:04}");
        write(
            dir.path(),
            &format!("{id}.yaml"),
            &path_yaml(&id, &format!("Path {i}")),
        );
    }
    let mut input = "{\"constraints\": {\"hours_per_week\": 35}}\n".repeat(12);
    input.push_str("{\"constraints\": {\"exclude\": [\"path_042\"]}}\n");
    let output = ctopath()
        .args(["--no-builtin", "--paths"])
        .arg(dir.path())
        .args(["assess", "--format", "ndjson", "--answers", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 13);
    for (index, line) in lines.iter().enumerate() {
        let value: Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["record"], index + 1);
    }
    // An unknown id names a few near ones, not all thousand.
    let error = lines[12];
    assert!(error.contains("path_0042"), "{error}");
    assert!(error.contains("nearest of 1000"), "{error}");
    assert!(error.len() < 1000, "{} bytes: {error}", error.len());
    let one = ctopath()
        .args(["--no-builtin", "--paths"])
        .arg(dir.path())
        .args(["assess", "--format", "json", "--answers", "-"])
        .write_stdin("{\"constraints\": {\"exclude\": [\"path_042\"]}}")
        .output()
        .unwrap();
    assert_eq!(one.status.code(), Some(1));
    assert!(
        one.stderr.len() < 1000,
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
}

/// A stream of `input` with `--fail-fast`, keeping `fields`.
fn failing_fast(fields: &str, input: String) -> std::process::Output {
    ctopath()
        .args([
            "assess",
            "--format",
            "ndjson",
            "--fail-fast",
            "--answers",
            "-",
        ])
        .args(["--fields", fields])
        .write_stdin(input)
        .output()
        .unwrap()
}

#[test]
fn fail_fast_stops_at_the_first_bad_record() {
    let output = failing_fast("id", "{}\n{\"skills\": 3}\n{}\n".to_string());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        lines(&output.stdout).len(),
        2,
        "the good record, then the bad one, then nothing"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("record 2 (line 2) failed; stopped there")
    );
}

#[test]
fn fail_fast_stops_at_the_first_bad_record_batches_into_the_stream() {
    // Past the first batches (4,096 records at most), with a later batch already being scored.
    let mut records: Vec<String> = profiles(9_000).lines().map(str::to_string).collect();
    records[8_499] = "{\"skills\": 3}".to_string();
    records[8_700] = "{\"skills\": 3}".to_string();
    let output = failing_fast("id,score", records.join("\n") + "\n");
    assert_eq!(output.status.code(), Some(1));
    let lines = lines(&output.stdout);
    assert_eq!(
        lines.len(),
        8_500,
        "every line up to and with the bad record"
    );
    assert_eq!(lines[8_499]["record"], 8_500);
    assert!(lines[8_499]["error"].is_string());
    assert!(lines[..8_499].iter().all(|line| line["error"].is_null()));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("record 8500 (line 8500) failed; stopped there (--fail-fast)"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn top_and_fields_keep_lines_small() {
    let output = ctopath()
        .args([
            "assess",
            "--format",
            "ndjson",
            "--top",
            "2",
            "--fields",
            "rank,id,score",
            "--answers",
            "-",
        ])
        .write_stdin("{\"constraints\": {\"hours_per_week\": 10}}\n")
        .output()
        .unwrap();
    assert!(output.status.success());
    let line = &lines(&output.stdout)[0];
    let ranking = line["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 2);
    for entry in ranking {
        let keys: Vec<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["id", "rank", "score"]);
    }
    for excluded in line["excluded"].as_array().unwrap() {
        assert_eq!(
            excluded.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["id"]
        );
    }
    ctopath()
        .args([
            "assess",
            "--format",
            "ndjson",
            "--fields",
            "scor",
            "--answers",
            "-",
        ])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 'score'?"));
}

/// `--fields` keeps of each path the every-field line's fields and nothing else, whatever
/// explanations they need (the reasons are built only when asked for), with the keys of every
/// object in a path sorted, as the lines have always had them; the rest of the line is the same.
#[test]
fn kept_fields_are_the_full_line_s_fields_with_their_keys_sorted() {
    let input = profiles(300);
    let run = |options: &[&str]| {
        let output = ctopath()
            .args(["assess", "--format", "ndjson", "--answers", "-"])
            .args(options)
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let field_sets = [
        "contributions,id",
        "fit,first_step",
        "score,reasons",
        "robustness,name,rank",
        "reasons,contributions,fit,first_step,id,name,rank,robustness,score",
    ];
    for options in [&[][..], &["--top", "3", "--samples", "40"]] {
        let full = run(options);
        for fields in field_sets {
            let kept = run(&[options, &["--fields", fields]].concat());
            let asked: Vec<&str> = fields.split(',').collect();
            let mut checked = 0;
            for (kept_line, full) in kept.lines().zip(lines(full.as_bytes())) {
                serde_json::from_str::<PathsInOrder>(kept_line)
                    .unwrap_or_else(|error| panic!("--fields {fields}: {error}"));
                let keep = |entries: &Value| -> Value {
                    (entries.as_array().unwrap().iter())
                        .map(|entry| {
                            let mut entry = entry.as_object().unwrap().clone();
                            entry.retain(|key, _| asked.contains(&key.as_str()));
                            Value::Object(entry)
                        })
                        .collect()
                };
                let mut expected = full.clone();
                expected["ranking"] = keep(&full["ranking"]);
                expected["excluded"] = keep(&full["excluded"]);
                let kept: Value = serde_json::from_str(kept_line).unwrap();
                assert_eq!(kept, expected, "--fields {fields} {options:?}");
                checked += 1;
            }
            assert_eq!(checked, 300, "--fields {fields} {options:?}");
        }
    }
}

/// A results line whose ranked and excluded paths have the keys of each of their objects in
/// order, at any depth: what reading one checks.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct PathsInOrder {
    ranking: Vec<KeysInOrder>,
    excluded: Vec<KeysInOrder>,
}

/// Any JSON value, read only if the keys of each of its objects come in order.
struct KeysInOrder;

impl<'de> serde::Deserialize<'de> for KeysInOrder {
    fn deserialize<D: serde::Deserializer<'de>>(reader: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeysInOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<KeysInOrder, M::Error> {
                let mut last: Option<String> = None;
                while let Some(key) = map.next_key::<String>()? {
                    if last.as_ref().is_some_and(|last| *last >= key) {
                        return Err(serde::de::Error::custom(format!(
                            "key {key:?} after {last:?}"
                        )));
                    }
                    map.next_value::<KeysInOrder>()?;
                    last = Some(key);
                }
                Ok(KeysInOrder)
            }
            fn visit_seq<S: serde::de::SeqAccess<'de>>(
                self,
                mut seq: S,
            ) -> Result<KeysInOrder, S::Error> {
                while seq.next_element::<KeysInOrder>()?.is_some() {}
                Ok(KeysInOrder)
            }
            fn visit_str<E>(self, _: &str) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder)
            }
            fn visit_f64<E>(self, _: f64) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder)
            }
            fn visit_u64<E>(self, _: u64) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder)
            }
            fn visit_i64<E>(self, _: i64) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder)
            }
            fn visit_bool<E>(self, _: bool) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder)
            }
            fn visit_unit<E>(self) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder)
            }
        }
        reader.deserialize_any(Visitor)
    }
}

#[test]
fn plain_scores_are_the_engine_s_scores_and_order_holds_across_batches() {
    // More records than one batch, so that batches and workers must keep the order.
    let input = profiles(5000);
    let run = |fields: &[&str]| {
        let mut command = ctopath();
        command.args(["assess", "--format", "ndjson", "--answers", "-"]);
        if !fields.is_empty() {
            command.arg("--fields").arg(fields.join(","));
        }
        let output = command.write_stdin(input.clone()).output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        lines(&output.stdout)
    };
    let plain = run(&["id", "score"]);
    let full = run(&["id", "score", "fit"]);
    assert_eq!(plain.len(), 5000);
    for (index, (plain, full)) in plain.iter().zip(&full).enumerate() {
        assert_eq!(plain["record"], index + 1);
        let (a, b) = (
            plain["ranking"].as_array().unwrap(),
            full["ranking"].as_array().unwrap(),
        );
        assert_eq!(a.len(), b.len(), "record {}", index + 1);
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x["id"], y["id"], "record {}", index + 1);
            let (x, y) = (x["score"].as_f64().unwrap(), y["score"].as_f64().unwrap());
            assert!(
                (x - y).abs() < 1e-9,
                "record {}: {x} against {y}",
                index + 1
            );
        }
    }
}

/// A stream writes each path ruled out from text it keeps for the same cause; those lines must
/// list what a one-off assessment of the same answers lists: the same paths, in id order, with
/// the same reasons. Causes repeat (limits from a few values), paths are excluded by name and
/// `keeps_job` varies, over a catalogue with a user's path whose id sorts first.
#[test]
fn paths_ruled_out_in_a_stream_are_those_of_a_one_off_assessment() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "early.yaml",
        &path_yaml("aaa_interim", "Early interim"),
    );
    let mut next = seeded(0x9E37_79B9_7F4A_7C15);
    let records: Vec<Value> = (0..40)
        .map(|_| {
            let hours = [5, 10, 40][next(3) as usize];
            let runway = [0, 6][next(2) as usize];
            let income = [0, 150_000, 400_000][next(3) as usize];
            let mut constraints =
                json!({"hours_per_week": hours, "runway_months": runway, "min_income": income});
            match next(3) {
                0 => constraints["keeps_job"] = json!(true),
                1 => constraints["keeps_job"] = json!(false),
                _ => {}
            }
            if next(2) == 0 {
                constraints["exclude"] = json!(["founder", "aaa_interim"]);
            }
            json!({"constraints": constraints})
        })
        .collect();
    let input: String = records.iter().map(|record| format!("{record}\n")).collect();
    let output = ctopath()
        .args(["assess", "--format", "ndjson", "--answers", "-", "--paths"])
        .arg(dir.path())
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(output.status.success());
    let streamed = lines(&output.stdout);
    assert_eq!(streamed.len(), records.len());
    let mut ruled_out = 0;
    for (record, line) in records.iter().zip(&streamed) {
        let output = ctopath()
            .args(["assess", "--format", "json", "--answers", "-", "--paths"])
            .arg(dir.path())
            .write_stdin(record.to_string())
            .output()
            .unwrap();
        assert!(output.status.success());
        let once: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(line["excluded"], once["excluded"], "{record}");
        ruled_out += once["excluded"].as_array().unwrap().len();
    }
    // Enough paths ruled out, for enough reasons, that texts are kept and used again.
    assert!(ruled_out > 100, "{ruled_out}");
}

#[test]
fn a_stream_needs_answers_and_one_answer_format_suggests_ndjson() {
    ctopath()
        .args(["assess", "--format", "ndjson"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answers FILE"));
    ctopath()
        .args(["assess", "--format", "json", "--answers", "-"])
        .write_stdin("{}\n{}\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("use --format ndjson"));
}

#[test]
fn answers_that_are_a_folder_or_a_named_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let shown = dir.path().display().to_string();
    for format in ["ndjson", "json"] {
        let output = ctopath()
            .args(["assess", "--format", format, "--answers"])
            .arg(dir.path())
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{format}: {stderr}");
        assert!(
            stderr.contains(&format!("{shown} is a folder")),
            "{format}: {stderr}"
        );
    }
    // A named pipe is read like a file (`--answers <(produce-answers)` is one).
    let fifo = dir.path().join("answers.fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for format in ["ndjson", "json"] {
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, "{}\n").unwrap())
        };
        let output = ctopath()
            .args(["assess", "--format", format, "--answers"])
            .arg(&fifo)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        writer.join().unwrap();
        assert!(
            output.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains("\"ranking\""));
    }
}

#[test]
fn output_to_a_file_appears_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("results.ndjson");
    ctopath()
        .args([
            "assess",
            "--format",
            "ndjson",
            "--fields",
            "id",
            "--answers",
            "-",
            "--output",
        ])
        .arg(&file)
        .write_stdin(profiles(10))
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 10);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

/// `assess --format ndjson` in a pseudo-terminal, on 300 generated profiles in a file under
/// `dir`, with the lines written to the file it returns; `flags` and `env` on top.
fn stream_to_file_in_terminal(
    dir: &std::path::Path,
    flags: &[&str],
    env: &[(&str, &str)],
) -> (rexpect::session::PtySession, std::path::PathBuf) {
    let input = dir.join("people.ndjson");
    std::fs::write(&input, profiles(300)).unwrap();
    let output = dir.join("ranked.ndjson");
    let args = [OsStr::new("assess"), "--format".as_ref(), "ndjson".as_ref()];
    let files = [
        "--answers".as_ref(),
        input.as_os_str(),
        "--output".as_ref(),
        output.as_os_str(),
    ];
    let flags = flags.iter().map(OsStr::new);
    let session = in_terminal(dir, args.into_iter().chain(files).chain(flags), env);
    (session, output)
}

#[test]
fn a_stream_in_a_terminal_shows_a_bar_that_is_cleared_and_kept_out_of_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let (mut session, output) = stream_to_file_in_terminal(dir.path(), &[], &[]);
    // The whole input is read with the first batch: the bar is full at its first drawing,
    // beside the records written so far.
    session.exp_string(" 100%  ").unwrap();
    session.exp_string(" records  ").unwrap();
    // Then the line is erased (carriage return, erase line) before the closing message.
    let before = session.exp_string("Wrote").unwrap();
    assert!(before.contains("\r\u{1b}[2K"), "{before:?}");
    session.exp_eof().unwrap();
    let written = std::fs::read_to_string(&output).unwrap();
    assert_eq!(written.lines().count(), 300);
    assert!(!written.contains("records"), "the bar is not in the output");
}

#[test]
fn the_bar_is_not_drawn_on_a_dumb_terminal_nor_with_plain() {
    for (flags, term) in [(&[][..], "dumb"), (&["--plain"][..], "xterm")] {
        let dir = tempfile::tempdir().unwrap();
        let (mut session, _) = stream_to_file_in_terminal(dir.path(), flags, &[("TERM", term)]);
        let before = session.exp_string("Wrote").unwrap();
        assert!(
            !before.contains("records"),
            "TERM={term} {flags:?}: {before:?}"
        );
        session.exp_eof().unwrap();
    }
}

#[test]
fn a_stream_that_fails_part_way_erases_its_bar_before_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("people.ndjson");
    std::fs::write(&input, profiles(1000)).unwrap();
    // Standard output to a file that may not grow past 8 MB, with the signal that would kill
    // the writer ignored: the write fails, with a few batches written and the bar drawn.
    let script = format!(
        "trap '' XFSZ; ulimit -f 16000; exec {} assess --format ndjson --answers {} > {}",
        env!("CARGO_BIN_EXE_ctopath"),
        input.display(),
        dir.path().join("ranked.ndjson").display()
    );
    let mut command = std::process::Command::new("sh");
    command
        .args(["-c", &script])
        .env_clear()
        .env("HOME", dir.path())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    session.exp_string(" records  ").unwrap();
    let before = session.exp_string("error:").unwrap();
    assert!(before.ends_with("\r\u{1b}[2K"), "{before:?}");
    session.exp_eof().unwrap();
}

/// Ctrl-C during a stream in a terminal erases the bar before the signal ends the program, as
/// the end of a stream does, so that no bar is left in front of the shell's prompt; the output
/// file being written is not left behind either.
#[test]
fn ctrl_c_during_a_stream_erases_its_bar() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("people.ndjson");
    // Long enough to be still running when the bar has been drawn.
    std::fs::write(&input, "{}\n".repeat(3_000_000)).unwrap();
    let output = dir.path().join("ranked.ndjson");
    let args = [
        OsStr::new("assess"),
        "--format".as_ref(),
        "ndjson".as_ref(),
        "--fields".as_ref(),
        "id".as_ref(),
        "--answers".as_ref(),
        input.as_os_str(),
        "--output".as_ref(),
        output.as_os_str(),
    ];
    let mut session = in_terminal(dir.path(), args, &[]);
    session.exp_string(" records  ").unwrap();
    crate::common::send(&mut session, "\u{3}");
    let rest = session.exp_eof().unwrap();
    assert!(rest.ends_with("\r\u{1b}[2K"), "{rest:?}");
    assert!(!output.exists(), "no output file is left");
}

/// A JSON array given as a stream: its records fail, each saying how to turn the array into a
/// stream, rather than only that the JSON broke off.
#[test]
fn an_array_given_as_a_stream_says_how_to_split_it() {
    let output = ctopath()
        .args(["assess", "--answers", "-", "--format", "ndjson"])
        .write_stdin("[{\"skills\": {}},\n {\"skills\": {}}]\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert!(
        first["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str().unwrap().contains("`jq -c '.[]' FILE`")),
        "{stdout}"
    );
}
