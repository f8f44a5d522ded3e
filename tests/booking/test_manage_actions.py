"""The chat side of cancelling and moving: nothing changes without a yes, a stranger is asked for the first name and
year group and gets the neutral reply, and a conversation that keeps guessing is asked to take a break."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import manage_booking
from booking import schema
from booking.service import CANT_FIND, MAX_FAILED_LOOKUPS, Pupil, book, free_slots, locate
from booking.service import NotFound

SCHOOL = "kidderminster-academy"


@pytest.fixture
def booked(engine, monkeypatch):
    monkeypatch.setattr(manage_booking, "engine", lambda: engine)
    slot = free_slots(engine, SCHOOL)[0]
    return book(engine, Pupil("owner", "Ali", SCHOOL, 10, "Engineering", True), slot.slot_id)


def tracker(sender, text="", intent=None, **slots):
    return Tracker(sender, slots, {"text": text, "intent": {"name": intent}, "entities": []}, [], False, None,
                   {}, "action_listen")


def run(action, dispatcher, t):
    result = action.run(dispatcher, t, {})
    return asyncio.run(result) if asyncio.iscoroutine(result) else result


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def status(engine, reference):
    with engine.connect() as conn:
        return conn.execute(select(schema.booking.c.status).where(schema.booking.c.reference == reference)).scalar()


def test_own_booking_is_found_and_the_form_asks_yes_or_no(engine, booked):
    dispatcher = CollectingDispatcher()
    events = run(manage_booking.ActionManageBooking(), dispatcher, tracker("owner", "cancel my booking",
                                                                           "cancel_booking"))
    assert slots_of(events)["booking_request"] == "cancel" and slots_of(events)["booking_reference"] == booked.reference
    form = manage_booking.ValidateManageBookingForm()
    needed = asyncio.run(form.required_slots([], dispatcher, tracker("owner", booking_request="cancel",
                                                                      booking_reference=booked.reference), {}))
    assert needed == ["booking_change_confirmed"]
    ask = CollectingDispatcher()
    run(manage_booking.ActionAskBookingChangeConfirmed(), ask,
        tracker("owner", booking_request="cancel", booking_reference=booked.reference))
    assert booked.reference in ask.messages[0]["text"] and [b["payload"] for b in ask.messages[0]["buttons"]] == \
        ["yes", "no"]
    said_no = CollectingDispatcher()
    run(manage_booking.ActionChangeBooking(), said_no, tracker("owner", booking_request="cancel",
                                                              booking_reference=booked.reference,
                                                              booking_change_confirmed="no"))
    assert "haven't changed anything" in said_no.messages[0]["text"] and status(engine, booked.reference) == "confirmed"
    said_yes = CollectingDispatcher()
    run(manage_booking.ActionChangeBooking(), said_yes, tracker("owner", booking_request="cancel",
                                                               booking_reference=booked.reference,
                                                               booking_change_confirmed="yes"))
    assert "cancelled" in said_yes.messages[0]["text"] and status(engine, booked.reference) == "cancelled"


def test_a_stranger_is_asked_who_they_are_and_gets_the_neutral_reply(engine, booked):
    form = manage_booking.ValidateManageBookingForm()
    dispatcher = CollectingDispatcher()
    needed = asyncio.run(form.required_slots([], dispatcher, tracker("stranger", booking_request="cancel",
                                                                      booking_reference=booked.reference), {}))
    assert needed == ["booking_reference", "check_first_name", "check_year_group", "booking_change_confirmed"]
    result = form.validate_check_year_group("10", dispatcher, tracker(
        "stranger", booking_request="cancel", booking_reference=booked.reference, check_first_name="Sam"), {})
    assert dispatcher.messages[0]["text"] == CANT_FIND
    assert result["requested_slot"] is None and result["booking_request"] is None
    right = CollectingDispatcher()
    result = form.validate_check_year_group("year 10", right, tracker(
        "stranger", booking_request="cancel", booking_reference=booked.reference, check_first_name="Ali"), {})
    assert result == {"check_year_group": "10"} and not right.messages


def test_a_conversation_that_keeps_guessing_is_paused(engine, booked):
    for n in range(MAX_FAILED_LOOKUPS):
        with pytest.raises(NotFound):
            locate(engine, "guesser", f"PF-AAAAAAA{n + 2}")
    dispatcher = CollectingDispatcher()
    events = run(manage_booking.ActionManageBooking(), dispatcher,
                 tracker("guesser", f"cancel {booked.reference}", "cancel_booking"))
    assert "take a break" in dispatcher.messages[0]["text"]
    assert FollowupAction("action_listen") in events and slots_of(events)["booking_request"] is None


def test_moving_needs_a_confirmed_move_first(engine, booked):
    dispatcher = CollectingDispatcher()
    t = Tracker("owner", {"booking_request": "move", "booking_reference": booked.reference},
                {"text": '/choose_new_slot{"slot_id":"3"}', "intent": {"name": "choose_new_slot"},
                 "entities": [{"entity": "slot_id", "value": "3"}]}, [], False, None, {}, "action_listen")
    run(manage_booking.ActionMoveBooking(), dispatcher, t)
    assert "move it first" in dispatcher.messages[0]["text"]
    assert find_slot(engine, booked.reference) == booked.slot.slot_id


def find_slot(engine, reference):
    with engine.connect() as conn:
        return conn.execute(select(schema.booking.c.slot_id).where(schema.booking.c.reference == reference)).scalar()
