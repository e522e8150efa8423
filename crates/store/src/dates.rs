//! The calendar days a partial date covers, as ISO strings the date filters compare against.

use truce_core::date::days_in_month;
use truce_core::{DatePrecision, PartialDate};

/// The first and last day (`YYYY-MM-DD`) a partial date covers: `2024-06` covers `2024-06-01`
/// to `2024-06-30`, the decade `1990` covers `1990-01-01` to `1999-12-31`.
pub(crate) fn covered_days(date: &PartialDate) -> (String, String) {
    let day = |year: i32, month: u8, day: u8| format!("{year:04}-{month:02}-{day:02}");
    match (date.precision, date.month, date.day) {
        (DatePrecision::Day, Some(month), Some(day_of_month)) => (
            day(date.year, month, day_of_month),
            day(date.year, month, day_of_month),
        ),
        (DatePrecision::Day | DatePrecision::Month, Some(month), _) => (
            day(date.year, month, 1),
            day(date.year, month, days_in_month(date.year, month)),
        ),
        (DatePrecision::Decade, _, _) => {
            let first_year = date.year - date.year.rem_euclid(10);
            (day(first_year, 1, 1), day(first_year + 9, 12, 31))
        }
        _ => (day(date.year, 1, 1), day(date.year, 12, 31)),
    }
}

/// The partial date an event record states: its ISO prefix read at its stated precision.
/// `None` when the record has no date or one that is not an ISO prefix.
pub(crate) fn event_date(
    date: Option<&str>,
    precision: Option<DatePrecision>,
) -> Option<PartialDate> {
    let parsed = PartialDate::parse_iso(date?).ok()?;
    Some(match precision {
        Some(DatePrecision::Decade) => PartialDate::decade(parsed.year),
        Some(stated) => parsed.truncated(stated),
        None => parsed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_precision_covers_its_whole_period() {
        let range =
            |text: &str, precision| covered_days(&event_date(Some(text), Some(precision)).unwrap());
        assert_eq!(
            range("2024-06-12", DatePrecision::Day),
            ("2024-06-12".into(), "2024-06-12".into())
        );
        assert_eq!(
            range("2024-02", DatePrecision::Month),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert_eq!(
            range("2023", DatePrecision::Year),
            ("2023-01-01".into(), "2023-12-31".into())
        );
        assert_eq!(
            range("1990", DatePrecision::Decade),
            ("1990-01-01".into(), "1999-12-31".into())
        );
        // A record that says "month" for a full date is read at the precision it states.
        assert_eq!(
            range("2024-06-12", DatePrecision::Month),
            ("2024-06-01".into(), "2024-06-30".into())
        );
    }

    #[test]
    fn unreadable_or_missing_dates_cover_nothing() {
        assert_eq!(event_date(None, Some(DatePrecision::Day)), None);
        assert_eq!(event_date(Some("last week"), None), None);
    }
}
