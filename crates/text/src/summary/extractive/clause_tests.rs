//! Tests of [`super`]: sentences, clauses and the words they skip.
use super::*;
use crate::summary::extractive::lang;
use crate::transcript::Channel;

fn live_text(s: &Sentence<'_>, clause: usize) -> Vec<String> {
    let range = s.clauses[clause].clone();
    s.words[range]
        .iter()
        .filter(|w| !w.skip)
        .map(|w| w.folded.to_string())
        .collect()
}

/// The live words of an English sentence's clauses, joined: what a rewrite keeps.
fn said(text: &str) -> String {
    let s = one(text);
    let live: Vec<String> = (0..s[0].clauses.len())
        .flat_map(|k| live_text(&s[0], k))
        .collect();
    live.join(" ")
}

fn one(text: &str) -> Vec<Sentence<'static>> {
    let transcript = Box::leak(Box::new(Transcript::from_turns(
        "c",
        Channel::Voice,
        Some("en"),
        [(SpeakerRole::Customer, text)],
    )));
    sentences(transcript, Language::En, lang::rules(Language::En))
}

#[test]
fn fillers_false_starts_and_openers_are_skipped() {
    let s = one(
        "yeah, um, I'm calling about my bill. There's a, uh, a $49 charge and I — I don't think it's right",
    );
    let first: Vec<String> = (0..s[0].clauses.len())
        .flat_map(|k| live_text(&s[0], k))
        .collect();
    assert_eq!(first, ["i'm", "calling", "about", "my", "bill"]);
    let second: Vec<String> = s[1]
        .clauses
        .iter()
        .enumerate()
        .flat_map(|(k, _)| live_text(&s[1], k))
        .collect();
    assert_eq!(
        second,
        [
            "there's", "a", "49", "charge", "i", "don't", "think", "it's", "right"
        ]
    );
    assert_eq!(s[1].clauses.len(), 2);
}

#[test]
fn a_greeting_without_a_comma_is_skipped_with_the_name_it_greets() {
    for (text, expected) in [
        ("hi Eoin my bill is way too high", "my bill is way too high"),
        ("Hi my parcel says delivered", "my parcel says delivered"),
        ("hello [NAME_1] my card was stolen", "my card was stolen"),
    ] {
        assert_eq!(said(text), expected, "{text}");
    }
}

#[test]
fn a_loaded_remark_is_left_out() {
    for (text, expected) in [
        (
            "my bill is 412 euro for 2 months which is crazy",
            "my bill is 412 euro for 2 months",
        ),
        (
            "they charged me twice, that's just insane",
            "they charged me twice",
        ),
        // A loaded word that is not a remark about what was said stays: verification flags it.
        ("the driver was rude to me", "the driver was rude to me"),
    ] {
        assert_eq!(said(text), expected, "{text}");
    }
}

#[test]
fn numbers_and_letters_read_out_are_no_false_starts() {
    let s = one("your claim number is C C L M dash four four five zero nine one, and I — I will call");
    let live: Vec<String> = (0..s[0].clauses.len())
        .flat_map(|k| live_text(&s[0], k))
        .collect();
    let said = live.join(" ");
    assert!(said.contains("c c l m"), "{said}");
    assert!(said.contains("four four five zero nine one"), "{said}");
    assert!(said.ends_with(" i will call"), "{said}");
    let transcript = Box::leak(Box::new(Transcript::from_turns(
        "c",
        Channel::Voice,
        Some("de"),
        [(
            SpeakerRole::Agent,
            "Ich hab das Ticket S R zwei vier null null eins sieben drei angelegt.",
        )],
    )));
    let s = sentences(transcript, Language::De, lang::rules(Language::De));
    let live: Vec<String> = (0..s[0].clauses.len())
        .flat_map(|k| live_text(&s[0], k))
        .collect();
    assert!(live.join(" ").contains("vier null null eins"), "{live:?}");
}

#[test]
fn markers_are_single_words() {
    let s = one("It's [NAME_1], call me on [PHONE_1].");
    let markers: Vec<&str> = s[0]
        .words
        .iter()
        .filter(|w| w.marker)
        .map(|w| w.folded.as_str())
        .collect();
    assert_eq!(markers, ["[NAME_1]", "[PHONE_1]"]);
    assert!(marker_spans("[x] [] [A_1 ] [B_2]").len() == 1);
}

#[test]
fn whole_word_search() {}

#[test]
fn a_capitalised_opener_after_a_figure_starts_a_clause() {
    // An email's list lines run together once the line breaks are gone.
    let s = one("Balance due: 120.00 The refund will reach your account on Friday");
    let last = s[0].clauses.len() - 1;
    assert_eq!(live_text(&s[0], last).first().map(String::as_str), Some("the"));
    // Not in running speech, and not for "I".
    let s = one("it costs 120 the first month");
    assert_eq!(s[0].clauses.len(), 1);
    let s = one("room 12 I think");
    assert_eq!(s[0].clauses.len(), 1);
}

/// The summariser's readers give the same sentences with the utterances split once for both
/// as each splitting its own: plain texts, an email with quoted history, a subject line and a
/// text of several lines (those are split on their own either way).
#[test]
fn sentences_split_once_are_the_sentences_split_alone() {
    let transcript = Transcript::from_turns(
        "c",
        Channel::Email,
        Some("en"),
        [
            (
                SpeakerRole::Customer,
                "Subject: refund. Hi team, I was charged twice. Please fix it.",
            ),
            (
                SpeakerRole::Agent,
                "I refunded the $49. It should show in 3 days.\n> On Monday, you wrote: help",
            ),
            (SpeakerRole::Customer, "Thanks! That works.\nBest regards, Dana"),
            (SpeakerRole::Agent, "Dr. Lee will call you tomorrow? Yes."),
        ],
    );
    let rules = lang::rules(Language::En);
    let splits = crate::summary::extractive::split::Splits::of(&transcript);
    let texts = |s: Vec<Sentence<'_>>| {
        s.iter()
            .map(|s| (s.utterance, s.text.to_owned()))
            .collect::<Vec<_>>()
    };
    let once = texts(sentences_of(&transcript, Language::En, rules, &splits));
    assert_eq!(once, texts(sentences(&transcript, Language::En, rules)));
    assert!(once.len() >= 6, "{once:?}");

    let lowercase = crate::summary::extractive::sentences::Lowercase::of(&transcript);
    let analysed = |s: Vec<crate::summary::extractive::sentences::Sentence<'_>>| {
        s.iter().map(|s| s.text.to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(
        analysed(crate::summary::extractive::sentences::analyse_split(
            &transcript,
            &lowercase,
            &splits
        )),
        analysed(crate::summary::extractive::sentences::analyse(
            &transcript,
            &lowercase
        )),
    );
}
