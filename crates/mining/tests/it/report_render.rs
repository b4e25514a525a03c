//! The HTML trend report renders in headless Chromium: a screenshot of the page is a 1280 px wide
//! PNG with far more content than a blank page.
//!
//! Needs `/usr/bin/chromium` (or `$WRAPUP_CHROMIUM`): install it with `scripts/ensure-chromium.sh`.
//! They are the browser tier: `cargo test` leaves them out, `make test` runs them (`--run-ignored
//! all`). `WRAPUP_SKIP_BROWSER_TESTS=1` skips them there too. `WRAPUP_REPORT_EXAMPLE_DIR=<dir>` keeps the
//! rendered HTML and PNG there for a look.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use chrono::{NaiveDate, TimeZone, Utc};
use wrapup_mining::report::{ProductName, ReportInput, RunFigures, TrendReport, render_html, render_svg};
use wrapup_mining::{AggregateRow, MiningSource, Speaker};

const VIEWPORT_WIDTH: u32 = 1280;
const VIEWPORT_HEIGHT: u32 = 1600;
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(90);

fn skip_browser_tests() -> bool {
    std::env::var("WRAPUP_SKIP_BROWSER_TESTS").is_ok_and(|v| v == "1")
}

fn chromium() -> PathBuf {
    let path = std::env::var_os("WRAPUP_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.is_file(),
        "headless Chromium is needed for the report screenshot test but {} does not exist. \
         Install it with `sudo scripts/ensure-chromium.sh` (Debian package `chromium`), point \
         WRAPUP_CHROMIUM at a Chromium binary, or set WRAPUP_SKIP_BROWSER_TESTS=1 to skip.",
        path.display()
    );
    path
}

/// A fresh directory under the system temp dir.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wrapup-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("create a temp dir");
    dir
}

/// Screenshots `html_file` at 1280x1600 with a fresh profile; returns the PNG.
async fn screenshot(html_file: &Path, work: &Path) -> Vec<u8> {
    let png = html_file.with_extension("png");
    let profile = work.join(format!("profile-{}", uuid::Uuid::new_v4().simple()));
    let url = format!("file://{}", html_file.display());
    let mut command = tokio::process::Command::new(chromium());
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={VIEWPORT_WIDTH},{VIEWPORT_HEIGHT}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let child = command.spawn().expect("start chromium");
    let output = tokio::time::timeout(CHROMIUM_TIMEOUT, child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("chromium did not finish a screenshot within {CHROMIUM_TIMEOUT:?}"))
        .expect("wait for chromium");
    let bytes = std::fs::read(&png).unwrap_or_else(|e| {
        panic!(
            "chromium wrote no screenshot ({e}); exit {:?}; stderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let _ = std::fs::remove_dir_all(&profile);
    bytes
}

/// Width and height from the PNG signature and IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.len() > 24, "PNG of {} bytes", png.len());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&png[12..16], b"IHDR", "PNG without IHDR first");
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    (width, height)
}

fn keep_example(name: &str, files: &[&Path]) {
    let Some(dir) = std::env::var_os("WRAPUP_REPORT_EXAMPLE_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create the example dir");
    for file in files {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("bin");
        std::fs::copy(file, dir.join(format!("{name}.{ext}"))).expect("copy the example");
    }
}

fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
}

/// 30 days of the simulator's catalog (20 products): a few popular products with a weekly rhythm,
/// a long tail, four media types.
fn realistic_report() -> TrendReport {
    let catalog = genesys_sim::catalog::products();
    let from = day("2025-11-03");
    let mut rows = Vec::new();
    for (rank, product) in catalog.iter().enumerate() {
        let popularity = 40 / (rank as u64 + 1);
        for d in 0..30u64 {
            let date = from + chrono::Duration::days(d as i64);
            let weekend = matches!(d % 7, 5 | 6);
            let wave = (d * (rank as u64 + 5) + rank as u64 * 3) % 9;
            let base = if weekend { popularity / 3 } else { popularity } + wave;
            for (media, share) in [("voice", 5u64), ("chat", 3), ("message", 2), ("email", 1)] {
                let mentions = base * share / 5;
                if mentions == 0 {
                    continue;
                }
                for (speaker, part) in [(Speaker::Customer, 3u64), (Speaker::Agent, 2)] {
                    rows.push(AggregateRow {
                        date,
                        media_type: media.to_string(),
                        product_id: product.id.to_string(),
                        speaker,
                        mentions: mentions * part / 5 + 1,
                        conversations: (mentions * part / 10).max(1),
                    });
                }
            }
        }
    }
    TrendReport::build(ReportInput {
        run_id: "mining-2025-12-03T01:00:00Z-7f3a".to_string(),
        generated_at: Utc.with_ymd_and_hms(2025, 12, 3, 1, 12, 30).unwrap(),
        time_zone: "America/New_York".to_string(),
        from,
        to: day("2025-12-02"),
        source: MiningSource::Transcripts,
        products: catalog.iter().map(|p| ProductName::new(p.id, p.name)).collect(),
        rows,
        run: Some(RunFigures {
            conversations_seen: 4_812,
            mined: 4_650,
            without_transcript: 131,
            failed: 2,
            already_counted: 29,
        }),
    })
}

fn empty_report() -> TrendReport {
    TrendReport::build(ReportInput {
        run_id: "mining-empty".to_string(),
        generated_at: Utc.with_ymd_and_hms(2025, 12, 3, 1, 0, 0).unwrap(),
        time_zone: "UTC".to_string(),
        from: day("2025-11-03"),
        to: day("2025-12-02"),
        source: MiningSource::Topics,
        products: vec![ProductName::new("acme-router-pro", "Acme Router Pro")],
        rows: Vec::new(),
        run: None,
    })
}

/// One day, Speech & Text Analytics topics, a long product name.
fn one_day_report() -> TrendReport {
    let date = day("2025-11-03");
    let products = [
        ("acme-router-pro", "Acme Router Pro", 14),
        ("long", "Acme Enterprise Mesh WiFi 6E Tri-Band Extender Kit", 9),
        ("nimbus-phone-x", "Nimbus Phone X", 4),
    ];
    TrendReport::build(ReportInput {
        run_id: "mining-one-day".to_string(),
        generated_at: Utc.with_ymd_and_hms(2025, 11, 4, 1, 0, 0).unwrap(),
        time_zone: "Europe/Berlin".to_string(),
        from: date,
        to: date,
        source: MiningSource::Topics,
        products: products
            .iter()
            .map(|(id, name, _)| ProductName::new(*id, *name))
            .collect(),
        rows: products
            .iter()
            .map(|(id, _, mentions)| AggregateRow {
                date,
                media_type: "voice".to_string(),
                product_id: id.to_string(),
                speaker: Speaker::Customer,
                mentions: *mentions,
                conversations: *mentions,
            })
            .collect(),
        run: None,
    })
}

async fn render_and_screenshot(name: &str, report: &TrendReport, work: &Path) -> Vec<u8> {
    let svg = render_svg(report).expect("render the chart");
    let html = render_html(report, &svg);
    let file = work.join(format!("{name}.html"));
    std::fs::write(&file, html).expect("write the page");
    let png = screenshot(&file, work).await;
    keep_example(name, &[&file, &file.with_extension("png")]);
    png
}

/// A blank page's screenshot, the baseline for "not blank".
async fn blank_png(work: &Path) -> Vec<u8> {
    let file = work.join("blank.html");
    std::fs::write(
        &file,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>",
    )
    .expect("write the blank page");
    screenshot(&file, work).await
}

#[tokio::test]
#[ignore = "browser tier: `make test` runs it in headless Chromium"]
async fn html_report_renders_in_headless_chromium() {
    if skip_browser_tests() {
        eprintln!("skipped: WRAPUP_SKIP_BROWSER_TESTS=1");
        return;
    }
    let work = scratch_dir("report-render");
    let blank = blank_png(&work).await;
    assert_eq!(png_size(&blank).0, VIEWPORT_WIDTH);

    let report = realistic_report();
    let png = render_and_screenshot("trend-report", &report, &work).await;
    let (width, height) = png_size(&png);
    assert_eq!(width, VIEWPORT_WIDTH, "screenshot width");
    assert!(height >= 1000, "screenshot height {height}");
    // A blank page compresses to a few KB; a chart, a table and text are an order more.
    assert!(
        png.len() > blank.len() * 10 && png.len() > 60_000,
        "the screenshot looks blank: {} bytes (blank page: {} bytes)",
        png.len(),
        blank.len()
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[tokio::test]
#[ignore = "browser tier: `make test` runs it in headless Chromium"]
async fn empty_report_renders_in_headless_chromium() {
    if skip_browser_tests() {
        eprintln!("skipped: WRAPUP_SKIP_BROWSER_TESTS=1");
        return;
    }
    let work = scratch_dir("report-render-empty");
    let blank = blank_png(&work).await;
    let png = render_and_screenshot("empty-report", &empty_report(), &work).await;
    assert_eq!(png_size(&png).0, VIEWPORT_WIDTH);
    assert!(
        png.len() > blank.len() * 3,
        "the empty report's screenshot looks blank: {} bytes (blank page: {} bytes)",
        png.len(),
        blank.len()
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[tokio::test]
#[ignore = "browser tier: `make test` runs it in headless Chromium"]
async fn one_day_report_renders_in_headless_chromium() {
    if skip_browser_tests() {
        eprintln!("skipped: WRAPUP_SKIP_BROWSER_TESTS=1");
        return;
    }
    let work = scratch_dir("report-render-one-day");
    let blank = blank_png(&work).await;
    let png = render_and_screenshot("one-day-report", &one_day_report(), &work).await;
    assert_eq!(png_size(&png).0, VIEWPORT_WIDTH);
    assert!(
        png.len() > blank.len() * 5,
        "the one-day report's screenshot looks blank: {} bytes (blank page: {} bytes)",
        png.len(),
        blank.len()
    );
    let _ = std::fs::remove_dir_all(&work);
}
