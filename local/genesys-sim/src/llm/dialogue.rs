//! Reads a prompt transcript (`[mm:ss] Agent: ...` lines) into what was said: sentences per
//! speaker, with IVR prompts, pleasantries and identity questions and answers left out.

use super::cues::{contains_any, has_reason_cue};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Agent,
    Customer,
    Ivr,
    Other,
}

/// One transcript line: its speaker and text.
#[derive(Debug, Clone, Copy)]
pub struct Turn<'a> {
    pub speaker: Speaker,
    pub text: &'a str,
}

/// One substantive sentence.
#[derive(Debug, Clone)]
pub struct Said {
    pub speaker: Speaker,
    /// Leading interjections ("Hi,", "Okay,") stripped.
    pub text: String,
}

fn speaker_of(label: &str) -> Option<Speaker> {
    match label.trim().to_ascii_lowercase().as_str() {
        "agent" => Some(Speaker::Agent),
        "customer" | "caller" => Some(Speaker::Customer),
        "ivr" | "ivr_bot" | "bot" => Some(Speaker::Ivr),
        "other" => Some(Speaker::Other),
        _ => None,
    }
}

/// The transcript lines of `text`, or `None` when no line carries a speaker label. A line
/// without a label continues the previous speaker.
pub fn parse(text: &str) -> Option<Vec<Turn<'_>>> {
    let mut turns: Vec<Turn<'_>> = Vec::new();
    let mut labelled = 0usize;
    for raw in text.lines() {
        let mut line = raw.trim();
        // `[mm:ss]` timestamps (not markers such as `[CARD]`).
        while let Some(rest) = line.strip_prefix('[')
            && let Some(i) = rest.find(']')
            && i > 0
            && rest[..i]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
        {
            line = rest[i + 1..].trim_start();
        }
        let labelled_line = line
            .split_once(':')
            .and_then(|(label, rest)| speaker_of(label).map(|s| (s, rest.trim())));
        match labelled_line {
            Some((speaker, rest)) => {
                labelled += 1;
                if !rest.is_empty() {
                    turns.push(Turn { speaker, text: rest });
                }
            }
            None if !line.is_empty() => {
                let speaker = turns.last().map_or(Speaker::Other, |t| t.speaker);
                turns.push(Turn { speaker, text: line });
            }
            None => {}
        }
    }
    (labelled > 0).then_some(turns)
}

/// Unlabelled text: every line spoken by `Other`.
pub fn unlabelled(text: &str) -> Vec<Turn<'_>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|text| Turn {
            speaker: Speaker::Other,
            text,
        })
        .collect()
}

/// The sentences of `text`: cut after `.`, `?` or `!` followed by whitespace or the end.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let boundary = matches!(c, '.' | '?' | '!') && chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if boundary || chars.peek().is_none() {
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    out
}

#[rustfmt::skip]
const INTERJECTIONS: &[&str] = &[
    "hi", "hello", "hey", "yes", "yeah", "okay", "ok", "oh", "so", "well", "sure", "alright", "right", "um",
    "uh", "hmm", "actually", "no", "great",
];

/// `text` without leading interjections followed by a comma ("Hi there, ", "Okay, so, "),
/// starting with a capital letter.
fn strip_interjections(text: &str) -> String {
    let mut rest = text.trim();
    while let Some((first, tail)) = rest.split_once(' ') {
        let word = first.to_ascii_lowercase();
        let bare = word.trim_end_matches(',');
        let there = tail
            .split_once(' ')
            .filter(|(w, _)| w.eq_ignore_ascii_case("there,"));
        if INTERJECTIONS.contains(&bare) && word.ends_with(',') {
            rest = tail.trim_start();
        } else if matches!(bare, "hi" | "hello" | "hey")
            && let Some((_, after)) = there
        {
            rest = after.trim_start();
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[rustfmt::skip]
const PLEASANTRIES: &[&str] = &[
    "thank you for calling", "thanks for calling", "thank you for contacting", "thanks for contacting",
    "thank you for reaching out", "thanks for reaching out", "how can i help", "how may i help",
    "what can i do for you", "anything else", "have a great day", "have a nice day", "have a good day",
    "take care", "you're through to", "you're chatting with", "you are chatting with", "my name is",
    "may be recorded", "calls are recorded", "please hold", "brief hold", "thanks for holding",
    "let me take a look", "that's everything", "that's all", "that's it", "goodbye", "bye.",
    "you're welcome", "my pleasure", "take your time", "one second", "one moment", "i'll wait",
];

/// Questions (and their answers) that establish who the customer is, not why they called.
#[rustfmt::skip]
const IDENTITY_QUESTIONS: &[&str] = &[
    "full name", "your name", "date of birth", "postcode", "zip code", "verify your identity",
    "for security", "last four", "email address", "callback number", "alternative number", "which card",
    "where should we send", "order number", "account number",
];

/// Words of pure filler: a sentence of only these ("Okay.", "Great, thank you so much.") says
/// nothing about the case.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "hi", "hello", "hey", "there", "thanks", "thank", "you", "so", "much", "very", "okay", "ok", "great",
    "sure", "no", "problem", "yes", "yeah", "alright", "perfect", "bye", "good", "morning", "afternoon",
    "evening", "fine", "right", "cool", "again", "a", "lot", "awesome", "that's", "excellent", "wonderful",
    "brilliant", "lovely", "done", "got", "it", "i", "see", "understood",
];

/// Salutations, closings and signatures of emails: "Hello Northwind support,", "Best regards,",
/// "Dana Scott".
fn is_signoff(sentence: &str) -> bool {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let closing = words.len() <= 4 && sentence.ends_with(',');
    let signature = words.len() <= 3
        && !sentence.ends_with(['.', '?', '!'])
        && words.iter().all(|w| w.starts_with(char::is_uppercase));
    closing || signature
}

fn is_pleasantry(sentence: &str) -> bool {
    if is_signoff(sentence) {
        return true;
    }
    let lower = sentence.to_lowercase();
    if contains_any(&lower, PLEASANTRIES) {
        return true;
    }
    let greeting = [
        "hi ",
        "hi,",
        "hello",
        "good morning",
        "good afternoon",
        "good evening",
    ]
    .iter()
    .any(|g| lower.starts_with(g));
    if greeting && (lower.contains("this is ") || lower.ends_with(" here.") || lower.contains(" here,")) {
        return true;
    }
    // "This is Hiro with Northwind support."
    if lower.starts_with("this is ") && contains_any(&lower, &["support", "speaking", " with ", " from "]) {
        return true;
    }
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .all(|w| FILLER.contains(&w))
}

/// The substantive sentences of a transcript, in order.
pub fn substantive(turns: &[Turn<'_>]) -> Vec<Said> {
    let mut out = Vec::new();
    let mut after_ivr = false;
    let mut identity_answer_due = false;
    for turn in turns {
        match turn.speaker {
            Speaker::Ivr => {
                after_ivr = true;
                continue;
            }
            // The customer's answer to an IVR prompt is a menu choice, not the conversation.
            Speaker::Customer if after_ivr => {
                after_ivr = false;
                continue;
            }
            _ => after_ivr = false,
        }
        let answering_identity = turn.speaker == Speaker::Customer && identity_answer_due;
        if turn.speaker == Speaker::Customer {
            identity_answer_due = false;
        }
        for sentence in split_sentences(turn.text) {
            let lower = sentence.to_lowercase();
            if turn.speaker == Speaker::Agent
                && lower.ends_with('?')
                && contains_any(&lower, IDENTITY_QUESTIONS)
            {
                identity_answer_due = true;
                continue;
            }
            if (answering_identity && !has_reason_cue(&lower)) || is_pleasantry(sentence) {
                continue;
            }
            let text = strip_interjections(sentence);
            if !text.is_empty() && !is_pleasantry(&text) {
                out.push(Said {
                    speaker: turn.speaker,
                    text,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_skips_what_says_nothing() {
        let text = "[00:00] IVR: Welcome, please hold.\n[00:01] Customer: billing\n\
                    [00:05] Agent: Hi Robin, you're chatting with Sofia from Northwind. How can I help?\n\
                    [00:09] Customer: Hi, my Acme Router Pro keeps dropping. It is annoying.\n\
                    [00:12] Agent: Can I get the full name on the account?\n\
                    [00:15] Customer: Sure, it's Dana Wright.\n\
                    [00:20] Agent: I'll send a replacement by Friday.\n\
                    [00:25] Customer: Great, thank you so much.";
        let turns = parse(text).unwrap();
        assert_eq!(turns.len(), 8);
        let said: Vec<String> = substantive(&turns).into_iter().map(|s| s.text).collect();
        assert_eq!(
            said,
            vec![
                "My Acme Router Pro keeps dropping.",
                "It is annoying.",
                "I'll send a replacement by Friday."
            ]
        );
        assert!(parse("no labels here").is_none());
        let turns = parse("[01:02:03] Customer: it is\n[CARD] is the card").unwrap();
        assert_eq!(
            (turns[1].speaker, turns[1].text),
            (Speaker::Customer, "[CARD] is the card")
        );
    }

    #[test]
    fn splits_sentences_at_ends_only() {
        assert_eq!(
            split_sentences("It costs $42.50 a month. Really? Yes!"),
            vec!["It costs $42.50 a month.", "Really?", "Yes!"]
        );
        assert_eq!(strip_interjections("Hi there, okay, my bill"), "My bill");
    }
}
