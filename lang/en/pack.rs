//! The English language pack: declares which files in this folder truce bundles for `en`.

use crate::LanguagePack;

pub static PACK: LanguagePack = LanguagePack {
    code: "en",
    english_name: "English",
    ..LanguagePack::EMPTY
};
