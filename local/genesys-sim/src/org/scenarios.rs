//! Scenario templates (see `templates` for the placeholders).

use crate::catalog::Category;

pub struct Scenario {
    pub key: &'static str,
    pub topic: &'static str,
    pub topic_keyword: &'static str,
    pub ivr_reason: &'static str,
    pub subject: &'static str,
    pub queue: usize,
    pub wrapup: &'static str,
    pub p_categories: &'static [Category],
    pub p2_categories: &'static [Category],
    /// Customer states the problem (contains `{p}`).
    pub openers: &'static [&'static str],
    /// (agent question, customer answer)
    pub exchanges: &'static [(&'static str, &'static str)],
    /// Agent resolves.
    pub resolutions: &'static [&'static str],
    pub commitments: &'static [&'static str],
    /// Summary parts; `{P}`/`{P2}` are canonical product names.
    pub reason: &'static str,
    pub resolution: &'static str,
    pub outcome: &'static str,
    pub faqs: &'static [(&'static str, &'static str)],
}

use Category::*;

pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        key: "billing_dispute",
        topic: "Billing dispute",
        topic_keyword: "charge",
        ivr_reason: "billing",
        subject: "Question about a charge on my bill",
        queue: 0,
        wrapup: "Billing - Adjustment",
        p_categories: &[Plan, Device],
        p2_categories: &[Plan],
        openers: &[
            "Hi, I was charged {amount} on my last bill for the {p} and I never agreed to that.",
            "I'm calling because my bill went up by {amount} and it says it's for the {p}.",
            "There's a charge of {amount} for {p} on my statement that I don't recognize.",
            "I think I was double billed for the {p} this month, I see {amount} twice.",
        ],
        exchanges: &[
            (
                "Can you tell me the date on the statement you're looking at?",
                "It's the one from last {day}, the total was way higher than usual.",
            ),
            (
                "Did you make any changes to your account recently?",
                "No, the only thing I have is the {p} and I haven't touched it.",
            ),
            (
                "I see a promotional discount that expired on your account. Were you told about that?",
                "Nobody told me the discount would end, that's really frustrating.",
            ),
            (
                "Just to confirm, is the {p} the only service on this account?",
                "Yes, just that one, plus the basic line.",
            ),
            (
                "I can see the charge here. It looks like it was applied twice by mistake.",
                "Okay, so can you take it off?",
            ),
        ],
        resolutions: &[
            "I've reversed the duplicate charge of {amount}; you'll see the credit on your next statement.",
            "I applied a one-time credit of {amount} to your account and restored the promotional rate.",
            "I've opened a billing dispute, reference {ticket}, and put the disputed amount on hold so no late fee applies.",
        ],
        commitments: &[
            "I'll escalate this to our billing team and they will contact you within two business days.",
            "I'll email you the confirmation within 24 hours.",
            "We will call you back tomorrow once the credit has posted.",
        ],
        reason: "Customer disputed a charge on their bill related to the {P}.",
        resolution: "Agent verified the account and credited the disputed amount.",
        outcome: "Resolved",
        faqs: &[
            (
                "How do I dispute a charge on my bill?",
                "Open a billing dispute from the account page or ask an agent; disputed amounts are put on hold for 60 days.",
            ),
            (
                "When do promotional discounts expire?",
                "Promotional discounts last 12 months and the end date is shown on the plan details page.",
            ),
        ],
    },
    Scenario {
        key: "outage",
        topic: "Service outage",
        topic_keyword: "outage",
        ivr_reason: "technical support",
        subject: "Internet keeps dropping",
        queue: 1,
        wrapup: "Tech Support - Outage",
        p_categories: &[Network],
        p2_categories: &[Plan],
        openers: &[
            "My internet has been down since this morning and the lights on my {p} are blinking red.",
            "The connection keeps dropping every few minutes, I have the {p} and the {p2}.",
            "I have no service at all. Is there an outage in my area? I'm using the {p}.",
            "Since {day} my {p} keeps restarting on its own and I lose the connection.",
        ],
        exchanges: &[
            (
                "Can you tell me what color the status light is right now?",
                "It's flashing orange, then it goes solid red.",
            ),
            (
                "Could you unplug the {p} for thirty seconds and plug it back in?",
                "Okay, done. It's starting up again.",
            ),
            (
                "I'm running a line test from my side, this will take a minute.",
                "Sure, no problem, I'll wait.",
            ),
            (
                "Are other devices in the house also offline?",
                "Yes, nothing works, not even the TV.",
            ),
            (
                "I can see there is a local outage affecting your neighborhood.",
                "How long is it going to take? I work from home.",
            ),
            (
                "Is the cable firmly connected to the wall socket?",
                "Yes, I checked that twice already.",
            ),
        ],
        resolutions: &[
            "The outage in your area should be fixed within {minutes} minutes; I've added your line to the incident, reference {ticket}.",
            "I pushed a firmware update to the {p} and the line test now passes.",
            "I've booked a technician visit for {day} between 8 and 12 to replace the faulty equipment.",
        ],
        commitments: &[
            "We will call you back tomorrow to confirm everything is working.",
            "I'll send a replacement by Friday if the line test fails again.",
            "A technician will visit on {day} between 8 and 12.",
        ],
        reason: "Customer reported loss of internet service with their {P}.",
        resolution: "Agent ran diagnostics, identified the fault and arranged a fix.",
        outcome: "Partially resolved",
        faqs: &[
            (
                "What do the status lights on my router mean?",
                "Solid white means connected, flashing orange means no signal, red means a hardware fault.",
            ),
            (
                "How do I check for outages in my area?",
                "Use the service status page or the app; known outages list an estimated fix time.",
            ),
        ],
    },
    Scenario {
        key: "return",
        topic: "Product return",
        topic_keyword: "return",
        ivr_reason: "returns",
        subject: "Return request",
        queue: 2,
        wrapup: "Returns - RMA Issued",
        p_categories: &[Device, Home],
        p2_categories: &[Device],
        openers: &[
            "I'd like to return the {p} I bought two weeks ago, it stopped charging.",
            "The {p} arrived with a cracked screen and I want to send it back.",
            "I need to return my {p}, it's not compatible with my {p2}.",
            "Can I exchange the {p} for a different model? It doesn't work for me.",
        ],
        exchanges: &[
            ("Do you have the order number handy?", "Yes, it's {order}."),
            (
                "Is the device still in its original packaging?",
                "I kept the box, but the plastic wrap is gone.",
            ),
            (
                "When did you first notice the problem?",
                "Pretty much right after I set it up on {day}.",
            ),
            (
                "Have you tried a factory reset on the {p}?",
                "I did, twice, and it made no difference.",
            ),
            (
                "Would you prefer a refund or a replacement?",
                "A replacement is fine if it can come quickly.",
            ),
        ],
        resolutions: &[
            "I've issued a return authorization, number {ticket}, and emailed you a prepaid shipping label.",
            "Since it's within 30 days, I've approved an exchange for a new {p}.",
            "I've processed a full refund of {amount} to your original payment method.",
        ],
        commitments: &[
            "I'll send a replacement by Friday.",
            "Please upload the receipt through the link I'm sending you.",
            "Please reply with a photo of the serial number label.",
        ],
        reason: "Customer wanted to return a faulty {P}.",
        resolution: "Agent issued a return authorization and arranged a replacement or refund.",
        outcome: "Resolved",
        faqs: &[
            (
                "What is the return policy?",
                "Devices can be returned within 30 days in their original packaging with proof of purchase.",
            ),
            (
                "How long does a refund take?",
                "Refunds reach the original payment method within 5 to 7 business days.",
            ),
        ],
    },
    Scenario {
        key: "plan_change",
        topic: "Plan change",
        topic_keyword: "upgrade",
        ivr_reason: "change my plan",
        subject: "Changing my plan",
        queue: 3,
        wrapup: "Sales - Plan Change",
        p_categories: &[Plan],
        p2_categories: &[Plan],
        openers: &[
            "I want to switch from the {p} to the {p2}, what would that cost?",
            "I'm thinking about downgrading my {p}, it's too expensive for what I use.",
            "Can you tell me the difference between the {p} and the {p2}?",
            "My contract on the {p} ends soon and I'd like to upgrade.",
        ],
        exchanges: &[
            (
                "How many people in your household use the service?",
                "Four of us, and the kids stream a lot.",
            ),
            (
                "Would you like to keep your current number and email address?",
                "Yes, definitely keep everything the same.",
            ),
            (
                "The {p2} would be {amount} per month with a twelve month term. Does that work?",
                "That's a bit more than I hoped, is there any discount?",
            ),
            (
                "I can waive the activation fee if you switch today.",
                "Okay, that helps, let's do it.",
            ),
            (
                "Do you want the change to start now or at the next billing cycle?",
                "Next billing cycle is better for me.",
            ),
        ],
        resolutions: &[
            "I've switched you to the {p2} starting with your next billing cycle.",
            "Your plan change is scheduled for {day} and the activation fee has been waived.",
            "I've kept you on the {p} and added a loyalty discount of {amount} per month.",
        ],
        commitments: &[
            "I'll email you the confirmation within 24 hours.",
            "You will receive the new contract by email; please sign it by {day}.",
            "We will call you back tomorrow to finish the upgrade.",
        ],
        reason: "Customer asked to change their plan from the {P} to the {P2}.",
        resolution: "Agent explained the options and scheduled the plan change.",
        outcome: "Resolved",
        faqs: &[
            (
                "Can I change my plan mid-contract?",
                "Upgrades are possible any time; downgrades take effect at the end of the current term.",
            ),
            (
                "Is there an activation fee for plan changes?",
                "A one-time activation fee applies; agents may waive it for loyalty offers.",
            ),
        ],
    },
    Scenario {
        key: "product_question",
        topic: "Product question",
        topic_keyword: "compatible",
        ivr_reason: "product information",
        subject: "Question before I buy",
        queue: 3,
        wrapup: "Sales - Information",
        p_categories: &[Device, Home, Network],
        p2_categories: &[Device, Home, Network],
        openers: &[
            "Does the {p} work with the {p2}?",
            "I'm looking at the {p}, does it support fast charging?",
            "What's the battery life on the {p} compared to the {p2}?",
            "Can I use the {p} abroad, or is it locked to your network?",
        ],
        exchanges: &[
            (
                "What will you mainly use it for?",
                "Mostly video calls and some music streaming.",
            ),
            (
                "Do you already have any of our other devices at home?",
                "Yes, I have the {p2} in the living room.",
            ),
            (
                "The {p} is fully compatible and sets up through the same app.",
                "Oh nice, that makes it easy.",
            ),
            (
                "Would you like me to check stock at your nearest store?",
                "Sure, that would be great.",
            ),
        ],
        resolutions: &[
            "Yes, the {p} is compatible, and I've sent you the setup guide by email.",
            "I've placed an order for the {p} with free delivery, order {order}.",
            "I've reserved a {p} for pick-up at your nearest store.",
        ],
        commitments: &[
            "I'll email you the comparison sheet within 24 hours.",
            "We will call you back tomorrow when the new stock arrives.",
            "Please upload the receipt if you want the price match applied.",
        ],
        reason: "Customer asked about features and compatibility of the {P}.",
        resolution: "Agent answered the product questions and sent further information.",
        outcome: "Resolved",
        faqs: &[
            (
                "Which devices work with the home app?",
                "All current Northwind devices pair with the home app over Wi-Fi or Bluetooth.",
            ),
            (
                "Are devices unlocked?",
                "Devices bought outright are unlocked; financed devices unlock after 60 days.",
            ),
        ],
    },
    Scenario {
        key: "delivery",
        topic: "Delivery issue",
        topic_keyword: "delivery",
        ivr_reason: "order status",
        subject: "Where is my order?",
        queue: 2,
        wrapup: "Orders - Delivery",
        p_categories: &[Device, Home],
        p2_categories: &[Device],
        openers: &[
            "I ordered the {p} a week ago and it still hasn't arrived.",
            "The tracking for my {p} says delivered but there's nothing at my door.",
            "My order for the {p} shows it's stuck in transit since {day}.",
        ],
        exchanges: &[
            ("Can you confirm the order number for me?", "It's {order}."),
            (
                "Is the delivery address still correct?",
                "Yes, same address as always.",
            ),
            (
                "I can see the courier marked it as delivered at 2pm.",
                "Well I was home all day and nobody came.",
            ),
            (
                "Did a neighbor maybe take it in?",
                "I asked around, nobody has it.",
            ),
        ],
        resolutions: &[
            "I've opened a trace with the courier, reference {ticket}, and reserved a replacement {p}.",
            "I've upgraded the shipment to express at no cost; it should arrive by {day}.",
            "I've reshipped the order and cancelled the original shipment.",
        ],
        commitments: &[
            "I'll send a replacement by Friday.",
            "We will call you back tomorrow with the courier's answer.",
            "Please upload a photo of your mailbox area if the courier asks for proof.",
        ],
        reason: "Customer's {P} order had not arrived.",
        resolution: "Agent traced the shipment and arranged a replacement delivery.",
        outcome: "Resolved",
        faqs: &[
            (
                "How do I track my order?",
                "Open the order in the app; tracking updates within 4 hours of dispatch.",
            ),
            (
                "What if my parcel is marked delivered but missing?",
                "Wait 24 hours, then contact us to open a courier trace.",
            ),
        ],
    },
];
