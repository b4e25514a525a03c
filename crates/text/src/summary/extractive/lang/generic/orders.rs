//! Orders to the customer said as imperatives at the start of the agent's clause ("Guarde la
//! factura", "Gardez le ticket", "Ci mandi una foto", "Stuur ons een foto"): the customer's
//! action items, in the infinitive. A listed imperative is never the agent's own promise, so
//! the lists leave out forms that are also a present tense said of others (Italian "chiama",
//! Spanish "manda": "il tecnico la chiama").

use super::*;

/// Words that end like an order and are none: "chez", "vous avez", "excusez-moi".
const NOT_ORDERS: &[&str] = &[
    "chez",
    "assez",
    "avez",
    "savez",
    "voulez",
    "pouvez",
    "devez",
    "allez",
    "excusez",
    "pardonnez",
    "ecoutez",
    "voyez",
    "nez",
];
/// Endings of a future that look like an order's: "vous recevrez", "vous aurez".
const FUTURE_ENDINGS: &[&str] = &["rez"];
/// Shortest stem an imperative ending may leave: "notez" is an order, "nez" is not.
const MIN_STEM: usize = 3;

impl Generic {
    /// The infinitive of an imperative, said or folded ("Envíenos" -> "enviar", "Rappelez-nous"
    /// -> "rappeler"), from the table's list, a fused pronoun dropped, or its ending.
    pub(super) fn imperative(&self, said: &str) -> Option<String> {
        self.imperative_at(said, true)
    }

    /// [`Self::imperative`]; by its ending only when `first` (nothing before it: "vous
    /// recevrez" is no order) and not a future ("recevrez").
    fn imperative_at(&self, said: &str, first: bool) -> Option<String> {
        let t = self.table;
        let lower = said.to_lowercase();
        let bare_said = lower.split('-').next().unwrap_or(&lower);
        let folded = crate::language::fold(bare_said).into_owned();
        let listed = |w: &str| {
            t.imperatives
                .iter()
                .find(|(f, _)| *f == w)
                .map(|(_, i)| (*i).to_string())
        };
        if let Some(inf) = listed(&folded) {
            return Some(inf);
        }
        // A Dutch order with "u" takes a "t": "stuurt u", "belt u".
        if self.language == Language::Nl
            && let Some(inf) = folded.strip_suffix('t').and_then(listed)
        {
            return Some(inf);
        }
        // "mándenos", "mandaci": the pronoun fused to the order.
        if let Some(inf) = t
            .enclitics
            .iter()
            .filter_map(|e| folded.strip_suffix(e.trim_start_matches('-')))
            .find_map(listed)
        {
            return Some(inf);
        }
        if !first
            || NOT_ORDERS.contains(&folded.as_str())
            || FUTURE_ENDINGS.iter().any(|e| folded.ends_with(e))
        {
            return None;
        }
        t.imperative_endings.iter().find_map(|(ending, infinitive)| {
            let stem = bare_said.strip_suffix(ending)?;
            (stem.chars().count() >= MIN_STEM).then(|| format!("{stem}{infinitive}"))
        })
    }

    /// The live word of an order opening the clause (after object pronouns: "ci mandi"), when
    /// its verb is not one of the call itself and no subject follows ("stuur ik" promises).
    pub(super) fn order_at(&self, words: &[Word], live: &[usize]) -> Option<usize> {
        let t = self.table;
        let k = skip(words, live, 0, t.clitics);
        let verb = live.get(k).and_then(|i| words.get(*i))?;
        let next = at(words, live, k + 1);
        if t.subjects.contains(&next) || super::commitments::WE.contains(&next) || verb.marker {
            return None;
        }
        let infinitive = self.imperative_at(&verb.folded, k == 0)?;
        (!self.in_call(crate::language::fold(&infinitive).as_ref())).then_some(k)
    }

    /// Whether a committing-looking verb is only an order here: a listed imperative with no
    /// subject before it ("ci mandi una foto" asks; "ik stuur u" promises).
    pub(super) fn only_an_order(&self, words: &[Word], live: &[usize], k: usize) -> bool {
        let subject = (0..k).any(|j| self.table.subjects.contains(&at(words, live, j)));
        !subject && self.imperative_at(at(words, live, k), false).is_some()
    }
}

impl Generic {
    /// A promise of contact made to the customer with no other object ("je vous recontacte", "le llamo
    /// mañana", "ich rufe Sie an") names them: "recontacter le client", "den Kunden anrufen".
    pub(super) fn to_the_customer(
        &self,
        clause: &Clause<'_, '_>,
        live: &[usize],
        k_verb: usize,
        act: &Act,
        text: String,
        ctx: &Context,
    ) -> String {
        let t = self.table;
        let words = clause.words();
        let verb = at(words, live, k_verb);
        let fused = t
            .you_objects
            .iter()
            .any(|o| o.starts_with('-') && verb.ends_with(o));
        let near = [k_verb.checked_sub(1), k_verb.checked_sub(2), Some(k_verb + 1)];
        let addressed = fused
            || near
                .into_iter()
                .flatten()
                .any(|k| is(words, live, k, t.you_objects));
        // The verb and what else the instruction says: before it where the verb comes last.
        let (verb_said, others, last) = if t.verb_last {
            let (before, verb) = text.rsplit_once(' ').unwrap_or(("", text.as_str()));
            (verb, before, true)
        } else {
            let (verb, after) = text.split_once(' ').unwrap_or((text.as_str(), ""));
            (verb, after, false)
        };
        let nothing_else = others.is_empty() || self.due(others).is_some_and(|d| d.len() + 2 >= others.len());
        let contact = t.contact_verbs.iter().any(|v| verb.starts_with(v));
        if act.kind != ActKind::Promise || !addressed || !contact || !nothing_else {
            return text;
        }
        let object = form(t.phrases.customer_object, ctx.gender == Gender::Female);
        let out = if last {
            // "morgen den Kunden zurückrufen".
            format!("{others} {object} {verb_said}")
        } else {
            format!("{verb_said} {object} {others}")
        };
        out.trim().to_string()
    }
}
