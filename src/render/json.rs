//! JSON for scripts. The shapes are a public contract (README: "Results JSON"): fields may be
//! added, never renamed or dropped. `SCHEMA_VERSION` changes only if that promise is broken.

use super::writer::{SPILL_AT, Writer};
use super::{Again, Renderer};
use crate::engine::{Assessment, Comparison, Plan, Portfolios};
use crate::journal::{Entry, History, ReviewReport};
use crate::model::{CareerPath, Catalogue, Criteria, RATING_MAX, RATING_MIN};
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

pub struct Json;

/// What `assess --format json` prints.
// Its schema, and what the test of `results::results` holds that writer's bytes equal to.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "ctopath results")]
pub struct Results<'a> {
    /// Changes only if a field is renamed or removed; new fields may appear at any time.
    pub schema_version: u32,
    #[serde(flatten)]
    pub assessment: &'a Assessment,
}

/// Any result, with the schema version beside its own fields.
#[derive(Serialize)]
struct Versioned<'a, T: Serialize> {
    schema_version: u32,
    #[serde(flatten)]
    value: &'a T,
}

/// The JSON Schema of `compare --format json`.
pub fn comparison_schema() -> serde_json::Value {
    versioned_schema(schemars::schema_for!(Comparison), "ctopath comparison")
}

/// The JSON Schema of `plan --format json`.
pub fn plan_schema() -> serde_json::Value {
    versioned_schema(schemars::schema_for!(Plan), "ctopath plan")
}

/// The JSON Schema of `portfolio --format json`.
pub fn portfolios_schema() -> serde_json::Value {
    versioned_schema(schemars::schema_for!(Portfolios), "ctopath portfolios")
}

/// A schema with `schema_version` added beside the type's own fields, as `Versioned` writes it.
fn versioned_schema(schema: schemars::Schema, title: &str) -> serde_json::Value {
    let mut schema = serde_json::to_value(schema).expect("a schema is JSON");
    schema["title"] = title.into();
    schema["properties"]["schema_version"] = serde_json::json!({"type": "integer", "minimum": 1});
    if let Some(required) = schema["required"].as_array_mut() {
        required.insert(0, "schema_version".into());
    }
    schema
}

/// The JSON Schema of `history --format json`.
pub fn history_schema() -> serde_json::Value {
    versioned_schema(schemars::schema_for!(History), "ctopath history")
}

/// The JSON Schema of `history show N --format json`.
pub fn history_entry_schema() -> serde_json::Value {
    versioned_schema(schemars::schema_for!(Entry), "ctopath history entry")
}

/// The JSON Schema of `review --format json`.
pub fn review_schema() -> serde_json::Value {
    versioned_schema(schemars::schema_for!(ReviewReport), "ctopath review")
}

/// The JSON Schema of the results.
pub fn results_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Results<'static>)).expect("a schema is JSON")
}

impl Renderer for Json {
    fn assessment(
        &self,
        out: &mut dyn Write,
        assessment: &Assessment,
        _: &Catalogue,
        _: &Again,
    ) -> io::Result<()> {
        // By hand (serde's call per token cost more than the scoring), in a few large writes: the
        // bytes serde writes for `Results`.
        let mut text = Vec::with_capacity(2 * SPILL_AT);
        super::results::results(
            &mut Writer::pretty(&mut text).spilling_into(out),
            assessment,
        )?;
        text.push(b'\n');
        out.write_all(&text)
    }

    fn paths(&self, out: &mut dyn Write, catalogue: &Catalogue) -> io::Result<()> {
        let paths: Vec<_> = catalogue
            .paths
            .iter()
            .map(|path| {
                json!({
                    "id": path.id,
                    "name": path.name,
                    "summary": path.summary,
                    "source": path.source,
                    "origin": path.origin,
                    "replaces": path.replaces,
                })
            })
            .collect();
        write(
            out,
            &json!({"schema_version": SCHEMA_VERSION, "paths": paths}),
        )
    }

    fn path(&self, out: &mut dyn Write, path: &CareerPath, _: &Criteria) -> io::Result<()> {
        write(out, path)
    }

    fn questions(&self, out: &mut dyn Write, catalogue: &Catalogue) -> io::Result<()> {
        let criteria = &catalogue.criteria;
        let paths: Vec<_> = catalogue
            .paths
            .iter()
            .map(|path| json!({"id": path.id, "name": path.name}))
            .collect();
        write(
            out,
            &json!({
                "schema_version": SCHEMA_VERSION,
                "scale": {"min": RATING_MIN, "max": RATING_MAX},
                "skills": criteria.skills,
                "goals": criteria.goals,
                "constraints": criteria.constraints,
                "paths": paths,
            }),
        )
    }

    fn comparison(
        &self,
        out: &mut dyn Write,
        comparison: &Comparison,
        _: &Criteria,
    ) -> io::Result<()> {
        write(
            out,
            &Versioned {
                schema_version: SCHEMA_VERSION,
                value: comparison,
            },
        )
    }

    fn plan(&self, out: &mut dyn Write, plan: &Plan) -> io::Result<()> {
        write(
            out,
            &Versioned {
                schema_version: SCHEMA_VERSION,
                value: plan,
            },
        )
    }

    fn portfolios(
        &self,
        out: &mut dyn Write,
        portfolios: &Portfolios,
        _: &Again,
    ) -> io::Result<()> {
        write(
            out,
            &Versioned {
                schema_version: SCHEMA_VERSION,
                value: portfolios,
            },
        )
    }

    fn history(&self, out: &mut dyn Write, history: &History) -> io::Result<()> {
        write(
            out,
            &Versioned {
                schema_version: SCHEMA_VERSION,
                value: history,
            },
        )
    }

    fn history_entry(&self, out: &mut dyn Write, entry: &Entry) -> io::Result<()> {
        write(
            out,
            &Versioned {
                schema_version: SCHEMA_VERSION,
                value: entry,
            },
        )
    }

    fn review(&self, out: &mut dyn Write, review: &ReviewReport) -> io::Result<()> {
        write(
            out,
            &Versioned {
                schema_version: SCHEMA_VERSION,
                value: review,
            },
        )
    }
}

fn write(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    // A pretty writer makes a call per token, which through a `dyn Write` costs more than the
    // JSON itself; a buffer of its own takes them, without holding the whole text (portfolios
    // run to tens of kilobytes) in memory.
    let mut buffered = io::BufWriter::with_capacity(SPILL_AT, out);
    serde_json::to_writer_pretty(&mut buffered, value)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// An answers file with every skill and goal at its default and no constraint set, in the
/// criteria's order so that it reads like the questionnaire.
pub fn answers_template(criteria: &Criteria) -> String {
    let section = |items: Vec<(String, String)>| {
        let lines: Vec<String> = items
            .into_iter()
            .map(|(key, value)| format!("    {}: {value}", json!(key)))
            .collect();
        format!("{{\n{}\n  }}", lines.join(",\n"))
    };
    let ratings = |list: &[crate::model::Criterion]| {
        section(
            list.iter()
                .map(|c| (c.id.to_string(), c.default.to_string()))
                .collect(),
        )
    };
    let constraints = section(vec![
        ("hours_per_week".into(), "null".into()),
        ("runway_months".into(), "null".into()),
        ("min_income".into(), "null".into()),
        ("exclude".into(), "[]".into()),
        ("must_have".into(), "[]".into()),
        ("keeps_job".into(), "null".into()),
    ]);
    format!(
        "{{\n  \"skills\": {},\n  \"goals\": {},\n  \"constraints\": {constraints}\n}}\n",
        ratings(&criteria.skills),
        ratings(&criteria.goals)
    )
}
