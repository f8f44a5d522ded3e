"""Booking a guidance interview from the chat: the form's validation, offering real free slots and
confirming. Cancelling and moving are in actions/manage_booking.py; the logic lives in booking/."""
from __future__ import annotations

import re
from typing import Any, Dict, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.db import engine
from booking import messages, service
from booking.schools import find_school, school, schools

REFERENCE = re.compile(r"\bPF[-\s]?((?:[A-Z0-9][\s-]?){%d})\b" % service.REFERENCE_LENGTH, re.I)
YEAR = re.compile(r"\b(?:year|yr|y)?\s*(7|8|9|10|11|12|13)\b", re.I)
YES = {"yes", "y", "yeah", "yep", "ok", "okay", "sure", "fine", "that's fine", "thats fine", "go on", "ye", "yea"}
NO = {"no", "n", "nah", "nope", "no thanks", "don't", "dont"}
FORM_SLOTS = ["pupil_first_name", "pupil_year_group", "interview_topic", "booking_consent"]
CHANGE_SLOTS = ["booking_request", "booking_reference", "check_first_name", "check_year_group",
                "booking_change_confirmed"]


def metadata_school(tracker: Tracker) -> str | None:
    metadata = tracker.latest_message.get("metadata") or {}
    found = school(engine(), str(metadata.get("school_id") or "")) if isinstance(metadata, dict) else None
    return found.id if found else None


def pupil_school(tracker: Tracker) -> str | None:
    return tracker.get_slot("pupil_school") or metadata_school(tracker)


def reference_in(text: str | None) -> str | None:
    found = REFERENCE.search(text or "")
    return service.normal_reference(found.group(1)) if found else None


NOT_A_REFERENCE = ("That doesn't look like a booking reference. It looks like PF-ABCD2345, with 8 letters and "
                   "numbers after PF-.")
NOT_A_FIRST_NAME = "Please type just the first name you booked with, like Sam."


def typed_reference(value: Any) -> str | None:
    """The booking reference a pupil typed in answer to "what's your reference?", with or without its "PF-"."""
    return reference_in(str(value or "")) or reference_in("PF-" + str(value or "").strip())


def typed_first_name(value: Any) -> str | None:
    """The first name a pupil typed to prove a booking is theirs ("my name is Sam" gives "Sam"), or None."""
    name = re.sub(r"[^A-Za-z .'\-]", "", str(value or "")).strip()
    name = re.sub(r"^(?:my name is|i am|im|it's|its)\s+", "", name, flags=re.I).strip()
    return name if name and len(name) <= service.MAX_NAME else None


def school_buttons() -> list[dict]:
    return [{"title": s.name, "payload": s.name} for s in schools(engine())]


class ActionAskPupilSchool(Action):
    def name(self) -> str:
        return "action_ask_pupil_school"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="Which school do you go to? Pick it below or type its name.",
                                 buttons=school_buttons())
        return []


class ValidateBookingForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_booking_form"

    async def extract_pupil_school(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if tracker.get_slot("pupil_school") is None:
            from_widget = metadata_school(tracker)
            if from_widget:
                return {"pupil_school": from_widget}
        return {}

    def validate_pupil_school(self, value, dispatcher, tracker, domain):
        found = school(engine(), value) or find_school(engine(), str(value or ""))
        if found is None:
            dispatcher.utter_message(text="Sorry, I don't know that school. Please pick yours from the list.",
                                     buttons=school_buttons())
            return {"pupil_school": None}
        return {"pupil_school": found.id}

    def validate_pupil_first_name(self, value, dispatcher, tracker, domain):
        name = re.sub(r"[^A-Za-z .'\-]", "", str(value or "")).strip()
        name = re.sub(r"^(?:my name is|i am|im|it's|its)\s+", "", name, flags=re.I).strip()
        if not name or len(name) > service.MAX_NAME:
            dispatcher.utter_message(text="Please type just your first name or your initials, like Sam or S.J.")
            return {"pupil_first_name": None}
        return {"pupil_first_name": name[:1].upper() + name[1:]}

    def validate_pupil_year_group(self, value, dispatcher, tracker, domain):
        found = YEAR.search(str(value or ""))
        if not found:
            dispatcher.utter_message(text="Please type your year group as a number from 7 to 13, like 10.")
            return {"pupil_year_group": None}
        return {"pupil_year_group": found.group(1)}

    def validate_interview_topic(self, value, dispatcher, tracker, domain):
        topic = str(value or "").strip()
        if not topic:
            dispatcher.utter_message(text="Please say in a few words what you'd like to talk about.")
            return {"interview_topic": None}
        if len(topic) > service.MAX_TOPIC:
            dispatcher.utter_message(text=f"That's a bit long: please keep it under {service.MAX_TOPIC} characters.")
            return {"interview_topic": None}
        return {"interview_topic": topic}

    def validate_booking_consent(self, value, dispatcher, tracker, domain):
        answer = str(value or "").strip().lower().rstrip(".!")
        if answer in YES:
            return {"booking_consent": "yes"}
        if answer in NO:
            dispatcher.utter_message(text="OK, I haven't booked anything or kept your details. You can ask your "
                                          "school's careers leader for an interview instead.")
            return {**{s: None for s in FORM_SLOTS}, "requested_slot": None, "booking_consent": "no"}
        dispatcher.utter_message(text="Please answer yes or no.",
                                 buttons=[{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}])
        return {"booking_consent": None}


def _pupil(tracker: Tracker) -> service.Pupil:
    return service.Pupil(tracker.sender_id, tracker.get_slot("pupil_first_name") or "",
                         pupil_school(tracker) or "", int(tracker.get_slot("pupil_year_group") or 0),
                         tracker.get_slot("interview_topic") or "", tracker.get_slot("booking_consent") == "yes")


def offer(dispatcher: CollectingDispatcher, school_id: str, intent: str, text: str) -> bool:
    slots = service.free_slots(engine(), school_id)
    if not slots:
        return False
    dispatcher.utter_message(text=text, buttons=[
        {"title": messages.slot_button(s), "payload": f'/{intent}{{"slot_id":"{s.slot_id}"}}'} for s in slots])
    return True


class ActionOfferSlots(Action):
    def name(self) -> str:
        return "action_offer_slots"

    def run(self, dispatcher, tracker, domain):
        if tracker.get_slot("booking_consent") != "yes":
            return [SlotSet("booking_consent", None)]
        pupil = _pupil(tracker)
        try:
            service.check_can_book(engine(), pupil.conversation_id)
        except service.AlreadyBooked as exc:
            dispatcher.utter_message(text=str(exc))
            return [SlotSet(s, None) for s in FORM_SLOTS]
        if offer(dispatcher, pupil.school_id, "choose_slot", "Here are the next free times with a careers adviser. "
                                                                "Pick one:"):
            return []
        service.join_waiting_list(engine(), pupil)
        found = school(engine(), pupil.school_id)
        dispatcher.utter_message(text=messages.waiting_list(found.name if found else "your school"))
        return [SlotSet(s, None) for s in FORM_SLOTS]


class ActionConfirmBooking(Action):
    def name(self) -> str:
        return "action_confirm_booking"

    def run(self, dispatcher, tracker, domain):
        slot_id = next(tracker.get_latest_entity_values("slot_id"), None)
        if tracker.get_slot("booking_consent") != "yes" or not slot_id:
            dispatcher.utter_message(text="Let's start the booking again.",
                                     buttons=[{"title": "Book a careers interview", "payload": "/book_interview"}])
            return []
        try:
            made = service.book(engine(), _pupil(tracker), int(slot_id))
        except (service.SlotTaken, service.NotFound) as exc:
            dispatcher.utter_message(text=str(exc))
            offer(dispatcher, pupil_school(tracker) or "", "choose_slot", "These times are still free:")
            return []
        except service.BookingError as exc:
            dispatcher.utter_message(text=str(exc))
            return [SlotSet(s, None) for s in FORM_SLOTS] if isinstance(exc, service.AlreadyBooked) else []
        dispatcher.utter_message(text=messages.confirmed(made))
        return [SlotSet(s, None) for s in FORM_SLOTS] + [SlotSet("booking_reference", made.reference),
                                                         SlotSet("brief_reference", made.reference)]


class ActionStopBooking(Action):
    def name(self) -> str:
        return "action_stop_booking"

    def run(self, dispatcher, tracker, domain):
        if tracker.active_loop_name == "manage_booking_form":
            dispatcher.utter_message(text="OK, I've stopped. Your booking hasn't been changed.")
        else:
            dispatcher.utter_message(text="OK, I've stopped. Nothing has been booked and I haven't kept your details.")
        return [ActiveLoop(None), SlotSet("requested_slot", None)] + [SlotSet(s, None) for s in FORM_SLOTS + CHANGE_SLOTS]
