//! Which of two offered options the call took ([`super::choices`]): a summary that takes the
//! other one is stopped; one that takes the right one, reports the offer, or names the other
//! as not taken passes.

use super::test_calls::{call, check};
use super::*;
use crate::transcript::SpeakerRole::{Agent, Customer};

fn kinds(v: &Verification) -> Vec<ErrorKind> {
    v.findings.iter().map(|f| f.kind).collect()
}

#[test]
fn a_slot_the_customer_turned_down_is_caught() {
    let c = call(
        "en-GB",
        &[
            (
                Agent,
                "I can book your review now. We have Wednesday 12 March at 10:40 or Friday 14 March at 15:20 with the practice nurse.",
            ),
            (Customer, "Wednesday 10.40 please"),
            (Agent, "Lovely, that's booked."),
        ],
    );
    let v = check(
        &c,
        "The agent booked the review with the practice nurse for Friday 14 March at 15:20.",
        vec![],
    );
    assert_eq!(kinds(&v), vec![ErrorKind::Date], "{:?}", v.findings);
    for fine in [
        "The agent booked the review with the practice nurse for Wednesday 12 March at 10:40.",
        "The agent offered the review with the practice nurse on Wednesday 12 March or Friday 14 March.",
        "The customer took the review on Wednesday rather than Friday.",
        // Another Friday, about something else.
        "The customer's tablets ran out on Friday.",
    ] {
        let v = check(&c, fine, vec![]);
        assert!(v.findings.is_empty(), "{fine}: {:?}", v.findings);
    }
}

#[test]
fn a_plan_or_a_day_chosen_in_other_words_is_read() {
    let c = call(
        "en-GB",
        &[
            (
                Agent,
                "I can set you up on our Fixed Saver tariff at about a hundred and twelve pounds a month, or you can stay on Flex Standard.",
            ),
            (Customer, "the fixed saver sounds good"),
        ],
    );
    let v = check(&c, "The customer chose to stay on Flex Standard.", vec![]);
    assert_eq!(kinds(&v), vec![ErrorKind::Entity], "{:?}", v.findings);
    for fine in [
        "The customer chose the Fixed Saver tariff rather than staying on Flex Standard.",
        // The built-in summary's reading of the offer: an option, not the one taken.
        "The customer can stay on Flex Standard.",
    ] {
        let v = check(&c, fine, vec![]);
        assert!(v.findings.is_empty(), "{fine}: {:?}", v.findings);
    }

    // "Donderdagvoormiddag" answers with Thursday.
    let c = call(
        "nl-BE",
        &[
            (
                Agent,
                "Ik kan een technieker sturen op donderdag tussen acht en twaalf, of vrijdag tussen één en vijf.",
            ),
            (Customer, "Donderdagvoormiddag. Maar dan moet hij ook echt komen."),
        ],
    );
    let v = check(&c, "Er komt een technieker op vrijdag.", vec![]);
    assert_eq!(kinds(&v), vec![ErrorKind::Date], "{:?}", v.findings);
    let v = check(&c, "Er komt een technieker op donderdag.", vec![]);
    assert!(v.findings.is_empty(), "{:?}", v.findings);
}

#[test]
fn an_offer_nobody_answered_settles_nothing() {
    let c = call(
        "en-US",
        &[
            (
                Agent,
                "The technician can come Monday morning or Tuesday afternoon.",
            ),
            (Customer, "let me check with my wife and call you back"),
        ],
    );
    for claim in [
        "The technician will come on Tuesday afternoon.",
        "The technician will come on Monday morning.",
    ] {
        let v = check(&c, claim, vec![]);
        assert!(!kinds(&v).contains(&ErrorKind::Date), "{claim}: {:?}", v.findings);
    }
}
