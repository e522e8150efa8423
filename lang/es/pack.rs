//! The Spanish language pack: declares which files in this folder truce bundles for `es`.

use crate::LanguagePack;

pub static PACK: LanguagePack = LanguagePack {
    code: "es",
    english_name: "Spanish",
    ..LanguagePack::EMPTY
};
