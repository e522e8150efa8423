//! One module per `truce` subcommand.

pub mod code;
pub mod events;
pub mod extract;
pub mod ingest;
pub mod pipeline_args;
pub mod places;
pub mod records;
pub mod sources;
pub mod stats;
pub mod watch;
pub mod web_args;
pub mod web_input;
