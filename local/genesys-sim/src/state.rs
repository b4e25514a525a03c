//! Shared simulator state.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use serde_json::Value;

use crate::config::SimConfig;
use crate::faults::Faults;
use crate::org::render::Attributes;
use crate::org::{Conversation, Org};
use crate::ratelimit::Window;

/// An issued OAuth token.
#[derive(Debug, Clone)]
pub struct Token {
    pub expires_at: Instant,
    pub revoked: bool,
    pub window: Option<Window>,
}

/// Request counters (`GET /_sim/stats`).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub token_requests: u64,
    pub operations: BTreeMap<String, u64>,
    pub transcript_downloads: u64,
    pub transcript_downloads_with_authorization: u64,
    /// Every 429 an API request got: over the window's limit, or injected by a fault.
    pub rate_limited: u64,
    /// The 429s of the per-token window limiter alone (no injected faults).
    pub window_rate_limited: u64,
    /// Requests under `/api/v2` (not the OAuth endpoint, transcript documents or `/_sim`).
    pub total_api_requests: u64,
    /// When the first and the last `/api/v2` request arrived (ms since the Unix epoch).
    pub first_api_request_at: Option<i64>,
    pub last_api_request_at: Option<i64>,
    pub llm_requests: u64,
    pub crm_requests: u64,
}

impl Stats {
    pub fn count(&mut self, operation: &str) {
        *self.operations.entry(operation.to_string()).or_insert(0) += 1;
    }

    /// Records the arrival time of an `/api/v2` request.
    pub fn api_request_at(&mut self, epoch_ms: i64) {
        self.first_api_request_at.get_or_insert(epoch_ms);
        self.last_api_request_at = Some(epoch_ms);
    }
}

/// A details job.
#[derive(Debug, Clone)]
pub struct Job {
    pub submitted: chrono::DateTime<chrono::Utc>,
    pub polls: u32,
    pub state: &'static str,
    pub completed: Option<chrono::DateTime<chrono::Utc>>,
    pub error: Option<String>,
    pub conversation_ids: Vec<String>,
}

/// Mutable state, behind one mutex (never held across an await).
#[derive(Debug)]
pub struct Inner {
    pub tokens: HashMap<String, Token>,
    pub stats: Stats,
    pub faults: Faults,
    pub fault_rng: ChaCha8Rng,
    pub llm_requests: Vec<Value>,
    /// Converse requests (`POST /model/{modelId}/converse`), rejected ones included.
    pub bedrock_requests: Vec<Value>,
    /// Scripted LLM answers by `response_format.json_schema.name`, taken in order
    /// (`POST /_sim/llm/script`).
    pub llm_script: HashMap<String, VecDeque<String>>,
    pub crm_requests: Vec<Value>,
    /// Trend reports POSTed to the dashboard receiver, with how each was answered.
    pub dashboard_reports: Vec<Value>,
    pub loaded: HashMap<String, Arc<Conversation>>,
    pub jobs: HashMap<String, Job>,
    /// (conversationId, suggestionId) -> state set by engagements.
    pub suggestion_states: HashMap<(String, String), String>,
    /// conversationId -> participant attributes.
    pub attributes: HashMap<String, Attributes>,
}

impl Inner {
    fn new(seed: u64) -> Self {
        Self {
            tokens: HashMap::new(),
            stats: Stats::default(),
            faults: Faults::default(),
            fault_rng: ChaCha8Rng::seed_from_u64(seed ^ 0xfa17),
            llm_requests: Vec::new(),
            bedrock_requests: Vec::new(),
            llm_script: HashMap::new(),
            crm_requests: Vec::new(),
            dashboard_reports: Vec::new(),
            loaded: HashMap::new(),
            jobs: HashMap::new(),
            suggestion_states: HashMap::new(),
            attributes: HashMap::new(),
        }
    }
}

/// The simulator: configuration, seeded org and mutable state.
#[derive(Debug)]
pub struct Sim {
    pub config: SimConfig,
    pub org: Org,
    pub url_key: [u8; 32],
    pub base_url: OnceLock<String>,
    inner: Mutex<Inner>,
}

impl Sim {
    pub fn new(config: SimConfig) -> Self {
        let org = Org::generate(&config);
        let inner = Mutex::new(Inner::new(config.seed));
        Self {
            url_key: rand::random(),
            org,
            config,
            base_url: OnceLock::new(),
            inner,
        }
    }

    /// Locks the mutable state (a poisoned lock is recovered).
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        self.base_url.get().map_or("http://127.0.0.1", String::as_str)
    }

    /// A loaded or seeded conversation.
    pub fn conversation(&self, id: &str) -> Option<Arc<Conversation>> {
        if let Some(c) = self.lock().loaded.get(id) {
            return Some(Arc::clone(c));
        }
        self.org.get(id).cloned()
    }

    /// Every conversation (loaded ones shadow seeded ones with the same id), sorted by start.
    pub fn all_conversations(&self) -> Vec<Arc<Conversation>> {
        let loaded: Vec<Arc<Conversation>> = self.lock().loaded.values().cloned().collect();
        if loaded.is_empty() {
            return self.org.conversations().to_vec();
        }
        let mut all: Vec<Arc<Conversation>> = self
            .org
            .conversations()
            .iter()
            .filter(|c| !loaded.iter().any(|l| l.id == c.id))
            .cloned()
            .collect();
        all.extend(loaded);
        all.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        all
    }

    /// Clears stats, faults, logs, tokens, jobs and loaded conversations (keeps the seeded org).
    pub fn reset(&self) {
        *self.lock() = Inner::new(self.config.seed);
    }
}
