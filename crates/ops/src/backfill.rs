//! `wrapup-ops backfill`: asks the archive miner to mine a window, by sending a `backfill`
//! message to its mining-work queue (moto or real AWS). The function checks it again and answers
//! nothing: follow the run in the MiningStateTable or the logs.

use anyhow::{Context, Result, anyhow};
use chrono_tz::Tz;
use clap::Args;
use serde_json::json;
use wrapup_mining::{
    BackfillRequest, MINING_MESSAGE_TYPE, MINING_MESSAGE_VERSION, MiningMessage, MiningWindow,
};
use wrapup_template::Template;

use crate::{DEFAULT_STACK_NAME, sqs_client};

#[derive(Debug, Args)]
pub struct BackfillArgs {
    /// First day to mine (YYYY-MM-DD, the org's time zone).
    #[arg(long)]
    from: String,
    /// Last day to mine, inclusive (YYYY-MM-DD).
    #[arg(long)]
    to: String,
    /// Only these media types, comma-separated (voice,chat,email,message,...).
    #[arg(long)]
    media_types: Option<String>,
    /// The mining-work queue: a URL, or a logical id of template.yaml (with --stack-name).
    #[arg(long, default_value = "MiningWorkQueue")]
    queue: String,
    /// Stack name the queue name derives from (for a logical id).
    #[arg(long, default_value = DEFAULT_STACK_NAME)]
    stack_name: String,
    /// SQS endpoint (e.g. moto's URL); without it, real AWS with the default configuration.
    #[arg(long)]
    endpoint: Option<String>,
}

/// The message body for a backfill, checked as the function will check it.
pub fn backfill_body(from: &str, to: &str, media_types: Option<&str>) -> Result<String> {
    let media: Option<Vec<&str>> =
        media_types.map(|m| m.split(',').map(str::trim).filter(|s| !s.is_empty()).collect());
    let mut event = json!({"from": from, "to": to});
    if let Some(media) = media {
        event["mediaTypes"] = json!(media);
    }
    let request = BackfillRequest::from_value(&event).map_err(|e| anyhow!("backfill {e}"))?;
    // The function re-checks in the org's time zone; the length and order do not depend on it.
    MiningWindow::new(request.from, request.to, Tz::UTC, Vec::new()).map_err(|e| anyhow!("backfill {e}"))?;
    let message = MiningMessage::Backfill {
        version: MINING_MESSAGE_VERSION,
        request,
    };
    Ok(message.to_json())
}

pub async fn run(args: BackfillArgs) -> Result<()> {
    let body = backfill_body(&args.from, &args.to, args.media_types.as_deref())?;
    let sqs = sqs_client(args.endpoint.as_deref()).await;
    let url = crate::dlq::resolve(&sqs, &Template::load(), &args.queue, &args.stack_name).await?;
    let sent = sqs
        .send_message()
        .queue_url(&url)
        .message_body(&body)
        .message_attributes(
            "messageType",
            aws_sdk_sqs::types::MessageAttributeValue::builder()
                .data_type("String")
                .string_value(MINING_MESSAGE_TYPE)
                .build()
                .context("message attribute")?,
        )
        .send()
        .await
        .map_err(|e| anyhow!("{}", aws_sdk_sqs::error::DisplayErrorContext(&e)))
        .with_context(|| format!("sending the backfill to {url}"))?;
    println!("{:<10}{url}", "queue");
    println!("{:<10}{}", "message", sent.message_id().unwrap_or("?"));
    println!("{:<10}{body}", "backfill");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_checked_before_sending() {
        let body = backfill_body("2026-11-01", "2026-11-07", Some("voice, chat")).unwrap();
        let MiningMessage::Backfill { request, .. } = MiningMessage::parse(&body).unwrap() else {
            panic!("{body}");
        };
        assert_eq!(request.media_types.map(|m| m.len()), Some(2));
        for (from, to, media, expected) in [
            ("2026-11-07", "2026-11-01", None, "to: "),
            ("2026-1-1", "2026-11-01", None, "from: "),
            ("2026-11-01", "2026-11-02", Some("fax"), "mediaTypes: "),
            ("2024-01-01", "2026-11-02", None, "at most 366"),
        ] {
            let err = backfill_body(from, to, media).unwrap_err().to_string();
            assert!(err.contains(expected), "{from}..{to}: {err}");
        }
    }
}
