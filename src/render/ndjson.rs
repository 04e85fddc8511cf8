//! The lines of `assess --format ndjson`, written straight into the batch's buffer by the
//! hand-written results (see `results`): a line holds every path's explanation, thousands of
//! fields. With plain `--fields` only, each path's id and name are written once per stream
//! (`PlainPaths`).

use super::results::{self, After};
use super::writer::{Result, Writer, key};

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
        let (mut ruled_out, mut ranked) = (Vec::new(), Vec::new());
        for (path_id, path_name) in paths {
            // The fixed fields as they stand inside the braces: `"id":"ceo","name":"CEO"`.
            let mut fields = Vec::new();
            let w = &mut Writer::compact(&mut fields);
            if id {
                w.key(key!("id")).text(path_id)?;
            }
            if name {
                w.key(key!("name")).text(path_name)?;
            }
            ruled_out.push([b"{", fields.as_slice(), b"}"].concat());
            // Then the score's key; after the rank, if asked, each with a comma first.
            let score_key: &[u8] = if score { b"\"score\":" } else { b"" };
            let mut text = if rank { Vec::new() } else { b"{".to_vec() };
            let mut comma = rank;
            for part in [fields.as_slice(), score_key] {
                if !part.is_empty() {
                    if comma {
                        text.push(b',');
                    }
                    text.extend_from_slice(part);
                    comma = true;
                }
            }
            ranked.push(text);
        }
        Ok(PlainPaths {
            ruled_out,
            ranked,
            rank,
            score,
        })
    }

    /// Ranked path `path`, at `rank` with `score`, with the fields asked for.
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
    /// score).
    pub fn write_ruled_out(&self, w: &mut Writer, path: usize) -> Result {
        w.written_value(|out| {
            out.extend_from_slice(&self.ruled_out[path]);
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    /// A path with plain fields only, as serde writes it: what `PlainPaths` must write.
    #[derive(Serialize)]
    struct Plain<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        rank: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        score: Option<f64>,
    }

    #[test]
    fn plain_paths_write_what_serde_writes_for_any_fields() {
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
}
