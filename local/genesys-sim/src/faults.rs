//! Fault injection (`POST /_sim/faults`).

use serde::Serialize;
use serde_json::{Map, Value};

/// A deterministic "fail (or delay) the next `count` matching requests" rule.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FailRule {
    /// An operationId (`getConversationSummaries`, `oauthToken`, `transcriptDocument`,
    /// `chatCompletions`, `bedrockConverse`, `crmWebhook`, `dashboardReports`) or a path prefix
    /// starting with `/`.
    pub operation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    pub count: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
}

/// LLM endpoint behaviour.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LlmFault {
    /// `ok`, `malformed`, `fenced`, `timeout`, `rate_limited`, `service_unavailable`; Bedrock's
    /// own: `access_denied`, `validation`, `model_timeout`, `guardrail_intervened`, `text`.
    pub mode: String,
    /// Requests left in this mode (then back to `ok`); `None` = until changed.
    pub count: Option<u32>,
    pub delay_ms: Option<u64>,
}

/// CRM endpoint failures.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CrmFault {
    pub fail_next: u32,
    pub status: u16,
    /// `webhook`, `dataAction` or `participantAttributes`; `None` = any CRM target.
    pub target: Option<String>,
    /// Probability (0..1) that any other write (of `target`) fails with `status` (seeded RNG).
    pub rate: f64,
}

/// Dashboard receiver failures (`POST /_sim/dashboard/reports`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DashboardFault {
    pub fail_next: u32,
    pub status: u16,
    /// Sent as `Retry-After` with the failures when set.
    pub retry_after_secs: Option<u64>,
}

/// Active faults. Serialised by `GET /_sim/faults`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Faults {
    pub rate429: f64,
    pub retry_after_secs: u64,
    pub status5xx: f64,
    pub status5xx_code: u16,
    pub latency_ms: u64,
    pub expire_transcript_urls: bool,
    pub token_endpoint_failure: String,
    pub fail_next: Vec<FailRule>,
    pub job_outcome: String,
    /// How many more jobs end with `job_outcome` before it reverts to `fulfilled` (`None`: all).
    pub job_outcome_count: Option<u32>,
    pub llm: LlmFault,
    pub crm: CrmFault,
    pub dashboard: DashboardFault,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            rate429: 0.0,
            retry_after_secs: 1,
            status5xx: 0.0,
            status5xx_code: 503,
            latency_ms: 0,
            expire_transcript_urls: false,
            token_endpoint_failure: "none".into(),
            fail_next: Vec::new(),
            job_outcome: "fulfilled".into(),
            job_outcome_count: None,
            llm: LlmFault {
                mode: "ok".into(),
                count: None,
                delay_ms: None,
            },
            crm: CrmFault {
                fail_next: 0,
                status: 500,
                target: None,
                rate: 0.0,
            },
            dashboard: DashboardFault {
                fail_next: 0,
                status: 503,
                retry_after_secs: None,
            },
        }
    }
}

/// What a fault update asks for besides changing [`Faults`].
#[derive(Debug, Default)]
pub struct Actions {
    pub reset: bool,
    pub revoke_all_tokens: bool,
}

fn prob(v: &Value, key: &str) -> Result<f64, String> {
    v.as_f64()
        .filter(|p| (0.0..=1.0).contains(p))
        .ok_or_else(|| format!("{key}: must be a number between 0 and 1"))
}
fn uint(v: &Value, key: &str) -> Result<u64, String> {
    v.as_u64()
        .ok_or_else(|| format!("{key}: must be a non-negative integer"))
}
fn status(v: &Value, key: &str) -> Result<u16, String> {
    v.as_u64()
        .filter(|s| (400..=599).contains(s))
        .map(|s| s as u16)
        .ok_or_else(|| format!("{key}: must be an HTTP error status (400..599)"))
}
fn one_of(v: &Value, key: &str, allowed: &[&str]) -> Result<String, String> {
    v.as_str()
        .filter(|s| allowed.contains(s))
        .map(str::to_string)
        .ok_or_else(|| format!("{key}: must be one of {}", allowed.join(", ")))
}
fn boolean(v: &Value, key: &str) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| format!("{key}: must be a boolean"))
}

impl Faults {
    /// Merges a JSON update into the faults. Errors name the field. `failNext` rules are appended.
    pub fn merge(&mut self, update: &Value) -> Result<Actions, String> {
        let obj = update.as_object().ok_or("body: must be a JSON object")?;
        let mut actions = Actions::default();
        if obj.get("reset").and_then(Value::as_bool) == Some(true) {
            *self = Faults::default();
            actions.reset = true;
        }
        let mut next = self.clone();
        for (key, v) in obj {
            match key.as_str() {
                "reset" => {
                    boolean(v, key)?;
                }
                "rate429" => next.rate429 = prob(v, key)?,
                "retryAfterSecs" => next.retry_after_secs = uint(v, key)?,
                "status5xx" => next.status5xx = prob(v, key)?,
                "status5xxCode" => {
                    let s = status(v, key)?;
                    if !(500..=599).contains(&s) {
                        return Err("status5xxCode: must be a 5xx status".into());
                    }
                    next.status5xx_code = s;
                }
                "latencyMs" => next.latency_ms = uint(v, key)?,
                "tokenRevokeAll" => actions.revoke_all_tokens = boolean(v, key)?,
                "expireTranscriptUrls" => next.expire_transcript_urls = boolean(v, key)?,
                "tokenEndpointFailure" => {
                    next.token_endpoint_failure = one_of(v, key, &["none", "rate_limited", "server_error"])?
                }
                "jobOutcome" => next.job_outcome = one_of(v, key, &["fulfilled", "failed", "expired"])?,
                "jobOutcomeCount" => {
                    next.job_outcome_count =
                        Some(u32::try_from(uint(v, key)?).map_err(|_| "jobOutcomeCount: too large")?)
                }
                "failNext" => {
                    let rules = v.as_array().ok_or("failNext: must be an array")?;
                    for (i, r) in rules.iter().enumerate() {
                        next.fail_next.push(fail_rule(r, i)?);
                    }
                }
                "llm" => merge_llm(&mut next.llm, v)?,
                "crm" => merge_crm(&mut next.crm, v)?,
                "dashboard" => merge_dashboard(&mut next.dashboard, v)?,
                other => return Err(format!("{other}: unknown fault")),
            }
        }
        *self = next;
        Ok(actions)
    }

    /// Consumes the first `failNext` rule matching `operation` or `path`.
    pub fn take_fail_next(&mut self, operation: &str, path: &str) -> Option<FailRule> {
        let i = self.fail_next.iter().position(|r| {
            r.operation == operation || (r.operation.starts_with('/') && path.starts_with(&r.operation))
        })?;
        let rule = self.fail_next[i].clone();
        if self.fail_next[i].count <= 1 {
            self.fail_next.remove(i);
        } else {
            self.fail_next[i].count -= 1;
        }
        Some(rule)
    }

    /// Consumes one CRM failure for `target`, returning the status to answer with.
    pub fn take_crm_failure(&mut self, target: &str) -> Option<u16> {
        let applies = self.crm.target.as_deref().is_none_or(|t| t == target);
        if self.crm.fail_next > 0 && applies {
            self.crm.fail_next -= 1;
            Some(self.crm.status)
        } else {
            None
        }
    }

    /// Consumes one dashboard failure: the status and `Retry-After` seconds to answer with.
    pub fn take_dashboard_failure(&mut self) -> Option<(u16, Option<u64>)> {
        if self.dashboard.fail_next == 0 {
            return None;
        }
        self.dashboard.fail_next -= 1;
        Some((self.dashboard.status, self.dashboard.retry_after_secs))
    }

    /// The LLM mode for the next request (consumes one of `llm.count`).
    pub fn take_llm_mode(&mut self) -> (String, Option<u64>) {
        let mode = self.llm.mode.clone();
        let delay = self.llm.delay_ms;
        if let Some(n) = self.llm.count.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.llm = LlmFault {
                    mode: "ok".into(),
                    count: None,
                    delay_ms: None,
                };
            }
        }
        (mode, delay)
    }
}

fn fail_rule(r: &Value, i: usize) -> Result<FailRule, String> {
    let key = |k: &str| format!("failNext[{i}].{k}");
    let o: &Map<String, Value> = r
        .as_object()
        .ok_or_else(|| format!("failNext[{i}]: must be an object"))?;
    for k in o.keys() {
        if !["operation", "status", "count", "retryAfterSecs", "delayMs"].contains(&k.as_str()) {
            return Err(format!("{}: unknown field", key(k)));
        }
    }
    let operation = o
        .get("operation")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            format!(
                "{}: is required (an operationId or a path prefix)",
                key("operation")
            )
        })?;
    let status = o.get("status").map(|v| status(v, &key("status"))).transpose()?;
    let count = match o.get("count") {
        Some(v) => uint(v, &key("count"))?,
        None => 1,
    };
    if count == 0 {
        return Err(format!("{}: must be at least 1", key("count")));
    }
    let delay_ms = o.get("delayMs").map(|v| uint(v, &key("delayMs"))).transpose()?;
    if status.is_none() && delay_ms.is_none() {
        return Err(format!("failNext[{i}]: needs a status or a delayMs"));
    }
    Ok(FailRule {
        operation: operation.to_string(),
        status,
        count: u32::try_from(count).unwrap_or(u32::MAX),
        retry_after_secs: o
            .get("retryAfterSecs")
            .map(|v| uint(v, &key("retryAfterSecs")))
            .transpose()?,
        delay_ms,
    })
}

/// The modes of the LLM endpoints (see README.md).
const LLM_MODES: [&str; 11] = [
    "ok",
    "malformed",
    "fenced",
    "timeout",
    "rate_limited",
    "service_unavailable",
    "access_denied",
    "validation",
    "model_timeout",
    "guardrail_intervened",
    "text",
];

fn merge_llm(llm: &mut LlmFault, v: &Value) -> Result<(), String> {
    let o = v.as_object().ok_or("llm: must be an object")?;
    for (k, v) in o {
        match k.as_str() {
            "mode" => llm.mode = one_of(v, "llm.mode", &LLM_MODES)?,
            "count" => llm.count = Some(u32::try_from(uint(v, "llm.count")?).unwrap_or(u32::MAX)),
            "delayMs" => llm.delay_ms = Some(uint(v, "llm.delayMs")?),
            other => return Err(format!("llm.{other}: unknown field")),
        }
    }
    if !o.contains_key("count") && o.contains_key("mode") {
        llm.count = None;
    }
    Ok(())
}

fn merge_crm(crm: &mut CrmFault, v: &Value) -> Result<(), String> {
    let o = v.as_object().ok_or("crm: must be an object")?;
    for (k, v) in o {
        match k.as_str() {
            "failNext" => crm.fail_next = u32::try_from(uint(v, "crm.failNext")?).unwrap_or(u32::MAX),
            "status" => crm.status = status(v, "crm.status")?,
            "rate" => crm.rate = prob(v, "crm.rate")?,
            "target" => {
                crm.target = match v {
                    Value::Null => None,
                    _ => Some(one_of(
                        v,
                        "crm.target",
                        &["webhook", "dataAction", "participantAttributes"],
                    )?),
                }
            }
            other => return Err(format!("crm.{other}: unknown field")),
        }
    }
    Ok(())
}

fn merge_dashboard(dashboard: &mut DashboardFault, v: &Value) -> Result<(), String> {
    let o = v.as_object().ok_or("dashboard: must be an object")?;
    for (k, v) in o {
        match k.as_str() {
            "failNext" => {
                dashboard.fail_next = u32::try_from(uint(v, "dashboard.failNext")?).unwrap_or(u32::MAX)
            }
            "status" => dashboard.status = status(v, "dashboard.status")?,
            "retryAfterSecs" => {
                dashboard.retry_after_secs = match v {
                    Value::Null => None,
                    _ => Some(uint(v, "dashboard.retryAfterSecs")?),
                }
            }
            other => return Err(format!("dashboard.{other}: unknown field")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fail_next_counts_down() {
        let mut f = Faults::default();
        f.merge(&json!({"failNext": [{"operation": "getConversationSummaries", "status": 503, "count": 2}]}))
            .unwrap();
        assert!(f.take_fail_next("getConversationSummaries", "/x").is_some());
        assert!(f.take_fail_next("other", "/x").is_none());
        assert!(f.take_fail_next("getConversationSummaries", "/x").is_some());
        assert!(f.take_fail_next("getConversationSummaries", "/x").is_none());
    }

    #[test]
    fn crm_failure_rate() {
        let mut f = Faults::default();
        f.merge(&json!({"crm": {"rate": 0.25, "status": 503}})).unwrap();
        assert_eq!((f.crm.rate, f.crm.status, f.crm.fail_next), (0.25, 503, 0));
        f.merge(&json!({"reset": true})).unwrap();
        assert_eq!(f.crm.rate, 0.0);
    }

    #[test]
    fn rejects_bad_updates() {
        let mut f = Faults::default();
        assert!(f.merge(&json!({"rate429": 2})).unwrap_err().contains("rate429"));
        assert!(
            f.merge(&json!({"crm": {"rate": 1.5}}))
                .unwrap_err()
                .contains("crm.rate")
        );
        assert!(f.merge(&json!({"bogus": 1})).unwrap_err().contains("bogus"));
        assert!(f.merge(&json!({"failNext": [{"operation": "x"}]})).is_err());
        assert!(
            f.merge(&json!({"dashboard": {"status": 200}}))
                .unwrap_err()
                .contains("dashboard.status")
        );
        assert!(
            f.merge(&json!({"dashboard": {"bogus": 1}}))
                .unwrap_err()
                .contains("dashboard.bogus")
        );
        assert_eq!(f, Faults::default());
    }

    #[test]
    fn dashboard_failures_count_down() {
        let mut f = Faults::default();
        assert_eq!(f.take_dashboard_failure(), None);
        f.merge(&json!({"dashboard": {"failNext": 2, "status": 503, "retryAfterSecs": 1}}))
            .unwrap();
        assert_eq!(f.take_dashboard_failure(), Some((503, Some(1))));
        assert_eq!(f.take_dashboard_failure(), Some((503, Some(1))));
        assert_eq!(f.take_dashboard_failure(), None);
        f.merge(&json!({"dashboard": {"failNext": 1, "status": 500, "retryAfterSecs": null}}))
            .unwrap();
        assert_eq!(f.take_dashboard_failure(), Some((500, None)));
    }
}
