//! `truce events`: not built yet.

use crate::Outcome;

#[derive(clap::Args)]
pub struct EventsArgs {}

pub fn run(_args: EventsArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`truce events` is not built yet")
}
