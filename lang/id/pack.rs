//! The Indonesian language pack: declares which files in this folder truce bundles for `id`.

use crate::LanguagePack;

pub static PACK: LanguagePack = LanguagePack {
    code: "id",
    english_name: "Indonesian",
    ..LanguagePack::EMPTY
};
