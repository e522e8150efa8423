//! The gazetteer's prebuilt index: one flat, little-endian byte layout that the build script
//! writes from the tab-separated tables and the library reads in place, so a run pays no
//! decompression, parsing or hashing of half a million names before its first lookup.
//!
//! The layout is a header (magic, then the start and end of every section) and the sections:
//! a string pool, a table of short repeated strings (countries, codes, features, languages)
//! addressed by 16-bit numbers, fixed-size entry records, and for names and demonyms a key
//! pool, key and link offsets, link records and an open-addressing hash table of key numbers.
//! Names also have a hash table of every key prefix that ends before a space, which is how
//! recognition knows a longer name may follow.

use crate::error::GazetteerError;
use crate::key::name_key;
use crate::kinds::{Attestation, EntryKind, LanguageTag};
use crate::table;
use std::collections::{BTreeMap, HashMap};

/// The first bytes of an index; the digit is the layout's version.
pub const MAGIC: &[u8; 8] = b"TRUCEGZ2";

/// The sections, in the order of their header slots.
pub mod section {
    pub const STRINGS: usize = 0;
    pub const SMALL_STRINGS: usize = 1;
    pub const ENTRIES: usize = 2;
    pub const NAME_KEYS: usize = 3;
    pub const NAME_KEY_OFFSETS: usize = 4;
    pub const NAME_LINK_OFFSETS: usize = 5;
    pub const NAME_LINKS: usize = 6;
    pub const NAME_SLOTS: usize = 7;
    pub const NAME_PREFIX_SLOTS: usize = 8;
    pub const DEMONYM_KEYS: usize = 9;
    pub const DEMONYM_KEY_OFFSETS: usize = 10;
    pub const DEMONYM_LINK_OFFSETS: usize = 11;
    pub const DEMONYM_LINKS: usize = 12;
    pub const DEMONYM_SLOTS: usize = 13;
    pub const COUNTRIES: usize = 14;
    pub const ADMIN1: usize = 15;
    pub const ALPHA2: usize = 16;
    pub const COUNT: usize = 17;
}

pub const HEADER_BYTES: usize = MAGIC.len() + section::COUNT * 8;

/// "No value" in a 32-bit or 16-bit field.
pub const NONE_U32: u32 = u32::MAX;
pub const NONE_U16: u16 = u16::MAX;

/// An entry record: GeoNames id (u32), its first-level region's entry (u32), latitude and
/// longitude (f64), population (u64), name (u32 start in the string pool, u16 length), then
/// the small-string numbers of country, admin1 code and feature (u16 each) and the kind (u8).
pub mod entry_field {
    pub const GEONAMES_ID: usize = 0;
    pub const ADMIN1_ENTRY: usize = 4;
    pub const LAT: usize = 8;
    pub const LON: usize = 16;
    pub const POPULATION: usize = 24;
    pub const NAME_START: usize = 32;
    pub const NAME_LENGTH: usize = 36;
    pub const COUNTRY: usize = 38;
    pub const ADMIN1_CODE: usize = 40;
    pub const FEATURE: usize = 42;
    pub const KIND: usize = 44;
    pub const BYTES: usize = 48;
}

/// A name link: entry (u32), attestation (u8), one spare byte, language (u16 small string).
/// A demonym link: entry (u32), language (u16 small string), two spare bytes.
pub const LINK_BYTES: usize = 8;
/// A small-string reference: start and length in the string pool (u32 each).
pub const SMALL_STRING_BYTES: usize = 8;
/// A key slot: key number (u32) and the high half of the key's hash (u32), which rules out
/// most other keys met while probing without comparing their bytes.
pub const KEY_SLOT_BYTES: usize = 8;
/// A prefix slot: key number (u32), the prefix's length in bytes (u16) and the top 16 bits of
/// the prefix's hash.
pub const PREFIX_SLOT_BYTES: usize = 8;

/// The tag a key slot keeps of a hash.
pub fn key_tag(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// The tag a prefix slot keeps of a hash.
pub fn prefix_tag(hash: u64) -> u16 {
    (hash >> 48) as u16
}
/// A country record: alpha-3 (u16 small string), two spare bytes, entry (u32).
pub const COUNTRY_BYTES: usize = 8;
/// An alpha-2 record: alpha-2 and alpha-3 (u16 small strings each), four spare bytes.
pub const ALPHA2_BYTES: usize = 8;

/// FNV-1a, 64 bits: small, fixed and the same on every machine, which a hash table written at
/// build time and probed at run time needs.
pub fn hash_key(key: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in key {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The number of slots of a hash table for `count` keys: a power of two at least twice the
/// count, so probes stay short.
pub fn slot_count(count: usize) -> usize {
    (count.max(1) * 2).next_power_of_two()
}

fn index_error(reason: String) -> GazetteerError {
    GazetteerError::Index { reason }
}

/// Short repeated strings, numbered in the order they are first seen.
#[derive(Default)]
struct SmallStrings {
    numbers: HashMap<String, u16>,
    in_order: Vec<String>,
}

impl SmallStrings {
    fn number(&mut self, text: &str) -> Result<u16, GazetteerError> {
        if let Some(&number) = self.numbers.get(text) {
            return Ok(number);
        }
        let number = u16::try_from(self.in_order.len())
            .ok()
            .filter(|&number| number != NONE_U16)
            .ok_or_else(|| index_error("more than 65,534 distinct short strings".to_string()))?;
        self.numbers.insert(text.to_string(), number);
        self.in_order.push(text.to_string());
        Ok(number)
    }

    fn optional(&mut self, text: Option<&str>) -> Result<u16, GazetteerError> {
        match text {
            Some(text) => self.number(text),
            None => Ok(NONE_U16),
        }
    }
}

struct EntryRow<'a> {
    geonames_id: Option<u64>,
    kind: EntryKind,
    name: &'a str,
    lat: f64,
    lon: f64,
    country: Option<&'a str>,
    admin1_code: Option<&'a str>,
    feature: Option<&'a str>,
    population: u64,
}

fn non_empty(field: &str) -> Option<&str> {
    (!field.is_empty()).then_some(field)
}

/// A table's language field: empty, or a tag the library can hold inline.
fn language_tag<'a>(
    row: &table::Row<'a>,
    field: &'a str,
) -> Result<Option<&'a str>, GazetteerError> {
    match non_empty(field) {
        Some(tag) if LanguageTag::new(tag).is_none() => Err(row.error(format!(
            "language {tag:?} is not a primary language subtag of at most {} letters",
            LanguageTag::MAX_BYTES
        ))),
        other => Ok(other),
    }
}

/// One name key's links, in the order the table gave them.
struct NameLink {
    entry: u32,
    attestation: Attestation,
    lang: u16,
}

struct DemonymLink {
    entry: u32,
    lang: u16,
}

/// Builds the index from the text of the four tables (the format of `crates/gazetteer/data/`).
/// A name given twice for one entry keeps its best attestation, and the language that came
/// with it.
pub fn build(
    entries_table: &str,
    names_table: &str,
    demonyms_table: &str,
    country_codes_table: &str,
) -> Result<Vec<u8>, GazetteerError> {
    let mut small_strings = SmallStrings::default();
    let mut entries = Vec::new();
    for row in table::rows("entries", entries_table) {
        let row = row?;
        let fields = row.fields::<9>()?;
        let kind = EntryKind::parse(fields[1])
            .ok_or_else(|| row.error(format!("unknown kind {:?}", fields[1])))?;
        let geonames_id: Option<u64> = row.optional_number(fields[0], "geonames_id")?;
        if geonames_id.is_some_and(|id| id >= u64::from(NONE_U32)) {
            return Err(row.error(format!("geonames_id {} is too large", fields[0])));
        }
        if fields[2].len() > usize::from(u16::MAX) {
            return Err(row.error("name longer than 65,535 bytes".to_string()));
        }
        entries.push(EntryRow {
            geonames_id,
            kind,
            name: fields[2],
            lat: row.number(fields[3], "lat")?,
            lon: row.number(fields[4], "lon")?,
            country: non_empty(fields[5]),
            admin1_code: non_empty(fields[6]),
            feature: non_empty(fields[7]),
            population: row.optional_number(fields[8], "population")?.unwrap_or(0),
        });
    }
    let entry_count = entries.len();
    if entry_count >= NONE_U32 as usize {
        return Err(index_error(format!("{entry_count} entries is too many")));
    }
    // A later row for the same country or region wins, as a table read top to bottom would.
    let mut country_entries: BTreeMap<&str, u32> = BTreeMap::new();
    let mut admin1_entries: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    for (id, entry) in entries.iter().enumerate() {
        match (entry.kind, entry.country, entry.admin1_code) {
            (EntryKind::Country, Some(country), _) => {
                country_entries.insert(country, id as u32);
            }
            (EntryKind::Admin1, Some(country), Some(code)) => {
                admin1_entries.insert((country, code), id as u32);
            }
            _ => {}
        }
    }

    let mut names: BTreeMap<String, Vec<NameLink>> = BTreeMap::new();
    for row in table::rows("names", names_table) {
        let row = row?;
        let fields = row.fields::<4>()?;
        let entry = row.entry_id(fields[1], entry_count)?;
        let attestation = Attestation::parse(fields[2])
            .ok_or_else(|| row.error(format!("unknown attestation {:?}", fields[2])))?;
        let lang = small_strings.optional(language_tag(&row, fields[3])?)?;
        let key = name_key(fields[0]);
        if key.is_empty() {
            continue;
        }
        let links = names.entry(key).or_default();
        match links.iter_mut().find(|link| link.entry == entry) {
            Some(link) if attestation < link.attestation => {
                link.attestation = attestation;
                link.lang = lang;
            }
            Some(_) => {}
            None => links.push(NameLink {
                entry,
                attestation,
                lang,
            }),
        }
    }

    let mut demonyms: BTreeMap<String, Vec<DemonymLink>> = BTreeMap::new();
    for row in table::rows("demonyms", demonyms_table) {
        let row = row?;
        let fields = row.fields::<3>()?;
        let entry = row.entry_id(fields[1], entry_count)?;
        let lang = small_strings.optional(language_tag(&row, fields[2])?)?;
        let key = name_key(fields[0]);
        if !key.is_empty() {
            demonyms
                .entry(key)
                .or_default()
                .push(DemonymLink { entry, lang });
        }
    }

    let mut alpha3_by_alpha2: BTreeMap<String, String> = BTreeMap::new();
    for row in table::rows("country_codes", country_codes_table) {
        let row = row?;
        let fields = row.fields::<2>()?;
        alpha3_by_alpha2.insert(
            fields[0].to_ascii_uppercase(),
            fields[1].to_ascii_uppercase(),
        );
    }

    let mut sections: Vec<Vec<u8>> = vec![Vec::new(); section::COUNT];
    let mut strings = Vec::new();

    let mut entry_records = Vec::with_capacity(entry_count * entry_field::BYTES);
    for entry in &entries {
        let admin1_entry = match (entry.country, entry.admin1_code) {
            (Some(country), Some(code)) => admin1_entries
                .get(&(country, code))
                .copied()
                .unwrap_or(NONE_U32),
            _ => NONE_U32,
        };
        let name_start = pool_offset(&strings)?;
        strings.extend_from_slice(entry.name.as_bytes());
        let mut record = [0u8; entry_field::BYTES];
        let geonames_id = entry.geonames_id.map_or(NONE_U32, |id| id as u32);
        put(
            &mut record,
            entry_field::GEONAMES_ID,
            &geonames_id.to_le_bytes(),
        );
        put(
            &mut record,
            entry_field::ADMIN1_ENTRY,
            &admin1_entry.to_le_bytes(),
        );
        put(&mut record, entry_field::LAT, &entry.lat.to_le_bytes());
        put(&mut record, entry_field::LON, &entry.lon.to_le_bytes());
        put(
            &mut record,
            entry_field::POPULATION,
            &entry.population.to_le_bytes(),
        );
        put(
            &mut record,
            entry_field::NAME_START,
            &name_start.to_le_bytes(),
        );
        put(
            &mut record,
            entry_field::NAME_LENGTH,
            &(entry.name.len() as u16).to_le_bytes(),
        );
        let country = small_strings.optional(entry.country)?;
        let admin1_code = small_strings.optional(entry.admin1_code)?;
        let feature = small_strings.optional(entry.feature)?;
        put(&mut record, entry_field::COUNTRY, &country.to_le_bytes());
        put(
            &mut record,
            entry_field::ADMIN1_CODE,
            &admin1_code.to_le_bytes(),
        );
        put(&mut record, entry_field::FEATURE, &feature.to_le_bytes());
        record[entry_field::KIND] = entry.kind.number();
        entry_records.extend_from_slice(&record);
    }
    sections[section::ENTRIES] = entry_records;

    let name_links = encode_links(names, |link: &NameLink| {
        let mut record = [0u8; LINK_BYTES];
        put(&mut record, 0, &link.entry.to_le_bytes());
        record[4] = link.attestation.number();
        put(&mut record, 6, &link.lang.to_le_bytes());
        record
    });
    let name_keys = write_key_table(
        &name_links,
        &mut sections,
        [
            section::NAME_KEYS,
            section::NAME_KEY_OFFSETS,
            section::NAME_LINK_OFFSETS,
            section::NAME_LINKS,
            section::NAME_SLOTS,
        ],
    )?;
    sections[section::NAME_PREFIX_SLOTS] = prefix_slots(&name_keys);

    let demonym_links = encode_links(demonyms, |link: &DemonymLink| {
        let mut record = [0u8; LINK_BYTES];
        put(&mut record, 0, &link.entry.to_le_bytes());
        put(&mut record, 4, &link.lang.to_le_bytes());
        record
    });
    write_key_table(
        &demonym_links,
        &mut sections,
        [
            section::DEMONYM_KEYS,
            section::DEMONYM_KEY_OFFSETS,
            section::DEMONYM_LINK_OFFSETS,
            section::DEMONYM_LINKS,
            section::DEMONYM_SLOTS,
        ],
    )?;

    for (alpha3, entry) in &country_entries {
        let mut record = [0u8; COUNTRY_BYTES];
        put(&mut record, 0, &small_strings.number(alpha3)?.to_le_bytes());
        put(&mut record, 4, &entry.to_le_bytes());
        sections[section::COUNTRIES].extend_from_slice(&record);
    }
    for entry in admin1_entries.values() {
        sections[section::ADMIN1].extend_from_slice(&entry.to_le_bytes());
    }
    for (alpha2, alpha3) in &alpha3_by_alpha2 {
        let mut record = [0u8; ALPHA2_BYTES];
        put(&mut record, 0, &small_strings.number(alpha2)?.to_le_bytes());
        put(&mut record, 2, &small_strings.number(alpha3)?.to_le_bytes());
        sections[section::ALPHA2].extend_from_slice(&record);
    }

    for text in &small_strings.in_order {
        let start = pool_offset(&strings)?;
        strings.extend_from_slice(text.as_bytes());
        sections[section::SMALL_STRINGS].extend_from_slice(&start.to_le_bytes());
        sections[section::SMALL_STRINGS].extend_from_slice(&(text.len() as u32).to_le_bytes());
    }
    pool_offset(&strings)?;
    sections[section::STRINGS] = strings;

    let mut index = Vec::with_capacity(
        HEADER_BYTES + sections.iter().map(Vec::len).sum::<usize>() + section::COUNT * 8,
    );
    index.extend_from_slice(MAGIC);
    index.resize(HEADER_BYTES, 0);
    for (number, bytes) in sections.iter().enumerate() {
        // Every section starts on an eight-byte boundary, which keeps records aligned for
        // whoever maps the index.
        index.resize(index.len().next_multiple_of(8), 0);
        let start = pool_offset(&index)?;
        index.extend_from_slice(bytes);
        let end = pool_offset(&index)?;
        let slot = MAGIC.len() + number * 8;
        index[slot..slot + 4].copy_from_slice(&start.to_le_bytes());
        index[slot + 4..slot + 8].copy_from_slice(&end.to_le_bytes());
    }
    Ok(index)
}

/// Every key's links as fixed-size records, keys in order.
fn encode_links<Link>(
    keyed: BTreeMap<String, Vec<Link>>,
    encode: impl Fn(&Link) -> [u8; LINK_BYTES],
) -> Vec<(String, Vec<[u8; LINK_BYTES]>)> {
    keyed
        .into_iter()
        .map(|(key, links)| (key, links.iter().map(&encode).collect()))
        .collect()
}

fn put(record: &mut [u8], at: usize, bytes: &[u8]) {
    record[at..at + bytes.len()].copy_from_slice(bytes);
}

fn pool_offset(pool: &[u8]) -> Result<u32, GazetteerError> {
    u32::try_from(pool.len()).map_err(|_| index_error("index larger than 4 GB".to_string()))
}

/// Writes a key pool, its offsets, the link offsets, the links and the hash slots; returns
/// the keys in their numbering for the prefix table.
fn write_key_table<'a>(
    keyed_links: &'a [(String, Vec<[u8; LINK_BYTES]>)],
    sections: &mut [Vec<u8>],
    [keys, key_offsets, link_offsets, links, slots]: [usize; 5],
) -> Result<Vec<&'a str>, GazetteerError> {
    let mut link_count: u32 = 0;
    for (key, records) in keyed_links {
        sections[key_offsets].extend_from_slice(&pool_offset(&sections[keys])?.to_le_bytes());
        sections[keys].extend_from_slice(key.as_bytes());
        sections[link_offsets].extend_from_slice(&link_count.to_le_bytes());
        for record in records {
            sections[links].extend_from_slice(record);
        }
        link_count += records.len() as u32;
    }
    sections[key_offsets].extend_from_slice(&pool_offset(&sections[keys])?.to_le_bytes());
    sections[link_offsets].extend_from_slice(&link_count.to_le_bytes());

    let slot_total = slot_count(keyed_links.len());
    let mut table = vec![(NONE_U32, 0u32); slot_total];
    for (number, (key, _)) in keyed_links.iter().enumerate() {
        let hash = hash_key(key.as_bytes());
        let mut slot = hash as usize & (slot_total - 1);
        while table[slot].0 != NONE_U32 {
            slot = (slot + 1) & (slot_total - 1);
        }
        table[slot] = (number as u32, key_tag(hash));
    }
    sections[slots] = table
        .iter()
        .flat_map(|(number, tag)| {
            let mut record = [0u8; KEY_SLOT_BYTES];
            record[..4].copy_from_slice(&number.to_le_bytes());
            record[4..].copy_from_slice(&tag.to_le_bytes());
            record
        })
        .collect();
    Ok(keyed_links.iter().map(|(key, _)| key.as_str()).collect())
}

/// The hash table of every distinct key prefix that ends before a space ("nagorno" of
/// "nagorno karabakh"), each slot pointing at one key it is a prefix of.
fn prefix_slots(keys: &[&str]) -> Vec<u8> {
    let mut prefixes: HashMap<&str, u32> = HashMap::new();
    for (number, key) in keys.iter().enumerate() {
        for (position, _) in key.match_indices(' ') {
            // Names are at most 65,535 bytes (entry names are checked; keys are no longer
            // than the names they come from), so the length fits its field.
            if position <= usize::from(u16::MAX) {
                prefixes.entry(&key[..position]).or_insert(number as u32);
            }
        }
    }
    let mut in_order: Vec<(&str, u32)> = prefixes.into_iter().collect();
    // Sorted so that the same tables always give the same bytes.
    in_order.sort_unstable();
    let slot_total = slot_count(in_order.len());
    let mut table = vec![(NONE_U32, 0u16, 0u16); slot_total];
    for (prefix, number) in in_order {
        let hash = hash_key(prefix.as_bytes());
        let mut slot = hash as usize & (slot_total - 1);
        while table[slot].0 != NONE_U32 {
            slot = (slot + 1) & (slot_total - 1);
        }
        table[slot] = (number, prefix.len() as u16, prefix_tag(hash));
    }
    table
        .iter()
        .flat_map(|(number, length, tag)| {
            let mut record = [0u8; PREFIX_SLOT_BYTES];
            record[..4].copy_from_slice(&number.to_le_bytes());
            record[4..6].copy_from_slice(&length.to_le_bytes());
            record[6..].copy_from_slice(&tag.to_le_bytes());
            record
        })
        .collect()
}
