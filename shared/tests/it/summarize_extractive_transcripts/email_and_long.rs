//! Email threads, a thousand-utterance call and reasons that started a sentence.

use super::*;

pub(super) fn email_thread() -> Transcript {
    transcript(
        Channel::Email,
        &[
            (
                Customer,
                "Hello Acme support,\n\nMy Nimbus Phone X arrived with a cracked screen and I want to send it back.\n\nThanks,\nJordan",
            ),
            (
                Agent,
                "Hi Jordan,\n\nThank you for reaching out. I've issued a return authorization and emailed you a prepaid shipping label. Please reply with a photo of the serial number label.\n\nBest regards,\nDana\nAcme\n\n> On Monday, Jordan wrote:\n> I'll send the invoice by Friday.",
            ),
            (
                Customer,
                "Hi Dana, The photo of the Nimbus Phone X label is attached. On Tue, Jun 10, 2025 at 9:00 AM Dana wrote: Please upload the invoice by Friday.",
            ),
        ],
    )
}

#[test]
fn email_uses_the_messages_own_words_only() {
    let t = email_thread();
    let s = summarize(&t, SummaryLength::Long);
    assert_eq!(
        s.reason.as_deref(),
        Some(
            "The customer emailed the company because their Nimbus Phone X arrived with a cracked screen and they want to send it back."
        )
    );
    assert_eq!(
        s.resolution.as_deref(),
        Some(
            "The agent has issued a return authorization and emailed the customer a prepaid shipping label."
        )
    );
    assert_eq!(
        s.action_items,
        vec![item(
            "Reply with a photo of the serial number label",
            Owner::Customer,
            None
        )],
        "quoted history must not yield action items"
    );
    for quoted in [
        "invoice",
        "wrote",
        "Best regards",
        "Thanks,",
        "Hello Acme",
        "Jordan",
    ] {
        assert!(
            !s.executive_summary.contains(quoted),
            "{quoted:?} in {}",
            s.executive_summary
        );
    }
    assert!(
        s.key_phrases.iter().any(|k| k == "Nimbus Phone X"),
        "{:?}",
        s.key_phrases
    );
}

#[test]
fn a_thousand_utterances_summarise_quickly() {
    const NOUNS: [&str; 12] = [
        "modem", "router", "cable", "socket", "signal", "light", "firmware", "app", "bill", "fee", "plan",
        "charger",
    ];
    let noun = |k: usize| NOUNS[k % NOUNS.len()];
    let lines: Vec<(SpeakerRole, String)> = (0..1_000)
        .map(|i| match i % 4 {
            0 => (
                Customer,
                format!(
                    "The {} and the {} failed after the {} update.",
                    noun(i),
                    noun(i / 12),
                    noun(i / 7)
                ),
            ),
            1 => (
                Agent,
                format!(
                    "Let me check the {} on line {i}, I'm going to run a line test.",
                    noun(i / 5)
                ),
            ),
            2 => (
                Customer,
                format!("Okay, the {} shows number {i} now.", noun(i / 3)),
            ),
            _ => (
                Agent,
                format!(
                    "The {} reports error code E{i} for the {}.",
                    noun(i / 11),
                    noun(i)
                ),
            ),
        })
        .collect();
    let borrowed: Vec<(SpeakerRole, &str)> = lines.iter().map(|(s, t)| (*s, t.as_str())).collect();
    let t = transcript(Channel::Voice, &borrowed);
    let started = Instant::now();
    let s = summarize(&t, SummaryLength::Long);
    let elapsed = started.elapsed();
    // A debug-build guard against quadratic behaviour, not the release benchmark.
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
    let count = summary_sentences(&s.executive_summary).len();
    assert!((3..=7).contains(&count), "{}", s.executive_summary);
    assert!(s.reason.is_some());
    assert_sentences_from(&t, &s);
}

#[test]
fn a_reason_that_started_a_sentence_reads_on_inside_the_summary() {
    let t = transcript(
        Channel::Email,
        &[
            (
                Customer,
                "Hello,\n\nThe Nimbus Tab 11 arrived with a cracked screen and I want to send it back.\n\nThanks",
            ),
            (Agent, "I've issued a return authorization."),
        ],
    );
    let reason = summarize(&t, SummaryLength::Medium).reason.unwrap_or_default();
    assert!(reason.contains("because the Nimbus Tab 11 arrived"), "{reason}");
    // A name that starts the customer's sentence keeps its capital.
    let t = transcript(
        Channel::Email,
        &[
            (
                Customer,
                "Hello,\n\nNimbus Tab 11 arrived with a cracked screen and I want to send it back.",
            ),
            (Agent, "I've issued a return authorization."),
        ],
    );
    let reason = summarize(&t, SummaryLength::Medium).reason.unwrap_or_default();
    assert!(!reason.contains("nimbus"), "{reason}");
}
