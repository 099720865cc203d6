//! The figure-drift rule through the binary, built-in pack alone: one
//! document giving one figure twice with two values is reported, with the
//! wording it repeats; the near misses around it stay quiet.

mod common;
use common::*;

/// A box-office story that gives its opening weekend twice.
const BOX_OFFICE: &str = "The studio's last film debuted to a franchise-best $117 million over the four-day \
    holiday weekend, including $97.4 million for the three days, on its way to $788.7 million worldwide.\n\n\
    Analysts expect the new film to open bigger still. The studio has not released a budget.\n\n\
    The last film debuted to a franchise-best $30 million over the four-day holiday weekend.\n";

#[test]
fn a_figure_given_twice_with_two_values_is_reported() {
    let doc = dated("2025-04-03", BOX_OFFICE);
    let found = findings_of(&[("film.txt", &doc)], "figure-drift");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0][0].contains("$117 million over the four-day holiday weekend"), "{found:?}");
    assert!(found[0][1].contains("$30 million over the four-day holiday weekend"), "{found:?}");

    // What a user reads: the repeated wording, both values, a fix.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("film.txt"), &doc).unwrap();
    let o = run(&["check", dir.path().to_str().unwrap(), "--no-local-rules", "--no-cache"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("\"last film debuted to a franchise-best … over the four-day holiday weekend\" gives $117 million in one place and $30 million in another"),
        "{out}"
    );
    assert!(out.contains("give the figure as $117 million in both places, or as $30 million"), "{out}");
}

#[test]
fn the_same_figure_two_measurements_and_two_reports_stay_quiet() {
    // The same figure twice.
    let same = dated("2025-04-03", &BOX_OFFICE.replace("$30 million", "$117 million"));
    assert!(findings_of(&[("same.txt", &same)], "figure-drift").is_empty());
    // Two earthquakes, worded alike: the times differ with the depths.
    let quakes = dated(
        "2025-04-03",
        "The first earthquake struck at about 9:30 a.m. and had a depth of 2.7 miles, according to the survey \
         office.\n\nThe second earthquake struck at about 7:30 a.m. and had a depth of 1.4 miles, according to \
         the survey office.\n",
    );
    assert!(findings_of(&[("quakes.txt", &quakes)], "figure-drift").is_empty());
    // A day inside the month the other passage gives.
    let ship = dated(
        "2025-04-03",
        "The ship was laid down in April 1903, launched in May 1907, and completed in June 1908 after long \
         delays.\n\nShe was laid down in April 1903, launched on 28 May 1907, and completed in June 1908 after \
         long delays.\n",
    );
    assert!(findings_of(&[("ship.txt", &ship)], "figure-drift").is_empty());
    // Two reports: a figure may change with the news; other rules compare
    // across reports with subjects and days.
    let (first, rest) = BOX_OFFICE.split_at(BOX_OFFICE.find("Analysts").unwrap());
    let later = rest.replace("The last film", "Since then, the last film");
    let a = dated("2025-04-03", first);
    let b = dated("2025-04-04", &later);
    assert!(findings_of(&[("a.txt", &a), ("b.txt", &b)], "figure-drift").is_empty());
}

#[test]
fn a_figure_given_twice_one_way_and_once_another_is_one_finding() {
    // The lede and a later paragraph agree; the third passage is the slip.
    let doc = dated(
        "2025-10-10",
        "The retailer has set aside £18 million to cover the cost of recalling the heaters, its filing shows.\n\n\
         Shares fell in early trading. Analysts said the recall was the largest in the retailer's history.\n\n\
         The retailer has set aside £18 million to cover the cost of recalling the heaters, its filing shows, \
         and expects no further charge.\n\n\
         The retailer has set aside £8 million to cover the cost of recalling the heaters, its filing shows.\n",
    );
    let found = findings_of(&[("recall.txt", &doc)], "figure-drift");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].len(), 3, "{found:?}");
    assert_eq!(found[0].iter().filter(|t| t.contains("£18 million")).count(), 2, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("£8 million")), "{found:?}");
}
