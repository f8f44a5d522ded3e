"""Booking, cancelling, moving, the waiting list, and no double booking under concurrency."""
import threading

import pytest
from sqlalchemy import func, select

from booking import schema
from booking.service import (BookingError, NotFound, Pupil, SlotTaken, book, cancel, escalate, find, free_slots,
                             join_waiting_list, reschedule)
from tests.booking.conftest import NOW


def pupil(n=0, school="kidderminster-academy"):
    return Pupil(f"conv-{n}", "Ali", school, 10, "Which A levels for engineering?", True)


def outbox_kinds(engine):
    with engine.connect() as conn:
        return [r.kind for r in conn.execute(select(schema.outbox.c.kind).order_by(schema.outbox.c.created_at))]


def test_free_slots_only_from_advisers_covering_the_school(engine):
    slots = free_slots(engine, "kidderminster-academy", now=NOW)
    assert slots and all("Sam Patel" in s.adviser for s in slots)
    assert [s.starts_at for s in slots] == sorted(s.starts_at for s in slots)
    assert all("Jo Evans" in s.adviser for s in free_slots(engine, "stafford-college", now=NOW))


def test_book_confirms_with_reference_and_writes_the_handoff(engine):
    slot = free_slots(engine, "kidderminster-academy", now=NOW)[0]
    made = book(engine, pupil(), slot.slot_id, now=NOW)
    assert made.reference.startswith("PF-") and len(made.reference) == 11
    assert find(engine, made.reference).status == "confirmed"
    assert slot.slot_id not in [s.slot_id for s in free_slots(engine, "kidderminster-academy", now=NOW)]
    assert outbox_kinds(engine) == ["booking.confirmed"]


def test_cannot_book_another_schools_adviser_or_a_past_slot(engine):
    other = free_slots(engine, "stafford-college", now=NOW)[0]
    with pytest.raises(NotFound):
        book(engine, pupil(), other.slot_id, now=NOW)
    mine = free_slots(engine, "kidderminster-academy", now=NOW)[0]
    with pytest.raises(NotFound):
        book(engine, pupil(), mine.slot_id, now=mine.starts_at)


@pytest.mark.parametrize("change,message", [
    ({"first_name": " "}, "first name"), ({"year_group": 6}, "between 7 and 13"), ({"year_group": 14}, "between 7 and 13"),
    ({"topic": "x" * 501}, "500 characters"), ({"topic": ""}, "500 characters"), ({"consent": False}, "agree"),
])
def test_bad_details_are_refused_with_a_clear_message(engine, change, message):
    details = {**pupil().__dict__, **change}
    slot = free_slots(engine, "kidderminster-academy", now=NOW)[0]
    with pytest.raises(BookingError, match=message):
        book(engine, Pupil(**details), slot.slot_id, now=NOW)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.booking)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(schema.outbox)).scalar() == 0


def test_twenty_concurrent_attempts_give_exactly_one_booking(engine):
    slot = free_slots(engine, "kidderminster-academy", now=NOW)[0]
    results, barrier = [], threading.Barrier(20)

    def attempt(n):
        barrier.wait()
        try:
            results.append(book(engine, pupil(n), slot.slot_id, now=NOW).reference)
        except SlotTaken:
            results.append("taken")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 20 and results.count("taken") == 19
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.booking)
                            .where(schema.booking.c.slot_id == slot.slot_id)).scalar() == 1
    assert outbox_kinds(engine) == ["booking.confirmed"]


def test_cancel_frees_the_slot_and_tells_the_adviser(engine):
    slot = free_slots(engine, "kidderminster-academy", now=NOW)[0]
    made = book(engine, pupil(), slot.slot_id, now=NOW)
    assert cancel(engine, made.reference.lower(), conversation_id="conv-0", now=NOW).status == "cancelled"
    assert slot.slot_id in [s.slot_id for s in free_slots(engine, "kidderminster-academy", now=NOW)]
    assert outbox_kinds(engine) == ["booking.confirmed", "booking.cancelled"]
    with pytest.raises(NotFound, match="can't find that booking"):
        cancel(engine, made.reference, conversation_id="conv-0", now=NOW)
    book(engine, pupil(2), slot.slot_id, now=NOW)  # the freed slot can be booked again


def test_reschedule_moves_to_a_free_slot_only(engine):
    first, second, third = free_slots(engine, "kidderminster-academy", now=NOW)[:3]
    mine = book(engine, pupil(1), first.slot_id, now=NOW)
    theirs = book(engine, pupil(2), second.slot_id, now=NOW)
    with pytest.raises(SlotTaken):
        reschedule(engine, mine.reference, second.slot_id, conversation_id="conv-1", now=NOW)
    moved = reschedule(engine, mine.reference, third.slot_id, conversation_id="conv-1", now=NOW)
    assert moved.slot.slot_id == third.slot_id and find(engine, theirs.reference).slot.slot_id == second.slot_id
    assert outbox_kinds(engine)[-1] == "booking.moved"


def test_unknown_reference(engine):
    with pytest.raises(NotFound, match="can't find that booking"):
        cancel(engine, "PF-NOPE0000", conversation_id="conv-0", now=NOW)


def test_waiting_list_and_escalation(engine):
    assert join_waiting_list(engine, pupil(), now=NOW) > 0
    escalate(engine, "conv-9", "worcester-high", "asked_for_person", urgent=False, now=NOW)
    escalate(engine, "conv-9", "worcester-high", "self_harm_or_suicide", urgent=True, now=NOW)
    escalate(engine, "conv-10", None, "hurt_or_threatened", urgent=True, now=NOW)
    with engine.connect() as conn:
        rows = conn.execute(select(schema.escalation).order_by(schema.escalation.c.id)).all()
        alerts = conn.execute(select(schema.outbox.c.recipient).where(schema.outbox.c.kind == "escalation.urgent")).all()
    assert [r.urgency for r in rows] == ["normal", "urgent", "urgent"]
    assert sorted(a.recipient for a in alerts) == ["dsl@worcester-high.invalid", "safeguarding-lead@hub.invalid"]
