//! The budget's DynamoDB side: leasing slots, writing holds and pauses, checking far leases for
//! a pause, and falling back to in-process pacing when the store fails.

use std::time::Duration;

use rand::Rng;
use tracing::{debug, warn};

use super::local::Token;
use super::schedule::Schedule;
use super::store::{GrantOutcome, GrantRequest, RateBudgetError};
use super::{FALLBACK_PERIOD, Inner, MAX_CONFLICTS, STORE_TIMEOUT, bump};

impl Inner {
    pub(super) fn ttl_secs(&self, now_ms: i64) -> i64 {
        now_ms / 1000 + self.config.window.as_secs() as i64 + 3600
    }

    pub(super) async fn call<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, RateBudgetError>>,
    ) -> Result<T, RateBudgetError> {
        bump(&self.counters.store_calls, 1);
        tokio::time::timeout(STORE_TIMEOUT, call)
            .await
            .map_err(|_| RateBudgetError::Timeout(STORE_TIMEOUT))?
    }

    /// Writes what observe() and throttled() recorded: a new `allowed`, a hold or a pause.
    pub(super) async fn flush(&self) -> Result<(), RateBudgetError> {
        let (allowed, hold) = {
            let mut local = self.lock();
            (local.allowed_to_write.take(), local.hold_to_write.take())
        };
        let ttl = self.ttl_secs(self.clock.now_ms());
        if let Some(allowed) = allowed
            && let Err(err) = self.call(self.store.set_allowed(&self.key, allowed, ttl)).await
        {
            let mut local = self.lock();
            local.allowed_to_write.get_or_insert(allowed);
            if let Some(hold) = hold {
                local.merge_hold(hold);
            }
            return Err(err);
        }
        if let Some(hold) = hold {
            let result = self
                .call(self.store.hold(&self.key, hold.until_ms, hold.pause, ttl))
                .await;
            let mut local = self.lock();
            match result {
                Ok(()) => {
                    bump(&self.counters.holds, 1);
                    local.hold_written_ms = local.hold_written_ms.max(hold.until_ms);
                    local.known_next_ms = Some(local.known_next_ms.unwrap_or(0).max(hold.until_ms));
                }
                Err(err) => {
                    local.merge_hold(hold);
                    return Err(err);
                }
            }
        }
        Ok(())
    }

    /// Leases the next tokens for this worker.
    pub(super) async fn lease(&self) -> Result<(), RateBudgetError> {
        self.flush().await?;
        let count = {
            let mut local = self.lock();
            local.lease_size = if local.wasted_since_lease {
                (local.lease_size / 2).max(1)
            } else {
                (local.lease_size * 2).min(local.schedule.max_lease)
            };
            local.wasted_since_lease = false;
            local.lease_size.min(local.schedule.max_lease)
        };
        let mut conflicts = 0;
        loop {
            let now = self.clock.now_ms();
            let (schedule, known_next) = {
                let local = self.lock();
                (local.schedule, local.known_next_ms)
            };
            let floor_ms = schedule.floor_ms(now);
            let request = GrantRequest {
                idle: known_next.is_none_or(|next| next < floor_ms),
                floor_ms,
                horizon_ms: now + schedule.horizon_ms,
                span_ms: schedule.span_ms(count),
                allowed: schedule.allowed,
                ttl_secs: self.ttl_secs(now),
            };
            let item = match self.call(self.store.grant(&self.key, &request)).await? {
                GrantOutcome::Granted { next_ms } => {
                    let mut local = self.lock();
                    local.known_next_ms = Some(next_ms);
                    let ready = schedule.ready_times(next_ms, count, now);
                    let far = ready
                        .first()
                        .is_some_and(|first| *first > now + schedule.check_beyond_ms);
                    local
                        .tokens
                        .extend(ready.into_iter().enumerate().map(|(i, ready_ms)| Token {
                            ready_ms,
                            check: far && i == 0,
                        }));
                    bump(&self.counters.leases, 1);
                    bump(&self.counters.tokens_leased, u64::from(count));
                    return Ok(());
                }
                GrantOutcome::Refused(item) => item,
            };
            bump(&self.counters.refused, 1);
            let must_write_allowed = {
                let mut local = self.lock();
                local.known_next_ms = item.next_ms;
                if let Some(paused_until) = item.paused_until_ms {
                    local.paused_until_ms = local.paused_until_ms.max(paused_until);
                }
                match item.allowed {
                    Some(allowed) if allowed != local.schedule.allowed => {
                        if local.allowed_from_header {
                            local.allowed_to_write = Some(local.schedule.allowed);
                            true
                        } else {
                            local.schedule = Schedule::new(allowed, &self.config);
                            false
                        }
                    }
                    _ => false,
                }
            };
            if must_write_allowed {
                self.flush().await?;
            }
            let ahead = item.next_ms.map_or(0, |next| next - (now + schedule.horizon_ms));
            if ahead > 0 {
                // Other workers leased up to the horizon: come back when there is room.
                let jitter = rand::thread_rng().gen_range(0..=schedule.step_ms as i64);
                tokio::time::sleep(Duration::from_millis((ahead + jitter) as u64)).await;
                continue;
            }
            conflicts += 1;
            if conflicts >= MAX_CONFLICTS {
                return Err(RateBudgetError::Contended(conflicts));
            }
            let jitter = rand::thread_rng().gen_range(0..=5 * u64::from(conflicts));
            tokio::time::sleep(Duration::from_millis(jitter)).await;
        }
    }

    /// Learns a pause written since this worker leased far ahead. Bounded by the grace, so a
    /// slow store cannot make the slot stale; a failed check lets the slot go (it was granted).
    pub(super) async fn check_for_pause(&self) {
        let grace = Duration::from_millis(self.lock().schedule.grace_ms as u64);
        bump(&self.counters.store_calls, 1);
        match tokio::time::timeout(grace, self.store.load(&self.key)).await {
            Ok(Ok(item)) => {
                if let Some(paused_until) = item.paused_until_ms {
                    let mut local = self.lock();
                    local.paused_until_ms = local.paused_until_ms.max(paused_until);
                }
            }
            Ok(Err(err)) => debug!(error = %err, "could not check the rate budget for a pause"),
            Err(_) => debug!("the rate budget pause check timed out"),
        }
    }

    pub(super) fn enter_fallback(&self, error: &RateBudgetError) {
        let now = self.clock.now_ms();
        let mut local = self.lock();
        let was_in_fallback = local.fallback_until_ms.is_some_and(|until| until > now);
        local.fallback_until_ms = Some(now + FALLBACK_PERIOD.as_millis() as i64);
        drop(local);
        if !was_in_fallback {
            warn!(
                error = %error,
                share = self.config.fallback_share,
                "shared Genesys rate budget unavailable; pacing this worker alone at a conservative share"
            );
        }
    }
}
