//! Contract tests of the Genesys models against the vendored spec: request bodies built with the
//! typed models validate against their Swagger definitions, hand-written response fixtures
//! validate and deserialize, and every spec enum value maps to a known variant.
//!
//! Two checks run on every body: `genesys_sim::spec::validate_definition` (JSON Schema: types,
//! required fields, enums, formats) and a strict walk that rejects any field the definition does
//! not declare (the Swagger definitions allow extra fields, which would hide a misspelt name).

use std::sync::LazyLock;

use chrono::{TimeZone, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wrapup::genesys::models::*;
use wrapup::transcript::{Channel, SpeakerRole, Transcript};

static SPEC: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../spec/genesys-openapi.json")).expect("spec parses")
});
static TRANSCRIPT_SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../spec/transcript-document.schema.json"))
        .expect("transcript schema parses")
});

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Follows a local `$ref` against `root`.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.strip_prefix('#').unwrap_or(r);
            let target = root
                .pointer(pointer)
                .unwrap_or_else(|| panic!("unresolved $ref {r}"));
            resolve(root, target)
        }
        None => schema,
    }
}

/// Every object key of `instance` the schema does not declare, as JSON pointers.
fn undeclared_fields(root: &Value, schema: &Value, instance: &Value, at: &str, out: &mut Vec<String>) {
    let schema = resolve(root, schema);
    match instance {
        Value::Object(map) => {
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (key, value) in map {
                    match props.get(key) {
                        Some(s) => undeclared_fields(root, s, value, &format!("{at}/{key}"), out),
                        None => out.push(format!("{at}/{key}")),
                    }
                }
            } else if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
                for (key, value) in map {
                    undeclared_fields(root, values, value, &format!("{at}/{key}"), out);
                }
            }
        }
        Value::Array(items) => {
            if let Some(s) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    undeclared_fields(root, s, item, &format!("{at}/{i}"), out);
                }
            }
        }
        _ => {}
    }
}

fn check_definition(name: &str, instance: &Value) -> Result<(), Vec<String>> {
    let mut errors = genesys_sim::spec::validate_definition(name, instance)
        .err()
        .unwrap_or_default();
    let schema = json!({"$ref": format!("#/definitions/{name}")});
    let mut undeclared = Vec::new();
    undeclared_fields(&SPEC, &schema, instance, "", &mut undeclared);
    errors.extend(
        undeclared
            .into_iter()
            .map(|p| format!("{p}: not declared by {name}")),
    );
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

fn assert_definition(name: &str, instance: &Value) {
    if let Err(errors) = check_definition(name, instance) {
        panic!(
            "{name} does not match the spec:\n  {}\n{instance:#}",
            errors.join("\n  ")
        );
    }
}

fn assert_transcript_document(instance: &Value) {
    let mut errors = genesys_sim::spec::validate_transcript_document(instance)
        .err()
        .unwrap_or_default();
    let mut undeclared = Vec::new();
    undeclared_fields(
        &TRANSCRIPT_SCHEMA,
        &TRANSCRIPT_SCHEMA,
        instance,
        "",
        &mut undeclared,
    );
    errors.extend(undeclared);
    assert!(errors.is_empty(), "transcript document: {errors:#?}");
}

fn body<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serialises")
}

/// The fixture validates, deserializes, and serializes back to something that still validates.
fn load<T: DeserializeOwned + Serialize>(file: &str, definition: &str) -> T {
    let raw = fixture(file);
    assert_definition(definition, &raw);
    let typed: T = serde_json::from_value(raw).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_definition(definition, &body(&typed));
    typed
}

fn load_document(file: &str) -> TranscriptDocument {
    let raw = fixture(file);
    assert_transcript_document(&raw);
    let doc: TranscriptDocument = serde_json::from_value(raw).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_transcript_document(&body(&doc));
    doc
}

// ---------------------------------------------------------------- request bodies

#[test]
fn conversation_query_matches_the_spec() {
    let start = Utc.with_ymd_and_hms(2024, 5, 1, 0, 0, 0).unwrap();
    let query = ConversationQuery::for_interval(start, start + chrono::TimeDelta::days(7))
        .unwrap()
        .with_media_types(&[MediaType::Voice, MediaType::Chat, MediaType::Message])
        .with_conversation_ids(&[
            "5f3c0a52-7b1e-4c1a-9a55-2f8f0f6b7c01",
            "c4a1e2f3-8b9c-4d0e-9f1a-2b3c4d5e6f70",
        ])
        .with_segment_filter(SegmentDetailQueryFilter {
            filter_type: FilterType::And,
            clauses: vec![SegmentDetailQueryClause {
                clause_type: FilterType::Or,
                predicates: vec![
                    SegmentDetailQueryPredicate::dimension("purpose", "agent"),
                    SegmentDetailQueryPredicate::dimension("queueId", "4e7a9c1d-2b3f-4a5e-9c8d-1f2e3d4c5b6a"),
                ],
            }],
            predicates: vec![SegmentDetailQueryPredicate {
                predicate_type: Some(PredicateType::Metric),
                metric: Some("tSegmentDuration".into()),
                range: Some(NumericRange {
                    gte: Some(30_000.0),
                    ..NumericRange::default()
                }),
                ..SegmentDetailQueryPredicate::default()
            }],
        })
        .with_conversation_filter(ConversationDetailQueryFilter {
            filter_type: FilterType::And,
            clauses: Vec::new(),
            predicates: vec![ConversationDetailQueryPredicate {
                predicate_type: Some(PredicateType::Dimension),
                dimension: Some("conversationEnd".into()),
                operator: Some(PredicateOperator::Exists),
                ..ConversationDetailQueryPredicate::default()
            }],
        })
        .ordered(Order::Asc, OrderBy::ConversationStart)
        .page(100, 1);
    let json = body(&query);
    assert_definition("ConversationQuery", &json);
    assert_eq!(
        json["interval"],
        "2024-05-01T00:00:00.000Z/2024-05-08T00:00:00.000Z"
    );
    assert_eq!(json["paging"], json!({"pageSize": 100, "pageNumber": 1}));
    assert_eq!(json["segmentFilters"][0]["predicates"][2]["value"], "message");
    // A bare query is valid too: only `interval` is required.
    assert_definition(
        "ConversationQuery",
        &body(&ConversationQuery::for_interval(start, start + chrono::TimeDelta::hours(1)).unwrap()),
    );
}

#[test]
fn async_conversation_query_matches_the_spec() {
    let start = Utc.with_ymd_and_hms(2024, 4, 1, 0, 0, 0).unwrap();
    let mut query = AsyncConversationQuery::for_interval(start, start + chrono::TimeDelta::days(30))
        .unwrap()
        .with_media_types(&[MediaType::Voice])
        .with_conversation_ids(&["5f3c0a52-7b1e-4c1a-9a55-2f8f0f6b7c01"])
        .ordered(Order::Desc, OrderBy::ConversationEnd)
        .with_limit(1_000);
    query.start_of_day_interval_matching = Some(true);
    let json = body(&query);
    assert_definition("AsyncConversationQuery", &json);
    assert_eq!(json["limit"], 1_000);
    assert_eq!(json["startOfDayIntervalMatching"], true);
    assert!(AsyncConversationQuery::for_interval(start, start).is_err());
}

#[test]
fn suggestion_engagement_matches_the_spec() {
    for engagement in [
        SuggestionEngagement::feedback(Rating::Positive),
        SuggestionEngagement::feedback(Rating::Negative),
        SuggestionEngagement::new(EngagementType::Copied),
        SuggestionEngagement::new(EngagementType::Dismissed),
        SuggestionEngagement::new(EngagementType::Opened),
    ] {
        assert_definition("SuggestionEngagement", &body(&engagement));
    }
    assert_eq!(
        body(&SuggestionEngagement::feedback(Rating::Positive)),
        json!({"engagementType": "Feedback", "feedback": {"rating": "Positive"}})
    );
}

#[test]
fn participant_attributes_match_the_spec() {
    let attrs = ParticipantAttributes::new()
        .with("wrapup.summary", "Router rebooting hourly; replacement ordered.")
        .with("wrapup.status", "verified");
    let json = body(&attrs);
    assert_definition("ParticipantAttributes", &json);
    assert_eq!(json["attributes"]["wrapup.status"], "verified");
}

#[test]
fn the_checks_reject_bad_bodies() {
    let bad = [
        (
            "ConversationQuery",
            json!({"paging": {"pageSize": 1, "pageNumber": 1}}),
        ),
        (
            "ConversationQuery",
            json!({"interval": "x", "paging": {"pageSize": "100", "pageNumber": 1}}),
        ),
        ("ConversationQuery", json!({"interval": "x", "order": "sideways"})),
        ("ConversationQuery", json!({"interval": "x", "segmentFilter": []})),
        (
            "ConversationQuery",
            json!({"interval": "x", "segmentFilters": [{"predicates": []}]}),
        ),
        ("AsyncConversationQuery", json!({"interval": "x", "limit": "ten"})),
        (
            "SuggestionEngagement",
            json!({"feedback": {"rating": "Positive"}}),
        ),
        (
            "SuggestionEngagement",
            json!({"engagementType": "Feedback", "feedback": {"rating": "Meh"}}),
        ),
        ("ParticipantAttributes", json!({"attributes": {"n": 1}})),
        ("ParticipantAttributes", json!({"attrs": {}})),
    ];
    for (name, instance) in bad {
        assert!(
            check_definition(name, &instance).is_err(),
            "{name} accepted {instance}"
        );
    }
    let mut doc = fixture("transcript_voice.json");
    doc["transcripts"][0]["phrases"][0]["startTimeMs"] = json!("soon");
    assert!(genesys_sim::spec::validate_transcript_document(&doc).is_err());
}

#[test]
fn suggestions_query_parameters_match_the_operation() {
    let params = SPEC["paths"]["/api/v2/conversations/{conversationId}/suggestions"]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    let query = SuggestionsQuery {
        before: Some("b".into()),
        after: Some("a".into()),
        page_size: Some(25),
        suggestion_type: Some(SuggestionType::KnowledgeArticle),
        state: Some(SuggestionState::Accepted),
    };
    let pairs = query.to_pairs();
    assert_eq!(pairs.len(), 5);
    for (name, value) in &pairs {
        let param = params
            .iter()
            .find(|p| p["in"] == "query" && p["name"] == *name)
            .unwrap_or_else(|| panic!("{name} is not a query parameter"));
        assert_eq!(param["type"], "string", "{name}");
        if let Some(allowed) = param.get("enum").and_then(Value::as_array) {
            assert!(
                allowed.iter().any(|v| v == value),
                "{name}={value} not in {allowed:?}"
            );
        }
    }
    // The serde form is the same, for clients that serialise the struct.
    let json = body(&query);
    for (name, value) in &pairs {
        assert_eq!(json[*name], *value, "{name}");
    }
}

// ---------------------------------------------------------------- enums

fn spec_enum(definition: &str, property: &str) -> Vec<String> {
    let values = SPEC["definitions"][definition]["properties"][property]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{definition}.{property} has no enum"));
    values.iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

/// Every spec value parses to a variant other than the `Unknown` fallback (unless the value is
/// literally "unknown") and serialises back unchanged.
fn assert_enum_covers<T>(definition: &str, property: &str, unknown: T)
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    for value in spec_enum(definition, property) {
        let parsed: T = serde_json::from_value(json!(value))
            .unwrap_or_else(|e| panic!("{definition}.{property}={value}: {e}"));
        if !value.eq_ignore_ascii_case("unknown") {
            assert_ne!(parsed, unknown, "{definition}.{property}={value} is not modelled");
            assert_eq!(body(&parsed), json!(value), "{definition}.{property}");
        }
    }
}

#[test]
fn every_spec_enum_value_is_modelled() {
    assert_enum_covers("AnalyticsSession", "mediaType", MediaType::Unknown);
    assert_enum_covers("AnalyticsSession", "direction", Direction::Unknown);
    assert_enum_covers("AnalyticsParticipant", "purpose", ParticipantPurpose::Unknown);
    assert_enum_covers(
        "AnalyticsConversation",
        "conversationInitiator",
        ParticipantPurpose::Unknown,
    );
    assert_enum_covers(
        "AnalyticsConversation",
        "originatingDirection",
        Direction::Unknown,
    );
    assert_enum_covers(
        "AnalyticsConversationSegment",
        "segmentType",
        SegmentType::Unknown,
    );
    assert_enum_covers("ConversationQuery", "order", Order::Unknown);
    assert_enum_covers("ConversationQuery", "orderBy", OrderBy::Unknown);
    assert_enum_covers("AsyncConversationQuery", "orderBy", OrderBy::Unknown);
    assert_enum_covers("ConversationDetailQueryFilter", "type", FilterType::Unknown);
    assert_enum_covers("SegmentDetailQueryClause", "type", FilterType::Unknown);
    assert_enum_covers("ConversationDetailQueryPredicate", "type", PredicateType::Unknown);
    assert_enum_covers(
        "SegmentDetailQueryPredicate",
        "operator",
        PredicateOperator::Unknown,
    );
    assert_enum_covers("AsyncQueryStatus", "state", JobState::Unknown);
    assert_enum_covers("ConversationSummary", "status", SummaryStatus::Unknown);
    assert_enum_covers(
        "ConversationSessionSummary",
        "mediaType",
        SummaryMediaType::Unknown,
    );
    assert_enum_covers("Suggestion", "type", SuggestionType::Unknown);
    assert_enum_covers("Suggestion", "state", SuggestionState::Unknown);
    assert_enum_covers("Suggestion", "triggerType", TriggerType::Unknown);
    assert_enum_covers("SuggestionContext", "mediaType", SuggestionMediaType::Unknown);
    assert_enum_covers("SuggestionEngagement", "engagementType", EngagementType::Unknown);
    assert_enum_covers("SuggestionFeedback", "rating", Rating::Unknown);
}

#[path = "models_contract/responses.rs"]
mod responses;
