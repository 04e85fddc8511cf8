//! The one scoring core. Every score ctopath shows, ranks or varies is computed here, term by
//! term, into a [`Sink`]: a summing sink when only the score is needed (robustness, streams), a
//! recording sink when each term is explained. So the explained score and the fast score cannot
//! drift apart.
//!
//! For one path and one person (model 2):
//!
//! ```text
//! skill k demanded at d_k, your level l_k:  met_k  = 1 − ((d_k − l_k) / (d_k − 1))²  if l_k < d_k, else 1
//! goal g rated r_g by the path:             value_g = VALUE[r_g]       (1 → 0, 2 → 0.1, 3 → 0.5, 4 → 0.85, 5 → 1)
//! goal g you rate i_g:                      weight_g = WEIGHT[i_g]     (1 → 0, 2 → 1, 3 → 4, 4 → 16, 5 → 64)
//! possible_k = 100 · W_s · d_k / Σ d        points_k = possible_k · met_k
//! possible_g = 100 · W_g · weight_g / Σ weight          points_g = possible_g · value_g
//! fit        = Σ points / 100
//! constraint c, partly met:                 points_c = −100 · fit · penalty_c
//! score      = Σ points_k + Σ points_g + Σ points_c   (0 to 100)
//! ```
//!
//! Every `possible` adds up to 100, so `lost = possible − points` adds up to `100 − score`.

use crate::model::{
    CareerPath, Catalogue, Constraints, Criteria, NEUTRAL_RATING, Profile, RATING_MAX,
};

/// What a goal rating (1–5) is worth: a path rating a goal 1 or 2 gives next to nothing of it,
/// a 3 half, a 4 most. Indexed by rating; index 0 is unused.
pub const GOAL_VALUE: [f64; 6] = [0.0, 0.0, 0.1, 0.5, 0.85, 1.0];

/// How much a goal counts for how much it matters to you (1–5): a goal that does not matter (1)
/// counts for nothing, and each step up counts four times the one below, so the goals you rate
/// highest decide even when you rate most goals 4 or 5. Indexed by importance; 0 is unused.
pub const GOAL_WEIGHT: [f64; 6] = [0.0, 0.0, 1.0, 4.0, 16.0, 64.0];

/// A skill level below the demand keeps this share of the skill's points: nothing at level 1,
/// and more lost for each further step down (the shortfall counts squared).
pub fn skill_met(level: u8, demand: u8) -> f64 {
    SKILL_MET[usize::from(demand.min(RATING_MAX))][usize::from(level.min(RATING_MAX))]
}

/// `skill_met` for every demand and level (0 to 5), worked out once: it is looked up for every
/// skill of every path each time a path is scored.
const SKILL_MET: [[f64; 6]; 6] = {
    let mut table = [[1.0; 6]; 6];
    let mut demand = 2;
    while demand < 6 {
        let mut level = 0;
        while level < demand {
            let shortfall = (demand - level) as f64 / (demand - 1) as f64;
            table[demand][level] = 1.0 - shortfall * shortfall;
            level += 1;
        }
        demand += 1;
    }
    table
};

/// A person's answers made ready for scoring: levels and importance in the criteria's order,
/// each goal's weight, and the points each goal can give (the same for every path).
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub profile: Profile,
    weights: Vec<f64>,
    total_weight: f64,
    /// `100 · W_g`: the points all goals together can give.
    goal_points: f64,
    /// Each goal's `possible`.
    goal_possible: Vec<f64>,
}

impl Person {
    pub fn new(criteria: &Criteria, profile: Profile) -> Person {
        let mut person = Person {
            profile,
            weights: Vec::new(),
            total_weight: 0.0,
            goal_points: 100.0 * criteria.weights.goals,
            goal_possible: Vec::new(),
        };
        person.weigh();
        person
    }

    /// This person turned into the one `profile` describes, in the room this one had: a
    /// stream's workers score person after person, and a new `Person` would allocate twice.
    pub fn renew(&mut self, profile: Profile) -> &Person {
        self.profile = profile;
        self.weigh();
        self
    }

    /// Works the goal weights out again after the profile changed.
    pub fn weigh(&mut self) {
        self.weights.clear();
        self.weights.extend(
            self.profile
                .importance
                .iter()
                .map(|&importance| GOAL_WEIGHT[usize::from(importance.min(RATING_MAX))]),
        );
        self.total_weight = self.weights.iter().sum();
        // Nothing matters more than anything else: every goal counts the same.
        if self.total_weight == 0.0 {
            self.weights.iter_mut().for_each(|weight| *weight = 1.0);
            self.total_weight = self.weights.len() as f64;
        }
        self.goal_possible.clear();
        self.goal_possible.extend(
            self.weights
                .iter()
                .map(|weight| self.goal_points * weight / self.total_weight),
        );
    }

    pub fn levels(&self) -> &[u8] {
        &self.profile.levels
    }

    pub fn importance(&self) -> &[u8] {
        &self.profile.importance
    }
}

/// A path as numbers in the criteria's order: the level it demands of each skill (0: not
/// needed), its rating of each goal, and what it takes and pays. The default has no numbers yet:
/// room to [`refill`](PathNumbers::refill).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PathNumbers {
    demands: Vec<u8>,
    ratings: Vec<u8>,
    /// Each skill's `possible` (0 where not demanded), worked out with the demands.
    skill_possible: Vec<f64>,
    /// Each skill's points at each level (0 to 5): `possible · skill_met`, worked out with the
    /// demands, as a path is scored many times over for each one it is built.
    skill_points: Vec<[f64; LEVELS]>,
    /// What each goal's rating is worth (`GOAL_VALUE`), worked out with the ratings.
    goal_values: Vec<f64>,
    /// Hours a week and months of runway: (least, typical); income: (low, high).
    pub hours: (u32, u32),
    pub runway: (u32, u32),
    pub income: (u64, u64),
    /// Usually done beside a job the person keeps.
    pub alongside_job: bool,
}

impl PathNumbers {
    pub fn new(criteria: &Criteria, path: &CareerPath) -> PathNumbers {
        let mut numbers = PathNumbers {
            hours: (
                path.realities.hours_per_week.min,
                path.realities.hours_per_week.typical,
            ),
            runway: (
                path.realities.runway_months.min,
                path.realities.runway_months.typical,
            ),
            income: (
                path.realities.income_usd.low,
                path.realities.income_usd.high,
            ),
            alongside_job: path.alongside_job,
            ..PathNumbers::default()
        };
        numbers.set_demands(
            criteria,
            criteria
                .skills
                .iter()
                .map(|s| path.demands.get(&s.id).copied().unwrap_or(0)),
        );
        numbers.set_ratings(
            criteria
                .goals
                .iter()
                .map(|g| path.gives.get(&g.id).copied().unwrap_or(NEUTRAL_RATING)),
        );
        numbers
    }

    /// The level demanded of each skill, in the criteria's order (0: not demanded).
    pub fn demands(&self) -> &[u8] {
        &self.demands
    }

    /// The path's rating of each goal, in the criteria's order.
    pub fn ratings(&self) -> &[u8] {
        &self.ratings
    }

    /// Sets the demands, and works out what each skill can give, keeping the lists' room: for
    /// scoring many made-up paths (portfolios) without allocating.
    pub fn set_demands(&mut self, criteria: &Criteria, demands: impl Iterator<Item = u8>) {
        self.demands.clear();
        self.demands.extend(demands);
        let skill_weight = 100.0 * criteria.weights.skills;
        let total_demand: f64 = self.demands.iter().map(|&d| f64::from(d)).sum();
        self.skill_possible.clear();
        self.skill_possible
            .extend(self.demands.iter().map(|&demand| {
                if demand > 0 && total_demand > 0.0 {
                    skill_weight * f64::from(demand) / total_demand
                } else {
                    0.0
                }
            }));
        self.skill_points.clear();
        self.skill_points
            .extend(
                self.demands
                    .iter()
                    .zip(&self.skill_possible)
                    .map(|(&demand, &possible)| {
                        std::array::from_fn(|level| possible * skill_met(level as u8, demand))
                    }),
            );
    }

    /// Sets the ratings, and what each is worth, keeping the lists' room.
    pub fn set_ratings(&mut self, ratings: impl Iterator<Item = u8>) {
        self.ratings.clear();
        self.ratings.extend(ratings);
        self.goal_values.clear();
        self.goal_values.extend(
            self.ratings
                .iter()
                .map(|&rating| GOAL_VALUE[usize::from(rating.min(RATING_MAX))]),
        );
    }
}

/// One term of a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Term {
    /// Skill `index` of the criteria: your level, the path's demand (0: not demanded).
    Skill { index: usize, level: u8, demand: u8 },
    /// Goal `index`: how much it matters to you, and the path's rating.
    Goal {
        index: usize,
        importance: u8,
        rating: u8,
    },
    /// A limit that is partly met: the share of the fit it takes away.
    Limit { limit: Limit, penalty: f64 },
}

/// Receives the terms of a score, in order: every skill, every goal, then each limit.
pub trait Sink {
    fn term(&mut self, term: Term, points: f64, possible: f64);
}

/// Adds the points up: the score, and nothing else.
#[derive(Debug, Default, Clone, Copy)]
pub struct Total(pub f64);

impl Sink for Total {
    fn term(&mut self, _: Term, points: f64, _: f64) {
        self.0 += points;
    }
}

/// Scores one path for one person into `sink`. `penalties` are the limits' shares of the fit
/// (see [`limits`]); a path a limit rules out is never scored.
pub fn score(path: &PathNumbers, person: &Person, penalties: &Penalties, sink: &mut impl Sink) {
    let mut fit_points = 0.0;
    // Indexed rather than zipped: this loop runs for every path in every variation of the
    // answers, and slices cut to one length let the compiler drop the bounds checks.
    let skills = path.demands.len().min(person.levels().len());
    let (demands, levels) = (&path.demands[..skills], &person.levels()[..skills]);
    let (possibles, table) = (&path.skill_possible[..skills], &path.skill_points[..skills]);
    for index in 0..skills {
        let level = levels[index];
        let points = table[index][usize::from(level.min(RATING_MAX))];
        fit_points += points;
        sink.term(
            Term::Skill {
                index,
                level,
                demand: demands[index],
            },
            points,
            possibles[index],
        );
    }
    let goals = path.ratings.len().min(person.importance().len());
    let (ratings, values) = (&path.ratings[..goals], &path.goal_values[..goals]);
    let (importance, possibles) = (
        &person.importance()[..goals],
        &person.goal_possible[..goals],
    );
    for index in 0..goals {
        let possible = possibles[index];
        let points = possible * values[index];
        fit_points += points;
        sink.term(
            Term::Goal {
                index,
                importance: importance[index],
                rating: ratings[index],
            },
            points,
            possible,
        );
    }
    for (limit, penalty) in Limit::ALL.into_iter().zip(penalties.0) {
        sink.term(
            Term::Limit { limit, penalty },
            limit_points(fit_points, penalty),
            0.0,
        );
    }
}

/// The score alone.
pub fn total(path: &PathNumbers, person: &Person, penalties: &Penalties) -> f64 {
    let mut total = Total::default();
    score(path, person, penalties, &mut total);
    total.0
}

/// Every path of the catalogue as numbers, in its order: what ranking, robustness and the
/// portfolio search all score from, worked out once per catalogue.
pub fn every_path(catalogue: &Catalogue) -> Vec<PathNumbers> {
    catalogue
        .paths
        .iter()
        .map(|path| PathNumbers::new(&catalogue.criteria, path))
        .collect()
}

/// Many paths scored for one person at a time: the terms of [`score`] into a [`Total`], added in
/// the same order (each skill, each goal, then each limit that costs something), so every total
/// is the very number `total` gives. Paths are taken four at a time, their points side by side,
/// so each term is added to four sums at once: the robustness check and a stream rank every path
/// for a person hundreds of thousands of times, and this is most of that work.
#[derive(Debug, Clone, Default)]
pub struct PathTable {
    paths: usize,
    skills: usize,
    goals: usize,
    /// Block by block (the last padded with zeros), row `skill · 6 + level`: the block's points
    /// for that skill at that level.
    skill_points: Vec<Block>,
    /// Block by block, row `goal`: what the block's ratings of that goal are worth.
    goal_values: Vec<Block>,
}

/// Paths scored side by side: eight fill four SSE2 registers, and each answer's row is found once
/// for eight paths. With four, one assessment's variations took 21% more instructions in
/// `totals` (callgrind); each path's sum is added in the same order either way.
const BLOCK: usize = 8;
type Block = [f64; BLOCK];

impl PathTable {
    pub fn new<'a>(paths: impl ExactSizeIterator<Item = &'a PathNumbers> + Clone) -> PathTable {
        let count = paths.len();
        let first = paths.clone().next();
        let skills = first.map_or(0, |path| path.skill_points.len());
        let goals = first.map_or(0, |path| path.goal_values.len());
        let blocks = count.div_ceil(BLOCK);
        let mut table = PathTable {
            paths: count,
            skills,
            goals,
            skill_points: vec![[0.0; BLOCK]; blocks * skills * LEVELS],
            goal_values: vec![[0.0; BLOCK]; blocks * goals],
        };
        for (index, path) in paths.enumerate() {
            let (block, lane) = (index / BLOCK, index % BLOCK);
            for (skill, levels) in path.skill_points.iter().enumerate().take(skills) {
                for (level, &points) in levels.iter().enumerate() {
                    table.skill_points[(block * skills + skill) * LEVELS + level][lane] = points;
                }
            }
            for (goal, &value) in path.goal_values.iter().enumerate().take(goals) {
                table.goal_values[block * goals + goal][lane] = value;
            }
        }
        table
    }

    /// Each path's score for `person`, in the table's order, into `totals`; `penalties` holds
    /// each path's limits, in the same order.
    pub fn totals(&self, person: &Person, penalties: &[Penalties], totals: &mut Vec<f64>) {
        let blocks = self.paths.div_ceil(BLOCK);
        totals.clear();
        // The last block's padding is written too, then cut off.
        totals.reserve(blocks * BLOCK);
        let (skill_rows, goals) = (self.skills * LEVELS, self.goals);
        for block in 0..blocks {
            let skill_points = &self.skill_points[block * skill_rows..(block + 1) * skill_rows];
            let goal_values = &self.goal_values[block * goals..(block + 1) * goals];
            let mut sums: Block = [0.0; BLOCK];
            for (skill, &level) in person.levels().iter().enumerate().take(self.skills) {
                let points = &skill_points[skill * LEVELS + usize::from(level.min(RATING_MAX))];
                for (sum, &points) in sums.iter_mut().zip(points) {
                    *sum += points;
                }
            }
            for (values, &possible) in goal_values.iter().zip(&person.goal_possible) {
                for (sum, &value) in sums.iter_mut().zip(values) {
                    *sum += possible * value;
                }
            }
            totals.extend_from_slice(&sums);
        }
        totals.truncate(self.paths);
        for (total, penalties) in totals.iter_mut().zip(penalties) {
            let fit_points = *total;
            for &penalty in &penalties.0 {
                *total += limit_points(fit_points, penalty);
            }
        }
    }
}

/// Skill levels 0 to 5, one row each.
const LEVELS: usize = RATING_MAX as usize + 1;

/// The points a limit takes: a share of the fit, or nothing.
fn limit_points(fit_points: f64, penalty: f64) -> f64 {
    // Written so that a limit that costs nothing gives 0, not -0.
    if penalty > 0.0 {
        -fit_points * penalty
    } else {
        0.0
    }
}

/// The numeric limits, in the order their terms come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    Hours,
    Runway,
    Income,
}

impl Limit {
    pub const ALL: [Limit; 3] = [Limit::Hours, Limit::Runway, Limit::Income];

    /// The constraint's id in answers and results.
    pub fn id(self) -> &'static str {
        match self {
            Limit::Hours => "hours_per_week",
            Limit::Runway => "runway_months",
            Limit::Income => "min_income",
        }
    }

    fn cap(self, criteria: &Criteria) -> f64 {
        let caps = &criteria.penalties;
        match self {
            Limit::Hours => caps.hours_per_week,
            Limit::Runway => caps.runway_months,
            Limit::Income => caps.min_income,
        }
    }

    /// The person's value for this limit (`None`: not set) and the path's side of it.
    pub fn values(self, given: &Constraints, path: &PathNumbers) -> (Option<u64>, u64) {
        match self {
            Limit::Hours => (given.hours_per_week.map(u64::from), u64::from(path.hours.1)),
            Limit::Runway => (given.runway_months.map(u64::from), u64::from(path.runway.1)),
            Limit::Income => (given.min_income, path.income.0),
        }
    }

    fn meet(self, given: &Constraints, path: &PathNumbers) -> Meeting {
        match self {
            Limit::Hours => meet_need(given.hours_per_week, path.hours),
            Limit::Runway => meet_need(given.runway_months, path.runway),
            // A job kept beside the path pays the floor; the path need not.
            Limit::Income if job_pays_floor(given, path) => Meeting::Met,
            Limit::Income => meet_income(given.min_income, path.income),
        }
    }
}

/// Whether a job the person keeps beside the path pays their income floor: the path is one done
/// alongside a job, and they said they keep one.
pub fn job_pays_floor(given: &Constraints, path: &PathNumbers) -> bool {
    path.alongside_job && given.keeps_job == Some(true)
}

/// How one limit meets what a path needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Meeting {
    /// No limit set, or the path's typical need is met.
    Met,
    /// Partly met: the shortfall as a share (0 to 1] of the room between minimum and typical.
    Short(f64),
    /// Below the path's minimum: the path is ruled out.
    Unmet,
}

/// Hours and runway: below the path's minimum rules it out; between minimum and typical costs a
/// share of the cap that grows linearly with the shortfall.
fn meet_need(given: Option<u32>, (min, typical): (u32, u32)) -> Meeting {
    match given {
        None => Meeting::Met,
        Some(given) if given < min => Meeting::Unmet,
        Some(given) if given < typical => {
            Meeting::Short(f64::from(typical - given) / f64::from(typical - min))
        }
        Some(_) => Meeting::Met,
    }
}

/// Income: a floor above the top of the path's range rules it out; a floor inside the range
/// costs a share of the cap that grows with how far up the range it sits.
fn meet_income(floor: Option<u64>, (low, high): (u64, u64)) -> Meeting {
    match floor {
        Some(floor) if floor > high => Meeting::Unmet,
        // Lossless for any income below 2^53 USD, far above the allowed maximum.
        Some(floor) if floor > low => Meeting::Short((floor - low) as f64 / (high - low) as f64),
        _ => Meeting::Met,
    }
}

/// Each numeric limit's share of the fit it takes away, in [`Limit::ALL`]'s order.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Penalties(pub [f64; 3]);

impl Penalties {
    pub fn total(&self) -> f64 {
        self.0.iter().sum()
    }
}

/// How a person's limits meet one path: each limit's meeting, and the penalties; `None` from
/// [`penalties`] when one rules the path out.
pub fn meetings(given: &Constraints, path: &PathNumbers) -> [(Limit, Meeting); 3] {
    Limit::ALL.map(|limit| (limit, limit.meet(given, path)))
}

/// Whether the person excludes path `id` by name.
pub fn excluded_by_name(given: &Constraints, id: &str) -> bool {
    // Most people exclude nothing: then no path id is looked up.
    !given.exclude.is_empty() && given.exclude.contains(id)
}

/// The penalties a path's limits take, or `None` when a limit (or `exclude`) rules it out.
pub fn penalties(
    criteria: &Criteria,
    id: &str,
    path: &PathNumbers,
    given: &Constraints,
) -> Option<Penalties> {
    if excluded_by_name(given, id) {
        return None;
    }
    let mut penalties = Penalties::default();
    // Each limit met in turn, not all of them first: this runs for every path of every person
    // in a stream, and the first limit that rules the path out ends it.
    for (slot, limit) in penalties.0.iter_mut().zip(Limit::ALL) {
        match limit.meet(given, path) {
            Meeting::Met => {}
            Meeting::Short(share) => *slot = limit.cap(criteria) * share,
            Meeting::Unmet => return None,
        }
    }
    Some(penalties)
}

/// The must-haves a path rates 1 or 2: goal indexes in the criteria's order.
pub fn conflicts<'a>(
    criteria: &'a Criteria,
    path: &'a PathNumbers,
    given: &'a Constraints,
) -> impl Iterator<Item = usize> + 'a {
    must_haves(criteria, given).filter(|&index| in_conflict(path, index))
}

/// The goals the person must have: indexes in the criteria's order.
pub fn must_haves<'a>(
    criteria: &'a Criteria,
    given: &'a Constraints,
) -> impl Iterator<Item = usize> + 'a {
    criteria
        .goals
        .iter()
        .enumerate()
        .filter(|(_, goal)| given.must_have.iter().any(|id| *id == *goal.id))
        .map(|(index, _)| index)
}

/// Whether the path gives too little of goal `index`, should it be a must-have.
pub fn in_conflict(path: &PathNumbers, index: usize) -> bool {
    path.ratings()[index] <= CONFLICT_RATING
}

/// A must-have a path rates at this or below is in conflict with it.
pub const CONFLICT_RATING: u8 = 2;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::Just;

    #[test]
    fn a_skill_far_below_its_demand_costs_more_than_one_just_below() {
        assert_eq!(skill_met(5, 4), 1.0);
        assert_eq!(skill_met(4, 4), 1.0);
        assert_eq!(skill_met(3, 4), 1.0 - 1.0 / 9.0);
        assert_eq!(skill_met(1, 4), 0.0);
        assert_eq!(skill_met(1, 2), 0.0);
        let losses: Vec<f64> = (1..=5).rev().map(|l| 1.0 - skill_met(l, 5)).collect();
        // Each step down loses more than the step before.
        for pair in losses.windows(3) {
            assert!(pair[2] - pair[1] > pair[1] - pair[0], "{losses:?}");
        }
    }

    proptest::proptest! {
        /// The table's totals are `total`'s, to the bit, for any paths and any person.
        #[test]
        fn the_path_table_scores_as_score_does(
            paths in proptest::collection::vec(
                (
                    crate::engine::arbitrary::demands(),
                    crate::engine::arbitrary::ratings(),
                    proptest::array::uniform3(proptest::prop_oneof![Just(0.0), 0.0..0.5f64]),
                ),
                0..20,
            ),
            levels in crate::engine::arbitrary::levels(),
            importance in crate::engine::arbitrary::importance(),
        ) {
            let criteria = builtin_criteria();
            let numbers: Vec<PathNumbers> = paths
                .iter()
                .map(|(demands, ratings, _)| {
                    let mut numbers = PathNumbers::default();
                    numbers.set_demands(&criteria, demands.iter().copied());
                    numbers.set_ratings(ratings.iter().copied());
                    numbers
                })
                .collect();
            let penalties: Vec<Penalties> =
                paths.iter().map(|(_, _, shares)| Penalties(*shares)).collect();
            let person = Person::new(&criteria, Profile { levels, importance });
            let mut totals = Vec::new();
            PathTable::new(numbers.iter()).totals(&person, &penalties, &mut totals);
            proptest::prop_assert_eq!(totals.len(), numbers.len());
            for ((path, penalties), table_total) in numbers.iter().zip(&penalties).zip(&totals) {
                proptest::prop_assert_eq!(
                    table_total.to_bits(),
                    total(path, &person, penalties).to_bits()
                );
            }
        }
    }

    fn builtin_criteria() -> Criteria {
        crate::catalogue::load(&[crate::catalogue::Origin::BuiltIn])
            .expect("the built-in catalogue loads")
            .catalogue
            .criteria
    }

    #[test]
    fn a_goal_that_does_not_matter_counts_for_nothing() {
        let criteria = builtin_criteria();
        let person = Person::new(
            &criteria,
            Profile {
                levels: vec![],
                importance: vec![1, 5, 3],
            },
        );
        assert_eq!(person.weights, vec![0.0, 64.0, 4.0]);
        let flat = Person::new(
            &criteria,
            Profile {
                levels: vec![],
                importance: vec![1, 1],
            },
        );
        assert_eq!(flat.weights, vec![1.0, 1.0]);
    }
}
