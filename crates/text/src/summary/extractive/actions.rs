//! Action items: every commitment either side made for after the call, as an instruction to
//! its owner with the due phrase as said ("Send the customer a secure payment link by SMS",
//! agent, "within the hour").

use super::clause::{Clause, Sentence};
use super::lang::{ActKind, CONJUNCTION, Context, DETERMINER, NounPhrase, Referent, Rules, Step};
use super::render::capitalise;
use crate::language::Language;
use crate::summary::ActionItem;

/// Action items kept from one conversation.
pub(crate) const MAX_ACTION_ITEMS: usize = 10;
/// Words of a clause that only names more of what a commitment sends or does ("and the account
/// number"), the conjunction left out.
const MAX_COORDINATED_WORDS: usize = 6;
/// Content-word overlap at which two items say the same thing.
const SAME_ITEM_OVERLAP: f32 = 0.6;
/// Words at the end of an instruction that add nothing: "for you", "right away".
const TRAILING_NOISE: &[&str] = &[
    // "I'll use an old phone for now": the whole phrase, not "now" alone.
    " for now",
    " for you",
    " right away",
    " straight away",
    " right now",
    " now",
    " as well",
    " then",
    " too",
    // Irish and northern English "so" closing a sentence: "I'll order online tonight so".
    " so",
    // Chat closings said after the act: "I'll use my old samsung for now thanks".
    " thanks",
    " thank you",
    " cheers",
];

/// Who an agent's step is for, said again at its end once the step names the customer.
const FOR_THE_CUSTOMER: &str = " for the customer";

/// Prepositions left at the end once the due phrase they opened is cut, in the served languages.
const DANGLING: &[&str] = &[
    " for", " by", " on", " at", " in", " until", " before", " from", " para", " pour", " für", " per",
    " voor", " entro", " bis", " tot", " até", " hasta",
];

/// The commitments of the conversation in order, one step each, near-duplicates dropped.
pub(crate) fn steps(
    sentences: &[Sentence<'_>],
    rules: &dyn Rules,
    language: Language,
    ctx: &Context,
) -> Vec<Step> {
    let mut out: Vec<(Step, Vec<String>)> = Vec::new();
    for (at, sentence) in sentences.iter().enumerate() {
        for (n, range) in sentence.clauses.iter().enumerate() {
            let clause = Clause {
                sentence,
                range: (range.start, range.end),
            };
            let Some(act) = rules.act(&clause) else {
                continue;
            };
            let Some(mut instruction) = rules.instruction(&clause, &act, ctx) else {
                continue;
            };
            // "We'll disconnect it" after "what happens to the old connection?".
            if rules.pronoun_object(&clause, &act)
                && let Some(named) = referent(sentences, (at, n), rules, ctx)
                && let Some(with) = rules.with_referent(&instruction, &named)
            {
                instruction = with;
            }
            let mut due = rules.due(clause.raw());
            if let Some(more) = sentence.clauses.get(n + 1).and_then(|next| {
                coordinated(
                    &Clause {
                        sentence,
                        range: (next.start, next.end),
                    },
                    rules,
                    ctx,
                )
            }) {
                due = due.or(more.1);
                instruction = format!("{instruction} {}", more.0);
            }
            let instruction = tidy(&instruction, due.as_deref());
            if instruction.split_whitespace().count() < 2 {
                continue;
            }
            let key = content_stems(&instruction, language);
            if let Some((kept, _)) = out
                .iter_mut()
                .find(|(_, other)| overlap(&key, other) >= SAME_ITEM_OVERLAP)
            {
                if kept.due.is_none() && due.is_some() && kept.owner == act.owner {
                    kept.due = due;
                }
                continue;
            }
            out.push((
                Step {
                    owner: act.owner,
                    kind: act.kind,
                    instruction,
                    due,
                    order: sentence.order,
                },
                key,
            ));
            if out.len() == MAX_ACTION_ITEMS {
                return out.into_iter().map(|(s, _)| s).collect();
            }
        }
    }
    out.into_iter().map(|(s, _)| s).collect()
}

/// What a pronoun object of clause `n` of sentence `at` stands for, in the third person, and who
/// named it: the one noun phrase of the sentence's earlier clauses, else of the sentence before
/// (whether a pronoun can stand for it, a thing or people, the language's rules tell). Where the
/// nearest of those names two things, nothing: a wrong referent is a wrong claim. In an email,
/// only the sentence's own clauses.
fn referent(
    sentences: &[Sentence<'_>],
    (at, n): (usize, usize),
    rules: &dyn Rules,
    ctx: &Context,
) -> Option<Referent> {
    let sentence = sentences.get(at)?;
    let earlier = sentence.clauses.get(..n).unwrap_or_default();
    // An email's "it" may stand for something paragraphs back: only its own sentence is read.
    let before = at
        .checked_sub(1)
        .and_then(|p| sentences.get(p))
        .filter(|_| sentence.channel != crate::transcript::Channel::Email);
    let scopes = [
        Some((sentence, earlier)),
        before.map(|s| (s, s.clauses.as_slice())),
    ];
    for (scope, (said, clauses)) in scopes.into_iter().flatten().enumerate() {
        let phrases: Vec<NounPhrase> = clauses
            .iter()
            .flat_map(|r| {
                rules.noun_phrases(&Clause {
                    sentence: said,
                    range: (r.start, r.end),
                })
            })
            .collect();
        // In its own sentence, the nearest phrase "it" can stand for: "the reduction needs a
        // form, I can post it out". The sentence before must name one thing only, or one as
        // its subject or object, the others behind prepositions: "I lost my debit card, I had it
        // at the gas station" - "I can get it locked".
        let direct: Vec<NounPhrase> = phrases.iter().filter(|p| !p.oblique).copied().collect();
        let nearest = match (phrases.as_slice(), direct.as_slice()) {
            ([.., last], _) if scope == 0 => std::slice::from_ref(last),
            (all @ [_], _) => all,
            (_, one @ [_]) => one,
            (all, _) => all,
        };
        match nearest {
            [] => continue,
            [phrase] => {
                let person = !phrase.thing;
                let phrase = Clause {
                    sentence: said,
                    range: (phrase.from, phrase.to + 1),
                };
                return rules.third_person(&phrase, 0, ctx).map(|named| Referent {
                    named,
                    said_by: said.speaker,
                    person,
                });
            }
            _ => return None,
        }
    }
    None
}

/// What a clause adds to the commitment before it when it only names more of what is sent or
/// done: "... um e-mail com o passo a passo | e o número do protocolo", "... avec l'ordonnance,
/// la carte Vitale | et la carte de mutuelle". It opens with a conjunction and a determiner, is
/// short and commits to nothing itself. Its text (conjunction included) and due phrase.
fn coordinated(next: &Clause<'_, '_>, rules: &dyn Rules, ctx: &Context) -> Option<(String, Option<String>)> {
    let words = next.words();
    let (conjunction, determiner) = (words.first()?, words.get(1)?);
    // Longer, it is a clause of its own: "and our meter reader will be in your area on May 14".
    let short = next.live().len() <= MAX_COORDINATED_WORDS;
    let coordinated = conjunction.is(CONJUNCTION) && determiner.is(DETERMINER) && short;
    if !coordinated || rules.act(next).is_some() {
        return None;
    }
    let said = next.sentence.text.get(conjunction.start..conjunction.end)?;
    let rest = rules.third_person(next, 0, ctx)?;
    Some((format!("{said} {rest}"), rules.due(next.raw())))
}

/// The steps as the API's action items, capped at `max_chars`.
pub(crate) fn action_items(steps: &[Step], max_chars: usize) -> Vec<ActionItem> {
    steps
        .iter()
        .map(|s| ActionItem {
            text: super::commitments::item_text(&s.instruction, max_chars),
            owner: Some(s.owner),
            due_date: s.due.clone(),
        })
        .collect()
}

/// The instruction without its due phrase at the end, trailing noise and punctuation, with a
/// capital letter.
fn tidy(instruction: &str, due: Option<&str>) -> String {
    let mut text = instruction
        .trim()
        .trim_end_matches(['.', '!', '?', ',', ';', ':', ' '])
        .to_string();
    if let Some(due) = due {
        let lower = text.to_lowercase();
        let due_lower = due.to_lowercase();
        if lower.len() == text.len()
            && let Some(at) = lower.rfind(&due_lower)
            && lower.get(at + due_lower.len()..).is_some_and(|rest| {
                rest.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
                    || TRAILING_NOISE
                        .iter()
                        .any(|n| rest.trim_end_matches(['.', '!', '?']) == *n)
            })
            && at > 0
        {
            text.truncate(at);
            // "set up a callback for | tomorrow morning": the preposition goes with its phrase.
            let kept = text.trim_end();
            let lower = kept.to_lowercase();
            if let Some(p) = DANGLING.iter().find(|p| lower.ends_with(*p))
                && kept.len() > p.len() + 3
            {
                let cut = kept.len() - p.len();
                text.truncate(cut);
            }
        }
    }
    loop {
        let trimmed = text.trim_end_matches(['.', '!', '?', ',', ';', ':', ' ', '-', '—', '–']);
        let lower = trimmed.to_lowercase();
        match TRAILING_NOISE.iter().find(|n| lower.ends_with(*n)) {
            Some(noise) if trimmed.len() > noise.len() + 3 => {
                text = trimmed
                    .get(..trimmed.len() - noise.len())
                    .unwrap_or(trimmed)
                    .to_string();
            }
            _ => {
                text = trimmed.to_string();
                break;
            }
        }
    }
    // "Get the customer's debit card locked for the customer": said once is enough.
    if let Some(kept) = text.strip_suffix(FOR_THE_CUSTOMER)
        && kept.contains("the customer")
    {
        text.truncate(kept.len());
    }
    capitalise(&text)
}

/// The stems of a text's content words, sorted and unique.
pub(crate) fn content_stems(text: &str, language: Language) -> Vec<String> {
    let mut stems: Vec<String> = crate::language::words(text, language)
        .into_iter()
        .filter(|w| w.folded.chars().count() >= 3 && !language.is_stopword(&w.folded))
        .map(|w| language.stem(&w.folded).into_owned())
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// Shared stems over all stems of both (Jaccard).
pub(crate) fn overlap(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|s| b.binary_search(s).is_ok()).count();
    shared as f32 / (a.len() + b.len() - shared) as f32
}

/// Whether a step's instruction is a statement rather than an order (said as its own sentence).
pub(crate) fn is_statement(step: &Step) -> bool {
    step.kind == ActKind::Scheduled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_phrases_and_noise_leave_the_instruction() {
        assert_eq!(
            tidy(
                "send the customer a link by SMS within the hour.",
                Some("within the hour")
            ),
            "Send the customer a link by SMS"
        );
        assert_eq!(
            tidy("call the customer back tomorrow for you", Some("tomorrow")),
            "Call the customer back"
        );
        assert_eq!(tidy("reissue it now", None), "Reissue it");
        assert_eq!(tidy("tomorrow", Some("tomorrow")), "Tomorrow");
    }

    #[test]
    fn overlap_is_shared_over_all() {
        let a = content_stems("Send the customer a secure payment link", Language::En);
        let b = content_stems("Send a secure payment link to the customer", Language::En);
        assert!(overlap(&a, &b) > 0.9);
        let c = content_stems("Send the customer the form", Language::En);
        assert!(overlap(&a, &c) < SAME_ITEM_OVERLAP);
        assert_eq!(overlap(&a, &[]), 0.0);
    }
}
