//! Promises the summary gives a party that the party never made. A call-back, a refund or a
//! waived fee is a commitment of its own: that the call speaks of calls, refunds and fees
//! elsewhere ("thanks for calling", "you asked for a refund") does not make one. The party a
//! claim names must have committed to the act: in one of the commitments the summariser reads
//! for its own action items ("I'll call you back", "le devolveremos la comisión", "please call
//! us if"), or in a sentence of their own that commits them ("I will refund it").

use super::acts::{Act, ActWords, MONEY, act_at, act_of, act_words, money_back, separable_act};
use super::claims::Claim;
use super::evidence::{Commits, Evidence, REQUESTS, Sentence, commits, looks_ahead, sentences};
use super::findings::{ErrorKind, Finding, finding, role_name};
use super::negation::negation_reach;
use super::words::is_framing;
use crate::language::{Language, WordSpan, interrogative, words};
use crate::summary::Owner;
use crate::summary::extractive::{commitments, is_determiner};
use crate::transcript::{SpeakerRole, Transcript};

/// The call's promises, read when a claim first names an act: reading them runs the
/// summariser's commitment rules over the whole call, and most summaries name no act.
pub(super) struct LazyPromises<'a> {
    promises: std::cell::OnceCell<Promises>,
    transcript: &'a Transcript,
    spans: &'a [Vec<WordSpan>],
    language: Language,
}

impl<'a> LazyPromises<'a> {
    /// `spans`: the words of each of `transcript`'s utterances.
    pub(super) fn new(transcript: &'a Transcript, spans: &'a [Vec<WordSpan>], language: Language) -> Self {
        Self {
            promises: std::cell::OnceCell::new(),
            transcript,
            spans,
            language,
        }
    }

    fn get(&self) -> &Promises {
        self.promises
            .get_or_init(|| Promises::build(self.transcript, self.spans, self.language))
    }
}

/// The acts each party committed to in the call.
pub(super) struct Promises {
    made: Vec<(Owner, Act)>,
    /// The utterances each commitment was read in.
    said_in: Vec<(Owner, Act, usize)>,
    /// The utterances in which each party names an act.
    named_in: Vec<(Owner, Act, usize)>,
}

/// Whether the act at `at` is said as a verb with a person ("le llamo", "Hij belt u", "je vous
/// rappelle"): a first- or second-person word just before it (or, in German and Dutch, just
/// after it), and no determiner making it a noun ("les appels", "au rappel").
fn verb_of_person(language: Language, words: &[WordSpan], at: usize) -> bool {
    let cues = language.cues();
    let person = |k: usize| {
        words.get(k).is_some_and(|w| {
            cues.first_person.contains(&w.folded.as_str()) || cues.second_person.contains(&w.folded.as_str())
        })
    };
    // German and Dutch put the verb second, after whatever opens the sentence ("das schreib
    // ich Ihnen gut"); German nouns are capitalised.
    let object_first = matches!(language, Language::De | Language::Nl);
    let noun = if object_first {
        language == Language::De && words.get(at).is_some_and(|w| w.capitalised)
    } else {
        at > 0 && is_determiner(language, &words[at - 1].folded)
    };
    let before = (at.saturating_sub(2)..at).any(person);
    let after = object_first && person(at + 1);
    !noun && (before || after)
}

/// Second-person subjects: "vous rappelez", "usted llama", "Sie rufen an", "u belt".
#[rustfmt::skip]
const YOU: &[&str] = &["vous", "tu", "usted", "ustedes", "lei", "voi", "voce", "voces", "sie", "du", "u", "jij", "je"];

/// Whether the act at `at` is the listener's: a second-person subject right before it (not the
/// object of a first-person one: "je vous rappelle"), or in German and Dutch next to it in a
/// sentence without a first person ("rufen Sie uns an", "belt u ons").
fn listener_acts(language: Language, words: &[WordSpan], at: usize) -> bool {
    let cues = language.cues();
    let you = |k: usize| words.get(k).is_some_and(|w| YOU.contains(&w.folded.as_str()));
    let me = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| cues.first_person.contains(&w.folded.as_str()) || w.folded == "on")
    };
    match language {
        Language::Fr | Language::Es | Language::It | Language::Pt => {
            at > 0 && you(at - 1) && !(at > 1 && me(at - 2))
        }
        Language::De | Language::Nl => at > 0 && you(at - 1) && !(0..words.len()).any(me),
        Language::En => false,
    }
}

/// What a turn of the call is to the sentences in it.
struct Turn {
    /// The utterance's index in the call.
    utterance: usize,
    /// It looks ahead (English), or the language says promises in the present.
    ahead: bool,
    /// The other party's reply takes up what it asks.
    accepted: bool,
    speaker: Owner,
    listener: Owner,
}

/// Words that open a yes: "yes", "sure", "claro", "d'accord", "gerne", "certo", "zeker".
#[rustfmt::skip]
const YES: &[&str] = &[
    "yes", "yeah", "yep", "sure", "ok", "okay", "certainly", "absolutely", "done", "of", "si", "claro",
    "vale", "perfecto", "oui", "d'accord", "entendu", "ja", "gerne", "klar", "naturlich", "certo",
    "va", "sim", "pode", "zeker", "prima", "natuurlijk", "goed",
];

/// Whether a reply takes up what was asked: it opens with a yes, or (English) its first
/// sentence points back at it without a negation ("I've added that to the note").
fn accepts(language: Language, reply: &str) -> bool {
    let spans = words(reply, language);
    let Some(first) = sentences(reply, &spans).into_iter().next() else {
        return false;
    };
    let opens_yes = first
        .words
        .first()
        .is_some_and(|w| YES.contains(&w.folded.as_str()));
    let points_back = language == Language::En
        && first
            .words
            .iter()
            .any(|w| matches!(w.folded.as_str(), "that" | "it" | "this"))
        && !first.words.iter().any(|w| language.is_negation(&w.folded));
    opens_yes || points_back
}

impl Promises {
    /// `spans`: the words of each of `transcript`'s utterances.
    pub fn build(transcript: &Transcript, spans: &[Vec<WordSpan>], language: Language) -> Self {
        let mut promises = Promises {
            made: Vec::new(),
            said_in: Vec::new(),
            named_in: Vec::new(),
        };
        let acts: Vec<ActWords> = spans.iter().map(|words| act_words(language, words)).collect();
        // Where a party names an act at all, promised or not ("l'indennità di mora, che verrà
        // stornata"): what the act is of may be said there.
        for (index, (utterance, words)) in transcript.utterances.iter().zip(spans).enumerate() {
            let owner = match utterance.speaker {
                SpeakerRole::Agent => Owner::Agent,
                SpeakerRole::Customer => Owner::Customer,
                _ => continue,
            };
            if acts.get(index).is_some_and(|a| a.possible) {
                for i in 0..words.len() {
                    if let Some(act) = act_of(&words[i].folded).or_else(|| separable_act(language, words, i))
                    {
                        promises.named_in.push((owner, act, index));
                    }
                }
            }
        }
        // Where each utterance read for the summariser's commitments stands in the call.
        let read: Vec<usize> = (0..transcript.utterances.len())
            .filter(|i| acts.get(*i).is_some_and(|a| a.named))
            .collect();
        // The commitments the summariser reads: promises, delegated and scheduled acts,
        // deliveries, requests put to the customer. Only an utterance naming an act can add
        // one, so only those are read (each is read on its own), in the call's language.
        let with_acts = Transcript {
            conversation_id: transcript.conversation_id.clone(),
            agent_names: transcript.agent_names.clone(),
            media_type: transcript.media_type,
            language: Some(Language::of_transcript(transcript).code().to_owned()),
            duration_ms: transcript.duration_ms,
            utterances: transcript
                .utterances
                .iter()
                .zip(&acts)
                .filter(|(_, acts)| acts.named)
                .map(|(utterance, _)| utterance.clone())
                .collect(),
        };
        for commitment in commitments(&with_acts) {
            let spans = words(&commitment.text, language);
            let reach = negation_reach(&commitment.text, language, &spans);
            for (word, negated) in spans.iter().zip(reach) {
                if let Some(act) = act_of(&word.folded).filter(|_| !negated) {
                    let utterance = read.get(commitment.utterance).copied().unwrap_or(usize::MAX);
                    promises.add(commitment.owner, act, utterance);
                }
            }
        }
        for (index, utterance) in transcript.utterances.iter().enumerate() {
            // An utterance no word of which can name an act promises nothing ([`Self::read`]
            // adds only acts): most are passed over without reading their sentences.
            if acts.get(index).is_some_and(|acts| !acts.possible) {
                continue;
            }
            // The other party's next turn: a question is answered in it.
            let accepted = transcript
                .utterances
                .iter()
                .skip(index + 1)
                .find(|u| u.speaker != utterance.speaker && u.speaker != SpeakerRole::IvrBot)
                .is_some_and(|reply| accepts(language, &reply.text));
            let (speaker, listener) = match utterance.speaker {
                SpeakerRole::Agent => (Owner::Agent, Owner::Customer),
                SpeakerRole::Customer => (Owner::Customer, Owner::Agent),
                _ => continue,
            };
            let Some(spans) = spans.get(index) else { break };
            let sentences = sentences(&utterance.text, spans);
            // English says a promise in the future ("I'll raise that now"); the other
            // languages say it in the present too ("le marco yo misma", "Hij belt u").
            let ahead = language != Language::En || sentences.iter().any(|s| looks_ahead(language, s.words));
            for sentence in &sentences {
                let turn = Turn {
                    utterance: index,
                    ahead,
                    accepted,
                    speaker,
                    listener,
                };
                promises.read(language, &utterance.text, sentence, &turn);
            }
        }
        promises
    }

    fn add(&mut self, owner: Owner, act: Act, utterance: usize) {
        if !self.made.contains(&(owner, act)) {
            self.made.push((owner, act));
        }
        if !self.said_in.contains(&(owner, act, utterance)) {
            self.said_in.push((owner, act, utterance));
        }
    }

    /// The acts one sentence commits a party to. A question asks it of the listener or
    /// offers it ("can the driver ring me", "shall I call you back"): either may do it. A
    /// statement commits its speaker's side when it looks ahead, and the listener too when it
    /// asks them ("you'll need to call us", "tem de nos devolver").
    fn read(&mut self, language: Language, text: &str, sentence: &Sentence<'_>, turn: &Turn) {
        let Turn {
            utterance,
            ahead,
            accepted,
            speaker,
            listener,
        } = *turn;
        let words = sentence.words;
        let question = sentence.question || interrogative(language, text, words);
        let reach = negation_reach(text, language, words);
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.folded.as_str()));
        let future = looks_ahead(language, words);
        // Where the last clause starts: a question asks in it.
        let asking = (1..words.len())
            .rev()
            .find(|&k| {
                text.get(words[k - 1].end..words[k].start)
                    .is_some_and(|gap| gap.contains(','))
            })
            .unwrap_or(0);
        // A request word asks the listener; "you'll get a call" and "il corriere ti
        // chiamerà" speak to them of what the speaker's side will do.
        let asks = has(REQUESTS);
        let money = words.iter().any(|w| MONEY.contains(&w.folded.as_str()))
            || text
                .get(words.first().map_or(0, |w| w.start)..words.last().map_or(0, |w| w.end))
                .is_some_and(|t| t.contains(['£', '$', '€']));
        for (i, word) in words.iter().enumerate() {
            if reach.get(i).copied().unwrap_or(false) {
                continue;
            }
            let separable = || separable_act(language, words, i);
            let back = || (money_back(language, words, i) && money).then_some(Act::Refund);
            let Some(act) = act_of(&word.folded).or_else(separable).or_else(back) else {
                continue;
            };
            // A question asks it of the listener or offers it ("can the driver ring me",
            // "shall I call you back?"): it is promised when the answer takes it up.
            if question && i >= asking {
                if accepted {
                    self.add(speaker, act, utterance);
                    self.add(listener, act, utterance);
                }
                continue;
            }
            // Before the asking clause a statement may stand ("The technician will call you
            // the morning of, is that still good?"), if it looks ahead itself: "thanks for
            // calling, how can I help?" offers no call.
            if question
                && !words
                    .get(..asking)
                    .is_some_and(|before| looks_ahead(language, before))
            {
                continue;
            }
            // A request ("please call us") or an act whose subject is the listener ("si
            // l'avoir n'apparaît pas vous rappelez") commits the listener, not the speaker,
            // unless the speaker also promises in the first person.
            let own = commits(language, words, false) == Commits::Speaker;
            let theirs = asks || listener_acts(language, words, i);
            // Who is sent is promised with the verb that sends them: "necesitamos mandarte
            // un técnico".
            let sent = act == Act::Visit && words.iter().any(|w| super::acts::sends(&w.folded));
            let said_ahead = language == Language::En || future || sent || verb_of_person(language, words, i);
            if own || (!theirs && ahead && said_ahead) {
                self.add(speaker, act, utterance);
            }
            if theirs {
                self.add(listener, act, utterance);
            }
        }
    }

    /// The utterances in which `owner` committed to `act` or named it.
    pub fn said_in(&self, owner: Owner, act: Act) -> Vec<usize> {
        self.said_in
            .iter()
            .chain(&self.named_in)
            .filter(|(o, a, _)| *o == owner && *a == act)
            .map(|(_, _, u)| *u)
            .collect::<std::collections::BTreeSet<usize>>()
            .into_iter()
            .collect()
    }

    /// Whether either party names `act` anywhere in the call.
    pub fn named(&self, act: Act) -> bool {
        self.named_in.iter().any(|(_, a, _)| *a == act)
    }

    /// Whether `owner` committed to `act` in the call.
    pub fn made(&self, owner: Owner, act: Act) -> bool {
        self.made.contains(&(owner, act))
    }
}

/// The party a promise-like claim names (an action item's owner, or the subject of a future
/// clause) and the acts it gives them.
pub(super) fn claimed_acts(claim: &Claim, evidence: &Evidence) -> Option<(Owner, Vec<Act>)> {
    if !claim.future {
        return None;
    }
    let owner = claim.owner.or_else(|| {
        claim.subject.filter(|s| s.acts).and_then(|s| match s.role {
            SpeakerRole::Agent => Some(Owner::Agent),
            SpeakerRole::Customer => Some(Owner::Customer),
            _ => None,
        })
    })?;
    let language = evidence.language();
    let mut acts: Vec<Act> = Vec::new();
    for (at, word) in claim.words.iter().enumerate() {
        // The verb that reports ("the customer called") is no act promised; a negated act
        // ("no refund is due") promises nothing.
        if is_framing(language, &word.folded)
            || claim.negated.contains(&language.stem(&word.folded).into_owned())
        {
            continue;
        }
        if let Some(act) =
            act_at(language, &claim.words, at, claim.owner.is_some()).filter(|a| !acts.contains(a))
        {
            acts.push(act);
        }
    }
    Some((owner, acts))
}

/// A call-back, refund, waived fee or visit the claim gives a party who never committed to it
/// in the call ("Call the customer back to confirm", "promising to refund the Railcard", "Send
/// a meter reader"), or a collection nobody in the call speaks of ([`Act::arranged`]).
pub(super) fn unpromised(claim: &Claim, evidence: &Evidence, promises: &LazyPromises<'_>) -> Vec<Finding> {
    let Some((owner, acts)) = claimed_acts(claim, evidence) else {
        return Vec::new();
    };
    let promises = promises.get();
    let party = match owner {
        Owner::Agent => SpeakerRole::Agent,
        Owner::Customer => SpeakerRole::Customer,
    };
    acts.into_iter()
        .filter_map(|act| {
            if act.arranged() {
                return (!promises.named(act)).then(|| {
                    finding(
                        ErrorKind::Commitment,
                        claim,
                        format!("nobody in the call speaks of {}", act.as_str()),
                        Vec::new(),
                    )
                });
            }
            if promises.made(owner, act) {
                return super::objects::of_another(
                    claim,
                    evidence,
                    act,
                    &promises.said_in(owner, act),
                    party,
                );
            }
            Some(finding(
                ErrorKind::Commitment,
                claim,
                format!(
                    "the {} never commits to {} in the call",
                    role_name(party),
                    act.as_str()
                ),
                Vec::new(),
            ))
        })
        .collect()
}
