//! Shared helpers: a hermetic `ctopath` command and answers built in code.

use assert_cmd::Command;
use ctopath::catalogue::{self, Origin};
use ctopath::model::Catalogue;
use serde_json::{Value, json};
use std::path::Path;
use std::sync::LazyLock;

/// The real binary, with no outside configuration leaking in.
pub fn ctopath() -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("ctopath");
    // Assessments are kept out of a history: the journal's own tests give each run a HOME.
    command
        .env_clear()
        .env("HOME", std::env::temp_dir())
        .env("CTOPATH_NO_HISTORY", "1");
    command
}

/// The built-in catalogue, loaded once through the library.
pub fn builtin() -> Catalogue {
    static BUILTIN: LazyLock<Catalogue> = LazyLock::new(|| {
        catalogue::load(&[Origin::BuiltIn])
            .expect("the built-in catalogue loads")
            .catalogue
    });
    BUILTIN.clone()
}

pub const SKILLS: [&str; 9] = [
    "technical_depth",
    "product_vision",
    "customer_insight",
    "selling",
    "leadership",
    "operations",
    "industry_network",
    "thought_leadership",
    "investment_analysis",
];
pub const GOALS: [&str; 8] = [
    "income",
    "stability",
    "ownership",
    "autonomy",
    "variety",
    "impact",
    "flexibility",
    "hands_on",
];
pub const SHIPPED_PATHS: [&str; 6] = [
    "founder",
    "ceo",
    "sales_engineer",
    "fractional_cto",
    "advisor",
    "venture_capital",
];

/// An answers object: every skill and goal at 3, with the given ones changed.
pub fn answers(skills: Value, goals: Value, constraints: Value) -> Value {
    let mut full = json!({"skills": {}, "goals": {}, "constraints": constraints});
    for id in SKILLS {
        full["skills"][id] = skills.get(id).cloned().unwrap_or(json!(3));
    }
    for id in GOALS {
        full["goals"][id] = goals.get(id).cloned().unwrap_or(json!(3));
    }
    full
}

/// Runs `assess --format json` on these answers (through stdin) and returns the results.
pub fn assess_json(answers: &Value) -> Value {
    json_of(
        ctopath()
            .args(["assess", "--answers", "-", "--format", "json"])
            .write_stdin(answers.to_string()),
    )
}

/// Runs a command that must succeed and returns what it printed, parsed as JSON.
pub fn json_of(command: &mut Command) -> Value {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The ids of a results' ranking, best first.
pub fn ranked_ids(results: &Value) -> Vec<String> {
    results["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

pub fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The shipped criteria.yaml with one more skill, `teaching`, added at the end of the skills.
pub fn criteria_with_teaching() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("paths/criteria.yaml"))
        .unwrap()
        .replace(
            "\n# How much each matters to you",
            "  - id: teaching\n    name: Teaching\n    question: How well do you teach adults?\n    \
             low: You have never run a class.\n    high: People pay for your courses.\n    default: 2\n\
             \n# How much each matters to you",
        )
}

/// A valid path file, to be edited by a test.
pub fn path_yaml(id: &str, name: &str) -> String {
    format!(
        "id: {id}\nname: {name}\nsummary: Step in as CTO for a few months.\n\
         description: Hold the technology together while a company hires a permanent CTO.\n\
         demands:\n  technical_depth: 4\n  leadership: 4\n\
         gives:\n  income: 4\n  variety: 4\n\
         realities:\n  hours_per_week: {{min: 30, typical: 40}}\n  runway_months: {{min: 0, typical: 2}}\n  \
         income_usd: {{low: 150000, high: 250000}}\n\
         first_steps:\n  - Tell three recruiters you take interim roles.\n"
    )
}

/// ctopath in a pseudo-terminal with `args`, in a clean environment: its state and temporary
/// files under `home`, an xterm 120 columns wide without colour, and `env` on top.
pub fn in_terminal(
    home: &Path,
    args: impl IntoIterator<Item = impl AsRef<std::ffi::OsStr>>,
    env: &[(&str, &str)],
) -> rexpect::session::PtySession {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ctopath"));
    command
        .args(args)
        .env_clear()
        .env("HOME", home)
        // A fallback for answers the state folder cannot keep goes here, not to the real /tmp.
        .env("TMPDIR", home)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120")
        .envs(env.iter().copied());
    rexpect::session::spawn_command(command, Some(20_000)).expect("the binary starts in a pty")
}

/// Types `keys` into a pseudo-terminal and makes sure they reach the program (rexpect does not
/// flush by itself).
pub fn send(session: &mut rexpect::session::PtySession, keys: &str) {
    session.send(keys).unwrap();
    session.flush().unwrap();
}

/// The exit code of the program in a pseudo-terminal, once it has ended.
pub fn exit_code(session: &rexpect::session::PtySession) -> i32 {
    match session.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => code,
        other => panic!("the program did not exit normally: {other:?}"),
    }
}
