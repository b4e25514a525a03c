//! Trend reports of a mining window: the JSON report ([`TrendReport`]), its chart
//! ([`render_svg`]) and a self-contained HTML page ([`render_html`]).

mod html;
mod model;
mod svg;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;

pub use html::{escape_html, render_html};
pub use model::{
    MediaTotal, Point, ProductName, ProductTotal, ReportInput, RunFigures, SCHEMA_VERSION, Series, Totals,
    TrendReport,
};
pub use svg::{CHART_HEIGHT, CHART_WIDTH, NO_MENTIONS, OTHER_PRODUCTS, TOP_PRODUCTS, render_svg};

use crate::MiningSource;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot draw the trend chart: {0}")]
    Chart(String),
}

/// How the source reads after a number: "from transcripts".
pub fn source_phrase(source: MiningSource) -> &'static str {
    match source {
        MiningSource::Transcripts => "from transcripts",
        MiningSource::Topics => "from Speech & Text Analytics topics",
    }
}

/// "Nov 03, 2025 – Dec 02, 2025", or one date for a one-day window.
pub fn window_label(from: NaiveDate, to: NaiveDate) -> String {
    const FORMAT: &str = "%b %d, %Y";
    if from == to {
        from.format(FORMAT).to_string()
    } else {
        format!("{} – {}", from.format(FORMAT), to.format(FORMAT))
    }
}

/// `1234567` as "1,234,567".
pub fn format_count(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
