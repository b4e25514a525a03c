use proptest::prelude::*;

use super::*;
use crate::transcript::{
    Channel,
    SpeakerRole::{Agent, Customer},
};

fn call(language: &str, lines: &[(SpeakerRole, &str)]) -> Sentiment {
    let transcript = Transcript::from_turns("c", Channel::Voice, Some(language), lines.iter().copied());
    customer_sentiment(&transcript)
}

fn s(text: &str, language: Language) -> SentimentScore {
    score(text, language)
}

#[test]
fn cues_phrases_and_word_endings() {
    let en = Language::En;
    assert!(s("This is ridiculous, I'm really frustrated.", en).upset >= 6);
    assert!(s("Perfect, thank you so much!", en).pleased >= 4);
    assert_eq!(
        s("Thanks, bye.", en),
        SentimentScore {
            polite: 2,
            ..Default::default()
        }
    );
    assert_eq!(s("greatly badge unhappiness", en), SentimentScore::default());
    // Accents and case are folded on both sides.
    assert!(s("C'est n'importe quoi, je suis ÉNERVÉE", Language::Fr).upset >= 6);
    assert!(s("Das ist echt ärgerlich", Language::De).upset >= 3);
}

#[test]
fn negation_flips_pleased_and_cancels_upset_in_every_language() {
    for (language, negated_pleased, negated_upset) in [
        (Language::En, "I'm not happy with this", "not bad at all"),
        (Language::Es, "no estoy contento", "no estoy enfadado"),
        (Language::Fr, "je ne suis pas satisfait", "je ne suis pas énervé"),
        (Language::De, "ich bin nicht zufrieden", "ich bin nicht verärgert"),
        (Language::It, "non sono contento", "non sono arrabbiato"),
        (Language::Pt, "não estou satisfeito", "não estou chateado"),
        (Language::Nl, "ik ben niet tevreden", "ik ben niet boos"),
    ] {
        let flipped = s(negated_pleased, language);
        assert!(flipped.upset >= 1 && flipped.pleased == 0, "{negated_pleased}");
        assert_eq!(s(negated_upset, language).upset, 0, "{negated_upset}");
    }
    // A cue that says its own negation is not reversed by it: French "ne ... pas".
    assert!(s("ce n'est pas normal, je n'ai toujours pas reçu", Language::Fr).upset >= 5);
    assert!(s("it's still not working", Language::En).upset >= 2);
    // A clause break ends the negation: "no, that's great" is pleased.
    assert!(s("No, that's great.", Language::En).pleased >= 2);
    assert_eq!(s("no thanks", Language::En), SentimentScore::default());
}

#[test]
fn signals_without_words() {
    let en = Language::En;
    assert!(s("my bill is $486.30?!?! what happened", en).upset >= 1);
    assert!(s("hi my parcel says delivered but its NOT HERE. NOBODY TOLD ME", en).upset >= 1);
    assert_eq!(s("CANCEL", en).upset, 0);
    assert_eq!(s("please call [PHONE_1] about [ADDRESS_1]", en).upset, 0);
    assert!(s("glass everywhere 😡", en).upset >= 2);
}

#[test]
fn matter_of_fact_calls_are_neutral_and_praise_is_positive() {
    let neutral = [
        (Customer, "I'd like to check my balance."),
        (Agent, "Great, that's perfect, wonderful!"),
        (Customer, "okay thank you Nathalie"),
    ];
    assert_eq!(call("en", &neutral), Sentiment::Neutral);
    let pleased = [
        (Customer, "I'm moving house."),
        (Customer, "perfect, thanks a million"),
    ];
    assert_eq!(call("en", &pleased), Sentiment::Positive);
    assert_eq!(
        call("en", &[(Agent, "This is terrible and unacceptable.")]),
        Sentiment::Neutral
    );
    assert_eq!(call("en", &[]), Sentiment::Neutral);
}

#[test]
fn upset_then_reconciled_is_mixed_and_still_upset_is_negative() {
    for (language, upset, reconciled, still_upset) in [
        (
            "en",
            "This is ridiculous, the third time I call!",
            "Brilliant, thank you so much.",
            "fine. thanks",
        ),
        (
            "es",
            "Es una vergüenza, otra vez sin internet",
            "Genial, muchas gracias",
            "ok gracias",
        ),
        (
            "fr",
            "C'est n'importe quoi, franchement",
            "Parfait, merci beaucoup",
            "ok merci",
        ),
        (
            "de",
            "Das ist echt ärgerlich, schon wieder",
            "Super, vielen Dank",
            "Ja. Danke. Tschüss.",
        ),
        (
            "it",
            "È una presa in giro, di nuovo",
            "Perfetto, grazie mille",
            "ok. grazie",
        ),
        (
            "pt",
            "Que absurdo, ninguém me avisou",
            "Ótimo, muito obrigada",
            "ta bom. obrigada",
        ),
        (
            "nl",
            "Belachelijk, ik heb al twee keer gebeld",
            "Top, hartelijk dank",
            "Oké. Merci.",
        ),
    ] {
        let opening = (Customer, upset);
        let middle = (Customer, "Mijn nummer is 12345.");
        assert_eq!(
            call(
                language,
                &[opening, middle, (Agent, "..."), (Customer, reconciled)]
            ),
            Sentiment::Mixed,
            "{language}"
        );
        assert_eq!(
            call(language, &[opening, middle, (Customer, still_upset)]),
            Sentiment::Negative,
            "{language}"
        );
    }
}

proptest! {
    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,400}", language in 0usize..7) {
        let language = Language::ALL[language];
        let _ = score(&text, language);
        let transcript = Transcript::from_turns("c", Channel::Chat, Some(language.code()), [(Customer, text.as_str())]);
        let _ = customer_sentiment(&transcript);
    }
}

#[test]
fn long_and_empty_texts() {
    let long = "NOT HERE?? 😡 frustrat ".repeat(20_000);
    assert!(score(&long, Language::En).upset > 0);
    assert_eq!(score("", Language::De), SentimentScore::default());
    assert_eq!(score("¿¡…", Language::Es), SentimentScore::default());
}

#[test]
fn a_long_call_is_read_quickly() {
    let lines: Vec<(SpeakerRole, String)> = (0..900)
        .map(|i| {
            (
                if i % 2 == 0 { Customer } else { Agent },
                format!("ok so the router is still not working, it's the {i}th time, thanks"),
            )
        })
        .collect();
    let transcript = Transcript::from_turns(
        "c",
        Channel::Voice,
        Some("en"),
        lines.iter().map(|(s, t)| (*s, t.as_str())),
    );
    let _ = customer_sentiment(&transcript);
    let start = std::time::Instant::now();
    let _ = customer_sentiment(&transcript);
    // Debug builds are ~10x slower than release; this only catches a gross regression.
    assert!(start.elapsed().as_millis() < 500, "{:?}", start.elapsed());
}
