//! Answers that hold nothing unusual, read straight into numbers: no tree, no key list, no
//! problem text. Most records of a stream are like this. Anything else (a problem, a key given
//! twice, `$schema`, a number written as `4.0`, broken JSON) gives `None`, and the full path reads
//! the input again and reports on it: so the problems, warnings and `assumed` of any input are
//! the full path's, and the two paths agree on every input they both read (a test checks this).

use super::{CONSTRAINTS, Dense, Text};
use crate::engine::Profile;
use crate::model::{
    Assumption, Catalogue, Constraints, Criterion, MAX_MUST_HAVES, NumberQuestion, RATING_MAX,
    RATING_MIN,
};
use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, Visitor};
use std::fmt;

/// A rating not given; ratings are 1 to 5.
const NOT_GIVEN: u8 = 0;
/// A rating given as `null`: takes the default, like one not given, but counts as given twice
/// if its key comes again.
const GIVEN_NULL: u8 = u8::MAX;

/// The answers in `text`, or `None` when the full path must read them.
pub fn read(text: &str, catalogue: &Catalogue) -> Option<Dense> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let dense = Answers { catalogue }.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(dense)
}

/// What makes the full path read the input: never shown, so it says nothing.
fn unusual<E: Error>() -> E {
    E::custom("")
}

struct Answers<'c> {
    catalogue: &'c Catalogue,
}

impl<'de> DeserializeSeed<'de> for Answers<'_> {
    type Value = Dense;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Dense, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Answers<'_> {
    type Value = Dense;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answers object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dense, A::Error> {
        let criteria = &self.catalogue.criteria;
        let (mut levels, mut importance, mut constraints) = (None, None, None);
        while let Some(Text(key)) = map.next_key::<Text>()? {
            match key.as_ref() {
                "skills" if levels.is_none() => {
                    levels = Some(map.next_value_seed(Ratings(&criteria.skills))?);
                }
                "goals" if importance.is_none() => {
                    importance = Some(map.next_value_seed(Ratings(&criteria.goals))?);
                }
                "constraints" if constraints.is_none() => {
                    constraints = Some(map.next_value_seed(Limits {
                        catalogue: self.catalogue,
                    })?);
                }
                _ => return Err(unusual()),
            }
        }
        // In the full path's order: every skill, then every goal.
        let mut assumed = Vec::new();
        let levels = defaults("skills", levels, &criteria.skills, &mut assumed);
        let importance = defaults("goals", importance, &criteria.goals, &mut assumed);
        Ok(Dense {
            profile: Profile { levels, importance },
            constraints: constraints.unwrap_or_default(),
            assumed,
        })
    }
}

/// The ratings as given, with each one not given (or `null`) set to its criterion's default and
/// listed in `assumed`.
fn defaults(
    section: &str,
    given: Option<Vec<u8>>,
    criteria: &[Criterion],
    assumed: &mut Vec<Assumption>,
) -> Vec<u8> {
    let mut values = given.unwrap_or_else(|| vec![NOT_GIVEN; criteria.len()]);
    for (value, criterion) in values.iter_mut().zip(criteria) {
        if matches!(*value, NOT_GIVEN | GIVEN_NULL) {
            assumed.push(Assumption {
                key: format!("{section}.{}", criterion.id),
                value: criterion.default,
            });
            *value = criterion.default;
        }
    }
    values
}

/// A section of ratings (skills or goals): in the criteria's order, `NOT_GIVEN` or `GIVEN_NULL`
/// where no rating was given.
struct Ratings<'c>(&'c [Criterion]);

impl<'de> DeserializeSeed<'de> for Ratings<'_> {
    type Value = Vec<u8>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Ratings<'_> {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ratings")
    }

    fn visit_unit<E: Error>(self) -> Result<Vec<u8>, E> {
        Ok(vec![NOT_GIVEN; self.0.len()])
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<u8>, A::Error> {
        let mut values = vec![NOT_GIVEN; self.0.len()];
        let mut next = 0;
        while let Some(Text(key)) = map.next_key::<Text>()? {
            // Keys mostly come in the criteria's order (the template's): look there first.
            let index = match self.0.get(next) {
                Some(criterion) if criterion.id == key => next,
                _ => self
                    .0
                    .iter()
                    .position(|c| c.id == key)
                    .ok_or_else(unusual)?,
            };
            next = index + 1;
            if values[index] != NOT_GIVEN {
                return Err(unusual());
            }
            values[index] = match map.next_value::<Whole>()?.0 {
                None => GIVEN_NULL,
                Some(value) if (u64::from(RATING_MIN)..=u64::from(RATING_MAX)).contains(&value) => {
                    // In range 1–5, checked here.
                    value as u8
                }
                Some(_) => return Err(unusual()),
            };
        }
        Ok(values)
    }
}

/// `null`, or a number written as a whole number without sign, fraction or exponent.
struct Whole(Option<u64>);

impl<'de> serde::Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Whole, D::Error> {
        struct WholeVisitor;
        impl<'de> Visitor<'de> for WholeVisitor {
            type Value = Whole;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_unit<E: Error>(self) -> Result<Whole, E> {
                Ok(Whole(None))
            }
            fn visit_u64<E: Error>(self, value: u64) -> Result<Whole, E> {
                Ok(Whole(Some(value)))
            }
        }
        deserializer.deserialize_any(WholeVisitor)
    }
}

/// The `constraints` section.
struct Limits<'c> {
    catalogue: &'c Catalogue,
}

impl<'de> DeserializeSeed<'de> for Limits<'_> {
    type Value = Constraints;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Constraints, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Limits<'_> {
    type Value = Constraints;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("constraints")
    }

    fn visit_unit<E: Error>(self) -> Result<Constraints, E> {
        Ok(Constraints::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Constraints, A::Error> {
        let catalogue = self.catalogue;
        let questions = &catalogue.criteria.constraints;
        let mut seen = [false; CONSTRAINTS.len()];
        let mut given = Constraints::default();
        while let Some(Text(key)) = map.next_key::<Text>()? {
            let index = CONSTRAINTS
                .iter()
                .position(|c| *c == key)
                .ok_or_else(unusual)?;
            if std::mem::replace(&mut seen[index], true) {
                return Err(unusual());
            }
            let number = |value: Whole, question: &NumberQuestion| match value.0 {
                Some(n) if !(question.min..=question.max).contains(&n) => Err(unusual()),
                other => Ok(other),
            };
            // The catalogue caps these ranges at 168 hours and 1,200 months, so they fit a u32.
            let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
            match CONSTRAINTS[index] {
                "hours_per_week" => {
                    given.hours_per_week =
                        number(map.next_value()?, &questions.hours_per_week)?.map(small);
                }
                "runway_months" => {
                    given.runway_months =
                        number(map.next_value()?, &questions.runway_months)?.map(small);
                }
                "min_income" => {
                    given.min_income = number(map.next_value()?, &questions.min_income)?;
                }
                "exclude" => {
                    for Text(id) in map.next_value::<Option<Vec<Text>>>()?.unwrap_or_default() {
                        if catalogue.path(&id).is_none() {
                            return Err(unusual());
                        }
                        given.exclude.insert(id.into_owned());
                    }
                }
                "must_have" => {
                    let ids = map.next_value::<Option<Vec<Text>>>()?.unwrap_or_default();
                    if ids.len() > MAX_MUST_HAVES {
                        return Err(unusual());
                    }
                    for Text(id) in ids {
                        let known = catalogue.criteria.goals.iter().any(|g| g.id == id);
                        if !known || given.must_have.iter().any(|chosen| *chosen == id) {
                            return Err(unusual());
                        }
                        given.must_have.push(id.into_owned());
                    }
                }
                "keeps_job" => given.keeps_job = map.next_value()?,
                _ => return Err(unusual()),
            }
        }
        Ok(given)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn catalogue() -> Catalogue {
        crate::catalogue::load(&[crate::catalogue::Origin::BuiltIn])
            .expect("the built-in catalogue loads")
            .catalogue
    }

    /// Answers JSON made from `choices`: well formed, or with now and then a key unknown or
    /// given twice, a value of the wrong type or out of range, or the text cut short.
    fn answers_text(catalogue: &Catalogue, choices: &[u32]) -> String {
        let mut choices = choices.iter().copied().chain(std::iter::repeat(0));
        let mut next = |n: usize| choices.next().unwrap_or(0) as usize % n;
        // Half the texts have next to nothing unusual, for the fast path to read.
        let rare = if next(2) == 0 { 1 } else { 1000 };
        const ODD: [&str; 12] = [
            "null", "0", "6", "4.0", "3.5", "-1", "\"4\"", "true", "[]", "{}", "1e0", "-0",
        ];
        let value = |next: &mut dyn FnMut(usize) -> usize, min: u64, max: u64| {
            if next(8 * rare) == 0 {
                ODD[next(ODD.len())].to_string()
            } else {
                (min + next((max - min + 1) as usize) as u64).to_string()
            }
        };
        let mut sections = Vec::new();
        for (name, list) in [
            ("skills", &catalogue.criteria.skills),
            ("goals", &catalogue.criteria.goals),
        ] {
            if next(6) == 0 {
                continue;
            }
            let mut entries = Vec::new();
            for criterion in list {
                match next(12 * rare) {
                    0 => {}
                    1 => entries.push(format!("\"{}x\": 3", criterion.id)),
                    2 => {
                        entries.push(format!("\"{}\": 3", criterion.id));
                        entries.push(format!("\"{}\": null", criterion.id));
                    }
                    _ => entries.push(format!("\"{}\": {}", criterion.id, value(&mut next, 1, 5))),
                }
            }
            sections.push(format!("\"{name}\": {{{}}}", entries.join(", ")));
        }
        if next(3) != 0 {
            let questions = &catalogue.criteria.constraints;
            let mut entries = Vec::new();
            for (key, question) in [
                ("hours_per_week", &questions.hours_per_week),
                ("runway_months", &questions.runway_months),
                ("min_income", &questions.min_income),
            ] {
                if next(2) == 0 {
                    let value = value(
                        &mut next,
                        question.min,
                        question.max.min(question.min + 1000),
                    );
                    entries.push(format!("\"{key}\": {value}"));
                }
            }
            let ids = |next: &mut dyn FnMut(usize) -> usize, pool: Vec<&str>| {
                let count = next(5);
                let picked: Vec<String> = (0..count)
                    .map(|_| match next(10 * rare) {
                        0 => "\"nope\"".to_string(),
                        1 => "7".to_string(),
                        _ => format!("\"{}\"", pool[next(pool.len())]),
                    })
                    .collect();
                format!("[{}]", picked.join(", "))
            };
            if next(2) == 0 {
                let paths = catalogue.paths.iter().map(|p| p.id.as_str()).collect();
                entries.push(format!("\"exclude\": {}", ids(&mut next, paths)));
            }
            if next(2) == 0 {
                let goals = catalogue
                    .criteria
                    .goals
                    .iter()
                    .map(|g| g.id.as_str())
                    .collect();
                entries.push(format!("\"must_have\": {}", ids(&mut next, goals)));
            }
            match next(5 * rare) {
                0 => entries.push("\"keeps_job\": true".to_string()),
                1 => entries.push("\"keeps_job\": \"yes\"".to_string()),
                2 => entries.push("\"hours\": 3".to_string()),
                _ => {}
            }
            sections.push(format!("\"constraints\": {{{}}}", entries.join(", ")));
        }
        match next(20 * rare) {
            0 => sections.push("\"$schema\": \"x\"".to_string()),
            1 => sections.push("\"skills\": null".to_string()),
            2 => sections.push("\"extra\": 1".to_string()),
            _ => {}
        }
        let mut text = format!("{{{}}}", sections.join(", "));
        if next(20 * rare) == 0 {
            text.truncate(next(text.len() + 1));
        }
        text
    }

    #[test]
    fn the_generated_answers_reach_both_paths() {
        let catalogue = catalogue();
        let fast = (0..200u32)
            .filter(|&seed| {
                // A linear congruential generator (Knuth's MMIX constants) is random enough here.
                let mut state = u64::from(seed);
                let choices: Vec<u32> = (0..120)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        (state >> 33) as u32
                    })
                    .collect();
                read(&answers_text(&catalogue, &choices), &catalogue).is_some()
            })
            .count();
        assert!(
            (20..180).contains(&fast),
            "{fast} of 200 read by the fast path"
        );
    }

    proptest! {
        #[test]
        fn the_fast_path_reads_what_the_full_path_reads(choices in prop::collection::vec(any::<u32>(), 0..120)) {
            let catalogue = catalogue();
            let text = answers_text(&catalogue, &choices);
            let full = super::super::parse_checked(&text, "record", &catalogue);
            if let Some(fast) = read(&text, &catalogue) {
                prop_assert_eq!(Ok(fast), full.clone(), "{}", text);
            }
            prop_assert_eq!(super::super::parse_dense(&text, "record", &catalogue), full, "{}", text);
        }
    }

    #[test]
    fn the_fast_path_leaves_the_unusual_to_the_full_path() {
        let catalogue = catalogue();
        let read = |text: &str| read(text, &catalogue).is_some();
        assert!(read(
            r#"{"skills": {"selling": 4}, "constraints": {"exclude": ["ceo"]}}"#
        ));
        assert!(read(
            r#"{"skills": null, "goals": {"income": null}, "constraints": null}"#
        ));
        for unusual in [
            "",
            "{",
            "[]",
            r#"{"skills": {"selling": 4.0}}"#,
            r#"{"skills": {"selling": 4, "selling": 4}}"#,
            r#"{"skills": {"selling": 6}}"#,
            r#"{"goals": {"incom": 4}}"#,
            r#"{"$schema": "x"}"#,
            r#"{"constraints": {"exclude": ["nope"]}}"#,
            r#"{"constraints": {"must_have": ["income", "income"]}}"#,
            r#"{"constraints": {"keeps_job": 1}}"#,
            r#"{} {}"#,
        ] {
            assert!(!read(unusual), "{unusual}");
        }
    }
}
