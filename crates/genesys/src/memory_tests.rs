use std::time::Duration;

use chrono::{TimeDelta, Utc};

use super::*;
use crate::models::ParticipantPurpose;

fn seeded(conversations: usize) -> (MemoryGenesys, Vec<genesys_sim::RenderedConversation>) {
    let config = genesys_sim::SimConfig {
        conversations,
        ..Default::default()
    };
    let rendered = genesys_sim::render_org(&config);
    let genesys = MemoryGenesys::new();
    for c in &rendered {
        genesys
            .add_json(&c.details, &c.transcripts, c.summaries.as_ref())
            .expect("the simulator renders the API's shapes");
    }
    (genesys, rendered)
}

fn id(s: &str) -> ConversationId {
    ConversationId::parse(s).unwrap()
}

#[tokio::test]
async fn serves_the_simulators_conversations_and_their_transcripts() {
    let (genesys, rendered) = seeded(40);
    let with_transcript = rendered.iter().find(|c| !c.transcripts.is_empty()).unwrap();
    let conversation = id(&with_transcript.conversation_id);
    let (details, documents) = genesys.conversation_documents(&conversation).await.unwrap();
    assert_eq!(
        details.conversation_id.as_deref(),
        Some(with_transcript.conversation_id.as_str())
    );
    assert_eq!(documents.len(), with_transcript.transcripts.len());
    assert!(documents.iter().all(|d| !d.transcripts.is_empty()));

    let without = rendered.iter().find(|c| c.transcripts.is_empty());
    if let Some(without) = without {
        assert!(
            genesys
                .conversation_documents(&id(&without.conversation_id))
                .await
                .unwrap()
                .1
                .is_empty()
        );
    }
    let summarised = rendered.iter().find(|c| c.summaries.is_some()).unwrap();
    assert!(
        genesys
            .conversation_summaries(&id(&summarised.conversation_id))
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn an_unknown_conversation_is_not_found() {
    let (genesys, _) = seeded(5);
    let unknown = id("00000000-0000-4000-8000-000000000001");
    let err = genesys.conversation_details(&unknown).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert!(genesys.conversation_summaries(&unknown).await.unwrap().is_none());
    assert!(
        genesys
            .download_transcript(&unknown, "c")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_details_job_pages_the_conversations_of_its_interval_and_media_types() {
    let (genesys, rendered) = seeded(120);
    let starts: Vec<_> = rendered
        .iter()
        .map(|c| serde_json::from_value::<AnalyticsConversation>(c.details.clone()).unwrap())
        .collect();
    let (from, to) = (Utc::now() - TimeDelta::days(30), Utc::now() + TimeDelta::days(1));
    let voice_in_window = starts
        .iter()
        .filter(|d| d.media_type() == Some(MediaType::Voice))
        .filter(|d| d.conversation_start.is_some_and(|at| at >= from && at < to))
        .count();
    assert!(
        voice_in_window > 10,
        "the seed has voice calls: {voice_in_window}"
    );

    let query = AsyncConversationQuery::for_interval(from, to)
        .unwrap()
        .with_media_types(&[MediaType::Voice]);
    let job = genesys.create_details_job(&query).await.unwrap().job_id.unwrap();
    let status = genesys
        .wait_for_details_job(&job, Duration::from_millis(1))
        .await
        .unwrap();
    assert_eq!(status.state, Some(JobState::Fulfilled));
    let (mut seen, mut cursor, mut pages) = (Vec::new(), None::<String>, 0);
    loop {
        let page = genesys
            .details_job_results(&job, cursor.as_deref(), Some(7))
            .await
            .unwrap();
        assert!(page.conversations.len() <= 7);
        seen.extend(page.conversations);
        pages += 1;
        cursor = page.cursor;
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), voice_in_window);
    assert_eq!(pages, voice_in_window.div_ceil(7));
    assert!(seen.iter().all(|d| d.media_type() == Some(MediaType::Voice)));
    assert!(
        seen.windows(2)
            .all(|w| w[0].conversation_start <= w[1].conversation_start)
    );

    genesys.delete_details_job(&job).await.unwrap();
    assert!(genesys.details_job_status(&job).await.unwrap_err().is_not_found());
    assert!(
        genesys
            .details_job_results(&job, None, None)
            .await
            .unwrap_err()
            .is_not_found()
    );
    let bad_cursor = genesys.create_details_job(&query).await.unwrap().job_id.unwrap();
    let err = genesys
        .details_job_results(&bad_cursor, Some("x"), None)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
}

#[tokio::test]
async fn injected_faults_answer_the_next_calls_then_run_out() {
    let (genesys, rendered) = seeded(5);
    let conversation = id(&rendered[0].conversation_id);
    genesys.fail_next("getAnalyticsConversationDetails", Fault::Status(503), 2);
    genesys.fail_next("getConversationSummaries", Fault::Timeout, 1);
    for _ in 0..2 {
        let err = genesys.conversation_details(&conversation).await.unwrap_err();
        assert_eq!(err.status(), Some(503));
    }
    genesys.conversation_details(&conversation).await.unwrap();
    assert_eq!(genesys.calls("getAnalyticsConversationDetails"), 3);
    let err = genesys.conversation_summaries(&conversation).await.unwrap_err();
    assert!(matches!(err, GenesysError::Timeout { .. }), "{err}");
    genesys.conversation_summaries(&conversation).await.unwrap();
}

#[tokio::test]
async fn writes_are_recorded_and_a_handle_with_a_deadline_shares_them() {
    let (genesys, rendered) = seeded(5);
    let conversation = id(&rendered[0].conversation_id);
    let details = genesys.conversation_details(&conversation).await.unwrap();
    let customer = details
        .participants
        .iter()
        .find(|p| p.purpose == Some(ParticipantPurpose::Customer))
        .and_then(|p| p.participant_id.clone())
        .unwrap();
    let deadline = Deadline::after(Duration::from_secs(3));
    let handle = genesys.with_deadline(deadline);
    assert!(handle.deadline().remaining() <= Duration::from_secs(3));
    let mut input = DataActionInput::new();
    input
        .0
        .insert("Wrapup_Summary".into(), "[NAME_1] asked for a refund".into());
    handle.execute_data_action("action-1", &input).await.unwrap();
    let mut attributes = ParticipantAttributes::default();
    attributes
        .attributes
        .insert("wrapup.outcome".into(), "resolved".into());
    handle
        .patch_participant_attributes(&conversation, &customer, &attributes)
        .await
        .unwrap();
    let err = handle
        .patch_participant_attributes(&conversation, "no-such-participant", &attributes)
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(
        genesys.writes(),
        vec![
            GenesysWrite::DataAction {
                action_id: "action-1".into(),
                input,
            },
            GenesysWrite::ParticipantAttributes {
                conversation_id: conversation.to_string(),
                participant_id: customer,
                attributes,
            },
        ]
    );
}

#[tokio::test]
async fn a_bad_interval_is_a_400_not_a_panic() {
    let genesys = MemoryGenesys::new();
    let mut query =
        AsyncConversationQuery::for_interval(Utc::now() - TimeDelta::days(1), Utc::now()).unwrap();
    query.interval = "yesterday".into();
    let err = genesys.create_details_job(&query).await.unwrap_err();
    assert_eq!(err.status(), Some(400));
}

#[tokio::test]
async fn a_404_on_a_transcript_or_summary_reads_as_none_as_the_real_client_does() {
    let (genesys, rendered) = seeded(20);
    let c = rendered
        .iter()
        .find(|c| !c.transcripts.is_empty() && c.summaries.is_some())
        .unwrap();
    let conversation = id(&c.conversation_id);
    genesys.fail_next(
        "getSpeechandtextanalyticsConversationCommunicationTranscripturl",
        Fault::Status(404),
        5,
    );
    genesys.fail_next("getConversationSummaries", Fault::Status(404), 1);
    assert!(
        genesys
            .conversation_documents(&conversation)
            .await
            .unwrap()
            .1
            .is_empty()
    );
    assert!(
        genesys
            .conversation_summaries(&conversation)
            .await
            .unwrap()
            .is_none()
    );
    // Any other failure stays an error.
    genesys.fail_next(
        "getSpeechandtextanalyticsConversationCommunicationTranscripturl",
        Fault::Status(500),
        1,
    );
    assert_eq!(
        genesys
            .conversation_documents(&conversation)
            .await
            .unwrap_err()
            .status(),
        Some(500)
    );
}
