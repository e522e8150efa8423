//! Careful HTTP(S) GET for truce: public addresses only, size and time limits, redirects followed and checked hop by hop, robots.txt, per-host politeness, retries with backoff, conditional requests.
//!
//! One [`Fetcher`] serves a whole run. It keeps, per host (scheme, name and port), the robots.txt
//! rules and the earliest moment the next request may start, so every caller sharing it is
//! polite together. [`Fetcher::get`] does one logical fetch:
//!
//! 1. the URL must be `http` or `https`; an IP literal outside the public ranges is refused at
//!    once, and a name is checked on the addresses it resolves to (in the client's resolver, so
//!    the check covers the addresses actually connected to);
//! 2. the host's robots.txt is read (once, then cached) and must allow the URL;
//! 3. the request waits its turn for the host, goes out with the truce User-Agent, accepted
//!    encodings and any validators (`If-None-Match`, `If-Modified-Since`);
//! 4. a redirect is not followed by the client but here, so each hop goes through 1–3 again, up
//!    to [`FetchOptions::max_redirects`];
//! 5. a 5xx, a 429 or a timeout is retried with exponential backoff, honouring `Retry-After`;
//! 6. the body is read and decoded (gzip, deflate, brotli) up to [`FetchOptions::max_body_bytes`]
//!    of decoded bytes; a 304 answers [`Fetched::NotModified`].

mod address;
mod decode;
mod robots;

pub use address::is_public_address;
pub use robots::ROBOTS_AGENT;

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use address::{PublicOnlyResolver, RefusedAddress};
use decode::{BodyError, read_decoded_body};
use robots::{CachedRobots, MAX_ROBOTS_BYTES, RobotsRules};
use url::Url;

/// The User-Agent header truce sends: its name and version, so site owners can tell it apart and
/// address it in robots.txt as `truce`.
pub const USER_AGENT: &str = concat!(
    "truce/",
    env!("CARGO_PKG_VERSION"),
    " (news event coder; robots.txt: truce)"
);

/// How many redirects a robots.txt fetch follows before the file counts as missing, as Google's
/// crawler does.
const MAX_ROBOTS_REDIRECTS: u32 = 5;

/// What a [`Fetcher`] may do. The defaults suit polling news sites from a workstation.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Connect to private, loopback, link-local and other non-public addresses. Off by default:
    /// feeds and pages come from the public web, and a link into the local network is refused.
    pub allow_private: bool,
    /// The most bytes of a body kept, counted after decoding.
    pub max_body_bytes: u64,
    /// The longest wait for name resolution plus the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// The longest wait for any one read from the server.
    pub read_timeout: Duration,
    /// The longest one request may take from connecting to the end of the body.
    pub request_timeout: Duration,
    /// The most redirects followed for one fetch.
    pub max_redirects: u32,
    /// The User-Agent header.
    pub user_agent: String,
    /// How many times a 5xx, 429, timeout or dropped connection is retried.
    pub retries: u32,
    /// The first retry waits this long; each further retry waits twice as long as the previous.
    pub backoff_base: Duration,
    /// The longest one retry may wait. A `Retry-After` asking for longer ends the fetch with the
    /// error instead, carrying the wait so a poller can come back later.
    pub max_retry_wait: Duration,
    /// The least time between the starts of two requests to the same host. A robots.txt
    /// `Crawl-delay` for truce raises it for that host.
    pub host_delay: Duration,
    /// Read and obey robots.txt.
    pub respect_robots: bool,
}

impl Default for FetchOptions {
    fn default() -> FetchOptions {
        FetchOptions {
            allow_private: false,
            max_body_bytes: 10 * 1024 * 1024,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(120),
            max_redirects: 5,
            user_agent: USER_AGENT.to_string(),
            retries: 2,
            backoff_base: Duration::from_secs(1),
            max_retry_wait: Duration::from_secs(60),
            host_delay: Duration::from_secs(1),
            respect_robots: true,
        }
    }
}

/// The validators of a representation fetched before, sent back so the server can answer 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` header, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` header, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// A body fetched with status 2xx.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The URL asked for.
    pub requested_url: String,
    /// The URL the body came from, after redirects.
    pub final_url: String,
    pub status: u16,
    /// The `Content-Type` header as sent.
    pub content_type: Option<String>,
    /// The body after undoing its content encoding.
    pub body: Vec<u8>,
    /// The validators to send next time.
    pub validators: Validators,
}

impl Page {
    /// The media type without parameters, lower-cased (`text/html`).
    pub fn media_type(&self) -> Option<String> {
        self.content_type.as_deref().map(|content_type| {
            content_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }

    /// The `charset` parameter of the Content-Type, unquoted.
    pub fn charset(&self) -> Option<&str> {
        let content_type = self.content_type.as_deref()?;
        content_type.split(';').skip(1).find_map(|parameter| {
            let (name, value) = parameter.split_once('=')?;
            name.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| value.trim().trim_matches('"').trim())
        })
    }
}

/// What a fetch gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    Page(Page),
    /// The server answered 304: what was fetched with these validators has not changed.
    NotModified(Validators),
}

/// Why a fetch failed. Every message names the URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    #[error("{url}: not a URL that can be fetched: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error(
        "{url}: refused: {reason}; private, loopback, link-local and unspecified addresses are fetched only when allowed (--allow-private)"
    )]
    PrivateAddress { url: String, reason: String },
    #[error("{url}: robots.txt does not allow truce to fetch this page")]
    DisallowedByRobots { url: String },
    #[error("{url}: not fetched for now: the site's robots.txt cannot be read ({reason})")]
    RobotsUnavailable { url: String, reason: String },
    #[error("{url}: more than {limit} redirects")]
    TooManyRedirects { url: String, limit: u32 },
    #[error("{url}: redirect (HTTP {status}) without a usable Location: {reason}")]
    BadRedirect {
        url: String,
        status: u16,
        reason: String,
    },
    #[error("{url}: the body is larger than the limit of {limit} bytes")]
    BodyTooLarge { url: String, limit: u64 },
    #[error("{url}: HTTP {status}{}", attempts_note(*attempts))]
    Status {
        url: String,
        status: u16,
        /// How long the server asked the client to wait (`Retry-After`).
        retry_after: Option<Duration>,
        attempts: u32,
    },
    #[error("{url}: timed out ({reason}){}", attempts_note(*attempts))]
    Timeout {
        url: String,
        reason: String,
        attempts: u32,
    },
    #[error("{url}: {reason}{}", attempts_note(*attempts))]
    Network {
        url: String,
        reason: String,
        attempts: u32,
    },
    #[error("{url}: the body cannot be decoded: {reason}")]
    Decoding { url: String, reason: String },
}

fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    }
}

impl FetchError {
    /// The URL the error is about.
    pub fn url(&self) -> &str {
        match self {
            FetchError::InvalidUrl { url, .. }
            | FetchError::PrivateAddress { url, .. }
            | FetchError::DisallowedByRobots { url }
            | FetchError::RobotsUnavailable { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::BadRedirect { url, .. }
            | FetchError::BodyTooLarge { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::Network { url, .. }
            | FetchError::Decoding { url, .. } => url,
        }
    }

    /// Whether trying again later may succeed: server errors, 429, timeouts, dropped
    /// connections and unreadable robots.txt, as opposed to answers that will not change.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status == 429 || *status >= 500,
            FetchError::Timeout { .. }
            | FetchError::Network { .. }
            | FetchError::RobotsUnavailable { .. } => true,
            _ => false,
        }
    }

    /// How long the server asked to be left alone, when it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    fn with_attempts(self, n_attempts: u32) -> FetchError {
        match self {
            FetchError::Status {
                url,
                status,
                retry_after,
                ..
            } => FetchError::Status {
                url,
                status,
                retry_after,
                attempts: n_attempts,
            },
            FetchError::Timeout { url, reason, .. } => FetchError::Timeout {
                url,
                reason,
                attempts: n_attempts,
            },
            FetchError::Network { url, reason, .. } => FetchError::Network {
                url,
                reason,
                attempts: n_attempts,
            },
            other => other,
        }
    }
}

/// What one request (one hop) gave.
enum Hop {
    Done(Fetched),
    Redirect(Url),
}

/// Per-host state shared by every fetch through one [`Fetcher`].
#[derive(Default)]
struct HostState {
    /// The earliest moment the next request to this host may start.
    next_request_at: Option<Instant>,
    robots: Option<CachedRobots>,
}

/// An HTTP client that keeps the rules in the module documentation. Cheap to share between
/// threads by reference.
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
    hosts: Mutex<HashMap<String, HostState>>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Fetcher")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Fetcher {
    pub fn new(options: FetchOptions) -> Fetcher {
        let config = ureq::Agent::config_builder()
            // Redirects are followed by `get`, so every hop is checked.
            .max_redirects(0)
            .max_redirects_will_error(false)
            // Status codes are read, not turned into errors.
            .http_status_as_error(false)
            // A proxy would resolve names itself and defeat the address check.
            .proxy(None)
            .user_agent(options.user_agent.as_str())
            // Decoding happens here, under the size limit; ureq is built without its decoders.
            .accept_encoding("gzip, deflate, br")
            .timeout_resolve(Some(options.connect_timeout))
            .timeout_connect(Some(options.connect_timeout))
            .timeout_recv_response(Some(options.read_timeout))
            .timeout_per_read(Some(options.read_timeout))
            .timeout_per_call(Some(options.request_timeout))
            .build();
        let agent = ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::default(),
            PublicOnlyResolver::new(options.allow_private),
        );
        Fetcher {
            agent,
            options,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// GET `url` under every rule in the module documentation. `validators` from an earlier
    /// fetch make the request conditional.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let mut current = self.checked_url(url)?;
        for _ in 0..=self.options.max_redirects {
            if self.options.respect_robots {
                self.check_robots(&current)?;
            }
            match self.get_hop_with_retries(&current, validators, self.options.max_body_bytes)? {
                Hop::Done(Fetched::Page(mut page)) => {
                    page.requested_url = url.to_string();
                    return Ok(Fetched::Page(page));
                }
                Hop::Done(not_modified) => return Ok(not_modified),
                Hop::Redirect(next) => current = self.checked_url(next.as_str())?,
            }
        }
        Err(FetchError::TooManyRedirects {
            url: url.to_string(),
            limit: self.options.max_redirects,
        })
    }

    /// `url` parsed, if it is an http(s) URL whose host is not a refused IP literal.
    fn checked_url(&self, url: &str) -> Result<Url, FetchError> {
        let invalid = |reason: String| FetchError::InvalidUrl {
            url: url.to_string(),
            reason,
        };
        let parsed = Url::parse(url).map_err(|error| invalid(error.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(invalid(format!(
                "the scheme `{}` is not http or https",
                parsed.scheme()
            )));
        }
        let literal = match parsed.host() {
            Some(url::Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
            Some(url::Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
            Some(url::Host::Domain(_)) => None,
            None => return Err(invalid("the URL has no host".to_string())),
        };
        if let Some(address) = literal
            && !self.options.allow_private
            && !is_public_address(address)
        {
            return Err(FetchError::PrivateAddress {
                url: url.to_string(),
                reason: format!("{address} is not a public address"),
            });
        }
        Ok(parsed)
    }

    /// Refuse `url` unless its host's robots.txt allows it; reads robots.txt on first use.
    fn check_robots(&self, url: &Url) -> Result<(), FetchError> {
        if url.path() == "/robots.txt" {
            return Ok(());
        }
        let host = host_key(url);
        let verdict = |rules: &RobotsRules| -> Result<(), FetchError> {
            match rules {
                RobotsRules::Unavailable(reason) => Err(FetchError::RobotsUnavailable {
                    url: url.to_string(),
                    reason: reason.clone(),
                }),
                rules if rules.allows(url.as_str()) => Ok(()),
                _ => Err(FetchError::DisallowedByRobots {
                    url: url.to_string(),
                }),
            }
        };
        {
            let hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(cached) = hosts.get(&host).and_then(|state| state.robots.as_ref())
                && cached.is_fresh(Instant::now())
            {
                return verdict(&cached.rules);
            }
        }
        // The lock is not held while fetching: another thread may read the same file at the
        // same moment, which costs one request and changes nothing.
        let rules = self.read_robots(url)?;
        let result = verdict(&rules);
        let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
        hosts.entry(host).or_default().robots = Some(CachedRobots {
            rules,
            read_at: Instant::now(),
        });
        result
    }

    /// Fetch and read the robots.txt of `url`'s host. Only a refused address is an error (the
    /// page itself would be refused too); every other failure is a [`RobotsRules`] value.
    fn read_robots(&self, url: &Url) -> Result<RobotsRules, FetchError> {
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        for _ in 0..=MAX_ROBOTS_REDIRECTS {
            match self.get_hop_with_retries(&robots_url, &Validators::default(), MAX_ROBOTS_BYTES) {
                Ok(Hop::Done(Fetched::Page(page))) => return Ok(RobotsRules::parse(&page.body)),
                // Nothing was asked conditionally, so a 304 is a server oddity: no rules.
                Ok(Hop::Done(Fetched::NotModified(_))) => return Ok(RobotsRules::AllowAll),
                Ok(Hop::Redirect(next)) => match self.checked_url(next.as_str()) {
                    Ok(next) => robots_url = next,
                    Err(error @ FetchError::PrivateAddress { .. }) => return Err(error),
                    Err(_) => return Ok(RobotsRules::AllowAll),
                },
                Err(FetchError::Status { status, .. }) => {
                    return Ok(RobotsRules::for_status(status));
                }
                Err(FetchError::PrivateAddress { reason, .. }) => {
                    return Err(FetchError::PrivateAddress {
                        url: url.to_string(),
                        reason,
                    });
                }
                // A robots.txt too large is read as far as the limit by Google; here it simply
                // means no rules, which errs on the side of a site that publishes a huge file.
                Err(FetchError::BodyTooLarge { .. }) => return Ok(RobotsRules::AllowAll),
                Err(error) => return Ok(RobotsRules::Unavailable(error.to_string())),
            }
        }
        // Too many redirects: treated as a missing file.
        Ok(RobotsRules::AllowAll)
    }

    /// One hop, retried on transient failures with exponential backoff.
    fn get_hop_with_retries(
        &self,
        url: &Url,
        validators: &Validators,
        body_limit: u64,
    ) -> Result<Hop, FetchError> {
        let mut n_attempts = 0;
        loop {
            n_attempts += 1;
            self.wait_for_turn(url);
            let error = match self.get_hop(url, validators, body_limit) {
                Ok(hop) => return Ok(hop),
                Err(error) => error,
            };
            let retries_left = n_attempts <= self.options.retries;
            if !error.is_transient() || !retries_left {
                return Err(error.with_attempts(n_attempts));
            }
            let backoff = self
                .options
                .backoff_base
                .saturating_mul(1 << (n_attempts - 1).min(16));
            let wait = backoff.max(error.retry_after().unwrap_or_default());
            if wait > self.options.max_retry_wait {
                return Err(error.with_attempts(n_attempts));
            }
            std::thread::sleep(wait);
        }
    }

    /// Sleep until `url`'s host may be asked again, and book the next slot.
    fn wait_for_turn(&self, url: &Url) {
        let host = host_key(url);
        let wait = {
            let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
            let state = hosts.entry(host).or_default();
            let delay = state
                .robots
                .as_ref()
                .and_then(|cached| cached.rules.crawl_delay())
                .map_or(self.options.host_delay, |crawl_delay| {
                    crawl_delay.max(self.options.host_delay)
                });
            let now = Instant::now();
            let start = state.next_request_at.map_or(now, |next| next.max(now));
            state.next_request_at = Some(start + delay);
            start.saturating_duration_since(now)
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    /// One request, without retries or redirects.
    fn get_hop(
        &self,
        url: &Url,
        validators: &Validators,
        body_limit: u64,
    ) -> Result<Hop, FetchError> {
        let mut request = self.agent.get(url.as_str());
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag.as_str());
        }
        if let Some(last_modified) = &validators.last_modified {
            request = request.header("If-Modified-Since", last_modified.as_str());
        }
        let response = request
            .call()
            .map_err(|error| client_error(url.as_str(), error))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string)
        };
        let sent_validators = Validators {
            etag: header("ETag"),
            last_modified: header("Last-Modified"),
        };
        match status {
            200..=299 => {
                let content_type = header("Content-Type");
                let content_encoding = header("Content-Encoding");
                let too_large = || FetchError::BodyTooLarge {
                    url: url.to_string(),
                    limit: body_limit,
                };
                let declared_length =
                    header("Content-Length").and_then(|length| length.trim().parse::<u64>().ok());
                if declared_length.is_some_and(|length| length > body_limit) {
                    return Err(too_large());
                }
                let raw = response.into_body().into_reader();
                let body = read_decoded_body(raw, content_encoding.as_deref(), body_limit)
                    .map_err(|error| match error {
                        BodyError::TooLarge => too_large(),
                        BodyError::UnknownEncoding(coding) => FetchError::Decoding {
                            url: url.to_string(),
                            reason: format!("unknown content encoding `{coding}`"),
                        },
                        // Bytes that do not decode are the server's fault and will not change;
                        // anything else went wrong on the way.
                        BodyError::Read(io)
                            if matches!(
                                io.kind(),
                                ErrorKind::InvalidData | ErrorKind::InvalidInput
                            ) =>
                        {
                            FetchError::Decoding {
                                url: url.to_string(),
                                reason: io.to_string(),
                            }
                        }
                        BodyError::Read(io) => body_read_error(url.as_str(), io),
                    })?;
                Ok(Hop::Done(Fetched::Page(Page {
                    requested_url: url.to_string(),
                    final_url: url.to_string(),
                    status,
                    content_type,
                    body,
                    validators: sent_validators,
                })))
            }
            304 => Ok(Hop::Done(Fetched::NotModified(Validators {
                etag: sent_validators.etag.or_else(|| validators.etag.clone()),
                last_modified: sent_validators
                    .last_modified
                    .or_else(|| validators.last_modified.clone()),
            }))),
            301 | 302 | 303 | 307 | 308 => {
                let bad_redirect = |reason: String| FetchError::BadRedirect {
                    url: url.to_string(),
                    status,
                    reason,
                };
                let location =
                    header("Location").ok_or_else(|| bad_redirect("no Location".to_string()))?;
                let next = url
                    .join(&location)
                    .map_err(|error| bad_redirect(format!("`{location}`: {error}")))?;
                Ok(Hop::Redirect(next))
            }
            _ => Err(FetchError::Status {
                url: url.to_string(),
                status,
                retry_after: header("Retry-After")
                    .and_then(|value| parse_retry_after(&value, SystemTime::now())),
                attempts: 1,
            }),
        }
    }
}

/// The key politeness and robots.txt are kept under: scheme, host and port.
fn host_key(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// A `Retry-After` value, in seconds or as an HTTP date, as a wait from `now`.
fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The client's error for a request that got no response, as a [`FetchError`] for `url`.
fn client_error(url: &str, error: ureq::Error) -> FetchError {
    match error {
        ureq::Error::Io(io) => {
            if let Some(refused) = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<RefusedAddress>())
            {
                return FetchError::PrivateAddress {
                    url: url.to_string(),
                    reason: refused.to_string(),
                };
            }
            body_read_error(url, io)
        }
        ureq::Error::Timeout(which) => FetchError::Timeout {
            url: url.to_string(),
            reason: which.to_string(),
            attempts: 1,
        },
        ureq::Error::BadUri(reason) => FetchError::InvalidUrl {
            url: url.to_string(),
            reason,
        },
        ureq::Error::HostNotFound => FetchError::Network {
            url: url.to_string(),
            reason: "the host name does not resolve".to_string(),
            attempts: 1,
        },
        other => FetchError::Network {
            url: url.to_string(),
            reason: other.to_string(),
            attempts: 1,
        },
    }
}

/// An I/O error while connecting or reading, as a timeout or a network error.
fn body_read_error(url: &str, io: std::io::Error) -> FetchError {
    // ureq reports its own timeouts inside I/O errors while a body is read.
    let is_timeout = matches!(io.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock)
        || io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<ureq::Error>())
            .is_some_and(|inner| matches!(inner, ureq::Error::Timeout(_)));
    if is_timeout {
        FetchError::Timeout {
            url: url.to_string(),
            reason: io.to_string(),
            attempts: 1,
        }
    } else {
        FetchError::Network {
            url: url.to_string(),
            reason: io.to_string(),
            attempts: 1,
        }
    }
}

#[cfg(test)]
mod tests;
