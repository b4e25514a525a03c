//! Each caller sees only its own summaries: another caller's GET answers 404 and its identical
//! POST computes its own result; the configured admin scope reads all.

use crate::common;

use common::*;
use serde_json::json;

const CALL: &str = "7a7a7a7a-0000-4000-8000-000000000042";

#[tokio::test]
#[ignore = "moto tier: `make test` runs it against moto"]
async fn a_caller_reads_only_its_own_summary_and_an_admin_reads_all() {
    let h = harness(Options {
        extra_env: vec![("WRAPUP_ADMIN_SCOPE", "wrapup/admin".to_owned())],
        ..Options::default()
    })
    .await;
    h.load(conversation(CALL, "voice", &ROUTER_CALL)).await;
    let request = json!({"conversationId": CALL, "caseId": "TENANT-1"});
    let first = h.post_as("crm-a", request.clone()).await;
    assert_eq!(first.status, 200, "{:#}", first.body);

    let own = h.get_as("crm-a", "wrapup/summaries", CALL).await;
    assert_eq!(own.status, 200);
    assert_eq!(own.body["auditId"], first.body["auditId"]);
    let stranger = h.get_as("crm-b", "wrapup/summaries", CALL).await;
    assert_eq!(stranger.status, 404, "{:#}", stranger.body);
    assert!(
        !stranger
            .body
            .to_string()
            .contains(first.body["auditId"].as_str().unwrap())
    );

    // The same request by another caller is computed for it, not replayed from the first.
    let second = h.post_as("crm-b", request).await;
    assert_eq!(second.status, 200, "{:#}", second.body);
    assert_ne!(second.body["auditId"], first.body["auditId"]);
    assert_eq!(second.header("x-wrapup-replayed"), None);
    let theirs = h.get_as("crm-b", "wrapup/summaries", CALL).await;
    assert_eq!(theirs.body["auditId"], second.body["auditId"]);

    // The admin scope reads the newest of all.
    let admin = h.get_as("ops", "wrapup/summaries wrapup/admin", CALL).await;
    assert_eq!(admin.status, 200);
    assert_eq!(admin.body["auditId"], second.body["auditId"]);
}
