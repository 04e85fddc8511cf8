//! Asking in a real terminal. Choices use dialoguer; typed numbers use a small line reader on
//! dialoguer's terminal layer (console), because dialoguer's `Input` ignores Esc, which here goes
//! back one question.

use crate::questionnaire::{LinePrompt, PickPrompt, Prompter, ReviewChoice, Step};
use dialoguer::console::{Key, Term, style};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{MultiSelect, Select};
use std::io;

pub struct TerminalPrompter {
    term: Term,
    theme: Box<dyn Theme>,
    /// After a rejected answer only the answer line is shown again, not the whole question.
    reasking: bool,
}

impl TerminalPrompter {
    /// Prompts go to standard error, so that standard output carries only the results.
    pub fn new(color: bool) -> TerminalPrompter {
        let theme: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        TerminalPrompter {
            term: Term::stderr(),
            theme,
            reasking: false,
        }
    }

    pub fn term(&self) -> &Term {
        &self.term
    }
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
        let default = prompt
            .default
            .as_deref()
            .map(|d| format!(" [{d}]"))
            .unwrap_or_default();
        term.write_str(&format!("  {}{default}: ", style("Your answer").bold()))?;
        term.flush()?;
        Ok(match read_line(term)? {
            Some(typed) => Step::Answer(typed),
            None => {
                term.write_line(&format!("  {}", style("(back)").dim()))?;
                Step::Back
            }
        })
    }

    fn invalid(&mut self, message: &str) -> io::Result<()> {
        self.reasking = true;
        self.term
            .write_line(&format!("  {} {message}; try again", style("✗").red()))
    }

    fn pick(&mut self, prompt: &PickPrompt) -> io::Result<Step<Vec<usize>>> {
        self.term.write_line("")?;
        self.term.write_line(&format!(
            "{}  {}",
            style(&prompt.progress).cyan(),
            style(&prompt.question).bold()
        ))?;
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
        let term = &self.term;
        let choices = if default { "[Y/n]" } else { "[y/N]" };
        loop {
            term.write_str(&format!("  {} {choices}: ", style(question).bold()))?;
            term.flush()?;
            match yes_or_no(read_line(term)?.as_deref(), default) {
                Some(yes) => return Ok(yes),
                None => {
                    term.write_line(&format!("  {} answer y or n, then Enter", style("✗").red()))?
                }
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
/// error.
fn read_line(term: &Term) -> io::Result<Option<String>> {
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
            Key::Backspace if typed.pop().is_some() => term.clear_chars(1)?,
            Key::Char(c) if !c.is_control() && typed.len() < 40 => {
                typed.push(c);
                term.write_str(c.encode_utf8(&mut [0; 4]))?;
            }
            _ => {}
        }
        term.flush()?;
    }
}
