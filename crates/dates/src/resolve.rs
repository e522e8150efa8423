//! Turning what a pattern captured into a `PartialDate`, using the publication date where needed.
//!
//! The rules, in the order they are tried:
//! - a relative expression ("yesterday", "two weeks ago") moves the publication date by its
//!   shift; days keep day precision, months month precision, years year precision; a week gives
//!   the smallest period (month, else year, else decade) holding the whole calendar week, since
//!   a week that straddles two months tells neither month for sure;
//! - a decade or a year in the text is taken as written;
//! - a day and month without a year take the latest such date not after publication;
//! - a month alone takes the latest such month not after publication's month;
//! - a weekday alone takes the latest such weekday not after the publication day (news writes
//!   "on Tuesday" for today as well as for earlier days this week).
//!
//! `before_publication` makes the last three strictly before publication ("Mei lalu", "last
//! Tuesday"); `after_publication` makes them the earliest strictly after it ("17 Agustus
//! mendatang", "next Tuesday"). Without a publication date, or with one too coarse, anything that needs it gives
//! nothing: no date is better than a guessed one.

use crate::calendar::{
    day_number_of, latest_weekday, next_weekday, shift_month, smallest_period_holding,
};
use crate::pattern::{Captures, Unit};
use crate::rules::{DateRules, Direction, Expression};
use truce_core::{DatePrecision, PartialDate};

/// How many years from the publication's a day or month without a year lies, given where it
/// falls within the year (`named`) against the publication (`published`).
fn year_offset<T: Ord>(direction: Direction, named: T, published: T) -> i32 {
    match direction {
        Direction::LatestNotAfter => -i32::from(named > published),
        Direction::Before => -i32::from(named >= published),
        Direction::After => i32::from(named <= published),
    }
}

impl DateRules {
    /// The date an expression's captures name, or `None` when it cannot be known.
    pub(crate) fn resolve(
        &self,
        expression: &Expression,
        captures: &Captures,
        publication: Option<&PartialDate>,
    ) -> Option<PartialDate> {
        let publication = publication.filter(|date| date.precision >= DatePrecision::Year);
        if let Some(shift) = expression.shift {
            let unit = expression.unit.or(captures.unit)?;
            let amount = shift.checked_mul(i64::from(captures.count.unwrap_or(1)))?;
            return self.shift_publication(publication?, unit, amount);
        }
        if let Some(decade) = captures.decade {
            return Some(PartialDate::decade(decade));
        }
        if let Some(year) = captures.year {
            return match (captures.month, captures.day) {
                (Some(month), Some(day)) => PartialDate::day(year, month, day),
                (Some(month), None) => PartialDate::month(year, month),
                _ => Some(PartialDate::year(year)),
            };
        }
        let publication = publication?;
        let direction = expression.direction;
        match (captures.month, captures.day, captures.weekday) {
            (Some(month), Some(day), _) => {
                let publication_month = publication.month?;
                let publication_day = publication.day.unwrap_or(31);
                let year = publication.year
                    + year_offset(
                        direction,
                        (month, day),
                        (publication_month, publication_day),
                    );
                PartialDate::day(year, month, day)
            }
            (Some(month), None, _) => {
                let publication_month = publication.month?;
                let year = publication.year + year_offset(direction, month, publication_month);
                PartialDate::month(year, month)
            }
            (None, None, Some(weekday)) => {
                let reference = day_number_of(publication)?;
                match direction {
                    Direction::LatestNotAfter => latest_weekday(reference, weekday, false),
                    Direction::Before => latest_weekday(reference, weekday, true),
                    Direction::After => next_weekday(reference, weekday),
                }
                .to_partial_date()
            }
            _ => None,
        }
    }

    /// The publication date moved by `amount` units, at the precision the unit allows.
    fn shift_publication(
        &self,
        publication: &PartialDate,
        unit: Unit,
        amount: i64,
    ) -> Option<PartialDate> {
        match unit {
            Unit::Day => day_number_of(publication)?
                .plus_days(amount)?
                .to_partial_date(),
            Unit::Week => {
                let target = day_number_of(publication)?.plus_days(amount.checked_mul(7)?)?;
                let back = (i64::from(target.iso_weekday()) - i64::from(self.first_day_of_week))
                    .rem_euclid(7);
                let first = target.plus_days(-back)?;
                let last = first.plus_days(6)?;
                smallest_period_holding(first, last)
            }
            Unit::Month => {
                let (year, month) = shift_month(publication.year, publication.month?, amount)?;
                PartialDate::month(year, month)
            }
            Unit::Year => {
                let year = i64::from(publication.year).checked_add(amount)?;
                Some(PartialDate::year(i32::try_from(year).ok()?))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::DayNumber;
    use crate::pattern::parse_pattern;

    fn rules() -> DateRules {
        DateRules::from_toml("test", "[calendar]\nfirst_day_of_week = 1").unwrap()
    }

    fn expression(shift: Option<i64>, unit: Option<Unit>, before_publication: bool) -> Expression {
        let direction = if before_publication {
            Direction::Before
        } else {
            Direction::LatestNotAfter
        };
        Expression {
            elements: parse_pattern("x").unwrap(),
            unit,
            shift,
            direction,
            absolute: false,
        }
    }

    #[test]
    fn weeks_resolve_to_the_period_holding_the_calendar_week() {
        let rules = rules();
        let publication = PartialDate::day(2024, 6, 12).unwrap();
        let last_week = expression(Some(-1), Some(Unit::Week), false);
        // 2024-06-03 (Monday) to 2024-06-09: all in June.
        assert_eq!(
            rules.resolve(&last_week, &Captures::default(), Some(&publication)),
            PartialDate::month(2024, 6)
        );
        // Published 2024-06-05: last week is 2024-05-27 to 2024-06-02, across two months.
        let early_june = PartialDate::day(2024, 6, 5).unwrap();
        assert_eq!(
            rules.resolve(&last_week, &Captures::default(), Some(&early_june)),
            Some(PartialDate::year(2024))
        );
        assert_eq!(DayNumber::from_civil(2024, 6, 3).iso_weekday(), 1);
    }

    #[test]
    fn a_coarse_publication_date_resolves_only_what_it_can() {
        let rules = rules();
        let june = PartialDate::month(2024, 6).unwrap();
        let yesterday = expression(Some(-1), Some(Unit::Day), false);
        assert_eq!(
            rules.resolve(&yesterday, &Captures::default(), Some(&june)),
            None
        );
        let last_month = expression(Some(-1), Some(Unit::Month), false);
        assert_eq!(
            rules.resolve(&last_month, &Captures::default(), Some(&june)),
            PartialDate::month(2024, 5)
        );
        let in_may = Captures {
            month: Some(5),
            ..Captures::default()
        };
        let plain = expression(None, None, false);
        assert_eq!(
            rules.resolve(&plain, &in_may, Some(&june)),
            PartialDate::month(2024, 5)
        );
        assert_eq!(
            rules.resolve(&plain, &in_may, Some(&PartialDate::year(2024))),
            None
        );
    }

    #[test]
    fn before_publication_skips_the_publication_period() {
        let rules = rules();
        let publication = PartialDate::day(2024, 5, 20).unwrap();
        let may = Captures {
            month: Some(5),
            ..Captures::default()
        };
        assert_eq!(
            rules.resolve(&expression(None, None, false), &may, Some(&publication)),
            PartialDate::month(2024, 5)
        );
        assert_eq!(
            rules.resolve(&expression(None, None, true), &may, Some(&publication)),
            PartialDate::month(2023, 5)
        );
    }

    #[test]
    fn february_29_without_a_year_needs_a_leap_year() {
        let rules = rules();
        let leap_day = Captures {
            month: Some(2),
            day: Some(29),
            ..Captures::default()
        };
        let plain = expression(None, None, false);
        let in_2025 = PartialDate::day(2025, 6, 1).unwrap();
        assert_eq!(rules.resolve(&plain, &leap_day, Some(&in_2025)), None);
        let in_2024 = PartialDate::day(2024, 6, 1).unwrap();
        assert_eq!(
            rules.resolve(&plain, &leap_day, Some(&in_2024)),
            PartialDate::day(2024, 2, 29)
        );
    }
}
