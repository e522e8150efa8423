//! One module per `truce` subcommand.

pub mod code;
pub mod events;
pub mod extract;
pub mod ingest;
pub mod pipeline_args;
pub mod stats;
