"""The brief a pupil approves in the chat: offered after booking, items removed stay out, only "Send it" stores it,
it travels with the handoff (webhook field, email body, .ics description), and nothing about safeguarding is in it
even when the conversation has safeguarding slots and events."""
import asyncio
import json
from datetime import timedelta

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import brief_actions
from booking import brief, outbox, schema
from booking.service import BookingError, Pupil, book, escalate, free_slots
from tests.booking.conftest import NOW

SCHOOL = "kidderminster-academy"
EXPLORED = [
    {"topic": "pay", "soc_code": "5241", "occupation": "Electricians and electrical fitters", "sector": None,
     "route": None, "area_id": None, "area": None, "answered": True,
     "figures": ["Median full-time pay £35,000 a year, UK (ONS ASHE 2024)"]},
    {"topic": "entry_routes", "soc_code": "6131", "occupation": "Veterinary nurses", "sector": None, "route": None,
     "area_id": None, "area": None, "answered": False, "figures": []},
]


class FakeLMI:
    def route(self, route_id):
        return None


@pytest.fixture
def booked(engine, monkeypatch):
    monkeypatch.setattr(brief_actions, "engine", lambda: engine)
    monkeypatch.setattr(brief_actions, "lmi", lambda: FakeLMI())
    slot = free_slots(engine, SCHOOL)[0]
    return book(engine, Pupil("pupil-1", "Ali", SCHOOL, 10, "engineering apprenticeships", True), slot.slot_id)


def tracker(sender="pupil-1", intent=None, entities=(), events=(), **slots):
    return Tracker(sender, slots, {"text": "", "intent": {"name": intent}, "entities": list(entities)}, list(events),
                   False, None, {}, "action_listen")


def run(action, t, dispatcher=None):
    dispatcher = dispatcher or CollectingDispatcher()
    result = action.run(dispatcher, t, {})
    return (asyncio.run(result) if asyncio.iscoroutine(result) else result), dispatcher


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def offered(booked, **extra):
    events, dispatcher = run(brief_actions.ActionOfferBrief(),
                             tracker(brief_reference=booked.reference, explored=EXPLORED, **extra))
    return slots_of(events)["brief_items"], dispatcher.messages[0]


def outbox_rows(engine, kind):
    with engine.connect() as conn:
        return conn.execute(select(schema.outbox).where(schema.outbox.c.kind == kind)).all()


def test_after_booking_the_pupil_sees_numbered_items_with_remove_send_and_dont_send(booked):
    items, message = offered(booked)
    assert [i["text"] for i in items][:2] == ["Year 10", "Wants to talk about: engineering apprenticeships"]
    assert "1. Year 10" in message["text"] and "Electricians" in message["text"]
    titles = [b["title"] for b in message["buttons"]]
    assert titles == [f"Remove {n}" for n in range(1, len(items) + 1)] + ["Send it", "Don't send"]
    assert message["buttons"][1]["payload"] == '/brief_remove{"brief_item":"2"}'


def test_sent_brief_never_includes_what_the_pupil_removed(engine, booked):
    items, _ = offered(booked)
    removed = next(n for n, i in enumerate(items, start=1) if "Electricians" in i["text"])
    events, dispatcher = run(brief_actions.ActionRemoveBriefItem(), tracker(
        intent="brief_remove", entities=[{"entity": "brief_item", "value": str(removed)}],
        brief_reference=booked.reference, brief_items=items))
    left = slots_of(events)["brief_items"]
    assert "Electricians" not in dispatcher.messages[0]["text"] and len(left) == len(items) - 1
    run(brief_actions.ActionSendBrief(), tracker(brief_reference=booked.reference, brief_items=left))
    stored = brief.get(engine, booked.reference)
    assert stored == left and "Electricians" not in json.dumps(stored) and "35,000" not in json.dumps(stored)
    message = json.loads(outbox_rows(engine, "booking.brief")[0].payload)
    assert "Electricians" not in json.dumps(message)


def test_removing_everything_sends_nothing(engine, booked):
    items = [{"kind": "year_group", "text": "Year 10"}]
    events, dispatcher = run(brief_actions.ActionRemoveBriefItem(), tracker(
        entities=[{"entity": "brief_item", "value": "1"}], brief_reference=booked.reference, brief_items=items))
    assert slots_of(events) == {"brief_items": None, "brief_reference": None}
    assert "won't send" in dispatcher.messages[0]["text"] and brief.get(engine, booked.reference) is None


def test_dont_send_stores_nothing_and_sends_nothing(engine, booked):
    items, _ = offered(booked)
    events, dispatcher = run(brief_actions.ActionDropBrief(), tracker(brief_reference=booked.reference,
                                                                       brief_items=items))
    assert slots_of(events) == {"brief_items": None, "brief_reference": None}
    assert brief.get(engine, booked.reference) is None and outbox_rows(engine, "booking.brief") == []
    with engine.connect() as conn:
        assert conn.execute(select(schema.booking_brief)).all() == []


def test_the_approved_brief_travels_in_the_webhook_email_and_calendar_invite(engine, booked):
    items, _ = offered(booked)
    run(brief_actions.ActionSendBrief(), tracker(brief_reference=booked.reference, brief_items=items))
    rows = outbox_rows(engine, "booking.brief")
    assert rows and {r.channel for r in rows} == {"email"}  # the demo adviser takes email
    message = json.loads(rows[0].payload)
    assert message["brief"] == items and message["reference"] == booked.reference
    body = outbox._plain_text(message)
    assert "Brief from the pupil" in body and "- Year 10\n" in body and "Electricians" in body
    assert outbox._subject(message) == f"Brief for guidance interview {booked.reference}"
    unfolded = message["ics"].replace("\r\n ", "")
    assert "Brief from the pupil: Year 10\\; Wants to talk about: engineering apprenticeships" in unfolded
    confirmed = json.loads(outbox_rows(engine, "booking.confirmed")[0].payload)
    assert confirmed["brief"] is None  # sent before the pupil chose


def test_a_later_move_carries_the_brief_and_a_cancellation_does_not(engine, booked):
    from booking.service import cancel, reschedule
    brief.save(engine, "pupil-1", booked.reference, [{"kind": "year_group", "text": "Year 10"}])
    new_slot = free_slots(engine, SCHOOL)[0]
    reschedule(engine, booked.reference, new_slot.slot_id, conversation_id="pupil-1")
    assert json.loads(outbox_rows(engine, "booking.moved")[0].payload)["brief"] == [
        {"kind": "year_group", "text": "Year 10"}]
    cancel(engine, booked.reference, conversation_id="pupil-1")
    assert json.loads(outbox_rows(engine, "booking.cancelled")[0].payload)["brief"] is None


def test_only_the_conversation_that_booked_can_attach_a_brief_and_only_once(engine, booked):
    items = [{"kind": "year_group", "text": "Year 10"}]
    with pytest.raises(BookingError):
        brief.save(engine, "someone-else", booked.reference, items)
    brief.save(engine, "pupil-1", booked.reference, items)
    with pytest.raises(BookingError, match="already sent"):
        brief.save(engine, "pupil-1", booked.reference, items)


def test_unknown_kinds_and_long_text_are_refused_when_stored(engine, booked):
    stored = brief.save(engine, "pupil-1", booked.reference, [
        {"kind": "safeguarding_kind", "text": "abuse_at_home"}, {"kind": "escalation", "text": "urgent"},
        {"kind": "topic", "text": "x" * 1000}, "junk"])
    assert stored == [{"kind": "topic", "text": "x" * brief.MAX_TEXT}]


def test_no_safeguarding_content_even_with_safeguarding_slots_and_events(engine, booked):
    escalate(engine, "pupil-1", SCHOOL, "abuse_at_home", urgent=True, detail="my step dad hits me")
    events = [{"event": "user", "text": "my step dad hits me", "parse_data": {
        "intent": {"name": "safeguarding_disclosure"}, "entities": [{"entity": "safeguarding_category",
                                                                      "value": "abuse_at_home"}]}},
              {"event": "slot", "name": "safeguarding_kind", "value": "abuse_at_home"}]
    poisoned = EXPLORED + [{"topic": "safeguarding_disclosure", "occupation": "abuse at home", "answered": False}]
    got, dispatcher = run(brief_actions.ActionOfferBrief(), tracker(
        events=events, brief_reference=booked.reference, explored=poisoned, safeguarding_kind="abuse_at_home",
        escalation_reason="abuse_at_home"))
    items = slots_of(got)["brief_items"]
    run(brief_actions.ActionSendBrief(), tracker(brief_reference=booked.reference, brief_items=items))
    everything = json.dumps(items) + dispatcher.messages[0]["text"] + json.dumps(brief.get(engine, booked.reference)) \
        + "".join(r.payload for r in outbox_rows(engine, "booking.brief"))
    for word in ("abuse", "step dad", "hits", "safeguarding", "urgent", "escalat"):
        assert word not in everything.lower()


def test_a_typed_topic_that_is_a_disclosure_stays_out(engine, monkeypatch):
    monkeypatch.setattr(brief_actions, "engine", lambda: engine)
    monkeypatch.setattr(brief_actions, "lmi", lambda: FakeLMI())
    slot = free_slots(engine, SCHOOL)[0]
    made = book(engine, Pupil("pupil-2", "Bo", SCHOOL, 9, "my dad hits me when he is drunk", True), slot.slot_id)
    got, dispatcher = run(brief_actions.ActionOfferBrief(), tracker("pupil-2", brief_reference=made.reference))
    assert [i["text"] for i in slots_of(got)["brief_items"]] == ["Year 9"]
    assert "hits" not in dispatcher.messages[0]["text"]


def test_nothing_is_offered_without_a_new_booking_or_once_a_brief_is_sent(engine, booked):
    events, dispatcher = run(brief_actions.ActionOfferBrief(), tracker(explored=EXPLORED))
    assert dispatcher.messages == [] and slots_of(events)["brief_items"] is None
    brief.save(engine, "pupil-1", booked.reference, [{"kind": "year_group", "text": "Year 10"}])
    events, dispatcher = run(brief_actions.ActionOfferBrief(), tracker(brief_reference=booked.reference,
                                                                        explored=EXPLORED))
    assert dispatcher.messages == []


def test_the_outbox_delivers_a_brief_like_any_handoff(engine, booked):
    brief.save(engine, "pupil-1", booked.reference, [{"kind": "year_group", "text": "Year 10"}])
    sent = []
    report = outbox.deliver_due(engine, senders={"email": lambda r, b, m: sent.append(m), "webhook": None},
                                now=NOW + timedelta(days=400))
    assert report.delivered >= 2 and any(m["kind"] == "booking.brief" and m["brief"] for m in sent)
