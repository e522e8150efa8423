//! A template language pack: copy this folder to `lang/<bcp47>/`, fill the files, and register it in `crates/lang/src/lib.rs`.

use crate::LanguagePack;

pub static PACK: LanguagePack = LanguagePack {
    code: "xx",
    english_name: "Template",
    ..LanguagePack::EMPTY
};
