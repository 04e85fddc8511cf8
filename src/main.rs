#![forbid(unsafe_code)]

use std::process::ExitCode;

// mimalloc: streams allocate many small, short-lived strings on every core, where it is faster
// than the system allocator (README, Performance; `benches/allocator.sh` compares the two).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
