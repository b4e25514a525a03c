//! Building and writing EMF documents.

use std::fmt;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use crate::{FUNCTION, NAMESPACE};

/// The EMF specification's limits: values per metric, metrics per directive.
const MAX_VALUES: usize = 100;
const MAX_METRICS: usize = 100;

/// The CloudWatch units Wrapup uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    Milliseconds,
    Seconds,
    Percent,
    Bytes,
    None,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Count => "Count",
            Unit::Milliseconds => "Milliseconds",
            Unit::Seconds => "Seconds",
            Unit::Percent => "Percent",
            Unit::Bytes => "Bytes",
            Unit::None => "None",
        }
    }
}

/// Where documents go: one JSON line each.
pub trait MetricSink: Send + Sync {
    fn write_line(&self, line: &str);
}

/// Lambda: stdout, which the Lambda service sends to CloudWatch Logs.
#[derive(Debug, Default)]
pub struct StdoutSink;

impl MetricSink for StdoutSink {
    fn write_line(&self, line: &str) {
        // One write of the whole line under the lock: a log line of another thread never lands
        // inside it. A closed stdout loses the metric, never the request.
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(format!("{line}\n").as_bytes());
    }
}

/// Tests and the local demo: the lines kept in memory.
#[derive(Debug, Default)]
pub struct MemorySink {
    lines: Mutex<Vec<String>>,
}

impl MemorySink {
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The lines so far, leaving none.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.lines.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl MetricSink for MemorySink {
    fn write_line(&self, line: &str) {
        self.lines
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(line.to_owned());
    }
}

/// One function's metrics: cheap to clone, built once per sandbox.
#[derive(Clone)]
pub struct Metrics {
    namespace: Arc<str>,
    function: &'static str,
    sink: Arc<dyn MetricSink>,
}

impl fmt::Debug for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Metrics")
            .field("namespace", &self.namespace)
            .field("function", &self.function)
            .finish_non_exhaustive()
    }
}

impl Metrics {
    pub fn new(function: &'static str, sink: Arc<dyn MetricSink>) -> Self {
        Self {
            namespace: Arc::from(NAMESPACE),
            function,
            sink,
        }
    }

    /// The same metrics under another namespace (one per stack: `Wrapup/<stack>`); see
    /// [`crate::valid_namespace`].
    pub fn in_namespace(mut self, namespace: &str) -> Self {
        self.namespace = Arc::from(namespace);
        self
    }

    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// What a Lambda function uses.
    pub fn stdout(function: &'static str) -> Self {
        Self::new(function, Arc::new(StdoutSink))
    }

    /// Metrics kept in memory, with the sink to read them back.
    pub fn in_memory(function: &'static str) -> (Self, Arc<MemorySink>) {
        let sink = Arc::new(MemorySink::default());
        (Self::new(function, sink.clone()), sink)
    }

    pub fn function(&self) -> &'static str {
        self.function
    }

    /// A new document: its dimensions apply to every value in it.
    pub fn document(&self) -> Document<'_> {
        Document {
            metrics: self,
            dimensions: Vec::new(),
            sets: None,
            values: Vec::new(),
        }
    }

    /// One count under the given dimensions, written at once.
    pub fn count(&self, name: &'static str, n: u64, dimensions: &[(&'static str, &'static str)]) {
        let mut document = self.document();
        for (key, value) in dimensions {
            document = document.dimension(key, value);
        }
        document.count(name, n);
        document.emit();
    }
}

struct Values {
    name: &'static str,
    unit: Unit,
    values: Vec<f64>,
}

/// Values that share dimensions; written by [`Document::emit`] (nothing when it holds none).
#[must_use = "a document is written by emit()"]
pub struct Document<'a> {
    metrics: &'a Metrics,
    dimensions: Vec<(&'static str, &'static str)>,
    /// The series beside the function-wide total; `None`: one with every dimension.
    sets: Option<Vec<Vec<&'static str>>>,
    values: Vec<Values>,
}

impl Document<'_> {
    /// A dimension of every value of this document; the same name again replaces its value.
    pub fn dimension(mut self, name: &'static str, value: &'static str) -> Self {
        if name == FUNCTION {
            return self;
        }
        match self.dimensions.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.dimensions.push((name, value)),
        }
        self
    }

    /// Publishes these series (each with the function) instead of one with every dimension:
    /// each combination of dimension values is a custom metric, so a document with several
    /// dimensions names the few combinations dashboards and alarms read. Names that are not
    /// dimensions of the document are left out.
    pub fn dimension_sets(mut self, sets: &[&[&'static str]]) -> Self {
        self.sets = Some(sets.iter().map(|set| set.to_vec()).collect());
        self
    }

    pub fn count(&mut self, name: &'static str, n: u64) -> &mut Self {
        self.value(name, Unit::Count, n as f64)
    }

    pub fn duration(&mut self, name: &'static str, elapsed: Duration) -> &mut Self {
        self.value(name, Unit::Milliseconds, elapsed.as_secs_f64() * 1000.0)
    }

    pub fn millis(&mut self, name: &'static str, ms: u64) -> &mut Self {
        self.value(name, Unit::Milliseconds, ms as f64)
    }

    /// A value of `name`; the same name again adds a value (CloudWatch aggregates them).
    /// Values that are not finite numbers are dropped: JSON cannot hold them.
    pub fn value(&mut self, name: &'static str, unit: Unit, value: f64) -> &mut Self {
        if !value.is_finite() {
            return self;
        }
        match self.values.iter_mut().find(|v| v.name == name) {
            Some(slot) => slot.values.push(value),
            None => self.values.push(Values {
                name,
                unit,
                values: vec![value],
            }),
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Writes the document (as several lines if it holds more than the specification allows
    /// in one).
    pub fn emit(self) {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        for line in self.to_lines(timestamp) {
            self.metrics.sink.write_line(&line);
        }
    }

    /// The JSON lines of this document at `timestamp` (milliseconds since the epoch).
    pub fn to_lines(&self, timestamp: u64) -> Vec<String> {
        let names: Vec<&str> = self.dimensions.iter().map(|(name, _)| *name).collect();
        let detailed: Vec<Vec<&str>> = match &self.sets {
            Some(sets) => sets
                .iter()
                .map(|set| set.iter().copied().filter(|n| names.contains(n)).collect())
                .collect(),
            None => vec![names],
        };
        // Each series with the function; the function-wide total too, so a dashboard or an
        // alarm needs no SEARCH. At most 9 keys a set, as the specification says.
        let mut sets: Vec<Vec<&str>> = Vec::new();
        for set in detailed.into_iter().chain([Vec::new()]) {
            let mut keys = vec![FUNCTION];
            keys.extend(set.into_iter().take(8));
            if !sets.contains(&keys) {
                sets.push(keys);
            }
        }
        let sets = json!(sets);
        // Every (metric, chunk of at most 100 values) pair, grouped into lines of at most 100
        // metrics, each metric at most once per line.
        let mut lines = Vec::new();
        let mut pending: Vec<(&Values, &[f64])> = self
            .values
            .iter()
            .flat_map(|v| v.values.chunks(MAX_VALUES).map(move |chunk| (v, chunk)))
            .collect();
        while !pending.is_empty() {
            let mut line: Vec<(&Values, &[f64])> = Vec::new();
            pending.retain(|(values, chunk)| {
                let taken = line.len() >= MAX_METRICS || line.iter().any(|(v, _)| v.name == values.name);
                if taken {
                    return true;
                }
                line.push((values, chunk));
                false
            });
            lines.push(self.line(timestamp, &sets, &line));
        }
        lines
    }

    fn line(&self, timestamp: u64, sets: &Value, values: &[(&Values, &[f64])]) -> String {
        let definitions: Vec<Value> = values
            .iter()
            .map(|(v, _)| json!({"Name": v.name, "Unit": v.unit.as_str()}))
            .collect();
        let mut root = Map::new();
        root.insert(
            "_aws".into(),
            json!({
                "Timestamp": timestamp,
                "CloudWatchMetrics": [{
                    "Namespace": &*self.metrics.namespace,
                    "Dimensions": sets,
                    "Metrics": definitions,
                }],
            }),
        );
        root.insert(FUNCTION.into(), Value::from(self.metrics.function));
        for (name, value) in &self.dimensions {
            root.insert((*name).into(), Value::from(*value));
        }
        for (v, chunk) in values {
            let value = match chunk {
                [one] => json!(one),
                many => json!(many),
            };
            root.insert(v.name.into(), value);
        }
        Value::Object(root).to_string()
    }
}
