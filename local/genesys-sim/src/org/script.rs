//! Assembles a seeded conversation's dialogue from the templates, planting product mentions.

use std::collections::BTreeMap;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::templates::{self as t, SCENARIOS, Scenario};
use super::{Conversation, Dialogue, Media, Mention, Phrase, SeededPlan, Speaker};
use super::{SuggestionSeed, SummarySeed, TopicHit, derive_uuid};
use crate::catalog::{self, Product};

/// Topic names used besides the scenario topics.
pub const FOLLOW_UP_TOPIC: (&str, &str) = ("Follow-up promised", "follow up");

struct Ctx {
    p: &'static Product,
    p2: &'static Product,
    agent: String,
    cust: String,
    last: String,
    amount: String,
    day: &'static str,
    order: String,
    ticket: String,
    minutes: u32,
    pii: [&'static str; 6],
}

struct Builder {
    rng: ChaCha8Rng,
    ctx: Ctx,
    lines: Vec<(Speaker, String)>,
    mentions: BTreeMap<(&'static str, Speaker), u32>,
}

impl Builder {
    /// Fills placeholders. Product placeholders become a planted surface form (counted) when
    /// `speaker` is given, else the canonical name (not counted).
    fn fill(&mut self, template: &str, speaker: Option<Speaker>) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                out.push_str(&rest[open..]);
                return out;
            };
            let key = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            let value = match key {
                "p" | "p2" | "P" | "P2" => {
                    let product = if key.eq_ignore_ascii_case("p") {
                        self.ctx.p
                    } else {
                        self.ctx.p2
                    };
                    match speaker {
                        Some(s) if key.starts_with('p') => self.plant(product, s),
                        _ => product.name.to_string(),
                    }
                }
                "agent" => self.ctx.agent.clone(),
                "cust" => self.ctx.cust.clone(),
                "last" => self.ctx.last.clone(),
                "company" => t::COMPANY.to_string(),
                "amount" => self.ctx.amount.clone(),
                "day" => self.ctx.day.to_string(),
                "order" => self.ctx.order.clone(),
                "ticket" => self.ctx.ticket.clone(),
                "minutes" => self.ctx.minutes.to_string(),
                "email" => self.ctx.pii[0].to_string(),
                "phone" => self.ctx.pii[1].to_string(),
                "card" => self.ctx.pii[2].to_string(),
                "ssn" => self.ctx.pii[3].to_string(),
                "iban" => self.ctx.pii[4].to_string(),
                "intl_phone" => self.ctx.pii[5].to_string(),
                other => format!("{{{other}}}"),
            };
            out.push_str(&value);
        }
        out.push_str(rest);
        out
    }

    fn plant(&mut self, product: &'static Product, speaker: Speaker) -> String {
        *self.mentions.entry((product.id, speaker)).or_insert(0) += 1;
        let roll: f64 = self.rng.r#gen();
        let base = if roll < 0.55 || product.aliases.is_empty() {
            product.name
        } else {
            product.aliases[self.rng.gen_range(0..product.aliases.len())]
        };
        match self.rng.gen_range(0..10) {
            0 => format!("{base}'s"),
            1 => format!("{base}s"),
            _ => base.to_string(),
        }
    }

    fn say(&mut self, speaker: Speaker, template: &str) -> usize {
        let text = self.fill(template, Some(speaker));
        self.lines.push((speaker, text));
        self.lines.len() - 1
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.rng.gen_range(0..items.len())]
    }
}

fn pick_product(rng: &mut ChaCha8Rng, cats: &[catalog::Category], not: Option<&str>) -> &'static Product {
    let pool: Vec<&'static Product> = catalog::products()
        .iter()
        .filter(|p| cats.contains(&p.category) && Some(p.id) != not)
        .collect();
    if pool.is_empty() {
        return &catalog::products()[0];
    }
    pool[rng.gen_range(0..pool.len())]
}

/// Generates the dialogue of a seeded conversation.
pub fn seeded_dialogue(conv: &Conversation, plan: &SeededPlan) -> Dialogue {
    let mut rng = ChaCha8Rng::from_seed(plan.rng_seed);
    let sc: &Scenario = &SCENARIOS[plan.scenario % SCENARIOS.len()];
    let p = pick_product(&mut rng, sc.p_categories, None);
    let p2 = pick_product(&mut rng, sc.p2_categories, Some(p.id));
    let mut parts = conv.customer_name.split(' ');
    let ctx = Ctx {
        p,
        p2,
        agent: plan.agent_first_name.clone(),
        cust: parts.next().unwrap_or("Alex").to_string(),
        last: parts.next().unwrap_or("Smith").to_string(),
        amount: format!("${}.{:02}", rng.gen_range(9..240), rng.gen_range(0..100)),
        day: t::DAYS[rng.gen_range(0..t::DAYS.len())],
        order: format!("{:04}-{:04}", rng.gen_range(1000..9999), rng.gen_range(0..9999)),
        ticket: format!("INC{:06}", rng.gen_range(0..999_999)),
        minutes: rng.gen_range(3..12) * 15,
        pii: [
            t::EMAILS[rng.gen_range(0..t::EMAILS.len())],
            t::PHONES[rng.gen_range(0..t::PHONES.len())],
            t::CARDS[rng.gen_range(0..t::CARDS.len())],
            t::SSNS[rng.gen_range(0..t::SSNS.len())],
            t::IBANS[rng.gen_range(0..t::IBANS.len())],
            t::INTL_PHONES[rng.gen_range(0..t::INTL_PHONES.len())],
        ],
    };
    let mut b = Builder {
        rng,
        ctx,
        lines: Vec::new(),
        mentions: BTreeMap::new(),
    };
    let mut topics = Vec::new();
    let mut sentiment = Vec::new();

    let ivr_lines = if plan.ivr_window.is_some() {
        let opener = b.pick(t::IVR_OPENERS);
        b.say(Speaker::Ivr, opener);
        b.say(Speaker::Ivr, t::IVR_ASK);
        b.say(Speaker::Customer, sc.ivr_reason);
        b.say(Speaker::Ivr, t::IVR_TRANSFER);
        b.lines.len()
    } else {
        0
    };

    let (commitment, _) = if conv.media == Media::Email {
        email_body(&mut b, sc, plan, &mut topics, &mut sentiment)
    } else {
        talk_body(&mut b, conv.media, sc, plan, &mut topics, &mut sentiment)
    };

    let phrases = timeline(&mut b.rng, &b.lines, conv.media, plan, ivr_lines);
    let summary = plan.has_summary.then(|| {
        let commitment = commitment.map(|c| b.fill(c, None));
        let reason = b.fill(sc.reason, None);
        let resolution = b.fill(sc.resolution, None);
        let text = match &commitment {
            Some(c) => format!("{reason} {resolution} The agent committed: \"{c}\""),
            None => format!("{reason} {resolution}"),
        };
        SummarySeed {
            text,
            reason,
            resolution,
            outcome: sc.outcome.to_string(),
            followup: commitment.unwrap_or_else(|| "No follow-up required.".to_string()),
            confidence: f64::from(b.rng.gen_range(72..96_u32)) / 100.0,
        }
    });
    let suggestions = suggestions(&mut b, conv, sc, plan);
    let mentions = b
        .mentions
        .iter()
        .map(|(&(product_id, speaker), &count)| Mention {
            product_id,
            speaker,
            count,
        })
        .collect();
    Dialogue {
        phrases,
        subject: (conv.media == Media::Email).then(|| sc.subject.to_string()),
        summary,
        suggestions,
        mentions,
        topics,
        sentiment,
        contains_pii: plan.pii,
    }
}

fn talk_body(
    b: &mut Builder,
    media: Media,
    sc: &Scenario,
    plan: &SeededPlan,
    topics: &mut Vec<TopicHit>,
    sentiment: &mut Vec<(usize, f64)>,
) -> (Option<&'static str>, usize) {
    let greeting = b.pick(if media == Media::Voice {
        t::VOICE_GREETINGS
    } else {
        t::TEXT_GREETINGS
    });
    b.say(Speaker::Agent, greeting);
    let opener = b.pick(sc.openers);
    let i = b.say(Speaker::Customer, opener);
    topics.push(TopicHit {
        name: sc.topic,
        keyword: sc.topic_keyword,
        phrase_index: i,
    });
    sentiment.push((i, if sc.outcome == "Resolved" { -0.3 } else { -0.7 }));
    if b.rng.gen_bool(0.7) {
        let (a, c) = t::VERIFY[b.rng.gen_range(0..t::VERIFY.len())];
        b.say(Speaker::Agent, a);
        b.say(Speaker::Customer, c);
    }
    if plan.pii {
        let mut pii: Vec<usize> = (0..t::PII.len()).collect();
        pii.shuffle(&mut b.rng);
        let n = b.rng.gen_range(1..=2);
        for &k in pii.iter().take(n) {
            let (a, c) = t::PII[k];
            b.say(Speaker::Agent, a);
            b.say(Speaker::Customer, c);
        }
    }
    let mut exchanges: Vec<usize> = (0..sc.exchanges.len()).collect();
    exchanges.shuffle(&mut b.rng);
    let n = b.rng.gen_range(2..=4.min(exchanges.len()));
    for &k in exchanges.iter().take(n) {
        let (a, c) = sc.exchanges[k];
        b.say(Speaker::Agent, a);
        b.say(Speaker::Customer, c);
    }
    if plan.long_call {
        let target = b.rng.gen_range(220..360);
        let mut recent: Vec<usize> = Vec::new();
        while b.lines.len() < target {
            let k = b.rng.gen_range(0..t::TROUBLESHOOT.len());
            if recent.contains(&k) {
                continue;
            }
            recent.push(k);
            if recent.len() > 8 {
                recent.remove(0);
            }
            let (a, c) = t::TROUBLESHOOT[k];
            b.say(Speaker::Agent, a);
            b.say(Speaker::Customer, c);
        }
    }
    let resolution = b.pick(sc.resolutions);
    let resolution_idx = b.say(Speaker::Agent, resolution);
    let commitment = b.rng.gen_bool(0.7).then(|| b.pick(sc.commitments));
    if let Some(c) = commitment {
        let i = b.say(Speaker::Agent, c);
        topics.push(TopicHit {
            name: FOLLOW_UP_TOPIC.0,
            keyword: FOLLOW_UP_TOPIC.1,
            phrase_index: i,
        });
    }
    let ack = b.pick(t::CUSTOMER_ACKS);
    let i = b.say(Speaker::Customer, ack);
    sentiment.push((i, 0.4));
    let check = b.pick(t::AGENT_CHECKS);
    b.say(Speaker::Agent, check);
    let bye = b.pick(t::CUSTOMER_BYES);
    let i = b.say(Speaker::Customer, bye);
    sentiment.push((i, 0.6));
    let bye = b.pick(t::AGENT_BYES);
    b.say(Speaker::Agent, bye);
    (commitment, resolution_idx)
}

fn email_body(
    b: &mut Builder,
    sc: &Scenario,
    plan: &SeededPlan,
    topics: &mut Vec<TopicHit>,
    sentiment: &mut Vec<(usize, f64)>,
) -> (Option<&'static str>, usize) {
    let opener = b.pick(sc.openers);
    let mut body = format!("Hello {} support,\n\n{opener}", t::COMPANY);
    let (_, detail) = sc.exchanges[b.rng.gen_range(0..sc.exchanges.len())];
    body.push(' ');
    body.push_str(detail);
    if plan.pii {
        let (_, c) = t::PII[b.rng.gen_range(0..t::PII.len())];
        body.push(' ');
        body.push_str(c);
    }
    body.push_str("\n\nThanks,\n{cust} {last}");
    let i = b.say(Speaker::Customer, &body);
    topics.push(TopicHit {
        name: sc.topic,
        keyword: sc.topic_keyword,
        phrase_index: i,
    });
    sentiment.push((i, -0.4));
    let resolution = b.pick(sc.resolutions);
    let commitment = b.rng.gen_bool(0.7).then(|| b.pick(sc.commitments));
    let mut reply = format!("Hi {{cust}},\n\nThank you for reaching out. {resolution}");
    if let Some(c) = commitment {
        reply.push(' ');
        reply.push_str(c);
    }
    reply.push_str("\n\nBest regards,\n{agent}\n{company}");
    let resolution_idx = b.say(Speaker::Agent, &reply);
    if commitment.is_some() {
        topics.push(TopicHit {
            name: FOLLOW_UP_TOPIC.0,
            keyword: FOLLOW_UP_TOPIC.1,
            phrase_index: resolution_idx,
        });
    }
    if b.rng.gen_bool(0.5) {
        let ack = b.pick(t::CUSTOMER_ACKS);
        let i = b.say(Speaker::Customer, &format!("Hi {{agent}},\n\n{ack}\n\n{{cust}}"));
        sentiment.push((i, 0.5));
    }
    (commitment, resolution_idx)
}

/// Places lines on the conversation timeline (ms offsets from conversation start).
fn timeline(
    rng: &mut ChaCha8Rng,
    lines: &[(Speaker, String)],
    media: Media,
    plan: &SeededPlan,
    ivr_lines: usize,
) -> Vec<Phrase> {
    let mut out = Vec::with_capacity(lines.len());
    let voice = media == Media::Voice;
    let duration = |text: &str, rng: &mut ChaCha8Rng| -> i64 {
        let words = text.split_whitespace().count() as i64;
        if voice {
            400 + words * 330 + rng.gen_range(0..300)
        } else {
            0
        }
    };
    let confidence = |rng: &mut ChaCha8Rng| {
        if voice {
            f64::from(rng.gen_range(74..99_u32)) / 100.0
        } else {
            1.0
        }
    };
    // IVR part: natural pace from the start of the IVR window.
    let mut at = plan.ivr_window.map_or(0, |(s, _)| s) + 500;
    for (speaker, text) in lines.iter().take(ivr_lines) {
        let d = duration(text, rng);
        out.push(Phrase {
            speaker: *speaker,
            text: text.clone(),
            offset_ms: at,
            duration_ms: d,
            confidence: confidence(rng),
        });
        at += d + rng.gen_range(300..1200);
    }
    // Talk part: natural durations, gaps scaled so that the dialogue fills the talk window.
    let talk = &lines[ivr_lines.min(lines.len())..];
    let durations: Vec<i64> = talk.iter().map(|(_, l)| duration(l, rng)).collect();
    let gaps: Vec<i64> = talk
        .iter()
        .map(|_| match media {
            Media::Voice => rng.gen_range(200..2500),
            Media::Chat | Media::Message => rng.gen_range(5_000..90_000),
            Media::Email => rng.gen_range(1..100) * 60_000,
        })
        .collect();
    let (start, end) = plan.talk_window;
    let window = (end - start - 1000).max(1000);
    let spoken: i64 = durations.iter().sum();
    let natural_gaps: i64 = gaps.iter().sum::<i64>().max(1);
    let budget = (window - spoken).max(0);
    let scale = if spoken > window {
        window as f64 / spoken as f64
    } else {
        1.0
    };
    let mut at = start + 500;
    for (((speaker, text), d), g) in talk.iter().zip(durations).zip(gaps) {
        let d = (d as f64 * scale) as i64;
        out.push(Phrase {
            speaker: *speaker,
            text: text.clone(),
            offset_ms: at,
            duration_ms: d,
            confidence: confidence(rng),
        });
        at += d + g * budget / natural_gaps;
    }
    out
}

fn suggestions(
    b: &mut Builder,
    conv: &Conversation,
    sc: &Scenario,
    plan: &SeededPlan,
) -> Vec<SuggestionSeed> {
    const KINDS: &[&str] = &["Faq", "Article", "KnowledgeArticle", "CannedResponse"];
    let (start, end) = plan.talk_window;
    (0..plan.suggestions)
        .map(|i| {
            let kind = KINDS[b.rng.gen_range(0..KINDS.len())];
            let (q, a) = sc.faqs[b.rng.gen_range(0..sc.faqs.len())];
            let (title, text) = if kind == "CannedResponse" {
                (
                    "Apology and next steps".to_string(),
                    "I'm sorry for the trouble. Here is what happens next.".to_string(),
                )
            } else {
                (q.to_string(), a.to_string())
            };
            SuggestionSeed {
                id: derive_uuid(&format!("{}:suggestion:{i}", conv.id)),
                kind: kind.to_string(),
                title,
                text,
                trigger: if i == 0 { "ConversationStart" } else { "Intent" }.to_string(),
                state: "Suggested".to_string(),
                offset_ms: start + (end - start) * i as i64 / plan.suggestions.max(1) as i64,
            }
        })
        .collect()
}
