//! Reports people keep: Markdown and HTML with charts, numbers that agree with the JSON, text
//! from YAML escaped, and the HTML as a browser draws it.

use crate::common::{ctopath, path_yaml, write};
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

const INVESTOR: &str = "examples/investor-with-a-network.json";

fn example(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn run(format: &str, extra: &[&str]) -> String {
    let output = ctopath()
        .args(extra)
        .args(["assess", "--format", format, "--answers"])
        .arg(example(INVESTOR))
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
fn markdown_and_html_reports_hold_every_part_and_agree_with_the_json() {
    let results: Value = serde_json::from_str(&run("json", &[])).unwrap();
    let markdown = run("markdown", &[]);
    let html = run("html", &[]);
    for report in [&markdown, &html] {
        for part in [
            "Ranking",
            "How sure:",
            "The top paths",
            "A plan for",
            "Test it cheaply",
            "Review the decision on",
            "Portfolios: several paths at once",
            "<svg",
        ] {
            assert!(report.contains(part), "the report lacks {part:?}");
        }
        assert!(
            report.matches("<svg").count() >= 7,
            "a score chart, and a goal chart and a skill chart for each of the top three"
        );
        assert!(report.contains("What matters to you against what"));
        let verdict = results["robustness"]["verdict"].as_str().unwrap();
        assert!(
            report.contains(verdict),
            "the verdict differs from the JSON's"
        );
    }
    for ranked in results["ranking"].as_array().unwrap() {
        let score = ranked["score"].as_f64().unwrap();
        let share = 100.0 * ranked["robustness"]["first_share"].as_f64().unwrap();
        let range = &ranked["robustness"]["rank_range"];
        let row = format!(
            "| {} | {} | {:.0} {} | {:.0}% | {}–{} |",
            ranked["rank"],
            ranked["name"].as_str().unwrap(),
            score,
            ranked["band"].as_str().unwrap(),
            share,
            range[0],
            range[1]
        );
        assert!(markdown.contains(&row), "markdown lacks {row:?}");
        let html_row = format!(
            "<tr data-path=\"{}\" data-score=\"{score}\">",
            ranked["id"].as_str().unwrap()
        );
        assert!(html.contains(&html_row), "html lacks {html_row:?}");
    }
    assert!(
        html.starts_with("<!DOCTYPE html>") && !html.contains("<script"),
        "self-contained, no scripts"
    );
    // Nothing is fetched: no attribute or style loads anything. The paths' sources print their
    // addresses as text, so addresses other than the SVG namespace may appear, but never as links.
    for fetch in ["src=", "href=", "url(", "@import", "<link"] {
        assert!(
            !html.contains(fetch),
            "the report loads something with {fetch:?}"
        );
    }
}

#[test]
fn text_from_yaml_is_escaped_in_reports() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = path_yaml("hostile", "x")
        .replace(
            "name: x",
            "name: \"<script>alert(1)</script> & <b>bold</b>\"",
        )
        .replace(
            "summary: Step in as CTO for a few months.",
            "summary: \"<img src=x onerror=alert(2)> | *md* [link](http://x)\"",
        );
    write(dir.path(), "hostile.yaml", &hostile);
    // Rank the hostile path first, so that it is explained, charted and planned.
    let answers = r#"{"goals": {"income": 5, "variety": 5}, "constraints": {"hours_per_week": 40, "exclude":
        ["founder", "ceo", "sales_engineer", "fractional_cto", "consultant", "advisor", "venture_capital", "side_project_founder"]}}"#;
    for format in ["html", "markdown"] {
        let output = ctopath()
            .arg("--paths")
            .arg(dir.path())
            .args(["assess", "--format", format, "--answers", "-"])
            .write_stdin(answers)
            .output()
            .unwrap();
        let report = String::from_utf8(output.stdout).unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            report.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{format}: the name is not escaped"
        );
        assert!(
            !report.contains("<script"),
            "{format}: markup from YAML got through"
        );
        assert!(
            !report.contains("<img"),
            "{format}: markup from YAML got through"
        );
        assert!(
            !report.contains("<b>"),
            "{format}: markup from YAML got through"
        );
    }
}

#[test]
fn catalogue_text_makes_no_list_or_link_in_a_markdown_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = path_yaml("lookalike", "x")
        .replace("name: x", "name: \"1. See www.evil.example\"")
        .replace(
            "summary: Step in as CTO for a few months.",
            "summary: \"- Not a list: see https://evil.example/a or http://evil.example\"",
        )
        .replace(
            "  - Tell three recruiters you take interim roles.",
            "  - \"- Not a nested list\"\n  - \"2) Not an ordered one\"\n  - \"+ Nor this\"\n  \
             - Mail boss@evil.example or mailto:boss@evil.example, cc @team\n  - \"---\"\n  - \"  10. Indented\"",
        );
    write(dir.path(), "lookalike.yaml", &path);
    let answers = r#"{"goals": {"income": 5, "variety": 5}, "constraints": {"hours_per_week": 40, "exclude":
        ["founder", "ceo", "sales_engineer", "fractional_cto", "consultant", "advisor", "venture_capital", "side_project_founder"]}}"#;
    let output = ctopath()
        .arg("--paths")
        .arg(dir.path())
        .args(["assess", "--format", "markdown", "--answers", "-"])
        .write_stdin(answers)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = String::from_utf8(output.stdout).unwrap();
    // As GitHub renders it: CommonMark with the GFM extensions, bare-URL autolinks among them.
    let options = markdown::Options {
        compile: markdown::CompileOptions {
            allow_dangerous_html: true,
            ..markdown::CompileOptions::gfm()
        },
        ..markdown::Options::gfm()
    };
    let html = markdown::to_html_with_options(&report, &options).unwrap();
    // What a reader sees: an HTML comment shows nothing.
    let html = html.replace("<!-- -->", "");
    assert!(!html.contains("<a "), "a link from the catalogue:\n{html}");
    assert!(
        !html.contains("<ol"),
        "an ordered list from the catalogue:\n{html}"
    );
    assert!(!html.contains("<hr"), "a rule from the catalogue:\n{html}");
    for shown in [
        "<p>- Not a list: see https://evil.example/a or http://evil.example</p>",
        "<li>- Not a nested list</li>",
        "<li>2) Not an ordered one</li>",
        "<li>+ Nor this</li>",
        "<li>Mail boss@evil.example or mailto:boss@evil.example, cc @team</li>",
        "<li>---</li>",
        "<li>10. Indented</li>",
        "1. See www.evil.example",
    ] {
        assert!(
            html.contains(shown),
            "{shown:?} is not shown as written:\n{html}"
        );
    }
}

#[test]
fn output_writes_the_report_to_a_file_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    ctopath()
        .args(["assess", "--format", "html", "--output"])
        .arg(&file)
        .arg("--answers")
        .arg(example(INVESTOR))
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("Wrote"));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    ctopath()
        .args(["assess", "--format", "html", "--output"])
        .arg(&file)
        .arg("--answers")
        .arg(example(INVESTOR))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("pass --force"));
}

/// The report as headless Chromium draws it: not blank, with the charts' colours on screen.
/// Chromium comes from Debian's `chromium` package, which `.ci/run` installs; a machine without
/// it skips this one check with a note, except under CI, where it must run.
#[test]
fn a_browser_draws_the_report_with_its_charts() {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(chromium) = chromium else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium: .ci/run installs it"
        );
        eprintln!(
            "note: chromium is not installed (apt-get install chromium); the screenshot check did not run"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    std::fs::write(&report, run("html", &[])).unwrap();
    let shot = dir.path().join("shot.png");
    let profile = dir.path().join("profile");
    let status = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--window-size=1000,3200"])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", report.display()))
        .output()
        .unwrap();
    assert!(
        shot.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );

    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let rgb: Vec<[u8; 3]> = pixels[..info.buffer_size()]
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    let not_white = rgb.iter().filter(|p| **p != [255, 255, 255]).count();
    assert!(
        not_white * 20 > rgb.len(),
        "the screenshot is (nearly) blank"
    );
    let near = |target: [u8; 3]| {
        rgb.iter()
            .filter(|p| p.iter().zip(target).all(|(a, b)| a.abs_diff(b) <= 8))
            .count()
    };
    for (name, colour) in [
        ("you", [0x2b, 0x6c, 0xb0]),
        ("demands", [0xdd, 0x6b, 0x20]),
        ("scores", [0x2f, 0x85, 0x5a]),
    ] {
        assert!(near(colour) > 500, "the {name} bars are not on screen");
    }
}

/// A path that fails a must-have says so first in every format's ranking, where the report's row
/// had shown only a reason for it: an 87 ranked below a 46 must say why.
#[test]
fn a_path_that_fails_a_must_have_says_so_first_in_every_ranking() {
    let mut answers: Value = serde_json::from_str(
        &std::fs::read_to_string(example("examples/recorded-session.json")).unwrap(),
    )
    .unwrap();
    answers["constraints"]["must_have"] = serde_json::json!(["stability"]);
    let output = |format: &str| {
        let output = ctopath()
            .args([
                "assess",
                "--no-history",
                "--answers",
                "-",
                "--format",
                format,
            ])
            .write_stdin(answers.to_string())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let conflict = "gives little stability (1/5), which you cannot do without";
    let markdown = output("markdown");
    let founder = markdown
        .lines()
        .find(|line| line.starts_with("| ") && line.contains("| Founder |"))
        .unwrap();
    assert!(
        founder.contains(&format!("\\- {conflict}; + ")),
        "{founder}"
    );
    let html = output("html");
    assert!(html.contains(&format!("- {conflict}; + ")), "{html}");
    // The terminal's row gives it first too, above the reason for the path.
    let table = output("table");
    let row = &table[table.find("┆ Founder ").unwrap()..];
    let row = &row[..row.find("│ 10 ┆").unwrap()];
    let (against, for_it) = (
        row.find("- gives little").unwrap(),
        row.find("+ strong").unwrap(),
    );
    assert!(against < for_it, "{row}");
}
