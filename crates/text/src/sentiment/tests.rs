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

#[test]
fn a_sharp_remark_then_praise_is_mixed_and_without_praise_is_not() {
    let complaint = (Customer, "the charge on my statement is way too high");
    let praise = (Customer, "oh brilliant, that sorts it");
    let plain = (Customer, "my account number is 4471");
    assert_eq!(call("en", &[complaint, plain, praise]), Sentiment::Mixed);
    assert_eq!(call("en", &[complaint, plain]), Sentiment::Neutral);
    // Praise before the remark is not a complaint that ended well.
    assert_ne!(call("en", &[praise, complaint, plain]), Sentiment::Mixed);
}

#[test]
fn praise_after_an_outburst_reconciles_unless_the_customer_only_resigns() {
    for (language, outburst, calm, praise, resigned) in [
        (
            "en",
            "This is unacceptable, I'm furious",
            "it's the blue one",
            "Brilliant, thank you so much",
            "Fine. Thank you so much.",
        ),
        (
            "es",
            "Es inaceptable, estoy harto",
            "es el azul",
            "Genial, muchas gracias",
            "Qué le vamos a hacer. Muchas gracias.",
        ),
        (
            "fr",
            "C'est inadmissible, je suis furieux",
            "c'est le bleu",
            "Parfait, merci beaucoup",
            "Tant pis. Merci beaucoup.",
        ),
        (
            "de",
            "Das ist eine Frechheit, ich bin sauer",
            "das blaue",
            "Super, vielen Dank",
            "Na gut. Vielen Dank.",
        ),
        (
            "it",
            "È inaccettabile, sono arrabbiato",
            "quello blu",
            "Perfetto, grazie mille",
            "Pazienza. Grazie mille.",
        ),
        (
            "pt",
            "É inaceitável, estou irritado",
            "é o azul",
            "Ótimo, muito obrigado",
            "Paciência. Muito obrigado.",
        ),
        (
            "nl",
            "Dit is belachelijk, ik ben boos",
            "het blauwe",
            "Top, hartelijk dank",
            "Nou ja. Hartelijk dank.",
        ),
    ] {
        let reconciled = [(Customer, outburst), (Customer, calm), (Customer, praise)];
        assert_eq!(call(language, &reconciled), Sentiment::Mixed, "{language}");
        let gave_in = [(Customer, outburst), (Customer, calm), (Customer, resigned)];
        assert_eq!(call(language, &gave_in), Sentiment::Negative, "{language}");
    }
}

#[test]
fn fine_grudges_only_when_it_opens_the_sentence() {
    let en = Language::En;
    assert_eq!(s("Fine. Whatever you say.", en).resigned, 2);
    assert_eq!(s("yes that's fine, thank you", en).resigned, 0);
}

#[test]
fn praise_said_again_without_thanks_is_sarcasm() {
    let en = Language::En;
    let sarcastic = s("Two more weeks. Great. Really great.", en);
    assert!(sarcastic.upset >= 4 && sarcastic.pleased == 0, "{sarcastic:?}");
    let sincere = s("Great, that's great, thank you so much", en);
    assert!(sincere.pleased >= 4 && sincere.upset == 0, "{sincere:?}");
    let de = s("Drei Wochen. Toll. Echt toll.", Language::De);
    assert!(de.upset >= 4 && de.pleased == 0, "{de:?}");
}

#[test]
fn short_function_words_in_capitals_are_shouted_and_acronyms_are_not() {
    let en = Language::En;
    assert_eq!(s("the engineer did NOT turn up", en).upset, 1);
    assert_eq!(s("my SIM and the PIN from the EE shop", en).upset, 0);
    assert_eq!(s("NOT", en).upset, 0);
    assert!(s("el paquete NO ESTÁ aquí", Language::Es).upset >= 1);
}
