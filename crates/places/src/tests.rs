//! Behaviour of place finding on short articles, with a small hand-made gazetteer and the
//! real rules of the English, Indonesian and Spanish packs.

use super::*;
use truce_core::{LocationPrecision, PlaceCue, PlaceMentionKind};

const ENTRIES: &str = "\
# geonames_id\tkind\tname\tlat\tlon\tcountry\tadmin1_code\tfeature\tpopulation
6255148\tcontinent\tEurope\t48.69096\t9.14062\t\t\tL.CONT\t0
1643084\tcountry\tIndonesia\t-5.0\t120.0\tIDN\t\tA.PCLI\t267663435
6252001\tcountry\tUnited States\t39.76\t-98.5\tUSA\t\tA.PCLI\t327167434
3686110\tcountry\tColombia\t4.0\t-73.25\tCOL\t\tA.PCLI\t49648685
2017370\tcountry\tRussia\t60.0\t100.0\tRUS\t\tA.PCLI\t144478050
614540\tcountry\tGeorgia\t42.0\t43.5\tGEO\t\tA.PCLI\t3731000
4331987\tadmin1\tLouisiana\t31.00047\t-92.0004\tUSA\tLA\tA.ADM1\t4533372
4197000\tadmin1\tGeorgia\t32.75042\t-83.50018\tUSA\tGA\tA.ADM1\t10519475
1642907\tplace\tJakarta\t-6.21462\t106.84513\tIDN\t04\tP.PPLC\t8540121
3688689\tplace\tBogota\t4.60971\t-74.08175\tCOL\t34\tP.PPLC\t7674366
4314550\tplace\tAlexandria\t31.31129\t-92.44514\tUSA\tLA\tP.PPL\t47889
361058\tplace\tAlexandria\t31.20176\t29.91582\tEGY\t06\tP.PPLA\t3811516
2988507\tplace\tParis\t48.85341\t2.3488\tFRA\t11\tP.PPLC\t2138551
4717560\tplace\tParis\t33.66094\t-95.55551\tUSA\tTX\tP.PPLA2\t25171
";
const NAMES: &str = "\
# name\tentry\tattestation\tlang
Europe\t0\tprimary\t
Indonesia\t1\tprimary\t
United States\t2\tprimary\t
US\t2\tabbreviation\t
Colombia\t3\tprimary\t
Russia\t4\tprimary\t
Rusia\t4\ttagged\tid
Georgia\t5\tprimary\t
Louisiana\t6\tprimary\t
LA\t6\tabbreviation\t
Georgia\t7\tprimary\t
Jakarta\t8\tprimary\t
Bogota\t9\tprimary\t
Bogotá\t9\tprimary\t
Alexandria\t10\tprimary\t
Alexandria\t11\tprimary\t
Paris\t12\tprimary\t
Paris\t13\tprimary\t
";
const DEMONYMS: &str = "\
# demonym\tentry\tlang
Russian\t4\ten
ruso\t4\tes
Indonesian\t1\ten
European\t0\ten
";
const CODES: &str = "# alpha2\talpha3\nID\tIDN\nUS\tUSA\nCO\tCOL\nRU\tRUS\nGE\tGEO\n";

fn gazetteer() -> Gazetteer {
    Gazetteer::from_tables(ENTRIES, NAMES, DEMONYMS, CODES).expect("the test tables are valid")
}

fn finder(lang: &str) -> PlaceFinder {
    let pack = truce_lang::pack(lang).expect("the pack exists");
    PlaceFinder::for_pack(pack).expect("the pack's places.toml parses")
}

fn names(places: &ArticlePlaces) -> Vec<(&str, &str, Option<&str>)> {
    places
        .mentions
        .iter()
        .map(|mention| {
            (
                mention.text.as_str(),
                mention.name.as_str(),
                mention.country.as_deref(),
            )
        })
        .collect()
}

#[test]
fn an_indonesian_dateline_and_preposition_place_the_story() {
    let text = "JAKARTA - Polisi menangkap delapan mahasiswa di Jakarta pada Senin.";
    let places = finder("id").find(text, None, &gazetteer());
    assert_eq!(places.mentions.len(), 2, "{:?}", names(&places));
    assert_eq!(places.dateline, Some(0));
    assert_eq!(places.mentions[0].cue, PlaceCue::Dateline);
    assert_eq!(places.mentions[1].cue, PlaceCue::Preposition);
    let dominant = places.dominant_place(&[]).expect("Jakarta dominates");
    assert_eq!(dominant.name, "Jakarta");
    assert_eq!(dominant.precision, Some(LocationPrecision::Place));
    assert_eq!(places.dominant_country(&[]).as_deref(), Some("IDN"));
    assert_eq!(
        &text[places.mentions[1].span.start..places.mentions[1].span.end],
        "Jakarta"
    );
}

#[test]
fn a_qualifier_after_a_comma_picks_the_town_it_contains() {
    let text = "The flood reached Alexandria, Louisiana, on Monday.";
    let places = finder("en").find(text, None, &gazetteer());
    let alexandria = &places.mentions[0];
    assert_eq!(alexandria.text, "Alexandria");
    assert_eq!(alexandria.country.as_deref(), Some("USA"));
    assert_eq!(alexandria.admin1.as_deref(), Some("Louisiana"));
    let postal = finder("en").find(
        "Officers met in Alexandria, LA, on Monday.",
        None,
        &gazetteer(),
    );
    assert_eq!(postal.mentions[0].country.as_deref(), Some("USA"));
    assert_eq!(postal.mentions.len(), 2, "{:?}", names(&postal));
}

#[test]
fn without_context_the_bigger_place_wins() {
    let places = finder("en").find("Protests spread in Alexandria.", None, &gazetteer());
    assert_eq!(places.mentions[0].country.as_deref(), Some("EGY"));
}

#[test]
fn a_postal_code_alone_is_not_a_place() {
    let places = finder("en").find("LA officials spoke in Jakarta.", None, &gazetteer());
    assert_eq!(names(&places), vec![("Jakarta", "Jakarta", Some("IDN"))]);
}

#[test]
fn a_town_before_a_personal_name_is_a_person() {
    let places = finder("en").find("Paris Hilton arrived on Monday.", None, &gazetteer());
    assert!(places.mentions.is_empty(), "{:?}", names(&places));
}

#[test]
fn demonyms_give_a_country_but_never_dominate_the_place() {
    let text = "Russian peacekeepers left the region, a ruso said.";
    let places = finder("en").find(text, None, &gazetteer());
    assert_eq!(places.mentions.len(), 1, "{:?}", names(&places));
    assert_eq!(places.mentions[0].kind, PlaceMentionKind::Demonym);
    assert_eq!(places.mentions[0].country.as_deref(), Some("RUS"));
    assert!(places.dominant_place(&[]).is_none());
    assert!(location_of(&places.mentions[0]).is_none());
    let spanish = finder("es").find("Los soldados rusos salieron.", None, &gazetteer());
    assert!(
        spanish.mentions.is_empty(),
        "only the attested singular is listed here"
    );
    let spanish = finder("es").find("Un soldado ruso salió de Bogotá.", None, &gazetteer());
    assert_eq!(spanish.mentions[0].kind, PlaceMentionKind::Demonym);
    assert_eq!(spanish.mentions[1].name, "Bogota");
}

#[test]
fn the_outlets_country_breaks_a_tie() {
    let text = "Heavy rain fell on Georgia on Tuesday.";
    let american = finder("en").find(text, Some("https://example.us/news/1"), &gazetteer());
    let georgian = finder("en").find(text, Some("https://example.ge/news/1"), &gazetteer());
    assert_eq!(american.outlet_country.as_deref(), Some("USA"));
    assert_eq!(georgian.mentions[0].country.as_deref(), Some("GEO"));
    assert_eq!(american.mentions[0].country.as_deref(), Some("USA"));
}

#[test]
fn home_country_phrases_are_found() {
    let text = "Mahasiswa berunjuk rasa di seluruh negeri.";
    let places = finder("id").find(text, None, &gazetteer());
    assert_eq!(places.home_country_phrases.len(), 1);
    let span = places.home_country_phrases[0];
    assert_eq!(&text[span.start..span.end], "di seluruh negeri");
}

#[test]
fn abbreviations_with_periods_match() {
    let places = finder("en").find("Troops returned to the U.S. on Friday.", None, &gazetteer());
    assert_eq!(names(&places), vec![("U.S.", "United States", Some("USA"))]);
}

#[test]
fn mentions_inside_actor_phrases_count_little_for_the_dominant_place() {
    let text = "Officials from Jakarta met in Bogotá.";
    let places = finder("en").find(text, None, &gazetteer());
    let actor = Span::new(0, "Officials from Jakarta".len());
    let dominant = places.dominant_place(&[actor]).expect("a place dominates");
    assert_eq!(dominant.name, "Bogota");
    assert_eq!(places.dominant_country(&[actor]).as_deref(), Some("COL"));
}

#[test]
fn the_overlap_index_agrees_with_a_scan_of_every_span() {
    let spans: Vec<Span> = [(0, 5), (3, 20), (8, 9), (30, 31), (25, 40)]
        .iter()
        .map(|&(start, end)| Span::new(start, end))
        .collect();
    let index = OverlapIndex::new(&spans);
    for start in 0..45 {
        for end in start + 1..46 {
            let query = Span::new(start, end);
            let scanned = spans
                .iter()
                .any(|other| query.start < other.end && other.start < query.end);
            assert_eq!(index.overlaps(&query), scanned, "{start}..{end}");
        }
    }
    assert!(!OverlapIndex::new(&[]).overlaps(&Span::new(0, 10)));
}
