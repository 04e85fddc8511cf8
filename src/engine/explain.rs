//! The sentences the results carry: reasons, conflicts, limits, warnings, comparisons (and, in
//! `explain_journal`, the journal's). They are part of the JSON contract, so they are written
//! here once and the renderers only lay them out. Still outside: the robustness verdict and
//! flip, the portfolio search's and week's words, and plan gaps, in their own modules.

use super::score::{Limit, Meeting, PathNumbers};
use super::{Conflict, Contribution, CriterionId, Difference, RankedPath, rank};
use crate::model::{Assumption, CareerPath, Constraints, Criteria, Kind, Profile, RATING_MAX};
use crate::text::Usd;
use serde::Serialize;
use std::fmt::{self, Write as _};
use std::sync::Arc;

/// How many reasons of each side are kept.
const REASONS_PER_SIDE: usize = 3;
/// A goal matters to the person when rated at least this (above the middle, and the default).
const MATTERS: u64 = 4;
/// A goal rated the middle of the scale matters somewhat: a path weak on it is a reason against
/// it, after those that matter, so that points it loses there are not left unnamed.
const SOMEWHAT: u64 = 3;
/// A path is strong on a goal it rates at least this, weak on one it rates at most `WEAK`.
const STRONG: u64 = 4;
const WEAK: u64 = 2;
/// A skill met counts for a path only when the path demands at least this level of it.
const KEY_DEMAND: u64 = 3;
/// Reasons that move fewer points than this are noise, not reasons.
const LEAST_REASON_POINTS: f64 = 0.5;

/// The clause of a path that `exclude` rules out.
pub const RULED_OUT: &str = "you ruled it out";

#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reasons {
    #[serde(rename = "for")]
    pub for_path: Vec<Reason>,
    pub against: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reason {
    pub kind: Kind,
    #[schemars(with = "String")]
    pub criterion: CriterionId,
    /// Points this reason wins (for) or loses (against).
    pub points: f64,
    // Shared (not a doc comment: the schema would show it): a stream says the same reasons
    // over and over (see `Said`).
    #[schemars(with = "String")]
    pub text: Arc<str>,
}

/// Something that limits what the ranking says about the person.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Warning {
    /// Stable, for scripts: `flat_profile`, `mostly_assumed`, `must_have_rated_low`,
    /// `no_strong_fit`, `another_path_first_more_often`.
    pub code: String,
    pub text: String,
}

impl Warning {
    fn new(code: &str, text: String) -> Warning {
        Warning {
            code: code.to_string(),
            text,
        }
    }

    /// Warnings that say the ranking reflects the catalogue more than the person.
    pub fn is_flat(&self) -> bool {
        self.code == "flat_profile" || self.code == "mostly_assumed"
    }
}

/// Warnings about the answers themselves, before any path is ranked.
pub(super) fn profile_warnings(
    criteria: &Criteria,
    profile: &Profile,
    given: &Constraints,
    assumed: &[Assumption],
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let answers = criteria.skills.len() + criteria.goals.len();
    if 2 * assumed.len() > answers {
        warnings.push(Warning::new(
            "mostly_assumed",
            format!(
                "{} of your {answers} answers were not given and were assumed, so the ranking says \
                 more about the catalogue than about you; answer them for a ranking of your own.",
                assumed.len()
            ),
        ));
    }
    if let Some((&first, rest)) = profile.importance.split_first()
        && rest.iter().all(|&importance| importance == first)
    {
        warnings.push(Warning::new(
            "flat_profile",
            format!(
                "Every goal matters the same to you ({first}/{RATING_MAX}), so the ranking reflects \
                 the catalogue more than you: rate the goals that matter most higher than the rest, \
                 or name your must-haves."
            ),
        ));
    }
    // A must-have outweighs every rating, so one whose goal was rated as mattering little says
    // the opposite of that rating: the person should see which of the two they meant.
    for index in super::score::must_haves(criteria, given) {
        let goal = &criteria.goals[index];
        let importance = profile.importance[index];
        let was_assumed = assumed
            .iter()
            .any(|a| a.key.strip_prefix("goals.") == Some(&*goal.id));
        if u64::from(importance) < SOMEWHAT && !was_assumed {
            warnings.push(Warning::new(
                "must_have_rated_low",
                format!(
                    "You made {} a must-have but rated how much it matters {importance}/{RATING_MAX}: \
                     a must-have ranks every path that gives little of it below all the others, \
                     whatever the rating, so check which you meant (rate it 4 or 5, or drop it \
                     from your must-haves).",
                    Lower(&goal.name)
                ),
            ));
        }
    }
    warnings
}

/// When no path reaches the strong band.
pub(super) fn no_strong_fit(best: &str) -> Warning {
    Warning::new(
        "no_strong_fit",
        format!(
            "No path is a strong fit for you; the closest is {best}. Read its gaps before taking it."
        ),
    )
}

/// When the top path is not the one that comes first most often as the answers vary.
pub(super) fn another_path_first_more_often(
    top: &str,
    top_share: f64,
    rival: &str,
    rival_share: f64,
) -> Warning {
    Warning::new(
        "another_path_first_more_often",
        format!(
            "{top} ranks first on your answers as given, but {rival} comes first more often when \
             they vary a little ({} against {}): treat the two as a close call.",
            percent(rival_share),
            percent(top_share)
        ),
    )
}

/// The top path in one sentence: a strong fit, or the closest there is.
pub fn headline(top: &RankedPath) -> String {
    if top.band == super::Band::Strong {
        format!("{} fits you best ({:.0}/100, strong).", top.name, top.score)
    } else {
        format!(
            "No path is a strong fit for you; the closest is {} ({:.0}/100, {}).",
            top.name,
            top.score,
            top.band.word()
        )
    }
}

/// The warnings a summary states before its headline: all but the one the headline says itself,
/// the path that comes first more often leading.
pub fn summary_warnings(assessment: &super::Assessment) -> Vec<&Warning> {
    let mut warnings: Vec<&Warning> = assessment
        .warnings
        .iter()
        .filter(|w| w.code != "no_strong_fit")
        .collect();
    warnings.sort_by_key(|w| w.code != "another_path_first_more_often");
    warnings
}

/// The line an assessment's summary gives a portfolio that scores higher than the best single
/// path, if one does. It ends by leading to the command that shows it and others, which the
/// renderer puts on a line of its own, to copy whole.
pub fn portfolio_line(assessment: &super::Assessment) -> Option<String> {
    // Answers that do not separate the paths do not separate portfolios either.
    if assessment.warnings.iter().any(Warning::is_flat) {
        return None;
    }
    let found = assessment.portfolios.as_ref()?;
    let best = found.portfolios.first()?;
    let versus = best.versus_best_single.as_ref()?;
    let single = found.best_single.as_ref()?;
    (versus.difference > 0.0 && !super::rank::negligible(versus.difference)).then(|| {
        format!(
            "A portfolio scores higher than {}: {} ({:.0}/100, {}, {:+.1} points; {} hours a week). \
             See it and others with:",
            single.name,
            best.name,
            best.score,
            best.band.word(),
            versus.difference,
            best.hours_per_week
        )
    })
}

/// What every portfolio must also meet, in words: the floor (and whether a kept job pays it),
/// exclusions and must-haves.
pub(super) fn portfolio_limits(given: &Constraints) -> String {
    let mut limits = Vec::new();
    if let Some(floor) = given.min_income {
        let job = match given.keeps_job {
            Some(true) => "or a job you keep pays it when every part is done beside one",
            Some(false) => "you keep no job that pays it",
            None => {
                "a kept job is not assumed to pay it: answer yes to keeping one (keeps_job: true) \
                 if you would"
            }
        };
        limits.push(format!(
            "pays your floor of {} with the low end of its income ({job})",
            Usd(floor)
        ));
    }
    if !given.exclude.is_empty() {
        limits.push("leaves out the paths you ruled out".to_string());
    }
    if !given.must_have.is_empty() {
        limits.push("fails none of your must-haves".to_string());
    }
    limits.push("gives each part at least the hours its path needs".to_string());
    limits.join(", ")
}

/// Why a path takes no part in `plan a+b`: its catalogue entry gives it fewer hours at its most
/// units than it needs at least.
pub(super) fn never_enough_hours(path: &CareerPath) -> String {
    format!(
        "{} never reaches the {} hours a week it needs at least, even at its most units: its \
         catalogue entry cannot take part in a portfolio",
        path.name, path.realities.hours_per_week.min
    )
}

/// Why the paths of `plan a+b` may not be combined: two full-time anchors, or beside one a
/// part that is not done alongside a job.
pub(super) fn parts_do_not_combine<'a>(
    anchors: &[&str],
    mut not_beside_a_job: impl Iterator<Item = &'a str>,
) -> String {
    match anchors {
        [first, second, ..] => format!(
            "{first} and {second} are each a full-time anchor, and a portfolio has at most one"
        ),
        [anchor] => match not_beside_a_job.next() {
            Some(part) => format!(
                "{anchor} is a full-time anchor, and beside it fit only parts done alongside a \
                 job; {part} is not one"
            ),
            None => format!("{anchor} is a full-time anchor"),
        },
        [] => "these paths cannot be combined".to_string(),
    }
}

/// Why no count of units of a portfolio's paths fits the person's limits: the week, when even
/// the fewest units overrun it; otherwise what every count that fits the week failed.
pub(super) fn no_count_fits(
    given: &Constraints,
    week: u32,
    least_hours: u32,
    missed: &super::portfolio::Missed,
) -> String {
    if least_hours > week {
        return match given.hours_per_week {
            Some(_) => {
                format!("its fewest units take {least_hours} hours a week; you can give {week}")
            }
            None => format!(
                "its fewest units take {least_hours} hours a week, more than a full-time week of {week}"
            ),
        };
    }
    let mut said = Vec::new();
    if let (Some((low, alongside_job)), Some(floor)) = (missed.floor, given.min_income) {
        said.push(short_of_floor(
            format_args!(
                "within {week} hours a week the low end of its income reaches {} at most",
                Usd(low)
            ),
            floor,
            alongside_job,
            given,
        ));
    }
    if let Some((limit, numbers)) = &missed.limit {
        let mut clause = String::new();
        write_limit_clause(&mut clause, *limit, Meeting::Unmet, numbers, given);
        said.push(clause);
    }
    if said.is_empty() {
        format!("no count of units of these paths fits {week} hours a week and your other limits")
    } else {
        said.join("; and it ")
    }
}

/// What stops every portfolio, when the search finds none; `None` when no one cause can be named.
pub(super) fn no_portfolio(
    given: &Constraints,
    week: u32,
    unfound: &super::portfolio::Unfound,
) -> Option<String> {
    if unfound.candidates < 2 {
        let left = match unfound.candidates {
            0 => "no path done in parts is",
            _ => "only one path done in parts is",
        };
        let after = if given.exclude.is_empty() && given.runway_months.is_none() {
            "in the catalogue"
        } else {
            "left once the paths you ruled out and those that need more savings than you have are \
             set aside"
        };
        return Some(format!("{left} {after}"));
    }
    if !unfound.in_week {
        return Some(format!(
            "no two paths done in parts fit in {week} hours a week, even at their fewest units"
        ));
    }
    if let (Some((low, alongside_job)), Some(floor)) = (unfound.floor, given.min_income) {
        return Some(short_of_floor(
            format_args!(
                "within {week} hours a week the most any combination pays at the low end of its \
                 income is {}",
                Usd(low)
            ),
            floor,
            alongside_job,
            given,
        ));
    }
    unfound
        .conflicted
        .then(|| "every combination that fits your limits fails one of your must-haves".to_string())
}

/// What a portfolio pays at most (`most`), against the person's income floor, saying when a job
/// they may keep was not assumed to pay it.
fn short_of_floor(
    most: fmt::Arguments,
    floor: u64,
    alongside_job: bool,
    given: &Constraints,
) -> String {
    let mut said = format!("{most}; you need {}", Usd(floor));
    if no_job_assumed(alongside_job, given) {
        said.push_str(&format!(" ({ASSUMES_NO_JOB})"));
    }
    said
}

/// A share from 0 to 1 as a whole percentage.
pub(super) fn percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}

pub(super) fn conflict(criteria: &Criteria, index: usize, importance: u8, rating: u8) -> Conflict {
    let goal = &criteria.goals[index];
    Conflict {
        criterion: CriterionId::new(&goal.id),
        answer: importance,
        path: rating,
        text: format!(
            "gives little {} ({rating}/{RATING_MAX}), which you cannot do without",
            Lower(&goal.name)
        ),
    }
}

/// Why a limit rules a path out or costs it points, in words, added to `out`; nothing when it is
/// met. Written in place: a clause made on its own grows through a few reallocations, then is
/// copied into the reason it ends up in.
pub(super) fn write_limit_clause(
    out: &mut String,
    limit: Limit,
    meeting: Meeting,
    path: &PathNumbers,
    given: &Constraints,
) {
    // Writing to a `String` cannot fail.
    let _ = limit_clause(out, limit, meeting, path, given);
}

fn limit_clause(
    out: &mut String,
    limit: Limit,
    meeting: Meeting,
    path: &PathNumbers,
    given: &Constraints,
) -> fmt::Result {
    let yours = your_limit(limit, given);
    let you = match limit {
        Limit::Hours => "you can give",
        Limit::Runway => "you have",
        Limit::Income => "you need",
    };
    match (meeting, limit) {
        (Meeting::Met, _) => return Ok(()),
        // What the path needs, then the person's side: `needs at least 40 hours a week; you can
        // give 10`.
        (Meeting::Unmet, Limit::Income) => {
            unmet_need(out, limit, needed(limit, path))?;
            write!(out, "; {you} {}", Usd(yours))?;
        }
        (Meeting::Unmet, _) => {
            unmet_need(out, limit, needed(limit, path))?;
            write!(out, "; {you} {yours}")?;
        }
        (Meeting::Short(_), Limit::Income) => {
            let (low, high) = path.income;
            let part = if yours >= high {
                "only the top of that reaches"
            } else {
                "the lower part of that is below"
            };
            write!(
                out,
                "pays {} to {} a year, and {part} the {} {you}",
                Usd(low),
                Usd(high),
                Usd(yours)
            )?;
        }
        (Meeting::Short(_), _) => {
            let (typical, unit) = match limit {
                Limit::Runway => (path.runway.1, "months of savings"),
                _ => (path.hours.1, "hours a week"),
            };
            write!(out, "usually takes {typical} {unit}; {you} {yours}")?;
        }
    }
    if assumes_no_job(limit, path, given) {
        write!(out, " ({ASSUMES_NO_JOB})")?;
    }
    Ok(())
}

/// What a path needs of a limit it fails, from `needed`: `needs at least 40 hours a week`,
/// `pays up to $90,000 a year`.
fn unmet_need(out: &mut String, limit: Limit, needed: u64) -> fmt::Result {
    match limit {
        Limit::Hours | Limit::Runway => {
            write!(out, "{NEEDS_AT_LEAST}{}", limit_amount(limit, needed))
        }
        Limit::Income if needed == 0 => out.write_str("pays nothing"),
        Limit::Income => write!(out, "pays up to {} a year", Usd(needed)),
    }
}

/// The path's figure a limit is held against: its least hours and savings, its highest income.
fn needed(limit: Limit, path: &PathNumbers) -> u64 {
    match limit {
        Limit::Hours => u64::from(path.hours.0),
        Limit::Runway => u64::from(path.runway.0),
        Limit::Income => path.income.1,
    }
}

const NEEDS_AT_LEAST: &str = "needs at least ";

/// Hours a week or months of savings, in words: `40 hours a week`, `1 month of savings`.
fn limit_amount(limit: Limit, amount: u64) -> String {
    match (limit, amount) {
        (Limit::Hours, 1) => "1 hour a week".to_string(),
        (Limit::Runway, 1) => "1 month of savings".to_string(),
        (Limit::Runway, _) => format!("{amount} months of savings"),
        _ => format!("{amount} hours a week"),
    }
}

/// The person's answer to a limit (0 when not given: an unmet limit is always given).
fn your_limit(limit: Limit, given: &Constraints) -> u64 {
    match limit {
        Limit::Hours => given.hours_per_week.map_or(0, u64::from),
        Limit::Runway => given.runway_months.map_or(0, u64::from),
        Limit::Income => given.min_income.unwrap_or(0),
    }
}

/// Whether a path's income was judged as if the person keeps no job beside it: a path done
/// alongside one, for a person who did not say whether they keep one.
fn assumes_no_job(limit: Limit, path: &PathNumbers, given: &Constraints) -> bool {
    limit == Limit::Income && no_job_assumed(path.alongside_job, given)
}

/// Whether income done alongside a job is judged as if the person keeps none: they did not say.
fn no_job_assumed(alongside_job: bool, given: &Constraints) -> bool {
    alongside_job && given.keeps_job.is_none()
}

const ASSUMES_NO_JOB: &str =
    "assuming you keep no job beside it; answer yes to keeping one, keeps_job: true, if you would";

/// A limit that rules a path out, in two halves, for a list of the paths ruled out that gives
/// the person's side once: what the path needs, and the person's answer. Numbers, put in words
/// only by the list (`ruled_out`): a stream makes these and never shows them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unmet {
    pub limit: Limit,
    /// The path's side (`needed`): hours a week, months of savings, dollars a year.
    pub needed: u64,
    /// The person's answer: hours a week, months of savings, dollars a year.
    pub yours: u64,
    /// The path's income was judged as if the person keeps no job (see `ASSUMES_NO_JOB`).
    pub assumes_no_job: bool,
}

/// The halves of each limit `path` fails (`meetings` of the limits), in the criteria's order.
pub(super) fn unmet(
    meetings: impl IntoIterator<Item = (Limit, Meeting)>,
    path: &PathNumbers,
    given: &Constraints,
) -> Vec<Unmet> {
    (meetings.into_iter())
        .filter(|&(_, meeting)| meeting == Meeting::Unmet)
        .map(|(limit, _)| Unmet {
            limit,
            needed: needed(limit, path),
            yours: your_limit(limit, given),
            assumes_no_job: assumes_no_job(limit, path, given),
        })
        .collect()
}

/// A list of ruled-out paths, for people: a heading that gives the person's limits once
/// (without a colon: a report's heading, or a table's line with one), each path with only what
/// it needs, and the assumption about a job once. The JSON's `reason` says each path's whole
/// clause, for scripts that take one path at a time.
pub struct RuledOut {
    pub heading: String,
    /// Each path's name and what it needs.
    pub lines: Vec<(String, String)>,
    pub note: Option<String>,
}

pub fn ruled_out(excluded: &[super::Exclusion]) -> RuledOut {
    let unmet = || excluded.iter().flat_map(|e| &e.unmet);
    // Each limit once, in the criteria's order, with the person's answer to it.
    let limits: Vec<String> = Limit::ALL
        .into_iter()
        .filter_map(|limit| unmet().find(|u| u.limit == limit))
        .map(|u| match u.limit {
            Limit::Hours | Limit::Runway => limit_amount(u.limit, u.yours),
            Limit::Income => format!("an income floor of {}", Usd(u.yours)),
        })
        .collect();
    let heading = match limits.as_slice() {
        [] => "Ruled out".to_string(),
        limits => format!("Ruled out by your limits ({})", limits.join(", ")),
    };
    let lines = excluded
        .iter()
        .map(|e| {
            // `needs at least 45 hours a week and 3 months of savings; pays up to …; you ruled it
            // out`: the limits come hours, savings, income.
            let amounts: Vec<String> = (e.unmet.iter())
                .filter(|u| u.limit != Limit::Income)
                .map(|u| limit_amount(u.limit, u.needed))
                .collect();
            let mut clauses = Vec::new();
            if !amounts.is_empty() {
                clauses.push(format!("{NEEDS_AT_LEAST}{}", amounts.join(" and ")));
            }
            for income in e.unmet.iter().filter(|u| u.limit == Limit::Income) {
                let mut clause = String::new();
                // Writing to a `String` cannot fail.
                let _ = unmet_need(&mut clause, income.limit, income.needed);
                clauses.push(clause);
            }
            if e.constraints.iter().any(|c| c == "exclude") {
                clauses.push(RULED_OUT.to_string());
            }
            (e.name.clone(), clauses.join("; "))
        })
        .collect();
    let beside_a_job: Vec<&str> = (excluded.iter())
        .filter(|e| e.unmet.iter().any(|u| u.assumes_no_job))
        .map(|e| e.name.as_str())
        .collect();
    let note = match beside_a_job.as_slice() {
        [] => None,
        [one] => Some(format!(
            "{one} is usually done beside a job: its income above assumes you keep none; \
             {KEEPS_A_JOB}"
        )),
        [many @ .., last] => Some(format!(
            "{} and {last} are usually done beside a job: their incomes above assume you keep \
             none; {KEEPS_A_JOB}",
            many.join(", ")
        )),
    };
    RuledOut {
        heading,
        lines,
        note,
    }
}

/// Said once under a list of ruled-out paths whose income assumed no job.
const KEEPS_A_JOB: &str = "answer yes to keeping one (keeps_job: true) if you would.";

/// The reasons for and against a path that matter to this person: goals they rate 4 or 5, skills
/// with a real gap, must-haves in conflict, limits that cost points. A skill they meet counts for
/// a path only after the goals, and a demand of 3 met only last.
pub(super) fn reasons<'a>(
    criteria: &Criteria,
    contributions: &'a [Contribution],
    conflicts: &[Conflict],
    (numbers, given): (&'a PathNumbers, &'a Constraints),
    assumed: &[Assumption],
    mut said: Option<&mut Said>,
) -> Reasons {
    let was_assumed = |contribution: &Contribution| {
        let section = match contribution.kind {
            Kind::Skill => "skills",
            Kind::Goal => "goals",
            Kind::Constraint => return false,
        };
        assumed.iter().any(|a| {
            a.key
                .strip_prefix(section)
                .and_then(|k| k.strip_prefix('.'))
                == Some(&contribution.criterion)
        })
    };
    // A must-have in conflict is always named first, whatever its points.
    let conflicted: Vec<Reason> = conflicts
        .iter()
        .map(|conflict| Reason {
            kind: Kind::Goal,
            criterion: conflict.criterion.clone(),
            points: contributions
                .iter()
                .find(|c| c.kind == Kind::Goal && c.criterion == conflict.criterion)
                .map_or(0.0, |c| c.lost),
            text: conflict.text.as_str().into(),
        })
        .collect();
    // Only a limit partly met costs points without ruling the path out.
    let meetings = super::score::meetings(given, numbers);
    // The candidates, as numbers: only those kept are put in words.
    let mut for_path = Strongest::default();
    let mut against = Strongest::default();
    for contribution in contributions {
        let candidate = |class: u8, points: f64, words: Words<'a>| Candidate {
            class,
            contribution,
            points,
            words,
        };
        let in_conflict = || {
            conflicts
                .iter()
                .any(|c| c.criterion == contribution.criterion)
        };
        match (contribution.kind, contribution.answer, contribution.path) {
            (Kind::Skill, Some(level), Some(demand)) if level >= demand && demand >= KEY_DEMAND => {
                let class = if demand > KEY_DEMAND { 1 } else { 2 };
                let assumed = was_assumed(contribution);
                for_path.offer(candidate(
                    class,
                    contribution.points,
                    Words::SkillMet {
                        level,
                        demand,
                        assumed,
                    },
                ));
            }
            (Kind::Skill, Some(level), Some(demand)) if level < demand => {
                let assumed = was_assumed(contribution);
                against.offer(candidate(
                    0,
                    contribution.lost,
                    Words::SkillShort {
                        level,
                        demand,
                        assumed,
                    },
                ));
            }
            (Kind::Goal, Some(importance), Some(rating))
                if importance >= MATTERS && rating >= STRONG =>
            {
                for_path.offer(candidate(
                    0,
                    contribution.points,
                    Words::GoalStrong { importance, rating },
                ));
            }
            (Kind::Goal, Some(importance), Some(rating))
                if !in_conflict()
                    && ((importance >= MATTERS && rating < STRONG)
                        || (importance >= SOMEWHAT && rating <= WEAK)) =>
            {
                // A goal that matters comes before one that matters somewhat.
                let class = u8::from(importance < MATTERS);
                against.offer(candidate(
                    class,
                    contribution.lost,
                    Words::GoalShort {
                        importance,
                        rating,
                        assumed: was_assumed(contribution),
                    },
                ));
            }
            (Kind::Constraint, _, _) if contribution.points < 0.0 => {
                let short = meetings.into_iter().find(|(limit, meeting)| {
                    limit.id() == contribution.criterion && matches!(meeting, Meeting::Short(_))
                });
                let clause = Words::Clause {
                    short,
                    numbers,
                    given,
                };
                against.offer(candidate(0, contribution.lost, clause));
            }
            _ => {}
        }
    }
    Reasons {
        for_path: for_path.reasons(criteria, Vec::new(), said.as_deref_mut()),
        against: against.reasons(criteria, conflicted, said),
    }
}

/// A reason before it is put in words.
struct Candidate<'a> {
    /// Lower classes come first, whatever their points.
    class: u8,
    contribution: &'a Contribution,
    /// Points it wins (for) or loses (against).
    points: f64,
    words: Words<'a>,
}

/// What a reason says, before it is said.
enum Words<'a> {
    /// A skill the path demands that the person meets.
    SkillMet {
        level: u64,
        demand: u64,
        assumed: bool,
    },
    /// A skill the path demands at more than the person's level.
    SkillShort {
        level: u64,
        demand: u64,
        assumed: bool,
    },
    /// A goal that matters, which the path is strong on.
    GoalStrong { importance: u64, rating: u64 },
    /// A goal that matters, which the path is middling or weak on.
    GoalShort {
        importance: u64,
        rating: u64,
        assumed: bool,
    },
    /// A limit that costs points: its clause, written only if the reason is kept.
    Clause {
        short: Option<(Limit, Meeting)>,
        numbers: &'a PathNumbers,
        given: &'a Constraints,
    },
}

/// The words of reasons already put together, to be copied the next time: a stream says the
/// same few things of the same criteria over and over, and a reason's words depend only on its
/// criterion, what it says and its numbers (a limit's clause aside). For one catalogue's
/// criteria only.
#[derive(Debug, Clone, Default)]
pub struct Said {
    /// By `Said::place`; `None` until first said.
    texts: Vec<Option<Arc<str>>>,
}

impl Said {
    /// Where the words of `candidate` are kept, if they are kept: numbers on the rating scale
    /// and a criterion of the catalogue's.
    fn place(criteria: &Criteria, candidate: &Candidate) -> Option<usize> {
        let contribution = candidate.contribution;
        let position = criteria
            .of_kind(contribution.kind)
            .iter()
            .position(|criterion| criterion.id == contribution.criterion)?;
        let criterion = match contribution.kind {
            Kind::Skill => position,
            _ => criteria.skills.len() + position,
        };
        let (says, a, b, assumed) = match candidate.words {
            Words::SkillMet {
                level,
                demand,
                assumed,
            } => (0, level, demand, assumed),
            Words::SkillShort {
                level,
                demand,
                assumed,
            } => (1, level, demand, assumed),
            Words::GoalStrong { importance, rating } => (2, importance, rating, false),
            Words::GoalShort {
                importance,
                rating,
                assumed,
            } => (3, importance, rating, assumed),
            Words::Clause { .. } => return None,
        };
        let scale = u64::from(RATING_MAX) + 1;
        (a < scale && b < scale).then(|| {
            let numbers = (a * scale + b) as usize;
            ((criterion * 4 + says) * (scale * scale) as usize + numbers) * 2 + usize::from(assumed)
        })
    }
}

impl Candidate<'_> {
    /// Stronger first: lower classes, whatever their points; then more points; ties by kind and
    /// criterion, so that the order never depends on the catalogue's.
    fn by_strength(&self, other: &Candidate) -> std::cmp::Ordering {
        self.class
            .cmp(&other.class)
            .then_with(|| other.points.total_cmp(&self.points))
            .then_with(|| self.contribution.kind.cmp(&other.contribution.kind))
            .then_with(|| {
                self.contribution
                    .criterion
                    .cmp(&other.contribution.criterion)
            })
    }

    /// The reason in words: those `said` keeps if given, made anew otherwise.
    fn reason(&self, criteria: &Criteria, said: Option<&mut Said>) -> Reason {
        let kept = said.and_then(|said| Some((Said::place(criteria, self)?, said)));
        let text = match kept {
            Some((place, said)) => {
                if place >= said.texts.len() {
                    said.texts.resize(place + 1, None);
                }
                Arc::clone(said.texts[place].get_or_insert_with(|| self.text(criteria).into()))
            }
            None => self.text(criteria).into(),
        };
        Reason {
            kind: self.contribution.kind,
            criterion: self.contribution.criterion.clone(),
            points: self.points,
            text,
        }
    }

    fn text(&self, criteria: &Criteria) -> String {
        let max = RATING_MAX;
        let contribution = self.contribution;
        let name = Lower(criteria.name_of(contribution.kind, &contribution.criterion));
        match self.words {
            Words::SkillMet {
                level,
                demand,
                assumed: true,
            } => format!("your {name} (not rated, {level} assumed) meets the {demand} it demands"),
            Words::SkillMet { level, demand, .. } => {
                format!("your {name} ({level}/{max}) meets the {demand} it demands")
            }
            Words::SkillShort {
                level,
                demand,
                assumed: true,
            } => format!("demands {name} at {demand}; you did not rate yourself ({level} assumed)"),
            Words::SkillShort { level, demand, .. } => {
                format!("demands {name} at {demand}; you rate yourself {level}")
            }
            Words::GoalStrong { importance, rating } => format!(
                "strong on {name} ({rating}/{max}), which matters to you ({importance}/{max})"
            ),
            Words::GoalShort {
                importance,
                rating,
                assumed,
            } => {
                let how = if rating <= WEAK { "weak" } else { "middling" };
                if assumed {
                    format!(
                        "{how} on {name} ({rating}/{max}); you did not rate how much it matters \
                         ({importance} assumed)"
                    )
                } else {
                    let much = if importance >= MATTERS {
                        ""
                    } else {
                        " somewhat"
                    };
                    format!(
                        "{how} on {name} ({rating}/{max}), which matters to you{much} \
                         ({importance}/{max})"
                    )
                }
            }
            Words::Clause {
                short,
                numbers,
                given,
            } => {
                // Room for the longest clause, the income's.
                let mut clause = String::with_capacity(192);
                if let Some((limit, meeting)) = short {
                    write_limit_clause(&mut clause, limit, meeting, numbers, given);
                }
                clause
            }
        }
    }
}

/// The strongest candidates of one side offered so far, best first: only as many as a side
/// keeps, so that no list of every candidate is made and sorted for each path.
struct Strongest<'a> {
    kept: [Option<Candidate<'a>>; REASONS_PER_SIDE],
}

impl Default for Strongest<'_> {
    fn default() -> Self {
        Strongest {
            kept: std::array::from_fn(|_| None),
        }
    }
}

impl<'a> Strongest<'a> {
    /// Keeps `candidate` in its place if it is among the strongest so far; noise is never kept.
    fn offer(&mut self, candidate: Candidate<'a>) {
        if candidate.points < LEAST_REASON_POINTS {
            return;
        }
        let mut moving = candidate;
        for slot in &mut self.kept {
            match slot {
                None => {
                    *slot = Some(moving);
                    return;
                }
                Some(kept) if moving.by_strength(kept).is_lt() => std::mem::swap(kept, &mut moving),
                Some(_) => {}
            }
        }
        // What is left moving is the weakest of them: not kept.
    }

    /// `first`, then the strongest kept, up to the number a side keeps.
    fn reasons(
        self,
        criteria: &Criteria,
        first: Vec<Reason>,
        mut said: Option<&mut Said>,
    ) -> Vec<Reason> {
        let room = REASONS_PER_SIDE.saturating_sub(first.len());
        first
            .into_iter()
            .take(REASONS_PER_SIDE)
            .chain(
                self.kept
                    .iter()
                    .flatten()
                    .take(room)
                    .map(|candidate| candidate.reason(criteria, said.as_deref_mut())),
            )
            .collect()
    }
}

/// `Founder leads CEO by 12.0 points: …`, with the criteria where each gives up less, and any
/// conflict or limit that sets one apart.
pub(super) fn comparison(
    names: &Criteria,
    (a, a_out): (&RankedPath, Option<&str>),
    (b, b_out): (&RankedPath, Option<&str>),
    criteria: &[Difference],
) -> String {
    let gains = |sign: f64| {
        let mut gains: Vec<&Difference> = criteria
            .iter()
            .filter(|d| d.difference * sign > 0.0 && !rank::negligible(d.difference))
            .collect();
        gains.sort_by(|x, y| (y.difference * sign).total_cmp(&(x.difference * sign)));
        gains
            .iter()
            .take(3)
            .map(|d| {
                let name = Lower(names.name_of(d.kind, &d.criterion));
                format!("{name} ({:+.1})", d.difference * sign)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let difference = a.score - b.score;
    let (leader, trailer) = if difference >= 0.0 { (a, b) } else { (b, a) };
    let mut text = if rank::negligible(difference) {
        format!("{} and {} score the same", a.name, b.name)
    } else {
        format!(
            "{} leads {} by {:.1} points",
            leader.name,
            trailer.name,
            difference.abs()
        )
    };
    for (path, sign) in [(a, 1.0), (b, -1.0)] {
        let gains = gains(sign);
        if !gains.is_empty() {
            text.push_str(&format!("; {} gives up less on {gains}", path.name));
        }
    }
    text.push('.');
    for (path, out) in [(a, a_out), (b, b_out)] {
        if let Some(reason) = out {
            text.push_str(&format!(
                " Your limits rule {} out ({reason}); its score is shown as if they did not.",
                path.name
            ));
        }
        for conflict in &path.conflicts {
            text.push_str(&format!(" {} {}.", path.name, conflict.text));
        }
    }
    text
}

/// `250000` → `$250,000`.
pub fn usd(amount: u64) -> String {
    Usd(amount).to_string()
}

/// A name in lower case, written where it goes: no copy of its own when it is ASCII, as the
/// names of criteria are.
struct Lower<'a>(&'a str);

impl fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.is_ascii() {
            // Unicode's rules (a final sigma) need the whole text.
            return f.write_str(&self.0.to_lowercase());
        }
        for chunk in self.0.as_bytes().chunks(64) {
            let mut lower = [0u8; 64];
            let lower = &mut lower[..chunk.len()];
            lower.copy_from_slice(chunk);
            lower.make_ascii_lowercase();
            f.write_str(std::str::from_utf8(lower).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Candidate, Contribution, CriterionId, Strongest, Words, usd};
    use crate::model::Kind;
    use proptest::prelude::*;

    proptest! {
        /// Keeping the strongest as they are offered keeps what sorting them all would.
        #[test]
        fn the_strongest_kept_are_the_first_of_all_sorted(
            offered in prop::collection::vec((0u8..3, 0usize..3, 0u8..12, 0usize..6), 0..16)
        ) {
            let kinds = [Kind::Skill, Kind::Goal, Kind::Constraint];
            // Points in halves, so that ties (broken by kind and criterion) are common.
            let contributions: Vec<Contribution> = offered
                .iter()
                .map(|&(_, kind, halves, criterion)| Contribution {
                    kind: kinds[kind],
                    criterion: CriterionId::from(format!("c{criterion}")),
                    points: f64::from(halves) / 2.0,
                    possible: 6.0,
                    lost: 0.0,
                    answer: None,
                    path: None,
                })
                .collect();
            let candidates = || {
                offered.iter().zip(&contributions).map(|(&(class, ..), contribution)| Candidate {
                    class,
                    contribution,
                    points: contribution.points,
                    words: Words::GoalStrong { importance: 4, rating: 4 },
                })
            };
            let mut strongest = Strongest::default();
            candidates().for_each(|candidate| strongest.offer(candidate));
            let kept: Vec<(u8, f64, Kind, &str)> = strongest
                .kept
                .iter()
                .flatten()
                .map(|c| (c.class, c.points, c.contribution.kind, c.contribution.criterion.as_str()))
                .collect();
            let mut all: Vec<Candidate> = candidates()
                .filter(|c| c.points >= super::LEAST_REASON_POINTS)
                .collect();
            // The same ordering, over every candidate at once.
            all.sort_by(Candidate::by_strength);
            let first: Vec<(u8, f64, Kind, &str)> = all
                .iter()
                .take(super::REASONS_PER_SIDE)
                .map(|c| (c.class, c.points, c.contribution.kind, c.contribution.criterion.as_str()))
                .collect();
            prop_assert_eq!(kept, first);
        }
    }

    #[test]
    fn usd_groups_thousands() {
        assert_eq!(usd(0), "$0");
        assert_eq!(usd(999), "$999");
        assert_eq!(usd(1000), "$1,000");
        assert_eq!(usd(250_000), "$250,000");
        assert_eq!(usd(12_345_678), "$12,345,678");
        assert_eq!(usd(u64::MAX), "$18,446,744,073,709,551,615");
    }

    #[test]
    fn lower_writes_what_to_lowercase_gives() {
        for name in ["Technical depth", "", "ÉQUIPE Σ", &"AbC".repeat(40)] {
            assert_eq!(super::Lower(name).to_string(), name.to_lowercase());
        }
    }
}
