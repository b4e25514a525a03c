//! The support's per-word reading (stem ids, content words, cue bits) lines up with the words
//! of the call, and the evidence's sentences read from it say what reading the words on the
//! spot says.

use super::cue_bits::{self, CueBits, cue_bits};
use super::support::Support;
use super::test_calls::call;
use super::*;
use crate::transcript::SpeakerRole::{self, Agent, Customer};

/// Calls in every served language with negations, refusals, chat spellings, thanks after a
/// no, requests, options left to the listener and futures of every person.
fn calls() -> Vec<(Language, Transcript)> {
    let lines: [(&str, &[&str]); 7] = [
        (
            "en",
            &[
                "No thanks, I dont need it. You can pay in the app, but please don't send the form.",
                "I'll refund the fee; the technician will call you. Nope, that's unnecessary.",
                "You will need to send it. We refuse to charge you, no problem.",
                "The visit is free of charge unless you cancel; the old plan is kept, not cancelled.",
            ],
        ),
        (
            "es",
            &[
                "No, gracias. Le enviaré un correo hoy mismo; no hace falta que la embales.",
                "Usted debe presentar la factura, por favor. El técnico llamará mañana.",
            ],
        ),
        (
            "fr",
            &[
                "Non merci. Vous pouvez payer en ligne; je vous enverrai l'offre, ce n'est pas utile.",
                "Vous devez envoyer le formulaire, s'il vous plaît. Le technicien rappellera.",
            ],
        ),
        (
            "de",
            &[
                "Nein danke. Kannst du das bitte schicken? Ich schicke Ihnen bis Freitag ein Gerät.",
                "Sie müssen das Formular nicht schicken, das ist unnötig. Wir werden es prüfen.",
            ],
        ),
        (
            "it",
            &[
                "No, grazie. Le invierò il modulo; non serve la scatola originale, per favore.",
                "Deve presentare la ricevuta. Il tecnico richiamerà domani, senza costi.",
                "La visita è gratuita, a meno che non la annulli.",
            ],
        ),
        (
            "pt",
            &[
                "Não, obrigado. Vou enviar o formulário; não precisa estar na embalagem original.",
                "O senhor tem que enviar a fatura, por favor. O técnico ligará amanhã.",
            ],
        ),
        (
            "nl",
            &[
                "Nee, bedankt. U kunt online betalen; ik stuur u de factuur, dat is onnodig.",
                "Kunt u het formulier sturen? Doe ook aangifte bij de politie, alstublieft.",
            ],
        ),
    ];
    lines
        .iter()
        .map(|(code, texts)| {
            let speakers = [Customer, Agent];
            let said: Vec<(SpeakerRole, &str)> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| (speakers[i % 2], *t))
                .collect();
            (
                Language::from_tag(code).unwrap_or(Language::En),
                call(code, &said),
            )
        })
        .collect()
}

/// The words of each utterance of `transcript`.
fn spans_of(transcript: &Transcript, language: Language) -> Vec<Vec<WordSpan>> {
    transcript
        .utterances
        .iter()
        .map(|u| words(&u.text, language))
        .collect()
}

fn support_of<'a>(transcript: &Transcript, spans: &'a [Vec<WordSpan>], language: Language) -> Support<'a> {
    let redacted = Redactor::default().redact_call(transcript, &[], None);
    Support::build(transcript, spans, &redacted, language)
}

#[test]
fn each_word_of_the_call_has_its_reading_in_order() {
    for (language, transcript) in calls() {
        let spans = spans_of(&transcript, language);
        let support = support_of(&transcript, &spans, language);
        let all: Vec<&WordSpan> = spans.iter().flatten().collect();
        assert_eq!(support.content_ids().len(), all.len(), "{language:?}");
        assert_eq!(support.cue_bits().len(), all.len(), "{language:?}");
        for ((word, id), bits) in all.iter().zip(support.content_ids()).zip(support.cue_bits()) {
            let content = super::words::is_content(language, &word.folded);
            assert_eq!(
                *id,
                support.word_stem(&word.folded).filter(|_| content),
                "{}",
                word.folded
            );
            let expected = CueBits::of(language, &word.folded)
                .with(cue_bits::SIDE, super::opposites::is_pair_word(&word.folded))
                .with(cue_bits::UNLESS_OPENS, super::words::opens_unless(&word.folded));
            assert_eq!(*bits, expected, "{}", word.folded);
        }
    }
}

#[test]
fn the_bits_say_what_the_word_lists_say() {
    let en = Language::En;
    let bits = |w: &str| CueBits::of(en, w);
    assert!(bits("not").has(cue_bits::NEGATION) && !bits("note").has(cue_bits::NEGATION));
    assert!(bits("dont").has(cue_bits::NEGATES_ITSELF) && bits("unnecessary").has(cue_bits::NEGATES_ITSELF));
    // Chat spellings negate in English only; a word that is a negation itself in any language.
    assert!(!CueBits::of(Language::De, "dont").has(cue_bits::NEGATES_ITSELF));
    assert!(CueBits::of(Language::De, "unnotig").has(cue_bits::NEGATES_ITSELF));
    assert!(bits("please").has(cue_bits::REQUEST) && bits("thanks").has(cue_bits::THANKS_WORD));
    assert!(bits("i").has(cue_bits::FIRST_PERSON) && bits("your").has(cue_bits::SECOND_PERSON));
    assert!(bits("will").has(cue_bits::FUTURE) && bits("i'll").has(cue_bits::FUTURE_ENDING));
    assert!(bits("nope").has(cue_bits::NO_ANSWER) && bits("you").has(cue_bits::MAY_OPENS));
    // "kunt u": the verb first opens the option in Dutch, not in English.
    assert!(
        CueBits::of(Language::Nl, "kunt").has(cue_bits::MAY_OPENS) && !bits("can").has(cue_bits::MAY_OPENS)
    );
    assert_eq!(bits("invoice"), CueBits::default());
}

#[test]
fn a_negation_reaches_the_same_words_read_by_bits_or_on_the_spot() {
    for (language, transcript) in calls() {
        for utterance in &transcript.utterances {
            let spans = words(&utterance.text, language);
            let bits = cue_bits(language, &spans);
            assert_eq!(
                super::negation::negation_reach_by_bits(&utterance.text, language, &spans, &bits),
                super::negation::negation_reach(&utterance.text, language, &spans),
                "{}",
                utterance.text
            );
        }
    }
}

#[test]
fn pair_words_and_exceptions_read_by_bits_or_on_the_spot_agree() {
    let mut read = 0;
    for (language, transcript) in calls() {
        let spans = spans_of(&transcript, language);
        let support = support_of(&transcript, &spans, language);
        let mut at = 0;
        for (utterance, words) in transcript.utterances.iter().zip(&spans) {
            let bits = &support.cue_bits()[at..at + words.len()];
            at += words.len();
            let reach = super::negation::negation_reach(&utterance.text, language, words);
            let by_bits = super::opposites::sides_by_bits(words, &reach, language, bits);
            assert_eq!(
                by_bits,
                super::opposites::sides(words, &reach, language),
                "{}",
                utterance.text
            );
            let unless = super::words::says_unless(words);
            assert_eq!(
                super::words::says_unless_by_bits(words, bits),
                unless,
                "{}",
                utterance.text
            );
            read += usize::from(!by_bits.is_empty()) + usize::from(unless);
        }
    }
    // The calls say both, or the comparison says little.
    assert!(read >= 4, "{read}");
}
