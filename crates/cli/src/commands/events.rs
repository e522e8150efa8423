//! `truce events`: queries the store's real-world events (or, with `--reports`, their reports) with filters and prints them as a table, JSON Lines or CSV.
//!
//! Reports are streamed from the store one at a time, so a query over millions of them holds
//! one in memory, never the whole answer. Real-world events are grouped from their reports
//! before they are printed, so the matching ones are held in memory (one record each). The
//! table uses fixed column widths so that it never needs to measure every row first.

use crate::Outcome;
use crate::commands::stats::open_existing_store;
use anyhow::Context;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use truce_core::{ActorRef, EventRecord};
use truce_store::{EventFilter, NearFilter};

#[derive(clap::Args)]
pub struct EventsArgs {
    /// The store to query.
    #[arg(long, env = "TRUCE_DB", default_value = "truce.db")]
    pub db: PathBuf,
    /// Only events on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only events on or before this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only events placed in, or with an actor or recipient of, this country (ISO 3166-1 alpha-3).
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
    /// Only events with an actor or recipient whose code starts with this (`RUS` matches `RUSMIL`).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Only events of this PLOVER type (`RETREAT`) or whose CAMEO code starts with this (`087`).
    #[arg(long = "type", value_name = "PLOVER_OR_CAMEO")]
    pub event_type: Option<String>,
    /// Only events whose evidence sentence contains this text (case-insensitive).
    #[arg(long, value_name = "SUBSTRING")]
    pub text: Option<String>,
    /// Only events located within KM kilometres of a point (`--near -6.2,106.8,50`).
    #[arg(long, value_name = "LAT,LON,KM", value_parser = parse_near, allow_hyphen_values = true)]
    pub near: Option<NearFilter>,
    /// At most this many events.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// How to print the events.
    #[arg(long, value_enum, default_value_t = EventsFormat::Table)]
    pub format: EventsFormat,
    /// List the reports (one event coded from one article each) instead of real-world events,
    /// each with `event_id` naming the real-world event it belongs to.
    #[arg(long)]
    pub reports: bool,
}

/// What `truce events` lists: real-world events (by default) or the reports behind them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listing {
    WorldEvents,
    Reports,
}

/// Calls `visit` with each record of `listing` that matches `filter`. Reports stream from the
/// store; real-world events are grouped from their reports first, so they are held in memory.
fn for_each_record(
    store: &truce_store::Store,
    filter: &EventFilter,
    listing: Listing,
    mut visit: impl FnMut(EventRecord) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    match listing {
        Listing::Reports => store.for_each_report(filter, visit),
        Listing::WorldEvents => {
            for event in store.world_events(filter)? {
                visit(event)?;
            }
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EventsFormat {
    /// Aligned columns for reading in a terminal.
    Table,
    /// One event record (DESIGN.md's event record) per line.
    Jsonl,
    /// Flat ACLED/GDELT-like columns with a header.
    Csv,
    /// ACLED's own columns and words (`event_type`, `sub_event_type`, `geo_precision`…), one
    /// row per event that has an ACLED sub-event type.
    AcledCsv,
    /// Not supported yet.
    Parquet,
    /// A GeoJSON FeatureCollection of the located events, each a Point with the event record
    /// as its properties.
    Geojson,
}

fn parse_near(text: &str) -> Result<NearFilter, String> {
    NearFilter::parse(text)
}

/// The columns of `--format csv`, in order.
const CSV_HEADER: [&str; 32] = [
    "id",
    "doc_id",
    "date",
    "date_precision",
    "event",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "acled",
    "actor_codes",
    "actor_countries",
    "recipient_codes",
    "recipient_countries",
    "location_name",
    "location_country",
    "location_admin1",
    "latitude",
    "longitude",
    "location_precision",
    "fatalities_best",
    "size",
    "negated",
    "future",
    "hypothetical",
    "historical",
    "evidence_sentence",
    "url",
    "event_id",
    "reports",
    "sources",
    "first_reported",
];

/// Width in characters of each table column but the last, which is the evidence excerpt.
const TABLE_COLUMNS: [(&str, usize); 6] = [
    ("date", 10),
    ("reports", 7),
    ("event", 9),
    ("cameo", 5),
    ("actors", 22),
    ("recipients", 22),
];

/// The longest evidence excerpt the table shows, in characters.
const EVIDENCE_EXCERPT_CHARS: usize = 60;

/// How multi-valued fields (several actors) are joined inside one CSV or table cell.
const LIST_SEPARATOR: &str = ";";

pub fn run(args: EventsArgs) -> anyhow::Result<Outcome> {
    if args.format == EventsFormat::Parquet {
        anyhow::bail!(
            "--format parquet is not supported yet; use table, jsonl, csv, acled-csv or geojson"
        );
    }
    let store = open_existing_store(&args.db)?;
    let filter = EventFilter {
        date_from: args.from,
        date_to: args.to,
        country: args.country,
        actor_code: args.actor,
        event_type: args.event_type,
        evidence_text: args.text,
        near: args.near,
        limit: args.limit,
    };
    let listing = if args.reports {
        Listing::Reports
    } else {
        Listing::WorldEvents
    };
    let stdout = std::io::stdout();
    let out = BufWriter::new(stdout.lock());
    let result = match args.format {
        EventsFormat::Jsonl => write_jsonl(&store, &filter, listing, out),
        EventsFormat::Csv => write_csv(&store, &filter, listing, out),
        EventsFormat::AcledCsv => write_acled_csv(&store, &filter, listing, out),
        EventsFormat::Geojson => write_geojson(&store, &filter, listing, out),
        EventsFormat::Table | EventsFormat::Parquet => write_table(&store, &filter, listing, out),
    };
    match result {
        Ok(()) => Ok(Outcome::Success),
        // A reader that stops early (`truce events | head`) is not an error of ours.
        Err(error) if is_broken_pipe(&error) => Ok(Outcome::Success),
        Err(error) => Err(error),
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|csv_error| match csv_error.kind() {
                    csv::ErrorKind::Io(io) => io.kind() == std::io::ErrorKind::BrokenPipe,
                    _ => false,
                })
    })
}

fn write_jsonl(
    store: &truce_store::Store,
    filter: &EventFilter,
    listing: Listing,
    mut out: impl Write,
) -> anyhow::Result<()> {
    for_each_record(store, filter, listing, |event| -> anyhow::Result<()> {
        serde_json::to_writer(&mut out, &event)?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}

fn write_csv(
    store: &truce_store::Store,
    filter: &EventFilter,
    listing: Listing,
    out: impl Write,
) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for_each_record(store, filter, listing, |event| -> anyhow::Result<()> {
        writer.write_record(csv_row(&event))?;
        Ok(())
    })?;
    writer.flush()?;
    Ok(())
}

/// One event as the CSV columns of [`CSV_HEADER`]; unknown values are empty cells.
fn csv_row(event: &EventRecord) -> [String; 32] {
    let optional = |value: Option<String>| value.unwrap_or_default();
    let first_evidence = event.evidence.first();
    let location = event.location.as_ref();
    let [latitude, longitude] = coordinate_cells(location);
    [
        event.id.clone(),
        event.doc_id.clone(),
        optional(event.date.clone()),
        optional(
            event
                .date_precision
                .map(|precision| precision.as_str().to_string()),
        ),
        event.event.as_str().to_string(),
        optional(event.mode.clone()),
        event.cameo.clone(),
        event.quad_class.to_string(),
        event.goldstein.to_string(),
        optional(event.acled.clone()),
        join_codes(&event.actor),
        join_countries(&event.actor),
        join_codes(&event.recipient),
        join_countries(&event.recipient),
        optional(location.map(|location| location.name.clone())),
        optional(location.and_then(|location| location.country.clone())),
        optional(location.and_then(|location| location.admin1.clone())),
        latitude,
        longitude,
        optional(
            location
                .and_then(|location| location.precision)
                .map(|precision| precision.as_str().to_string()),
        ),
        optional(event.fatalities.best.map(|best| best.to_string())),
        optional(event.size.map(|size| size.to_string())),
        event.flags.negated.to_string(),
        event.flags.future.to_string(),
        event.flags.hypothetical.to_string(),
        event.flags.historical.to_string(),
        optional(first_evidence.map(|evidence| evidence.sentence.clone())),
        optional(first_evidence.and_then(|evidence| evidence.url.clone())),
        optional(event.event_id.clone()),
        optional(event.reports.map(|reports| reports.to_string())),
        event.sources.join(LIST_SEPARATOR),
        optional(event.first_reported.clone()),
    ]
}

/// The columns of `--format acled-csv`: ACLED's names for what truce knows. `iso3` stands
/// where ACLED writes a numeric ISO code and a country name; `sub_event_code` keeps truce's own
/// label (`AIR_STRIKE`) beside ACLED's words for it.
const ACLED_CSV_HEADER: [&str; 21] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "sub_event_code",
    "actor1",
    "actor2",
    "civilian_targeting",
    "iso3",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "truce_event",
];

fn write_acled_csv(
    store: &truce_store::Store,
    filter: &EventFilter,
    listing: Listing,
    out: impl Write,
) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(ACLED_CSV_HEADER)?;
    let mut n_without_type: u64 = 0;
    for_each_record(store, filter, listing, |event| -> anyhow::Result<()> {
        match acled_csv_row(&event) {
            Some(row) => writer.write_record(row)?,
            None => n_without_type += 1,
        }
        Ok(())
    })?;
    writer.flush()?;
    if n_without_type > 0 {
        eprintln!(
            "truce events: {n_without_type} events have no ACLED sub-event type (statements, \
             threats, planned or denied events) and are not in the ACLED export"
        );
    }
    Ok(())
}

/// One event in ACLED's columns, or `None` when ACLED would not record it.
fn acled_csv_row(event: &EventRecord) -> Option<[String; 21]> {
    use truce_coding::acled;
    let label = event.acled.as_deref()?;
    let event_type = acled::acled_event_type(label)?;
    let sub_event_type = acled::acled_sub_event_name(label)?;
    let disorder_type = match (event_type, label) {
        (_, "FORCE_AGAINST_PROTEST") => "Political violence; Demonstrations",
        ("Protests", _) | (_, "VIOL_DEMONSTR") => "Demonstrations",
        ("Strategic developments", _) => "Strategic developments",
        _ => "Political violence",
    };
    let civilian_targeting = if event_type == "Violence against civilians" {
        "Civilian targeting"
    } else {
        ""
    };
    // ACLED's time_precision: 1 the day is known, 2 the week, 3 the month or only wider.
    let time_precision = match event.date_precision {
        Some(truce_core::DatePrecision::Day) => "1",
        Some(_) => "3",
        None => "",
    };
    let actor_names = |actors: &[ActorRef]| {
        let names: Vec<&str> = actors
            .iter()
            .map(|actor| {
                if actor.text.is_empty() {
                    actor.code.as_str()
                } else {
                    actor.text.as_str()
                }
            })
            .collect();
        names.join(LIST_SEPARATOR)
    };
    let location = event.location.as_ref();
    let [latitude, longitude] = coordinate_cells(location);
    let optional = |value: Option<String>| value.unwrap_or_default();
    let first_evidence = event.evidence.first();
    let source = if event.sources.is_empty() {
        optional(first_evidence.and_then(|evidence| evidence.url.clone()))
    } else {
        event.sources.join(LIST_SEPARATOR)
    };
    Some([
        event.id.clone(),
        optional(event.date.clone()),
        optional(
            event
                .date
                .as_deref()
                .and_then(|date| date.get(..4))
                .map(str::to_string),
        ),
        time_precision.to_string(),
        disorder_type.to_string(),
        event_type.to_string(),
        sub_event_type.to_string(),
        label.to_string(),
        actor_names(&event.actor),
        actor_names(&event.recipient),
        civilian_targeting.to_string(),
        optional(location.and_then(|location| location.country.clone())),
        optional(location.and_then(|location| location.admin1.clone())),
        optional(location.map(|location| location.name.clone())),
        latitude,
        longitude,
        optional(
            location
                .and_then(|location| location.precision)
                .map(|precision| precision.acled_geo_precision().to_string()),
        ),
        source,
        optional(first_evidence.map(|evidence| evidence.sentence.clone())),
        event.fatalities.best.unwrap_or(0).to_string(),
        event.event.as_str().to_string(),
    ])
}

/// A location's latitude and longitude as CSV cells, empty where unknown.
fn coordinate_cells(location: Option<&truce_core::Location>) -> [String; 2] {
    let cell = |value: Option<f64>| value.map(|value| value.to_string()).unwrap_or_default();
    [
        cell(location.and_then(|location| location.lat)),
        cell(location.and_then(|location| location.lon)),
    ]
}

/// Streams the located events as one GeoJSON FeatureCollection (RFC 7946: coordinates are
/// longitude, latitude). Events without coordinates cannot be drawn and are counted on stderr.
fn write_geojson(
    store: &truce_store::Store,
    filter: &EventFilter,
    listing: Listing,
    mut out: impl Write,
) -> anyhow::Result<()> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    let mut n_features: u64 = 0;
    let mut n_unlocated: u64 = 0;
    for_each_record(store, filter, listing, |event| -> anyhow::Result<()> {
        let Some(feature) = geojson_feature(&event) else {
            n_unlocated += 1;
            return Ok(());
        };
        if n_features > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        serde_json::to_writer(&mut out, &feature)?;
        n_features += 1;
        Ok(())
    })?;
    out.write_all(b"\n]}\n")?;
    out.flush().context("writing to standard output")?;
    if n_unlocated > 0 {
        eprintln!(
            "truce: {n_unlocated} matching {} without a location left out of the GeoJSON",
            if n_unlocated == 1 { "event" } else { "events" }
        );
    }
    Ok(())
}

/// One located event as a GeoJSON Feature whose properties are the event record.
fn geojson_feature(event: &EventRecord) -> Option<serde_json::Value> {
    let location = event.location.as_ref()?;
    let (lat, lon) = (location.lat?, location.lon?);
    let properties = serde_json::to_value(event).ok()?;
    Some(serde_json::json!({
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }))
}

fn join_codes(actors: &[ActorRef]) -> String {
    let codes: Vec<&str> = actors.iter().map(|actor| actor.code.as_str()).collect();
    codes.join(LIST_SEPARATOR)
}

/// The distinct countries of `actors`, in order of first appearance.
fn join_countries(actors: &[ActorRef]) -> String {
    let mut countries: Vec<&str> = Vec::new();
    for country in actors.iter().filter_map(|actor| actor.country.as_deref()) {
        if !countries.contains(&country) {
            countries.push(country);
        }
    }
    countries.join(LIST_SEPARATOR)
}

fn write_table(
    store: &truce_store::Store,
    filter: &EventFilter,
    listing: Listing,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let mut header: Vec<String> = TABLE_COLUMNS
        .iter()
        .map(|(name, width)| pad(name, *width))
        .collect();
    header.push("evidence".to_string());
    writeln!(out, "{}", header.join("  "))?;
    let mut n_events: u64 = 0;
    for_each_record(store, filter, listing, |event| -> anyhow::Result<()> {
        writeln!(out, "{}", table_row(&event))?;
        n_events += 1;
        Ok(())
    })?;
    out.flush().context("writing to standard output")?;
    if n_events == 0 {
        eprintln!("truce: no events match");
    }
    Ok(())
}

fn table_row(event: &EventRecord) -> String {
    let evidence = event
        .evidence
        .first()
        .map(|evidence| one_line(&evidence.sentence))
        .unwrap_or_default();
    // A report's own row shows the real-world event it belongs to in place of a count.
    let reports = match (event.reports, &event.event_id) {
        (Some(count), _) => count.to_string(),
        (None, Some(_)) => "report".to_string(),
        (None, None) => "-".to_string(),
    };
    let cells = [
        event.date.clone().unwrap_or_else(|| "-".to_string()),
        reports,
        event.event.as_str().to_string(),
        event.cameo.clone(),
        join_codes(&event.actor),
        join_codes(&event.recipient),
    ];
    let mut row: Vec<String> = cells
        .iter()
        .zip(TABLE_COLUMNS)
        .map(|(cell, (_, width))| pad(cell, width))
        .collect();
    row.push(truncate(&evidence, EVIDENCE_EXCERPT_CHARS));
    row.join("  ").trim_end().to_string()
}

/// `text` with runs of whitespace (newlines included) turned into single spaces, so one event is
/// one table line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut to at most `max_chars` characters, ending in `…` when it was cut.
fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `text` cut to `width` characters and padded with spaces to exactly `width`.
fn pad(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let n_chars = cut.chars().count();
    format!("{cut}{}", " ".repeat(width.saturating_sub(n_chars)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_characters_and_marks_the_cut() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(truncate("Perserikatan", 5), "Pers…");
        assert_eq!(truncate("ñññññ", 4), "ñññ…");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("abcdef", 4), "abc…");
    }

    #[test]
    fn one_line_flattens_newlines_and_runs_of_spaces() {
        assert_eq!(one_line("a\n b\t\tc "), "a b c");
    }

    #[test]
    fn countries_are_listed_once_each_in_order() {
        let actor = |code: &str, country: Option<&str>| ActorRef {
            text: code.to_string(),
            code: code.to_string(),
            country: country.map(str::to_string),
            sector: None,
            country_source: None,
        };
        let actors = [
            actor("RUSMIL", Some("RUS")),
            actor("IGOUNO", None),
            actor("RUSGOV", Some("RUS")),
            actor("UKR", Some("UKR")),
        ];
        assert_eq!(join_countries(&actors), "RUS;UKR");
        assert_eq!(join_codes(&actors), "RUSMIL;IGOUNO;RUSGOV;UKR");
    }

    #[test]
    fn the_csv_row_has_one_cell_per_header_column() {
        let event: EventRecord = serde_json::from_value(serde_json::json!({
            "id": "e1", "doc_id": "d1", "event": "RETREAT", "cameo": "0874",
            "quad_class": 2, "goldstein": 7.0, "date": "2024-06-12", "date_precision": "day",
            "actor": [{"text": "Russian troops", "code": "RUSMIL", "country": "RUS"}],
            "recipient": [],
            "fatalities": {"best": 3, "low": null, "high": null},
            "evidence": [{"doc_id": "d1", "sentence": "Russian troops withdrew.", "start": 0,
                          "end": 24, "url": "https://example.org/a"}]
        }))
        .unwrap();
        let row = csv_row(&event);
        assert_eq!(row.len(), CSV_HEADER.len());
        let cell = |name: &str| {
            let column_idx = CSV_HEADER
                .iter()
                .position(|header| *header == name)
                .unwrap();
            row[column_idx].as_str()
        };
        assert_eq!(cell("date_precision"), "day");
        assert_eq!(cell("actor_countries"), "RUS");
        assert_eq!(cell("recipient_codes"), "");
        assert_eq!(cell("fatalities_best"), "3");
        assert_eq!(cell("size"), "");
        assert_eq!(cell("url"), "https://example.org/a");
        assert_eq!(cell("reports"), "");
        assert!(table_row(&event).starts_with("2024-06-12  -        RETREAT    0874   RUSMIL"));
        let world_event = EventRecord {
            reports: Some(3),
            sources: vec!["kompas.example".into(), "diario.example".into()],
            first_reported: Some("2024-06-12".into()),
            ..event
        };
        let row = csv_row(&world_event);
        assert_eq!(row[CSV_HEADER.len() - 3], "3");
        assert_eq!(row[CSV_HEADER.len() - 2], "kompas.example;diario.example");
        assert!(table_row(&world_event).starts_with("2024-06-12  3        RETREAT"));
    }
}
