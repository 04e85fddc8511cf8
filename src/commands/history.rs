//! `ctopath history`: the assessments and decisions kept in the journal, and how
//! well-calibrated the person's predictions have been; `history show N` shows one entry.

use super::print;
use crate::cli::{HistoryArgs, HistoryCommand};
use crate::{Display, UsageError, journal, render};
use anyhow::Result;

pub fn run(args: &HistoryArgs, display: &Display) -> Result<()> {
    let today = journal::today(args.today.as_deref())?;
    let state = journal::folder();
    let journal = match &state {
        Some(state) => journal::read(state, today)?,
        None => journal::Journal::default(),
    };
    journal.warn();
    let renderer = render::renderer(args.format, display);
    match &args.command {
        None => {
            let file = state.as_deref().map(journal::history_file);
            let history = journal::History::new(journal, file.as_deref());
            print(|out| renderer.history(out, &history))
        }
        Some(HistoryCommand::Show { number }) => {
            let Some(entry) = journal.entries.iter().find(|e| e.seq == *number) else {
                let known = match (journal.entries.first(), journal.entries.last()) {
                    (Some(first), Some(last)) => {
                        format!("the history holds entries {} to {}", first.seq, last.seq)
                    }
                    _ => "the history is empty: `ctopath assess` adds to it".to_string(),
                };
                return Err(UsageError(format!(
                    "no history entry has the number {number}; {known} (`ctopath history` lists them)"
                ))
                .into());
            };
            print(|out| renderer.history_entry(out, entry))
        }
    }
}
