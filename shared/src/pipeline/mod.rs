//! The post-call summary pipeline: idempotency claim, transcript, redaction, summary, verification,
//! audit, CRM handoff. No Lambda types: the summary-api function, the local stack and the tests
//! all drive this same code.

mod admit;
mod compute;
mod error;
mod jobs;
pub mod request;
mod response;

use std::sync::Arc;
use std::time::Duration;

use tracing::{info, instrument, warn};

pub use error::{PipelineError, not_served_field, not_served_reason};
pub use jobs::{job_for, request_from_job};
pub use request::{CaseId, FieldError, SummaryRequest};
pub use response::{SummaryResponse, Timings};

use crate::config::{ConfigError, Env};
use crate::genesys::{Deadline, GenesysApi};
use crate::ids::ConversationId;
use crate::queue::{MessageQueue, SummaryJobMessage};
use crate::redact::Redactor;
use crate::redact::comprehend::ComprehendPii;
use crate::store::{
    AuditLog, AuditRecord, Claim, ClaimFor, Reader, RequestKey, StatusEntry, StoredError, StoredSummary,
    SummaryStatus, SummaryStore, now_timestamp,
};
use crate::summary::extractive::ExtractiveSummarizer;
use crate::summary::genesys::GenesysSummarizer;
use crate::summary::llm::LlmSummarizer;
use crate::summary::{SourceChoice, SummaryOptions};
use crate::verify::VerificationConfig;

#[derive(Debug, Clone)]
pub struct PipelineConfig {
    /// How long a synchronous computation holds its idempotency claim.
    pub lease: Duration,
    /// How long a queued job holds it (queue latency included).
    pub async_lease: Duration,
    /// Below this much remaining time a request is finished asynchronously (202).
    pub min_sync_budget: Duration,
    /// The same when the LLM may be asked: LLM calls must never meet API Gateway's 29 s limit.
    pub min_sync_budget_llm: Duration,
    /// Longest transcript summarised, in characters of utterance text
    /// (`WRAPUP_MAX_TRANSCRIPT_CHARS`); a longer one is refused before redaction.
    pub max_transcript_chars: usize,
}

/// A 3-hour call is about 200,000 characters (180 minutes at 150-180 words a minute); chats and
/// emails run longer. Five times that still redacts and summarises in well under a second.
pub const DEFAULT_MAX_TRANSCRIPT_CHARS: u32 = 1_000_000;
/// What `WRAPUP_MAX_TRANSCRIPT_CHARS` may be set to.
const MAX_TRANSCRIPT_CHARS_RANGE: std::ops::RangeInclusive<u32> = 1_000..=100_000_000;

impl Default for PipelineConfig {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(60),
            async_lease: Duration::from_secs(15 * 60),
            min_sync_budget: Duration::from_secs(5),
            min_sync_budget_llm: Duration::from_secs(20),
            max_transcript_chars: DEFAULT_MAX_TRANSCRIPT_CHARS as usize,
        }
    }
}

impl PipelineConfig {
    /// The defaults, with `WRAPUP_MAX_TRANSCRIPT_CHARS` (1,000..=100,000,000) when set.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        let max_chars = env.number(
            "WRAPUP_MAX_TRANSCRIPT_CHARS",
            DEFAULT_MAX_TRANSCRIPT_CHARS,
            MAX_TRANSCRIPT_CHARS_RANGE,
        )?;
        Ok(Self {
            max_transcript_chars: usize::try_from(max_chars).unwrap_or(usize::MAX),
            ..Self::default()
        })
    }
}

/// Everything the pipeline talks to, built once per sandbox.
pub struct Pipeline {
    pub(crate) genesys: Arc<dyn GenesysApi>,
    pub(crate) redactor: Redactor,
    pub(crate) comprehend: Option<ComprehendPii>,
    pub(crate) extractive: ExtractiveSummarizer,
    pub(crate) copilot: GenesysSummarizer,
    pub(crate) llm: Option<LlmSummarizer>,
    pub(crate) verification: VerificationConfig,
    pub(crate) store: Arc<dyn SummaryStore>,
    pub(crate) audit: Arc<dyn AuditLog>,
    pub(crate) crm_queue: Arc<dyn MessageQueue>,
    pub(crate) jobs_queue: Arc<dyn MessageQueue>,
    pub(crate) config: PipelineConfig,
}

/// The edges of the pipeline, each behind a small trait.
pub struct PipelineParts {
    pub genesys: Arc<dyn GenesysApi>,
    pub redactor: Redactor,
    /// Amazon Comprehend's PII entities, merged with the redactor's (off by default).
    pub comprehend: Option<ComprehendPii>,
    pub llm: Option<LlmSummarizer>,
    pub verification: VerificationConfig,
    pub store: Arc<dyn SummaryStore>,
    pub audit: Arc<dyn AuditLog>,
    pub crm_queue: Arc<dyn MessageQueue>,
    pub jobs_queue: Arc<dyn MessageQueue>,
    pub config: PipelineConfig,
}

/// What `submit` decided.
#[derive(Debug)]
pub enum Submitted {
    /// A result: computed now, or the stored one of an identical earlier request.
    Done {
        response: Box<SummaryResponse>,
        replayed: bool,
    },
    /// Accepted; the result will be at `GET /summaries/{conversationId}`.
    Accepted {
        conversation_id: ConversationId,
        audit_id: String,
        reason: AcceptedBecause,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptedBecause {
    AskedForAsync,
    NotEnoughTime,
    /// An identical request is being computed right now.
    DuplicateInProgress,
}

impl Pipeline {
    /// The managed PII detector, when configured.
    pub fn comprehend(&self) -> Option<&ComprehendPii> {
        self.comprehend.as_ref()
    }

    pub fn new(parts: PipelineParts) -> Self {
        Self {
            copilot: GenesysSummarizer::new(Arc::clone(&parts.genesys)),
            genesys: parts.genesys,
            redactor: parts.redactor,
            comprehend: parts.comprehend,
            extractive: ExtractiveSummarizer::new(),
            llm: parts.llm,
            verification: parts.verification,
            store: parts.store,
            audit: parts.audit,
            crm_queue: parts.crm_queue,
            jobs_queue: parts.jobs_queue,
            config: parts.config,
        }
    }

    pub fn llm_configured(&self) -> bool {
        self.llm.is_some()
    }

    /// Handles `POST /summaries`.
    #[instrument(skip_all, fields(conversation_id = %request.conversation_id, audit_id))]
    pub async fn submit(
        &self,
        request: &SummaryRequest,
        caller: Option<&str>,
        deadline: Deadline,
    ) -> Result<Submitted, PipelineError> {
        if request.options.source == SourceChoice::Llm && self.llm.is_none() {
            return Err(PipelineError::LlmNotConfigured);
        }
        admit::requested_language(request.options.language.as_deref())?;
        let key = RequestKey::for_caller(
            &request.conversation_id,
            request.case_id.as_str(),
            &request.options,
            caller,
        );
        let audit_id = uuid::Uuid::new_v4().to_string();
        tracing::Span::current().record("audit_id", audit_id.as_str());
        let too_little_time = deadline.remaining() < self.sync_budget(&request.options);
        let go_async = request.asynchronous || too_little_time;
        let lease = if go_async {
            self.config.async_lease
        } else {
            self.config.lease
        };
        let claim = self
            .store
            .claim(
                ClaimFor {
                    conversation_id: &request.conversation_id,
                    case_id: request.case_id.as_str(),
                    key: &key,
                    audit_id: &audit_id,
                    caller,
                },
                lease,
                request.force,
            )
            .await?;
        let stored = match claim {
            Claim::Done(stored) => return self.replay(request, caller, &key, stored).await,
            Claim::InProgress(stored) => {
                info!(holder = %stored.audit_id, "identical request in progress");
                // The holder may have died between its claim and its job (or its answer): a job
                // for it, delivered when its lease is over, finishes it if nobody else did.
                self.backstop(request, caller, &key, &stored.audit_id).await?;
                return Ok(Submitted::Accepted {
                    conversation_id: request.conversation_id,
                    audit_id: stored.audit_id,
                    reason: AcceptedBecause::DuplicateInProgress,
                });
            }
            Claim::Acquired { generation } => (key, generation),
        };
        let (key, generation) = stored;
        // The claim is ours: if the audit record or the job cannot be written, give it back, so
        // the client's retry computes instead of answering "in progress" with nothing queued.
        let handed_over = async {
            self.audit
                .create(&new_audit_record(&audit_id, request, caller, &key))
                .await?;
            if go_async {
                self.enqueue(request, caller, &key, &audit_id).await?;
            }
            Ok::<_, PipelineError>(())
        };
        if let Err(err) = handed_over.await {
            self.release(request, &key, &audit_id, &err).await;
            return Err(err);
        }
        if go_async {
            let reason = if request.asynchronous {
                AcceptedBecause::AskedForAsync
            } else {
                AcceptedBecause::NotEnoughTime
            };
            return Ok(Submitted::Accepted {
                conversation_id: request.conversation_id,
                audit_id,
                reason,
            });
        }
        let response = self
            .compute_and_record(request, &key, &audit_id, generation, deadline)
            .await?;
        Ok(Submitted::Done {
            response: Box::new(response),
            replayed: false,
        })
    }

    /// Marks our claim failed with `err`'s code and public message, so a retry may claim again
    /// (best effort: if that fails too, the lease expires).
    pub(super) async fn release(
        &self,
        request: &SummaryRequest,
        key: &RequestKey,
        audit_id: &str,
        err: &PipelineError,
    ) {
        let error = StoredError {
            code: err.code().to_owned(),
            message: err.public_message(),
        };
        if let Err(e) = self
            .store
            .fail(&request.conversation_id, key, audit_id, error)
            .await
        {
            warn!(error = %e, "could not release the claim; it expires with its lease");
        }
    }

    /// Handles one summary-jobs message (from `async`, a short budget, or assist-callback).
    #[instrument(skip_all, fields(conversation_id = %job.conversation_id, audit_id = %job.audit_id))]
    pub async fn run_job(
        &self,
        job: &SummaryJobMessage,
        deadline: Deadline,
    ) -> Result<SummaryResponse, PipelineError> {
        let request = request_from_job(job).map_err(PipelineError::InvalidJob)?;
        let key = RequestKey::for_caller(
            &request.conversation_id,
            request.case_id.as_str(),
            &request.options,
            job.caller.as_deref(),
        );
        // Jobs queued before keys named their caller carry the caller-less key.
        let legacy = RequestKey::new(
            &request.conversation_id,
            request.case_id.as_str(),
            &request.options,
        );
        let key = match [key, legacy].into_iter().find(|k| k.as_str() == job.request_key) {
            Some(key) => key,
            None => {
                return Err(PipelineError::InvalidJob(
                    "requestKey does not match the request".into(),
                ));
            }
        };
        // A redelivered job whose result exists answers from the store; a job whose claim was
        // taken over by a newer request leaves the work to it.
        let generation = match self.store.get(&request.conversation_id, &key).await? {
            Some(stored) if stored.audit_id != job.audit_id => {
                return Err(PipelineError::Superseded { by: stored.audit_id });
            }
            Some(stored) if stored.result.is_some() => return SummaryResponse::from_stored(&stored),
            // Our own live claim (an earlier delivery crashed mid-way): carry on.
            Some(stored) if stored.status == SummaryStatus::Processing => stored.generation,
            // No claim yet (jobs from assist-callback), or our earlier attempt failed and SQS
            // delivered the job again: claim like an API request. Only a first claim counts a
            // forced generation: a retry of a forced job is the same delivery.
            stored => {
                let force = job.force && stored.is_none();
                let case_id = request.case_id.as_str();
                let lease = self.config.lease;
                match self
                    .store
                    .claim(
                        ClaimFor {
                            conversation_id: &request.conversation_id,
                            case_id,
                            key: &key,
                            audit_id: &job.audit_id,
                            caller: job.caller.as_deref(),
                        },
                        lease,
                        force,
                    )
                    .await?
                {
                    Claim::Acquired { generation } => generation,
                    Claim::Done(stored) => return SummaryResponse::from_stored(&stored),
                    Claim::InProgress(stored) => {
                        return Err(PipelineError::Superseded { by: stored.audit_id });
                    }
                }
            }
        };
        if self.audit.get(&job.audit_id).await?.is_none() {
            // Jobs from assist-callback arrive without an audit record.
            self.audit
                .create(&new_audit_record(
                    &job.audit_id,
                    &request,
                    job.caller.as_deref(),
                    &key,
                ))
                .await?;
        }
        self.compute_and_record(&request, &key, &job.audit_id, generation, deadline)
            .await
    }

    /// `GET /summaries/{conversationId}`: the latest result or state `reader` may see.
    pub async fn latest(
        &self,
        conversation_id: &ConversationId,
        reader: Reader<'_>,
    ) -> Result<Option<StoredSummary>, PipelineError> {
        Ok(self.store.latest(conversation_id, reader).await?)
    }

    fn sync_budget(&self, options: &SummaryOptions) -> Duration {
        // The judge asks the LLM whatever the summary's source.
        let judge = self.verification.judge == crate::verify::JudgeMode::Llm;
        let may_use_llm =
            self.llm.is_some() && (judge || matches!(options.source, SourceChoice::Auto | SourceChoice::Llm));
        if may_use_llm {
            self.config.min_sync_budget_llm
        } else {
            self.config.min_sync_budget
        }
    }

    async fn replay(
        &self,
        request: &SummaryRequest,
        caller: Option<&str>,
        key: &RequestKey,
        stored: StoredSummary,
    ) -> Result<Submitted, PipelineError> {
        let response = SummaryResponse::from_stored(&stored)?;
        // Every request is audited, replays too: a small record pointing at the original.
        let audit_id = uuid::Uuid::new_v4().to_string();
        let mut record = new_audit_record(&audit_id, request, caller, key);
        record.status_history = vec![status_entry(
            "replayed",
            Some(format!("result of audit {}", stored.audit_id)),
        )];
        if let Err(err) = self.audit.create(&record).await {
            warn!(error = %err, "could not audit a replay");
        }
        Ok(Submitted::Done {
            response: Box::new(response),
            replayed: true,
        })
    }
}

pub(crate) fn status_entry(status: &str, detail: Option<String>) -> StatusEntry {
    StatusEntry::now(status, detail)
}

fn new_audit_record(
    audit_id: &str,
    request: &SummaryRequest,
    caller: Option<&str>,
    key: &RequestKey,
) -> AuditRecord {
    AuditRecord {
        audit_id: audit_id.to_owned(),
        conversation_id: request.conversation_id.to_string(),
        case_id: request.case_id.as_str().to_owned(),
        caller: caller.map(str::to_owned),
        // The request key is the SHA-256 of the canonical request.
        request_sha256: key.as_str().to_owned(),
        transcript_sha256: None,
        source: None,
        model: None,
        token_usage: None,
        timings: None,
        redactions: None,
        verification: None,
        status_history: vec![status_entry("received", None)],
        crm_sync: None,
        created_at: now_timestamp(),
    }
}
