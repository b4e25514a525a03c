use crate::redact::{PiiKind, Redactor};

fn names(text: &str) -> Vec<&str> {
    Redactor::default()
        .find(text)
        .into_iter()
        .filter(|m| m.kind == PiiKind::Name)
        .map(|m| &text[m.start..m.end])
        .collect()
}

#[test]
fn self_introductions_in_every_language() {
    assert_eq!(
        names("Hi, my name is Denise Albright and I'm calling about my bill."),
        ["Denise Albright"]
    );
    assert_eq!(
        names("Thanks for calling, this is Marcus, how can I help?"),
        ["Marcus"]
    );
    assert_eq!(
        names("hola, soy Lucía Fernández Ortega"),
        ["Lucía Fernández Ortega"]
    );
    assert_eq!(names("Guten Tag, mein Name ist Jonas Becker."), ["Jonas Becker"]);
    assert_eq!(
        names("Bonjour, je m'appelle Élodie Marchand."),
        ["Élodie Marchand"]
    );
    assert_eq!(names("Buongiorno, mi chiamo Giulia Rossi"), ["Giulia Rossi"]);
    assert_eq!(
        names("Olá, o meu nome é João Pedro da Silva"),
        ["João Pedro da Silva"]
    );
    assert_eq!(
        names("Goedemiddag, u spreekt met Sanne de Vries"),
        ["Sanne de Vries"]
    );
    assert_eq!(
        names("my name is denise albright and i need help"),
        ["denise albright"]
    );
}

#[test]
fn titles_greetings_and_sign_offs() {
    assert_eq!(names("Thank you, Ms. Albright."), ["Albright"]);
    assert_eq!(names("Sehr geehrte Frau Becker, vielen Dank."), ["Becker"]);
    assert!(names("Sehr geehrte Damen und Herren, vielen Dank.").is_empty());
    assert_eq!(names("Kind regards, Denise Albright"), ["Denise Albright"]);
    assert_eq!(names("Dear Priya, thanks for your patience."), ["Priya"]);
    assert_eq!(names("Cordialement, Élodie"), ["Élodie"]);
    assert_eq!(names("The doctor was kind. Dr. Patel saw me."), ["Patel"]);
}

#[test]
fn capitalised_known_names_without_a_cue() {
    assert_eq!(names("I spoke to Karen yesterday about it."), ["Karen"]);
    assert_eq!(
        names("Yesterday Denise Albright called twice."),
        ["Denise Albright"]
    );
}

#[test]
fn ordinary_words_that_are_names_stay() {
    for text in [
        "Will you send it? May I ask why?",
        "The grace period ends in June.",
        "It comes in Rose Gold and Space Grey.",
        "Mark as read, then press OK.",
        "We can grant a credit of $20 on Monday.",
        "I'm calling about the Premium Unlimited plan.",
        "Kind regards, The Northwind Team",
        "Thank you for calling Northwind Mobile.",
        "Hi there, I need help with my order.",
        "THIS IS RIDICULOUS, I WANT MY MONEY BACK NOW",
    ] {
        assert!(names(text).is_empty(), "{text}: {:?}", names(text));
    }
}

#[test]
fn spelled_out_names() {
    assert_eq!(names("that's A-L-B-R-I-G-H-T"), ["A-L-B-R-I-G-H-T"]);
}

#[test]
fn catalog_products_are_never_names() {
    let text = "I bought the Isabella Pro yesterday and it broke.";
    assert_eq!(
        names(text),
        ["Isabella Pro"],
        "a first name and an unknown word read as a person"
    );
    let redactor = Redactor::default().with_protected_terms(["Isabella Pro", "Aurora"]);
    assert!(redactor.find(text).is_empty());
}

#[test]
fn a_company_after_a_signature_is_not_the_surname() {
    let text = "Best regards, Daniel Northwind Connect";
    let found: Vec<&str> = crate::redact::Redactor::default()
        .find(text)
        .into_iter()
        .map(|m| &text[m.start..m.end])
        .collect();
    assert_eq!(found, ["Daniel"]);
}

#[test]
fn the_german_index_is_germans() {
    use crate::redact::lexicon::{GERMAN, index_of};
    assert_eq!(index_of("de-AT"), Some(GERMAN));
    assert_eq!(index_of("DE"), Some(GERMAN));
}

#[test]
fn initials_particles_and_dutch_account_holders() {
    assert_eq!(
        names("Het rekeningnummer staat t.n.v. J.K. Verhoeven, groet"),
        ["J.K. Verhoeven"]
    );
    assert_eq!(names("Beste heer Van der Linden, dank u."), ["Van der Linden"]);
    assert_eq!(
        names("Account name: R Okafor & T Okafor"),
        ["R Okafor & T Okafor"]
    );
    assert_eq!(
        names("de behandelingen van uw dochter Noor van der Wal zijn vergoed"),
        ["Noor van der Wal"]
    );
}

#[test]
fn a_customers_name_given_on_its_own() {
    use crate::transcript::{Channel, SpeakerRole::*, Transcript};
    let transcript = Transcript::from_turns(
        "c0ffee00-0000-4000-8000-000000000001",
        Channel::Message,
        Some("en-CA"),
        [
            (Agent, "Is the booking for yourself?"),
            (Customer, "yes. Chiamaka Obi. I need to move it to Friday"),
            (Agent, "Thanks Chiamaka, done. Anything else?"),
            (Customer, "Thank You. Good Morning to you too"),
        ],
    );
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    let texts: Vec<&str> = redacted.utterances.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(texts[1], "yes. [NAME_1]. I need to move it to Friday");
    assert_eq!(texts[2], "Thanks [NAME_1], done. Anything else?");
    assert_eq!(texts[3], "Thank You. Good Morning to you too");
}

#[test]
fn a_name_after_a_slash_on_a_doorbell() {
    use crate::transcript::{Channel, SpeakerRole::*, Transcript};
    let transcript = Transcript::from_turns(
        "c0ffee00-0000-4000-8000-000000000001",
        Channel::Chat,
        Some("it-IT"),
        [
            (Agent, "Buongiorno signora Ferraro, mi conferma l'indirizzo?"),
            (Customer, "Via Roma 12, citofono Ferraro/Lombardi"),
        ],
    );
    let redacted = Redactor::default().redact_transcript(&transcript).0;
    assert!(
        !redacted.utterances[1].text.contains("Lombardi"),
        "{}",
        redacted.utterances[1].text
    );
}

#[test]
fn day_and_month_abbreviations_and_german_prepositions_are_no_names() {
    for text in [
        "Your appointment is Wed Oct 9 at 3:15, see you then",
        "Delivery Sat Jun 14 between 8 and 12",
        "Bis Montag, hm. Und bis dahin?",
    ] {
        assert!(names(text).is_empty(), "{text}: {:?}", names(text));
    }
    // A person whose first name is also an abbreviation is still found with a surname.
    assert_eq!(names("I spoke with Thu Nguyen this morning"), ["Thu Nguyen"]);
}

#[test]
fn a_person_named_like_an_organisation_after_an_introduction() {
    use crate::transcript::SpeakerRole::*;
    let texts = crate::redact::context::tests::redacted_turns(
        "en-US",
        &[
            (Customer, "hi, my name is Emily Post and I have a question"),
            (Customer, "my husband is Tom Bank"),
        ],
    );
    assert_eq!(
        texts,
        [
            "hi, my name is [NAME_1] and I have a question",
            "my husband is [NAME_2]"
        ]
    );
}

/// A capital glued to a dash or a slash and digits is a flat's or a seat's code, no initial of
/// the name before it.
#[test]
fn a_letter_glued_to_digits_is_no_initial() {
    assert_eq!(
        names("Regards, Mohammed Irfan Shaikh B-14, Gulmohar Residency"),
        vec!["Mohammed Irfan Shaikh"]
    );
    assert_eq!(names("Thanks, Anil Mehta C/203 Silver Oaks"), vec!["Anil Mehta"]);
    // An initial with a space after it is one: "J. R. Tolkien".
    assert_eq!(names("Kind regards, Jonas R. Becker"), vec!["Jonas R. Becker"]);
}

#[test]
fn a_name_after_its_preposition_said_again_follows_the_cue() {
    // "That is my son's, Mark's": the preposition comes again before the name.
    assert_eq!(
        names("o nee, dat is van mijn zoon, van Mark. Mijn eigen nummer is anders."),
        vec!["Mark"]
    );
    assert_eq!(
        names("das ist die Nummer von meinem Sohn, von Jonas."),
        vec!["Jonas"]
    );
}
