//! The extractive summariser on the simulator's seeded conversations, fetched through the client.

use crate::common;

use std::collections::BTreeMap;

use serde_json::Value;
use wrapup::ids::ConversationId;
use wrapup::summary::extractive::ExtractiveSummarizer;
use wrapup::summary::{Summary, SummaryLength, SummaryOptions};
use wrapup::transcript::{FetchTranscript, SpeakerRole, Transcript};

/// Conversations fetched per media type (each costs a few API calls of the rate limit).
const PER_MEDIA: usize = 3;
/// Every figure and every name in the summary is the transcript's own: the summary rewrites the
/// speakers' words in the third person but invents nothing.
fn assert_from_transcript(t: &Transcript, s: &Summary) {
    let spoken: String = t
        .utterances
        .iter()
        .filter(|u| u.speaker != SpeakerRole::IvrBot)
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for sentence in s.executive_summary.split(". ") {
        let words = sentence.split_whitespace().skip(1);
        for word in words.map(|w| {
            w.trim_end_matches("'s")
                .trim_matches(|c: char| !c.is_alphanumeric())
        }) {
            let fact = word.chars().any(|c| c.is_ascii_digit()) || word.starts_with(char::is_uppercase);
            assert!(
                !fact || spoken.contains(word),
                "{word:?} is not in the transcript\nsummary: {}",
                s.executive_summary
            );
        }
    }
}

async fn seeded_transcripts(sim: &genesys_sim::SimHandle) -> Vec<(Value, Transcript)> {
    let truth = common::get(sim, "/_sim/ground-truth").await;
    let client = common::client(sim);
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for conversation in truth.as_array().expect("ground truth is a list") {
        let media = conversation["mediaType"].as_str().unwrap_or_default().to_string();
        let count = taken.entry(media).or_default();
        if *count >= PER_MEDIA {
            continue;
        }
        *count += 1;
        let id = ConversationId::parse(conversation["conversationId"].as_str().unwrap()).unwrap();
        let transcript = client
            .conversation_transcript(&id)
            .await
            .unwrap()
            .expect("seeded transcript");
        out.push((conversation.clone(), transcript));
    }
    out
}

#[tokio::test]
async fn seeded_conversations_of_every_media_type_summarise_from_their_own_words() {
    let sim = common::sim().await;
    let conversations = seeded_transcripts(&sim).await;
    let media: Vec<&str> = conversations
        .iter()
        .filter_map(|(c, _)| c["mediaType"].as_str())
        .collect();
    for expected in ["voice", "chat", "message", "email"] {
        assert!(
            media.contains(&expected),
            "no {expected} conversation among {media:?}"
        );
    }
    let summarizer = ExtractiveSummarizer::new();
    for (truth, t) in &conversations {
        let context = format!("{} {}", truth["mediaType"], truth["scenario"]);
        for length in [SummaryLength::Short, SummaryLength::Medium, SummaryLength::Long] {
            let s = summarizer.summarize_transcript(
                t,
                &SummaryOptions {
                    length,
                    ..Default::default()
                },
            );
            assert!(!s.executive_summary.is_empty(), "{context}");
            for label in ["Customer:", "Agent:", "Other participant:"] {
                assert!(
                    !s.executive_summary.contains(label),
                    "{context}: {}",
                    s.executive_summary
                );
            }
            assert_from_transcript(t, &s);
            assert!(s.reason.is_some(), "{context}: no reason");
            assert!((0.0..=1.0).contains(&s.confidence), "{context}");
            for greeting in [
                "Thank you for calling",
                "anything else",
                "Have a great day",
                "take care",
                "recorded",
            ] {
                assert!(
                    !s.executive_summary.contains(greeting),
                    "{context}: {}",
                    s.executive_summary
                );
            }
        }
        let s = summarizer.summarize_transcript(t, &SummaryOptions::default());
        // Every seeded dialogue ends with the agent's resolution statement.
        assert!(s.resolution.is_some(), "{context}: no resolution");
        assert!(
            s.executive_summary
                .contains(s.resolution.as_deref().unwrap_or("-")),
            "{context}"
        );
        assert_planted_product_is_a_key_phrase(truth, &s, &context);
        assert_eq!(
            s.customer_sentiment,
            wrapup::sentiment::customer_sentiment(t),
            "{context}"
        );
        for item in &s.action_items {
            assert!(item.owner.is_some(), "{context}: {item:?}");
        }
    }
}

/// Some key phrase names a product the simulator planted (by name, alias or misspelling).
fn assert_planted_product_is_a_key_phrase(truth: &Value, s: &Summary, context: &str) {
    let planted: Vec<&genesys_sim::catalog::Product> = truth["mentions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["productId"].as_str())
        .filter_map(|id| genesys_sim::catalog::products().iter().find(|p| p.id == id))
        .collect();
    assert!(!planted.is_empty(), "{context}: nothing planted");
    let named = s.key_phrases.iter().any(|phrase| {
        planted.iter().any(|p| {
            p.surface_forms()
                .iter()
                .any(|form| form.eq_ignore_ascii_case(phrase))
        })
    });
    // A name cut short by a lowercase word ("Nimbus Phone mini" -> "Nimbus Phone") still counts.
    let partial = s.key_phrases.iter().any(|phrase| {
        planted.iter().any(|p| {
            p.surface_forms()
                .iter()
                .any(|form| form.starts_with(phrase.as_str()) && phrase.contains(' '))
        })
    });
    assert!(
        named || partial,
        "{context}: key phrases {:?} miss {:?}",
        s.key_phrases,
        planted
    );
}

#[tokio::test]
async fn commitments_in_seeded_dialogue_become_action_items() {
    let sim = common::sim().await;
    let conversations = seeded_transcripts(&sim).await;
    let summarizer = ExtractiveSummarizer::new();
    let mut seen = 0;
    for (truth, t) in &conversations {
        let s = summarizer.summarize_transcript(t, &SummaryOptions::default());
        // What was said, and the instruction it becomes.
        for (needle, instruction, owner, due) in [
            (
                "I'll send a replacement by Friday",
                "Send a replacement",
                "agent",
                Some("by Friday"),
            ),
            (
                "We will call you back tomorrow",
                "Call the customer back",
                "agent",
                Some("tomorrow"),
            ),
            (
                "Please upload the receipt",
                "Upload the receipt",
                "customer",
                None,
            ),
            (
                "I'll email you the",
                "Email the customer the",
                "agent",
                Some("within 24 hours"),
            ),
        ] {
            if !t.utterances.iter().any(|u| u.text.contains(needle)) {
                continue;
            }
            seen += 1;
            let item = s.action_items.iter().find(|a| a.text.starts_with(instruction));
            let item = item.unwrap_or_else(|| {
                panic!(
                    "{}: {needle:?} missing from {:?}",
                    truth["scenario"], s.action_items
                )
            });
            assert_eq!(serde_json::to_value(item.owner).unwrap(), owner, "{item:?}");
            assert_eq!(item.due_date.as_deref(), due, "{item:?}");
        }
    }
    assert!(seen > 0, "no seeded commitment among the sampled conversations");
}
