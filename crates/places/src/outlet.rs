//! The country an outlet publishes from, when its address says so (a country-code top-level
//! domain such as `.id`, `.co.id`, `.com.co`, `.es`).
//!
//! Only domains that outlets of that country use are read as the country: `.co`, `.tv`, `.io`,
//! `.me`, `.fm`, `.ai` and the like are sold to anyone and say nothing.

/// Country-code domains used as generic ones, which name no country.
const GENERIC_COUNTRY_DOMAINS: &[&str] = &[
    "ai", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "ms", "nu", "sh", "so", "st", "to", "tv",
    "vc", "ws", "eu", "su",
];

/// Second-level domains country registries keep for their own companies and bodies.
const REGISTRY_SECOND_LEVELS: &[&str] = &[
    "ac", "co", "com", "edu", "go", "gob", "gov", "mil", "net", "or", "org", "web",
];

/// The ISO 3166-1 alpha-2 code of the country the URL's domain belongs to, upper case.
pub fn outlet_country_alpha2(url: &str) -> Option<String> {
    let host = truce_core::url::url_host(url);
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return None;
    }
    let top = labels[labels.len() - 1].to_ascii_lowercase();
    if top.len() != 2 || !top.bytes().all(|byte| byte.is_ascii_alphabetic()) {
        return None;
    }
    // Under a second-level domain of the registry ("com.co", "go.id"), even a domain sold
    // to anyone is the country's own.
    let under_registry_level = labels.len() >= 3
        && REGISTRY_SECOND_LEVELS.contains(&labels[labels.len() - 2].to_ascii_lowercase().as_str());
    if GENERIC_COUNTRY_DOMAINS.contains(&top.as_str()) && !under_registry_level {
        return None;
    }
    // The United Kingdom's domain is not its ISO code.
    let alpha2 = if top == "uk" {
        "GB".to_string()
    } else {
        top.to_ascii_uppercase()
    };
    Some(alpha2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_domains_give_their_country_and_generic_ones_nothing() {
        assert_eq!(
            outlet_country_alpha2("https://news.detik.com.id/berita/1").as_deref(),
            Some("ID")
        );
        assert_eq!(
            outlet_country_alpha2("https://www.eltiempo.com.co/x").as_deref(),
            Some("CO")
        );
        assert_eq!(
            outlet_country_alpha2("http://bbc.co.uk/news").as_deref(),
            Some("GB")
        );
        assert_eq!(
            outlet_country_alpha2("https://elpais.es").as_deref(),
            Some("ES")
        );
        assert_eq!(
            outlet_country_alpha2("https://thanhnien.vn/a.htm").as_deref(),
            Some("VN")
        );
        assert_eq!(outlet_country_alpha2("https://example.co/x"), None);
        assert_eq!(outlet_country_alpha2("https://reuters.com/world"), None);
        assert_eq!(outlet_country_alpha2("not a url"), None);
        assert_eq!(
            outlet_country_alpha2("https://user@host.de:8080/"),
            Some("DE".into())
        );
    }
}
