//! Commitments in the languages read from a table: promises at a clause's start or after a
//! condition, requests, deliveries and plans said of a thing, and the instruction each makes.

use super::*;

/// Verbs before "Sie" / "u" that ask nothing of the customer: "haben Sie", "bekommen Sie".
const NOT_IMPERATIVE: &[&str] = &[
    "haben",
    "sind",
    "konnen",
    "werden",
    "mussen",
    "bekommen",
    "erhalten",
    "wollen",
    "durfen",
    "mochten",
    "mussten",
    "sollten",
    "wurden",
    "hatten",
    "waren",
    "konnten",
    "entschuldigen",
    "finden",
    "sehen",
    "heeft",
    "bent",
    "kunt",
    "zult",
    "krijgt",
    "ontvangt",
    "hebt",
    "wilt",
    "moet",
];

/// Subjects a verb before "Sie" / "u" may follow in a statement: "hij belt u", "er ruft Sie an".
const SUBJECT_PRONOUNS: &[&str] = &["ik", "we", "wij", "hij", "zij", "ze", "jij", "ich", "wir", "er"];

/// Words that are articles far more often than object pronouns: a committing-looking word
/// after one is a noun ("o estorno", "o cancelamento", "un rimborso").
const ARTICLES: &[&str] = &[
    "o", "a", "os", "as", "el", "los", "un", "una", "uno", "il", "une", "des", "du",
];

/// An infinitive, with or without a fused pronoun ("enviar", "mandarle", "enviar-lhe", "envoyer",
/// "prendre"), a listed future, or the "that" of a clause a lead takes ("je m'engage à ce que
/// la première soit annulée").
fn infinitive_like(t: &Table, verb: &str) -> bool {
    if matches!(verb, "que" | "ce" | "che") {
        return true;
    }
    let bare = verb.split('-').next().unwrap_or(verb);
    let stem = t
        .enclitics
        .iter()
        .find_map(|e| bare.strip_suffix(e).filter(|s| s.len() >= 3))
        .unwrap_or(bare);
    bare.ends_with('r')
        || bare.ends_with("re")
        || stem.ends_with('r')
        || stem.ends_with("re")
        || is_future(t, verb)
}

/// Words of a phrase said before a verb-second delivery.
const MAX_FRONTED: usize = 6;

/// "We" after its verb in the verb-second languages: "storten we", "schicken wir".
pub(super) const WE: &[&str] = &["wir", "we", "wij"];

impl Generic {
    /// The commitment a clause makes, if any (see [`Rules::act`]).
    pub(super) fn commitment(&self, clause: &Clause<'_, '_>) -> Option<Act> {
        let t = self.table;
        let words = clause.words();
        let live = clause.live();
        let own = Self::owner(clause.speaker())?;
        if live.is_empty() || self.is_pleasantry(&clause.folded()) {
            return None;
        }
        let question = self.asks(clause);
        let agent = clause.speaker() == SpeakerRole::Agent;
        // "Guarde la factura", "ci mandi una foto": an order to the customer, not a promise.
        if agent
            && !question
            && let Some(k) = self.order_at(words, &live)
            && !self.negated(words, &live, k)
        {
            return Self::act_at(ActKind::Request, Owner::Customer, &live, k);
        }
        if !question {
            let start = skip(words, &live, 0, t.clitics);
            if let Some(after) = any_phrase(words, &live, start, t.promises) {
                let k = skip(words, &live, after, t.clitics);
                // Where the verb comes last, so does the negation: "ich kann mir das nicht leisten".
                let negation_reach = if t.verb_last { live.len() } else { k + 1 };
                // "vou para o Norte": a lead before no infinitive is a verb of its own.
                let verb = at(words, &live, k);
                if self.negated(words, &live, negation_reach)
                    || k >= live.len()
                    || self.in_call(verb)
                    || !(t.verb_last || infinitive_like(t, verb))
                {
                    return None;
                }
                return Self::act_at(ActKind::Promise, own, &live, k);
            }
            let k = skip(words, &live, skip(words, &live, 0, t.subjects), t.clitics);
            let verb = at(words, &live, k);
            let noun = k > 0 && is(words, &live, k - 1, ARTICLES);
            // "mandamos-lhe mensagem": a pronoun fused to the verb marks it as said to the customer.
            let enclitic = k == 0 && verb.contains('-');
            let order = self.only_an_order(words, &live, k);
            let committing = is_future(t, verb)
                || ((k > 0 || enclitic) && self.self_verb(verb) && !self.past_form(verb) && !noun && !order);
            if k < 4 && committing && !self.negated(words, &live, k) && !self.in_call(verb) {
                return Self::act_at(ActKind::Promise, own, &live, k);
            }
            // Verb second with the object first: "das schreib ich Ihnen gut", "het bedrag storten
            // we terug".
            if t.verb_last
                && let Some(k) = (0..live.len().min(6)).find(|&k| {
                    (is(words, &live, k + 1, t.subjects) || is(words, &live, k + 1, WE))
                        && self.self_verb(at(words, &live, k))
                })
                && !self.negated(words, &live, live.len().min(k + 4))
            {
                return Self::act_at(ActKind::Promise, own, &live, k);
            }
            if let Some(k) = self.later_commitment(words, &live, false) {
                // "(Le garantisco che) il tecnico la chiama mezz'ora prima": a third party's plan,
                // said as it is from its subject on.
                if let Some(from) = self.third_person_subject(words, &live, k) {
                    let mut act = Self::act_at(ActKind::Scheduled, own, &live, k)?;
                    act.subject = Some((*live.get(from)?, *live.get(k)?));
                    return Some(act);
                }
                return Self::act_at(ActKind::Promise, own, &live, k);
            }
            // "O crédito é feito ... em até dez dias úteis": the agent's action named by its noun,
            // with a due phrase, is a plan said of a thing.
            // The due phrase last: it tokenises the clause again.
            if agent
                && let Some(k) = self.later_commitment(words, &live, true)
                && self.due(clause.raw()).is_some()
            {
                return Self::act_at(ActKind::Scheduled, Owner::Agent, &live, k);
            }
        }
        if !agent {
            return None;
        }
        if let Some(after) = any_phrase(words, &live, 0, t.requests) {
            let k = skip(words, &live, after, t.clitics);
            let email = clause.sentence_channel() == Some(Channel::Email);
            // "Merci de votre patience": a noun after a determiner where the verb would be (where
            // the verb comes last, "Sie können ihr die SMS weiterleiten", a pronoun may).
            let noun = !t.verb_last && is(words, &live, k, t.words.determiners);
            // "Deve ter sido por isso": "must have been" supposes; it asks nothing.
            let supposes = self.supposes(words, &live, k);
            if (question && !email)
                || noun
                || supposes
                || self.negated(words, &live, k + 1)
                || k >= live.len()
            {
                return None;
            }
            return Self::act_at(ActKind::Request, Owner::Customer, &live, k);
        }
        if question {
            return None;
        }
        // "Das alte schicken Sie zurück", "bitte schicken Sie uns", "stuurt u ons": a verb before
        // "Sie" / "u".
        // "Wenn Sie mir die IBAN ...": a condition, not an order. Not a function word before
        // them ("ik kijk even met u mee", "ik begrijp dat u ..."), nor a verb whose subject
        // came first ("hij belt u een halfuur op voorhand").
        let subordinate = t.words.subordinators.contains(&at(words, &live, 0));
        if t.verb_last
            && !subordinate
            && let Some(k) = (0..live.len().min(4)).find(|k| {
                let verb = at(words, &live, *k);
                is(words, &live, k + 1, &["sie", "u"])
                    && verb.ends_with(['n', 't'])
                    && !is(words, &live, *k, NOT_IMPERATIVE)
                    && !t.clitics.contains(&verb)
                    && !self.language.is_stopword(verb)
                    && !(0..*k).any(|j| is(words, &live, j, SUBJECT_PRONOUNS))
                    // Dutch orders open with the verb ("stuurt u ons"); after a noun phrase the
                    // verb has its subject ("de monteur stuurt u morgen een sms").
                    && (*k == 0 || self.language != Language::Nl)
            })
        {
            return Self::act_at(ActKind::Request, Owner::Customer, &live, k);
        }
        // "vous recevrez": the subject may itself be a clitic ("vous", "le").
        let delivery = any_phrase(words, &live, 0, t.deliveries)
            .or_else(|| any_phrase(words, &live, skip(words, &live, 0, t.clitics), t.deliveries))
            .map(|after| (0, after))
            .or_else(|| self.fronted_delivery(words, &live));
        if let Some((start, after)) = delivery {
            let mut act = Self::act_at(
                ActKind::Delivery,
                Owner::Agent,
                &live,
                after.min(live.len().saturating_sub(1)),
            )?;
            // The fronted words go with it: "für die Ausfalltage bekommen Sie eine Gutschrift".
            act.subject = (start > 0)
                .then(|| Some((*live.first()?, *live.get(start - 1)?)))
                .flatten();
            return Some(act);
        }
        // "Se le devolverá la diferencia", "die Karte wird zugeschickt": said of a thing.
        // "El mensajero recogerá la freidora": a committing verb's third-person future, not
        // after a condition ("si lo enviara").
        let condition = t.words.subordinators.contains(&at(words, &live, 0));
        let future = (0..live.len().min(7)).find(|k| {
            is(words, &live, *k, t.third_future)
                || (*k > 0 && !condition && self.third_future_of(at(words, &live, *k)))
        });
        if let Some(k) = future
            && !self.negated(words, &live, k + 2)
            && live.len() >= 3
        {
            return Self::act_at(ActKind::Scheduled, Owner::Agent, &live, k);
        }
        // "A fatura-recibo segue para o seu email em até 48h": a plan said in the present of a
        // thing named (not "elle part"), when a due phrase says when (the due phrase last: it
        // tokenises the clause again).
        let named = is(words, &live, 0, t.words.determiners);
        let present = (1..live.len().min(7)).find(|k| any_phrase(words, &live, *k, t.scheduled).is_some());
        if let Some(k) = present
            && named
            && !self.negated(words, &live, k + 1)
            && self.due(clause.raw()).is_some()
        {
            return Self::act_at(ActKind::Scheduled, Owner::Agent, &live, k);
        }
        None
    }

    /// The act as an instruction to its owner (see [`Rules::instruction`]).
    pub(super) fn instruction_of(&self, clause: &Clause<'_, '_>, act: &Act, ctx: &Context) -> Option<String> {
        let t = self.table;
        let words = clause.words();
        let live = clause.live();
        let k_verb = live.iter().position(|i| *i == act.verb)?;
        let mut r = Render::new(clause.sentence.text, &clause.sentence.words);
        let offset = clause.range.0;
        match act.kind {
            ActKind::Promise | ActKind::Request => {
                let verb = words.get(act.verb)?;
                let raw = clause.sentence.text.get(verb.start..verb.end)?;
                let future = is_future(t, &verb.folded);
                let ordered = (act.kind == ActKind::Request)
                    .then(|| self.imperative(raw))
                    .flatten();
                let present = !future && ordered.is_none() && self.self_verb(&verb.folded);
                let inverted = is(words, &live, k_verb + 1, &["sie", "u"])
                    || is(words, &live, k_verb + 1, t.subjects)
                    || is(words, &live, k_verb + 1, WE);
                if t.verb_last && (present || inverted || ordered.is_some()) {
                    // The verb goes last, as an infinitive, with its separable particle.
                    let from = if inverted { 0 } else { k_verb + 1 };
                    let last = live.len().saturating_sub(1);
                    let particle = (last > k_verb && is(words, &live, last, t.particles)).then_some(last);
                    // The speaker's own words in the third person: "mijn collega" -> "zijn collega".
                    let map = match clause.speaker() {
                        SpeakerRole::Agent => t.agent_person,
                        _ => t.customer_person,
                    };
                    for k in from..particle.unwrap_or(live.len()) {
                        let w = at(words, &live, k);
                        if k == k_verb || t.drop.contains(&w) || (inverted && k == k_verb + 1) {
                            continue;
                        }
                        let i = offset + live.get(k).copied()?;
                        match map.iter().find(|(f, _)| *f == w) {
                            Some((_, to)) => r.replace(i, form(to, ctx.gender == Gender::Female)),
                            None => r.word(i),
                        }
                    }
                    // A listed form ("schreib" -> "schreiben") counts as a future: look it up too.
                    let inf = if let Some(ordered) = &ordered {
                        ordered.clone()
                    } else if present || future {
                        infinitive(t, raw, &verb.folded, present).unwrap_or_else(|| raw.to_lowercase())
                    } else {
                        raw.to_lowercase()
                    };
                    // As said, not folded: "zurück", not "zuruck".
                    let prefix = particle
                        .and_then(|k| live.get(k))
                        .and_then(|i| words.get(*i))
                        .and_then(|w| clause.sentence.text.get(w.start..w.end))
                        .map(str::to_lowercase)
                        .unwrap_or_default();
                    r.insert(&format!("{prefix}{inf}"));
                } else {
                    // "enviarle": an infinitive with a fused pronoun is no present to read.
                    let inf = if let Some(ordered) = ordered {
                        ordered
                    } else if future || present {
                        infinitive(t, raw, &verb.folded, present)
                            .unwrap_or_else(|| without_enclitic(t, raw).to_lowercase())
                    } else {
                        without_enclitic(t, raw)
                    };
                    r.replace(offset + act.verb, &inf);
                    self.rewrite(&mut r, clause, &live, k_verb + 1, ctx);
                }
            }
            ActKind::Delivery => {
                let mut rest = Render::new(clause.sentence.text, &clause.sentence.words);
                if let Some((_, last)) = act.subject
                    && let Some(end) = live.iter().position(|i| *i == last)
                {
                    self.rewrite(&mut rest, clause, live.get(..=end).unwrap_or_default(), 0, ctx);
                }
                self.rewrite(&mut rest, clause, &live, k_verb, ctx);
                let rest = rest.finish();
                let send = if t.verb_last {
                    format!("{rest} {}", t.phrases.send)
                } else {
                    format!("{} {rest}", t.phrases.send)
                };
                return (!rest.is_empty()).then_some(send);
            }
            ActKind::Scheduled | ActKind::Delegated => {
                // A third party's plan after a lead starts at its subject.
                let from = act
                    .subject
                    .and_then(|(first, _)| live.iter().position(|i| *i == first))
                    .unwrap_or(0);
                return self.third_person(clause, from, ctx);
            }
        }
        let text = self.to_the_customer(clause, &live, k_verb, act, r.finish(), ctx);
        if let Some(condition) = self.condition(clause, &live, k_verb) {
            return Some(format!("{text}, {condition}"));
        }
        (!text.is_empty()).then_some(text)
    }

    /// A commitment after a condition or a lead ("se non lo trovo le mando un link", "le prometto
    /// che entro venerdì la richiamo"): a committing verb right after an object pronoun or a
    /// subject, with no negation just before it.
    /// With `noun`, the committing word after an article instead: "o crédito", "il rimborso".
    fn later_commitment(&self, words: &[Word], live: &[usize], noun: bool) -> Option<usize> {
        let t = self.table;
        // "si se pasa a la Cuenta Nómina": the condition's own verb is the customer's.
        let condition = t.words.subordinators.contains(&at(words, live, 0));
        (1..live.len()).find(|&k| {
            if condition && (1..k).all(|j| t.clitics.contains(&at(words, live, j))) {
                return false;
            }
            let verb = at(words, live, k);
            let before = at(words, live, k - 1);
            let article = ARTICLES.contains(&before);
            let pronoun = if noun {
                article
            } else {
                (t.clitics.contains(&before) && !article) || t.subjects.contains(&before)
            };
            // Spoken French keeps only the "pas" after the verb: "je fais pas ça".
            let near_negation = (k.saturating_sub(3)..k)
                .any(|j| self.language.is_negation(at(words, live, j)))
                || (self.language == Language::Fr && self.language.is_negation(at(words, live, k + 1)));
            pronoun
                && (is_future(t, verb) && !noun
                    || self.self_verb(verb)
                        && (noun || !self.past_form(verb))
                        && !self.only_an_order(words, live, k))
                && !near_negation
                && !self.in_call(verb)
        })
    }

    /// The condition said before a commitment's verb, as said ("si se libera un turno antes" of
    /// "si se libera un turno antes te llamo"): it belongs to the item. `None` unless the clause
    /// opens with a subordinator, or when the condition is in the first person.
    fn condition(&self, clause: &Clause<'_, '_>, live: &[usize], k_verb: usize) -> Option<String> {
        let words = clause.words();
        let conjunctions = self.table.words.conjunctions;
        let first = words
            .iter()
            .find(|w| !conjunctions.contains(&w.folded.as_str()))?;
        if k_verb < 2
            || self.table.verb_last
            || !self.table.words.subordinators.contains(&first.folded.as_str())
        {
            return None;
        }
        // The object pronouns before the verb stay out: "te llamo" -> "llamar".
        let mut end = k_verb;
        while end > 1 && is(words, live, end - 1, self.table.clitics) {
            end -= 1;
        }
        let stop = *live.get(end)?;
        if words[..stop]
            .iter()
            .any(|w| self.table.first_person.contains(&w.folded.as_str()))
        {
            return None;
        }
        let mut r = Render::new(clause.sentence.text, &clause.sentence.words);
        let from = words.iter().position(|w| std::ptr::eq(w, first)).unwrap_or(0);
        for i in from..stop {
            r.word(clause.range.0 + i);
        }
        let text = decapitalise(&r.finish());
        (text.split_whitespace().count() >= 2).then_some(text)
    }

    /// A committing verb in the third-person future: "recogera", "chiamera", "rappellera".
    fn third_future_of(&self, verb: &str) -> bool {
        let t = self.table;
        self.self_verb(verb)
            && !is_future(t, verb)
            && t.third_endings
                .iter()
                .any(|e| verb.len() >= e.len() + 3 && verb.ends_with(e))
    }

    /// Where the verb comes second, a delivery said after a fronted phrase ("für die
    /// Ausfalltage bekommen Sie", "voor de storing krijgt u"): where its phrase starts and ends.
    fn fronted_delivery(&self, words: &[Word], live: &[usize]) -> Option<(usize, usize)> {
        if !self.table.verb_last {
            return None;
        }
        (1..live.len().min(MAX_FRONTED + 1))
            .find_map(|k| any_phrase(words, live, k, self.table.deliveries).map(|after| (k, after)))
    }

    fn act_at(kind: ActKind, owner: Owner, live: &[usize], k: usize) -> Option<Act> {
        Some(Act {
            kind,
            owner,
            verb: live.get(k).copied()?,
            subject: None,
        })
    }
}
