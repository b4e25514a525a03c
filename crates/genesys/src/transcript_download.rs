//! Transcript documents: the pre-signed URL from Speech & Text Analytics, the download (no
//! Authorization header: the URL is its own credential), one re-request of an expired URL, and
//! every document of a whole conversation (the text pipeline normalises them: `wrapup-text`).

use std::collections::BTreeSet;

use futures_util::{StreamExt, TryStreamExt, stream};
use tracing::{debug, instrument};

use super::client::GenesysClient;
use super::error::GenesysError;
use super::models::{AnalyticsConversation, TranscriptDocument};
use super::retry::{Attempt, Deadline, StatusClass, classify_status, with_retries};
use crate::http_body::{BodyError, read_capped};
use crate::ids::ConversationId;

const DOWNLOAD: &str = "transcriptDocument";
/// The largest transcript document read: an hour's call is about 200 KB.
const MAX_TRANSCRIPT_DOCUMENT: usize = 16 * 1024 * 1024;
/// The most communications (sessions) of one conversation whose transcripts are read: a call
/// with transfers and consults has a handful.
const MAX_COMMUNICATIONS: usize = 100;

/// Transcript downloads in flight per conversation.
const PARALLEL_DOWNLOADS: usize = 4;

enum DownloadError {
    /// The pre-signed URL expired (S3 answers 403 AccessDenied "Request has expired").
    Expired,
    Other(GenesysError),
}

impl std::fmt::Display for DownloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DownloadError::Expired => f.write_str("the transcript URL expired"),
            DownloadError::Other(error) => error.fmt(f),
        }
    }
}

impl GenesysClient {
    /// The transcript document of one communication; `None` when Speech & Text Analytics has no
    /// transcript for it (404). An expired URL is re-requested once.
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn download_transcript(
        &self,
        id: &ConversationId,
        communication_id: &str,
    ) -> Result<Option<TranscriptDocument>, GenesysError> {
        for round in 0..2 {
            let url = match self.transcript_url(id, communication_id).await {
                Ok(url) => url.url,
                Err(err) if err.is_not_found() => return Ok(None),
                Err(err) => return Err(err),
            };
            let Some(url) = url.filter(|u| !u.is_empty()) else {
                return Ok(None);
            };
            match self.fetch_document(&url).await {
                Ok(document) => return Ok(Some(document)),
                Err(DownloadError::Expired) if round == 0 => {
                    debug!("transcript URL expired before download; requesting a new one");
                }
                Err(DownloadError::Expired) => {
                    return Err(GenesysError::TranscriptUrlExpired {
                        communication_id: communication_id.to_owned(),
                    });
                }
                Err(DownloadError::Other(err)) => return Err(err),
            }
        }
        Err(GenesysError::TranscriptUrlExpired {
            communication_id: communication_id.to_owned(),
        })
    }

    /// GETs a pre-signed URL with retries for 5xx and network errors. The URL is a credential:
    /// it is never logged.
    async fn fetch_document(&self, url: &str) -> Result<TranscriptDocument, DownloadError> {
        let deadline = self.deadline();
        with_retries(&self.core.policy, deadline, DOWNLOAD, |attempts| {
            self.download_attempt(url, deadline, attempts)
        })
        .await
        .map_err(|stopped| stopped.into_error())
    }

    async fn download_attempt(
        &self,
        url: &str,
        deadline: Deadline,
        attempts: u32,
    ) -> Attempt<TranscriptDocument, DownloadError> {
        let other = |error| Attempt::Fatal(DownloadError::Other(error));
        let remaining = deadline.remaining();
        if remaining.is_zero() {
            return other(GenesysError::DeadlineExceeded {
                operation: DOWNLOAD,
                attempts,
            });
        }
        let request = self
            .core
            .http
            .get(url)
            .timeout(remaining.min(self.core.config.request_timeout));
        let error = match request.send().await {
            Ok(response) if response.status().is_success() => {
                return match read_capped(response, MAX_TRANSCRIPT_DOCUMENT).await {
                    Ok(body) => match crate::http_body::decode_json(&body) {
                        Ok(document) => Attempt::Done(document),
                        Err(source) => other(GenesysError::Decode {
                            operation: DOWNLOAD,
                            source,
                        }),
                    },
                    Err(BodyError::TooLarge { limit }) => other(GenesysError::TooLarge {
                        what: "a transcript document",
                        limit: format!("{limit} bytes"),
                    }),
                    Err(BodyError::Transport(source)) => other(GenesysError::Network {
                        operation: DOWNLOAD,
                        source: source.without_url(),
                    }),
                };
            }
            Ok(response) => {
                let status = response.status().as_u16();
                if status == 403 || status == 400 && response.text().await.is_ok_and(|b| b.contains("xpired"))
                {
                    return Attempt::Fatal(DownloadError::Expired);
                }
                let error = GenesysError::Api {
                    operation: DOWNLOAD,
                    status,
                    code: None,
                    message: "transcript download failed".to_owned(),
                    context_id: None,
                };
                // A GET of a document: safe to repeat.
                if classify_status(status, true) != StatusClass::Retryable {
                    return other(error);
                }
                error
            }
            Err(source) if source.is_timeout() => GenesysError::Timeout {
                operation: DOWNLOAD,
                attempts,
            },
            Err(source) => GenesysError::Network {
                operation: DOWNLOAD,
                source: source.without_url(),
            },
        };
        Attempt::Retry {
            error: DownloadError::Other(error),
            retry_after: None,
        }
    }

    /// The details and every transcript document of a conversation.
    #[instrument(skip_all, fields(conversation_id = %id))]
    pub async fn conversation_documents(
        &self,
        id: &ConversationId,
    ) -> Result<(AnalyticsConversation, Vec<TranscriptDocument>), GenesysError> {
        let details = self.conversation_details(id).await?;
        let communications = communication_ids(&details);
        if communications.len() > MAX_COMMUNICATIONS {
            return Err(GenesysError::TooLarge {
                what: "the conversation's list of communications",
                limit: format!("{MAX_COMMUNICATIONS} communications"),
            });
        }
        let documents: Vec<Option<TranscriptDocument>> = stream::iter(communications)
            .map(|communication_id| async move { self.download_transcript(id, &communication_id).await })
            .buffered(PARALLEL_DOWNLOADS)
            .try_collect()
            .await?;
        Ok((details, documents.into_iter().flatten().collect()))
    }
}

/// Every session (communication) id of the conversation, once, in participant order.
pub fn communication_ids(details: &AnalyticsConversation) -> Vec<String> {
    let mut seen = BTreeSet::new();
    details
        .participants
        .iter()
        .flat_map(|p| p.sessions.iter())
        .filter_map(|s| s.session_id.clone())
        .filter(|id| seen.insert(id.clone()))
        .collect()
}
