//! Quote drift and name spelling stay quiet on what real coverage does all
//! the time, and still find the real slips next to it. Each fixture is a
//! small story of our own in the shape of a false alarm once seen on real
//! news (different quotes sharing their first words, two cuts of one
//! quotation, typographic and spelling variants, different speakers, one
//! difference in many articles; fuller and shorter forms of a name,
//! relatives, organisations).

mod common;
use common::*;

fn findings(docs: &[(&str, &str)], rule: &str) -> Vec<Vec<String>> {
    findings_of(docs, rule)
}

fn doc(day: &str, body: &str) -> String {
    dated(day, body)
}

#[test]
fn a_changed_word_in_one_speakers_quotation_is_found_once_for_all_articles() {
    let a = doc(
        "2025-05-02",
        "\"We will not be pushed out of the harbour we built,\" Mayor Tomas Reyland said on Thursday.",
    );
    let b = doc("2025-05-02", "\"We will not be forced out of the harbour we built,\" Mayor Tomas Reyland said.");
    let c = doc(
        "2025-05-03",
        "Reyland, who spoke at the town hall, said: \"We will not be forced out of the harbour we built.\"",
    );
    let f = findings(&[("a.txt", &a), ("b.txt", &b), ("c.txt", &c)], "quote-drift");
    assert_eq!(f.len(), 1, "one finding for one difference: {f:?}");
    assert_eq!(f[0].len(), 3, "every passage on both sides: {f:?}");
}

#[test]
fn different_quotes_cuts_variants_and_speakers_are_not_drift() {
    // different remarks that begin alike
    let a = doc("2025-05-02", "\"It was a mess at the quay all night,\" harbourmaster Ilse Varnholt said.");
    let b = doc("2025-05-02", "\"It was a long night for the crews at the quay,\" harbourmaster Ilse Varnholt said.");
    // two cuts of one quotation
    let c = doc("2025-05-02", "\"That vessel is unsafe and needs to be moved before the storm,\" Varnholt said.");
    let d = doc("2025-05-02", "\"That vessel needs to be moved before the storm,\" Varnholt said.");
    // typography and spelling
    let e = doc(
        "2025-05-02",
        "\"The cyber criminals targeted the neighbourhood data center at 6 p.m. on Monday,\" Varnholt said.",
    );
    let g = doc("2025-05-02", "\u{201c}The cyber-criminals targeted the neighborhood datacenter at 6:00 p.m. on Monday,\u{201d} Varnholt said.");
    // two speakers who share a surname
    let h = doc("2025-05-02", "\"Our crews worked through the night to clear the channel,\" Jonas Varnholt said.");
    let i = doc("2025-05-02", "\"Our crews worked through the day to clear the channel,\" Ilse Varnholt said.");
    let all = [
        ("a.txt", &a),
        ("b.txt", &b),
        ("c.txt", &c),
        ("d.txt", &d),
        ("e.txt", &e),
        ("g.txt", &g),
        ("h.txt", &h),
        ("i.txt", &i),
    ];
    let docs: Vec<(&str, &str)> = all.iter().map(|(n, t)| (*n, t.as_str())).collect();
    assert_eq!(findings(&docs, "quote-drift"), Vec::<Vec<String>>::new());
}

#[test]
fn a_misspelt_name_is_found_and_other_forms_of_names_are_not() {
    let a = doc(
        "2025-05-02",
        "Harbour commissioner Karin Lindqvist said the quay would reopen. Lindqvist said crews were ready.",
    );
    let b = doc("2025-05-02", "Harbour commissioner Karin Lindkvist said on Friday the quay would reopen.");
    let f = findings(&[("a.txt", &a), ("b.txt", &b)], "name-spelling");
    assert_eq!(f.len(), 1, "{f:?}");

    // a fuller form, a short form, a case variant, relatives, an organisation
    let c = doc(
        "2025-05-02",
        "Inspector Dave Morrow said the pier was closed. Inspector David Morrow said it would stay shut. \
         Mark Halvorsen said he agreed. Mark Jay Halvorsen, a pilot, said the channel was clear. \
         PETER Okonjo said little. Peter Okonjo said more later. \
         Jerry Baptiste, who owns the boatyard, said his son Jeremy Baptiste would run it. Jeremy Baptiste said so too. \
         The New Harbor Police said the quay was safe. The New Haven Police said they had sent officers.",
    );
    let f = findings(&[("c.txt", &c)], "name-spelling");
    assert_eq!(f, Vec::<Vec<String>>::new());
}

#[test]
fn a_surname_alone_misspelt_next_to_the_full_name_is_found() {
    let a = doc(
        "2025-05-02",
        "Sheriff Adaeze Okonkwo repeated her warning on Sunday. Okonkwa said deputies had closed two roads.",
    );
    let f = findings(&[("a.txt", &a)], "name-spelling");
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn a_quotation_thousands_of_words_long_is_not_aligned() {
    // Aligning two such "quotations" (a stray quote mark, an excerpt) would
    // cost the product of their lengths in time and memory.
    let words = ["the quay stays open for every boat that needs it"; 600].join(" ");
    let a = doc("2025-05-02", &format!("Mayor Tomas Reyland said \"{words} today\" on Friday."));
    let b = doc("2025-05-02", &format!("Mayor Tomas Reyland said \"{words} tonight\" on Friday."));
    let start = std::time::Instant::now();
    let f = findings(&[("a.txt", &a), ("b.txt", &b)], "quote-drift");
    assert!(f.is_empty(), "{}", f.len());
    assert!(start.elapsed().as_secs() < 10);
}
