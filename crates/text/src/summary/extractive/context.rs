//! What rewriting needs to know about the call: the company the customer got in touch with and
//! how the agent addressed the customer.

use super::clause::Sentence;
use super::lang::{Context, Gender, Rules, capitalised_run};
use crate::transcript::{SpeakerRole, Transcript};

/// Agent utterances searched for the company's name.
const GREETING_UTTERANCES: usize = 3;

pub(crate) fn of(transcript: &Transcript, sentences: &[Sentence<'_>], rules: &dyn Rules) -> Context {
    Context {
        company: company(transcript, rules),
        gender: gender(sentences, rules),
        channel: Some(transcript.media_type),
    }
}

/// The company as the IVR or the agent's greeting names it.
fn company(transcript: &Transcript, rules: &dyn Rules) -> Option<String> {
    let ivr = transcript
        .utterances
        .iter()
        .filter(|u| u.speaker == SpeakerRole::IvrBot)
        .take(GREETING_UTTERANCES);
    let agent = transcript
        .utterances
        .iter()
        .filter(|u| u.speaker == SpeakerRole::Agent)
        .take(GREETING_UTTERANCES);
    let greetings: Vec<&str> = ivr.chain(agent).map(|u| u.text.as_str()).collect();
    if let Some(name) = greetings.iter().find_map(|text| rules.company(text)) {
        return Some(name);
    }
    // "Nordstern Bank, Sperrservice, ...": an agent who answers with the company's name.
    let first = transcript
        .utterances
        .iter()
        .find(|u| u.speaker == SpeakerRole::Agent)?;
    let head = first.text.split([',', '.', '!', ':']).next()?;
    let name = capitalised_run(head)?;
    (name.len() + 2 >= head.trim().len() || name.split_whitespace().count() >= 2).then_some(name)
}

/// The customer's gender from the agent's forms of address ("Frau [NAME_1]", "señora") and the
/// customer's own agreeing words; unknown when the cues disagree or there are none.
fn gender(sentences: &[Sentence<'_>], rules: &dyn Rules) -> Gender {
    let (mut male, mut female) = (0usize, 0usize);
    for s in sentences {
        for (i, w) in s.words.iter().enumerate() {
            let next_is_name = s.words.get(i + 1).is_some_and(|n| n.marker);
            let cue = rules.gender_cue(&w.folded, next_is_name, s.speaker == SpeakerRole::Agent);
            match cue {
                Some(Gender::Male) => male += 1,
                Some(Gender::Female) => female += 1,
                _ => {}
            }
        }
    }
    match male.cmp(&female) {
        std::cmp::Ordering::Greater => Gender::Male,
        std::cmp::Ordering::Less => Gender::Female,
        std::cmp::Ordering::Equal => Gender::Unknown,
    }
}
