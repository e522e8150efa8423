//! Places: a resolved place mention, how precise a location is, and where an actor's country came from.

use crate::span::Span;
use serde::{Deserialize, Serialize};

/// How precisely a location pins down where something happened.
///
/// ACLED's `geo_precision` and UCDP's `where_prec` follow from it
/// ([`LocationPrecision::acled_geo_precision`], [`LocationPrecision::ucdp_where_prec`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationPrecision {
    /// A town, village, neighbourhood or named site.
    Place,
    /// A second-level administrative unit (district, county, kabupaten).
    Admin2,
    /// A first-level administrative unit (province, state) or a region of similar size
    /// (Nagorno-Karabakh, Darfur, the Gaza Strip).
    Admin1,
    /// A whole country.
    Country,
}

impl LocationPrecision {
    /// The precision's name as JSON and the store write it (`"admin1"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            LocationPrecision::Place => "place",
            LocationPrecision::Admin2 => "admin2",
            LocationPrecision::Admin1 => "admin1",
            LocationPrecision::Country => "country",
        }
    }

    /// Parses [`LocationPrecision::as_str`] back; `None` for anything else.
    pub fn parse(text: &str) -> Option<LocationPrecision> {
        match text {
            "place" => Some(LocationPrecision::Place),
            "admin2" => Some(LocationPrecision::Admin2),
            "admin1" => Some(LocationPrecision::Admin1),
            "country" => Some(LocationPrecision::Country),
            _ => None,
        }
    }

    /// ACLED's `geo_precision`: 1 for a named place, 2 for a district or the area near a
    /// place, 3 for a province, a region or anything wider.
    pub fn acled_geo_precision(&self) -> u8 {
        match self {
            LocationPrecision::Place => 1,
            LocationPrecision::Admin2 => 2,
            LocationPrecision::Admin1 | LocationPrecision::Country => 3,
        }
    }

    /// UCDP GED's `where_prec`: 1 exact place, 3 second-order division, 4 first-order division,
    /// 6 country. (2, "within 25 km of a place", and 5, "linear or larger area", are not told
    /// apart by truce.)
    pub fn ucdp_where_prec(&self) -> u8 {
        match self {
            LocationPrecision::Place => 1,
            LocationPrecision::Admin2 => 3,
            LocationPrecision::Admin1 => 4,
            LocationPrecision::Country => 6,
        }
    }
}

/// Whether a mention names a place or only says that something belongs to a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceMentionKind {
    /// A toponym: "Jakarta", "Nagorno-Karabakh", "la Franja de Gaza".
    Place,
    /// A nationality or place adjective: "Indonesian", "ruso", "Syrian". It can give an actor
    /// its country, never an event its location.
    Demonym,
}

/// What in the text made a mention a place: the evidence behind using it as a location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceCue {
    /// After one of the language's place prepositions ("di", "en", "in", "near").
    Preposition,
    /// The dateline at the top of the article ("JAKARTA —", "BOGOTÁ (AFP) -").
    Dateline,
    /// Nothing but the name itself (a subject, an object, a possible metonym: "Moscow said").
    Bare,
    /// Part of another name: an institution, a person's title, a team ("the Texas governor",
    /// "Kementerian Pertahanan Azerbaijan", "Washington Post"). It names whose something is,
    /// never where an event happened.
    Modifier,
}

/// One place mention in an article, resolved to a gazetteer entry.
///
/// `truce places` prints these as DESIGN.md's place-mention object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Byte span of the mention in the article's cleaned text.
    pub span: Span,
    /// The mention as written.
    pub text: String,
    pub kind: PlaceMentionKind,
    pub cue: PlaceCue,
    /// The gazetteer's preferred (English) name of the place.
    pub name: String,
    pub geonames_id: Option<u64>,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// The first-level administrative region's name, when the place lies in one.
    pub admin1: Option<String>,
    /// GeoNames feature class and code (`P.PPLC`, `A.ADM1`, `A.PCLI`).
    pub feature: Option<String>,
    /// `None` for a continent, which is too wide to locate an event at.
    pub precision: Option<LocationPrecision>,
    /// How sure the resolver is of this reading, in [0, 1].
    pub confidence: f64,
}

/// Where an actor's country came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountrySource {
    /// The actor's own words: a name or a nationality in its phrase or sentence.
    Text,
    /// The place where the event happened.
    Location,
    /// The article's dateline.
    Dateline,
    /// The country the article is mostly about.
    Article,
}

impl CountrySource {
    /// The source's name as JSON and the store write it (`"location"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            CountrySource::Text => "text",
            CountrySource::Location => "location",
            CountrySource::Dateline => "dateline",
            CountrySource::Article => "article",
        }
    }

    /// Parses [`CountrySource::as_str`] back; `None` for anything else.
    pub fn parse(text: &str) -> Option<CountrySource> {
        match text {
            "text" => Some(CountrySource::Text),
            "location" => Some(CountrySource::Location),
            "dateline" => Some(CountrySource::Dateline),
            "article" => Some(CountrySource::Article),
            _ => None,
        }
    }
}

/// The mean radius of the Earth in kilometres (IUGG), as the evaluation's scorer uses.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in kilometres between two points given in degrees (haversine).
pub fn great_circle_km(lat_a: f64, lon_a: f64, lat_b: f64, lon_b: f64) -> f64 {
    let (phi_a, phi_b) = (lat_a.to_radians(), lat_b.to_radians());
    let delta_phi = phi_b - phi_a;
    let delta_lambda = (lon_b - lon_a).to_radians();
    let haversine = (delta_phi / 2.0).sin().powi(2)
        + phi_a.cos() * phi_b.cos() * (delta_lambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * haversine.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn great_circle_distances_match_known_figures() {
        // Jakarta to Bandung is about 120 km; a quarter of the equator is about 10,008 km.
        let jakarta_bandung = great_circle_km(-6.2146, 106.8451, -6.9039, 107.6186);
        assert!(
            (110.0..130.0).contains(&jakarta_bandung),
            "{jakarta_bandung}"
        );
        let quarter = great_circle_km(0.0, 0.0, 0.0, 90.0);
        assert!((quarter - 10_007.5).abs() < 1.0, "{quarter}");
        assert_eq!(great_circle_km(12.0, 34.0, 12.0, 34.0), 0.0);
    }

    #[test]
    fn names_are_their_serde_names_and_parse_back() {
        for precision in [
            LocationPrecision::Place,
            LocationPrecision::Admin2,
            LocationPrecision::Admin1,
            LocationPrecision::Country,
        ] {
            assert_eq!(
                serde_json::to_value(precision).ok(),
                Some(serde_json::Value::String(precision.as_str().to_string()))
            );
            assert_eq!(
                LocationPrecision::parse(precision.as_str()),
                Some(precision)
            );
        }
        for source in [
            CountrySource::Text,
            CountrySource::Location,
            CountrySource::Dateline,
            CountrySource::Article,
        ] {
            assert_eq!(
                serde_json::to_value(source).ok(),
                Some(serde_json::Value::String(source.as_str().to_string()))
            );
            assert_eq!(CountrySource::parse(source.as_str()), Some(source));
        }
        assert_eq!(LocationPrecision::parse("town"), None);
        assert_eq!(CountrySource::parse(""), None);
    }

    #[test]
    fn acled_and_ucdp_precisions_widen_with_the_location() {
        assert_eq!(LocationPrecision::Place.acled_geo_precision(), 1);
        assert_eq!(LocationPrecision::Admin2.acled_geo_precision(), 2);
        assert_eq!(LocationPrecision::Admin1.acled_geo_precision(), 3);
        assert_eq!(LocationPrecision::Country.ucdp_where_prec(), 6);
        assert!(
            LocationPrecision::Place.ucdp_where_prec()
                < LocationPrecision::Admin1.ucdp_where_prec()
        );
    }
}
