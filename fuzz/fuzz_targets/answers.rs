//! Any bytes as answers, one object or a stream: parsing, scoring and splitting records must
//! end in results or errors, never a panic.
#![no_main]

use ctopath::catalogue::{Origin, load};
use ctopath::model::Catalogue;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        load(&[Origin::BuiltIn])
            .expect("the shipped catalogue loads")
            .catalogue
    })
}

fuzz_target!(|bytes: &[u8]| {
    let catalogue = catalogue();
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Ok(answers) = ctopath::answers::parse(text, "fuzz", catalogue)
    {
        let assessment = ctopath::engine::assess_robustly(
            catalogue,
            &answers,
            ctopath::engine::Settings {
                seed: 1,
                samples: 20,
            },
        );
        if let [a, b, ..] = assessment.ranking.as_slice() {
            let _ = ctopath::engine::compare(catalogue, &answers, &assessment, &a.id, &b.id);
        }
    }
    let mut records = ctopath::records::Records::new(bytes);
    let mut batch = ctopath::records::Batch::default();
    while records.fill(&mut batch, 16).unwrap_or(false) {}
});
