//! `truce extract`: not built yet.

use crate::Outcome;

#[derive(clap::Args)]
pub struct ExtractArgs {}

pub fn run(_args: ExtractArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`truce extract` is not built yet")
}
