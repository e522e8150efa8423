//! `truce extract` and `truce code` on files as they are saved: gzip-compressed pages and records, legacy encodings, saved feeds, and the development page sets in their `.html.gz` folders.

// These tests run only inside tests, where a panic is the failure report we want.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn truce(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_truce"));
    command.current_dir(dir).env_remove("TRUCE_DB");
    command
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn records_of(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn compressed_pages_in_legacy_encodings_are_read_and_the_encoding_is_named() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let russian_page = "<html><head><meta http-equiv=\"Content-Type\" \
        content=\"text/html; charset=windows-1251\"><title>Миротворцы покидают Карабах</title></head>\
        <body><article><p>Российские миротворцы начали вывод своих сил из Нагорного Карабаха, \
        сообщило министерство обороны в среду.</p><p>Колонна техники направилась к границе \
        с Арменией под охраной военной полиции.</p></article></body></html>";
    let (windows_1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian_page);
    std::fs::write(dir.join("karabakh.ru.html.gz"), gzip(&windows_1251)).unwrap();
    // A Latin-1 text file with no declaration: its encoding can only be recognised.
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(
        "La policía detuvo a doce estudiantes durante la protesta frente al Congreso en Bogotá.\n",
    );
    std::fs::write(dir.join("protesta.es.txt"), &latin[..]).unwrap();

    let output = truce(dir)
        .args(["extract", "karabakh.ru.html.gz", "protesta.es.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let records = records_of(&output);
    assert_eq!(records.len(), 2, "{stderr}");
    assert_eq!(records[0]["id"], "karabakh.ru");
    assert!(
        records[0]["text"]
            .as_str()
            .unwrap()
            .contains("Российские миротворцы начали вывод"),
        "{}",
        records[0]["text"]
    );
    assert_eq!(records[1]["id"], "protesta.es");
    assert!(
        records[1]["text"]
            .as_str()
            .unwrap()
            .contains("La policía detuvo")
    );
    assert!(
        stderr.contains("note: karabakh.ru.html.gz: read as windows-1251, not UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: protesta.es.txt: read as windows-1252, not UTF-8"),
        "{stderr}"
    );
}

/// The development page sets are stored as `.html.gz` in many encodings: every page must be
/// read, whatever else the extractor makes of it.
#[test]
fn no_page_of_the_development_sets_is_refused_for_its_compression_or_encoding() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extraction");
    for set in ["htmldate", "multilingual", "scrapinghub_aeb"] {
        let folder = shared.join(set).join("html");
        let n_pages = std::fs::read_dir(&folder).unwrap().count();
        let output = truce(&folder).args(["extract", "."]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let refusals: Vec<&str> = stderr
            .lines()
            .filter(|line| {
                !line.contains(": note: ") && !line.contains("the page holds no article")
            })
            .collect();
        assert!(refusals.is_empty(), "{set}: {refusals:#?}");
        let n_without_article = stderr.matches("the page holds no article").count();
        assert_eq!(
            records_of(&output).len() + n_without_article,
            n_pages,
            "{set}"
        );
    }
}

const SAVED_FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kabar</title><language>id</language>
<item><guid>kabar-1</guid><title>Polisi bubarkan unjuk rasa</title>
<description>Polisi membubarkan unjuk rasa mahasiswa di depan gedung DPR di Jakarta pada Senin malam.</description>
<pubDate>Mon, 12 Feb 2024 20:00:00 +0700</pubDate></item>
<item><guid>kabar-2</guid><title>Gencatan senjata</title>
<description>Kedua pihak sepakat memperpanjang gencatan senjata selama tiga hari, kata mediator.</description>
<pubDate>Tue, 13 Feb 2024 08:00:00 +0700</pubDate></item>
</channel></rss>"#;

#[test]
fn a_saved_feed_gives_its_items_not_its_markup_named_or_in_a_folder() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("kabar.xml"), SAVED_FEED).unwrap();
    let named = truce(dir).args(["extract", "kabar.xml"]).output().unwrap();
    assert_eq!(
        named.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&named.stderr)
    );
    let records = records_of(&named);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "kabar-1");
    assert_eq!(records[0]["date"], "2024-02-12");
    assert_eq!(records[0]["lang"], "id");
    assert!(
        records[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Polisi membubarkan")
    );
    assert!(!records[0]["text"].as_str().unwrap().contains("<item>"));

    // In a folder, a feed is read after the other files, and an `.xml` that is no feed is
    // passed over rather than coded as text.
    std::fs::create_dir(dir.join("saved")).unwrap();
    std::fs::write(dir.join("saved/feed.rss"), SAVED_FEED).unwrap();
    std::fs::write(
        dir.join("saved/sitemap.xml"),
        "<?xml version=\"1.0\"?><urlset><url><loc>https://a.example/</loc></url></urlset>",
    )
    .unwrap();
    std::fs::write(
        dir.join("saved/note.txt"),
        "Talks resumed in Doha on Monday.",
    )
    .unwrap();
    let folder = truce(dir).args(["extract", "saved"]).output().unwrap();
    assert_eq!(folder.status.code(), Some(0));
    let ids: Vec<String> = records_of(&folder)
        .iter()
        .map(|record| record["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["note", "kabar-1", "kabar-2"]);
}

#[test]
fn gzipped_records_code_as_the_records_they_hold_from_a_file_or_a_pipe() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let records = concat!(
        r#"{"id":"a","text":"Russian troops withdrew from Nagorno-Karabakh on Tuesday.","date":"2024-06-12","lang":"en"}"#,
        "\n",
        r#"{"id":"b","text":"Police arrested eight students in Jakarta.","date":"2024-06-12","lang":"en"}"#,
        "\n"
    );
    std::fs::write(dir.join("records.jsonl"), records).unwrap();
    std::fs::write(dir.join("records.jsonl.gz"), gzip(records.as_bytes())).unwrap();
    let plain = truce(dir).args(["code", "records.jsonl"]).output().unwrap();
    let compressed = truce(dir)
        .args(["code", "records.jsonl.gz"])
        .output()
        .unwrap();
    assert_eq!(
        compressed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&compressed.stderr)
    );
    assert!(!records_of(&plain).is_empty());
    assert_eq!(records_of(&compressed), records_of(&plain));
    let mut piped = truce(dir)
        .args(["code", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    piped
        .stdin
        .take()
        .unwrap()
        .write_all(&gzip(records.as_bytes()))
        .unwrap();
    let piped = piped.wait_with_output().unwrap();
    assert_eq!(records_of(&piped), records_of(&plain));
}
