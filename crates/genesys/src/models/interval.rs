//! Genesys analytics intervals: `start/end` in ISO-8601, e.g.
//! `2024-05-01T00:00:00.000Z/2024-05-02T00:00:00.000Z`.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeDelta, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A half-open time interval `[start, end)` with `end > start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// Why a string or a pair of instants is not a valid Genesys interval.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntervalError {
    #[error("interval must be `start/end`, got {0:?}")]
    MissingSeparator(String),
    #[error("interval bound {0:?} is not an ISO-8601 date-time")]
    BadInstant(String),
    #[error("interval end {end} is not after its start {start}")]
    EndNotAfterStart { start: String, end: String },
}

impl Interval {
    /// An interval from `start` (inclusive) to `end` (exclusive); rejects `end <= start`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, IntervalError> {
        if end <= start {
            return Err(IntervalError::EndNotAfterStart {
                start: format_instant(start),
                end: format_instant(end),
            });
        }
        Ok(Self { start, end })
    }

    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }

    pub fn duration(&self) -> TimeDelta {
        self.end - self.start
    }

    /// Whether `at` lies in `[start, end)`.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, the form Genesys itself writes.
pub fn format_instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_instant(s: &str) -> Result<DateTime<Utc>, IntervalError> {
    let s = s.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        return Ok(at.with_timezone(&Utc));
    }
    // Genesys also accepts local-less forms, which it reads as UTC.
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, fmt) {
            return Ok(naive.and_utc());
        }
    }
    Err(IntervalError::BadInstant(s.to_owned()))
}

impl FromStr for Interval {
    type Err = IntervalError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (start, end) = s
            .split_once('/')
            .ok_or_else(|| IntervalError::MissingSeparator(s.to_owned()))?;
        Self::new(parse_instant(start)?, parse_instant(end)?)
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", format_instant(self.start), format_instant(self.end))
    }
}

impl Serialize for Interval {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Interval {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 5, 1, h, m, 0).unwrap()
    }

    #[test]
    fn formats_with_millis_and_z() {
        let i = Interval::new(at(0, 0), at(1, 30)).unwrap();
        assert_eq!(i.to_string(), "2024-05-01T00:00:00.000Z/2024-05-01T01:30:00.000Z");
        assert_eq!(i.duration(), TimeDelta::minutes(90));
    }

    #[test]
    fn parses_offsets_fractions_and_naive_forms() {
        let i: Interval = "2024-05-01T02:00:00+02:00/2024-05-01T01:30:00.000Z"
            .parse()
            .unwrap();
        assert_eq!(i.start(), at(0, 0));
        assert_eq!(i.end(), at(1, 30));
        let naive: Interval = "2024-05-01T00:00:00/2024-05-01T01:30".parse().unwrap();
        assert_eq!(naive, i);
        // Display then parse is the identity.
        assert_eq!(i.to_string().parse::<Interval>().unwrap(), i);
    }

    #[test]
    fn rejects_bad_intervals() {
        assert!(matches!(
            "2024-05-01T00:00:00Z".parse::<Interval>(),
            Err(IntervalError::MissingSeparator(_))
        ));
        assert!(matches!(
            "yesterday/today".parse::<Interval>(),
            Err(IntervalError::BadInstant(_))
        ));
        assert!(matches!(
            "2024-05-01T01:00:00Z/2024-05-01T01:00:00Z".parse::<Interval>(),
            Err(IntervalError::EndNotAfterStart { .. })
        ));
        assert!(Interval::new(at(2, 0), at(1, 0)).is_err());
    }

    #[test]
    fn contains_is_half_open_and_serde_uses_the_string_form() {
        let i = Interval::new(at(0, 0), at(1, 0)).unwrap();
        assert!(i.contains(at(0, 0)));
        assert!(i.contains(at(0, 59)));
        assert!(!i.contains(at(1, 0)));
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(json, "\"2024-05-01T00:00:00.000Z/2024-05-01T01:00:00.000Z\"");
        assert_eq!(serde_json::from_str::<Interval>(&json).unwrap(), i);
        assert!(serde_json::from_str::<Interval>("\"2024-05-01T01:00:00Z/2024-05-01T00:00:00Z\"").is_err());
    }
}
