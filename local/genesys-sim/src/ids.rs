//! The simulator's deterministic ids: below the seeded organisation and the product catalog,
//! which both name things by them.

use uuid::Uuid;

/// Namespace of every uuid v5 the simulator derives.
const NAMESPACE: Uuid = Uuid::from_u128(0x5f1e_2b8e_9d3c_4c1a_a7f0_6b2d_8e4c_1a90);

/// A deterministic uuid (v5) from a name.
pub fn derive_uuid(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

/// Topic id of a topic name (stable across seeds).
pub fn topic_id(name: &str) -> String {
    derive_uuid(&format!("topic:{name}"))
}
