//! The lines of `assess --format ndjson`, written straight into the batch's buffer. A line holds
//! every path's explanation, thousands of fields, and serde's call per field cost more than the
//! scoring itself, so the ranked paths and exclusions are written here by hand: the same bytes
//! `serde_json` writes for these types, field for field (each type is taken apart whole, so a
//! field added to one fails to compile here until it is written, and a test holds the bytes
//! equal). Everything else on the line goes through serde.

use crate::engine::{
    Conflict, Contribution, Exclusion, Fit, RankedPath, Reason, Reasons, Robustness,
};
use crate::model::{Assumption, Kind};
use serde::Serialize;

pub type Result = serde_json::Result<()>;

/// What starts every results line and what follows its paths.
pub struct Line<'a> {
    pub model_version: u32,
    pub record: usize,
    pub line: usize,
    pub assumed: &'a [Assumption],
    pub warnings: &'a [crate::engine::Warning],
    pub robustness: Option<&'a Robustness>,
    pub portfolios: Option<&'a crate::engine::Portfolios>,
}

/// A results line (without its newline): `ranking` and `excluded` write their lists' items.
pub fn line(
    out: &mut Vec<u8>,
    line: &Line,
    ranking: impl FnOnce(&mut Vec<u8>) -> Result,
    excluded: impl FnOnce(&mut Vec<u8>) -> Result,
) -> Result {
    out.extend_from_slice(b"{\"schema_version\":");
    value(out, &super::json::SCHEMA_VERSION)?;
    out.extend_from_slice(b",\"model_version\":");
    value(out, &line.model_version)?;
    out.extend_from_slice(b",\"record\":");
    value(out, &line.record)?;
    out.extend_from_slice(b",\"line\":");
    value(out, &line.line)?;
    out.extend_from_slice(b",\"ranking\":[");
    ranking(out)?;
    out.extend_from_slice(b"],\"excluded\":[");
    excluded(out)?;
    out.extend_from_slice(b"],\"assumed\":");
    value(out, line.assumed)?;
    out.extend_from_slice(b",\"warnings\":");
    value(out, line.warnings)?;
    if let Some(robustness) = line.robustness {
        out.extend_from_slice(b",\"robustness\":");
        value(out, robustness)?;
    }
    if let Some(portfolios) = line.portfolios {
        out.extend_from_slice(b",\"portfolios\":");
        value(out, portfolios)?;
    }
    out.push(b'}');
    Ok(())
}

/// The items of a list, separated by commas.
pub fn items<T>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut Vec<u8>, T) -> Result,
) -> Result {
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write(out, item)?;
    }
    Ok(())
}

/// A path with plain fields only (`--fields` of rank, id, name, score); those not asked for are
/// left out.
#[derive(Serialize)]
pub struct Plain<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

/// A path with plain fields only, as `serde_json` writes it.
pub fn plain(out: &mut Vec<u8>, path: &Plain) -> Result {
    let Plain {
        rank,
        id,
        name,
        score,
    } = path;
    let mut separator = b'{';
    let mut key = |out: &mut Vec<u8>, key: &[u8]| {
        out.push(separator);
        separator = b',';
        out.extend_from_slice(key);
    };
    if let Some(rank) = rank {
        key(out, b"\"rank\":");
        value(out, rank)?;
    }
    if let Some(id) = id {
        key(out, b"\"id\":");
        text(out, id)?;
    }
    if let Some(name) = name {
        key(out, b"\"name\":");
        text(out, name)?;
    }
    if let Some(score) = score {
        key(out, b"\"score\":");
        value(out, score)?;
    }
    if separator == b'{' {
        out.push(b'{');
    }
    out.push(b'}');
    Ok(())
}

/// A ranked path, every field, as `serde_json` writes it.
pub fn ranked_path(out: &mut Vec<u8>, path: &RankedPath) -> Result {
    let RankedPath {
        rank,
        id,
        name,
        score,
        band,
        fit,
        conflicts,
        contributions,
        reasons,
        first_step,
        robustness,
    } = path;
    out.extend_from_slice(b"{\"rank\":");
    value(out, rank)?;
    out.extend_from_slice(b",\"id\":");
    text(out, id)?;
    out.extend_from_slice(b",\"name\":");
    text(out, name)?;
    out.extend_from_slice(b",\"score\":");
    value(out, score)?;
    out.extend_from_slice(b",\"band\":");
    value(out, band)?;
    let Fit {
        skills,
        goals,
        penalty,
    } = fit;
    out.extend_from_slice(b",\"fit\":{\"skills\":");
    value(out, skills)?;
    out.extend_from_slice(b",\"goals\":");
    value(out, goals)?;
    out.extend_from_slice(b",\"penalty\":");
    value(out, penalty)?;
    out.extend_from_slice(b"},\"conflicts\":[");
    items(out, conflicts, conflict)?;
    out.extend_from_slice(b"],\"contributions\":[");
    items(out, contributions, contribution)?;
    let Reasons { for_path, against } = reasons;
    out.extend_from_slice(b"],\"reasons\":{\"for\":[");
    items(out, for_path, reason)?;
    out.extend_from_slice(b"],\"against\":[");
    items(out, against, reason)?;
    out.extend_from_slice(b"]},\"first_step\":");
    match first_step {
        Some(step) => text(out, step)?,
        None => out.extend_from_slice(b"null"),
    }
    if let Some(stability) = robustness {
        out.extend_from_slice(b",\"robustness\":");
        value(out, stability)?;
    }
    out.push(b'}');
    Ok(())
}

/// A path a hard constraint ruled out, every field.
pub fn exclusion(out: &mut Vec<u8>, exclusion: &Exclusion) -> Result {
    let Exclusion {
        id,
        name,
        constraints,
        reason,
    } = exclusion;
    out.extend_from_slice(b"{\"id\":");
    text(out, id)?;
    out.extend_from_slice(b",\"name\":");
    text(out, name)?;
    out.extend_from_slice(b",\"constraints\":[");
    items(out, constraints, |out, constraint| text(out, constraint))?;
    out.extend_from_slice(b"],\"reason\":");
    text(out, reason)?;
    out.push(b'}');
    Ok(())
}

fn conflict(out: &mut Vec<u8>, conflict: &Conflict) -> Result {
    let Conflict {
        criterion,
        answer,
        path,
        text: words,
    } = conflict;
    out.extend_from_slice(b"{\"criterion\":");
    text(out, criterion)?;
    out.extend_from_slice(b",\"answer\":");
    value(out, answer)?;
    out.extend_from_slice(b",\"path\":");
    value(out, path)?;
    out.extend_from_slice(b",\"text\":");
    text(out, words)?;
    out.push(b'}');
    Ok(())
}

fn contribution(out: &mut Vec<u8>, contribution: &Contribution) -> Result {
    let Contribution {
        kind: which,
        criterion,
        points,
        possible,
        lost,
        answer,
        path,
    } = contribution;
    out.extend_from_slice(b"{\"kind\":");
    kind(out, *which);
    out.extend_from_slice(b",\"criterion\":");
    text(out, criterion)?;
    out.extend_from_slice(b",\"points\":");
    value(out, points)?;
    out.extend_from_slice(b",\"possible\":");
    value(out, possible)?;
    out.extend_from_slice(b",\"lost\":");
    value(out, lost)?;
    out.extend_from_slice(b",\"answer\":");
    value(out, answer)?;
    out.extend_from_slice(b",\"path\":");
    value(out, path)?;
    out.push(b'}');
    Ok(())
}

fn reason(out: &mut Vec<u8>, reason: &Reason) -> Result {
    let Reason {
        kind: which,
        criterion,
        points,
        text: words,
    } = reason;
    out.extend_from_slice(b"{\"kind\":");
    kind(out, *which);
    out.extend_from_slice(b",\"criterion\":");
    text(out, criterion)?;
    out.extend_from_slice(b",\"points\":");
    value(out, points)?;
    out.extend_from_slice(b",\"text\":");
    text(out, words)?;
    out.push(b'}');
    Ok(())
}

/// `Kind` as its serde name.
fn kind(out: &mut Vec<u8>, kind: Kind) {
    out.extend_from_slice(match kind {
        Kind::Skill => b"\"skill\"",
        Kind::Goal => b"\"goal\"",
        Kind::Constraint => b"\"constraint\"",
    });
}

/// A string as `serde_json` writes it: as it is when nothing in it needs escaping (serde_json
/// escapes only `"`, `\` and C0 controls), through serde_json otherwise.
pub fn text(out: &mut Vec<u8>, text: &str) -> Result {
    if !needs_escape(text.as_bytes()) {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        Ok(())
    } else {
        value(out, text)
    }
}

/// Whether any byte is `"`, `\` or below 0x20: sixteen bytes at a time, every byte of each
/// looked at, so that the compiler checks them together.
fn needs_escape(bytes: &[u8]) -> bool {
    bytes.chunks(16).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | (b < 0x20) | (b == b'"') | (b == b'\\')
        })
    })
}

/// Anything else, through serde_json: numbers (floats as it writes them), options, lists.
pub fn value<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result {
    serde_json::to_writer(&mut *out, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Origin, load};

    /// Every ranked path and exclusion of many answers, hand-written and through serde: the same
    /// bytes.
    #[test]
    fn paths_are_written_as_serde_writes_them() {
        let catalogue = load(&[Origin::BuiltIn]).expect("built-in").catalogue;
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for round in 0..300 {
            let skills: Vec<String> = catalogue
                .criteria
                .skills
                .iter()
                .map(|s| format!("\"{}\":{}", s.id, 1 + next(5)))
                .collect();
            let goals: Vec<String> = catalogue
                .criteria
                .goals
                .iter()
                .filter_map(|g| {
                    let (given, value) = (round % 3 != 0 || next(2) == 0, 1 + next(5));
                    given.then(|| format!("\"{}\":{value}", g.id))
                })
                .collect();
            let must = &catalogue.criteria.goals[next(8) as usize % catalogue.criteria.goals.len()];
            let text = format!(
                "{{\"skills\":{{{}}},\"goals\":{{{}}},\"constraints\":{{\"hours_per_week\":{},\
                 \"runway_months\":{},\"min_income\":{},\"must_have\":[\"{}\"],\"keeps_job\":{}}}}}",
                skills.join(","),
                goals.join(","),
                [5, 10, 20, 40, 60][next(5) as usize],
                next(37),
                [0, 100000, 200000][next(3) as usize],
                must.id,
                next(2) == 0,
            );
            let answers = crate::answers::parse(&text, "test", &catalogue).expect("valid");
            let mut assessment = crate::engine::assess(&catalogue, &answers);
            if round % 10 == 0 {
                crate::engine::robustness(
                    &catalogue,
                    &answers,
                    &mut assessment,
                    crate::engine::Settings {
                        seed: 1,
                        samples: 20,
                    },
                );
            }
            for path in &assessment.ranking {
                let mut out = Vec::new();
                ranked_path(&mut out, path).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    serde_json::to_string(path).unwrap()
                );
            }
            for excluded in &assessment.excluded {
                let mut out = Vec::new();
                exclusion(&mut out, excluded).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    serde_json::to_string(excluded).unwrap()
                );
            }
        }
    }

    #[test]
    fn plain_paths_are_written_as_serde_writes_them() {
        for rank in [None, Some(3)] {
            for id in [None, Some("ceo")] {
                for name in [None, Some("A \"quoted\" name")] {
                    for score in [None, Some(71.25), Some(0.1 + 0.2)] {
                        let path = Plain {
                            rank,
                            id,
                            name,
                            score,
                        };
                        let mut out = Vec::new();
                        plain(&mut out, &path).unwrap();
                        let serde = serde_json::to_string(&path).unwrap();
                        assert_eq!(String::from_utf8(out).unwrap(), serde);
                    }
                }
            }
        }
    }

    #[test]
    fn text_escapes_as_serde_does() {
        let long = "a longer text, with \u{e9}, past eight bytes";
        for sample in [
            "plain",
            "a \"quote\"",
            "back\\slash",
            "tab\there",
            "\u{202e}bidi",
            "é",
            long,
            &format!("{long}\u{1f}"),
            &format!("{long}\"{long}"),
            &format!("{long}\\"),
            &format!("\u{7f}{long}\u{0}"),
            "\u{10ffff}\u{80}\u{ff}\u{2028}........",
        ] {
            let mut out = Vec::new();
            text(&mut out, sample).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(sample).unwrap()
            );
        }
        // Each ASCII byte at each place of a text of 17, among letters and among bytes above 0x80.
        for filler in ["a", "\u{e9}"] {
            for byte in 0u8..0x80 {
                for at in 0..17 {
                    let mut sample: Vec<String> = vec![filler.to_string(); 17];
                    sample[at] = char::from(byte).to_string();
                    let sample = sample.concat();
                    let naive = sample.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
                    assert_eq!(needs_escape(sample.as_bytes()), naive, "{sample:?}");
                }
            }
        }
    }
}
