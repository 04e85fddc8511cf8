//! Embeds `paths/*.yaml` so that `ctopath` carries its catalogue wherever it runs.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=paths");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("paths");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("paths/ is part of the source tree")
        .map(|entry| entry.expect("paths/ is readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();

    let mut code =
        String::from("/// The shipped catalogue: (file name, contents), sorted by name.\n");
    code.push_str("pub const FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let name = file
            .file_name()
            .unwrap()
            .to_str()
            .expect("file names are UTF-8");
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_catalogue.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
