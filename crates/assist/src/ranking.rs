//! Ranking that learns from agents: how often each suggested item is used, per queue, smoothed
//! toward its type's rate in the queue and that toward the type's rate everywhere
//! (Beta-Binomial shrinkage), with older engagement weighing less (a half-life), blended with
//! Genesys' own confidence where the event carries one. Every score keeps its parts.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An impression's outcome in half points: copied or rated helpful 2, opened 1, dismissed,
/// rated unhelpful or left unused 0.
pub type HalfPoints = i64;

/// One month's counts of a key: impressions and used half points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Bucket {
    /// `YYYY-MM`.
    pub month: MonthKey,
    pub impressions: i64,
    pub halves: HalfPoints,
    /// Impressions dismissed or rated unhelpful (a knowledge gap when many).
    #[serde(default)]
    pub dismissed: i64,
}

/// A calendar month, the unit counts are kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct MonthKey {
    pub year: i32,
    pub month: u32,
}

impl MonthKey {
    pub fn of(at: DateTime<Utc>) -> Self {
        MonthKey {
            year: at.year(),
            month: at.month(),
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        let (year, month) = value.split_once('-')?;
        let key = MonthKey {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
        };
        (1..=12).contains(&key.month).then_some(key)
    }

    /// The month's middle, the age its counts are weighed by.
    fn middle(self) -> Option<DateTime<Utc>> {
        NaiveDate::from_ymd_opt(self.year, self.month, 15)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
    }
}

impl std::fmt::Display for MonthKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// How scores are made (`WRAPUP_ASSIST_*`, docs/assist.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankingConfig {
    /// Counts lose half their weight in this many days.
    pub half_life_days: f64,
    /// Pseudo-impressions of the prior an item's own rate is shrunk toward (its type's rate in
    /// the queue).
    pub item_strength: f64,
    /// The same for a type's rate in a queue, shrunk toward the type's rate everywhere.
    pub type_strength: f64,
    /// The rate of a type nobody has engaged with yet, and its strength.
    pub base_rate: f64,
    pub base_strength: f64,
    /// The share of Genesys' confidence in the score (the rest is the learned rate).
    pub confidence_weight: f64,
}

impl Default for RankingConfig {
    fn default() -> Self {
        Self {
            half_life_days: 60.0,
            item_strength: 20.0,
            type_strength: 20.0,
            base_rate: 0.3,
            base_strength: 10.0,
            confidence_weight: 0.5,
        }
    }
}

/// Counts weighed by age.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Weighted {
    pub impressions: f64,
    pub used: f64,
}

impl RankingConfig {
    /// `buckets` weighed by their age at `now`.
    pub fn weigh(&self, buckets: &[Bucket], now: DateTime<Utc>) -> Weighted {
        let mut total = Weighted::default();
        for bucket in buckets {
            let age_days = bucket.month.middle().map_or(0.0, |middle| {
                ((now - middle).num_seconds() as f64 / 86_400.0).max(0.0)
            });
            let weight = 0.5f64.powf(age_days / self.half_life_days.max(1.0));
            total.impressions += weight * bucket.impressions.max(0) as f64;
            total.used += weight * bucket.halves.max(0) as f64 / 2.0;
        }
        total
    }

    /// The score of an item from its counts, its type's in the queue and its type's
    /// everywhere, and Genesys' confidence when the event had one.
    pub fn score(
        &self,
        confidence: Option<f64>,
        item: Weighted,
        in_queue: Weighted,
        everywhere: Weighted,
    ) -> Score {
        let shrink = |w: Weighted, prior: f64, strength: f64| {
            let used = w.used.min(w.impressions);
            (used + strength * prior) / (w.impressions + strength)
        };
        let type_rate = shrink(everywhere, self.base_rate, self.base_strength);
        let queue_rate = shrink(in_queue, type_rate, self.type_strength);
        let item_rate = shrink(item, queue_rate, self.item_strength);
        let confidence_part = confidence.unwrap_or(queue_rate);
        Score {
            score: self.confidence_weight * confidence_part + (1.0 - self.confidence_weight) * item_rate,
            confidence,
            item_rate,
            queue_rate,
            type_rate,
            item_impressions: item.impressions,
            item_used: item.used,
        }
    }
}

/// A score and what it is made of, so every ranking can be explained.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    pub score: f64,
    /// Genesys' confidence, when the event carried one.
    pub confidence: Option<f64>,
    /// The item's learned usefulness in the queue (shrunk toward `queue_rate`).
    pub item_rate: f64,
    /// Its type's usefulness in the queue (shrunk toward `type_rate`).
    pub queue_rate: f64,
    /// Its type's usefulness everywhere.
    pub type_rate: f64,
    /// The weighed impressions and uses of the item in the queue.
    pub item_impressions: f64,
    pub item_used: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(at: &str) -> MonthKey {
        MonthKey::parse(at).unwrap_or_default()
    }

    #[test]
    fn a_new_item_starts_at_its_types_rate_not_at_zero() {
        let config = RankingConfig::default();
        let in_queue = Weighted {
            impressions: 200.0,
            used: 120.0,
        };
        let score = config.score(None, Weighted::default(), in_queue, Weighted::default());
        assert!((score.item_rate - score.queue_rate).abs() < 1e-9);
        assert!(score.queue_rate > 0.5, "{score:?}");
    }

    #[test]
    fn an_item_agents_use_outranks_one_they_dismiss_in_the_same_queue() {
        let config = RankingConfig::default();
        let in_queue = Weighted {
            impressions: 100.0,
            used: 30.0,
        };
        let used = Weighted {
            impressions: 40.0,
            used: 36.0,
        };
        let dismissed = Weighted {
            impressions: 40.0,
            used: 2.0,
        };
        let a = config.score(Some(0.6), used, in_queue, in_queue);
        let b = config.score(Some(0.6), dismissed, in_queue, in_queue);
        assert!(a.score > b.score + 0.2, "{a:?} {b:?}");
    }

    #[test]
    fn old_engagement_weighs_less_by_the_half_life() {
        let config = RankingConfig::default();
        let now = "2026-12-15T00:00:00Z".parse().unwrap_or_default();
        let recent = config.weigh(
            &[Bucket {
                month: month("2026-12"),
                impressions: 10,
                halves: 20,
                dismissed: 0,
            }],
            now,
        );
        let old = config.weigh(
            &[Bucket {
                month: month("2026-10"),
                impressions: 10,
                halves: 20,
                dismissed: 0,
            }],
            now,
        );
        assert!((recent.impressions - 10.0).abs() < 1e-9);
        assert!(old.impressions > 4.5 && old.impressions < 5.5, "{old:?}");
        assert!((old.used - old.impressions).abs() < 1e-9);
    }

    #[test]
    fn months_are_read_back_as_written() {
        let key = MonthKey { year: 2026, month: 3 };
        assert_eq!(key.to_string(), "2026-03");
        assert_eq!(MonthKey::parse("2026-03"), Some(key));
        assert_eq!(MonthKey::parse("2026-13"), None);
        assert_eq!(MonthKey::parse("march"), None);
    }
}
