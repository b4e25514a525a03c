//! The HTML page of a trend report: one self-contained file (inline CSS, the chart as inline SVG,
//! no scripts, fonts or images from elsewhere) that reads well at 1280 px and prints on A4.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::{MediaTotal, ProductTotal, RunFigures, TrendReport, format_count, source_phrase, window_label};
use crate::MiningSource;

const STYLE: &str = r#"
:root { color-scheme: light; --text: #222; --muted: #666; --line: #ddd; --head: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 28px 40px 40px; max-width: 1240px; color: var(--text); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; }
.window { font-size: 18px; margin: 0 0 14px; color: var(--muted); }
dl.meta { display: flex; flex-wrap: wrap; gap: 6px 32px; margin: 0 0 22px; }
dl.meta div { display: flex; gap: 8px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; font-weight: 600; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 0 0 16px; padding: 0; list-style: none; }
.figures li { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 132px; }
.figures-title { margin: 0 0 6px; font-size: 13px; color: var(--muted); text-transform: uppercase;
  letter-spacing: .03em; }
.figures .value { display: block; font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
.figures .label { color: var(--muted); font-size: 13px; }
.figures li.bad .value { color: #b3261e; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
figure.chart svg { display: block; width: 100%; height: auto; }
figcaption, .note { color: var(--muted); font-size: 13px; margin-top: 8px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 8px 10px; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; min-width: 180px; }
thead th { background: var(--head); font-size: 13px; text-transform: uppercase; letter-spacing: .03em; }
tfoot td { font-weight: 700; border-top: 2px solid #999; }
td .n { display: block; font-weight: 600; font-size: 16px; }
td .sub { display: block; color: var(--muted); font-size: 12px; }
.table-wrap { overflow-x: auto; }
td.zero { color: #aaa; }
td.total { background: #fafafa; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11pt; }
  .table-wrap { overflow: visible; }
  figure.chart, tr, .figures li { break-inside: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Renders the page. `svg` is the chart from [`super::render_svg`] and is embedded as it is; every
/// other text comes from the report and is escaped.
pub fn render_html(report: &TrendReport, svg: &str) -> String {
    let window = window_label(report.from, report.to);
    let mut page = String::with_capacity(svg.len() + 16 * 1024);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        page,
        "<title>Product mention trends, {}</title>",
        escape_html(&window)
    );
    let _ = writeln!(page, "<style>{STYLE}</style>\n</head>\n<body>");

    page.push_str("<header>\n<h1>Product mention trends</h1>\n");
    let days = if report.days == 1 {
        "1 day".to_string()
    } else {
        format!("{} days", report.days)
    };
    let _ = writeln!(
        page,
        "<p class=\"window\">{} ({days}), {}</p>",
        escape_html(&window),
        escape_html(source_phrase(report.source))
    );
    page.push_str("<dl class=\"meta\">\n");
    meta(&mut page, "Time zone", &escape_html(&report.time_zone));
    meta(&mut page, "Source", &escape_html(source_name(report.source)));
    meta(
        &mut page,
        "Generated",
        &escape_html(&generated(report.generated_at)),
    );
    meta(
        &mut page,
        "Run",
        &format!("<code>{}</code>", escape_html(&report.run_id)),
    );
    page.push_str("</dl>\n</header>\n");

    figures(&mut page, report);
    let _ = writeln!(
        page,
        "<figure class=\"chart\">\n{svg}\n<figcaption>Mentions per day of the top products (all media \
         types added up), days of the {} time zone.</figcaption>\n</figure>",
        escape_html(&report.time_zone)
    );
    table(&mut page, report);
    let _ = writeln!(
        page,
        "<p class=\"note\">Report schema version {}. Generated by Wrapup's archive miner.</p>\n</body>\n</html>",
        report.schema_version
    );
    page
}

fn meta(page: &mut String, label: &str, value_html: &str) {
    let _ = writeln!(page, "<div><dt>{label}</dt><dd>{value_html}</dd></div>");
}

fn source_name(source: MiningSource) -> &'static str {
    match source {
        MiningSource::Transcripts => "Transcripts (per speaker)",
        MiningSource::Topics => "Speech & Text Analytics topics",
    }
}

fn generated(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn figure(page: &mut String, value: u64, label: &str, bad: bool) {
    let class = if bad && value > 0 { " class=\"bad\"" } else { "" };
    let _ = writeln!(
        page,
        "<li{class}><span class=\"value\">{}</span><span class=\"label\">{label}</span></li>",
        format_count(value)
    );
}

fn figures(page: &mut String, report: &TrendReport) {
    page.push_str("<p class=\"figures-title\">In this window</p>\n<ul class=\"figures\">\n");
    figure(page, report.totals.mentions, "mentions", false);
    figure(
        page,
        report.totals.conversations,
        "conversations with a mention",
        false,
    );
    let mentioned = report.products.iter().filter(|p| p.mentions > 0).count() as u64;
    figure(page, mentioned, "products mentioned", false);
    if let Some(RunFigures {
        conversations_seen,
        mined,
        without_transcript,
        failed,
        already_counted,
    }) = report.run
    {
        page.push_str("</ul>\n<p class=\"figures-title\">This run</p>\n<ul class=\"figures\">\n");
        figure(page, conversations_seen, "conversations seen", false);
        figure(page, mined, "mined", false);
        figure(page, without_transcript, "without transcript", false);
        figure(page, failed, "failed", true);
        figure(page, already_counted, "already counted", false);
    }
    page.push_str("</ul>\n");
}

/// "voice" as "Voice".
fn media_label(media_type: &str) -> String {
    let mut chars = media_type.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "(none)".to_string(),
    }
}

fn cell(page: &mut String, figures: Option<&MediaTotal>, speakers: bool, class: &str) {
    let figures = figures.copied().unwrap_or_default();
    if figures.mentions == 0 && figures.conversations == 0 {
        let _ = writeln!(page, "<td class=\"zero {class}\">–</td>");
        return;
    }
    let conversations = match figures.conversations {
        1 => "in 1 conversation".to_string(),
        n => format!("in {} conversations", format_count(n)),
    };
    let _ = write!(
        page,
        "<td class=\"{class}\"><span class=\"n\">{}</span><span class=\"sub\">{conversations}</span>",
        format_count(figures.mentions)
    );
    if speakers {
        let _ = write!(
            page,
            "<span class=\"sub\">customer {} · agent {}</span>",
            format_count(figures.customer_mentions),
            format_count(figures.agent_mentions)
        );
    }
    page.push_str("</td>\n");
}

fn total_of(product: &ProductTotal) -> MediaTotal {
    MediaTotal {
        mentions: product.mentions,
        conversations: product.conversations,
        customer_mentions: product.customer_mentions,
        agent_mentions: product.agent_mentions,
    }
}

fn table(page: &mut String, report: &TrendReport) {
    page.push_str("<h2>Mentions by product and media type</h2>\n");
    let mentioned: Vec<&ProductTotal> = report.products.iter().filter(|p| p.mentions > 0).collect();
    if mentioned.is_empty() {
        page.push_str("<p>No product was mentioned in this window.</p>\n");
        return;
    }
    // Topic aggregates have no speaker split: showing one would be invented.
    let speakers = report.source == MiningSource::Transcripts;
    let media_types = report.media_types();
    page.push_str("<div class=\"table-wrap\">\n<table>\n<thead><tr><th scope=\"col\">Product</th>");
    for media in &media_types {
        let _ = write!(
            page,
            "<th scope=\"col\">{}</th>",
            escape_html(&media_label(media))
        );
    }
    page.push_str("<th scope=\"col\">Total</th></tr></thead>\n<tbody>\n");
    let mut column_totals = vec![MediaTotal::default(); media_types.len()];
    for product in &mentioned {
        let _ = writeln!(page, "<tr><td>{}</td>", escape_html(&product.product_name));
        for (media, sum) in media_types.iter().zip(column_totals.iter_mut()) {
            let figures = product.by_media_type.get(*media);
            if let Some(f) = figures {
                sum.mentions = sum.mentions.saturating_add(f.mentions);
                sum.conversations = sum.conversations.saturating_add(f.conversations);
                sum.customer_mentions = sum.customer_mentions.saturating_add(f.customer_mentions);
                sum.agent_mentions = sum.agent_mentions.saturating_add(f.agent_mentions);
            }
            cell(page, figures, speakers, "");
        }
        cell(page, Some(&total_of(product)), speakers, "total");
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody>\n<tfoot><tr><td>All products</td>\n");
    for sum in &column_totals {
        cell(page, Some(sum), speakers, "");
    }
    let all = MediaTotal {
        mentions: report.totals.mentions,
        conversations: report.totals.conversations,
        customer_mentions: column_totals
            .iter()
            .fold(0, |a, t| a.saturating_add(t.customer_mentions)),
        agent_mentions: column_totals
            .iter()
            .fold(0, |a, t| a.saturating_add(t.agent_mentions)),
    };
    cell(page, Some(&all), speakers, "total");
    page.push_str("</tr></tfoot>\n</table>\n</div>\n");

    let quiet: Vec<String> = report
        .products
        .iter()
        .filter(|p| p.mentions == 0)
        .map(|p| escape_html(&p.product_name))
        .collect();
    if !quiet.is_empty() {
        let _ = writeln!(page, "<p class=\"note\">Not mentioned: {}.</p>", quiet.join(", "));
    }
    let note = if speakers {
        "Conversations: per product, media type and day, the larger of the customer's and the agent's \
         count (a conversation where both mentioned the product counts once); totals count a \
         conversation once per product it mentions."
    } else {
        "Speech &amp; Text Analytics topics count one mention per conversation where the topic was \
         detected and have no speaker split."
    };
    let _ = writeln!(page, "<p class=\"note\">{note}</p>");
}
