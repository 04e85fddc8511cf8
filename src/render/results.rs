//! The results of an assessment, written by hand (see `writer`), compact for `--format ndjson`
//! and pretty for `--format json`: the same bytes `serde_json` writes for these types, field for
//! field. Each type is taken apart whole, so that a field added to one fails to compile here
//! until it is written, and a test holds the bytes equal.

use super::writer::{Result, Writer, key};
use crate::engine::{
    Assessment, BestSingle, Conflict, Contribution, Difference, Exclusion, Fit, Flip, Portfolio,
    PortfolioPart, Portfolios, RankedPath, Reason, Reasons, Robustness, Stability, Versus, Warning,
    Week,
};
use crate::model::Assumption;

/// What `assess --format json` prints: the `Results` document.
pub fn results(w: &mut Writer, assessment: &Assessment) -> Result {
    let Assessment {
        model_version,
        ranking,
        excluded,
        assumed,
        warnings,
        robustness,
        portfolios,
    } = assessment;
    w.object(|w| {
        w.key(key!("schema_version"))
            .value(&super::json::SCHEMA_VERSION)?;
        w.key(key!("model_version")).value(model_version)?;
        w.key(key!("ranking")).list(ranking, ranked_path)?;
        w.key(key!("excluded")).list(excluded, exclusion)?;
        after_paths(
            w,
            &After {
                assumed,
                warnings,
                robustness: robustness.as_ref(),
                portfolios: portfolios.as_ref(),
            },
        )
    })
}

/// The fields of the results that follow the ranked and excluded paths.
pub struct After<'a> {
    pub assumed: &'a [Assumption],
    pub warnings: &'a [Warning],
    pub robustness: Option<&'a Robustness>,
    pub portfolios: Option<&'a Portfolios>,
}

/// The fields after the paths, each left out when absent.
pub fn after_paths(w: &mut Writer, after: &After) -> Result {
    let After {
        assumed,
        warnings,
        robustness,
        portfolios,
    } = after;
    w.key(key!("assumed")).list(*assumed, assumption)?;
    w.key(key!("warnings")).list(*warnings, warning)?;
    if let Some(found) = robustness {
        self::robustness(w.key(key!("robustness")), found)?;
    }
    if let Some(found) = portfolios {
        self::portfolios(w.key(key!("portfolios")), found)?;
    }
    Ok(())
}

/// A ranked path, every field.
pub fn ranked_path(w: &mut Writer, path: &RankedPath) -> Result {
    let RankedPath {
        rank,
        id,
        name,
        score,
        band,
        fit,
        conflicts,
        contributions,
        reasons,
        first_step,
        robustness,
    } = path;
    w.object(|w| {
        w.key(key!("rank")).value(rank)?;
        w.key(key!("id")).text(id)?;
        w.key(key!("name")).text(name)?;
        w.key(key!("score")).float(*score)?;
        w.key(key!("band")).word(band.word())?;
        self::fit(w.key(key!("fit")), fit)?;
        explanation(w, conflicts, contributions, reasons)?;
        w.key(key!("first_step"))
            .option(first_step.as_deref(), Writer::text)?;
        if let Some(found) = robustness {
            stability(w.key(key!("robustness")), found)?;
        }
        Ok(())
    })
}

/// A ranked path with only the fields `--fields` keeps (`fields`: sorted, each once). The fields
/// come in the order of their names, and so do the keys of the objects inside them, as these
/// lines have always had them (they were once made through a `serde_json::Value`, whose maps sort
/// their keys).
pub fn kept_ranked_path(w: &mut Writer, path: &RankedPath, fields: &[&str]) -> Result {
    w.object(|w| {
        for &field in fields {
            match field {
                "contributions" => w
                    .key(key!("contributions"))
                    .list(&path.contributions, sorted_contribution)?,
                "first_step" => w
                    .key(key!("first_step"))
                    .option(path.first_step.as_deref(), Writer::text)?,
                "fit" => sorted_fit(w.key(key!("fit")), &path.fit)?,
                "id" => w.key(key!("id")).text(&path.id)?,
                "name" => w.key(key!("name")).text(&path.name)?,
                "rank" => w.key(key!("rank")).value(&path.rank)?,
                "reasons" => sorted_reasons(w.key(key!("reasons")), &path.reasons)?,
                // Its keys are in order already.
                "robustness" => {
                    if let Some(found) = &path.robustness {
                        stability(w.key(key!("robustness")), found)?;
                    }
                }
                "score" => w.key(key!("score")).float(path.score)?,
                _ => {}
            }
        }
        Ok(())
    })
}

/// A path ruled out with only the fields `--fields` keeps (`fields`: sorted): `id` and `name`,
/// the only ones it has.
pub fn kept_exclusion(w: &mut Writer, exclusion: &Exclusion, fields: &[&str]) -> Result {
    w.object(|w| {
        for &field in fields {
            match field {
                "id" => w.key(key!("id")).text(&exclusion.id)?,
                "name" => w.key(key!("name")).text(&exclusion.name)?,
                _ => {}
            }
        }
        Ok(())
    })
}

/// `fit`, its keys sorted.
fn sorted_fit(w: &mut Writer, fit: &Fit) -> Result {
    w.object(|w| {
        w.key(key!("goals")).float(fit.goals)?;
        w.key(key!("penalty")).float(fit.penalty)?;
        w.key(key!("skills")).float(fit.skills)
    })
}

/// `contribution`, its keys sorted.
fn sorted_contribution(w: &mut Writer, contribution: &Contribution) -> Result {
    w.object(|w| {
        w.key(key!("answer")).whole(contribution.answer)?;
        w.key(key!("criterion")).text(&contribution.criterion)?;
        w.key(key!("kind")).word(contribution.kind.word())?;
        w.key(key!("lost")).float(contribution.lost)?;
        w.key(key!("path")).whole(contribution.path)?;
        w.key(key!("points")).float(contribution.points)?;
        w.key(key!("possible")).float(contribution.possible)
    })
}

/// `reasons`, the keys of each object sorted.
fn sorted_reasons(w: &mut Writer, reasons: &Reasons) -> Result {
    let sorted_reason = |w: &mut Writer, reason: &Reason| {
        w.object(|w| {
            w.key(key!("criterion")).text(&reason.criterion)?;
            w.key(key!("kind")).word(reason.kind.word())?;
            w.key(key!("points")).float(reason.points)?;
            w.key(key!("text")).text(&reason.text)
        })
    };
    w.object(|w| {
        w.key(key!("against"))
            .list(&reasons.against, sorted_reason)?;
        w.key(key!("for")).list(&reasons.for_path, sorted_reason)
    })
}

/// A path a hard constraint ruled out, every field.
pub fn exclusion(w: &mut Writer, exclusion: &Exclusion) -> Result {
    let Exclusion {
        id,
        name,
        constraints,
        reason,
        // Words for people, laid out by the table and the reports.
        unmet: _,
    } = exclusion;
    w.object(|w| {
        w.key(key!("id")).text(id)?;
        w.key(key!("name")).text(name)?;
        w.key(key!("constraints"))
            .list(constraints, |w, constraint| w.text(constraint))?;
        w.key(key!("reason")).text(reason)
    })
}

fn fit(w: &mut Writer, fit: &Fit) -> Result {
    let Fit {
        skills,
        goals,
        penalty,
    } = fit;
    w.object(|w| {
        w.key(key!("skills")).float(*skills)?;
        w.key(key!("goals")).float(*goals)?;
        w.key(key!("penalty")).float(*penalty)
    })
}

/// The fields that explain a score, a path's or a portfolio's.
fn explanation(
    w: &mut Writer,
    conflicts: &[Conflict],
    contributions: &[Contribution],
    reasons: &Reasons,
) -> Result {
    w.key(key!("conflicts")).list(conflicts, conflict)?;
    w.key(key!("contributions"))
        .list(contributions, contribution)?;
    let Reasons { for_path, against } = reasons;
    w.key(key!("reasons")).object(|w| {
        w.key(key!("for")).list(for_path, reason)?;
        w.key(key!("against")).list(against, reason)
    })
}

fn conflict(w: &mut Writer, conflict: &Conflict) -> Result {
    let Conflict {
        criterion,
        answer,
        path,
        text,
    } = conflict;
    w.object(|w| {
        w.key(key!("criterion")).text(criterion)?;
        w.key(key!("answer")).value(answer)?;
        w.key(key!("path")).value(path)?;
        w.key(key!("text")).text(text)
    })
}

fn contribution(w: &mut Writer, contribution: &Contribution) -> Result {
    let Contribution {
        kind: which,
        criterion,
        points,
        possible,
        lost,
        answer,
        path,
    } = contribution;
    w.object(|w| {
        w.key(key!("kind")).word(which.word())?;
        w.key(key!("criterion")).text(criterion)?;
        w.key(key!("points")).float(*points)?;
        w.key(key!("possible")).float(*possible)?;
        w.key(key!("lost")).float(*lost)?;
        w.key(key!("answer")).whole(*answer)?;
        w.key(key!("path")).whole(*path)
    })
}

fn reason(w: &mut Writer, reason: &Reason) -> Result {
    let Reason {
        kind: which,
        criterion,
        points,
        text,
    } = reason;
    w.object(|w| {
        w.key(key!("kind")).word(which.word())?;
        w.key(key!("criterion")).text(criterion)?;
        w.key(key!("points")).float(*points)?;
        w.key(key!("text")).text(text)
    })
}

fn assumption(w: &mut Writer, assumption: &Assumption) -> Result {
    let Assumption { key, value } = assumption;
    w.object(|w| {
        w.key(key!("key")).text(key)?;
        w.key(key!("value")).value(value)
    })
}

fn warning(w: &mut Writer, warning: &Warning) -> Result {
    let Warning { code, text } = warning;
    w.object(|w| {
        w.key(key!("code")).text(code)?;
        w.key(key!("text")).text(text)
    })
}

fn robustness(w: &mut Writer, robustness: &Robustness) -> Result {
    let Robustness {
        seed,
        samples,
        method,
        clear_winner,
        verdict,
        flip: change,
    } = robustness;
    w.object(|w| {
        w.key(key!("seed")).value(seed)?;
        w.key(key!("samples")).value(samples)?;
        w.key(key!("method")).text(method)?;
        w.key(key!("clear_winner")).value(clear_winner)?;
        w.key(key!("verdict")).text(verdict)?;
        w.key(key!("flip")).option(change.as_ref(), flip)
    })
}

fn flip(w: &mut Writer, flip: &Flip) -> Result {
    let Flip {
        key,
        from,
        to,
        new_top,
        text,
    } = flip;
    w.object(|w| {
        w.key(key!("key")).text(key)?;
        w.key(key!("from")).value(from)?;
        w.key(key!("to")).value(to)?;
        w.key(key!("new_top")).text(new_top)?;
        w.key(key!("text")).text(text)
    })
}

fn stability(w: &mut Writer, stability: &Stability) -> Result {
    let Stability {
        first_share,
        rank_range,
    } = stability;
    w.object(|w| {
        w.key(key!("first_share")).value(first_share)?;
        w.key(key!("rank_range"))
            .list(rank_range, |w, rank| w.value(rank))
    })
}

fn portfolios(w: &mut Writer, portfolios: &Portfolios) -> Result {
    let Portfolios {
        model_version,
        portfolios,
        best_single: best,
        week: hours,
        search,
        limits,
        why_none,
    } = portfolios;
    w.object(|w| {
        w.key(key!("model_version")).value(model_version)?;
        w.key(key!("portfolios")).list(portfolios, portfolio)?;
        w.key(key!("best_single"))
            .option(best.as_ref(), best_single)?;
        week(w.key(key!("week")), hours)?;
        w.key(key!("search")).text(search)?;
        w.key(key!("limits")).text(limits)?;
        w.key(key!("why_none"))
            .option(why_none.as_ref(), |w, why| w.text(why))
    })
}

fn portfolio(w: &mut Writer, portfolio: &Portfolio) -> Result {
    let Portfolio {
        id,
        name,
        parts,
        hours_per_week,
        income,
        score,
        band,
        conflicts,
        contributions,
        reasons,
        versus_best_single,
        robustness,
    } = portfolio;
    w.object(|w| {
        w.key(key!("id")).text(id)?;
        w.key(key!("name")).text(name)?;
        w.key(key!("parts")).list(parts, part)?;
        w.key(key!("hours_per_week")).value(hours_per_week)?;
        w.key(key!("income")).list(income, |w, usd| w.value(usd))?;
        w.key(key!("score")).float(*score)?;
        w.key(key!("band")).word(band.word())?;
        explanation(w, conflicts, contributions, reasons)?;
        w.key(key!("versus_best_single"))
            .option(versus_best_single.as_ref(), versus)?;
        w.key(key!("robustness"))
            .option(robustness.as_ref(), stability)
    })
}

fn part(w: &mut Writer, part: &PortfolioPart) -> Result {
    let PortfolioPart {
        id,
        name,
        units,
        unit,
        hours_per_week,
        income,
    } = part;
    w.object(|w| {
        w.key(key!("id")).text(id)?;
        w.key(key!("name")).text(name)?;
        w.key(key!("units")).value(units)?;
        w.key(key!("unit")).text(unit)?;
        w.key(key!("hours_per_week")).value(hours_per_week)?;
        w.key(key!("income")).list(income, |w, usd| w.value(usd))
    })
}

fn best_single(w: &mut Writer, best: &BestSingle) -> Result {
    let BestSingle { id, name, score } = best;
    w.object(|w| {
        w.key(key!("id")).text(id)?;
        w.key(key!("name")).text(name)?;
        w.key(key!("score")).value(score)
    })
}

fn week(w: &mut Writer, week: &Week) -> Result {
    let Week { hours, from } = week;
    w.object(|w| {
        w.key(key!("hours")).value(hours)?;
        w.key(key!("from")).text(from)
    })
}

fn versus(w: &mut Writer, versus: &Versus) -> Result {
    let Versus {
        difference: points,
        criteria,
        summary,
    } = versus;
    w.object(|w| {
        w.key(key!("difference")).value(points)?;
        w.key(key!("criteria")).list(criteria, difference)?;
        w.key(key!("summary")).text(summary)
    })
}

fn difference(w: &mut Writer, difference: &Difference) -> Result {
    let Difference {
        kind: which,
        criterion,
        a,
        b,
        a_lost,
        b_lost,
        difference: points,
    } = difference;
    w.object(|w| {
        w.key(key!("kind")).word(which.word())?;
        w.key(key!("criterion")).text(criterion)?;
        w.key(key!("a")).value(a)?;
        w.key(key!("b")).value(b)?;
        w.key(key!("a_lost")).value(a_lost)?;
        w.key(key!("b_lost")).value(b_lost)?;
        w.key(key!("difference")).value(points)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Origin, load};
    use crate::engine::Settings;
    use crate::model::Catalogue;
    use crate::render::json::{Results, SCHEMA_VERSION};

    /// Whole results of many answers, with and without robustness and portfolios, and with path
    /// names that need escaping (they turn up in paths, portfolios, verdicts and warnings),
    /// hand-written and through serde: the same bytes, compact and pretty.
    #[test]
    fn results_are_written_as_serde_writes_them() {
        let mut catalogue = load(&[Origin::BuiltIn]).expect("built-in").catalogue;
        let odd = [
            "",
            " \"quoted\"",
            " back\\slash",
            " \n\t\u{1}\u{1f}",
            " é \u{7f}\u{2028}\u{1f600}",
        ];
        for (path, odd) in catalogue.paths.iter_mut().zip(odd.iter().cycle()) {
            path.name.to_mut().push_str(odd);
        }
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for round in 0..60 {
            let answers = crate::answers::parse(
                &random_answers(&catalogue, round, &mut next),
                "test",
                &catalogue,
            )
            .expect("valid");
            let mut assessment = crate::engine::assess(&catalogue, &answers);
            let settings = round.is_multiple_of(2).then_some(Settings {
                seed: round,
                samples: 20,
            });
            if let Some(settings) = settings {
                crate::engine::robustness(&catalogue, &answers, &mut assessment, settings);
            }
            if round % 3 != 2 {
                assessment.portfolios = Some(crate::engine::portfolios(
                    &catalogue,
                    &answers,
                    assessment.ranking.first(),
                    3,
                    settings,
                ));
            }
            let document = Results {
                schema_version: SCHEMA_VERSION,
                assessment: &assessment,
            };
            let (mut compact, mut pretty) = (Vec::new(), Vec::new());
            results(&mut Writer::compact(&mut compact), &assessment).unwrap();
            results(&mut Writer::pretty(&mut pretty), &assessment).unwrap();
            assert_eq!(
                String::from_utf8(compact).unwrap(),
                serde_json::to_string(&document).unwrap()
            );
            assert_eq!(
                String::from_utf8(pretty).unwrap(),
                serde_json::to_string_pretty(&document).unwrap()
            );
        }
    }

    /// An answers file with every skill rated, goals often left out (so that some are assumed),
    /// and constraints of every kind.
    fn random_answers(
        catalogue: &Catalogue,
        round: u64,
        next: &mut impl FnMut(u64) -> u64,
    ) -> String {
        let skills: Vec<String> = catalogue
            .criteria
            .skills
            .iter()
            .map(|s| format!("\"{}\":{}", s.id, 1 + next(5)))
            .collect();
        let goals: Vec<String> = catalogue
            .criteria
            .goals
            .iter()
            .filter_map(|g| {
                let (given, value) = (!round.is_multiple_of(3) || next(2) == 0, 1 + next(5));
                given.then(|| format!("\"{}\":{value}", g.id))
            })
            .collect();
        let must = &catalogue.criteria.goals[next(8) as usize % catalogue.criteria.goals.len()];
        format!(
            "{{\"skills\":{{{}}},\"goals\":{{{}}},\"constraints\":{{\"hours_per_week\":{},\
             \"runway_months\":{},\"min_income\":{},\"must_have\":[\"{}\"],\"keeps_job\":{}}}}}",
            skills.join(","),
            goals.join(","),
            [5, 10, 20, 40, 60][next(5) as usize],
            next(37),
            [0, 100000, 200000][next(3) as usize],
            must.id,
            next(2) == 0,
        )
    }
}
