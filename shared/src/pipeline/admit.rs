//! What the pipeline refuses before it spends CPU on a call: a transcript beyond the configured
//! size, and a language that not every stage serves. Both are answered 422 (summary-api's
//! `errors::from_pipeline`) and recorded like any other failure.

use super::PipelineError;
use crate::language::{self, CallLanguage, LanguageSource};
use crate::transcript::Transcript;

/// The request's `language` names a language every stage serves (or none): checked before
/// anything is claimed or fetched.
pub(super) fn requested_language(requested: Option<&str>) -> Result<(), PipelineError> {
    match requested.map(str::trim).filter(|tag| !tag.is_empty()) {
        Some(tag) if !language::is_served(tag) => Err(PipelineError::LanguageNotServed(CallLanguage::new(
            tag,
            LanguageSource::Request,
        ))),
        _ => Ok(()),
    }
}

/// At most `limit` characters of utterance text.
pub(super) fn transcript_size(transcript: &Transcript, limit: usize) -> Result<(), PipelineError> {
    let chars = transcript.text_chars();
    if chars > limit {
        return Err(PipelineError::TranscriptTooLarge { chars, limit });
    }
    Ok(())
}

/// The call's language as the answer reports it (the request's, else Genesys' or the detected
/// one), refused when the request names a language that is not served or when the call itself
/// is in one, whatever the request asks the summary to be written in: nothing would read its
/// names, commitments or dates.
pub(super) fn call_language(
    requested: Option<&str>,
    transcript: &Transcript,
) -> Result<Option<CallLanguage>, PipelineError> {
    requested_language(requested)?;
    let own = language::call_language(None, transcript);
    if let Some(own) = own.as_ref().filter(|l| !language::is_served(&l.tag)) {
        return Err(PipelineError::LanguageNotServed(own.clone()));
    }
    Ok(match requested.map(str::trim).filter(|tag| !tag.is_empty()) {
        Some(tag) => Some(CallLanguage::new(tag, LanguageSource::Request)),
        None => own,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{Channel, SpeakerRole};

    fn call(language: Option<&str>, lines: &[&str]) -> Transcript {
        let turns = lines.iter().map(|text| (SpeakerRole::Customer, *text));
        Transcript::from_turns("c", Channel::Voice, language, turns)
    }

    const JAPANESE: &str = "こんにちは、先月の請求書について電話しました。金額が間違っていると思います。";
    const ENGLISH: &str = "Hi, I'm calling because my last bill has a roaming charge I don't recognise.";

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        // 5 characters, 15 bytes.
        let transcript = call(None, &["こんにちは", "hello"]);
        assert_eq!(transcript.text_chars(), 10);
        assert!(transcript_size(&transcript, 10).is_ok());
        let err = transcript_size(&transcript, 9).unwrap_err();
        assert!(
            matches!(err, PipelineError::TranscriptTooLarge { chars: 10, limit: 9 }),
            "{err:?}"
        );
        assert_eq!(err.code(), "transcript_too_large");
        assert!(!err.is_transient(), "a retry cannot shrink the call");
        let message = err.to_string();
        assert!(
            message.contains("10 characters") && message.contains("limit of 9"),
            "{message}"
        );
        assert!(message.contains("WRAPUP_MAX_TRANSCRIPT_CHARS"), "{message}");
        assert!(
            transcript_size(&call(None, &[]), 0).is_ok(),
            "an empty call is within any limit"
        );
    }

    #[test]
    fn the_limit_is_configured_and_checked_at_cold_start() {
        use crate::pipeline::{DEFAULT_MAX_TRANSCRIPT_CHARS, PipelineConfig};
        let config = PipelineConfig::from_lookup(|_| None).unwrap();
        assert_eq!(config.max_transcript_chars, DEFAULT_MAX_TRANSCRIPT_CHARS as usize);
        // A 3-hour call at a fast 180 words a minute, 6 characters a word, fits the default.
        assert!(config.max_transcript_chars >= 180 * 180 * 6);
        let set = |value: &'static str| {
            PipelineConfig::from_lookup(move |name| {
                (name == "WRAPUP_MAX_TRANSCRIPT_CHARS").then(|| value.to_owned())
            })
        };
        assert_eq!(set("250000").unwrap().max_transcript_chars, 250_000);
        for bad in ["0", "999", "lots", "-5", "100000001"] {
            let err = set(bad).unwrap_err().to_string();
            assert!(err.contains("WRAPUP_MAX_TRANSCRIPT_CHARS"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_requested_language_that_is_not_served_names_the_field() {
        for tag in [None, Some(""), Some("en"), Some("pt-BR"), Some("nl-BE")] {
            assert!(requested_language(tag).is_ok(), "{tag:?}");
        }
        for tag in ["ja", "ja-JP", " JA "] {
            let err = requested_language(Some(tag)).unwrap_err();
            let PipelineError::LanguageNotServed(language) = &err else {
                panic!("{err:?}");
            };
            assert_eq!(language.source, LanguageSource::Request);
            assert_eq!(err.code(), "language_not_served");
            assert!(!err.is_transient());
            let message = err.to_string();
            assert!(message.starts_with("language "), "{message}");
            assert!(message.contains("not served"), "{message}");
            assert!(message.contains("en, es, fr, de, it, pt, nl"), "{message}");
        }
    }

    #[test]
    fn a_call_in_a_language_that_is_not_served_is_refused_whatever_the_request_asks() {
        for (transcript_tag, requested, source) in [
            (None, None, LanguageSource::Detected),
            (Some("ja-JP"), None, LanguageSource::Transcript),
            // The summary may be asked for in English; the call still cannot be read.
            (None, Some("en"), LanguageSource::Detected),
            (Some("ja-JP"), Some("en-US"), LanguageSource::Transcript),
        ] {
            let err = call_language(requested, &call(transcript_tag, &[JAPANESE])).unwrap_err();
            let PipelineError::LanguageNotServed(language) = &err else {
                panic!("{err:?}");
            };
            assert_eq!(language.source, source, "{transcript_tag:?} {requested:?}");
            let message = err.to_string();
            assert!(message.starts_with("conversationId "), "{message}");
            assert!(message.contains("not served"), "{message}");
            assert!(message.contains("en, es, fr, de, it, pt, nl"), "{message}");
            if source == LanguageSource::Detected {
                assert!(
                    message.contains("detected") && message.contains("call's language"),
                    "{message}"
                );
            }
        }
        // The request's own `ja` is named as the request's, before the call is looked at.
        let err = call_language(Some("ja"), &call(None, &[ENGLISH])).unwrap_err();
        assert!(err.to_string().starts_with("language "), "{err}");
    }

    #[test]
    fn served_calls_report_the_requested_language_else_their_own() {
        let english = call(None, &[ENGLISH]);
        let found = call_language(Some(" en-GB "), &english).unwrap().unwrap();
        assert_eq!(
            (found.tag.as_str(), found.source),
            ("en-GB", LanguageSource::Request)
        );
        let found = call_language(None, &english).unwrap().unwrap();
        assert_eq!(
            (found.tag.as_str(), found.source),
            ("en", LanguageSource::Detected)
        );
        let found = call_language(None, &call(Some("de-DE"), &[ENGLISH]))
            .unwrap()
            .unwrap();
        assert_eq!(
            (found.tag.as_str(), found.source),
            ("de-DE", LanguageSource::Transcript)
        );
        assert_eq!(call_language(None, &call(None, &[])).unwrap(), None);
        assert_eq!(call_language(Some(""), &call(None, &[])).unwrap(), None);
    }
}
