//! Token runs to unresolved time expressions.
//!
//! Two modes share one grammar. `parse_all` reads a whole phrase a user
//! typed ("tues.", "march 3 2015"), leniently. `parse_at` scans running text
//! and is strict where English is ambiguous: month and weekday names must be
//! capitalised, "May" and "March" alone need a preposition before them,
//! weekday abbreviations need a date after them, and a bare year needs a
//! preposition ("in 1995"), so "37 missiles", "may" and "sat" stay words.

use super::{Grain, Open};
use crate::text::tokens::{Kind, Token};
use chrono::Weekday;

/// Which part of a period: "early March", "the end of the year".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Early,
    Mid,
    Late,
    Beginning,
    End,
}

/// Where a weekday lies relative to the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeekShift {
    /// "Thursday": by the bias.
    Bare,
    /// "this Thursday", "Thursday of this week".
    ThisWeek,
    /// "next Thursday": the Thursday of next week.
    Next,
    /// "coming Thursday": the first one after the reference.
    Coming,
    /// "last Thursday": the most recent one strictly before the reference.
    Last,
    /// "Thursday of next week", "Thursday after next".
    NextWeek,
    AfterNext,
    /// "Sunday from last week", "last week's Sunday".
    LastWeek,
}

/// Which piece of the current period a "rest of" expression means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rest {
    /// From the period's start up to the reference day.
    Earlier,
    /// From the day after the reference to the period's end.
    Later,
    /// From the reference day to the period's end.
    Remainder,
}

/// Named days that news uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    Christmas,
    ChristmasEve,
    NewYearsDay,
    NewYearsEve,
    Easter,
    GoodFriday,
    Thanksgiving,
    Halloween,
    ValentinesDay,
    IndependenceDay,
    LaborDay,
    MemorialDay,
}

/// An unresolved temporal expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A calendar day; a missing year is chosen by the bias.
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    /// "on the 15th": a day of an unnamed month.
    DayOfMonth(u32),
    Month {
        year: Option<i32>,
        month: u32,
    },
    Year(i32),
    Quarter {
        year: Option<i32>,
        quarter: u32,
    },
    Weekday {
        weekday: Weekday,
        shift: WeekShift,
    },
    /// "Tuesday, March 4": a date with the weekday the writer gave it.
    WeekdayDate {
        weekday: Weekday,
        date: Box<Expr>,
    },
    /// today (0), yesterday (-1), tomorrow (1).
    DayOffset(i64),
    /// this (0) / last (-1) / next (1) week, month, quarter, year.
    Relative {
        unit: Grain,
        offset: i64,
    },
    Weekend {
        offset: i64,
    },
    /// "two weeks ago" (negative), "in three days", "a week hence";
    /// `exact` for "from today"/"from now", which name a day.
    Shifted {
        n: i64,
        unit: Grain,
        exact: bool,
    },
    /// "3 Fridays from now", "2 Thursdays ago".
    WeekdayCount {
        n: i64,
        weekday: Weekday,
    },
    /// "the past two weeks" (n < 0), "within ten days", "the next 3 months".
    /// `within` windows start at the reference day itself.
    Window {
        n: i64,
        unit: Grain,
        within: bool,
    },
    Part {
        part: Part,
        of: Box<Expr>,
    },
    /// "earlier this week", "later this month", "rest of the week".
    RestOf {
        unit: Grain,
        which: Rest,
    },
    /// "March after next": the March after the coming one.
    MonthAfterNext(u32),
    /// "next March" (1), "last October" (-1), "this April" (0).
    MonthShift {
        month: u32,
        dir: i64,
    },
    /// "the first week of October 2014", "the third last week of 2018":
    /// whole Monday-to-Sunday weeks inside a period (n < 0 counts back).
    NthWeekOf {
        n: i64,
        of: Box<Expr>,
    },
    /// "three days after Easter", "a year from Christmas".
    ShiftFrom {
        n: i64,
        unit: Grain,
        base: Box<Expr>,
    },
    /// "this summer", "last season": astronomical seasons (0 spring,
    /// 1 summer, 2 autumn, 3 winter; `None` for "season", the current one).
    Season {
        season: Option<u8>,
        offset: i64,
    },
    Open {
        open: Open,
        of: Box<Expr>,
        at_end: bool,
    },
    Range(Box<Expr>, Box<Expr>),
    Holiday {
        holiday: Holiday,
        year: Option<i32>,
    },
    /// "the first Tuesday of October", "last Friday in March" (n = -1).
    NthWeekdayOf {
        n: i64,
        weekday: Weekday,
        of: Box<Expr>,
    },
    /// "the week of October 6th".
    WeekOf(Box<Expr>),
    /// "the last day of October", "third day of October" (n < 0 counts back).
    NthDayOf {
        n: i64,
        of: Box<Expr>,
    },
}

/// Parse a whole phrase; every token must belong to the expression.
pub fn parse_all(tokens: &[Token]) -> Option<Expr> {
    let p = Parser::new(tokens, false);
    let whole = |i: usize| -> Option<Expr> {
        let (mut j, e) = p.expr(i)?;
        // Trailing period of an abbreviation ("thu.") or sentence.
        while j < tokens.len() && (tokens[j].is_punct('.') || tokens[j].is_punct(',')) {
            j += 1;
        }
        (j == tokens.len()).then_some(e)
    };
    // "in a week" means something; "in March" means March. Try the phrase as
    // it is, then without each leading filler ("at the EOM", "around next tuesday").
    if let Some(e) = whole(0) {
        return Some(e);
    }
    let mut i = 0;
    while i < tokens.len() && p.filler(i) {
        i += 1;
        if let Some(e) = whole(i) {
            return Some(e);
        }
    }
    None
}

/// Parse the longest expression starting at token `i` of running text.
/// Returns the number of tokens consumed.
pub fn parse_at(tokens: &[Token], i: usize) -> Option<(usize, Expr)> {
    // Most words begin no time expression: skip them before any parser runs.
    if !may_start(tokens.get(i)?) {
        return None;
    }
    let p = Parser::new(tokens, true);
    if p.filler(i) && !p.is_open_word(i) {
        return None;
    }
    let (j, e) = p.expr(i)?;
    Some((j - i, e))
}

/// Words that can begin a time expression in running text.
const STARTERS: [&str; 78] = [
    "a",
    "an",
    "the",
    "this",
    "current",
    "last",
    "past",
    "previous",
    "preceding",
    "next",
    "coming",
    "upcoming",
    "following",
    "since",
    "after",
    "before",
    "through",
    "thru",
    "by",
    "until",
    "till",
    "anytime",
    "sometimes",
    "sometime",
    "between",
    "from",
    "within",
    "in",
    "over",
    "on",
    "at",
    "early",
    "mid",
    "late",
    "beginning",
    "start",
    "end",
    "middle",
    "eom",
    "bom",
    "eoy",
    "boy",
    "earlier",
    "later",
    "rest",
    "q",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "tomorrows",
    "christmas",
    "xmas",
    "new",
    "easter",
    "good",
    "thanksgiving",
    "halloween",
    "valentine",
    "independence",
    "labor",
    "labour",
    "memorial",
    "almost",
    "about",
    "nearly",
    "some",
    "roughly",
    "around",
    "more",
    "just",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "season",
    "seasons",
];

/// Every word that can begin a time expression, in one set: the test runs
/// on every token of every document.
static STARTING_WORDS: std::sync::LazyLock<std::collections::HashSet<&'static str, foldhash::fast::FixedState>> =
    std::sync::LazyLock::new(|| {
        STARTERS
            .iter()
            .copied()
            .chain(MONTHS.iter().map(|(m, _)| *m))
            .chain(WEEKDAYS.iter().map(|(w, _, _)| *w))
            .chain(SMALL.iter().map(|(w, _)| *w))
            .chain(ORDINALS.iter().map(|(w, _)| *w))
            .chain(["twenty", "thirty"])
            .collect()
    });

fn may_start(t: &Token) -> bool {
    match &t.kind {
        Kind::Num { .. } => true,
        Kind::Word { text, .. } => STARTING_WORDS.contains(text.as_str()),
        Kind::Punct(_) => false,
    }
}

struct Parser<'a> {
    t: &'a [Token],
    strict: bool,
    /// The atoms already read, by position: an expression is tried as an
    /// open interval, a range and an atom, which read the same atoms.
    atoms: std::cell::RefCell<Vec<(usize, Parsed)>>,
}

/// What a parser gives at a position: where the expression ends, and it.
type Parsed = Option<(usize, Expr)>;

impl<'a> Parser<'a> {
    fn new(t: &'a [Token], strict: bool) -> Parser<'a> {
        Parser { t, strict, atoms: Default::default() }
    }
}

const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: [(&str, Weekday, bool); 19] = [
    ("monday", Weekday::Mon, true),
    ("tuesday", Weekday::Tue, true),
    ("wednesday", Weekday::Wed, true),
    ("thursday", Weekday::Thu, true),
    ("friday", Weekday::Fri, true),
    ("saturday", Weekday::Sat, true),
    ("sunday", Weekday::Sun, true),
    ("mon", Weekday::Mon, false),
    ("tue", Weekday::Tue, false),
    ("tues", Weekday::Tue, false),
    ("wed", Weekday::Wed, false),
    ("weds", Weekday::Wed, false),
    ("thu", Weekday::Thu, false),
    ("thur", Weekday::Thu, false),
    ("thurs", Weekday::Thu, false),
    ("fri", Weekday::Fri, false),
    ("sat", Weekday::Sat, false),
    ("sun", Weekday::Sun, false),
    ("weds", Weekday::Wed, false),
];

const SMALL: [(&str, i64); 22] = [
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("few", 3),
    ("several", 3),
    ("couple", 2),
];

const ORDINALS: [(&str, i64); 31] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("twenty-first", 21),
    ("twenty-second", 22),
    ("twenty-third", 23),
    ("twenty-fourth", 24),
    ("twenty-fifth", 25),
    ("twenty-sixth", 26),
    ("twenty-seventh", 27),
    ("twenty-eighth", 28),
    ("twenty-ninth", 29),
    ("thirtieth", 30),
    ("thirty-first", 31),
];

/// Words that may stand before an expression without changing it.
const FILLERS: [&str; 9] = ["on", "in", "at", "during", "around", "about", "for", "anytime", "sometimes"];

/// Words after which a bare month name or year is a date in running text.
const DATE_PREPS: [&str; 18] = [
    "in", "on", "since", "by", "until", "till", "during", "of", "before", "after", "from", "through", "early", "mid",
    "late", "to", "and", "between",
];

impl<'a> Parser<'a> {
    fn tok(&self, i: usize) -> Option<&'a Token> {
        self.t.get(i)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.tok(i).and_then(|t| t.word())
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(c))
    }

    fn filler(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| FILLERS.contains(&w))
    }

    fn is_open_word(&self, i: usize) -> bool {
        self.is(i, "anytime") || self.is(i, "sometimes")
    }

    fn prev_word(&self, i: usize) -> Option<&'a str> {
        if i == 0 {
            None
        } else {
            self.word(i - 1)
        }
    }

    /// Skip an optional word.
    fn opt(&self, i: usize, w: &str) -> usize {
        if self.is(i, w) {
            i + 1
        } else {
            i
        }
    }

    fn opt_punct(&self, i: usize, c: char) -> usize {
        if self.punct(i, c) {
            i + 1
        } else {
            i
        }
    }

    // ---- lexical classes -------------------------------------------------

    fn month(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tok(i)?;
        let w = t.word()?;
        let &(name, m) = MONTHS.iter().find(|(n, _)| *n == w)?;
        if self.strict && !t.capitalised() {
            return None;
        }
        let mut j = i + 1;
        if name.len() <= 4 && self.punct(j, '.') {
            j += 1;
        }
        Some((j, m))
    }

    fn weekday(&self, i: usize) -> Option<(usize, Weekday, bool)> {
        let t = self.tok(i)?;
        let w = t.word()?;
        let &(_, wd, full) = WEEKDAYS.iter().find(|(n, _, _)| *n == w)?;
        if self.strict && !t.capitalised() {
            return None;
        }
        let mut j = i + 1;
        if !full && self.punct(j, '.') {
            j += 1;
        }
        Some((j, wd, full))
    }

    /// A count: "2", "two", "a", "a couple of", "a few".
    fn count(&self, i: usize) -> Option<(usize, i64)> {
        let t = self.tok(i)?;
        if let Some((v, d, false)) = t.num() {
            return (d <= 3).then_some((i + 1, v));
        }
        let w = t.word()?;
        if w == "a" && (self.is(i + 1, "couple") || self.is(i + 1, "few")) {
            let n = if self.is(i + 1, "couple") { 2 } else { 3 };
            return Some((self.opt(i + 2, "of"), n));
        }
        let &(_, v) = SMALL.iter().find(|(n, _)| *n == w)?;
        let j = if w == "couple" { self.opt(i + 1, "of") } else { i + 1 };
        Some((j, v))
    }

    /// A day of the month: "16", "16th", "sixteenth", "twenty-first".
    fn day_num(&self, i: usize, allow_words: bool) -> Option<(usize, u32)> {
        let t = self.tok(i)?;
        if let Some((v, d, _)) = t.num() {
            return (d <= 2 && (1..=31).contains(&v)).then_some((i + 1, v as u32));
        }
        if !allow_words {
            return None;
        }
        self.ordinal_word(i).filter(|(_, v)| (1..=31).contains(v)).map(|(j, v)| (j, v as u32))
    }

    fn ordinal_word(&self, i: usize) -> Option<(usize, i64)> {
        let w = self.word(i)?;
        // "twenty-first" arrives as three tokens.
        if (w == "twenty" || w == "thirty") && self.punct(i + 1, '-') {
            let joined = format!("{}-{}", w, self.word(i + 2)?);
            return ORDINALS.iter().find(|(n, _)| *n == joined).map(|&(_, v)| (i + 3, v));
        }
        ORDINALS.iter().find(|(n, _)| *n == w).map(|&(_, v)| (i + 1, v))
    }

    /// An ordinal: "3rd", "third", "last" (-1), "second last" (-2).
    fn ordinal(&self, i: usize) -> Option<(usize, i64)> {
        let (j, v) = match self.tok(i)?.num() {
            Some((v, _, true)) => (i + 1, v),
            _ if self.is(i, "last") => return Some((i + 1, -1)),
            _ => self.ordinal_word(i)?,
        };
        if self.is(j, "last") {
            return Some((j + 1, -v));
        }
        Some((j, v))
    }

    fn year4(&self, i: usize) -> Option<(usize, i32)> {
        let (v, d, ord) = self.tok(i)?.num()?;
        (d == 4 && !ord && (1000..=2199).contains(&v)).then_some((i + 1, v as i32))
    }

    /// A year after a date: four digits, or two in lenient mode.
    fn year_after_date(&self, i: usize) -> Option<(usize, i32)> {
        if let Some(r) = self.year4(i) {
            return Some(r);
        }
        if self.strict {
            return None;
        }
        let (v, d, ord) = self.tok(i)?.num()?;
        (d == 2 && !ord).then_some((i + 1, 2000 + v as i32))
    }

    fn unit(&self, i: usize) -> Option<(usize, Grain)> {
        let w = self.word(i)?;
        let g = match w {
            "day" | "days" => Grain::Day,
            "week" | "weeks" => Grain::Week,
            "month" | "months" => Grain::Month,
            "quarter" | "quarters" | "qtr" | "qtrs" => Grain::Quarter,
            "year" | "years" | "yr" | "yrs" => Grain::Year,
            _ => return None,
        };
        Some((i + 1, g))
    }

    fn rel_word(&self, i: usize) -> Option<(usize, i64)> {
        let w = self.word(i)?;
        match w {
            "this" | "current" => Some((i + 1, 0)),
            "last" | "past" | "previous" | "preceding" => Some((i + 1, -1)),
            "next" | "coming" | "upcoming" | "following" => Some((i + 1, 1)),
            // one "the" ("the next"), not a run of them: no recursion that
            // input can drive deep
            "the" if !self.is(i + 1, "the") => {
                let (j, v) = self.rel_word(i + 1)?;
                Some((j, v))
            }
            _ => None,
        }
    }

    // ---- grammar ---------------------------------------------------------

    /// An expression: an open interval, a range, or an atom.
    fn expr(&self, i: usize) -> Option<(usize, Expr)> {
        let mut best: Option<(usize, Expr)> = None;
        let mut consider = |c: Option<(usize, Expr)>| {
            if let Some((j, e)) = c {
                if best.as_ref().is_none_or(|(bj, _)| j > *bj) {
                    best = Some((j, e));
                }
            }
        };
        consider(self.open(i));
        consider(self.range(i));
        consider(self.atom(i));
        best
    }

    fn open(&self, i: usize) -> Option<(usize, Expr)> {
        let w = self.word(i)?;
        let (open, at_end, mut j) = match w {
            "since" | "after" => (Open::After, false, i + 1),
            "anytime" if self.is(i + 1, "after") => (Open::After, false, i + 2),
            "before" => (Open::Before, false, i + 1),
            "sometimes" | "sometime" if self.is(i + 1, "before") => (Open::Before, false, i + 2),
            "through" | "thru" => (Open::Before, false, i + 1),
            "by" | "until" | "till" => (Open::Before, true, i + 1),
            _ => return None,
        };
        j = self.opt(j, "the");
        let (k, e) = self.atom_or_range(j)?;
        Some((k, Expr::Open { open, of: Box::new(e), at_end }))
    }

    fn atom_or_range(&self, i: usize) -> Option<(usize, Expr)> {
        let a = self.atom(i);
        let r = self.range(i);
        match (a, r) {
            (Some(a), Some(r)) => Some(if r.0 > a.0 { r } else { a }),
            (a, r) => a.or(r),
        }
    }

    fn range(&self, i: usize) -> Option<(usize, Expr)> {
        // between X and Y
        if self.is(i, "between") {
            let (j, a) = self.range_side(i + 1)?;
            if !self.is(j, "and") {
                return None;
            }
            let (k, b) = self.range_side(j + 1)?;
            return Self::join(a, b).map(|e| (k, e));
        }
        // [from] X (-|to|through|thru|until) Y
        let start = if self.is(i, "from") { self.opt(i + 1, "the") } else { i };
        let (j, a) = self.range_side(start)?;
        let sep = if self.punct(j, '-') || ["to", "through", "thru", "till", "until"].iter().any(|w| self.is(j, w)) {
            j + 1
        } else {
            return None;
        };
        let sep = self.opt(sep, "the");
        let (k, b) = self.range_side(sep)?;
        let joined = Self::join(a, b)?;
        Some((k, joined))
    }

    /// One side of a range: an atom or a bare day number ("13" in "July 13-15").
    fn range_side(&self, i: usize) -> Option<(usize, Expr)> {
        let i = self.opt(i, "the");
        let atom = self.atom(i);
        let day = self.day_num(i, !self.strict).map(|(j, d)| (j, Expr::DayOfMonth(d)));
        match (atom, day) {
            (Some(a), Some(d)) => Some(if d.0 > a.0 { d } else { a }),
            (a, d) => a.or(d),
        }
    }

    /// Fill in what one side of a range borrows from the other.
    fn join(a: Expr, b: Expr) -> Option<Expr> {
        match (&a, &b) {
            (Expr::DayOfMonth(_), Expr::DayOfMonth(_)) => None,
            (Expr::Date { year, month, .. }, Expr::DayOfMonth(d)) => {
                let b = Expr::Date { year: *year, month: *month, day: *d };
                Some(Expr::Range(Box::new(a), Box::new(b)))
            }
            (Expr::DayOfMonth(d), Expr::Date { year, month, .. }) => {
                let a = Expr::Date { year: *year, month: *month, day: *d };
                Some(Expr::Range(Box::new(a), Box::new(b)))
            }
            (Expr::Year(_) | Expr::Date { .. } | Expr::Month { .. } | Expr::Weekday { .. }, _) => {
                Some(Expr::Range(Box::new(a), Box::new(b)))
            }
            (Expr::WeekdayDate { .. } | Expr::Quarter { .. } | Expr::Holiday { .. }, _) => {
                Some(Expr::Range(Box::new(a), Box::new(b)))
            }
            _ => None,
        }
    }

    /// The longest atom at `i`.
    fn atom(&self, i: usize) -> Option<(usize, Expr)> {
        if let Some((_, known)) = self.atoms.borrow().iter().find(|(at, _)| *at == i) {
            return known.clone();
        }
        let found = self.atom_now(i);
        self.atoms.borrow_mut().push((i, found.clone()));
        found
    }

    fn atom_now(&self, i: usize) -> Option<(usize, Expr)> {
        let parsers: [&dyn Fn(usize) -> Option<(usize, Expr)>; 19] = [
            &|i| self.month_shift(i),
            &|i| self.nth_week(i),
            &|i| self.season(i),
            &|i| self.numeric_date(i),
            &|i| self.month_first(i),
            &|i| self.day_first(i),
            &|i| self.year(i),
            &|i| self.weekday_expr(i),
            &|i| self.day_word(i),
            &|i| self.relative(i),
            &|i| self.shifted(i),
            &|i| self.window(i),
            &|i| self.part(i),
            &|i| self.rest_of(i),
            &|i| self.quarter(i),
            &|i| self.holiday(i),
            &|i| self.nth_weekday(i),
            &|i| self.week_of(i),
            &|i| self.day_of_month(i),
        ];
        let mut best: Option<(usize, Expr)> = None;
        for p in parsers {
            if let Some((j, e)) = p(i) {
                if best.as_ref().is_none_or(|(bj, _)| j > *bj) {
                    best = Some((j, e));
                }
            }
        }
        best
    }

    /// 2025-10-16, 2014-10, 2014/10, 10/16/2025, 3/3/15, 2/2013.
    fn numeric_date(&self, i: usize) -> Option<(usize, Expr)> {
        let (a, ad, aord) = self.tok(i)?.num()?;
        if aord {
            return None;
        }
        let sep = match self.tok(i + 1)?.kind {
            Kind::Punct(c @ ('-' | '/')) => c,
            _ => return None,
        };
        // No space around the separators: "2014 - 10" is a range, not a date.
        let adjacent = |k: usize| self.tok(k).zip(self.tok(k + 1)).is_some_and(|(x, y)| x.end == y.start);
        if !adjacent(i) || !adjacent(i + 1) {
            return None;
        }
        let (b, bd, _) = self.tok(i + 2)?.num()?;
        let third = if self.punct(i + 3, sep) && adjacent(i + 2) && adjacent(i + 3) {
            self.tok(i + 4).and_then(|t| t.num())
        } else {
            None
        };
        if ad == 4 {
            let year = a as i32;
            if let Some((c, cd, _)) = third {
                if (1..=12).contains(&b) && (1..=31).contains(&c) && cd <= 2 {
                    return Some((i + 5, Expr::Date { year: Some(year), month: b as u32, day: c as u32 }));
                }
                return None;
            }
            if (1..=12).contains(&b) && bd <= 2 {
                return Some((i + 3, Expr::Month { year: Some(year), month: b as u32 }));
            }
            return None;
        }
        if sep != '/' || ad > 2 {
            return None;
        }
        if let Some((c, cd, _)) = third {
            let year = match cd {
                4 => c as i32,
                2 => 2000 + c as i32,
                _ => return None,
            };
            if (1..=12).contains(&a) && (1..=31).contains(&b) && bd <= 2 {
                return Some((i + 5, Expr::Date { year: Some(year), month: a as u32, day: b as u32 }));
            }
            return None;
        }
        if bd == 4 && (1..=12).contains(&a) {
            return Some((i + 3, Expr::Month { year: Some(b as i32), month: a as u32 }));
        }
        None
    }

    /// "next March", "last October", "this April": the month relative to the
    /// reference's month.
    fn month_shift(&self, i: usize) -> Option<(usize, Expr)> {
        let dir = match self.word(i)? {
            "next" | "coming" => 1,
            "last" | "past" | "previous" => -1,
            "this" => 0,
            _ => return None,
        };
        let (j, month) = self.month(i + 1)?;
        // "last March 3" is a date: leave it to the date parsers.
        if self.day_num(j, false).is_some() {
            return None;
        }
        Some((j, Expr::MonthShift { month, dir }))
    }

    /// "October 16", "Oct. 16th, 2025", "February the 15th", "march first",
    /// "October 2014", "March".
    fn month_first(&self, i: usize) -> Option<(usize, Expr)> {
        let (j, month) = self.month(i)?;
        let k = self.opt(j, "the");
        if let Some((k, day)) = self.day_num(k, !self.strict) {
            // "March 5, 1946", "march 3 2015"
            let y = self.opt_punct(k, ',');
            let (end, date) = match self.year_after_date(y) {
                Some((l, year)) => (l, Expr::Date { year: Some(year), month, day }),
                None => (k, Expr::Date { year: None, month, day }),
            };
            // "Jul 18, Fri": a weekday after the date.
            let w = self.opt_punct(end, ',');
            if w > end {
                if let Some((m, weekday, _)) = self.weekday(w) {
                    return Some((m, Expr::WeekdayDate { weekday, date: Box::new(date) }));
                }
            }
            return Some((end, date));
        }
        let y = self.opt_punct(j, ',');
        if let Some((l, year)) = self.year4(y) {
            return Some((l, Expr::Month { year: Some(year), month }));
        }
        // A bare month name needs a preposition (or "the", as in "the October
        // slaying") before it in running text.
        if self.strict && !self.prev_word(i).is_some_and(|w| DATE_PREPS.contains(&w) || w == "the") {
            return None;
        }
        // "March in a year", "March after next"
        if self.is(j, "after") && self.is(j + 1, "next") {
            return Some((j + 2, Expr::MonthAfterNext(month)));
        }
        Some((j, Expr::Month { year: None, month }))
    }

    /// "16 October 2025", "the 15th of february", "first of march", "14april 2015".
    fn day_first(&self, i: usize) -> Option<(usize, Expr)> {
        let i = self.opt(i, "the");
        let (j, day) = self.day_num(i, true)?;
        let from_word = self.tok(i).is_some_and(|t| t.word().is_some());
        let k = self.opt(j, "of");
        if self.strict && from_word && k == j {
            return None;
        }
        let (l, month) = self.month(k)?;
        let y = self.opt_punct(l, ',');
        if let Some((m, year)) = self.year_after_date(y) {
            return Some((m, Expr::Date { year: Some(year), month, day }));
        }
        Some((l, Expr::Date { year: None, month, day }))
    }

    /// "1995", "in 2014 A.D.", "14 a.d." (a bare year needs a preposition in text).
    fn year(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.tok(i)?;
        let (v, d, ord) = t.num()?;
        if ord {
            return None;
        }
        // "A.D." / "AD" after the number.
        let ad = |k: usize| -> Option<usize> {
            if self.is(k, "ad") {
                return Some(k + 1);
            }
            if self.is(k, "a") && self.punct(k + 1, '.') && self.is(k + 2, "d") {
                return Some(self.opt_punct(k + 3, '.'));
            }
            None
        };
        if let Some(j) = ad(i + 1) {
            return Some((j, Expr::Year(v as i32)));
        }
        if d != 4 || !(1000..=2199).contains(&v) {
            return None;
        }
        if self.strict {
            // "since 1990", "the 1996 Olympic bombing", "in 1995." are years;
            // "2000 cases", "1995 people", "$2000" are counts.
            let prev = self.prev_word(i);
            let prev_ok =
                prev.is_some_and(|w| DATE_PREPS.contains(&w) || matches!(w, "year" | "the" | "a" | "an" | "s"));
            let next = self.word(i + 1);
            let count_after = next.is_some_and(|w| {
                (w.ends_with('s') && !matches!(w, "is" | "was" | "has" | "as" | "this" | "its" | "his"))
                    || matches!(
                        w,
                        "people"
                            | "percent"
                            | "per"
                            | "million"
                            | "billion"
                            | "thousand"
                            | "men"
                            | "women"
                            | "children"
                    )
            });
            let currency_before = i > 0 && matches!(self.t[i - 1].kind, Kind::Punct('$' | '£' | '€'));
            let punct_after =
                self.tok(i + 1).is_none_or(|t| matches!(t.kind, Kind::Punct(',' | '.' | ';' | ')' | ':')));
            if count_after || currency_before || !(prev_ok || (punct_after && prev.is_some())) {
                return None;
            }
        }
        Some((i + 1, Expr::Year(v as i32)))
    }

    /// Weekdays with their modifiers and an optional date after them.
    fn weekday_expr(&self, i: usize) -> Option<(usize, Expr)> {
        // "this/next/last Thursday", "last week's Sunday"
        let (pre, start) = match self.word(i) {
            Some("this") => (Some(WeekShift::Bare), i + 1),
            Some("coming") => (Some(WeekShift::Coming), i + 1),
            Some("next") => (Some(WeekShift::Next), i + 1),
            Some("last") | Some("past") | Some("previous") => {
                if self.is(i + 1, "week") && self.punct(i + 2, '\'') && self.is(i + 3, "s") {
                    (Some(WeekShift::LastWeek), i + 4)
                } else {
                    (Some(WeekShift::Last), i + 1)
                }
            }
            _ => (None, i),
        };
        let (j, weekday, full) = self.weekday(start)?;
        if self.strict && !full && pre.is_none() {
            // "Sat" and "Sun" are words; an abbreviation needs a date after it.
            let k = self.opt_punct(j, ',');
            let (m, e) = self.month_first(k).or_else(|| self.day_first(k))?;
            return Some((m, Expr::WeekdayDate { weekday, date: Box::new(e) }));
        }
        if let Some(shift) = pre {
            return Some((self.day_part(j), Expr::Weekday { weekday, shift }));
        }
        // "late on Thursday" arrives via part(); here: optional date after.
        let k = self.opt_punct(j, ',');
        let dated = self.month_first(k).or_else(|| self.day_first(k)).or_else(|| {
            let k2 = self.opt(k, "the");
            let (m, d) = self.day_num(k2, false)?;
            // "Tuesday 19th", "Tuesday the 19th": needs an ordinal suffix.
            let ordinal = self.tok(k2).and_then(|t| t.num()).is_some_and(|n| n.2);
            ordinal.then_some((m, Expr::DayOfMonth(d)))
        });
        if let Some((m, e)) = dated {
            if matches!(e, Expr::Date { .. } | Expr::DayOfMonth(_)) {
                return Some((m, Expr::WeekdayDate { weekday, date: Box::new(e) }));
            }
        }
        // "Thursday of next week", "wednesday next week", "friday after next",
        // "sunday from last week", "tuesday of this week"
        let shift = if self.is(j, "of") || self.is(j, "from") {
            match (self.word(j + 1), self.word(j + 2)) {
                (Some("next"), Some("week")) => Some((j + 3, WeekShift::NextWeek)),
                (Some("this"), Some("week")) => Some((j + 3, WeekShift::ThisWeek)),
                (Some("last"), Some("week")) => Some((j + 3, WeekShift::LastWeek)),
                _ => None,
            }
        } else if self.is(j, "next") && self.is(j + 1, "week") {
            Some((j + 2, WeekShift::NextWeek))
        } else if self.is(j, "after") && self.is(j + 1, "next") {
            Some((j + 2, WeekShift::AfterNext))
        } else {
            None
        };
        if let Some((k, s)) = shift {
            return Some((k, Expr::Weekday { weekday, shift: s }));
        }
        Some((self.day_part(j), Expr::Weekday { weekday, shift: WeekShift::Bare }))
    }

    /// Past a part of the day after a day ("Sunday night", "yesterday
    /// morning", "Monday morning's vote"): it names the same day.
    fn day_part(&self, j: usize) -> usize {
        if !matches!(self.word(j), Some("morning" | "afternoon" | "evening" | "night")) {
            return j;
        }
        if self.punct(j + 1, '\'') && self.is(j + 2, "s") {
            return j + 3;
        }
        j + 1
    }

    /// today, tonight, yesterday, tomorrow, the day after tomorrow.
    fn day_word(&self, i: usize) -> Option<(usize, Expr)> {
        let w = self.word(i)?;
        let e = match w {
            // "last night", "this morning": parts of a day named by it.
            "last" if self.is(i + 1, "night") => return Some((self.day_part(i + 1), Expr::DayOffset(-1))),
            "this" if matches!(self.word(i + 1), Some("morning" | "afternoon" | "evening")) => {
                return Some((self.day_part(i + 1), Expr::DayOffset(0)));
            }
            "today" | "tonight" => Expr::DayOffset(0),
            "yesterday" => Expr::DayOffset(-1),
            "tomorrow" | "tomorrows" => Expr::DayOffset(1),
            "the" if self.is(i + 1, "day") => {
                let e = match (self.word(i + 2), self.word(i + 3)) {
                    (Some("after"), Some("tomorrow")) => Expr::DayOffset(2),
                    (Some("before"), Some("yesterday")) => Expr::DayOffset(-2),
                    _ => return None,
                };
                return Some((i + 4, e));
            }
            _ => return None,
        };
        // "today's", "yesterday morning"
        let mut j = if w == "tonight" || w == "today" { i + 1 } else { self.day_part(i + 1) };
        if self.punct(j, '\'') && self.is(j + 1, "s") {
            j += 2;
        }
        // "at this time" is handled as a filler below in lenient mode.
        Some((j, e))
    }

    /// this week, last month, next year, this quarter, this weekend, the
    /// following week, "at this time".
    fn relative(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.strict && self.is(i, "this") && self.is(i + 1, "time") {
            return Some((i + 2, Expr::DayOffset(0)));
        }
        let (j, offset) = self.rel_word(i)?;
        if self.is(j, "weekend") {
            return Some((j + 1, Expr::Weekend { offset }));
        }
        let (k, unit) = self.unit(j)?;
        // "next weeks" is a window, not a unit.
        if unit == Grain::Day || self.word(j).is_some_and(|w| w.ends_with('s')) {
            return None;
        }
        // "last year's": the possessive belongs to the expression, unless a
        // weekday follows ("last week's Sunday" is a weekday expression).
        if self.punct(k, '\'') {
            if self.is(k + 1, "s") && self.weekday(k + 2).is_none() {
                return Some((k + 2, Expr::Relative { unit, offset }));
            }
            return None;
        }
        Some((k, Expr::Relative { unit, offset }))
    }

    /// "two weeks ago", "3 years from today", "in a week", "a week hence",
    /// "almost four years ago", "3 fridays from now", "two upcoming weeks".
    fn shifted(&self, i: usize) -> Option<(usize, Expr)> {
        let forward_in = self.is(i, "in");
        let mut i0 = if forward_in { i + 1 } else { i };
        for hedge in ["almost", "about", "nearly", "some", "roughly", "around", "over", "more", "than", "just"] {
            if self.is(i0, hedge) {
                i0 += 1;
            }
        }
        let (j, n) = self.count(i0)?;
        // "2 upcoming weeks"
        if self.is(j, "upcoming") {
            let (k, unit) = self.unit(j + 1)?;
            return Some((k, Expr::Relative { unit, offset: n }));
        }
        if let Some((k, weekday, _)) = self.weekday(j).or_else(|| self.weekday_plural(j)) {
            let dir = match (self.word(k), self.word(k + 1)) {
                (Some("from"), Some("now")) => 1,
                (Some("ago"), _) | (Some("back"), _) => -1,
                _ => return None,
            };
            let end = if dir > 0 { k + 2 } else { k + 1 };
            return Some((end, Expr::WeekdayCount { n: n * dir, weekday }));
        }
        let (k, unit) = self.unit(j)?;
        if forward_in {
            return Some((k, Expr::Shifted { n, unit, exact: false }));
        }
        let (end, sign, exact) = match (self.word(k), self.word(k + 1)) {
            (Some("ago"), _) | (Some("back"), _) | (Some("earlier"), _) => (k + 1, -1, false),
            (Some("hence"), _) | (Some("later"), _) => (k + 1, 1, false),
            (Some("from"), Some("now" | "today")) => (k + 2, 1, true),
            (Some("after" | "from" | "before"), _) => {
                // "three days after Easter", "a year from Christmas".
                let sign = if self.is(k, "before") { -1 } else { 1 };
                let (m, base) =
                    self.holiday(k + 1).or_else(|| self.month_first(k + 1)).or_else(|| self.day_first(k + 1))?;
                return Some((m, Expr::ShiftFrom { n: n * sign, unit, base: Box::new(base) }));
            }
            _ => return None,
        };
        Some((end, Expr::Shifted { n: n * sign, unit, exact }))
    }

    fn weekday_plural(&self, i: usize) -> Option<(usize, Weekday, bool)> {
        let w = self.word(i)?;
        let stem = w.strip_suffix('s')?;
        let &(_, wd, full) = WEEKDAYS.iter().find(|(n, _, f)| *n == stem && *f)?;
        Some((i + 1, wd, full))
    }

    /// "the past two weeks", "last 2 days", "next three months", "within ten
    /// days", "in the coming weeks", "in recent days", "the next few days".
    fn window(&self, i: usize) -> Option<(usize, Expr)> {
        if self.is(i, "within") {
            let j = self.opt(i + 1, "the");
            let j = self.opt(j, "next");
            let (k, n) = self.count(j)?;
            let (l, unit) = self.unit(k)?;
            return Some((l, Expr::Window { n, unit, within: true }));
        }
        // "in the coming weeks", "in recent days", "in the coming days"
        let j = if self.is(i, "in") || self.is(i, "over") { i + 1 } else { i };
        let j = self.opt(j, "the");
        let dir = match self.word(j) {
            Some("last" | "past" | "previous" | "recent") => -1,
            Some("next" | "coming" | "upcoming" | "following") => 1,
            _ => return None,
        };
        // "upcoming two weeks" is a shift in Duckling's corpus.
        if self.is(j, "upcoming") {
            if let Some((k, n)) = self.count(j + 1) {
                let (l, unit) = self.unit(k)?;
                return Some((l, Expr::Relative { unit, offset: n }));
            }
        }
        if let Some((k, n)) = self.count(j + 1) {
            let (l, unit) = self.unit(k)?;
            return Some((l, Expr::Window { n: dir * n, unit, within: false }));
        }
        // "the coming weeks", "recent days": a plural unit and no count means
        // a few of them, counted from the reference day.
        let (l, unit) = self.unit(j + 1)?;
        if !self.word(j + 1).is_some_and(|w| w.ends_with('s')) {
            return None;
        }
        let n = match unit {
            Grain::Day => 7,
            _ => 3,
        };
        Some((l, Expr::Window { n: dir * n, unit, within: true }))
    }

    /// "early March", "late Tuesday", "the end of the month", "beginning of
    /// 2017", "EOM", "mid-2020".
    fn part(&self, i: usize) -> Option<(usize, Expr)> {
        let w = self.word(i)?;
        let abbrev = match w {
            "eom" => Some((Part::End, Grain::Month)),
            "bom" => Some((Part::Beginning, Grain::Month)),
            "eoy" => Some((Part::End, Grain::Year)),
            "boy" if !self.strict => Some((Part::Beginning, Grain::Year)),
            "the" | "at" => {
                let j = if w == "at" { self.opt(i + 1, "the") } else { i + 1 };
                // one "at the" or "the" before the part, not a run of them
                if (j > i + 1 || w == "the") && !matches!(self.word(j), Some("the" | "at")) {
                    if let Some(r) = self.part(j) {
                        return Some(r);
                    }
                }
                return None;
            }
            _ => None,
        };
        if let Some((part, unit)) = abbrev {
            if self.strict && !self.tok(i).is_some_and(|t| t.capitalised()) {
                return None;
            }
            return Some((i + 1, Expr::Part { part, of: Box::new(Expr::Relative { unit, offset: 0 }) }));
        }
        let (part, mut j) = match w {
            "early" => (Part::Early, i + 1),
            "mid" => (Part::Mid, i + 1),
            "late" => (Part::Late, i + 1),
            "beginning" | "start" if self.is(i + 1, "of") => (Part::Beginning, i + 2),
            "end" if self.is(i + 1, "of") => (Part::End, i + 2),
            "middle" if self.is(i + 1, "of") => (Part::Mid, i + 2),
            _ => return None,
        };
        // "mid-March", "late on Thursday", "early in the week"
        j = self.opt_punct(j, '-');
        if matches!(part, Part::Early | Part::Mid | Part::Late) {
            j = self.opt(j, "on");
            j = self.opt(j, "in");
        }
        let k = self.opt(j, "the");
        let k = self.opt(k, "around");
        // "end of the month", "end of month", "the end of the year"
        if let Some((l, unit)) = self.unit(k) {
            if unit != Grain::Day {
                return Some((l, Expr::Part { part, of: Box::new(Expr::Relative { unit, offset: 0 }) }));
            }
        }
        let (l, of) = self
            .relative(k)
            .or_else(|| self.weekday_expr(k))
            .or_else(|| self.month_first_lenient(k))
            .or_else(|| self.year_plain(k))?;
        if let Expr::Weekday { .. } = of {
            // "late Tuesday" is the Tuesday.
            return Some((l, of));
        }
        Some((l, Expr::Part { part, of: Box::new(of) }))
    }

    /// A month or "Month year" after "early", "end of": no preposition rule.
    fn month_first_lenient(&self, i: usize) -> Option<(usize, Expr)> {
        let (j, month) = self.month(i)?;
        let y = self.opt_punct(j, ',');
        if let Some((l, year)) = self.year4(y) {
            return Some((l, Expr::Month { year: Some(year), month }));
        }
        Some((j, Expr::Month { year: None, month }))
    }

    fn year_plain(&self, i: usize) -> Option<(usize, Expr)> {
        let (j, y) = self.year4(i)?;
        Some((j, Expr::Year(y)))
    }

    /// "earlier this week", "later this month", "rest of the week".
    fn rest_of(&self, i: usize) -> Option<(usize, Expr)> {
        let w = self.word(i)?;
        if (w == "earlier" || w == "later") && (self.is(i + 1, "this") || self.is(i + 1, "in")) {
            let j = self.opt(i + 2, "the");
            let (k, unit) = self.unit(j)?;
            let which = if w == "later" { Rest::Later } else { Rest::Earlier };
            return Some((k, Expr::RestOf { unit, which }));
        }
        if w == "rest" && self.is(i + 1, "of") {
            let j = self.opt(i + 2, "the");
            let (k, unit) = self.unit(j)?;
            return Some((k, Expr::RestOf { unit, which: Rest::Remainder }));
        }
        None
    }

    /// "third quarter", "the 4th qtr of 2018", "Q4 2018", "2018Q4", "18q4".
    fn quarter(&self, i: usize) -> Option<(usize, Expr)> {
        // 2018Q4 / 18q4
        if let Some((v, d, false)) = self.tok(i).and_then(|t| t.num()) {
            if self.is(i + 1, "q") {
                let (q, _, _) = self.tok(i + 2)?.num()?;
                if (1..=4).contains(&q) {
                    let year = if d == 2 { 2000 + v as i32 } else { v as i32 };
                    return Some((i + 3, Expr::Quarter { year: Some(year), quarter: q as u32 }));
                }
            }
        }
        if self.is(i, "q") {
            let (q, _, _) = self.tok(i + 1)?.num()?;
            if !(1..=4).contains(&q) {
                return None;
            }
            let (j, year) = match self.year4(i + 2) {
                Some((j, y)) => (j, Some(y)),
                None => (i + 2, None),
            };
            return Some((j, Expr::Quarter { year, quarter: q as u32 }));
        }
        let j = self.opt(i, "the");
        let (k, q) = self.ordinal(j)?;
        if !(1..=4).contains(&q) {
            return None;
        }
        let (l, unit) = self.unit(k)?;
        if unit != Grain::Quarter {
            return None;
        }
        let m = self.opt(l, "of");
        let m = self.opt(m, "the");
        if let Some((n, y)) = self.year4(m) {
            return Some((n, Expr::Quarter { year: Some(y), quarter: q as u32 }));
        }
        if self.is(m, "fiscal") || self.is(m, "year") {
            return None;
        }
        Some((l, Expr::Quarter { year: None, quarter: q as u32 }))
    }

    fn holiday(&self, i: usize) -> Option<(usize, Expr)> {
        let w = self.word(i)?;
        if self.strict && !self.tok(i).is_some_and(|t| t.capitalised()) {
            return None;
        }
        let (j, holiday) = match w {
            "christmas" | "xmas" => {
                if self.is(i + 1, "eve") {
                    (i + 2, Holiday::ChristmasEve)
                } else {
                    (self.opt(i + 1, "day"), Holiday::Christmas)
                }
            }
            "new" if self.is(i + 1, "year") => {
                let mut j = i + 2;
                if self.punct(j, '\'') && self.is(j + 1, "s") {
                    j += 2;
                } else if self.is(j, "s") {
                    j += 1;
                }
                if self.is(j, "eve") {
                    (j + 1, Holiday::NewYearsEve)
                } else if self.is(j, "day") {
                    (j + 1, Holiday::NewYearsDay)
                } else {
                    return None;
                }
            }
            "easter" => (self.opt(i + 1, "sunday"), Holiday::Easter),
            "good" if self.is(i + 1, "friday") => (i + 2, Holiday::GoodFriday),
            "thanksgiving" => (self.opt(i + 1, "day"), Holiday::Thanksgiving),
            "halloween" => (i + 1, Holiday::Halloween),
            "valentine" if self.punct(i + 1, '\'') && self.is(i + 2, "s") && self.is(i + 3, "day") => {
                (i + 4, Holiday::ValentinesDay)
            }
            "independence" if self.is(i + 1, "day") => (i + 2, Holiday::IndependenceDay),
            "labor" | "labour" if self.is(i + 1, "day") => (i + 2, Holiday::LaborDay),
            "memorial" if self.is(i + 1, "day") => (i + 2, Holiday::MemorialDay),
            _ => return None,
        };
        let (k, year) = match self.year4(j) {
            Some((k, y)) => (k, Some(y)),
            None => (j, None),
        };
        Some((k, Expr::Holiday { holiday, year }))
    }

    /// "the first Tuesday of October", "last Monday of March 2014", "first
    /// monday of last month", "the last day of October", "third tuesday after
    /// christmas 2014" (not handled: yields nothing).
    fn nth_weekday(&self, i: usize) -> Option<(usize, Expr)> {
        let j = self.opt(i, "the");
        let (k, n) = self.ordinal(j)?;
        let (of_idx, day_kind) = if let Some((l, weekday, _)) = self.weekday(k) {
            (l, Some(weekday))
        } else if self.is(k, "day") {
            (k + 1, None)
        } else {
            return None;
        };
        if !(self.is(of_idx, "of") || self.is(of_idx, "in")) {
            return None;
        }
        let m = self.opt(of_idx + 1, "the");
        let (end, of) = if self.is(m, "month") {
            (m + 1, Expr::Relative { unit: Grain::Month, offset: 0 })
        } else {
            self.relative(m).or_else(|| self.month_first_lenient(m))?
        };
        Some(match day_kind {
            Some(weekday) => (end, Expr::NthWeekdayOf { n, weekday, of: Box::new(of) }),
            None => (end, Expr::NthDayOf { n, of: Box::new(of) }),
        })
    }

    /// "the week of October 6th".
    fn week_of(&self, i: usize) -> Option<(usize, Expr)> {
        let j = self.opt(i, "the");
        if !(self.is(j, "week") && self.is(j + 1, "of")) {
            return None;
        }
        let (k, e) = self.month_first(j + 2).or_else(|| self.day_first(j + 2))?;
        Some((k, Expr::WeekOf(Box::new(e))))
    }

    /// "the first week of October 2014", "the 3rd last week of 2018".
    fn nth_week(&self, i: usize) -> Option<(usize, Expr)> {
        let j = self.opt(i, "the");
        let (k, n) = self.ordinal(j)?;
        if !(self.is(k, "week") && (self.is(k + 1, "of") || self.is(k + 1, "in"))) {
            return None;
        }
        let m = k + 2;
        let (end, of) = self.month_first_lenient(m).or_else(|| self.year_plain(m))?;
        Some((end, Expr::NthWeekOf { n, of: Box::new(of) }))
    }

    /// "this summer", "last winter", "next season", "current seasons".
    fn season(&self, i: usize) -> Option<(usize, Expr)> {
        let (j, offset) = self.rel_word(i)?;
        let season = match self.word(j)? {
            "spring" => Some(0),
            "summer" => Some(1),
            "autumn" | "fall" => Some(2),
            "winter" => Some(3),
            "season" | "seasons" => None,
            _ => return None,
        };
        Some((j + 1, Expr::Season { season, offset }))
    }

    /// "on the 15th", "the 1st" (lenient), "20th of next month".
    fn day_of_month(&self, i: usize) -> Option<(usize, Expr)> {
        let on = self.is(i, "on");
        let j = if on { i + 1 } else { i };
        let has_the = self.is(j, "the");
        let j = self.opt(j, "the");
        let (k, day) = self.day_num(j, !self.strict)?;
        let is_ord = self.tok(j).is_some_and(|t| t.num().is_some_and(|n| n.2) || t.word().is_some());
        // "20 of next month", "20th day of next month", "20th of the current month"
        let l = self.opt(k, "day");
        if self.is(l, "of") {
            let m = self.opt(l + 1, "the");
            if let Some((n, of @ Expr::Relative { unit: Grain::Month, .. })) = self.relative(m) {
                return Some((n, Expr::NthDayOf { n: day as i64, of: Box::new(of) }));
            }
        }
        if self.strict && !(on && has_the && is_ord) {
            return None;
        }
        if !(self.strict || has_the || on) {
            return None;
        }
        if !is_ord && !self.strict && !has_the {
            return None;
        }
        Some((k, Expr::DayOfMonth(day)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn all(s: &str) -> Option<Expr> {
        parse_all(&tokenize(s))
    }

    #[test]
    fn dates() {
        assert_eq!(all("Oct. 16"), Some(Expr::Date { year: None, month: 10, day: 16 }));
        assert_eq!(all("16 October 2025"), Some(Expr::Date { year: Some(2025), month: 10, day: 16 }));
        assert_eq!(all("2025-10-16"), Some(Expr::Date { year: Some(2025), month: 10, day: 16 }));
        assert_eq!(all("10/16/2025"), Some(Expr::Date { year: Some(2025), month: 10, day: 16 }));
    }

    #[test]
    fn strict_mode_leaves_words_alone() {
        let t = tokenize("he may sat down with 37 missiles in 2000 cases");
        for i in 0..t.len() {
            assert_eq!(parse_at(&t, i), None, "token {i}");
        }
    }
}
