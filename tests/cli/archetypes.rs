//! People the seed essays describe, and the paths they should see at the top. Each profile says
//! which facts of the essays it rests on; the catalogue's figures come from the same facts.

use crate::common::{answers, builtin};
use ctopath::model::Catalogue;
use ctopath::{answers as parse, engine};
use serde_json::{Value, json};

fn rank(catalogue: &Catalogue, answers: &Value) -> (Vec<String>, Vec<String>) {
    let answers = parse::parse(&answers.to_string(), "archetype", catalogue).unwrap();
    let assessment = engine::assess(catalogue, &answers);
    (
        assessment
            .ranking
            .iter()
            .map(|r| r.id.to_string())
            .collect(),
        assessment.excluded.iter().map(|e| e.id.clone()).collect(),
    )
}

/// Essay: the best CTOs build products and own the roadmap; starting your own company is the
/// best school and the founder keeps the equity, at the price of years of thin, uncertain pay
/// and nights and weekends. A builder with savings who wants ownership should see Founder first.
#[test]
fn a_builder_who_wants_ownership_should_found_a_company() {
    let builder = answers(
        json!({"technical_depth": 5, "product_vision": 5, "customer_insight": 4, "operations": 2, "investment_analysis": 1}),
        json!({"ownership": 5, "autonomy": 5, "hands_on": 5, "income": 2, "stability": 1, "flexibility": 2}),
        json!({"hours_per_week": 60, "runway_months": 18}),
    );
    let (ranking, excluded) = rank(&builtin(), &builder);
    assert_eq!(ranking[0], "founder", "{ranking:?}");
    assert!(excluded.is_empty());
}

/// Essay: top salespeople earn two to three times a $300k CTO salary; technical people who can
/// sell are rare and in demand, and selling a large cloud platform paid more than a CTO job.
/// A strong seller who wants income above all, with little savings, should see Sales Engineer
/// first, and the low-paying paths ruled out by a $250k floor.
#[test]
fn a_seller_who_wants_income_should_move_into_technical_sales() {
    let seller = answers(
        json!({"selling": 5, "technical_depth": 4, "customer_insight": 4, "investment_analysis": 1}),
        json!({"income": 5, "stability": 4, "ownership": 1, "impact": 2}),
        json!({"hours_per_week": 45, "runway_months": 2, "min_income": 250000}),
    );
    let (ranking, excluded) = rank(&builtin(), &seller);
    assert_eq!(ranking[0], "sales_engineer", "{ranking:?}");
    assert!(
        excluded.contains(&"advisor".to_string()),
        "an advisor's few thousand a month is below $250k"
    );
}

/// Essay: fractional CTOs work 1–2 hours a day per client and enjoy the variety of several
/// clients; advisors have a couple of calls a month and a quarterly board meeting. Angel
/// investing takes 3–5 hours a week across a hundred or more pitches a year (Hustle Fund).
/// Someone with ten hours a week who wants variety should see those three at the top and every
/// full-time path (founder, CEO, sales engineer, VC) ruled out.
#[test]
fn ten_hours_a_week_and_a_wish_for_variety_point_to_fractional_or_advisory_work() {
    let part_timer = answers(
        json!({"technical_depth": 4, "product_vision": 4}),
        json!({"variety": 5, "flexibility": 5, "autonomy": 4, "stability": 2, "ownership": 2}),
        json!({"hours_per_week": 10, "runway_months": 3}),
    );
    let (ranking, excluded) = rank(&builtin(), &part_timer);
    let mut top_three = ranking[..3].to_vec();
    top_three.sort();
    assert_eq!(
        top_three,
        ["advisor", "angel_investor", "fractional_cto"],
        "{ranking:?}"
    );
    for full_time in ["founder", "ceo", "sales_engineer", "venture_capital"] {
        assert!(
            excluded.contains(&full_time.to_string()),
            "{full_time} should be ruled out"
        );
    }
}

/// Essay: going from CTO to CEO means going from product vision to company vision; the job is
/// largely sales and thought leadership, and you hire people to run operations. A leader with
/// those strengths who wants impact should see CEO first.
#[test]
fn a_visionary_leader_who_wants_impact_should_be_a_ceo() {
    let leader = answers(
        json!({"leadership": 5, "product_vision": 5, "selling": 4, "operations": 4, "thought_leadership": 4,
               "customer_insight": 4, "industry_network": 4}),
        json!({"impact": 5, "ownership": 4, "income": 4, "hands_on": 1, "flexibility": 1}),
        json!({"hours_per_week": 60, "runway_months": 6}),
    );
    let (ranking, _) = rank(&builtin(), &leader);
    assert_eq!(ranking[0], "ceo", "{ranking:?}");
}

/// Essay: funds hire former CTOs and founders for technical due diligence and board seats,
/// because finance people lack technology depth. Someone who has invested and has the network
/// should find a role at a fund first (venture capital, or operating partner at one), far above
/// the paths that need building or selling, and the robustness check should agree.
#[test]
fn an_investor_with_a_network_finds_venture_capital_near_the_top() {
    let investor = answers(
        json!({"investment_analysis": 5, "industry_network": 5, "technical_depth": 4, "product_vision": 4,
               "thought_leadership": 4}),
        json!({"impact": 5, "variety": 5, "income": 4, "hands_on": 1, "flexibility": 2}),
        json!({"hours_per_week": 50}),
    );
    let (ranking, _) = rank(&builtin(), &investor);
    let position = |id: &str| ranking.iter().position(|r| r == id).unwrap();
    assert!(
        ["venture_capital", "operating_partner"].contains(&ranking[0].as_str()),
        "{ranking:?}"
    );
    assert!(position("venture_capital") < 3, "{ranking:?}");
    assert!(position("venture_capital") < position("founder"));
    assert!(position("venture_capital") < position("sales_engineer"));

    // Fractional CTO shares the love of variety, but venture capital comes first far more often
    // as the answers vary by a step.
    let answers = parse::parse(&investor.to_string(), "archetype", &builtin()).unwrap();
    let assessment = engine::assess_robustly(&builtin(), &answers, engine::Settings::default());
    let share = |id: &str| {
        let ranked = assessment.ranking.iter().find(|r| r.id == id).unwrap();
        ranked.robustness.as_ref().unwrap().first_share
    };
    assert!(share("venture_capital") > 2.0 * share("fractional_cto"));
}

/// Essay: a company can start as a side project while you keep your job (the author did so for
/// about 18 months, on nights and weekends), or you can hire developers and oversee them.
/// Someone with no savings runway and evenings to spare, who wants ownership and stability,
/// should see the side project first and full-time founding ruled out.
#[test]
fn no_runway_but_a_wish_to_own_something_points_to_a_side_project() {
    let moonlighter = answers(
        json!({"technical_depth": 5, "product_vision": 4, "customer_insight": 4, "selling": 2}),
        json!({"ownership": 5, "stability": 5, "hands_on": 4, "income": 2}),
        json!({"hours_per_week": 15, "runway_months": 0}),
    );
    let (ranking, excluded) = rank(&builtin(), &moonlighter);
    assert_eq!(ranking[0], "side_project_founder", "{ranking:?}");
    assert!(excluded.contains(&"founder".to_string()));
}

/// Essay: companies pay a CTO-calibre consultant $200–400+ an hour for having seen most
/// problems before, and consultants enjoy the constant variety. A deep technical expert who
/// wants hands-on, varied work and good pay, but not ownership, should see Consultant first.
#[test]
fn a_hands_on_expert_who_wants_variety_should_consult() {
    let fixer = answers(
        json!({"technical_depth": 5, "product_vision": 2, "leadership": 2}),
        json!({"hands_on": 5, "variety": 5, "income": 4, "ownership": 1, "impact": 2}),
        json!({"hours_per_week": 40, "runway_months": 3}),
    );
    let (ranking, _) = rank(&builtin(), &fixer);
    assert_eq!(ranking[0], "consultant", "{ranking:?}");
}
