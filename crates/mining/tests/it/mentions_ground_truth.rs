//! The matcher reproduces the simulator's planted product mentions exactly: every seeded
//! conversation's transcript is read through the Genesys API (in memory, the simulator's
//! documents rendered without a server), every phrase matched with the deployed catalog, and the
//! counts per product and speaker equal the simulator's ground truth (`/_sim/ground-truth`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use wrapup_adapters::catalog::{MentionMatcher, ProductCatalog};
use wrapup_core::ids::ConversationId;
use wrapup_genesys::models::TranscriptDocument;
use wrapup_genesys::{GenesysApi, MemoryGenesys};
use wrapup_mining::Speaker;

/// `(product id, speaker)` -> mentions.
type Counts = BTreeMap<(String, Speaker), u32>;

fn deployed_catalog() -> ProductCatalog {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../functions/archive-miner/product-catalog.json");
    ProductCatalog::from_json(&std::fs::read(path).unwrap()).unwrap()
}

fn planted(conversation: &Value) -> Counts {
    let mut counts = Counts::new();
    for mention in conversation["mentions"].as_array().expect("mentions") {
        let speaker = Speaker::parse(mention["speaker"].as_str().unwrap()).expect("agent or customer");
        let count = u32::try_from(mention["count"].as_u64().unwrap()).unwrap();
        let product = mention["productId"].as_str().unwrap().to_owned();
        *counts.entry((product, speaker)).or_default() += count;
    }
    counts
}

/// Counts of one transcript document; also every IVR (or other non-counted) phrase, which must
/// not mention anything.
fn matched(catalog: &ProductCatalog, matcher: &MentionMatcher, document: &TranscriptDocument) -> Counts {
    let mut counts = Counts::new();
    let mut per_product = vec![0_u32; catalog.len()];
    for phrase in document.transcripts.iter().flat_map(|t| &t.phrases) {
        let text = phrase.text.as_deref().unwrap_or_default();
        let purpose = phrase.participant_purpose.as_deref().unwrap_or_default();
        let Some(speaker) = Speaker::from_participant_purpose(purpose) else {
            assert!(
                matcher.find(text).is_empty(),
                "a {purpose} phrase mentions a product"
            );
            continue;
        };
        per_product.fill(0);
        matcher.count_into(text, &mut per_product);
        assert_eq!(
            per_product.iter().sum::<u32>() as usize,
            matcher.find(text).len(),
            "count_into and find disagree"
        );
        for (index, &count) in per_product.iter().enumerate().filter(|(_, c)| **c > 0) {
            let id = catalog.products()[index].id.clone();
            *counts.entry((id, speaker)).or_default() += count;
        }
    }
    counts
}

/// The simulator with `config` as an in-memory Genesys, and its ground truth.
fn seeded(config: &genesys_sim::SimConfig) -> (MemoryGenesys, Vec<Value>) {
    let genesys = MemoryGenesys::new();
    for c in genesys_sim::render_org(config) {
        genesys
            .add_json(&c.details, &c.transcripts, c.summaries.as_ref())
            .expect("the simulator renders the API's shapes");
    }
    let Value::Array(truth) = genesys_sim::seeded_ground_truth(config, None, None) else {
        panic!("ground truth is an array");
    };
    (genesys, truth)
}

async fn transcript(client: &MemoryGenesys, conversation: &Value) -> TranscriptDocument {
    let id = ConversationId::parse(conversation["conversationId"].as_str().unwrap()).unwrap();
    let communication = conversation["communicationId"].as_str().unwrap();
    client
        .download_transcript(&id, communication)
        .await
        .expect("download")
        .expect("every seeded conversation has a transcript")
}

#[tokio::test]
async fn matcher_counts_equal_the_planted_mentions_of_300_conversations() {
    let (client, conversations) = seeded(&genesys_sim::SimConfig {
        conversations: 300,
        ..Default::default()
    });
    assert_eq!(conversations.len(), 300);

    let catalog = deployed_catalog();
    let matcher = MentionMatcher::new(&catalog).unwrap();
    let mut documents = Vec::with_capacity(conversations.len());
    for conversation in &conversations {
        documents.push(transcript(&client, conversation).await);
    }

    let mut total = 0;
    let mut mismatches = Vec::new();
    for (conversation, document) in conversations.iter().zip(&documents) {
        let expected = planted(conversation);
        total += expected.values().sum::<u32>();
        let actual = matched(&catalog, &matcher, document);
        if actual != expected {
            mismatches.push(format!(
                "{}: planted {expected:?}, matched {actual:?}",
                conversation["conversationId"]
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of 300 conversations differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    // The comparison means something: hundreds of mentions, by both speakers.
    assert!(total > 500, "only {total} planted mentions");
}

#[tokio::test]
async fn planted_plural_and_possessive_forms_are_counted() {
    let (client, conversations) = seeded(&genesys_sim::SimConfig {
        conversations: 60,
        ..Default::default()
    });
    let catalog = deployed_catalog();
    let matcher = MentionMatcher::new(&catalog).unwrap();
    let (mut plural, mut possessive) = (0, 0);
    for conversation in &conversations {
        let document = transcript(&client, conversation).await;
        for text in document
            .transcripts
            .iter()
            .flat_map(|t| &t.phrases)
            .filter_map(|p| p.text.as_deref())
        {
            for mention in matcher.find(text) {
                let matched = &text[mention.start..mention.end];
                possessive += usize::from(matched.ends_with("'s"));
                plural += usize::from(matched.ends_with('s') && !matched.ends_with("'s"));
            }
        }
    }
    // About one in ten planted mentions each; the suffixes must be inside the mentions.
    assert!(
        plural > 5 && possessive > 5,
        "plural {plural}, possessive {possessive}"
    );
}
