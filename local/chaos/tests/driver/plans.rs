//! Which invocations get a fault, and where: most at the next position in turn (every call of a
//! flow is reached), every second aimed by name at the next of the calls each flow must survive
//! a failure and a crash at, so none of them is left to chance.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use wrapup_chaos::{Fault, Target};

/// Share of invocations given a planned fault. crm-sync batches run many messages at once: a
/// larger share, so each of its calls is hit.
const SHARE: f64 = 0.3;
const SHARE_CRM: f64 = 0.6;
/// Every n-th planned fault is aimed at a named call.
const AIMED_EVERY: usize = 2;

/// About this many store, queue and CRM calls per API request, summary job and crm-sync message.
const CALLS_PER_REQUEST: usize = 12;
const CALLS_PER_JOB: usize = 10;
const CALLS_PER_CRM_MESSAGE: usize = 8;

/// The calls each flow must survive a failure and a crash at (the soak's checks require both).
pub const SUMMARY_CALLS: [&str; 5] = [
    "summaries.claim",
    "audit.create",
    "audit.record_outcome",
    "queue.send",
    "summaries.complete",
];
pub const CRM_CALLS: [&str; 4] = [
    "deliveries.claim",
    "crm.webhook",
    "deliveries.complete",
    "crm.dataAction",
];

#[derive(Debug, Clone, Copy)]
pub enum Flow {
    /// `POST /summaries`.
    Request,
    /// A summary-jobs batch of this many messages.
    Jobs(usize),
    /// A crm-sync batch of this many messages.
    Crm(usize),
}

pub struct Planner {
    rng: StdRng,
    turn: usize,
    aimed: [usize; 2],
    /// Aimed faults whose invocation never reached their call: aimed again first.
    missed: [Vec<(&'static str, Fault)>; 2],
}

impl Planner {
    pub fn new(seed: u64) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            turn: 0,
            aimed: [0; 2],
            missed: [Vec::new(), Vec::new()],
        }
    }

    pub fn rng(&mut self) -> &mut StdRng {
        &mut self.rng
    }

    /// The fault of the next invocation of `flow`, if it gets one; never when not `allowed` (a
    /// message already received often enough that more faults could exhaust its queue's limit).
    pub fn plan(&mut self, flow: Flow, allowed: bool) -> Option<(Target, Fault)> {
        let (share, calls, names, aimed) = match flow {
            Flow::Request => (SHARE, CALLS_PER_REQUEST, &SUMMARY_CALLS[..], 0),
            Flow::Jobs(n) => (SHARE, CALLS_PER_JOB * n, &SUMMARY_CALLS[..], 0),
            Flow::Crm(n) => (SHARE_CRM, CALLS_PER_CRM_MESSAGE * n, &CRM_CALLS[..], 1),
        };
        if !allowed || !self.rng.gen_bool(share) {
            return None;
        }
        self.turn += 1;
        if self.turn.is_multiple_of(AIMED_EVERY) {
            if let Some((call, fault)) = self.missed[aimed].pop() {
                return Some((Target::Call(call), fault));
            }
            let next = self.aimed[aimed];
            self.aimed[aimed] += 1;
            let fault = alternate(next / names.len());
            return Some((Target::Call(names[next % names.len()]), fault));
        }
        let calls = calls.max(1);
        // Each position gets both kinds in turn: a failure on one round, a crash on the next.
        Some((
            Target::Position(self.turn % calls),
            alternate(self.turn / calls + self.turn),
        ))
    }

    /// After an invocation of `flow` with `plan`: an aimed fault that did not fire is aimed again.
    pub fn settle(&mut self, flow: Flow, plan: Option<(Target, Fault)>, fired: bool) {
        let aimed = usize::from(matches!(flow, Flow::Crm(_)));
        if let Some((Target::Call(call), fault)) = plan
            && !fired
        {
            self.missed[aimed].push((call, fault));
        }
    }
}

fn alternate(n: usize) -> Fault {
    if n.is_multiple_of(2) {
        Fault::Fail
    } else {
        Fault::CrashAfter
    }
}
