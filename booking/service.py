"""Booking, cancelling and moving guidance interviews, the waiting list and escalations.

Every change that an adviser or school must hear about writes its outbox message in the same
transaction, so a handoff can never be lost between the two.
"""
from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from booking import schema
from booking.ics import calendar_invite
from booking.settings import LONDON, hub_safeguarding_email

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/L, which look alike
REFERENCE_LENGTH = 8
MAX_FAILED_LOOKUPS = 5
LOOKUP_WINDOW = timedelta(hours=1)
UPCOMING_LIMIT = 1
CANT_FIND = ("I can't find that booking. Please check the reference, and the first name and year group "
             "you gave when you booked.")
MAX_TOPIC = 500
MAX_NAME = 50
# One urgent safeguarding alert per conversation in this time; later disclosures join that escalation.
ALERT_WINDOW = timedelta(minutes=30)


class BookingError(Exception):
    """Something the pupil can fix or should be told; the message is written for them."""


class SlotTaken(BookingError):
    def __init__(self):
        super().__init__("Sorry, someone has just taken that time. Please pick another one.")


class NotFound(BookingError):
    pass


class LookupPaused(BookingError):
    def __init__(self):
        super().__init__("Let's take a break from looking up bookings. Please try again in an hour, or ask your "
                         "school's careers leader to help you.")


class AlreadyBooked(BookingError):
    def __init__(self, reference: str):
        super().__init__(f"You already have a careers interview booked (reference {reference}). You can move or "
                         "cancel it, or ask your school's careers leader if you need another one.")


@dataclass(frozen=True)
class Pupil:
    conversation_id: str
    first_name: str
    school_id: str
    year_group: int
    topic: str
    consent: bool


@dataclass(frozen=True)
class FreeSlot:
    slot_id: int
    starts_at: datetime
    minutes: int
    mode: str
    adviser: str


@dataclass(frozen=True)
class Booking:
    reference: str
    slot: FreeSlot
    school_id: str
    first_name: str
    status: str


def now_local() -> datetime:
    """Times are stored as naive Europe/London wall-clock times: what a school timetable says."""
    return datetime.now(LONDON).replace(tzinfo=None, microsecond=0)


def check_pupil(pupil: Pupil) -> None:
    if not pupil.first_name.strip() or len(pupil.first_name) > MAX_NAME:
        raise BookingError(f"Please give your first name or initials (up to {MAX_NAME} letters).")
    if not 7 <= int(pupil.year_group) <= 13:
        raise BookingError("Year group must be between 7 and 13.")
    if not pupil.topic.strip() or len(pupil.topic) > MAX_TOPIC:
        raise BookingError(f"Please say what you'd like to talk about in up to {MAX_TOPIC} characters.")
    if not pupil.consent:
        raise BookingError("I can only book if you agree to your details being shared with the adviser.")


def free_slots(engine: Engine, school_id: str, *, now: datetime | None = None, limit: int = 5) -> list[FreeSlot]:
    """The next free slots of advisers who cover this school, soonest first."""
    now = now or now_local()
    s, a, link, b = schema.slot, schema.adviser, schema.adviser_school, schema.booking
    taken = select(b.c.slot_id).where(b.c.status.in_(("confirmed", "attended", "did_not_attend")))
    query = (select(s.c.id, s.c.starts_at, s.c.minutes, s.c.mode, a.c.name)
             .join(a, a.c.id == s.c.adviser_id)
             .join(link, and_(link.c.adviser_id == a.c.id, link.c.school_id == school_id))
             .where(s.c.starts_at > now, s.c.id.not_in(taken))
             .order_by(s.c.starts_at, s.c.id).limit(limit))
    with engine.connect() as conn:
        return [FreeSlot(r.id, r.starts_at, r.minutes, r.mode, r.name) for r in conn.execute(query)]


def _slot(conn: Connection, slot_id: int) -> FreeSlot:
    row = conn.execute(select(schema.slot, schema.adviser.c.name.label("adviser"))
                       .join(schema.adviser, schema.adviser.c.id == schema.slot.c.adviser_id)
                       .where(schema.slot.c.id == slot_id)).first()
    if row is None:
        raise NotFound("That time is no longer available. Please pick another one.")
    return FreeSlot(row.id, row.starts_at, row.minutes, row.mode, row.adviser)


def _covers(conn: Connection, slot_id: int, school_id: str) -> bool:
    return conn.execute(select(schema.slot.c.id)
                        .join(schema.adviser_school, schema.adviser_school.c.adviser_id == schema.slot.c.adviser_id)
                        .where(schema.slot.c.id == slot_id, schema.adviser_school.c.school_id == school_id)).first() is not None


def book(engine: Engine, pupil: Pupil, slot_id: int, *, now: datetime | None = None) -> Booking:
    check_pupil(pupil)
    now = now or now_local()
    try:
        with engine.begin() as conn:
            slot = _slot(conn, slot_id)
            if slot.starts_at <= now or not _covers(conn, slot_id, pupil.school_id):
                raise NotFound("That time is no longer available. Please pick another one.")
            upcoming = _upcoming_references(conn, pupil.conversation_id, now)
            if len(upcoming) >= _upcoming_limit(conn, pupil.conversation_id):
                raise AlreadyBooked(upcoming[0])
            reference = _new_reference(conn)
            conn.execute(schema.booking.insert().values(
                reference=reference, slot_id=slot_id, conversation_id=pupil.conversation_id,
                first_name=pupil.first_name.strip(), school_id=pupil.school_id, year_group=int(pupil.year_group),
                topic=pupil.topic.strip(), consent=True, status="confirmed", created_at=now, updated_at=now))
            _handoff(conn, "booking.confirmed", reference, now)
    except IntegrityError as exc:
        if "slot" in str(exc.orig).lower() or "unique" in str(exc.orig).lower():
            raise SlotTaken() from None
        raise
    return Booking(reference, slot, pupil.school_id, pupil.first_name.strip(), "confirmed")


def normal_reference(text: str | None) -> str:
    """'pf abcd 2345', 'PFABCD2345' and 'PF-ABCD2345' are the same reference."""
    letters = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return "PF-" + (letters[2:] if letters.startswith("PF") else letters)


def find(engine: Engine, reference: str) -> Booking | None:
    """Staff and internal use only: pupils reach a booking through locate(), which checks it is theirs."""
    reference = normal_reference(reference)
    with engine.connect() as conn:
        row = conn.execute(select(schema.booking).where(schema.booking.c.reference == reference)).first()
        if row is None:
            return None
        return Booking(row.reference, _slot(conn, row.slot_id), row.school_id, row.first_name, row.status)


def failed_lookups(engine: Engine, conversation_id: str, now: datetime | None = None) -> int:
    now = now or now_local()
    a = schema.booking_attempt
    with engine.connect() as conn:
        return len(conn.execute(select(a.c.id).where(a.c.conversation_id == conversation_id,
                                                      a.c.at > now - LOOKUP_WINDOW)).all())


def check_not_paused(engine: Engine, conversation_id: str, now: datetime | None = None) -> None:
    if failed_lookups(engine, conversation_id, now) >= MAX_FAILED_LOOKUPS:
        raise LookupPaused()


def locate(engine: Engine, conversation_id: str, reference: str, *, first_name: str | None = None,
           year_group: int | str | None = None, now: datetime | None = None) -> Booking:
    """The upcoming booking with this reference, if it belongs to this conversation or the first name and year
    group match the ones given at booking. Every failure is the same NotFound(CANT_FIND) and counts towards
    the conversation's limit, so nobody can learn whether a reference exists."""
    now = now or now_local()
    check_not_paused(engine, conversation_id, now)
    b = schema.booking
    with engine.connect() as conn:
        row = conn.execute(select(b, schema.slot.c.starts_at).join(schema.slot, schema.slot.c.id == b.c.slot_id)
                           .where(b.c.reference == normal_reference(reference))).first()
    if row is not None and row.status == "confirmed" and row.starts_at > now and (
            row.conversation_id == conversation_id or _same_pupil(row, first_name, year_group)):
        with engine.connect() as conn:
            return Booking(row.reference, _slot(conn, row.slot_id), row.school_id, row.first_name, row.status)
    with engine.begin() as conn:
        conn.execute(schema.booking_attempt.insert().values(conversation_id=conversation_id, at=now))
    raise NotFound(CANT_FIND)


def _same_pupil(row, first_name: str | None, year_group: int | str | None) -> bool:
    try:
        year = int(str(year_group).strip())
    except (TypeError, ValueError):
        return False
    given = " ".join((first_name or "").split()).casefold()
    return bool(given) and secrets.compare_digest(given.encode(), " ".join(row.first_name.split()).casefold().encode()) \
        and year == row.year_group


def cancel(engine: Engine, reference: str, *, conversation_id: str, first_name: str | None = None,
           year_group: int | str | None = None, now: datetime | None = None) -> Booking:
    now = now or now_local()
    current = locate(engine, conversation_id, reference, first_name=first_name, year_group=year_group, now=now)
    with engine.begin() as conn:
        done = conn.execute(schema.booking.update().where(schema.booking.c.reference == current.reference,
                                                          schema.booking.c.status == "confirmed")
                            .values(status="cancelled", updated_at=now))
        if done.rowcount != 1:
            raise NotFound(CANT_FIND)
        _handoff(conn, "booking.cancelled", current.reference, now)
    return Booking(current.reference, current.slot, current.school_id, current.first_name, "cancelled")


def reschedule(engine: Engine, reference: str, new_slot_id: int, *, conversation_id: str,
               first_name: str | None = None, year_group: int | str | None = None,
               now: datetime | None = None) -> Booking:
    now = now or now_local()
    current = locate(engine, conversation_id, reference, first_name=first_name, year_group=year_group, now=now)
    try:
        with engine.begin() as conn:
            slot = _slot(conn, new_slot_id)
            if slot.starts_at <= now or not _covers(conn, new_slot_id, current.school_id):
                raise NotFound("That time is no longer available. Please pick another one.")
            done = conn.execute(schema.booking.update().where(schema.booking.c.reference == current.reference,
                                                              schema.booking.c.status == "confirmed")
                                .values(slot_id=new_slot_id, updated_at=now))
            if done.rowcount != 1:
                raise NotFound(CANT_FIND)
            _handoff(conn, "booking.moved", current.reference, now, previous=current.slot)
    except IntegrityError:
        raise SlotTaken() from None
    return Booking(current.reference, slot, current.school_id, current.first_name, "confirmed")


def check_can_book(engine: Engine, conversation_id: str, now: datetime | None = None) -> None:
    """AlreadyBooked if this conversation already holds as many upcoming interviews as it may."""
    with engine.connect() as conn:
        upcoming = _upcoming_references(conn, conversation_id, now or now_local())
        if len(upcoming) >= _upcoming_limit(conn, conversation_id):
            raise AlreadyBooked(upcoming[0])


def allow_upcoming(engine: Engine, conversation_id: str, limit: int, set_by: str, *,
                   now: datetime | None = None) -> None:
    """Staff let one pupil hold more than one upcoming interview (the default is UPCOMING_LIMIT)."""
    if not 1 <= int(limit) <= 10:
        raise BookingError("A pupil can hold between 1 and 10 upcoming interviews.")
    a = schema.booking_allowance
    with engine.begin() as conn:
        conn.execute(a.delete().where(a.c.conversation_id == conversation_id))
        conn.execute(a.insert().values(conversation_id=conversation_id, upcoming_limit=int(limit), set_by=set_by,
                                       at=now or now_local()))
        conn.execute(schema.audit_event.insert().values(actor=set_by, action="allow_upcoming",
                                                        target=f"conversation:{conversation_id}",
                                                        detail=str(limit), at=now or now_local()))


def _upcoming_limit(conn: Connection, conversation_id: str) -> int:
    a = schema.booking_allowance
    found = conn.execute(select(a.c.upcoming_limit).where(a.c.conversation_id == conversation_id)).scalar()
    return found or UPCOMING_LIMIT


def _upcoming_references(conn: Connection, conversation_id: str, now: datetime) -> list[str]:
    b, s = schema.booking, schema.slot
    return [r.reference for r in conn.execute(
        select(b.c.reference).join(s, s.c.id == b.c.slot_id)
        .where(b.c.conversation_id == conversation_id, b.c.status == "confirmed", s.c.starts_at > now)
        .order_by(s.c.starts_at))]


def join_waiting_list(engine: Engine, pupil: Pupil, *, now: datetime | None = None) -> int:
    check_pupil(pupil)
    with engine.begin() as conn:
        result = conn.execute(schema.waiting_list.insert().values(
            conversation_id=pupil.conversation_id, first_name=pupil.first_name.strip(), school_id=pupil.school_id,
            year_group=int(pupil.year_group), topic=pupil.topic.strip(), status="waiting",
            created_at=now or now_local()))
        return result.inserted_primary_key[0]


def escalate(engine: Engine, conversation_id: str, school_id: str | None, reason: str, *, urgent: bool,
             detail: str | None = None, now: datetime | None = None) -> int:
    """Records an escalation; an urgent one also alerts the school's safeguarding contact via the outbox."""
    now = now or now_local()
    with engine.begin() as conn:
        if school_id and conn.execute(select(schema.school.c.id).where(schema.school.c.id == school_id)).first() is None:
            school_id = None
        if urgent:
            recent = _recent_urgent(conn, conversation_id, now)
            if recent is not None:
                _add_to(conn, recent, reason, detail)
                return recent.id
        result = conn.execute(schema.escalation.insert().values(
            conversation_id=conversation_id, school_id=school_id, reason=reason, detail=(detail or "")[:2000],
            urgency="urgent" if urgent else "normal", status="new", created_at=now))
        escalation_id = result.inserted_primary_key[0]
        if urgent:
            _alert_school(conn, escalation_id, conversation_id, school_id, reason, now)
    return escalation_id


def _recent_urgent(conn: Connection, conversation_id: str, now: datetime):
    """The conversation's urgent escalation alerted within ALERT_WINDOW and not yet resolved, if any."""
    e = schema.escalation
    return conn.execute(select(e).where(e.c.conversation_id == conversation_id, e.c.urgency == "urgent",
                                        e.c.status != "resolved", e.c.created_at > now - ALERT_WINDOW,
                                        e.c.created_at <= now)
                        .order_by(e.c.created_at.desc(), e.c.id.desc())).first()


def _add_to(conn: Connection, escalation, reason: str, detail: str | None) -> None:
    """A later disclosure joins the open urgent escalation instead of sending another alert."""
    added = f"{escalation.detail or ''}\n[later, {reason}] {detail or ''}".strip()
    conn.execute(schema.escalation.update().where(schema.escalation.c.id == escalation.id)
                 .values(detail=added[:2000]))


def _new_reference(conn: Connection) -> str:
    while True:
        reference = "PF-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        if conn.execute(select(schema.booking.c.id).where(schema.booking.c.reference == reference)).first() is None:
            return reference


def _handoff(conn: Connection, kind: str, reference: str, now: datetime, previous: FreeSlot | None = None) -> None:
    row = conn.execute(
        select(schema.booking, schema.slot.c.starts_at, schema.slot.c.minutes, schema.slot.c.mode,
               schema.adviser.c.id.label("adviser_id"), schema.adviser.c.name.label("adviser"),
               schema.adviser.c.webhook_url, schema.adviser.c.email, schema.school.c.name.label("school"))
        .join(schema.slot, schema.slot.c.id == schema.booking.c.slot_id)
        .join(schema.adviser, schema.adviser.c.id == schema.slot.c.adviser_id)
        .join(schema.school, schema.school.c.id == schema.booking.c.school_id)
        .where(schema.booking.c.reference == reference)).one()
    payload = {
        "kind": kind, "reference": reference, "school": row.school, "school_id": row.school_id,
        "pupil": {"first_name": row.first_name, "year_group": row.year_group, "conversation_id": row.conversation_id},
        "topic": row.topic, "starts_at": row.starts_at.isoformat(), "minutes": row.minutes, "mode": row.mode,
        "adviser": row.adviser,
    }
    if previous is not None:
        payload["previous_starts_at"] = previous.starts_at.isoformat()
    brief = _brief(conn, reference) if kind != "booking.cancelled" else None
    payload["brief"] = brief
    if kind != "booking.cancelled":
        described = f"{row.school}. Topic: {row.topic}. Mode: {row.mode}."
        if brief:
            described += " Brief from the pupil: " + "; ".join(item["text"] for item in brief) + "."
        payload["ics"] = calendar_invite(reference, row.starts_at, row.minutes,
                                         f"Careers guidance interview: {row.first_name} (Year {row.year_group})",
                                         described, cancelled=False)
    else:
        payload["ics"] = calendar_invite(reference, row.starts_at, row.minutes, "Cancelled: careers guidance interview",
                                         f"{row.school}", cancelled=True)
    for channel, recipient in (("webhook", row.webhook_url), ("email", row.email)):
        if recipient:
            enqueue(conn, kind, channel, recipient, payload, now)


def _brief(conn: Connection, reference: str) -> list[dict] | None:
    """The brief the pupil approved for this booking ([{"kind", "text"}]), or None (booking/brief.py)."""
    stored = conn.execute(select(schema.booking_brief.c.content)
                          .where(schema.booking_brief.c.booking_reference == reference)).scalar()
    return json.loads(stored) if stored else None


def _alert_school(conn: Connection, escalation_id: int, conversation_id: str, school_id: str | None,
                  reason: str, now: datetime) -> None:
    school = conn.execute(select(schema.school).where(schema.school.c.id == school_id)).first() if school_id else None
    payload = {"kind": "escalation.urgent", "escalation_id": escalation_id, "conversation_id": conversation_id,
               "school_id": school_id, "school": school.name if school else None, "reason": reason,
               "message": "URGENT safeguarding alert from Pathfinder: a pupil's message may disclose risk of harm. "
                          "Please review the conversation in the staff console now."}
    targets = []
    if school is not None:
        targets = [("webhook", school.safeguarding_webhook), ("email", school.safeguarding_email)]
    targets = [(c, r) for c, r in targets if r]
    if not targets:
        targets = [("email", hub_safeguarding_email())]
    for channel, recipient in targets:
        enqueue(conn, "escalation.urgent", channel, recipient, payload, now)


def enqueue(conn: Connection, kind: str, channel: str, recipient: str, payload: dict, now: datetime) -> str:
    message_id = str(uuid.uuid4())
    body = {"id": message_id, **payload}
    conn.execute(schema.outbox.insert().values(
        id=message_id, kind=kind, channel=channel, recipient=recipient, payload=json.dumps(body, default=str),
        booking_reference=payload.get("reference"),
        status="pending", attempts=0, next_attempt_at=now, created_at=now))
    return message_id


def upcoming_for(engine: Engine, conversation_id: str, now: datetime | None = None) -> list[Booking]:
    """This conversation's own upcoming bookings, soonest first."""
    now = now or now_local()
    with engine.connect() as conn:
        references = _upcoming_references(conn, conversation_id, now)
    return [b for b in (find(engine, r) for r in references) if b]

