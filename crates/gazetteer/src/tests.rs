//! Unit tests of table reading and lookups, on a small hand-made gazetteer.

use super::*;

const ENTRIES: &str = "\
# geonames_id\tkind\tname\tlat\tlon\tcountry\tadmin1_code\tfeature\tpopulation
6255148\tcontinent\tEurope\t48.69096\t9.14062\t\t\tL.CONT\t0
2017370\tcountry\tRussia\t60.0\t100.0\tRUS\t\tA.PCLI\t140702000
6252001\tcountry\tUnited States\t39.76\t-98.5\tUSA\t\tA.PCLI\t310232863
4331987\tadmin1\tLouisiana\t31.00047\t-92.0004\tUSA\tLA\tA.ADM1\t4533372
4314550\tplace\tAlexandria\t31.31129\t-92.44514\tUSA\tLA\tP.PPL\t47889
\tregion\tNagorno-Karabakh\t39.8\t46.75\tAZE\t\tL.RGN\t0
";
const NAMES: &str = "\
# name\tentry\tattestation\tlang
Europe\t0\tprimary\t
EU\t0\tabbreviation\t
Russia\t1\tprimary\t
Rusia\t1\ttagged\tid
Rusia\t1\ttagged\tes
United States\t2\tprimary\t
US\t2\tabbreviation\t
Louisiana\t3\tprimary\t
Alexandria\t4\tprimary\t
Nagorno-Karabakh\t5\tprimary\t
Karabakh Nagorno\t5\ttagged\tid
";
const DEMONYMS: &str = "\
# demonym\tentry\tlang
Russian\t1\ten
ruso\t1\tes
European\t0\ten
";
const CODES: &str = "# alpha2\talpha3\nRU\tRUS\nUS\tUSA\nAZ\tAZE\n";

fn small() -> Gazetteer {
    Gazetteer::from_tables(ENTRIES, NAMES, DEMONYMS, CODES).expect("the small tables are valid")
}

#[test]
fn names_find_their_entries_whatever_the_spelling() {
    let gazetteer = small();
    let mut found = Vec::new();
    gazetteer.named(&name_key("nagorno karabakh"), &mut found);
    assert_eq!(found.len(), 1);
    assert_eq!(gazetteer.entry(found[0].entry).name, "Nagorno-Karabakh");
    assert!(gazetteer.continues("nagorno"));
    assert!(gazetteer.continues("karabakh"));
    assert!(!gazetteer.continues("russia"));
}

#[test]
fn a_name_tagged_for_two_languages_is_one_candidate_with_its_best_attestation() {
    let gazetteer = small();
    let mut found = Vec::new();
    gazetteer.named("rusia", &mut found);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].attestation, Attestation::Tagged);
}

#[test]
fn entries_know_their_first_level_region() {
    let gazetteer = small();
    let mut found = Vec::new();
    gazetteer.named("alexandria", &mut found);
    let alexandria = gazetteer.entry(found[0].entry);
    assert_eq!(alexandria.admin1_name.as_deref(), Some("Louisiana"));
    assert_eq!(gazetteer.admin1_entry("USA", "LA"), Some(3));
    assert_eq!(gazetteer.country_entry("USA"), Some(2));
    assert_eq!(gazetteer.alpha3("us"), Some("USA"));
}

#[test]
fn lower_case_demonyms_need_the_articles_language() {
    let gazetteer = small();
    assert_eq!(gazetteer.demonym("ruso", "es", true), Some(1));
    assert_eq!(gazetteer.demonym("ruso", "en", true), None);
    assert_eq!(gazetteer.demonym("russian", "en", false), Some(1));
    assert_eq!(gazetteer.demonym("russian", "id", false), Some(1));
    assert_eq!(gazetteer.demonym("russian", "id", true), None);
}

#[test]
fn a_bad_row_names_its_table_and_line() {
    let broken = ENTRIES.replace("39.76", "north");
    let error = Gazetteer::from_tables(&broken, NAMES, DEMONYMS, CODES).unwrap_err();
    assert_eq!(
        error.to_string(),
        "gazetteer table entries, line 4: lat \"north\" is not a number"
    );
    let past_the_end = format!("{NAMES}Nowhere\t99\tprimary\t\n");
    let error = Gazetteer::from_tables(ENTRIES, &past_the_end, DEMONYMS, CODES).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("entry 99 is past the last entry")
    );
}

#[test]
fn the_bundled_gazetteer_loads_and_knows_the_world() {
    let gazetteer = Gazetteer::bundled().expect("the bundled tables are valid");
    assert!(gazetteer.entry_count() > 100_000);
    for alpha3 in ["RUS", "IDN", "ESP", "USA", "AZE", "ARM", "PSE", "UKR"] {
        assert!(gazetteer.country_entry(alpha3).is_some(), "{alpha3}");
    }
    let kyiv_ids: Vec<Vec<Option<u64>>> = ["Kyiv", "Kiev", "Киев", "Київ"]
        .iter()
        .map(|name| {
            let mut found = Vec::new();
            gazetteer.named(&name_key(name), &mut found);
            found
                .iter()
                .map(|candidate| gazetteer.entry(candidate.entry))
                .filter(|entry| entry.country.as_deref() == Some("UKR"))
                .map(|entry| entry.geonames_id)
                .collect()
        })
        .collect();
    // Every spelling names the capital (GeoNames 703448), whatever else it also names.
    for ids in &kyiv_ids {
        assert!(ids.contains(&Some(703448)), "{kyiv_ids:?}");
    }
}

#[test]
fn the_bundled_index_is_whole() {
    let gazetteer = Gazetteer::bundled().expect("the bundled index opens");
    gazetteer
        .verify()
        .expect("every offset of the bundled index is in range");
    assert!(gazetteer.name_count() > 400_000);
}

#[test]
fn an_index_of_another_layout_is_refused() {
    let mut bytes = index::build(ENTRIES, NAMES, DEMONYMS, CODES).expect("valid tables");
    let version = bytes[7];
    bytes[7] = b'0';
    let error = Gazetteer::open(Cow::Owned(bytes.clone())).unwrap_err();
    assert!(error.to_string().contains("not a truce gazetteer index"));
    bytes[7] = version;
    // A section whose end lies past the index.
    let slot = index::MAGIC.len() + section::ENTRIES * 8 + 4;
    bytes[slot..slot + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    let error = Gazetteer::open(Cow::Owned(bytes)).unwrap_err();
    assert!(error.to_string().contains("lies outside the index"));
}

#[test]
fn prefixes_and_lookups_agree_with_the_tables_on_every_name() {
    let gazetteer = small();
    for line in NAMES.lines().skip(1) {
        let name = line.split('\t').next().unwrap_or_default();
        let key = name_key(name);
        let mut found = Vec::new();
        gazetteer.named(&key, &mut found);
        assert!(!found.is_empty(), "{name}");
        for (position, _) in key.match_indices(' ') {
            assert!(gazetteer.continues(&key[..position]), "{key}");
        }
    }
    let mut found = Vec::new();
    gazetteer.named("atlantis", &mut found);
    assert!(found.is_empty());
    assert_eq!(gazetteer.entry_kind(5), EntryKind::Region);
    assert_eq!(gazetteer.entry(0).admin1_name, None);
    assert_eq!(gazetteer.alpha3("ZZ"), None);
    assert_eq!(gazetteer.country_entry("ZZZ"), None);
}

#[test]
fn language_tags_hold_short_subtags_and_refuse_the_rest() {
    let spanish = LanguageTag::new("es").expect("a two-letter subtag");
    assert_eq!(spanish.as_str(), "es");
    assert!(spanish == *"es");
    assert_eq!(
        LanguageTag::new("ast").map(|tag| tag.as_str().len()),
        Some(3)
    );
    assert_eq!(LanguageTag::new(""), None);
    assert_eq!(LanguageTag::new("zh-Hant"), None);
    assert_eq!(LanguageTag::new("toolongtag"), None);
}

#[test]
fn a_name_tagged_with_something_other_than_a_language_is_refused() {
    let odd_tag = format!("{NAMES}Nowhere\t0\ttagged\tfr_1793\n");
    let error = Gazetteer::from_tables(ENTRIES, &odd_tag, DEMONYMS, CODES).unwrap_err();
    assert!(error.to_string().contains("fr_1793"), "{error}");
}
