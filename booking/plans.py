"""The action plan after an interview: up to five next steps an adviser or careers staff record for a booking,
which the pupil sees in the chat and ticks off.

Staff reach a booking exactly as on the bookings page (booking/listings.py): an adviser their own interviews, a
school's staff their school's, hub leads every school's. Only advisers, careers leaders and hub leads write plans.
Pupils reach a plan from the conversation that booked, or with the booking reference and the first name they
booked with; a wrong guess counts towards the same limit as looking up a booking (booking/service.py).
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from booking import schema
from booking.escalations import NotAllowed
from booking.listings import _scope
from booking.service import (BookingError, CANT_FIND, NotFound, check_not_paused, normal_reference, now_local)
from booking.staff import StaffUser

MAX_STEPS = 5
MAX_STEP = 300
PLAN_ROLES = ("adviser", "careers_leader", "hub_lead")
NO_PLAN = "Your adviser hasn't written any next steps for that booking yet. Have a look again after your interview."


@dataclass(frozen=True)
class Step:
    id: int
    position: int
    text: str
    done: bool
    done_at: datetime | None


@dataclass(frozen=True)
class Plan:
    reference: str
    first_name: str
    steps: list[Step]

    @property
    def signature(self) -> str:
        """Changes when staff change the steps (not when the pupil ticks one): the chat shows a new plan once."""
        return hashlib.sha256("\n".join(s.text for s in self.steps).encode()).hexdigest()[:16]


def visible(engine: Engine, user: StaffUser, reference: str):
    """The booking row, if this user may see it; else NotAllowed (shown as "not found")."""
    b, s, a, sch = schema.booking, schema.slot, schema.adviser, schema.school
    query = (select(b, s.c.starts_at, s.c.mode, s.c.minutes, s.c.adviser_id, a.c.name.label("adviser"),
                    sch.c.name.label("school"))
             .join(s, s.c.id == b.c.slot_id).join(a, a.c.id == s.c.adviser_id).join(sch, sch.c.id == b.c.school_id)
             .where(b.c.reference == normal_reference(reference)))
    with engine.connect() as conn:
        row = conn.execute(_scope(user, query)).first()
    if row is None:
        raise NotAllowed("That booking does not exist or is not yours to see.")
    return row


def steps(engine: Engine, reference: str) -> list[Step]:
    with engine.connect() as conn:
        return _steps(conn, normal_reference(reference))


def _steps(conn: Connection, reference: str) -> list[Step]:
    t = schema.action_step
    return [Step(r.id, r.position, r.text, bool(r.done), r.done_at) for r in conn.execute(
        select(t).where(t.c.booking_reference == reference).order_by(t.c.position))]


def check_steps(texts: list[str]) -> list[str]:
    """The steps written, blanks dropped; a BookingError in plain words when there are none, too many or one is
    too long."""
    kept = [" ".join(str(t or "").split()) for t in texts]
    kept = [t for t in kept if t]
    if not kept:
        raise BookingError("Write at least one next step.")
    if len(kept) > MAX_STEPS:
        raise BookingError(f"A plan has at most {MAX_STEPS} next steps.")
    for n, text in enumerate(kept, start=1):
        if len(text) > MAX_STEP:
            raise BookingError(f"Step {n} is too long: keep each step under {MAX_STEP} characters.")
    return kept


def save(engine: Engine, user: StaffUser, reference: str, texts: list[str], *, now: datetime | None = None) -> list[Step]:
    """Replaces the booking's plan with these steps (a step kept word for word keeps its tick); audited."""
    if user.role not in PLAN_ROLES or user.disabled:
        raise NotAllowed("Only the adviser, a careers leader or a hub lead can write next steps.")
    row = visible(engine, user, reference)
    if row.status == "cancelled":
        raise BookingError("That booking was cancelled, so it has no next steps.")
    kept = check_steps(texts)
    now = now or now_local()
    t = schema.action_step
    with engine.begin() as conn:
        ticked = {s.text: s for s in _steps(conn, row.reference) if s.done}
        conn.execute(t.delete().where(t.c.booking_reference == row.reference))
        for position, text in enumerate(kept, start=1):
            old = ticked.get(text)
            conn.execute(t.insert().values(booking_reference=row.reference, position=position, text=text,
                                           done=bool(old), done_at=old.done_at if old else None,
                                           written_by=user.email, created_at=now))
        conn.execute(schema.audit_event.insert().values(actor=user.email, action="action_plan",
                                                        target=f"booking:{row.reference}",
                                                        detail=f"{len(kept)} steps", at=now))
        return _steps(conn, row.reference)


def for_conversation(engine: Engine, conversation_id: str) -> Plan | None:
    """The newest plan of a booking this conversation made, if there is one."""
    b, t = schema.booking, schema.action_step
    with engine.connect() as conn:
        rows = conn.execute(select(b.c.reference, b.c.first_name).where(
            b.c.conversation_id == conversation_id, b.c.reference.in_(select(t.c.booking_reference)))
            .order_by(b.c.created_at.desc(), b.c.id.desc())).all()
        if not rows:
            return None
        return Plan(rows[0].reference, rows[0].first_name, _steps(conn, rows[0].reference))


def has_booking(engine: Engine, conversation_id: str) -> bool:
    b = schema.booking
    with engine.connect() as conn:
        return conn.execute(select(b.c.id).where(b.c.conversation_id == conversation_id)).first() is not None


def lookup(engine: Engine, conversation_id: str, reference: str, first_name: str, *,
           now: datetime | None = None) -> Plan:
    """The plan of the booking with this reference when the first name matches the one booked with (or this
    conversation made it). Any failure is NotFound(CANT_FIND) and counts towards the lookup limit."""
    now = now or now_local()
    check_not_paused(engine, conversation_id, now)
    b = schema.booking
    with engine.connect() as conn:
        row = conn.execute(select(b).where(b.c.reference == normal_reference(reference))).first()
    if row is not None and row.first_name and (row.conversation_id == conversation_id or _same_name(row.first_name,
                                                                                                     first_name)):
        found = steps(engine, row.reference)
        if not found:
            raise BookingError(NO_PLAN)
        return Plan(row.reference, row.first_name, found)
    with engine.begin() as conn:
        conn.execute(schema.booking_attempt.insert().values(conversation_id=conversation_id, at=now))
    raise NotFound(CANT_FIND)


def _same_name(booked: str, given: str | None) -> bool:
    given = " ".join((given or "").split()).casefold()
    return bool(given) and secrets.compare_digest(given.encode(), " ".join(booked.split()).casefold().encode())


def tick(engine: Engine, reference: str, step_id: int, *, now: datetime | None = None) -> Step:
    """Marks one step of this booking's plan done (the caller has checked the pupil may reach the booking)."""
    t = schema.action_step
    with engine.begin() as conn:
        done = conn.execute(t.update().where(t.c.id == int(step_id), t.c.booking_reference == normal_reference(reference))
                            .values(done=True, done_at=now or now_local()))
        if done.rowcount != 1:
            raise BookingError("I can't find that step. Ask to see your next steps again.")
        row = conn.execute(select(t).where(t.c.id == int(step_id))).one()
    return Step(row.id, row.position, row.text, True, row.done_at)
