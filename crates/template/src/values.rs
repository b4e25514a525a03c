//! Small typed accessors of template values, shared by the table, queue and bucket parsers.

use anyhow::{Result, anyhow, bail};
use serde_norway::{Mapping, Value};

use crate::intrinsic::{intrinsic, kind};

/// A required property.
pub(crate) fn required<'a>(props: &'a Mapping, key: &str, what: &str) -> Result<&'a Value> {
    props.get(key).ok_or_else(|| anyhow!("{what}.{key} is missing"))
}

/// A literal string (intrinsics are not allowed where the local stack needs a concrete value).
pub(crate) fn literal_str(value: &Value, what: &str) -> Result<String> {
    if let Some((name, _)) = intrinsic(value) {
        bail!("{what}: {name} is not supported here, use a literal value");
    }
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("{what}: expected a string, found {}", kind(value)))
}

/// A list (an empty list when absent).
pub(crate) fn list<'a>(props: &'a Mapping, key: &str, what: &str) -> Result<&'a [Value]> {
    match props.get(key) {
        None => Ok(&[]),
        Some(Value::Sequence(items)) => Ok(items),
        Some(other) => bail!("{what}.{key}: expected a list, found {}", kind(other)),
    }
}

/// A mapping value.
pub(crate) fn mapping<'a>(value: &'a Value, what: &str) -> Result<&'a Mapping> {
    match value {
        Value::Mapping(m) => Ok(m),
        other => bail!("{what}: expected a mapping, found {}", kind(other)),
    }
}

/// A boolean, as YAML `true` or CloudFormation's `"true"`.
pub(crate) fn boolean(value: &Value, what: &str) -> Result<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        other => bail!("{what}: expected true or false, found {}", kind(other)),
    }
}

/// A non-negative integer, as a YAML number or a numeric string.
pub(crate) fn number(value: &Value, what: &str) -> Result<u64> {
    match value {
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| anyhow!("{what}: expected a non-negative integer")),
        Value::String(s) => s
            .trim()
            .parse()
            .map_err(|_| anyhow!("{what}: expected a non-negative integer")),
        other => bail!("{what}: expected a number, found {}", kind(other)),
    }
}
