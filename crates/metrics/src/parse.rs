//! Reading EMF documents back: the rules of the specification that its JSON schema cannot
//! express (every reference names a root member of the right type, at most 100 values and
//! metrics), for tests and for the demo's table.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The units the specification accepts.
const UNITS: &[&str] = &[
    "Seconds",
    "Microseconds",
    "Milliseconds",
    "Bytes",
    "Kilobytes",
    "Megabytes",
    "Gigabytes",
    "Terabytes",
    "Bits",
    "Kilobits",
    "Megabits",
    "Gigabits",
    "Terabits",
    "Percent",
    "Count",
    "Bytes/Second",
    "Kilobytes/Second",
    "Megabytes/Second",
    "Gigabytes/Second",
    "Terabytes/Second",
    "Bits/Second",
    "Kilobits/Second",
    "Megabits/Second",
    "Gigabits/Second",
    "Terabits/Second",
    "Count/Second",
    "None",
];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EmfError {
    #[error("not a JSON object: {0}")]
    NotJson(String),
    #[error("{0} is missing or has the wrong type")]
    Missing(&'static str),
    #[error("dimension {0:?} is not a string member of the root")]
    Dimension(String),
    #[error("metric {0:?} is not a number or an array of at most 100 numbers on the root")]
    Metric(String),
    #[error("unit {0:?} is not a CloudWatch unit")]
    Unit(String),
    #[error("{0}")]
    Limit(&'static str),
}

/// One metric of a document with its values.
#[derive(Debug, Clone, PartialEq)]
pub struct EmfMetric {
    pub name: String,
    pub unit: Option<String>,
    pub values: Vec<f64>,
}

/// A checked EMF document (its first directive: Wrapup writes one).
#[derive(Debug, Clone, PartialEq)]
pub struct EmfDocument {
    pub timestamp: i64,
    pub namespace: String,
    pub dimension_sets: Vec<Vec<String>>,
    /// Every dimension any set references, with its value.
    pub dimensions: BTreeMap<String, String>,
    pub metrics: Vec<EmfMetric>,
    /// The whole line, for checks on what else it carries.
    pub root: Map<String, Value>,
}

impl EmfDocument {
    pub fn dimension(&self, name: &str) -> Option<&str> {
        self.dimensions.get(name).map(String::as_str)
    }

    pub fn metric(&self, name: &str) -> Option<&EmfMetric> {
        self.metrics.iter().find(|m| m.name == name)
    }

    /// Whether the document has each of `dimensions` (and maybe others).
    pub fn has(&self, dimensions: &[(&str, &str)]) -> bool {
        dimensions.iter().all(|(k, v)| self.dimension(k) == Some(*v))
    }

    /// The sum of `name`'s values in this document (0 without it).
    pub fn sum(&self, name: &str) -> f64 {
        self.metric(name).map_or(0.0, |m| m.values.iter().sum())
    }
}

/// Parses and checks one line.
pub fn parse(line: &str) -> Result<EmfDocument, EmfError> {
    let root: Map<String, Value> =
        serde_json::from_str(line).map_err(|e| EmfError::NotJson(e.to_string()))?;
    let aws = root
        .get("_aws")
        .and_then(Value::as_object)
        .ok_or(EmfError::Missing("_aws"))?;
    let timestamp = aws
        .get("Timestamp")
        .and_then(Value::as_i64)
        .ok_or(EmfError::Missing("_aws.Timestamp"))?;
    let directives = aws
        .get("CloudWatchMetrics")
        .and_then(Value::as_array)
        .ok_or(EmfError::Missing("_aws.CloudWatchMetrics"))?;
    let directive = directives
        .first()
        .and_then(Value::as_object)
        .ok_or(EmfError::Missing("_aws.CloudWatchMetrics[0]"))?;
    let namespace = directive
        .get("Namespace")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty() && n.len() <= 255)
        .ok_or(EmfError::Missing("Namespace"))?
        .to_owned();
    let sets = directive
        .get("Dimensions")
        .and_then(Value::as_array)
        .filter(|sets| !sets.is_empty())
        .ok_or(EmfError::Missing("Dimensions"))?;
    let mut dimension_sets = Vec::new();
    let mut dimensions = BTreeMap::new();
    for set in sets {
        let set = set.as_array().ok_or(EmfError::Missing("Dimensions[]"))?;
        if set.len() > 9 {
            return Err(EmfError::Limit("a dimension set holds more than 9 keys"));
        }
        let mut names = Vec::new();
        for name in set {
            let name = name.as_str().ok_or(EmfError::Missing("Dimensions[][]"))?;
            let value = root
                .get(name)
                .and_then(Value::as_str)
                .ok_or_else(|| EmfError::Dimension(name.to_owned()))?;
            dimensions.insert(name.to_owned(), value.to_owned());
            names.push(name.to_owned());
        }
        dimension_sets.push(names);
    }
    let definitions = directive
        .get("Metrics")
        .and_then(Value::as_array)
        .ok_or(EmfError::Missing("Metrics"))?;
    if definitions.len() > 100 {
        return Err(EmfError::Limit("more than 100 metrics in a directive"));
    }
    let mut metrics = Vec::new();
    for definition in definitions {
        let name = definition
            .get("Name")
            .and_then(Value::as_str)
            .ok_or(EmfError::Missing("Metrics[].Name"))?;
        let unit = match definition.get("Unit") {
            None => None,
            Some(unit) => {
                let unit = unit.as_str().ok_or(EmfError::Missing("Metrics[].Unit"))?;
                if !UNITS.contains(&unit) {
                    return Err(EmfError::Unit(unit.to_owned()));
                }
                Some(unit.to_owned())
            }
        };
        let bad = || EmfError::Metric(name.to_owned());
        let values = match root.get(name).ok_or_else(bad)? {
            Value::Number(n) => vec![n.as_f64().ok_or_else(bad)?],
            Value::Array(items) if items.len() <= 100 => items
                .iter()
                .map(|v| v.as_f64().ok_or_else(bad))
                .collect::<Result<_, _>>()?,
            _ => return Err(bad()),
        };
        metrics.push(EmfMetric {
            name: name.to_owned(),
            unit,
            values,
        });
    }
    Ok(EmfDocument {
        timestamp,
        namespace,
        dimension_sets,
        dimensions,
        metrics,
        root,
    })
}

/// The sum of `metric` over the documents that have each of `dimensions`.
pub fn sum_where(docs: &[EmfDocument], metric: &str, dimensions: &[(&str, &str)]) -> f64 {
    docs.iter()
        .filter(|d| d.has(dimensions))
        .map(|d| d.sum(metric))
        .sum::<f64>()
        + 0.0
}

/// The EMF documents among log lines (lines that are not EMF are skipped; an EMF line that
/// breaks the rules is an error).
pub fn documents_in<'a>(lines: impl IntoIterator<Item = &'a str>) -> Result<Vec<EmfDocument>, EmfError> {
    lines
        .into_iter()
        .map(str::trim)
        .filter(|line| line.starts_with('{') && line.contains("\"_aws\""))
        .map(parse)
        .collect()
}
