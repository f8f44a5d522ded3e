"""The Rasa component (bot/components/safeguarding_net.py): sets the tier's intent and a known kind, counts DIET's
score, and checks messages starting with "/" unless they are exactly a button payload of the domain."""
import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.safeguarding_net import SafeguardingNet, payload_words
from safeguarding.kinds import KINDS
from safeguarding import verdict

DIET_THRESHOLD = 0.5


@pytest.fixture(scope="module")
def component():
    return SafeguardingNet({})


def run(component, text, ranking=None):
    message = Message({TEXT: text})
    if ranking:
        message.set(INTENT, ranking[0])
        message.set(INTENT_RANKING_KEY, ranking)
    component.process([message])
    return message


def category(message):
    return [e["value"] for e in message.get(ENTITIES) or [] if e["entity"] == "safeguarding_category"]


def test_a_disclosure_gets_the_urgent_intent_and_a_known_kind(component):
    message = run(component, "my step dad hits me", [{"name": "greet", "confidence": 0.9}])
    assert message.get(INTENT)["name"] == "safeguarding_disclosure"
    assert category(message) and category(message)[0] in KINDS


def test_a_concern_gets_the_concern_intent(component):
    message = run(component, "i feel like nobody cares about me", [{"name": "express_upset", "confidence": 0.8}])
    assert message.get(INTENT)["name"] in ("safeguarding_concern", "safeguarding_disclosure")


def test_careers_talk_keeps_the_model_s_intent(component):
    message = run(component, "how much do nurses earn", [{"name": "ask_pay", "confidence": 0.9}])
    assert message.get(INTENT)["name"] == "ask_pay" and not category(message)


def test_diet_s_score_counts_above_its_threshold_when_switched_on(component, monkeypatch):
    monkeypatch.setattr(verdict, "DIET_THRESHOLD", DIET_THRESHOLD)
    ranking = [{"name": "safeguarding_disclosure", "confidence": DIET_THRESHOLD + 0.05},
               {"name": "ask_pay", "confidence": 0.2}]
    message = run(component, "how do i become an electrician", ranking)
    assert message.get(INTENT)["name"] in ("safeguarding_disclosure", "safeguarding_concern")
    assert "diet" in message.get("safeguarding")["detectors"]


def test_the_model_alone_below_the_threshold_decides_nothing(component):
    ranking = [{"name": "safeguarding_disclosure", "confidence": DIET_THRESHOLD - 0.05},
               {"name": "ask_pay", "confidence": 0.1}]
    message = run(component, "how do i become an electrician", ranking)
    assert message.get(INTENT)["name"] == "nlu_fallback"


@pytest.mark.parametrize("text", ["/i want to kill myself", "/stop@0.9 i want to kill myself",
                                  '/stop{"slot_id": "1"} my dad hits me', "/stop my dad hits me",
                                  '/choose_slot{"slot_id": "my dad hits me"}'])
def test_slash_messages_are_checked_and_lose_the_slash_so_rasa_cannot_override_them(component, text):
    message = run(component, text, [{"name": "nlu_fallback", "confidence": 1.0}])
    assert message.get(INTENT)["name"] == "safeguarding_disclosure", text
    assert not message.get(TEXT).startswith("/")


@pytest.mark.parametrize("text", ["/book_interview", '/choose_slot{"slot_id":"3"}', "/ask_pay"])
def test_button_payloads_of_the_domain_are_left_to_rasa(component, text):
    message = run(component, text)
    assert message.get(TEXT) == text and message.get(INTENT) is None


def test_payload_words():
    intents, entities = {"stop", "choose_slot"}, {"slot_id"}
    assert payload_words("/stop", intents, entities) == ""
    assert payload_words('/choose_slot{"slot_id":"3"}', intents, entities) == "3"
    assert payload_words("/stop now", intents, entities) is None
    assert payload_words("/stop@0.5", intents, entities) is None
    assert payload_words('/choose_slot{"other":"x"}', intents, entities) is None
    assert payload_words("/unknown_intent", intents, entities) is None


def test_an_overruled_safeguarding_guess_falls_back_to_the_model_s_next_intent(component):
    ranking = [{"name": "safeguarding_disclosure", "confidence": 0.4}, {"name": "ask_job_info", "confidence": 0.5},
               {"name": "ask_pay", "confidence": 0.1}]
    message = run(component, "how do i become an electrician", ranking)
    assert message.get(INTENT)["name"] == "ask_job_info" and message.get(INTENT)["confidence"] > 0.8
