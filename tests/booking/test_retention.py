"""The retention schedule: data past its period is purged (bookings anonymised, the rest deleted, tracker events
included) and newer data stays; every period is configurable; one pupil's data can be erased by staff."""
import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, func, select

from booking import retention, schema
from booking.hub import add_slots
from booking.cli import main as booking_cli
from booking.outbox import deliver_due, run_worker
from booking.service import BookingError, Pupil, book, escalate, free_slots, join_waiting_list
from booking.settings import LONDON
from booking.staff import StaffUser
from lmi.config import make_engine
from tests.booking.conftest import NOW

LATER = NOW + timedelta(days=400)


def tracker(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    Table("events", MetaData(), Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
          Column("type_name", String(255)), Column("timestamp", Float), Column("intent_name", String(255)),
          Column("action_name", String(255)), Column("data", Text)).metadata.create_all(engine)
    return engine


def add_events(engine, sender, when: datetime, count=2):
    events = Table("events", MetaData(), autoload_with=engine)
    with engine.begin() as conn:
        conn.execute(events.insert(), [{"sender_id": sender, "type_name": "user", "data": json.dumps({"text": "hi"}),
                                        "timestamp": when.replace(tzinfo=LONDON).timestamp() + n} for n in range(count)])


def count(engine, table, *where):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar()


def senders(engine):
    events = Table("events", MetaData(), autoload_with=engine)
    with engine.connect() as conn:
        return sorted({r.sender_id for r in conn.execute(select(events.c.sender_id))})


def test_defaults_and_configured_periods(monkeypatch):
    assert retention.check_periods() == {
        "PATHFINDER_RETAIN_CONVERSATION_DAYS": 90, "PATHFINDER_RETAIN_BOOKING_DAYS": 30,
        "PATHFINDER_RETAIN_WAITLIST_DAYS": 30, "PATHFINDER_RETAIN_OUTBOX_DAYS": 30,
        "PATHFINDER_RETAIN_AUDIT_DAYS": 730, "PATHFINDER_RETAIN_SAFEGUARDING_DAYS": 365,
        "PATHFINDER_RETAIN_INSIGHT_DAYS": 730}
    monkeypatch.setenv("PATHFINDER_RETAIN_BOOKING_DAYS", "7")
    assert retention.retention_cutoff("PATHFINDER_RETAIN_BOOKING_DAYS", NOW) == NOW - timedelta(days=7)
    monkeypatch.setenv("PATHFINDER_RETAIN_AUDIT_DAYS", "a year")
    with pytest.raises(BookingError, match="PATHFINDER_RETAIN_AUDIT_DAYS must be a whole number"):
        retention.check_periods()


def test_purge_removes_what_is_past_its_period_and_keeps_the_rest(engine, tmp_path):
    events = tracker(tmp_path)
    now = NOW + timedelta(days=100)
    slots = free_slots(engine, "kidderminster-academy", now=NOW)
    old = book(engine, Pupil("old", "Ali", "kidderminster-academy", 10, "Engineering", True), slots[0].slot_id, now=NOW)
    add_slots(engine, 1, now - timedelta(days=10))  # an interview 10 days ago: its details are kept 30 days
    late_slot = free_slots(engine, "kidderminster-academy", now=now - timedelta(days=11))[0]
    recent = book(engine, Pupil("recent", "Bea", "kidderminster-academy", 11, "Nursing", True), late_slot.slot_id,
                  now=now - timedelta(days=20))
    deliver_due(engine, senders={"email": lambda *a: None, "webhook": lambda *a: None}, now=now - timedelta(days=19))
    join_waiting_list(engine, Pupil("old", "Ali", "worcester-high", 10, "x", True), now=now - timedelta(days=31))
    join_waiting_list(engine, Pupil("new", "Cy", "worcester-high", 9, "x", True), now=now - timedelta(days=29))
    escalate(engine, "ancient", "worcester-high", "abuse_at_home", urgent=True, detail="it happened",
             now=now - timedelta(days=366))
    escalate(engine, "kept", "worcester-high", "abuse_at_home", urgent=True, detail="it happened",
             now=now - timedelta(days=364))
    escalate(engine, "asked", "worcester-high", "asked_for_person", urgent=False, detail="can i talk to someone",
             now=now - timedelta(days=91))
    with engine.begin() as conn:
        conn.execute(schema.audit_event.insert(), [
            {"actor": "a", "action": "x", "target": "t", "at": now - timedelta(days=731)},
            {"actor": "a", "action": "x", "target": "t", "at": now - timedelta(days=729)}])
    add_events(events, "old", now - timedelta(days=91))
    add_events(events, "recent", now - timedelta(days=89))
    add_events(events, "kept", now - timedelta(days=364))  # its escalation is still open: the DSL still needs it

    dry = retention.purge(engine, events, now=now, dry_run=True)
    assert dry.rows["tracker events"] == 2 and dry.rows["waiting_list"] == 1
    assert senders(events) == ["kept", "old", "recent"] and count(engine, schema.waiting_list) == 2

    counts = retention.purge(engine, events, now=now)
    assert counts.rows == dry.rows
    assert counts.rows["booking (personal fields removed)"] == 1 and counts.rows["outbox"] == 1
    assert counts.rows["escalation"] == 1 and counts.rows["audit_event"] == 1
    with engine.connect() as conn:
        rows = {r.reference: r for r in conn.execute(select(schema.booking))}
        details = {r.conversation_id: r.detail for r in conn.execute(select(schema.escalation))}
    assert rows[old.reference].first_name == "" and rows[old.reference].topic == ""
    assert rows[old.reference].conversation_id == retention.anonymous_id("old")
    assert rows[old.reference].year_group == 10 and rows[old.reference].school_id == "kidderminster-academy"
    assert rows[recent.reference].first_name == "Bea" and rows[recent.reference].conversation_id == "recent"
    assert details == {"kept": "it happened", "asked": None}
    assert count(engine, schema.outbox, schema.outbox.c.booking_reference == recent.reference) == 1
    assert count(engine, schema.outbox, schema.outbox.c.booking_reference == old.reference) == 0
    assert count(engine, schema.waiting_list) == 1 and count(engine, schema.audit_event) == 1
    assert senders(events) == ["kept", "recent"]
    assert retention.purge(engine, events, now=now).rows["booking (personal fields removed)"] == 0


def test_pending_handoffs_are_never_purged(engine, tmp_path):
    slot = free_slots(engine, "kidderminster-academy", now=NOW)[0]
    book(engine, Pupil("p", "Ali", "kidderminster-academy", 10, "x", True), slot.slot_id, now=NOW)
    retention.purge(engine, None, now=LATER)
    assert count(engine, schema.outbox, schema.outbox.c.status == "pending") == 1


def test_purge_command_prints_counts_per_table(engine, tmp_path, capsys):
    events = tracker(tmp_path)
    add_events(events, "someone", datetime(2020, 1, 1))
    database = str(engine.url)
    assert booking_cli(["--database", database, "purge", "--dry-run", "--tracker", str(events.url)]) == 0
    assert "tracker events: 2" in capsys.readouterr().out and senders(events) == ["someone"]
    assert booking_cli(["--database", database, "purge", "--tracker", str(events.url)]) == 0
    out = capsys.readouterr().out
    assert "tracker events: 2" in out and "waiting_list: 0" in out and senders(events) == []


def test_worker_purges_once_a_day():
    runs, ticks, clock = [], iter(range(0, 200000, 3600)), [0]

    def now():
        return clock[0]

    def sleep(_):
        clock[0] = next(ticks)

    import booking.outbox as outbox
    delivered = []
    original = outbox.deliver_due
    outbox.deliver_due = lambda engine: delivered.append(1)
    try:
        run_worker(None, daily=lambda: runs.append(clock[0]), sleep=sleep, clock=now,
                   stop=lambda: clock[0] > 50 * 3600, interval=1)
    finally:
        outbox.deliver_due = original
    assert runs == [0, 24 * 3600, 48 * 3600] and len(delivered) == 52


def lead(role, school=None):
    return StaffUser(1, f"{role}@x.invalid", role, role, school, None)


def test_erasing_a_pupil_by_booking_reference(engine, tmp_path):
    events = tracker(tmp_path)
    slot = free_slots(engine, "worcester-high", now=NOW)[0]
    made = book(engine, Pupil("c-erase-me", "Ali", "worcester-high", 10, "Engineering", True), slot.slot_id, now=NOW)
    escalate(engine, "c-erase-me", "worcester-high", "abuse_at_home", urgent=True, detail="it happened", now=NOW)
    join_waiting_list(engine, Pupil("c-erase-me", "Ali", "worcester-high", 10, "x", True), now=NOW)
    escalate(engine, "other", "worcester-high", "abuse_at_home", urgent=True, detail="other pupil", now=NOW)
    add_events(events, "c-erase-me", NOW)
    add_events(events, "other", NOW)
    with pytest.raises(BookingError):
        retention.erase_pupil(engine, events, lead("teacher", "worcester-high"), reference=made.reference, now=NOW)
    with pytest.raises(BookingError, match="can't find"):
        retention.erase_pupil(engine, events, lead("dsl", "stafford-college"), reference=made.reference, now=NOW)
    counts = retention.erase_pupil(engine, events, lead("dsl", "worcester-high"), reference=made.reference.lower(),
                                   now=NOW)
    assert counts.rows["escalation"] == 1 and counts.rows["waiting_list"] == 1 and counts.rows["tracker events"] == 2
    with engine.connect() as conn:
        row = conn.execute(select(schema.booking).where(schema.booking.c.reference == made.reference)).one()
        payloads = [r.payload for r in conn.execute(select(schema.outbox))]
        audit = conn.execute(select(schema.audit_event).where(schema.audit_event.c.action == "erase_pupil")).one()
    assert row.first_name == "" and row.topic == "" and row.status == "cancelled"
    assert not any('"c-erase-me"' in p or "Ali" in p or "Engineering" in p for p in payloads)
    assert any('"kind": "booking.cancelled"' in p for p in payloads)  # the adviser is told the slot is free
    assert any('"other"' in p for p in payloads)  # another pupil's alert stays
    assert count(engine, schema.escalation, schema.escalation.c.conversation_id == "c-erase-me") == 0
    assert count(engine, schema.escalation, schema.escalation.c.conversation_id == "other") == 1
    assert senders(events) == ["other"]
    assert audit.actor == "dsl@x.invalid" and "c-erase-me" not in audit.target


def test_hub_lead_erases_by_conversation_id(engine, tmp_path):
    events = tracker(tmp_path)
    add_events(events, "pupil", NOW)
    escalate(engine, "pupil", None, "asked_for_person", urgent=False, now=NOW)
    counts = retention.erase_pupil(engine, events, lead("hub_lead"), conversation_id="pupil", now=NOW)
    assert counts.rows["escalation"] == 1 and senders(events) == []
