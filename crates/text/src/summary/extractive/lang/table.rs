//! What the built-in summary knows of a language other than English, as data: one [`Table`] per
//! language (`es.rs`, `fr.rs`...), read by the one set of rules in `generic.rs`. Every word is
//! folded (lowercase, no accents) unless it is output text.

use super::{Link, Words};

/// The summary's own sentences, in the language. `{c}` is the customer ("el cliente"), `{a}`
/// the agent, `{x}` the company.
pub(crate) struct Phrases {
    /// The customer, male or unknown | female: "el cliente|la clienta".
    pub customer: &'static str,
    pub agent: &'static str,
    /// The company when the call does not name it.
    pub company: &'static str,
    /// "{c} llamó a {x}" (voice), "{c} escribió a {x}" (email), "{c} contactó con {x}" (chat, message).
    pub contacted: [&'static str; 3],
    /// "{x} contactó con {c}": the company wrote first.
    pub outbound: &'static str,
    /// What joins the opening and the reason, by [`Link`]: about, because, to, none.
    pub links: [&'static str; 4],
    /// "{a} comprobó que": a finding follows.
    pub found: &'static str,
    /// "{a} indicó que": what the agent said or did follows.
    pub said: &'static str,
    /// "{a} va a", "{c} va a", "{c} debe": the instructions (infinitives) follow.
    pub agent_will: &'static str,
    pub customer_will: &'static str,
    pub customer_must: &'static str,
    /// What the customer will get, as the agent's instruction: "enviar al cliente" (before it),
    /// "dem Kunden zusenden" (after it, when the verb comes last).
    pub send: &'static str,
    /// The customer as the object of a verb of contact: "al cliente|a la clienta" ("llamar al
    /// cliente"), "den Kunden|die Kundin".
    pub customer_object: &'static str,
    /// "y".
    pub and: &'static str,
    pub empty: &'static str,
}

/// Due phrases as word patterns: a literal folded word, or `#` a number, `@d` a weekday,
/// `@m` a month, `@u` a unit of time, `@a` an adjective of units ("habiles"), `@t` a time of day.
pub(crate) struct Due {
    pub patterns: &'static [&'static str],
    pub numbers: &'static [&'static str],
    pub days: &'static [&'static str],
    pub months: &'static [&'static str],
    pub units: &'static [&'static str],
    pub unit_adjectives: &'static [&'static str],
}

pub(crate) struct Table {
    pub words: Words,
    /// Clause openings by which the speaker commits their side: "voy a", "je vais", "ich werde".
    pub promises: &'static [&'static str],
    /// Verbs (folded beginnings) that commit the speaker in the present after a pronoun:
    /// "ich schicke Ihnen", "le mando".
    pub self_verbs: &'static [&'static str],
    /// Words an instruction drops: "bitte", "ihnen", "uns".
    pub drop: &'static [&'static str],
    /// Verbs (folded beginnings) of what is done during the call: "revis", "verific".
    pub in_call: &'static [&'static str],
    /// Openings by which the agent asks the customer to act: "por favor", "veuillez", "bitte".
    pub requests: &'static [&'static str],
    /// Openings of what the customer will get: "recibira", "vous recevrez", "sie erhalten".
    pub deliveries: &'static [&'static str],
    /// Words of a commitment said in the third person: "se le devolvera", "wird".
    pub third_future: &'static [&'static str],
    /// Third-person future endings: one on a committing verb ("recogera", "chiamera") is the
    /// company's side committed to act, like a word of `third_future`.
    pub third_endings: &'static [&'static str],
    /// Present-tense words of what the company's side does or sends, a plan when a due phrase
    /// says when: "segue para o seu email em até 48h", "le versement se fait sous 10 jours".
    pub scheduled: &'static [&'static str],
    /// Unstressed pronouns and adverbs between a subject and its verb: "le", "vous", "ihnen".
    pub clitics: &'static [&'static str],
    /// First-person future endings and the infinitive ending each stands for: ("are", "ar").
    pub futures: &'static [(&'static str, &'static str)],
    /// Words that end like a future and are none: "numero", "chiaro".
    pub not_futures: &'static [&'static str],
    /// Present or future forms whose infinitive no ending rule gives: ("enverrai", "envoyer").
    pub infinitives: &'static [(&'static str, &'static str)],
    /// Present-tense endings of a committing verb and its infinitive's: ("e", "en") in German.
    pub present_endings: &'static [(&'static str, &'static str)],
    /// Imperatives (folded) that open an order to the customer, and their infinitive:
    /// ("guarde", "guardar"), ("stuur", "sturen").
    pub imperatives: &'static [(&'static str, &'static str)],
    /// Endings of imperatives and the infinitive ending each stands for: ("ez", "er") in French.
    pub imperative_endings: &'static [(&'static str, &'static str)],
    /// Object pronouns that address the customer ("le llamo", "je vous rappelle", "ich rufe Sie
    /// an", "ligo-lhe"): a promise with no other object is made to them.
    pub you_objects: &'static [&'static str],
    /// Verbs of contact (folded beginnings) whose object is the customer: "llam", "rappel".
    pub contact_verbs: &'static [&'static str],
    /// Pronouns fused to an infinitive's end: "enviarle", "inviarle", "envia-lo".
    pub enclitics: &'static [&'static str],
    /// Separable particles that join the infinitive at the end: "an" in "rufe ... an".
    pub particles: &'static [&'static str],
    /// The verb of an instruction comes last (German, Dutch): the due phrase goes before it.
    pub verb_last: bool,
    /// Words replaced when the agent speaks, then when the customer does: (folded word, or two
    /// words, replacement); "a|b" is the male or unknown | the female form.
    pub agent_person: &'static [(&'static str, &'static str)],
    pub customer_person: &'static [(&'static str, &'static str)],
    /// After a replaced subject pronoun, the verb's ending changes: ("ai", "a").
    pub verb_endings: &'static [(&'static str, &'static str)],
    /// Subject pronouns whose verb follows them: "je", "ich", "ik", "eu".
    pub subjects: &'static [&'static str],
    /// Words a clause cannot keep in the third person when left unreplaced.
    pub first_person: &'static [&'static str],
    pub reason_leads: &'static [(&'static str, Link)],
    pub finding_leads: &'static [&'static str],
    /// An agent's clause opening that reports something done: "he", "ya he", "ich habe".
    pub done_leads: &'static [&'static str],
    pub company_leads: &'static [&'static str],
    pub identity: &'static [&'static str],
    pub pleasantry: &'static [&'static str],
    pub reference_labels: &'static [&'static str],
    /// Forms of address: (male, female).
    pub address: (&'static [&'static str], &'static [&'static str]),
    pub due: Due,
    pub phrases: Phrases,
}

/// The male-or-unknown (`female` false) or female form of "a|b".
pub(crate) fn form(text: &str, female: bool) -> &str {
    match text.split_once('|') {
        Some((male, fem)) => {
            if female {
                fem
            } else {
                male
            }
        }
        None => text,
    }
}

impl Due {
    /// The first due phrase of `words` (folded), as the word range it spans.
    pub(crate) fn find(&self, words: &[&str]) -> Option<(usize, usize)> {
        for start in 0..words.len() {
            let best = self
                .patterns
                .iter()
                .filter_map(|p| self.match_at(p, words, start))
                .max();
            if let Some(end) = best {
                return Some((start, end));
            }
        }
        None
    }

    fn match_at(&self, pattern: &str, words: &[&str], start: usize) -> Option<usize> {
        let mut k = start;
        let mut parts = pattern.split(' ').peekable();
        while let Some(part) = parts.next() {
            let w = *words.get(k)?;
            // "em até 48h": a number and its unit said as one word ("h", the hour's symbol).
            if part == "#" && parts.peek() == Some(&"@u") && self.glued_amount(w) {
                parts.next();
                k += 1;
                continue;
            }
            let ok = match part {
                "#" => {
                    w.bytes().all(|b| b.is_ascii_digit() || b == b'.') && !w.is_empty()
                        || self.numbers.contains(&w)
                }
                "@d" => self.days.contains(&w),
                "@m" => self.months.contains(&w),
                "@u" => self.units.contains(&w),
                "@a" => self.unit_adjectives.contains(&w),
                "@t" => w.bytes().any(|b| b.is_ascii_digit()) && w.len() <= 5,
                literal => literal == w,
            };
            if !ok {
                return None;
            }
            k += 1;
        }
        // A unit may be followed by its adjective ("dias habiles").
        if pattern.ends_with("@u") && words.get(k).is_some_and(|w| self.unit_adjectives.contains(w)) {
            k += 1;
        }
        Some(k)
    }
}

impl Due {
    /// A number with its unit fused: "48h", "72h", "10dias".
    fn glued_amount(&self, word: &str) -> bool {
        let unit = word.trim_start_matches(|c: char| c.is_ascii_digit());
        unit.len() < word.len() && (unit == "h" || self.units.contains(&unit))
    }
}

/// The infinitive of a folded future or present form, written from the said word `raw`.
pub(crate) fn infinitive(table: &Table, raw: &str, folded: &str, present: bool) -> Option<String> {
    // "mandamos-lhe": a pronoun fused with a hyphen goes before the ending is read.
    let hyphenated = table.enclitics.iter().any(|e| e.starts_with('-'));
    let (raw, folded) = match (raw.split_once('-'), folded.split_once('-')) {
        (Some((r, _)), Some((f, _))) if hyphenated && !r.is_empty() => (r, f),
        _ => (raw, folded),
    };
    if let Some((_, inf)) = table.infinitives.iter().find(|(f, _)| *f == folded) {
        return Some((*inf).to_string());
    }
    let endings: &[(&str, &str)] = if present {
        table.present_endings
    } else {
        table.futures
    };
    let (ending, replacement) = endings
        .iter()
        .find(|(e, _)| folded.len() > e.len() + 2 && folded.ends_with(e))?;
    let keep = raw.chars().count().checked_sub(ending.chars().count())?;
    let stem: String = raw.chars().take(keep).flat_map(char::to_lowercase).collect();
    Some(format!("{stem}{replacement}"))
}

/// A folded word is a first-person future ("enviare", "inviero") by its ending.
pub(crate) fn is_future(table: &Table, folded: &str) -> bool {
    !table.not_futures.contains(&folded)
        && (table.infinitives.iter().any(|(f, _)| *f == folded)
            || table
                .futures
                .iter()
                .any(|(e, _)| folded.len() >= e.len() + 3 && folded.ends_with(e)))
}

/// The infinitive with a fused pronoun dropped: "enviarle" -> "enviar", "envia-lo" -> "enviar".
pub(crate) fn without_enclitic(table: &Table, raw: &str) -> String {
    let lower = raw.to_lowercase();
    for clitic in table.enclitics {
        let Some(stem) = lower.strip_suffix(clitic) else {
            continue;
        };
        let stem = stem.trim_end_matches('-');
        let infinitive = ["ar", "er", "ir", "ár", "ér", "ír", "re", "are", "ere", "ire"]
            .iter()
            .any(|e| stem.ends_with(e));
        if infinitive && stem.chars().count() >= 4 {
            // "envia-lo": the "-r" that the pronoun dropped comes back.
            return stem.to_string();
        }
        if raw.contains('-') && stem.ends_with(['a', 'e', 'i']) && stem.chars().count() >= 4 {
            return format!("{stem}r");
        }
    }
    raw.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUE: Due = Due {
        patterns: &["hoy mismo", "hoy", "en un plazo de # @u", "antes del @d"],
        numbers: &["diez", "dos"],
        days: &["viernes"],
        months: &[],
        units: &["dias", "horas"],
        unit_adjectives: &["habiles"],
    };

    #[test]
    fn due_patterns_take_the_longest_match_and_unit_adjectives() {
        let words = ["se", "lo", "envio", "hoy", "mismo"];
        assert_eq!(DUE.find(&words), Some((3, 5)));
        let words = ["en", "un", "plazo", "de", "diez", "dias", "habiles", "y"];
        assert_eq!(DUE.find(&words), Some((0, 7)));
        assert_eq!(DUE.find(&["antes", "del", "lunes"]), None);
        assert_eq!(DUE.find(&[]), None);
    }

    #[test]
    fn a_hyphenated_pronoun_leaves_the_verb_before_its_ending_is_read() {
        let pt = &super::super::pt::TABLE;
        assert_eq!(
            infinitive(pt, "Mandamos-lhe", "mandamos-lhe", true).as_deref(),
            Some("mandar")
        );
        assert_eq!(infinitive(pt, "envio", "envio", true).as_deref(), Some("enviar"));
        // Spanish fuses its pronouns without a hyphen: nothing to cut.
        let es = &super::super::es::TABLE;
        assert_eq!(infinitive(es, "x-ray", "x-ray", true), None);
    }

    #[test]
    fn a_number_fused_with_its_unit_is_a_due_amount() {
        let pt = &super::super::pt::TABLE.due;
        assert_eq!(pt.find(&["segue", "em", "ate", "48h"]), Some((1, 4)));
        assert_eq!(pt.find(&["em", "ate", "48", "horas"]), Some((0, 4)));
        assert_eq!(pt.find(&["o", "modelo", "48x"]), None);
    }

    #[test]
    fn forms_split_on_the_bar() {
        assert_eq!(form("el cliente|la clienta", true), "la clienta");
        assert_eq!(form("el cliente|la clienta", false), "el cliente");
        assert_eq!(form("de klant", true), "de klant");
    }
}
