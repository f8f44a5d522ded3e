"""An action's slot settings that change nothing are dropped before Rasa saves them (bot/action_events.py)."""
import asyncio

from bot.action_events import trim_result, trimmed
from bot.action_server import run_action


def slot(name, value):
    return {"event": "slot", "name": name, "value": value, "timestamp": None}


def test_a_slot_set_to_the_value_it_holds_is_dropped_and_a_change_is_kept():
    before = {"soc_code": "5315", "pending_intent": None, "last_intent": "ask_pay"}
    events = [slot("soc_code", "5315"), slot("pending_intent", None), slot("last_intent", "ask_outlook")]
    assert trimmed("action_outlook", before, events) == [slot("last_intent", "ask_outlook")]


def test_a_slot_set_twice_keeps_only_its_last_setting_in_place():
    bot = {"event": "bot", "text": "hello"}
    events = [slot("pending_intent", None), bot, slot("pending_intent", "ask_pay"), slot("soc_code", "1")]
    assert trimmed("action_pay", {"pending_intent": None}, events) == [bot, slot("pending_intent", "ask_pay"),
                                                                      slot("soc_code", "1")]


def test_a_slot_changed_and_changed_back_in_one_response_is_dropped():
    events = [slot("sector_id", "x"), slot("sector_id", None)]
    assert trimmed("action_pay", {"sector_id": None}, events) == []


def test_lists_are_compared_by_value_and_unknown_slots_are_kept():
    explored = [{"topic": "pay", "soc_code": "5315"}]
    events = [slot("explored", [{"topic": "pay", "soc_code": "5315"}]), slot("not_in_tracker", None)]
    assert trimmed("action_pay", {"explored": explored}, events) == [slot("not_in_tracker", None)]


def test_form_validation_and_resets_are_left_alone():
    events = [slot("pupil_first_name", "Sam")]
    assert trimmed("validate_booking_form", {"pupil_first_name": "Sam"}, events) == events
    events = [{"event": "restart"}, slot("soc_code", "5315")]
    assert trimmed("action_restart_chat", {"soc_code": "5315"}, events) == events


def test_the_action_server_returns_trimmed_events():
    class Executor:
        async def run(self, action_call):
            return {"events": [slot("soc_code", "5315"), slot("last_intent", "ask_pay")], "responses": []}

    call = {"next_action": "action_pay", "tracker": {"slots": {"soc_code": "5315", "last_intent": None}}}
    result = asyncio.run(run_action(Executor(), call))
    assert result == {"events": [slot("last_intent", "ask_pay")], "responses": []}
    assert trim_result({"next_action": "x"}, {"responses": []}) == {"responses": []}
