//! `truce stats`: counts what the store holds, and optionally checks the file's integrity.

use crate::Outcome;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use truce_store::Store;

#[derive(clap::Args)]
pub struct StatsArgs {
    /// The store to read.
    #[arg(long, env = "TRUCE_DB", default_value = "truce.db")]
    pub db: PathBuf,
    /// `text` prints one count per line; `json` prints
    /// {"articles","duplicates","linked_copies","sentences","events","reports","mentions",
    /// "place_mentions","located_events":{"place","admin2","admin1","country"},...}. `articles`
    /// counts distinct articles; copies linked to a first copy count among the duplicates.
    /// `events` counts real-world events, `reports` the events coded from single articles that
    /// back them; `located_events` counts reports.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    /// Also run SQLite's integrity check over the whole file (slow on large stores); a file that
    /// fails it makes the command fail.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

/// Open the store a query names, refusing to create one: a mistyped `--db` should say so rather
/// than answer with an empty store.
pub(crate) fn open_existing_store(path: &Path) -> anyhow::Result<Store> {
    if !path.exists() {
        anyhow::bail!(
            "no store at {}: ingest something first (`truce ingest PATH`), or name the store with --db or TRUCE_DB",
            path.display()
        );
    }
    Ok(Store::open_existing(path)?)
}

pub fn run(args: StatsArgs) -> anyhow::Result<Outcome> {
    let store = open_existing_store(&args.db)?;
    let stats = store.stats()?;
    let integrity_problems = if args.check {
        let lines = store.integrity_check()?;
        Some(
            lines
                .into_iter()
                .filter(|line| line != "ok")
                .collect::<Vec<_>>(),
        )
    } else {
        None
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        StatsFormat::Json => {
            let mut json = serde_json::to_value(&stats)?;
            if let Some(object) = json.as_object_mut() {
                object.insert(
                    "uncoded_articles".to_string(),
                    serde_json::Value::from(uncoded_articles(&stats)),
                );
            }
            if let (Some(problems), Some(object)) = (&integrity_problems, json.as_object_mut()) {
                let integrity = if problems.is_empty() {
                    serde_json::Value::from("ok")
                } else {
                    serde_json::Value::from(problems.clone())
                };
                object.insert("integrity".to_string(), integrity);
            }
            writeln!(out, "{json}")?;
        }
        StatsFormat::Text => {
            writeln!(out, "store       {}", args.db.display())?;
            writeln!(out, "articles    {}", stats.articles)?;
            writeln!(
                out,
                "duplicates  {} ({} of them copies linked to a first copy)",
                stats.duplicates, stats.linked_copies
            )?;
            writeln!(
                out,
                "languages   {}",
                super::counts_by_language(&stats.articles_by_language)
            )?;
            writeln!(
                out,
                "uncoded     {} (languages without a pack)",
                uncoded_articles(&stats)
            )?;
            writeln!(out, "sentences   {}", stats.sentences)?;
            writeln!(
                out,
                "events      {} real-world, from {} reports",
                stats.events, stats.reports
            )?;
            let located = stats.located_events;
            writeln!(
                out,
                "located     {} reports (place {}, admin2 {}, admin1 {}, country {})",
                located.place + located.admin2 + located.admin1 + located.country,
                located.place,
                located.admin2,
                located.admin1,
                located.country
            )?;
            writeln!(out, "mentions    {}", stats.mentions)?;
            writeln!(out, "places      {}", stats.place_mentions)?;
            if let Some(problems) = &integrity_problems {
                if problems.is_empty() {
                    writeln!(out, "integrity   ok")?;
                } else {
                    writeln!(out, "integrity   {} problems", problems.len())?;
                }
            }
        }
    }
    out.flush().context("writing to standard output")?;
    match integrity_problems {
        Some(problems) if !problems.is_empty() => {
            for problem in &problems {
                eprintln!("truce: {}: integrity: {problem}", args.db.display());
            }
            anyhow::bail!("{} failed SQLite's integrity check", args.db.display())
        }
        _ => Ok(Outcome::Success),
    }
}

/// Articles in a language truce has no pack for: stored with their language, never coded.
/// (An ingest run with `--dictionaries` codes every language; its articles are counted here
/// all the same, since the store does not record which dictionaries coded it.)
fn uncoded_articles(stats: &truce_store::StoreStats) -> u64 {
    stats
        .articles_by_language
        .iter()
        .filter(|(lang, _)| truce_lang::pack(lang).is_none())
        .map(|(_, count)| count)
        .sum()
}
