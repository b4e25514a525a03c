//! The trend report: what a mining run publishes, built from the aggregate rows of a window.
//!
//! Counting rules (documented here because the dashboard and the HTML page both rely on them):
//! - `mentions` are exact sums of the aggregate rows.
//! - A row's `conversations` counts the conversations where *that speaker* mentioned the product,
//!   so a conversation where both the customer and the agent did is in both rows. The miner also
//!   writes a [`Speaker::Any`] row per (day, media type, product) that counts it once, and a point
//!   takes its totals from there. Without one (rows from an older build), a point's
//!   `conversations` is the larger of the two speakers' counts: a lower bound.
//! - Totals over products count a conversation once per product it mentions.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{AggregateRow, MiningSource, Speaker};

/// Version of the JSON shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// A catalog product: its stable id and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductName {
    pub id: String,
    pub name: String,
}

impl ProductName {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
        }
    }
}

/// What one mining run did, shown next to the numbers so readers can judge their coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunFigures {
    pub conversations_seen: u64,
    pub mined: u64,
    pub without_transcript: u64,
    pub failed: u64,
    pub already_counted: u64,
}

/// Everything a report is built from.
#[derive(Debug, Clone)]
pub struct ReportInput {
    pub run_id: String,
    pub generated_at: DateTime<Utc>,
    /// IANA name of the time zone the dates are days of, e.g. `Europe/Berlin`.
    pub time_zone: String,
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub source: MiningSource,
    /// The catalog, for display names. Products without rows are reported with zeros.
    pub products: Vec<ProductName>,
    pub rows: Vec<AggregateRow>,
    pub run: Option<RunFigures>,
}

/// One day of one series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Point {
    pub date: NaiveDate,
    pub mentions: u64,
    pub conversations: u64,
    pub customer_mentions: u64,
    pub agent_mentions: u64,
}

/// Daily figures of one product in one media type, one point per day of the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Series {
    pub product_id: String,
    pub product_name: String,
    pub media_type: String,
    pub points: Vec<Point>,
}

/// Figures of a product in one media type over the whole window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaTotal {
    pub mentions: u64,
    pub conversations: u64,
    pub customer_mentions: u64,
    pub agent_mentions: u64,
}

impl MediaTotal {
    fn add(&mut self, point: &Point) {
        self.mentions = self.mentions.saturating_add(point.mentions);
        self.conversations = self.conversations.saturating_add(point.conversations);
        self.customer_mentions = self.customer_mentions.saturating_add(point.customer_mentions);
        self.agent_mentions = self.agent_mentions.saturating_add(point.agent_mentions);
    }
}

/// Figures of a product over the whole window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductTotal {
    pub product_id: String,
    pub product_name: String,
    pub mentions: u64,
    pub conversations: u64,
    pub customer_mentions: u64,
    pub agent_mentions: u64,
    pub by_media_type: BTreeMap<String, MediaTotal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub mentions: u64,
    /// Conversations with a mention, counted once per product they mention.
    pub conversations: u64,
}

/// The published trend report (`trend.json`, and the body POSTed to the dashboard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendReport {
    pub schema_version: u32,
    pub run_id: String,
    pub generated_at: DateTime<Utc>,
    pub time_zone: String,
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    pub days: u32,
    pub source: MiningSource,
    /// One per (product, media type) with at least one row in the window, zero-filled for every
    /// day; in the order of `products`, then by media type.
    pub series: Vec<Series>,
    /// Every catalog product and every product with rows; by mentions (most first), then id.
    pub products: Vec<ProductTotal>,
    pub totals: Totals,
    #[serde(default)]
    pub run: Option<RunFigures>,
}

/// Per-speaker sums of one (product, media type, day).
#[derive(Debug, Clone, Copy, Default)]
struct DayCounts {
    customer_mentions: u64,
    agent_mentions: u64,
    customer_conversations: u64,
    agent_conversations: u64,
    /// From [`Speaker::Any`] rows, when there are some: exact totals.
    any: Option<(u64, u64)>,
}

impl DayCounts {
    fn add(&mut self, row: &AggregateRow) {
        let (mentions, conversations) = match row.speaker {
            Speaker::Customer => (&mut self.customer_mentions, &mut self.customer_conversations),
            Speaker::Agent => (&mut self.agent_mentions, &mut self.agent_conversations),
            Speaker::Any => {
                let any = self.any.get_or_insert((0, 0));
                let (mentions, conversations) = (&mut any.0, &mut any.1);
                *mentions = mentions.saturating_add(row.mentions);
                *conversations = conversations.saturating_add(row.conversations);
                return;
            }
        };
        *mentions = mentions.saturating_add(row.mentions);
        *conversations = conversations.saturating_add(row.conversations);
    }

    fn point(&self, date: NaiveDate) -> Point {
        let (mentions, conversations) = self.any.unwrap_or((
            self.customer_mentions.saturating_add(self.agent_mentions),
            // See the module comment: a conversation may be in both speakers' counts.
            self.customer_conversations.max(self.agent_conversations),
        ));
        Point {
            date,
            mentions,
            conversations,
            customer_mentions: self.customer_mentions,
            agent_mentions: self.agent_mentions,
        }
    }
}

impl TrendReport {
    /// Builds the report. Rows outside `from..=to` are ignored, duplicate rows are added up, and a
    /// window given backwards (`to` before `from`) is turned around.
    pub fn build(input: ReportInput) -> TrendReport {
        let (from, to) = if input.to < input.from {
            (input.to, input.from)
        } else {
            (input.from, input.to)
        };
        let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();

        let mut names: HashMap<&str, &str> = HashMap::new();
        for product in &input.products {
            if !product.name.trim().is_empty() {
                names.entry(product.id.as_str()).or_insert(product.name.as_str());
            }
        }
        let name_of = |id: &str| names.get(id).map_or_else(|| id.to_string(), |n| n.to_string());

        // (product, media type) -> day -> counts
        let mut cells: BTreeMap<(&str, &str), BTreeMap<NaiveDate, DayCounts>> = BTreeMap::new();
        for row in input.rows.iter().filter(|r| r.date >= from && r.date <= to) {
            cells
                .entry((row.product_id.as_str(), row.media_type.as_str()))
                .or_default()
                .entry(row.date)
                .or_default()
                .add(row);
        }

        let mut totals_by_product: BTreeMap<&str, ProductTotal> = BTreeMap::new();
        for product in &input.products {
            totals_by_product
                .entry(product.id.as_str())
                .or_insert_with(|| empty_total(product.id.as_str(), name_of(&product.id)));
        }
        let mut series = Vec::with_capacity(cells.len());
        for ((product_id, media_type), by_day) in &cells {
            let points: Vec<Point> = days
                .iter()
                .map(|day| by_day.get(day).copied().unwrap_or_default().point(*day))
                .collect();
            let total = totals_by_product
                .entry(product_id)
                .or_insert_with(|| empty_total(product_id, name_of(product_id)));
            let media_total = total.by_media_type.entry(media_type.to_string()).or_default();
            points.iter().for_each(|p| media_total.add(p));
            series.push(Series {
                product_id: product_id.to_string(),
                product_name: name_of(product_id),
                media_type: media_type.to_string(),
                points,
            });
        }

        let mut products: Vec<ProductTotal> = totals_by_product
            .into_values()
            .map(|mut total| {
                let mut sum = MediaTotal::default();
                for media in total.by_media_type.values() {
                    sum.mentions = sum.mentions.saturating_add(media.mentions);
                    sum.conversations = sum.conversations.saturating_add(media.conversations);
                    sum.customer_mentions = sum.customer_mentions.saturating_add(media.customer_mentions);
                    sum.agent_mentions = sum.agent_mentions.saturating_add(media.agent_mentions);
                }
                total.mentions = sum.mentions;
                total.conversations = sum.conversations;
                total.customer_mentions = sum.customer_mentions;
                total.agent_mentions = sum.agent_mentions;
                total
            })
            .collect();
        products.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.product_id.cmp(&b.product_id))
        });
        let rank: HashMap<&str, usize> = products
            .iter()
            .enumerate()
            .map(|(i, p)| (p.product_id.as_str(), i))
            .collect();
        series.sort_by(|a, b| {
            let rank_of = |s: &Series| rank.get(s.product_id.as_str()).copied().unwrap_or(usize::MAX);
            rank_of(a)
                .cmp(&rank_of(b))
                .then_with(|| a.media_type.cmp(&b.media_type))
        });
        let totals = products.iter().fold(Totals::default(), |acc, p| Totals {
            mentions: acc.mentions.saturating_add(p.mentions),
            conversations: acc.conversations.saturating_add(p.conversations),
        });

        TrendReport {
            schema_version: SCHEMA_VERSION,
            run_id: input.run_id,
            generated_at: input.generated_at,
            time_zone: input.time_zone,
            from,
            to,
            days: u32::try_from(days.len()).unwrap_or(u32::MAX),
            source: input.source,
            series,
            products,
            totals,
            run: input.run,
        }
    }

    /// The media types that occur in the report, by mentions (most first), then by name.
    pub fn media_types(&self) -> Vec<&str> {
        let mut mentions: BTreeMap<&str, u64> = BTreeMap::new();
        for series in &self.series {
            let sum = mentions.entry(series.media_type.as_str()).or_default();
            for point in &series.points {
                *sum = sum.saturating_add(point.mentions);
            }
        }
        let mut types: Vec<(&str, u64)> = mentions.into_iter().collect();
        types.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        types.into_iter().map(|(media, _)| media).collect()
    }
}

fn empty_total(id: &str, name: String) -> ProductTotal {
    ProductTotal {
        product_id: id.to_string(),
        product_name: name,
        mentions: 0,
        conversations: 0,
        customer_mentions: 0,
        agent_mentions: 0,
        by_media_type: BTreeMap::new(),
    }
}
