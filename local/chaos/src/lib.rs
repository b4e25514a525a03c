//! The whole-flow chaos soak's parts (the soak itself is `tests/soak.rs`): SQS on a simulated
//! clock, faults and crashes at every store, queue and CRM target call, and both functions built
//! as deployed on top of them.

pub mod faults;
pub mod faulty;
pub mod sim_queue;
pub mod world;

pub use faults::{Fault, Invocation, Tally, Target};
pub use sim_queue::{DeadLetterRecord, SimClock, SimQueue};
pub use world::{Stores, World};
