//! Cue words: why the customer got in touch, how it was resolved, who committed to what and by
//! when, and how the customer felt.

/// Whether `lower` contains `phrase` starting at a word boundary.
pub fn has_phrase(lower: &str, phrase: &str) -> bool {
    lower.match_indices(phrase).any(|(i, _)| {
        lower[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

pub fn contains_any(lower: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has_phrase(lower, p))
}

#[rustfmt::skip]
const REASON_CUES: &[&str] = &[
    "keeps", "keep ", "stopped", "broken", "broke", "want to", "wanted to", "i'd like", "i would like",
    "charged", "charge", "refund", "cancel", "difference between", "not working", "isn't working",
    "doesn't work", "don't work", "won't", "can't", "cannot", "cracked", "return", "exchange", "down",
    "no service", "outage", "hasn't arrived", "never arrived", "delivered but", "stuck", "missing",
    "billed", "bill went up", "switch", "upgrade", "downgrad", "problem", "issue", "error", "damaged",
    "wrong", "lost", "need to", "i need", "trying to", "question", "wondering", "does the", "does it",
    "can i ", "is there", "how do i", "calling because", "calling about", "compatible", "restarting",
    "dropping", "blinking", "don't recognize", "never agreed", "not compatible", "late",
];

/// A problem or request: "keeps dropping", "I'd like to return", "charged twice".
pub fn has_reason_cue(lower: &str) -> bool {
    contains_any(lower, REASON_CUES)
}

#[rustfmt::skip]
const RESOLUTION_CUES: &[&str] = &[
    "i've ", "i have ", "scheduled", "issued", "refund", "waived", "sent ", "replacement", "is fixed",
    "resolved", "processed", "approved", "booked", "reversed", "applied", "credited", "credit of",
    "placed an order", "reserved", "switched", "pushed", "opened a", "cancelled", "canceled", "emailed",
    "now passes", "should be fixed", "has been",
];

/// Diagnosis and small talk that share words with resolutions.
#[rustfmt::skip]
const NOT_RESOLUTIONS: &[&str] = &[
    "let me", "looks like", "i can see", "i see ", "i've read", "i have your", "i'm still",
];

/// An agent statement of what was done ("I've issued a refund"), not a question or diagnosis.
pub fn is_resolution(lower: &str) -> bool {
    !lower.ends_with('?') && contains_any(lower, RESOLUTION_CUES) && !contains_any(lower, NOT_RESOLUTIONS)
}

/// First-person commitments: the text after them is what the agent will do.
#[rustfmt::skip]
const COMMITMENTS: &[&str] = &[
    "i'll ", "i will ", "we'll ", "we will ", "i'm going to ", "i am going to ", "we're going to ",
    "we are going to ",
];

/// Follow-ups worth an action item when promised with "going to" (rather than an in-call step).
#[rustfmt::skip]
const FOLLOW_UP_VERBS: &[&str] = &[
    "send", "email", "call", "escalate", "ship", "refund", "credit", "book", "schedule", "arrange",
    "contact", "mail", "post",
];

/// Requests to the customer after "please".
#[rustfmt::skip]
const REQUEST_VERBS: &[&str] = &[
    "upload", "send", "reply", "sign", "email", "return", "submit", "fill", "complete", "bring", "keep",
    "call", "contact", "pack", "ship", "attach", "forward", "mail", "post", "text", "take a photo",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Agent,
    Customer,
}

/// The action item of an agent sentence, if it makes one: (owner, text as an instruction).
pub fn action(sentence: &str) -> Option<(Owner, String)> {
    let lower = sentence.to_lowercase();
    if lower.ends_with('?') || contains_any(&lower, &["let me", "hold", " try ", "right now"]) {
        return None;
    }
    if let Some(at) = find_phrase(&lower, "please ") {
        let rest = &sentence[at + "please ".len()..];
        let rest_lower = &lower[at + "please ".len()..];
        if REQUEST_VERBS.iter().any(|v| rest_lower.starts_with(v)) {
            return Some((Owner::Customer, capitalised(rest)));
        }
    }
    let due = due_phrase(sentence).is_some();
    for cue in COMMITMENTS {
        let Some(at) = find_phrase(&lower, cue) else {
            continue;
        };
        let after = &lower[at + cue.len()..];
        if cue.contains("going") && !due && !FOLLOW_UP_VERBS.iter().any(|v| after.starts_with(v)) {
            return None;
        }
        let rest = &sentence[at + cue.len()..];
        return Some((Owner::Agent, capitalised(&addressed_to_customer(rest))));
    }
    // Someone else's commitment with a date: "A technician will visit on Tuesday."
    let third_party = has_phrase(&lower, "will ")
        && !["you ", "you'll", "it ", "that ", "this "]
            .iter()
            .any(|p| lower.starts_with(p));
    (third_party && due).then(|| (Owner::Agent, sentence.trim().to_string()))
}

fn find_phrase(lower: &str, phrase: &str) -> Option<usize> {
    lower.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        lower[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn capitalised(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "email you the confirmation" -> "email the customer the confirmation".
fn addressed_to_customer(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(' ') {
        let (core, tail) = word.split_at(word.trim_end_matches(|c: char| !c.is_alphanumeric()).len());
        let replaced = match core {
            "you" => "the customer",
            "your" => "the customer's",
            _ => {
                out.push(word.to_string());
                continue;
            }
        };
        out.push(format!("{replaced}{tail}"));
    }
    out.join(" ")
}

#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
];

/// The due phrase of a sentence as said: "by Friday", "tomorrow", "within 24 hours",
/// "on Monday", "next week". The earliest one wins.
pub fn due_phrase(sentence: &str) -> Option<String> {
    // (start byte, end byte, lowercase word without surrounding punctuation)
    let words: Vec<(usize, usize, String)> = sentence
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - sentence.as_ptr() as usize;
            let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            (start, start + core.len(), core.to_lowercase())
        })
        .collect();
    let word = |i: usize| words.get(i).map_or("", |w| w.2.as_str());
    let relative = |w: &str| matches!(w, "tomorrow" | "today" | "tonight");
    // "end of [the] day": the last word of the phrase.
    let end_of = |k: usize| {
        let k = if matches!(word(k), "the" | "this") {
            k + 1
        } else {
            k
        };
        (k < words.len()).then_some(k)
    };
    for i in 0..words.len() {
        let last = match word(i) {
            "within" | "in" => (i + 1..(i + 5).min(words.len()))
                .find(|&j| UNITS.contains(&word(j)))
                .filter(|&j| word(i) == "within" || j == i + 2),
            "by" => match word(i + 1) {
                w if WEEKDAYS.contains(&w) || relative(w) => Some(i + 1),
                "the" if word(i + 2) == "end" && word(i + 3) == "of" => end_of(i + 4),
                "end" if word(i + 2) == "of" => end_of(i + 3),
                "next" if WEEKDAYS.contains(&word(i + 2)) || word(i + 2) == "week" => Some(i + 2),
                _ => None,
            },
            "on" if WEEKDAYS.contains(&word(i + 1)) => Some(i + 1),
            "next" | "this" if WEEKDAYS.contains(&word(i + 1)) || word(i + 1) == "week" => Some(i + 1),
            w if relative(w) => Some(i),
            _ => None,
        };
        if let Some(last) = last {
            return Some(sentence[words[i].0..words[last].1].to_string());
        }
    }
    None
}

/// Sentiment lexicon of customer lines: (phrase, weight); longer phrases are matched first.
#[rustfmt::skip]
const POSITIVE: &[(&str, u32)] = &[
    ("thank you so much", 3), ("thanks so much", 3), ("thank you", 1), ("thanks", 1), ("great", 2),
    ("perfect", 3), ("appreciate", 2), ("awesome", 3), ("excellent", 3), ("wonderful", 3), ("fantastic", 3),
    ("brilliant", 3), ("happy", 2), ("glad", 2), ("helpful", 2), ("that works", 2), ("that helps", 2),
    ("sorted", 2), ("makes it easy", 2), ("no problem", 2), ("no worries", 2), ("lovely", 2), ("nice", 2),
];
#[rustfmt::skip]
const NEGATIVE: &[(&str, u32)] = &[
    ("not happy", 3), ("frustrated", 3), ("frustrating", 3), ("ridiculous", 3), ("unacceptable", 3),
    ("angry", 3), ("furious", 3), ("terrible", 3), ("awful", 3), ("worst", 3), ("disappointed", 3),
    ("waste of time", 3), ("fed up", 3), ("annoyed", 2), ("annoying", 2), ("upset", 2), ("unhappy", 3),
    ("broken", 2), ("not working", 2), ("doesn't work", 2), ("never agreed", 2), ("unfortunately", 2),
    ("wrong", 2), ("nobody came", 2), ("nobody told me", 2), ("problem", 1), ("issue", 1),
];

/// (positive, negative) points of one text; a matched phrase hides the words inside it.
pub fn sentiment_points(text: &str) -> (u32, u32) {
    let mut lower = text.to_lowercase();
    let mut entries: Vec<(&str, u32, bool)> = POSITIVE
        .iter()
        .map(|&(p, w)| (p, w, true))
        .chain(NEGATIVE.iter().map(|&(p, w)| (p, w, false)))
        .collect();
    entries.sort_by_key(|(p, _, _)| std::cmp::Reverse(p.len()));
    let (mut positive, mut negative) = (0, 0);
    for (phrase, weight, is_positive) in entries {
        while let Some(at) = find_phrase(&lower, phrase) {
            if is_positive {
                positive += weight;
            } else {
                negative += weight;
            }
            lower.replace_range(at..at + phrase.len(), &"#".repeat(phrase.len()));
        }
    }
    (positive, negative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_phrases_as_said() {
        let cases = [
            ("I'll send a replacement by Friday.", Some("by Friday")),
            ("We will call you back tomorrow once it posted.", Some("tomorrow")),
            ("I'll email you within 24 hours.", Some("within 24 hours")),
            (
                "They will contact you within two business days.",
                Some("within two business days"),
            ),
            (
                "A technician will visit on Tuesday between 8 and 12.",
                Some("on Tuesday"),
            ),
            ("Expect it next week.", Some("next week")),
            (
                "I'll fix it by the end of the day.",
                Some("by the end of the day"),
            ),
            ("You'll see it on your next statement.", None),
        ];
        for (sentence, expected) in cases {
            assert_eq!(due_phrase(sentence).as_deref(), expected, "{sentence}");
        }
    }

    #[test]
    fn actions_with_owners() {
        assert_eq!(
            action("We will call you back tomorrow."),
            Some((Owner::Agent, "Call the customer back tomorrow.".into()))
        );
        assert_eq!(
            action("Please upload the receipt through the link."),
            Some((Owner::Customer, "Upload the receipt through the link.".into()))
        );
        assert_eq!(action("I'm going to check the logs on our side."), None);
        assert_eq!(action("Would you like me to check stock?"), None);
        assert_eq!(action("Please go to settings and select reset."), None);
    }

    #[test]
    fn sentiment_phrases_hide_their_words() {
        assert_eq!(sentiment_points("No problem, thank you so much!"), (5, 0));
        assert_eq!(sentiment_points("This is ridiculous, it's broken."), (0, 5));
    }
}
