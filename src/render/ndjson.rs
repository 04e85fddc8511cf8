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

/// The plain fields of each path that never change (`id`, `name`), made into text once for a
/// stream rather than for every path of every line: only ranks and scores are written each time.
pub struct PlainPaths {
    /// Each path as a path ruled out is written, whole: `{"id":"ceo","name":"CEO"}`.
    ruled_out: Vec<Vec<u8>>,
    /// Each ranked path's text after its rank (if asked) and up to its score (if asked):
    /// `,"id":"ceo","name":"CEO","score":`.
    ranked: Vec<Vec<u8>>,
    rank: bool,
    score: bool,
}

impl PlainPaths {
    /// For `paths` (id, name), with the fields asked for.
    pub fn new<'a>(
        paths: impl IntoIterator<Item = (&'a str, &'a str)>,
        [rank, id, name, score]: [bool; 4],
    ) -> serde_json::Result<PlainPaths> {
        let ruled_out = paths
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
                Ok(text)
            })
            .collect::<serde_json::Result<Vec<Vec<u8>>>>()?;
        let ranked = ruled_out
            .iter()
            .map(|whole| {
                // The fields inside the braces, then the score's key: after the rank, if asked,
                // each with a comma first.
                let fields = &whole[1..whole.len() - 1];
                let score_key: &[u8] = if score { b"\"score\":" } else { b"" };
                let mut text = if rank { Vec::new() } else { b"{".to_vec() };
                let mut comma = rank;
                for part in [fields, score_key] {
                    if !part.is_empty() {
                        if comma {
                            text.push(b',');
                        }
                        text.extend_from_slice(part);
                        comma = true;
                    }
                }
                text
            })
            .collect();
        Ok(PlainPaths {
            ruled_out,
            ranked,
            rank,
            score,
        })
    }

    /// Ranked path `path`, at `rank` with `score`, with the fields asked for: the bytes `plain`
    /// writes.
    pub fn write_ranked(&self, w: &mut Writer, path: usize, rank: usize, score: f64) -> Result {
        w.written_value(|out| {
            if self.rank {
                out.extend_from_slice(b"{\"rank\":");
                serde_json::to_writer(&mut *out, &rank)?;
            }
            out.extend_from_slice(&self.ranked[path]);
            if self.score {
                serde_json::to_writer(&mut *out, &score)?;
            }
            out.push(b'}');
            Ok(())
        })
    }

    /// Path `path`, which a limit rules out, with the fields asked for (it has no rank or
    /// score): the bytes `plain` writes.
    pub fn write_ruled_out(&self, w: &mut Writer, path: usize) -> Result {
        w.written_value(|out| {
            out.extend_from_slice(&self.ruled_out[path]);
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
    fn plain_paths_write_what_plain_writes_for_any_fields() {
        let paths = [("ceo", "CEO"), ("odd", "A \"quoted\" name")];
        for asked in 0..16u8 {
            let [rank, id, name, score] = [0, 1, 2, 3].map(|bit| asked & (1 << bit) != 0);
            let made = PlainPaths::new(paths, [rank, id, name, score]).unwrap();
            for (index, (path_id, path_name)) in paths.into_iter().enumerate() {
                let expected = |ranked: bool| {
                    let fields = Plain {
                        rank: (ranked && rank).then_some(2),
                        id: id.then_some(path_id),
                        name: name.then_some(path_name),
                        score: (ranked && score).then_some(0.1 + 0.2),
                    };
                    format!("[{}]", serde_json::to_string(&fields).unwrap())
                };
                let written = |write: &dyn Fn(&mut Writer) -> Result| {
                    let mut out = Vec::new();
                    Writer::compact(&mut out)
                        .list([()], |w, ()| write(w))
                        .unwrap();
                    String::from_utf8(out).unwrap()
                };
                assert_eq!(
                    written(&|w| made.write_ranked(w, index, 2, 0.1 + 0.2)),
                    expected(true),
                    "{asked:04b}"
                );
                assert_eq!(
                    written(&|w| made.write_ruled_out(w, index)),
                    expected(false),
                    "{asked:04b}"
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
                        plain(&mut Writer::compact(&mut out), &path).unwrap();
                        let serde = serde_json::to_string(&path).unwrap();
                        assert_eq!(String::from_utf8(out).unwrap(), serde);
                    }
                }
            }
        }
    }
}
