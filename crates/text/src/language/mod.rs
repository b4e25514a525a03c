//! The language of a call: as the request names it, else as Genesys' transcript says, else
//! detected from the text (whatlang, restricted to the languages the API accepts).

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use whatlang::{Detector, Lang};

use crate::transcript::Transcript;

mod common;
mod cues;
mod irregular;
mod loaded;
mod lookup;
mod participles;
mod participles_nl;
mod questions;
mod stem_memo;
mod word_reader;
mod words;

pub use cues::{Cues, NegationKind};
pub use loaded::LOADED;
pub(crate) use lookup::WordLookup;
pub(crate) use questions::{SpannedWord, interrogative};
pub use word_reader::words;
pub use words::{Language, WordSpan, fold};

/// Whether `word` is one of `list`. Most entries differ from a word in their length or first
/// byte, told inline before the rest is compared: the short cue lists are read for every word
/// of a call, and a call to compare each entry cost more than the reading.
#[inline]
pub(crate) fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|e| same_word(e, word))
}

/// Whether a list's `entry` is `word`: length and first byte first ([`listed`]).
#[inline]
pub(crate) fn same_word(entry: &str, word: &str) -> bool {
    entry.len() == word.len() && entry.as_bytes().first() == word.as_bytes().first() && entry == word
}

/// The languages the API accepts, as primary subtags.
pub const ACCEPTED: [&str; 8] = ["en", "es", "fr", "de", "it", "pt", "nl", "ja"];
/// The languages whose names, addresses, dates, identity checks and spoken numbers the redactor
/// reads. Every language gets the language-independent detectors (emails, cards, IBANs, national
/// ids with check digits, phone numbers in digits).
pub const REDACTION_SERVED: [&str; 7] = ["en", "es", "fr", "de", "it", "pt", "nl"];
/// The languages every stage serves: redaction's names, addresses and identity checks,
/// verification and the built-in summary. A call in another accepted language (`ja`) is answered
/// 422 until it is served.
pub const SERVED: [&str; 7] = REDACTION_SERVED;
/// Enough text to tell the languages apart; more only costs time.
const SAMPLE_BYTES: usize = 4_000;

/// Where the call's language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LanguageSource {
    Request,
    Transcript,
    Detected,
}

/// The call's language as reported in the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallLanguage {
    /// BCP-47 tag: `de-DE` from the request or the transcript, `de` when detected.
    pub tag: String,
    pub source: LanguageSource,
    /// Whether the redactor reads this language's names, addresses and identity checks.
    pub redaction_served: bool,
}

impl CallLanguage {
    pub fn new(tag: &str, source: LanguageSource) -> Self {
        let primary = primary(tag);
        Self {
            tag: tag.to_owned(),
            source,
            redaction_served: REDACTION_SERVED.contains(&primary.as_str()),
        }
    }
}

/// Whether every stage serves `tag` (`pt-BR` is served as `pt`).
pub fn is_served(tag: &str) -> bool {
    SERVED.contains(&primary(tag).as_str())
}

/// The primary subtag of a BCP-47 tag, lowercase: `pt-BR` -> `pt`.
pub(crate) fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether numeric dates of a call in `tag` are day first for certain ("02/09/1989" the 2nd of
/// September): every served language but English, and English with a region other than the
/// US, Canada and the Philippines. With no region, English may be either.
pub(crate) fn numeric_dates_day_first(tag: &str) -> bool {
    let primary = primary(tag);
    let region = tag
        .split(['-', '_'])
        .nth(1)
        .unwrap_or_default()
        .to_ascii_lowercase();
    match primary.as_str() {
        "" => false,
        "en" => !region.is_empty() && !matches!(region.as_str(), "us" | "ca" | "ph"),
        _ => true,
    }
}

static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    Detector::with_allowlist(vec![
        Lang::Eng,
        Lang::Spa,
        Lang::Fra,
        Lang::Deu,
        Lang::Ita,
        Lang::Por,
        Lang::Nld,
        Lang::Jpn,
    ])
});

/// The request's language, else the transcript's (when it is one the API accepts), else the
/// detected one; `None` for a call with no text to detect from.
pub fn call_language(requested: Option<&str>, transcript: &Transcript) -> Option<CallLanguage> {
    if let Some(tag) = requested.filter(|t| !t.trim().is_empty()) {
        return Some(CallLanguage::new(tag.trim(), LanguageSource::Request));
    }
    if let Some(tag) = transcript
        .language
        .as_deref()
        .map(str::trim)
        .filter(|t| ACCEPTED.contains(&primary(t).as_str()))
    {
        return Some(CallLanguage::new(tag, LanguageSource::Transcript));
    }
    detect(transcript).map(|code| CallLanguage::new(code, LanguageSource::Detected))
}

/// The most likely accepted language of the transcript's text.
pub fn detect(transcript: &Transcript) -> Option<&'static str> {
    let mut sample = String::with_capacity(SAMPLE_BYTES);
    for utterance in &transcript.utterances {
        // At most the budget, cut on a character boundary (one email can be 50 KB).
        let room = SAMPLE_BYTES.saturating_sub(sample.len());
        let text = &utterance.text;
        sample.push_str(text.get(..text.floor_char_boundary(room)).unwrap_or_default());
        sample.push('\n');
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
    }
    let info = DETECTOR.detect(&sample)?;
    Some(match info.lang() {
        Lang::Eng => "en",
        Lang::Spa => "es",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Jpn => "ja",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates_are_day_first_outside_north_american_english() {
        for tag in [
            "en-NZ", "en_GB", "EN-au", "de", "fr-CA", "es-MX", "pt-BR", "nl-BE",
        ] {
            assert!(numeric_dates_day_first(tag), "{tag}");
        }
        for tag in ["en", "en-US", "en-ca", "en-PH", ""] {
            assert!(!numeric_dates_day_first(tag), "{tag}");
        }
    }
    use crate::transcript::{Channel, SpeakerRole};

    fn transcript(language: Option<&str>, lines: &[&str]) -> Transcript {
        let turns = lines.iter().map(|text| (SpeakerRole::Customer, *text));
        Transcript::from_turns("c", Channel::Voice, language, turns)
    }

    #[test]
    fn request_then_transcript_then_detection() {
        let german = transcript(
            Some("de-DE"),
            &["Guten Tag, ich heiße Jonas Becker und mein Router ist kaputt."],
        );
        assert_eq!(
            call_language(Some("en-GB"), &german).unwrap().source,
            LanguageSource::Request
        );
        let from_genesys = call_language(None, &german).unwrap();
        assert_eq!(
            (from_genesys.tag.as_str(), from_genesys.source),
            ("de-DE", LanguageSource::Transcript)
        );
        for (lines, code) in [
            (
                &["Hola, soy Lucía Fernández Ortega y llamo porque la factura de este mes está mal."][..],
                "es",
            ),
            (
                &["Bonjour, je vous appelle parce que ma box internet ne fonctionne plus depuis hier."][..],
                "fr",
            ),
            (
                &["Buongiorno, chiamo perché il tecnico non è venuto e nessuno mi ha avvisato."][..],
                "it",
            ),
            (
                &["Olá, estou a ligar porque a minha encomenda ainda não chegou e já passaram duas semanas."]
                    [..],
                "pt",
            ),
            (
                &["Goedemiddag, ik bel omdat mijn pakketje beschadigd is aangekomen."][..],
                "nl",
            ),
            (
                &["Hi, I'm calling because my last bill has a roaming charge I don't recognise."][..],
                "en",
            ),
        ] {
            let found = call_language(None, &transcript(None, lines)).unwrap();
            assert_eq!(
                (found.tag.as_str(), found.source, found.redaction_served),
                (code, LanguageSource::Detected, true)
            );
        }
        let japanese = call_language(
            None,
            &transcript(Some("xx"), &["こんにちは、請求書について電話しました。"]),
        )
        .unwrap();
        assert_eq!((japanese.tag.as_str(), japanese.redaction_served), ("ja", false));
        assert!(call_language(None, &transcript(None, &[])).is_none());
    }

    #[test]
    fn served_languages_are_read_by_their_primary_subtag() {
        for tag in ["en", "pt-BR", "DE-at", "nl_NL"] {
            assert!(is_served(tag), "{tag}");
        }
        for tag in ["ja", "ja-JP", "", "-", "zh-Hant-TW"] {
            assert!(!is_served(tag), "{tag}");
        }
        assert!(SERVED.iter().all(|tag| ACCEPTED.contains(tag)));
    }

    #[test]
    fn a_long_utterance_is_sampled_on_a_character_boundary() {
        // 3 bytes a character, so the 4,000-byte budget falls inside one.
        let long = "Guten Tag, ich möchte über meine Rechnung sprechen. ".repeat(200) + &"€".repeat(5_000);
        let found = call_language(None, &transcript(None, &["ja", &long, "hello there"])).unwrap();
        assert_eq!(found.tag, "de");
    }
}
