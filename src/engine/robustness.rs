//! How much a ranking can be trusted. Self-ratings are fuzzy (a 4 could be a 3), so the answers
//! are varied at random, with a fixed seed, and the paths ranked again each time, in the spirit
//! of SMAA's rank acceptability: how often each path comes first, and its likely rank range.
//! Then the smallest single change of an answer that would put another path first.

use super::{Assessment, RankedPath, quick_score};
use crate::model::{Answers, Catalogue, Criterion, RATING_MAX, RATING_MIN};
use serde::Serialize;

/// How the variations are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub seed: u64,
    pub samples: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: DEFAULT_SEED,
            samples: DEFAULT_SAMPLES as usize,
        }
    }
}

pub const DEFAULT_SEED: u64 = 42;
/// Enough for shares to within a few points, and fast: each sample rescoring is a few
/// microseconds.
pub const DEFAULT_SAMPLES: u32 = 400;
/// The top path is a clear winner when it comes first in at least this share of variations.
pub const CLEAR_SHARE: f64 = 0.7;
/// The likely rank range leaves out this share of variations at each end.
const RANK_TAIL: f64 = 0.05;

/// The robustness of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Robustness {
    pub seed: u64,
    pub samples: usize,
    /// How the answers were varied, in words.
    pub method: String,
    /// Whether the top path comes first in at least 70 % of the variations.
    pub clear_winner: bool,
    /// The finding, in words: a clear winner, or no clear winner and why.
    pub verdict: String,
    /// The smallest change of a single answer that puts another path first, if any does.
    pub flip: Option<Flip>,
}

/// How stable one path's place is across the variations.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Stability {
    /// The share of variations (0 to 1) in which this path comes first.
    pub first_share: f64,
    /// The likely rank range: from the 5th to the 95th percentile of its ranks.
    pub rank_range: [usize; 2],
}

/// One answer changed, and the path that would then come first.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Flip {
    /// The answers-file key: `skills.selling`, `goals.income`.
    pub key: String,
    pub from: u8,
    pub to: u8,
    /// The id of the path that would come first.
    pub new_top: String,
    pub text: String,
}

/// Varies the answers, ranks again, and records each ranked path's stability in the assessment.
pub fn robustness(
    catalogue: &Catalogue,
    answers: &Answers,
    assessment: &mut Assessment,
    settings: Settings,
) {
    let ranking = &mut assessment.ranking;
    if ranking.is_empty() {
        assessment.robustness = Some(Robustness {
            seed: settings.seed,
            samples: 0,
            method: METHOD.to_string(),
            clear_winner: false,
            verdict: "No path is left to compare.".to_string(),
            flip: None,
        });
        return;
    }
    let criteria = &catalogue.criteria;
    let paths: Vec<_> = ranking
        .iter()
        .map(|ranked| catalogue.path(&ranked.id))
        .collect();
    let penalties: Vec<f64> = ranking.iter().map(|ranked| ranked.fit.penalty).collect();
    let rank_all = |varied: &Answers, ranks: &mut Vec<usize>, scores: &mut Vec<(f64, usize)>| {
        scores.clear();
        for (index, path) in paths.iter().enumerate() {
            let score = path.map_or(0.0, |path| {
                quick_score(criteria, path, varied, penalties[index])
            });
            scores.push((score, index));
        }
        // Best first, ties by id, as in the ranking itself.
        scores.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| ranking_id(ranking, a.1).cmp(ranking_id(ranking, b.1)))
        });
        ranks.resize(paths.len(), 0);
        for (place, &(_, index)) in scores.iter().enumerate() {
            ranks[index] = place + 1;
        }
    };

    let samples = settings.samples.max(1);
    let mut random = SplitMix64(settings.seed);
    let mut varied = answers.clone();
    let mut ranks = Vec::new();
    let mut scores = Vec::new();
    let mut seen_ranks = vec![Vec::with_capacity(samples); paths.len()];
    for _ in 0..samples {
        vary(
            &mut varied,
            answers,
            &criteria.skills,
            &criteria.goals,
            &mut random,
        );
        rank_all(&varied, &mut ranks, &mut scores);
        for (index, &rank) in ranks.iter().enumerate() {
            seen_ranks[index].push(rank);
        }
    }
    for (ranked, mut seen) in ranking.iter_mut().zip(seen_ranks) {
        seen.sort_unstable();
        let firsts = seen.iter().filter(|&&rank| rank == 1).count();
        ranked.robustness = Some(Stability {
            first_share: firsts as f64 / samples as f64,
            rank_range: [
                percentile(&seen, RANK_TAIL),
                percentile(&seen, 1.0 - RANK_TAIL),
            ],
        });
    }

    let share = |ranked: &RankedPath| ranked.robustness.as_ref().map_or(0.0, |s| s.first_share);
    let top = &ranking[0];
    let clear_winner = ranking.len() == 1 || share(top) >= CLEAR_SHARE;
    let percent = |ranked: &RankedPath| format!("{:.0}%", 100.0 * share(ranked));
    let verdict = if ranking.len() == 1 {
        format!("{} is the only path your limits leave.", top.name)
    } else if clear_winner {
        format!(
            "{} comes first in {} of {samples} plausible variations of your answers.",
            top.name,
            percent(top)
        )
    } else {
        let rival = ranking[1..]
            .iter()
            .max_by(|a, b| share(a).total_cmp(&share(b)))
            .unwrap_or(&ranking[1]);
        format!(
            "No clear winner: {} comes first in {} of plausible variations of your answers and {} in {}; \
             small changes in your answers reorder them.",
            top.name,
            percent(top),
            rival.name,
            percent(rival)
        )
    };
    let flip = smallest_flip(catalogue, answers, ranking, &paths, &penalties);
    assessment.robustness = Some(Robustness {
        seed: settings.seed,
        samples,
        method: METHOD.to_string(),
        clear_winner,
        verdict,
        flip,
    });
}

const METHOD: &str = "each skill level and goal importance moved by -1, 0 or +1 (equally likely, \
    within 1 to 5) in every variation; constraints kept as given";

fn ranking_id(ranking: &[RankedPath], index: usize) -> &str {
    &ranking[index].id
}

/// The answers with every skill and goal moved by -1, 0 or +1 from `stated`, within the scale.
fn vary(
    varied: &mut Answers,
    stated: &Answers,
    skills: &[Criterion],
    goals: &[Criterion],
    random: &mut SplitMix64,
) {
    for (list, values, original) in [
        (skills, &mut varied.skills, &stated.skills),
        (goals, &mut varied.goals, &stated.goals),
    ] {
        for criterion in list {
            let base = original
                .get(&criterion.id)
                .copied()
                .unwrap_or(criterion.default);
            let moved = match random.next() % 3 {
                0 => base.saturating_sub(1),
                1 => base,
                _ => base.saturating_add(1),
            };
            values.insert(criterion.id.clone(), moved.clamp(RATING_MIN, RATING_MAX));
        }
    }
}

/// The value below which `share` of the sorted values fall.
fn percentile(sorted: &[usize], share: f64) -> usize {
    let index = ((sorted.len() - 1) as f64 * share).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// The change of one answer, by as little as possible, that puts another path first; among
/// equally small changes, the first in the criteria's order.
fn smallest_flip(
    catalogue: &Catalogue,
    answers: &Answers,
    ranking: &[RankedPath],
    paths: &[Option<&crate::model::CareerPath>],
    penalties: &[f64],
) -> Option<Flip> {
    let criteria = &catalogue.criteria;
    let top_of = |changed: &Answers| {
        let mut best: Option<(f64, &RankedPath)> = None;
        for (index, ranked) in ranking.iter().enumerate() {
            let score = paths[index].map_or(0.0, |path| {
                quick_score(criteria, path, changed, penalties[index])
            });
            let better = match best {
                None => true,
                Some((best_score, best_path)) => {
                    score > best_score || (score == best_score && ranked.id < best_path.id)
                }
            };
            if better {
                best = Some((score, ranked));
            }
        }
        best.map(|(_, ranked)| ranked)
    };
    let mut changed = answers.clone();
    for step in 1..=(RATING_MAX - RATING_MIN) {
        for (section, list) in [("skills", &criteria.skills), ("goals", &criteria.goals)] {
            for criterion in list {
                let from = if section == "skills" {
                    &answers.skills
                } else {
                    &answers.goals
                }
                .get(&criterion.id)
                .copied()
                .unwrap_or(criterion.default);
                for to in [from.checked_sub(step), from.checked_add(step)]
                    .into_iter()
                    .flatten()
                {
                    if !(RATING_MIN..=RATING_MAX).contains(&to) {
                        continue;
                    }
                    let values = if section == "skills" {
                        &mut changed.skills
                    } else {
                        &mut changed.goals
                    };
                    values.insert(criterion.id.clone(), to);
                    let new_top = top_of(&changed)
                        .filter(|new| new.id != ranking[0].id)
                        .cloned();
                    let values = if section == "skills" {
                        &mut changed.skills
                    } else {
                        &mut changed.goals
                    };
                    values.insert(criterion.id.clone(), from);
                    if let Some(new_top) = new_top {
                        let what = if section == "skills" {
                            "your"
                        } else {
                            "the importance of"
                        };
                        return Some(Flip {
                            key: format!("{section}.{}", criterion.id),
                            from,
                            to,
                            text: format!(
                                "{} would come first if {what} {} were {to} instead of {from}.",
                                new_top.name,
                                criterion.name.to_lowercase()
                            ),
                            new_top: new_top.id,
                        });
                    }
                }
            }
        }
    }
    None
}

/// A small, well-known pseudo-random generator (splitmix64): the same seed gives the same
/// sequence on every platform, which is what a reported seed promises.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::{SplitMix64, percentile};

    #[test]
    fn the_generator_is_the_published_splitmix64() {
        // First outputs for seed 1234567, from the reference implementation.
        let mut random = SplitMix64(1_234_567);
        assert_eq!(random.next(), 6_457_827_717_110_365_317);
        assert_eq!(random.next(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn percentiles_pick_from_the_sorted_values() {
        let values: Vec<usize> = (1..=100).collect();
        assert_eq!(percentile(&values, 0.05), 6);
        assert_eq!(percentile(&values, 0.95), 95);
        assert_eq!(percentile(&[3], 0.95), 3);
    }
}
