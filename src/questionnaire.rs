//! The questionnaire's logic, apart from any terminal: which questions, in which order, what a
//! typed answer means, going back, reviewing and changing answers. `prompt` asks in a terminal;
//! tests drive the same flow with scripted replies.
//!
//! The questions come from the criteria, so a skill or goal added in YAML is asked without code
//! changes. Answers are kept as a partial answers file (the JSON `--answers` reads), handed to a
//! callback after every answer so that nothing typed is lost.

use crate::model::{Catalogue, Criterion, MAX_MUST_HAVES, NumberQuestion, RATING_MAX, RATING_MIN};
use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io;

/// What the person did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<T> {
    Answer(T),
    /// Esc: go back one question.
    Back,
}

/// What the person chose on the review screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewChoice {
    Score,
    /// Change the answer to this question (an index into the questions).
    Change(usize),
    /// Esc: back to the last question.
    Back,
}

/// A question answered by typing a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinePrompt {
    /// Where the person is, e.g. `Skills 3/9`.
    pub progress: String,
    pub title: String,
    pub question: String,
    /// What the answer means: the two ends of a scale, or the range and unit.
    pub hints: Vec<String>,
    /// What Enter on an empty line gives, as shown.
    pub default: Option<String>,
}

/// A question answered by picking any number of paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickPrompt {
    pub progress: String,
    pub question: String,
    pub options: Vec<String>,
    pub selected: Vec<bool>,
}

/// The ways of asking: a terminal in `prompt`, scripted replies in tests.
pub trait Prompter {
    fn line(&mut self, prompt: &LinePrompt) -> io::Result<Step<String>>;
    /// Says why the last line was not accepted; the same question is asked again.
    fn invalid(&mut self, message: &str) -> io::Result<()>;
    fn pick(&mut self, prompt: &PickPrompt) -> io::Result<Step<Vec<usize>>>;
    /// Shows every answer; the person scores, or picks one to change.
    fn review(&mut self, summary: &[String]) -> io::Result<ReviewChoice>;
    /// Offers to carry on from answers kept from an earlier, unfinished run.
    fn resume(&mut self, answered: usize, total: usize) -> io::Result<bool>;
    /// A yes-or-no question; Enter gives `default`.
    fn confirm(&mut self, question: &str, default: bool) -> io::Result<bool>;
}

/// Where the questionnaire starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// At the first question, offering to resume an unfinished run; the last finished answers,
    /// if any, are what Enter keeps.
    Ask {
        unfinished: Option<Draft>,
        last: Option<Draft>,
    },
    /// At the review of answers already given (`assess --edit`).
    Review(Draft),
}

/// One question of the questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The answers-file key: `skills.selling`, `constraints.hours_per_week`, …
    pub key: String,
    /// `Skills`, `Goals` or `Constraints`.
    pub section: &'static str,
    pub progress: String,
    kind: QuestionKind,
}

#[derive(Debug, Clone, PartialEq)]
enum QuestionKind {
    Typed(Typed),
    /// Yes or no, or not said.
    YesNo {
        title: String,
        question: String,
    },
    /// Any number of choices (paths to rule out), or at most `most` (must-haves).
    Pick {
        question: String,
        /// What the review calls the answer: `Ruled out`, `Must-haves`.
        label: String,
        ids: Vec<String>,
        names: Vec<String>,
        most: Option<usize>,
    },
}

/// Numbers written as words, by value: `a year` is one year, `four` is 4.
const NUMBER_WORDS: [&[&str]; 13] = [
    &["zero"],
    &["one", "a", "an"],
    &["two"],
    &["three"],
    &["four"],
    &["five"],
    &["six"],
    &["seven"],
    &["eight"],
    &["nine"],
    &["ten"],
    &["eleven"],
    &["twelve"],
];

/// Words people put before a number they give as an estimate or a limit (`about 35 hours`, `up
/// to 40`, `at least 150k`): the number is the answer. Longer words first, where one begins another.
const HEDGES: [&str; 18] = [
    "approximately",
    "approx.",
    "approx",
    "around",
    "roughly",
    "about",
    "at most",
    "up to",
    "no more than",
    "maximum",
    "max.",
    "max",
    "at least",
    "minimum",
    "min.",
    "min",
    "circa",
    "~",
];

/// What may follow an amount of money a year: its currency, and that it is yearly.
const YEARLY: [&str; 13] = [
    "a year",
    "per year",
    "per annum",
    "/year",
    "/yr",
    "yearly",
    "annually",
    "p.a.",
    "pa",
    "usd",
    "dollars",
    "$",
    "/y",
];

/// A question answered with a whole number in a range.
#[derive(Debug, Clone, PartialEq)]
struct Typed {
    title: String,
    question: String,
    hints: Vec<String>,
    min: u64,
    max: u64,
    /// The constraint asked, with its unit; `None` for a rating.
    number: Option<NumberQuestion>,
    /// What an empty line gives when nothing was answered before (`null`: no limit).
    default: Value,
    /// Whether `skip` is an answer: constraints may be left unset, ratings may not.
    optional: bool,
    /// What `none` means: "no savings" is zero, never "no limit".
    none: NoneMeans,
}

/// How a typed `none` is read. No limit is spelled `skip`, so `none` never means unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoneMeans {
    /// A rating: `none` is not an answer.
    Nothing,
    /// A stock or a need (savings, income needed): having none is zero.
    Zero,
    /// `none` could be read as zero or as no limit (hours a week): asked again.
    Unclear,
}

impl Typed {
    fn rating(criterion: &Criterion) -> Typed {
        Typed {
            title: criterion.name.to_string(),
            question: criterion.question.to_string(),
            hints: vec![
                format!("{RATING_MIN} = {}", criterion.low),
                format!("{RATING_MAX} = {}", criterion.high),
            ],
            min: u64::from(RATING_MIN),
            max: u64::from(RATING_MAX),
            number: None,
            default: json!(criterion.default),
            optional: false,
            none: NoneMeans::Nothing,
        }
    }

    fn number(number: &NumberQuestion, none: NoneMeans) -> Typed {
        let none_hint = match none {
            NoneMeans::Zero => " (`none` is 0)",
            NoneMeans::Nothing | NoneMeans::Unclear => "",
        };
        let mut typed = Typed {
            title: number.name.to_string(),
            question: number.question.to_string(),
            hints: Vec::new(),
            min: number.min,
            max: number.max,
            number: Some(number.clone()),
            default: number.default.map_or(Value::Null, |d| json!(d)),
            optional: true,
            none,
        };
        let money_hint = if number.is_money() {
            ", e.g. 150k or $150,000"
        } else {
            ""
        };
        typed.hints.push(format!(
            "{}{money_hint}{none_hint}; `skip` for no limit",
            typed.range()
        ));
        typed
    }

    /// `1 to 5`, `0 to 80 hours a week`, `$0 to $100,000,000 a year`.
    fn range(&self) -> String {
        match &self.number {
            Some(number) => number.range(),
            None => format!("{} to {}", self.min, self.max),
        }
    }

    /// Dollars: typed as people type money (`150k`, `$150,000`).
    fn money(&self) -> bool {
        self.number.as_ref().is_some_and(NumberQuestion::is_money)
    }

    /// A whole number as typed: in digits with separators or as a word (`four`), and after it
    /// the question's unit as people write it (`6 months`, `45 hrs/week`; months also in years,
    /// `a year`) or, for a rating, the scale (`4/5`); money as `dollars` reads it.
    fn amount(&self, text: &str) -> Option<u64> {
        let lowered = text.trim().to_lowercase();
        let text = (HEDGES.iter())
            .find_map(|hedge| lowered.strip_prefix(hedge))
            .map_or(lowered.as_str(), str::trim_start);
        if self.money() {
            return Self::dollars(text);
        }
        // A number in words, as people answer out loud: `four`, `a year`; `a` alone is not a
        // number.
        let (word, rest) = text.split_at(
            text.find(|c: char| !c.is_alphabetic())
                .unwrap_or(text.len()),
        );
        let text: Cow<str> = match NUMBER_WORDS.iter().position(|words| words.contains(&word)) {
            Some(1) if matches!(word, "a" | "an") && rest.trim().is_empty() => text.into(),
            Some(value) => format!("{value}{rest}").into(),
            None => text.into(),
        };
        let end = text
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '_') || c.is_whitespace()))
            .unwrap_or(text.len());
        let (number, after) = text.split_at(end);
        // Months may be given in years: `1 year`, `2 yrs`.
        let per_unit = if self.names_years(after) { 12 } else { 1 };
        if !(after.is_empty() || per_unit > 1 || self.names_unit(after)) {
            return None;
        }
        // Digits apart (`4 5`) are two numbers, not one.
        if number.trim().contains(char::is_whitespace) {
            return None;
        }
        let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
        digits.parse::<u64>().ok()?.checked_mul(per_unit)
    }

    /// Dollars as people type them, lowercased: separators, `$`, `k` or `m` (`1.5m`), and the
    /// currency and the year after the amount (`150k a year`, `$150,000/yr`, `150000 usd`).
    fn dollars(text: &str) -> Option<u64> {
        let mut text = text.to_string();
        while let Some(rest) = YEARLY.iter().find_map(|words| text.strip_suffix(words)) {
            text = rest.trim_end().to_string();
        }
        let text: String = text
            .chars()
            .filter(|c| !matches!(c, ',' | '_') && !c.is_whitespace())
            .collect();
        let text = text.strip_prefix('$').unwrap_or(&text);
        let (digits, scale) = match text.strip_suffix('k') {
            Some(digits) => (digits, 1_000),
            None => match text.strip_suffix('m') {
                Some(digits) => (digits, 1_000_000),
                None => (text, 1),
            },
        };
        // `1.5m` is 1,500,000; a fraction of a dollar is not an answer.
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && fraction.is_empty()
            || !(whole.bytes().chain(fraction.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let mut value = whole.checked_mul(scale)?;
        let mut place = scale;
        for digit in fraction.bytes() {
            if !place.is_multiple_of(10) {
                // A digit below one dollar: only zeros may follow.
                if digit != b'0' {
                    return None;
                }
                continue;
            }
            place /= 10;
            value = value.checked_add(u64::from(digit - b'0') * place)?;
        }
        Some(value)
    }

    /// Whether `after`, what follows a number, names years (`year`, `yrs`, `y`) where the
    /// question asks for months.
    fn names_years(&self, after: &str) -> bool {
        self.number
            .as_ref()
            .is_some_and(|number| number.unit.starts_with("months"))
            && matches!(
                after.trim().trim_end_matches('.'),
                "y" | "yr" | "yrs" | "year" | "years"
            )
    }

    /// Whether `after`, what follows a number (lowercased), names the question's unit: words
    /// that begin as its unit does (`months`, `mo`; `hours`, `hrs/wk`, `h a week`), so that
    /// `6 weeks` is not read as six months; for a rating, its scale (`/5`).
    fn names_unit(&self, after: &str) -> bool {
        let after = after.trim();
        match &self.number {
            None => after.replace(' ', "") == format!("/{}", self.max),
            Some(number) => {
                let initial = number.unit.chars().next().map(|c| c.to_ascii_lowercase());
                after.chars().next() == initial
                    && after
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '/' | '.'))
            }
        }
    }

    /// A typed answer as the answers file holds it. An empty line keeps the answer shown.
    fn parse(&self, text: &str, current: Option<&Value>) -> Result<Value, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(current.unwrap_or(&self.default).clone());
        }
        if self.optional && text.eq_ignore_ascii_case("skip") {
            return Ok(Value::Null);
        }
        if text.eq_ignore_ascii_case("none") {
            match self.none {
                NoneMeans::Zero => return Ok(json!(self.min)),
                NoneMeans::Unclear => {
                    return Err(format!(
                        "\"none\" could mean {} or no limit: type 0, or `skip` for no limit",
                        self.show(&json!(0))
                    ));
                }
                NoneMeans::Nothing => {}
            }
        }
        match self.amount(text) {
            Some(value) if (self.min..=self.max).contains(&value) => Ok(json!(value)),
            _ if self.money() => Err(format!(
                "{text:?} is not an amount from {}: type it like 150000, 150,000, $150,000 or 150k",
                self.range()
            )),
            _ => match self.lone_rating(text) {
                Some(value) => Err(format!(
                    "{text:?} is not a whole number from {}; to answer {value}, type {value} alone",
                    self.range()
                )),
                None => Err(format!(
                    "{text:?} is not a whole number from {}",
                    self.range()
                )),
            },
        }
    }

    /// The one number of a rating's scale in an answer of words (`pretty good, 4`), to name in
    /// its refusal: never taken for the answer, as the words around it may say otherwise
    /// (`not 4`). Not for amounts, whose words may name another unit (`45 weeks`).
    fn lone_rating(&self, text: &str) -> Option<u64> {
        if self.number.is_some() {
            return None;
        }
        let mut numbers = (text.split(|c: char| !c.is_ascii_digit())).filter(|run| !run.is_empty());
        let (only, None) = (numbers.next()?, numbers.next()) else {
            return None;
        };
        // A minus before it makes another number (`-3`).
        let at = text.find(only)?;
        if text[..at].ends_with(['-', '\u{2212}']) {
            return None;
        }
        let value: u64 = only.parse().ok()?;
        (self.min..=self.max).contains(&value).then_some(value)
    }

    fn show(&self, value: &Value) -> String {
        match (value.as_u64(), &self.number) {
            _ if value.is_null() => "no limit".to_string(),
            (Some(amount), Some(number)) => number.show(amount),
            _ => value.to_string(),
        }
    }
}

/// Every question, in order: skills, goals, must-haves, then constraints.
pub fn questions(catalogue: &Catalogue) -> Vec<Question> {
    let criteria = &catalogue.criteria;
    let mut questions = Vec::new();
    for (section, prefix, list) in [
        ("Skills", "skills", &criteria.skills),
        ("Goals", "goals", &criteria.goals),
    ] {
        for (index, criterion) in list.iter().enumerate() {
            questions.push(Question {
                key: format!("{prefix}.{}", criterion.id),
                section,
                progress: format!("{section} {}/{}", index + 1, list.len()),
                kind: QuestionKind::Typed(Typed::rating(criterion)),
            });
        }
    }
    let texts = &criteria.constraints;
    questions.push(Question {
        key: "constraints.must_have".to_string(),
        section: "Goals",
        progress: texts.must_have.name.to_string(),
        kind: QuestionKind::Pick {
            question: texts.must_have.question.to_string(),
            label: texts.must_have.name.to_string(),
            ids: criteria.goals.iter().map(|g| g.id.to_string()).collect(),
            names: criteria.goals.iter().map(|g| g.name.to_string()).collect(),
            most: Some(MAX_MUST_HAVES),
        },
    });
    let numbers = [
        ("hours_per_week", &texts.hours_per_week, NoneMeans::Unclear),
        ("runway_months", &texts.runway_months, NoneMeans::Zero),
        ("min_income", &texts.min_income, NoneMeans::Zero),
    ];
    let total = numbers.len() + 2;
    for (index, (id, question, none)) in numbers.into_iter().enumerate() {
        questions.push(Question {
            key: format!("constraints.{id}"),
            section: "Constraints",
            progress: format!("Constraints {}/{total}", index + 1),
            kind: QuestionKind::Typed(Typed::number(question, none)),
        });
    }
    questions.push(Question {
        key: "constraints.keeps_job".to_string(),
        section: "Constraints",
        progress: format!("Constraints {}/{total}", total - 1),
        kind: QuestionKind::YesNo {
            title: texts.keeps_job.name.to_string(),
            question: texts.keeps_job.question.to_string(),
        },
    });
    questions.push(Question {
        key: "constraints.exclude".to_string(),
        section: "Constraints",
        progress: format!("Constraints {total}/{total}"),
        kind: QuestionKind::Pick {
            question: texts.exclude.question.to_string(),
            label: "Ruled out".to_string(),
            ids: catalogue.paths.iter().map(|p| p.id.to_string()).collect(),
            names: catalogue.paths.iter().map(|p| p.name.to_string()).collect(),
            most: None,
        },
    });
    questions
}

/// The answers given so far, by question key, in the form an answers file holds them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    values: BTreeMap<String, Value>,
}

impl Draft {
    /// The answers from an answers file's JSON, keeping only keys the questions ask.
    pub fn from_answers_json(json: &Value, questions: &[Question]) -> Draft {
        let values = questions
            .iter()
            .filter_map(|question| {
                let (section, id) = question.key.split_once('.')?;
                let value = json.get(section)?.get(id)?;
                Some((question.key.clone(), value.clone()))
            })
            .collect();
        Draft { values }
    }

    /// An answers file: `{"skills": {…}, "goals": {…}, "constraints": {…}}`.
    pub fn to_answers_json(&self) -> Value {
        let mut sections: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
        for (key, value) in &self.values {
            if let Some((section, id)) = key.split_once('.') {
                sections
                    .entry(section)
                    .or_default()
                    .insert(id.to_string(), value.clone());
            }
        }
        Value::Object(
            sections
                .into_iter()
                .map(|(section, map)| (section.to_string(), Value::Object(map)))
                .collect(),
        )
    }

    pub fn answered(&self) -> usize {
        self.values.len()
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.values.get(key)
    }
}

/// Asks every question, then the review, until the person chooses to score. `keep` gets the
/// draft after every answer.
pub fn run(
    prompter: &mut dyn Prompter,
    questions: &[Question],
    start: Start,
    keep: &mut dyn FnMut(&Draft) -> io::Result<()>,
) -> io::Result<Draft> {
    let (mut draft, last) = match start {
        Start::Review(draft) => (draft, Draft::default()),
        Start::Ask { unfinished, last } => {
            let mut draft = Draft::default();
            if let Some(unfinished) = unfinished.filter(|d| d.answered() > 0)
                && prompter.resume(unfinished.answered(), questions.len())?
            {
                draft = unfinished;
            }
            (draft, last.unwrap_or_default())
        }
    };
    // Start at the first question not yet answered: all of them for a fresh start.
    let mut index = questions
        .iter()
        .position(|q| draft.get(&q.key).is_none())
        .unwrap_or(questions.len());
    loop {
        while index < questions.len() {
            match ask(prompter, &questions[index], &draft, &last)? {
                Step::Answer(value) => {
                    draft.values.insert(questions[index].key.clone(), value);
                    keep(&draft)?;
                    index += 1;
                }
                Step::Back => index = index.saturating_sub(1),
            }
        }
        let summary: Vec<String> = questions.iter().map(|q| summary_line(q, &draft)).collect();
        match prompter.review(&summary)? {
            ReviewChoice::Score => return Ok(draft),
            ReviewChoice::Change(chosen) if chosen < questions.len() => {
                if let Step::Answer(value) = ask(prompter, &questions[chosen], &draft, &last)? {
                    draft.values.insert(questions[chosen].key.clone(), value);
                    keep(&draft)?;
                }
            }
            ReviewChoice::Change(_) => {}
            ReviewChoice::Back => index = questions.len() - 1,
        }
    }
}

/// Asks one question until the answer is valid, or the person goes back. Enter keeps the answer
/// given in this run, else the one given last time.
fn ask(
    prompter: &mut dyn Prompter,
    question: &Question,
    draft: &Draft,
    last: &Draft,
) -> io::Result<Step<Value>> {
    let current = draft.get(&question.key).or_else(|| last.get(&question.key));
    match &question.kind {
        QuestionKind::Pick {
            question: text,
            ids,
            names,
            most,
            ..
        } => {
            let chosen: Vec<&str> = current
                .and_then(Value::as_array)
                .map(|list| list.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut prompt = PickPrompt {
                progress: question.progress.clone(),
                question: match most {
                    Some(most) => with_tied_goals(text, draft, *most),
                    None => text.clone(),
                },
                options: names.clone(),
                selected: ids.iter().map(|id| chosen.contains(&id.as_str())).collect(),
            };
            loop {
                let Step::Answer(picked) = prompter.pick(&prompt)? else {
                    return Ok(Step::Back);
                };
                match most {
                    Some(most) if picked.len() > *most => {
                        prompter.invalid(&format!(
                            "you picked {}; pick at most {most}, the ones you truly cannot do without",
                            picked.len()
                        ))?;
                        // Asked again with the picks kept, so that one can be taken off.
                        prompt.selected = (0..ids.len()).map(|i| picked.contains(&i)).collect();
                    }
                    _ => {
                        return Ok(Step::Answer(json!(
                            picked
                                .iter()
                                .filter_map(|&i| ids.get(i))
                                .collect::<Vec<_>>()
                        )));
                    }
                }
            }
        }
        QuestionKind::YesNo {
            title,
            question: text,
        } => {
            let prompt = LinePrompt {
                progress: question.progress.clone(),
                title: title.clone(),
                question: text.clone(),
                hints: vec!["y or n; `skip` if you would rather not say".to_string()],
                default: Some(yes_no(current.unwrap_or(&Value::Null)).to_string()),
            };
            loop {
                let Step::Answer(typed) = prompter.line(&prompt)? else {
                    return Ok(Step::Back);
                };
                match typed.trim().to_ascii_lowercase().as_str() {
                    "" => return Ok(Step::Answer(current.cloned().unwrap_or(Value::Null))),
                    "y" | "yes" => return Ok(Step::Answer(json!(true))),
                    "n" | "no" => return Ok(Step::Answer(json!(false))),
                    "skip" => return Ok(Step::Answer(Value::Null)),
                    _ => prompter.invalid(&format!(
                        "{typed:?} is not y or n; type `skip` to leave it unsaid"
                    ))?,
                }
            }
        }
        QuestionKind::Typed(typed) => {
            let prompt = LinePrompt {
                progress: question.progress.clone(),
                title: typed.title.clone(),
                question: typed.question.clone(),
                hints: typed.hints.clone(),
                default: Some(typed.show(current.unwrap_or(&typed.default))),
            };
            loop {
                let Step::Answer(text) = prompter.line(&prompt)? else {
                    return Ok(Step::Back);
                };
                match typed.parse(&text, current) {
                    Ok(value) => return Ok(Step::Answer(value)),
                    Err(message) => prompter.invalid(&message)?,
                }
            }
        }
    }
}

/// The must-haves question, with a word when more goals than can be picked share the top
/// importance: then only must-haves tell those goals apart.
fn with_tied_goals(text: &str, draft: &Draft, most: usize) -> String {
    let importance: Vec<u64> = draft
        .values
        .iter()
        .filter(|(key, _)| key.starts_with("goals."))
        .filter_map(|(_, value)| value.as_u64())
        .collect();
    let Some(&top) = importance.iter().max() else {
        return text.to_string();
    };
    let tied = importance.iter().filter(|&&i| i == top).count();
    if tied > most && top >= 4 {
        format!(
            "{text} You rated {tied} goals {top}, so they count the same: the ones you cannot do \
             without are how ctopath tells them apart."
        )
    } else {
        text.to_string()
    }
}

/// A yes-or-no answer as the questionnaire shows it.
fn yes_no(value: &Value) -> &'static str {
    match value.as_bool() {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not said",
    }
}

/// `Skills       Technical depth: 4` for the review screen.
fn summary_line(question: &Question, draft: &Draft) -> String {
    let value = draft.get(&question.key);
    let (title, shown) = match &question.kind {
        QuestionKind::Typed(typed) => (
            typed.title.as_str(),
            value.map_or("-".to_string(), |v| typed.show(v)),
        ),
        QuestionKind::YesNo { title, .. } => (
            title.as_str(),
            yes_no(value.unwrap_or(&Value::Null)).to_string(),
        ),
        QuestionKind::Pick {
            ids, names, label, ..
        } => {
            let chosen: Vec<&str> = value
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter_map(Value::as_str)
                        .filter_map(|id| {
                            ids.iter()
                                .position(|i| i == id)
                                .map(|at| names[at].as_str())
                        })
                        .collect()
                })
                .unwrap_or_default();
            (
                label.as_str(),
                if chosen.is_empty() {
                    "none".to_string()
                } else {
                    chosen.join(", ")
                },
            )
        }
    };
    format!("{:<12} {title}: {shown}", question.section)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Origin, load};
    use std::collections::VecDeque;

    /// Replies given in order; records what was shown.
    #[derive(Clone)]
    enum Reply {
        Line(&'static str),
        Esc,
        Pick(Vec<usize>),
        Review(ReviewChoice),
        Resume(bool),
    }

    #[derive(Default)]
    struct Scripted {
        replies: VecDeque<Reply>,
        asked: Vec<String>,
        defaults: Vec<Option<String>>,
        rejected: Vec<String>,
        /// The question of each pick shown.
        picks: Vec<String>,
        reviews: usize,
    }

    impl Scripted {
        fn new(replies: Vec<Reply>) -> Scripted {
            Scripted {
                replies: replies.into(),
                ..Scripted::default()
            }
        }

        fn next(&mut self, what: &str) -> Reply {
            self.replies
                .pop_front()
                .unwrap_or_else(|| panic!("no scripted reply left for {what}"))
        }
    }

    impl Prompter for Scripted {
        fn line(&mut self, prompt: &LinePrompt) -> io::Result<Step<String>> {
            self.asked.push(prompt.progress.clone());
            self.defaults.push(prompt.default.clone());
            match self.next(&prompt.progress) {
                Reply::Line(text) => Ok(Step::Answer(text.to_string())),
                Reply::Esc => Ok(Step::Back),
                _ => panic!("expected a line reply at {}", prompt.progress),
            }
        }
        fn invalid(&mut self, message: &str) -> io::Result<()> {
            self.rejected.push(message.to_string());
            Ok(())
        }
        fn pick(&mut self, prompt: &PickPrompt) -> io::Result<Step<Vec<usize>>> {
            self.asked.push(prompt.progress.clone());
            self.picks.push(prompt.question.clone());
            match self.next(&prompt.progress) {
                Reply::Pick(picked) => Ok(Step::Answer(picked)),
                Reply::Esc => Ok(Step::Back),
                _ => panic!("expected a pick reply"),
            }
        }
        fn review(&mut self, _: &[String]) -> io::Result<ReviewChoice> {
            self.reviews += 1;
            match self.next("review") {
                Reply::Review(choice) => Ok(choice),
                _ => panic!("expected a review reply"),
            }
        }
        fn resume(&mut self, _: usize, _: usize) -> io::Result<bool> {
            match self.next("resume") {
                Reply::Resume(yes) => Ok(yes),
                _ => panic!("expected a resume reply"),
            }
        }
        fn confirm(&mut self, _: &str, _: bool) -> io::Result<bool> {
            panic!("the questionnaire never asks to confirm")
        }
    }

    fn catalogue() -> Catalogue {
        load(&[Origin::BuiltIn]).unwrap().catalogue
    }

    /// Enter for every typed question, nothing ruled out, then score.
    fn enter_through(count: usize) -> Vec<Reply> {
        (0..count).map(|_| Reply::Line("")).collect()
    }

    /// The must-haves question, answered with none.
    const NO_MUST_HAVES: Reply = Reply::Pick(Vec::new());

    #[test]
    fn more_top_goals_than_must_haves_are_pointed_out() {
        let mut replies = enter_through(9);
        replies.extend(["5", "5", "5", "5", "2", "3", "3", "3"].map(Reply::Line));
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(3));
        replies.extend(finish());
        let (_, prompter, _) = run_script(replies, None);
        let shown = prompter.picks.first().expect("the must-haves question");
        assert!(shown.contains("You rated 4 goals 5"), "{shown}");
    }

    #[test]
    fn keeping_a_job_is_yes_no_or_not_said() {
        let mut replies = enter_through(17);
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(3));
        replies.extend([Reply::Line("maybe"), Reply::Line("Y")]);
        replies.extend(finish()[1..].iter().cloned());
        let (draft, prompter, _) = run_script(replies, None);
        assert_eq!(prompter.rejected.len(), 1, "{:?}", prompter.rejected);
        assert_eq!(draft.to_answers_json()["constraints"]["keeps_job"], true);
    }

    #[test]
    fn more_than_three_must_haves_are_refused_and_asked_again() {
        let mut replies = enter_through(17);
        replies.push(Reply::Pick(vec![0, 1, 2, 3]));
        replies.push(Reply::Pick(vec![0, 1]));
        replies.extend(enter_through(3));
        replies.extend(finish());
        let (draft, prompter, _) = run_script(replies, None);
        assert_eq!(prompter.rejected.len(), 1, "{:?}", prompter.rejected);
        assert!(prompter.rejected[0].contains("at most 3"));
        assert_eq!(
            draft.to_answers_json()["constraints"]["must_have"],
            json!(["income", "stability"])
        );
    }

    /// Whether a job is kept: not said; nothing ruled out; score.
    fn finish() -> Vec<Reply> {
        vec![
            Reply::Line(""),
            Reply::Pick(vec![]),
            Reply::Review(ReviewChoice::Score),
        ]
    }

    fn run_script(replies: Vec<Reply>, unfinished: Option<Draft>) -> (Draft, Scripted, Vec<Draft>) {
        let start = Start::Ask {
            unfinished,
            last: None,
        };
        run_from(replies, start)
    }

    fn run_from(replies: Vec<Reply>, start: Start) -> (Draft, Scripted, Vec<Draft>) {
        let questions = questions(&catalogue());
        let mut prompter = Scripted::new(replies);
        let mut kept = Vec::new();
        let draft = run(&mut prompter, &questions, start, &mut |d: &Draft| {
            kept.push(d.clone());
            Ok(())
        })
        .unwrap();
        assert!(
            prompter.replies.is_empty(),
            "not every scripted reply was used"
        );
        (draft, prompter, kept)
    }

    #[test]
    fn the_questions_follow_the_criteria_with_progress() {
        let questions = questions(&catalogue());
        assert_eq!(questions.len(), 9 + 8 + 1 + 5);
        assert_eq!(questions[0].key, "skills.technical_depth");
        assert_eq!(questions[0].progress, "Skills 1/9");
        assert_eq!(questions[9].progress, "Goals 1/8");
        assert_eq!(questions[17].key, "constraints.must_have");
        assert_eq!(questions[17].progress, "Must-haves");
        assert_eq!(questions[21].key, "constraints.keeps_job");
        assert_eq!(questions[21].progress, "Constraints 4/5");
        assert_eq!(questions[22].key, "constraints.exclude");
        assert_eq!(questions[22].progress, "Constraints 5/5");
    }

    #[test]
    fn enter_everywhere_takes_every_default() {
        let mut replies = enter_through(17);
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(3));
        replies.extend(finish());
        let (draft, _, kept) = run_script(replies, None);
        let json = draft.to_answers_json();
        assert_eq!(json["skills"]["selling"], 3);
        assert_eq!(json["goals"]["income"], 3);
        assert_eq!(json["constraints"]["hours_per_week"], Value::Null);
        assert_eq!(json["constraints"]["runway_months"], Value::Null);
        assert_eq!(json["constraints"]["min_income"], Value::Null);
        assert_eq!(json["constraints"]["exclude"], json!([]));
        assert_eq!(json["constraints"]["must_have"], json!([]));
        assert_eq!(json["constraints"]["keeps_job"], Value::Null);
        // Kept after every one of the 23 answers.
        assert_eq!(kept.len(), 23);
        assert_eq!(kept[0].answered(), 1);
    }

    #[test]
    fn a_bad_value_is_rejected_and_asked_again() {
        let mut replies = vec![Reply::Line("9"), Reply::Line("lots"), Reply::Line("4")];
        // Skills 2–9, goals, hours and runway: Enter.
        replies.extend(enter_through(16));
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(2));
        replies.push(Reply::Line("$150,000"));
        replies.extend(finish());
        let (draft, prompter, _) = run_script(replies, None);
        assert_eq!(prompter.rejected.len(), 2);
        assert!(
            prompter.rejected[0].contains("from 1 to 5"),
            "{:?}",
            prompter.rejected
        );
        assert_eq!(
            &prompter.asked[..3],
            ["Skills 1/9", "Skills 1/9", "Skills 1/9"]
        );
        let json = draft.to_answers_json();
        assert_eq!(json["skills"]["technical_depth"], 4);
        assert_eq!(json["constraints"]["min_income"], 150_000);
    }

    #[test]
    fn esc_goes_back_one_question_and_shows_the_answer_given() {
        let mut replies = vec![
            Reply::Line("5"),
            Reply::Esc,
            Reply::Line(""),
            Reply::Line("2"),
        ];
        replies.extend(enter_through(15));
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(3));
        replies.extend(finish());
        let (draft, prompter, _) = run_script(replies, None);
        assert_eq!(
            &prompter.asked[..4],
            ["Skills 1/9", "Skills 2/9", "Skills 1/9", "Skills 2/9"]
        );
        // Back at question 1, Enter keeps the 5 given before.
        assert_eq!(prompter.defaults[2].as_deref(), Some("5"));
        assert_eq!(draft.to_answers_json()["skills"]["technical_depth"], 5);
        assert_eq!(draft.to_answers_json()["skills"]["product_vision"], 2);
    }

    #[test]
    fn an_answer_changed_from_the_review_returns_to_the_review() {
        let mut replies = enter_through(17);
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(4));
        replies.push(Reply::Pick(vec![0, 2]));
        replies.push(Reply::Review(ReviewChoice::Change(3)));
        replies.push(Reply::Line("5"));
        replies.push(Reply::Review(ReviewChoice::Score));
        let (draft, prompter, _) = run_script(replies, None);
        assert_eq!(prompter.reviews, 2);
        assert_eq!(
            prompter.asked.last().map(String::as_str),
            Some("Skills 4/9")
        );
        let json = draft.to_answers_json();
        assert_eq!(json["skills"]["selling"], 5);
        let catalogue = catalogue();
        let expected = json!([catalogue.paths[0].id, catalogue.paths[2].id]);
        assert_eq!(json["constraints"]["exclude"], expected);
    }

    #[test]
    fn a_kept_draft_resumes_at_the_first_unanswered_question() {
        let questions = questions(&catalogue());
        let earlier = Draft::from_answers_json(
            &json!({"skills": {"technical_depth": 1, "product_vision": 2}}),
            &questions,
        );
        let mut replies = vec![Reply::Resume(true)];
        replies.extend(enter_through(15));
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(3));
        replies.extend(finish());
        let (draft, prompter, _) = run_script(replies, Some(earlier.clone()));
        assert_eq!(prompter.asked[0], "Skills 3/9");
        assert_eq!(draft.to_answers_json()["skills"]["technical_depth"], 1);

        let mut replies = vec![Reply::Resume(false)];
        replies.extend(enter_through(17));
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(3));
        replies.extend(finish());
        let (draft, prompter, _) = run_script(replies, Some(earlier));
        assert_eq!(prompter.asked[0], "Skills 1/9");
        assert_eq!(draft.to_answers_json()["skills"]["technical_depth"], 3);
    }

    #[test]
    fn enter_keeps_the_last_finished_answers() {
        let questions = questions(&catalogue());
        let last = Draft::from_answers_json(
            &json!({"skills": {"technical_depth": 1},
                    "constraints": {"hours_per_week": 20, "min_income": 90000,
                                    "keeps_job": true, "exclude": ["advisor"]}}),
            &questions,
        );
        let mut replies = enter_through(17);
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(4));
        replies.push(Reply::Pick(vec![0]));
        replies.push(Reply::Review(ReviewChoice::Score));
        let start = Start::Ask {
            unfinished: None,
            last: Some(last),
        };
        let (draft, prompter, _) = run_from(replies, start);
        assert_eq!(prompter.defaults[0].as_deref(), Some("1"));
        assert_eq!(prompter.defaults[1].as_deref(), Some("3"));
        assert_eq!(prompter.defaults[17].as_deref(), Some("20 hours a week"));
        assert_eq!(prompter.defaults[19].as_deref(), Some("$90,000 a year"));
        assert_eq!(prompter.defaults[20].as_deref(), Some("yes"));
        let json = draft.to_answers_json();
        assert_eq!(json["skills"]["technical_depth"], 1);
        assert_eq!(json["constraints"]["hours_per_week"], 20);
        assert_eq!(json["constraints"]["keeps_job"], true);
    }

    #[test]
    fn an_edit_starts_at_the_review() {
        let questions = questions(&catalogue());
        let mut replies = enter_through(17);
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(4));
        replies.push(Reply::Pick(vec![]));
        replies.push(Reply::Review(ReviewChoice::Score));
        let (whole, _, _) = run_script(replies, None);
        let replies = vec![
            Reply::Review(ReviewChoice::Change(0)),
            Reply::Line("2"),
            Reply::Review(ReviewChoice::Score),
        ];
        let (draft, prompter, _) = run_from(replies, Start::Review(whole));
        assert_eq!(prompter.asked, ["Skills 1/9"]);
        assert_eq!(draft.to_answers_json()["skills"]["technical_depth"], 2);
        assert_eq!(draft.answered(), questions.len());
    }

    #[test]
    fn none_is_zero_savings_and_skip_is_no_limit() {
        // Skills, goals: Enter. Hours: `none` is unclear, then `skip`. Runway and income: `none`.
        let mut replies = enter_through(17);
        replies.push(NO_MUST_HAVES);
        replies.extend([
            Reply::Line("none"),
            Reply::Line("SKIP"),
            Reply::Line("none"),
            Reply::Line("None"),
        ]);
        replies.extend(finish());
        let (draft, prompter, _) = run_script(replies, None);
        assert_eq!(prompter.rejected.len(), 1, "{:?}", prompter.rejected);
        assert!(prompter.rejected[0].contains("`skip` for no limit"));
        let json = draft.to_answers_json();
        assert_eq!(json["constraints"]["hours_per_week"], Value::Null);
        assert_eq!(json["constraints"]["runway_months"], 0);
        assert_eq!(json["constraints"]["min_income"], 0);
    }

    #[test]
    fn numbers_are_read_with_their_units_and_ratings_with_their_scale() {
        let questions = questions(&catalogue());
        let typed = |key: &str| match &questions.iter().find(|q| q.key == key).unwrap().kind {
            QuestionKind::Typed(typed) => typed.clone(),
            _ => panic!("{key} is typed"),
        };
        let (hours, runway) = (
            typed("constraints.hours_per_week"),
            typed("constraints.runway_months"),
        );
        let rating = typed("skills.selling");
        for (question, text, value) in [
            (&hours, "45 hours", 45),
            (&hours, "45h", 45),
            (&hours, "45 hrs/week", 45),
            (&hours, " 45 Hours a week ", 45),
            (&runway, "6 months", 6),
            (&runway, "6mo", 6),
            (&runway, "12 Months.", 12),
            (&rating, "4/5", 4),
            (&rating, "4 / 5", 4),
            (&rating, "four", 4),
            (&rating, "Five/5", 5),
            (&runway, "1 year", 12),
            (&runway, "a year", 12),
            (&runway, "2 years", 24),
            (&runway, "two yrs", 24),
            (&runway, "3y", 36),
            (&runway, "six months", 6),
            (&hours, "about 35 hours", 35),
            (&hours, "Up to 40", 40),
            (&hours, "~35h", 35),
            (&hours, "max 20 hours a week", 20),
            (&runway, "around a year", 12),
            (&rating, "roughly 4/5", 4),
        ] {
            assert_eq!(question.parse(text, None), Ok(json!(value)), "{text}");
        }
        // Another unit, another scale, or two numbers: refused, with the range.
        for (question, text) in [
            (&hours, "45 weeks"),
            (&hours, "45 days"),
            (&runway, "6 weeks"),
            (&runway, "-6 months"),
            (&runway, "1 yesterday"),
            (&runway, "21 years"),
            (&hours, "1 year"),
            (&hours, "forty"),
            (&rating, "4/10"),
            (&rating, "4 5"),
            (&rating, "a"),
            (&rating, "four five"),
            (&rating, "-3"),
            (&rating, "about −4"),
            (&hours, "about"),
            (&hours, "35-40 hours"),
        ] {
            let error = question.parse(text, None).unwrap_err();
            assert!(
                error.contains("is not a whole number from") && !error.contains("to answer"),
                "{text}: {error}"
            );
        }
        // A rating among words is named, not taken: the words may say otherwise.
        for (text, value) in [("pretty good, 4", 4), ("4 - strong", 4), ("not 5", 5)] {
            let error = rating.parse(text, None).unwrap_err();
            assert!(
                error.ends_with(&format!(
                    "from 1 to 5; to answer {value}, type {value} alone"
                )),
                "{text}: {error}"
            );
        }
    }

    #[test]
    fn money_is_read_as_people_type_it() {
        let questions = questions(&catalogue());
        let income = questions
            .iter()
            .find(|q| q.key == "constraints.min_income")
            .unwrap();
        let QuestionKind::Typed(typed) = &income.kind else {
            panic!("min_income is typed");
        };
        assert_eq!(
            typed.hints[0],
            "$0 to $100,000,000 a year, e.g. 150k or $150,000 (`none` is 0); `skip` for no limit"
        );
        for text in [
            "200k", "200K", "$200,000", "200,000", "200000", "$200k", "0.2m", "200_000",
        ] {
            assert_eq!(typed.parse(text, None), Ok(json!(200_000)), "{text}");
        }
        assert_eq!(typed.parse("1.5m", None), Ok(json!(1_500_000)));
        for text in [
            "200k a year",
            "$200,000/yr",
            "200000 USD",
            "200,000 dollars a year",
            "200k p.a.",
            "200000$",
            "200K Per Year",
            "about $200k",
            "~200k a year",
            "at least 200k",
        ] {
            assert_eq!(typed.parse(text, None), Ok(json!(200_000)), "{text}");
        }
        for text in [
            "200.5",
            "k",
            "$",
            "1.2.3k",
            "200kk",
            "-5",
            "101m",
            "200k a month",
            "a year",
        ] {
            let error = typed.parse(text, None).unwrap_err();
            assert!(
                error.contains("$0 to $100,000,000 a year"),
                "{text}: {error}"
            );
        }
        assert_eq!(typed.show(&json!(150_000)), "$150,000 a year");
        assert_eq!(typed.show(&json!(0)), "$0 a year");
    }

    #[test]
    fn skip_and_none_are_not_ratings() {
        let mut replies = vec![Reply::Line("skip"), Reply::Line("none"), Reply::Line("2")];
        replies.extend(enter_through(16));
        replies.push(NO_MUST_HAVES);
        replies.extend(enter_through(3));
        replies.extend(finish());
        let (draft, prompter, _) = run_script(replies, None);
        assert_eq!(prompter.rejected.len(), 2, "{:?}", prompter.rejected);
        assert_eq!(draft.to_answers_json()["skills"]["technical_depth"], 2);
    }

    #[test]
    fn a_criterion_added_to_the_catalogue_is_asked() {
        let mut catalogue = catalogue();
        let mut extra = catalogue.criteria.skills[0].clone();
        extra.id = "teaching".into();
        extra.name = "Teaching".into();
        catalogue.criteria.skills.push(extra);
        let questions = questions(&catalogue);
        assert!(
            questions
                .iter()
                .any(|q| q.key == "skills.teaching" && q.progress == "Skills 10/10")
        );
    }
}
