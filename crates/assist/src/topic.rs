//! The Genesys notification topics assist-callback reads, told from a concrete `topicName`
//! (`v2.conversations.<uuid>.suggestions.response`) or from EventBridge's `detail-type`, the
//! same topic with `{id}` in place of the id.

/// What a suggestion suggests; each topic carries one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SuggestionKind {
    KnowledgeSearch,
    KnowledgeArticle,
    CannedResponse,
    Script,
    ThirdPartyAction,
}

impl SuggestionKind {
    pub const ALL: [SuggestionKind; 5] = [
        SuggestionKind::KnowledgeSearch,
        SuggestionKind::KnowledgeArticle,
        SuggestionKind::CannedResponse,
        SuggestionKind::Script,
        SuggestionKind::ThirdPartyAction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionKind::KnowledgeSearch => "knowledgeSearch",
            SuggestionKind::KnowledgeArticle => "knowledgeArticle",
            SuggestionKind::CannedResponse => "cannedResponse",
            SuggestionKind::Script => "script",
            SuggestionKind::ThirdPartyAction => "thirdPartyAction",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// A topic assist-callback acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicKind {
    /// `v2.conversations.{id}.suggestions.<kind>`.
    Suggestion(SuggestionKind),
    /// `v2.conversations.{id}.suggestions.intent`.
    Intent,
    /// `v2.detail.events.conversation.{id}.customer.end`.
    CustomerEnd,
    /// `v2.detail.events.conversation.{id}.acw`.
    AfterCallWork,
    /// `v2.users.{id}.conversations.summaries`: the id is the agent's user id.
    ConversationSummary,
}

/// A concrete topic: its kind and the id in its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic<'a> {
    pub kind: TopicKind,
    /// The conversation's id, or the user's for [`TopicKind::ConversationSummary`]; `{id}` in
    /// a template.
    pub id: &'a str,
}

impl TopicKind {
    /// The topic id is a conversation's (not a user's).
    pub fn names_conversation(self) -> bool {
        !matches!(self, TopicKind::ConversationSummary)
    }

    /// Its metric and log name: the template's stable part.
    pub fn as_str(self) -> &'static str {
        match self {
            TopicKind::Suggestion(kind) => kind.as_str(),
            TopicKind::Intent => "intent",
            TopicKind::CustomerEnd => "customerEnd",
            TopicKind::AfterCallWork => "acw",
            TopicKind::ConversationSummary => "conversationSummary",
        }
    }
}

/// The topic `name` is, when assist-callback reads it; `None` for any other topic (the legacy
/// `v2.conversations.{id}.suggestions` included: it has no schema).
pub fn parse(name: &str) -> Option<Topic<'_>> {
    let parts: Vec<&str> = name.split('.').collect();
    let kind_and_id = match parts.as_slice() {
        ["v2", "conversations", id, "suggestions", rest @ ..] => {
            let kind = match rest {
                ["knowledge", "search"] => TopicKind::Suggestion(SuggestionKind::KnowledgeSearch),
                ["knowledge", "article"] => TopicKind::Suggestion(SuggestionKind::KnowledgeArticle),
                // The SDK spells these `.response` / `.script`; Genesys' Copilot article spells
                // them under `.knowledge`: both are read.
                ["response"] | ["knowledge", "response"] => {
                    TopicKind::Suggestion(SuggestionKind::CannedResponse)
                }
                ["script"] | ["knowledge", "script"] => TopicKind::Suggestion(SuggestionKind::Script),
                ["thirdpartyaction"] => TopicKind::Suggestion(SuggestionKind::ThirdPartyAction),
                ["intent"] => TopicKind::Intent,
                _ => return None,
            };
            (kind, *id)
        }
        ["v2", "detail", "events", "conversation", id, "customer", "end"] => (TopicKind::CustomerEnd, *id),
        ["v2", "detail", "events", "conversation", id, "acw"] => (TopicKind::AfterCallWork, *id),
        ["v2", "users", id, "conversations", "summaries"] => (TopicKind::ConversationSummary, *id),
        _ => return None,
    };
    let (kind, id) = kind_and_id;
    (!id.is_empty()).then_some(Topic { kind, id })
}

/// `name` with its id replaced by `{id}`: what EventBridge's `detail-type` holds for it.
pub fn template_of(name: &str) -> Option<String> {
    let topic = parse(name)?;
    let mut parts: Vec<&str> = name.split('.').collect();
    let at = parts.iter().position(|p| *p == topic.id)?;
    if let Some(part) = parts.get_mut(at) {
        *part = "{id}";
    }
    Some(parts.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0d5a9b8e-3c1f-4f6b-9a2d-7e8c1b2a3f40";

    #[test]
    fn every_topic_read_is_told_with_its_id() {
        let cases = [
            (
                "suggestions.knowledge.search",
                TopicKind::Suggestion(SuggestionKind::KnowledgeSearch),
            ),
            (
                "suggestions.knowledge.article",
                TopicKind::Suggestion(SuggestionKind::KnowledgeArticle),
            ),
            (
                "suggestions.response",
                TopicKind::Suggestion(SuggestionKind::CannedResponse),
            ),
            (
                "suggestions.knowledge.response",
                TopicKind::Suggestion(SuggestionKind::CannedResponse),
            ),
            (
                "suggestions.script",
                TopicKind::Suggestion(SuggestionKind::Script),
            ),
            (
                "suggestions.knowledge.script",
                TopicKind::Suggestion(SuggestionKind::Script),
            ),
            (
                "suggestions.thirdpartyaction",
                TopicKind::Suggestion(SuggestionKind::ThirdPartyAction),
            ),
            ("suggestions.intent", TopicKind::Intent),
        ];
        for (suffix, kind) in cases {
            let name = format!("v2.conversations.{ID}.{suffix}");
            assert_eq!(parse(&name), Some(Topic { kind, id: ID }), "{name}");
            assert_eq!(
                template_of(&name),
                Some(format!("v2.conversations.{{id}}.{suffix}"))
            );
        }
        let end = format!("v2.detail.events.conversation.{ID}.customer.end");
        assert_eq!(parse(&end).map(|t| t.kind), Some(TopicKind::CustomerEnd));
        let acw = format!("v2.detail.events.conversation.{ID}.acw");
        assert_eq!(parse(&acw).map(|t| t.kind), Some(TopicKind::AfterCallWork));
        let summaries = format!("v2.users.{ID}.conversations.summaries");
        assert_eq!(
            parse(&summaries),
            Some(Topic {
                kind: TopicKind::ConversationSummary,
                id: ID
            })
        );
        assert_eq!(
            template_of(&summaries).as_deref(),
            Some("v2.users.{id}.conversations.summaries")
        );
    }

    #[test]
    fn other_topics_are_not_read() {
        for name in [
            format!("v2.conversations.{ID}.suggestions"),
            format!("v2.conversations.{ID}.transcription"),
            format!("v2.detail.events.conversation.{ID}.user.end"),
            "v2.audits.entitytype.UserPresence.entityid.x".to_owned(),
            "v2.conversations..suggestions.intent".to_owned(),
            String::new(),
        ] {
            assert_eq!(parse(&name), None, "{name}");
        }
    }
}
