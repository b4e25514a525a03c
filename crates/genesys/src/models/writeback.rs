//! Bodies that write data back to Genesys: participant attributes
//! (`PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes`) and
//! data action input (`POST /api/v2/integrations/actions/{actionId}/execute`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `ParticipantAttributes`: string attributes merged into the participant's attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantAttributes {
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

impl ParticipantAttributes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) one attribute.
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.attributes.insert(key.into(), value.into());
        self
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for ParticipantAttributes {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self {
            attributes: iter.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
        }
    }
}

/// The input of a data action: any JSON object, shaped by the action's input contract.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DataActionInput(pub Map<String, Value>);

impl DataActionInput {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) one input field.
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.0.insert(key.into(), value.into());
        self
    }

    pub fn into_inner(self) -> Map<String, Value> {
        self.0
    }
}

impl From<Map<String, Value>> for DataActionInput {
    fn from(map: Map<String, Value>) -> Self {
        Self(map)
    }
}

impl TryFrom<Value> for DataActionInput {
    type Error = Value;

    /// Any JSON object; anything else is handed back.
    fn try_from(value: Value) -> Result<Self, Value> {
        match value {
            Value::Object(map) => Ok(Self(map)),
            other => Err(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies_serialise_as_expected() {
        let attrs: ParticipantAttributes = [("wrapup.summary", "Customer asked about billing")]
            .into_iter()
            .collect();
        let attrs = attrs.with("wrapup.verified", "true");
        assert_eq!(
            serde_json::to_value(&attrs).unwrap(),
            json!({"attributes": {"wrapup.summary": "Customer asked about billing", "wrapup.verified": "true"}})
        );
        let input = DataActionInput::new().with("caseId", "C-1").with("priority", 2);
        assert_eq!(
            serde_json::to_value(&input).unwrap(),
            json!({"caseId": "C-1", "priority": 2})
        );
        assert!(DataActionInput::try_from(json!([1])).is_err());
        assert_eq!(
            DataActionInput::try_from(json!({"a": 1})).unwrap().into_inner()["a"],
            1
        );
    }
}
