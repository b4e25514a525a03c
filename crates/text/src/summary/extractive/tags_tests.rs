//! Tests of [`super`]: the tags that open a sentence.
use crate::language::Language;
use crate::summary::extractive::clause::sentences;
use crate::summary::extractive::lang;
use crate::transcript::{Channel, SpeakerRole, Transcript};

fn read(language: Language, code: &str, text: &str) -> (bool, String) {
    let transcript = Transcript::from_turns("c", Channel::Voice, Some(code), [(SpeakerRole::Agent, text)]);
    let s = sentences(&transcript, language, lang::rules(language));
    let first = s.first().expect("a sentence");
    let live: Vec<&str> = first
        .words
        .iter()
        .filter(|w| !w.skip)
        .map(|w| w.folded.as_str())
        .collect();
    (first.question, live.join(" "))
}

#[test]
fn a_confirmation_tag_leaves_a_statement() {
    assert_eq!(
        read(
            Language::En,
            "en",
            "The new card goes to the address on file, is that still correct?"
        ),
        (false, "the new card goes to the address on file".to_string())
    );
    assert_eq!(
        read(Language::En, "en", "I'll post it today, is that ok"),
        (false, "i'll post it today".to_string())
    );
    assert_eq!(
        read(
            Language::De,
            "de",
            "Ich schicke Ihnen die Fallnummer per SMS, richtig?"
        ),
        (false, "ich schicke ihnen die fallnummer per sms".to_string())
    );
}

#[test]
fn a_question_without_a_tag_stays_one() {
    assert_eq!(
        read(Language::Fr, "fr", "C'est la Visa Premier, oui."),
        (false, "c' est la visa premier oui".to_string())
    );
    assert!(read(Language::En, "en", "Is that right?").0);
    assert!(read(Language::En, "en", "Can you send the photos, please?").0);
    assert!(read(Language::Es, "es", "¿Me confirma la dirección, por favor?").0);
}

#[test]
fn a_tag_follows_a_comma_or_a_dash_not_a_hyphen_inside_a_word() {
    assert_eq!(
        read(
            Language::En,
            "en",
            "The new router goes to the address on file - is that still correct?"
        ),
        (false, "the new router goes to the address on file".to_string())
    );
    assert!(super::is_tag_break(", "));
    assert!(super::is_tag_break(" – "));
    assert!(!super::is_tag_break("-"), "the hyphen of Wi-Fi");
}
