//! Reading an envelope's `eventBody` into the typed events of [`super`], field by field, each
//! refusal naming its field.

use super::*;

/// Reads the event an envelope holds.
pub fn parse(envelope: &Envelope) -> Result<Parsed, EventError> {
    let Some(topic) = topic::parse(&envelope.topic_name) else {
        return Ok(Parsed::Unknown {
            topic: "other".to_owned(),
            version: envelope.version.clone(),
        });
    };
    if envelope.version != TOPIC_VERSION {
        return Ok(Parsed::Unknown {
            topic: topic::template_of(&envelope.topic_name).unwrap_or_else(|| "other".to_owned()),
            version: envelope.version.clone(),
        });
    }
    let body = &envelope.event_body;
    if topic.kind != TopicKind::ConversationSummary {
        uuid_field(Some(topic.id), "detail.topicName")?;
    }
    let conversation_id = ConversationId::parse(required(body, "conversationId")?)
        .map_err(|_| malformed("eventBody.conversationId", "is not a UUID"))?;
    if topic.kind.names_conversation() && !topic.id.eq_ignore_ascii_case(&conversation_id.to_string()) {
        return Err(malformed(
            "eventBody.conversationId",
            "is not the conversation its topicName names",
        ));
    }
    let event = match topic.kind {
        TopicKind::Suggestion(kind) => AssistEvent::Suggestion(suggestion(body, kind, conversation_id)?),
        TopicKind::Intent => AssistEvent::Intent(intent(body, conversation_id)?),
        TopicKind::CustomerEnd => AssistEvent::End(end(body, conversation_id, false)?),
        TopicKind::AfterCallWork => AssistEvent::End(end(body, conversation_id, true)?),
        TopicKind::ConversationSummary => AssistEvent::Summary(summary(body, conversation_id)?),
    };
    Ok(Parsed::Event(event))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Item {
    document_id: Option<String>,
    response_id: Option<String>,
    script_id: Option<String>,
    page_id: Option<String>,
    confidence: Option<f64>,
    title: Option<String>,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize, Default)]
struct Source {
    url: Option<String>,
}

fn suggestion(
    body: &Map<String, Value>,
    kind: SuggestionKind,
    conversation_id: ConversationId,
) -> Result<SuggestionEvent, EventError> {
    let field = match kind {
        SuggestionKind::KnowledgeSearch => "knowledgeSearch",
        SuggestionKind::KnowledgeArticle => "knowledgeArticle",
        SuggestionKind::CannedResponse => "cannedResponse",
        SuggestionKind::Script => "script",
        SuggestionKind::ThirdPartyAction => "thirdPartySuggestion",
    };
    let item: Item = match body.get(field) {
        None | Some(Value::Null) => Item::default(),
        Some(value) => serde_json::from_value(value.clone())
            .map_err(|_| malformed(&format!("eventBody.{field}"), "has the wrong shape"))?,
    };
    let item_key = match kind {
        SuggestionKind::KnowledgeSearch | SuggestionKind::KnowledgeArticle => item
            .document_id
            .as_deref()
            .map(|id| uuid_field(Some(id), &format!("eventBody.{field}.documentId")))
            .transpose()?
            .map(ItemKey::document),
        SuggestionKind::CannedResponse => item
            .response_id
            .as_deref()
            .map(|id| uuid_field(Some(id), "eventBody.cannedResponse.responseId"))
            .transpose()?
            .map(ItemKey::response),
        SuggestionKind::Script => match item.script_id.as_deref() {
            Some(id) => {
                let script = uuid_field(Some(id), "eventBody.script.scriptId")?;
                let page = item
                    .page_id
                    .as_deref()
                    .map(|p| uuid_field(Some(p), "eventBody.script.pageId"))
                    .transpose()?;
                Some(ItemKey::script(script, page))
            }
            None => None,
        },
        SuggestionKind::ThirdPartyAction => item.title.as_deref().map(|title| {
            let url = item
                .sources
                .as_ref()
                .and_then(|s| s.iter().find_map(|s| s.url.as_deref()))
                .unwrap_or_default();
            ItemKey::third_party(title, url)
        }),
    };
    let state = State::parse(body.get("state").and_then(Value::as_str));
    let engagement = body
        .get("engagementType")
        .and_then(Value::as_str)
        .map(|e| match e {
            "Copied" => Engagement::Copied,
            "Opened" => Engagement::Opened,
            "Dismissed" => Engagement::Dismissed,
            "Feedback" => Engagement::Feedback(
                match body
                    .get("feedback")
                    .and_then(|f| f.get("rating"))
                    .and_then(Value::as_str)
                {
                    Some("Positive") => Rating::Positive,
                    Some("Negative") => Rating::Negative,
                    _ => Rating::Unknown,
                },
            ),
            _ => Engagement::Unknown,
        });
    let queue_id = body
        .get("context")
        .and_then(|c| c.get("queueId"))
        .and_then(Value::as_str)
        .map(|q| uuid_field(Some(q), "eventBody.context.queueId"))
        .transpose()?;
    Ok(SuggestionEvent {
        conversation_id,
        suggestion_id: uuid_field(
            body.get("suggestionId").and_then(Value::as_str),
            "eventBody.suggestionId",
        )?,
        kind,
        item: item_key,
        state,
        engagement,
        confidence: item.confidence.filter(|c| (0.0..=1.0).contains(c)),
        queue_id,
        event_time: iso_time(body, "eventTime")?,
    })
}

fn intent(body: &Map<String, Value>, conversation_id: ConversationId) -> Result<IntentEvent, EventError> {
    let active = body.get("activeIntent");
    let text = |name: &str| {
        active
            .and_then(|a| a.get(name))
            .and_then(Value::as_str)
            .map(|v| v.chars().take(200).collect::<String>())
    };
    Ok(IntentEvent {
        conversation_id,
        suggestion_id: uuid_field(
            body.get("suggestionId").and_then(Value::as_str),
            "eventBody.suggestionId",
        )?,
        state: State::parse(body.get("state").and_then(Value::as_str)),
        intent_id: text("intentId"),
        intent_name: text("intent"),
        confidence: active
            .and_then(|a| a.get("confidence"))
            .and_then(Value::as_f64)
            .filter(|c| (0.0..=1.0).contains(c)),
        event_time: iso_time(body, "eventTime")?,
    })
}

fn end(
    body: &Map<String, Value>,
    conversation_id: ConversationId,
    after_call_work: bool,
) -> Result<EndEvent, EventError> {
    // Detail events carry epoch milliseconds where the suggestion topics carry ISO text.
    let millis = body
        .get("eventTime")
        .and_then(Value::as_i64)
        .ok_or_else(|| malformed("eventBody.eventTime", "is missing or not epoch milliseconds"))?;
    let event_time = Utc
        .timestamp_millis_opt(millis)
        .single()
        .ok_or_else(|| malformed("eventBody.eventTime", "is out of range"))?;
    Ok(EndEvent {
        conversation_id,
        participant_id: uuid_field(
            body.get("participantId").and_then(Value::as_str),
            "eventBody.participantId",
        )?
        .to_string(),
        session_id: uuid_field(
            body.get("sessionId").and_then(Value::as_str),
            "eventBody.sessionId",
        )?
        .to_string(),
        event_time,
        disconnect_type: body
            .get("disconnectType")
            .and_then(Value::as_str)
            .filter(|d| d.len() <= 40 && d.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
            .unwrap_or("UNKNOWN")
            .to_owned(),
        after_call_work,
    })
}

fn summary(body: &Map<String, Value>, conversation_id: ConversationId) -> Result<SummaryEvent, EventError> {
    let upper = |value: Option<&Value>| {
        value
            .and_then(Value::as_str)
            .filter(|d| d.len() <= 40 && d.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
            .map(str::to_owned)
    };
    Ok(SummaryEvent {
        conversation_id,
        summary_id: uuid_field(
            body.get("summaryId").and_then(Value::as_str),
            "eventBody.summaryId",
        )?,
        trigger: upper(body.get("triggerType")).unwrap_or_else(|| "UNKNOWN".to_owned()),
        error: upper(body.get("errorType")),
        created: body
            .get("createdDate")
            .and_then(Value::as_str)
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc)),
    })
}

fn required<'a>(body: &'a Map<String, Value>, name: &str) -> Result<&'a str, EventError> {
    body.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| malformed(&format!("eventBody.{name}"), "is missing or not a string"))
}

fn uuid_field(value: Option<&str>, field: &str) -> Result<Uuid, EventError> {
    let value = value.ok_or_else(|| malformed(field, "is missing or not a string"))?;
    Uuid::try_parse(value).map_err(|_| malformed(field, "is not a UUID"))
}

fn iso_time(body: &Map<String, Value>, name: &str) -> Result<DateTime<Utc>, EventError> {
    let text = required(body, name)?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| malformed(&format!("eventBody.{name}"), "is not an ISO 8601 time"))
}
