//! One integration test binary: the real `ctopath` binary, and the library's public API.

mod archetypes;
mod assess;
mod authoring;
mod catalogue;
mod common;
mod decisions;
mod examples;
mod files;
mod hardening;
mod journal;
mod polish;
mod portfolio;
mod properties;
mod questionnaire;
mod questions;
mod report;
mod shell;
mod stream;
