//! Portfolios: two to four paths at once, in parts (so many clients, companies, cohorts), perhaps
//! beside one full-time anchor, that fit the person's week and pay their floor.
//!
//! A portfolio is scored as one path made of its parts, by the same core and on the same scale:
//! - it demands each skill at the highest level any part demands;
//! - it gives each goal the hours-weighted mean of its parts' ratings, rounded to a whole rating,
//!   then variety rises by one for each part beyond the first, and stability falls by one for every
//!   two units beyond the first (more clients, more that can end at once);
//! - it takes the sum of its parts' hours and pays the sum of their incomes; its runway is its
//!   most demanding part's.
//!
//! The search is exact: every combination of two to `max_parts` combinable paths and every count
//! of units is weighed, and a set of paths is skipped only when its bound (the best any count of
//! its units could be, scored) cannot beat the fifth best found; the test `exact` holds it to a
//! brute force. Over a catalogue with more than `SEARCH_WIDTH` combinable paths, only the
//! `SEARCH_WIDTH` that score best on their own are combined, and the result says so.

use super::robustness::{Contender, stabilities};
use super::score::{self, PathNumbers, Person};
use super::{Difference, RankedPath, Settings, Stability, explain, rank};
use crate::model::{
    Answers, Basis, CareerPath, Catalogue, Combines, Criteria, IncomeRange, Need, Profile,
    RATING_MAX, RATING_MIN, Realities, Text,
};
use serde::Serialize;
use std::borrow::Cow;

/// The week assumed when the person sets no hours limit: a full working week for a senior role
/// (room for a 55-hour job and a seat beside it), not an unlimited one.
pub const FULL_TIME_WEEK: u32 = 60;
/// The most parts a portfolio may have, and the default.
pub const MAX_PARTS: usize = 4;
/// How many portfolios are shown.
pub const SHOWN: usize = 5;
/// The most combinable paths searched exhaustively.
pub const SEARCH_WIDTH: usize = 16;

/// The best portfolios for one person.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Portfolios {
    pub model_version: u32,
    /// Best first.
    pub portfolios: Vec<Portfolio>,
    /// The best single path, which each portfolio is compared with; `None` when none is ranked.
    pub best_single: Option<BestSingle>,
    /// The hours a week the portfolios fit in, and where that figure comes from.
    pub week: Week,
    /// How the search was made: `exact`, or over the best combinable paths only.
    pub search: String,
    /// The limits every portfolio meets besides the week, in words.
    pub limits: String,
    /// When no portfolio is found: what stops them, in words (`null` when some are found, or
    /// when no single cause can be named).
    pub why_none: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Week {
    pub hours: u32,
    /// Where the hours come from: your limit, or a full working week when you set none.
    pub from: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BestSingle {
    pub id: String,
    pub name: String,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Portfolio {
    /// The parts' ids joined with `+`, as `plan` takes them.
    pub id: String,
    /// `Fractional CTO × 2 clients + Advisor × 1 company`.
    pub name: String,
    pub parts: Vec<PortfolioPart>,
    pub hours_per_week: u32,
    /// Yearly income, USD: the sum of the parts' lows and highs.
    pub income: [u64; 2],
    pub score: f64,
    pub band: super::Band,
    pub conflicts: Vec<super::Conflict>,
    pub contributions: Vec<super::Contribution>,
    pub reasons: super::Reasons,
    /// Against the best single path: the difference in points, criterion by criterion (through
    /// the points each gives up), adding up to `score − best_single.score`.
    pub versus_best_single: Option<Versus>,
    /// How often this portfolio is the best of those shown as the answers vary.
    pub robustness: Option<Stability>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PortfolioPart {
    pub id: String,
    pub name: String,
    pub units: u32,
    /// `client`, `clients`, or empty for an anchor.
    pub unit: String,
    pub hours_per_week: u32,
    pub income: [u64; 2],
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Versus {
    pub difference: f64,
    pub criteria: Vec<Difference>,
    pub summary: String,
}

/// One part: a catalogue path and how many units of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Choice {
    path: usize,
    units: u32,
}

/// The best portfolios for these answers, each compared with the best single path
/// (`best_single`: the first of the assessment's ranking); `numbers` are the catalogue's paths
/// as numbers, in its order (`score::every_path`).
pub(super) fn portfolios(
    catalogue: &Catalogue,
    numbers: &[PathNumbers],
    answers: &Answers,
    best_single: Option<&RankedPath>,
    max_parts: usize,
    settings: Option<Settings>,
) -> Portfolios {
    let criteria = &catalogue.criteria;
    let given = &answers.constraints;
    let week = match given.hours_per_week {
        Some(hours) => Week {
            hours,
            from: "your limit".to_string(),
        },
        None => Week {
            hours: FULL_TIME_WEEK,
            from: "a full working week, as you set no hours limit".to_string(),
        },
    };
    let person = Person::new(criteria, Profile::new(criteria, answers));
    // Paths that can take part: combinable, not ruled out by the person, within their runway.
    let mut combinable: Vec<(usize, f64)> = catalogue
        .paths
        .iter()
        .enumerate()
        .filter(|(_, path)| path.combines != Combines::Alone)
        .filter(|(_, path)| !given.exclude.contains(&*path.id))
        .filter(|(_, path)| {
            given
                .runway_months
                .is_none_or(|months| months >= path.realities.runway_months.min)
        })
        .map(|(index, _)| {
            let alone = score::total(&numbers[index], &person, &Default::default());
            (index, alone)
        })
        .collect();
    let search = if combinable.len() > SEARCH_WIDTH {
        combinable.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        combinable.truncate(SEARCH_WIDTH);
        combinable.sort_by_key(|&(index, _)| index);
        format!(
            "the {SEARCH_WIDTH} combinable paths that fit you best on their own, every combination of them"
        )
    } else {
        "exact: every combination of the combinable paths".to_string()
    };
    let candidates: Vec<usize> = combinable.iter().map(|&(index, _)| index).collect();

    // Branch and bound, so the search stays exact: no count of units of a set of paths can do
    // better than its `bound`. Sets are searched best bound first, so once the shown are found,
    // the first set whose bound cannot beat them ends the search. Each set offers only its best
    // count of units, so the order sets are searched in changes nothing but how many are.
    let parts: Vec<Part> = candidates
        .iter()
        .filter_map(|&index| Part::new(catalogue, index))
        .collect();
    let goals = GoalIndexes::new(criteria);
    let mut scratch = PathNumbers::default();
    let mut sets: Vec<Set> = Vec::new();
    // What stops the portfolios, should none be found.
    let mut unfound = Unfound {
        candidates: parts.len(),
        ..Unfound::default()
    };
    combinations(
        &parts,
        week.hours,
        max_parts.clamp(2, MAX_PARTS),
        0,
        &mut Set::default(),
        &mut |set| {
            let parts = set.parts();
            unfound.in_week = true;
            fill_shared(catalogue, numbers, paths(parts), &mut scratch);
            fill_best(catalogue, numbers, &goals, parts, week.hours, &mut scratch);
            // Income grows with units: when the most they could pay does not pay the floor, no
            // count does.
            if !pays_floor(answers, &scratch) {
                note_unpaid(&mut unfound.floor, &scratch);
                return;
            }
            // `None`: the runway rules every count of units out.
            if let Some(bound) = bound(criteria, &scratch, &person, answers) {
                sets.push(Set { bound, ..*set });
            }
        },
    );
    // Stable: among equal bounds, the sets stay in the order they were found.
    sets.sort_by(|a, b| b.bound.total_cmp(&a.bound));
    let mut best: Vec<Kept> = Vec::new();
    let mut choices = Vec::with_capacity(MAX_PARTS);
    for set in &sets {
        if best.len() == SHOWN
            && let Some(worst) = best.last()
            && rank::key(set.bound) < rank::key(worst.score)
        {
            break;
        }
        // What these paths share in every count of units, worked out once for all of them.
        fill_shared(catalogue, numbers, paths(set.parts()), &mut scratch);
        // The set's best count of units: the first that scores highest.
        let mut set_best: Option<f64> = None;
        units(catalogue, set.parts(), week.hours, &mut |tried| {
            if !fill_figures(catalogue, tried, &mut scratch) || !pays_floor(answers, &scratch) {
                return;
            }
            fill_ratings(catalogue, numbers, &goals, tried, &mut scratch);
            let Some(penalties) = score::penalties(criteria, "", &scratch, given) else {
                return;
            };
            let total = score::total(&scratch, &person, &penalties);
            // A conflict rules a count out whatever it scores: looked for only in a count that
            // would be kept.
            if set_best.is_some_and(|kept| rank::key(total) <= rank::key(kept)) {
                return;
            }
            if score::conflicts(criteria, &scratch, given).next().is_some() {
                unfound.conflicted = true;
                return;
            }
            set_best = Some(total);
            choices.clear();
            choices.extend_from_slice(tried);
        });
        if let Some(score) = set_best {
            keep(catalogue, &mut best, score, &choices);
        }
    }

    let best_path = best_single;
    let best_single = best_path.map(|top| BestSingle {
        id: top.id.to_string(),
        name: top.name.to_string(),
        score: top.score,
    });
    let mut shown: Vec<Portfolio> = best
        .iter()
        .map(|Kept { choices, .. }| {
            explained(catalogue, answers, &person, numbers, choices, best_path)
        })
        .collect();
    if let Some(settings) = settings
        && !shown.is_empty()
    {
        let contenders: Vec<Contender> = best
            .iter()
            .zip(&shown)
            .map(|(Kept { choices, .. }, portfolio)| {
                let derived = derive(catalogue, numbers, choices).expect("derived before");
                Contender {
                    penalties: score::penalties(criteria, "", &derived, given).unwrap_or_default(),
                    numbers: Cow::Owned(derived),
                    conflicted: false,
                    id: &portfolio.id,
                }
            })
            .collect();
        let found = stabilities(criteria, &person.profile, &contenders, settings);
        for (portfolio, stability) in shown.iter_mut().zip(found) {
            portfolio.robustness = Some(stability);
        }
    }
    let why_none = best
        .is_empty()
        .then(|| explain::no_portfolio(given, week.hours, &unfound))
        .flatten();
    Portfolios {
        model_version: super::MODEL_VERSION,
        portfolios: shown,
        best_single,
        week,
        search,
        limits: explain::portfolio_limits(given),
        why_none,
    }
}

/// What the search for portfolios met, to say what stops them when it finds none.
#[derive(Debug, Default)]
pub(super) struct Unfound {
    /// Paths done in parts left once exclusions and savings apply.
    pub candidates: usize,
    /// Some set of two or more of them fits the week at its fewest units.
    pub in_week: bool,
    /// The most the low end of a set's income reached within the week, below the floor, and
    /// whether that set is done alongside a job.
    pub floor: Option<(u64, bool)>,
    /// Some count of units that met every limit failed a must-have.
    pub conflicted: bool,
}

/// The portfolio of exactly these paths, with the counts of units that score best, as one path
/// (for `plan a+b`); `Err` names an id that is not in the catalogue or cannot be combined, or
/// says that no count of units fits the person's limits.
pub fn as_one_path(
    catalogue: &Catalogue,
    answers: &Answers,
    ids: &[&str],
) -> Result<CareerPath, String> {
    if !(2..=MAX_PARTS).contains(&ids.len()) {
        return Err(format!(
            "a portfolio has 2 to {MAX_PARTS} parts, and this names {}",
            ids.len()
        ));
    }
    let mut paths = Vec::new();
    for id in ids {
        let index = catalogue
            .paths
            .iter()
            .position(|path| path.id == *id)
            .ok_or_else(|| format!("no path has the id '{id}'"))?;
        if catalogue.paths[index].combines == Combines::Alone {
            return Err(format!(
                "{} is not done in parts, so it takes no part in a portfolio",
                catalogue.paths[index].name
            ));
        }
        if paths.contains(&index) {
            return Err(format!("'{id}' is named twice"));
        }
        paths.push(index);
    }
    paths.sort_unstable();
    let mut parts = Vec::with_capacity(paths.len());
    for &index in &paths {
        let part = Part::new(catalogue, index);
        parts.push(part.ok_or_else(|| explain::never_enough_hours(&catalogue.paths[index]))?);
    }
    if !Part::combine(&parts) {
        let name = |part: &Part| catalogue.paths[part.path].name.as_ref();
        let anchors: Vec<&str> = parts.iter().filter(|p| p.anchor).map(name).collect();
        return Err(explain::parts_do_not_combine(
            &anchors,
            parts.iter().filter(|p| !p.beside_a_job).map(name),
        ));
    }
    let criteria = &catalogue.criteria;
    let given = &answers.constraints;
    let person = Person::new(criteria, Profile::new(criteria, answers));
    let numbers = score::every_path(catalogue);
    let week = given.hours_per_week.unwrap_or(FULL_TIME_WEEK);
    let mut best: Option<(f64, Vec<Choice>)> = None;
    // What stopped the counts that fit the week, for the refusal should none be kept.
    let mut missed = Missed::default();
    units(catalogue, &parts, week, &mut |choices| {
        let Some(derived) = derive(catalogue, &numbers, choices) else {
            return;
        };
        if !pays_floor(answers, &derived) {
            note_unpaid(&mut missed.floor, &derived);
            return;
        }
        let Some(penalties) = score::penalties(criteria, "", &derived, given) else {
            if missed.limit.is_none() {
                missed.limit = score::meetings(given, &derived)
                    .into_iter()
                    .find(|&(_, meeting)| meeting == score::Meeting::Unmet)
                    .map(|(limit, _)| (limit, derived));
            }
            return;
        };
        let total = score::total(&derived, &person, &penalties);
        if best
            .as_ref()
            .is_none_or(|(score, _)| rank::key(total) > rank::key(*score))
        {
            best = Some((total, choices.to_vec()));
        }
    });
    let (_, choices) = best.ok_or_else(|| {
        let least_hours = parts.iter().map(|part| part.least_hours).sum();
        explain::no_count_fits(given, week, least_hours, &missed)
    })?;
    let derived = derive(catalogue, &numbers, &choices).expect("derived before");
    let parts = explained_parts(catalogue, &choices);
    Ok(as_path(catalogue, &choices, &parts, &derived))
}

/// Why the counts of units of a set of paths that fit the week were not kept (`as_one_path`),
/// for its refusal.
#[derive(Debug, Default)]
pub(super) struct Missed {
    /// The most the low end of their income reached, below the floor, and whether that count
    /// is done alongside a job (a job the person keeps was not assumed to pay the floor).
    pub floor: Option<(u64, bool)>,
    /// A limit a count failed outright, and that count's numbers.
    pub limit: Option<(score::Limit, PathNumbers)>,
}

/// A combinable path as the search takes it, worked out once: the counts of units it can take
/// and the rules its kind of part follows.
#[derive(Debug, Clone, Copy, Default)]
struct Part {
    path: usize,
    /// The fewest units that give the path its least hours a week, and the most it takes.
    least: u32,
    most: u32,
    /// Its hours a week at its fewest units.
    least_hours: u32,
    /// Done in parts (its units count against stability), not an anchor.
    in_parts: bool,
    anchor: bool,
    /// An anchor, or a part usually done alongside a job: it fits beside an anchor.
    beside_a_job: bool,
}

impl Part {
    /// `None` when no count of units gives the path the hours a week it needs at least: hours
    /// grow with units, so every count from `least` to `most` does.
    fn new(catalogue: &Catalogue, index: usize) -> Option<Part> {
        let path = &catalogue.paths[index];
        let (least, most) = match &path.combines {
            // A catalogue keeps min_units within 1 to max_units; were it not, its least is taken.
            Combines::InParts(parts) => {
                let least = parts.min_units.max(1);
                (least, parts.max_units.max(least))
            }
            _ => (1, 1),
        };
        let needs = path.realities.hours_per_week.min;
        let least = (least..=most).find(|&units| part_figures(path, units).0 >= needs)?;
        Some(Part {
            path: index,
            least,
            most,
            least_hours: part_figures(path, least).0,
            in_parts: counts_against_stability(path),
            anchor: path.combines == Combines::Anchor,
            beside_a_job: path.combines == Combines::Anchor || path.alongside_job,
        })
    }

    /// Whether these parts may make one portfolio: at most one anchor, and beside it only parts
    /// done alongside a job (an advisory seat, angel investing, writing): a full-time job leaves
    /// no room for clients. A set that breaks this, and every set that holds it, is never tried.
    fn combine(parts: &[Part]) -> bool {
        match parts.iter().filter(|part| part.anchor).count() {
            0 => true,
            1 => parts.iter().all(|part| part.beside_a_job),
            _ => false,
        }
    }
}

/// Up to `MAX_PARTS` parts, and the bound on what any count of their units scores.
#[derive(Debug, Clone, Copy, Default)]
struct Set {
    parts: [Part; MAX_PARTS],
    len: usize,
    bound: f64,
}

impl Set {
    fn parts(&self) -> &[Part] {
        &self.parts[..self.len]
    }
}

/// Calls `each` with every set of two to `most` of `parts` (`most` at most `MAX_PARTS`), in
/// order, that may be combined and whose fewest units fit in `week` hours. Neither holds again
/// once lost: more parts bring more hours and no fewer anchors.
fn combinations(
    parts: &[Part],
    week: u32,
    most: usize,
    from: usize,
    chosen: &mut Set,
    each: &mut dyn FnMut(&Set),
) {
    if chosen.len >= 2 {
        each(chosen);
    }
    if chosen.len >= most.min(MAX_PARTS) {
        return;
    }
    for (next, &part) in parts.iter().enumerate().skip(from) {
        chosen.parts[chosen.len] = part;
        chosen.len += 1;
        let hours: u32 = chosen.parts().iter().map(|part| part.least_hours).sum();
        if hours <= week && Part::combine(chosen.parts()) {
            combinations(parts, week, most, next + 1, chosen, each);
        }
        chosen.len -= 1;
    }
}

/// The parts' paths.
fn paths(parts: &[Part]) -> impl Iterator<Item = usize> + Clone {
    parts.iter().map(|part| part.path)
}

/// Calls `each` with every count of units of these parts (at most `MAX_PARTS`) that fits in
/// `week` hours, from each part's `least` to its `most`, the first part counting fastest;
/// nothing when they may not be combined.
fn units(catalogue: &Catalogue, parts: &[Part], week: u32, each: &mut dyn FnMut(&[Choice])) {
    if parts.is_empty() || parts.len() > MAX_PARTS || !Part::combine(parts) {
        return;
    }
    let mut all = [Choice { path: 0, units: 0 }; MAX_PARTS];
    let choices = &mut all[..parts.len()];
    for (choice, part) in choices.iter_mut().zip(parts) {
        *choice = Choice {
            path: part.path,
            units: part.least,
        };
    }
    loop {
        let hours: u32 = choices
            .iter()
            .map(|c| part_figures(&catalogue.paths[c.path], c.units).0)
            .sum();
        let fits = hours <= week;
        if fits {
            each(choices);
        }
        // Count up like an odometer. Hours grow with units, so past the week, more units of the
        // first part cannot fit either: it starts again at its least and the next place counts.
        let mut place = 0;
        if !fits {
            choices[0].units = parts[0].least;
            place = 1;
        }
        loop {
            if place == choices.len() {
                return;
            }
            if choices[place].units < parts[place].most {
                choices[place].units += 1;
                break;
            }
            choices[place].units = parts[place].least;
            place += 1;
        }
    }
}

/// A part's hours a week and yearly income.
fn part_figures(path: &CareerPath, units: u32) -> (u32, (u64, u64)) {
    match &path.combines {
        Combines::InParts(parts) => (
            parts.hours_per_unit * units + parts.overhead_hours,
            (
                parts.income_per_unit.0 * u64::from(units),
                parts.income_per_unit.1 * u64::from(units),
            ),
        ),
        _ => (
            path.realities.hours_per_week.typical,
            (
                path.realities.income_usd.low,
                path.realities.income_usd.high,
            ),
        ),
    }
}

/// The best any count of units of these parts that fits in `week` hours could be, into `out`
/// (which holds their [`fill_shared`]): each goal at the best rating any count could give it, the
/// most income any could pay, and the fewest hours any takes.
///
/// Each part takes from its least units to its most beside the others' least, so a goal's
/// hours-weighted mean is at most its highest at a corner of those ranges of hours (each part at
/// its least or its most: a ratio of sums is highest at a corner), and stability loses at least
/// what the fewest units cost it.
fn fill_best(
    catalogue: &Catalogue,
    numbers: &[PathNumbers],
    goals: &GoalIndexes,
    parts: &[Part],
    week: u32,
    out: &mut PathNumbers,
) {
    let least: u32 = parts.iter().map(|part| part.least_hours).sum();
    let mut ranges = [(0u32, 0u32); MAX_PARTS];
    let mut income = (0, 0);
    for (range, part) in ranges.iter_mut().zip(parts) {
        let path = &catalogue.paths[part.path];
        let room = week.saturating_sub(least - part.least_hours);
        let (hours, (low, high)) = (part.least..=part.most)
            .rev()
            .map(|units| part_figures(path, units))
            .find(|&(hours, _)| hours <= room)
            .unwrap_or_else(|| part_figures(path, part.least));
        *range = (part.least_hours, hours);
        income = (income.0 + low, income.1 + high);
    }
    let ranges = &ranges[..parts.len()];
    let fewest_units = parts
        .iter()
        .filter(|part| part.in_parts)
        .map(|part| part.least)
        .sum();
    let mut rated: [&[u8]; MAX_PARTS] = [&[]; MAX_PARTS];
    for (slot, part) in rated.iter_mut().zip(parts) {
        *slot = numbers[part.path].ratings();
    }
    let rated = &rated[..parts.len()];
    out.set_ratings((0..catalogue.criteria.goals.len()).map(|goal| {
        let mean = if least == 0 {
            // Some count takes no hours at all: any mix of the parts' ratings may be near it.
            rated
                .iter()
                .map(|ratings| u32::from(ratings[goal]))
                .max()
                .unwrap_or(0)
        } else {
            // The corner that lifts the mean most has the parts rated above it at their most
            // hours and those below at their least: the parts rated at least some part's rating
            // at their most.
            let mut best = 0;
            for threshold in rated.iter().map(|ratings| ratings[goal]) {
                let (mut weighted, mut hours) = (0, 0);
                for (ratings, &(low, high)) in rated.iter().zip(ranges) {
                    let rating = ratings[goal];
                    let part_hours = if rating >= threshold { high } else { low };
                    weighted += u32::from(rating) * part_hours;
                    hours += part_hours;
                }
                best = best.max(rounded_mean(weighted, hours));
            }
            best
        };
        goal_rating(goals, goal, mean, parts.len(), fewest_units)
    }));
    out.hours = (least, least);
    out.income = income;
}

/// The most any count of units of some parts could score, from the best they could be
/// ([`fill_best`]): within the week and paying the floor, neither hours nor income cost a
/// feasible count anything, so only the runway can; `None` when the runway rules them out.
fn bound(
    criteria: &Criteria,
    best: &PathNumbers,
    person: &Person,
    answers: &Answers,
) -> Option<f64> {
    let penalties = score::penalties(criteria, "", best, &answers.constraints)?;
    Some(score::total(best, person, &penalties))
}

/// Whether a path's units count against a portfolio's stability: a path done in parts (so many
/// clients), not an anchor (a job is not a client).
fn counts_against_stability(path: &CareerPath) -> bool {
    matches!(path.combines, Combines::InParts(_))
}

/// A mean of ratings weighted by hours (`hours` above 0), rounded half up in whole numbers.
fn rounded_mean(weighted: u32, hours: u32) -> u32 {
    (2 * weighted + hours) / (2 * hours)
}

/// A goal's rating in a portfolio of `parts` parts with `in_parts` units of parts done in parts,
/// from its parts' rounded mean: variety rises by one for each part beyond the first, stability
/// falls by one for every two units beyond the first. Higher with the mean, so a bound on the
/// mean bounds the rating.
fn goal_rating(goals: &GoalIndexes, goal: usize, mean: u32, parts: usize, in_parts: u32) -> u8 {
    let adjusted = if Some(goal) == goals.variety {
        mean + (parts as u32).saturating_sub(1)
    } else if Some(goal) == goals.stability {
        mean.saturating_sub(in_parts.saturating_sub(1) / 2)
    } else {
        mean
    };
    adjusted.clamp(u32::from(RATING_MIN), u32::from(RATING_MAX)) as u8
}

/// Where the goals a portfolio adjusts stand in the criteria.
struct GoalIndexes {
    variety: Option<usize>,
    stability: Option<usize>,
}

impl GoalIndexes {
    fn new(criteria: &Criteria) -> GoalIndexes {
        let at = |id: &str| criteria.goals.iter().position(|goal| goal.id == id);
        GoalIndexes {
            variety: at("variety"),
            stability: at("stability"),
        }
    }
}

/// The portfolio as one path's numbers; `None` when its parts take no hours at all.
fn derive(
    catalogue: &Catalogue,
    numbers: &[PathNumbers],
    choices: &[Choice],
) -> Option<PathNumbers> {
    let mut derived = PathNumbers::default();
    let goals = GoalIndexes::new(&catalogue.criteria);
    fill_shared(
        catalogue,
        numbers,
        choices.iter().map(|choice| choice.path),
        &mut derived,
    );
    if !fill_figures(catalogue, choices, &mut derived) {
        return None;
    }
    fill_ratings(catalogue, numbers, &goals, choices, &mut derived);
    Some(derived)
}

/// What a portfolio of these paths is in any count of units, into `out`: the highest demand of
/// each skill, the most demanding runway, and whether every part is done alongside a job.
fn fill_shared(
    catalogue: &Catalogue,
    numbers: &[PathNumbers],
    paths: impl Iterator<Item = usize> + Clone,
    out: &mut PathNumbers,
) {
    let criteria = &catalogue.criteria;
    out.set_demands(
        criteria,
        (0..criteria.skills.len()).map(|skill| {
            paths
                .clone()
                .map(|path| numbers[path].demands()[skill])
                .max()
                .unwrap_or(0)
        }),
    );
    out.runway = paths
        .clone()
        .map(|path| numbers[path].runway)
        .max()
        .unwrap_or((0, 0));
    out.alongside_job = paths
        .clone()
        .all(|path| catalogue.paths[path].alongside_job);
}

/// What the counts of units make of hours and income, into `out`: the sums of the parts';
/// `false` when the parts take no hours at all.
fn fill_figures(catalogue: &Catalogue, choices: &[Choice], out: &mut PathNumbers) -> bool {
    let (hours, income) = choices
        .iter()
        .fold((0, (0, 0)), |(hours, (low, high)), choice| {
            let (part_hours, (part_low, part_high)) =
                part_figures(&catalogue.paths[choice.path], choice.units);
            (hours + part_hours, (low + part_low, high + part_high))
        });
    out.hours = (hours, hours);
    out.income = income;
    hours > 0
}

/// What the counts of units make of the goals' ratings, into `out` (which holds their
/// [`fill_figures`]).
fn fill_ratings(
    catalogue: &Catalogue,
    numbers: &[PathNumbers],
    goals: &GoalIndexes,
    choices: &[Choice],
    out: &mut PathNumbers,
) {
    let mut part_hours = [0; MAX_PARTS];
    for (slot, choice) in part_hours.iter_mut().zip(choices) {
        *slot = part_figures(&catalogue.paths[choice.path], choice.units).0;
    }
    let hours = out.hours.1;
    let in_parts: u32 = choices
        .iter()
        .filter(|choice| counts_against_stability(&catalogue.paths[choice.path]))
        .map(|choice| choice.units)
        .sum();
    out.set_ratings((0..catalogue.criteria.goals.len()).map(|goal| {
        let weighted: u32 = choices
            .iter()
            .zip(part_hours)
            .map(|(choice, part_hours)| {
                u32::from(numbers[choice.path].ratings()[goal]) * part_hours
            })
            .sum();
        goal_rating(
            goals,
            goal,
            rounded_mean(weighted, hours),
            choices.len(),
            in_parts,
        )
    }));
}

/// Whether the portfolio pays the floor (`units` keeps it within the week and gives each part
/// its least hours).
fn pays_floor(answers: &Answers, derived: &PathNumbers) -> bool {
    let given = &answers.constraints;
    given
        .min_income
        .is_none_or(|floor| score::job_pays_floor(given, derived) || derived.income.0 >= floor)
}

/// Keeps in `most` the most the low end of an income below the floor reaches, and whether that
/// portfolio is done alongside a job, for a refusal that says how short it falls.
fn note_unpaid(most: &mut Option<(u64, bool)>, derived: &PathNumbers) {
    let low = derived.income.0;
    if most.is_none_or(|(best, _)| low > best) {
        *most = Some((low, derived.alongside_job));
    }
}

/// A portfolio found so far: its score, its id, its parts.
struct Kept {
    score: f64,
    id: String,
    choices: Vec<Choice>,
}

impl Kept {
    fn standing(&self) -> rank::Standing<'_> {
        rank::Standing {
            conflicted: false,
            score: self.score,
            id: &self.id,
        }
    }
}

/// Keeps the `SHOWN` best, under the one ordering; each set of paths offers one count of units.
fn keep(catalogue: &Catalogue, best: &mut Vec<Kept>, score: f64, choices: &[Choice]) {
    // Most sets lose to all that are kept: tell without building their id.
    if best.len() == SHOWN
        && best
            .last()
            .is_some_and(|worst| rank::key(score) < rank::key(worst.score))
    {
        return;
    }
    best.push(Kept {
        score,
        id: portfolio_id(catalogue, choices),
        choices: choices.to_vec(),
    });
    best.sort_by(|a, b| rank::order(&a.standing(), &b.standing()));
    best.truncate(SHOWN);
}

/// `fractional_cto+advisor`: the parts' ids in the catalogue's (id) order.
fn portfolio_id(catalogue: &Catalogue, choices: &[Choice]) -> String {
    choices
        .iter()
        .map(|choice| catalogue.paths[choice.path].id.as_ref())
        .collect::<Vec<_>>()
        .join("+")
}

/// The portfolio with every term explained, as the one path its parts make.
fn explained(
    catalogue: &Catalogue,
    answers: &Answers,
    person: &Person,
    numbers: &[PathNumbers],
    choices: &[Choice],
    best_single: Option<&RankedPath>,
) -> Portfolio {
    let criteria = &catalogue.criteria;
    let derived = derive(catalogue, numbers, choices).expect("only feasible portfolios are kept");
    let parts = explained_parts(catalogue, choices);
    let as_path = as_path(catalogue, choices, &parts, &derived);
    let ranked = match super::score_path(criteria, &as_path, person, answers) {
        Ok(ranked) => ranked,
        // Feasible portfolios pass every limit; should one not, its fit is still shown.
        Err(_) => super::score_ignoring_limits(criteria, &as_path, answers),
    };
    let versus_best_single = best_single.map(|single| versus(criteria, &ranked, single));
    Portfolio {
        id: ranked.id.into_owned(),
        name: ranked.name.into_owned(),
        hours_per_week: derived.hours.1,
        income: [derived.income.0, derived.income.1],
        parts,
        score: ranked.score,
        band: ranked.band,
        conflicts: ranked.conflicts,
        contributions: ranked.contributions,
        reasons: ranked.reasons,
        versus_best_single,
        robustness: None,
    }
}

/// Each part's figures, as the results show them.
fn explained_parts(catalogue: &Catalogue, choices: &[Choice]) -> Vec<PortfolioPart> {
    choices
        .iter()
        .map(|choice| {
            let path = &catalogue.paths[choice.path];
            let (hours, (low, high)) = part_figures(path, choice.units);
            let unit = match &path.combines {
                Combines::InParts(parts) if choice.units == 1 => parts.unit.to_string(),
                Combines::InParts(parts) => parts.units.to_string(),
                _ => String::new(),
            };
            PortfolioPart {
                id: path.id.to_string(),
                name: path.name.to_string(),
                units: choice.units,
                unit,
                hours_per_week: hours,
                income: [low, high],
            }
        })
        .collect()
}

/// The portfolio as a path, so that the one scoring core explains it like any other.
fn as_path(
    catalogue: &Catalogue,
    choices: &[Choice],
    parts: &[PortfolioPart],
    derived: &PathNumbers,
) -> CareerPath {
    let criteria = &catalogue.criteria;
    let paths: Vec<&CareerPath> = choices.iter().map(|c| &catalogue.paths[c.path]).collect();
    let name = parts
        .iter()
        .map(|part| match part.unit.as_str() {
            "" => part.name.clone(),
            unit => format!("{} × {} {unit}", part.name, part.units),
        })
        .collect::<Vec<_>>()
        .join(" + ");
    let estimate = || Basis::Estimate("the sum of the parts".into());
    CareerPath {
        id: portfolio_id(catalogue, choices).into(),
        name: name.into(),
        summary: format!("{} paths at once.", parts.len()).into(),
        description: Text::Borrowed(""),
        demands: criteria
            .skills
            .iter()
            .zip(derived.demands())
            .filter(|(_, demand)| **demand > 0)
            .map(|(skill, &demand)| (skill.id.clone(), demand))
            .collect(),
        gives: criteria
            .goals
            .iter()
            .zip(derived.ratings())
            .map(|(goal, &rating)| (goal.id.clone(), rating))
            .collect(),
        realities: Realities {
            hours_per_week: Need {
                min: derived.hours.0,
                typical: derived.hours.1,
                basis: estimate(),
            },
            runway_months: Need {
                min: derived.runway.0,
                typical: derived.runway.1,
                basis: estimate(),
            },
            income_usd: IncomeRange {
                low: derived.income.0,
                high: derived.income.1,
                basis: estimate(),
            },
        },
        first_steps: first_steps(&paths),
        experiments: paths
            .iter()
            .filter_map(|path| {
                let experiment = path.experiments.first()?;
                Some(format!("{}: {experiment}", path.name).into())
            })
            .collect(),
        review_after_weeks: paths
            .iter()
            .map(|path| path.review_after_weeks)
            .min()
            .unwrap_or(12),
        alongside_job: derived.alongside_job,
        combines: Combines::Alone,
        sources: Vec::new(),
        facts: Vec::new(),
        source: "portfolio".into(),
        origin: "portfolio".into(),
        replaces: None,
    }
}

/// The parts' first steps in turn, the part that takes most hours first: each part's first step,
/// then each part's second, so that every part is started before any is finished. Each names
/// its part.
fn first_steps(paths: &[&CareerPath]) -> Vec<Text> {
    let mut order: Vec<&&CareerPath> = paths.iter().collect();
    order.sort_by_key(|path| std::cmp::Reverse(part_figures(path, 1).0));
    let longest = order.iter().map(|p| p.first_steps.len()).max().unwrap_or(0);
    (0..longest.min(2))
        .flat_map(|step| {
            order.iter().filter_map(move |path| {
                let text = path.first_steps.get(step)?;
                Some(format!("{}: {text}", path.name).into())
            })
        })
        .collect()
}

/// The portfolio against the best single path, through the points each gives up.
fn versus(criteria: &Criteria, portfolio: &RankedPath, single: &RankedPath) -> Versus {
    let differences = super::compare::differences(portfolio, single);
    Versus {
        difference: portfolio.score - single.score,
        summary: explain::comparison(criteria, (portfolio, None), (single, None), &differences),
        criteria: differences,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_are_two_to_most_of_the_candidates_in_order() {
        let parts = [1, 2, 3].map(|path| Part {
            path,
            least_hours: 1,
            ..Part::default()
        });
        let mut seen = Vec::new();
        combinations(&parts, 60, 3, 0, &mut Set::default(), &mut |set| {
            seen.push(paths(set.parts()).collect::<Vec<_>>())
        });
        assert_eq!(
            seen,
            vec![vec![1, 2], vec![1, 2, 3], vec![1, 3], vec![2, 3]]
        );
    }

    #[test]
    fn sets_past_the_week_or_with_two_anchors_are_not_combined() {
        let part = |path, least_hours, anchor| Part {
            path,
            least_hours,
            anchor,
            beside_a_job: anchor,
            ..Part::default()
        };
        let parts = [
            part(1, 40, true),
            part(2, 30, true),
            part(3, 5, false),
            part(4, 10, false),
        ];
        let mut seen = Vec::new();
        combinations(&parts, 50, 4, 0, &mut Set::default(), &mut |set| {
            seen.push(paths(set.parts()).collect::<Vec<_>>())
        });
        // 1 and 2 are anchors; 3 and 4 are clients, which no anchor takes beside it.
        assert_eq!(seen, vec![vec![3, 4]]);
    }
}

/// The search against a brute force that tries every allowed portfolio, written from the rules
/// alone (README, "Portfolios"), with none of the search's pruning.
#[cfg(test)]
mod exact {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// Every combination of two to `max_parts` candidates and every count of their units, the
    /// first part counting fastest; each set's first best count, then the `SHOWN` best sets.
    fn brute_force(
        catalogue: &Catalogue,
        answers: &Answers,
        max_parts: usize,
    ) -> Vec<(String, Vec<u32>, f64)> {
        let criteria = &catalogue.criteria;
        let given = &answers.constraints;
        let person = Person::new(criteria, Profile::new(criteria, answers));
        let numbers = score::every_path(catalogue);
        let candidates: Vec<usize> = (0..catalogue.paths.len())
            .filter(|&index| {
                let path = &catalogue.paths[index];
                path.combines != Combines::Alone
                    && !given.exclude.contains(&*path.id)
                    && given
                        .runway_months
                        .is_none_or(|months| months >= path.realities.runway_months.min)
            })
            .collect();
        assert!(
            candidates.len() <= SEARCH_WIDTH,
            "a brute force of them all"
        );
        let range = |index: usize| match &catalogue.paths[index].combines {
            Combines::InParts(parts) => (parts.min_units.max(1), parts.max_units.max(1)),
            _ => (1, 1),
        };
        let mut found: Vec<(f64, String, Vec<Choice>)> = Vec::new();
        for mask in 0u32..1 << candidates.len() {
            let paths: Vec<usize> = (0..candidates.len())
                .filter(|bit| mask >> bit & 1 == 1)
                .map(|bit| candidates[bit])
                .collect();
            if !(2..=max_parts).contains(&paths.len()) {
                continue;
            }
            let anchors = paths
                .iter()
                .filter(|&&index| catalogue.paths[index].combines == Combines::Anchor)
                .count();
            let beside_a_job = paths.iter().all(|&index| {
                let path = &catalogue.paths[index];
                path.combines == Combines::Anchor || path.alongside_job
            });
            if anchors > 1 || (anchors == 1 && !beside_a_job) {
                continue;
            }
            let mut set_best: Option<(f64, Vec<Choice>)> = None;
            let mut choices: Vec<Choice> = paths
                .iter()
                .map(|&path| Choice {
                    path,
                    units: range(path).0,
                })
                .collect();
            'counts: loop {
                if let Some(score) = brute_score(catalogue, answers, &person, &numbers, &choices)
                    && set_best
                        .as_ref()
                        .is_none_or(|(kept, _)| rank::key(score) > rank::key(*kept))
                {
                    set_best = Some((score, choices.clone()));
                }
                for place in 0..=choices.len() {
                    if place == choices.len() {
                        break 'counts;
                    }
                    let choice = &mut choices[place];
                    if choice.units < range(choice.path).1 {
                        choice.units += 1;
                        break;
                    }
                    choice.units = range(choice.path).0;
                }
            }
            if let Some((score, choices)) = set_best {
                found.push((score, portfolio_id(catalogue, &choices), choices));
            }
        }
        found.sort_by(|a, b| {
            let standing = |kept: &(f64, String, Vec<Choice>)| rank::Standing {
                conflicted: false,
                score: kept.0,
                id: "",
            };
            rank::order(&standing(a), &standing(b)).then_with(|| a.1.cmp(&b.1))
        });
        found
            .into_iter()
            .take(SHOWN)
            .map(|(score, id, choices)| (id, choices.iter().map(|c| c.units).collect(), score))
            .collect()
    }

    /// The score of these counts of units, or `None` when they break a rule: past the week, a
    /// part below its least hours, the floor unpaid, a limit or a must-have failed.
    fn brute_score(
        catalogue: &Catalogue,
        answers: &Answers,
        person: &Person,
        numbers: &[PathNumbers],
        choices: &[Choice],
    ) -> Option<f64> {
        let given = &answers.constraints;
        let week = given.hours_per_week.unwrap_or(FULL_TIME_WEEK);
        let derived = derive(catalogue, numbers, choices)?;
        let below_least = choices.iter().any(|choice| {
            let path = &catalogue.paths[choice.path];
            part_figures(path, choice.units).0 < path.realities.hours_per_week.min
        });
        let floor_unpaid = given.min_income.is_some_and(|floor| {
            !(derived.alongside_job && given.keeps_job == Some(true)) && derived.income.0 < floor
        });
        if derived.hours.1 > week || below_least || floor_unpaid {
            return None;
        }
        let penalties = score::penalties(&catalogue.criteria, "", &derived, given)?;
        if score::conflicts(&catalogue.criteria, &derived, given)
            .next()
            .is_some()
        {
            return None;
        }
        Some(score::total(&derived, person, &penalties))
    }

    /// A small catalogue: some of the built-in paths, their parts' figures changed at random
    /// within what a catalogue allows.
    fn catalogue(keep: &[bool], figures: &[(u32, u32, u32, u32, u32, u64)]) -> Catalogue {
        let mut catalogue = crate::catalogue::load(&[crate::catalogue::Origin::BuiltIn])
            .expect("the built-in catalogue loads")
            .catalogue;
        let mut kept = keep.iter().chain(std::iter::repeat(&true));
        catalogue.paths.retain(|_| *kept.next().unwrap_or(&true));
        for (path, &(per_unit, overhead, least, more, needs, income)) in
            catalogue.paths.iter_mut().zip(figures)
        {
            path.realities.hours_per_week.min = needs;
            if let Combines::InParts(parts) = &mut path.combines {
                parts.hours_per_unit = per_unit;
                parts.overhead_hours = overhead;
                parts.min_units = least;
                parts.max_units = least + more;
                parts.income_per_unit = (income, income * 2);
            }
        }
        catalogue
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the catalogue and the answers, the search finds the brute force's
        /// portfolios, in its order, with its counts of units and its scores.
        #[test]
        fn the_search_finds_what_trying_everything_finds(
            keep in proptest::collection::vec(proptest::bool::weighted(0.55), 17),
            figures in proptest::collection::vec((1u32..=12, 0u32..=6, 1u32..=3, 0u32..=3, 0u32..=16, 0u64..=90_000), 17),
            levels in proptest::collection::vec(1u8..=5, 9),
            importance in proptest::collection::vec(1u8..=5, 8),
            hours in proptest::option::of(0u32..=70),
            runway in proptest::option::of(0u32..=24),
            floor in proptest::option::of(0u64..=300_000),
            keeps_job in proptest::option::of(any::<bool>()),
            must_have in proptest::sample::subsequence(vec!["stability", "income", "variety", "ownership"], 0..=2),
            exclude in proptest::sample::subsequence(vec!["advisor", "fractional_cto", "consultant", "angel_investor"], 0..=1),
            max_parts in 2usize..=4,
        ) {
            let catalogue = catalogue(&keep, &figures);
            let criteria = &catalogue.criteria;
            let answers = Answers {
                skills: criteria.skills.iter().zip(&levels).map(|(c, &l)| (c.id.to_string(), l)).collect::<BTreeMap<_, _>>(),
                goals: criteria.goals.iter().zip(&importance).map(|(c, &i)| (c.id.to_string(), i)).collect::<BTreeMap<_, _>>(),
                constraints: crate::model::Constraints {
                    hours_per_week: hours,
                    runway_months: runway,
                    min_income: floor,
                    exclude: exclude.iter().map(|id| id.to_string()).collect(),
                    must_have: must_have.iter().map(|id| id.to_string()).collect(),
                    keeps_job,
                },
                assumed: Vec::new(),
            };
            let expected = brute_force(&catalogue, &answers, max_parts);
            let searched: Vec<(String, Vec<u32>, f64)> = crate::engine::portfolios(&catalogue, &answers, None, max_parts, None)
                .portfolios
                .into_iter()
                .map(|p| (p.id, p.parts.iter().map(|part| part.units).collect(), p.score))
                .collect();
            prop_assert_eq!(searched, expected);
        }
    }
}
