//! A conversation's normalised transcript, read through the Genesys API: the transcript model
//! sits above the client (it reads Genesys' documents), never the other way round.

use async_trait::async_trait;

use wrapup_genesys::ids::ConversationId;
use wrapup_genesys::{GenesysApi, GenesysError};

use super::{Transcript, TranscriptError};

/// [`GenesysApi`] read as transcripts (every implementation has it).
#[async_trait]
pub trait FetchTranscript {
    /// The normalised transcript of a conversation: every communication, in time order. `None`
    /// when no communication has a transcript (yet).
    async fn conversation_transcript(&self, id: &ConversationId) -> Result<Option<Transcript>, GenesysError>;
}

#[async_trait]
impl<T: GenesysApi + ?Sized> FetchTranscript for T {
    async fn conversation_transcript(&self, id: &ConversationId) -> Result<Option<Transcript>, GenesysError> {
        let (details, documents) = self.conversation_documents(id).await?;
        if documents.is_empty() {
            return Ok(None);
        }
        match Transcript::from_documents(&details, &documents) {
            Ok(transcript) => Ok(Some(transcript)),
            Err(TranscriptError::Empty) => Ok(None),
            Err(err) => Err(GenesysError::InvalidArgument {
                what: "transcript document",
                reason: err.to_string(),
            }),
        }
    }
}
