//! Why one path beats another: criterion by criterion, the points each gains over the other.

use super::{Assessment, RankedPath};
use crate::model::{Criteria, Kind};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    pub a: Side,
    pub b: Side,
    /// `a.score - b.score`: the sum of `criteria[].difference`.
    pub difference: f64,
    /// One entry per criterion, in the criteria's order.
    pub criteria: Vec<Difference>,
    /// The comparison in words.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Side {
    pub id: String,
    pub name: String,
    pub score: f64,
    pub rank: usize,
}

/// What one criterion gives each path, and by how much A gains over B there (negative: B gains).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Difference {
    pub kind: Kind,
    pub criterion: String,
    pub a: f64,
    pub b: f64,
    pub difference: f64,
}

/// Compares two ranked paths of an assessment; `None` names an id that is not ranked.
pub fn compare<'a>(
    criteria: &Criteria,
    assessment: &Assessment,
    a: &'a str,
    b: &'a str,
) -> Result<Comparison, &'a str> {
    let find = |id: &'a str| assessment.ranking.iter().find(|r| r.id == id).ok_or(id);
    let (first, second) = (find(a)?, find(b)?);
    let differences: Vec<Difference> = first
        .contributions
        .iter()
        .zip(&second.contributions)
        .map(|(x, y)| Difference {
            kind: x.kind,
            criterion: x.criterion.clone(),
            a: x.points,
            b: y.points,
            difference: x.points - y.points,
        })
        .collect();
    let difference = differences.iter().map(|d| d.difference).sum();
    let summary = summary(criteria, first, second, &differences, difference);
    Ok(Comparison {
        a: side(first),
        b: side(second),
        difference,
        criteria: differences,
        summary,
    })
}

fn side(ranked: &RankedPath) -> Side {
    Side {
        id: ranked.id.clone(),
        name: ranked.name.clone(),
        score: ranked.score,
        rank: ranked.rank,
    }
}

/// `Founder leads CEO by 12 points: it gains most on ownership (+6) …; CEO gains on …`.
fn summary(
    names: &Criteria,
    a: &RankedPath,
    b: &RankedPath,
    criteria: &[Difference],
    difference: f64,
) -> String {
    let top = |sign: f64| {
        let mut gains: Vec<&Difference> = criteria
            .iter()
            .filter(|d| d.difference * sign > 0.05)
            .collect();
        gains.sort_by(|x, y| (y.difference * sign).total_cmp(&(x.difference * sign)));
        gains
            .iter()
            .take(3)
            .map(|d| {
                let name = names.name_of(d.kind, &d.criterion).to_lowercase();
                format!("{name} ({:+.1})", d.difference * sign)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (leader, trailer) = if difference >= 0.0 { (a, b) } else { (b, a) };
    let mut text = if difference.abs() < 0.05 {
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
        let gains = top(sign);
        if !gains.is_empty() {
            text.push_str(&format!("; {} gains most on {gains}", path.name));
        }
    }
    text.push('.');
    text
}
