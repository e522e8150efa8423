//! Builds the gazetteer's index from the compressed tables in `data/` at compile time, so the
//! binary carries it ready to read and no run decompresses or parses the tables.

// The build script compiles the library's own table reader, name keys and index writer, so
// the index it writes is exactly what `Gazetteer::from_tables` would build at run time.
#[allow(dead_code)]
#[path = "src/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/index.rs"]
mod index;
#[allow(dead_code)]
#[path = "src/key.rs"]
mod key;
#[allow(dead_code)]
#[path = "src/kinds.rs"]
mod kinds;
#[allow(dead_code)]
#[path = "src/table.rs"]
mod table;

type EntryId = u32;

use std::io::Read;
use std::path::{Path, PathBuf};

const TABLES: [&str; 4] = ["entries", "names", "demonyms", "country_codes"];

fn gunzip(path: &Path) -> Result<String, String> {
    let compressed =
        std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .read_to_string(&mut text)
        .map_err(|error| format!("cannot decompress {}: {error}", path.display()))?;
    Ok(text)
}

fn main() -> Result<(), String> {
    let data =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?).join("data");
    for module in ["error", "index", "key", "kinds", "table"] {
        println!("cargo::rerun-if-changed=src/{module}.rs");
    }
    let mut texts = Vec::new();
    for table in TABLES {
        let path = data.join(format!("{table}.tsv.gz"));
        println!("cargo::rerun-if-changed={}", path.display());
        texts.push(gunzip(&path)?);
    }
    let built = index::build(&texts[0], &texts[1], &texts[2], &texts[3])
        .map_err(|error| error.to_string())?;
    let out =
        PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?).join("gazetteer.index");
    std::fs::write(&out, built).map_err(|error| format!("cannot write {}: {error}", out.display()))
}
