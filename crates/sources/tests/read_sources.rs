//! End-to-end reading of files and folders: formats, order, ids, and bad inputs that must not stop a batch.

use std::path::PathBuf;

use proptest::prelude::*;
use truce_sources::{DocumentKind, RawDocument, read_jsonl_reader, read_sources};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/examples/karabakh-withdrawal.id.txt"
);

fn summarise(items: Vec<Result<RawDocument, truce_core::Diagnostic>>) -> Vec<String> {
    items
        .into_iter()
        .map(|item| match item {
            Ok(document) => format!("{:?} {}", document.kind, document.id),
            Err(diagnostic) => format!("error {diagnostic}"),
        })
        .collect()
}

#[test]
fn the_seed_is_one_text_document_named_after_its_file() {
    let documents: Vec<_> = read_sources(&[PathBuf::from(SEED)]).collect();
    assert_eq!(documents.len(), 1);
    let document = documents.into_iter().next().unwrap().unwrap();
    assert_eq!(document.id, "karabakh-withdrawal.id");
    assert_eq!(document.kind, DocumentKind::Text);
    assert_eq!(document.origin, SEED);
    assert!(document.text.contains("Sumber: https://thanhnien.vn/"));
}

#[test]
fn folders_are_walked_recursively_in_sorted_order_and_bad_files_do_not_stop_the_walk() {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path();
    std::fs::create_dir(root.join("b-sub")).unwrap();
    std::fs::write(root.join("b-sub/inner.txt"), "Inner text.").unwrap();
    std::fs::write(root.join("a.txt"), "First text.").unwrap();
    std::fs::write(
        root.join("c.jsonl"),
        "{\"id\": \"r1\", \"text\": \"one\"}\nnot json\n{\"id\": \"r2\", \"text\": \"two\"}\n",
    )
    .unwrap();
    std::fs::write(root.join("d.html"), "<p>Halo</p>").unwrap();
    std::fs::write(root.join("e.txt"), b"\x89PNG\r\n\x1a\n\x00\x00").unwrap();
    std::fs::write(root.join("f.txt"), "").unwrap();
    std::fs::write(root.join("g.txt"), b"caf\xe9\n").unwrap();
    std::fs::write(root.join("notes.md"), "skipped inside folders").unwrap();
    std::fs::write(root.join(".hidden.txt"), "skipped").unwrap();

    let summary = summarise(read_sources(&[root.to_path_buf()]).collect());
    let origin = |name: &str| root.join(name).to_string_lossy().into_owned();
    assert_eq!(summary.len(), 9, "{summary:#?}");
    assert_eq!(summary[0], "Text a");
    assert_eq!(summary[1], "Text inner");
    assert_eq!(summary[2], "JsonRecord r1");
    assert!(summary[3].starts_with(&format!("error {}:2: malformed JSON", origin("c.jsonl"))));
    assert_eq!(summary[4], "JsonRecord r2");
    assert_eq!(summary[5], "Html d");
    assert!(summary[6].starts_with(&format!("error {}: binary data", origin("e.txt"))));
    assert_eq!(
        summary[7],
        format!("error {}: empty file: no text to read", origin("f.txt"))
    );
    // Bytes that are not UTF-8 are read in the encoding they most likely are, not refused.
    assert_eq!(summary[8], "Text g");
}

#[test]
fn text_that_is_not_utf8_is_decoded_and_says_which_encoding_it_was_read_as() {
    let folder = tempfile::tempdir().unwrap();
    let latin = folder.path().join("latin.txt");
    std::fs::write(
        &latin,
        b"La polic\xeda detuvo a los manifestantes en Bogot\xe1.\n",
    )
    .unwrap();
    let documents: Vec<_> = read_sources(&[latin]).collect();
    let document = documents.into_iter().next().unwrap().unwrap();
    assert_eq!(
        document.text.trim(),
        "La polic\u{ed}a detuvo a los manifestantes en Bogot\u{e1}."
    );
    assert_eq!(document.decoded_from, Some("windows-1252"));
}

#[test]
fn named_files_are_read_whatever_their_extension_and_missing_paths_are_reported() {
    let folder = tempfile::tempdir().unwrap();
    let named = folder.path().join("article");
    std::fs::write(&named, "Plain text without an extension.").unwrap();
    let missing = folder.path().join("missing.txt");
    let compressed = folder.path().join("page.html.gz");
    std::fs::write(
        &compressed,
        gzip(b"<html><body><p>Halo dunia</p></body></html>"),
    )
    .unwrap();
    let truncated = folder.path().join("broken.txt.gz");
    std::fs::write(&truncated, &gzip(b"Some text that is cut short.")[..12]).unwrap();
    let summary =
        summarise(read_sources(&[missing.clone(), named, compressed, truncated.clone()]).collect());
    assert_eq!(summary.len(), 4, "{summary:#?}");
    assert_eq!(
        summary[0],
        format!("error {}: no such file or folder", missing.display())
    );
    assert_eq!(summary[1], "Text article");
    // The inner extension decides the format, and the id loses both extensions.
    assert_eq!(summary[2], "Html page");
    assert!(
        summary[3].starts_with(&format!(
            "error {}: cannot read: corrupt gzip data",
            truncated.display()
        )),
        "{}",
        summary[3]
    );
}

#[test]
fn gzip_compressed_json_lines_are_read_record_by_record() {
    let folder = tempfile::tempdir().unwrap();
    let compressed = folder.path().join("batch.jsonl.gz");
    let records = "{\"id\": \"r1\", \"text\": \"one\"}\n{\"id\": \"r2\", \"text\": \"two\"}\n";
    std::fs::write(&compressed, gzip(records.as_bytes())).unwrap();
    let summary = summarise(read_sources(&[compressed]).collect());
    assert_eq!(summary, ["JsonRecord r1", "JsonRecord r2"]);
}

#[test]
fn pages_with_names_that_do_not_say_html_are_read_as_html_by_their_markup() {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path();
    std::fs::write(
        root.join("blog.example.net.gz"),
        gzip(b"<!DOCTYPE html><p>Halo</p>"),
    )
    .unwrap();
    std::fs::write(
        root.join("index.php"),
        "<html><body><p>Hola</p></body></html>",
    )
    .unwrap();
    std::fs::write(root.join("photo.jpg"), b"\xFF\xD8\xFF\xE0 not an article").unwrap();
    let summary = summarise(read_sources(&[root.to_path_buf()]).collect());
    assert_eq!(summary, ["Html blog.example.net", "Html index.php"]);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(bytes)
        .expect("gzip into memory cannot fail");
    encoder.finish().expect("gzip into memory cannot fail")
}

proptest! {
    /// Whatever bytes a JSON Lines input holds, reading it never panics, and every document it
    /// yields has text and a 1-based line.
    #[test]
    fn random_json_lines_input_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                any::<Vec<u8>>(),
                "\\{\"text\": \"[^\"\\\\]{0,20}\"(, \"date\": \"[0-9-]{0,12}\")?\\}".prop_map(String::into_bytes),
            ],
            0..8,
        )
    ) {
        let input = lines.join(&b'\n');
        let reader = read_jsonl_reader(input.as_slice(), "random.jsonl").with_max_line_bytes(64);
        for item in reader {
            match item {
                Ok(document) => {
                    prop_assert!(!document.text.trim().is_empty());
                    prop_assert!(document.line.is_some_and(|line| line >= 1));
                }
                Err(diagnostic) => prop_assert_eq!(diagnostic.origin, "random.jsonl"),
            }
        }
    }
}
