//! The lines of `assess --format ndjson`, written straight into the batch's buffer by the
//! hand-written results (see `results`): a line holds every path's explanation, thousands of
//! fields. With plain `--fields` only, each path's id and name are written once per stream
//! (`PlainPaths`).

use super::results::{self, After};
use super::writer::{Result, Writer, key};
use serde::Serialize;

/// What starts every results line and what follows its paths.
pub struct Line<'a> {
    pub model_version: u32,
    pub record: usize,
    pub line: usize,
    pub after: After<'a>,
}

/// A results line (without its newline): `ranking` and `excluded` write their lists.
pub fn line(
    w: &mut Writer,
    line: &Line,
    ranking: impl FnOnce(&mut Writer) -> Result,
    excluded: impl FnOnce(&mut Writer) -> Result,
) -> Result {
    let Line {
        model_version,
        record,
        line,
        after,
    } = line;
    w.object(|w| {
        w.key(key!("schema_version"))
            .value(&super::json::SCHEMA_VERSION)?;
        w.key(key!("model_version")).value(model_version)?;
        w.key(key!("record")).value(record)?;
        w.key(key!("line")).value(line)?;
        ranking(w.key(key!("ranking")))?;
        excluded(w.key(key!("excluded")))?;
        results::after_paths(w, after)
    })
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

/// The plain fields of each path that never change (`id`, `name`), written once for a stream
/// rather than for every path of every line.
pub struct PlainPaths {
    /// Each path's fixed fields, compact and without braces: `"id":"ceo","name":"CEO"`.
    fixed: Vec<Vec<u8>>,
    rank: bool,
    score: bool,
}

impl PlainPaths {
    /// For `paths` (id, name), with the fields asked for.
    pub fn new<'a>(
        paths: impl IntoIterator<Item = (&'a str, &'a str)>,
        [rank, id, name, score]: [bool; 4],
    ) -> serde_json::Result<PlainPaths> {
        let fixed = paths
            .into_iter()
            .map(|(path_id, path_name)| {
                let mut text = Vec::new();
                let fields = Plain {
                    rank: None,
                    id: id.then_some(path_id),
                    name: name.then_some(path_name),
                    score: None,
                };
                plain(&mut Writer::compact(&mut text), &fields)?;
                // `{…}`: the fields are what is inside the braces.
                Ok(text[1..text.len() - 1].to_vec())
            })
            .collect::<serde_json::Result<_>>()?;
        Ok(PlainPaths { fixed, rank, score })
    }

    /// Path `path` with the fields asked for: the same bytes `plain` writes.
    pub fn write(
        &self,
        w: &mut Writer,
        path: usize,
        rank: Option<usize>,
        score: Option<f64>,
    ) -> Result {
        w.object(|w| {
            if let Some(rank) = rank.filter(|_| self.rank) {
                w.key(key!("rank")).value(&rank)?;
            }
            w.written_fields(self.fixed.get(path).map_or(&[], Vec::as_slice));
            if let Some(score) = score.filter(|_| self.score) {
                w.key(key!("score")).value(&score)?;
            }
            Ok(())
        })
    }
}

/// A path with plain fields only, as `serde_json` writes it.
pub fn plain(w: &mut Writer, path: &Plain) -> Result {
    let Plain {
        rank,
        id,
        name,
        score,
    } = path;
    w.object(|w| {
        if let Some(rank) = rank {
            w.key(key!("rank")).value(rank)?;
        }
        if let Some(id) = id {
            w.key(key!("id")).text(id)?;
        }
        if let Some(name) = name {
            w.key(key!("name")).text(name)?;
        }
        if let Some(score) = score {
            w.key(key!("score")).value(score)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
                        plain(&mut Writer::compact(&mut out), &path).unwrap();
                        let serde = serde_json::to_string(&path).unwrap();
                        assert_eq!(String::from_utf8(out).unwrap(), serde);
                    }
                }
            }
        }
    }
}
