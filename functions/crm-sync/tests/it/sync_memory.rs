//! The fast tier of crm-sync: the Genesys targets on an in-memory Genesys, the stores in memory.
//! Exactly once per delivery, retries on a Genesys outage, dead letters on a refusal.

use crate::common;

use common::*;
use wrapup_genesys::{Fault, GenesysWrite};

const DATA_ACTION: &str = "postIntegrationsActionExecute";

#[tokio::test]
async fn each_genesys_target_writes_once_and_a_redelivery_writes_nothing() {
    let h = memory_harness("dataAction,participantAttributes");
    let m = message(&h.conversations[0], 1);
    audit_for(h.app.audit.as_ref(), &m).await;
    assert!(h.deliver(&[&m], 1).await.is_empty());
    let writes = h.genesys.writes();
    assert_eq!(writes.len(), 2, "{writes:?}");
    let GenesysWrite::DataAction { action_id, input } = &writes[0] else {
        panic!("the Data Action first: {writes:?}")
    };
    assert_eq!(action_id, "custom_-_crm-case-update");
    let input = serde_json::to_string(input).unwrap();
    assert!(
        input.contains("CASE-1") && input.contains(m["auditId"].as_str().unwrap()),
        "{input}"
    );
    assert!(
        matches!(&writes[1], GenesysWrite::ParticipantAttributes { conversation_id, .. }
        if *conversation_id == h.conversations[0])
    );

    // The same message again (a redelivery, a duplicate send): nothing more is written.
    assert!(h.deliver(&[&m], 2).await.is_empty());
    assert!(h.deliver(&[&m], 1).await.is_empty());
    assert_eq!(h.genesys.writes().len(), 2);
    let sync = h
        .app
        .audit
        .get(m["auditId"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sync.crm_sync.unwrap()["status"], "synced");
}

#[tokio::test]
async fn a_genesys_outage_is_retried_with_a_longer_wait_then_written_once() {
    let h = memory_harness("dataAction");
    let m = message(&h.conversations[1], 2);
    audit_for(h.app.audit.as_ref(), &m).await;
    h.genesys.fail_next(DATA_ACTION, Fault::Status(503), 2);
    assert_eq!(h.deliver(&[&m], 1).await, vec!["m-0".to_owned()]);
    assert_eq!(h.deliver(&[&m], 2).await, vec!["m-0".to_owned()]);
    let waits: Vec<_> = h
        .control
        .visibility_changes()
        .into_iter()
        .map(|(_, wait)| wait)
        .collect();
    assert_eq!(waits.len(), 2, "{waits:?}");
    assert!(waits[1] > waits[0], "the wait grows: {waits:?}");
    assert!(h.genesys.writes().is_empty());
    assert!(h.deliver(&[&m], 3).await.is_empty());
    assert_eq!(h.genesys.writes().len(), 1);
    assert_eq!(h.genesys.calls(DATA_ACTION), 3);
}

#[tokio::test]
async fn a_refusal_dead_letters_the_message_at_once_with_its_reason_and_spares_the_batch() {
    let h = memory_harness("dataAction");
    let refused = message(&h.conversations[2], 3);
    let fine = message(&h.conversations[3], 4);
    for m in [&refused, &fine] {
        audit_for(h.app.audit.as_ref(), m).await;
    }
    h.genesys.fail_next(DATA_ACTION, Fault::Status(400), 1);
    assert!(
        h.deliver(&[&refused, &fine], 1).await.is_empty(),
        "nothing left to retry"
    );
    let letters = h.control.dead_letters();
    assert_eq!(letters.len(), 1, "{letters:?}");
    assert!(letters[0].body.contains("CASE-3"));
    assert!(
        letters[0].attributes.iter().any(|(_, v)| v.contains("400")),
        "{letters:?}"
    );
    assert_eq!(h.genesys.writes().len(), 1, "the other message was written");
}
