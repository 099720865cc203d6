//! Open-vocabulary claims on small stories of our own, with the built-in
//! pack alone: each conflict next to the near-miss that must stay quiet.

mod common;
use common::*;

fn findings(docs: &[(&str, &str)], rule: &str) -> Vec<Vec<String>> {
    findings_of(docs, rule)
}

fn doc(day: &str, body: &str) -> String {
    dated(day, body)
}

/// An act of a named subject in apposition, on a Tuesday.
const SIGNED_OFF: &str = "Ann Lee, the regional health commissioner, signed off an extra £4.2 million in \
                          funding for the hospital on Tuesday, a hospital spokeswoman said.";

#[test]
fn an_act_asserted_of_a_subject_in_apposition_and_denied_is_found() {
    // The subject is two commas away from its verb ("Ann Lee, the ...
    // commissioner, signed off"); the denial names her by her role.
    let a = doc("2025-03-19", SIGNED_OFF);
    let b = doc(
        "2025-03-20",
        "The office of the regional health commissioner, Ann Lee, said on Wednesday that the commissioner \
         has not signed off any extra funding for the hospital.",
    );
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "act-negation");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("not signed off")), "{found:?}");
    // Someone else signing off is no contradiction.
    let c = doc(
        "2025-03-19",
        "Tom Reyes, the city treasurer, signed off an extra £4.2 million in funding for the hospital on \
         Tuesday, a hospital spokeswoman said.",
    );
    assert!(findings(&[("c.txt", &c), ("b.txt", &b)], "act-negation").is_empty());
}

#[test]
fn a_session_held_at_an_organisations_offices_is_one_event_with_it() {
    // "met at the offices of the Harbour Authority ... the session had gone
    // nowhere" against "described Tuesday's session at the Harbour
    // Authority as constructive".
    let a = doc(
        "2025-06-11",
        "Negotiators for the dockers and the port operator met for five hours at the offices of the Harbour \
         Authority in Portby on Tuesday. Afterwards the dockers' leader told reporters the session had gone \
         nowhere.",
    );
    let b =
        doc("2025-06-12", "The port operator described Tuesday's session at the Harbour Authority as constructive.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "characterisation-clash");
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn a_road_that_remains_closed_and_has_reopened_the_same_day() {
    // "remains" after a number is a verb here, not "4 remains".
    let a = doc("2025-08-15", "Highway 9 remains closed between Elmdale and Fort Amery, the county said on Thursday.");
    let b = doc("2025-08-15", "Highway 9 has reopened between Elmdale and Fort Amery, the sheriff said on Thursday.");
    assert_eq!(findings(&[("a.txt", &a), ("b.txt", &b)], "status-clash").len(), 1);
    // A week apart it is a change, not a conflict.
    let c = doc("2025-08-22", "Highway 9 has reopened between Elmdale and Fort Amery, the sheriff said on Friday.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "status-clash").is_empty());
}

#[test]
fn a_past_act_given_two_days_is_found_and_a_repeated_one_is_not() {
    // One union served notice once: on Thursday (the dateline day) or on
    // March 10?
    let a = doc(
        "2025-03-06",
        "The Harbour Workers' Union said on Wednesday that its members had backed a strike. The union served \
         formal notice of the walkout on Thursday.",
    );
    let b = doc(
        "2025-03-14",
        "The Harbour Workers' Union goes into the dispute with a clear mandate, and the union served strike \
         notice on March 10.",
    );
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "event-date");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("March 10")), "{found:?}");
    // An act one report gives two days is done more than once.
    let c = doc(
        "2025-03-14",
        "The Harbour Workers' Union served notice of a first walkout on March 3. The union served notice of a \
         second walkout on March 10.",
    );
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "event-date").is_empty());
    // Saying is done again and again; a plan has no day yet.
    let d = doc("2025-03-14", "The Harbour Workers' Union announced the strike on March 10.");
    let e = doc("2025-03-06", "The Harbour Workers' Union announced the strike on Thursday.");
    assert!(findings(&[("d.txt", &d), ("e.txt", &e)], "event-date").is_empty());
    let f = doc(
        "2025-03-14",
        "The union could serve formal notice of the walkout on March 10, the Harbour Workers' Union said.",
    );
    assert!(findings(&[("a.txt", &a), ("f.txt", &f)], "event-date").is_empty());
}

#[test]
fn a_finished_count_in_an_undated_report_meets_the_one_occasion_of_the_dated_ones() {
    // A campaign statement without a date gives the count of a finished
    // event (the rejection of ballots) that a dated report gives otherwise.
    let a = doc(
        "2025-11-25",
        "The hand recount in Marrowby's council race was stopped on Tuesday after the Harwick campaign \
         objected to the handling of 48 mail ballots that were rejected during the canvass.",
    );
    let undated = "Council member Jo Harwick filed a lawsuit in Dunmore County Court challenging the \
                   rejection of 84 mail ballots in Marrowby's council race, her campaign said.\n";
    let found = findings(&[("a.txt", &a), ("b.txt", undated)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("84 mail ballots")), "{found:?}");
    // Two undated reports agreeing with each other against the dated one
    // may be of another occasion (last year's count): left alone.
    let found = findings(&[("a.txt", &a), ("b.txt", undated), ("c.txt", undated)], "count-mismatch");
    assert!(found.is_empty(), "{found:?}");
    // Two dated occasions that do not meet: the undated count is of neither.
    let earlier = doc(
        "2024-05-02",
        "The hand recount in Marrowby's council race was stopped on Tuesday after the Harwick campaign \
         objected to the handling of 20 mail ballots that were rejected during the canvass.",
    );
    let found = findings(&[("a.txt", &a), ("e.txt", &earlier), ("b.txt", undated)], "count-mismatch");
    assert!(found.iter().all(|f| !f.iter().any(|t| t.contains("84"))), "{found:?}");
}

#[test]
fn a_correction_notice_says_no_claim_and_retires_the_value_it_corrects() {
    let notice = "An earlier version of this article misstated the number of mail ballots rejected during the \
                  canvass. It was 48, not 84.";
    // The corrected article against another report still carrying the
    // error: one finding, between the body and the other report, never
    // citing the notice.
    let a = doc(
        "2025-11-25",
        &format!(
            "The hand recount in Marrowby's council race was stopped on Tuesday. Officials said 48 mail ballots \
             were rejected during the canvass.\n\n{notice}\n"
        ),
    );
    let b = doc(
        "2025-11-24",
        "The Harwick campaign objected on Monday to the handling of 84 mail ballots that were rejected during the \
         canvass in Marrowby's council race.",
    );
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().all(|t| !t.contains("not 84") && !t.contains("misstated")), "{found:?}");
    // An article whose body still carries the error after the notice no
    // longer stands behind it.
    let unfixed = a.replace("said 48 mail", "said 84 mail");
    let c = doc(
        "2025-11-24",
        "Election officials said on Monday that 48 mail ballots were rejected during the canvass in Marrowby's \
         council race.",
    );
    assert!(findings(&[("a.txt", &unfixed), ("c.txt", &c)], "count-mismatch").is_empty());
    // Without the notice the same body is a conflict.
    let plain = unfixed.replace(notice, "");
    assert_eq!(findings(&[("a.txt", &plain), ("c.txt", &c)], "count-mismatch").len(), 1);
}

#[test]
fn the_month_may_is_no_hedge() {
    // "on May 7" is a day: the act is dated, not hedged by "may".
    let a = doc("2024-05-10", "The Jukzifid Trust opened Lulafy Hall on May 7, a spokesperson said.");
    let b = doc("2024-05-10", "The Jukzifid Trust opened Lulafy Hall on May 3, its chairman said.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "event-date");
    assert_eq!(found.len(), 1, "{found:?}");
    // The modal still hedges.
    let c = doc("2024-05-10", "The Jukzifid Trust may have opened Lulafy Hall on May 3, a spokesperson said.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "event-date").is_empty());
}

#[test]
fn one_report_giving_one_count_two_values_is_found() {
    // The same clause twice in one article with two numbers: a figure
    // changed in one place and not the other. Thousands keep their comma.
    let a = doc(
        "2025-04-02",
        "The agency said on Wednesday that at least 1,607 people were evacuated from the valley in 2024. \
         Officials praised the response.\n\nAt least 2,800 people were evacuated from the valley in 2024, \
         the report says.",
    );
    let found = findings(&[("a.txt", &a)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("1,607")) && found[0].iter().any(|t| t.contains("2,800")));
    // A relative clause names its subject: "Hartwell, which employs ..."
    let b = doc(
        "2025-04-02",
        "Hartwell Foods, which employs more than 5,000 people in Denton, posted a loss. \
         Analysts were surprised.\n\nHartwell Foods employs fewer than 1,000 people in Denton.",
    );
    assert_eq!(findings(&[("b.txt", &b)], "count-mismatch").len(), 1);
}

#[test]
fn a_share_given_as_a_fraction_and_as_a_percentage_is_one_count() {
    // "half of" and "10%" of the same staff, laid off on the same day.
    let a = doc(
        "2025-04-02",
        "Half of the Dunmore Mills staff were laid off on Monday, the company said. Unions condemned the \
         move.\n\nOnly 10% of the Dunmore Mills staff were laid off on Monday, a spokesman said later.",
    );
    let found = findings(&[("a.txt", &a)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("Half of")) && found[0].iter().any(|t| t.contains("10%")));
    let b = a.replace("Half of", "More than a third of");
    assert_eq!(findings(&[("b.txt", &b)], "count-mismatch").len(), 1, "{b}");
    // A round fraction meets a percentage near it, and "more than a third"
    // meets 40 percent.
    for (first, second) in [("Half of", "52 percent of"), ("More than a third of", "40 percent of")] {
        let b = doc(
            "2025-04-02",
            &format!(
                "{first} the Dunmore Mills staff were laid off on Monday, the company said. Unions condemned \
                 the move.\n\n{} the Dunmore Mills staff were laid off on Monday, a spokesman said later.",
                second[..1].to_uppercase() + &second[1..]
            ),
        );
        assert!(findings(&[("b.txt", &b)], "count-mismatch").is_empty(), "{first} / {second}");
    }
}

#[test]
fn a_count_in_a_participle_clause_is_of_the_sentence_s_subject() {
    // ", growing more than a third of its apples": the clause has no
    // subject of its own; the sentence's is the grower (after "That's
    // because", whose pronoun the parse also makes a subject).
    let a = doc(
        "2025-04-02",
        "Apple prices rose again this year. That's because Dunmore Farms is the region's largest grower, growing \
         more than a third of its apples.\n\nDunmore Farms grows less than 10% of the region's apples, the \
         report says.",
    );
    let found = findings(&[("a.txt", &a)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("more than a third")), "{found:?}");
}

#[test]
fn no_passengers_hurt_against_three_is_found() {
    let a = doc("2025-04-02", "Three passengers were hurt in the Northline train crash on Monday, police said.");
    let b = doc("2025-04-02", "No passengers were hurt in the Northline train crash on Monday, the operator said.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("No passengers")), "{found:?}");
    // other people hurt, or the passengers of another crash: no conflict
    let c = doc("2025-04-02", "Three crew members were hurt in the Northline train crash on Monday, police said.");
    assert!(findings(&[("c.txt", &c), ("b.txt", &b)], "count-mismatch").is_empty());
    let d = doc("2025-04-02", "Three passengers were hurt in the Eastway bus crash on Monday, police said.");
    assert!(findings(&[("d.txt", &d), ("b.txt", &b)], "count-mismatch").is_empty());
    // "no one" and "nobody" are no people ("Nobody" opening the sentence
    // is no name of the crash)
    let e = doc("2025-04-02", "Two people were injured in the Northline train crash on Monday, police said.");
    for none in ["No one", "Nobody"] {
        let f = doc(
            "2025-04-02",
            &format!("{none} was injured in the Northline train crash on Monday, the operator said."),
        );
        let found = findings(&[("e.txt", &e), ("f.txt", &f)], "count-mismatch");
        assert_eq!(found.len(), 1, "{none}: {found:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.txt");
    std::fs::write(&path, doc("2025-04-02", "Nobody was injured in the Northline crash on Monday.")).unwrap();
    let out = stdout(&factlint().args(["facts", path.to_str().unwrap(), "--no-cache"]).output().unwrap());
    assert!(out.contains("np:people|injure|:northline "), "{out}");
}

#[test]
fn counts_of_verbs_the_pack_groups_are_one_count() {
    // "injured" and "hurt", "died" and "were killed": the built-in pack's
    // `same_events`.
    let pairs = [
        (
            "Two people were injured in the Northline train crash on Monday.",
            "Five people were hurt in the Northline train crash on Monday.",
        ),
        (
            "Four people died in the Eastway warehouse fire on Monday.",
            "Six people were killed in the Eastway warehouse fire on Monday.",
        ),
    ];
    for (one, other) in pairs {
        let a = doc("2025-04-02", &format!("{one} Police gave the figure."));
        let b = doc("2025-04-02", &format!("{other} Officials gave the figure."));
        assert_eq!(findings(&[("a.txt", &a), ("b.txt", &b)], "count-mismatch").len(), 1, "{one} / {other}");
    }
    // What people "are believed to" have done is a hedge: no count (before
    // the pack's hedges held "believed to", this was "the people (believe)
    // of Hiller: Two people in one report and No one in another").
    let a = doc("2025-04-02", "Two people are believed to have been inside the Hiller home on Monday, police said.");
    let b = doc("2025-04-02", "No one is believed to have been inside the Hiller home on Monday, the chief said.");
    assert!(findings(&[("a.txt", &a), ("b.txt", &b)], "count-mismatch").is_empty());
    // Injured and killed are two counts.
    let a = doc("2025-04-02", "Two people were killed in the Northline train crash on Monday.");
    let b = doc("2025-04-02", "Five people were injured in the Northline train crash on Monday.");
    assert!(findings(&[("a.txt", &a), ("b.txt", &b)], "count-mismatch").is_empty());
}

#[test]
fn counts_of_one_report_that_are_not_of_one_thing_stay_quiet() {
    let quiet = [
        // two years, two counts
        "At least 607 people were evacuated from the valley in 2023. At least 800 people were evacuated from \
         the valley in 2024.",
        // two places
        "The storm damaged 300 houses in Aldwick. The storm damaged 40 houses in Brenton.",
        // a count under a condition, as its sentence says
        "If an application needs only two servers, the software finds two available servers. If the \
         application needs 10 servers, the software finds 10 available servers.",
        // one sentence: a change told in one breath
        "The company employed 400 workers in 2020 and employs 900 workers in 2024.",
        // a different event of the same things
        "The company hired 200 workers in March. The company fired 50 workers in June.",
    ];
    for text in quiet {
        let a = doc("2025-04-02", text);
        let found = findings(&[("a.txt", &a)], "count-mismatch");
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn a_denial_whose_subject_is_before_a_relative_clause_is_found() {
    // "Ann Lee, who ..., has not signed": the clause after the second comma
    // opens with its auxiliary; its subject is two clauses back.
    let a = doc("2025-03-19", SIGNED_OFF);
    let b = doc(
        "2025-03-20",
        "Ann Lee, who took over as regional health commissioner in January, has not signed off any extra \
         funding for the hospital, her office said on Wednesday.",
    );
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "act-negation");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("has not signed off")), "{found:?}");
}

#[test]
fn two_ages_of_one_person_for_one_day_are_found() {
    let a = doc(
        "2025-03-20",
        "Ann Lee, 45, a nurse from Denton, was charged on Monday.\n\nThe 47-year-old Ann Lee denies the charge.",
    );
    let found = findings(&[("a.txt", &a)], "age-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    // The same day in two reports.
    let b = doc("2025-03-20", "Ann Lee (45) was released on bail.");
    let c = doc("2025-03-20", "Ann Lee, aged 52, was released on bail.");
    assert_eq!(findings(&[("b.txt", &b), ("c.txt", &c)], "age-mismatch").len(), 1);
}

#[test]
fn ages_that_can_all_hold_stay_quiet() {
    let quiet: [&[(&str, &str)]; 3] = [
        // one family: two people
        &[("2025-03-20", "John Jenkin, 23, and his sister Katie Jenkin, 20, were hurt.")],
        // an age recalled in a later story is the age of its event
        &[
            ("2005-06-25", "Deputy Jerry Ortiz, 35, was shot dead on Friday."),
            ("2007-03-20", "The man who killed Deputy Jerry Ortiz, 35, was sentenced on Monday."),
        ],
        // the same age twice
        &[("2025-03-20", "Ann Lee, 45, was charged.\n\nThe 45-year-old Ann Lee denies it.")],
    ];
    for docs in quiet {
        let texts: Vec<(String, String)> =
            docs.iter().enumerate().map(|(i, (day, body))| (format!("{i}.txt"), doc(day, body))).collect();
        let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let found = findings(&refs, "age-mismatch");
        assert!(found.is_empty(), "{docs:?}: {found:?}");
    }
}

#[test]
fn one_report_giving_one_amount_of_money_two_values_is_found() {
    let a = doc(
        "2025-04-02",
        "The film debuted to a franchise-best $117 million over the weekend. Critics were kind.\n\n\
         The film debuted to $30 million over the weekend, the studio said.",
    );
    assert_eq!(findings(&[("a.txt", &a)], "count-mismatch").len(), 1);
    // two weekends, two amounts
    let b = doc(
        "2025-04-02",
        "The film debuted to $117 million over the opening weekend. The film took $30 million over the \
         second weekend.",
    );
    assert!(findings(&[("b.txt", &b)], "count-mismatch").is_empty());
}

#[test]
fn a_measure_of_a_thing_is_compared_within_its_report_only() {
    let a = doc(
        "2025-04-02",
        "Police said Kim stabbed Lippert with a 10-inch knife on Monday. Lippert recovered.\n\n\
         Kim stabbed Lippert with a 5-inch knife on Monday.",
    );
    let found = findings(&[("a.txt", &a)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("10-inch knife")), "{found:?}");
    // Two reports: a union may call a 24-hour and a 48-hour strike.
    let b = doc("2025-04-02", "Kim stabbed Lippert with a 10-inch knife on Monday.");
    let c = doc("2025-04-02", "Kim stabbed Lippert with a 5-inch knife on Monday.");
    assert!(findings(&[("b.txt", &b), ("c.txt", &c)], "count-mismatch").is_empty());
    // An age is no measure.
    let d = doc("2025-04-02", "Kim hit a 5-year-old boy on Monday. Later Kim hit a 7-year-old boy on Monday.");
    assert!(findings(&[("d.txt", &d)], "count-mismatch").is_empty());
}

#[test]
fn a_speaker_who_says_he_did_not_is_the_subject_of_the_denial() {
    // "Paul Ortiz said he had not signed the contract": "he" is the
    // speaker, the one person the frame's subject names.
    let a = doc("2025-05-07", "Paul Ortiz, the club's director, signed the contract on Tuesday, the league said.");
    let b = doc("2025-05-07", "Paul Ortiz said he had not signed the contract.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "act-negation");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("he had not signed")), "{found:?}");
    // Someone whose own phrase names two people ("Ortiz's lawyer said he")
    // is no antecedent: ambiguous, so dropped.
    let c = doc("2025-05-07", "Paul Ortiz's lawyer said he had not signed the contract.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "act-negation").is_empty());
}

#[test]
fn what_a_denial_frames_is_not_asserted() {
    // "denied that Ortiz signed the contract on Monday" gives no day of
    // the signing to set against "signed on Tuesday".
    let a = doc("2025-05-07", "Paul Ortiz signed the contract on Tuesday, the league said.");
    let b = doc("2025-05-07", "The club denied that Paul Ortiz signed the contract on Monday.");
    assert!(findings(&[("a.txt", &a), ("b.txt", &b)], "event-date").is_empty());
    // Said plainly, the two days meet.
    let c = doc("2025-05-07", "The club said that Paul Ortiz signed the contract on Monday.");
    assert_eq!(findings(&[("a.txt", &a), ("c.txt", &c)], "event-date").len(), 1);
    // A count a denial frames is no count either.
    let d = doc("2025-05-07", "Police said 40 workers were injured in the blast at the plant on Monday.");
    let e = doc("2025-05-07", "The company denied that 400 workers were injured in the blast at the plant on Monday.");
    assert!(findings(&[("d.txt", &d), ("e.txt", &e)], "count-mismatch").is_empty());
    let f = doc("2025-05-07", "The company said that 400 workers were injured in the blast at the plant on Monday.");
    assert_eq!(findings(&[("d.txt", &d), ("f.txt", &f)], "count-mismatch").len(), 1);
}

#[test]
fn a_conflict_inside_one_report_is_worded_as_one() {
    // "in one report and ... in another" would send the reader looking
    // for a second article: within one it is two passages.
    let dir = tempfile::tempdir().unwrap();
    let a = doc(
        "2025-04-02",
        "The agency said on Wednesday that at least 1,607 people were evacuated from the valley in 2024. \
         Officials praised the response.\n\nAt least 2,800 people were evacuated from the valley in 2024, \
         the report says.",
    );
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    let o = factlint().current_dir(dir.path()).args(["check", "a.txt", "--format", "concise"]).output().unwrap();
    let out = stdout(&o);
    assert!(out.contains("count-mismatch") && out.contains("in one passage and"), "{out}");
    assert!(!out.contains("{report}") && !out.contains("in one report"), "{out}");
}

#[test]
fn a_numbered_day_with_its_date_between_commas_is_characterised() {
    // "Day one of the hearing" is the hearing's first day; its date sits
    // between commas, away from "went", which the parse ties it to; "went"
    // is a past tense without "-ed".
    let a = doc("2025-05-13", "Day one of the planning inquiry, on Monday, May 12, went smoothly, officials said.");
    let b = doc(
        "2025-05-14",
        "A lawyer for the residents said the first day of the planning inquiry, May 12, was chaotic.",
    );
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "characterisation-clash");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("went")), "{found:?}");
    // Day two is another day.
    let c = doc("2025-05-14", "Day two of the planning inquiry, on Tuesday, May 13, was chaotic.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "characterisation-clash").is_empty());
    // After a clause with a verb of its own, an irregular past does not
    // take the sentence's first words as its subject.
    let d = doc(
        "2025-05-13",
        "The residents were angry on Monday, May 12, and the first day of the planning inquiry went badly, \
         a lawyer said.",
    );
    let e = doc("2025-05-13", "Nothing went wrong, a spokeswoman for the inquiry said on Monday, May 12.");
    assert!(findings(&[("d.txt", &d), ("e.txt", &e)], "characterisation-clash").is_empty());
}

#[test]
fn a_noun_numbered_with_digits_is_a_name() {
    // "Route 14" is tagged a common noun; with its number it names one road.
    let a = doc("2025-05-13", "Route 14 remains closed.");
    let b = doc("2025-05-13", "Route 14 has reopened, the county said.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "status-clash");
    assert_eq!(found.len(), 1, "{found:?}");
    // Another number is another road.
    let c = doc("2025-05-13", "Route 15 has reopened, the county said.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "status-clash").is_empty());
}

#[test]
fn the_day_of_an_act_done_at_night_by_an_organisation_with_a_role_word_in_its_name() {
    // "General" is a role word ("Attorney General"), but not inside the
    // name of a hospital; "Sunday night" is Sunday.
    let a = doc(
        "2026-03-03",
        "Ashford General Hospital paid the ransom on Sunday night, two people familiar with the matter said.",
    );
    let b = doc("2026-03-05", "Ashford General Hospital paid the ransom on Tuesday night, the board said.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "event-date");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("Ashford General Hospital")), "{found:?}");
    // The same night in both reports.
    let c = doc("2026-03-04", "Ashford General Hospital paid the ransom late on Sunday night, the board said.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "event-date").is_empty());
}

#[test]
fn the_plant_of_a_later_sentence_is_the_named_plant_before_it() {
    // "remains" read as an auxiliary of "closed" by the parser; "the plant"
    // is the Greyhaven engine plant named in an earlier sentence's
    // prepositional phrase, not in a subject.
    let a = doc(
        "2026-04-07",
        "Tellmark Industries will cut 1,200 jobs at its Greyhaven engine plant, the company said on Tuesday. \
         The plant remains closed.",
    );
    let b = doc("2026-04-08", "The Greyhaven plant reopened on Tuesday, a company spokesman said.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "status-clash");
    assert_eq!(found.len(), 1, "{found:?}");
    // Another plant reopened.
    let c = doc("2026-04-08", "The Westbrook plant reopened on Tuesday, a company spokesman said.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "status-clash").is_empty());
}

#[test]
fn a_surname_opening_a_sentence_is_the_persons_name() {
    // Tagged alone, "Pratt" opening a sentence reads as a past tense
    // ("prate"); the document names Dorsey Pratt, so it is his name.
    let a =
        doc("2026-05-15", "Former mayor Dorsey Pratt was sentenced on Friday.\n\nPratt did not testify at his trial.");
    let b = doc(
        "2026-05-16",
        "Lawyers for Dorsey Pratt said they would appeal.\n\nPratt testified at his trial for two days.",
    );
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "act-negation");
    assert_eq!(found.len(), 1, "{found:?}");
    // Another person testified.
    let c = doc("2026-05-16", "Lawyers for Dorsey Pratt said they would appeal.\n\nMilo Grant testified at the trial.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "act-negation").is_empty());
}

#[test]
fn the_airline_of_a_report_that_names_one_is_that_airline() {
    // Neither report names the airline in the clause: "the airline" and
    // "the carrier" are the one organisation each report names before.
    let a = doc(
        "2026-05-16",
        "Skyvale Air cancelled 340 flights on Friday after a computer outage, the airline said.\n\n\
         The airline did not offer refunds to passengers, Hannah Brekke said.",
    );
    let b = doc(
        "2026-05-17",
        "Skyvale Air resumed flights on Saturday morning.\n\n\
         The carrier cancelled 1,100 flights on Friday, according to data from the tracking site AeroTrace.\n\n\
         The airline offered refunds to all passengers, a spokeswoman said.",
    );
    let denied = findings(&[("a.txt", &a), ("b.txt", &b)], "act-negation");
    assert_eq!(denied.len(), 1, "{denied:?}");
    assert!(denied[0].iter().any(|t| t.contains("did not offer")), "{denied:?}");
    let counts = findings(&[("a.txt", &a), ("b.txt", &b)], "count-mismatch");
    assert_eq!(counts.len(), 1, "{counts:?}");
    // A report that names two airlines before "the airline" says nothing
    // of which one: no finding.
    let c = doc(
        "2026-05-17",
        "Skyvale Air and Northwind Airways resumed flights on Saturday morning.\n\n\
         The carrier cancelled 1,100 flights on Friday.\n\n\
         The airline offered refunds to all passengers, a spokeswoman said.",
    );
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "act-negation").is_empty());
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "count-mismatch").is_empty());
}

#[test]
fn a_dateline_does_not_derail_the_sentence_after_it() {
    // Read with its dateline, "BRACKLEY — The Brackley Museum of Art
    // reopened ..." had the subject "BRACKLEY".
    let a = doc(
        "2026-09-22",
        "Museum stays shut\n\nBRACKLEY \u{2014} The Brackley Museum of Art remained closed on Monday, police said.",
    );
    let b = doc(
        "2026-09-22",
        "Museum reopens\n\nBRACKLEY \u{2014} The Brackley Museum of Art reopened on Monday, two days after thieves \
         stole nine paintings from its upper galleries.",
    );
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "status-clash");
    assert_eq!(found.len(), 1, "{found:?}");
    // Another museum of the town reopened.
    let c = doc(
        "2026-09-22",
        "Gallery reopens\n\nBRACKLEY \u{2014} The Harwood Gallery reopened on Monday, two days after thieves \
         stole nine paintings from its upper galleries.",
    );
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "status-clash").is_empty());
}

#[test]
fn the_day_before_according_to_is_the_reported_events_not_the_sources() {
    // "cancelled 1,100 flights on Friday, according to data ...": Friday is
    // the day of the cancellations, not a day the data spoke.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let text = doc(
        "2026-05-17",
        "Skyvale Air cancelled 1,100 flights on Friday, according to data from the tracking site AeroTrace.",
    );
    std::fs::write(&path, text).unwrap();
    let o = factlint().current_dir(dir.path()).args(["facts", "a.txt", "--no-cache"]).output().unwrap();
    let out = stdout(&o);
    let count = out.lines().find(|l| l.contains("count=flight")).unwrap_or_else(|| panic!("no count: {out}"));
    assert!(count.contains("(expression \"Friday\")"), "{count}");
}

#[test]
fn the_city_of_an_assertion_is_read_again_when_the_city_was_denied_the_act() {
    // The assertion names no one: "the city" is the one city of its report,
    // so the second pass reads it for the act denied of that city.
    let a = doc(
        "2026-03-03",
        "HARLOW CITY \u{2014} The Ostrander Street Bridge was closed on Monday.\n\n\
         The city has not hired a contractor to repair the bridge, a spokesman said.",
    );
    let b = doc(
        "2026-03-04",
        "HARLOW CITY \u{2014} The Ostrander Street Bridge reopened on Tuesday.\n\n\
         The city hired a contractor on Tuesday to repair the bridge, a spokesman said.",
    );
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "act-negation");
    assert_eq!(found.len(), 1, "{found:?}");
    // Another city hired one.
    let c = doc(
        "2026-03-04",
        "KELSO CITY \u{2014} The Tarrant Street Bridge reopened on Tuesday.\n\n\
         The city hired a contractor on Tuesday to repair the bridge, a spokesman said.",
    );
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "act-negation").is_empty());
}

#[test]
fn a_notice_that_remains_in_place_and_was_lifted_the_same_day() {
    // "remains in place": the state is a bare prepositional phrase after
    // "remain". "The notice" names nothing; the corpus names one notice.
    let a = doc(
        "2026-07-14",
        "A boil-water notice was issued for residents of Danbury Falls on Sunday, the city said.\n\n\
         The notice remains in place, officials said on Monday.",
    );
    let b = doc("2026-07-15", "The boil-water notice for Danbury Falls was lifted on Monday, the utility said.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "status-clash");
    assert_eq!(found.len(), 1, "{found:?}");
    // A notice lifted a week later says nothing of that day.
    let c = doc("2026-07-22", "The boil-water notice for Danbury Falls was lifted on Tuesday, the utility said.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "status-clash").is_empty());
}

#[test]
fn revenue_reported_in_a_gerund_clause_is_the_companys() {
    // "after reporting revenue of $3.2 billion": the amount is the
    // revenue's, reported by the subject of the sentence.
    let a = doc("2026-10-22", "Marrowind Systems reported revenue of $4.1 billion on Wednesday.");
    let b = doc(
        "2026-10-23",
        "Marrowind Systems raised its forecast on Wednesday after reporting revenue of $3.2 billion.",
    );
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    // Another company's revenue.
    let c =
        doc("2026-10-23", "Halvorsen Group raised its forecast on Wednesday after reporting revenue of $3.2 billion.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "count-mismatch").is_empty());
}

#[test]
fn a_count_up_to_a_bound_meets_what_stays_under_it() {
    // "employs up to 300 workers" is a count of "employ" (the parser reads
    // "up" as the verb's particle) that allows at most 300.
    let a = doc("2026-03-03", "The Harlow plant employs up to 300 workers, the company said on Tuesday.");
    let over = doc("2026-03-03", "The Harlow plant employs 500 workers, a union official said on Tuesday.");
    let under = doc("2026-03-03", "The Harlow plant employs 250 workers, a union official said on Tuesday.");
    let found = findings(&[("a.txt", &a), ("b.txt", &over)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(findings(&[("a.txt", &a), ("c.txt", &under)], "count-mismatch").is_empty());
}

#[test]
fn a_range_of_counts_meets_a_count_inside_it() {
    // "one or two survivors" is no count of one: "two survivors" in
    // another report agrees with it, "five survivors" does not.
    let a = doc("2026-03-03", "Rescuers found one or two survivors in the rubble of the Halden depot on Monday.");
    let inside = doc("2026-03-03", "Rescuers found two survivors in the rubble of the Halden depot on Monday.");
    let outside = doc("2026-03-03", "Rescuers found five survivors in the rubble of the Halden depot on Monday.");
    assert!(findings(&[("a.txt", &a), ("b.txt", &inside)], "count-mismatch").is_empty());
    let found = findings(&[("a.txt", &a), ("c.txt", &outside)], "count-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn a_last_word_standing_alone_names_a_party_only_when_one_name_ends_with_it() {
    // "the News" stands alone in one report; two different papers end with
    // "News": neither is "the News", and what one publishes is not denied
    // by the other.
    let a = doc("2024-01-15", "The Anchorage Daily News published the audit on Monday.");
    let b = doc("2024-01-15", "CNN News did not publish the audit on Monday.");
    let c = doc("2024-01-15", "Police sources told the News that the Halvik plant had closed.");
    let opening = doc("2024-01-15", "News of the closure spread quickly through the town.");
    assert!(findings(&[("a.txt", &a), ("b.txt", &b), ("c.txt", &c)], "act-negation").is_empty());
    assert!(findings(&[("a.txt", &a), ("b.txt", &b), ("c.txt", &opening)], "act-negation").is_empty());
    // The one name ending with a word that stands alone is that party.
    let long = doc("2024-01-15", "Olympique Lyonnais signed the striker on Monday.");
    let short = doc("2024-01-15", "Lyonnais did not sign the striker on Monday.");
    let found = findings(&[("d.txt", &long), ("e.txt", &short)], "act-negation");
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn a_common_noun_opening_a_quote_is_no_name() {
    // After an opening quotation mark the tagger takes "People" for a
    // name; the report writes "people" in lower case too, so it is the
    // common noun, and no party called "People" has claims.
    let dir = tempfile::tempdir().unwrap();
    let text = doc(
        "2024-01-15",
        "The jurors held out, no matter how many people he killed.\n\n\
         \"People who will not deliberate should not be permitted to continue to serve on juries.\"",
    );
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let o = factlint().current_dir(dir.path()).args(["facts", "a.txt", "--no-cache"]).output().unwrap();
    let out = stdout(&o);
    assert!(!out.contains("entity:people"), "{out}");
}

#[test]
fn an_act_put_in_two_places_apart_on_one_day_is_found() {
    let a = doc("2025-05-13", "Police said Marit Kowal was arrested in Leeds, England, on Monday.");
    let b = doc("2025-05-13", "Marit Kowal was arrested in Cardiff, Wales, on Monday, officers said.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "event-place");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("in Leeds")) && found[0].iter().any(|t| t.contains("in Cardiff")));
    // A place inside the other, by what the reports write: no conflict.
    let c = doc("2025-05-13", "Kowal was arrested in England on Monday, the force confirmed.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "event-place").is_empty());
    // Another day: the act may have been done again elsewhere.
    let d = doc("2025-05-13", "Marit Kowal was arrested in Cardiff, Wales, on Friday, officers said.");
    assert!(findings(&[("a.txt", &a), ("d.txt", &d)], "event-place").is_empty());
    // A place the corpus never places may lie in the other.
    let e = doc("2025-05-13", "Marit Kowal was arrested in Headingley on Monday, officers said.");
    assert!(findings(&[("a.txt", &a), ("e.txt", &e)], "event-place").is_empty());
    // Someone else.
    let f = doc("2025-05-13", "Ruth Okafor was arrested in Cardiff, Wales, on Monday, officers said.");
    assert!(findings(&[("a.txt", &a), ("f.txt", &f)], "event-place").is_empty());
}

#[test]
fn a_birthplace_holds_whatever_the_day_of_the_report() {
    let a = doc("2025-05-13", "Marit Kowal was born in Cornwall, Ontario, in 1980.");
    let b = doc("2026-02-02", "Kowal, who was born in Detroit, Michigan, moved to Toronto in 2001.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "event-place");
    assert_eq!(found.len(), 1, "{found:?}");
    // Ontario holds Cornwall: the same birthplace, less precisely.
    let c = doc("2026-02-02", "Kowal was born in Ontario and moved to Toronto in 2001.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "event-place").is_empty());
    // Where someone lives is no act done once.
    let d = doc("2026-02-02", "Marit Kowal worked in Detroit, Michigan, for a decade.");
    assert!(findings(&[("a.txt", &a), ("d.txt", &d)], "event-place").is_empty());
}

#[test]
fn one_report_putting_one_act_in_two_places_did_it_twice() {
    // A tour: one report gives the act two places for one day, so its
    // places prove nothing against a third report.
    let a = doc(
        "2025-05-13",
        "Marit Kowal spoke in Leeds, England, on Monday. Marit Kowal spoke in York, England, on Monday.",
    );
    let b = doc("2025-05-13", "Marit Kowal spoke in Cardiff, Wales, on Monday.");
    assert!(findings(&[("a.txt", &a), ("b.txt", &b)], "event-place").is_empty());
}

#[test]
fn two_people_sharing_a_surname_are_two_parties() {
    // Different first names: two sisters, each born somewhere else.
    let a = doc("2024-01-15", "Ilse Marrick was born in Tarnow, Poland.");
    let b = doc("2024-01-15", "Greta Marrick was born in Leeds, England.");
    assert!(findings(&[("a.txt", &a), ("b.txt", &b)], "event-place").is_empty());
    // One person, written with an initial or by surname alone.
    let c = doc("2024-01-15", "I. Marrick was born in Leeds, England.");
    let found = findings(&[("a.txt", &a), ("c.txt", &c)], "event-place");
    assert_eq!(found.len(), 1, "{found:?}");
    let d = doc("2024-01-15", "Marrick was born in Leeds, England.");
    let found = findings(&[("a.txt", &a), ("d.txt", &d)], "event-place");
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn what_lies_in_what_is_learned_from_any_sentence_of_the_corpus() {
    let a = doc("2025-05-13", "Marit Kowal was arrested in Leeds on Monday, police said.");
    let b = doc("2025-05-13", "Marit Kowal was arrested in Cardiff on Monday, police said.");
    // Neither report places its town: either may lie in the other.
    assert!(findings(&[("a.txt", &a), ("b.txt", &b)], "event-place").is_empty());
    // A third report, about something else, places both.
    let c = doc("2025-05-13", "The bank has branches in Leeds, England, and in Cardiff, Wales.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b), ("c.txt", &c)], "event-place");
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn a_dateline_places_its_town() {
    let a = doc("2025-05-13", "LEEDS, England (AP) — Marit Kowal was arrested in Leeds on Monday, police said.");
    let b = doc("2025-05-13", "CARDIFF, Wales (Reuters) - Marit Kowal was arrested in Cardiff on Monday, police said.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "event-place");
    assert_eq!(found.len(), 1, "{found:?}");
    // Arrested in the town of the other's dateline: no conflict.
    let c = doc("2025-05-13", "CARDIFF, Wales (Reuters) — Marit Kowal was arrested in Leeds on Monday, police said.");
    assert!(findings(&[("a.txt", &a), ("c.txt", &c)], "event-place").is_empty());
}

#[test]
fn a_verb_with_a_bound_prefix_is_one_verb_asserted_and_denied() {
    // "re-armed" is one word ("re-arm"), as the treebank writes it: not the
    // verb "re" with "armed" beside it. The assertion has no negation, so
    // only the second pass parses it, looking for a form of "re-arm".
    let a = doc("2024-03-05", "The Kolvar Brigade has not re-armed since the truce, officials said on Tuesday.");
    let b = doc("2024-03-05", "The Kolvar Brigade re-armed during the truce, a monitor said on Tuesday.");
    let found = findings(&[("a.txt", &a), ("b.txt", &b)], "act-negation");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].iter().any(|t| t.contains("not re-armed")), "{found:?}");
}
