//! Amazon Comprehend `DetectPiiEntities` as an optional managed PII detector.
//!
//! Off by default (`WRAPUP_COMPREHEND_PII`). When on, a call whose transcript is in a language
//! Comprehend's PII detection supports (`en`, `es`) is sent as one or more documents: utterances
//! joined with `"\n"`, each document under Comprehend's size limit, at most [`CONCURRENCY`]
//! requests in flight. The entities found come back as [`ExternalMatch`]es (utterance index and
//! byte range) that [`super::Redactor::redact_call`] merges with its own candidates.
//!
//! Comprehend counts offsets in characters (Unicode code points); they are mapped back to byte
//! ranges on char boundaries of each utterance. An entity that spans two utterances is split at
//! the boundary; one whose offsets fall outside its document is ignored. Only kinds Wrapup
//! redacts are kept: dates, ages, URLs and the like are not, so dates of service and amounts stay
//! readable.
//!
//! Neither the transcript's text nor the service's error messages are ever logged or carried in
//! a [`ComprehendError`].

use aws_config::SdkConfig;
use aws_sdk_comprehend::Client;
use aws_sdk_comprehend::config::http::HttpResponse;
use aws_sdk_comprehend::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_comprehend::operation::detect_pii_entities::DetectPiiEntitiesError;
use aws_sdk_comprehend::types::{LanguageCode, PiiEntityType};

use super::{ExternalMatch, PiiKind};
use crate::transcript::Transcript;
use wrapup_genesys::config::{ConfigError, Env};

mod documents;

use documents::*;

const ENABLED_VAR: &str = "WRAPUP_COMPREHEND_PII";
const MIN_SCORE_VAR: &str = "WRAPUP_COMPREHEND_MIN_SCORE";

/// Comprehend's limit on one `DetectPiiEntities` request: 100 KB of UTF-8 text.
pub const MAX_DOCUMENT_BYTES: usize = 100_000;

/// The languages `DetectPiiEntities` accepts (primary subtags).
pub const SUPPORTED_LANGUAGES: [&str; 2] = ["en", "es"];

/// Requests of one call in flight at once.
pub const CONCURRENCY: usize = 4;

/// Between two utterances of a document: never part of an entity that is kept.
const SEPARATOR: &str = "\n";

/// Error codes AWS services use for throttling (as the SDK's own retry classifier knows them):
/// `DetectPiiEntities` models none, so a throttled request surfaces as an unmodelled error.
const THROTTLING_CODES: [&str; 6] = [
    "ThrottlingException",
    "Throttling",
    "TooManyRequestsException",
    "RequestThrottledException",
    "LimitExceededException",
    "RequestLimitExceeded",
];

/// Whether and how to use Amazon Comprehend, from the environment.
#[derive(Debug, Clone, PartialEq)]
pub struct ComprehendConfig {
    /// `WRAPUP_COMPREHEND_PII`: `true` sends transcripts to Comprehend (default `false`).
    pub enabled: bool,
    /// `WRAPUP_COMPREHEND_MIN_SCORE`: entities with a lower confidence are dropped (0..=1,
    /// default 0.5).
    pub min_score: f32,
    /// Primary language subtags sent to Comprehend (lowercase); a transcript in any other
    /// language, or with none, is not sent. Default and at most [`SUPPORTED_LANGUAGES`].
    pub languages: Vec<String>,
}

impl Default for ComprehendConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            min_score: 0.5,
            languages: SUPPORTED_LANGUAGES.map(str::to_owned).to_vec(),
        }
    }
}

impl ComprehendConfig {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup`; an error names the variable.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        let defaults = Self::default();
        Ok(Self {
            enabled: env.flag(ENABLED_VAR, defaults.enabled)?,
            min_score: env.ratio(MIN_SCORE_VAR, defaults.min_score)?,
            ..defaults
        })
    }

    /// The Comprehend language of `transcript`, when it is one to send: the primary subtag of
    /// its `language` (`en-US` -> `en`), configured and supported.
    pub fn language_of(&self, transcript: &Transcript) -> Option<LanguageCode> {
        self.language_of_tag(transcript.language.as_deref()?)
    }

    /// The Comprehend language of a BCP-47 tag, when it is one to send.
    pub fn language_of_tag(&self, tag: &str) -> Option<LanguageCode> {
        let primary = crate::language::primary(tag.trim());
        if !self.languages.iter().any(|l| l.eq_ignore_ascii_case(&primary)) {
            return None;
        }
        match primary.as_str() {
            "en" => Some(LanguageCode::En),
            "es" => Some(LanguageCode::Es),
            _ => None,
        }
    }
}

/// Why Comprehend gave no answer. The message names the failure only: never the service's text,
/// a resource ARN or any transcript content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComprehendError {
    #[error("Amazon Comprehend throttled DetectPiiEntities (retries exhausted)")]
    Throttled,
    #[error("a document exceeded the size limit of Amazon Comprehend DetectPiiEntities")]
    TextTooLong,
    #[error("Amazon Comprehend DetectPiiEntities does not support the language {language}")]
    UnsupportedLanguage { language: &'static str },
    #[error("Amazon Comprehend DetectPiiEntities failed: {cause}")]
    Other { cause: FailureCause },
}

impl ComprehendError {
    /// Worth trying again later (throttling, timeouts, network failures, server errors).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Throttled => true,
            Self::TextTooLong | Self::UnsupportedLanguage { .. } => false,
            Self::Other { cause } => match cause {
                FailureCause::Timeout | FailureCause::Network => true,
                FailureCause::Service { status } => *status >= 500,
                FailureCause::InvalidResponse | FailureCause::Request | FailureCause::Unknown => false,
            },
        }
    }
}

/// What went wrong in [`ComprehendError::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FailureCause {
    #[error("the request timed out")]
    Timeout,
    #[error("the service could not be reached")]
    Network,
    #[error("the service refused the request (HTTP {status})")]
    Service { status: u16 },
    #[error("the service's answer could not be read")]
    InvalidResponse,
    #[error("the request could not be built")]
    Request,
    #[error("unknown failure")]
    Unknown,
}

/// Amazon Comprehend `DetectPiiEntities`. Build once per sandbox and share: the client holds
/// the connection pool; no per-call state.
#[derive(Debug, Clone)]
pub struct ComprehendPii {
    client: Client,
    config: ComprehendConfig,
    max_document_bytes: usize,
}

impl ComprehendPii {
    /// A client from the function's shared SDK configuration (no network call).
    pub fn new(aws: &SdkConfig, config: ComprehendConfig) -> Self {
        Self::from_client(Client::new(aws), config)
    }

    pub fn from_client(client: Client, config: ComprehendConfig) -> Self {
        Self {
            client,
            config,
            max_document_bytes: MAX_DOCUMENT_BYTES,
        }
    }

    pub fn config(&self) -> &ComprehendConfig {
        &self.config
    }

    /// The PII entities Comprehend finds in the transcript, as byte ranges of its utterances,
    /// in utterance and text order. Empty without any call when disabled, or when the
    /// transcript's language is not one Comprehend supports.
    pub async fn detect(&self, transcript: &Transcript) -> Result<Vec<ExternalMatch>, ComprehendError> {
        self.detect_in(transcript, transcript.language.as_deref()).await
    }

    /// Like [`ComprehendPii::detect`], for a call whose language is `tag` (the request's, or
    /// detected), whatever the transcript says.
    pub async fn detect_in(
        &self,
        transcript: &Transcript,
        tag: Option<&str>,
    ) -> Result<Vec<ExternalMatch>, ComprehendError> {
        if !self.config.enabled {
            return Ok(Vec::new());
        }
        let Some(language) = tag.and_then(|tag| self.config.language_of_tag(tag)) else {
            return Ok(Vec::new());
        };
        let documents = documents(transcript, self.max_document_bytes);
        tracing::debug!(
            documents = documents.len(),
            language = language.as_str(),
            "detecting PII with Amazon Comprehend"
        );
        // At most CONCURRENCY requests at a time, in document order. (A join per chunk keeps the
        // future `Send`, which a borrowing stream combinator would not.)
        let mut found: Vec<Mapped> = Vec::with_capacity(documents.len());
        for chunk in documents.chunks(CONCURRENCY) {
            let requests = chunk
                .iter()
                .map(|document| self.detect_document(document, &language));
            found.extend(futures_util::future::try_join_all(requests).await?);
        }
        let ignored: usize = found.iter().map(|m| m.ignored).sum();
        if ignored > 0 {
            tracing::warn!(
                ignored,
                "Amazon Comprehend returned entity offsets outside their document; ignored"
            );
        }
        Ok(merge(found.into_iter().flat_map(|m| m.matches).collect()))
    }

    async fn detect_document(
        &self,
        document: &Document<'_>,
        language: &LanguageCode,
    ) -> Result<Mapped, ComprehendError> {
        let output = self
            .client
            .detect_pii_entities()
            .text(document.text.as_str())
            .language_code(language.clone())
            .send()
            .await
            .map_err(|e| classify(&e, language))?;
        Ok(map_entities(document, output.entities(), self.config.min_score))
    }
}

/// The Wrapup kind of a Comprehend entity type; `None` for the types Wrapup does not redact.
pub fn kind_of(entity: &PiiEntityType) -> Option<PiiKind> {
    use PiiEntityType as T;
    Some(match entity {
        T::Name => PiiKind::Name,
        T::Address => PiiKind::Address,
        T::Email => PiiKind::Email,
        T::Phone => PiiKind::Phone,
        T::CreditDebitNumber => PiiKind::Card,
        T::CreditDebitCvv => PiiKind::CardCvv,
        T::CreditDebitExpiry => PiiKind::CardExpiry,
        T::Pin | T::Password => PiiKind::Pin,
        T::Ssn => PiiKind::Ssn,
        T::BankAccountNumber | T::BankRouting => PiiKind::BankAccount,
        T::InternationalBankAccountNumber => PiiKind::Iban,
        T::PassportNumber => PiiKind::Passport,
        T::DriverId => PiiKind::DriversLicence,
        T::CaSocialInsuranceNumber
        | T::CaHealthNumber
        | T::UkNationalInsuranceNumber
        | T::UkNationalHealthServiceNumber
        | T::UkUniqueTaxpayerReferenceNumber
        | T::InAadhaar
        | T::InPermanentAccountNumber
        | T::InNrega
        | T::InVoterNumber
        | T::UsIndividualTaxIdentificationNumber => PiiKind::NationalId,
        // DATE_TIME, AGE, URL, IP_ADDRESS, USERNAME, ... and types added later: left alone.
        _ => return None,
    })
}

/// An SDK error by its type: the modelled errors of the operation, then the failure stage. The
/// service's message is never kept.
fn classify(
    error: &SdkError<DetectPiiEntitiesError, HttpResponse>,
    language: &LanguageCode,
) -> ComprehendError {
    let cause = match error {
        SdkError::ServiceError(context) => {
            return classify_service(context.err(), context.raw().status().as_u16(), language);
        }
        SdkError::TimeoutError(_) => FailureCause::Timeout,
        SdkError::DispatchFailure(failure) if failure.is_timeout() => FailureCause::Timeout,
        SdkError::DispatchFailure(_) => FailureCause::Network,
        SdkError::ResponseError(_) => FailureCause::InvalidResponse,
        SdkError::ConstructionFailure(_) => FailureCause::Request,
        _ => FailureCause::Unknown,
    };
    ComprehendError::Other { cause }
}

fn classify_service(error: &DetectPiiEntitiesError, status: u16, language: &LanguageCode) -> ComprehendError {
    match error {
        DetectPiiEntitiesError::TextSizeLimitExceededException(_) => ComprehendError::TextTooLong,
        DetectPiiEntitiesError::UnsupportedLanguageException(_) => ComprehendError::UnsupportedLanguage {
            language: static_language(language),
        },
        // Not modelled for this operation: known by the HTTP status or the error code (the
        // service's structured code, as the SDK's retry classifier reads it; never its message).
        other if status == 429 || other.code().is_some_and(|code| THROTTLING_CODES.contains(&code)) => {
            ComprehendError::Throttled
        }
        _ => ComprehendError::Other {
            cause: FailureCause::Service { status },
        },
    }
}

fn static_language(language: &LanguageCode) -> &'static str {
    match language {
        LanguageCode::En => "en",
        LanguageCode::Es => "es",
        _ => "other",
    }
}

#[cfg(test)]
#[path = "comprehend_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "comprehend_service_tests.rs"]
mod service_tests;
