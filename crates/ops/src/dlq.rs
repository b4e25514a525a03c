//! `dlq-replay`: moves dead-lettered messages back to the queue they came from, once the cause is
//! fixed (docs/operations.md, "DLQ replay").
//!
//! Each message is sent to the source queue with its body and message attributes (minus the
//! dead-letter reason crm-sync added), and deleted from the DLQ only after the send succeeded, so
//! a failure never loses a message: at worst it is on both queues, and the consumers' idempotency
//! keys make the second copy write nothing. Bodies are never logged or printed.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result, anyhow, bail};
use aws_sdk_sqs::Client;
use aws_sdk_sqs::error::DisplayErrorContext;
use aws_sdk_sqs::types::{Message, MessageAttributeValue, QueueAttributeName};
use wrapup_lambda_kit::DEAD_LETTER_ATTRIBUTES;
use wrapup_template::Template;

use crate::{DEFAULT_STACK_NAME, sqs_client};

/// SQS's maximum per receive.
const RECEIVE_BATCH: usize = 10;
/// Long poll, so an empty answer means an empty queue rather than an unlucky sample.
const RECEIVE_WAIT_SECONDS: i32 = 1;
/// How long a received message stays hidden while it is moved. A message whose send failed stays
/// hidden this long too, so one run does not receive it over and over.
const IN_FLIGHT_SECONDS: i32 = 120;

/// What a replay did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReplayReport {
    /// Sent to the destination and deleted from the DLQ.
    pub moved: usize,
    /// Not sent: still in the DLQ, visible again after [`IN_FLIGHT_SECONDS`].
    pub failed: usize,
    /// Sent, but the delete from the DLQ failed: on both queues. Harmless (the consumer writes
    /// it once); a later replay sends the DLQ copy again, just as harmlessly.
    pub not_deleted: usize,
    /// Dry run: the messages a real run would move (the DLQ's approximate depth, capped at `max`).
    pub would_move: usize,
}

impl ReplayReport {
    fn handled(&self) -> usize {
        self.moved + self.failed + self.not_deleted
    }
}

enum Moved {
    Yes,
    SendFailed,
    NotDeleted,
}

/// Moves up to `max` messages (all, when `None`) from `from_url` to `to_url`. A dry run checks
/// both queues and counts, and moves nothing.
pub async fn replay(
    sqs: &Client,
    from_url: &str,
    to_url: &str,
    max: Option<usize>,
    dry_run: bool,
) -> Result<ReplayReport> {
    if from_url == to_url {
        bail!("the DLQ and the destination are the same queue: {from_url}");
    }
    if to_url.ends_with(".fifo") || from_url.ends_with(".fifo") {
        bail!("FIFO queues are not supported (a replay would need their message group ids)");
    }
    let depth = approximate_depth(sqs, from_url)
        .await
        .with_context(|| format!("reading the DLQ {from_url}"))?;
    approximate_depth(sqs, to_url)
        .await
        .with_context(|| format!("reading the destination queue {to_url}"))?;
    let limit = max.unwrap_or(usize::MAX);
    let mut report = ReplayReport::default();
    if dry_run {
        report.would_move = depth.min(limit);
        return Ok(report);
    }
    // Messages whose send failed: should one come back during this run, it is not counted twice.
    let mut failed_ids: HashSet<String> = HashSet::new();
    while report.handled() < limit {
        let want = (limit - report.handled()).min(RECEIVE_BATCH);
        let batch = receive(sqs, from_url, want)
            .await
            .with_context(|| format!("receiving from the DLQ after moving {}", report.moved))?;
        let mut progressed = false;
        for message in &batch {
            let id = message.message_id().unwrap_or_default().to_owned();
            if failed_ids.contains(&id) {
                continue;
            }
            progressed = true;
            match move_one(sqs, message, from_url, to_url).await {
                Moved::Yes => report.moved += 1,
                Moved::SendFailed => {
                    report.failed += 1;
                    failed_ids.insert(id);
                }
                Moved::NotDeleted => report.not_deleted += 1,
            }
        }
        if !progressed {
            break;
        }
    }
    tracing::info!(
        moved = report.moved,
        failed = report.failed,
        not_deleted = report.not_deleted,
        "DLQ replay finished"
    );
    Ok(report)
}

async fn approximate_depth(sqs: &Client, url: &str) -> Result<usize> {
    let output = sqs
        .get_queue_attributes()
        .queue_url(url)
        .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
        .send()
        .await
        .map_err(|e| anyhow!("{}", DisplayErrorContext(&e)))?;
    output
        .attributes()
        .and_then(|a| a.get(&QueueAttributeName::ApproximateNumberOfMessages))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| anyhow!("SQS did not say how many messages the queue holds"))
}

async fn receive(sqs: &Client, url: &str, max: usize) -> Result<Vec<Message>> {
    let output = sqs
        .receive_message()
        .queue_url(url)
        .max_number_of_messages(i32::try_from(max).unwrap_or(10).clamp(1, 10))
        .wait_time_seconds(RECEIVE_WAIT_SECONDS)
        .visibility_timeout(IN_FLIGHT_SECONDS)
        .message_attribute_names("All")
        .send()
        .await
        .map_err(|e| anyhow!("{}", DisplayErrorContext(&e)))?;
    Ok(output.messages.unwrap_or_default())
}

/// The message's attributes as they were before it was dead-lettered.
fn replayed_attributes(message: &Message) -> HashMap<String, MessageAttributeValue> {
    message
        .message_attributes()
        .into_iter()
        .flatten()
        .filter(|(name, _)| !DEAD_LETTER_ATTRIBUTES.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}

async fn move_one(sqs: &Client, message: &Message, from_url: &str, to_url: &str) -> Moved {
    let id = message.message_id().unwrap_or("?");
    let (Some(body), Some(receipt)) = (message.body(), message.receipt_handle()) else {
        tracing::warn!(
            message_id = id,
            "received a message without a body or receipt handle"
        );
        return Moved::SendFailed;
    };
    let attributes = replayed_attributes(message);
    let sent = sqs
        .send_message()
        .queue_url(to_url)
        .message_body(body)
        .set_message_attributes((!attributes.is_empty()).then_some(attributes))
        .send()
        .await;
    if let Err(e) = sent {
        tracing::warn!(message_id = id, error = %DisplayErrorContext(&e), "send failed; the message stays in the DLQ");
        return Moved::SendFailed;
    }
    match sqs
        .delete_message()
        .queue_url(from_url)
        .receipt_handle(receipt)
        .send()
        .await
    {
        Ok(_) => Moved::Yes,
        Err(e) => {
            tracing::warn!(message_id = id, error = %DisplayErrorContext(&e), "sent, but the DLQ copy could not be deleted");
            Moved::NotDeleted
        }
    }
}

/// `wrapup-ops dlq-replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// The dead-letter queue: its URL, or its logical id in template.yaml (e.g. CrmSyncDLQ).
    #[arg(long)]
    queue: String,
    /// Where to move the messages (URL or logical id). Default: the queue whose RedrivePolicy
    /// points at the DLQ in template.yaml.
    #[arg(long)]
    to: Option<String>,
    /// A local SQS endpoint (moto). Without it: the default AWS configuration, i.e. real AWS.
    #[arg(long)]
    endpoint: Option<String>,
    /// The stack whose queues logical ids name.
    #[arg(long, default_value = DEFAULT_STACK_NAME)]
    stack_name: String,
    /// Move at most this many messages.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    max: Option<u32>,
    /// Check both queues and count the messages; move nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Runs the subcommand and prints its report; an error when a message could not be moved.
pub async fn run(args: ReplayArgs) -> Result<()> {
    let sqs = sqs_client(args.endpoint.as_deref()).await;
    // Needed only for logical ids and the default destination.
    let template = Template::load();
    let from = resolve(&sqs, &template, &args.queue, &args.stack_name).await?;
    let to = match &args.to {
        Some(to) => to.clone(),
        None => source_queue_of(&template, &from, &args.stack_name)?,
    };
    let to_url = resolve(&sqs, &template, &to, &args.stack_name).await?;
    println!("{:<12}{from}", "from");
    println!("{:<12}{to_url}", "to");
    let max = args.max.map(|m| usize::try_from(m).unwrap_or(usize::MAX));
    let report = replay(&sqs, &from, &to_url, max, args.dry_run).await?;
    if args.dry_run {
        println!(
            "{:<12}{} (dry run, nothing moved)",
            "would move", report.would_move
        );
        return Ok(());
    }
    println!("{:<12}{}", "moved", report.moved);
    println!("{:<12}{}", "failed", report.failed);
    if report.not_deleted > 0 {
        println!("{:<12}{}", "not deleted", report.not_deleted);
    }
    match (report.failed, report.not_deleted) {
        (0, 0) => Ok(()),
        (failed, not_deleted) => Err(anyhow!(
            "{failed} message(s) could not be sent and stay in the DLQ; {not_deleted} were sent but \
             remain in the DLQ too (harmless: consumers are idempotent). Run the replay again."
        )),
    }
}

/// A queue URL as given, or the URL of the template queue with this logical id in the stack.
pub async fn resolve(sqs: &Client, template: &Result<Template>, queue: &str, stack: &str) -> Result<String> {
    if queue.starts_with("https://") || queue.starts_with("http://") {
        return Ok(queue.to_owned());
    }
    let template = template
        .as_ref()
        .map_err(|e| anyhow!("{queue} is not a URL, and template.yaml cannot be read: {e:#}"))?;
    let def = template
        .queue(queue)
        .ok_or_else(|| anyhow!("{queue} is neither a URL nor a queue of template.yaml"))?;
    let name = def.name(stack)?;
    let output = sqs
        .get_queue_url()
        .queue_name(&name)
        .send()
        .await
        .map_err(|e| anyhow!("{}", DisplayErrorContext(&e)))
        .with_context(|| format!("looking up queue {name} ({queue} of stack {stack})"))?;
    output
        .queue_url
        .ok_or_else(|| anyhow!("SQS returned no URL for queue {name}"))
}

/// The logical id of the one template queue that dead-letters into the DLQ at `dlq_url`.
fn source_queue_of(template: &Result<Template>, dlq_url: &str, stack: &str) -> Result<String> {
    let template = template
        .as_ref()
        .map_err(|e| anyhow!("pass --to: template.yaml cannot be read to find the source queue: {e:#}"))?;
    let dlq_name = dlq_url.rsplit('/').next().unwrap_or_default();
    let dlq = template
        .queues
        .iter()
        .find(|q| q.name(stack).is_ok_and(|name| name == dlq_name))
        .ok_or_else(|| anyhow!("pass --to: {dlq_name} is not a queue of template.yaml in stack {stack}"))?;
    let sources: Vec<&str> = template
        .queues
        .iter()
        .filter(|q| {
            q.redrive_policy
                .as_ref()
                .is_some_and(|r| r.dead_letter_logical_id == dlq.logical_id)
        })
        .map(|q| q.logical_id.as_str())
        .collect();
    match sources.as_slice() {
        [source] => Ok((*source).to_owned()),
        [] => bail!(
            "pass --to: no queue of template.yaml dead-letters into {}",
            dlq.logical_id
        ),
        many => bail!(
            "pass --to: several queues dead-letter into {}: {}",
            dlq.logical_id,
            many.join(", ")
        ),
    }
}

#[cfg(test)]
#[path = "dlq_tests.rs"]
mod tests;
