//! robots.txt rules per host, cached, with the policy for hosts whose robots.txt cannot be read.
//!
//! The policy follows Google's documented crawler behaviour: a robots.txt answered with a client
//! error (404, 403, 410 and the like) means no rules, so everything is allowed; a server error,
//! 429, a timeout or an unreachable host means the site cannot say what it allows right now, so
//! nothing on it is fetched until the robots.txt is tried again ([`UNAVAILABLE_RETRY_AFTER`]
//! later). Rules that were read are kept for a day. A robots.txt that does not parse is read as
//! no rules, as crawlers do with garbage.

use std::time::{Duration, Instant};

/// The name truce answers to in robots.txt `User-agent` lines.
pub const ROBOTS_AGENT: &str = "truce";

/// The longest robots.txt read; Google reads the first 500 KiB and ignores the rest.
pub(crate) const MAX_ROBOTS_BYTES: u64 = 500 * 1024;

/// How long rules that were read stay in force before robots.txt is fetched again.
pub(crate) const RULES_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// How long a host whose robots.txt could not be read stays off limits before another try.
pub(crate) const UNAVAILABLE_RETRY_AFTER: Duration = Duration::from_secs(10 * 60);

/// The longest `Crawl-delay` honoured; a longer one is read as this, so a site cannot stall a
/// feed poll for hours with one line.
pub(crate) const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// What a host's robots.txt says, as far as truce is concerned.
pub(crate) enum RobotsRules {
    /// No robots.txt (a client error) or no rules for truce: everything may be fetched.
    AllowAll,
    /// The rules read from the file.
    Rules(Box<texting_robots::Robot>),
    /// The file could not be read (server error, 429, timeout, unreachable): nothing may be
    /// fetched for now. The text says why, for the error message.
    Unavailable(String),
}

impl RobotsRules {
    /// The rules in a robots.txt body.
    pub(crate) fn parse(body: &[u8]) -> RobotsRules {
        match texting_robots::Robot::new(ROBOTS_AGENT, body) {
            Ok(robot) => RobotsRules::Rules(Box::new(robot)),
            Err(_) => RobotsRules::AllowAll,
        }
    }

    /// The rules a robots.txt answered with `status` (not 2xx) stands for.
    pub(crate) fn for_status(status: u16) -> RobotsRules {
        if (400..500).contains(&status) && status != 429 {
            RobotsRules::AllowAll
        } else {
            RobotsRules::Unavailable(format!("robots.txt answered HTTP {status}"))
        }
    }

    /// Whether `url` (absolute) may be fetched.
    pub(crate) fn allows(&self, url: &str) -> bool {
        match self {
            RobotsRules::AllowAll => true,
            RobotsRules::Rules(robot) => robot.allowed(url),
            RobotsRules::Unavailable(_) => false,
        }
    }

    /// The `Crawl-delay` the rules ask of truce, capped at [`MAX_CRAWL_DELAY`].
    pub(crate) fn crawl_delay(&self) -> Option<Duration> {
        match self {
            RobotsRules::Rules(robot) => robot
                .delay
                .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
                .map(|seconds| Duration::from_secs_f32(seconds).min(MAX_CRAWL_DELAY)),
            RobotsRules::AllowAll | RobotsRules::Unavailable(_) => None,
        }
    }
}

/// One host's rules and when they were read.
pub(crate) struct CachedRobots {
    pub(crate) rules: RobotsRules,
    pub(crate) read_at: Instant,
}

impl CachedRobots {
    /// Whether the rules may still be used at `now`.
    pub(crate) fn is_fresh(&self, now: Instant) -> bool {
        let lifetime = match self.rules {
            RobotsRules::Unavailable(_) => UNAVAILABLE_RETRY_AFTER,
            RobotsRules::AllowAll | RobotsRules::Rules(_) => RULES_LIFETIME,
        };
        now.saturating_duration_since(self.read_at) < lifetime
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_truce_and_for_everyone_are_applied() {
        let rules = RobotsRules::parse(
            b"User-agent: *\nDisallow: /private/\n\nUser-agent: truce\nDisallow: /archive/\nCrawl-delay: 2\n",
        );
        assert!(rules.allows("https://news.example.org/world/story.html"));
        assert!(!rules.allows("https://news.example.org/archive/2019.html"));
        // A group naming truce replaces the `*` group, as the standard says.
        assert!(rules.allows("https://news.example.org/private/x.html"));
        assert_eq!(rules.crawl_delay(), Some(Duration::from_secs(2)));
        let everyone = RobotsRules::parse(b"User-agent: *\nDisallow: /private/\n");
        assert!(!everyone.allows("https://news.example.org/private/x.html"));
        assert_eq!(everyone.crawl_delay(), None);
    }

    #[test]
    fn client_errors_allow_everything_and_server_errors_nothing() {
        for status in [401, 403, 404, 410] {
            assert!(RobotsRules::for_status(status).allows("https://a.example/x"));
        }
        for status in [429, 500, 503] {
            assert!(!RobotsRules::for_status(status).allows("https://a.example/x"));
        }
    }

    #[test]
    fn an_unreadable_host_is_tried_again_sooner_than_rules_are_refreshed() {
        let now = Instant::now();
        let unavailable = CachedRobots {
            rules: RobotsRules::Unavailable("timeout".to_string()),
            read_at: now,
        };
        let read = CachedRobots {
            rules: RobotsRules::AllowAll,
            read_at: now,
        };
        let later = now + UNAVAILABLE_RETRY_AFTER + Duration::from_secs(1);
        assert!(unavailable.is_fresh(now) && !unavailable.is_fresh(later));
        assert!(read.is_fresh(later));
    }

    #[test]
    fn huge_crawl_delays_are_capped() {
        let rules = RobotsRules::parse(b"User-agent: *\nCrawl-delay: 86400\n");
        assert_eq!(rules.crawl_delay(), Some(MAX_CRAWL_DELAY));
    }
}
