//! The owner and due phrase of a follow-up written by someone else (a Copilot summary's
//! "followup": "Agent will call the customer back tomorrow").

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::due::due_phrase;
use super::lexicon::{Pattern, compile};
use crate::summary::{ActionItem, Owner};
use crate::transcript::SpeakerRole;

/// What a speaker commits themselves (or their side) to do after the conversation.
const SELF_VERBS: &str = r"(?:send|re-?send|e-?mail|mail|call|ring|phone|text|escalate|follow\s+up|get\s+back|contact|reach\s+out|ship|arrange|schedule|book|forward|notify|update\s+you|let\s+you\s+know|post|refund|credit|process|submit|raise|file|deliver|replace|order|cancel|be\s+in\s+touch|check\s+back|check\s+in|visit|upload|reply|respond|sign|return|drop\s+off|bring|complete|fill\s+(?:it\s+)?(?:out|in)|pay|attach|print|photograph|take\s+a\s+(?:photo|picture)|give\s+you\s+a\s+(?:call|ring))";
/// What an agent asks the customer to do.
const CUSTOMER_VERBS: &str = r"(?:upload|send|reply|respond|e-?mail|check|sign|return|complete|fill\s+(?:it\s+)?(?:out|in)|submit|forward|attach|call|contact|keep|bring|ship|mail|post|print|review|visit|drop\s+off|pay|photograph|take\s+a\s+(?:photo|picture)|let\s+us\s+know|get\s+back)";

static SELF_COMMIT: LazyLock<Pattern> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:i|we)(?:['’]ll|\s+will|\s+shall|\s+am\s+going\s+to|['’]m\s+going\s+to|\s+are\s+going\s+to|['’]re\s+going\s+to|['’]m\s+gonna)\s+(?P<gap>(?:[a-z'’-]+\s+){{0,2}}?){SELF_VERBS}\b"
    ))
});
static LET_ME: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"\blet\s+me\s+(?:also\s+|just\s+)?(?:send|e-?mail|mail|text|forward|escalate|follow\s+up|get\s+back|call\s+you\s+back|schedule|book|arrange|raise|ship)\b",
    )
});
/// The agent's side beyond the agent: "a technician will visit", "our billing team will contact you".
static THIRD_PARTY: LazyLock<Pattern> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:(?:a|an|our|the|my)\s+(?:[a-z-]+\s+)?(?:technician|engineer|team|specialist|courier|supervisor|manager|department|colleague|representative)|someone|somebody|they)(?:['’]ll|\s+will)\s+(?:[a-z]+\s+)?(?:{SELF_VERBS}|come|arrive)\b"
    ))
});
static PLEASE: LazyLock<Pattern> = LazyLock::new(|| {
    compile(&format!(
        r"\bplease\s+(?:also\s+|just\s+|do\s+)?{CUSTOMER_VERBS}\b"
    ))
});
static YOU_NEED: LazyLock<Pattern> = LazyLock::new(|| {
    compile(&format!(
        r"\byou(?:['’]ll|\s+will)?\s+(?:need|have)\s+to\s+{CUSTOMER_VERBS}\b|\bmake\s+sure\s+(?:to|you)\s+{CUSTOMER_VERBS}\b"
    ))
});
/// Offers and questions are not commitments: "would you like me to send...?", "shall I call?".
static OFFER: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"^(?:would\s+you\s+like|do\s+you\s+want|shall\s+(?:i|we)|should\s+(?:i|we)|can\s+(?:i|we)|may\s+(?:i|we)|could\s+(?:i|we)|is\s+it\s+(?:ok|okay|alright|fine))\b",
    )
});
static NEGATION: LazyLock<Pattern> = LazyLock::new(|| compile(r"\b(?:not|never|no\s+longer)\b"));
static AGENT_SUBJECT: LazyLock<Pattern> = LazyLock::new(|| {
    compile(r"^(?:the\s+)?(?:agent|representative|advisor|rep|support(?:\s+team)?|our\s+team)\b")
});
static CUSTOMER_SUBJECT: LazyLock<Pattern> =
    LazyLock::new(|| compile(r"^(?:the\s+)?(?:customer|caller|client)\b"));
static NO_FOLLOWUP: LazyLock<Pattern> = LazyLock::new(|| {
    compile(
        r"^(?:no|none|n/?a|not\s+applicable|nothing)\b|\bno\s+(?:further\s+)?follow[\s-]?ups?\b|\bno\s+(?:further\s+)?action",
    )
});

/// Who must act on a follow-up written by someone else (a Copilot summary): the agent for the
/// agent's (or the company's) commitments, the customer for what the customer was asked to do.
pub fn followup_owner(text: &str) -> Option<Owner> {
    let lower = text.trim().to_ascii_lowercase();
    if AGENT_SUBJECT.is_match(&lower) {
        return Some(Owner::Agent);
    }
    if CUSTOMER_SUBJECT.is_match(&lower) {
        return Some(Owner::Customer);
    }
    find_commitment(&lower, SpeakerRole::Agent).map(|(_, owner)| owner)
}

/// A Copilot `followup` as an action item; `None` for blank or "no follow-up" texts.
pub(crate) fn followup_item(text: &str, max_chars: usize) -> Option<ActionItem> {
    let trimmed = text.trim();
    if trimmed.is_empty() || NO_FOLLOWUP.is_match(&trimmed.to_ascii_lowercase()) {
        return None;
    }
    Some(ActionItem {
        text: item_text(trimmed, max_chars),
        owner: followup_owner(trimmed),
        due_date: due_phrase(trimmed),
    })
}

/// Words every commitment pattern needs: most sentences have none and skip the patterns.
static TRIGGERS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::new([
        "'ll",
        "’ll",
        "will",
        "shall",
        "going to",
        "gonna",
        "let me",
        "please",
        "need to",
        "have to",
        "make sure",
    ])
    .ok()
});

/// The earliest commitment in a (lowercased) clause: where its words start, and who must act.
fn find_commitment(lower: &str, speaker: SpeakerRole) -> Option<(usize, Owner)> {
    // Without the automaton (never expected) every clause goes through the patterns.
    let triggered = TRIGGERS.as_ref().is_none_or(|triggers| triggers.is_match(lower));
    if !triggered || OFFER.is_match(lower.trim_start()) {
        return None;
    }
    let own = match speaker {
        SpeakerRole::Agent => Some(Owner::Agent),
        SpeakerRole::Customer => Some(Owner::Customer),
        SpeakerRole::IvrBot | SpeakerRole::Other => None,
    };
    let mut found: Vec<(usize, Owner)> = Vec::with_capacity(2);
    if let Some(owner) = own {
        let self_commit = SELF_COMMIT.captures(lower).and_then(|c| {
            let gap = c.name("gap").map_or("", |g| g.as_str());
            (!NEGATION.is_match(gap))
                .then(|| c.get(0).map(|m| m.start()))
                .flatten()
        });
        found.extend(self_commit.map(|start| (start, owner)));
        found.extend(LET_ME.find(lower).map(|m| (m.start(), owner)));
    }
    if speaker == SpeakerRole::Agent {
        found.extend(THIRD_PARTY.find(lower).map(|m| (m.start(), Owner::Agent)));
        found.extend(PLEASE.find(lower).map(|m| (m.start(), Owner::Customer)));
        found.extend(YOU_NEED.find(lower).map(|m| (m.start(), Owner::Customer)));
    }
    found.into_iter().min_by_key(|(start, _)| *start)
}

/// Trimmed, trailing punctuation dropped, first letter capitalised, capped at `max_chars`.
pub(crate) fn item_text(text: &str, max_chars: usize) -> String {
    let trimmed = text
        .trim()
        .trim_end_matches(['.', '!', '?', ',', ';', ':', '"', '”', ' ']);
    let capped = cap_chars(trimmed, max_chars);
    let mut chars = capped.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// At most `max_chars` characters, cut at a word boundary and marked with an ellipsis.
pub(crate) fn cap_chars(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let budget: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let cut = budget
        .rfind(char::is_whitespace)
        .filter(|&i| i > 0)
        .and_then(|i| budget.get(..i))
        .unwrap_or(budget.as_str());
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commitment(text: &str, speaker: SpeakerRole) -> Option<(String, Owner)> {
        let lower = text.to_ascii_lowercase();
        find_commitment(&lower, speaker).map(|(start, owner)| (text[start..].to_string(), owner))
    }

    #[test]
    fn commitment_forms_and_owners() {
        use SpeakerRole::{Agent, Customer};
        let cases = [
            (
                "I'll send a replacement by Friday.",
                Agent,
                "I'll send a replacement by Friday.",
                Owner::Agent,
            ),
            (
                "Okay, we will call you back tomorrow.",
                Agent,
                "we will call you back tomorrow.",
                Owner::Agent,
            ),
            (
                "I'm going to escalate this.",
                Agent,
                "I'm going to escalate this.",
                Owner::Agent,
            ),
            (
                "Let me email you the form.",
                Agent,
                "Let me email you the form.",
                Owner::Agent,
            ),
            (
                "Could you please upload the receipt?",
                Agent,
                "please upload the receipt?",
                Owner::Customer,
            ),
            (
                "I'll upload it tonight.",
                Customer,
                "I'll upload it tonight.",
                Owner::Customer,
            ),
            (
                "A technician will visit on Monday.",
                Agent,
                "A technician will visit on Monday.",
                Owner::Agent,
            ),
            (
                "You'll need to sign the contract.",
                Agent,
                "You'll need to sign the contract.",
                Owner::Customer,
            ),
            (
                "I will have someone call you.",
                Agent,
                "I will have someone call you.",
                Owner::Agent,
            ),
        ];
        for (text, speaker, clause, owner) in cases {
            assert_eq!(
                commitment(text, speaker),
                Some((clause.to_string(), owner)),
                "{text}"
            );
        }
        for (text, speaker) in [
            ("Would you like me to email you the label?", Agent),
            ("I will not send anything.", Agent),
            ("I'll wait.", Customer),
            ("Let me check the logs.", Agent),
            ("Please send it to my bank account.", Customer),
            ("Please hold.", Agent),
            ("I'll send it.", SpeakerRole::IvrBot),
        ] {
            assert_eq!(commitment(text, speaker), None, "{text}");
        }
    }

    #[test]
    fn followups_and_caps() {
        let item = followup_item("Agent will call the customer back tomorrow.", 200).unwrap();
        assert_eq!(item.owner, Some(Owner::Agent));
        assert_eq!(item.due_date.as_deref(), Some("tomorrow"));
        assert_eq!(item.text, "Agent will call the customer back tomorrow");
        assert_eq!(
            followup_owner("Customer to upload the receipt."),
            Some(Owner::Customer)
        );
        assert_eq!(followup_owner("please upload the receipt"), Some(Owner::Customer));
        assert_eq!(followup_owner("Replacement shipment pending."), None);
        assert!(followup_item("No follow-up required.", 200).is_none());
        assert!(followup_item("  ", 200).is_none());
        assert_eq!(cap_chars("one two three four", 10), "one two…");
        assert_eq!(cap_chars("abcdefghijkl", 5), "abcd…");
        assert_eq!(item_text("  please upload it.  ", 100), "Please upload it");
        assert_eq!(item_text("", 100), "");
    }
}
