"""Cancelling or moving a booking from the chat, only by the pupil who made it.

In the conversation that booked, the pupil just confirms with yes or no. Anywhere else they give the reference and
the first name and year group they booked with. Every failure gets the same reply (booking.service.CANT_FIND) and
counts towards the conversation's limit. The checks themselves live in booking.service.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet

from actions.booking_actions import (CHANGE_SLOTS, NOT_A_FIRST_NAME, NOT_A_REFERENCE, YEAR, YES, NO, offer,
                                     reference_in, typed_first_name, typed_reference)
from actions.db import engine
from booking import messages, service

YES_NO = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]
WANTED = {"cancel_booking": "cancel", "reschedule_booking": "move"}


def cleared() -> list:
    return [SlotSet(s, None) for s in CHANGE_SLOTS]


def owned(tracker: Tracker, reference: str | None) -> bool:
    return bool(reference) and reference in {b.reference for b in service.upcoming_for(engine(), tracker.sender_id)}


def identity(tracker: Tracker) -> dict:
    return {"first_name": tracker.get_slot("check_first_name"), "year_group": tracker.get_slot("check_year_group")}


class ActionManageBooking(Action):
    """Starts cancelling or moving: works out which booking is meant, then manage_booking_form asks what is missing.
    A reference on its own only asks whether to cancel or move (the rules start the form after those intents)."""

    def name(self) -> str:
        return "action_manage_booking"

    def run(self, dispatcher, tracker, domain):
        intent = tracker.latest_message.get("intent", {}).get("name")
        wanted = WANTED.get(intent) or tracker.get_slot("booking_request")
        typed = reference_in(tracker.latest_message.get("text"))
        reference = typed or (tracker.get_slot("booking_reference") if intent in WANTED else None)
        try:
            service.check_not_paused(engine(), tracker.sender_id)
        except service.LookupPaused as exc:
            dispatcher.utter_message(text=str(exc))
            return cleared() + ([FollowupAction("action_listen")] if intent in WANTED else [])
        if wanted is None:
            dispatcher.utter_message(text="Do you want to cancel or move a booking?", buttons=[
                {"title": "Cancel it", "payload": "/cancel_booking"}, {"title": "Move it", "payload": "/reschedule_booking"}])
            return cleared() + [SlotSet("booking_reference", reference)]
        if reference is None:
            mine = service.upcoming_for(engine(), tracker.sender_id)
            reference = mine[0].reference if len(mine) == 1 else None
        return cleared() + [SlotSet("booking_request", wanted), SlotSet("booking_reference", reference)]


class ValidateManageBookingForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_manage_booking_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        if tracker.get_slot("booking_request") not in ("cancel", "move"):
            return []
        reference = tracker.get_slot("booking_reference")
        if reference is None:
            return ["booking_reference", "booking_change_confirmed"]
        if owned(tracker, reference):
            return ["booking_change_confirmed"]
        return ["booking_reference", "check_first_name", "check_year_group", "booking_change_confirmed"]

    def validate_booking_reference(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        reference = typed_reference(value)
        if reference is None:
            dispatcher.utter_message(text=NOT_A_REFERENCE)
            return {"booking_reference": None}
        return {"booking_reference": reference}

    def validate_check_first_name(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        name = typed_first_name(value)
        if name is None:
            dispatcher.utter_message(text=NOT_A_FIRST_NAME)
            return {"check_first_name": None}
        return {"check_first_name": name}

    def validate_check_year_group(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        found = YEAR.search(str(value or ""))
        if not found:
            dispatcher.utter_message(text="Please type your year group as a number from 7 to 13, like 10.")
            return {"check_year_group": None}
        try:
            service.locate(engine(), tracker.sender_id, tracker.get_slot("booking_reference"),
                           first_name=tracker.get_slot("check_first_name"), year_group=found.group(1))
        except service.BookingError as exc:
            dispatcher.utter_message(text=str(exc))
            return {**{s: None for s in CHANGE_SLOTS}, "requested_slot": None}
        return {"check_year_group": found.group(1)}

    def validate_booking_change_confirmed(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        answer = str(value or "").strip().lower().rstrip(".!")
        if answer in YES:
            return {"booking_change_confirmed": "yes"}
        if answer in NO:
            return {"booking_change_confirmed": "no"}
        dispatcher.utter_message(text="Please answer yes or no.", buttons=YES_NO)
        return {"booking_change_confirmed": None}


class ActionAskBookingChangeConfirmed(Action):
    """'Do you want to cancel your interview on ...?' with Yes and No: nothing changes without a yes."""

    def name(self) -> str:
        return "action_ask_booking_change_confirmed"

    def run(self, dispatcher, tracker, domain):
        try:
            found = service.locate(engine(), tracker.sender_id, tracker.get_slot("booking_reference"), **identity(tracker))
        except service.BookingError as exc:
            dispatcher.utter_message(text=str(exc))
            return []
        verb = "cancel" if tracker.get_slot("booking_request") == "cancel" else "move"
        dispatcher.utter_message(text=f"Do you want to {verb} your careers interview on "
                                      f"{messages.when(found.slot.starts_at)} ({found.reference})?", buttons=YES_NO)
        return []


class ActionChangeBooking(Action):
    """After the form: cancels, or offers new times for a move, once the pupil has said yes."""

    def name(self) -> str:
        return "action_change_booking"

    def run(self, dispatcher, tracker, domain):
        wanted = tracker.get_slot("booking_request")
        if wanted not in ("cancel", "move"):
            return cleared()
        if tracker.get_slot("booking_change_confirmed") != "yes":
            dispatcher.utter_message(text="OK, I haven't changed anything. Your booking stays as it is.")
            return cleared()
        reference = tracker.get_slot("booking_reference")
        try:
            if wanted == "cancel":
                done = service.cancel(engine(), reference, conversation_id=tracker.sender_id, **identity(tracker))
                dispatcher.utter_message(text=messages.cancelled(done))
                return cleared()
            current = service.locate(engine(), tracker.sender_id, reference, **identity(tracker))
        except service.BookingError as exc:
            dispatcher.utter_message(text=str(exc))
            return cleared()
        if not offer(dispatcher, current.school_id, "choose_new_slot",
                     f"Which new time would you like for {current.reference}?"):
            dispatcher.utter_message(text="Sorry, there are no other free times right now. Your booking stays as it is.")
            return cleared()
        return [SlotSet("booking_request", "move_confirmed"), SlotSet("booking_change_confirmed", None)]


class ActionMoveBooking(Action):
    """The pupil picked a new time, after confirming the move."""

    def name(self) -> str:
        return "action_move_booking"

    def run(self, dispatcher, tracker, domain):
        slot_id = next(tracker.get_latest_entity_values("slot_id"), None)
        reference = tracker.get_slot("booking_reference")
        if not slot_id or not reference or tracker.get_slot("booking_request") != "move_confirmed":
            dispatcher.utter_message(text="To move a booking, tell me you want to move it first.", buttons=[
                {"title": "Move my booking", "payload": "/reschedule_booking"}])
            return []
        try:
            done = service.reschedule(engine(), reference, int(slot_id), conversation_id=tracker.sender_id,
                                      **identity(tracker))
        except service.BookingError as exc:
            dispatcher.utter_message(text=str(exc))
            time_gone = isinstance(exc, service.SlotTaken) or (isinstance(exc, service.NotFound)
                                                               and str(exc) != service.CANT_FIND)
            return [] if time_gone else cleared()
        dispatcher.utter_message(text=messages.moved(done))
        return cleared()
