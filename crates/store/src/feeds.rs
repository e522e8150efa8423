//! Feed poll state: the validators, schedule, failures and items already read of each feed `truce watch` polls.

use crate::{Store, StoreError};
use rusqlite::{OptionalExtension, TransactionBehavior};
use std::collections::HashSet;

/// What the store remembers about one feed. Times are seconds since 1970 (UTC).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedPollState {
    /// The `ETag` of the last good answer, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` of the last good answer, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
    pub last_polled_at: Option<i64>,
    pub last_success_at: Option<i64>,
    /// When the feed is due again.
    pub next_poll_at: Option<i64>,
    /// Polls that failed since the last good one.
    pub consecutive_failures: u32,
    /// What went wrong on the last poll, if it failed.
    pub last_error: Option<String>,
}

/// How one poll of a feed went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedPollOutcome {
    /// The feed was read (or answered 304); these are the validators to send next time.
    Success {
        etag: Option<String>,
        last_modified: Option<String>,
    },
    /// The feed could not be fetched or read; the earlier validators are kept.
    Failure { error: String },
}

/// One poll of one feed, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedPoll<'poll> {
    pub url: &'poll str,
    pub polled_at: i64,
    pub next_poll_at: i64,
    pub outcome: FeedPollOutcome,
    /// Keys (guid or id, else link) of the items read in this poll.
    pub items_read: &'poll [String],
}

impl Store {
    /// What the store remembers about the feed at `url`; `None` for a feed never polled.
    pub fn feed_poll_state(&self, url: &str) -> Result<Option<FeedPollState>, StoreError> {
        self.connection
            .query_row(
                "SELECT etag, last_modified, last_polled_at, last_success_at, next_poll_at,
                        consecutive_failures, last_error
                 FROM feeds WHERE url = ?1",
                [url],
                |row| {
                    Ok(FeedPollState {
                        etag: row.get(0)?,
                        last_modified: row.get(1)?,
                        last_polled_at: row.get(2)?,
                        last_success_at: row.get(3)?,
                        next_poll_at: row.get(4)?,
                        consecutive_failures: row.get(5)?,
                        last_error: row.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(self.sqlite_error("reading a feed's poll state"))
    }

    /// The keys of every item of the feed at `url` read by an earlier poll.
    pub fn feed_items_read(&self, url: &str) -> Result<HashSet<String>, StoreError> {
        self.connection
            .prepare_cached(
                "SELECT item.item_key FROM feed_items AS item
                 JOIN feeds AS feed ON feed.feed_pk = item.feed_pk
                 WHERE feed.url = ?1",
            )
            .and_then(|mut statement| {
                statement
                    .query_map([url], |row| row.get::<_, String>(0))?
                    .collect()
            })
            .map_err(self.sqlite_error("reading a feed's items already read"))
    }

    /// Record one poll in one transaction: the feed's validators, schedule and failure count,
    /// and the items it read. Recording the same items twice changes nothing.
    pub fn record_feed_poll(&mut self, poll: &FeedPoll<'_>) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sqlite = |operation: &'static str| {
            let path = path.clone();
            move |source| StoreError::Sqlite {
                path,
                operation,
                source,
            }
        };
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite("starting to record a feed poll"))?;
        transaction
            .execute(
                "INSERT INTO feeds (url) VALUES (?1) ON CONFLICT (url) DO NOTHING",
                [poll.url],
            )
            .map_err(sqlite("recording a feed"))?;
        match &poll.outcome {
            FeedPollOutcome::Success {
                etag,
                last_modified,
            } => transaction.execute(
                "UPDATE feeds SET etag = ?2, last_modified = ?3, last_polled_at = ?4,
                     last_success_at = ?4, next_poll_at = ?5, consecutive_failures = 0,
                     last_error = NULL
                 WHERE url = ?1",
                (
                    poll.url,
                    etag,
                    last_modified,
                    poll.polled_at,
                    poll.next_poll_at,
                ),
            ),
            FeedPollOutcome::Failure { error } => transaction.execute(
                "UPDATE feeds SET last_polled_at = ?2, next_poll_at = ?3,
                     consecutive_failures = consecutive_failures + 1, last_error = ?4
                 WHERE url = ?1",
                (poll.url, poll.polled_at, poll.next_poll_at, error),
            ),
        }
        .map_err(sqlite("recording a feed poll"))?;
        {
            let mut insert = transaction
                .prepare_cached(
                    "INSERT INTO feed_items (feed_pk, item_key, first_seen_at)
                     SELECT feed_pk, ?2, ?3 FROM feeds WHERE url = ?1
                     ON CONFLICT (feed_pk, item_key) DO NOTHING",
                )
                .map_err(sqlite("recording a feed's items"))?;
            for key in poll.items_read {
                insert
                    .execute((poll.url, key, poll.polled_at))
                    .map_err(sqlite("recording a feed's items"))?;
            }
        }
        transaction
            .commit()
            .map_err(sqlite("committing a feed poll"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = "https://news.example.org/feed.xml";

    fn success(etag: &str) -> FeedPollOutcome {
        FeedPollOutcome::Success {
            etag: Some(etag.to_string()),
            last_modified: Some("Tue, 05 Mar 2024 10:00:00 GMT".to_string()),
        }
    }

    #[test]
    fn a_feed_never_polled_has_no_state_and_no_items() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.feed_poll_state(FEED).unwrap(), None);
        assert!(store.feed_items_read(FEED).unwrap().is_empty());
    }

    #[test]
    fn polls_keep_validators_items_and_count_failures_until_a_success() {
        let mut store = Store::open_in_memory().unwrap();
        let first_items = ["a".to_string(), "b".to_string()];
        store
            .record_feed_poll(&FeedPoll {
                url: FEED,
                polled_at: 100,
                next_poll_at: 1_900,
                outcome: success("\"v1\""),
                items_read: &first_items,
            })
            .unwrap();
        let state = store.feed_poll_state(FEED).unwrap().unwrap();
        assert_eq!(state.etag.as_deref(), Some("\"v1\""));
        assert_eq!(state.next_poll_at, Some(1_900));
        assert_eq!(state.last_success_at, Some(100));

        for (polled_at, n_failures) in [(1_900, 1), (3_700, 2)] {
            store
                .record_feed_poll(&FeedPoll {
                    url: FEED,
                    polled_at,
                    next_poll_at: polled_at + 3_600,
                    outcome: FeedPollOutcome::Failure {
                        error: "HTTP 503".to_string(),
                    },
                    items_read: &[],
                })
                .unwrap();
            let state = store.feed_poll_state(FEED).unwrap().unwrap();
            assert_eq!(state.consecutive_failures, n_failures);
            assert_eq!(state.last_error.as_deref(), Some("HTTP 503"));
            assert_eq!(state.etag.as_deref(), Some("\"v1\""), "validators are kept");
            assert_eq!(state.last_success_at, Some(100));
        }

        let second_items = ["b".to_string(), "c".to_string()];
        store
            .record_feed_poll(&FeedPoll {
                url: FEED,
                polled_at: 7_300,
                next_poll_at: 9_100,
                outcome: success("\"v2\""),
                items_read: &second_items,
            })
            .unwrap();
        let state = store.feed_poll_state(FEED).unwrap().unwrap();
        assert_eq!(state.consecutive_failures, 0);
        assert_eq!(state.last_error, None);
        assert_eq!(state.etag.as_deref(), Some("\"v2\""));
        let mut items: Vec<String> = store.feed_items_read(FEED).unwrap().into_iter().collect();
        items.sort();
        assert_eq!(items, ["a", "b", "c"]);
        assert!(
            store
                .feed_items_read("https://other.example/feed")
                .unwrap()
                .is_empty()
        );
    }
}
