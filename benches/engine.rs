//! The engine alone, without process start or I/O: `cargo bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use ctopath::catalogue::{Origin, load};
use ctopath::engine::{Prepared, Settings, assess, assess_robustly, portfolios};
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let catalogue = load(&[Origin::BuiltIn])
        .expect("the built-in catalogue loads")
        .catalogue;
    let text = include_str!("../examples/builder-who-wants-ownership.json");
    let answers =
        ctopath::answers::parse(text, "example", &catalogue).expect("the example is valid");

    c.bench_function("load the built-in catalogue", |b| {
        b.iter(|| load(black_box(&[Origin::BuiltIn])))
    });
    c.bench_function("parse one answers file", |b| {
        b.iter(|| ctopath::answers::parse_record(black_box(text), &catalogue, (1, 1)))
    });
    c.bench_function("assess one person, explained", |b| {
        b.iter(|| assess(&catalogue, black_box(&answers)))
    });
    c.bench_function("assess one person, with robustness (400 variations)", |b| {
        b.iter(|| assess_robustly(&catalogue, black_box(&answers), Settings::default()))
    });
    let robust = assess_robustly(&catalogue, &answers, Settings::default());
    c.bench_function("portfolios of up to 3 parts, with robustness", |b| {
        b.iter(|| {
            portfolios(
                &catalogue,
                black_box(&answers),
                robust.ranking.first(),
                3,
                Some(Settings::default()),
            )
        })
    });
    let mut shown = robust.clone();
    shown.portfolios = Some(portfolios(
        &catalogue,
        &answers,
        robust.ranking.first(),
        3,
        Some(Settings::default()),
    ));
    c.bench_function("write one assessment as JSON", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(256 * 1024);
            ctopath::render::Renderer::assessment(
                &ctopath::render::json::Json,
                &mut out,
                black_box(&shown),
                &catalogue,
                &ctopath::render::Again::default(),
            )
        })
    });
    let prepared = Prepared::new(&catalogue);
    let mut ranking = ctopath::engine::Ranking::keeping_words();
    c.bench_function(
        "assess one person, the top 3 explained (a stream's --top 3)",
        |b| b.iter(|| prepared.assess(black_box(&answers), 3, &mut ranking)),
    );
    c.bench_function("rank one person, scores only", |b| {
        b.iter(|| prepared.rank(black_box(&answers), &mut ranking))
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
