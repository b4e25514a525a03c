//! The two-tier token cache: in-process first, then the shared DynamoDB item, then Genesys.
//!
//! - In-process: a fresh token is served without any I/O; one refresh at a time per process
//!   (single-flight behind an async mutex), the other tasks wait for its result.
//! - Shared: one item per client id and login host. A token due for refresh is refreshed by the
//!   one instance that wins a conditional-write lease; the others keep using the still-valid token,
//!   or, when there is none, poll briefly until the lease holder stores one.
//! - A 401 invalidates exactly the token that failed, in both tiers (conditional on its value).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tracing::{debug, info, warn};

use super::auth::{AccessToken, OAuthClient, now_ms};
use super::error::GenesysError;
use super::retry::Deadline;
use super::token_store::TokenStore;

/// A token must stay valid at least this long to be handed out.
const MIN_VALIDITY: Duration = Duration::from_secs(1);
/// While another instance refreshes, a still-valid token is served from memory this long
/// before the shared tier is asked again.
const STALE_RECHECK: Duration = Duration::from_secs(1);

/// A token and until when this process serves it without looking further.
#[derive(Clone)]
struct Held {
    token: AccessToken,
    serve_until_ms: i64,
}

impl Held {
    fn fresh(token: AccessToken) -> Self {
        Self {
            serve_until_ms: token.refresh_at_ms(),
            token,
        }
    }

    /// A token due for refresh that someone else is refreshing: serve it briefly.
    fn stale(token: AccessToken, now_ms: i64) -> Self {
        let until = (now_ms + STALE_RECHECK.as_millis() as i64)
            .min(token.expires_at_ms() - MIN_VALIDITY.as_millis() as i64);
        Self {
            serve_until_ms: until,
            token,
        }
    }
}

#[derive(Debug, Clone)]
pub struct TokenCacheConfig {
    /// How long a refresh lease is held before others may take it over (crashed holder).
    pub lease: Duration,
    /// First pause between reads while another instance refreshes; grows to 4x.
    pub wait_poll: Duration,
}

impl Default for TokenCacheConfig {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(10),
            wait_poll: Duration::from_millis(50),
        }
    }
}

/// Counters for the demo, benchmarks and tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TokenCacheStats {
    pub memory_hits: u64,
    pub shared_hits: u64,
    pub fetches: u64,
    pub invalidations: u64,
}

#[derive(Default)]
struct Counters {
    memory_hits: AtomicU64,
    shared_hits: AtomicU64,
    fetches: AtomicU64,
    invalidations: AtomicU64,
}

pub struct TokenCache {
    key: String,
    owner: String,
    oauth: OAuthClient,
    memory: RwLock<Option<Held>>,
    refresh: tokio::sync::Mutex<()>,
    store: Option<Arc<dyn TokenStore>>,
    config: TokenCacheConfig,
    counters: Counters,
}

impl TokenCache {
    pub(crate) fn new(
        oauth: OAuthClient,
        store: Option<Arc<dyn TokenStore>>,
        config: TokenCacheConfig,
    ) -> Self {
        Self {
            key: format!("genesys-token#{}#{}", oauth.client_id(), oauth.login_host()),
            owner: uuid::Uuid::new_v4().to_string(),
            oauth,
            memory: RwLock::new(None),
            refresh: tokio::sync::Mutex::new(()),
            store,
            config,
            counters: Counters::default(),
        }
    }

    /// The shared item's key: one per client id and region (login host).
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn stats(&self) -> TokenCacheStats {
        TokenCacheStats {
            memory_hits: self.counters.memory_hits.load(Ordering::Relaxed),
            shared_hits: self.counters.shared_hits.load(Ordering::Relaxed),
            fetches: self.counters.fetches.load(Ordering::Relaxed),
            invalidations: self.counters.invalidations.load(Ordering::Relaxed),
        }
    }

    fn memory_get(&self) -> Option<Held> {
        self.memory.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn memory_set(&self, held: Held) {
        *self.memory.write().unwrap_or_else(|p| p.into_inner()) = Some(held);
    }

    fn memory_hit(&self) -> Option<AccessToken> {
        let now = now_ms();
        let held = self
            .memory_get()
            .filter(|h| now < h.serve_until_ms && h.token.is_usable(now, MIN_VALIDITY))?;
        self.counters.memory_hits.fetch_add(1, Ordering::Relaxed);
        Some(held.token)
    }

    /// A token to call the API with.
    pub async fn token(&self, deadline: Deadline) -> Result<AccessToken, GenesysError> {
        if let Some(token) = self.memory_hit() {
            return Ok(token);
        }
        let _single_flight = tokio::time::timeout(deadline.remaining(), self.refresh.lock())
            .await
            .map_err(|_| GenesysError::TokenWaitTimedOut)?;
        // Whoever held the lock before us may have refreshed already.
        if let Some(token) = self.memory_hit() {
            return Ok(token);
        }
        let refreshed = match &self.store {
            Some(store) => match self.refresh_shared(store.as_ref(), deadline).await {
                // The shared tier is an optimisation: if DynamoDB fails, Genesys calls must not.
                Err(GenesysError::TokenStore(err)) => {
                    warn!(error = %err, "shared token cache unavailable; fetching a token for this instance only");
                    self.fetch(deadline).await.map(Held::fresh)
                }
                other => other,
            },
            None => self.fetch(deadline).await.map(Held::fresh),
        };
        match refreshed {
            Ok(held) => {
                self.memory_set(held.clone());
                Ok(held.token)
            }
            Err(err) => {
                // A failed refresh must not fail calls while the old token is still valid.
                let now = now_ms();
                match self.memory_get().filter(|h| h.token.is_usable(now, MIN_VALIDITY)) {
                    Some(held) => {
                        warn!(error = %err, "Genesys token refresh failed; using the still-valid token");
                        self.memory_set(Held::stale(held.token.clone(), now));
                        Ok(held.token)
                    }
                    None => Err(err),
                }
            }
        }
    }

    /// Forgets `token` after Genesys answered 401 to it.
    pub async fn invalidate(&self, token: &AccessToken) -> Result<(), GenesysError> {
        {
            let mut memory = self.memory.write().unwrap_or_else(|p| p.into_inner());
            if memory.as_ref().is_some_and(|held| &held.token == token) {
                *memory = None;
            }
        }
        self.counters.invalidations.fetch_add(1, Ordering::Relaxed);
        if let Some(store) = &self.store {
            let removed = store.invalidate(&self.key, token).await?;
            debug!(removed, "invalidated the shared Genesys token after a 401");
        }
        Ok(())
    }

    async fn fetch(&self, deadline: Deadline) -> Result<AccessToken, GenesysError> {
        self.counters.fetches.fetch_add(1, Ordering::Relaxed);
        let token = self.oauth.fetch(deadline).await?;
        info!(
            expires_at_ms = token.expires_at_ms(),
            "fetched a new Genesys token"
        );
        Ok(token)
    }

    async fn refresh_shared(&self, store: &dyn TokenStore, deadline: Deadline) -> Result<Held, GenesysError> {
        let mut pause = self.config.wait_poll;
        loop {
            let now = now_ms();
            let record = store.load(&self.key).await?;
            let usable = record.token.clone().filter(|t| t.is_usable(now, MIN_VALIDITY));
            if let Some(token) = usable.as_ref().filter(|t| t.is_fresh(now)) {
                self.counters.shared_hits.fetch_add(1, Ordering::Relaxed);
                return Ok(Held::fresh(token.clone()));
            }
            if !record.lease_active(now)
                && store
                    .try_lease(&self.key, &self.owner, now, self.config.lease)
                    .await?
            {
                return self.refresh_under_lease(store, deadline).await;
            }
            // Someone else is refreshing: a still-valid token is good enough meanwhile.
            if let Some(token) = usable {
                self.counters.shared_hits.fetch_add(1, Ordering::Relaxed);
                return Ok(Held::stale(token, now));
            }
            if pause + MIN_VALIDITY / 10 >= deadline.remaining() {
                return Err(GenesysError::TokenWaitTimedOut);
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(self.config.wait_poll * 4);
        }
    }

    async fn refresh_under_lease(
        &self,
        store: &dyn TokenStore,
        deadline: Deadline,
    ) -> Result<Held, GenesysError> {
        // Finish before the lease runs out, so no one takes it over while we still work.
        let lease_deadline = Deadline::after(self.config.lease.mul_f64(0.8)).min(deadline);
        match self.fetch(lease_deadline).await {
            Ok(token) => {
                if !store.put_token(&self.key, &self.owner, &token).await? {
                    warn!("lost the token refresh lease before storing; keeping the token in-process only");
                }
                Ok(Held::fresh(token))
            }
            Err(err) => {
                if let Err(release) = store.release_lease(&self.key, &self.owner).await {
                    warn!(error = %release, "could not release the token refresh lease");
                }
                Err(err)
            }
        }
    }
}
