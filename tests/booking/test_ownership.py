"""A booking belongs to the pupil who made it: only their conversation, or their reference with the first name and
year group they gave, can cancel or move it; failures all look the same and are limited per conversation."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from booking import schema
from booking.service import (CANT_FIND, REFERENCE_LENGTH, AlreadyBooked, LookupPaused, NotFound, Pupil,
                             allow_upcoming, book, cancel, check_can_book, free_slots, locate, normal_reference, reschedule,
                             upcoming_for)
from tests.booking.conftest import NOW

SCHOOL = "kidderminster-academy"


def made(engine, conversation="owner", name="Ali", year=10, index=0):
    slot = free_slots(engine, SCHOOL, now=NOW)[index]
    return book(engine, Pupil(conversation, name, SCHOOL, year, "Engineering", True), slot.slot_id, now=NOW)


def status(engine, reference):
    with engine.connect() as conn:
        return conn.execute(select(schema.booking.c.status).where(schema.booking.c.reference == reference)).scalar()


def test_references_are_long_and_unambiguous(engine):
    references = {made(engine, f"c{n}").reference for n in range(5)}
    for reference in references:
        assert re.fullmatch(r"PF-[A-HJKMNP-Z2-9]{%d}" % REFERENCE_LENGTH, reference), reference
        assert not set(reference[3:]) & set("0O1IL")
    assert len(references) == 5


def test_reference_is_read_however_it_is_typed():
    assert normal_reference("pf abcd 2345") == normal_reference("PFABCD2345") == "PF-ABCD2345"


def test_another_conversation_cannot_cancel_with_the_reference_alone(engine):
    mine = made(engine)
    with pytest.raises(NotFound) as refused:
        cancel(engine, mine.reference, conversation_id="stranger", now=NOW)
    assert str(refused.value) == CANT_FIND
    assert status(engine, mine.reference) == "confirmed"


def test_another_conversation_needs_the_first_name_and_year_group(engine):
    mine = made(engine, name="Ali", year=10)
    for name, year in (("Sam", 10), ("Ali", 11), ("", 10), ("Ali", None)):
        with pytest.raises(NotFound, match=re.escape(CANT_FIND)):
            cancel(engine, mine.reference, conversation_id=f"other-{name}-{year}", first_name=name, year_group=year,
                   now=NOW)
    assert status(engine, mine.reference) == "confirmed"
    done = cancel(engine, mine.reference, conversation_id="new-device", first_name=" ali ", year_group="10", now=NOW)
    assert done.status == "cancelled" and status(engine, mine.reference) == "cancelled"


def test_the_booking_conversation_can_move_its_own_booking(engine):
    mine = made(engine)
    target = free_slots(engine, SCHOOL, now=NOW)[1]
    with pytest.raises(NotFound):
        reschedule(engine, mine.reference, target.slot_id, conversation_id="stranger", now=NOW)
    moved = reschedule(engine, mine.reference, target.slot_id, conversation_id="owner", now=NOW)
    assert moved.slot.slot_id == target.slot_id


def test_every_failure_gets_the_same_reply(engine):
    cancelled = made(engine, "a", index=0)
    cancel(engine, cancelled.reference, conversation_id="a", now=NOW)
    someone_elses = made(engine, "b", index=1)
    past = made(engine, "c", index=2)
    replies = set()
    for reference, conversation, when in ((cancelled.reference, "a", NOW), ("PF-ZZZZZZZZ", "d", NOW),
                                          (someone_elses.reference, "d", NOW),
                                          (past.reference, "c", past.slot.starts_at + timedelta(hours=1))):
        with pytest.raises(NotFound) as refused:
            locate(engine, conversation, reference, now=when)
        replies.add(str(refused.value))
    assert replies == {CANT_FIND}
    assert "already" not in CANT_FIND


def test_five_failures_in_an_hour_pause_the_conversation(engine):
    mine = made(engine, name="Ali", year=10)
    for n in range(5):
        with pytest.raises(NotFound):
            locate(engine, "guesser", f"PF-GUESS{n + 2}22", first_name="Ali", year_group=10, now=NOW)
    with pytest.raises(LookupPaused, match="try again in an hour"):
        locate(engine, "guesser", mine.reference, first_name="Ali", year_group=10, now=NOW)
    with pytest.raises(LookupPaused):
        cancel(engine, mine.reference, conversation_id="guesser", first_name="Ali", year_group=10, now=NOW)
    assert status(engine, mine.reference) == "confirmed"
    later = NOW + timedelta(hours=1, minutes=1)
    assert locate(engine, "guesser", mine.reference, first_name="Ali", year_group=10, now=later).reference \
        == mine.reference
    assert locate(engine, "someone-else", mine.reference, first_name="Ali", year_group=10, now=NOW)


def test_one_upcoming_booking_per_conversation_unless_staff_allow_more(engine):
    first = made(engine, "pupil", index=0)
    with pytest.raises(AlreadyBooked, match=first.reference):
        made(engine, "pupil", index=0)
    with pytest.raises(AlreadyBooked):
        check_can_book(engine, "pupil", now=NOW)
    check_can_book(engine, "someone-else", now=NOW)
    allow_upcoming(engine, "pupil", 2, "careers.leader@school.invalid", now=NOW)
    second = made(engine, "pupil", index=0)
    assert [b.reference for b in upcoming_for(engine, "pupil", now=NOW)] == [first.reference, second.reference]
    with pytest.raises(AlreadyBooked):
        made(engine, "pupil", index=0)
    with engine.connect() as conn:
        audit = conn.execute(select(schema.audit_event).where(schema.audit_event.c.action == "allow_upcoming")).one()
    assert audit.actor == "careers.leader@school.invalid" and audit.target == "conversation:pupil"


def test_a_cancelled_booking_does_not_count_towards_the_limit(engine):
    first = made(engine, "pupil", index=0)
    cancel(engine, first.reference, conversation_id="pupil", now=NOW)
    assert made(engine, "pupil", index=0).reference != first.reference
