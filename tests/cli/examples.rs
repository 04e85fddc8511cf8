//! Every file in `examples/` runs, so that none of them rots.

use crate::common::ctopath;
use std::path::Path;

#[test]
fn every_example_answers_file_is_accepted_in_every_format() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        for format in ["table", "json"] {
            let output = ctopath()
                .args(["assess", "--format", format, "--answers"])
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{} ({format}): {}",
                path.display(),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                String::from_utf8_lossy(&output.stderr).is_empty(),
                "{}: no warnings expected",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 3,
        "expected the example answers files in {}",
        dir.display()
    );
}
