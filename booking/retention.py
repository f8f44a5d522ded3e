"""How long Pathfinder keeps each kind of data, the purge that enforces it, and erasing one pupil's data.

Every period is an environment variable in days (README, docs/retention.md). `python -m booking purge` runs the
purge; the worker runs it once a day. Pending handoffs are never purged (they have not been delivered yet), and
a conversation with an open escalation keeps its messages until the escalation is resolved.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, select, update
from sqlalchemy.engine import Connection, Engine

from booking import schema
from booking.service import BookingError, LOOKUP_WINDOW, _handoff, normal_reference, now_local
from booking.settings import LONDON
from booking.staff import ERASURE_ROLES, SCHOOL_ROLES, StaffUser
from booking.transcripts import events_table
from insight.store import ensure_tables as ensure_insight_tables, purge_before as purge_insight

PERIODS = {  # variable: (default days, what it covers)
    "PATHFINDER_RETAIN_CONVERSATION_DAYS": (90, "chat messages: Rasa tracker events and any copy of them"),
    "PATHFINDER_RETAIN_BOOKING_DAYS": (30, "bookings' personal fields, briefs and action plans, counted from the "
                                           "interview date"),
    "PATHFINDER_RETAIN_WAITLIST_DAYS": (30, "the waiting list"),
    "PATHFINDER_RETAIN_OUTBOX_DAYS": (30, "delivered and failed handoff messages"),
    "PATHFINDER_RETAIN_AUDIT_DAYS": (730, "the staff audit trail"),
    "PATHFINDER_RETAIN_SAFEGUARDING_DAYS": (365, "escalations, their notes and verbatim disclosure text"),
    "PATHFINDER_RETAIN_INSIGHT_DAYS": (730, "hub insight: anonymous counts of what pupils asked, by month"),
}


def days(variable: str) -> int:
    default = PERIODS[variable][0]
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BookingError(f"{variable} must be a whole number of days (1 or more), not {raw!r}.")
    return int(raw)


def check_periods() -> dict[str, int]:
    """Every period, or a BookingError naming the variable that is not a whole number of days."""
    return {variable: days(variable) for variable in PERIODS}


def retention_cutoff(variable: str, now: datetime | None = None) -> datetime:
    """The oldest moment (naive Europe/London, like every stored time) whose data this period still keeps."""
    return (now or now_local()) - timedelta(days=days(variable))


def anonymous_id(conversation_id: str) -> str:
    """Replaces a conversation id on an anonymised booking, so the Benchmark 8 report still counts pupils once."""
    return "anon-" + hashlib.sha256(conversation_id.encode()).hexdigest()[:24]


@dataclass
class Counts:
    rows: dict

    def __str__(self) -> str:
        return "\n".join(f"{name}: {count}" for name, count in self.rows.items())


def _run(conn: Connection, statement, dry_run: bool) -> int:
    if dry_run:
        return len(conn.execute(select(statement.table.c[_key(statement.table)]).where(statement.whereclause)).all())
    return conn.execute(statement).rowcount


def _key(table) -> str:
    return list(table.primary_key.columns)[0].name


def purge(engine: Engine, tracker_engine: Engine | None = None, *, now: datetime | None = None,
          dry_run: bool = False) -> Counts:
    """Deletes (or with dry_run counts) everything older than its period; returns the count per table."""
    now = now or now_local()
    conversation = retention_cutoff("PATHFINDER_RETAIN_CONVERSATION_DAYS", now)
    b, s, w, o, a = schema.booking, schema.slot, schema.waiting_list, schema.outbox, schema.audit_event
    e, n = schema.escalation, schema.escalation_note
    counts: dict[str, int] = {}
    ensure_insight_tables(engine)
    with engine.begin() as conn:
        old_bookings = conn.execute(
            select(b.c.id, b.c.reference, b.c.conversation_id).join(s, s.c.id == b.c.slot_id)
            .where(s.c.starts_at < retention_cutoff("PATHFINDER_RETAIN_BOOKING_DAYS", now),
                   ~b.c.conversation_id.startswith("anon-"))).all()
        if not dry_run:
            for row in old_bookings:
                conn.execute(update(b).where(b.c.id == row.id).values(
                    first_name="", topic="", conversation_id=anonymous_id(row.conversation_id), updated_at=now))
        counts["booking (personal fields removed)"] = len(old_bookings)
        counts.update(_remove_briefs_and_plans(conn, [r.reference for r in old_bookings], dry_run))
        counts["waiting_list"] = _run(conn, delete(w).where(
            w.c.created_at < retention_cutoff("PATHFINDER_RETAIN_WAITLIST_DAYS", now)), dry_run)
        counts["outbox"] = _run(conn, delete(o).where(
            o.c.status.in_(("delivered", "failed")),
            o.c.created_at < retention_cutoff("PATHFINDER_RETAIN_OUTBOX_DAYS", now)), dry_run)
        safeguarding = retention_cutoff("PATHFINDER_RETAIN_SAFEGUARDING_DAYS", now)
        old_escalations = select(e.c.id).where(e.c.created_at < safeguarding).scalar_subquery()
        counts["escalation_note"] = _run(conn, delete(n).where(n.c.escalation_id.in_(old_escalations)), dry_run)
        counts["escalation"] = _run(conn, delete(e).where(e.c.created_at < safeguarding), dry_run)
        copies = and_(e.c.urgency == "normal", e.c.created_at < conversation, e.c.detail.isnot(None), e.c.detail != "")
        counts["escalation (message copy removed)"] = _run(conn, update(e).where(copies).values(detail=None), dry_run)
        counts["audit_event"] = _run(conn, delete(a).where(
            a.c.at < retention_cutoff("PATHFINDER_RETAIN_AUDIT_DAYS", now)), dry_run)
        counts["booking_attempt"] = _run(conn, delete(schema.booking_attempt).where(
            schema.booking_attempt.c.at < now - LOOKUP_WINDOW), dry_run)
        counts["booking_allowance"] = _run(conn, delete(schema.booking_allowance).where(
            schema.booking_allowance.c.at < conversation), dry_run)
        counts["insight_asked"] = purge_insight(
            conn, retention_cutoff("PATHFINDER_RETAIN_INSIGHT_DAYS", now), dry_run)
        open_conversations = {r.conversation_id for r in conn.execute(
            select(e.c.conversation_id).where(e.c.status != "resolved"))}
    counts["tracker events"] = _purge_tracker(tracker_engine, conversation, open_conversations, dry_run)
    return Counts(counts)


def _remove_briefs_and_plans(conn: Connection, references: list[str], dry_run: bool = False) -> dict[str, int]:
    """A booking's approved brief and action plan go with its personal fields."""
    counts = {}
    for name, table in (("booking_brief", schema.booking_brief), ("action_step", schema.action_step)):
        counts[name] = _run(conn, delete(table).where(table.c.booking_reference.in_(references)), dry_run) \
            if references else 0
    return counts


def _purge_tracker(tracker_engine: Engine | None, cutoff: datetime, keep: set[str], dry_run: bool) -> int:
    events = events_table(tracker_engine) if tracker_engine is not None else None
    if events is None:
        return 0
    old = events.c.timestamp < cutoff.replace(tzinfo=LONDON).timestamp()
    if keep:
        old = and_(old, events.c.sender_id.not_in(sorted(keep)))
    with tracker_engine.begin() as conn:
        if dry_run:
            return len(conn.execute(select(events.c.id).where(old)).all())
        return conn.execute(delete(events).where(old)).rowcount


def erase_pupil(engine: Engine, tracker_engine: Engine | None, user: StaffUser, *, conversation_id: str = "",
                reference: str = "", now: datetime | None = None) -> Counts:
    """Erases one pupil's data, found by conversation id or booking reference: their messages, bookings' personal
    fields (an upcoming interview is cancelled and the adviser told), briefs, action plans, escalations, waiting
    list and handoffs.
    Only safeguarding leads (for their own school's pupils) and hub leads may do it; it is audited."""
    now = now or now_local()
    if user.role not in ERASURE_ROLES or user.disabled:
        raise BookingError("Only a safeguarding lead or a hub lead can erase a pupil's data.")
    b, s, e, o = schema.booking, schema.slot, schema.escalation, schema.outbox
    with engine.connect() as conn:
        if reference.strip():
            conversation_id = conn.execute(select(b.c.conversation_id)
                                           .where(b.c.reference == normal_reference(reference))).scalar() or ""
        conversation_id = conversation_id.strip()
        schools = {r[0] for r in conn.execute(select(b.c.school_id).where(b.c.conversation_id == conversation_id))} | \
                  {r[0] for r in conn.execute(select(e.c.school_id).where(e.c.conversation_id == conversation_id))} | \
                  {r[0] for r in conn.execute(select(schema.waiting_list.c.school_id)
                                              .where(schema.waiting_list.c.conversation_id == conversation_id))}
    reachable = user.all_schools or (user.role in SCHOOL_ROLES and user.school_id in schools)
    if not conversation_id or not reachable:
        raise BookingError("I can't find a pupil with that conversation id or booking reference for your school.")
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        mine = conn.execute(select(b.c.reference, b.c.status, s.c.starts_at).join(s, s.c.id == b.c.slot_id)
                            .where(b.c.conversation_id == conversation_id)).all()
        references = [r.reference for r in mine]
        counts["outbox"] = conn.execute(delete(o).where(o.c.booking_reference.in_(references))).rowcount \
            if references else 0
        counts.update(_remove_briefs_and_plans(conn, references))
        conn.execute(update(b).where(b.c.conversation_id == conversation_id).values(
            first_name="", topic="", conversation_id=anonymous_id(conversation_id), updated_at=now))
        for row in mine:
            if row.status == "confirmed" and row.starts_at > now:
                conn.execute(update(b).where(b.c.reference == row.reference).values(status="cancelled"))
                _handoff(conn, "booking.cancelled", row.reference, now)
        counts["booking (personal fields removed)"] = len(mine)
        escalation_ids = [r.id for r in conn.execute(select(e.c.id).where(e.c.conversation_id == conversation_id))]
        counts["escalation_note"] = conn.execute(delete(schema.escalation_note).where(
            schema.escalation_note.c.escalation_id.in_(escalation_ids))).rowcount if escalation_ids else 0
        counts["escalation"] = conn.execute(delete(e).where(e.c.conversation_id == conversation_id)).rowcount
        alert = f'"conversation_id": "{conversation_id}"'
        counts["outbox"] += conn.execute(delete(o).where(o.c.payload.contains(alert, autoescape=True))).rowcount
        counts["waiting_list"] = conn.execute(delete(schema.waiting_list).where(
            schema.waiting_list.c.conversation_id == conversation_id)).rowcount
        conn.execute(delete(schema.booking_attempt).where(schema.booking_attempt.c.conversation_id == conversation_id))
        conn.execute(delete(schema.booking_allowance).where(
            schema.booking_allowance.c.conversation_id == conversation_id))
        conn.execute(schema.audit_event.insert().values(
            actor=user.email, action="erase_pupil", target=f"conversation:{anonymous_id(conversation_id)}",
            detail=f"by reference {normal_reference(reference)}" if reference.strip() else "by conversation id", at=now))
    counts["tracker events"] = 0
    events = events_table(tracker_engine) if tracker_engine is not None else None
    if events is not None:
        with tracker_engine.begin() as conn:
            counts["tracker events"] = conn.execute(delete(events).where(events.c.sender_id == conversation_id)).rowcount
    return Counts(counts)
