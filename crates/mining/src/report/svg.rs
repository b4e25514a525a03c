//! The trend chart: mentions per day of the top products, as SVG drawn by plotters.
//!
//! plotters is built without its `ttf` feature, so it has no font metrics: text widths are
//! estimated (about 0.7 em per byte) and the SVG backend writes every label as a `<text>` element
//! that the browser lays out. Layout below keeps generous room around labels for that reason.

use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::coord::combinators::BindKeyPoints;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ReportError, TrendReport, format_count, source_phrase, window_label};

/// Size of the chart in pixels (it scales down in the HTML page).
pub const CHART_WIDTH: u32 = 1160;
pub const CHART_HEIGHT: u32 = 580;
/// Products drawn as their own line; the rest are summed into one "Other products" line.
pub const TOP_PRODUCTS: usize = 8;
pub const OTHER_PRODUCTS: &str = "Other products";
/// The text of a chart without data.
pub const NO_MENTIONS: &str = "No mentions in this window";

const FONT: &str = "sans-serif";
/// plotters writes `font-size` as the given size / 1.24 (its em box); [`font`] undoes that.
const PLOTTERS_EM: f64 = 1.24;
const HEADER_HEIGHT: u32 = 64;
const LEGEND_WIDTH: u32 = 270;
/// Longer legend names are cut (the HTML table has them in full).
const LEGEND_NAME_CHARS: usize = 24;
/// Tableau 10 without its pale yellow, readable as 2 px lines on white.
const PALETTE: [RGBColor; TOP_PRODUCTS] = [
    RGBColor(0x4E, 0x79, 0xA7),
    RGBColor(0xF2, 0x8E, 0x2B),
    RGBColor(0xE1, 0x57, 0x59),
    RGBColor(0x59, 0xA1, 0x4F),
    RGBColor(0x76, 0xB7, 0xB2),
    RGBColor(0xB0, 0x7A, 0xA1),
    RGBColor(0x9C, 0x75, 0x5F),
    RGBColor(0xFF, 0x9D, 0xA7),
];
const OTHER_COLOR: RGBColor = RGBColor(0x80, 0x80, 0x80);
const TEXT_COLOR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED_COLOR: RGBColor = RGBColor(0x66, 0x66, 0x66);

/// One line of the chart.
struct Line {
    name: String,
    color: RGBColor,
    dashed: bool,
    daily: Vec<u64>,
    total: u64,
}

/// Renders the chart of `report` as a standalone SVG document.
pub fn render_svg(report: &TrendReport) -> Result<String, ReportError> {
    let lines = chart_lines(report);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (CHART_WIDTH, CHART_HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let (header, body) = root.split_vertically(HEADER_HEIGHT);
        draw_header(&header, report)?;
        let (plot, legend) = body.split_horizontally(CHART_WIDTH - LEGEND_WIDTH);
        draw_plot(&plot, report, &lines)?;
        draw_legend(&legend, &lines)?;
        root.present().map_err(chart_error)?;
    }
    Ok(svg)
}

/// A sans-serif font that renders `px` pixels high.
fn font(px: u32) -> FontDesc<'static> {
    (FONT, f64::from(px) * PLOTTERS_EM).into_font()
}

fn chart_error(error: impl std::fmt::Display) -> ReportError {
    ReportError::Chart(error.to_string())
}

/// Daily mentions per product (media types summed): the top products by total, then the rest
/// summed into one line. Products without mentions are left out.
fn chart_lines(report: &TrendReport) -> Vec<Line> {
    let days = report.days as usize;
    let mut by_product: HashMap<&str, (&str, Vec<u64>)> = HashMap::new();
    for series in &report.series {
        let (_, daily) = by_product
            .entry(series.product_id.as_str())
            .or_insert_with(|| (series.product_name.as_str(), vec![0; days]));
        for point in &series.points {
            let index = (point.date - report.from).num_days();
            if let Some(slot) = usize::try_from(index).ok().and_then(|i| daily.get_mut(i)) {
                *slot = slot.saturating_add(point.mentions);
            }
        }
    }
    let mut ranked: Vec<(&str, &str, Vec<u64>, u64)> = by_product
        .into_iter()
        .map(|(id, (name, daily))| {
            let total = daily.iter().fold(0u64, |a, b| a.saturating_add(*b));
            (id, name, daily, total)
        })
        .filter(|(.., total)| *total > 0)
        .collect();
    ranked.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.0.cmp(b.0)));

    let mut lines: Vec<Line> = Vec::new();
    let mut other: Option<Line> = None;
    for (i, (_, name, daily, total)) in ranked.into_iter().enumerate() {
        if let Some(color) = PALETTE.get(i) {
            lines.push(Line {
                name: name.to_string(),
                color: *color,
                dashed: false,
                daily,
                total,
            });
            continue;
        }
        let rest = other.get_or_insert_with(|| Line {
            name: OTHER_PRODUCTS.to_string(),
            color: OTHER_COLOR,
            dashed: true,
            daily: vec![0; days],
            total: 0,
        });
        rest.total = rest.total.saturating_add(total);
        for (sum, value) in rest.daily.iter_mut().zip(daily) {
            *sum = sum.saturating_add(value);
        }
    }
    lines.extend(other);
    lines
}

fn draw_header(area: &DrawingArea<SVGBackend, Shift>, report: &TrendReport) -> Result<(), ReportError> {
    let title = TextStyle::from(font(22).style(FontStyle::Bold)).color(&TEXT_COLOR);
    area.draw_text("Product mentions per day", &title, (24, 14))
        .map_err(chart_error)?;
    let subtitle = TextStyle::from(font(15)).color(&MUTED_COLOR);
    let days = if report.days == 1 {
        "1 day".to_string()
    } else {
        format!("{} days", report.days)
    };
    let text = format!(
        "{} ({days}), {}",
        window_label(report.from, report.to),
        source_phrase(report.source)
    );
    area.draw_text(&text, &subtitle, (24, 44)).map_err(chart_error)?;
    Ok(())
}

/// Date labels: every day for short windows, then every 2nd day, weekly, fortnightly.
fn label_step(days: usize) -> usize {
    match days {
        0..=12 => 1,
        13..=24 => 2,
        25..=84 => 7,
        85..=168 => 14,
        _ => days.div_ceil(12),
    }
}

/// A y axis top with some headroom above the highest value, and a readable scale when all is 0.
fn y_top(lines: &[Line]) -> u64 {
    let max = lines
        .iter()
        .flat_map(|l| l.daily.iter().copied())
        .max()
        .unwrap_or(0);
    (max.saturating_add(max / 10).saturating_add(1)).max(5)
}

fn draw_plot(
    area: &DrawingArea<SVGBackend, Shift>,
    report: &TrendReport,
    lines: &[Line],
) -> Result<(), ReportError> {
    let days = (report.days as usize).max(1);
    let from = report.from;
    // x is in half days, so each day has half a day of room on both sides (and plotters' integer
    // axes keep our key points; its f64 axis does not format custom ones).
    let x_of = |day: usize| i32::try_from(day * 2).unwrap_or(i32::MAX);
    let key_days: Vec<i32> = (0..days).step_by(label_step(days)).map(x_of).collect();
    let x_range = (-1..x_of(days) - 1).with_key_points(key_days);
    let x_range = if days <= 92 {
        x_range.with_light_points((0..days).map(x_of))
    } else {
        x_range
    };
    let mut chart = ChartBuilder::on(area)
        .margin_left(12)
        .margin_right(20)
        .margin_top(8)
        .margin_bottom(8)
        .x_label_area_size(56)
        .y_label_area_size(78)
        .build_cartesian_2d(x_range, 0u64..y_top(lines))
        .map_err(chart_error)?;

    let date_label = |x: &i32| {
        let offset = i64::from(*x / 2);
        from.checked_add_signed(chrono::Duration::days(offset))
            .map(|d| d.format("%b %d").to_string())
            .unwrap_or_default()
    };
    let count_label = |y: &u64| format_count(*y);
    let x_desc = format!("Date ({})", report.time_zone);
    chart
        .configure_mesh()
        .x_label_formatter(&date_label)
        .y_label_formatter(&count_label)
        .y_labels(8)
        .x_desc(x_desc)
        .y_desc("Mentions per day")
        .label_style(font(14).color(&TEXT_COLOR))
        .axis_desc_style(font(15).color(&TEXT_COLOR))
        .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
        .light_line_style(RGBColor(0xF2, 0xF2, 0xF2))
        .axis_style(RGBColor(0x88, 0x88, 0x88))
        .draw()
        .map_err(chart_error)?;

    if lines.is_empty() {
        let style = TextStyle::from(font(20))
            .color(&MUTED_COLOR)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let (width, height) = chart.plotting_area().dim_in_pixel();
        let (x0, y0) = chart.plotting_area().get_base_pixel();
        let centre = (x0 + width as i32 / 2, y0 + height as i32 / 2);
        area.draw_text(NO_MENTIONS, &style, relative(area, centre))
            .map_err(chart_error)?;
        return Ok(());
    }

    let marker_radius = if days == 1 {
        6
    } else if days <= 45 {
        3
    } else {
        0
    };
    for line in lines {
        let points: Vec<(i32, u64)> = line
            .daily
            .iter()
            .enumerate()
            .map(|(day, value)| (x_of(day), *value))
            .collect();
        let stroke = line.color.stroke_width(if line.dashed { 2 } else { 3 });
        if line.dashed {
            chart
                .draw_series(DashedLineSeries::new(points.clone(), 8, 5, stroke))
                .map_err(chart_error)?;
        } else {
            chart
                .draw_series(LineSeries::new(points.clone(), stroke))
                .map_err(chart_error)?;
        }
        if marker_radius > 0 {
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|p| Circle::new(*p, marker_radius, line.color.filled())),
                )
                .map_err(chart_error)?;
        }
    }
    Ok(())
}

/// A backend pixel as a position inside `area` (draw_text takes area-relative positions).
fn relative(area: &DrawingArea<SVGBackend, Shift>, (x, y): (i32, i32)) -> (i32, i32) {
    let (x0, y0) = area.get_base_pixel();
    (x - x0, y - y0)
}

fn draw_legend(area: &DrawingArea<SVGBackend, Shift>, lines: &[Line]) -> Result<(), ReportError> {
    let heading = TextStyle::from(font(16).style(FontStyle::Bold)).color(&TEXT_COLOR);
    area.draw_text("Products", &heading, (12, 12))
        .map_err(chart_error)?;
    let name_style = TextStyle::from(font(15)).color(&TEXT_COLOR);
    let total_style = TextStyle::from(font(13)).color(&MUTED_COLOR);
    if lines.is_empty() {
        area.draw_text("No products mentioned", &total_style, (12, 44))
            .map_err(chart_error)?;
        return Ok(());
    }
    for (i, line) in lines.iter().enumerate() {
        let top = 44 + 46 * i as i32;
        let mid = top + 9;
        let stroke = line.color.stroke_width(3);
        if line.dashed {
            area.draw(&DashedPathElement::new(vec![(12, mid), (44, mid)], 8, 5, stroke))
                .map_err(chart_error)?;
        } else {
            area.draw(&PathElement::new(vec![(12, mid), (44, mid)], stroke))
                .map_err(chart_error)?;
        }
        area.draw(&Circle::new((28, mid), 4, line.color.filled()))
            .map_err(chart_error)?;
        area.draw_text(&shorten(&line.name, LEGEND_NAME_CHARS), &name_style, (54, top))
            .map_err(chart_error)?;
        let total = match line.total {
            1 => "1 mention".to_string(),
            n => format!("{} mentions", format_count(n)),
        };
        area.draw_text(&total, &total_style, (54, top + 20))
            .map_err(chart_error)?;
    }
    Ok(())
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_steps_thin_out_long_windows() {
        assert_eq!(label_step(1), 1);
        assert_eq!(label_step(12), 1);
        assert_eq!(label_step(14), 2);
        assert_eq!(label_step(30), 7);
        assert_eq!(label_step(90), 14);
        assert_eq!(label_step(365), 31);
        for days in [1usize, 7, 14, 30, 31, 60, 90, 180, 365, 1000] {
            let labels = days.div_ceil(label_step(days));
            assert!(labels <= 13, "{days} days -> {labels} labels");
        }
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("Acme", 26), "Acme");
        assert_eq!(shorten("ÄÄÄÄÄ", 3), "ÄÄ…");
    }
}
