//! Pure parts of the DynamoDB delivery store; the store itself is tested against moto in
//! shared/tests/it/store_deliveries.rs.

use super::*;
use crate::store::deliveries::MAX_ERROR_CHARS;

fn stored(status: DeliveryStatus, owner: Option<&str>, lease_until_ms: Option<i64>) -> Stored {
    Stored {
        record: DeliveryRecord {
            delivery_key: "k".into(),
            target: "webhook".into(),
            status,
            attempts: 2,
            http_status: None,
            latency_ms: None,
            last_error: None,
            updated_at: String::new(),
        },
        owner: owner.map(str::to_owned),
        lease_until_ms,
    }
}

#[test]
fn only_a_live_lease_or_a_done_write_holds_a_claim() {
    let live = stored(DeliveryStatus::InProgress, Some("w1"), Some(1_000));
    assert_eq!(
        held_claim(&live, 1_000).unwrap(),
        Some(DeliveryClaim::InProgress {
            lease_until_ms: 1_000,
            owner: "w1".into()
        })
    );
    assert_eq!(held_claim(&live, 1_001).unwrap(), None, "expired");
    let leaseless = stored(DeliveryStatus::InProgress, Some("w1"), None);
    assert_eq!(held_claim(&leaseless, 0).unwrap(), None);
    let failed = stored(DeliveryStatus::Failed, Some("w1"), None);
    assert_eq!(held_claim(&failed, 0).unwrap(), None);
    let done = stored(DeliveryStatus::Done, Some("w1"), None);
    assert!(matches!(
        held_claim(&done, 0).unwrap(),
        Some(DeliveryClaim::Done(_))
    ));
    let ownerless = stored(DeliveryStatus::InProgress, None, Some(5));
    assert!(matches!(held_claim(&ownerless, 0), Err(StoreError::Malformed(_))));
}

#[test]
fn stored_errors_are_clipped_on_a_char_boundary() {
    assert_eq!(clipped("HTTP 500"), "HTTP 500");
    let long = "é".repeat(MAX_ERROR_CHARS + 10);
    let clipped = clipped(&long);
    assert_eq!(clipped.chars().count(), MAX_ERROR_CHARS + 1);
    assert!(clipped.ends_with('…'));
}

#[test]
fn malformed_items_are_refused_not_panicked_on() {
    let mut item = DynamoDbDeliveryStore::key("k", "webhook");
    item.insert(STATUS.into(), s("done"));
    assert!(
        matches!(parse_item(&item), Err(StoreError::Malformed(_))),
        "no attempts"
    );
    item.insert(ATTEMPTS.into(), n(-1));
    assert!(matches!(parse_item(&item), Err(StoreError::Malformed(_))));
    item.insert(ATTEMPTS.into(), n(1));
    item.insert(HTTP_STATUS.into(), n(70_000));
    assert!(matches!(parse_item(&item), Err(StoreError::Malformed(_))));
    item.insert(HTTP_STATUS.into(), n(200));
    item.insert(STATUS.into(), s("written"));
    assert!(matches!(parse_item(&item), Err(StoreError::Malformed(_))));
    item.insert(STATUS.into(), s("done"));
    let parsed = parse_item(&item).unwrap();
    assert_eq!(parsed.record.http_status, Some(200));
    assert_eq!(parsed.record.attempts, 1);
}
