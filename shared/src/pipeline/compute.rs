//! One computation: transcript -> redaction -> summary -> verification -> audit -> CRM handoff.

use std::time::Instant;

use sha2::{Digest, Sha256};
use tracing::{info, warn};

use super::{Pipeline, PipelineError, SummaryRequest, SummaryResponse, Timings, admit, status_entry};
use crate::genesys::Deadline;
use crate::queue::CrmSyncMessage;
use crate::redact::{ExternalMatch, RedactedCall};
use crate::store::{AuditOutcome, OutcomeWrite, RequestKey, StoredSummary, SummaryStatus, now_timestamp};
use crate::summary::{
    FallbackCause, SourceChoice, SummarizeError, Summarized, Summarizer, Summary, SummaryInput,
};
use crate::transcript::{FetchTranscript, Transcript};
use crate::verify::{JudgeMode, JudgeRequest};

fn ms(since: Instant) -> u64 {
    since.elapsed().as_millis() as u64
}

impl Pipeline {
    /// Computes, records and hands off; on failure, records the failure and frees the claim.
    pub(super) async fn compute_and_record(
        &self,
        request: &SummaryRequest,
        key: &RequestKey,
        audit_id: &str,
        generation: u32,
        deadline: Deadline,
    ) -> Result<SummaryResponse, PipelineError> {
        match self.compute(request, key, audit_id, generation, deadline).await {
            Ok(response) => Ok(response),
            Err(err) => {
                warn!(code = err.code(), error = %err, "summary failed");
                self.release(request, key, audit_id, &err).await;
                let entry = status_entry("failed", Some(err.code().to_owned()));
                if let Err(e) = self.audit.append_status(audit_id, &entry).await {
                    warn!(error = %e, "could not audit the failure");
                }
                Err(err)
            }
        }
    }

    async fn compute(
        &self,
        request: &SummaryRequest,
        key: &RequestKey,
        audit_id: &str,
        generation: u32,
        deadline: Deadline,
    ) -> Result<SummaryResponse, PipelineError> {
        let started = Instant::now();
        let genesys = self.genesys.with_deadline(deadline);
        let transcript = genesys.conversation_transcript(&request.conversation_id).await?;
        let transcript = transcript.ok_or(PipelineError::NoTranscript)?;
        let transcript_ms = ms(started);
        let redacting = Instant::now();
        // Refused before redaction, Comprehend or a summariser spends anything on it.
        admit::transcript_size(&transcript, self.config.max_transcript_chars)?;
        let language = admit::call_language(request.options.language.as_deref(), &transcript)?;
        let tag = language.as_ref().map(|l| l.tag.as_str());
        let external = self.managed_pii(&transcript, tag, deadline).await;
        let mut call = self.redactor.redact_call(&transcript, &external, tag);
        let redactions = call.counts;
        let redact_ms = ms(redacting);

        let summarizing = Instant::now();
        let input = SummaryInput {
            conversation_id: &request.conversation_id,
            transcript: &call.transcript,
            customer_sentiment: call.customer_sentiment(),
            options: &request.options,
            deadline,
        };
        let mut summarized = self.summarize(&input).await?;
        let summarize_ms = ms(summarizing);

        let verifying = Instant::now();
        // The original transcript stays in memory until the summary is verified against it,
        // and goes nowhere else.
        let mut verification = crate::verify::verify(
            &summarized.summary,
            &transcript,
            &call,
            &self.redactor,
            &self.verification,
        );
        drop(transcript);
        // The judge's request holds the redacted call and the claims redacted with its markers.
        let judge = self.judge_request(&mut call, &summarized.summary);
        // Whatever the source (Copilot text is not redacted by Genesys), nothing leaves unmasked;
        // a name or number of the call gets the marker it has in the transcript.
        summarized.summary = self.redact_summary(&mut call, &summarized.summary);
        if let (Some(llm), Some(request)) = (&self.llm, judge) {
            let judgement = crate::verify::ask_judge(llm, request, judge_deadline(deadline)).await;
            crate::verify::combine_judgement(&mut verification, &self.verification, judgement);
        }
        let guardrail = Some(FallbackCause::Guardrail);
        if summarized
            .provenance
            .fallback_reason
            .as_deref()
            .and_then(FallbackCause::from_reason)
            == guardrail
        {
            verification.flag_guardrail();
        }
        let verify_ms = ms(verifying);

        let status = if verification.passed {
            SummaryStatus::QueuedForCrm
        } else {
            SummaryStatus::NeedsReview
        };
        let timings = Timings {
            transcript_ms,
            redact_ms,
            summarize_ms,
            verify_ms,
            total_ms: ms(started),
        };
        let created_at = now_timestamp();
        let response = SummaryResponse {
            conversation_id: request.conversation_id.to_string(),
            case_id: request.case_id.as_str().to_owned(),
            status,
            summary: summarized.summary,
            source: summarized.provenance,
            verification,
            audit_id: audit_id.to_owned(),
            timings,
            redactions,
            language,
            created_at: created_at.clone(),
        };
        let body = serde_json::to_value(&response).map_err(|e| PipelineError::Internal(e.to_string()))?;

        let outcome = AuditOutcome {
            transcript_sha256: Some(transcript_hash(&call.transcript)),
            source: Some(source_name(&response)),
            model: Some(response.source.model.clone()),
            token_usage: response.source.usage,
            timings: serde_json::to_value(timings).ok(),
            redactions: serde_json::to_value(redactions).ok(),
            // Outcome and counts only: the audit keeps no claim, value or word of the call.
            verification: Some(response.verification.audit_digest()),
            // Why the LLM's answer was replaced (access denied, throttled, ...), as the cause's code.
            status: status_entry(status_name(status), fallback_detail(&response)),
        };
        // A retried job (the same audit id) finds its first outcome recorded and goes on to the
        // hand-off and the result, which a failure after the outcome left undone.
        if self.audit.record_outcome(audit_id, &outcome).await? == OutcomeWrite::AlreadyRecorded {
            info!(
                audit_id,
                "outcome recorded by an earlier attempt; completing the hand-off"
            );
        }

        // The CRM message goes out before the result is stored: a crash in between recomputes
        // and re-sends under the same idempotency key, which crm-sync de-duplicates.
        if status == SummaryStatus::QueuedForCrm {
            let message = CrmSyncMessage {
                version: 1,
                idempotency_key: key.as_str().to_owned(),
                audit_id: audit_id.to_owned(),
                generation: Some(generation),
                conversation_id: response.conversation_id.clone(),
                case_id: response.case_id.clone(),
                summary: response.summary.clone(),
                source: response.source.clone(),
                verification_passed: true,
                created_at: created_at.clone(),
            };
            let message =
                serde_json::to_string(&message).map_err(|e| PipelineError::Internal(e.to_string()))?;
            self.crm_queue
                .send(&message, &[("idempotency_key", key.as_str())])
                .await?;
        }
        let stored = StoredSummary {
            conversation_id: response.conversation_id.clone(),
            case_id: response.case_id.clone(),
            request_key: key.as_str().to_owned(),
            status,
            audit_id: audit_id.to_owned(),
            result: Some(body),
            error: None,
            crm_sync: None,
            // The claim recorded the caller; completing keeps it.
            caller: None,
            generation,
            created_at: created_at.clone(),
            updated_at: created_at,
        };
        self.store.complete(&stored).await?;
        info!(
            status = status_name(status),
            source = %source_name(&response),
            utterances = call.transcript.utterances.len(),
            redacted = redactions.total(),
            total_ms = timings.total_ms,
            "summary done"
        );
        Ok(response)
    }

    /// Picks the source: Copilot when asked or available (auto), the LLM when configured, the
    /// extractive summariser otherwise and whenever the LLM fails.
    async fn summarize(&self, input: &SummaryInput<'_>) -> Result<Summarized, PipelineError> {
        let choice = input.options.source;
        if matches!(choice, SourceChoice::Genesys | SourceChoice::Auto) {
            let asked_for_copilot = choice == SourceChoice::Genesys;
            match self.copilot.summarize(input).await {
                Ok(summarized) => return Ok(summarized),
                Err(SummarizeError::Unavailable(_)) if asked_for_copilot => {
                    return Err(PipelineError::NoCopilotSummary);
                }
                Err(SummarizeError::Genesys(err)) if asked_for_copilot => return Err(err.into()),
                Err(err) if asked_for_copilot => return Err(PipelineError::Internal(err.to_string())),
                // `auto` moves on to the next source.
                Err(SummarizeError::Unavailable(_)) => {}
                Err(err) => warn!(error = %err, "Copilot summary failed; trying the next source"),
            }
        }
        let mut fallback_reason = None;
        if let (Some(llm), SourceChoice::Auto | SourceChoice::Llm) = (&self.llm, choice) {
            match llm.summarize(input).await {
                Ok(summarized) => return Ok(summarized),
                Err(err) => {
                    warn!(error = %err, "LLM summary failed; falling back to the extractive summariser");
                    fallback_reason = Some(FallbackCause::of(&err).reason().to_owned());
                }
            }
        }
        let mut summarized = self
            .extractive
            .summarize(input)
            .await
            .map_err(|e| PipelineError::Internal(e.to_string()))?;
        summarized.provenance.fallback_reason = fallback_reason;
        Ok(summarized)
    }

    /// Amazon Comprehend's entities when configured, within the request's deadline. A failure
    /// or a late answer costs only the extra detector: the built-in detectors redact on their own.
    async fn managed_pii(
        &self,
        transcript: &Transcript,
        language: Option<&str>,
        deadline: Deadline,
    ) -> Vec<ExternalMatch> {
        let Some(comprehend) = &self.comprehend else {
            return Vec::new();
        };
        match tokio::time::timeout(deadline.remaining(), comprehend.detect_in(transcript, language)).await {
            Ok(Ok(found)) => found,
            Ok(Err(err)) => {
                // `transient`: throttling or an outage that passes; otherwise a setting to fix
                // (permissions, region, quota).
                warn!(
                    error = %err,
                    transient = err.is_transient(),
                    "Amazon Comprehend PII detection failed; using the built-in detectors only"
                );
                Vec::new()
            }
            Err(_) => {
                warn!(
                    "Amazon Comprehend PII detection ran out of the request's time; using the built-in detectors only"
                );
                Vec::new()
            }
        }
    }

    /// The LLM judge's request when `WRAPUP_VERIFY_JUDGE=llm` (the cold start made sure an LLM
    /// is configured then).
    fn judge_request(&self, call: &mut RedactedCall, summary: &Summary) -> Option<JudgeRequest> {
        let on = self.verification.judge == JudgeMode::Llm && self.llm.is_some();
        on.then(|| JudgeRequest::new(call, &self.redactor, summary))
    }

    fn redact_summary(&self, call: &mut RedactedCall, summary: &Summary) -> Summary {
        let mut redact = |text: &str| call.redact_text(&self.redactor, text);
        let mut out = summary.clone();
        out.executive_summary = redact(&summary.executive_summary);
        out.reason = summary.reason.as_deref().map(&mut redact);
        out.resolution = summary.resolution.as_deref().map(&mut redact);
        out.key_phrases = summary.key_phrases.iter().map(|p| redact(p)).collect();
        for item in &mut out.action_items {
            item.text = redact(&item.text);
        }
        out
    }
}

/// The judge's deadline: the request's, less the time the audit, the store and the CRM handoff
/// need after it. A judge that runs out of it is skipped, never the summary.
fn judge_deadline(deadline: Deadline) -> Deadline {
    const RESERVE: std::time::Duration = std::time::Duration::from_secs(2);
    let instant = deadline.instant();
    Deadline::at(instant.checked_sub(RESERVE).unwrap_or(instant))
}

fn transcript_hash(transcript: &Transcript) -> String {
    let mut hasher = Sha256::new();
    for utterance in &transcript.utterances {
        hasher.update(utterance.start_offset_ms.to_be_bytes());
        hasher.update(utterance.text.as_bytes());
        hasher.update([0]);
    }
    hex::encode(hasher.finalize())
}

/// `llm fallback: <cause code>` when the built-in summariser stood in for the LLM.
fn fallback_detail(response: &SummaryResponse) -> Option<String> {
    let reason = response.source.fallback_reason.as_deref()?;
    let code = FallbackCause::from_reason(reason).map_or("failed", FallbackCause::code);
    Some(format!("llm fallback: {code}"))
}

fn source_name(response: &SummaryResponse) -> String {
    serde_json::to_value(response.source.source)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(super) fn status_name(status: SummaryStatus) -> &'static str {
    status.as_str()
}
