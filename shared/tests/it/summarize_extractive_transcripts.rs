//! The extractive summariser on hand-built voice, chat and email transcripts.

use crate::common;

use std::time::{Duration, Instant};

use wrapup::summary::extractive::ExtractiveSummarizer;
use wrapup::summary::{ActionItem, Owner, Summary, SummaryLength, SummaryOptions, SummaryTone};
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

const PREFIXES: &[&str] = &[
    "Customer:",
    "Agent:",
    "Other participant:",
    "The customer stated:",
    "The agent stated:",
    "Another participant stated:",
    "Customer said:",
    "Agent said:",
    "Someone else said:",
    "The customer shared:",
    "The agent explained:",
    "Another participant shared:",
];

/// The executive summary's sentences without the framing prefixes. Test transcripts have no
/// ". " inside a sentence, so splitting after terminal punctuation is exact.
fn summary_sentences(summary: &str) -> Vec<String> {
    let mut text = summary.to_string();
    for prefix in PREFIXES {
        text = text.replace(&format!("{prefix} "), "");
    }
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| *n == ' ') {
            out.push(current.trim().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// The summary rewrites the speakers' words in the third person: every figure and every name in
/// it (a capitalised word after a sentence's first) is the transcript's own.
fn assert_sentences_from(t: &Transcript, summary: &Summary) {
    let spoken: String = t
        .utterances
        .iter()
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for sentence in summary_sentences(&summary.executive_summary) {
        for word in sentence.split_whitespace().skip(1) {
            let word = word
                .trim_end_matches("'s")
                .trim_matches(|c: char| !c.is_alphanumeric());
            let fact = word.chars().any(|c| c.is_ascii_digit()) || word.starts_with(char::is_uppercase);
            assert!(
                !fact || spoken.contains(word),
                "{word:?} is not in the transcript: {sentence:?}"
            );
        }
    }
}

fn item(text: &str, owner: Owner, due: Option<&str>) -> ActionItem {
    ActionItem {
        text: text.to_string(),
        owner: Some(owner),
        due_date: due.map(str::to_string),
    }
}

const GREETINGS: &[&str] = &[
    "Thank you for calling",
    "anything else",
    "Have a great day",
    "recorded",
    "Please hold",
    "my name is",
    "take care",
    "Best regards",
    "Thanks,",
    "reaching out",
    "chatting with",
];

fn voice_call() -> Transcript {
    transcript(
        Channel::Voice,
        &[
            (
                IvrBot,
                "Thank you for calling Acme. This call may be recorded for quality purposes.",
            ),
            (
                IvrBot,
                "In a few words, please tell me what you're calling about.",
            ),
            (Customer, "router problems"),
            (
                IvrBot,
                "Please hold while I connect you to the next available agent.",
            ),
            (
                Agent,
                "Thank you for calling Acme support, my name is Dana. How can I help you today?",
            ),
            (
                Customer,
                "Hi, my Acme Router Pro keeps dropping the connection every evening. It started after the update last week.",
            ),
            (Agent, "Can I get the full name on the account?"),
            (Customer, "Sure, it's Jordan Miles."),
            (
                Agent,
                "I can see the Acme Router Pro on your account. Let me check the line.",
            ),
            (
                Customer,
                "The Acme Router Pro drops the connection every evening around eight.",
            ),
            (
                Agent,
                "The line test shows the Acme Router Pro has a faulty power supply.",
            ),
            (
                Agent,
                "I've issued a replacement Acme Router Pro and credited your account for the outage.",
            ),
            (Agent, "I'll send a replacement by Friday."),
            (
                Agent,
                "Please upload the receipt for the old router to the portal.",
            ),
            (Agent, "We will call you back tomorrow to check the new router."),
            (Customer, "Okay. I'll upload it tonight."),
            (Agent, "Is there anything else I can help you with today?"),
            (Customer, "No, that's all, thank you."),
            (Agent, "Thank you for calling Acme. Have a great day!"),
        ],
    )
}

#[test]
fn voice_call_with_ivr_gives_reason_resolution_and_action_items() {
    let t = voice_call();
    let s = summarize(&t, SummaryLength::Medium);
    assert_eq!(
        s.reason.as_deref(),
        Some(
            "The customer called Acme because their Acme Router Pro keeps dropping the connection every evening."
        )
    );
    assert_eq!(
        s.resolution.as_deref(),
        Some(
            "The agent has issued a replacement Acme Router Pro and credited the customer's account for the outage."
        )
    );
    assert_eq!(
        s.action_items,
        vec![
            item("Send a replacement", Owner::Agent, Some("by Friday")),
            item(
                "Upload the receipt for the old router to the portal",
                Owner::Customer,
                None
            ),
            item(
                "Call the customer back tomorrow to check the new router",
                Owner::Agent,
                Some("tomorrow")
            ),
            item("Upload it", Owner::Customer, Some("tonight")),
        ]
    );
    assert!(
        s.executive_summary
            .starts_with("The customer called Acme because their Acme Router Pro keeps dropping"),
        "{}",
        s.executive_summary
    );
    assert!(
        s.executive_summary.contains("The agent has issued a replacement"),
        "{}",
        s.executive_summary
    );
    for greeting in GREETINGS {
        assert!(
            !s.executive_summary.contains(greeting),
            "{greeting:?} in {}",
            s.executive_summary
        );
    }
    assert!(
        !s.executive_summary.contains("Jordan"),
        "identity answers stay out: {}",
        s.executive_summary
    );
    assert_eq!(
        s.key_phrases.first().map(String::as_str),
        Some("Acme Router Pro"),
        "{:?}",
        s.key_phrases
    );
    assert!(
        s.key_phrases
            .iter()
            .all(|k| !k.contains("Jordan") && !k.contains("Acme support"))
    );
    assert!((0.5..=1.0).contains(&s.confidence), "{}", s.confidence);
    assert_eq!(s.customer_sentiment, wrapup::sentiment::customer_sentiment(&t));
    assert_sentences_from(&t, &s);
}

fn rich_chat() -> Transcript {
    transcript(
        Channel::Chat,
        &[
            (
                Agent,
                "Hi there, Sam here. I've read your message, let me take a look.",
            ),
            (
                Customer,
                "Hello, I was charged twice for the Stratus Family Plan this month.",
            ),
            (
                Agent,
                "I can see both charges for the Stratus Family Plan on your statement.",
            ),
            (
                Customer,
                "The second charge pushed my account into overdraft with my bank.",
            ),
            (
                Agent,
                "The duplicate payment came from a billing system error during the plan migration.",
            ),
            (
                Customer,
                "My bank charged an overdraft fee because of the duplicate payment.",
            ),
            (
                Agent,
                "Our billing team confirmed the migration error affected several family plans.",
            ),
            (
                Customer,
                "I need the overdraft fee covered as well as the duplicate charge.",
            ),
            (
                Agent,
                "I've reversed the duplicate charge and added a credit for the overdraft fee.",
            ),
            (Agent, "I'll email you the confirmation within 24 hours."),
            (Customer, "Great, thank you so much."),
            (Agent, "Anything else I can do for you?"),
            (Customer, "No, that's all. Bye."),
            (Agent, "Thanks, take care."),
        ],
    )
}

#[test]
fn chat_summary_reason_resolution_and_no_pleasantries() {
    let t = rich_chat();
    let s = summarize(&t, SummaryLength::Medium);
    assert_eq!(
        s.reason.as_deref(),
        Some(
            "The customer contacted the company because they were charged twice for the Stratus Family Plan this month."
        )
    );
    assert_eq!(
        s.resolution.as_deref(),
        Some("The agent has reversed the duplicate charge and added a credit for the overdraft fee.")
    );
    assert_eq!(
        s.action_items,
        vec![item(
            "Email the customer the confirmation",
            Owner::Agent,
            Some("within 24 hours")
        )]
    );
    for greeting in GREETINGS.iter().chain(&["Sam here", "read your message", "Bye"]) {
        assert!(
            !s.executive_summary.contains(greeting),
            "{greeting:?} in {}",
            s.executive_summary
        );
    }
    assert!(
        s.key_phrases.iter().any(|k| k == "Stratus Family Plan"),
        "{:?}",
        s.key_phrases
    );
    assert_sentences_from(&t, &s);
}

#[test]
fn length_changes_the_number_of_sentences_and_key_phrases() {
    let t = rich_chat();
    let mut previous = 0;
    for (length, sentences, phrases) in [
        (SummaryLength::Short, 3, 3),
        (SummaryLength::Medium, 5, 5),
        (SummaryLength::Long, 7, 8),
    ] {
        let s = summarize(&t, length);
        let count = summary_sentences(&s.executive_summary).len();
        assert!(
            count <= sentences && count >= previous,
            "{length:?}: {}",
            s.executive_summary
        );
        previous = count;
        assert!(
            s.key_phrases.len() <= phrases && !s.key_phrases.is_empty(),
            "{length:?}: {:?}",
            s.key_phrases
        );
    }
    // Short keeps the two pillars, the reason and the resolution, and what happens next.
    let short = summarize(&t, SummaryLength::Short);
    assert_eq!(
        summary_sentences(&short.executive_summary),
        vec![
            "The customer contacted the company because they were charged twice for the Stratus Family Plan this month.",
            "The agent has reversed the duplicate charge and added a credit for the overdraft fee.",
            "The agent will email the customer the confirmation within 24 hours."
        ]
    );
}

#[test]
fn tone_changes_nothing_in_the_third_person_summary() {
    // The built-in summary is written in one register, in the third person, without speaker
    // labels; the tone is for the LLM's summary.
    let t = rich_chat();
    let mut bodies = Vec::new();
    for tone in [
        SummaryTone::Neutral,
        SummaryTone::Formal,
        SummaryTone::Casual,
        SummaryTone::Empathetic,
    ] {
        let options = SummaryOptions {
            tone,
            ..Default::default()
        };
        let s = ExtractiveSummarizer::new().summarize_transcript(&t, &options);
        assert!(
            s.executive_summary.starts_with("The customer contacted"),
            "{tone:?}: {}",
            s.executive_summary
        );
        bodies.push((summary_sentences(&s.executive_summary), s.action_items, s.reason));
    }
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "tone changed content: {bodies:?}"
    );
}

#[test]
fn output_is_deterministic() {
    for t in [voice_call(), rich_chat(), email_thread()] {
        let first = serde_json::to_vec(&summarize(&t, SummaryLength::Long)).unwrap();
        for _ in 0..5 {
            let again = serde_json::to_vec(&summarize(&t.clone(), SummaryLength::Long)).unwrap();
            assert_eq!(first, again);
        }
    }
}

#[path = "summarize_extractive_transcripts/email_and_long.rs"]
mod email_and_long;

use email_and_long::email_thread;
