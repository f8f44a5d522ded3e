"""Actions that answer pupils' questions from the LMI dataset, asking for a job or place when needed."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (asks_degree_level, entity, level_in_message, occupation_in_message,
                             place_in_message, refers_back, remembered_area, remembered_sector, sector_in_message,
                             text_of)
from actions.booking_actions import pupil_school
from actions.db import engine
from actions.lmi_access import lmi
from actions.questions import JOB_FOLLOW_UPS, PLACE_FOLLOW_UPS, QUESTIONS, Turn
from answers import local
from answers.asked import asked, remember, unanswered_job
from answers.occupations import did_you_mean, remembered, which_job
from answers.reply import Reply, payload
from booking.service import now_local
from insight.record import record_asked
from lmi.queries import NotFound


def send(dispatcher: CollectingDispatcher, reply: Reply) -> list[dict[str, Any]]:
    buttons = [{"title": title, "payload": p} for title, p in reply.buttons]
    # Rasa 3.6's socket.io channel spreads a custom payload into emit(): under "data" the widget receives the
    # chart itself (tests/unit/test_chart_delivery.py); a bare {"chart": ...} would be lost.
    dispatcher.utter_message(text=reply.text, buttons=buttons or None,
                             json_message={"data": reply.chart} if reply.chart else None)
    return [SlotSet(name, value) for name, value in reply.slots.items()]


def _sector_slots(sector: tuple[str, str] | None) -> list[dict[str, Any]]:
    """A sector named replaces the job in the conversation (and a job named replaces the sector), so a town
    given next answers about what was just asked."""
    events = [SlotSet("sector_id", sector[0] if sector else None), SlotSet("sector_name", sector[1] if sector else None)]
    return events + ([SlotSet("soc_code", None), SlotSet("occupation_title", None)] if sector else [])


def answer(intent: str, tracker: Tracker, dispatcher: CollectingDispatcher, *,
           soc_code: str | None = None, area=None, job_known: bool = False,
           sector: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """Answers `intent`, first finding (or asking for) the job and place it needs."""
    data = lmi()
    question = QUESTIONS[intent]
    events: list[dict[str, Any]] = []
    text = text_of(tracker)
    level = level_in_message(tracker)
    turn = Turn(text, None, None, level, entity(tracker, "route"), degree=asks_degree_level(tracker),
                sector=sector if question.sector_ok else None)
    if question.needs_job and soc_code is None and not job_known and turn.sector is None:
        optional = question.job_optional(turn)
        resolution = occupation_in_message(data, tracker)
        sector = sector_in_message(data, tracker) if question.sector_ok and not resolution.found else None
        if resolution.found:
            soc_code = resolution.sure.soc_code
            events += [SlotSet(k, v) for k, v in remembered(resolution.sure).items()] + _sector_slots(None)
        elif sector:
            turn = replace(turn, sector=sector)
            events += _sector_slots(sector)
        elif optional and question.sector_ok and refers_back(text):
            soc_code = tracker.get_slot("soc_code")  # "how many people work in it round here"
            turn = replace(turn, sector=None if soc_code else remembered_sector(tracker))
        elif optional:
            pass  # "what jobs pay best", "level 3 apprenticeships": answerable without a job
        elif resolution.options:
            return send(dispatcher, did_you_mean(resolution, intent))
        else:
            soc_code = tracker.get_slot("soc_code")
            if soc_code is None and question.sector_ok:
                turn = replace(turn, sector=remembered_sector(tracker))
        if soc_code is None and turn.sector is None and not optional:
            return send(dispatcher, which_job(intent))
    if question.needs_place:
        area = area or place_in_message(data, tracker) or remembered_area(data, tracker)
        if area is None:
            return events + send(dispatcher, local.ask_place(data, intent))
        events += [SlotSet(k, v) for k, v in local.area_slots(area).items()]
    turn = replace(turn, soc_code=soc_code, area=area)
    try:
        reply = question.answer(data, turn)
        record = asked(data, intent, turn, reply)
    except NotFound:
        if soc_code is None:
            raise
        reply = Reply("I don't have figures for that job yet, so I won't guess. A careers adviser can help you "
                      "find out.", [("Talk to a careers adviser", payload("book_interview"))], answered=False)
        record = unanswered_job(data, intent, soc_code, area)
    count_for_hub(tracker, record)
    return events + send(dispatcher, reply) + [SlotSet("last_intent", intent), SlotSet("pending_intent", None),
                                               SlotSet("explored", remember(tracker.get_slot("explored"), record))]


def count_for_hub(tracker: Tracker, record: dict) -> None:
    """One anonymous count for the hub insight page (never raises: the pupil's answer comes first)."""
    record_asked(engine(), record, school_id=pupil_school(tracker), year_group=tracker.get_slot("pupil_year_group"),
                 at=now_local())


class AnswerAction(Action):
    intent = ""

    def name(self) -> str:
        return "action_" + self.intent.removeprefix("ask_")

    def run(self, dispatcher, tracker, domain):
        return answer(self.intent, tracker, dispatcher)


def _answer_action(intent: str) -> type[AnswerAction]:
    return type(f"Action_{intent}", (AnswerAction,), {"intent": intent})


ANSWER_ACTIONS = [_answer_action(intent) for intent in QUESTIONS]
globals().update({cls.__name__: cls for cls in ANSWER_ACTIONS})


class ActionSetOccupation(Action):
    """The pupil named a job (typed, or picked from "did you mean"): answer what they were asking."""

    def name(self) -> str:
        return "action_set_occupation"

    def run(self, dispatcher, tracker, domain):
        data = lmi()
        resolution = occupation_in_message(data, tracker)
        pending = tracker.get_slot("pending_intent") or tracker.get_slot("last_intent")
        follow_up = pending if pending in JOB_FOLLOW_UPS else "ask_job_info"
        if resolution.found:
            events = [SlotSet(k, v) for k, v in remembered(resolution.sure).items()] + _sector_slots(None)
            return events + answer(follow_up, tracker, dispatcher, soc_code=resolution.sure.soc_code, job_known=True)
        if resolution.options:
            return send(dispatcher, did_you_mean(resolution, follow_up))
        return send(dispatcher, Reply(
            "Sorry, I don't know that job yet. Try another name for it, or ask a careers adviser.",
            [("Talk to a careers adviser", payload("book_interview"))], slots={"pending_intent": follow_up}))


class ActionUnknownOccupation(Action):
    """The pupil said none of the suggested jobs was right."""

    def name(self) -> str:
        return "action_unknown_occupation"

    def run(self, dispatcher, tracker, domain):
        return send(dispatcher, Reply("OK. Type the job another way, for example \"car mechanic\" or \"vet\".",
                                      slots={"pending_intent": tracker.get_slot("pending_intent")}))


class ActionSetPlace(Action):
    """The pupil said where they live: remember it and answer what they were asking."""

    def name(self) -> str:
        return "action_set_place"

    def run(self, dispatcher, tracker, domain):
        data = lmi()
        area = place_in_message(data, tracker)
        pending = tracker.get_slot("pending_intent")
        if area is None:
            return send(dispatcher, local.unknown_place(data, text_of(tracker), pending))
        events = [SlotSet(k, v) for k, v in local.area_slots(area).items()]
        follow_up = pending if pending in QUESTIONS else tracker.get_slot("last_intent")
        if follow_up in PLACE_FOLLOW_UPS or pending in QUESTIONS:
            sector = remembered_sector(tracker)
            soc_code = None if sector else tracker.get_slot("soc_code")
            return events + answer(follow_up, tracker, dispatcher, soc_code=soc_code, area=area,
                                   job_known=soc_code is not None, sector=sector)
        return events + send(dispatcher, local.place_confirmed(area))
