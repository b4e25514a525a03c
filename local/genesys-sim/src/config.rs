//! Simulator configuration.

use chrono::NaiveDate;

/// Everything that shapes a simulator run. Same `seed` + `anchor_date` + `conversations` + `days`
/// gives byte-identical seeded data.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Seed of the synthetic organisation (ChaCha RNG).
    pub seed: u64,
    /// Number of seeded conversations.
    pub conversations: usize,
    /// Conversations are spread over the `days` days before `anchor_date` (UTC).
    pub days: u32,
    /// The day after the last seeded day (UTC). Defaults to today.
    pub anchor_date: NaiveDate,
    /// `expires_in` of issued OAuth tokens.
    pub token_lifetime_secs: u64,
    /// Requests allowed per token per fixed window (60 s unless `rate_limit_window_secs` says
    /// otherwise; the name keeps Genesys' usual window).
    pub rate_limit_per_minute: u32,
    /// Length of the fixed rate-limit window in seconds (at least 1).
    pub rate_limit_window_secs: u64,
    /// OAuth client-credentials clients: `(client_id, client_secret)`.
    pub clients: Vec<(String, String)>,
    /// Lifetime of pre-signed transcript URLs.
    pub transcript_url_ttl_secs: u64,
    /// HMAC secret for `POST /_sim/crm/webhook` signatures.
    pub webhook_secret: String,
    /// Details jobs become FULFILLED after this many status polls.
    pub job_ready_after_polls: u32,
    /// Bearer token `POST /_sim/dashboard/reports` accepts.
    pub dashboard_token: String,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            seed: 42,
            conversations: 300,
            days: 7,
            anchor_date: chrono::Utc::now().date_naive(),
            token_lifetime_secs: 86_400,
            rate_limit_per_minute: 300,
            rate_limit_window_secs: 60,
            clients: vec![("local-client".to_string(), "local-secret".to_string())],
            transcript_url_ttl_secs: 600,
            webhook_secret: "local-webhook-secret".to_string(),
            job_ready_after_polls: 2,
            dashboard_token: "local-dashboard-token".to_string(),
        }
    }
}
