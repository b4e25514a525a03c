//! Genesys failures of the Data Action and participant-attribute targets, sorted into retry later
//! or dead-letter now. Reasons carry the operation, status, Genesys' code and `contextId`, never
//! Genesys' message: a Data Action error can echo the input (the summary) back.

use super::{CrmError, TargetKind};
use wrapup_core::retry::{StatusClass, classify_status};
use wrapup_genesys::{AuthError, GenesysError};

pub(super) fn crm_error(target: TargetKind, error: &GenesysError) -> CrmError {
    let target = target.as_str();
    let retryable = |status: Option<u16>, reason: String| CrmError::Retryable {
        target,
        status,
        retry_after: None,
        reason,
    };
    let permanent = |status: Option<u16>, reason: String| CrmError::Permanent {
        target,
        status,
        reason,
    };
    match error {
        GenesysError::Api {
            operation, status, ..
        } => {
            let reason = format!(
                "Genesys {operation} answered HTTP {status} ({}) [contextId {}]",
                error.code().unwrap_or("no code"),
                error.context_id().unwrap_or("none")
            );
            // Retried as a later delivery of the same message, which the delivery claim guards.
            match classify_status(*status, true) {
                StatusClass::Retryable => retryable(Some(*status), reason),
                StatusClass::Success | StatusClass::Fatal => permanent(Some(*status), reason),
            }
        }
        GenesysError::RateLimited {
            operation,
            retry_after,
            context_id,
            ..
        } => CrmError::Retryable {
            target,
            status: Some(429),
            retry_after: Some(*retry_after),
            reason: format!(
                "Genesys {operation} is rate limited for {retry_after:?} [contextId {}]",
                context_id.as_deref().unwrap_or("none")
            ),
        },
        GenesysError::Auth(auth) => auth_error(target, auth),
        GenesysError::InvalidArgument { .. } | GenesysError::TooLarge { .. } => {
            permanent(None, error.to_string())
        }
        // Timeouts, network errors, odd bodies, the token tier: worth another delivery.
        GenesysError::DeadlineExceeded { .. }
        | GenesysError::Timeout { .. }
        | GenesysError::Network { .. }
        | GenesysError::Decode { .. }
        | GenesysError::TranscriptUrlExpired { .. }
        | GenesysError::TokenStore(_)
        | GenesysError::TokenWaitTimedOut => retryable(None, error.to_string()),
    }
}

/// A throttled or unavailable token endpoint passes; bad credentials do not fix themselves.
fn auth_error(target: &'static str, error: &AuthError) -> CrmError {
    let reason = format!("Genesys login failed: {error}");
    match error {
        AuthError::RateLimited { retry_after } => CrmError::Retryable {
            target,
            status: Some(429),
            retry_after: *retry_after,
            reason,
        },
        AuthError::Unavailable { status } => CrmError::Retryable {
            target,
            status: Some(*status),
            retry_after: None,
            reason,
        },
        AuthError::Network(_) | AuthError::DeadlineExceeded | AuthError::Decode(_) => CrmError::Retryable {
            target,
            status: None,
            retry_after: None,
            reason,
        },
        AuthError::Rejected { status, .. } if *status == 429 || *status >= 500 => CrmError::Retryable {
            target,
            status: Some(*status),
            retry_after: None,
            reason,
        },
        AuthError::Rejected { status, .. } => CrmError::Permanent {
            target,
            status: Some(*status),
            reason,
        },
        AuthError::UnknownClient { .. }
        | AuthError::BadCredentials { .. }
        | AuthError::GrantNotAllowed { .. } => CrmError::Permanent {
            target,
            status: None,
            reason,
        },
    }
}
