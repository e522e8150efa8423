//! The options every command that fetches from the web shares: private addresses, politeness, retries, timeouts.

use std::time::Duration;

use truce_fetch::{FetchOptions, Fetcher};

#[derive(clap::Args)]
pub struct WebArgs {
    /// Fetch from private, loopback and link-local addresses (your own network, localhost). Off by
    /// default, so a feed cannot point truce at machines behind your firewall.
    #[arg(long)]
    pub allow_private: bool,
    /// Seconds between two requests to the same host (a robots.txt Crawl-delay can raise it).
    #[arg(long, value_name = "SECONDS", default_value_t = 1.0, value_parser = parse_seconds)]
    pub host_delay: f64,
    /// How many times a request that failed with a server error, 429 or a timeout is retried,
    /// waiting 1, 2, 4… seconds (or what Retry-After asks, up to a minute).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub retries: u32,
    /// Seconds to wait for a connection, and for each read from the server.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = parse_seconds)]
    pub timeout: f64,
    /// The largest page or feed kept, in bytes after decompression (at least 1: a limit of 0
    /// would refuse every page).
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_page_bytes: u64,
}

impl WebArgs {
    pub fn fetcher(&self) -> Fetcher {
        let timeout = Duration::from_secs_f64(self.timeout);
        Fetcher::new(FetchOptions {
            allow_private: self.allow_private,
            host_delay: Duration::from_secs_f64(self.host_delay),
            retries: self.retries,
            connect_timeout: timeout,
            read_timeout: timeout,
            max_body_bytes: self.max_page_bytes,
            ..FetchOptions::default()
        })
    }
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && (0.0..=86_400.0).contains(&seconds) => Ok(seconds),
        _ => Err(format!(
            "`{text}` is not a number of seconds between 0 and 86400"
        )),
    }
}
