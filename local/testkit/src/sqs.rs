//! Creates the template's SQS queues: dead-letter queues first, then the queues that redrive to
//! them (by ARN), as CloudFormation would.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result, anyhow, bail};
use aws_sdk_sqs::Client;
use aws_sdk_sqs::error::DisplayErrorContext;
use aws_sdk_sqs::types::QueueAttributeName;

use wrapup_template::{QueueDef, Template};

/// Creates every queue of the repository's `template.yaml` for `stack_name` and returns
/// logical id -> queue URL. Idempotent: an existing queue is kept and its attributes updated.
pub async fn create_queues(client: &Client, stack_name: &str) -> Result<BTreeMap<String, String>> {
    let template = Template::load()?;
    create_queues_from(client, &template, stack_name).await
}

/// [`create_queues`] for an explicit template.
pub async fn create_queues_from(
    client: &Client,
    template: &Template,
    stack_name: &str,
) -> Result<BTreeMap<String, String>> {
    let mut urls = BTreeMap::new();
    let mut arns: BTreeMap<String, String> = BTreeMap::new();
    let mut pending: Vec<&QueueDef> = template.queues.iter().collect();
    while !pending.is_empty() {
        let (ready, blocked): (Vec<&QueueDef>, Vec<&QueueDef>) = pending.into_iter().partition(|q| {
            q.redrive_policy
                .as_ref()
                .is_none_or(|r| arns.contains_key(&r.dead_letter_logical_id))
        });
        if ready.is_empty() {
            let ids: Vec<&str> = blocked.iter().map(|q| q.logical_id.as_str()).collect();
            bail!(
                "the redrive policies of these queues form a cycle: {}",
                ids.join(", ")
            );
        }
        for def in ready {
            let name = def.name(stack_name)?;
            let dlq_arn = def
                .redrive_policy
                .as_ref()
                .and_then(|r| arns.get(&r.dead_letter_logical_id));
            let attributes = attributes(def, dlq_arn)?;
            let url = create_queue(client, &name, attributes)
                .await
                .with_context(|| format!("creating queue {name} ({})", def.logical_id))?;
            let arn = queue_arn(client, &url)
                .await
                .with_context(|| format!("reading the ARN of queue {name}"))?;
            arns.insert(def.logical_id.clone(), arn);
            urls.insert(def.logical_id.clone(), url);
        }
        pending = blocked;
    }
    Ok(urls)
}

fn attributes(def: &QueueDef, dlq_arn: Option<&String>) -> Result<HashMap<QueueAttributeName, String>> {
    let mut attrs = HashMap::new();
    let numbers = [
        (QueueAttributeName::VisibilityTimeout, def.visibility_timeout),
        (
            QueueAttributeName::MessageRetentionPeriod,
            def.message_retention_period,
        ),
        (QueueAttributeName::DelaySeconds, def.delay_seconds),
        (
            QueueAttributeName::ReceiveMessageWaitTimeSeconds,
            def.receive_message_wait_time_seconds,
        ),
    ];
    for (name, value) in numbers {
        if let Some(value) = value {
            attrs.insert(name, value.to_string());
        }
    }
    if def.fifo_queue {
        attrs.insert(QueueAttributeName::FifoQueue, "true".to_owned());
    }
    if let Some(cbd) = def.content_based_deduplication {
        attrs.insert(QueueAttributeName::ContentBasedDeduplication, cbd.to_string());
    }
    if let Some(redrive) = &def.redrive_policy {
        let arn = dlq_arn.ok_or_else(|| {
            anyhow!(
                "dead-letter queue {} was not created",
                redrive.dead_letter_logical_id
            )
        })?;
        let policy = serde_json::json!({
            "deadLetterTargetArn": arn,
            "maxReceiveCount": redrive.max_receive_count,
        });
        attrs.insert(QueueAttributeName::RedrivePolicy, policy.to_string());
    }
    Ok(attrs)
}

async fn create_queue(
    client: &Client,
    name: &str,
    attributes: HashMap<QueueAttributeName, String>,
) -> Result<String> {
    let created = client
        .create_queue()
        .queue_name(name)
        .set_attributes(Some(attributes.clone()))
        .send()
        .await;
    match created {
        Ok(out) => {
            tracing::info!(queue = name, "created queue");
            out.queue_url()
                .map(str::to_owned)
                .ok_or_else(|| anyhow!("CreateQueue returned no QueueUrl"))
        }
        Err(err) if err.as_service_error().is_some_and(|e| e.is_queue_name_exists()) => {
            // Same name, different attributes: keep the queue, bring its attributes in line.
            let url = client
                .get_queue_url()
                .queue_name(name)
                .send()
                .await
                .map_err(|e| anyhow!("GetQueueUrl failed: {}", DisplayErrorContext(&e)))?
                .queue_url()
                .map(str::to_owned)
                .ok_or_else(|| anyhow!("GetQueueUrl returned no QueueUrl"))?;
            let mut attributes = attributes;
            attributes.remove(&QueueAttributeName::FifoQueue);
            client
                .set_queue_attributes()
                .queue_url(&url)
                .set_attributes(Some(attributes))
                .send()
                .await
                .map_err(|e| anyhow!("SetQueueAttributes failed: {}", DisplayErrorContext(&e)))?;
            tracing::debug!(queue = name, "queue already exists, attributes updated");
            Ok(url)
        }
        Err(err) => bail!("CreateQueue failed: {}", DisplayErrorContext(&err)),
    }
}

async fn queue_arn(client: &Client, url: &str) -> Result<String> {
    let out = client
        .get_queue_attributes()
        .queue_url(url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .map_err(|e| anyhow!("GetQueueAttributes failed: {}", DisplayErrorContext(&e)))?;
    out.attributes()
        .and_then(|a| a.get(&QueueAttributeName::QueueArn))
        .cloned()
        .ok_or_else(|| anyhow!("GetQueueAttributes returned no QueueArn"))
}
