//! `make bench`: product-mention extraction throughput, MB/s of transcript text on one core, with
//! a 500-product catalog (2-4 aliases and misspellings each).
//!
//! The text is ~1 MB of transcript phrases (~100 bytes each, like the simulator's dialogue) with
//! a mention in about every third phrase, some plural or possessive, some lower-case. The miner
//! calls `count_into` once per phrase, so that is what is timed: per-call overhead included.

use std::hint::black_box;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use wrapup::catalog::{MentionMatcher, Product, ProductCatalog};

const TEXT_BYTES: usize = 1 << 20;
const ROUNDS: usize = 30;

const BRANDS: &[&str] = &[
    "Acme", "Nimbus", "Orbit", "Zephyr", "Volt", "Stratus", "Helix", "Cirrus", "Quantum", "Lumen", "Vertex",
    "Aurora", "Falcon", "Summit", "Nova", "Pioneer", "Cobalt", "Meridian", "Sierra", "Titan", "Harbor",
    "Beacon", "Ember", "Juniper", "Polaris",
];
const LINES: &[&str] = &[
    "Router",
    "Modem",
    "Phone",
    "Tablet",
    "Watch",
    "Band",
    "Speaker",
    "Soundbar",
    "Charger",
    "Camera",
    "Doorbell",
    "Thermostat",
    "Hub",
    "Earbuds",
    "Headset",
    "Monitor",
    "Keyboard",
    "Laptop",
    "Backup",
    "Plan",
];
const MODELS: &[&str] = &[
    "Pro", "Mini", "Max", "Lite", "X2", "55", "500", "Gig", "Plus", "Air", "Ultra",
];

const SENTENCES: &[&str] = &[
    "Thank you for calling, my name is Maria. How can I help you today?",
    "I was charged twice on my last bill and I never agreed to that.",
    "Can you tell me the date on the statement you're looking at?",
    "It's flashing orange, then it goes solid red.",
    "Okay, done. It's starting up again, the lights are blinking.",
    "I'm running a line test from my side, this will take a minute.",
    "Is the device still in its original packaging?",
    "I've reversed the duplicate charge; you'll see the credit on your next statement.",
    "We will call you back tomorrow to confirm everything is working.",
    "Is there anything else I can help you with today?",
];
const WITH_MENTION: &[&str] = &[
    "My {} keeps dropping the connection every few minutes.",
    "I'd like to return the {} I bought two weeks ago, it stopped charging.",
    "Does the {} work with what I already have at home?",
    "I pushed a firmware update to the {} and the line test now passes.",
    "Could you unplug the {} for thirty seconds and plug it back in?",
];

fn main() -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(500);
    let started = Instant::now();
    let catalog = ProductCatalog::new(products(&mut rng))?;
    let matcher = MentionMatcher::new(&catalog)?;
    let build = started.elapsed();
    let forms = catalog
        .products()
        .iter()
        .map(|p| 1 + p.aliases.len() + p.misspellings.len());
    println!(
        "catalog: {} products, {} forms; catalog + matcher built in {:.1} ms",
        catalog.len(),
        forms.sum::<usize>(),
        build.as_secs_f64() * 1e3
    );

    println!("| text | phrases | mentions | throughput (1 core) |");
    println!("| --- | ---: | ---: | ---: |");
    let (ascii, planted_ascii) = transcript(&mut rng, &catalog, false);
    let (accented, planted_accented) = transcript(&mut rng, &catalog, true);
    let whole = vec![ascii.join(" ")];
    for (label, phrases, planted) in [
        ("ASCII, per phrase", &ascii, planted_ascii),
        (
            "10% accented / curly quotes, per phrase",
            &accented,
            planted_accented,
        ),
        ("ASCII, one 1 MB text", &whole, planted_ascii),
    ] {
        let bytes: usize = phrases.iter().map(String::len).sum();
        let mut counts = vec![0_u32; catalog.len()];
        let mut best = Duration::MAX;
        for _ in 0..ROUNDS {
            counts.fill(0);
            let round = Instant::now();
            for phrase in phrases {
                matcher.count_into(black_box(phrase), &mut counts);
            }
            best = best.min(round.elapsed());
        }
        let mentions: u32 = counts.iter().sum();
        anyhow::ensure!(
            mentions == planted,
            "{label}: found {mentions} of {planted} mentions"
        );
        let mb_per_s = bytes as f64 / 1e6 / best.as_secs_f64();
        println!(
            "| {label} | {} | {mentions} | **{mb_per_s:.0} MB/s** |",
            phrases.len()
        );
    }
    Ok(())
}

/// 500 products: brand x line, a model name, and 2-4 of short form, joined form, hyphenated
/// model, misspelt brand.
fn products(rng: &mut StdRng) -> Vec<Product> {
    let mut out = Vec::with_capacity(BRANDS.len() * LINES.len());
    for brand in BRANDS {
        for line in LINES {
            let model = MODELS[rng.gen_range(0..MODELS.len())];
            let name = format!("{brand} {line} {model}");
            let mut aliases = vec![
                format!("{brand} {line}"),
                format!("{brand}{} {model}", line.to_lowercase()),
                format!("{brand} {line}-{model}"),
            ];
            aliases.shuffle(rng);
            aliases.truncate(rng.gen_range(1..=3));
            let misspelt = format!("{}{} {line} {model}", &brand[..2], &brand[1..]);
            out.push(Product {
                id: name.to_lowercase().replace(' ', "-"),
                name,
                aliases,
                misspellings: vec![misspelt],
                topic_ids: Vec::new(),
            });
        }
    }
    out
}

/// ~1 MB of phrases, every third with a mention in one of its surface forms; and how many.
fn transcript(rng: &mut StdRng, catalog: &ProductCatalog, accented: bool) -> (Vec<String>, u32) {
    let mut phrases = Vec::new();
    let mut bytes = 0;
    let mut planted = 0;
    while bytes < TEXT_BYTES {
        let mut phrase = if rng.gen_bool(1.0 / 3.0) {
            let product = &catalog.products()[rng.gen_range(0..catalog.len())];
            let forms: Vec<&String> = std::iter::once(&product.name).chain(&product.aliases).collect();
            let mut form = forms[rng.gen_range(0..forms.len())].clone();
            match rng.gen_range(0..10) {
                0 => form.push_str("'s"),
                1 => form.push('s'),
                2 => form = form.to_lowercase(),
                _ => {}
            }
            planted += 1;
            WITH_MENTION[rng.gen_range(0..WITH_MENTION.len())].replace("{}", &form)
        } else {
            SENTENCES[rng.gen_range(0..SENTENCES.len())].to_owned()
        };
        if accented && rng.gen_bool(0.1) {
            phrase = format!("Señora Müller says: “{}”", phrase.replace('\'', "\u{2019}"));
        }
        bytes += phrase.len();
        phrases.push(phrase);
    }
    (phrases, planted)
}
