//! The calendar days a partial date covers, as ISO strings the date filters compare against.

use truce_core::date::civil_from_days;
use truce_core::{DatePrecision, PartialDate};

/// The first and last day (`YYYY-MM-DD`) a partial date covers: `2024-06` covers `2024-06-01`
/// to `2024-06-30`, the decade `1990` covers `1990-01-01` to `1999-12-31`.
pub(crate) fn covered_days(date: &PartialDate) -> (String, String) {
    let (first, last) = date.covered_days();
    (day_text(first), day_text(last))
}

fn day_text(day: i64) -> String {
    match civil_from_days(day) {
        Some((year, month, day_of_month)) => format!("{year:04}-{month:02}-{day_of_month:02}"),
        None => String::new(),
    }
}

/// The partial date an event record states: see [`PartialDate::as_stated`].
pub(crate) fn event_date(
    date: Option<&str>,
    precision: Option<DatePrecision>,
) -> Option<PartialDate> {
    PartialDate::as_stated(date, precision)
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
