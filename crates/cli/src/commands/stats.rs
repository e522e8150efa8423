//! `truce stats`: not built yet.

use crate::Outcome;

#[derive(clap::Args)]
pub struct StatsArgs {}

pub fn run(_args: StatsArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`truce stats` is not built yet")
}
