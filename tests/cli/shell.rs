//! ctopath in the shell: completions that know the catalogue, man pages that stand alone, and the
//! catalogue format guide.

use crate::common::{ctopath, path_yaml, write};
use clap::CommandFactory;
use ctopath::cli::Cli;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the shell gets back for `words`, the last being the word under the cursor, asked as
/// bash's script asks.
fn bash_candidates(
    words: &[&str],
    configure: impl FnOnce(&mut assert_cmd::Command),
) -> Vec<String> {
    let mut command = ctopath();
    command
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words);
    configure(&mut command);
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn path_ids_complete_after_paths_show_compare_and_plan() {
    for words in [
        &["ctopath", "paths", "show", "f"][..],
        &["ctopath", "compare", "f"],
        &["ctopath", "compare", "ceo", "f"],
        &["ctopath", "plan", "--answers", "a.json", "f"],
    ] {
        let candidates = bash_candidates(words, |_| {});
        assert_eq!(candidates, ["founder", "fractional_cto"], "{words:?}");
    }
}

#[test]
fn the_users_own_paths_complete_too() {
    let home = tempfile::tempdir().unwrap();
    let own = home.path().join("config/ctopath/paths");
    std::fs::create_dir_all(&own).unwrap();
    write(
        &own,
        "fundraiser.yaml",
        &path_yaml("fundraiser", "Fundraiser"),
    );
    let extra = tempfile::tempdir().unwrap();
    write(
        extra.path(),
        "fleet.yaml",
        &path_yaml("fleet_cto", "Fleet CTO"),
    );
    let candidates = bash_candidates(&["ctopath", "paths", "show", "f"], |command| {
        command
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("CTOPATH_PATHS", extra.path());
    });
    assert_eq!(
        candidates,
        ["fleet_cto", "founder", "fractional_cto", "fundraiser"]
    );
}

#[test]
fn a_broken_file_in_the_users_folder_leaves_the_built_in_ids() {
    let extra = tempfile::tempdir().unwrap();
    write(extra.path(), "broken.yaml", "id: [");
    let candidates = bash_candidates(&["ctopath", "paths", "show", "fo"], |command| {
        command.env("CTOPATH_PATHS", extra.path());
    });
    assert_eq!(candidates, ["founder"]);
}

#[test]
fn answers_complete_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "answers.json", "{}");
    write(dir.path(), "notes.txt", "");
    for words in [
        &["ctopath", "assess", "--answers", "an"][..],
        &["ctopath", "compare", "ceo", "founder", "-a", "an"],
        &["ctopath", "plan", "ceo", "--answers", "an"],
    ] {
        let candidates = bash_candidates(words, |command| {
            command.current_dir(dir.path());
        });
        assert_eq!(candidates, ["answers.json"], "{words:?}");
    }
}

/// The folder of the binary under test, to put first on PATH as an installed `ctopath` would be.
fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_ctopath"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn registration(shell: &str, dir: &Path) -> PathBuf {
    let output = ctopath().args(["completions", shell]).output().unwrap();
    assert!(output.status.success());
    let script = String::from_utf8(output.stdout).unwrap();
    // The script asks `ctopath` on the PATH, never the path of the binary that wrote it.
    assert!(
        !script.contains(env!("CARGO_BIN_EXE_ctopath")),
        "{shell}: {script}"
    );
    let file = dir.join(format!("ctopath.{shell}"));
    std::fs::write(&file, script).unwrap();
    file
}

/// A program from Debian, or `None` outside CI when it is not installed (CI must have it).
fn installed(name: &str) -> Option<PathBuf> {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(name))
        .find(|file| file.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have {name}: .ci/run installs it"
        );
        eprintln!(
            "note: {name} is not installed (apt-get install {name}); its completion check did not run"
        );
    }
    found
}

fn run_shell(command: &mut Command) -> String {
    let output = command
        .env(
            "PATH",
            std::env::join_paths(
                std::iter::once(bin_dir())
                    .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
            )
            .unwrap(),
        )
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn bash_completes_path_ids_through_its_script() {
    let dir = tempfile::tempdir().unwrap();
    let script = registration("bash", dir.path());
    let shown = run_shell(Command::new("bash").arg("-c").arg(format!(
        "source {}; COMP_WORDS=(ctopath paths show fr); COMP_CWORD=3; COMP_TYPE=9; \
         _clap_complete_ctopath ctopath fr show; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    )));
    assert_eq!(shown, "fractional_cto\n");
}

#[test]
fn fish_completes_path_ids_through_its_script() {
    let Some(fish) = installed("fish") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let script = registration("fish", dir.path());
    let shown = run_shell(Command::new(fish).arg("--no-config").arg("-c").arg(format!(
        "source {}; complete -C 'ctopath compare ceo fr'",
        script.display()
    )));
    assert_eq!(shown, "fractional_cto\tFractional CTO\n");
}

#[test]
fn zsh_completes_path_ids_from_its_file_in_fpath() {
    let Some(zsh) = installed("zsh") else { return };
    let dir = tempfile::tempdir().unwrap();
    let script = registration("zsh", dir.path());
    std::fs::rename(&script, dir.path().join("_ctopath")).unwrap();
    // Outside a completion widget, `_describe` and `compdef` stand in for zsh's own, so that the
    // script's answer can be read: autoloaded as compinit would, at the first TAB.
    let shown = run_shell(Command::new(zsh).arg("-f").arg("-c").arg(format!(
        "fpath=({} $fpath); autoload -Uz _ctopath; compdef() {{ }}; \
         _describe() {{ print -l -- ${{(P)${{@[-1]}}}}; }}; \
         words=(ctopath plan fr); CURRENT=3; _ctopath",
        dir.path().display()
    )));
    assert_eq!(shown, "fractional_cto:Fractional CTO\n");
}

/// Every command, as its man page is named: `ctopath`, `ctopath-assess`, `ctopath-paths-show`.
fn page_names(command: &clap::Command, name: &str, names: &mut Vec<String>) {
    names.push(name.to_string());
    for sub in command.get_subcommands() {
        page_names(sub, &format!("{name}-{}", sub.get_name()), names);
    }
}

#[test]
fn man_dir_writes_a_page_per_command_that_stands_alone() {
    let dir = tempfile::tempdir().unwrap();
    ctopath()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    let mut names = Vec::new();
    let cli = Cli::command();
    page_names(&cli, "ctopath", &mut names);
    let pages: Vec<String> = names
        .iter()
        .map(|name| std::fs::read_to_string(dir.path().join(format!("man1/{name}.1"))).unwrap())
        .collect();
    let guide = std::fs::read_to_string(dir.path().join("man5/ctopath-paths.5")).unwrap();
    assert!(guide.contains("The path catalogue"), "{guide}");
    for (name, page) in names.iter().zip(&pages) {
        for section in [
            "OPTIONS",
            "EXAMPLES",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "SEE ALSO",
        ] {
            assert!(
                page.contains(&format!(".SH {section}\n"))
                    || page.contains(&format!(".SH \"{section}\"\n")),
                "{name}: no {section}"
            );
        }
        for variable in ["CTOPATH_PATHS", "NO_COLOR", "XDG_CONFIG_HOME", "COLUMNS"] {
            assert!(page.contains(variable), "{name}: no {variable}");
        }
        assert!(page.contains("last\\-answers.json"), "{name}");
        // Every page it refers to is written too.
        for reference in page.split("ctopath-").skip(1) {
            let Some((page_name, _)) = reference.split_once('(') else {
                continue;
            };
            if page_name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-')
            {
                let section = &reference[page_name.len() + 1..page_name.len() + 2];
                let file = dir
                    .path()
                    .join(format!("man{section}/ctopath-{page_name}.{section}"));
                assert!(
                    file.is_file(),
                    "{name} refers to ctopath-{page_name}({section})"
                );
            }
        }
    }
    // Every option of a command is on its page.
    let assess = &pages[names.iter().position(|n| n == "ctopath-assess").unwrap()];
    for option in cli.find_subcommand("assess").unwrap().get_arguments() {
        if let Some(long) = option.get_long() {
            let roff = format!("\\-\\-{}", long.replace('-', "\\-"));
            assert!(assess.contains(&roff), "ctopath-assess(1) lacks --{long}");
        }
    }
}

#[test]
fn the_man_page_renders_without_warnings() {
    let Some(man) = installed("man") else { return };
    let dir = tempfile::tempdir().unwrap();
    ctopath()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    for page in [
        "man1/ctopath.1",
        "man1/ctopath-plan.1",
        "man5/ctopath-paths.5",
    ] {
        let output = Command::new(&man)
            .args(["--warnings", "-l"])
            .arg(dir.path().join(page))
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && stderr.is_empty(),
            "{page}: {stderr}"
        );
        let shown = String::from_utf8_lossy(&output.stdout);
        assert!(shown.contains("DESCRIPTION"), "{page}: {shown}");
    }
}

#[test]
fn the_guide_is_in_the_binary_and_validate_points_there() {
    ctopath()
        .args(["paths", "guide"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# The path catalogue"));
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "typo.yaml",
        &path_yaml("typo_cto", "Typo").replace("summary:", "sumary:"),
    );
    ctopath()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`ctopath paths guide`"))
        .stderr(predicate::str::contains("paths/README.md").not());
}
