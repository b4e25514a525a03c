//! Identifiers parsed once at the edge ("parse, don't validate").

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// A Genesys conversation id: a UUID, kept in Genesys' lowercase hyphenated form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConversationId(uuid::Uuid);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a conversation id: expected a UUID such as 3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b")]
pub struct InvalidId {
    value: String,
}

impl ConversationId {
    pub fn parse(value: &str) -> Result<Self, InvalidId> {
        let trimmed = value.trim();
        // Genesys ids are always the 36-character hyphenated form; reject braces, URNs and the rest.
        if trimmed.len() != 36 {
            return Err(InvalidId {
                value: truncate(value),
            });
        }
        uuid::Uuid::try_parse(trimmed)
            .map(ConversationId)
            .map_err(|_| InvalidId {
                value: truncate(value),
            })
    }

    pub fn as_uuid(&self) -> uuid::Uuid {
        self.0
    }
}

fn truncate(value: &str) -> String {
    value.chars().take(64).collect()
}

impl fmt::Display for ConversationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl std::str::FromStr for ConversationId {
    type Err = InvalidId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for ConversationId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ConversationId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_genesys_ids_and_rejects_the_rest() {
        let id = ConversationId::parse("3F2B1C4E-7D9A-4F8E-9B1A-2C3D4E5F6A7B").unwrap();
        assert_eq!(id.to_string(), "3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b");
        for bad in [
            "",
            "abc",
            "3f2b1c4e7d9a4f8e9b1a2c3d4e5f6a7b",
            "{3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b}",
            "../../etc/passwd-0000-0000-000000000000",
        ] {
            let err = ConversationId::parse(bad).unwrap_err();
            assert!(err.to_string().contains("not a conversation id"));
        }
        let json: ConversationId = serde_json::from_str("\"3f2b1c4e-7d9a-4f8e-9b1a-2c3d4e5f6a7b\"").unwrap();
        assert_eq!(json, id);
        assert!(serde_json::from_str::<ConversationId>("\"nope\"").is_err());
    }
}
