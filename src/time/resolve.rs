//! Unresolved expressions to day spans, against a reference date and a bias.
//!
//! Conventions (each follows news usage or, where news is silent, the
//! Duckling corpus): weeks start on Monday; "next Thursday" is the Thursday of
//! next week and "last Thursday" the one of last week; a bare weekday is the
//! most recent one on or before the reference under past bias (the
//! reference's own weekday is that day) and the next one after it under
//! future bias; windows such as "the next three days" exclude the current
//! unit, while "within ten days" starts on the reference day.

use super::parse::{Expr, Holiday, Part, Rest, WeekShift};
use super::{Bias, Grain, TimeSpan};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

pub fn resolve(e: &Expr, r: NaiveDate, bias: Bias) -> Option<TimeSpan> {
    match e {
        Expr::Date { year, month, day } => date(*year, *month, *day, r, bias).map(TimeSpan::day),
        Expr::DayOfMonth(d) => day_of_month(*d, r, bias).map(TimeSpan::day),
        Expr::Month { year: Some(y), month } => month_span(*y, *month),
        Expr::Month { year: None, month } => {
            let y = pick_year(r, bias, |y| NaiveDate::from_ymd_opt(y, *month, 1), Grain::Month)?;
            month_span(y, *month)
        }
        Expr::MonthAfterNext(m) => {
            let y = pick_year(r, Bias::Future, |y| NaiveDate::from_ymd_opt(y, *m, 1), Grain::Month)?;
            month_span(y + 1, *m)
        }
        Expr::Year(y) => year_span(*y),
        Expr::Quarter { year, quarter } => {
            let y = match year {
                Some(y) => *y,
                None => {
                    let current = (r.month() - 1) / 3 + 1;
                    if bias == Bias::Past && *quarter > current {
                        r.year() - 1
                    } else {
                        r.year()
                    }
                }
            };
            let start = NaiveDate::from_ymd_opt(y, (quarter - 1) * 3 + 1, 1)?;
            Some(TimeSpan::new(start, start.checked_add_months(Months::new(3))?, Grain::Quarter))
        }
        Expr::Weekday { weekday, shift } => weekday_day(*weekday, *shift, r, bias).map(TimeSpan::day),
        Expr::WeekdayDate { weekday, date: d } => weekday_date(*weekday, d, r, bias).map(TimeSpan::day),
        Expr::DayOffset(n) => r.checked_add_signed(chrono::Duration::days(*n)).map(TimeSpan::day),
        Expr::Relative { unit, offset } => {
            let (s, _) = unit_bounds(r, *unit)?;
            let s = add_units(s, *unit, *offset)?;
            Some(TimeSpan::new(s, add_units(s, *unit, 1)?, *unit))
        }
        Expr::Weekend { offset } => {
            let (monday, _) = unit_bounds(r, Grain::Week)?;
            let sat = add_units(monday, Grain::Week, *offset)? + Days::new(5);
            Some(TimeSpan::new(sat, sat + Days::new(2), Grain::Day))
        }
        Expr::Shifted { n, unit, exact } => {
            let d = add_units(r, *unit, *n)?;
            Some(match unit {
                // "four years ago" names a year; "3 years from today" a day.
                Grain::Year if !exact => year_span(d.year())?,
                _ => TimeSpan::day(d),
            })
        }
        Expr::ShiftFrom { n, unit, base } => {
            let b = resolve(base, r, bias)?;
            Some(TimeSpan::day(add_units(b.start, *unit, *n)?))
        }
        Expr::MonthShift { month, dir } => {
            let here = r.year() * 12 + r.month() as i32 - 1;
            let this = r.year() * 12 + *month as i32 - 1;
            let idx = match dir {
                1 if this > here => this,
                1 => this + 12,
                -1 if this < here => this,
                -1 => this - 12,
                _ => this,
            };
            month_span(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
        }
        Expr::NthWeekOf { n, of } => {
            let span = resolve(of, r, bias)?;
            // Whole Monday-to-Sunday weeks inside the period.
            let back = (7 - span.start.weekday().num_days_from_monday()) % 7;
            let first = span.start + Days::new(back as u64);
            let count = ((span.end - first).num_days() / 7).max(0);
            let k = if *n > 0 { n - 1 } else { count + n };
            if k < 0 || k >= count {
                return None;
            }
            let s = first + Days::new(7 * k as u64);
            Some(TimeSpan::new(s, s + Days::new(7), Grain::Week))
        }
        Expr::Season { season, offset } => season_span(*season, *offset, r, bias),
        Expr::WeekdayCount { n, weekday } => {
            let mut d = r;
            let step: i64 = if *n > 0 { 1 } else { -1 };
            let mut left = n.abs();
            while left > 0 {
                d = d.checked_add_signed(chrono::Duration::days(step))?;
                if d.weekday() == *weekday {
                    left -= 1;
                }
            }
            Some(TimeSpan::day(d))
        }
        Expr::Window { n, unit, within } => window(*n, *unit, *within, r),
        Expr::Part { part, of } => {
            if let Expr::Weekday { .. } = **of {
                return resolve(of, r, bias);
            }
            let span = resolve(of, r, bias)?;
            part_of(*part, &span)
        }
        Expr::RestOf { unit, which } => {
            let (s, e) = unit_bounds(r, *unit)?;
            let (a, b) = match which {
                Rest::Earlier if s < r => (s, r),
                Rest::Earlier => (r, r + Days::new(1)),
                Rest::Later => (r + Days::new(1), e),
                Rest::Remainder => (r, e),
            };
            Some(TimeSpan::new(a, b, Grain::Day))
        }
        Expr::Open { open, of, at_end } => {
            // "by Jan. 14", "until Thursday": a deadline or an end, nearest
            // to the reference whichever way the clause looks.
            let span = resolve(of, r, if *at_end { Bias::Nearest } else { bias })?;
            let boundary = if *at_end { span.end } else { span.start };
            Some(TimeSpan { start: boundary, end: boundary + Days::new(1), grain: span.grain, open: Some(*open) })
        }
        Expr::Range(a, b) => {
            let a = resolve(a, r, bias)?;
            // The end of a range comes after its start.
            let b = resolve(b, a.start, Bias::Future)
                .filter(|b| b.end > a.start)
                .or_else(|| resolve(b, a.start, Bias::Nearest))?;
            if b.end <= a.start {
                return None;
            }
            Some(TimeSpan::new(a.start, b.end, a.grain.min(b.grain)))
        }
        Expr::Holiday { holiday, year } => {
            let d = match year {
                Some(y) => holiday_date(*holiday, *y)?,
                None => {
                    let y = pick_year(r, bias, |y| holiday_date(*holiday, y), Grain::Day)?;
                    holiday_date(*holiday, y)?
                }
            };
            Some(TimeSpan::day(d))
        }
        Expr::NthWeekdayOf { n, weekday, of } => {
            let span = resolve(of, r, if bias == Bias::Past { Bias::Past } else { Bias::Future })?;
            let d = nth_weekday_in(span.start, span.end, *weekday, *n)?;
            Some(TimeSpan::day(d))
        }
        Expr::NthDayOf { n, of } => {
            let span = resolve(of, r, bias)?;
            let d = if *n > 0 {
                span.start.checked_add_days(Days::new(*n as u64 - 1))?
            } else {
                span.end.checked_sub_days(Days::new(n.unsigned_abs()))?
            };
            (d >= span.start && d < span.end).then(|| TimeSpan::day(d))
        }
        Expr::WeekOf(d) => {
            let day = resolve(d, r, bias)?;
            let (s, e) = unit_bounds(day.start, Grain::Week)?;
            Some(TimeSpan::new(s, e, Grain::Week))
        }
    }
}

/// The TIMEX3 value of an expression: the span's own, except that a part of
/// a period ("late November", "early 1997") is valued as the period (TIMEX3
/// marks the part with a modifier), and "six weeks ago" is a week, "two
/// months ago" a month.
pub fn timex(e: &Expr, r: NaiveDate, bias: Bias) -> Option<String> {
    match e {
        Expr::Part { of, .. } if !matches!(**of, Expr::Weekday { .. }) => resolve(of, r, bias).map(|s| s.timex()),
        Expr::Shifted { unit: unit @ (Grain::Week | Grain::Month), exact: false, .. } => {
            let s = resolve(e, r, bias)?;
            Some(TimeSpan { grain: *unit, ..s }.timex())
        }
        _ => resolve(e, r, bias).map(|s| s.timex()),
    }
}

/// For "Tuesday, March 4": the weekday written and the date it names, when
/// they disagree.
pub fn weekday_mismatch(e: &Expr, r: NaiveDate, bias: Bias) -> Option<(Weekday, NaiveDate)> {
    let Expr::WeekdayDate { weekday, date: d } = e else { return None };
    let Expr::Date { year, month, day } = **d else { return None };
    let resolved = date(year, month, day, r, bias)?;
    (resolved.weekday() != *weekday).then_some((*weekday, resolved))
}

fn date(year: Option<i32>, month: u32, day: u32, r: NaiveDate, bias: Bias) -> Option<NaiveDate> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day),
        None => {
            let y = pick_year(r, bias, |y| NaiveDate::from_ymd_opt(y, month, day), Grain::Day)?;
            NaiveDate::from_ymd_opt(y, month, day)
        }
    }
}

/// Choose the year of a yearless date or month by the bias. Future takes the
/// earliest one on or after the reference (for a month: the reference's
/// month counts). Past follows news usage: the one from nine months before
/// the reference's month to two after it ("on March 12" in a February story is
/// next month, "in January" in an October story is this year's). Nearest
/// takes the closest.
fn pick_year(r: NaiveDate, bias: Bias, make: impl Fn(i32) -> Option<NaiveDate>, grain: Grain) -> Option<i32> {
    let key = |d: NaiveDate| match grain {
        Grain::Month => NaiveDate::from_ymd_opt(d.year(), d.month(), 1),
        _ => Some(d),
    };
    let rk = key(r)?;
    let candidates: Vec<(i32, NaiveDate)> =
        (r.year() - 1..=r.year() + 1).filter_map(|y| make(y).and_then(key).map(|d| (y, d))).collect();
    match bias {
        Bias::Past => {
            // Whole months: nine before the reference's month to two after.
            let months = |d: NaiveDate| d.year() * 12 + d.month() as i32;
            let (lo, hi) = (months(rk) - 9, months(rk) + 2);
            let in_window = |d: NaiveDate| (lo..=hi).contains(&months(d));
            candidates
                .iter()
                .find(|(_, d)| in_window(*d))
                .or_else(|| candidates.iter().rev().find(|(_, d)| *d <= rk))
                .map(|c| c.0)
        }
        Bias::Future => candidates.iter().find(|(_, d)| *d >= rk).map(|c| c.0),
        Bias::Nearest => {
            // The closest month, ties to the past, so that a day and its month
            // always land in the same year.
            let months = |d: NaiveDate| d.year() * 12 + d.month() as i32;
            let key =
                |d: NaiveDate| ((months(d) - months(rk)).abs(), months(d) > months(rk), (d - rk).num_days().abs());
            candidates.iter().min_by_key(|(_, d)| key(*d)).map(|c| c.0)
        }
    }
}

fn day_of_month(d: u32, r: NaiveDate, bias: Bias) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(r.year(), r.month(), d);
    let first = NaiveDate::from_ymd_opt(r.year(), r.month(), 1)?;
    let try_month = |k: i32| -> Option<NaiveDate> {
        let m = if k >= 0 {
            first.checked_add_months(Months::new(k as u32))?
        } else {
            first.checked_sub_months(Months::new((-k) as u32))?
        };
        NaiveDate::from_ymd_opt(m.year(), m.month(), d)
    };
    match bias {
        Bias::Past => this.filter(|x| *x <= r).or_else(|| (1..=12).find_map(|k| try_month(-k))),
        Bias::Future => this.filter(|x| *x >= r).or_else(|| (1..=12).find_map(try_month)),
        Bias::Nearest => {
            let past = day_of_month(d, r, Bias::Past)?;
            let fut = day_of_month(d, r, Bias::Future)?;
            Some(if (r - past).num_days() <= (fut - r).num_days() { past } else { fut })
        }
    }
}

/// Astronomical seasons as news and the Duckling corpus use them: spring
/// from March 20, summer from June 21, autumn from September 23, winter from
/// December 21 (to March 21).
fn season_bounds(year: i32, idx: u8) -> Option<(NaiveDate, NaiveDate)> {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
    Some(match idx {
        0 => (d(year, 3, 20)?, d(year, 6, 21)?),
        1 => (d(year, 6, 21)?, d(year, 9, 24)?),
        2 => (d(year, 9, 23)?, d(year, 12, 21)?),
        _ => (d(year, 12, 21)?, d(year + 1, 3, 21)?),
    })
}

fn season_span(season: Option<u8>, offset: i64, r: NaiveDate, bias: Bias) -> Option<TimeSpan> {
    // Seasons in order, as (year, index) -> a running number.
    let number = |y: i32, i: u8| y as i64 * 4 + i as i64;
    let from_number = |k: i64| ((k.div_euclid(4)) as i32, k.rem_euclid(4) as u8);
    let current = (r.year() - 1..=r.year())
        .flat_map(|y| (0..4u8).map(move |i| (y, i)))
        .filter(|&(y, i)| season_bounds(y, i).is_some_and(|(s, e)| s <= r && r < e))
        .map(|(y, i)| number(y, i))
        .max()?;
    let k = match season {
        None => current + offset,
        Some(i) => {
            let next = (current..current + 4).find(|k| from_number(*k).1 == i)?;
            let last = (current - 3..=current).rev().find(|k| from_number(*k).1 == i)?;
            match offset {
                // "this summer": the one under way, else the coming one, or
                // under past bias the one just gone.
                0 if next == current || bias != Bias::Past => next,
                0 => last,
                o if o < 0 => (current - 4..current).rev().find(|k| from_number(*k).1 == i)? + 4 * (o + 1),
                o => next + 4 * (o - 1) + if next == current { 4 } else { 0 },
            }
        }
    };
    let (y, i) = from_number(k);
    let (s, e) = season_bounds(y, i)?;
    Some(TimeSpan::new(s, e, Grain::Day))
}

fn month_span(y: i32, m: u32) -> Option<TimeSpan> {
    let s = NaiveDate::from_ymd_opt(y, m, 1)?;
    Some(TimeSpan::new(s, s.checked_add_months(Months::new(1))?, Grain::Month))
}

fn year_span(y: i32) -> Option<TimeSpan> {
    let s = NaiveDate::from_ymd_opt(y, 1, 1)?;
    Some(TimeSpan::new(s, NaiveDate::from_ymd_opt(y + 1, 1, 1)?, Grain::Year))
}

/// The unit (week, month, quarter, year) containing `d`, as [start, end).
fn unit_bounds(d: NaiveDate, unit: Grain) -> Option<(NaiveDate, NaiveDate)> {
    let s = match unit {
        Grain::Day => d,
        Grain::Week => d - Days::new(d.weekday().num_days_from_monday() as u64),
        Grain::Month => NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?,
        Grain::Quarter => NaiveDate::from_ymd_opt(d.year(), (d.month() - 1) / 3 * 3 + 1, 1)?,
        Grain::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1)?,
    };
    Some((s, add_units(s, unit, 1)?))
}

fn add_units(d: NaiveDate, unit: Grain, n: i64) -> Option<NaiveDate> {
    let months = |k: i64| -> Option<NaiveDate> {
        if k >= 0 {
            d.checked_add_months(Months::new(k as u32))
        } else {
            d.checked_sub_months(Months::new((-k) as u32))
        }
    };
    match unit {
        Grain::Day => d.checked_add_signed(chrono::Duration::days(n)),
        Grain::Week => d.checked_add_signed(chrono::Duration::days(7 * n)),
        Grain::Month => months(n),
        Grain::Quarter => months(3 * n),
        Grain::Year => months(12 * n),
    }
}

fn weekday_day(wd: Weekday, shift: WeekShift, r: NaiveDate, bias: Bias) -> Option<NaiveDate> {
    let monday = r - Days::new(r.weekday().num_days_from_monday() as u64);
    let in_week = |m: NaiveDate| m + Days::new(wd.num_days_from_monday() as u64);
    let back = (7 + r.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    let fwd = (7 + wd.num_days_from_monday() - r.weekday().num_days_from_monday()) % 7;
    let past = r - Days::new(back as u64);
    let future = r + Days::new(if fwd == 0 { 7 } else { fwd as u64 });
    Some(match shift {
        WeekShift::Bare => match bias {
            Bias::Past => past,
            Bias::Future => future,
            Bias::Nearest => {
                if back <= 3 {
                    past
                } else {
                    future
                }
            }
        },
        WeekShift::ThisWeek => in_week(monday),
        WeekShift::Coming => future,
        WeekShift::Next | WeekShift::NextWeek | WeekShift::AfterNext => in_week(monday + Days::new(7)),
        WeekShift::Last | WeekShift::LastWeek => in_week(monday - Days::new(7)),
    })
}

fn weekday_date(wd: Weekday, d: &Expr, r: NaiveDate, bias: Bias) -> Option<NaiveDate> {
    match *d {
        Expr::Date { year: Some(y), month, day } => NaiveDate::from_ymd_opt(y, month, day),
        Expr::Date { year: None, month, day } => {
            let chosen = date(None, month, day, r, bias)?;
            if chosen.weekday() == wd {
                return Some(chosen);
            }
            // The writer's weekday names the year when the bias's year does
            // not fit it: "Fri, Jul 18".
            (r.year() - 1..=r.year() + 1)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .filter(|c| c.weekday() == wd)
                .min_by_key(|c| (*c - r).num_days().abs())
                .or(Some(chosen))
        }
        Expr::DayOfMonth(day) => {
            // "Thu 15th": the nearest month, in the bias's direction, whose
            // 15th is a Thursday.
            let first = NaiveDate::from_ymd_opt(r.year(), r.month(), 1)?;
            let step: i32 = if bias == Bias::Past { -1 } else { 1 };
            (0..28).find_map(|k| {
                let k = k * step;
                let m = if k >= 0 {
                    first.checked_add_months(Months::new(k as u32))?
                } else {
                    first.checked_sub_months(Months::new((-k) as u32))?
                };
                let c = NaiveDate::from_ymd_opt(m.year(), m.month(), day)?;
                let in_direction = if step > 0 { c >= r } else { c <= r };
                (c.weekday() == wd && in_direction).then_some(c)
            })
        }
        _ => None,
    }
}

fn window(n: i64, unit: Grain, within: bool, r: NaiveDate) -> Option<TimeSpan> {
    if within {
        return if n >= 0 {
            Some(TimeSpan::new(r, add_units(r, unit, n)?, Grain::Day))
        } else {
            Some(TimeSpan::new(add_units(r, unit, n)?, r + Days::new(1), Grain::Day))
        };
    }
    let (s, e) = unit_bounds(r, unit)?;
    if n >= 0 {
        Some(TimeSpan::new(e, add_units(e, unit, n)?, unit))
    } else {
        Some(TimeSpan::new(add_units(s, unit, n)?, s, unit))
    }
}

fn part_of(part: Part, span: &TimeSpan) -> Option<TimeSpan> {
    let s = span.start;
    let e = span.end;
    let d = |k: u64| s + Days::new(k);
    let m = |k: u32| s.checked_add_months(Months::new(k));
    Some(match span.grain {
        Grain::Day => *span,
        Grain::Week => match part {
            Part::Early | Part::Beginning => TimeSpan::new(s, d(3), Grain::Day),
            Part::Mid => TimeSpan::new(d(2), d(4), Grain::Day),
            Part::Late | Part::End => TimeSpan::new(d(4), e, Grain::Day),
        },
        Grain::Month => match part {
            Part::Early | Part::Beginning => TimeSpan::new(s, d(10), Grain::Day),
            Part::Mid => TimeSpan::new(d(10), d(20), Grain::Day),
            Part::Late | Part::End => TimeSpan::new(d(20), e, Grain::Day),
        },
        Grain::Quarter => match part {
            Part::Early | Part::Beginning => TimeSpan::new(s, m(1)?, Grain::Month),
            Part::Mid => TimeSpan::new(m(1)?, m(2)?, Grain::Month),
            Part::Late | Part::End => TimeSpan::new(m(2)?, e, Grain::Month),
        },
        Grain::Year => match part {
            Part::Early | Part::Beginning => TimeSpan::new(s, m(3)?, Grain::Month),
            Part::Mid => TimeSpan::new(m(4)?, m(8)?, Grain::Month),
            Part::Late | Part::End => TimeSpan::new(m(8)?, e, Grain::Month),
        },
    })
}

fn nth_weekday_in(s: NaiveDate, e: NaiveDate, wd: Weekday, n: i64) -> Option<NaiveDate> {
    let d = if n > 0 {
        let fwd = (7 + wd.num_days_from_monday() - s.weekday().num_days_from_monday()) % 7;
        s + Days::new(fwd as u64 + 7 * (n as u64 - 1))
    } else {
        let last = e - Days::new(1);
        let back = (7 + last.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
        last.checked_sub_days(Days::new(back as u64 + 7 * (n.unsigned_abs() - 1)))?
    };
    (d >= s && d < e).then_some(d)
}

fn holiday_date(h: Holiday, y: i32) -> Option<NaiveDate> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(y, m, d);
    let nth = |m: u32, wd: Weekday, n: i64| {
        let s = NaiveDate::from_ymd_opt(y, m, 1)?;
        nth_weekday_in(s, s.checked_add_months(Months::new(1))?, wd, n)
    };
    match h {
        Holiday::Christmas => ymd(12, 25),
        Holiday::ChristmasEve => ymd(12, 24),
        Holiday::NewYearsDay => ymd(1, 1),
        Holiday::NewYearsEve => ymd(12, 31),
        Holiday::Halloween => ymd(10, 31),
        Holiday::ValentinesDay => ymd(2, 14),
        Holiday::IndependenceDay => ymd(7, 4),
        Holiday::Easter => easter(y),
        Holiday::GoodFriday => easter(y).map(|d| d - Days::new(2)),
        Holiday::Thanksgiving => nth(11, Weekday::Thu, 4),
        Holiday::LaborDay => nth(9, Weekday::Mon, 1),
        Holiday::MemorialDay => nth(5, Weekday::Mon, -1),
    }
}

/// Western Easter Sunday (the anonymous Gregorian algorithm).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2013), NaiveDate::from_ymd_opt(2013, 3, 31));
        assert_eq!(easter(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
    }

    #[test]
    fn open_spans_are_unbounded_on_their_open_side() {
        use crate::time::Open;
        let d = NaiveDate::from_ymd_opt(2014, 1, 1).unwrap();
        let after = TimeSpan { start: d, end: d + Days::new(1), grain: Grain::Year, open: Some(Open::After) };
        let later = TimeSpan::day(NaiveDate::from_ymd_opt(2030, 5, 5).unwrap());
        assert!(after.overlaps(&later, 0));
    }
}
