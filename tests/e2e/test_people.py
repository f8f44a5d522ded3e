"""Through REST: booking an interview, cancelling it, asking for a person, and the safeguarding net."""
import uuid

from sqlalchemy import select

from booking import schema
from lmi.config import make_engine

HELPLINES = ("0800 1111", "116 123", "85258", "999")


def texts(replies):
    return " ".join(r.get("text") or "" for r in replies)


def payloads(replies):
    return [b["payload"] for r in replies for b in r.get("buttons") or []]


def test_every_disclosure_gets_helplines_and_an_urgent_escalation(servers):
    engine = make_engine(servers.database_url)
    me = uuid.uuid4().hex
    for message in ("my step dad hits me", "i dont want to be here anymore", "sum1 keeps threatening me"):
        text = texts(servers.say(message, me, metadata={"school_id": "worcester-high"}))
        assert all(number in text for number in HELPLINES), text
    with engine.connect() as conn:
        rows = conn.execute(select(schema.escalation).where(schema.escalation.c.conversation_id == me)).all()
        alerts = conn.execute(select(schema.outbox).where(schema.outbox.c.kind == "escalation.urgent")).all()
    # One urgent alert per conversation per half hour: the later disclosures join the first escalation.
    assert len(rows) == 1 and rows[0].urgency == "urgent" and rows[0].school_id == "worcester-high"
    assert "threatening" in rows[0].detail
    mine = [a for a in alerts if me in a.payload]
    assert len(mine) == 1 and mine[0].recipient == "dsl@worcester-high.invalid"


def test_careers_talk_does_not_trigger_safeguarding(servers):
    text = texts(servers.say("I want to be a mental health nurse"))
    assert "0800 1111" not in text


def test_book_then_cancel_an_interview(servers):
    engine = make_engine(servers.database_url)
    me = uuid.uuid4().hex
    meta = {"school_id": "kidderminster-academy"}
    servers.say("can i book a careers interview", me, meta)
    servers.say("Alex", me, meta)
    servers.say("year 10", me, meta)
    servers.say("apprenticeships in engineering", me, meta)
    offered = servers.say("yes", me, meta)
    choices = [p for p in payloads(offered) if p.startswith("/choose_slot")]
    assert choices, texts(offered)
    confirmed = texts(servers.say(choices[0], me, meta))
    assert "PF-" in confirmed, confirmed
    reference = confirmed.split("reference is ")[1].split(".")[0]
    with engine.connect() as conn:
        row = conn.execute(select(schema.booking).where(schema.booking.c.reference == reference)).one()
    assert row.first_name == "Alex" and row.year_group == 10 and row.school_id == "kidderminster-academy"
    stranger = uuid.uuid4().hex
    asked = texts(servers.say(f"cancel my booking {reference}", stranger, meta))
    assert "first name" in asked, asked
    servers.say("Sam", stranger, meta)
    refused = texts(servers.say("10", stranger, meta))
    assert "can't find that booking" in refused, refused
    question = servers.say("cancel my booking", me, meta)
    assert reference in texts(question) and payloads(question) == ["yes", "no"], question
    assert "cancelled" not in texts(question)
    with engine.connect() as conn:
        assert conn.execute(select(schema.booking.c.status).where(schema.booking.c.reference == reference)).scalar() \
            == "confirmed"
    cancelled = texts(servers.say("yes", me, meta))
    assert "cancelled" in cancelled, cancelled
    with engine.connect() as conn:
        assert conn.execute(select(schema.booking.c.status).where(schema.booking.c.reference == reference)).scalar() \
            == "cancelled"


def test_stopping_the_form_leaves_nothing_behind(servers):
    engine = make_engine(servers.database_url)
    me = uuid.uuid4().hex
    servers.say("i want to see a careers adviser", me, {"school_id": "stafford-college"})
    servers.say("Jo", me)
    text = texts(servers.say("never mind", me))
    assert "Nothing has been booked" in text
    with engine.connect() as conn:
        assert conn.execute(select(schema.booking).where(schema.booking.c.conversation_id == me)).first() is None


def test_asking_for_a_person_records_an_escalation(servers):
    engine = make_engine(servers.database_url)
    me = uuid.uuid4().hex
    text = texts(servers.say("can i talk to a real person", me, {"school_id": "worcester-high"}))
    assert "member of staff" in text
    with engine.connect() as conn:
        row = conn.execute(select(schema.escalation).where(schema.escalation.c.conversation_id == me)).one()
    assert row.reason == "asked_for_person" and row.urgency == "normal"
