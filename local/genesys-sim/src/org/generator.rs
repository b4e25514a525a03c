//! Seeded conversation skeletons. Deterministic: same seed + anchor + counts -> same data.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::templates::{AGENTS, FIRST_NAMES, LAST_NAMES, QUEUES, SCENARIOS};
use super::{Content, Conversation, Dialogue, Media, Participant, SeededPlan, Speaker};
use super::{derive_seed, derive_uuid, script};
use crate::config::SimConfig;

/// The seeded organisation. Immutable after generation.
#[derive(Debug)]
pub struct Org {
    pub organization_id: String,
    pub division_id: String,
    /// Sorted by `conversationStart`, then id.
    conversations: Vec<Arc<Conversation>>,
    by_id: HashMap<String, usize>,
}

impl Org {
    /// Generates the skeletons of `config.conversations` conversations.
    pub fn generate(config: &SimConfig) -> Org {
        let seed = config.seed;
        let organization_id = super::organization_id(seed);
        let division_id = derive_uuid(&format!("{seed}:division"));
        let window_start = Utc.from_utc_datetime(
            &(config.anchor_date - Duration::days(i64::from(config.days.max(1)))).and_time(NaiveTime::MIN),
        );
        let days = config.days.max(1);
        let mut conversations: Vec<Arc<Conversation>> = (0..config.conversations)
            .map(|i| Arc::new(skeleton(seed, i, window_start, days, &division_id)))
            .collect();
        conversations.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        let by_id = conversations
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Org {
            organization_id,
            division_id,
            conversations,
            by_id,
        }
    }

    /// All seeded conversations, sorted by start.
    pub fn conversations(&self) -> &[Arc<Conversation>] {
        &self.conversations
    }

    /// The seeded conversation with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Conversation>> {
        self.by_id.get(id).and_then(|&i| self.conversations.get(i))
    }

    /// The dialogue of a conversation (generated on demand for seeded ones).
    pub fn dialogue(conversation: &Conversation) -> Arc<Dialogue> {
        match &conversation.content {
            Content::Seeded(plan) => Arc::new(script::seeded_dialogue(conversation, plan)),
            Content::Loaded(d) => Arc::clone(d),
        }
    }
}

/// Queue id of a queue index (per org seed).
pub fn queue_id(seed: u64, queue: usize) -> String {
    derive_uuid(&format!(
        "{seed}:queue:{}",
        QUEUES.get(queue).copied().unwrap_or("General")
    ))
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[rng.gen_range(0..items.len())]
}

fn skeleton(
    seed: u64,
    index: usize,
    window_start: chrono::DateTime<Utc>,
    days: u32,
    division_id: &str,
) -> Conversation {
    let mut rng = ChaCha8Rng::from_seed(derive_seed(&format!("{seed}:conversation:{index}")));
    let id = derive_uuid(&format!("{seed}:conversation:{index}"));
    let roll: f64 = rng.r#gen();
    let media = if roll < 0.5 {
        Media::Voice
    } else if roll < 0.7 {
        Media::Chat
    } else if roll < 0.85 {
        Media::Message
    } else {
        Media::Email
    };
    let day = rng.gen_range(0..days);
    let second_of_day = if rng.gen_bool(0.9) {
        rng.gen_range(7 * 3600..20 * 3600)
    } else {
        rng.gen_range(0..86_400)
    };
    let start = window_start
        + Duration::days(i64::from(day))
        + Duration::seconds(second_of_day)
        + Duration::milliseconds(rng.gen_range(0..1000));
    let scenario = rng.gen_range(0..SCENARIOS.len());
    let outbound = media == Media::Voice && rng.gen_bool(0.1);
    let long_call = media == Media::Voice && rng.gen_bool(0.1);
    let has_ivr = media == Media::Voice && !outbound && rng.gen_bool(0.7);
    let pii = rng.gen_bool(0.15);
    let has_summary = rng.gen_bool(0.3);
    let suggestions = if rng.gen_bool(0.3) {
        if rng.gen_bool(0.15) {
            rng.gen_range(25..=40)
        } else {
            rng.gen_range(1..=8)
        }
    } else {
        0
    };
    let agent_index = rng.gen_range(0..AGENTS.len());
    let agent_name = AGENTS[agent_index];
    let first = pick(&mut rng, FIRST_NAMES);
    let last = pick(&mut rng, LAST_NAMES);
    let language = if rng.gen_bool(0.1) { "en-GB" } else { "en-US" };

    let ivr_window = has_ivr.then(|| (0_i64, rng.gen_range(20_000..60_000_i64)));
    let wait = match media {
        Media::Voice => rng.gen_range(5_000..90_000),
        Media::Chat => rng.gen_range(10_000..120_000),
        Media::Message => rng.gen_range(30_000..600_000),
        Media::Email => rng.gen_range(600_000..3_600_000),
    };
    let talk_len: i64 = match media {
        Media::Voice if long_call => rng.gen_range(61 * 60_000..95 * 60_000),
        Media::Voice => rng.gen_range(2 * 60_000..15 * 60_000),
        Media::Chat => rng.gen_range(4 * 60_000..25 * 60_000),
        Media::Message => rng.gen_range(10 * 60_000..4 * 3_600_000),
        Media::Email => rng.gen_range(3_600_000..30 * 3_600_000),
    };
    let talk_start = ivr_window.map_or(0, |(_, e)| e) + wait;
    let talk_end = talk_start + talk_len;
    let ani = format!("tel:+1555{:07}", rng.gen_range(0..10_000_000));
    let dnis = "tel:+18005550100".to_string();

    let pid = |kind: &str| derive_uuid(&format!("{id}:{kind}:participant"));
    let sid = |kind: &str| derive_uuid(&format!("{id}:{kind}:session"));
    let mut participants = vec![Participant {
        id: pid("customer"),
        purpose: Speaker::Customer,
        name: format!("{first} {last}"),
        user_id: None,
        session_id: sid("customer"),
        start_ms: 0,
        end_ms: talk_end,
    }];
    if let Some((s, e)) = ivr_window {
        participants.push(Participant {
            id: pid("ivr"),
            purpose: Speaker::Ivr,
            name: "Main IVR".to_string(),
            user_id: None,
            session_id: sid("ivr"),
            start_ms: s,
            end_ms: e,
        });
    }
    participants.push(Participant {
        id: pid("agent"),
        purpose: Speaker::Agent,
        name: agent_name.to_string(),
        user_id: Some(derive_uuid(&format!("{seed}:user:{agent_index}"))),
        session_id: sid("agent"),
        start_ms: talk_start,
        end_ms: talk_end,
    });
    let sc = &SCENARIOS[scenario];
    Conversation {
        id: id.clone(),
        media,
        start,
        end: start + Duration::milliseconds(talk_end),
        direction: if outbound { "outbound" } else { "inbound" },
        language: language.to_string(),
        queue_id: queue_id(seed, sc.queue),
        division_id: division_id.to_string(),
        customer_name: format!("{first} {last}"),
        ani,
        dnis,
        wrapup_code: derive_uuid(&format!("{seed}:wrapup:{}", sc.wrapup)),
        participants,
        content: Content::Seeded(SeededPlan {
            rng_seed: derive_seed(&format!("{seed}:dialogue:{index}")),
            scenario,
            long_call,
            pii,
            has_summary,
            suggestions,
            ivr_window,
            talk_window: (talk_start, talk_end),
            agent_first_name: agent_name.split(' ').next().unwrap_or(agent_name).to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn generates_a_realistic_mix_quickly() {
        let config = SimConfig {
            anchor_date: chrono::NaiveDate::from_ymd_opt(2025, 6, 10).unwrap_or_default(),
            ..SimConfig::default()
        };
        let t = Instant::now();
        let org = Org::generate(&config);
        let dialogues: Vec<_> = org.conversations().iter().map(|c| Org::dialogue(c)).collect();
        assert!(t.elapsed().as_millis() < 2000, "{:?}", t.elapsed());
        let convs = org.conversations();
        assert_eq!(convs.len(), 300);
        let share = |m: Media| convs.iter().filter(|c| c.media == m).count();
        assert!((120..=180).contains(&share(Media::Voice)));
        assert!((40..=80).contains(&share(Media::Chat)));
        assert!((25..=65).contains(&share(Media::Message)));
        assert!((25..=65).contains(&share(Media::Email)));
        let long: Vec<usize> = convs
            .iter()
            .zip(&dialogues)
            .filter(|(c, _)| (c.end - c.start).num_minutes() > 60 && c.media == Media::Voice)
            .map(|(_, d)| d.phrases.len())
            .collect();
        assert!(long.len() >= 5 && long.iter().all(|&n| n >= 200), "{long:?}");
        let pii = dialogues.iter().filter(|d| d.contains_pii).count();
        assert!((25..=70).contains(&pii), "{pii}");
        let summaries = dialogues.iter().filter(|d| d.summary.is_some()).count();
        assert!((60..=120).contains(&summaries), "{summaries}");
        let window_start = Utc.from_utc_datetime(
            &chrono::NaiveDate::from_ymd_opt(2025, 6, 3)
                .unwrap_or_default()
                .and_time(NaiveTime::MIN),
        );
        assert!(
            convs
                .iter()
                .all(|c| c.start >= window_start && c.start.date_naive() < config.anchor_date)
        );
        for (c, d) in convs.iter().zip(&dialogues) {
            let span = (c.end - c.start).num_milliseconds();
            assert!(
                d.phrases
                    .iter()
                    .all(|p| p.offset_ms >= 0 && p.offset_ms + p.duration_ms <= span),
                "{}",
                c.id
            );
            assert!(
                d.phrases.windows(2).all(|w| w[0].offset_ms <= w[1].offset_ms),
                "{}",
                c.id
            );
        }
    }
}
