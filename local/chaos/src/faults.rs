//! Faults at the functions' edges: every call a function makes to a store, a queue or a CRM
//! target goes through [`around`], which may make that one call fail (as DynamoDB or SQS do when
//! throttled or unreachable) or kill the invocation right after it (as a timeout, an out-of-memory
//! or a lost sandbox does, between two side effects). Which call of an invocation is hit is the
//! driver's choice, so the soak walks the hit through every position of every flow.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

/// What happens to the chosen call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    /// The call fails without doing anything.
    Fail,
    /// The call is done, then the invocation dies before it learns the result.
    CrashAfter,
}

/// Which call of an invocation a planned fault hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The n-th call (0-based), whatever it is.
    Position(usize),
    /// The first call of this name (`deliveries.complete`).
    Call(&'static str),
}

/// One invocation of a function (an API request or an SQS batch), and its planned fault.
#[derive(Debug, Default)]
pub struct Invocation {
    /// The call to hit, and how.
    plan: Option<(Target, Fault)>,
    calls: AtomicUsize,
    hit: AtomicBool,
    killed: AtomicBool,
    kill: Notify,
}

impl Invocation {
    pub fn new(plan: Option<(Target, Fault)>) -> Arc<Self> {
        Arc::new(Self {
            plan,
            ..Self::default()
        })
    }

    /// Runs `work` as this invocation: `None` when a planned crash killed it (the future is
    /// dropped where it stood, nothing after the crash runs).
    pub async fn run<T>(self: &Arc<Self>, work: impl Future<Output = T>) -> Option<T> {
        let this = Arc::clone(self);
        CURRENT
            .scope(Arc::clone(self), async move {
                tokio::select! {
                    biased;
                    () = this.kill.notified() => None,
                    out = work => if this.killed.load(Ordering::SeqCst) { None } else { Some(out) },
                }
            })
            .await
    }

    /// The planned fault, if any.
    pub fn plan(&self) -> Option<(Target, Fault)> {
        self.plan
    }

    /// Whether the planned fault fired (a call it aims at by name was reached).
    pub fn fired(&self) -> bool {
        match self.plan {
            Some((Target::Call(_), _)) => self.hit.load(Ordering::SeqCst),
            Some((Target::Position(at), _)) => self.calls() > at,
            None => false,
        }
    }

    /// Whether a fault is planned for this invocation.
    pub fn planned(&self) -> bool {
        self.plan.is_some()
    }

    /// Calls made so far (how many side effects the flow has).
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

tokio::task_local! {
    static CURRENT: Arc<Invocation>;
}

/// How many faults hit each call, by `component.method` and kind.
#[derive(Debug, Default)]
pub struct Tally(Mutex<BTreeMap<(&'static str, Fault), u32>>);

impl Tally {
    fn record(&self, call: &'static str, fault: Fault) {
        let mut counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *counts.entry((call, fault)).or_default() += 1;
    }

    pub fn counts(&self) -> BTreeMap<(&'static str, Fault), u32> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Runs `call` as call `name` of the current invocation, with its planned fault if this is the
/// call to hit. Outside an invocation (the driver's own reads) calls run untouched.
pub async fn around<T, E>(
    name: &'static str,
    tally: &Tally,
    error: impl FnOnce() -> E,
    call: impl Future<Output = Result<T, E>>,
) -> Result<T, E> {
    let Ok(invocation) = CURRENT.try_with(Arc::clone) else {
        return call.await;
    };
    let index = invocation.calls.fetch_add(1, Ordering::SeqCst);
    let chosen = match invocation.plan {
        Some((Target::Position(at), fault)) if at == index => Some(fault),
        Some((Target::Call(call), fault)) if call == name && !invocation.hit.swap(true, Ordering::SeqCst) => {
            Some(fault)
        }
        _ => None,
    };
    match chosen {
        Some(fault) => {
            tally.record(name, fault);
            match fault {
                Fault::Fail => Err(error()),
                Fault::CrashAfter => {
                    let _lost = call.await;
                    invocation.killed.store(true, Ordering::SeqCst);
                    invocation.kill.notify_one();
                    std::future::pending().await
                }
            }
        }
        None => call.await,
    }
}
