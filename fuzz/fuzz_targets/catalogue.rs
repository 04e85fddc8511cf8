//! Any bytes as a path file, and as a criteria file, beside the shipped catalogue: loading must
//! end in a catalogue or a list of problems, never a panic or a runaway.
#![no_main]

use ctopath::catalogue::{Source, load_sources};
use libfuzzer_sys::fuzz_target;

const CRITERIA: &str = include_str!("../../paths/criteria.yaml");

fn source(name: &str, text: &str) -> Source {
    Source {
        display: name.to_string(),
        file_name: name.to_string(),
        text: text.to_string().into(),
        origin: "fuzz",
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let criteria = source("criteria.yaml", CRITERIA);
    let _ = load_sources(
        &[vec![criteria.clone()], vec![source("fuzzed.yaml", text)]],
        Vec::new(),
    );
    let _ = load_sources(&[vec![source("criteria.yaml", text)]], Vec::new());
});
