//! Dates as precise as the text allows: a year, a month or a day, written as an ISO 8601 prefix.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How much of a date the text actually gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Decade,
    Year,
    Month,
    Day,
}

impl DatePrecision {
    pub fn as_str(&self) -> &'static str {
        match self {
            DatePrecision::Decade => "decade",
            DatePrecision::Year => "year",
            DatePrecision::Month => "month",
            DatePrecision::Day => "day",
        }
    }
}

/// A calendar date known to some precision. A decade is stored as its first year
/// (1990 for "the 1990s") with `DatePrecision::Decade`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub precision: DatePrecision,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PartialDateError {
    #[error("`{text}` is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")]
    NotIso { text: String },
    #[error("`{text}` names a month or day that does not exist")]
    OutOfRange { text: String },
}

impl PartialDate {
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month))
            .contains(&day)
            .then_some(())?;
        Some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
            precision: DatePrecision::Day,
        })
    }

    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(())?;
        Some(PartialDate {
            year,
            month: Some(month),
            day: None,
            precision: DatePrecision::Month,
        })
    }

    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
            precision: DatePrecision::Year,
        }
    }

    pub fn decade(first_year: i32) -> Self {
        PartialDate {
            year: first_year - first_year.rem_euclid(10),
            month: None,
            day: None,
            precision: DatePrecision::Decade,
        }
    }

    /// Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYYMMDD`; anything after a `T` (a time) is ignored.
    pub fn parse_iso(text: &str) -> Result<Self, PartialDateError> {
        let trimmed = text.trim();
        let date_part = trimmed.split(['T', ' ']).next().unwrap_or_default();
        let not_iso = || PartialDateError::NotIso {
            text: text.to_string(),
        };
        let out_of_range = || PartialDateError::OutOfRange {
            text: text.to_string(),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if date_part.len() == 8 && all_digits(date_part) {
            let year = date_part[0..4].parse().map_err(|_| not_iso())?;
            let month = date_part[4..6].parse().map_err(|_| not_iso())?;
            let day = date_part[6..8].parse().map_err(|_| not_iso())?;
            return PartialDate::day(year, month, day).ok_or_else(out_of_range);
        }
        let parts: Vec<&str> = date_part.split('-').collect();
        if parts.is_empty() || parts.len() > 3 || !parts.iter().all(|p| all_digits(p)) {
            return Err(not_iso());
        }
        if parts[0].len() != 4 || parts.iter().skip(1).any(|p| p.len() != 2) {
            return Err(not_iso());
        }
        let year: i32 = parts[0].parse().map_err(|_| not_iso())?;
        match parts.len() {
            1 => Ok(PartialDate::year(year)),
            2 => PartialDate::month(year, parts[1].parse().map_err(|_| not_iso())?)
                .ok_or_else(out_of_range),
            _ => PartialDate::day(
                year,
                parts[1].parse().map_err(|_| not_iso())?,
                parts[2].parse().map_err(|_| not_iso())?,
            )
            .ok_or_else(out_of_range),
        }
    }

    /// The ISO 8601 prefix as precise as the date is: `2024`, `2024-06` or `2024-06-12`.
    /// A decade is written as its first year; its precision field says it is a decade.
    pub fn to_iso_prefix(&self) -> String {
        match (self.precision, self.month, self.day) {
            (DatePrecision::Day, Some(month), Some(day)) => {
                format!("{:04}-{:02}-{:02}", self.year, month, day)
            }
            (DatePrecision::Month, Some(month), _) => format!("{:04}-{:02}", self.year, month),
            _ => format!("{:04}", self.year),
        }
    }

    /// The same date with its precision lowered to at most `precision`.
    pub fn truncated(&self, precision: DatePrecision) -> PartialDate {
        let precision = precision.min(self.precision);
        PartialDate {
            year: self.year,
            month: if precision >= DatePrecision::Month {
                self.month
            } else {
                None
            },
            day: if precision >= DatePrecision::Day {
                self.day
            } else {
                None
            },
            precision,
        }
    }
}

impl PartialDate {
    /// The date an event record states: its ISO prefix read at its stated precision (a decade
    /// as the decade of its year). `None` when there is no date or it is not an ISO prefix.
    pub fn as_stated(date: Option<&str>, precision: Option<DatePrecision>) -> Option<PartialDate> {
        let parsed = PartialDate::parse_iso(date?).ok()?;
        Some(match precision {
            Some(DatePrecision::Decade) => PartialDate::decade(parsed.year),
            Some(stated) => parsed.truncated(stated),
            None => parsed,
        })
    }

    /// The first and last day the date covers, as days since 1970-01-01: `2024-06` covers the
    /// 1st to the 30th of June, the decade `1990` covers 1990-01-01 to 1999-12-31.
    pub fn covered_days(&self) -> (i64, i64) {
        match (self.precision, self.month, self.day) {
            (DatePrecision::Day, Some(month), Some(day)) => {
                let day = days_from_civil(self.year, month, day);
                (day, day)
            }
            (DatePrecision::Day | DatePrecision::Month, Some(month), _) => (
                days_from_civil(self.year, month, 1),
                days_from_civil(self.year, month, days_in_month(self.year, month)),
            ),
            (DatePrecision::Decade, _, _) => {
                let first_year = self.year - self.year.rem_euclid(10);
                (
                    days_from_civil(first_year, 1, 1),
                    days_from_civil(first_year + 9, 12, 31),
                )
            }
            _ => (
                days_from_civil(self.year, 1, 1),
                days_from_civil(self.year, 12, 31),
            ),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso_prefix())
    }
}

/// Days since 1970-01-01 (negative before it) of a valid proleptic Gregorian date, by Howard
/// Hinnant's `days_from_civil`. Plain integer arithmetic: date resolution and the coder's dated
/// roles call it in their inner loops.
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date `(year, month, day)` of a count of days since 1970-01-01, the inverse of
/// [`days_from_civil`]; `None` when the year leaves `i32`.
pub fn civil_from_days(days: i64) -> Option<(i32, u8, u8)> {
    let shifted = days.checked_add(719_468)?;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Some((
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    ))
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_prefixes_round_trip_at_every_precision() {
        for text in ["2024", "2024-06", "2024-06-12"] {
            assert_eq!(PartialDate::parse_iso(text).unwrap().to_iso_prefix(), text);
        }
        assert_eq!(
            PartialDate::parse_iso("20240612").unwrap().to_iso_prefix(),
            "2024-06-12"
        );
        assert_eq!(
            PartialDate::parse_iso("2024-06-12T10:00:00Z")
                .unwrap()
                .to_iso_prefix(),
            "2024-06-12"
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(PartialDate::parse_iso("2023-02-29").is_err());
        assert!(PartialDate::parse_iso("2024-13").is_err());
        assert!(PartialDate::parse_iso("June").is_err());
        assert!(PartialDate::parse_iso("2024-6-1").is_err());
        assert!(PartialDate::parse_iso("2024-02-29").is_ok());
    }

    #[test]
    fn a_decade_starts_on_its_round_year() {
        let decade = PartialDate::decade(1994);
        assert_eq!(decade.year, 1990);
        assert_eq!(decade.to_iso_prefix(), "1990");
        assert_eq!(decade.precision, DatePrecision::Decade);
    }
}
