//! Per-language abbreviation lists (`lang/<code>/abbreviations.txt`), parsed once and shared.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The abbreviations of one language (or of all of them), each written with its final full stop.
#[derive(Debug, Default)]
pub struct Abbreviations {
    entries: HashSet<&'static str>,
}

impl Abbreviations {
    /// Parse an `abbreviations.txt`: one entry per line, `#` comments and blank lines ignored.
    pub fn parse(text: &'static str) -> Abbreviations {
        let mut abbreviations = Abbreviations::default();
        abbreviations.extend_from(text);
        abbreviations
    }

    fn extend_from(&mut self, text: &'static str) {
        self.entries.extend(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#')),
        );
    }

    /// Whether `word_with_stop` (for example `Gen.`) is a listed abbreviation; case-sensitive.
    pub fn contains(&self, word_with_stop: &str) -> bool {
        self.entries.contains(word_with_stop)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

struct AbbreviationTables {
    by_pack_code: HashMap<&'static str, Abbreviations>,
    /// Every pack's entries together, for text whose language has no pack.
    all_languages: Abbreviations,
}

fn tables() -> &'static AbbreviationTables {
    static TABLES: OnceLock<AbbreviationTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut all_languages = Abbreviations::default();
        let mut by_pack_code = HashMap::new();
        for pack in truce_lang::all_packs() {
            all_languages.extend_from(pack.abbreviations);
            by_pack_code.insert(pack.code, Abbreviations::parse(pack.abbreviations));
        }
        AbbreviationTables {
            by_pack_code,
            all_languages,
        }
    })
}

/// The abbreviations for a BCP 47 tag (`id-ID` uses `id`); every pack's together when the
/// language has no pack.
pub fn abbreviations_for(lang: &str) -> &'static Abbreviations {
    let tables = tables();
    truce_lang::pack(lang)
        .and_then(|pack| tables.by_pack_code.get(pack.code))
        .unwrap_or(&tables.all_languages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_not_entries() {
        let abbreviations = Abbreviations::parse("# titles\nDr.\n\n  Sr.  \n");
        assert_eq!(abbreviations.len(), 2);
        assert!(abbreviations.contains("Dr.") && abbreviations.contains("Sr."));
        assert!(!abbreviations.contains("dr."));
    }

    #[test]
    fn every_bundled_list_is_well_formed_and_a_language_without_a_pack_gets_them_all() {
        for pack in truce_lang::all_packs() {
            let abbreviations = abbreviations_for(pack.code);
            assert!(
                abbreviations.len() >= 20,
                "{} has too few abbreviations",
                pack.code
            );
            for line in pack.abbreviations.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                assert!(
                    line.ends_with('.'),
                    "{}: `{line}` lacks its full stop",
                    pack.code
                );
                assert!(
                    !line.contains(char::is_whitespace),
                    "{}: `{line}` has a space",
                    pack.code
                );
            }
        }
        assert!(abbreviations_for("en").contains("Sen."));
        assert!(abbreviations_for("id").contains("Kol."));
        assert!(abbreviations_for("es-MX").contains("Sra."));
        let unknown = abbreviations_for("xx");
        assert!(unknown.contains("Sen.") && unknown.contains("Kol.") && unknown.contains("Sra."));
    }
}
