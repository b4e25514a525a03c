use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::{AggregateRow, MiningSource, Speaker};

fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
}

fn row(date: &str, media: &str, product: &str, speaker: Speaker, mentions: u64, conv: u64) -> AggregateRow {
    AggregateRow {
        date: day(date),
        media_type: media.to_string(),
        product_id: product.to_string(),
        speaker,
        mentions,
        conversations: conv,
    }
}

fn input(from: &str, to: &str, rows: Vec<AggregateRow>) -> ReportInput {
    ReportInput {
        run_id: "run-2025-12-02-abc".to_string(),
        generated_at: Utc.with_ymd_and_hms(2025, 12, 3, 1, 15, 0).unwrap(),
        time_zone: "Europe/Berlin".to_string(),
        from: day(from),
        to: day(to),
        source: MiningSource::Transcripts,
        products: vec![
            ProductName::new("router", "Acme Router Pro"),
            ProductName::new("phone", "Nimbus Phone X"),
            ProductName::new("quiet", "Never Mentioned"),
        ],
        rows,
        run: Some(RunFigures {
            conversations_seen: 120,
            mined: 100,
            without_transcript: 12,
            failed: 3,
            already_counted: 5,
        }),
    }
}

/// Twelve products over 30 days, so the chart has 8 lines and "Other products".
fn busy_report() -> TrendReport {
    let mut rows = Vec::new();
    let mut products = Vec::new();
    for p in 0..12u64 {
        let id = format!("product-{p:02}");
        products.push(ProductName::new(&id, format!("Product {p:02} Name")));
        for d in 0..30u64 {
            let date = day("2025-11-03") + chrono::Duration::days(d as i64);
            let mentions = (12 - p) * 2 + (d * (p + 3)) % 7;
            for (media, share) in [("voice", 2), ("chat", 1)] {
                rows.push(AggregateRow {
                    date,
                    media_type: media.to_string(),
                    product_id: id.clone(),
                    speaker: if d % 2 == 0 {
                        Speaker::Customer
                    } else {
                        Speaker::Agent
                    },
                    mentions: mentions * share,
                    conversations: mentions,
                });
            }
        }
    }
    let mut input = input("2025-11-03", "2025-12-02", rows);
    input.products = products;
    TrendReport::build(input)
}

#[test]
fn build_zero_fills_sums_and_sorts() {
    let report = TrendReport::build(input(
        "2025-11-03",
        "2025-11-05",
        vec![
            row("2025-11-03", "voice", "phone", Speaker::Customer, 2, 1),
            row("2025-11-03", "voice", "phone", Speaker::Agent, 3, 2),
            // A duplicate key is added up.
            row("2025-11-03", "voice", "phone", Speaker::Agent, 1, 1),
            row("2025-11-05", "chat", "phone", Speaker::Customer, 4, 4),
            row("2025-11-04", "voice", "router", Speaker::Customer, 9, 3),
            // Outside the window: ignored.
            row("2025-11-06", "voice", "router", Speaker::Customer, 100, 50),
            row("2025-11-02", "voice", "phone", Speaker::Customer, 100, 50),
            // Not in the catalog: reported under its id.
            row("2025-11-04", "email", "mystery", Speaker::Agent, 1, 1),
        ],
    ));
    assert_eq!(report.schema_version, 1);
    assert_eq!(report.days, 3);
    let keys: Vec<(&str, &str)> = report
        .series
        .iter()
        .map(|s| (s.product_id.as_str(), s.media_type.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("phone", "chat"),
            ("phone", "voice"),
            ("router", "voice"),
            ("mystery", "email")
        ]
    );
    for series in &report.series {
        let dates: Vec<NaiveDate> = series.points.iter().map(|p| p.date).collect();
        assert_eq!(dates, [day("2025-11-03"), day("2025-11-04"), day("2025-11-05")]);
    }
    let phone_voice = &report.series[1];
    assert_eq!(phone_voice.product_name, "Nimbus Phone X");
    assert_eq!(
        phone_voice.points[0],
        Point {
            date: day("2025-11-03"),
            mentions: 6,
            // customer 1, agent 2 + 1: the larger of the two.
            conversations: 3,
            customer_mentions: 2,
            agent_mentions: 4,
        }
    );
    assert_eq!(phone_voice.points[1].mentions, 0);
    assert_eq!(phone_voice.points[2].mentions, 0);

    let order: Vec<(&str, u64)> = report
        .products
        .iter()
        .map(|p| (p.product_id.as_str(), p.mentions))
        .collect();
    // Ties (router and phone, 10 each) by id; catalog products without rows are kept with 0.
    assert_eq!(
        order,
        [("phone", 10), ("router", 9), ("mystery", 1), ("quiet", 0)]
    );
    let phone = &report.products[0];
    assert_eq!((phone.customer_mentions, phone.agent_mentions), (6, 4));
    assert_eq!(phone.conversations, 3 + 4);
    assert_eq!(phone.by_media_type["voice"].mentions, 6);
    assert_eq!(phone.by_media_type["chat"].conversations, 4);
    assert_eq!(report.products[2].product_name, "mystery");
    assert_eq!(report.totals.mentions, 20);
    assert_eq!(report.totals.conversations, 7 + 3 + 1);
    // By mentions: voice 6 + 9, chat 4, email 1.
    assert_eq!(report.media_types(), ["voice", "chat", "email"]);
}

#[test]
fn ties_sort_by_id() {
    let report = TrendReport::build(input(
        "2025-11-03",
        "2025-11-03",
        vec![
            row("2025-11-03", "voice", "router", Speaker::Customer, 5, 1),
            row("2025-11-03", "voice", "phone", Speaker::Customer, 5, 1),
        ],
    ));
    let ids: Vec<&str> = report.products.iter().map(|p| p.product_id.as_str()).collect();
    assert_eq!(ids, ["phone", "router", "quiet"]);
}

#[test]
fn backwards_window_is_turned_around() {
    let report = TrendReport::build(input("2025-11-05", "2025-11-03", vec![]));
    assert_eq!(
        (report.from, report.to, report.days),
        (day("2025-11-03"), day("2025-11-05"), 3)
    );
}

#[test]
fn json_round_trips_in_camel_case() {
    let report = busy_report();
    let json = serde_json::to_value(&report).unwrap();
    for key in [
        "schemaVersion",
        "runId",
        "generatedAt",
        "timeZone",
        "from",
        "to",
        "days",
        "source",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["source"], "transcripts");
    assert_eq!(json["from"], "2025-11-03");
    assert_eq!(json["run"]["conversationsSeen"], 120);
    let point = &json["series"][0]["points"][0];
    for key in [
        "date",
        "mentions",
        "conversations",
        "customerMentions",
        "agentMentions",
    ] {
        assert!(point.get(key).is_some(), "point misses {key}: {point}");
    }
    assert!(json["products"][0]["byMediaType"]["voice"]["customerMentions"].is_u64());
    let back: TrendReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}

#[test]
fn html_escapes_every_report_text() {
    let mut input = input(
        "2025-11-03",
        "2025-11-03",
        vec![row("2025-11-03", "<b>chat</b>", "evil", Speaker::Customer, 1, 1)],
    );
    input
        .products
        .push(ProductName::new("evil", "<script>alert(1)</script>&\"'"));
    input.time_zone = "<i>zone</i>".to_string();
    input.run_id = "run\"><script>".to_string();
    let report = TrendReport::build(input);
    let svg = render_svg(&report).unwrap();
    let html = render_html(&report, &svg);
    assert!(!html.contains("<script"), "unescaped script tag");
    assert!(!html.contains("<b>") && !html.contains("<i>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"));
    assert!(html.contains("&lt;i&gt;zone&lt;/i&gt;"));
    // The chart escapes too, and stays well-formed.
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/"), "{svg}");
    assert!(!svg.contains("<script"));
    roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(escape_html("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
}

#[test]
fn html_is_self_contained_and_complete() {
    let report = busy_report();
    let svg = render_svg(&report).unwrap();
    let html = render_html(&report, &svg);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for banned in ["<script", "<link", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(banned), "external reference or script: {banned}");
    }
    assert!(html.contains(svg.trim()), "the chart is not inline");
    for text in [
        "Nov 03, 2025 – Dec 02, 2025",
        "Europe/Berlin",
        "from transcripts",
        "2025-12-03 01:15 UTC",
        "run-2025-12-02-abc",
        "conversations seen",
        "without transcript",
        "Product 00 Name",
        "Product 11 Name",
        "<th scope=\"col\">Voice</th>",
        "<th scope=\"col\">Chat</th>",
        "customer ",
        "@media print",
    ] {
        assert!(html.contains(text), "page misses {text:?}");
    }
}

#[test]
fn topics_reports_have_no_speaker_split() {
    let mut input = input(
        "2025-11-03",
        "2025-11-04",
        vec![row("2025-11-03", "voice", "router", Speaker::Customer, 4, 4)],
    );
    input.source = MiningSource::Topics;
    let report = TrendReport::build(input);
    let svg = render_svg(&report).unwrap();
    let html = render_html(&report, &svg);
    assert!(html.contains("Speech &amp; Text Analytics topics"));
    assert!(!html.contains("customer 4"));
    assert!(svg.contains("from Speech &amp; Text Analytics topics"));
}

// --- SVG ---

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect()
}

fn parse_svg(svg: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some(CHART_WIDTH.to_string().as_str()));
    assert_eq!(root.attribute("height"), Some(CHART_HEIGHT.to_string().as_str()));
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}").as_str())
    );
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attr in node.attributes() {
            let value = attr.value();
            assert!(
                !value.contains("NaN") && !value.contains("inf"),
                "{}={value}",
                attr.name()
            );
        }
    }
    doc
}

#[test]
fn svg_is_valid_with_names_dates_and_axis_titles() {
    let report = busy_report();
    let svg = render_svg(&report).unwrap();
    let doc = parse_svg(&svg);
    let texts = texts(&doc);
    for p in 0..TOP_PRODUCTS {
        let name = format!("Product {p:02} Name");
        assert!(
            texts.iter().any(|t| t == &name),
            "legend misses {name}: {texts:?}"
        );
    }
    // Products 8..11 are only in the "Other products" line.
    assert!(!texts.iter().any(|t| t == "Product 08 Name"));
    assert!(texts.iter().any(|t| t == OTHER_PRODUCTS));
    let dates: Vec<&String> = texts
        .iter()
        .filter(|t| t.len() == 6 && (t.starts_with("Nov ") || t.starts_with("Dec ")))
        .collect();
    assert!(dates.len() >= 2, "date labels: {dates:?}");
    assert!(dates.len() <= 6, "too many date labels for 30 days: {dates:?}");
    assert!(dates.iter().any(|d| d.as_str() == "Nov 03"), "{dates:?}");
    assert!(texts.iter().any(|t| t == "Mentions per day"));
    assert!(texts.iter().any(|t| t == "Date (Europe/Berlin)"));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Nov 03, 2025 – Dec 02, 2025") && t.contains("from transcripts"))
    );
    assert!(
        texts.iter().any(|t| t == "0"),
        "the y axis starts at 0: {texts:?}"
    );
    // One drawn line per legend entry (plotters writes lines as polylines).
    let polylines = doc.descendants().filter(|n| n.has_tag_name("polyline")).count();
    assert!(polylines > TOP_PRODUCTS, "{polylines} polylines");
}

#[test]
fn empty_window_renders_a_no_mentions_chart() {
    let report = TrendReport::build(input("2025-11-03", "2025-12-02", vec![]));
    assert!(report.series.is_empty());
    assert_eq!(report.totals.mentions, 0);
    assert_eq!(report.products.len(), 3, "the catalog is still listed");
    let svg = render_svg(&report).unwrap();
    let texts = texts(&parse_svg(&svg));
    assert!(texts.iter().any(|t| t == NO_MENTIONS), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Nov 03"), "{texts:?}");
    let html = render_html(&report, &svg);
    assert!(html.contains("No product was mentioned in this window."));
}

#[test]
fn one_day_window_renders() {
    let report = TrendReport::build(input(
        "2025-11-03",
        "2025-11-03",
        vec![row("2025-11-03", "voice", "router", Speaker::Agent, 7, 2)],
    ));
    assert_eq!(report.days, 1);
    assert_eq!(report.series[0].points.len(), 1);
    let svg = render_svg(&report).unwrap();
    let doc = parse_svg(&svg);
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "Nov 03"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Acme Router Pro"), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.starts_with("Nov 03, 2025 (1 day)")),
        "{texts:?}"
    );
    // A single day is a point, drawn as a marker.
    assert!(doc.descendants().any(|n| n.has_tag_name("circle")));
}

#[test]
fn counts_are_grouped() {
    assert_eq!(format_count(0), "0");
    assert_eq!(format_count(999), "999");
    assert_eq!(format_count(1000), "1,000");
    assert_eq!(format_count(1_234_567), "1,234,567");
}
