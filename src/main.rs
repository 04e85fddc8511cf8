#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    match ctopath::run(std::env::args_os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if ctopath::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // The message may echo what the user passed in: shown, never acted on by the terminal.
            eprintln!("error: {}", ctopath::text::sanitize(&format!("{error:#}")));
            ExitCode::from(ctopath::exit_code(&error))
        }
    }
}
