//! Checks `paths/*.yaml` with the same parser and checks as ctopath itself, fails the build on any
//! problem (with its file, line and column), and compiles the checked catalogue in as Rust
//! values, so that ctopath parses no built-in YAML when it starts. The files' text is embedded
//! too, for `paths new` copies, fuzzing and checking the built-in paths against a user's criteria.
// The crate's own modules are included whole; the build uses only part of them.
#![allow(dead_code)]

#[path = "src/catalogue/check.rs"]
mod check;
#[path = "src/catalogue/file.rs"]
mod file;
#[path = "src/catalogue/format.rs"]
mod format;
#[path = "src/model.rs"]
mod model;
#[path = "src/suggest.rs"]
mod suggest;
#[path = "src/text.rs"]
mod text;
#[path = "src/catalogue/yaml.rs"]
mod yaml;

use file::{Problem, Source};
use model::{
    Basis, CareerPath, ChoiceQuestion, Criteria, Criterion, Fact, NumberQuestion, PathSource, Text,
};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::{env, fs};

/// On Linux with glibc, links GCC's unwinder (`libgcc_eh.a`, as `gcc -static-libgcc` does) into
/// the binary, where Rust would load `libgcc_s.so.1` at every start: that library's loading and
/// its start-up code (which asks the processor for its features, an exit to the hypervisor on a
/// virtual machine) took about 100 µs of a 1.5 ms assessment (`benches/one-shot.sh`). Panics
/// unwind and print backtraces the same. Where the C compiler has no `libgcc_eh.a`, or the
/// build is for another machine, nothing changes: `libgcc_s` is loaded as before.
fn link_the_unwinder_in() {
    println!("cargo::rerun-if-env-changed=CC");
    let target = |key: &str| env::var(key).unwrap_or_default();
    if target("CARGO_CFG_TARGET_OS") != "linux"
        || target("CARGO_CFG_TARGET_ENV") != "gnu"
        || target("TARGET") != target("HOST")
    {
        return;
    }
    let compiler = env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let Ok(found) = std::process::Command::new(compiler)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
    else {
        return;
    };
    // The compiler prints the name alone when it has no such file.
    let file = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
    if let (true, Some(folder)) = (file.is_absolute() && file.is_file(), file.parent()) {
        println!("cargo::rustc-link-search=native={}", folder.display());
        // Not bundled into the library: named at the binary's link, before the standard
        // library's `-lgcc_s`, which `--as-needed` then leaves out.
        println!("cargo::rustc-link-lib=static:-bundle=gcc_eh");
    }
}

fn main() {
    println!("cargo::rerun-if-changed=paths");
    println!("cargo::rerun-if-changed=src/model.rs");
    println!("cargo::rerun-if-changed=src/text.rs");
    println!("cargo::rerun-if-changed=src/suggest.rs");
    println!("cargo::rerun-if-changed=src/catalogue");
    link_the_unwinder_in();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("paths");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("paths/ is part of the source tree")
        .map(|entry| entry.expect("paths/ is readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();

    let sources: Vec<(String, Source)> = files
        .iter()
        .map(|file| {
            let name = file
                .file_name()
                .unwrap()
                .to_str()
                .expect("file names are UTF-8")
                .to_string();
            let text = fs::read_to_string(file).expect("a built-in file is UTF-8 text");
            let source = Source {
                display: format!("built-in:{name}"),
                file_name: name.clone(),
                text: text.into(),
                origin: "built-in",
            };
            (file.display().to_string(), source)
        })
        .collect();
    let (criteria, paths) = check_all(&sources);

    let mut code =
        String::from("/// The shipped catalogue: (file name, contents), sorted by name.\n");
    code.push_str("pub const FILES: &[(&str, &str)] = &[\n");
    for (file, source) in &sources {
        writeln!(
            code,
            "    ({:?}, include_str!({file:?})),",
            source.file_name
        )
        .unwrap();
    }
    code.push_str("];\n\n");
    code.push_str(
        "/// The shipped catalogue, checked when ctopath was built; paths sorted by id.\n\
         pub fn catalogue() -> crate::model::Catalogue {\n    \
         use crate::model::*;\n    \
         use std::collections::BTreeMap;\n    \
         Catalogue {\n        criteria: ",
    );
    criteria.lit(&mut code);
    code.push_str(",\n        paths: ");
    paths.lit(&mut code);
    code.push_str(",\n    }\n}\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_catalogue.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

/// The criteria and the paths (sorted by id), or a failed build listing every problem.
fn check_all(sources: &[(String, Source)]) -> (Criteria, Vec<CareerPath>) {
    let mut problems: Vec<Problem> = Vec::new();
    let criteria = sources
        .iter()
        .find(|(_, source)| file::is_criteria_file(&source.file_name))
        .and_then(|(_, source)| check::parse_criteria(source, &mut problems));
    let mut paths: BTreeMap<Text, CareerPath> = BTreeMap::new();
    if let Some(criteria) = &criteria {
        for (_, source) in sources
            .iter()
            .filter(|(_, source)| !file::is_criteria_file(&source.file_name))
        {
            let Some((path, id_at)) = check::parse_path(source, criteria, &mut problems) else {
                continue;
            };
            if let Some(first) = paths.get(&path.id) {
                problems.push(Problem {
                    file: source.display.clone(),
                    position: Some(id_at),
                    message: format!("duplicate id '{}': {} has it too", path.id, first.source),
                    hint: Some("give each path in a folder its own id".to_string()),
                });
                continue;
            }
            paths.insert(path.id.clone(), path);
        }
    } else if problems.is_empty() {
        problems.push(Problem {
            file: "paths".to_string(),
            position: None,
            message: format!("no {} found", file::CRITERIA_FILE),
            hint: None,
        });
    }
    if !problems.is_empty() {
        // Cargo shows a failed build script's standard error.
        for problem in &problems {
            eprintln!("{problem}");
        }
        eprintln!(
            "the built-in catalogue has {}; paths/README.md has the format",
            file::plural(problems.len(), "problem")
        );
        std::process::exit(1);
    }
    (
        criteria.expect("checked above"),
        paths.into_values().collect(),
    )
}

/// A value written as the Rust expression that builds it.
trait Lit {
    fn lit(&self, out: &mut String);
}

/// A text borrowed from the binary: the built-in catalogue copies none of its texts.
impl Lit for Text {
    fn lit(&self, out: &mut String) {
        write!(out, "Text::Borrowed({self:?})").unwrap();
    }
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl Lit for $t {
            fn lit(&self, out: &mut String) {
                write!(out, "{self:?}").unwrap();
            }
        }
    )*};
}
plain!(u8, u32, u64, bool);

impl Lit for f64 {
    fn lit(&self, out: &mut String) {
        write!(out, "{self:?}_f64").unwrap();
    }
}

impl<T: Lit> Lit for Option<T> {
    fn lit(&self, out: &mut String) {
        match self {
            Some(value) => {
                out.push_str("Some(");
                value.lit(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl<T: Lit> Lit for Vec<T> {
    fn lit(&self, out: &mut String) {
        out.push_str("vec![");
        for item in self {
            item.lit(out);
            out.push_str(", ");
        }
        out.push(']');
    }
}

impl Lit for BTreeMap<Text, u8> {
    fn lit(&self, out: &mut String) {
        out.push_str("BTreeMap::from([");
        for (key, value) in self {
            write!(out, "(Text::Borrowed({key:?}), {value}), ").unwrap();
        }
        out.push_str("])");
    }
}

/// `Name { field: value, … }` for a struct of the model.
macro_rules! record {
    ($t:ident { $($field:ident),* $(,)? }) => {
        impl Lit for $t {
            fn lit(&self, out: &mut String) {
                out.push_str(concat!(stringify!($t), " { "));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.lit(out);
                    out.push_str(", ");
                )*
                out.push('}');
            }
        }
    };
}

use model::{Combines, ConstraintTexts, IncomeRange, Need, Parts, Penalties, Realities, Weights};
record!(Criteria {
    weights,
    penalties,
    skills,
    goals,
    constraints
});
record!(Weights { skills, goals });
record!(Penalties {
    hours_per_week,
    runway_months,
    min_income
});
record!(Criterion {
    id,
    name,
    question,
    low,
    high,
    default,
    grow
});
record!(ConstraintTexts {
    hours_per_week,
    runway_months,
    min_income,
    exclude,
    must_have,
    keeps_job
});
record!(NumberQuestion {
    name,
    question,
    unit,
    min,
    max,
    default
});
record!(ChoiceQuestion { name, question });
record!(CareerPath {
    id,
    name,
    summary,
    description,
    demands,
    gives,
    realities,
    first_steps,
    experiments,
    review_after_weeks,
    alongside_job,
    combines,
    sources,
    facts,
    source,
    origin,
    replaces,
});
record!(Realities {
    hours_per_week,
    runway_months,
    income_usd
});
record!(Need {
    min,
    typical,
    basis
});
record!(IncomeRange { low, high, basis });
record!(PathSource { id, title, address });
record!(Fact { text, sources });
record!(Parts {
    unit,
    units,
    hours_per_unit,
    income_per_unit,
    min_units,
    max_units,
    overhead_hours
});

impl Lit for (u64, u64) {
    fn lit(&self, out: &mut String) {
        write!(out, "({}, {})", self.0, self.1).unwrap();
    }
}

impl Lit for Combines {
    fn lit(&self, out: &mut String) {
        match self {
            Combines::Alone => out.push_str("Combines::Alone"),
            Combines::Anchor => out.push_str("Combines::Anchor"),
            Combines::InParts(parts) => {
                out.push_str("Combines::InParts(");
                parts.lit(out);
                out.push(')');
            }
        }
    }
}

impl Lit for Basis {
    fn lit(&self, out: &mut String) {
        match self {
            Basis::Sources(ids) => {
                out.push_str("Basis::Sources(");
                ids.lit(out);
                out.push(')');
            }
            Basis::Estimate(how) => {
                out.push_str("Basis::Estimate(");
                how.lit(out);
                out.push(')');
            }
            Basis::Unstated => out.push_str("Basis::Unstated"),
        }
    }
}
