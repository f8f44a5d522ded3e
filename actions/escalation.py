"""Handing a pupil to a person: recording the escalation and saying honestly what happens next."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet

from actions.booking_actions import pupil_school
from actions.db import engine
from booking import messages, service
from booking.schools import next_school_time
from safeguarding import check
from safeguarding.kinds import UNSPECIFIED, known
from safeguarding.reply import (CONCERN_TEXT, HELPLINES_TEXT, NOT_NOW_BUTTON, NOT_NOW_TEXT, TELL_ADULT_BUTTON,
                                adult_will_check_in)

KIND_SLOT = "safeguarding_kind"


def record(tracker: Tracker, reason: str, *, urgent: bool, detail: str | None = None) -> int:
    return service.escalate(engine(), tracker.sender_id, pupil_school(tracker), reason, urgent=urgent,
                            detail=detail if detail is not None else tracker.latest_message.get("text"))


def safeguarding_kind(tracker: Tracker) -> str:
    """The known kind the NLU net set; pupil-supplied entity text never becomes a category."""
    kind = known(next(tracker.get_latest_entity_values("safeguarding_category"), None))
    if kind == UNSPECIFIED:
        kind = known(check(tracker.latest_message.get("text") or "").kind)
    return kind


def _leave_form(tracker: Tracker) -> list:
    return [ActiveLoop(None), SlotSet("requested_slot", None)] if tracker.active_loop_name else []


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
    """The pupil is upset (but the safeguarding net found no risk of harm)."""

    def name(self) -> str:
        return "action_escalate_upset"

    def run(self, dispatcher, tracker, domain):
        record(tracker, "upset", urgent=False)
        dispatcher.utter_message(text=messages.escalated("upset", next_school_time(service.now_local())))
        return []


class ActionSafeguarding(Action):
    """A disclosure of harm: helplines first, every time, then an urgent alert to the school's safeguarding lead
    (one alert per conversation per half hour; later disclosures join the same escalation)."""

    def name(self) -> str:
        return "action_safeguarding"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=HELPLINES_TEXT)
        kind = safeguarding_kind(tracker)
        record(tracker, kind, urgent=True)
        return [SlotSet(KIND_SLOT, kind), *_leave_form(tracker)]


class ActionSafeguardingConcern(Action):
    """Distress or unclear risk: a warm check-in with the helplines, a non-urgent note for the safeguarding lead,
    and an offer to ask a trusted adult to check in. Nobody is promised until the pupil says yes."""

    def name(self) -> str:
        return "action_safeguarding_concern"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=CONCERN_TEXT, buttons=[
            {"title": TELL_ADULT_BUTTON, "payload": "/safeguarding_tell_adult"},
            {"title": NOT_NOW_BUTTON, "payload": "/safeguarding_not_now"}])
        kind = safeguarding_kind(tracker)
        record(tracker, kind, urgent=False)
        return [SlotSet(KIND_SLOT, kind), *_leave_form(tracker)]


class ActionSafeguardingTellAdult(Action):
    """The pupil asked for a trusted adult to check in after a concern."""

    def name(self) -> str:
        return "action_safeguarding_tell_adult"

    def run(self, dispatcher, tracker, domain):
        kind = known(tracker.get_slot(KIND_SLOT))
        record(tracker, kind, urgent=False, detail="The pupil asked for a trusted adult to check in with them.")
        dispatcher.utter_message(text=adult_will_check_in(next_school_time(service.now_local())))
        return []


class ActionSafeguardingNotNow(Action):
    """The pupil said no to an adult checking in: say so plainly, and how to change their mind."""

    def name(self) -> str:
        return "action_safeguarding_not_now"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=NOT_NOW_TEXT)
        return []
