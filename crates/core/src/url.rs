//! The host of a web address, read without a URL parser: what outlet and country rules need.

/// The host of `url` as written, without scheme, user, port or a trailing dot; empty when
/// there is none. `https://user@www.Example.org:8080/a?b` gives `www.Example.org`.
pub fn url_host(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
    let host_and_port = authority.rsplit('@').next().unwrap_or("");
    host_and_port
        .split(':')
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::url_host;

    #[test]
    fn hosts_come_without_scheme_user_port_or_path() {
        assert_eq!(
            url_host("https://user@www.Example.org:8080/a?b"),
            "www.Example.org"
        );
        assert_eq!(url_host("news.example./x"), "news.example");
        assert_eq!(url_host(""), "");
    }
}
