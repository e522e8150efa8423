//! `truce code`: not built yet.

use crate::Outcome;

#[derive(clap::Args)]
pub struct CodeArgs {}

pub fn run(_args: CodeArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("`truce code` is not built yet")
}
