"""After booking: offering the pupil a short brief for their adviser, which they read, take items out of, and then
send or don't send. Built by answers/brief.py, stored by booking/brief.py; "don't send" stores nothing."""
from __future__ import annotations

from rasa_sdk import Action
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.db import engine
from actions.lmi_access import lmi
from answers.brief import build, without
from booking import brief, schema
from booking.service import BookingError

SEND = {"title": "Send it", "payload": "/brief_send"}
DONT_SEND = {"title": "Don't send", "payload": "/brief_dont_send"}
CLEARED = [SlotSet("brief_items", None), SlotSet("brief_reference", None)]


def route_name(route_id: str) -> str | None:
    found = lmi().route(route_id)
    return found.name if found else None


def show(dispatcher: CollectingDispatcher, items: list[dict], opening: str) -> None:
    """The numbered items, then one button per item to take it out, then Send it and Don't send. Single line
    breaks only: Rasa's socket.io channel splits a message at blank lines, which would part the list from its
    buttons."""
    listed = "\n".join(f"{n}. {item['text']}" for n, item in enumerate(items, start=1))
    dispatcher.utter_message(
        text=f"{opening}\n{listed}\nTo take something out, press Remove and its number. Then choose Send it "
             "or Don't send.",
        buttons=[{"title": f"Remove {n}", "payload": f'/brief_remove{{"brief_item":"{n}"}}'}
                 for n in range(1, len(items) + 1)] + [SEND, DONT_SEND])


def booking_facts(reference: str) -> tuple[int, str] | None:
    """The year group and topic given in the booking form, read back from the booking itself."""
    b = schema.booking
    with engine().connect() as conn:
        row = conn.execute(select(b.c.year_group, b.c.topic).where(b.c.reference == reference)).first()
    return (row.year_group, row.topic) if row else None


class ActionOfferBrief(Action):
    """Right after a booking is made (action_confirm_booking sets brief_reference)."""

    def name(self) -> str:
        return "action_offer_brief"

    def run(self, dispatcher, tracker, domain):
        reference = tracker.get_slot("brief_reference")
        facts = booking_facts(reference) if reference else None
        if facts is None or brief.get(engine(), reference) is not None:
            return CLEARED
        items = build(tracker.get_slot("explored"), facts[0], facts[1], route_name=route_name)
        if not items:
            return CLEARED
        show(dispatcher, items, "Would you like to send your adviser a short note, so they can get ready for your "
                                "chat? It would say:")
        return [SlotSet("brief_items", items)]


class ActionRemoveBriefItem(Action):
    def name(self) -> str:
        return "action_remove_brief_item"

    def run(self, dispatcher, tracker, domain):
        items = brief.clean(tracker.get_slot("brief_items"))
        if not items or not tracker.get_slot("brief_reference"):
            dispatcher.utter_message(text="There's no note waiting to be sent.")
            return CLEARED
        number = str(next(tracker.get_latest_entity_values("brief_item"), "") or "").strip()
        if not number.isdigit() or not 1 <= int(number) <= len(items):
            show(dispatcher, items, f"Please pick a number from 1 to {len(items)}. The note says:")
            return []
        left = without(items, int(number))
        if not left:
            dispatcher.utter_message(text="You've taken everything out, so I won't send a note. Your booking is "
                                          "still made.")
            return CLEARED
        show(dispatcher, left, f"Done, I took out number {number}. Now the note says:")
        return [SlotSet("brief_items", left)]


class ActionSendBrief(Action):
    def name(self) -> str:
        return "action_send_brief"

    def run(self, dispatcher, tracker, domain):
        items = brief.clean(tracker.get_slot("brief_items"))
        reference = tracker.get_slot("brief_reference")
        if not items or not reference:
            dispatcher.utter_message(text="There's no note waiting to be sent.")
            return CLEARED
        try:
            brief.save(engine(), tracker.sender_id, reference, items)
        except BookingError as exc:
            dispatcher.utter_message(text=str(exc))
            return CLEARED
        dispatcher.utter_message(text="Sent! Your adviser will read it before your chat. Anything else you'd like "
                                      "to know?")
        return CLEARED


class ActionDropBrief(Action):
    def name(self) -> str:
        return "action_drop_brief"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="OK, I won't send it. Your adviser will only see your first name, school, year "
                                      "group and topic. Anything else you'd like to know?")
        return CLEARED
