//! A hello-world Rust Lambda with one DynamoDB client built at init: what `make bench-request`
//! compares each function's cold start and memory with (docs/benchmarks.md).

use lambda_runtime::{Error, LambdaEvent, run, service_fn};
use serde_json::{Value, json};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let aws = aws_config::load_from_env().await;
    let dynamodb = aws_sdk_dynamodb::Client::new(&aws);
    let dynamodb = &dynamodb;
    run(service_fn(move |_event: LambdaEvent<Value>| async move {
        let _ = dynamodb.config();
        Ok::<Value, Error>(json!({"statusCode": 200, "body": "hello"}))
    }))
    .await
}
