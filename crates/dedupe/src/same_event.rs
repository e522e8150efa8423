//! The rule that says whether two reports (events coded from two articles) tell one real-world event.
//!
//! A report is reduced to the facts that mean the same in every language: its PLOVER type, its
//! claim (denied, planned, hypothetical), the days its date covers, its place and the parties
//! (countries, or organisations' codes) of its actors and recipients. [`compare`] weighs two reports' facts and answers with a
//! [`Verdict`] that keeps its reason, so every merge in the store can say why it was made. Every
//! threshold is in [`THRESHOLDS`]; the type pairs that may merge are in [`COMPATIBLE_TYPES`].
//!
//! Disagreement on any fact keeps two reports apart; agreement has to be shown on where or who,
//! not only on what and when, because many outlets report many air strikes every day. A place
//! known on both sides and within a few kilometres is enough; a region or country shared by
//! both needs the parties to agree as well; with no place on one side, the actors must
//! agree and the dates must be firm.

use truce_core::date::days_from_civil;
use truce_core::{
    DatePrecision, EventRecord, LocationPrecision, PartialDate, PloverEvent, great_circle_km,
};

/// Every number the rule uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SameEventThresholds {
    /// Two dates read from the text may differ by this many days: outlets in other time zones,
    /// or a night raid reported as the day before or after.
    pub text_day_tolerance: i64,
    /// A report that took its article's publication date stands for an event of that day or up
    /// to this many days before it ("yesterday", "on Sunday", or a story filed late).
    pub publication_lag_days: i64,
    /// Two reports that both took their publication dates agree when those dates are at most
    /// this many days apart. It is tighter than the lag: two stood-in dates say little, and
    /// reports that merge pairwise chain into one event.
    pub publication_pair_days: i64,
    /// Two places, each at least a district, are one place within this distance.
    pub same_place_km: f64,
    /// Candidates are looked for among reports whose first day lies within this many days of
    /// the report's days (the text tolerance and the publication lag both fit), and, for a
    /// report of one day, among month-wide reports of its month.
    pub window_days: i64,
}

/// The thresholds truce merges with.
pub const THRESHOLDS: SameEventThresholds = SameEventThresholds {
    text_day_tolerance: 1,
    publication_lag_days: 2,
    publication_pair_days: 1,
    same_place_km: 50.0,
    window_days: 3,
};

/// Pairs of different types that one real-world event is reported as: an armed attack is an
/// ASSAULT to one outlet and the COERCE of its arrests or seizures to another (PLOVER's
/// codebook draws the line at the use of weapons, which reports often leave out).
pub const COMPATIBLE_TYPES: &[(PloverEvent, PloverEvent)] =
    &[(PloverEvent::Assault, PloverEvent::Coerce)];

/// The name of the group of types `event` may merge within: the first type of its compatible
/// pair (`ASSAULT` for ASSAULT and COERCE), else its own. The store files reports by group, so
/// one lookup finds both sides of a pair.
pub fn type_group(event: PloverEvent) -> &'static str {
    COMPATIBLE_TYPES
        .iter()
        .find(|&&(a, b)| a == event || b == event)
        .map_or(event.as_str(), |&(a, _)| a.as_str())
}

/// The types a report of type `event` may merge with, itself first.
pub fn compatible_types(event: PloverEvent) -> Vec<PloverEvent> {
    let mut types = vec![event];
    for &(a, b) in COMPATIBLE_TYPES {
        if a == event {
            types.push(b);
        } else if b == event {
            types.push(a);
        }
    }
    types
}

/// The days a report's date covers, as day numbers (days since 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportDate {
    pub first_day: i64,
    pub last_day: i64,
    pub precision: DatePrecision,
    /// The article's publication date stood in: no expression in the text dated the event.
    pub from_publication: bool,
}

impl ReportDate {
    /// The date an event record states (`"2024-06"` at month precision), or `None` when it has
    /// none or one that is not an ISO prefix.
    pub fn parse(
        date: Option<&str>,
        precision: Option<DatePrecision>,
        from_publication: bool,
    ) -> Option<ReportDate> {
        let stated = PartialDate::as_stated(date, precision)?;
        let (first_day, last_day) = stated.covered_days();
        Some(ReportDate {
            first_day,
            last_day,
            precision: stated.precision,
            from_publication,
        })
    }
}

/// Where a report says its event happened.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportPlace {
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: Option<LocationPrecision>,
}

impl ReportPlace {
    /// The first-level region the place lies in, or is.
    fn region(&self) -> Option<&str> {
        match self.precision {
            Some(LocationPrecision::Admin1) => self.admin1.as_deref().or(Some(self.name.as_str())),
            Some(LocationPrecision::Country) => None,
            _ => self.admin1.as_deref(),
        }
    }

    /// A town or district: something a distance can be measured to.
    fn is_local(&self) -> bool {
        matches!(
            self.precision,
            Some(LocationPrecision::Place | LocationPrecision::Admin2)
        ) && self.lat.is_some()
            && self.lon.is_some()
    }
}

/// What the rule compares of one report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFacts {
    /// Any key naming the report's article: reports of one article never merge with each
    /// other (the pipeline already merged the same event told twice in it).
    pub article: i64,
    pub event: PloverEvent,
    pub negated: bool,
    pub future: bool,
    pub hypothetical: bool,
    pub date: Option<ReportDate>,
    pub place: Option<ReportPlace>,
    /// The parties of the actors (see [`party_of`]): their countries, and the codes of named
    /// actors that have no country (an organisation such as `IGOEUREEC`).
    pub actor_parties: Vec<String>,
    pub recipient_parties: Vec<String>,
}

/// How an actor counts as a party of an event: its country, or for an actor without one its
/// code, unless the code names only a kind of actor (`---COP`, police of no known country).
pub fn party_of(code: &str, country: Option<&str>) -> Option<String> {
    match country {
        Some(country) => Some(country.to_string()),
        None if code.is_empty() || code.starts_with("---") => None,
        None => Some(code.to_string()),
    }
}

impl ReportFacts {
    /// The facts of a coded event record.
    pub fn of_record(article: i64, record: &EventRecord) -> ReportFacts {
        let parties = |actors: &[truce_core::ActorRef]| {
            let mut parties: Vec<String> = actors
                .iter()
                .filter_map(|actor| party_of(&actor.code, actor.country.as_deref()))
                .collect();
            parties.sort();
            parties.dedup();
            parties
        };
        ReportFacts {
            article,
            event: record.event,
            negated: record.flags.negated,
            future: record.flags.future,
            hypothetical: record.flags.hypothetical,
            date: ReportDate::parse(
                record.date.as_deref(),
                record.date_precision,
                record.date_is_publication,
            ),
            place: record.location.as_ref().map(|location| ReportPlace {
                name: location.name.clone(),
                country: location.country.clone(),
                admin1: location.admin1.clone(),
                lat: location.lat,
                lon: location.lon,
                precision: location.precision,
            }),
            actor_parties: parties(&record.actor),
            recipient_parties: parties(&record.recipient),
        }
    }

    /// Where the first days of the reports worth comparing with this one lie: a range, and for
    /// a report of one day the first day of its month (where a month-wide report of that month
    /// starts). `None` for an undated report, which never merges.
    pub fn candidate_days(&self) -> Option<CandidateDays> {
        let date = self.date?;
        let month_start = (date.precision == DatePrecision::Day)
            .then(|| truce_core::date::civil_from_days(date.first_day))
            .flatten()
            .map(|(year, month, _)| days_from_civil(year, month, 1));
        Some(CandidateDays {
            first: date.first_day - THRESHOLDS.window_days,
            last: date.last_day + THRESHOLDS.window_days,
            month_start: month_start
                .filter(|&start| start < date.first_day - THRESHOLDS.window_days),
        })
    }
}

/// See [`ReportFacts::candidate_days`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateDays {
    pub first: i64,
    pub last: i64,
    /// Outside the range, when the range does not reach back to it.
    pub month_start: Option<i64>,
}

impl ReportFacts {
    /// The keys under which the store files this report for later reports to find: its
    /// place's country and each of its doers' parties. Two reports the rule can merge always
    /// share one: agreement on where needs the same country (or, for places without one, the
    /// doers to agree), and agreement without a place on one side needs a shared doer.
    pub fn blocking_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .place
            .iter()
            .filter_map(|place| place.country.clone())
            .chain(self.actor_parties.iter().cloned())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// The keys to look under for reports this one may merge with: its own blocking keys and
    /// its targets' parties, where a report that names this one's target as its doer is filed
    /// (outlets disagree on who did what to whom in a clash).
    pub fn candidate_keys(&self) -> Vec<String> {
        let mut keys = self.blocking_keys();
        keys.extend(self.recipient_parties.iter().cloned());
        keys.sort();
        keys.dedup();
        keys
    }

    /// The facts in one line of tab-separated fields, as the store keeps them beside the
    /// blocking keys so that comparing a candidate costs no further lookup.
    /// [`ReportFacts::from_compact`] reads it back.
    pub fn to_compact(&self) -> String {
        let clean = |text: &str| text.replace(['\t', '\n'], " ");
        let optional_float =
            |value: Option<f64>| value.map(|value| value.to_string()).unwrap_or_default();
        let (first_day, last_day, date_precision, from_publication) = match self.date {
            Some(date) => (
                date.first_day.to_string(),
                date.last_day.to_string(),
                date.precision.as_str(),
                if date.from_publication { "1" } else { "0" },
            ),
            None => (String::new(), String::new(), "", "0"),
        };
        let place = self.place.as_ref();
        let fields = [
            self.event.as_str().to_string(),
            self.article.to_string(),
            format!(
                "{}{}{}",
                u8::from(self.negated),
                u8::from(self.future),
                u8::from(self.hypothetical)
            ),
            first_day,
            last_day,
            date_precision.to_string(),
            from_publication.to_string(),
            place.map(|place| clean(&place.name)).unwrap_or_default(),
            place
                .and_then(|place| place.country.clone())
                .unwrap_or_default(),
            place
                .and_then(|place| place.admin1.as_deref().map(clean))
                .unwrap_or_default(),
            optional_float(place.and_then(|place| place.lat)),
            optional_float(place.and_then(|place| place.lon)),
            place
                .and_then(|place| place.precision)
                .map(|precision| precision.as_str().to_string())
                .unwrap_or_default(),
            self.actor_parties.join(" "),
            self.recipient_parties.join(" "),
        ];
        fields.join("\t")
    }

    /// Reads [`ReportFacts::to_compact`]'s line back; `None` when the line is not one it wrote.
    pub fn from_compact(line: &str) -> Option<ReportFacts> {
        let fields: Vec<&str> = line.split('\t').collect();
        let [
            event,
            article,
            flags,
            first_day,
            last_day,
            precision,
            from_publication,
            name,
            country,
            admin1,
            lat,
            lon,
            place_precision,
            actors,
            recipients,
        ] = fields[..]
        else {
            return None;
        };
        let flag = |index: usize| flags.as_bytes().get(index) == Some(&b'1');
        let date_precision = [
            DatePrecision::Decade,
            DatePrecision::Year,
            DatePrecision::Month,
            DatePrecision::Day,
        ]
        .into_iter()
        .find(|candidate| candidate.as_str() == precision);
        let date = match (first_day.parse(), last_day.parse(), date_precision) {
            (Ok(first_day), Ok(last_day), Some(precision)) => Some(ReportDate {
                first_day,
                last_day,
                precision,
                from_publication: from_publication == "1",
            }),
            _ => None,
        };
        let text = |field: &str| (!field.is_empty()).then(|| field.to_string());
        let place = (!name.is_empty()).then(|| ReportPlace {
            name: name.to_string(),
            country: text(country),
            admin1: text(admin1),
            lat: lat.parse().ok(),
            lon: lon.parse().ok(),
            precision: LocationPrecision::parse(place_precision),
        });
        let parties = |field: &str| {
            field
                .split(' ')
                .filter(|party| !party.is_empty())
                .map(str::to_string)
                .collect()
        };
        Some(ReportFacts {
            article: article.parse().ok()?,
            event: event.parse::<PloverEvent>().ok()?,
            negated: flag(0),
            future: flag(1),
            hypothetical: flag(2),
            date,
            place,
            actor_parties: parties(actors),
            recipient_parties: parties(recipients),
        })
    }
}

/// How firmly two reports' facts agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Only a month or a year is shared: such a report joins an event only when no other
    /// event competes for it.
    Loose,
    /// The days agree.
    Firm,
}

/// The answer of [`compare`].
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Same {
        strength: Strength,
        /// Higher is more alike; used to choose among events that cannot all be merged.
        score: u32,
        /// What agreed, for the merge's record ("same type, days agree, same place (12 km)").
        reason: String,
    },
    Different {
        /// The first fact that disagreed.
        reason: &'static str,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateAgreement {
    Exact,
    Near,
    Loose,
    Disagree,
}

fn compare_dates(a: ReportDate, b: ReportDate) -> DateAgreement {
    use DatePrecision::{Day, Decade, Month, Year};
    let overlap = a.first_day <= b.last_day && b.first_day <= a.last_day;
    match (a.precision, b.precision) {
        (Day, Day) => {
            let (a_day, b_day) = (a.first_day, b.first_day);
            let within = match (a.from_publication, b.from_publication) {
                (false, false) => (a_day - b_day).abs() <= THRESHOLDS.text_day_tolerance,
                // The stood-in day is when the story ran; the event came then or a little before.
                (true, false) => (0..=THRESHOLDS.publication_lag_days).contains(&(a_day - b_day)),
                (false, true) => (0..=THRESHOLDS.publication_lag_days).contains(&(b_day - a_day)),
                (true, true) => (a_day - b_day).abs() <= THRESHOLDS.publication_pair_days,
            };
            match (within, a_day == b_day) {
                (true, true) => DateAgreement::Exact,
                (true, false) => DateAgreement::Near,
                (false, _) => DateAgreement::Disagree,
            }
        }
        (Day | Month, Month) | (Month, Day) if overlap => DateAgreement::Loose,
        (Year, Year) | (Decade, Decade) if overlap => DateAgreement::Loose,
        _ => DateAgreement::Disagree,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceAgreement {
    /// Both local and within [`SameEventThresholds::same_place_km`].
    Same,
    /// One lies within the other's region or country.
    Within,
    Unknown,
    Disagree,
}

fn compare_places(a: Option<&ReportPlace>, b: Option<&ReportPlace>) -> (PlaceAgreement, f64) {
    let (Some(a), Some(b)) = (a, b) else {
        return (PlaceAgreement::Unknown, f64::NAN);
    };
    if let (Some(a_country), Some(b_country)) = (&a.country, &b.country)
        && a_country != b_country
    {
        return (PlaceAgreement::Disagree, f64::NAN);
    }
    if a.is_local() && b.is_local() {
        let (Some(a_lat), Some(a_lon), Some(b_lat), Some(b_lon)) = (a.lat, a.lon, b.lat, b.lon)
        else {
            return (PlaceAgreement::Unknown, f64::NAN);
        };
        let km = great_circle_km(a_lat, a_lon, b_lat, b_lon);
        return if km <= THRESHOLDS.same_place_km {
            (PlaceAgreement::Same, km)
        } else {
            (PlaceAgreement::Disagree, km)
        };
    }
    // One (or both) is a region or a country: it agrees with what lies inside it.
    match (a.region(), b.region()) {
        (Some(a_region), Some(b_region)) if a_region == b_region => (PlaceAgreement::Within, 0.0),
        (Some(_), Some(_)) => (PlaceAgreement::Disagree, f64::NAN),
        _ if a.country.is_some() && a.country == b.country => (PlaceAgreement::Within, 0.0),
        _ => (PlaceAgreement::Unknown, f64::NAN),
    }
}

fn overlaps(a: &[String], b: &[String]) -> bool {
    a.iter().any(|country| b.contains(country))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartyAgreement {
    Agree,
    Unknown,
    Disagree,
}

/// Whether the doers agree. Outlets disagree on who is the doer of a clash or a meeting, so a
/// doer of one report may be the other's recipient, as long as each side's doers are among the
/// other's parties.
fn compare_doers(a: &ReportFacts, b: &ReportFacts) -> PartyAgreement {
    if a.actor_parties.is_empty() || b.actor_parties.is_empty() {
        return PartyAgreement::Unknown;
    }
    let parties = |facts: &ReportFacts| -> Vec<String> {
        facts
            .actor_parties
            .iter()
            .chain(&facts.recipient_parties)
            .cloned()
            .collect()
    };
    if overlaps(&a.actor_parties, &parties(b)) && overlaps(&b.actor_parties, &parties(a)) {
        PartyAgreement::Agree
    } else {
        PartyAgreement::Disagree
    }
}

fn compare_recipients(a: &ReportFacts, b: &ReportFacts) -> PartyAgreement {
    if a.recipient_parties.is_empty() || b.recipient_parties.is_empty() {
        return PartyAgreement::Unknown;
    }
    let swapped = overlaps(&a.recipient_parties, &b.actor_parties)
        && overlaps(&b.recipient_parties, &a.actor_parties);
    if overlaps(&a.recipient_parties, &b.recipient_parties) || swapped {
        PartyAgreement::Agree
    } else {
        PartyAgreement::Disagree
    }
}

/// Whether reports `a` and `b` tell the same real-world event.
pub fn compare(a: &ReportFacts, b: &ReportFacts) -> Verdict {
    let different = |reason| Verdict::Different { reason };
    if a.article == b.article {
        return different("both come from one article");
    }
    if !compatible_types(a.event).contains(&b.event) {
        return different("their types differ");
    }
    if (a.negated, a.future, a.hypothetical) != (b.negated, b.future, b.hypothetical) {
        return different("one is denied, planned or hypothetical and the other is not");
    }
    let (Some(a_date), Some(b_date)) = (a.date, b.date) else {
        return different("one has no date");
    };
    let dates = compare_dates(a_date, b_date);
    if dates == DateAgreement::Disagree {
        return different("their dates disagree");
    }
    let (places, km) = compare_places(a.place.as_ref(), b.place.as_ref());
    if places == PlaceAgreement::Disagree {
        return different("their places disagree");
    }
    if a.event != b.event && dates != DateAgreement::Exact {
        return different("they differ in type and their dates are not the same day");
    }
    let doers = compare_doers(a, b);
    let recipients = compare_recipients(a, b);
    // One wrongly coded doer should not split an event whose place, day and target agree.
    if doers == PartyAgreement::Disagree
        && !(places == PlaceAgreement::Same && recipients == PartyAgreement::Agree)
    {
        return different("their doers differ");
    }
    if recipients == PartyAgreement::Disagree && places != PlaceAgreement::Same {
        return different("their targets differ");
    }
    let shown = match places {
        PlaceAgreement::Same => true,
        PlaceAgreement::Within => {
            doers == PartyAgreement::Agree || recipients == PartyAgreement::Agree
        }
        PlaceAgreement::Unknown => {
            doers == PartyAgreement::Agree
                && recipients != PartyAgreement::Disagree
                && dates != DateAgreement::Loose
        }
        PlaceAgreement::Disagree => false,
    };
    if !shown {
        return different("nothing but type and date agree");
    }
    let mut reasons = vec![if a.event == b.event {
        "same type".to_string()
    } else {
        format!("{} and {} are one event's sides", a.event, b.event)
    }];
    let mut score = 0;
    reasons.push(
        match dates {
            DateAgreement::Exact => {
                score += 2;
                "same date"
            }
            DateAgreement::Near => {
                score += 1;
                "dates within their tolerance"
            }
            _ => "dates overlap",
        }
        .to_string(),
    );
    match places {
        PlaceAgreement::Same => {
            score += 4;
            reasons.push(format!("same place ({km:.0} km apart)"));
        }
        PlaceAgreement::Within => {
            score += 2;
            reasons.push("one place within the other".to_string());
        }
        _ => reasons.push("place unknown on one side".to_string()),
    }
    if doers == PartyAgreement::Agree {
        score += 2;
        reasons.push("doers agree".to_string());
    }
    if recipients == PartyAgreement::Agree {
        score += 1;
        reasons.push("targets agree".to_string());
    }
    Verdict::Same {
        strength: if dates == DateAgreement::Loose {
            Strength::Loose
        } else {
            Strength::Firm
        },
        score,
        reason: reasons.join(", "),
    }
}

/// The outlet an article's address names: its host, without `www.`.
pub fn outlet_of_url(url: &str) -> Option<String> {
    let host = truce_core::url::url_host(url).to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Which of a real-world event's reports speaks for it: the one whose date the most other
/// reports share, then the one dated by its text rather than by its publication, then the most
/// precise date and place, then the earliest listed (callers list reports oldest first).
pub fn best_supported(reports: &[&EventRecord]) -> usize {
    let precision_rank = |precision: Option<LocationPrecision>| match precision {
        Some(LocationPrecision::Place) => 4,
        Some(LocationPrecision::Admin2) => 3,
        Some(LocationPrecision::Admin1) => 2,
        Some(LocationPrecision::Country) => 1,
        None => 0,
    };
    let mut best = 0;
    let mut best_key = None;
    for (index, report) in reports.iter().enumerate() {
        let sharing = reports
            .iter()
            .filter(|other| other.date.is_some() && other.date == report.date)
            .count();
        let key = (
            sharing,
            !report.date_is_publication,
            report.date_precision,
            precision_rank(
                report
                    .location
                    .as_ref()
                    .and_then(|location| location.precision),
            ),
            report
                .actor
                .iter()
                .chain(&report.recipient)
                .filter(|actor| actor.country.is_some())
                .count(),
        );
        if best_key.as_ref().is_none_or(|best_key| key > *best_key) {
            best = index;
            best_key = Some(key);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<ReportDate> {
        ReportDate::parse(Some(text), Some(DatePrecision::Day), false)
    }

    fn town(name: &str, country: &str, admin1: &str, lat: f64, lon: f64) -> Option<ReportPlace> {
        Some(ReportPlace {
            name: name.into(),
            country: Some(country.into()),
            admin1: Some(admin1.into()),
            lat: Some(lat),
            lon: Some(lon),
            precision: Some(LocationPrecision::Place),
        })
    }

    fn report(article: i64, event: PloverEvent, date: &str, actors: &[&str]) -> ReportFacts {
        ReportFacts {
            article,
            event,
            negated: false,
            future: false,
            hypothetical: false,
            date: day(date),
            place: None,
            actor_parties: actors.iter().map(|code| code.to_string()).collect(),
            recipient_parties: Vec::new(),
        }
    }

    fn is_same(verdict: &Verdict) -> bool {
        matches!(verdict, Verdict::Same { .. })
    }

    #[test]
    fn the_withdrawal_told_by_two_outlets_a_day_apart_is_one_event() {
        let mut a = report(1, PloverEvent::Retreat, "2024-06-12", &["RUS"]);
        a.recipient_parties = vec!["AZE".into()];
        let mut b = report(2, PloverEvent::Retreat, "2024-06-13", &["RUS"]);
        b.date = ReportDate::parse(Some("2024-06-13"), Some(DatePrecision::Day), true);
        b.recipient_parties = vec!["AZE".into()];
        let verdict = compare(&a, &b);
        assert!(
            matches!(&verdict, Verdict::Same { strength: Strength::Firm, reason, .. }
                if reason.contains("doers agree")),
            "{verdict:?}"
        );
        assert_eq!(verdict, compare(&b, &a).clone());
    }

    #[test]
    fn the_same_doers_two_months_later_are_another_event() {
        let a = report(1, PloverEvent::Retreat, "2024-06-12", &["RUS"]);
        let b = report(2, PloverEvent::Retreat, "2024-08-01", &["RUS"]);
        assert_eq!(
            compare(&a, &b),
            Verdict::Different {
                reason: "their dates disagree"
            }
        );
    }

    #[test]
    fn the_same_place_a_week_later_and_the_neighbouring_country_the_same_day_stay_apart() {
        let mut strike = report(1, PloverEvent::Assault, "2024-03-05", &[]);
        strike.place = town("Kharkiv", "UKR", "Kharkiv Oblast", 49.99, 36.23);
        let mut week_later = strike.clone();
        week_later.article = 2;
        week_later.date = day("2024-03-12");
        assert!(!is_same(&compare(&strike, &week_later)));
        let mut next_door = strike.clone();
        next_door.article = 3;
        next_door.place = town("Belgorod", "RUS", "Belgorod Oblast", 50.6, 36.6);
        assert_eq!(
            compare(&strike, &next_door),
            Verdict::Different {
                reason: "their places disagree"
            }
        );
        let mut nearby = strike.clone();
        nearby.article = 4;
        nearby.place = town("Chuhuiv", "UKR", "Kharkiv Oblast", 49.84, 36.69);
        assert!(is_same(&compare(&strike, &nearby)), "37 km apart");
    }

    #[test]
    fn a_shared_country_alone_needs_the_doers_to_agree() {
        let mut protest = report(1, PloverEvent::Protest, "2024-05-01", &[]);
        protest.place = town("Jakarta", "IDN", "Jakarta", -6.2, 106.8);
        let mut national = report(2, PloverEvent::Protest, "2024-05-01", &[]);
        national.place = Some(ReportPlace {
            name: "Indonesia".into(),
            country: Some("IDN".into()),
            precision: Some(LocationPrecision::Country),
            ..ReportPlace::default()
        });
        assert!(!is_same(&compare(&protest, &national)));
        protest.actor_parties = vec!["IDN".into()];
        national.actor_parties = vec!["IDN".into()];
        assert!(is_same(&compare(&protest, &national)));
    }

    #[test]
    fn reports_of_one_article_denials_and_other_types_never_merge() {
        let a = report(1, PloverEvent::Retreat, "2024-06-12", &["RUS"]);
        let same_article = report(1, PloverEvent::Retreat, "2024-06-12", &["RUS"]);
        assert!(!is_same(&compare(&a, &same_article)));
        let mut denied = report(2, PloverEvent::Retreat, "2024-06-12", &["RUS"]);
        denied.negated = true;
        assert!(!is_same(&compare(&a, &denied)));
        let agreement = report(3, PloverEvent::Agree, "2024-06-12", &["RUS"]);
        assert!(!is_same(&compare(&a, &agreement)));
        let assault = report(4, PloverEvent::Assault, "2024-06-12", &["RUS"]);
        let coerce = report(5, PloverEvent::Coerce, "2024-06-12", &["RUS"]);
        assert!(is_same(&compare(&assault, &coerce)));
    }

    #[test]
    fn organisations_without_a_country_are_parties_by_their_code() {
        let mut brussels = report(1, PloverEvent::Sanction, "2025-01-27", &["IGOEUREEC"]);
        brussels.recipient_parties = vec!["VEN".into()];
        let mut other = report(2, PloverEvent::Sanction, "2025-01-27", &["IGOEUREEC"]);
        other.recipient_parties = vec!["VEN".into()];
        assert!(is_same(&compare(&brussels, &other)));
        assert_eq!(party_of("---COP", None), None);
        assert_eq!(party_of("IGOEUREEC", None).as_deref(), Some("IGOEUREEC"));
        assert_eq!(party_of("RUSMIL", Some("RUS")).as_deref(), Some("RUS"));
    }

    #[test]
    fn stood_in_dates_and_other_types_need_closer_days() {
        let place = town("Culiacan", "MEX", "Sinaloa", 24.8, -107.39);
        let mut arrest = report(1, PloverEvent::Coerce, "2024-12-06", &["MEX"]);
        arrest.date = ReportDate::parse(Some("2024-12-06"), Some(DatePrecision::Day), true);
        arrest.place = place.clone();
        let mut ambush = report(2, PloverEvent::Assault, "2024-12-07", &["MEX"]);
        ambush.date = ReportDate::parse(Some("2024-12-07"), Some(DatePrecision::Day), true);
        ambush.place = place.clone();
        assert!(
            !is_same(&compare(&arrest, &ambush)),
            "another type, another day"
        );
        let mut same_type = ambush.clone();
        same_type.event = PloverEvent::Coerce;
        assert!(
            is_same(&compare(&arrest, &same_type)),
            "stood-in days one apart"
        );
        same_type.date = ReportDate::parse(Some("2024-12-08"), Some(DatePrecision::Day), true);
        assert!(
            !is_same(&compare(&arrest, &same_type)),
            "stood-in days two apart"
        );
    }

    #[test]
    fn one_wrong_doer_does_not_split_a_same_place_same_target_event() {
        let place = town("Barcelona", "ESP", "Catalonia", 41.39, 2.17);
        let mut a = report(1, PloverEvent::Coerce, "2024-09-16", &["ESP"]);
        a.place = place.clone();
        a.recipient_parties = vec!["ESP".into()];
        let mut b = report(2, PloverEvent::Coerce, "2024-09-16", &["COL"]);
        b.place = place;
        assert!(!is_same(&compare(&a, &b)), "no target to agree on");
        b.recipient_parties = vec!["ESP".into()];
        assert!(is_same(&compare(&a, &b)));
    }

    #[test]
    fn a_month_wide_report_agrees_only_loosely() {
        let a = report(1, PloverEvent::Retreat, "2024-06-12", &["RUS"]);
        let mut month = report(2, PloverEvent::Retreat, "2024-06", &["RUS"]);
        month.date = ReportDate::parse(Some("2024-06"), Some(DatePrecision::Month), false);
        // Without a place, a loose date is not enough.
        assert!(!is_same(&compare(&a, &month)));
        let place = town("Stepanakert", "AZE", "Karabakh", 39.8, 46.75);
        let (mut a, mut month) = (a, month);
        a.place = place.clone();
        month.place = place;
        assert!(matches!(
            compare(&a, &month),
            Verdict::Same {
                strength: Strength::Loose,
                ..
            }
        ));
    }

    #[test]
    fn facts_survive_their_compact_line() {
        let mut facts = report(7, PloverEvent::Assault, "2024-03-05", &["RUS", "IGOUNO"]);
        facts.place = town("Kharkiv\tcity", "UKR", "Kharkiv Oblast", 49.99, 36.23);
        facts.recipient_parties = vec!["UKR".into()];
        facts.future = true;
        let line = facts.to_compact();
        let mut back = ReportFacts::from_compact(&line).unwrap();
        assert_eq!(back.place.as_ref().unwrap().name, "Kharkiv city");
        back.place.as_mut().unwrap().name = "Kharkiv\tcity".into();
        assert_eq!(back, facts);
        let undated = ReportFacts {
            date: None,
            place: None,
            ..facts.clone()
        };
        let back = ReportFacts::from_compact(&undated.to_compact()).unwrap();
        assert_eq!(back, undated);
        assert_eq!(ReportFacts::from_compact("not\tmine"), None);
        assert_eq!(facts.blocking_keys(), vec!["IGOUNO", "RUS", "UKR"]);
        facts.place = None;
        assert_eq!(
            facts.blocking_keys(),
            vec!["IGOUNO", "RUS"],
            "targets file nothing"
        );
    }

    #[test]
    fn a_compatible_pair_shares_one_group() {
        assert_eq!(type_group(PloverEvent::Assault), "ASSAULT");
        assert_eq!(type_group(PloverEvent::Coerce), "ASSAULT");
        assert_eq!(type_group(PloverEvent::Retreat), "RETREAT");
    }

    #[test]
    fn outlets_are_hosts_without_www() {
        assert_eq!(
            outlet_of_url("https://www.Example.org/news/1?x=2").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            outlet_of_url("http://user@news.example:8080/a").as_deref(),
            Some("news.example")
        );
        assert_eq!(outlet_of_url("").as_deref(), None);
    }
}
