//! A deterministic generator of synthetic news: invented people, companies,
//! places and products from combinatorial pools, datelines, attribution,
//! quotes, numbers, relative dates, status sentences and a steady rate of
//! planted conflicts. The same seed gives the same corpus, byte for byte.
#![allow(dead_code)]

/// splitmix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())].clone()
    }
}

const ONSETS: [&str; 16] = ["B", "D", "F", "G", "K", "L", "M", "N", "P", "R", "S", "T", "V", "Z", "H", "J"];
const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "y"];
const CODAS: [&str; 10] = ["n", "r", "l", "s", "k", "m", "th", "v", "d", "x"];
const ENDINGS: [&str; 8] = ["ov", "sen", "ard", "ini", "berg", "ez", "ic", "wood"];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut s = String::new();
    for i in 0..syllables {
        let onset = rng.pick(&ONSETS);
        if i == 0 {
            s.push_str(onset);
        } else {
            s.push_str(&onset.to_lowercase());
        }
        s.push_str(rng.pick(&VOWELS));
        if rng.below(2) == 0 {
            s.push_str(rng.pick(&CODAS));
        }
    }
    s
}

#[derive(Clone)]
pub struct Person {
    pub first: String,
    pub last: String,
    pub role: &'static str,
}

#[derive(Clone)]
pub struct Event {
    pub noun: &'static str,
    pub a: usize,
    pub b: usize,
    pub place: String,
}

pub struct World {
    pub people: Vec<Person>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    pub events: Vec<Event>,
}

const ROLES: [&str; 8] = [
    "President",
    "Foreign Minister",
    "chief executive",
    "spokesperson",
    "Prime Minister",
    "coach",
    "Mayor",
    "Governor",
];
const NOUNS: [&str; 5] = ["summit", "talks", "meeting", "launch", "conference"];

impl World {
    pub fn new(rng: &mut Rng, people: usize, events: usize) -> World {
        let people: Vec<Person> = (0..people)
            .map(|_| Person {
                first: word(rng, 2),
                last: format!("{}{}", word(rng, 1), rng.pick(&ENDINGS)),
                role: rng.pick(&ROLES),
            })
            .collect();
        let places: Vec<String> = (0..(events / 4).max(8)).map(|_| word(rng, 3)).collect();
        let orgs: Vec<String> =
            (0..64).map(|_| format!("{} {}", word(rng, 2), rng.pick(&["Group", "Labs", "Union", "Media"]))).collect();
        let events = (0..events)
            .map(|_| {
                let a = rng.below(people.len());
                let mut b = rng.below(people.len());
                if b == a {
                    b = (a + 1) % people.len();
                }
                Event { noun: rng.pick(&NOUNS), a, b, place: rng.pick(&places).clone() }
            })
            .collect();
        World { people, places, orgs, events }
    }
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ON_HOLD: [&str; 3] = ["is on hold", "has been suspended", "was put on hold"];
const ONGOING: [&str; 3] = ["are still ongoing", "are on track", "remain on schedule"];
const GOOD: [&str; 3] = ["productive", "constructive", "a success"];
const BAD: [&str; 3] = ["inconclusive", "a failure", "disappointing"];
/// Words for the quotes of [`pair_facts`].
const QUOTE_WORDS: [&str; 40] = [
    "believe",
    "expect",
    "want",
    "need",
    "hope",
    "plan",
    "work",
    "agree",
    "change",
    "build",
    "trust",
    "share",
    "people",
    "region",
    "future",
    "deal",
    "jobs",
    "schools",
    "roads",
    "prices",
    "water",
    "energy",
    "taxes",
    "families",
    "clearly",
    "soon",
    "together",
    "again",
    "still",
    "never",
    "fully",
    "openly",
    "today",
    "carefully",
    "quickly",
    "slowly",
    "honestly",
    "firmly",
    "calmly",
    "finally",
];
const FILLER: [&str; 6] = [
    "Markets in the region were calm after the announcement.",
    "Analysts cautioned that the details remained unclear.",
    "The statement did not give further details about the schedule.",
    "Several delegations arrived earlier than expected.",
    "Local media carried the news on their front pages.",
    "Officials declined to comment on the number of participants.",
];

/// One article: its file name and text, and whether it was planted to
/// contradict the status given by the article before it on the same day.
/// Articles come in pairs on one event and one date; in every
/// `conflict_every`-th pair the second flips the first's status.
pub fn article(rng: &mut Rng, world: &World, i: usize, conflict_every: usize) -> (String, String, bool) {
    let day0 = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    // Consecutive pairs share an event and a date; planted conflicts flip a value.
    let pair = i / 2;
    let ev_idx = (pair * 7919) % world.events.len();
    let ev = &world.events[ev_idx];
    let date = day0 + chrono::Days::new((pair % 600) as u64);
    let a = &world.people[ev.a];
    let b = &world.people[ev.b];
    let speaker = &world.people[rng.below(world.people.len())];
    let org = rng.pick(&world.orgs);
    let planted = i % 2 == 1 && pair.is_multiple_of(conflict_every.max(1));
    let on_hold = if i.is_multiple_of(2) {
        pair.is_multiple_of(3)
    } else if planted {
        !pair.is_multiple_of(3)
    } else {
        pair.is_multiple_of(3)
    };
    let status = if on_hold { rng.pick(&ON_HOLD).to_string() } else { rng.pick(&ONGOING).to_string() };
    let subject = if on_hold {
        format!("The {} between {} {} and {} {} in {}", ev.noun, a.first, a.last, b.first, b.last, ev.place)
    } else {
        format!(
            "Preparations for the {} between {} {} and {} {} in {}",
            ev.noun, a.first, a.last, b.first, b.last, ev.place
        )
    };
    // Said on the dateline's own day, so both articles of a pair hold on it.
    let weekday = WEEKDAYS[chrono::Datelike::weekday(&date).num_days_from_monday() as usize];
    let mut t = String::with_capacity(2400);
    t.push_str(&format!(" date {date}\n"));
    t.push_str(&format!("{} and {} plan {} in {}\n\n", a.last, b.last, ev.noun, ev.place));
    t.push_str(&format!(
        "{subject} {status}, {} {} {} {} said on {weekday}.\n\n",
        org, speaker.role, speaker.first, speaker.last
    ));
    let good = !i.is_multiple_of(5) || pair.is_multiple_of(2);
    t.push_str(&format!(
        "{} {} described the phone call with {} {} as “{}”, according to {}.\n\n",
        a.role,
        a.last,
        b.first,
        b.last,
        if good { rng.pick(&GOOD) } else { rng.pick(&BAD) },
        org
    ));
    let quote_words = [
        "we remain committed to a lasting agreement",
        "this is a decisive moment for the region",
        "nothing has been decided yet",
    ];
    t.push_str(&format!(
        "“{},” {} told reporters in {} last week.\n\n",
        quote_words[pair % 3],
        b.last,
        rng.pick(&world.places)
    ));
    let n = 100 + rng.below(5000);
    t.push_str(&format!(
        "More than {n} people are expected to attend, and a second round could take place within two weeks or in {}.\n\n",
        MONTHS[(pair + 2) % 12]
    ));
    for _ in 0..(3 + rng.below(4)) {
        t.push_str(rng.pick(&FILLER));
        t.push(' ');
    }
    t.push_str(&format!(
        "\n\n{} {} {} last met in {} on {} {}, the {} said earlier this month.\n",
        a.last,
        "and",
        b.last,
        ev.place,
        MONTHS[(pair / 30) % 12],
        1 + pair % 28,
        org
    ));
    (format!("{i:07}.txt"), t, planted)
}

/// Write `n` articles under `dir`, returning total bytes and the file
/// names of the planted articles.
pub fn write_corpus(dir: &std::path::Path, n: usize, seed: u64) -> (usize, Vec<String>) {
    let mut rng = Rng::new(seed);
    let world = World::new(&mut rng, (n / 3).max(50), (n / 4).max(20));
    let mut bytes = 0;
    let mut planted = Vec::new();
    for i in 0..n {
        let (name, text, p) = article(&mut rng, &world, i, 10);
        bytes += text.len();
        if p {
            planted.push(name.clone());
        }
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(name), text).unwrap();
    }
    (bytes, planted)
}

/// The kinds of conflict the wire corpus plants, each with the rule that
/// must find it. Status conflicts come from [`article`]; the others are
/// planted in the second article of a planted pair, one kind per pair in
/// turn.
pub const PLANTED_KINDS: [(&str, &str); 9] = [
    ("status", "status-clash"),
    ("count", "count-mismatch"),
    ("date", "event-date"),
    ("negation", "act-negation"),
    ("spelling", "name-spelling"),
    ("quote", "quote-drift"),
    ("weekday", "weekday-date"),
    ("place", "event-place"),
    ("figure", "figure-drift"),
];

/// A conflict the generator planted: its kind and the file it is in.
#[derive(Clone, Debug)]
pub struct Planted {
    pub kind: &'static str,
    pub rule: &'static str,
    pub file: String,
}

/// Sentences every article of a pair carries with the same values (a
/// count, the day of a past meeting, an approval, a name, a quote, a dated
/// weekday), and the one the second article of a planted pair of `kind`
/// gives otherwise.
fn pair_facts(pair: usize, date: chrono::NaiveDate, flip: Option<&str>) -> String {
    use chrono::Datelike;
    let is = |k: &str| flip == Some(k);
    // Names of this pair alone (its trust, its hall, its spokesperson, its
    // quote), so that no two pairs read as one act, one place, one person
    // or one quotation.
    let mut own = Rng::new(0x5eed ^ pair as u64);
    let trust = format!("{} Trust", word(&mut own, 3));
    let hall = format!("{} Hall", word(&mut own, 3));
    let first = word(&mut own, 2);
    let last = format!("{}{}", word(&mut own, 2), own.pick(&ENDINGS));
    let injured = 12 + pair % 40;
    let injured = if is("count") { injured * 3 + 7 } else { injured };
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    // A past act: the day before the dateline (four days before when
    // planted).
    let opened = date - chrono::Days::new(if is("date") { 4 } else { 1 });
    let opened = format!("{} {}", MONTHS[opened.month0() as usize], opened.day());
    let approved = if is("negation") { "has not approved" } else { "approved" };
    let mut last = last;
    if is("spelling") {
        // one letter doubled after the third: a slip, not another name
        if let Some((k, c)) = last.char_indices().nth(3) {
            last.insert(k, c);
        }
    }
    let mut words: Vec<&str> = (0..9).map(|_| own.pick(&QUOTE_WORDS)).collect();
    if is("quote") {
        words[4] = if words[4] == "never" { "always" } else { "never" };
    }
    let quote = format!("we {} and {}", words[..5].join(" "), words[5..].join(" "));
    let wrong_day =
        if is("weekday") { WEEKDAYS[(date.weekday().num_days_from_monday() as usize + 2) % 7] } else { weekday };
    // A birthplace in a region of this pair; planted, another town of it.
    let (town, other, region) = (word(&mut own, 3), word(&mut own, 2), word(&mut own, 3));
    let town = if is("place") { other } else { town };
    // A sum raised, given once; planted, the article gives it again
    // further down, in the same words, with another value.
    let raised = format!("£{}.{} million", 1 + pair % 9, pair % 10);
    let restated = if is("figure") {
        format!(
            "Its latest filing says the {trust} raised £{}.{} million for the {hall} restoration fund last year.\n\n",
            2 + pair % 9,
            (pair + 3) % 10
        )
    } else {
        String::new()
    };
    format!(
        "Police said {injured} people were injured in a crash near {hall} on {weekday}.\n\n\
         The {trust} opened {hall} on {opened}, a spokesperson for {first} {last} said.\n\n\
         The {trust} board {approved} the {hall} budget, the board said on {weekday}.\n\n\
         “{quote},” {first} {last} told reporters at {hall}.\n\n\
         The {trust} statement, released on {wrong_day}, {month} {day}, gave no further details.\n\n\
         {first} {last}, who was born in {town}, {region}, has chaired the {trust} since 2019.\n\n\
         The {trust} raised {raised} for the {hall} restoration fund last year, according to its accounts.\n\n\
         {restated}",
        month = MONTHS[date.month0() as usize],
        day = date.day(),
    )
}

/// As [`write_corpus`], each article brought to wire length (2 to 4 KB,
/// about 3 on average) with paragraphs of real news from `paragraphs`
/// (chosen by the same seed), so that the benchmark reads what wire copy
/// is made of, not only the generator's short templates. Each pair also
/// carries the sentences of [`pair_facts`]; every planted pair plants a
/// status conflict and, in turn, one of the other kinds. Returns the bytes
/// written and the planted conflicts.
pub fn write_corpus_wire(dir: &std::path::Path, n: usize, seed: u64, paragraphs: &[String]) -> (usize, Vec<Planted>) {
    let mut rng = Rng::new(seed);
    let world = World::new(&mut rng, (n / 3).max(50), (n / 4).max(20));
    let mut bytes = 0;
    let mut planted = Vec::new();
    for i in 0..n {
        let (name, mut text, p) = article(&mut rng, &world, i, 10);
        let pair = i / 2;
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new((pair % 600) as u64);
        let (kind, rule) = PLANTED_KINDS[1 + (pair / 10) % (PLANTED_KINDS.len() - 1)];
        if p {
            planted.push(Planted { kind: "status", rule: "status-clash", file: name.clone() });
            planted.push(Planted { kind, rule, file: name.clone() });
        }
        text.push_str(&pair_facts(pair, date, p.then_some(kind)));
        let target = 2048 + rng.below(2048);
        while text.len() < target && !paragraphs.is_empty() {
            let p = &paragraphs[rng.below(paragraphs.len())];
            let room = target - text.len();
            // Whole paragraphs, the last one cut at a sentence end.
            let cut = if p.len() <= room {
                p.len()
            } else {
                p[..(0..=room).rev().find(|&k| p.is_char_boundary(k)).unwrap_or(0)].rfind(". ").map_or(0, |k| k + 1)
            };
            if cut == 0 {
                break;
            }
            text.push('\n');
            text.push_str(&p[..cut]);
            text.push('\n');
        }
        bytes += text.len();
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(name), text).unwrap();
    }
    (bytes, planted)
}
