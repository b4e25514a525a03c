//! An outcome the call reports only as reached ("Hat funktioniert!!", "ok that worked") that a
//! summary says was not ([`super::outcomes`]); a call that says it both ways settles nothing.

use super::test_calls::{call, check, negation};
use crate::transcript::SpeakerRole::{Agent, Customer};

#[test]
fn an_outcome_reported_reached_is_not_a_failure() {
    let c = call(
        "de-AT",
        &[
            (Customer, "Mein Handy sagt SIM gesperrt, PUK eingeben."),
            (
                Agent,
                "Dein PUK lautet 84172903. Bitte gib ihn genau so ein und danach einen neuen PIN.",
            ),
            (Customer, "Hat funktioniert!! danke"),
        ],
    );
    let v = check(
        &c,
        "Der Mitarbeiter gab den PUK durch, woraufhin die Entsperrung mit neuem PIN nicht funktionierte.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);
    let v = check(
        &c,
        "Der Mitarbeiter gab den PUK durch, woraufhin die Entsperrung mit neuem PIN funktionierte.",
        vec![],
    );
    assert!(v.findings.is_empty(), "{:?}", v.findings);

    let c = call(
        "en-GB",
        &[
            (
                Agent,
                "Please restart the router and then enter the new wifi password.",
            ),
            (Customer, "ok that worked, thanks"),
        ],
    );
    let v = check(&c, "Restarting the router did not work.", vec![]);
    assert!(negation(&v), "{:?}", v.findings);
}

#[test]
fn an_outcome_said_both_ways_settles_nothing() {
    let c = call(
        "en-GB",
        &[
            (
                Customer,
                "The first restart didn't work, the router still blinks red.",
            ),
            (
                Agent,
                "Please restart the router again and hold the reset button.",
            ),
            (Customer, "ok that worked, thanks"),
        ],
    );
    let v = check(&c, "The first restart of the router did not work.", vec![]);
    assert!(!negation(&v), "{:?}", v.findings);
}

/// A charge stated under an exception the call then settles ("unless you're exempt" ... "then
/// there's nothing to pay"): a summary that keeps it says what the call set aside
/// ([`super::conditions`]).
#[test]
fn what_the_call_set_aside_under_its_exception_does_not_apply() {
    let c = call(
        "en-GB",
        &[
            (
                Agent,
                "It should be ready after 4pm tomorrow. There's the usual £9.90 charge per item unless you're exempt.",
            ),
            (Customer, "I have a prepayment certificate"),
            (
                Agent,
                "Perfect, then there's nothing to pay. Your reference is RX-55021.",
            ),
        ],
    );
    let v = check(
        &c,
        "As the customer has a prepayment certificate, the usual £9.90 charge per item still applies.",
        vec![],
    );
    assert!(negation(&v), "{:?}", v.findings);
    for fine in [
        "As the customer has a prepayment certificate, the usual £9.90 charge per item does not apply.",
        "The usual £9.90 charge per item applies unless the customer is exempt.",
    ] {
        let v = check(&c, fine, vec![]);
        assert!(!negation(&v), "{fine}: {:?}", v.findings);
    }
}
