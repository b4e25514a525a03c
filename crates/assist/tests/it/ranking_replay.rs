//! The learned ranking against the tutorial's static formula (issue 13): a seeded replay of
//! knowledge-search suggestions and agents' engagement, sent as EventBridge envelopes through
//! the product's parser and `handle` into one `MemoryAssistStore`, then every item of the
//! catalog ranked per queue by (a) the learned score read from the store's counts exactly as
//! `process.rs` reads them and (b) 0.6 confidence + 0.3 skill bonus + 0.1 acceptance, and
//! scored by NDCG@3 against the true usefulness. Figures: docs/benchmarks.md, "Agent Assist
//! ranking (issue 13)"; `cargo test -p wrapup-assist --test it ranking_replay -- --nocapture`.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use wrapup_assist::event::Parsed;
use wrapup_assist::ranking::RankingConfig;
use wrapup_assist::store::{AssistStore, CountsKey};
use wrapup_assist::{AssistConfig, Handled, MemoryAssistStore, handle};

use crate::common::{ORG_SOURCE, RecordingJobs, parse};

const QUEUES: usize = 4;
const ITEMS: usize = 8;
/// Suggestions shown per conversation.
const SHOWN: usize = 3;
const CONVERSATIONS: usize = 1_800;
const DAYS: i64 = 60;
const SEEDS: [u64; 5] = [13, 1_013, 2_013, 3_013, 4_013];
/// Shares of the replay (in percent of its conversations) at which the rankings are scored.
const CHECKPOINTS: [usize; 4] = [10, 25, 50, 100];
const KIND: &str = "knowledgeSearch";
const RANKERS: [&str; 3] = [
    "learned (product)",
    "static 0.6·conf + 0.3·skill + 0.1·acc",
    "learned rate alone (confidence weight 0)",
];

/// What is true in one seed's world, which the rankings never see.
struct World {
    /// p(queue, item): the chance an agent in the queue copies the item when shown.
    truth: [[f64; ITEMS]; QUEUES],
    /// The truly best item of each queue (a different one in each).
    best: [usize; QUEUES],
    /// How well each document's text matches the queries, Genesys' confidence's main part.
    text_match: [f64; ITEMS],
}

fn world(rng: &mut ChaCha8Rng) -> World {
    let general: [f64; ITEMS] = std::array::from_fn(|_| rng.r#gen::<f64>());
    let text_match = std::array::from_fn(|_| rng.gen_range(0.45..0.9));
    let mut order: Vec<usize> = (0..ITEMS).collect();
    order.shuffle(rng);
    let best: [usize; QUEUES] = std::array::from_fn(|q| order[q]);
    let truth = std::array::from_fn(|q| {
        std::array::from_fn(|i| {
            if i == best[q] {
                rng.gen_range(0.65..0.85)
            } else {
                0.25 * general[i] + rng.gen_range(0.05..0.3)
            }
        })
    });
    World {
        truth,
        best,
        text_match,
    }
}

/// What the replay showed so far: per queue and item the impressions and the sum of the
/// confidences shown, and per item the impressions and copies across queues.
#[derive(Default)]
struct Tally {
    shown: [[u32; ITEMS]; QUEUES],
    confidence: [[f64; ITEMS]; QUEUES],
    shown_anywhere: [u32; ITEMS],
    copied_anywhere: [u32; ITEMS],
    engagements: usize,
    feedback: usize,
    events: usize,
    /// Sums for the correlation of the confidences shown with the true usefulness.
    pairs: [f64; 6],
}

impl Tally {
    fn correlation(&self) -> f64 {
        let [n, x, y, xx, yy, xy] = self.pairs;
        (n * xy - x * y) / ((n * xx - x * x).sqrt() * (n * yy - y * y).sqrt())
    }
}

fn id(prefix: &str, n: usize) -> String {
    format!("{prefix}-0000-4000-8000-{n:012x}")
}

/// A knowledge-search suggestion event as EventBridge delivers it from Genesys' partner source.
fn envelope(conversation: &str, suggestion: &str, queue: usize, at: DateTime<Utc>, fields: Value) -> Value {
    let mut body = json!({
        "eventTime": at.to_rfc3339_opts(SecondsFormat::Millis, true),
        "conversationId": conversation,
        "suggestionId": suggestion,
        "context": {"queueId": id("a1b2c3d4", queue + 1), "mediaType": "VOICE", "language": "en-US"},
    });
    if let (Some(body), Value::Object(fields)) = (body.as_object_mut(), fields) {
        body.extend(fields);
    }
    json!({
        "version": "0",
        "id": format!("{suggestion}-{}", at.timestamp_millis()),
        "detail-type": "v2.conversations.{id}.suggestions.knowledge.search",
        "source": ORG_SOURCE,
        "account": "123456789012",
        "time": at.to_rfc3339_opts(SecondsFormat::Secs, true),
        "region": "us-east-1",
        "resources": [],
        "detail": {
            "topicName": format!("v2.conversations.{conversation}.suggestions.knowledge.search"),
            "version": "2",
            "eventBody": body,
            "timestamp": at.to_rfc3339_opts(SecondsFormat::Millis, true),
        },
    })
}

fn doc(item: usize) -> String {
    id("d0c00000", item + 1)
}

/// One conversation: a queue, three catalog items shown with Genesys' confidence, and what the
/// agent did with each. Returns the envelopes in time order.
fn conversation(
    rng: &mut ChaCha8Rng,
    world: &World,
    tally: &mut Tally,
    n: usize,
    at: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, Value)> {
    let queue = rng.gen_range(0..QUEUES);
    let conversation = id("c0a00000", n);
    let mut items: Vec<usize> = (0..ITEMS).collect();
    items.shuffle(rng);
    let mut events = Vec::new();
    for (slot, &item) in items.iter().take(SHOWN).enumerate() {
        let p = world.truth[queue][item];
        let confidence =
            (world.text_match[item] + 0.2 * (p - 0.3) + rng.gen_range(-0.1..0.1)).clamp(0.05, 0.99);
        let confidence = (confidence * 1_000.0).round() / 1_000.0;
        let suggestion = id("5e000000", n * SHOWN + slot);
        let shown_at = at + Duration::seconds(slot as i64);
        let result =
            json!({"documentId": doc(item), "title": format!("Document {item}"), "confidence": confidence});
        events.push((
            shown_at,
            envelope(
                &conversation,
                &suggestion,
                queue,
                shown_at,
                json!({"state": "Suggested", "triggerType": "Intent", "knowledgeSearch": result}),
            ),
        ));
        tally.shown[queue][item] += 1;
        tally.confidence[queue][item] += confidence;
        tally.shown_anywhere[item] += 1;
        for (sum, value) in
            tally
                .pairs
                .iter_mut()
                .zip([1.0, confidence, p, confidence * confidence, p * p, confidence * p])
        {
            *sum += value;
        }
        let copied = rng.gen_bool(p);
        let (state, engagement) = match (copied, rng.gen_bool(0.25)) {
            (true, _) => ("Accepted", "Copied"),
            (false, true) => ("Accepted", "Opened"),
            (false, false) => ("Dismissed", "Dismissed"),
        };
        tally.copied_anywhere[item] += u32::from(copied);
        tally.engagements += 1;
        let engaged_at = at + Duration::seconds(rng.gen_range(20..120));
        let result = json!({"documentId": doc(item), "confidence": confidence});
        events.push((
            engaged_at,
            envelope(
                &conversation,
                &suggestion,
                queue,
                engaged_at,
                json!({"state": state, "engagementType": engagement, "knowledgeSearch": result}),
            ),
        ));
        if rng.gen_bool(0.1) {
            let rating = if copied { "Positive" } else { "Negative" };
            let rated_at = engaged_at + Duration::seconds(30);
            tally.feedback += 1;
            events.push((
                rated_at,
                envelope(
                    &conversation,
                    &suggestion,
                    queue,
                    rated_at,
                    json!({"state": "Rated", "engagementType": "Feedback", "feedback": {"rating": rating}}),
                ),
            ));
        }
    }
    events.sort_by_key(|(at, _)| *at);
    events
}

/// NDCG@3 of `order` with the true usefulness as (linear) gain.
fn ndcg3(order: &[usize], relevance: &[f64; ITEMS]) -> f64 {
    let dcg = |gains: &mut dyn Iterator<Item = f64>| {
        gains
            .take(3)
            .enumerate()
            .map(|(k, gain)| gain / (k as f64 + 2.0).log2())
            .sum::<f64>()
    };
    let mut ideal = relevance.to_vec();
    ideal.sort_by(|a, b| b.total_cmp(a));
    dcg(&mut order.iter().map(|&i| relevance[i])) / dcg(&mut ideal.into_iter())
}

/// Every catalog item of each queue ranked by each ranker at `now`: NDCG@3 and top-1 hits,
/// summed over the queues.
async fn evaluate(
    store: &MemoryAssistStore,
    world: &World,
    tally: &Tally,
    now: DateTime<Utc>,
) -> [(f64, f64); 3] {
    let learned = RankingConfig::default();
    let rate_only = RankingConfig {
        confidence_weight: 0.0,
        ..learned
    };
    let mut totals = [(0.0, 0.0); 3];
    for queue in 0..QUEUES {
        let queue_id = Some(id("a1b2c3d4", queue + 1).parse().expect("queue id"));
        // Per item, each ranker's score.
        let mut scores: Vec<[f64; 3]> = Vec::with_capacity(ITEMS);
        for item in 0..ITEMS {
            let shown = tally.shown[queue][item];
            let confidence = (shown > 0).then(|| tally.confidence[queue][item] / f64::from(shown));
            let keys = [
                CountsKey::Item {
                    queue: queue_id,
                    kind: KIND.to_owned(),
                    item: format!("doc:{}", doc(item)),
                },
                CountsKey::TypeInQueue {
                    queue: queue_id,
                    kind: KIND.to_owned(),
                },
                CountsKey::Type {
                    kind: KIND.to_owned(),
                },
            ];
            let counts = store.counts(&keys).await.expect("counts");
            let score = |config: &RankingConfig| {
                let weigh = |i: usize| config.weigh(&counts[i], now);
                config.score(confidence, weigh(0), weigh(1), weigh(2)).score
            };
            let acceptance = match tally.shown_anywhere[item] {
                0 => 0.0,
                n => f64::from(tally.copied_anywhere[item]) / f64::from(n),
            };
            // Genesys' events carry no skills: the skill bonus has no input and is 0 for all.
            let skill_bonus = 0.0;
            let fixed = 0.6 * confidence.unwrap_or(0.0) + 0.3 * skill_bonus + 0.1 * acceptance;
            scores.push([score(&learned), fixed, score(&rate_only)]);
        }
        for (ranker, total) in totals.iter_mut().enumerate() {
            let mut order: Vec<usize> = (0..ITEMS).collect();
            order.sort_by(|&a, &b| scores[b][ranker].total_cmp(&scores[a][ranker]).then(a.cmp(&b)));
            total.0 += ndcg3(&order, &world.truth[queue]);
            total.1 += f64::from(u8::from(order[0] == world.best[queue]));
        }
    }
    totals
}

struct Replay {
    /// Per checkpoint: the events so far and the rankers' summed (NDCG@3, top-1) over queues.
    checkpoints: Vec<(usize, [(f64, f64); 3])>,
    tally: Tally,
}

async fn replay(seed: u64) -> Replay {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let world = world(&mut rng);
    let store = MemoryAssistStore::new();
    let jobs = RecordingJobs::default();
    let config = AssistConfig::default();
    let end: DateTime<Utc> = "2026-12-15T12:00:00Z".parse().expect("time");
    let start = end - Duration::days(DAYS);
    let step = Duration::days(DAYS).num_seconds() / CONVERSATIONS as i64;
    let mut tally = Tally::default();
    let mut checkpoints = Vec::new();
    let mut last = start;
    for n in 0..CONVERSATIONS {
        let at = start + Duration::seconds(step * n as i64 + rng.gen_range(0..step / 2));
        for (event_at, value) in conversation(&mut rng, &world, &mut tally, n, at) {
            let event = match parse(&value) {
                Ok(Parsed::Event(event)) => event,
                other => panic!("the product's parser refused a generated event: {other:?}"),
            };
            // Processed as it arrives: the product's `now` is the event's time.
            let handled = handle(&event, &store, &jobs, &config, event_at)
                .await
                .expect("handled");
            assert!(matches!(handled, Handled::Applied { .. }), "{handled:?}");
            tally.events += 1;
            last = event_at;
        }
        if CHECKPOINTS.iter().any(|p| p * CONVERSATIONS / 100 == n + 1) {
            checkpoints.push((tally.events, evaluate(&store, &world, &tally, last).await));
        }
    }
    assert!(last <= end);
    Replay { checkpoints, tally }
}

#[tokio::test]
async fn the_learned_ranking_puts_the_truly_better_item_first_more_often_than_the_static_formula() {
    let mut runs = Vec::new();
    for seed in SEEDS {
        runs.push(replay(seed).await);
    }
    let cases = (SEEDS.len() * QUEUES) as f64;
    println!("\n| share of replay | events per replay | ranker | NDCG@3 | best item first |");
    println!("| ---: | ---: | --- | ---: | ---: |");
    let mut end = [(0.0, 0.0); 3];
    for (at, percent) in CHECKPOINTS.iter().enumerate() {
        let events = runs.iter().map(|r| r.checkpoints[at].0).sum::<usize>() / SEEDS.len();
        for (ranker, name) in RANKERS.iter().enumerate() {
            let (ndcg, top1) = runs.iter().fold((0.0, 0.0), |(n, t), r| {
                let (dn, dt) = r.checkpoints[at].1[ranker];
                (n + dn, t + dt)
            });
            let (ndcg, top1) = (ndcg / cases, top1 / cases);
            println!(
                "| {percent}% | {events} | {name} | {ndcg:.3} | {:.0}% ({top1:.3}) |",
                top1 * 100.0
            );
            end[ranker] = (ndcg, top1);
        }
    }
    println!();
    println!(
        "| seed | events | engagement events | of them feedback | corr(confidence, truth) | learned NDCG@3 | static NDCG@3 |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (seed, run) in SEEDS.iter().zip(&runs) {
        let t = &run.tally;
        let last = run.checkpoints.last().map(|c| c.1).unwrap_or_default();
        let q = QUEUES as f64;
        println!(
            "| {seed} | {} | {} | {} | {:.2} | {:.3} | {:.3} |",
            t.events,
            t.engagements + t.feedback,
            t.feedback,
            t.correlation(),
            last[0].0 / q,
            last[1].0 / q
        );
        assert!(
            t.engagements >= 5_000,
            "seed {seed}: {} engagements",
            t.engagements
        );
        assert_eq!(run.checkpoints.len(), CHECKPOINTS.len());
    }
    let [(learned_ndcg, learned_top1), (static_ndcg, static_top1), _] = end;
    assert!(
        learned_ndcg > static_ndcg,
        "NDCG@3 at the end: learned {learned_ndcg:.3} <= static {static_ndcg:.3}"
    );
    assert!(
        learned_top1 > static_top1,
        "best item first at the end: learned {learned_top1:.3} <= static {static_top1:.3}"
    );
}
