//! Reads the real TABARI and PETRARCH dictionaries in `../shared` and checks they load with few warnings and the expected contents.

use std::path::PathBuf;

use truce_dictionaries::{Dialect, load_folder, load_project, parse_verbs};

fn shared(path: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/coding/"
    ))
    .join(path)
}

#[test]
fn petrarch2_english_dictionaries_load() {
    let set = load_folder(&shared("dictionaries/petrarch2")).expect("loads");
    assert!(
        set.verbs.blocks.len() > 300,
        "{} verb blocks",
        set.verbs.blocks.len()
    );
    assert!(
        set.actors.entries.len() > 10_000,
        "{} actors",
        set.actors.entries.len()
    );
    assert!(set.agents.entries.len() > 500);
    assert!(set.discards.entries.len() > 100);
    assert!(set.issues.entries.len() > 100);
    // Warnings are allowed (the files carry a few broken lines) but must stay rare.
    let lines = set.actors.entries.len() + set.verbs.blocks.len();
    assert!(
        set.warnings.len() * 100 < lines,
        "{} warnings, first: {:?}",
        set.warnings.len(),
        set.warnings.first()
    );
    let putin = set
        .actors
        .entries
        .iter()
        .find(|entry| {
            entry.names.iter().any(|name| {
                name.words.len() == 2
                    && name.words[0].text == "VLADIMIR"
                    && name.words[1].text == "PUTIN"
            })
        })
        .expect("Putin");
    assert_eq!(putin.code_on(Some(20_240_612)), Some("RUSGOV"));
}

#[test]
fn tabari_validation_project_loads() {
    let set = load_project(&shared("suites/tabari/Validate.project")).expect("loads");
    assert!(
        set.text_file
            .as_ref()
            .is_some_and(|path| path.ends_with("Validate.text"))
    );
    assert!(!set.verbs.synsets.is_empty());
    assert!(set.actors.nouns.contains(&"FORCES".to_string()));
    assert!(
        set.options
            .commands
            .iter()
            .any(|(command, _)| command == "COMPLEX")
    );
}

#[test]
fn petrarch_validation_dictionaries_load() {
    let text = std::fs::read_to_string(shared("suites/petrarch2/PETR.Validate.verbs.txt")).unwrap();
    let (verbs, warnings) =
        parse_verbs("PETR.Validate.verbs.txt", &text, Dialect::Petrarch).unwrap();
    assert!(verbs.blocks.len() > 50);
    assert!(warnings.len() < 10, "{warnings:?}");
}
