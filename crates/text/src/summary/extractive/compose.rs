//! The executive summary: why the customer got in touch (their own words in the third person
//! under a short framing), what the agent found and did, what happens next, and the reference
//! the customer was given. Every fact in it is the transcript's own.

use super::actions::{content_stems, is_statement, overlap};
use super::clause::{Clause, Sentence};
use super::lang::{Context, Link, Opening, Rules, SUBORDINATOR, Step};
use super::render::sentence;
use crate::language::Language;
use crate::summary::{Owner, SummaryLength};
use crate::transcript::{Channel, SpeakerRole};

/// Content words a clause needs to say something on its own.
const MIN_CONTENT: usize = 3;
/// Words of the reason before further clauses stop being added.
const REASON_WORDS: usize = 40;
/// Clauses with more markers than this are identity details.
const MAX_MARKERS: usize = 1;
/// Overlap with what the summary already says at which a sentence adds nothing.
const REPEATS: f32 = 0.5;

/// The summary's parts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Composed {
    pub executive_summary: String,
    pub reason: Option<String>,
    pub resolution: Option<String>,
}

/// How many sentences of each part a summary length holds.
struct Budget {
    agent: usize,
    steps: usize,
    reference: bool,
    reason_extra: bool,
}

impl Budget {
    fn of(length: SummaryLength) -> Self {
        match length {
            SummaryLength::Short => Budget {
                agent: 1,
                steps: 1,
                reference: false,
                reason_extra: false,
            },
            SummaryLength::Medium => Budget {
                agent: 2,
                steps: 2,
                reference: true,
                reason_extra: true,
            },
            SummaryLength::Long => Budget {
                agent: 4,
                steps: 3,
                reference: true,
                reason_extra: true,
            },
        }
    }
}

/// What the summary knows of each clause.
struct Facts {
    content: usize,
    numbers: usize,
    markers: usize,
}

fn facts(clause: &Clause<'_, '_>, language: Language) -> Facts {
    let mut f = Facts {
        content: 0,
        numbers: 0,
        markers: 0,
    };
    for (k, w) in clause.words().iter().enumerate().filter(|(_, w)| !w.skip) {
        if w.marker {
            f.markers += 1;
        } else if w.numeric() {
            f.numbers += 1;
            f.content += 1;
        } else if w.folded.chars().count() >= 3 && !language.is_stopword(&w.folded) {
            f.content += 1;
            if w.capitalised && k > 0 {
                f.numbers += 1;
            }
        }
    }
    f
}

pub(crate) fn compose(
    sentences: &[Sentence<'_>],
    steps: &[Step],
    rules: &dyn Rules,
    language: Language,
    ctx: &Context,
    length: SummaryLength,
) -> Composed {
    let budget = Budget::of(length);
    let mut parts: Vec<String> = Vec::new();
    let mut said: Vec<Vec<String>> = Vec::new();
    let reason = opening(sentences, rules, language, ctx, budget.reason_extra);
    if let Some(reason) = &reason {
        for s in reason {
            said.push(content_stems(s, language));
            parts.push(s.clone());
        }
    }
    for step in steps {
        said.push(content_stems(&step.instruction, language));
    }
    let agent = agent_sentences(sentences, rules, language, ctx, budget.agent, &said);
    // The resolution is what the agent did, else what they found.
    let resolution = agent
        .iter()
        .find(|(_, done)| *done)
        .or(agent.first())
        .map(|(text, _)| text.clone());
    parts.extend(agent.into_iter().map(|(text, _)| text));
    parts.extend(next_steps(steps, rules, ctx, budget.steps));
    if budget.reference
        && let Some(reference) = reference(sentences, rules)
        && !parts.iter().any(|p| p.contains(&reference.1))
    {
        parts.push(rules.reference(&reference.0, &reference.1));
    }
    let executive_summary = if parts.is_empty() {
        rules.empty().to_string()
    } else {
        parts.join(" ")
    };
    Composed {
        executive_summary,
        reason: reason.and_then(|r| r.into_iter().next()),
        resolution,
    }
}

/// A clause spanning clauses `from..=to` of a sentence.
fn span<'s, 'a>(sentence: &'s Sentence<'a>, from: usize, to: usize) -> Option<Clause<'s, 'a>> {
    let start = sentence.clauses.get(from)?.start;
    let end = sentence.clauses.get(to)?.end;
    Some(Clause {
        sentence,
        range: (start, end),
    })
}

fn clause_at<'s, 'a>(sentence: &'s Sentence<'a>, index: usize) -> Option<Clause<'s, 'a>> {
    span(sentence, index, index)
}

/// Usable as summary material: says something, holds no identity details, is no courtesy.
fn material(clause: &Clause<'_, '_>, rules: &dyn Rules, language: Language) -> bool {
    let f = facts(clause, language);
    if f.content < MIN_CONTENT || f.markers > MAX_MARKERS {
        return false;
    }
    let folded = clause.folded();
    // Courtesy said around skipped openers too: "Thanks for contacting ...".
    let said = crate::language::fold(clause.raw());
    let subordinate = clause
        .live()
        .first()
        .and_then(|i| clause.words().get(*i))
        .is_some_and(|w| w.is(SUBORDINATOR));
    !subordinate
        && !rules.is_pleasantry(&folded)
        && !rules.is_pleasantry(&said)
        && !rules.is_identity_check(&folded)
}

/// The opening sentence(s): the customer's reason, framed.
fn opening(
    sentences: &[Sentence<'_>],
    rules: &dyn Rules,
    language: Language,
    ctx: &Context,
    extra: bool,
) -> Option<Vec<String>> {
    let first_speaker = sentences.first().map(|s| s.speaker);
    let outbound = first_speaker == Some(SpeakerRole::Agent)
        && matches!(ctx.channel, Some(Channel::Email | Channel::Message));
    let customer = |s: &&Sentence<'_>| s.speaker == SpeakerRole::Customer;
    let mut chosen: Option<(usize, usize, bool)> = None;
    for questions in [false, true] {
        for (n, s) in sentences.iter().enumerate().filter(|(_, s)| customer(s)) {
            if s.question && !questions {
                continue;
            }
            let found = (0..s.clauses.len())
                .find(|k| clause_at(s, *k).is_some_and(|c| material(&c, rules, language)));
            if let Some(k) = found {
                chosen = Some((n, k, s.question));
                break;
            }
        }
        if chosen.is_some() {
            break;
        }
    }
    let (n, k, asked) = chosen?;
    let s = sentences.get(n)?;
    // Later clauses of the sentence that still say something join the reason, when a
    // conjunction joins them ("..., and I want"); a bare comma would make a run-on sentence.
    let mut last = k;
    let mut words = clause_at(s, k).map_or(0, |c| c.live().len());
    for next in k + 1..s.clauses.len() {
        let Some(c) = clause_at(s, next) else { break };
        let joined = c.words().first().is_some_and(|w| w.joins);
        if !joined || !material(&c, rules, language) || words + c.live().len() > REASON_WORDS {
            break;
        }
        words += c.live().len();
        last = next;
    }
    let clause = span(s, k, last)?;
    let (link, from) = if asked {
        (Link::None, 0)
    } else {
        rules.reason_link(&clause).unwrap_or((Link::None, 0))
    };
    let reason = rules.third_person(&clause, from, ctx)?;
    let reason = reason.trim_end_matches(['.', '!', '?', ',', ';', ' ']);
    let kind = if outbound && n > 0 && first_agent_material(sentences, rules, language).is_some() {
        Opening::Outbound
    } else {
        Opening::Reason
    };
    let mut out = vec![rules.opening(reason, link, kind, ctx)];
    if extra {
        // A further sentence of the same message with facts in it (amounts, dates, names).
        let more = sentences
            .iter()
            .skip(n + 1)
            .take_while(|o| o.utterance == s.utterance)
            .filter(|o| !o.question)
            .find_map(|o| {
                (0..o.clauses.len()).find_map(|k| {
                    let c = clause_at(o, k)?;
                    let f = facts(&c, language);
                    (f.numbers > 0 && material(&c, rules, language))
                        .then(|| rules.third_person(&c, 0, ctx))
                        .flatten()
                })
            });
        if let Some(more) = more {
            out.push(sentence(&more));
        }
    }
    Some(out)
}

fn first_agent_material(sentences: &[Sentence<'_>], rules: &dyn Rules, language: Language) -> Option<usize> {
    sentences
        .iter()
        .take_while(|s| s.speaker == SpeakerRole::Agent)
        .position(|s| {
            (0..s.clauses.len()).any(|k| clause_at(s, k).is_some_and(|c| material(&c, rules, language)))
        })
}

/// What the agent found and did: the agent's clauses with facts in them, best first, in
/// conversation order.
fn agent_sentences(
    sentences: &[Sentence<'_>],
    rules: &dyn Rules,
    language: Language,
    ctx: &Context,
    budget: usize,
    said: &[Vec<String>],
) -> Vec<(String, bool)> {
    let mut candidates: Vec<(f32, usize, String, bool)> = Vec::new();
    for s in sentences
        .iter()
        .filter(|s| s.speaker == SpeakerRole::Agent && !s.question)
    {
        for k in 0..s.clauses.len() {
            let Some(clause) = clause_at(s, k) else { continue };
            if !material(&clause, rules, language) || rules.act(&clause).is_some() {
                continue;
            }
            let f = facts(&clause, language);
            let done = rules.done(&clause);
            let (bonus, text) = if let Some(from) = rules.finding_start(&clause) {
                let Some(found) = rules.third_person(&clause, from, ctx) else {
                    continue;
                };
                (1.5, rules.finding(&found, ctx))
            } else {
                if !done && f.numbers == 0 {
                    continue;
                }
                let Some(text) = rules.third_person(&clause, 0, ctx) else {
                    continue;
                };
                (if done { 4.0 } else { 0.0 }, rules.statement(&text, ctx))
            };
            let score = bonus + 0.7 * f.numbers.min(3) as f32 + 0.1 * f.content.min(15) as f32
                - 0.5 * f.markers as f32;
            candidates.push((score, s.order * 16 + k, text, done));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<(usize, (String, bool), Vec<String>)> = Vec::new();
    for (_, order, text, done) in candidates {
        if chosen.len() == budget {
            break;
        }
        let stems = content_stems(&text, language);
        let repeats = said.iter().any(|s| overlap(s, &stems) >= REPEATS)
            || chosen.iter().any(|(_, _, s)| overlap(s, &stems) >= REPEATS);
        if !repeats {
            chosen.push((order, (text, done), stems));
        }
    }
    chosen.sort_by_key(|(order, _, _)| *order);
    chosen.into_iter().map(|(_, text, _)| text).collect()
}

/// What happens next: the agent's commitments, then what the customer will do or was asked to do.
fn next_steps(steps: &[Step], rules: &dyn Rules, ctx: &Context, budget: usize) -> Vec<String> {
    let mut out = Vec::new();
    let groups: [(Owner, bool); 3] = [
        (Owner::Agent, false),
        (Owner::Customer, true),
        (Owner::Customer, false),
    ];
    for (owner, request) in groups {
        let group: Vec<&Step> = steps
            .iter()
            .filter(|s| s.owner == owner && !is_statement(s))
            .filter(|s| (s.kind == super::lang::ActKind::Request) == request)
            .take(3)
            .collect();
        if let Some(text) = rules.next_steps(&group, ctx) {
            out.push(text);
        }
    }
    let statements: Vec<&Step> = steps.iter().filter(|s| is_statement(s)).take(1).collect();
    if out.len() < budget
        && let Some(text) = rules.next_steps(&statements, ctx)
    {
        out.push(text);
    }
    out.truncate(budget);
    out
}

/// The code as written around the word at `start..end`: "CLM/RI/2024/118273" is one code that
/// the word reader splits where letters meet digits after a slash; punctuation around it stays
/// out ("(SR98234561).").
fn written_code(text: &str, start: usize, end: usize) -> &str {
    let from = text
        .get(..start)
        .and_then(|t| t.rfind(char::is_whitespace))
        .map_or(0, |i| i + 1);
    let to = text
        .get(end..)
        .and_then(|t| t.find(char::is_whitespace))
        .map_or(text.len(), |i| end + i);
    let word = text.get(start..end).unwrap_or_default();
    // A redaction marker beside it is no part of it.
    let code = text
        .get(from.min(start)..to.max(end))
        .filter(|c| !c.contains('['))
        .unwrap_or(word);
    code.trim_start_matches(['(', '[', '"', '\'', '«', '“'])
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '»', '”'])
}

/// The first reference the agent gave: its label as said and its value ("case number",
/// "BGE-558713").
fn reference(sentences: &[Sentence<'_>], rules: &dyn Rules) -> Option<(String, String)> {
    let labels = rules.reference_labels();
    for s in sentences.iter().filter(|s| s.speaker == SpeakerRole::Agent) {
        let live: Vec<usize> = (0..s.words.len())
            .filter(|i| s.words.get(*i).is_some_and(|w| !w.skip))
            .collect();
        for (k, i) in live.iter().enumerate() {
            for label in labels {
                let Some(end) = super::lang::scan::phrase(&s.words, &live, k, label) else {
                    continue;
                };
                let value = (end..(end + 4).min(live.len())).find_map(|j| {
                    let w = s.words.get(*live.get(j)?)?;
                    let letters = w.folded.chars().filter(|c| c.is_alphabetic()).count();
                    let digits = w.folded.chars().filter(|c| c.is_ascii_digit()).count();
                    let code = !w.marker && digits >= 3 && (letters > 0 || digits >= 5);
                    code.then(|| written_code(s.text, w.start, w.end).to_string())
                });
                if let Some(value) = value {
                    let first = s.words.get(*i)?;
                    let last = s.words.get(*live.get(end - 1)?)?;
                    let label = s.text.get(first.start..last.end)?.to_lowercase();
                    return Some((label, value));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::written_code;

    /// The code around a word of it, as written.
    fn around(text: &str, word: &str) -> String {
        let start = text.find(word).unwrap_or_default();
        written_code(text, start, start + word.len()).to_string()
    }

    #[test]
    fn a_reference_is_the_code_as_written() {
        // The word reader splits "CLM/RI/2024/118273" where letters meet digits.
        let text = "Your claim number is CLM/RI/2024/118273. After review, it is approved.";
        assert_eq!(around(text, "2024/118273"), "CLM/RI/2024/118273");
        assert_eq!(around("on priority (SR98234561).", "SR98234561"), "SR98234561");
        assert_eq!(
            around("it is BGE-558713, anything else", "BGE-558713"),
            "BGE-558713"
        );
        // A marker beside it is no part of it.
        assert_eq!(around("ref AB123/[NAME_1] today", "AB123"), "AB123");
    }
}
