//! The lookup key of a name: the same for every way news writes it (case, accents, curly
//! apostrophes, hyphens or spaces, periods of abbreviations, repeated spaces), so "Nagorno-Karabakh", "nagorno karabakh"
//! and "Bogotá"/"Bogota" meet in one key.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The normalised form of `text` used for every name lookup.
pub fn name_key(text: &str) -> String {
    if text.is_ascii() {
        ascii_name_key(text)
    } else {
        general_name_key(text)
    }
}

/// [`name_key`] of any text.
fn general_name_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for character in text.nfd() {
        // Periods only mark abbreviations ("U.S.", "St."), which news writes both ways.
        if is_combining_mark(character) || character == '.' {
            continue;
        }
        let character = match character {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '_' => ' ',
            other => other,
        };
        if character.is_whitespace() {
            pending_space = !key.is_empty();
            continue;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        key.extend(character.to_lowercase());
    }
    key
}

/// [`name_key`] of an ASCII text, which has no combining marks to drop and whose decomposed
/// form is itself: most of the words recognition looks up.
fn ascii_name_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for byte in text.bytes() {
        let byte = match byte {
            b'.' => continue,
            b'`' => b'\'',
            b'-' | b'_' => b' ',
            other => other,
        };
        if byte.is_ascii_whitespace() || byte == 0x0b {
            pending_space = !key.is_empty();
            continue;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        key.push(byte.to_ascii_lowercase() as char);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::name_key;
    use proptest::prelude::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        assert_eq!(name_key("Nagorno-Karabakh"), "nagorno karabakh");
        assert_eq!(name_key("  nagorno   KARABAKH "), "nagorno karabakh");
        assert_eq!(name_key("Bogotá"), name_key("Bogota"));
        assert_eq!(name_key("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(name_key("Київ"), "киів");
        assert_eq!(name_key("Hà Nội"), "ha noi");
        assert_eq!(name_key("U.S."), name_key("US"));
    }

    proptest! {
        #[test]
        fn the_ascii_shortcut_gives_the_general_key(text in "[ -~\t\n\x0b\x0c\r]{0,40}") {
            prop_assert_eq!(super::ascii_name_key(&text), super::general_name_key(&text));
        }

        #[test]
        fn a_key_is_its_own_key(text in "\\PC{0,40}") {
            let once = name_key(&text);
            prop_assert_eq!(name_key(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' '));
        }
    }
}
