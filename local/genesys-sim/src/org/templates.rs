//! Dialogue templates. Placeholders: `{p}` / `{p2}` (planted product mentions), `{agent}`,
//! `{cust}`, `{last}`, `{company}`, `{amount}`, `{day}`, `{order}`, `{ticket}`, `{minutes}`.
//! Product names appear ONLY through `{p}` / `{p2}` so the planted counts are exact.

pub use super::scenarios::{SCENARIOS, Scenario};

pub const COMPANY: &str = "Northwind Connect";

pub const QUEUES: &[&str] = &["Billing", "Technical Support", "Returns", "Sales"];

pub const AGENTS: &[&str] = &[
    "Maria Lopez",
    "James Carter",
    "Aisha Khan",
    "Tom Becker",
    "Priya Nair",
    "Lukas Meyer",
    "Chen Wei",
    "Sofia Rossi",
    "Daniel Okafor",
    "Emma Clarke",
    "Hiro Tanaka",
    "Grace Mensah",
];
pub const FIRST_NAMES: &[&str] = &[
    "Alex", "Jordan", "Sam", "Taylor", "Morgan", "Jamie", "Chris", "Pat", "Robin", "Casey", "Dana", "Lee",
    "Noor", "Ivan", "Fatima", "Olivia", "Liam", "Mia", "Noah", "Zoe",
];
pub const LAST_NAMES: &[&str] = &[
    "Smith", "Johnson", "Garcia", "Brown", "Miller", "Davis", "Wilson", "Moore", "Anderson", "Thomas",
    "Martin", "Lee", "Walker", "Hall", "Young", "King", "Wright", "Scott",
];
pub const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

pub const VOICE_GREETINGS: &[&str] = &[
    "Thank you for calling {company}, my name is {agent}. How can I help you today?",
    "Hi, you're through to {agent} at {company}. What can I do for you?",
    "Good morning, {company} support, this is {agent} speaking.",
];
pub const TEXT_GREETINGS: &[&str] = &[
    "Hi {cust}, you're chatting with {agent} from {company}. How can I help?",
    "Hello! This is {agent} with {company} support. What can I do for you today?",
    "Hi there, {agent} here. I've read your message, let me take a look.",
];
pub const VERIFY: &[(&str, &str)] = &[
    (
        "Before we start, can I get the full name on the account?",
        "Sure, it's {cust} {last}.",
    ),
    (
        "Could you confirm your name and the postcode on the account?",
        "{cust} {last}, and the postcode is the one on file.",
    ),
    (
        "For security, can you confirm your date of birth?",
        "Yes, it's the fourth of March.",
    ),
];
/// (agent ask, customer answer with PII). `{email}` etc. are filled by the generator.
pub const PII: &[(&str, &str)] = &[
    (
        "What's the best email address to reach you?",
        "You can use {email}.",
    ),
    ("Can I get a callback number?", "Sure, call me on {phone}."),
    (
        "Which card would you like the refund to go to?",
        "The card ending, well the whole number is {card}.",
    ),
    (
        "I need to verify your identity, can you give me the last four of your social?",
        "Actually my full social is {ssn}.",
    ),
    (
        "Where should we send the refund?",
        "Please send it to my bank account, the IBAN is {iban}.",
    ),
    (
        "Is there an alternative number we can use?",
        "My work number is {intl_phone}.",
    ),
];
pub const EMAILS: &[&str] = &[
    "jane.doe@example.com",
    "m.rossi@example.org",
    "alex.k@mail.example.net",
];
pub const PHONES: &[&str] = &["(555) 201-3344", "555-867-5309", "+1 415 555 0132"];
pub const INTL_PHONES: &[&str] = &["+44 20 7946 0958", "+49 30 901820", "+33 1 09 75 83 51"];
pub const CARDS: &[&str] = &["4111 1111 1111 1111", "5500 0000 0000 0004", "3400 000000 00009"];
pub const SSNS: &[&str] = &["123-45-6789", "078-05-1120"];
pub const IBANS: &[&str] = &["GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00"];

pub const CUSTOMER_ACKS: &[&str] = &[
    "Okay, that works for me.",
    "Great, thank you so much.",
    "Alright, I appreciate the help.",
    "Fine, as long as it gets sorted.",
];
pub const AGENT_CHECKS: &[&str] = &[
    "Is there anything else I can help you with today?",
    "Anything else I can do for you?",
];
pub const CUSTOMER_BYES: &[&str] = &[
    "No, that's everything. Thanks!",
    "No, that's all. Bye.",
    "That's it, thanks again.",
];
pub const AGENT_BYES: &[&str] = &[
    "Thank you for contacting {company}. Have a great day!",
    "Thanks {cust}, take care.",
];
pub const IVR_OPENERS: &[&str] = &[
    "Thank you for calling {company}. This call may be recorded for quality and training purposes.",
    "Welcome to {company}. Calls are recorded to help us improve our service.",
];
pub const IVR_ASK: &str = "In a few words, please tell me what you're calling about.";
pub const IVR_TRANSFER: &str = "Thanks. Please hold while I connect you to the next available agent.";

/// Long-call filler: (agent, customer). May contain `{p}`.
pub const TROUBLESHOOT: &[(&str, &str)] = &[
    ("Let me place you on a brief hold while I check that.", "Okay."),
    (
        "Thanks for holding, {cust}. I'm still looking into it.",
        "No problem.",
    ),
    (
        "Can you open the app and tell me what it shows on the home screen?",
        "It says there is no connection.",
    ),
    (
        "Please go to settings and select reset network settings.",
        "Okay, it's asking me to confirm.",
    ),
    (
        "Go ahead and confirm, then wait about a minute.",
        "It's rebooting now.",
    ),
    ("What does the {p} show now?", "Same as before, unfortunately."),
    (
        "I'm going to check the logs on our side.",
        "Sure, take your time.",
    ),
    (
        "Can you read me the serial number on the back of the {p}?",
        "It's a long one, hold on, let me find my glasses.",
    ),
    (
        "I'm going to try a remote reset of the {p}.",
        "Okay, the lights just went off.",
    ),
    ("Let me ask my supervisor about this one.", "Sure."),
    (
        "Could you try connecting with a cable instead of wireless?",
        "I'll need to find a cable, one second.",
    ),
    (
        "Is anything else plugged into the same power strip?",
        "Just the lamp and the phone charger.",
    ),
    (
        "I see the signal level is a bit low on our side.",
        "Is that why it keeps failing?",
    ),
    (
        "Let's try a different channel in the settings.",
        "Okay, I changed it to the other one.",
    ),
    (
        "Can you check whether the app is on the latest version?",
        "It says there is an update, should I install it?",
    ),
    (
        "Yes, please install it and reopen the app.",
        "Okay, it's installing, the bar is almost full.",
    ),
    (
        "While that runs, can you tell me when this first started?",
        "I think it was right after the storm last week.",
    ),
    (
        "I'm adding notes to your case so nobody asks you this again.",
        "Thank you, I've explained it three times already.",
    ),
    (
        "Could you move the {p} closer to the window?",
        "Sure, give me a second, the cable is short.",
    ),
    (
        "Let me check if there's a known issue with the {p}.",
        "Okay, I'll hold.",
    ),
    (
        "Our engineers flagged a similar problem yesterday.",
        "So it's not just me then.",
    ),
    (
        "I'm sending a test signal now, tell me if anything changes.",
        "The light is blinking faster now.",
    ),
    (
        "That's expected, it's receiving the new settings.",
        "Okay, it stopped blinking.",
    ),
    (
        "Can you try making a call or loading a web page now?",
        "The page is loading, but very slowly.",
    ),
    (
        "I'm going to transfer the case to our second line team, please stay on the line.",
        "Alright, I'll wait.",
    ),
    (
        "Sorry for the long wait, the second line team is reviewing the logs.",
        "It's fine, I just need it to work.",
    ),
];
