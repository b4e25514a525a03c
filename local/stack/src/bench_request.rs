//! `make bench-request`: each function's release binary as its own process behind a local Lambda
//! Runtime API, against moto and the simulator in this process. For summary-api, N summary
//! requests (a 28-utterance voice call, `source: llm`, the simulator's model): CPU per request
//! from `/proc/<pid>/stat`, wall time per request, peak RSS; for every function and for a
//! hello-world Lambda with one DynamoDB client, the init time (process start to its first
//! `next`), RSS and binary size. Figures go in docs/benchmarks.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use genesys_sim::SimConfig;
use serde_json::{Value, json};
use tokio::process::{Child, Command};

use crate::gateway::{archive_miner_vars, crm_sync_vars, summary_api_vars};
use crate::keep_alive::KeepAliveFront;
use crate::runtime_api::{Outcome, RuntimeApi};
use crate::stack::{LocalEnv, LocalStack, StackPorts};

/// assist-callback's environment, reading events of the repository's sample org.
fn assist_vars(env: &LocalEnv) -> Result<BTreeMap<String, String>> {
    let mut vars = crate::assist::assist_callback_vars(env)?;
    let sample = assist_sample()?;
    let source = sample["source"].as_str().unwrap_or_default().to_owned();
    vars.insert("WRAPUP_ASSIST_EVENT_SOURCE".to_owned(), source);
    vars.remove("WRAPUP_ASSIST_EVENT_ACCOUNT");
    Ok(vars)
}

fn assist_sample() -> Result<Value> {
    let path = wrapup_testkit::find_repo_root()?.join("events/assist-suggestion-knowledge-search.json");
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

/// The `i`th event for assist-callback: a new suggestion of the sample conversation, in an SQS
/// batch as the assist-events queue delivers it (one DynamoDB transaction each).
fn assist_event(i: usize) -> Value {
    let mut event = assist_sample().unwrap_or_default();
    event["detail"]["eventBody"]["suggestionId"] = json!(format!("5e7a1c3b-2d4f-4a6b-8c9d-{i:012x}"));
    json!({"Records": [{
        "messageId": format!("bench-{i}"),
        "receiptHandle": format!("bench-{i}"),
        "body": event.to_string(),
        "attributes": {"ApproximateReceiveCount": "1"},
        "messageAttributes": {},
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:bench-assist-events",
        "awsRegion": "us-east-1"
    }]})
}

/// The call every request summarises: written for the evaluation set, 28 utterances.
const CALL: &str = "eval/calls/en/en-us-voice-telecom-roaming-payment.json";
const CONVERSATION_ID: &str = "b3c4d5e6-0000-4000-8000-00000000beef";
const INIT_TIMEOUT: Duration = Duration::from_secs(60);
/// Invocations of the other functions (empty batches, hello's `{}`): the cost of an event.
const IDLE_INVOCATIONS: usize = 50;

#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Summary requests measured (after the warm-up).
    pub requests: usize,
    /// Summary requests made first and not measured.
    pub warmup: usize,
    /// Where the release binaries are (`target/release`).
    pub binaries: PathBuf,
}

/// What one function cost.
#[derive(Debug)]
struct Measured {
    function: &'static str,
    binary_bytes: u64,
    init: Duration,
    rss_after_init_kb: u64,
    peak_rss_kb: u64,
    invocations: usize,
    cpu_ms_per_invocation: f64,
    wall_p50_ms: f64,
}

pub async fn run(options: BenchOptions) -> Result<()> {
    // The bench measures the function, not Genesys' rate limit: the simulator allows plenty.
    let sim = SimConfig {
        rate_limit_per_minute: 1_000_000,
        ..SimConfig::default()
    };
    let ports = StackPorts {
        moto: None,
        genesys: 0,
    };
    let stack = LocalStack::start_with(ports, "wrapup-bench", sim).await?;
    let env = &stack.env;
    load_call(env).await?;
    let front = KeepAliveFront::start(&env.moto_url).await?;
    let aws_endpoint = front.url();
    let idle = |function: &'static str, vars, event: fn(usize) -> Value| Subject {
        function,
        vars,
        warmup: 0,
        invocations: IDLE_INVOCATIONS,
        event,
        check: |_| Ok(()),
    };
    let subjects = [
        idle("hello-lambda", BTreeMap::new(), |_| json!({})),
        Subject {
            function: "summary-api",
            vars: summary_api_vars(env)?,
            warmup: options.warmup,
            invocations: options.requests,
            event: summary_request,
            check: summary_answered,
        },
        idle("crm-sync", crm_sync_vars(env)?, |_| json!({"Records": []})),
        idle(
            "archive-miner",
            archive_miner_vars(env)?,
            |_| json!({"Records": []}),
        ),
        Subject {
            function: "assist-callback",
            vars: assist_vars(env)?,
            warmup: 0,
            invocations: IDLE_INVOCATIONS,
            event: assist_event,
            check: |_| Ok(()),
        },
    ];
    let mut rows = Vec::new();
    for subject in subjects {
        rows.push(measure(&options, subject, &aws_endpoint).await?);
    }
    print_table(&rows);
    stack.shutdown().await
}

/// Loads the call into the simulator under [`CONVERSATION_ID`].
async fn load_call(env: &LocalEnv) -> Result<()> {
    let call: Value =
        serde_json::from_str(&std::fs::read_to_string(CALL).with_context(|| format!("reading {CALL}"))?)?;
    let phrases: Vec<Value> = call["utterances"]
        .as_array()
        .context("the call has no utterances")?
        .iter()
        .map(|u| json!({"speaker": u["speaker"], "text": u["text"]}))
        .collect();
    let conversation = json!({
        "conversationId": CONVERSATION_ID,
        "mediaType": "voice",
        "language": "en-US",
        "startTime": (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339(),
        "phrases": phrases,
    });
    let response = reqwest::Client::new()
        .post(format!("{}/_sim/conversations", env.genesys_base_url))
        .json(&conversation)
        .send()
        .await?;
    ensure!(
        response.status().is_success(),
        "the simulator refused the call: {}",
        response.text().await.unwrap_or_default()
    );
    Ok(())
}

/// `POST /summaries` as API Gateway sends it, one new case per request (no replay).
fn summary_request(i: usize) -> Value {
    let mut event: Value = serde_json::from_str(include_str!("../../../events/apigw-v2-post-summaries.json"))
        .unwrap_or(Value::Null);
    event["body"] = Value::String(
        json!({"conversationId": CONVERSATION_ID, "caseId": format!("BENCH-{i}"), "source": "llm"})
            .to_string(),
    );
    event
}

fn summary_answered(answer: &Value) -> Result<()> {
    let status = answer["statusCode"].as_u64().unwrap_or(0);
    ensure!(status == 200, "summary-api answered {status}: {}", answer["body"]);
    Ok(())
}

/// One function to measure, and the events it gets.
struct Subject {
    function: &'static str,
    vars: BTreeMap<String, String>,
    /// Invocations made first and not measured.
    warmup: usize,
    invocations: usize,
    event: fn(usize) -> Value,
    /// Whether an answer is what the function should have answered.
    check: fn(&Value) -> Result<()>,
}

async fn measure(options: &BenchOptions, subject: Subject, aws_endpoint: &str) -> Result<Measured> {
    let Subject {
        function,
        vars,
        warmup,
        invocations,
        event,
        check,
    } = subject;
    let binary = options.binaries.join(function);
    let binary_bytes = std::fs::metadata(&binary)
        .with_context(|| format!("{}: build it with `make bench-request`", binary.display()))?
        .len();
    let mut api = RuntimeApi::start().await?;
    let started = Instant::now();
    let mut child = spawn(&binary, function, &vars, aws_endpoint, &api.host())?;
    let pid = child.id().context("the function exited at once")?;
    let ready = tokio::select! {
        ready = api.ready(INIT_TIMEOUT) => ready?,
        status = child.wait() => bail!("{function} exited during its init: {:?}", status?),
    };
    let init = ready - started;
    let rss_after_init_kb = status_kb(pid, "VmRSS")?;
    for i in 0..warmup {
        invoke(&api, function, &event(i), check).await?;
    }
    let cpu_before = cpu_ns(pid)?;
    let mut walls = Vec::with_capacity(invocations);
    for i in warmup..warmup + invocations {
        let t = Instant::now();
        invoke(&api, function, &event(i), check).await?;
        walls.push(t.elapsed());
    }
    let cpu = cpu_ns(pid)? - cpu_before;
    let peak_rss_kb = status_kb(pid, "VmHWM")?;
    let _ = child.kill().await;
    walls.sort();
    let wall_p50_ms = walls
        .get(walls.len() / 2)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    Ok(Measured {
        function,
        binary_bytes,
        init,
        rss_after_init_kb,
        peak_rss_kb,
        invocations,
        cpu_ms_per_invocation: cpu as f64 / 1e6 / invocations.max(1) as f64,
        wall_p50_ms,
    })
}

async fn invoke(
    api: &RuntimeApi,
    function: &str,
    event: &Value,
    check: impl Fn(&Value) -> Result<()>,
) -> Result<()> {
    match api.invoke(event.clone()).await? {
        Outcome::Response(answer) => check(&answer),
        Outcome::Error(reason) => bail!("{function} failed an invocation: {reason}"),
    }
}

/// The function as Lambda starts it: only its own variables, the Runtime API's address and the
/// variables Lambda sets; the SDK pointed at moto (through the keep-alive front) with test
/// credentials. Its logs go to a file.
fn spawn(
    binary: &Path,
    function: &str,
    vars: &BTreeMap<String, String>,
    aws_endpoint: &str,
    api: &str,
) -> Result<Child> {
    let log_dir = PathBuf::from("target/bench-request");
    std::fs::create_dir_all(&log_dir)?;
    let log = std::fs::File::create(log_dir.join(format!("{function}.log")))?;
    let mut command = Command::new(binary);
    command
        .env_clear()
        .envs(vars)
        .env("AWS_LAMBDA_RUNTIME_API", api)
        .env("AWS_LAMBDA_FUNCTION_NAME", function)
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{function}"))
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "bench")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_ENDPOINT_URL", aws_endpoint)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .kill_on_drop(true);
    command
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))
}

/// CPU time of the process, all its threads, in nanoseconds: the first field of each thread's
/// `/proc/<pid>/task/<tid>/schedstat` (clock ticks of `/proc/<pid>/stat` are 10 ms coarse).
/// A thread that ended is not counted: the functions keep theirs for the process's life.
fn cpu_ns(pid: u32) -> Result<u64> {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))? {
        let schedstat = std::fs::read_to_string(task?.path().join("schedstat"))?;
        total += schedstat
            .split_whitespace()
            .next()
            .and_then(|f| f.parse::<u64>().ok())
            .context("unexpected schedstat")?;
    }
    Ok(total)
}

/// A `/proc/<pid>/status` figure in kB (`VmRSS`, `VmHWM`).
fn status_kb(pid: u32, name: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .with_context(|| format!("no {name} in /proc/{pid}/status"))
}

fn print_table(rows: &[Measured]) {
    let hello = rows.iter().find(|r| r.function == "hello-lambda");
    let ratio = |value: f64, of: Option<f64>| {
        of.filter(|o| *o > 0.0)
            .map_or(String::new(), |o| format!(" ({:.2}x)", value / o))
    };
    println!(
        "| function | binary | init | RSS after init | peak RSS | invocations | CPU per invocation | wall p50 |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for row in rows {
        let init_ms = row.init.as_secs_f64() * 1000.0;
        let peak_mb = row.peak_rss_kb as f64 / 1024.0;
        println!(
            "| {} | {:.1} MB | {:.1} ms{} | {:.1} MB | {:.1} MB{} | {} | {:.2} ms | {:.2} ms |",
            row.function,
            row.binary_bytes as f64 / 1_000_000.0,
            init_ms,
            ratio(init_ms, hello.map(|h| h.init.as_secs_f64() * 1000.0)),
            row.rss_after_init_kb as f64 / 1024.0,
            peak_mb,
            ratio(peak_mb, hello.map(|h| h.peak_rss_kb as f64 / 1024.0)),
            row.invocations,
            row.cpu_ms_per_invocation,
            row.wall_p50_ms,
        );
    }
}
