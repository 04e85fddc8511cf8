//! How output reads: prose wrapped by display width, messages, reports, small slips.

use crate::common::ctopath;
use rexpect::session::spawn_command;
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
