//! Scoring a summary against the call's reference, with the set's own word lists (not the
//! summariser's): ROUGE-L of the executive summary, action items matched by their content words,
//! and what a person would not accept in a summary (fillers, speaker labels, first person).

use unicode_normalization::UnicodeNormalization;
use wrapup::summary::{ActionItem, Owner};

use crate::RefActionItem;

/// Words that say nothing about an action item, in the served languages.
const STOPWORDS: &[&str] = &[
    // en
    "the",
    "and",
    "for",
    "with",
    "will",
    "that",
    "this",
    "their",
    "them",
    "they",
    "from",
    "about",
    "your",
    "you",
    "his",
    "her",
    "its",
    "into",
    "onto",
    "any",
    "all",
    "are",
    "was",
    "has",
    "have",
    "been",
    "customer",
    "customers",
    "agent",
    "once",
    "after",
    "before",
    "when",
    "then",
    "our",
    // es / pt / it
    "los",
    "las",
    "del",
    "una",
    "uno",
    "por",
    "para",
    "con",
    "que",
    "sus",
    "cliente",
    "clienta",
    "agente",
    "dos",
    "das",
    "uma",
    "pelo",
    "pela",
    "com",
    "seu",
    "sua",
    "gli",
    "della",
    "delle",
    "dei",
    "per",
    "che",
    "suo",
    "sua",
    "alla",
    "alle",
    "nel",
    "nella",
    "est",
    "ele",
    "ela",
    // fr
    "les",
    "des",
    "une",
    "pour",
    "avec",
    "que",
    "qui",
    "son",
    "ses",
    "leur",
    "client",
    "cliente",
    "conseiller",
    "conseillère",
    "dans",
    "sur",
    "aux",
    // de
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einen",
    "einem",
    "und",
    "für",
    "mit",
    "von",
    "zum",
    "zur",
    "kunde",
    "kundin",
    "kunden",
    "sein",
    "seine",
    "ihr",
    "ihre",
    "ihren",
    "ihrem",
    "auf",
    "aus",
    "bei",
    // nl
    "het",
    "een",
    "van",
    "voor",
    "met",
    "klant",
    "zijn",
    "haar",
    "hun",
    "naar",
    "aan",
    "bij",
    "dat",
    "die",
    "deze",
    "wordt",
    "worden",
];

/// Hesitations a clean summary never holds.
const FILLERS: &[&str] = &[
    "um", "umm", "uh", "uhh", "uhm", "erm", "hmm", "mhm", "äh", "ähm", "öhm", "euh", "ehm", "eh", "ahn",
    "hum", "mmm",
];

/// Speaker labels, as `label:`.
const SPEAKER_LABELS: &[&str] = &[
    "customer",
    "agent",
    "caller",
    "ivr",
    "cliente",
    "agente",
    "client",
    "cliente",
    "conseiller",
    "kunde",
    "kundin",
    "mitarbeiter",
    "klant",
    "medewerker",
    "atendente",
    "operatore",
];

/// Words of a summary written as the speaker ("I", "my") or to the customer ("you", "your")
/// rather than about the call, by language: "je" is "I" in French and "you" in Dutch, "i" an
/// Italian article. Forms a language shares with its third person ("su", "seu", "sie") are left
/// out.
fn person_words(language: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match language {
        "es" => (
            &["yo", "mi", "mis", "me", "conmigo"],
            &["tu", "tus", "te", "ti", "contigo", "usted", "ustedes"],
        ),
        "fr" => (
            &["je", "j'ai", "moi", "mon", "ma", "mes"],
            &["vous", "votre", "vos", "tu", "te", "ton", "ta", "tes", "toi"],
        ),
        "de" => (
            &[
                "ich", "mein", "meine", "meinen", "meinem", "meiner", "mich", "mir",
            ],
            &["du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner"],
        ),
        "pt" => (
            &["eu", "meu", "minha", "meus", "minhas"],
            &["voce", "voces", "te", "teu", "tua", "teus", "tuas", "contigo"],
        ),
        "it" => (
            &["io", "mio", "mia", "miei", "mie"],
            &["tu", "ti", "tuo", "tua", "tuoi", "tue"],
        ),
        "nl" => (
            &["ik", "mijn", "mij"],
            &["je", "jij", "jou", "jouw", "u", "uw", "jullie"],
        ),
        _ => (
            &["i", "i'm", "i'll", "i've", "i'd", "my", "me", "mine", "myself"],
            &["you", "your", "you're", "you'll", "you've", "yours", "yourself"],
        ),
    }
}

/// German's polite "you", told from "sie" (she, they) by its capital inside a sentence.
const GERMAN_POLITE: &[&str] = &["Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres"];

/// Lowercase, accents removed, split into words (apostrophes kept inside words).
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// ROUGE-L F1 of `candidate` against `reference`, over words.
pub fn rouge_l(candidate: &str, reference: &str) -> f64 {
    let (c, r) = (words(candidate), words(reference));
    if c.is_empty() || r.is_empty() {
        return 0.0;
    }
    let mut row = vec![0usize; r.len() + 1];
    for cw in &c {
        let mut diagonal = 0;
        for (j, rw) in r.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if cw == rw {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    let lcs = row[r.len()] as f64;
    let (precision, recall) = (lcs / c.len() as f64, lcs / r.len() as f64);
    if lcs == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// The content words of an action item, cut to five letters so that "send" and "sending",
/// "reissue" and "reissued" meet.
fn content_stems(text: &str) -> Vec<String> {
    let mut stems: Vec<String> = words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(&w.as_str()))
        .map(|w| w.chars().take(5).collect())
        .collect();
    stems.sort();
    stems.dedup();
    stems
}

/// How the produced action items cover the reference's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemMatch {
    pub reference_items: usize,
    /// Reference items a produced item covers.
    pub matched: usize,
    /// Of those, the ones whose produced owner is the reference's.
    pub owner_correct: usize,
    pub produced_items: usize,
}

/// A produced item covers a reference item when it holds at least half of the reference's
/// content words; each produced item covers at most one reference item, best first.
pub fn match_items(produced: &[ActionItem], reference: &[RefActionItem]) -> ItemMatch {
    let produced_stems: Vec<Vec<String>> = produced.iter().map(|p| content_stems(&p.text)).collect();
    let mut pairs = Vec::new();
    for (r, item) in reference.iter().enumerate() {
        let wanted = content_stems(&item.text);
        if wanted.is_empty() {
            continue;
        }
        for (p, have) in produced_stems.iter().enumerate() {
            let shared = wanted.iter().filter(|w| have.contains(w)).count();
            let cover = shared as f64 / wanted.len() as f64;
            if cover >= 0.5 {
                pairs.push((cover, r, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut used_ref, mut used_produced) = (vec![false; reference.len()], vec![false; produced.len()]);
    let mut result = ItemMatch {
        reference_items: reference.len(),
        produced_items: produced.len(),
        ..ItemMatch::default()
    };
    for (_, r, p) in pairs {
        if used_ref[r] || used_produced[p] {
            continue;
        }
        used_ref[r] = true;
        used_produced[p] = true;
        result.matched += 1;
        if produced[p].owner == Some(reference[r].owner) {
            result.owner_correct += 1;
        }
    }
    result
}

/// What a person would not accept in an executive summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blemishes {
    pub fillers: Vec<String>,
    pub speaker_labels: Vec<String>,
    pub first_person: Vec<String>,
    /// Words addressed to the customer: the summary speaks to them, not about them.
    pub second_person: Vec<String>,
    /// A word said twice in a row ("I I", "the the"): a false start.
    pub repeats: Vec<String>,
}

impl Blemishes {
    pub fn any_filler_or_label(&self) -> bool {
        !self.fillers.is_empty() || !self.speaker_labels.is_empty()
    }
}

/// Fillers that are ordinary words in a language: Portuguese "um" (a, one), German "um" (at,
/// around).
fn is_filler(word: &str, language: &str) -> bool {
    FILLERS.contains(&word) && !(word == "um" && matches!(language, "pt" | "de"))
}

/// The blemishes of a summary written in `language` (a two-letter code).
pub fn blemishes(summary: &str, language: &str) -> Blemishes {
    let mut found = Blemishes::default();
    let lower = summary.to_lowercase();
    for label in SPEAKER_LABELS {
        let mut from = 0;
        while let Some(at) = lower[from..].find(label) {
            let start = from + at;
            let end = start + label.len();
            let word_start = lower[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if word_start && lower[end..].trim_start_matches(' ').starts_with(':') {
                found.speaker_labels.push((*label).to_owned());
            }
            from = end;
        }
    }
    let (first, second) = person_words(language);
    if language == "de" {
        let mut sentence_start = true;
        for word in summary.split_inclusive(|c: char| !c.is_alphanumeric()) {
            let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            if !sentence_start && GERMAN_POLITE.contains(&bare) {
                found.second_person.push(bare.to_owned());
            }
            if !bare.is_empty() || word.ends_with(['.', '!', '?', ':']) {
                sentence_start = word.ends_with(['.', '!', '?', ':']);
            }
        }
    }
    // A hyphenated name is one word here: "I-285" is a road, "EU-Roaming" no "eu".
    for word in words(&summary.replace('-', "")) {
        if first.contains(&word.as_str()) {
            found.first_person.push(word.clone());
        }
        if second.contains(&word.as_str()) {
            found.second_person.push(word);
        }
    }
    let words = words(summary);
    for (i, word) in words.iter().enumerate() {
        if is_filler(word, language) {
            found.fillers.push(word.clone());
        }
        if i > 0 && words[i - 1] == *word && !word.chars().all(|c| c.is_ascii_digit()) {
            found.repeats.push(word.clone());
        }
    }
    found
}

/// The owner as the report names it.
pub fn owner_name(owner: Option<Owner>) -> &'static str {
    match owner {
        Some(Owner::Agent) => "agent",
        Some(Owner::Customer) => "customer",
        None => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, owner: Owner) -> ActionItem {
        ActionItem {
            text: text.to_owned(),
            owner: Some(owner),
            due_date: None,
        }
    }

    fn reference(text: &str, owner: Owner) -> RefActionItem {
        RefActionItem {
            text: text.to_owned(),
            owner,
            due: None,
        }
    }

    #[test]
    fn rouge_l_is_one_for_the_same_text_and_zero_for_nothing_shared() {
        assert!((rouge_l("The bill was reissued.", "the bill was REISSUED") - 1.0).abs() < 1e-9);
        assert_eq!(rouge_l("alpha beta", "gamma delta"), 0.0);
        let partial = rouge_l(
            "the agent reissued the bill",
            "the bill was reissued by the agent",
        );
        assert!(partial > 0.3 && partial < 0.8, "{partial}");
    }

    #[test]
    fn items_match_on_content_words_once_each_and_owners_are_compared() {
        let produced = [
            item("I'll send you a secure payment link by SMS", Owner::Agent),
            item("Read the meter", Owner::Agent),
        ];
        let wanted = [
            reference("Send a secure payment link by SMS", Owner::Agent),
            reference("Send the meter reading photo", Owner::Customer),
            reference("Book an engineer visit", Owner::Agent),
        ];
        let matched = match_items(&produced, &wanted);
        assert_eq!(matched.reference_items, 3);
        assert_eq!(matched.matched, 1, "{matched:?}");
        assert_eq!(matched.owner_correct, 1);
    }

    #[test]
    fn fillers_labels_first_person_and_false_starts_are_found() {
        let found = blemishes("Customer: um, I — I think the the bill is wrong.", "en");
        assert_eq!(found.speaker_labels, ["customer"]);
        assert_eq!(found.fillers, ["um"]);
        assert!(found.first_person.contains(&"i".to_owned()));
        assert!(found.repeats.contains(&"i".to_owned()) && found.repeats.contains(&"the".to_owned()));
        let clean = blemishes(
            "The customer disputed a $49 roaming charge; the agent credited it.",
            "en",
        );
        assert!(
            blemishes("O cliente pediu um reembolso.", "pt")
                .fillers
                .is_empty()
        );
        assert!(
            blemishes("Der Techniker kommt um acht Uhr.", "de")
                .fillers
                .is_empty()
        );
        assert_eq!(blemishes("Le client, euh, a appelé.", "fr").fillers, ["euh"]);
        assert_eq!(clean, Blemishes::default());
    }

    #[test]
    fn first_and_second_person_are_read_in_the_summarys_language() {
        let found = blemishes("I told you your card is blocked.", "en");
        assert_eq!(found.first_person, ["i"]);
        assert_eq!(found.second_person, ["you", "your"]);
        // "je" is "I" in French and "you" in Dutch; "i" is an Italian article; "EU" no "eu".
        assert_eq!(blemishes("Je rappelle demain.", "fr").first_person, ["je"]);
        assert_eq!(
            blemishes("De medewerker gaf aan: je korting blijft staan.", "nl").second_person,
            ["je"]
        );
        assert_eq!(
            blemishes("L'operatore ha spiegato i costi.", "it"),
            Blemishes::default()
        );
        assert_eq!(
            blemishes("Das zählt nicht als EU-Roaming.", "de"),
            Blemishes::default()
        );
        // German's polite "Sie" inside a sentence, not "sie" (she) nor a sentence's first word.
        assert_eq!(
            blemishes("Der Mitarbeiter erklärte: aktuell haben Sie das Modell.", "de").second_person,
            ["Sie"]
        );
        assert_eq!(
            blemishes("Die Kundin rief an. Sie hat ihre Karte verloren, sagt sie.", "de"),
            Blemishes::default()
        );
    }
}
