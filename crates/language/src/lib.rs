//! Language identification: the BCP 47 primary tag of a text and how sure the guess is, using whatlang.
//!
//! whatlang knows 70 languages, Indonesian among them but not Malay, so Malay text comes out as
//! Indonesian (the closest language it has), which is what truce wants until it has a Malay pack.
//! `crates/language/LANGUAGE_ID.md` records how accurate and fast this is on English, Indonesian
//! and Spanish text, short and long, and how to reproduce the measurement.

use whatlang::{Detector, Lang};

/// Texts shorter than this many letters carry too little evidence for a guess.
const MIN_LETTERS: usize = 3;

/// The language of `text` as a BCP 47 primary tag (`en`, `id`, `es`, …) with whatlang's confidence
/// in `0.0..=1.0`, or `None` when the text has too few letters or whatlang cannot tell.
pub fn identify(text: &str) -> Option<(String, f64)> {
    identify_with(&Detector::new(), text)
}

/// The same as `identify`, restricted to the given BCP 47 tags. Tags whatlang does not know are
/// ignored; `None` if none is known.
pub fn identify_among(text: &str, allowed_tags: &[&str]) -> Option<(String, f64)> {
    let allowed: Vec<Lang> = allowed_tags
        .iter()
        .filter_map(|tag| lang_for_tag(tag))
        .collect();
    if allowed.is_empty() {
        return None;
    }
    identify_with(&Detector::with_allowlist(allowed), text)
}

fn identify_with(detector: &Detector, text: &str) -> Option<(String, f64)> {
    if text
        .chars()
        .filter(|character| character.is_alphabetic())
        .take(MIN_LETTERS)
        .count()
        < MIN_LETTERS
    {
        return None;
    }
    let info = detector.detect(text)?;
    Some((tag_for_lang(info.lang()).to_string(), info.confidence()))
}

/// The BCP 47 primary tag of a whatlang language: ISO 639-1 where the language has one.
pub fn tag_for_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

/// The whatlang language for a BCP 47 tag, matching on its primary subtag (`es-419` → Spanish).
pub fn lang_for_tag(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    Lang::all()
        .iter()
        .copied()
        .find(|lang| tag_for_lang(*lang) == primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whatlang_language_has_a_distinct_tag_that_maps_back() {
        let mut tags: Vec<&str> = Lang::all().iter().map(|lang| tag_for_lang(*lang)).collect();
        for lang in Lang::all() {
            assert_eq!(lang_for_tag(tag_for_lang(*lang)), Some(*lang));
        }
        tags.sort();
        tags.dedup();
        assert_eq!(tags.len(), Lang::all().len());
    }

    #[test]
    fn our_languages_are_identified_in_a_sentence() {
        let cases = [
            (
                "Pasukan penjaga perdamaian Rusia telah menyelesaikan penarikan dari wilayah tersebut.",
                "id",
            ),
            (
                "The European Union criticized the government and warned that the law could halt the process.",
                "en",
            ),
            (
                "El Gobierno de Colombia y la guerrilla firmaron un acuerdo de cese al fuego bilateral.",
                "es",
            ),
        ];
        for (text, expected) in cases {
            let (tag, confidence) = identify(text).unwrap();
            assert_eq!(tag, expected, "{text}");
            assert!((0.0..=1.0).contains(&confidence));
        }
    }

    #[test]
    fn text_without_letters_has_no_language() {
        assert_eq!(identify(""), None);
        assert_eq!(identify("12 345 — 2024"), None);
    }

    #[test]
    fn an_allow_list_restricts_the_answer() {
        let text = "Pasukan Rusia ditarik dari wilayah tersebut pada bulan Juni.";
        let (tag, _) = identify_among(text, &["en", "es"]).unwrap();
        assert!(tag == "en" || tag == "es");
        assert_eq!(identify_among(text, &["xx"]), None);
    }
}
