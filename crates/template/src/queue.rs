//! `AWS::SQS::Queue` definitions read from the template.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow, bail};
use serde_norway::{Mapping, Value};

use crate::intrinsic::{get_att_target, intrinsic, resolve_name, to_sub_template};
use crate::values::{boolean, mapping, number, required};

/// One SQS queue of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueDef {
    /// The resource's logical id (`SummaryJobsQueue`).
    pub logical_id: String,
    /// The queue name with only pseudo parameters left; see [`QueueDef::name`]. A queue without
    /// `QueueName` gets `${AWS::StackName}-<LogicalId>` (plus `.fifo` for a FIFO queue).
    pub name_template: String,
    /// `FifoQueue`.
    pub fifo_queue: bool,
    /// `ContentBasedDeduplication`.
    pub content_based_deduplication: Option<bool>,
    /// `VisibilityTimeout` in seconds.
    pub visibility_timeout: Option<u64>,
    /// `MessageRetentionPeriod` in seconds.
    pub message_retention_period: Option<u64>,
    /// `DelaySeconds`.
    pub delay_seconds: Option<u64>,
    /// `ReceiveMessageWaitTimeSeconds`.
    pub receive_message_wait_time_seconds: Option<u64>,
    /// `RedrivePolicy`, pointing at another queue of the template.
    pub redrive_policy: Option<RedriveDef>,
}

/// A redrive policy: `deadLetterTargetArn: !GetAtt <DeadLetterQueue>.Arn`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedriveDef {
    /// Logical id of the dead-letter queue.
    pub dead_letter_logical_id: String,
    /// `maxReceiveCount`.
    pub max_receive_count: u64,
}

impl QueueDef {
    /// The queue's name in a stack.
    pub fn name(&self, stack_name: &str) -> Result<String> {
        resolve_name(&self.name_template, stack_name)
    }

    pub(crate) fn parse(id: &str, props: &Mapping, params: &BTreeMap<String, String>) -> Result<Self> {
        let what = format!("{id}.Properties");
        let opt_number = |key: &str| -> Result<Option<u64>> {
            props
                .get(key)
                .map(|v| number(v, &format!("{what}.{key}")))
                .transpose()
        };
        let opt_bool = |key: &str| -> Result<Option<bool>> {
            props
                .get(key)
                .map(|v| boolean(v, &format!("{what}.{key}")))
                .transpose()
        };
        let fifo_queue = opt_bool("FifoQueue")?.unwrap_or(false);
        let name_template = match props.get("QueueName") {
            Some(name) => to_sub_template(name, params, &format!("{what}.QueueName"))?,
            None if fifo_queue => format!("${{AWS::StackName}}-{id}.fifo"),
            None => format!("${{AWS::StackName}}-{id}"),
        };
        if fifo_queue != name_template.ends_with(".fifo") {
            bail!("{what}: a queue name ends in .fifo exactly when FifoQueue is true");
        }
        let redrive_policy = props
            .get("RedrivePolicy")
            .map(|v| redrive(v, &format!("{what}.RedrivePolicy")))
            .transpose()?;
        if redrive_policy
            .as_ref()
            .is_some_and(|r| r.dead_letter_logical_id == id)
        {
            bail!("{what}.RedrivePolicy: a queue cannot be its own dead-letter queue");
        }
        Ok(Self {
            logical_id: id.to_owned(),
            name_template,
            fifo_queue,
            content_based_deduplication: opt_bool("ContentBasedDeduplication")?,
            visibility_timeout: opt_number("VisibilityTimeout")?,
            message_retention_period: opt_number("MessageRetentionPeriod")?,
            delay_seconds: opt_number("DelaySeconds")?,
            receive_message_wait_time_seconds: opt_number("ReceiveMessageWaitTimeSeconds")?,
            redrive_policy,
        })
    }
}

fn redrive(value: &Value, what: &str) -> Result<RedriveDef> {
    if let Some((name, _)) = intrinsic(value) {
        bail!("{what}: {name} is not supported, write the policy as a mapping");
    }
    let m = mapping(value, what)?;
    let target = required(m, "deadLetterTargetArn", what)?;
    let dead_letter_logical_id = get_att_target(target, "Arn", &format!("{what}.deadLetterTargetArn"))?;
    let max_receive_count = number(
        required(m, "maxReceiveCount", what)?,
        &format!("{what}.maxReceiveCount"),
    )?;
    if max_receive_count == 0 {
        return Err(anyhow!("{what}.maxReceiveCount must be at least 1"));
    }
    Ok(RedriveDef {
        dead_letter_logical_id,
        max_receive_count,
    })
}
