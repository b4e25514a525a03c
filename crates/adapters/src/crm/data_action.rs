//! The Genesys Data Action target: `POST /api/v2/integrations/actions/{actionId}/execute` with
//! the input built by the field mapping. This is how Genesys orgs reach Salesforce, ServiceNow,
//! Dynamics and Zendesk without Wrapup holding CRM credentials.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use tracing::{debug, warn};

use super::config::{DataActionConfig, FieldMapping};
use super::genesys_failure::crm_error;
use super::{CrmError, CrmTarget, Delivery, TargetKind, Written};
use wrapup_genesys::{GenesysApi, GenesysError};

pub struct DataActionTarget {
    client: Arc<dyn GenesysApi>,
    action_id: String,
    mapping: FieldMapping,
}

impl DataActionTarget {
    pub fn new(client: Arc<dyn GenesysApi>, config: DataActionConfig) -> Self {
        Self {
            client,
            action_id: config.action_id,
            mapping: config.mapping,
        }
    }
}

#[async_trait]
impl CrmTarget for DataActionTarget {
    fn kind(&self) -> TargetKind {
        TargetKind::DataAction
    }

    async fn write(&self, delivery: &Delivery<'_>) -> Result<Written, CrmError> {
        let input = self.mapping.input(delivery)?;
        let started = Instant::now();
        // The client does not repeat an execute after an ambiguous failure (timeout, 5xx): that
        // is left to the queue, and the receiver de-duplicates by Wrapup_Idempotency_Key.
        let outcome = self
            .client
            .with_deadline(delivery.deadline)
            .execute_data_action(&self.action_id, &input)
            .await;
        let latency_ms = elapsed_ms(started);
        match outcome {
            Ok(_) => {}
            // A 2xx whose body is not JSON still ran the action: retrying would write twice.
            Err(GenesysError::Decode { .. }) => {
                warn!(action_id = %self.action_id, "Data Action answered 2xx with a body that is not JSON");
            }
            Err(error) => {
                debug!(action_id = %self.action_id, status = ?error.status(), latency_ms, "Data Action failed");
                return Err(crm_error(TargetKind::DataAction, &error));
            }
        }
        debug!(action_id = %self.action_id, latency_ms, "Data Action executed");
        Ok(Written {
            http_status: 200,
            latency_ms,
        })
    }
}

pub(super) fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}
