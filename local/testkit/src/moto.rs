//! A moto server (the pinned one in `<repo>/.venv`) as a child process.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

use crate::aws::LocalAws;
use wrapup_template::find_repo_root;

/// How long moto may take to answer HTTP after it was spawned.
pub const STARTUP_TIMEOUT: Duration = Duration::from_secs(25);

/// A running `moto_server` on `127.0.0.1`. Killed when dropped; prefer [`MotoServer::shutdown`].
///
/// moto's output goes to `<repo>/.local/moto-<port>.log`. The log of a server started on a fixed
/// port is kept after it stops; that of a server on a free port (tests) is removed.
#[derive(Debug)]
pub struct MotoServer {
    child: Child,
    port: u16,
    url: String,
    log_path: Option<PathBuf>,
    keep_log: bool,
}

impl MotoServer {
    /// Starts `<repo>/.venv/bin/moto_server` on `port` and waits until it answers HTTP.
    pub async fn start(port: u16) -> Result<Self> {
        Self::start_in(&find_repo_root()?, port, true).await
    }

    /// Starts moto on a free port.
    pub async fn start_on_free_port() -> Result<Self> {
        Self::start_in(&find_repo_root()?, crate::free_port(), false).await
    }

    /// Starts the moto of the virtualenv under `repo_root` on `port`; `keep_log` keeps its log
    /// file after it stops.
    pub async fn start_in(repo_root: &Path, port: u16, keep_log: bool) -> Result<Self> {
        let exe = repo_root.join(".venv").join("bin").join("moto_server");
        let python = repo_root.join(".venv").join("bin").join("python");
        // moto_server with DynamoDB made atomic and fast: see the script's docstring.
        let script = repo_root.join("scripts").join("moto_server.py");
        if !exe.is_file() || !python.is_file() {
            bail!(
                "{} not found: run `make venv` (it installs the pinned moto from requirements-dev.txt)",
                exe.display()
            );
        }
        if TcpListener::bind(("127.0.0.1", port)).is_err() {
            bail!(
                "cannot start moto: 127.0.0.1:{port} is already in use (another `make local`? choose another MOTO_PORT)"
            );
        }
        let (stdout, stderr, log_path) = log_files(repo_root, port);
        let child = Command::new(&python)
            .arg(&script)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            // Its own process group: a terminal's Ctrl-C reaches us, and we stop moto in order.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start {}", exe.display()))?;
        let mut server = Self {
            child,
            port,
            url: format!("http://127.0.0.1:{port}"),
            log_path,
            keep_log,
        };
        server.wait_ready().await?;
        tracing::debug!(url = %server.url, "moto is ready");
        Ok(server)
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The port moto listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Where moto's output goes, if it could be redirected to a file.
    pub fn log_path(&self) -> Option<&Path> {
        self.log_path.as_deref()
    }

    /// Clients for this moto.
    pub fn local_aws(&self) -> LocalAws {
        LocalAws::new(self.url.clone())
    }

    /// Resolves when moto exits on its own (it should not): lets a long-running stack notice.
    pub async fn exited(&mut self) -> Result<std::process::ExitStatus> {
        self.child.wait().await.context("waiting for moto")
    }

    /// Stops moto and waits for it to exit.
    pub async fn shutdown(mut self) -> Result<()> {
        if self.child.try_wait()?.is_none() {
            self.child.start_kill().context("cannot stop moto")?;
            self.child.wait().await.context("waiting for moto to exit")?;
        }
        Ok(())
    }

    async fn wait_ready(&mut self) -> Result<()> {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("moto exited during startup ({status}){}", self.log_tail());
            }
            if answers_http(self.port).await {
                return Ok(());
            }
            if started.elapsed() > STARTUP_TIMEOUT {
                let _ = self.child.start_kill();
                bail!(
                    "moto did not answer on {} within {STARTUP_TIMEOUT:?}{}",
                    self.url,
                    self.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    fn log_tail(&self) -> String {
        let Some(path) = &self.log_path else {
            return String::new();
        };
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(15)..].join("\n");
        format!("; log {}:\n{tail}", path.display())
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        if let (false, Some(path)) = (self.keep_log, &self.log_path) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Sends `GET /` and checks that an HTTP response comes back.
async fn answers_http(port: u16) -> bool {
    let attempt = async {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
        stream
            .write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            .await
            .ok()?;
        let mut buf = [0u8; 5];
        stream.read_exact(&mut buf).await.ok()?;
        Some(&buf == b"HTTP/")
    };
    tokio::time::timeout(Duration::from_secs(2), attempt)
        .await
        .ok()
        .flatten()
        .unwrap_or(false)
}

/// moto's output goes to `<repo>/.local/moto-<port>.log` (git-ignored); null if that fails.
fn log_files(repo_root: &Path, port: u16) -> (Stdio, Stdio, Option<PathBuf>) {
    let dir = repo_root.join(".local");
    let path = dir.join(format!("moto-{port}.log"));
    let opened = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::File::create(&path))
        .and_then(|f| Ok((f.try_clone()?, f)));
    match opened {
        Ok((out, err)) => (Stdio::from(out), Stdio::from(err), Some(path)),
        Err(_) => (Stdio::null(), Stdio::null(), None),
    }
}
