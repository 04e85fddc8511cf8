//! What must always hold of the engine, over generated answers and generated catalogues.

use crate::common::builtin;
use ctopath::catalogue::{Source, load_sources};
use ctopath::engine::{Assessment, Band, Prepared, Settings, assess, assess_robustly};
use ctopath::model::{
    Answers, Basis, CareerPath, Catalogue, Combines, Constraints, IncomeRange, Need, Realities,
    Text,
};
use proptest::prelude::*;
use proptest::sample::subsequence;
use std::collections::BTreeMap;

fn criteria_ids() -> (Vec<String>, Vec<String>) {
    let criteria = builtin().criteria;
    (
        criteria.skills.iter().map(|c| c.id.to_string()).collect(),
        criteria.goals.iter().map(|c| c.id.to_string()).collect(),
    )
}

fn ratings(ids: Vec<String>) -> impl Strategy<Value = BTreeMap<String, u8>> {
    proptest::collection::vec(1u8..=5, ids.len())
        .prop_map(move |values| ids.iter().cloned().zip(values).collect())
}

fn some_ratings(ids: Vec<String>, at_least: usize) -> impl Strategy<Value = BTreeMap<Text, u8>> {
    let count = ids.len();
    (
        subsequence(ids, at_least..=count),
        proptest::collection::vec(1u8..=5, count),
    )
        .prop_map(|(chosen, values)| chosen.into_iter().map(Text::from).zip(values).collect())
}

fn need() -> impl Strategy<Value = Need> {
    (0u32..=60, 0u32..=30).prop_map(|(min, extra)| Need {
        min,
        typical: min + extra,
        basis: Basis::Unstated,
    })
}

fn career_path(id: String) -> impl Strategy<Value = CareerPath> {
    let (skills, goals) = criteria_ids();
    (
        some_ratings(skills, 1),
        some_ratings(goals, 0),
        need(),
        need(),
        0u64..=400_000,
        0u64..=400_000,
        any::<bool>(),
    )
        .prop_map(
            move |(demands, gives, hours, runway, low, extra, alongside_job)| CareerPath {
                id: id.clone().into(),
                name: id.to_uppercase().into(),
                summary: "s".into(),
                description: "d".into(),
                demands,
                gives,
                realities: Realities {
                    hours_per_week: hours,
                    runway_months: runway,
                    income_usd: IncomeRange {
                        low,
                        high: low + extra,
                        basis: Basis::Unstated,
                    },
                },
                first_steps: vec!["step".into()],
                experiments: Vec::new(),
                review_after_weeks: 12,
                alongside_job,
                combines: Combines::Alone,
                sources: Vec::new(),
                facts: Vec::new(),
                source: "generated".into(),
                origin: "generated".into(),
                replaces: None,
            },
        )
}

/// A catalogue with the built-in criteria and 1 to 10 generated paths, sorted by id.
fn catalogue() -> impl Strategy<Value = Catalogue> {
    (1usize..=10)
        .prop_flat_map(|count| {
            (0..count)
                .map(|n| career_path(format!("path_{n:02}")))
                .collect::<Vec<_>>()
        })
        .prop_map(|paths| Catalogue {
            criteria: builtin().criteria,
            paths,
        })
}

fn answers(path_ids: Vec<String>) -> impl Strategy<Value = Answers> {
    let (skills, goals) = criteria_ids();
    (
        ratings(skills),
        ratings(goals),
        proptest::option::of(0u32..=120),
        proptest::option::of(0u32..=240),
        proptest::option::of(0u64..=600_000),
        subsequence(path_ids.clone(), 0..=path_ids.len().min(3)),
        subsequence(criteria_ids().1, 0..=3),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(skills, goals, hours, runway, income, exclude, must_have, keeps_job)| Answers {
                skills,
                goals,
                constraints: Constraints {
                    hours_per_week: hours,
                    runway_months: runway,
                    min_income: income,
                    exclude: exclude.into_iter().collect(),
                    must_have,
                    keeps_job,
                },
                assumed: Vec::new(),
            },
        )
}

fn catalogue_and_answers() -> impl Strategy<Value = (Catalogue, Answers)> {
    catalogue().prop_flat_map(|catalogue| {
        let ids = catalogue.paths.iter().map(|p| p.id.to_string()).collect();
        (Just(catalogue), answers(ids))
    })
}

fn score_of(assessment: &Assessment, id: &str) -> Option<f64> {
    assessment
        .ranking
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.score)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scores_stay_in_range_and_their_parts_add_up((catalogue, answers) in catalogue_and_answers()) {
        let assessment = assess(&catalogue, &answers);
        prop_assert_eq!(assessment.ranking.len() + assessment.excluded.len(), catalogue.paths.len());
        let weights = catalogue.criteria.weights;
        let mut previous = (false, f64::INFINITY);
        for (index, ranked) in assessment.ranking.iter().enumerate() {
            prop_assert_eq!(ranked.rank, index + 1);
            prop_assert!((0.0..=100.0).contains(&ranked.score), "score {}", ranked.score);
            // Best first: paths in conflict with a must-have after every other, then by score
            // (equal to nine decimals: by id).
            let conflicted = !ranked.conflicts.is_empty();
            prop_assert!(conflicted >= previous.0, "a conflict ranks above a path without one");
            if conflicted == previous.0 {
                prop_assert!(ranked.score <= previous.1 + 1e-9);
            }
            previous = (conflicted, ranked.score);
            let sum: f64 = ranked.contributions.iter().map(|c| c.points).sum();
            prop_assert!((sum - ranked.score).abs() < 1e-9, "parts {} vs score {}", sum, ranked.score);
            // What each criterion gave up adds up to what the score lacks of 100.
            let lost: f64 = ranked.contributions.iter().map(|c| c.lost).sum();
            prop_assert!((lost - (100.0 - ranked.score)).abs() < 1e-9, "lost {} vs score {}", lost, ranked.score);
            let fit = ranked.fit;
            let formula = 100.0 * (weights.skills * fit.skills + weights.goals * fit.goals) * (1.0 - fit.penalty);
            prop_assert!((formula - ranked.score).abs() < 1e-9, "formula {} vs score {}", formula, ranked.score);
            // A conflict is exactly a must-have the path rates 1 or 2, and never strong.
            let path = catalogue.path(&ranked.id).unwrap();
            let expected: Vec<&str> = catalogue.criteria.goals.iter()
                .map(|g| &*g.id)
                .filter(|id| answers.constraints.must_have.iter().any(|m| m == id) && path.gives.get(*id).copied().unwrap_or(3) <= 2)
                .collect();
            prop_assert_eq!(ranked.conflicts.iter().map(|c| &c.criterion).collect::<Vec<_>>(), expected);
            if conflicted {
                prop_assert_ne!(ranked.band, Band::Strong);
            }
        }
        for excluded in &assessment.excluded {
            prop_assert!(!excluded.reason.is_empty());
            // A job kept beside a path done alongside one pays the floor: income never rules it out.
            let path = catalogue.path(&excluded.id).unwrap();
            if path.alongside_job && answers.constraints.keeps_job == Some(true) {
                prop_assert!(!excluded.constraints.contains(&"min_income".to_string()));
            }
        }
    }

    #[test]
    fn robustness_is_a_distribution_over_the_ranked_paths(
        (catalogue, answers) in catalogue_and_answers(),
        seed in any::<u64>(),
    ) {
        let settings = Settings { seed, samples: 60 };
        let assessment = assess_robustly(&catalogue, &answers, settings);
        prop_assert_eq!(&assessment, &assess_robustly(&catalogue, &answers, settings), "same seed, same result");
        let robustness = assessment.robustness.as_ref().unwrap();
        if assessment.ranking.is_empty() {
            return Ok(());
        }
        let mut shares = 0.0;
        for ranked in &assessment.ranking {
            let stability = ranked.robustness.as_ref().unwrap();
            shares += stability.first_share;
            let [low, high] = stability.rank_range;
            prop_assert!(1 <= low && low <= high && high <= assessment.ranking.len());
        }
        prop_assert!((shares - 1.0).abs() < 1e-9, "first places add up to {}", shares);
        if let Some(flip) = &robustness.flip {
            // The flip is what the ranking itself would show, under the same order.
            prop_assert_ne!(&flip.new_top, &assessment.ranking[0].id);
            let mut changed = answers.clone();
            let (section, id) = flip.key.split_once('.').unwrap();
            let values = if section == "skills" { &mut changed.skills } else { &mut changed.goals };
            prop_assert_eq!(values.insert(id.to_string(), flip.to), Some(flip.from));
            prop_assert_eq!(&assess(&catalogue, &changed).ranking[0].id, &flip.new_top);
        }
        // A profile where every goal matters the same is warned about and never a clear winner.
        if answers.goals.values().all(|&v| Some(&v) == answers.goals.values().next()) {
            prop_assert!(assessment.warnings.iter().any(|w| w.code == "flat_profile"));
            prop_assert!(!robustness.clear_winner || assessment.ranking.len() == 1);
        }
        // Scores without the variations are untouched by them.
        prop_assert_eq!(assessment.ranking.iter().map(|r| r.score).collect::<Vec<_>>(),
            assess(&catalogue, &answers).ranking.iter().map(|r| r.score).collect::<Vec<_>>());
    }

    #[test]
    fn scoring_many_people_ranks_as_assess_does((catalogue, answers) in catalogue_and_answers()) {
        let assessment = assess(&catalogue, &answers);
        let mut quick = ctopath::engine::Ranking::default();
        Prepared::new(&catalogue).rank(&answers, &mut quick);
        prop_assert_eq!(quick.len(), assessment.ranking.len());
        for (fast, full) in quick.iter().zip(&assessment.ranking) {
            prop_assert_eq!(&catalogue.paths[fast.path].id, &full.id);
            // One scoring core: the fast score is the explained one, to the last bit.
            prop_assert_eq!(fast.score, full.score);
        }
    }

    #[test]
    fn raising_a_skill_never_lowers_a_score(
        (catalogue, answers) in catalogue_and_answers(),
        which in 0usize..9,
    ) {
        let skill = catalogue.criteria.skills[which].id.to_string();
        let level = answers.skills[&skill];
        prop_assume!(level < 5);
        let mut raised = answers.clone();
        raised.skills.insert(skill, level + 1);
        let before = assess(&catalogue, &answers);
        let after = assess(&catalogue, &raised);
        prop_assert_eq!(&before.excluded, &after.excluded);
        for ranked in &before.ranking {
            let new_score = score_of(&after, &ranked.id).unwrap();
            prop_assert!(new_score >= ranked.score - 1e-9, "{}: {} -> {}", ranked.id, ranked.score, new_score);
        }
    }

    #[test]
    fn the_order_of_paths_never_changes_the_result(
        (catalogue, answers) in catalogue_and_answers(),
        rotation in 0usize..10,
    ) {
        let mut shuffled = catalogue.clone();
        shuffled.paths.reverse();
        let len = shuffled.paths.len();
        shuffled.paths.rotate_left(rotation % len);
        prop_assert_eq!(assess(&catalogue, &answers), assess(&shuffled, &answers));
    }

    #[test]
    fn the_order_of_keys_in_the_answers_never_changes_the_result(
        (catalogue, answers) in catalogue_and_answers(),
        seed in any::<u64>(),
    ) {
        let in_order = to_json(&answers, None);
        let shuffled = to_json(&answers, Some(seed));
        let first = ctopath::answers::parse(&in_order, "a", &catalogue).unwrap();
        let second = ctopath::answers::parse(&shuffled, "b", &catalogue).unwrap();
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(&first, &answers);
        prop_assert_eq!(assess(&catalogue, &first), assess(&catalogue, &second));
    }

    #[test]
    fn the_order_of_files_never_changes_the_catalogue(rotation in 0usize..9, reverse in any::<bool>()) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("paths");
        let mut sources: Vec<Source> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
            .map(|path| Source {
                display: path.file_name().unwrap().to_string_lossy().into_owned(),
                file_name: path.file_name().unwrap().to_string_lossy().into_owned(),
                text: std::fs::read_to_string(&path).unwrap().into(),
                origin: "built-in",
            })
            .collect();
        let in_order = load_sources(&[sources.clone()], Vec::new()).unwrap().catalogue;
        if reverse {
            sources.reverse();
        }
        let len = sources.len();
        sources.rotate_left(rotation % len);
        let shuffled = load_sources(&[sources], Vec::new()).unwrap().catalogue;
        prop_assert_eq!(in_order, shuffled);
    }
}

/// The answers as JSON text, with the keys of every object in a seeded random order.
fn to_json(answers: &Answers, seed: Option<u64>) -> String {
    let mut state = seed.unwrap_or(0);
    let mut shuffle = |mut entries: Vec<String>| {
        if seed.is_some() {
            // A small xorshift is enough to permute a handful of keys reproducibly.
            for i in (1..entries.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                entries.swap(i, (state % (i as u64 + 1)) as usize);
            }
        }
        format!("{{{}}}", entries.join(","))
    };
    let object = |map: &BTreeMap<String, u8>, shuffle: &mut dyn FnMut(Vec<String>) -> String| {
        shuffle(map.iter().map(|(k, v)| format!("{k:?}:{v}")).collect())
    };
    let skills = object(&answers.skills, &mut shuffle);
    let goals = object(&answers.goals, &mut shuffle);
    let number = |value: Option<u64>| value.map_or("null".to_string(), |v| v.to_string());
    let constraints = &answers.constraints;
    let exclude: Vec<String> = constraints
        .exclude
        .iter()
        .map(|id| format!("{id:?}"))
        .collect();
    let constraints = shuffle(vec![
        format!(
            "\"hours_per_week\":{}",
            number(constraints.hours_per_week.map(u64::from))
        ),
        format!(
            "\"runway_months\":{}",
            number(constraints.runway_months.map(u64::from))
        ),
        format!("\"min_income\":{}", number(constraints.min_income)),
        format!("\"exclude\":[{}]", exclude.join(",")),
        format!(
            "\"keeps_job\":{}",
            constraints
                .keeps_job
                .map_or("null".to_string(), |keeps| keeps.to_string())
        ),
        format!(
            "\"must_have\":[{}]",
            constraints
                .must_have
                .iter()
                .map(|id| format!("{id:?}"))
                .collect::<Vec<_>>()
                .join(",")
        ),
    ]);
    shuffle(vec![
        format!("\"skills\":{skills}"),
        format!("\"goals\":{goals}"),
        format!("\"constraints\":{constraints}"),
    ])
}

/// Answers `b`, but only the skills and goals named in `changed` (and the hours, if
/// `hours_changed`) taken from `b`; the rest from `a`: a review with a few answers changed.
fn few_changed(a: &Answers, b: &Answers, changed: &[String], hours_changed: bool) -> Answers {
    let mut mixed = a.clone();
    for id in changed {
        if let Some(&level) = b.skills.get(id) {
            mixed.skills.insert(id.clone(), level);
        }
        if let Some(&importance) = b.goals.get(id) {
            mixed.goals.insert(id.clone(), importance);
        }
    }
    if hours_changed {
        mixed.constraints.hours_per_week = b.constraints.hours_per_week;
    }
    mixed
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// What each changed answer contributed to a path's move adds up to the move, whether the
    /// parts are exact Shapley values (few changes) or taken in order (many).
    #[test]
    fn review_parts_add_up_to_each_paths_move(
        a in answers(builtin().paths.iter().map(|p| p.id.to_string()).collect()),
        b in answers(builtin().paths.iter().map(|p| p.id.to_string()).collect()),
        changed in subsequence(
            criteria_ids().0.into_iter().chain(criteria_ids().1).collect::<Vec<_>>(),
            0..=8,
        ),
        hours_changed in any::<bool>(),
        all in any::<bool>(),
    ) {
        let catalogue = builtin();
        let after = if all { b.clone() } else { few_changed(&a, &b, &changed, hours_changed) };
        let review = ctopath::engine::review(&catalogue, &a, &after);
        if review.changes.len() <= ctopath::engine::attribution::EXACT_UP_TO {
            prop_assert_eq!(review.attribution, ctopath::engine::attribution::Method::Shapley);
        } else {
            prop_assert_eq!(review.attribution, ctopath::engine::attribution::Method::Sequential);
        }
        for moved in &review.paths {
            prop_assert_eq!(moved.parts.len(), review.changes.len());
            let sum: f64 = moved.parts.iter().map(|p| p.points).sum();
            prop_assert!((sum - moved.points).abs() < 1e-6, "{}: {} vs {}", moved.id, sum, moved.points);
            let before = moved.score_before.unwrap_or(0.0);
            let now = moved.score_after.unwrap_or(0.0);
            prop_assert!((now - before - moved.points).abs() < 1e-9);
        }
        // The same answers both times: nothing changed, nothing moved.
        let same = ctopath::engine::review(&catalogue, &a, &a);
        prop_assert!(same.changes.is_empty());
        prop_assert!(same.paths.iter().all(|moved| moved.points == 0.0));
    }
}
