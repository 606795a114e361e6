//! The facilitator pack's guidance for running a session with a group: a 60- and a
//! 90-minute plan, ground rules, what to do if a participant is distressed and where to
//! signpost, and the presenter keys. The same for every scenario, apart from the figures
//! the plans take from it.

use yew::prelude::*;

use crate::engine::Scenario;
use crate::ui::presenter::KEYS;

pub fn plans(s: &Scenario) -> Html {
    let n = s.nodes.len();
    html! {
        <section class="plans" aria-labelledby="plans-h">
            <h2 id="plans-h">{ "Session plans" }</h2>
            <p>{ format!("A room usually meets four to six of the {n} decisions on its way to an ending. Allow five to eight minutes for each: reading, talk in pairs, a show of hands, the reveal.") }</p>
            <h3>{ "A 60-minute session" }</h3>
            <ol class="plan">
                <li>{ "5 min: welcome, ground rules, content notes, and how anyone can step out." }</li>
                <li>{ "5 min: introduce the client and the setting." }</li>
                <li>{ "35 min: run the scenario. At each decision, a minute in pairs, then hands, then reveal. Use the discussion prompt at two or three decisions, not all." }</li>
                <li>{ "10 min: the room's debrief: what the room chose, the patterns met, and one question." }</li>
                <li>{ "5 min: close. Ground the room, say where support is, and say you will stay behind." }</li>
            </ol>
            <h3>{ "A 90-minute session" }</h3>
            <ol class="plan">
                <li>{ "10 min: welcome, ground rules, content notes, and how anyone can step out." }</li>
                <li>{ "5 min: introduce the client, the setting and the learning outcomes." }</li>
                <li>{ "45 min: run the scenario with small groups at each decision, and the discussion prompt at most of them." }</li>
                <li>{ "10 min: at one or two decisions, go back and look at what another option would have done." }</li>
                <li>{ "15 min: the room's debrief, with the questions for discussion in small groups, then together." }</li>
                <li>{ "5 min: close. Ground the room, say where support is, and say you will stay behind." }</li>
            </ol>
        </section>
    }
}

pub fn ground_rules() -> Html {
    html! {
        <section class="ground-rules" aria-labelledby="rules-h">
            <h2 id="rules-h">{ "Ground rules to agree at the start" }</h2>
            <ul>
                <li>{ "What people say about themselves stays in the room." }</li>
                <li>{ "Nobody has to share anything personal, and nobody has to say why they step out." }</li>
                <li>{ "The client is fictional, the issues are real: challenge the response, not the person who chose it." }</li>
                <li>{ "Hands are not scores. Choosing an option that risks harm here is how the room learns." }</li>
                <li>{ "Speak from your own experience, and leave room for experiences unlike yours." }</li>
            </ul>
        </section>
    }
}

pub fn distress() -> Html {
    html! {
        <section class="distress" aria-labelledby="distress-h">
            <h2 id="distress-h">{ "If a participant is distressed" }</h2>
            <ul>
                <li>{ "Before you start, read the content notes aloud, say how to step out, and say where you will be afterwards." }</li>
                <li>{ "If someone seems distressed, pause the room (Esc shows a full-screen pause) and offer everyone a short break, so nobody is singled out." }</li>
                <li>{ "Check in privately and briefly. Do not ask them to explain in front of the group, and accept \"I'm okay\"." }</li>
                <li>{ "Let them choose whether to come back in, sit out, or leave. Follow up after the session." }</li>
                <li>{ "If someone may be at immediate risk, stay with them and call 999." }</li>
            </ul>
            <h3>{ "Where to signpost" }</h3>
            <ul class="signposts">
                <li>{ "Samaritans: 116 123, free, any time, day or night." }</li>
                <li>{ "NHS 111, option 2, for urgent mental health support in England." }</li>
                <li>{ "The participant's GP." }</li>
                <li>{ "Their clinical supervisor, tutor or course lead, and their own therapist if they have one." }</li>
            </ul>
        </section>
    }
}

pub fn keys() -> Html {
    html! {
        <section class="pack-keys" aria-labelledby="pack-keys-h">
            <h2 id="pack-keys-h">{ "Presenter keys" }</h2>
            <p>{ "A presentation clicker's forward, back and blank keys (PageDown, PageUp and .) run the session; the laptop's letters choose the room's option and count hands." }</p>
            <dl class="pack-keymap">
                { for KEYS.iter().map(|(k, what)| html! {
                    <div key={*k}><dt><kbd>{ *k }</kbd></dt><dd>{ *what }</dd></div>
                }) }
            </dl>
        </section>
    }
}
