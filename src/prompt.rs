//! Asking in a real terminal. Choices use dialoguer; typed numbers use a small line reader on
//! dialoguer's terminal layer (console), because dialoguer's `Input` ignores Esc, which here goes
//! back one question.
//!
//! Plain mode (`--plain`, `TERM=dumb`) is for screen readers and dumb terminals: every question,
//! choices included, is answered by typing a line (choices by number), nothing is redrawn, and
//! no escape sequence is written.

use crate::questionnaire::{LinePrompt, PickPrompt, Prompter, ReviewChoice, Step};
use dialoguer::console::{Key, Term, style};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{MultiSelect, Select};
use std::io;

pub struct TerminalPrompter {
    term: Term,
    theme: Box<dyn Theme>,
    plain: bool,
    /// After a rejected answer only the answer line is shown again, not the whole question.
    reasking: bool,
}

impl TerminalPrompter {
    /// Prompts go to standard error, so that standard output carries only the results.
    pub fn new(color: bool, plain: bool) -> TerminalPrompter {
        let theme: Box<dyn Theme> = if color {
            // ⬚ and ❯ are missing from common fonts (they show as boxes): ASCII marks instead.
            Box::new(ColorfulTheme {
                checked_item_prefix: style("[x]".to_string()).for_stderr().green(),
                unchecked_item_prefix: style("[ ]".to_string()).for_stderr(),
                active_item_prefix: style(">".to_string()).for_stderr().green(),
                ..ColorfulTheme::default()
            })
        } else {
            Box::new(SimpleTheme)
        };
        TerminalPrompter {
            term: Term::stderr(),
            theme,
            plain,
            reasking: false,
        }
    }

    pub fn term(&self) -> &Term {
        &self.term
    }

    /// How to go back one question, as the opening line says it.
    pub fn back_key(&self) -> &'static str {
        if self.plain { "Esc or `back`" } else { "Esc" }
    }

    /// Writes `  LABEL [default]: ` and reads the line typed; `None` is Esc (or `back` in plain
    /// mode).
    fn answer(&self, label: &str, default: Option<&str>) -> io::Result<Option<String>> {
        let default = default.map(|d| format!(" [{d}]")).unwrap_or_default();
        self.term
            .write_str(&format!("  {}{default}: ", style(label).bold()))?;
        self.term.flush()?;
        let typed = read_line(&self.term, self.plain)?;
        Ok(typed.filter(|typed| !(self.plain && typed.trim().eq_ignore_ascii_case("back"))))
    }

    /// Says why an answer was refused, before asking again.
    fn refuse(&self, message: &str) -> io::Result<()> {
        // ✗ is missing from some fonts and means nothing to a screen reader.
        let mark = if self.plain {
            "Not accepted:".to_string()
        } else {
            style("✗").red().to_string()
        };
        self.term.write_line(&format!("  {mark} {message}"))
    }

    /// A pick answered by typing the numbers of the options, one line.
    fn pick_by_number(&mut self, prompt: &PickPrompt) -> io::Result<Step<Vec<usize>>> {
        let term = &self.term;
        for (index, option) in prompt.options.iter().enumerate() {
            let picked = if prompt.selected[index] {
                " (picked)"
            } else {
                ""
            };
            let number = index + 1;
            let width = prompt.options.len().to_string().len();
            term.write_line(&format!("  {number:>width$}. {option}{picked}"))?;
        }
        term.write_line(
            "  Type the numbers of your picks (e.g. 1 3), or `none`; Esc or `back` goes back",
        )?;
        let current: Vec<usize> = (0..prompt.options.len())
            .filter(|&i| prompt.selected[i])
            .collect();
        let shown = if current.is_empty() {
            "none".to_string()
        } else {
            numbers(&current)
        };
        loop {
            let Some(typed) = self.answer("Your picks", Some(&shown))? else {
                return Ok(Step::Back);
            };
            match picks(&typed, prompt.options.len()) {
                Ok(None) => return Ok(Step::Answer(current)),
                Ok(Some(picked)) => return Ok(Step::Answer(picked)),
                Err(message) => self.refuse(&format!("{message}; try again"))?,
            }
        }
    }

    fn review_by_number(&mut self, items: &[String]) -> io::Result<ReviewChoice> {
        self.term.write_line(
            "Your answers: score them, or pick one to change (Esc or `back` goes back):",
        )?;
        let width = (items.len() - 1).to_string().len();
        for (index, item) in items.iter().enumerate() {
            self.term
                .write_line(&format!("  {index:>width$}. {item}"))?;
        }
        loop {
            let Some(typed) = self.answer("Number", Some("0"))? else {
                return Ok(ReviewChoice::Back);
            };
            match typed.trim() {
                "" | "0" => return Ok(ReviewChoice::Score),
                number => match number.parse::<usize>() {
                    Ok(index) if index < items.len() => return Ok(ReviewChoice::Change(index - 1)),
                    _ => self.refuse(&format!(
                        "{number:?} is not a number from 0 to {}; try again",
                        items.len() - 1
                    ))?,
                },
            }
        }
    }
}

/// `1, 3` for the options at 0 and 2.
fn numbers(indices: &[usize]) -> String {
    indices
        .iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The options a typed line picks: `None` keeps the picks shown (an empty line), `none` picks
/// nothing, and numbers from 1 to `count`, separated by spaces or commas, pick those.
fn picks(typed: &str, count: usize) -> Result<Option<Vec<usize>>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    if typed.eq_ignore_ascii_case("none") {
        return Ok(Some(Vec::new()));
    }
    let mut picked = Vec::new();
    for word in typed.split([' ', ',']).filter(|w| !w.is_empty()) {
        match word.parse::<usize>() {
            Ok(number) if (1..=count).contains(&number) => {
                if !picked.contains(&(number - 1)) {
                    picked.push(number - 1);
                }
            }
            _ => return Err(format!("{word:?} is not a number from 1 to {count}")),
        }
    }
    picked.sort_unstable();
    Ok(Some(picked))
}

impl Prompter for TerminalPrompter {
    fn line(&mut self, prompt: &LinePrompt) -> io::Result<Step<String>> {
        let term = &self.term;
        if !std::mem::take(&mut self.reasking) {
            term.write_line("")?;
            term.write_line(&format!(
                "{}  {}",
                style(&prompt.progress).cyan(),
                style(&prompt.title).bold()
            ))?;
            term.write_line(&format!("  {}", prompt.question))?;
            for hint in &prompt.hints {
                term.write_line(&format!("  {}", style(hint).dim()))?;
            }
        }
        Ok(
            match self.answer("Your answer", prompt.default.as_deref())? {
                Some(typed) => Step::Answer(typed),
                None => {
                    self.term
                        .write_line(&format!("  {}", style("(back)").dim()))?;
                    Step::Back
                }
            },
        )
    }

    fn invalid(&mut self, message: &str) -> io::Result<()> {
        self.reasking = true;
        self.refuse(&format!("{message}; try again"))
    }

    fn pick(&mut self, prompt: &PickPrompt) -> io::Result<Step<Vec<usize>>> {
        // A pick is drawn whole every time; a refusal must not leave the next line prompt
        // thinking it is asked again (it would skip its question).
        self.reasking = false;
        self.term.write_line("")?;
        self.term.write_line(&format!(
            "{}  {}",
            style(&prompt.progress).cyan(),
            style(&prompt.question).bold()
        ))?;
        if self.plain {
            return self.pick_by_number(prompt);
        }
        let picked = MultiSelect::with_theme(&*self.theme)
            .with_prompt("Space picks or unpicks, Enter goes on, Esc goes back")
            .items(&prompt.options)
            .defaults(&prompt.selected)
            .interact_on_opt(&self.term)?;
        Ok(picked.map_or(Step::Back, Step::Answer))
    }

    fn review(&mut self, summary: &[String]) -> io::Result<ReviewChoice> {
        self.term.write_line("")?;
        let mut items = vec!["Score my answers".to_string()];
        items.extend(summary.iter().cloned());
        if self.plain {
            return self.review_by_number(&items);
        }
        let chosen = Select::with_theme(&*self.theme)
            .with_prompt("Your answers: score them, or pick one to change (Esc goes back)")
            .items(&items)
            .default(0)
            .interact_on_opt(&self.term)?;
        Ok(match chosen {
            None => ReviewChoice::Back,
            Some(0) => ReviewChoice::Score,
            Some(index) => ReviewChoice::Change(index - 1),
        })
    }

    fn resume(&mut self, answered: usize, total: usize) -> io::Result<bool> {
        self.term.write_line(&format!(
            "Last time you stopped after {answered} of {total} questions."
        ))?;
        self.confirm("Carry on from there?", true)
    }

    /// A line, not a single key: the Enter typed after `n` must not answer the next question.
    fn confirm(&mut self, question: &str, default: bool) -> io::Result<bool> {
        let choices = if default { "Y/n" } else { "y/N" };
        loop {
            let typed = self.answer(question, Some(choices))?;
            match yes_or_no(typed.as_deref(), default) {
                Some(yes) => return Ok(yes),
                None => self.refuse("answer y or n, then Enter")?,
            }
        }
    }
}

/// `y`, `yes`, `n`, `no` in any case, or the default for an empty line; `None` for anything
/// else, and for Esc.
fn yes_or_no(typed: Option<&str>, default: bool) -> Option<bool> {
    match typed?.trim().to_ascii_lowercase().as_str() {
        "" => Some(default),
        "y" | "yes" => Some(true),
        "n" | "no" => Some(false),
        _ => None,
    }
}

/// Reads one line, echoing it: the text on Enter, `None` on Esc; Ctrl-C is an `Interrupted`
/// error. `plain` erases a character with backspace, space, backspace, which any terminal
/// understands, instead of an escape sequence.
fn read_line(term: &Term, plain: bool) -> io::Result<Option<String>> {
    let mut typed = String::new();
    loop {
        match term.read_key_raw()? {
            Key::Enter => {
                term.write_line("")?;
                return Ok(Some(typed));
            }
            Key::Escape => return Ok(None),
            Key::CtrlC => {
                term.write_line("")?;
                return Err(io::ErrorKind::Interrupted.into());
            }
            Key::Backspace if typed.pop().is_some() => {
                if plain {
                    term.write_str("\x08 \x08")?;
                } else {
                    term.clear_chars(1)?;
                }
            }
            Key::Char(c) if !c.is_control() && typed.len() < 40 => {
                typed.push(c);
                term.write_str(c.encode_utf8(&mut [0; 4]))?;
            }
            _ => {}
        }
        term.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_are_numbers_none_or_enter() {
        assert_eq!(picks("", 5), Ok(None));
        assert_eq!(picks(" NONE ", 5), Ok(Some(vec![])));
        assert_eq!(picks("3, 1 3", 5), Ok(Some(vec![0, 2])));
        assert!(picks("6", 5).unwrap_err().contains("from 1 to 5"));
        assert!(picks("0", 5).is_err());
        assert!(picks("two", 5).is_err());
    }
}
