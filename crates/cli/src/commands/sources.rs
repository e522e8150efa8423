//! Every document named on a command line: URLs through the fetcher, WARC archives through `truce_web`, the rest through `truce_sources`.
//!
//! `truce ingest` and `truce extract` read their arguments the same way, so what one of them
//! accepts the other accepts too.

use std::path::{Path, PathBuf};
use truce_core::Diagnostic;
use truce_sources::RawDocument;

/// The documents under `paths`, in order. A folder gives its text, JSON Lines and HTML files
/// (through `truce_sources`, recursively), then the HTML pages of the WARC archives anywhere
/// under it, then the items of its feed files, each in sorted path order, so that `truce ingest
/// crawl/` reads a folder of CC-NEWS files. A named file that holds a feed gives its items.
pub fn read_all_sources<'a>(
    paths: &'a [PathBuf],
    fetcher: &'a truce_fetch::Fetcher,
) -> impl Iterator<Item = Result<RawDocument, Diagnostic>> + 'a {
    paths.iter().flat_map(
        move |path| -> Box<dyn Iterator<Item = Result<RawDocument, Diagnostic>> + 'a> {
            if let Some(url) = super::web_input::url_argument(path) {
                Box::new(super::web_input::url_documents(fetcher, url))
            } else if path.is_dir() {
                let archives = warc_files_under(path);
                let feeds = feed_files_under(path);
                Box::new(
                    truce_sources::read_sources(std::slice::from_ref(path))
                        .chain(
                            archives
                                .into_iter()
                                .flat_map(|archive| truce_web::read_warc_html(&archive)),
                        )
                        .chain(feeds.into_iter().flat_map(move |feed_path| {
                            // Read when the walk reaches it, so a folder of feeds is never
                            // held in memory at once.
                            let feed = super::web_input::read_feed_file(&feed_path);
                            let origin = feed_path.to_string_lossy().into_owned();
                            feed.map(|bytes| {
                                super::web_input::feed_file_documents(fetcher, origin, &bytes)
                            })
                            .into_iter()
                            .flatten()
                        })),
                )
            // Anything but a folder: a named pipe or a missing file is reported by the reader.
            } else if truce_web::is_warc_path(path) {
                Box::new(truce_web::read_warc_html(path))
            } else if let Some(feed) = super::web_input::may_be_feed_file(path)
                .then(|| super::web_input::read_feed_file(path))
                .flatten()
            {
                let origin = path.to_string_lossy().into_owned();
                super::web_input::feed_file_documents(fetcher, origin, &feed)
            } else {
                Box::new(truce_sources::read_sources(std::slice::from_ref(path)))
            }
        },
    )
}

/// What to tell the user about how a document was read, when it was not plain UTF-8: the
/// encoding was a guess or a declaration, and a wrong one garbles names, so it is said once per
/// file on standard error rather than assumed silently.
pub fn encoding_note(document: &RawDocument) -> Option<String> {
    document
        .decoded_from
        .map(|encoding| format!("note: {}: read as {encoding}, not UTF-8", document.origin))
}

/// About how many bytes of documents `paths` name: the sizes of the files, and of the files
/// anywhere under the folders. URLs and standard input count nothing, since their size is not
/// known before they are read. `truce ingest` uses it to judge whether the ingest is large
/// beside the store.
pub fn local_input_bytes(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .filter(|path| super::web_input::url_argument(path).is_none())
        .map(|path| {
            if path.is_dir() {
                visible_files_under(path)
                    .iter()
                    .filter_map(|file| std::fs::metadata(file).ok())
                    .map(|metadata| metadata.len())
                    .sum()
            } else {
                std::fs::metadata(path)
                    .ok()
                    .filter(std::fs::Metadata::is_file)
                    .map_or(0, |metadata| metadata.len())
            }
        })
        .sum()
}

/// The WARC archives (`.warc`, `.warc.gz`) anywhere under `folder`, sorted.
fn warc_files_under(folder: &Path) -> Vec<PathBuf> {
    let mut archives = visible_files_under(folder);
    archives.retain(|path| truce_web::is_warc_path(path));
    archives.sort();
    archives
}

/// The files anywhere under `folder` whose names say they may be feeds (`.rss`, `.atom`,
/// `.xml`, `.json`, `.rdf`), sorted. Those that turn out to hold no feed (sitemaps, data) are
/// passed over when read, as the folder walk passes over files it cannot read.
fn feed_files_under(folder: &Path) -> Vec<PathBuf> {
    let mut candidates = visible_files_under(folder);
    candidates.retain(|path| super::web_input::may_be_feed_file(path));
    candidates.sort();
    candidates
}

/// The files anywhere under `folder`, in no particular order; hidden files and folders are
/// skipped, as `truce_sources` skips them. A folder that cannot be listed is skipped here:
/// `truce_sources` reports it when it walks the same folder.
fn visible_files_under(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
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
            } else {
                files.push(path);
            }
        }
    }
    files
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

    #[test]
    fn input_bytes_add_up_files_and_visible_folder_contents_but_not_urls_or_stdin() {
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path();
        std::fs::create_dir_all(root.join("crawl/2024")).unwrap();
        std::fs::create_dir_all(root.join("crawl/.cache")).unwrap();
        std::fs::write(root.join("one.jsonl"), [b'x'; 100]).unwrap();
        std::fs::write(root.join("crawl/a.txt"), [b'x'; 20]).unwrap();
        std::fs::write(root.join("crawl/2024/b.html"), [b'x'; 3]).unwrap();
        std::fs::write(root.join("crawl/.cache/hidden.txt"), [b'x'; 1000]).unwrap();
        let paths = [
            root.join("one.jsonl"),
            root.join("crawl"),
            root.join("missing.txt"),
            PathBuf::from("-"),
            PathBuf::from("https://example.org/feed.xml"),
        ];
        assert_eq!(local_input_bytes(&paths), 123);
    }
}
