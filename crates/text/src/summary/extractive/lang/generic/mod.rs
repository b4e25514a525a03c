//! The rules of every served language but English, read from its [`Table`]: commitments by
//! their openings ("voy a", "je vais", "ich werde") and first-person future endings ("enviaré"),
//! instructions in the infinitive, and the third person by word replacement.

use super::scan::{any_phrase, at, is, skip};
use super::table::{Table, form, infinitive, is_future, without_enclitic};
use super::{Act, ActKind, Context, Gender, Lexicon, Link, Opening, Rules, Step};
use crate::language::Language;
use crate::summary::Owner;
use crate::summary::extractive::parsed::{Clause, Word};
use crate::summary::extractive::render::{Render, decapitalise, sentence};
use crate::transcript::{Channel, SpeakerRole};

mod commitments;
mod forms;
mod orders;

/// Endings of nouns made from verbs, folded: "spedizione", "cancelacion", "ativacao",
/// "annulation", "rimborsamento", "procesamiento".
const NOUN_ENDINGS: &[&str] = &[
    "zione", "sione", "cion", "sion", "cao", "sao", "tion", "mento", "miento",
];

pub(super) struct Generic {
    language: Language,
    table: &'static Table,
    lexicon: Lexicon,
}

impl Generic {
    pub(super) fn new(language: Language, table: &'static Table) -> Self {
        Generic {
            language,
            table,
            lexicon: Lexicon::new(&table.words),
        }
    }

    fn customer(&self, ctx: &Context) -> &'static str {
        form(self.table.phrases.customer, ctx.gender == Gender::Female)
    }

    fn fill(&self, template: &str, ctx: &Context) -> String {
        let company = ctx.company.as_deref().unwrap_or(self.table.phrases.company);
        template
            .replace("{c}", self.customer(ctx))
            .replace("{a}", self.table.phrases.agent)
            .replace("{x}", company)
    }

    fn negated(&self, words: &[Word], live: &[usize], upto: usize) -> bool {
        // Spoken French drops the "ne" and keeps the "pas" after the verb: "je fais pas ça".
        let upto = if self.language == Language::Fr {
            (upto + 2).min(live.len())
        } else {
            upto
        };
        (0..upto).any(|k| self.language.is_negation(at(words, live, k)))
    }

    /// Writes live words `from..` in the third person; `false` when a first-person word is left.
    fn rewrite(
        &self,
        r: &mut Render<'_>,
        clause: &Clause<'_, '_>,
        live: &[usize],
        from: usize,
        ctx: &Context,
    ) -> bool {
        let words = clause.words();
        let offset = clause.range.0;
        let female = ctx.gender == Gender::Female;
        let map = match clause.speaker() {
            SpeakerRole::Agent => self.table.agent_person,
            _ => self.table.customer_person,
        };
        let mut after_subject = false;
        let mut clean = true;
        let mut k = from;
        while k < live.len() {
            let Some(i) = live.get(k).copied() else { break };
            let w = at(words, live, k);
            let pair = format!("{w} {}", at(words, live, k + 1));
            if let Some((_, to)) = map.iter().find(|(f, _)| *f == pair) {
                r.replace(offset + i, form(to, female));
                if let Some(next) = live.get(k + 1) {
                    r.replace(offset + next, "");
                }
                k += 2;
                after_subject = false;
                continue;
            }
            if let Some((_, to)) = map.iter().find(|(f, _)| *f == w) {
                r.replace(offset + i, form(to, female));
                after_subject = self.table.subjects.contains(&w);
            } else if after_subject && !self.table.clitics.contains(&w) {
                after_subject = false;
                let raw = words.get(i).map_or("", |x| x.folded.as_str());
                match self
                    .table
                    .verb_endings
                    .iter()
                    .find(|(e, _)| raw.len() > e.len() && raw.ends_with(e))
                {
                    Some((e, to)) => {
                        let stem = raw.get(..raw.len() - e.len()).unwrap_or(raw);
                        r.replace(offset + i, &format!("{stem}{to}"));
                    }
                    None => r.word(offset + i),
                }
            } else {
                clean &= !self.table.first_person.contains(&w);
                r.word(offset + i);
            }
            k += 1;
        }
        clean
    }

    /// A committing verb: begins like one of the table's, and does not end like a noun made
    /// from it ("spedizione", "segnalazione", "envío" stays a verb).
    fn self_verb(&self, verb: &str) -> bool {
        self.table
            .self_verbs
            .iter()
            .any(|v| verb.starts_with(v) && self.inflects(v, verb))
            && !NOUN_ENDINGS.iter().any(|e| verb.ends_with(e))
    }

    /// Whether `verb` is a present form of the stem `v`. Dutch: the stem, "-t" and "-en" (a
    /// consonant doubled before it: "bellen", "zetten"), not "beloof" or "belde" ("er belde net
    /// iemand" reports; it promises nothing). German: not the weak past ("schickte").
    fn inflects(&self, v: &str, verb: &str) -> bool {
        let Some(rest) = verb.strip_prefix(v) else {
            return false;
        };
        match self.language {
            Language::Nl => {
                // "bel" -> "bellen": the stem's last letter doubled before "-en".
                let doubled =
                    rest.len() == 3 && rest.ends_with("en") && rest.as_bytes().first() == v.as_bytes().last();
                matches!(rest, "" | "t" | "en") || doubled
            }
            Language::De => !matches!(rest, "te" | "ten" | "test" | "tet"),
            _ => true,
        }
    }

    fn in_call(&self, verb: &str) -> bool {
        self.table.in_call.iter().any(|v| verb.starts_with(v))
    }

    fn owner(speaker: SpeakerRole) -> Option<Owner> {
        match speaker {
            SpeakerRole::Agent => Some(Owner::Agent),
            SpeakerRole::Customer => Some(Owner::Customer),
            _ => None,
        }
    }
}

impl Rules for Generic {
    fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    fn act(&self, clause: &Clause<'_, '_>) -> Option<Act> {
        self.commitment(clause)
    }

    fn instruction(&self, clause: &Clause<'_, '_>, act: &Act, ctx: &Context) -> Option<String> {
        self.instruction_of(clause, act, ctx)
    }

    fn third_person(&self, clause: &Clause<'_, '_>, from: usize, ctx: &Context) -> Option<String> {
        let live = clause.live();
        let mut r = Render::new(clause.sentence.text, &clause.sentence.words);
        if !self.rewrite(&mut r, clause, &live, from, ctx) {
            return None;
        }
        let text = r.finish();
        (!text.is_empty()).then_some(text)
    }

    fn done(&self, clause: &Clause<'_, '_>) -> bool {
        let words = clause.words();
        let live = clause.live();
        let k = skip(words, &live, 0, self.table.clitics);
        any_phrase(words, &live, k, self.table.done_leads).is_some()
    }

    fn reference_labels(&self) -> &'static [&'static str] {
        self.table.reference_labels
    }

    fn due(&self, text: &str) -> Option<String> {
        let spans = crate::language::words(text, self.language);
        let folded: Vec<&str> = spans.iter().map(|w| w.folded.as_str()).collect();
        let (from, to) = self.table.due.find(&folded)?;
        let start = spans.get(from)?.start;
        let end = spans.get(to.checked_sub(1)?)?.end;
        text.get(start..end).map(str::to_string)
    }

    fn opening(&self, reason: &str, link: Link, opening: Opening, ctx: &Context) -> String {
        let p = &self.table.phrases;
        if opening == Opening::Outbound {
            // Two sentences, not "el cliente: ...", which reads as a speaker label.
            return sentence(&format!(
                "{}. {}",
                self.fill(p.outbound, ctx),
                crate::summary::extractive::render::capitalise(reason)
            ));
        }
        let contacted = match ctx.channel {
            Some(Channel::Voice) => p.contacted[0],
            Some(Channel::Email) => p.contacted[1],
            _ => p.contacted[2],
        };
        let link = match link {
            Link::About => p.links[0],
            Link::Because => p.links[1],
            Link::To => p.links[2],
            Link::None => p.links[3],
        };
        sentence(&format!("{}{link}{reason}", self.fill(contacted, ctx)))
    }

    fn finding(&self, finding: &str, ctx: &Context) -> String {
        sentence(&format!("{} {finding}", self.fill(self.table.phrases.found, ctx)))
    }

    fn statement(&self, text: &str, ctx: &Context) -> String {
        sentence(&format!(
            "{} {}",
            self.fill(self.table.phrases.said, ctx),
            decapitalise(text)
        ))
    }

    fn next_steps(&self, steps: &[&Step], ctx: &Context) -> Option<String> {
        let first = steps.first()?;
        let p = &self.table.phrases;
        if first.kind == ActKind::Scheduled {
            return Some(sentence(&first.instruction));
        }
        let lead = match (first.owner, first.kind) {
            (Owner::Agent, _) => p.agent_will,
            (Owner::Customer, ActKind::Request) => p.customer_must,
            (Owner::Customer, _) => p.customer_will,
        };
        let parts: Vec<String> = steps
            .iter()
            .map(|s| {
                let text = decapitalise(&s.instruction);
                match (&s.due, self.table.verb_last) {
                    (Some(due), _) if text.contains(due.as_str()) => text,
                    (Some(due), true) => format!("{due} {text}"),
                    (Some(due), false) => format!("{text} {due}"),
                    (None, _) => text,
                }
            })
            .collect();
        let joined = match parts.as_slice() {
            [] => return None,
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), p.and),
        };
        Some(sentence(&format!("{} {joined}", self.fill(lead, ctx))))
    }

    fn reference(&self, label: &str, value: &str) -> String {
        sentence(&format!(
            "{}: {value}",
            crate::summary::extractive::render::capitalise(label)
        ))
    }

    fn empty(&self) -> &'static str {
        self.table.phrases.empty
    }

    fn is_identity_check(&self, folded: &str) -> bool {
        crate::summary::extractive::phrases::contains_any(folded, self.table.identity)
    }

    fn is_pleasantry(&self, folded: &str) -> bool {
        crate::summary::extractive::phrases::contains_any(folded, self.table.pleasantry)
    }

    fn reason_link(&self, clause: &Clause<'_, '_>) -> Option<(Link, usize)> {
        let words = clause.words();
        let live = clause.live();
        let start = skip(words, &live, 0, self.table.clitics);
        self.table
            .reason_leads
            .iter()
            .find_map(|(lead, link)| {
                super::scan::phrase(words, &live, start, lead).map(|after| (*link, after))
            })
            .filter(|(_, after)| *after < live.len())
    }

    fn finding_start(&self, clause: &Clause<'_, '_>) -> Option<usize> {
        let words = clause.words();
        let live = clause.live();
        let start = skip(words, &live, 0, self.table.clitics);
        any_phrase(words, &live, start, self.table.finding_leads).filter(|after| *after < live.len())
    }

    fn company(&self, text: &str) -> Option<String> {
        super::company_after(text, self.table.company_leads)
    }

    fn asks(&self, clause: &Clause<'_, '_>) -> bool {
        clause.asks()
    }

    fn gender_cue(&self, folded: &str, _next_is_name: bool, agent: bool) -> Option<Gender> {
        let (male, female) = self.table.address;
        if !agent {
            return None;
        }
        if male.contains(&folded) {
            Some(Gender::Male)
        } else if female.contains(&folded) {
            Some(Gender::Female)
        } else {
            None
        }
    }
}
