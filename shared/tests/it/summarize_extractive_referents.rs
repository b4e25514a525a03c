//! Who and what the words of a commitment or a statement stand for, read from the turns before
//! them: "it" names one thing said as a subject or an object (the others behind prepositions),
//! else the pronoun stays; a verb after "and" agrees with the subject said before it.

use super::summarize_extractive_commitment_forms as forms;
use wrapup::summary::Owner;
use wrapup::transcript::SpeakerRole::{Agent, Customer};

/// The action items of an English call: the customer says `customer`, the agent answers `agent`.
fn items(customer: &str, agent: &str) -> Vec<(String, Owner)> {
    forms::items("en-IE", &[(Customer, customer), (Agent, agent)])
}

fn agent(text: &str) -> Vec<(String, Owner)> {
    vec![(text.to_string(), Owner::Agent)]
}

#[test]
fn a_pronoun_object_is_named_by_the_one_thing_said_before() {
    assert_eq!(
        items(
            "What happens to the old connection when the new one goes live?",
            "We'll disconnect it the day after."
        ),
        agent("Disconnect the old connection the day after")
    );
}

#[test]
fn a_thing_behind_a_preposition_is_not_what_it_stands_for() {
    // The card is the object; the gas station sits behind "at".
    assert_eq!(
        items(
            "I think I lost my debit card, I had it at the gas station last night.",
            "Oh no, I can get it locked for you right away."
        ),
        agent("Get the customer's debit card locked")
    );
    assert_eq!(
        items(
            "Why is it so high?",
            "With the actual reading your bill drops to 196 euro for the period. I'll reissue it now."
        ),
        agent("Reissue the customer's bill")
    );
}

#[test]
fn an_object_that_standing_alone_is_named_too() {
    assert_eq!(
        items(
            "I've a direct debit that came out twice this month.",
            "No bother, we'll get that looked at."
        ),
        agent("Get the direct debit looked at")
    );
    assert_eq!(
        items(
            "The claim form never arrived.",
            "Sorry, I'll send that out again."
        ),
        agent("Send the claim form out again")
    );
}

#[test]
fn two_candidates_or_a_clause_after_that_leave_the_words_as_said() {
    // Two things as objects: which one is a guess, and a wrong one is a wrong claim.
    assert_eq!(
        items(
            "My bill and my statement are both wrong.",
            "I'll reissue it today."
        ),
        vec![("Reissue it".to_string(), Owner::Agent)]
    );
    // "Them" is no single thing.
    assert_eq!(
        items("My order never arrived at my address.", "I'll chase them today."),
        agent("Chase them")
    );
    // Both behind prepositions: none is said to be the subject or the object.
    assert_eq!(
        items(
            "It came out twice.",
            "Under the SEPA rules you're entitled to a refund of the duplicate. I'll raise that now."
        ),
        agent("Raise that")
    );
    // "That" before a noun is its determiner, no pronoun.
    assert_eq!(
        items("I need the claim form.", "I'll send that form out to you today."),
        agent("Send that form out to the customer")
    );
}

/// A verb whose "I" was said before "and" agrees with who "I" is now.
#[test]
fn am_after_and_agrees_with_the_subject_said_before() {
    use wrapup::transcript::Channel;
    let summary = forms::summarize(
        "en-GB",
        Channel::Voice,
        &[
            (
                Customer,
                "I'm calling because I paid the full hospital bill and am now claiming it back.",
            ),
            (Agent, "I can help with that."),
        ],
    );
    assert!(
        summary.executive_summary.contains("and are now claiming"),
        "{}",
        summary.executive_summary
    );
}

/// "AM" after a number is a time, whoever speaks.
#[test]
fn am_after_a_number_is_a_time() {
    let found = items(
        "When will it be picked up?",
        "Pickup is scheduled for tomorrow between 9 AM and 7 PM, and I'll email you the label.",
    );
    assert!(
        found.iter().all(|(text, _)| !text.contains(" is and")),
        "{found:?}"
    );
    use wrapup::transcript::Channel;
    let summary = forms::summarize(
        "en-GB",
        Channel::Voice,
        &[
            (
                Customer,
                "I called at 9 am and am still waiting for the engineer.",
            ),
            (Agent, "Sorry, the engineer comes between 10 am and 2 pm."),
        ],
    );
    let text = &summary.executive_summary;
    assert!(!text.contains(" is and") && !text.contains("9 are"), "{text}");
}

/// Someone the agent's side has act on "it": the same reading, after that person's verb.
#[test]
fn it_after_a_delegated_verb_is_named_too() {
    assert_eq!(
        items(
            "What about the old router?",
            "A technician will collect it on Monday."
        ),
        agent("Have a technician collect the old router")
    );
    // A model's number ends the phrase it names.
    assert_eq!(
        items(
            "and the modem, do I bring it?",
            "Yes, bring your Giga Hub 2 with you and the technician will activate it."
        ),
        vec![
            ("Bring their Giga Hub 2 with them".to_string(), Owner::Customer),
            (
                "Have the technician activate the customer's Giga Hub 2".to_string(),
                Owner::Agent
            ),
        ]
    );
}

#[test]
fn them_may_stand_for_people_it_may_not() {
    assert_eq!(
        items(
            "And the towing guys already said it's 1,850 rand, must I pay that?",
            "No, towing is covered up to 3,500 rand, we'll pay them directly."
        ),
        agent("Pay the towing guys directly")
    );
    // One person is no "them", and "it" is no person.
    assert_eq!(
        items("The technician is on his way.", "We'll pay them directly."),
        agent("Pay them directly")
    );
}
