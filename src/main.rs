#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    match ctopath::run(std::env::args_os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if ctopath::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", ctopath::error_message(&error));
            ExitCode::from(ctopath::exit_code(&error))
        }
    }
}
