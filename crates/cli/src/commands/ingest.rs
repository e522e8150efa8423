//! `truce ingest`: not built yet.

use crate::Outcome;

#[derive(clap::Args)]
pub struct IngestArgs {}

pub fn run(_args: IngestArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`truce ingest` is not built yet")
}
