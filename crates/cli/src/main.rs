//! The `truce` command line: parses arguments and hands the work to the pipeline crates.
//!
//! Each subcommand lives in its own module under `commands/`; this file only dispatches. Exit
//! codes: 0 when everything went through, 1 when some inputs failed (they are reported on
//! stderr and the rest of the batch still ran), 2 for usage errors and failures that stopped
//! the command.

mod commands;

/// The pipeline allocates and frees many small strings and vectors per sentence on several
/// threads at once; mimalloc's thread-local free lists make that markedly cheaper than the
/// system allocator (see BENCHMARKS.md, ingest throughput). It is built without transparent
/// huge pages (`no_thp`): with them, each page mimalloc gave back and touched again made the
/// kernel clear a whole 2 MB page, which cost a third of a second of system time at start-up
/// and 70 MB of memory for nothing.
#[global_allocator]
static GLOBAL_ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "truce",
    version,
    about = "Code political events from news, in many languages, offline."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code events from JSON Lines records (or one raw article with --text) and print them as JSON Lines.
    Code(commands::code::CodeArgs),
    /// Find the place mentions of JSON Lines records (or one raw article with --text), resolved to the gazetteer, and print them as JSON Lines.
    Places(commands::places::PlacesArgs),
    /// Extract articles from files, folders, URLs, feeds or archives and print them as JSON Lines.
    Extract(commands::extract::ExtractArgs),
    /// Read sources (files, folders, archives, feed or page URLs) into the store, coding their events; re-ingesting the same content adds nothing.
    Ingest(commands::ingest::IngestArgs),
    /// Poll the news feeds listed in a TOML file and ingest their new items.
    Watch(commands::watch::WatchArgs),
    /// Query the events in the store.
    Events(commands::events::EventsArgs),
    /// Count what the store holds.
    Stats(commands::stats::StatsArgs),
}

/// What a command tells `main` about how it went, beyond hard errors.
pub enum Outcome {
    /// Everything went through.
    Success,
    /// The command ran to the end but some inputs failed; they were reported on stderr.
    SomeInputsFailed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => commands::code::run(args),
        Command::Places(args) => commands::places::run(args),
        Command::Extract(args) => commands::extract::run(args),
        Command::Ingest(args) => commands::ingest::run(args),
        Command::Watch(args) => commands::watch::run(args),
        Command::Events(args) => commands::events::run(args),
        Command::Stats(args) => commands::stats::run(args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::SomeInputsFailed) => ExitCode::from(1),
        // A reader that stops early (`truce events | head`) is not an error.
        Err(error)
            if error.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("truce: error: {}", single_cause_message(&error));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes joined by `: `, leaving out a cause that only repeats what is
/// already said: SQLite's "file is not a database" comes back from rusqlite as the message, its
/// source, and the source's "Error code 26: file is not a database".
fn single_cause_message(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        let repeated = message.contains(&text)
            || text.split_once(": ").is_some_and(|(prefix, rest)| {
                prefix.starts_with("Error code") && message.contains(rest)
            });
        if repeated {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_that_repeats_the_message_is_said_once() {
        let error = anyhow::Error::new(std::io::Error::other("file is not a database"))
            .context("file is not a database")
            .context("/tmp/x.db: opening the store");
        assert_eq!(
            single_cause_message(&error),
            "/tmp/x.db: opening the store: file is not a database"
        );
    }
}
