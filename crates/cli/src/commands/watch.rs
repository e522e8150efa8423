//! `truce watch FEEDS.toml`: polls news feeds, fetches their new items' pages and ingests them, remembering in the store what each feed has already given.
//!
//! A round polls every feed that is due: one conditional GET per feed (its stored ETag and
//! Last-Modified), and for a feed that changed, the items not read before. Their documents go
//! through the same ingest as files (`ingest::ingest_documents`: workers, one writer,
//! near-duplicate links, content-hash idempotency). Only once the round's articles are stored is
//! the poll recorded (validators, next poll time, failures, items read), so a run stopped half-way
//! polls those feeds again and the store skips what it already holds.
//!
//! A feed that fails is polled again after its interval doubled for each failure in a row (at
//! most a day), or after the wait its server asked for with Retry-After, if longer.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use indicatif::ProgressBar;
use serde::Deserialize;
use truce_core::Diagnostic;
use truce_fetch::{Fetched, Fetcher, Validators};
use truce_pipeline::Pipeline;
use truce_sources::RawDocument;
use truce_store::{FeedPoll, FeedPollOutcome, Store};
use truce_web::{FeedItem, FetchedContent, ItemLanguage};

use super::ingest::{IngestSettings, IngestSummary, ingest_documents, summary_line};
use crate::Outcome;

#[derive(clap::Args)]
pub struct WatchArgs {
    /// The feeds to poll: a TOML file with one `[[feed]]` table per feed (`url`, and optionally
    /// `name`, `interval` such as "15m", `lang`); see README.md.
    #[arg(value_name = "FEEDS.toml")]
    pub feeds: PathBuf,
    /// Poll every feed once, due or not, and exit (for tests and cron). Without it, truce polls
    /// each feed when it is due until interrupted (Ctrl-C).
    #[arg(long)]
    pub once: bool,
    #[command(flatten)]
    pub settings: IngestSettings,
    #[command(flatten)]
    pub pipeline: super::pipeline_args::PipelineArgs,
    #[command(flatten)]
    pub web: super::web_args::WebArgs,
}

/// The poll interval of a feed that sets none.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(30 * 60);

/// The shortest interval accepted: polling a news feed more often helps nobody.
const MIN_INTERVAL: Duration = Duration::from_secs(60);

/// The longest a failing feed is left alone.
const MAX_BACKOFF: Duration = Duration::from_secs(24 * 60 * 60);

/// The longest sleep between two looks at the schedule.
const MAX_IDLE_SLEEP: Duration = Duration::from_secs(60);

/// The feeds file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedsFile {
    /// The interval of every feed that sets none.
    interval: Option<String>,
    /// The language of every feed that sets none.
    lang: Option<String>,
    #[serde(default)]
    feed: Vec<FeedEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedEntry {
    url: String,
    name: Option<String>,
    interval: Option<String>,
    lang: Option<String>,
}

/// One feed to poll, with its settings resolved.
#[derive(Debug, Clone, PartialEq)]
struct WatchedFeed {
    url: String,
    /// How the feed is called in messages: its name, else its URL.
    label: String,
    interval: Duration,
    /// A language forced on the feed's articles.
    lang: Option<String>,
}

/// Read and check a feeds file; every problem names the file and the feed.
fn load_feeds(path: &Path) -> anyhow::Result<Vec<WatchedFeed>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the feeds file {}", path.display()))?;
    parse_feeds(&text).with_context(|| format!("{}", path.display()))
}

fn parse_feeds(text: &str) -> anyhow::Result<Vec<WatchedFeed>> {
    let file: FeedsFile = toml::from_str(text)?;
    let default_interval = match &file.interval {
        Some(interval) => parse_interval(interval).context("the top-level `interval`")?,
        None => DEFAULT_INTERVAL,
    };
    if file.feed.is_empty() {
        anyhow::bail!("no feeds: add a [[feed]] table with a `url`");
    }
    let mut feeds = Vec::new();
    let mut urls = HashSet::new();
    for (feed_idx, entry) in file.feed.into_iter().enumerate() {
        let which = format!("feed {} ({})", feed_idx + 1, entry.url);
        let url = entry.url.trim().to_string();
        let parsed = url::Url::parse(&url)
            .map_err(|error| anyhow::anyhow!("{which}: `url` is not a URL: {error}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            anyhow::bail!("{which}: `url` must be an http or https URL");
        }
        if !urls.insert(url.clone()) {
            anyhow::bail!("{which}: the same URL is listed twice");
        }
        let interval = match &entry.interval {
            Some(interval) => parse_interval(interval).with_context(|| which.clone())?,
            None => default_interval,
        };
        feeds.push(WatchedFeed {
            label: entry
                .name
                .filter(|name| !name.trim().is_empty())
                .unwrap_or_else(|| url.clone()),
            url,
            interval,
            lang: entry.lang.or_else(|| file.lang.clone()),
        });
    }
    Ok(feeds)
}

/// `90s`, `15m`, `2h` or `1d` as a duration of at least [`MIN_INTERVAL`].
fn parse_interval(text: &str) -> anyhow::Result<Duration> {
    let text = text.trim();
    let split_at = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split_at);
    let number: u64 = number
        .parse()
        .map_err(|_| anyhow::anyhow!("`{text}` is not an interval like 90s, 15m, 2h or 1d"))?;
    let unit_seconds = match unit.trim() {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => anyhow::bail!("`{text}` is not an interval like 90s, 15m, 2h or 1d"),
    };
    let interval = Duration::from_secs(number.saturating_mul(unit_seconds));
    if interval < MIN_INTERVAL {
        anyhow::bail!("the interval `{text}` is shorter than a minute");
    }
    Ok(interval)
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() as i64)
}

pub fn run(args: WatchArgs) -> anyhow::Result<Outcome> {
    let feeds = load_feeds(&args.feeds)?;
    let pipeline = Pipeline::new(args.pipeline.options())?;
    let settings = &args.settings;
    let mut store = Store::open(&settings.db)?;
    // An ingest killed while its search indexes were set aside left them out.
    let missing = store.missing_search_indexes()?;
    if !missing.is_empty() {
        eprintln!(
            "truce: building the search indexes an interrupted ingest left out ({})",
            missing.join(", ")
        );
        store.build_search_indexes()?;
    }
    let fetcher = args.web.fetcher();
    eprintln!(
        "truce: watching {} feeds from {} into {}",
        feeds.len(),
        args.feeds.display(),
        settings.db.display()
    );
    let mut anything_failed = false;
    loop {
        let now = unix_now();
        let mut due = Vec::new();
        for feed in &feeds {
            let next_poll_at = store
                .feed_poll_state(&feed.url)?
                .and_then(|state| state.next_poll_at);
            if args.once || next_poll_at.is_none_or(|next| next <= now) {
                due.push(feed);
            }
        }
        if !due.is_empty() {
            anything_failed |= poll_round(settings, &pipeline, &mut store, &fetcher, &due)?;
        }
        if args.once {
            break;
        }
        let mut next_due = i64::MAX;
        for feed in &feeds {
            if let Some(next) = store
                .feed_poll_state(&feed.url)?
                .and_then(|state| state.next_poll_at)
            {
                next_due = next_due.min(next);
            }
        }
        let wait = Duration::from_secs(next_due.saturating_sub(unix_now()).max(1) as u64);
        std::thread::sleep(wait.min(MAX_IDLE_SLEEP));
    }
    Ok(if anything_failed {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Success
    })
}

/// One feed polled in a round: what to record, and the items to read.
struct PolledFeed<'feeds> {
    feed: &'feeds WatchedFeed,
    outcome: FeedPollOutcome,
    /// The server's Retry-After on a failure.
    retry_after: Option<Duration>,
    /// Failures in a row before this poll.
    earlier_failures: u32,
    language: ItemLanguage,
    new_items: Vec<FeedItem>,
}

/// Poll `due` feeds, ingest their new items, and record the polls. Returns whether anything
/// failed (a feed, or an item that gave no article).
fn poll_round(
    settings: &IngestSettings,
    pipeline: &Pipeline,
    store: &mut Store,
    fetcher: &Fetcher,
    due: &[&WatchedFeed],
) -> anyhow::Result<bool> {
    let polled_at = unix_now();
    let mut polled = Vec::new();
    for feed in due {
        polled.push(poll_feed(store, fetcher, feed)?);
    }
    // Items whose page failed for now and that had no text of their own: not recorded as read,
    // so the next poll tries them again.
    let retry_later: Mutex<HashSet<(usize, String)>> = Mutex::new(HashSet::new());
    let summary = {
        let polled = &polled;
        let retry_later = &retry_later;
        let make_documents = move || {
            polled.iter().enumerate().flat_map(move |(feed_idx, poll)| {
                poll.new_items
                    .iter()
                    .map(move |item| item_for_round(fetcher, feed_idx, poll, item, retry_later))
            })
        };
        ingest_documents(
            settings,
            pipeline,
            store,
            make_documents,
            &ProgressBar::hidden(),
        )?
    };
    let retry_later = retry_later
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let mut any_feed_failed = false;
    for (feed_idx, poll) in polled.iter().enumerate() {
        let items_read: Vec<String> = poll
            .new_items
            .iter()
            .map(|item| item.key().to_string())
            .filter(|key| !retry_later.contains(&(feed_idx, key.clone())))
            .collect();
        let wait = match &poll.outcome {
            FeedPollOutcome::Success { .. } => poll.feed.interval,
            FeedPollOutcome::Failure { .. } => {
                any_feed_failed = true;
                backoff(
                    poll.feed.interval,
                    poll.earlier_failures + 1,
                    poll.retry_after,
                )
            }
        };
        store.record_feed_poll(&FeedPoll {
            url: &poll.feed.url,
            polled_at,
            next_poll_at: polled_at.saturating_add(wait.as_secs() as i64),
            outcome: poll.outcome.clone(),
            items_read: &items_read,
        })?;
    }
    eprintln!("{}", round_line(&polled, &summary, retry_later.len()));
    Ok(any_feed_failed || summary.inputs_failed > 0)
}

/// The document for one new item of a round, noting items worth another try.
fn item_for_round(
    fetcher: &Fetcher,
    feed_idx: usize,
    poll: &PolledFeed<'_>,
    item: &FeedItem,
    retry_later: &Mutex<HashSet<(usize, String)>>,
) -> Result<RawDocument, Diagnostic> {
    let (document, try_again) = super::web_input::item_document(fetcher, item, &poll.language);
    if try_again {
        retry_later
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((feed_idx, item.key().to_string()));
    }
    document
}

/// Fetch one feed conditionally and pick its items not read before.
fn poll_feed<'feeds>(
    store: &Store,
    fetcher: &Fetcher,
    feed: &'feeds WatchedFeed,
) -> anyhow::Result<PolledFeed<'feeds>> {
    let state = store.feed_poll_state(&feed.url)?.unwrap_or_default();
    let validators = Validators {
        etag: state.etag.clone(),
        last_modified: state.last_modified.clone(),
    };
    let mut polled = PolledFeed {
        feed,
        outcome: FeedPollOutcome::Success {
            etag: validators.etag.clone(),
            last_modified: validators.last_modified.clone(),
        },
        retry_after: None,
        earlier_failures: state.consecutive_failures,
        language: ItemLanguage {
            forced: feed.lang.clone(),
            feed: None,
        },
        new_items: Vec::new(),
    };
    let failure = |message: String| FeedPollOutcome::Failure { error: message };
    let page = match fetcher.get(&feed.url, &validators) {
        Ok(Fetched::NotModified(validators)) => {
            eprintln!("truce: {}: not modified", feed.label);
            polled.outcome = FeedPollOutcome::Success {
                etag: validators.etag,
                last_modified: validators.last_modified,
            };
            return Ok(polled);
        }
        Ok(Fetched::Page(page)) => page,
        Err(error) => {
            let problem = truce_web::fetch_problem(&feed.url, &error);
            eprintln!("truce: {}: {problem}", feed.label);
            polled.outcome = failure(problem.message);
            polled.retry_after = error.retry_after();
            return Ok(polled);
        }
    };
    let parsed = match truce_web::read_fetched(&page) {
        Ok(FetchedContent::Feed(parsed)) => parsed,
        Ok(FetchedContent::Document(_)) => {
            let message = "not a feed (an ordinary page was served)".to_string();
            eprintln!("truce: {}: {}: {message}", feed.label, feed.url);
            polled.outcome = failure(message);
            return Ok(polled);
        }
        Err(problem) => {
            eprintln!("truce: {}: {problem}", feed.label);
            polled.outcome = failure(problem.message);
            return Ok(polled);
        }
    };
    let already_read = store.feed_items_read(&feed.url)?;
    let n_items = parsed.items.len();
    let mut keys_this_poll = HashSet::new();
    polled.new_items = truce_web::in_reading_order(parsed.items)
        .into_iter()
        .filter(|item| {
            let key = item.key();
            !key.is_empty() && !already_read.contains(key) && keys_this_poll.insert(key.to_string())
        })
        .collect();
    polled.language.feed = parsed.lang;
    polled.outcome = FeedPollOutcome::Success {
        etag: page.validators.etag,
        last_modified: page.validators.last_modified,
    };
    eprintln!(
        "truce: {}: {n_items} items, {} new",
        feed.label,
        polled.new_items.len()
    );
    Ok(polled)
}

/// The wait before polling a feed again after `n_failures` failures in a row: its interval
/// doubled per failure, at most [`MAX_BACKOFF`], and at least what the server asked for.
fn backoff(interval: Duration, n_failures: u32, retry_after: Option<Duration>) -> Duration {
    let doubled = interval.saturating_mul(1 << n_failures.min(16));
    doubled
        .min(MAX_BACKOFF)
        .max(interval)
        .max(retry_after.unwrap_or_default())
}

/// The line printed after each round.
fn round_line(polled: &[PolledFeed<'_>], summary: &IngestSummary, n_retry_later: usize) -> String {
    let n_failed = polled
        .iter()
        .filter(|poll| matches!(poll.outcome, FeedPollOutcome::Failure { .. }))
        .count();
    let n_new_items: usize = polled.iter().map(|poll| poll.new_items.len()).sum();
    let retry_note = if n_retry_later > 0 {
        format!(" ({n_retry_later} to try again next poll)")
    } else {
        String::new()
    };
    format!(
        "truce: polled {} feeds ({n_failed} failed), {n_new_items} new items{retry_note}: {}",
        polled.len(),
        summary_line(summary)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feeds_file_gives_each_feed_its_settings_or_the_defaults() {
        let feeds = parse_feeds(
            r#"
interval = "2h"
lang = "en"

[[feed]]
url = "https://news.example.org/rss.xml"
name = "Example News"

[[feed]]
url = "https://kabar.example/feed"
interval = "15m"
lang = "id"
"#,
        )
        .unwrap();
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].label, "Example News");
        assert_eq!(feeds[0].interval, Duration::from_secs(7_200));
        assert_eq!(feeds[0].lang.as_deref(), Some("en"));
        assert_eq!(feeds[1].label, "https://kabar.example/feed");
        assert_eq!(feeds[1].interval, Duration::from_secs(900));
        assert_eq!(feeds[1].lang.as_deref(), Some("id"));
    }

    #[test]
    fn bad_feeds_files_are_refused_with_the_feed_named() {
        for (text, expected) in [
            ("", "no feeds"),
            ("[[feed]]\nurl = \"ftp://a.example/x\"\n", "feed 1"),
            ("[[feed]]\nurl = \"not a url\"\n", "not a URL"),
            (
                "[[feed]]\nurl = \"https://a.example/\"\n[[feed]]\nurl = \"https://a.example/\"\n",
                "listed twice",
            ),
            (
                "[[feed]]\nurl = \"https://a.example/\"\ninterval = \"10s\"\n",
                "shorter than a minute",
            ),
            (
                "[[feed]]\nurl = \"https://a.example/\"\ninterval = \"soon\"\n",
                "not an interval",
            ),
            (
                "[[feed]]\nurl = \"https://a.example/\"\ncolour = \"red\"\n",
                "colour",
            ),
        ] {
            let error = format!("{:#}", parse_feeds(text).unwrap_err());
            assert!(error.contains(expected), "{text:?}: {error}");
        }
    }

    #[test]
    fn intervals_take_a_unit() {
        assert_eq!(parse_interval("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_interval("1d").unwrap(), Duration::from_secs(86_400));
        assert!(parse_interval("15").is_err());
    }

    #[test]
    fn failing_feeds_back_off_exponentially_up_to_a_day_or_the_server_s_wish() {
        let hour = Duration::from_secs(3_600);
        assert_eq!(backoff(hour, 1, None), 2 * hour);
        assert_eq!(backoff(hour, 3, None), 8 * hour);
        assert_eq!(backoff(hour, 30, None), MAX_BACKOFF);
        assert_eq!(
            backoff(Duration::from_secs(60), 1, Some(hour)),
            hour,
            "Retry-After wins when longer"
        );
    }
}
