"""Handing a pupil to a person: recording the escalation and saying honestly what happens next."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet

from actions.booking_actions import pupil_school
from actions.db import engine
from booking import messages, service
from booking.schools import next_school_time
from safeguarding import check
from safeguarding.reply import HELPLINES_TEXT


def record(tracker: Tracker, reason: str, *, urgent: bool) -> int:
    return service.escalate(engine(), tracker.sender_id, pupil_school(tracker), reason, urgent=urgent,
                            detail=tracker.latest_message.get("text"))


class ActionEscalateToStaff(Action):
    """The pupil asked for a person."""

    def name(self) -> str:
        return "action_escalate_to_staff"

    def run(self, dispatcher, tracker, domain):
        record(tracker, "asked_for_person", urgent=False)
        dispatcher.utter_message(text=messages.escalated("asked_for_person", next_school_time(service.now_local())),
                                 buttons=[{"title": "Book a careers adviser", "payload": "/book_interview"}])
        return []


class ActionEscalateUpset(Action):
    """The pupil is upset (but has not disclosed harm)."""

    def name(self) -> str:
        return "action_escalate_upset"

    def run(self, dispatcher, tracker, domain):
        record(tracker, "upset", urgent=False)
        dispatcher.utter_message(text=messages.escalated("upset", next_school_time(service.now_local())))
        return []


class ActionSafeguarding(Action):
    """A disclosure of harm: helplines first, every time, then an urgent alert to the school's safeguarding lead."""

    def name(self) -> str:
        return "action_safeguarding"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=HELPLINES_TEXT)
        found = check(tracker.latest_message.get("text") or "")
        category = next(tracker.get_latest_entity_values("safeguarding_category"), None) or (
            found.category if found else "possible_risk_of_harm")
        record(tracker, category, urgent=True)
        return [ActiveLoop(None), SlotSet("requested_slot", None)] if tracker.active_loop_name else []
