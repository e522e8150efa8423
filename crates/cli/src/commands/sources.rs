//! Every document named on a command line: URLs through the fetcher, WARC archives through `truce_web`, the rest through `truce_sources`.
//!
//! `truce ingest` and `truce extract` read their arguments the same way, so what one of them
//! accepts the other accepts too.

use std::path::{Path, PathBuf};
use truce_core::Diagnostic;
use truce_sources::RawDocument;

/// The documents under `paths`, in order. A folder gives its text, JSON Lines and HTML files
/// (through `truce_sources`, recursively) and then the HTML pages of the WARC archives anywhere
/// under it, in sorted path order, so that `truce ingest crawl/` reads a folder of CC-NEWS files.
pub fn read_all_sources<'a>(
    paths: &'a [PathBuf],
    fetcher: &'a truce_fetch::Fetcher,
) -> impl Iterator<Item = Result<RawDocument, Diagnostic>> + 'a {
    paths.iter().flat_map(
        |path| -> Box<dyn Iterator<Item = Result<RawDocument, Diagnostic>> + 'a> {
            if let Some(url) = super::web_input::url_argument(path) {
                Box::new(super::web_input::url_documents(fetcher, url))
            } else if path.is_dir() {
                let archives = warc_files_under(path);
                Box::new(
                    truce_sources::read_sources(std::slice::from_ref(path)).chain(
                        archives
                            .into_iter()
                            .flat_map(|archive| truce_web::read_warc_html(&archive)),
                    ),
                )
            // Anything but a folder: a named pipe or a missing file is reported by the reader.
            } else if truce_web::is_warc_path(path) {
                Box::new(truce_web::read_warc_html(path))
            } else {
                Box::new(truce_sources::read_sources(std::slice::from_ref(path)))
            }
        },
    )
}

/// The WARC archives (`.warc`, `.warc.gz`) anywhere under `folder`, sorted; hidden files and
/// folders are skipped, as `truce_sources` skips them. A folder that cannot be listed is
/// skipped here: `truce_sources` reports it when it walks the same folder.
fn warc_files_under(folder: &Path) -> Vec<PathBuf> {
    let mut archives = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if truce_web::is_warc_path(&path) {
                archives.push(path);
            }
        }
    }
    archives.sort();
    archives
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_are_found_at_any_depth_in_sorted_order_and_hidden_ones_skipped() {
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path();
        std::fs::create_dir_all(root.join("2024/03")).unwrap();
        std::fs::create_dir_all(root.join(".cache")).unwrap();
        for name in [
            "2024/03/b.warc.gz",
            "2024/a.warc",
            "notes.txt",
            ".cache/c.warc",
            ".hidden.warc",
        ] {
            std::fs::write(root.join(name), b"").unwrap();
        }
        assert_eq!(
            warc_files_under(root),
            vec![root.join("2024/03/b.warc.gz"), root.join("2024/a.warc")]
        );
    }
}
