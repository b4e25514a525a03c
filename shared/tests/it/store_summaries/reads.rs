//! Reading a conversation's summaries: the latest request, and each caller only its own.

use super::*;

pub(super) async fn latest_returns_the_most_recently_updated_request(f: Fixture) {
    let conversation = new_conversation();
    assert_eq!(
        f.store.latest(&conversation, Reader::Caller(None)).await.unwrap(),
        None
    );

    let older = key_for(&conversation, "CASE-1");
    let newer = RequestKey::new(
        &conversation,
        "CASE-1",
        &SummaryOptions {
            length: SummaryLength::Long,
            ..SummaryOptions::default()
        },
    );
    for (key, audit) in [(&older, "audit-old"), (&newer, "audit-new")] {
        assert_eq!(
            claim(&f, &conversation, key, audit).await,
            Claim::Acquired { generation: 0 }
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
        f.store
            .complete(&finished(&conversation, key, audit, SummaryStatus::QueuedForCrm))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let latest = latest_of(&f, &conversation).await;
    assert_eq!(latest.request_key, newer.as_str());

    // A CRM sync report on the older one does not make it the latest.
    f.store
        .set_crm_sync(&conversation, &older, "audit-old", &json!({"status": "written"}))
        .await
        .unwrap();
    let latest = latest_of(&f, &conversation).await;
    assert_eq!(latest.request_key, newer.as_str());
    let older_item = f.store.get(&conversation, &older).await.unwrap().unwrap();
    assert_eq!(older_item.crm_sync, Some(json!({"status": "written"})));

    // Recomputing the older one makes it the latest: time decides, not the key's sort order.
    let forced = f
        .store
        .claim(
            ClaimFor {
                conversation_id: &conversation,
                case_id: "CASE-1",
                key: &older,
                audit_id: "audit-again",
                caller: None,
            },
            LEASE,
            true,
        )
        .await;
    assert_eq!(forced.unwrap(), Claim::Acquired { generation: 1 });
    tokio::time::sleep(Duration::from_millis(5)).await;
    f.store
        .complete(&finished(
            &conversation,
            &older,
            "audit-again",
            SummaryStatus::NeedsReview,
        ))
        .await
        .unwrap();
    let latest = latest_of(&f, &conversation).await;
    assert_eq!(latest.request_key, older.as_str());
    assert_eq!(latest.status, SummaryStatus::NeedsReview);

    // Another conversation's items are not mixed in.
    assert_eq!(
        f.store
            .latest(&new_conversation(), Reader::Caller(None))
            .await
            .unwrap(),
        None
    );
}

/// The latest summary of a conversation without a caller, which must exist.
pub(super) async fn latest_of(f: &Fixture, conversation: &ConversationId) -> StoredSummary {
    let latest = f.store.latest(conversation, Reader::Caller(None)).await;
    latest.unwrap().expect("a summary")
}

const TWO_CALLERS: [(&str, &str); 2] = [("jwt:crm-a", "CASE-A"), ("jwt:crm-b", "CASE-B")];

/// Each caller reads only what it asked for; the admin reads the newest of all.
pub(super) async fn a_caller_reads_only_its_own_summaries(f: Fixture) {
    let conversation = new_conversation();
    let mut latest_key = None;
    for (caller, case) in TWO_CALLERS {
        let key = RequestKey::for_caller(&conversation, case, &SummaryOptions::default(), Some(caller));
        let audit = format!("audit-{case}");
        let claimed = f
            .store
            .claim(
                ClaimFor {
                    conversation_id: &conversation,
                    case_id: case,
                    key: &key,
                    audit_id: &audit,
                    caller: Some(caller),
                },
                LEASE,
                false,
            )
            .await
            .unwrap();
        assert_eq!(claimed, Claim::Acquired { generation: 0 });
        tokio::time::sleep(Duration::from_millis(5)).await;
        let mut record = finished(&conversation, &key, &audit, SummaryStatus::QueuedForCrm);
        record.case_id = case.into();
        f.store.complete(&record).await.unwrap();
        latest_key = Some(key);
    }
    for (caller, case) in TWO_CALLERS {
        let seen = f
            .store
            .latest(&conversation, Reader::Caller(Some(caller)))
            .await
            .unwrap()
            .expect("its own summary");
        assert_eq!(
            (seen.case_id.as_str(), seen.caller.as_deref()),
            (case, Some(caller))
        );
    }
    let stranger = f
        .store
        .latest(&conversation, Reader::Caller(Some("jwt:other")))
        .await;
    assert_eq!(stranger.unwrap(), None);
    let anonymous = f.store.latest(&conversation, Reader::Caller(None)).await;
    assert_eq!(anonymous.unwrap(), None);
    let admin = f
        .store
        .latest(&conversation, Reader::Admin)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(Some(admin.request_key), latest_key.map(|k| k.as_str().to_owned()));
    // Identical requests of two callers are two requests.
    let options = SummaryOptions::default();
    assert_ne!(
        RequestKey::for_caller(&conversation, "CASE-1", &options, Some("jwt:crm-a")),
        RequestKey::for_caller(&conversation, "CASE-1", &options, Some("jwt:crm-b"))
    );
    assert_eq!(
        RequestKey::for_caller(&conversation, "CASE-1", &options, None),
        RequestKey::new(&conversation, "CASE-1", &options)
    );
}
