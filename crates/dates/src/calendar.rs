//! Proleptic Gregorian calendar arithmetic on plain integers: day numbers, weekdays, month shifts.
//!
//! The resolver needs only a handful of operations (shift a day by n days, find a weekday, shift a
//! month), so they are written on `truce_core`'s day-number conversions instead of pulling a date
//! library into a hot loop; every function is total over the years news can name.

use truce_core::{DatePrecision, PartialDate};

/// A calendar day as a count of days since 1970-01-01 (negative before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct DayNumber(pub(crate) i64);

impl DayNumber {
    /// The day number of a valid civil date.
    pub(crate) fn from_civil(year: i32, month: u8, day: u8) -> DayNumber {
        DayNumber(truce_core::date::days_from_civil(year, month, day))
    }

    /// The civil date `(year, month, day)` of this day number, or `None` when the year leaves `i32`.
    pub(crate) fn to_civil(self) -> Option<(i32, u8, u8)> {
        truce_core::date::civil_from_days(self.0)
    }

    /// ISO weekday number: 1 for Monday through 7 for Sunday (1970-01-01 was a Thursday).
    pub(crate) fn iso_weekday(self) -> u8 {
        // rem_euclid(7) is in 0..7, so the cast cannot truncate.
        ((self.0 + 3).rem_euclid(7) + 1) as u8
    }

    pub(crate) fn plus_days(self, days: i64) -> Option<DayNumber> {
        self.0.checked_add(days).map(DayNumber)
    }

    /// This day as a day-precision `PartialDate`.
    pub(crate) fn to_partial_date(self) -> Option<PartialDate> {
        let (year, month, day) = self.to_civil()?;
        PartialDate::day(year, month, day)
    }
}

/// The day number of a day-precision date, `None` for anything coarser.
pub(crate) fn day_number_of(date: &PartialDate) -> Option<DayNumber> {
    if date.precision != DatePrecision::Day {
        return None;
    }
    let reparsed = PartialDate::day(date.year, date.month?, date.day?)?;
    Some(DayNumber::from_civil(
        reparsed.year,
        reparsed.month?,
        reparsed.day?,
    ))
}

/// `(year, month)` moved by `months` (negative moves back).
pub(crate) fn shift_month(year: i32, month: u8, months: i64) -> Option<(i32, u8)> {
    let index = i64::from(year)
        .checked_mul(12)?
        .checked_add(i64::from(month) - 1)?
        .checked_add(months)?;
    let shifted_year = i32::try_from(index.div_euclid(12)).ok()?;
    let shifted_month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
    Some((shifted_year, shifted_month))
}

/// The latest day with ISO weekday `weekday` that is on or before `reference`
/// (strictly before it when `strictly_before`).
pub(crate) fn latest_weekday(
    reference: DayNumber,
    weekday: u8,
    strictly_before: bool,
) -> DayNumber {
    let back = (i64::from(reference.iso_weekday()) - i64::from(weekday)).rem_euclid(7);
    let back = if strictly_before && back == 0 {
        7
    } else {
        back
    };
    DayNumber(reference.0 - back)
}

/// The earliest day with ISO weekday `weekday` strictly after `reference`.
pub(crate) fn next_weekday(reference: DayNumber, weekday: u8) -> DayNumber {
    let forward = (i64::from(weekday) - i64::from(reference.iso_weekday())).rem_euclid(7);
    DayNumber(reference.0 + if forward == 0 { 7 } else { forward })
}

/// The smallest period (month, else year, else decade) that holds both days: honest about what a
/// stretch of days such as a calendar week tells, when it straddles a month or year boundary.
pub(crate) fn smallest_period_holding(first: DayNumber, last: DayNumber) -> Option<PartialDate> {
    let (first_year, first_month, _) = first.to_civil()?;
    let (last_year, last_month, _) = last.to_civil()?;
    if first_year == last_year && first_month == last_month {
        return PartialDate::month(first_year, first_month);
    }
    if first_year == last_year {
        return Some(PartialDate::year(first_year));
    }
    let first_decade = PartialDate::decade(first_year);
    (first_decade == PartialDate::decade(last_year)).then_some(first_decade)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip_through_day_numbers() {
        for (year, month, day) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2024, 6, 12),
            (1900, 3, 1),
            (2100, 12, 31),
            (1, 1, 1),
        ] {
            let number = DayNumber::from_civil(year, month, day);
            assert_eq!(number.to_civil(), Some((year, month, day)));
        }
        assert_eq!(DayNumber::from_civil(1970, 1, 1), DayNumber(0));
        assert_eq!(
            DayNumber::from_civil(2024, 3, 1).0 - DayNumber::from_civil(2024, 2, 28).0,
            2
        );
    }

    #[test]
    fn weekdays_match_known_dates() {
        // 2024-06-12 was a Wednesday; 1970-01-01 a Thursday.
        assert_eq!(DayNumber::from_civil(2024, 6, 12).iso_weekday(), 3);
        assert_eq!(DayNumber(0).iso_weekday(), 4);
        let wednesday = DayNumber::from_civil(2024, 6, 12);
        assert_eq!(
            latest_weekday(wednesday, 2, false).to_civil(),
            Some((2024, 6, 11))
        );
        assert_eq!(latest_weekday(wednesday, 3, false), wednesday);
        assert_eq!(
            latest_weekday(wednesday, 3, true).to_civil(),
            Some((2024, 6, 5))
        );
        assert_eq!(next_weekday(wednesday, 2).to_civil(), Some((2024, 6, 18)));
        assert_eq!(next_weekday(wednesday, 3).to_civil(), Some((2024, 6, 19)));
    }

    #[test]
    fn months_shift_across_years() {
        assert_eq!(shift_month(2024, 1, -1), Some((2023, 12)));
        assert_eq!(shift_month(2024, 12, 1), Some((2025, 1)));
        assert_eq!(shift_month(2024, 6, -18), Some((2022, 12)));
    }

    #[test]
    fn a_straddling_stretch_widens_to_the_period_that_holds_it() {
        let june = smallest_period_holding(
            DayNumber::from_civil(2024, 6, 3),
            DayNumber::from_civil(2024, 6, 9),
        );
        assert_eq!(june, PartialDate::month(2024, 6));
        let across_months = smallest_period_holding(
            DayNumber::from_civil(2024, 5, 27),
            DayNumber::from_civil(2024, 6, 2),
        );
        assert_eq!(across_months, Some(PartialDate::year(2024)));
        let across_years = smallest_period_holding(
            DayNumber::from_civil(2024, 12, 30),
            DayNumber::from_civil(2025, 1, 5),
        );
        assert_eq!(across_years, Some(PartialDate::decade(2020)));
    }
}
