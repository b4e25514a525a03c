//! The built-in summariser never panics and always finishes, in every served language, whatever
//! the call: arbitrary Unicode, very long utterances, empty calls, all-caps, all-lowercase and
//! mixed scripts. What it returns stays in bounds: a non-empty executive summary, at most ten
//! action items within the length's cap, a finite confidence in 0..=1.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use wrapup::summary::extractive::ExtractiveSummarizer;
use wrapup::summary::{Summary, SummaryLength, SummaryOptions};
use wrapup::transcript::{Channel, SpeakerRole, Transcript, Utterance};

const LANGUAGES: &[&str] = &["en-US", "es-ES", "fr-FR", "de-DE", "it-IT", "pt-BR", "nl-NL"];
const CHANNELS: &[Channel] = &[
    Channel::Voice,
    Channel::Chat,
    Channel::Email,
    Channel::Message,
    Channel::Other,
];
const SPEAKERS: &[SpeakerRole] = &[
    SpeakerRole::Agent,
    SpeakerRole::Customer,
    SpeakerRole::IvrBot,
    SpeakerRole::Other,
];
const LENGTHS: &[SummaryLength] = &[SummaryLength::Short, SummaryLength::Medium, SummaryLength::Long];

/// Words the rules key on in every language (commitment forms, requests, due phrases, fillers,
/// openers, subordinators, pronouns, markers), so random calls reach their deeper paths.
const WORDS: &[&str] = &[
    // en
    "I'll",
    "send",
    "you",
    "we'll",
    "call",
    "back",
    "please",
    "upload",
    "the",
    "receipt",
    "by",
    "Friday",
    "a",
    "technician",
    "will",
    "visit",
    "you'll",
    "get",
    "she'll",
    "I",
    "can",
    "arrange",
    "if",
    "um",
    "uh",
    "so",
    "okay",
    "calling",
    "about",
    "because",
    "tomorrow",
    "within",
    "the hour",
    "I've",
    "cancelled",
    "let me",
    "check",
    "need to",
    "have to",
    "Customer:",
    "Agent:",
    // es
    "voy a",
    "enviar",
    "le",
    "te",
    "llamo",
    "mañana",
    "si",
    "se",
    "libera",
    "recibirá",
    "por favor",
    "tiene que",
    "devolvemos",
    "la",
    "el",
    "estorno",
    "eh",
    "bueno",
    "además",
    // fr
    "je vais",
    "vous",
    "envoie",
    "je m'engage à",
    "m'",
    "engage",
    "à",
    "vous recevrez",
    "euh",
    "demain",
    "sous 48 heures",
    "veuillez",
    "on va",
    "l'",
    "ne",
    "pas",
    // de
    "ich",
    "werde",
    "schicke",
    "Ihnen",
    "Sie",
    "wir",
    "das",
    "schreib",
    "gut",
    "zurück",
    "bitte",
    "wenn",
    "äh",
    "morgen",
    "bis",
    "in",
    "fünf",
    "Werktagen",
    "an",
    "um",
    // it
    "ti",
    "mando",
    "le prometto che",
    "entro",
    "venerdì",
    "posso",
    "riceverai",
    "lo",
    "la richiamo",
    "non",
    "ehm",
    "allora",
    "domani",
    "glielo",
    "storno",
    // pt
    "vou",
    "enviar-lhe",
    "mandamos-lhe",
    "o",
    "crédito",
    "é",
    "feito",
    "em até",
    "dez",
    "dias",
    "úteis",
    "você recebe",
    "um",
    "tá",
    "né",
    "amanhã",
    // nl
    "ik",
    "stuur",
    "u",
    "we",
    "storten",
    "het",
    "bedrag",
    "terug",
    "je krijgt",
    "binnen",
    "werkdagen",
    "eh",
    "morgen",
    "graag",
    // markers, numbers, punctuation, other scripts
    "[NAME_1]",
    "[PHONE_1]",
    "[CARD_1]",
    "$49",
    "€279,90",
    "12:30",
    "1-2",
    "?",
    ",",
    ".",
    "!",
    ";",
    ":",
    "-",
    "—",
    "(",
    ")",
    "\"",
    "'",
    "日本語",
    "Привет",
    "مرحبا",
    "🙂",
    "é",
    "ß",
];

fn call(language: &str, channel: Channel, lines: &[(SpeakerRole, String)]) -> Transcript {
    Transcript {
        conversation_id: "7d6a4c1e-0000-4000-8000-000000000001".into(),
        agent_names: vec!["Dana Reed".into()],
        media_type: channel,
        language: Some(language.into()),
        duration_ms: lines.len() as u64 * 4_000,
        utterances: lines
            .iter()
            .enumerate()
            .map(|(i, (speaker, text))| Utterance {
                speaker: *speaker,
                text: text.clone(),
                start_offset_ms: i as u64 * 4_000,
                duration_ms: 3_000,
                confidence: (channel == Channel::Voice).then_some(0.8),
                communication_id: "comm-1".into(),
            })
            .collect(),
    }
}

fn summarise(transcript: &Transcript, length: SummaryLength) -> Summary {
    let options = SummaryOptions {
        length,
        ..SummaryOptions::default()
    };
    ExtractiveSummarizer::new().summarize_transcript(transcript, &options)
}

/// The output's own bounds, whatever the input.
fn check(transcript: &Transcript, length: SummaryLength) {
    let summary = summarise(transcript, length);
    assert!(
        !summary.executive_summary.trim().is_empty(),
        "empty summary for {transcript:?}"
    );
    assert!(summary.action_items.len() <= 10, "{:?}", summary.action_items);
    let cap = match length {
        SummaryLength::Short => 100,
        SummaryLength::Medium => 160,
        SummaryLength::Long => 240,
    };
    for item in &summary.action_items {
        assert!(!item.text.trim().is_empty(), "{item:?}");
        assert!(item.text.chars().count() <= cap, "{item:?} over {cap}");
        assert!(item.owner.is_some(), "{item:?}");
    }
    assert!(
        summary.confidence.is_finite() && (0.0..=1.0).contains(&summary.confidence),
        "{}",
        summary.confidence
    );
    // Same input, byte-identical output.
    assert_eq!(summarise(transcript, length), summary);
}

/// Every case of a call: as given, all capitals, all lowercase.
fn check_cases(language: &str, channel: Channel, lines: &[(SpeakerRole, String)], length: SummaryLength) {
    check(&call(language, channel, lines), length);
    let upper: Vec<(SpeakerRole, String)> = lines.iter().map(|(s, t)| (*s, t.to_uppercase())).collect();
    check(&call(language, channel, &upper), length);
    let lower: Vec<(SpeakerRole, String)> = lines.iter().map(|(s, t)| (*s, t.to_lowercase())).collect();
    check(&call(language, channel, &lower), length);
}

fn rule_words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..30).prop_map(|w| w.join(" "))
}

/// Rule words mixed with arbitrary Unicode.
fn utterance() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => rule_words(),
        1 => any::<String>(),
        1 => (rule_words(), any::<String>(), rule_words()).prop_map(|(a, b, c)| format!("{a} {b} {c}")),
    ]
}

fn lines() -> impl Strategy<Value = Vec<(SpeakerRole, String)>> {
    prop::collection::vec((prop::sample::select(SPEAKERS), utterance()), 0..14)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_call_in_any_language_is_summarised(
        language in prop::sample::select(LANGUAGES),
        channel in prop::sample::select(CHANNELS),
        length in prop::sample::select(LENGTHS),
        lines in lines(),
    ) {
        check_cases(language, channel, &lines, length);
    }

    #[test]
    fn arbitrary_unicode_utterances_are_summarised(
        language in prop::sample::select(LANGUAGES),
        texts in prop::collection::vec(any::<String>(), 0..6),
    ) {
        let lines: Vec<(SpeakerRole, String)> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| (SPEAKERS[i % 2], t))
            .collect();
        check_cases(language, Channel::Chat, &lines, SummaryLength::Medium);
    }
}

#[test]
fn empty_and_blank_calls_are_summarised_in_every_language() {
    for language in LANGUAGES {
        for channel in CHANNELS {
            check(&call(language, *channel, &[]), SummaryLength::Medium);
            let blank = [
                (SpeakerRole::Agent, String::new()),
                (SpeakerRole::Customer, "   ".to_string()),
                (SpeakerRole::Agent, "...?!".to_string()),
                (SpeakerRole::Customer, "[NAME_1]".to_string()),
            ];
            check(&call(language, *channel, &blank), SummaryLength::Short);
        }
    }
}

/// Inputs that could make a rule quadratic or loop: one enormous utterance of a repeated
/// commitment, filler, marker or script (tens of kilobytes, one clause), in each language and
/// case, well within seconds: the time grows linearly with the length. One test per language, so
/// they run side by side.
mod very_long_utterances_finish_quickly {
    macro_rules! in_language {
        ($($name:ident: $index:literal),* $(,)?) => {
            $(
                #[test]
                #[ignore = "soak tier: tens of kilobytes in one utterance, in every case; `make test` runs it"]
                fn $name() {
                    super::very_long_utterances_finish_quickly_in(super::LANGUAGES[$index]);
                }
            )*
            /// A language added to `LANGUAGES` needs its test here.
            #[test]
            fn every_language_has_its_test() {
                assert_eq!(super::LANGUAGES.len(), [$($index),*].len());
            }
        };
    }
    in_language!(en: 0, es: 1, fr: 2, de: 3, it: 4, pt: 5, nl: 6);
}

fn very_long_utterances_finish_quickly_in(language: &str) {
    let units = [
        "I'll send you the form by Friday, ",
        "um uh ",
        "voy a enviarle el formulario mañana y ",
        "je vais vous envoyer le formulaire demain, ",
        "das schreib ich Ihnen gut und ",
        "se non lo trovo le mando un link, ",
        "o crédito é feito em até dez dias úteis ",
        "het bedrag storten we terug ",
        "[NAME_1] ",
        "日本語 ",
        "a",
        ", ",
        "? ",
    ];
    {
        for unit in units {
            let text = unit.repeat(800);
            for text in [text.to_uppercase(), text] {
                let lines = [
                    (SpeakerRole::Customer, "I'm calling about my bill.".to_string()),
                    (SpeakerRole::Agent, text),
                ];
                let started = Instant::now();
                check(&call(language, Channel::Voice, &lines), SummaryLength::Long);
                let elapsed = started.elapsed();
                assert!(
                    elapsed < Duration::from_secs(10),
                    "{language} {unit:?} x 800 took {elapsed:?}"
                );
            }
        }
    }
}
