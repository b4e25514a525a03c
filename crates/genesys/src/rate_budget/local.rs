//! This worker's side of the budget: its clock, the tokens it leased, what it learned from
//! headers and what it still has to write to the item.

use std::collections::VecDeque;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use super::bump;
use super::schedule::{Schedule, WindowEnd};
use crate::auth::now_ms;

/// Epoch milliseconds that follow tokio's clock (so paused-time tests work), anchored once.
#[derive(Debug, Clone, Copy)]
pub(super) struct Clock {
    pub(super) epoch_ms: i64,
    pub(super) origin: tokio::time::Instant,
}

impl Clock {
    pub(super) fn new() -> Self {
        Self {
            epoch_ms: now_ms(),
            origin: tokio::time::Instant::now(),
        }
    }

    pub(super) fn now_ms(&self) -> i64 {
        self.epoch_ms + self.origin.elapsed().as_millis() as i64
    }

    pub(super) fn instant(&self, at_ms: i64) -> tokio::time::Instant {
        self.origin + Duration::from_millis(at_ms.saturating_sub(self.epoch_ms).max(0) as u64)
    }
}

/// A leased request slot.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    /// When it may be used (ms since the epoch).
    pub(super) ready_ms: i64,
    /// The first slot of a lease granted far ahead: check for a pause before using it.
    pub(super) check: bool,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct PendingHold {
    pub(super) until_ms: i64,
    pub(super) pause: bool,
}

/// This worker's view: leased tokens, what it learned, what it still has to write.
#[derive(Debug)]
pub(super) struct Local {
    pub(super) schedule: Schedule,
    pub(super) allowed_from_header: bool,
    pub(super) allowed_to_write: Option<u32>,
    /// Leased tokens, earliest first.
    pub(super) tokens: VecDeque<Token>,
    pub(super) lease_size: u32,
    pub(super) wasted_since_lease: bool,
    pub(super) paused_until_ms: i64,
    pub(super) hold_to_write: Option<PendingHold>,
    pub(super) hold_written_ms: i64,
    pub(super) known_next_ms: Option<i64>,
    pub(super) window_end: WindowEnd,
    pub(super) fallback_until_ms: Option<i64>,
}

impl Local {
    /// The next usable token; stale or paused ones are dropped (and counted).
    pub(super) fn take(&mut self, now_ms: i64, wasted: &AtomicU64) -> Option<Token> {
        while let Some(token) = self.tokens.pop_front() {
            if self.unusable(token.ready_ms, now_ms) {
                self.wasted_since_lease = true;
                bump(wasted, 1);
                continue;
            }
            return Some(token);
        }
        None
    }

    /// Too late (see `grace` in the module docs) or inside a pause.
    pub(super) fn unusable(&self, ready_ms: i64, now_ms: i64) -> bool {
        ready_ms + self.schedule.grace_ms < now_ms || ready_ms < self.paused_until_ms
    }

    pub(super) fn merge_hold(&mut self, hold: PendingHold) {
        let merged = match self.hold_to_write {
            Some(pending) if pending.until_ms >= hold.until_ms => PendingHold {
                pause: pending.pause || hold.pause,
                ..pending
            },
            Some(pending) => PendingHold {
                pause: pending.pause || hold.pause,
                ..hold
            },
            None => hold,
        };
        self.hold_to_write = Some(merged);
    }
}
