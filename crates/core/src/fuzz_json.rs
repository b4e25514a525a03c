//! Input as it arrives from outside, for property tests of the parsers that read it: arbitrary
//! JSON, and valid documents with parts replaced by arbitrary JSON or removed. Used by the
//! library's own tests and, through the `testing` feature, by the functions' tests.

use proptest::prelude::*;
use serde_json::Value;

/// A marker no parser has reason to repeat: if an error carries it, the error echoes its input.
pub const MARKER: &str = "Zq9SECRETzq9";

/// Arbitrary JSON, small enough to stay fast, with the marker among its strings.
pub fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        Just(Value::String(MARKER.to_owned())),
        Just(Value::String(String::new())),
        Just(Value::from(u64::MAX)),
        Just(Value::from(-1)),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer of `value` (the root included).
pub fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(
                    child,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// One change to a document: replace the node `pick` points at (modulo the node count) with
/// `with`, or remove it from its parent.
#[derive(Debug, Clone)]
pub struct Mutation {
    pub pick: usize,
    pub with: Value,
    pub remove: bool,
}

pub fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(
        (any::<usize>(), any_json(), prop::bool::weighted(0.3)).prop_map(|(pick, with, remove)| Mutation {
            pick,
            with,
            remove,
        }),
        1..4,
    )
}

pub fn mutate(mut document: Value, changes: &[Mutation]) -> Value {
    for change in changes {
        let mut all = Vec::new();
        pointers(&document, String::new(), &mut all);
        let pointer = &all[change.pick % all.len()];
        if change.remove && !pointer.is_empty() {
            let (parent, key) = pointer.rsplit_once('/').expect("a child pointer");
            match document.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&key.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = key.parse::<usize>() {
                        items.remove(i);
                    }
                }
                _ => {}
            }
        } else if let Some(node) = document.pointer_mut(pointer) {
            *node = change.with.clone();
        }
    }
    document
}

/// A body: arbitrary bytes, arbitrary JSON, or `valid` with mutations.
pub fn bodies(valid: Value) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        any_json().prop_map(|v| v.to_string().into_bytes()),
        mutations().prop_map(move |m| mutate(valid.clone(), &m).to_string().into_bytes()),
    ]
}
