//! How much a ranking can be trusted. Self-ratings are fuzzy (a 4 could be a 3), so the answers
//! are varied at random, with a fixed seed, and the paths ranked again each time, in the spirit
//! of SMAA's rank acceptability: how often each path comes first, and its likely rank range.
//! Then the smallest single change of an answer that would put another path first.

use super::explain::{self, percent};
use super::rank;
use super::score::{self, PathNumbers, PathTable, Penalties, Person};
use super::{Assessment, Profile, RankedPath};
use crate::model::{Answers, Catalogue, Criteria, RATING_MAX, RATING_MIN};
use serde::Serialize;
use std::borrow::Cow;

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

/// Varies the answers, ranks again, and records each ranked path's stability in the assessment;
/// `numbers` are the catalogue's paths as numbers, in its order (`score::every_path`).
pub(super) fn robustness(
    catalogue: &Catalogue,
    numbers: &[PathNumbers],
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
    // Everything that does not vary is worked out once: each path's numbers, penalties and
    // conflicts. One per ranked path, in the same order (every ranked path is in the catalogue).
    let contenders: Vec<Contender> = ranking
        .iter()
        .filter_map(|ranked| {
            let index = catalogue.index_of(&ranked.id)?;
            let (path, numbers) = (&catalogue.paths[index], &numbers[index]);
            Some(Contender {
                penalties: score::penalties(criteria, &path.id, numbers, &answers.constraints)?,
                numbers: Cow::Borrowed(numbers),
                conflicted: !ranked.conflicts.is_empty(),
                id: &path.id,
            })
        })
        .collect();
    if contenders.len() != ranking.len() {
        return;
    }
    let stated = Profile::new(criteria, answers);
    // Made once for the variations and the flip, which both rank every contender many times.
    let contest = Contest::new(&contenders);
    let stabilities = stabilities_in(criteria, &stated, &contest, settings);
    for (ranked, stability) in ranking.iter_mut().zip(stabilities) {
        ranked.robustness = Some(stability);
    }
    let samples = settings.samples.max(1);

    let share = |ranked: &RankedPath| ranked.robustness.as_ref().map_or(0.0, |s| s.first_share);
    let top = &ranking[0];
    // The path that comes first most often besides the top one; the earlier in the ranking
    // among equals.
    let rival = ranking[1..].iter().reduce(|best, next| {
        if share(next) > share(best) {
            next
        } else {
            best
        }
    });
    let flat = assessment.warnings.iter().any(|w| w.is_flat());
    let clear_winner = !flat && (ranking.len() == 1 || share(top) >= CLEAR_SHARE);
    let verdict = if ranking.len() == 1 {
        format!("{} is the only path your limits leave.", top.name)
    } else if clear_winner {
        format!(
            "{} comes first in {} of {samples} plausible variations of your answers.",
            top.name,
            percent(share(top))
        )
    } else if let Some(rival) = rival {
        let why = if flat {
            "your answers do not separate the paths"
        } else {
            "small changes in your answers reorder them"
        };
        format!(
            "No clear winner: {} comes first in {} of plausible variations of your answers and {} in {}; {why}.",
            top.name,
            percent(share(top)),
            rival.name,
            percent(share(rival)),
        )
    } else {
        format!(
            "No clear winner: {} comes first in {} of plausible variations of your answers.",
            top.name,
            percent(share(top))
        )
    };
    if let Some(rival) = rival
        && share(rival) > share(top)
    {
        assessment
            .warnings
            .push(explain::another_path_first_more_often(
                &top.name,
                share(top),
                &rival.name,
                share(rival),
            ));
    }
    let flip = smallest_flip(criteria, &stated, ranking, &contest);
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

/// How often each contender comes first, and its likely ranks, as the answers vary.
pub(super) fn stabilities(
    criteria: &Criteria,
    stated: &Profile,
    contenders: &[Contender],
    settings: Settings,
) -> Vec<Stability> {
    stabilities_in(criteria, stated, &Contest::new(contenders), settings)
}

/// `stabilities` of the contenders of `contest`.
fn stabilities_in(
    criteria: &Criteria,
    stated: &Profile,
    contest: &Contest,
    settings: Settings,
) -> Vec<Stability> {
    let count = contest.by_id.len();
    // A row by contender. Fewer contenders than variations: how many variations put it at each
    // rank (1 to `count`); more: its rank in each variation, as counts would grow with the
    // square of the contenders (10,000 paths: 400 MB).
    let by_rank = count <= settings.samples.max(1);
    let split = count * settings.samples >= SPLIT_FROM;
    tallied(criteria, stated, contest, settings, by_rank, split)
}

/// From this many rankings of a contender (contenders times variations), the variations are
/// ranked on every core. Measured on 2 cores: split, the 17 built-in paths took 12% longer,
/// 100 and 300 paths the same, and 10,000 paths 7% less.
const SPLIT_FROM: usize = 40_000;

/// `stabilities`, tallying ranks by rank (`by_rank`) or by variation, with the variations
/// ranked on every core if `split`.
fn tallied(
    criteria: &Criteria,
    stated: &Profile,
    contest: &Contest,
    settings: Settings,
    by_rank: bool,
    split: bool,
) -> Vec<Stability> {
    let count = contest.by_id.len();
    if count == 0 {
        return Vec::new();
    }
    let samples = settings.samples.max(1);
    let steps = Steps::new(stated);
    // Each part's tally by rank, a row by contender; or its ranks, a row by variation, copied
    // whole (written a contender at a time into rows by contender, each of 10,000 ranks would
    // land on a cache line of its own).
    let parts = crate::parallel::in_ranges(samples, split, |variations| {
        // The generator as it stands at the part's first variation, so that a seed gives the
        // same variations however the rankings are split.
        let drawn_before = variations.start * steps.answers();
        let mut random = SplitMix64::skipped(settings.seed, drawn_before as u64);
        let mut ranks = Ranks::new(contest);
        let mut varied = Person::new(criteria, stated.clone());
        let mut seen = if by_rank {
            vec![0_u32; count * count]
        } else {
            Vec::with_capacity(count * variations.len())
        };
        for _ in variations {
            steps.vary(&mut varied.profile, &mut random);
            varied.weigh();
            let ranks = ranks.rank(&varied);
            if by_rank {
                for (row, &rank) in seen.chunks_mut(count).zip(ranks) {
                    row[rank as usize - 1] += 1;
                }
            } else {
                seen.extend_from_slice(ranks);
            }
        }
        seen
    });
    let mut row = Vec::with_capacity(if by_rank { count } else { samples });
    (0..count)
        .map(|contender| {
            row.clear();
            if by_rank {
                row.resize(count, 0);
                for part in &parts {
                    let tally = &part[contender * count..][..count];
                    row.iter_mut().zip(tally).for_each(|(sum, n)| *sum += n);
                }
            } else {
                // Contender after contender, the same few hundred cache lines are read.
                for part in &parts {
                    row.extend(part.chunks_exact(count).map(|ranks| ranks[contender]));
                }
            }
            let (firsts, low, high) = if by_rank {
                let range = |share| percentile_of_counts(&row, share);
                (row[0], range(RANK_TAIL), range(1.0 - RANK_TAIL))
            } else {
                let firsts = row.iter().filter(|&&rank| rank == 1).count() as u32;
                let low = percentile_of_ranks(&mut row, RANK_TAIL);
                (firsts, low, percentile_of_ranks(&mut row, 1.0 - RANK_TAIL))
            };
            Stability {
                first_share: f64::from(firsts) / samples as f64,
                rank_range: [low, high],
            }
        })
        .collect()
}

/// A path (or a portfolio), as the variations score it.
pub(super) struct Contender<'a> {
    /// A path's numbers, borrowed from the catalogue's; a portfolio's, made for it.
    pub numbers: Cow<'a, PathNumbers>,
    pub penalties: Penalties,
    pub conflicted: bool,
    pub id: &'a str,
}

/// What ranking the contenders takes that no variation changes, made once and shared by the
/// parts a ranking is split into: their points side by side, their limits and conflicts, and
/// their places in id order, which break ties.
struct Contest {
    table: PathTable,
    penalties: Vec<Penalties>,
    conflicted: Vec<bool>,
    /// Each contender's place among the contenders' ids, alphabetically.
    by_id: Vec<usize>,
    /// The contender at each place in id order.
    at_id: Vec<usize>,
}

impl Contest {
    fn new(contenders: &[Contender]) -> Contest {
        let by_id = rank::id_places(contenders.iter().map(|contender| contender.id));
        Contest {
            table: PathTable::new(contenders.iter().map(|contender| &*contender.numbers)),
            penalties: contenders.iter().map(|c| c.penalties).collect(),
            conflicted: contenders.iter().map(|c| c.conflicted).collect(),
            at_id: at_places(&by_id),
            by_id,
        }
    }
}

/// Ranks the contenders for one profile with the one ordering, reusing its buffers from one
/// variation to the next. Each contender's key (`rank::packed_key`) is worked out once per
/// variation, with ties by id broken by the contenders' places in id order.
struct Ranks<'a> {
    contest: &'a Contest,
    scores: Vec<f64>,
    order: Vec<u64>,
    ranks: Vec<u32>,
}

impl<'a> Ranks<'a> {
    fn new(contest: &'a Contest) -> Ranks<'a> {
        let count = contest.by_id.len();
        Ranks {
            contest,
            scores: Vec::with_capacity(count),
            order: Vec::with_capacity(count),
            ranks: vec![0; count],
        }
    }

    fn rank(&mut self, person: &Person) -> &[u32] {
        let contest = self.contest;
        contest
            .table
            .totals(person, &contest.penalties, &mut self.scores);
        self.order.clear();
        self.order.extend(
            (self.scores.iter().zip(&contest.conflicted))
                .zip(&contest.by_id)
                .map(|((&score, &conflicted), &tie)| rank::packed_key(conflicted, score, tie)),
        );
        if self.order.len() <= COUNTED_UP_TO {
            counted_ranks(&self.order, &mut self.ranks);
        } else {
            sorted_ranks(&mut self.order, &contest.at_id, &mut self.ranks);
        }
        &self.ranks
    }
}

/// Each contender's rank (1: first) from its packed key (`rank::packed_key`, so no two are
/// equal), keys and ranks in contender order: one more than the number of keys below it. For a
/// few contenders this costs no more than sorting and has no branch to mispredict, where a
/// sort's moves follow the random variations.
fn counted_ranks(keys: &[u64], ranks: &mut [u32]) {
    for (rank, &key) in ranks.iter_mut().zip(keys) {
        let below: u32 = keys.iter().map(|&other| u32::from(other < key)).sum();
        *rank = below + 1;
    }
}

/// `counted_ranks` by sorting the keys (left sorted), for many contenders: `at_id[tie]` is the
/// contender whose key holds the tie-break `tie`.
fn sorted_ranks(keys: &mut [u64], at_id: &[usize], ranks: &mut [u32]) {
    keys.sort_unstable();
    for (place, &packed) in keys.iter().enumerate() {
        ranks[at_id[(packed & rank::PACKED_TIE_MASK) as usize]] = place as u32 + 1;
    }
}

/// The contender at each place, from each contender's place (`rank::id_places`).
fn at_places(places: &[usize]) -> Vec<usize> {
    let mut at = vec![0; places.len()];
    for (index, &place) in places.iter().enumerate() {
        at[place] = index;
    }
    at
}

/// Up to this many contenders, ranks are counted rather than sorted (`Ranks::rank`): a count
/// grows with the square of the contenders.
const COUNTED_UP_TO: usize = 32;

/// The index of the contender that comes first under the one ordering (`rank::packed_key`,
/// as `Ranks` ranks them), every contender scored side by side into `scores`.
fn leader(contest: &Contest, person: &Person, scores: &mut Vec<f64>) -> usize {
    contest.table.totals(person, &contest.penalties, scores);
    (scores.iter().zip(&contest.conflicted).zip(&contest.by_id))
        .map(|((&score, &conflicted), &tie)| rank::packed_key(conflicted, score, tie))
        .enumerate()
        .min_by_key(|&(_, key)| key)
        .map_or(0, |(index, _)| index)
}

/// The three values each answer can take in a variation: one lower, as given and one higher,
/// within the scale.
struct Steps {
    levels: Vec<[u8; 3]>,
    importance: Vec<[u8; 3]>,
}

impl Steps {
    fn new(stated: &Profile) -> Steps {
        let steps = |values: &[u8]| -> Vec<[u8; 3]> {
            let within = |value: u8| value.clamp(RATING_MIN, RATING_MAX);
            (values.iter())
                .map(|&base| [base.saturating_sub(1), base, base.saturating_add(1)].map(within))
                .collect()
        };
        Steps {
            levels: steps(&stated.levels),
            importance: steps(&stated.importance),
        }
    }

    /// How many answers a variation moves: every skill level and goal importance.
    fn answers(&self) -> usize {
        self.levels.len() + self.importance.len()
    }

    /// Every skill level and goal importance of the stated answers, moved by -1, 0 or +1.
    fn vary(&self, varied: &mut Profile, random: &mut SplitMix64) {
        for (values, steps) in [
            (&mut varied.levels, &self.levels),
            (&mut varied.importance, &self.importance),
        ] {
            for (value, step) in values.iter_mut().zip(steps) {
                // Picked from a table rather than added and clamped: which way an answer moves
                // is random, so a branch at the scale's ends would be mispredicted two times in
                // three, and this loop runs 400 times per ranking.
                *value = step[(random.next() % 3) as usize];
            }
        }
    }
}

fn values(profile: &mut Profile, skills: bool) -> &mut Vec<u8> {
    if skills {
        &mut profile.levels
    } else {
        &mut profile.importance
    }
}

/// The rank below which `share` of the variations fall, from the rank in each (reordered).
fn percentile_of_ranks(ranks: &mut [u32], share: f64) -> usize {
    let place = ((ranks.len() - 1) as f64 * share).round() as usize;
    *ranks.select_nth_unstable(place.min(ranks.len() - 1)).1 as usize
}

/// The rank below which `share` of the variations fall, from how many put the path at each
/// rank: the rank at that place were the variations' ranks sorted.
fn percentile_of_counts(tally: &[u32], share: f64) -> usize {
    let samples: u32 = tally.iter().sum();
    let place = (f64::from(samples.saturating_sub(1)) * share).round() as u32;
    let mut seen = 0;
    for (rank, &count) in tally.iter().enumerate() {
        seen += count;
        if seen > place {
            return rank + 1;
        }
    }
    tally.len()
}

/// The change of one answer, by as little as possible, that puts another path first under the
/// one ordering; among equally small changes, the first in the criteria's order. `new_top` is
/// the path the ranking would then show first.
fn smallest_flip(
    criteria: &Criteria,
    stated: &Profile,
    ranking: &[RankedPath],
    contest: &Contest,
) -> Option<Flip> {
    let mut changed = Person::new(criteria, stated.clone());
    // Every change of every answer ranks every contender again: side by side, as variations are.
    let mut scores = Vec::with_capacity(contest.by_id.len());
    for step in 1..=(RATING_MAX - RATING_MIN) {
        for (section, list) in [("skills", &criteria.skills), ("goals", &criteria.goals)] {
            for (index, criterion) in list.iter().enumerate() {
                let skills = section == "skills";
                let from = values(&mut changed.profile, skills)[index];
                for to in [from.checked_sub(step), from.checked_add(step)]
                    .into_iter()
                    .flatten()
                {
                    if !(RATING_MIN..=RATING_MAX).contains(&to) {
                        continue;
                    }
                    // Goal weights follow importance alone: a skill's change leaves them be.
                    values(&mut changed.profile, skills)[index] = to;
                    if !skills {
                        changed.weigh();
                    }
                    let top = leader(contest, &changed, &mut scores);
                    values(&mut changed.profile, skills)[index] = from;
                    if !skills {
                        changed.weigh();
                    }
                    if top != 0 {
                        let new_top = &ranking[top];
                        return Some(Flip {
                            key: format!("{section}.{}", criterion.id),
                            from,
                            to,
                            new_top: new_top.id.to_string(),
                            text: flip_text(&new_top.name, &criterion.name, skills, from, to),
                        });
                    }
                }
            }
        }
    }
    None
}

/// Sensitivity, not advice: "Had you rated your selling 3 rather than 4, CEO would come first."
fn flip_text(new_top: &str, criterion: &str, skill: bool, from: u8, to: u8) -> String {
    let criterion = criterion.to_lowercase();
    if skill {
        format!(
            "Had you rated your {criterion} {to} rather than {from}, {new_top} would come first."
        )
    } else {
        format!(
            "Had {criterion} mattered {to} rather than {from} to you, {new_top} would come first."
        )
    }
}

/// A small, well-known pseudo-random generator (splitmix64): the same seed gives the same
/// sequence on every platform, which is what a reported seed promises.
struct SplitMix64(u64);

impl SplitMix64 {
    /// Each number moves the state on by this much.
    const STEP: u64 = 0x9E37_79B9_7F4A_7C15;

    /// The generator seeded with `seed` after it gave `skip` numbers.
    fn skipped(seed: u64, skip: u64) -> SplitMix64 {
        SplitMix64(seed.wrapping_add(skip.wrapping_mul(Self::STEP)))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(Self::STEP);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Ranks counted and ranks sorted agree, for any scores, conflicts and tie-breaks, on
        /// either side of the count's limit.
        #[test]
        fn counted_and_sorted_ranks_agree(
            contenders in proptest::collection::vec(
                (0.0..100.0f64, proptest::bool::ANY),
                1..2 * COUNTED_UP_TO,
            ),
            shuffle in proptest::num::u64::ANY,
        ) {
            // Each contender's tie-break place: a permutation, as `rank::id_places` gives.
            let ids: Vec<String> = (0..contenders.len())
                .map(|index| format!("{:016x}", (index as u64 + 1).wrapping_mul(shuffle | 1)))
                .collect();
            let by_id = rank::id_places(ids.iter().map(String::as_str));
            let at_id = at_places(&by_id);
            // Scores rounded to a few values, so that equal scores are common.
            let mut keys: Vec<u64> = contenders
                .iter()
                .zip(&by_id)
                .map(|(&(score, conflicted), &tie)| {
                    rank::packed_key(conflicted, (score / 10.0).round() * 10.0, tie)
                })
                .collect();
            let mut counted = vec![0; keys.len()];
            counted_ranks(&keys, &mut counted);
            let mut sorted = vec![0; keys.len()];
            sorted_ranks(&mut keys, &at_id, &mut sorted);
            proptest::prop_assert_eq!(counted, sorted);
        }

        /// Ranks tallied by rank (fewer contenders than variations) and by variation (more)
        /// give the same shares and rank ranges.
        #[test]
        fn both_tallies_agree(
            contenders in proptest::collection::vec(
                (
                    crate::engine::arbitrary::demands(),
                    crate::engine::arbitrary::ratings(),
                    proptest::bool::ANY,
                ),
                1..30,
            ),
            levels in crate::engine::arbitrary::levels(),
            importance in crate::engine::arbitrary::importance(),
            samples in 1..60usize,
            seed in proptest::num::u64::ANY,
        ) {
            let criteria = crate::catalogue::load(&[crate::catalogue::Origin::BuiltIn])
                .expect("the built-in catalogue loads")
                .catalogue
                .criteria;
            let ids: Vec<String> = (0..contenders.len()).map(|i| format!("path_{i:02}")).collect();
            let contenders: Vec<Contender> = contenders
                .iter()
                .zip(&ids)
                .map(|((demands, ratings, conflicted), id)| {
                    let mut numbers = PathNumbers::default();
                    numbers.set_demands(&criteria, demands.iter().copied());
                    numbers.set_ratings(ratings.iter().copied());
                    Contender {
                        numbers: Cow::Owned(numbers),
                        penalties: Penalties::default(),
                        conflicted: *conflicted,
                        id,
                    }
                })
                .collect();
            let stated = Profile { levels, importance };
            let settings = Settings { seed, samples };
            let contest = Contest::new(&contenders);
            let by_rank = tallied(&criteria, &stated, &contest, settings, true, false);
            for (by_rank_too, split) in [(false, false), (true, true), (false, true)] {
                let other = tallied(&criteria, &stated, &contest, settings, by_rank_too, split);
                proptest::prop_assert_eq!(&by_rank, &other);
            }
        }
    }

    #[test]
    fn a_variation_moves_each_answer_by_one_at_most_within_the_scale() {
        let every: Vec<u8> = (0..=u8::MAX).collect();
        let stated = Profile {
            levels: every.clone(),
            importance: every.iter().rev().copied().collect(),
        };
        let steps = Steps::new(&stated);
        for (table, values) in [
            (&steps.levels, &stated.levels),
            (&steps.importance, &stated.importance),
        ] {
            for (step, &base) in table.iter().zip(values) {
                let moved = [-1, 0, 1].map(|by: i16| {
                    (i16::from(base) + by).clamp(i16::from(RATING_MIN), i16::from(RATING_MAX)) as u8
                });
                assert_eq!(*step, moved, "{base}");
            }
        }
        // Each of the three is drawn: 300 variations of one answer at 3 take all three values.
        let one = Profile {
            levels: vec![3],
            importance: Vec::new(),
        };
        let (steps, mut varied, mut random) = (Steps::new(&one), one.clone(), SplitMix64(7));
        let mut seen = [0; 6];
        for _ in 0..300 {
            steps.vary(&mut varied, &mut random);
            seen[usize::from(varied.levels[0])] += 1;
        }
        assert!(seen[2] > 50 && seen[3] > 50 && seen[4] > 50, "{seen:?}");
    }

    #[test]
    fn the_generator_is_the_published_splitmix64() {
        // First outputs for seed 1234567, from the reference implementation.
        let mut random = SplitMix64(1_234_567);
        assert_eq!(random.next(), 6_457_827_717_110_365_317);
        assert_eq!(random.next(), 3_203_168_211_198_807_973);
        // A generator skipped ahead gives what the one it skipped would have given next.
        for skip in [0, 1, 2, 7, 1000] {
            let mut stepped = SplitMix64(u64::MAX - 3);
            (0..skip).for_each(|_| _ = stepped.next());
            let mut skipped = SplitMix64::skipped(u64::MAX - 3, skip);
            assert_eq!(skipped.next(), stepped.next(), "{skip}");
        }
    }

    #[test]
    fn percentiles_pick_from_the_sorted_ranks() {
        // Ranks 1 to 100, once each.
        let once = vec![1; 100];
        assert_eq!(percentile_of_counts(&once, 0.05), 6);
        assert_eq!(percentile_of_counts(&once, 0.95), 95);
        let mut ranks: Vec<u32> = (1..=100).rev().collect();
        assert_eq!(percentile_of_ranks(&mut ranks, 0.05), 6);
        assert_eq!(percentile_of_ranks(&mut ranks, 0.95), 95);
        // One variation, at rank 3.
        assert_eq!(percentile_of_counts(&[0, 0, 1], 0.95), 3);
        assert_eq!(percentile_of_ranks(&mut [3], 0.95), 3);
        // 10 at rank 1, 80 at rank 2, 10 at rank 3: the sorted ranks' 5th and 95th percentiles.
        let mut sorted: Vec<usize> = [(1, 10), (2, 80), (3, 10)]
            .iter()
            .flat_map(|&(rank, times)| std::iter::repeat_n(rank, times))
            .collect();
        sorted.sort_unstable();
        for share in [0.0, 0.05, 0.1, 0.11, 0.5, 0.9, 0.91, 0.95, 1.0] {
            let place = ((sorted.len() - 1) as f64 * share).round() as usize;
            assert_eq!(
                percentile_of_counts(&[10, 80, 10], share),
                sorted[place],
                "{share}"
            );
            let mut ranks: Vec<u32> = sorted.iter().rev().map(|&rank| rank as u32).collect();
            assert_eq!(
                percentile_of_ranks(&mut ranks, share),
                sorted[place],
                "{share}"
            );
        }
    }
}
