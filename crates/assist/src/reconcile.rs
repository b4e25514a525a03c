//! At a conversation's end, what Genesys lists for it (`GET /api/v2/conversations/{id}/
//! suggestions`) fills in what the events missed: a suggestion never announced counts its
//! impression, and its listed state its engagement. Each is read as the event that would have
//! said it, with the same content key, so a late real event is a duplicate of it
//! ([`crate::process::EndOfConversation::listed_suggestions`] asks Genesys).

use chrono::{DateTime, Utc};
use uuid::Uuid;
use wrapup_core::ids::ConversationId;
use wrapup_genesys::models::suggestions::{Suggestion, SuggestionState, SuggestionType};

use crate::event::{ItemKey, State, SuggestionEvent};
use crate::topic::SuggestionKind;

/// The events a listed suggestion stands for: its impression, and its engagement when the
/// listed state is one. Suggestions of kinds the ranking does not learn (FAQ, legacy articles)
/// and those without an id are left out.
pub fn events_of(
    conversation: ConversationId,
    listed: &Suggestion,
    ended: DateTime<Utc>,
) -> Vec<SuggestionEvent> {
    let Some(suggestion_id) = listed.id.as_deref().and_then(|id| Uuid::try_parse(id).ok()) else {
        return Vec::new();
    };
    let id_of = |entity: Option<&wrapup_genesys::models::common::AddressableEntityRef>| {
        entity
            .and_then(|e| e.id.as_deref())
            .and_then(|id| Uuid::try_parse(id).ok())
    };
    let (kind, item) = match listed.suggestion_type {
        Some(SuggestionType::KnowledgeSearch) => (
            SuggestionKind::KnowledgeSearch,
            id_of(listed.knowledge_search.as_ref().and_then(|k| k.document.as_ref())).map(ItemKey::document),
        ),
        Some(SuggestionType::KnowledgeArticle) => (
            SuggestionKind::KnowledgeArticle,
            id_of(
                listed
                    .knowledge_article
                    .as_ref()
                    .and_then(|k| k.document.as_ref()),
            )
            .map(ItemKey::document),
        ),
        Some(SuggestionType::CannedResponse) => (
            SuggestionKind::CannedResponse,
            id_of(listed.canned_response.as_ref().and_then(|c| c.response.as_ref())).map(ItemKey::response),
        ),
        Some(SuggestionType::Script) => {
            let script = listed.script.as_ref();
            (
                SuggestionKind::Script,
                id_of(script.and_then(|s| s.script.as_ref()))
                    .map(|s| ItemKey::script(s, id_of(script.and_then(|s| s.page.as_ref())))),
            )
        }
        Some(SuggestionType::ThirdPartySuggestion) => {
            let third = listed.third_party_suggestion.as_ref();
            (
                SuggestionKind::ThirdPartyAction,
                third.and_then(|t| t.title.as_deref()).map(|title| {
                    let url = third
                        .and_then(|t| t.sources.iter().find_map(|s| s.url.as_deref()))
                        .unwrap_or_default();
                    ItemKey::third_party(title, url)
                }),
            )
        }
        _ => return Vec::new(),
    };
    let at = listed.date_created.unwrap_or(ended);
    let queue_id = id_of(listed.context.as_ref().and_then(|c| c.queue.as_ref()));
    let event = |state: State| SuggestionEvent {
        conversation_id: conversation,
        suggestion_id,
        kind,
        item: item.clone(),
        state,
        engagement: None,
        confidence: listed
            .knowledge_search
            .as_ref()
            .and_then(|k| k.confidence)
            .map(f64::from)
            .filter(|c| (0.0..=1.0).contains(c)),
        queue_id,
        event_time: at,
    };
    let mut events = vec![event(State::Suggested)];
    match listed.state {
        Some(SuggestionState::Accepted) => events.push(event(State::Accepted)),
        Some(SuggestionState::Dismissed) => events.push(event(State::Dismissed)),
        _ => {}
    }
    events
}
