//! Typed errors of the Genesys client. Each keeps what an operator needs to act: the operation,
//! the HTTP status, Genesys' error `code` and the `contextId` that Genesys support asks for.

use std::time::Duration;

use super::models::ErrorBody;

#[derive(Debug, thiserror::Error)]
pub enum GenesysError {
    #[error(transparent)]
    Auth(#[from] AuthError),

    #[error(
        "Genesys {operation} failed with HTTP {status} ({code}): {message} [contextId {context}]",
        code = code.as_deref().unwrap_or("no code"),
        context = context_id.as_deref().unwrap_or("none")
    )]
    Api {
        operation: &'static str,
        status: u16,
        code: Option<String>,
        message: String,
        context_id: Option<String>,
    },

    #[error(
        "Genesys {operation} is rate limited: Retry-After {retry_after:?} does not fit in the \
         remaining budget of {remaining:?} [contextId {context}]",
        context = context_id.as_deref().unwrap_or("none")
    )]
    RateLimited {
        operation: &'static str,
        retry_after: Duration,
        remaining: Duration,
        context_id: Option<String>,
    },

    #[error("Genesys {operation} did not finish within its deadline after {attempts} attempt(s)")]
    DeadlineExceeded { operation: &'static str, attempts: u32 },

    #[error("Genesys {operation} timed out after {attempts} attempt(s)")]
    Timeout { operation: &'static str, attempts: u32 },

    #[error("Genesys {operation} could not be reached: {source}")]
    Network {
        operation: &'static str,
        #[source]
        source: reqwest::Error,
    },

    #[error("Genesys {operation} answered a body that does not match the API: {source}")]
    Decode {
        operation: &'static str,
        #[source]
        source: serde_json::Error,
    },

    #[error(
        "the transcript URL for communication {communication_id} expired again after it was re-requested"
    )]
    TranscriptUrlExpired { communication_id: String },

    #[error("invalid {what}: {reason}")]
    InvalidArgument { what: &'static str, reason: String },

    /// A body or a list past what one function holds: never read whole.
    #[error("{what} is larger than this deployment handles ({limit})")]
    TooLarge { what: &'static str, limit: String },

    #[error("shared token cache failed: {0}")]
    TokenStore(#[from] TokenStoreError),

    #[error(
        "no Genesys token became available within the deadline (another instance holds the refresh lease)"
    )]
    TokenWaitTimedOut,
}

impl GenesysError {
    /// The error a Genesys error body answers for `operation` (its text never quoted).
    pub fn from_error_body(operation: &'static str, status: u16, body: &[u8]) -> Self {
        let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
        let (code, message, context_id) = match parsed {
            Some(body) => (
                body.code,
                body.message.unwrap_or_else(|| "no message".to_owned()),
                body.context_id,
            ),
            None => (None, format!("non-JSON error body of {} bytes", body.len()), None),
        };
        GenesysError::Api {
            operation,
            status,
            code,
            message,
            context_id,
        }
    }

    pub(crate) fn with_attempts(self, attempts: u32) -> Self {
        match self {
            GenesysError::Timeout { operation, .. } => GenesysError::Timeout { operation, attempts },
            GenesysError::DeadlineExceeded { operation, .. } => {
                GenesysError::DeadlineExceeded { operation, attempts }
            }
            other => other,
        }
    }

    /// HTTP status Genesys answered, when the failure was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            GenesysError::Api { status, .. } => Some(*status),
            GenesysError::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// Genesys' correlation id for this failure, to quote to Genesys support.
    pub fn context_id(&self) -> Option<&str> {
        match self {
            GenesysError::Api { context_id, .. } | GenesysError::RateLimited { context_id, .. } => {
                context_id.as_deref()
            }
            _ => None,
        }
    }

    /// Genesys' machine-readable error code (`bad.request`, `not.found`, `too.many.requests`...).
    pub fn code(&self) -> Option<&str> {
        match self {
            GenesysError::Api { code, .. } => code.as_deref(),
            GenesysError::RateLimited { .. } => Some("too.many.requests"),
            _ => None,
        }
    }
}

/// Why the OAuth client-credentials exchange failed, phrased as what to fix.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error(
        "Genesys does not know this OAuth client id in this region ({description}): check \
         GENESYS_CLIENT_ID and GENESYS_REGION"
    )]
    UnknownClient { description: String },

    #[error("Genesys rejected the OAuth client secret ({description}): check GENESYS_CLIENT_SECRET")]
    BadCredentials { description: String },

    #[error(
        "the OAuth client may not use the client-credentials grant ({description}): set its grant \
         type to Client Credentials in Genesys Admin > OAuth"
    )]
    GrantNotAllowed { description: String },

    #[error("the Genesys token endpoint is rate limiting this client; retry after {retry_after:?}")]
    RateLimited { retry_after: Option<Duration> },

    #[error("the Genesys token endpoint is unavailable (HTTP {status})")]
    Unavailable { status: u16 },

    #[error("the Genesys token endpoint answered HTTP {status} {error}: {description}")]
    Rejected {
        status: u16,
        error: String,
        description: String,
    },

    #[error("the Genesys token endpoint could not be reached: {0}")]
    Network(#[source] reqwest::Error),

    #[error("the Genesys token endpoint did not answer within the deadline")]
    DeadlineExceeded,

    #[error("the Genesys token endpoint answered a body that is not a token: {0}")]
    Decode(#[source] serde_json::Error),
}

/// Failures of the shared (DynamoDB) token tier.
#[derive(Debug, thiserror::Error)]
pub enum TokenStoreError {
    #[error("DynamoDB {operation} on the token table failed: {message}")]
    DynamoDb {
        operation: &'static str,
        message: String,
    },
    #[error("the token item is malformed: {0}")]
    Malformed(String),
}
