//! Property tests: every reader survives arbitrary text, returning entries or warnings but never panicking.

use proptest::prelude::*;
use truce_dictionaries::{
    Dialect, parse_actors, parse_agents, parse_discards, parse_issues, parse_options, parse_verbs,
};

fn dictionary_like_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[A-Z_ ]{0,20}( \\[[A-Z~<>0-9 -]{0,12}\\])?",
        "- [A-Z_*$+%^&{}|() ]{0,30} \\[[0-9:#-]{0,7}\\]",
        "[+&~!\\t{}<>#;\\[\\]]{0,6}[A-Z0-9_ ]{0,10}",
        "\\PC{0,30}",
    ];
    prop::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn readers_never_panic(text in dictionary_like_text()) {
        for dialect in [Dialect::Tabari, Dialect::Petrarch] {
            let _ = parse_verbs("fuzz", &text, dialect);
            let _ = parse_actors("fuzz", &text, dialect);
            let _ = parse_agents("fuzz", &text, dialect);
        }
        let _ = parse_discards("fuzz", &text);
        let _ = parse_issues("fuzz", &text);
        let _ = parse_options("fuzz", &text);
    }
}
