//! Hostile and careless input: every case ends in a clear error, never a panic, a hang or a
//! flood of memory; nothing from a file or an answer reaches the terminal as a control sequence.

use crate::common::{builtin, ctopath, path_yaml, write};
use predicates::prelude::*;
use std::path::Path;
use std::time::Duration;

/// Runs ctopath and checks the outcome is an orderly error: the code, words in the message, no
/// panic, and within a time that rules out a hang.
fn refuses(command: &mut assert_cmd::Command, code: i32, words: &[&str]) -> String {
    let assert = command.timeout(Duration::from_secs(20)).assert().code(code);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    for word in words {
        assert!(stderr.contains(word), "expected {word:?} in:\n{stderr}");
    }
    stderr
}

fn answers(input: impl Into<Vec<u8>>) -> assert_cmd::Command {
    let mut command = ctopath();
    command
        .args(["assess", "--format", "json", "--answers", "-"])
        .write_stdin(input.into());
    command
}

#[test]
fn bad_answers_of_every_kind() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    // 90,000 unknown keys: the first twenty are shown, placed, and the rest counted.
    let keys: Vec<String> = (0..90_000).map(|n| format!("\"k{n}\":1")).collect();
    let many_keys = format!("{{\"skills\": {{{}}}}}", keys.join(","));
    let cases: Vec<(Vec<u8>, &[&str])> = vec![
        (b"{\"skills\": ".to_vec(), &["broken JSON"]),
        (
            b"{\"skills\": {\"selling\": NaN}}".to_vec(),
            &["broken JSON"],
        ),
        (
            b"{\"skills\": {\"selling\": 1e400}}".to_vec(),
            &["number out of range"],
        ),
        (
            b"{\"skills\": {\"selling\": 18446744073709551616}}".to_vec(),
            &["skills.selling", "out of range"],
        ),
        (
            b"{\"constraints\": {\"min_income\": -1e300}}".to_vec(),
            &["constraints.min_income"],
        ),
        (
            b"{\"skills\": {\"selling\": true}}".to_vec(),
            &["skills.selling", "found true"],
        ),
        (b"".to_vec(), &["the input is empty"]),
        (b"   \n\t ".to_vec(), &["the input is empty"]),
        (
            b"\"just a string\"".to_vec(),
            &["top level: expected an object"],
        ),
        (
            b"{\"goals\": {\"income\": 3, \"income\": 4}}".to_vec(),
            &["goals.income (line 1, column 25): given more than once"],
        ),
        (
            b"{\"a\": 1, \"a\": 2}".to_vec(),
            &["a (line 1, column 2): unknown key"],
        ),
        (b"\xff\xfe{}".to_vec(), &["not UTF-8"]),
        (b"\x00\x01\x02\x7fELF".to_vec(), &["broken JSON"]),
        (vec![b' '; 2 * 1024 * 1024], &["larger than 1024 KiB"]),
        (deep.into_bytes(), &["recursion limit exceeded"]),
        (
            many_keys.into_bytes(),
            &[
                "skills.k0 (line 1, column 13): unknown key",
                "… and 89980 more problems",
            ],
        ),
    ];
    for (input, words) in cases {
        refuses(&mut answers(input), 1, words);
    }
    refuses(
        ctopath().args(["assess", "--answers", "no/such/file.json"]),
        1,
        &["cannot read the answers file no/such/file.json"],
    );
    refuses(
        ctopath().args(["assess", "--answers", "/"]),
        1,
        &["/ is a folder; --answers takes a file"],
    );
}

#[test]
fn bad_catalogue_files_of_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let good = path_yaml("good", "Good");
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("broken.yaml", b"id: [\n".to_vec(), "broken.yaml:"),
        (
            "type.yaml",
            good.replace("technical_depth: 4", "technical_depth: [4]")
                .into_bytes(),
            "demands.technical_depth is a list, not a number",
        ),
        (
            "range.yaml",
            good.replace("technical_depth: 4", "technical_depth: 99")
                .into_bytes(),
            "demands.technical_depth is 99, outside 1 to 5",
        ),
        (
            "huge.yaml",
            good.replace(
                "income_usd: {low: 150000, high: 250000}",
                "income_usd: {low: 1, high: 1e300}",
            )
            .into_bytes(),
            "huge.yaml",
        ),
        (
            "nan.yaml",
            good.replace("technical_depth: 4", "technical_depth: .nan")
                .into_bytes(),
            "nan.yaml",
        ),
        ("empty.yaml", Vec::new(), "the file ends before any content"),
        (
            "shape.yaml",
            b"- a list\n".to_vec(),
            "the file holds a list, not a mapping of keys",
        ),
        (
            "bracket.yaml",
            good.replace("name: Good", "name: [Good").into_bytes(),
            "bracket.yaml:2:7: name is a list, not text\n  hint: write the text after `name: `; \
             text that starts with `[`",
        ),
        (
            "steps.yaml",
            good.replace(
                "first_steps:\n  - Tell three recruiters you take interim roles.",
                "first_steps: Tell three recruiters you take interim roles.",
            )
            .into_bytes(),
            "first_steps is text, not a list",
        ),
        (
            "item.yaml",
            good.replace(
                "  - Tell three recruiters you take interim roles.",
                "  - Tell: three recruiters you take interim roles.",
            )
            .into_bytes(),
            "item 1 of first_steps must be text\n  hint: write the item's text after `- `",
        ),
        (
            "dupkey.yaml",
            format!("{good}id: again\n").into_bytes(),
            "given twice",
        ),
        (
            "tag.yaml",
            good.replace("name: Good", "name: !python/object:os.system rm")
                .into_bytes(),
            "unsupported tag",
        ),
        (
            "docs.yaml",
            format!("{good}---\n{good}").into_bytes(),
            "more than one YAML document",
        ),
        ("latin1.yaml", b"id: caf\xe9\n".to_vec(), "not UTF-8"),
        (
            "binary.yaml",
            b"\x7fELF\x02\x01\x01\x00\x00".to_vec(),
            "binary.yaml",
        ),
        (
            "big.yaml",
            format!("id: big\nname: \"{}\"\n", "x".repeat(1_100_000)).into_bytes(),
            "larger than 1024 KiB",
        ),
        (
            "bomb.yaml",
            alias_bomb().into_bytes(),
            "aliases (`*name`) expand too far",
        ),
        (
            "deep.yaml",
            format!("id: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
            "deep.yaml",
        ),
        (
            "twin1.yaml",
            path_yaml("twin", "Twin").into_bytes(),
            "twin2.yaml",
        ),
        (
            "twin2.yaml",
            path_yaml("twin", "Twin").into_bytes(),
            "duplicate id 'twin'",
        ),
    ];
    for (name, bytes, _) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let stderr = refuses(ctopath().arg("validate").arg(dir.path()), 1, &[]);
    for (name, _, words) in &files {
        let line = stderr
            .lines()
            .find(|line| line.contains(name))
            .unwrap_or_else(|| panic!("nothing about {name}:\n{stderr}"));
        assert!(
            stderr.contains(words),
            "{name}: expected {words:?} near {line:?} in:\n{stderr}"
        );
    }
    refuses(
        ctopath().args(["validate", "no/such/folder"]),
        1,
        &["no/such/folder: cannot read this folder"],
    );
}

/// A path file whose first steps repeat one anchored text a thousand times: harmless here, but
/// the same trick nested is how alias bombs eat memory, so aliases are budgeted.
fn alias_bomb() -> String {
    path_yaml("bomb", "Bomb")
        .replace("summary: Step in", "summary: &s Step in")
        .replace(
            "  - Tell three recruiters you take interim roles.\n",
            &"  - *s\n".repeat(1000),
        )
}

#[test]
fn a_folder_of_thousands_of_files_is_read_in_good_time() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..3000 {
        write(
            dir.path(),
            &format!("p{n:04}.yaml"),
            &path_yaml(&format!("p{n:04}"), &format!("Path {n}")),
        );
    }
    ctopath()
        .arg("validate")
        .arg(dir.path())
        .timeout(Duration::from_secs(60))
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{} paths",
            3000 + builtin().paths.len()
        )));
}

/// Bytes that would act on a terminal: escape sequences (CSI, OSC), carriage return, backspace,
/// bell, a C1 control and bidi overrides.
const HOSTILE: [&str; 7] = [
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\r",
    "\u{8}",
    "\u{7}",
    "\u{9b}",
    "\u{202e}",
];

fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for hostile in HOSTILE {
        assert!(
            !text.contains(hostile),
            "{what} let {hostile:?} through:\n{text}"
        );
    }
}

#[test]
fn text_that_would_act_on_a_terminal_is_refused_or_shown_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    // Each hostile sequence in a different field of one path file, and in a criteria question.
    let path = path_yaml("hostile", "x")
        .replace("name: x", "name: \"Evil \\e[31mred\\e]0;title\\a\"")
        .replace(
            "summary: Step in as CTO for a few months.",
            "summary: \"over\\rwrite\\b\\u009b\"",
        )
        .replace(
            "  - Tell three recruiters you take interim roles.",
            "  - \"Call \\u202egnorw\"\n  - \"ding\\a\"",
        );
    write(dir.path(), "hostile.yaml", &path);
    let criteria =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("paths/criteria.yaml"))
            .unwrap()
            .replace(
                "question: How good are you at selling,",
                "question: \"\\e[2J\\e[HHow good are you at selling,",
            )
            .replace("to your own leadership?\n", "to your own leadership?\"\n");
    write(dir.path(), "criteria.yaml", &criteria);

    let stderr = refuses(ctopath().arg("validate").arg(dir.path()), 1, &[]);
    for field in [
        "`name` holds a control character",
        "`summary` holds a control character",
        "`first step` holds a bidi control",
        "`question` holds a control character",
    ] {
        assert!(stderr.contains(field), "{field} not reported:\n{stderr}");
    }
    assert!(
        stderr.contains("hostile.yaml:2:7:"),
        "with its position:\n{stderr}"
    );

    // Every command that prints refuses the catalogue, and prints nothing raw.
    let commands: &[&[&str]] = &[
        &["validate"],
        &["paths", "list"],
        &["paths", "show", "hostile"],
        &["questions"],
        &["questions", "--template"],
        &["schema", "path"],
        &["assess", "--answers", "-"],
        &["assess", "--answers", "-", "--format", "html"],
        &["assess", "--answers", "-", "--format", "ndjson"],
        &["compare", "founder", "hostile", "--answers", "-"],
        &["plan", "hostile", "--answers", "-"],
    ];
    for args in commands {
        let output = ctopath()
            .arg("--paths")
            .arg(dir.path())
            .args(*args)
            .write_stdin("{}")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_clean(&output.stdout, &format!("{args:?} (stdout)"));
        assert_clean(&output.stderr, &format!("{args:?} (stderr)"));
    }
}

#[test]
fn answers_that_would_act_on_a_terminal_are_echoed_harmlessly() {
    let hostile = r#"{"skills": {"sel\u001b[31mling": 3, "leadership": "\u001b]0;x\u0007"},
        "constraints": {"exclude": ["ceo\r\u202e"]}, "go\u009bals": {}}"#;
    for format in ["table", "json", "ndjson"] {
        let output = ctopath()
            .args(["assess", "--format", format, "--answers", "-"])
            .write_stdin(hostile)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_clean(&output.stdout, format);
        assert_clean(&output.stderr, format);
        let shown = String::from_utf8_lossy(if format == "ndjson" {
            &output.stdout
        } else {
            &output.stderr
        })
        .into_owned();
        assert!(
            shown.contains("sel"),
            "{format}: the key is still named:\n{shown}"
        );
    }
    // A file name is echoed too.
    let output = ctopath()
        .args(["assess", "--answers", "no\u{1b}[31mfile"])
        .output()
        .unwrap();
    assert_clean(&output.stderr, "the file name");
}

#[test]
fn streams_stay_bounded_whatever_their_shape() {
    // A line far longer than a record may be, then a good record: reported, then scored.
    let mut input = format!(
        "{{\"skills\": {{\"selling\": \"{}\"}}}}\n",
        "x".repeat(3 * 1024 * 1024)
    );
    input.push_str("{}\n");
    // Many records on one line: split into batches, one output line each.
    input.push_str(&"{}".repeat(10_000));
    input.push('\n');
    let output = ctopath()
        .args([
            "assess",
            "--format",
            "ndjson",
            "--fields",
            "id",
            "--top",
            "1",
            "--answers",
            "-",
        ])
        .write_stdin(input)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2 + 10_000);
    assert!(
        lines[0].contains("line 1 is longer than 1024 KiB"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("\"record\":2") && lines[10_001].contains("\"record\":10002"));
    // A record full of mistakes gets the first twenty, and a count of the rest.
    let many: Vec<String> = (0..50).map(|n| format!("\"wrong{n}\": 3")).collect();
    let output = ctopath()
        .args(["assess", "--format", "ndjson", "--answers", "-"])
        .write_stdin(format!("{{\"skills\": {{{}}}}}\n", many.join(", ")))
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let problems = line["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 21);
    assert_eq!(problems[20], "… and 30 more problems");
}

/// Runs ctopath through `sh` with standard output redirected as `redirect` says (`>&-` closes it).
fn with_stdout(redirect: &str, args: &[&str]) -> std::process::Output {
    let script = format!("set -o pipefail; \"$0\" \"$@\" {redirect}");
    std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin!("ctopath"))
        .args(args)
        .env_clear()
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap()
}

#[test]
fn a_closed_standard_output_is_an_error_and_a_closed_pipe_is_not() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ten-hours-a-week.json"
    );
    let commands: [&[&str]; 4] = [
        &["assess", "--answers", example, "--format", "json"],
        &["assess", "--answers", example, "--format", "ndjson"],
        &["paths", "list"],
        &["validate"],
    ];
    for args in commands {
        let closed = with_stdout(">&-", args);
        let stderr = String::from_utf8_lossy(&closed.stderr);
        assert_eq!(closed.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("standard output is closed"),
            "{args:?}: {stderr}"
        );
        // Thrown away on purpose is not closed.
        let discarded = with_stdout(">/dev/null", args);
        assert!(discarded.status.success(), "{args:?}");
        // The reader went away early: quiet, and not an error.
        let piped = with_stdout("| head -c 1 >/dev/null", args);
        assert!(piped.status.success(), "{args:?}");
        assert!(piped.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn a_hostile_file_name_is_shown_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{202e}.yaml";
    write(dir.path(), name, &path_yaml("founder", "Founder, mine"));
    for args in [
        &["paths", "list"][..],
        &["paths", "list", "--format", "json"],
        &["paths", "show", "founder"],
        &["paths", "show", "founder", "--format", "json"],
    ] {
        let output = ctopath()
            .arg("--paths")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
        assert_clean(&output.stdout, &format!("{args:?}"));
        // The table of paths names origins, not files; everything else names the file.
        if args != ["paths", "list"] {
            assert!(
                String::from_utf8_lossy(&output.stdout).contains("PWNED"),
                "{args:?}: the name is still shown"
            );
        }
    }
}

#[test]
fn flags_that_do_not_apply_say_so() {
    ctopath()
        .args(["compare", "ceo", "ceo", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2);
    ctopath()
        .args(["assess", "--fields", "id", "--answers", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--fields goes with --format ndjson",
        ));
    let output = ctopath()
        .args(["assess", "--top", "2", "--format", "json", "--answers", "-"])
        .write_stdin("{}")
        .output()
        .unwrap();
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results["ranking"].as_array().unwrap().len(), 2);
}

#[test]
fn invisible_characters_are_refused_but_emoji_are_not() {
    let dir = tempfile::tempdir().unwrap();
    // Each a name that looks like "Founder" but is not: the invisible one is the fifth character.
    let invisible = [
        ("zero_width_space", "\\u200B"),
        ("line_separator", "\\u2028"),
        ("byte_order_mark", "\\uFEFF"),
        ("word_joiner", "\\u2060"),
        ("tag_character", "\\U000E0041"),
        ("hangul_filler", "\\u3164"),
        ("joiner_between_letters", "\\u200D"),
        ("soft_hyphen", "\\u00AD"),
    ];
    for (id, escape) in invisible {
        let path = path_yaml(id, "x").replace("name: x", &format!("name: \"Foun{escape}der\""));
        write(dir.path(), &format!("{id}.yaml"), &path);
    }
    let stderr = refuses(ctopath().arg("validate").arg(dir.path()), 1, &[]);
    for (id, escape) in invisible {
        let code = escape
            .trim_start_matches("\\u")
            .trim_start_matches("\\U000");
        let expected =
            format!("{id}.yaml:2:7: `name` holds an invisible character (U+{code}) at character 5");
        assert!(
            stderr.contains(&expected),
            "{expected} not reported:\n{stderr}"
        );
    }

    // Emoji sequences are joined with U+200D and styled with U+FE0F: they stay allowed.
    let emoji = tempfile::tempdir().unwrap();
    let path = path_yaml("emoji", "x").replace(
        "name: x",
        "name: \"Developer advocate \u{1F469}\u{1F3FD}\u{200D}\u{1F4BB} \u{2764}\u{FE0F}\u{200D}\u{1F525}\"",
    );
    write(emoji.path(), "emoji.yaml", &path);
    ctopath()
        .arg("validate")
        .arg(emoji.path())
        .assert()
        .success();
}

#[test]
fn yaml_messages_name_the_place_the_key_the_range_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let good = path_yaml("numbers", "Numbers");
    let files = [
        (
            "weeks.yaml",
            format!("{good}review_after_weeks: 4294967296\n"),
            "weeks.yaml:17:21: review_after_weeks is 4294967296, outside 1 to 104\n  \
             hint: use a whole number from 1 to 104",
        ),
        (
            "rating.yaml",
            good.replace(
                "technical_depth: 4",
                "technical_depth: 18446744073709551616",
            ),
            "rating.yaml:6:20: demands.technical_depth is 18446744073709551616, outside 1 to 5\n  \
             hint: use a whole number from 1 to 5",
        ),
        (
            "hours.yaml",
            good.replace("{min: 30, typical: 40}", "{min: 2.50, typical: 40}"),
            "hours.yaml:12:25: realities.hours_per_week.min is 2.50, not a whole number\n  \
             hint: use a whole number from 0 to 168",
        ),
        (
            "income.yaml",
            good.replace("high: 250000", "high: 1e3"),
            "income.yaml:14:35: realities.income_usd.high is 1e3, not a whole number",
        ),
        (
            "text.yaml",
            format!("{good}review_after_weeks: [4]\n"),
            "text.yaml:17:21: review_after_weeks is a list, not a number\n  \
             hint: use a whole number from 1 to 104",
        ),
        (
            "alias.yaml",
            good.replace(
                "first_steps:\n",
                &format!(
                    "experiments:\n  - &big {}\n  - *big\n  - *big\n  - *big\nfirst_steps:\n",
                    "x".repeat(300_000)
                ),
            ),
            "alias.yaml:19:5: more than 1024 KiB of text once aliases (`*name`) are expanded\n  \
             hint: write the text out where it is used, without anchors and aliases",
        ),
        (
            "key.yaml",
            format!("{good}{}: 1\n", "k".repeat(2000)),
            "key.yaml:17:1: a key of 2000 characters (kkkkkkkkkkkkkkkkkkkk…); YAML reads at most 1024 \
             characters as a key\n  hint: use one of the keys the format allows",
        ),
    ];
    for (name, text, _) in &files {
        write(dir.path(), name, text);
    }
    let stderr = refuses(ctopath().arg("validate").arg(dir.path()), 1, &[]);
    for (_, _, expected) in files {
        assert!(
            stderr.contains(expected),
            "expected {expected:?} in:\n{stderr}"
        );
    }
    for internal in ["ScalarBytes", "u32", "i64", "u64", "mapping start", "e+"] {
        assert!(!stderr.contains(internal), "{internal} leaks:\n{stderr}");
    }
}

#[test]
fn answers_errors_quote_numbers_as_written() {
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ten-hours-a-week.json"),
    )
    .unwrap();
    for (from, to, key, problem) in [
        (
            "\"selling\": 3",
            "\"selling\": -0",
            "skills.selling",
            "-0 is out of range; use a whole number from 1 to 5",
        ),
        (
            "\"selling\": 3",
            "\"selling\": 18446744073709551616",
            "skills.selling",
            "18446744073709551616 is out of range",
        ),
        (
            "\"variety\": 5",
            "\"variety\" :\t2.50",
            "goals.variety",
            "2.50 is not a whole number",
        ),
        (
            "\"hours_per_week\": 10",
            "\"hours_per_week\": 1E3",
            "constraints.hours_per_week",
            "1E3 is out of range",
        ),
    ] {
        let input = example.replace(from, to);
        assert_ne!(input, example, "{from} is in the example");
        // The file's problem says where the key stands: the line and column of its quote.
        let before = &input[..input.find(to).unwrap()];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |at| at + 1) + 1;
        let placed = format!("{key} (line {line}, column {column}): {problem}");
        let stderr = refuses(&mut answers(input.clone()), 1, &[&placed]);
        // A stream's record places it in the stream, here one line.
        let record = input.replace('\n', "");
        let column = record[..record.find(to).unwrap()].chars().count() + 1;
        let expected = format!("{key} (line 1, column {column}): {problem}");
        let stream = ctopath()
            .args(["assess", "--format", "ndjson", "--answers", "-"])
            .write_stdin(record)
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&stream.stdout);
        assert!(
            line.contains(&expected),
            "{expected} not in {line} ({stderr})"
        );
    }
}

/// With no thread to be had (the limit on processes reached), a folder of many path files is
/// still read and parsed, on one thread, and a stream says why it cannot start. Run as `nobody`
/// with one process allowed (`prlimit --nproc=1`), which needs root: CI runs as root; elsewhere this check says so and
/// stops.
#[test]
fn with_no_thread_to_be_had_work_stays_on_one_thread_or_says_why() {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0");
    if !root {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs its tests as root"
        );
        eprintln!("note: not root, so the check with no thread to be had did not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let readable = |path: &Path, mode| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    readable(dir.path(), 0o777);
    let paths = dir.path().join("paths");
    std::fs::create_dir(&paths).unwrap();
    readable(&paths, 0o755);
    // Enough files to be read and parsed on every core, were there threads.
    for n in 0..100 {
        let id = format!("interim_{n:03}");
        write(
            &paths,
            &format!("{id}.yaml"),
            &path_yaml(&id, &format!("Interim {n}")),
        );
        readable(&paths.join(format!("{id}.yaml")), 0o644);
    }
    write(dir.path(), "people.ndjson", "{}\n{}\n");
    readable(&dir.path().join("people.ndjson"), 0o644);
    let binary = assert_cmd::cargo::cargo_bin!("ctopath");
    let limited = |args: &[&str]| {
        let mut command = assert_cmd::Command::new("setpriv");
        command
            .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
            .args(["prlimit", "--nproc=1", "--"])
            .arg(binary)
            .args(args)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", dir.path())
            .env("CTOPATH_NO_HISTORY", "1")
            .timeout(Duration::from_secs(20));
        command
    };
    let folder = paths.to_str().unwrap();
    let listed = limited(&["--no-builtin", "--paths", folder, "paths", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let everywhere = ctopath()
        .args(["--no-builtin", "--paths", folder, "paths", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&listed),
        String::from_utf8_lossy(&everywhere)
    );
    let people = dir.path().join("people.ndjson");
    refuses(
        &mut limited(&[
            "assess",
            "--format",
            "ndjson",
            "--answers",
            people.to_str().unwrap(),
        ]),
        1,
        &["cannot start a thread to score the stream", "ulimit -u"],
    );
}
