//! The simulator's scripted Agent Assist conversation through put-events' path into the running
//! local stack, every event delivered twice: one summary, one CRM write.

use std::time::Duration;

use crate::demo_assist::{conversation_of, put, scripted_events, summary_outcome};
use crate::gateway::Gateway;
use crate::stack::{LocalStack, STACK_NAME, StackPorts};

#[tokio::test]
#[ignore = "moto tier: the local stack starts moto from the project venv, which `make test` installs"]
async fn a_conversation_delivered_twice_is_summarised_once_and_written_to_the_crm_once() {
    let ports = StackPorts {
        moto: None,
        genesys: 0,
    };
    let stack = LocalStack::start(ports, STACK_NAME).await.expect("local stack");
    let gateway = Gateway::start(&stack.env, 0).await.expect("gateway");
    let events = scripted_events(&stack.env.genesys_base_url)
        .await
        .expect("scripted events");
    let conversation = conversation_of(&events).expect("conversation");
    put(&stack.env, &events, 2).await.expect("put-events");

    let outcome = summary_outcome(&stack.env, &conversation, Duration::from_secs(60))
        .await
        .expect("outcome");
    assert_eq!(outcome.summaries.len(), 1, "{outcome:?}");
    let (case, status) = &outcome.summaries[0];
    // The simulator's `caseId` participant attribute, read through a details job.
    assert!(case.starts_with("CASE-AA-"), "{outcome:?}");
    assert_ne!(status, "failed", "{outcome:?}");
    assert_eq!(outcome.webhook_writes, 1, "{outcome:?}");
    assert!(outcome.data_action_writes <= 1, "{outcome:?}");

    gateway.stop();
    stack.shutdown().await.expect("shutdown");
}
