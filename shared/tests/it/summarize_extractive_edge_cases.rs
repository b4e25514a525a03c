//! The extractive summariser's edge cases: every commitment form, tiny and odd transcripts,
//! redaction markers, confidence, and the `Summarizer` trait.

use crate::common;

use std::time::Duration;

use wrapup::genesys::Deadline;
use wrapup::ids::ConversationId;
use wrapup::summary::extractive::{EXTRACTIVE_MODEL, ExtractiveSummarizer};
use wrapup::summary::{
    ActionItem, Owner, Sentiment, Summarizer, Summary, SummaryInput, SummaryLength, SummaryOptions,
    SummarySource,
};
use wrapup::transcript::{Channel, SpeakerRole, Transcript};

use SpeakerRole::{Agent, Customer, IvrBot};

fn transcript(channel: Channel, lines: &[(SpeakerRole, &str)]) -> Transcript {
    common::transcript_of(channel, lines)
}

fn summarize(t: &Transcript, length: SummaryLength) -> Summary {
    let options = SummaryOptions {
        length,
        ..Default::default()
    };
    ExtractiveSummarizer::new().summarize_transcript(t, &options)
}

fn item(text: &str, owner: Owner, due: Option<&str>) -> ActionItem {
    ActionItem {
        text: text.to_string(),
        owner: Some(owner),
        due_date: due.map(str::to_string),
    }
}

/// An action item as (text, owner, due phrase).
type Expected = (&'static str, Owner, Option<&'static str>);

fn resolved_call() -> Transcript {
    transcript(
        Channel::Voice,
        &[
            (
                IvrBot,
                "Welcome to Acme. Please hold while I connect you to the next available agent.",
            ),
            (Agent, "Thank you for calling Acme, my name is Dana."),
            (
                Customer,
                "My Orbit Watch 3 stopped charging after the latest update.",
            ),
            (
                Agent,
                "The Orbit Watch 3 charging fault comes from a firmware bug in that update.",
            ),
            (
                Agent,
                "I've pushed a firmware fix to your Orbit Watch 3 and the charging test now passes.",
            ),
            (Agent, "I'll send a new charging cable by Friday."),
            (Customer, "Thank you, that is great."),
        ],
    )
}

#[test]
fn every_commitment_form_has_its_owner_and_due_phrase() {
    let cases: &[(SpeakerRole, &str, Option<Expected>)] = &[
        (
            Agent,
            "I'll send a replacement by Friday.",
            Some(("Send a replacement", Owner::Agent, Some("by Friday"))),
        ),
        (
            Agent,
            "I will call you back within 24 hours.",
            Some(("Call the customer back", Owner::Agent, Some("within 24 hours"))),
        ),
        (
            Agent,
            "Okay, we will call you back by Friday.",
            Some(("Call the customer back", Owner::Agent, Some("by Friday"))),
        ),
        (
            Agent,
            "we will call you back tomorrow",
            Some(("Call the customer back", Owner::Agent, Some("tomorrow"))),
        ),
        (
            Agent,
            "I'm going to escalate this to the billing team next week.",
            Some((
                "Escalate this to the billing team",
                Owner::Agent,
                Some("next week"),
            )),
        ),
        (
            Agent,
            "Let me email you the shipping label by end of day.",
            Some((
                "Email the customer the shipping label",
                Owner::Agent,
                Some("by end of day"),
            )),
        ),
        (
            Agent,
            "Please upload the receipt on Monday.",
            Some(("Upload the receipt", Owner::Customer, Some("on Monday"))),
        ),
        (
            Agent,
            "Could you please send us a photo of the damage?",
            Some(("Send the company a photo of the damage", Owner::Customer, None)),
        ),
        (
            Agent,
            "You'll need to sign the new contract within 3 days.",
            Some(("Sign the new contract", Owner::Customer, Some("within 3 days"))),
        ),
        (
            Customer,
            "I'll upload them tonight.",
            Some(("Upload them", Owner::Customer, Some("tonight"))),
        ),
        (
            Agent,
            "A technician will visit on Monday between 8 and 12.",
            Some((
                "Have a technician visit on Monday between 8 and 12",
                Owner::Agent,
                Some("on Monday"),
            )),
        ),
        (
            Agent,
            "I'll email you the confirmation by June 12, 2025.",
            Some((
                "Email the customer the confirmation by June 12, 2025",
                Owner::Agent,
                Some("2025-06-12"),
            )),
        ),
        (Agent, "Would you like me to email you the label?", None),
        (Agent, "I will not send anything else.", None),
        (Agent, "Let me check that for you.", None),
        (Customer, "Please send it to my bank account.", None),
        (Customer, "Sure, no problem, I'll wait.", None),
        (IvrBot, "Please hold, we will call you back shortly.", None),
    ];
    for (speaker, line, expected) in cases {
        let t = transcript(
            Channel::Chat,
            &[
                (Customer, "My order never arrived at my address."),
                (*speaker, line),
            ],
        );
        let s = summarize(&t, SummaryLength::Long);
        let expected: Vec<ActionItem> = expected
            .iter()
            .map(|(text, owner, due)| item(text, *owner, *due))
            .collect();
        assert_eq!(s.action_items, expected, "{line}");
    }
}

#[test]
fn action_items_are_unique_in_order_and_capped_by_length() {
    let long_tail =
        // No ", and the": a new clause would start there.
        "with the prepaid label plus full instructions for packing the device safely in its original box together with its charger cable";
    let line = format!("I'll send the replacement kit by Friday {long_tail}.");
    let t = transcript(
        Channel::Voice,
        &[
            (
                Customer,
                "My Nimbus Phone X screen is cracked and it will not charge.",
            ),
            (Agent, "I'll send a replacement by Friday."),
            (Agent, "Please upload the receipt."),
            (Agent, "Again, I'll send a replacement by Friday!"),
            (Agent, &line),
        ],
    );
    let long = summarize(&t, SummaryLength::Long);
    let texts: Vec<&str> = long.action_items.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert_eq!(texts[0], "Send a replacement");
    assert_eq!(texts[1], "Upload the receipt");
    let short = summarize(&t, SummaryLength::Short);
    let capped = &short.action_items[2].text;
    assert!(capped.chars().count() <= 100 && capped.ends_with('…'), "{capped}");
    assert!(long.action_items[2].text.chars().count() > 100);
    assert_eq!(short.action_items[2].due_date.as_deref(), Some("by Friday"));
}

#[test]
fn empty_and_tiny_transcripts_give_short_valid_summaries() {
    let cases = [
        transcript(Channel::Voice, &[]),
        transcript(Channel::Chat, &[(Customer, "Hello?")]),
        transcript(Channel::Voice, &[(IvrBot, "Welcome to Acme. Please hold.")]),
        transcript(
            Channel::Chat,
            &[(Agent, "Hi, how can I help?"), (Customer, "Thanks, bye.")],
        ),
        transcript(
            Channel::Chat,
            &[(Customer, "..."), (Agent, "?!"), (Customer, "[CARD] [EMAIL] [")],
        ),
        transcript(
            Channel::Email,
            &[(Customer, "> only quoted\n> history"), (Agent, "\n\n\n")],
        ),
        transcript(
            Channel::Chat,
            &[(
                Customer,
                "Привет, мой роутер не работает. ¿Dónde está mi pedido? 🙂",
            )],
        ),
        transcript(Channel::Chat, &[(Customer, "a".repeat(50_000).as_str())]),
        transcript(Channel::Voice, &[(Customer, "’’’ ''' --- - ' ’s [x]]] [[[ ]")]),
    ];
    for t in &cases {
        for length in [SummaryLength::Short, SummaryLength::Medium, SummaryLength::Long] {
            let s = summarize(t, length);
            assert!(!s.executive_summary.trim().is_empty());
            assert!(
                s.executive_summary.chars().count() < 2_000,
                "{}",
                s.executive_summary.len()
            );
            assert!(s.confidence.is_finite() && (0.0..=1.0).contains(&s.confidence));
            assert!(
                s.key_phrases
                    .iter()
                    .all(|k| !k.contains('[') && !k.trim().is_empty())
            );
        }
    }
    let empty = summarize(&cases[0], SummaryLength::Medium);
    assert_eq!(empty.reason, None);
    assert_eq!(empty.resolution, None);
    assert!(empty.action_items.is_empty() && empty.key_phrases.is_empty());
    assert!(empty.confidence < 0.2, "{}", empty.confidence);
    assert!(summarize(&resolved_call(), SummaryLength::Medium).confidence > empty.confidence);
}

#[test]
fn redaction_markers_never_become_key_phrases() {
    let t = transcript(
        Channel::Voice,
        &[
            (
                Customer,
                "My card [CARD] was charged twice for the Helix Home Hub and my email [EMAIL] got two receipts.",
            ),
            (
                Agent,
                "I see the Helix Home Hub charge on card [CARD] and the receipts sent to [EMAIL].",
            ),
            (
                Customer,
                "Please call me on [PHONE] about the Helix Home Hub refund.",
            ),
            (
                Agent,
                "I've refunded the duplicate Helix Home Hub charge to [CARD].",
            ),
        ],
    );
    let s = summarize(&t, SummaryLength::Long);
    assert!(!s.key_phrases.is_empty());
    for k in &s.key_phrases {
        assert!(
            !k.contains('[') && !k.contains("CARD") && !k.contains("EMAIL") && !k.contains("PHONE"),
            "{k}"
        );
    }
    assert_eq!(s.key_phrases.first().map(String::as_str), Some("Helix Home Hub"));
}

#[test]
fn confidence_follows_the_evidence_and_asr_quality() {
    let clear = resolved_call();
    let mut noisy = clear.clone();
    noisy.utterances.iter_mut().for_each(|u| u.confidence = Some(0.3));
    let mut broken = clear.clone();
    broken
        .utterances
        .iter_mut()
        .for_each(|u| u.confidence = Some(f32::NAN));
    let vague = transcript(
        Channel::Voice,
        &[(Customer, "Okay."), (Agent, "Sure, one moment.")],
    );
    let c = |t: &Transcript| summarize(t, SummaryLength::Medium).confidence;
    assert!(c(&clear) > c(&noisy), "{} vs {}", c(&clear), c(&noisy));
    assert!(c(&noisy) > c(&vague));
    assert!(c(&broken).is_finite() && c(&broken) <= 1.0);
}

#[test]
fn clearly_unhappy_customer_is_negative() {
    let t = transcript(
        Channel::Chat,
        &[
            (
                Customer,
                "This is terrible, my Zephyr TV 55 is broken again and I am furious.",
            ),
            (
                Agent,
                "I'm sorry to hear that, I've booked a technician visit for Monday.",
            ),
            (
                Customer,
                "Honestly this service is awful and useless, I am very disappointed.",
            ),
        ],
    );
    let s = summarize(&t, SummaryLength::Medium);
    assert_eq!(s.customer_sentiment, Sentiment::Negative);
}

#[tokio::test]
async fn summarizer_trait_reports_extractive_provenance() {
    let t = resolved_call();
    let id = ConversationId::parse(&t.conversation_id).unwrap();
    let options = SummaryOptions::default();
    // The fallback of last resort runs even when the deadline has passed.
    let input = SummaryInput {
        conversation_id: &id,
        transcript: &t,
        customer_sentiment: wrapup::sentiment::customer_sentiment(&t),
        options: &options,
        deadline: Deadline::after(Duration::ZERO),
    };
    let summarizer = ExtractiveSummarizer::new();
    assert_eq!(summarizer.source(), SummarySource::Extractive);
    let out = summarizer.summarize(&input).await.unwrap();
    assert_eq!(out.provenance.source, SummarySource::Extractive);
    assert_eq!(out.provenance.model, EXTRACTIVE_MODEL);
    assert_eq!(out.provenance.model, "wrapup-extractive-v1");
    assert_eq!(out.provenance.usage, None);
    assert_eq!(out.summary, summarizer.summarize_transcript(&t, &options));
}

/// Key phrases name topics: no number cut out of what was said ("forty nine" of a price,
/// "veinte euros" of "ciento veinte euros", "5" of "5,5 L"), no greeting or function words of
/// the call's language ("por favor", "Kein Problem").
#[test]
fn key_phrases_hold_no_cut_numbers_or_function_words() {
    let with_language = |language: &str, lines: &[(SpeakerRole, &str)]| {
        let mut t = transcript(Channel::Voice, lines);
        t.language = Some(language.to_owned());
        t
    };
    let en = with_language(
        "en-AU",
        &[
            (
                Customer,
                "There's a charge of forty nine ninety-nine on my Visa Debit card.",
            ),
            (
                Agent,
                "I can see the forty nine ninety-nine charge from the Harbour Cinema.",
            ),
            (
                Customer,
                "Yes, forty nine ninety-nine, and I never went to the Harbour Cinema.",
            ),
            (
                Agent,
                "I've disputed the forty nine ninety-nine charge on your Visa Debit card.",
            ),
        ],
    );
    let es = with_language(
        "es-ES",
        &[
            (
                Customer,
                "Por favor, la freidora Cosori Pro 5,5 L llegó rota, por favor.",
            ),
            (
                Agent,
                "Lo siento. Veo la Cosori Pro 5,5 L por ciento veinte euros, por favor espere.",
            ),
            (
                Customer,
                "Sí, ciento veinte euros, por favor, la Cosori Pro 5,5 L.",
            ),
            (
                Agent,
                "Le devuelvo los ciento veinte euros de la Cosori Pro 5,5 L, por favor.",
            ),
        ],
    );
    let de = with_language(
        "de-AT",
        &[
            (
                Customer,
                "Kein Problem, aber mein Tarif Mobil Flex zeigt neunundvierzig Euro.",
            ),
            (
                Agent,
                "Kein Problem. Der Tarif Mobil Flex kostet neunundvierzig Euro.",
            ),
            (Customer, "Kein Problem, dann bleibt Mobil Flex."),
        ],
    );
    for (t, topic) in [(&en, "Harbour Cinema"), (&es, "Cosori Pro"), (&de, "Mobil Flex")] {
        let s = summarize(t, SummaryLength::Long);
        assert!(
            s.key_phrases.iter().any(|k| k.contains(topic)),
            "{:?}",
            s.key_phrases
        );
        for k in &s.key_phrases {
            let lower = k.to_lowercase();
            for cut in [
                "forty",
                "ninety",
                "veinte",
                "ciento",
                "neunundvierzig",
                "por favor",
                "kein problem",
                " 5",
            ] {
                assert!(!lower.contains(cut), "{k:?} in {:?}", s.key_phrases);
            }
        }
    }
}
