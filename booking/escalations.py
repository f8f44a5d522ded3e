"""The staff escalation queue: urgent first, then oldest; status, notes, assignment and an audit trail.
Every read and write checks the user may see that escalation: safeguarding ones (urgent, or a 'concern') only the
school's DSL and deputies and the hub's safeguarding lead; the others the school's staff and the hub's leads.
Safeguarding staff see the pupil's whole conversation, and each view is audited; others see only the escalated
session."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, false, select
from sqlalchemy.engine import Engine

from booking import schema
from booking.service import BookingError, now_local
from booking.staff import SCHOOL_ROLES, StaffUser
from booking.transcripts import Line, transcript

STATUSES = ("new", "in_progress", "resolved")
SAFEGUARDING_URGENCIES = ("urgent", "concern")


class NotAllowed(BookingError):
    pass


@dataclass(frozen=True)
class Escalation:
    id: int
    conversation_id: str
    school_id: str | None
    school: str | None
    reason: str
    detail: str | None
    urgency: str
    status: str
    assigned_to: str | None
    created_at: datetime

    @property
    def safeguarding(self) -> bool:
        return self.urgency in SAFEGUARDING_URGENCIES


def _visible(user: StaffUser, query):
    e = schema.escalation
    safeguarding = e.c.urgency.in_(SAFEGUARDING_URGENCIES)
    if user.role == "hub_dsl":
        return query
    if user.role == "hub_lead":
        return query.where(~safeguarding)
    if user.role in ("dsl", "deputy_dsl"):
        return query.where(e.c.school_id == user.school_id)
    if user.role in SCHOOL_ROLES:
        return query.where(and_(e.c.school_id == user.school_id, ~safeguarding))
    return query.where(false())  # advisers see bookings, not escalations


def queue(engine: Engine, user: StaffUser, *, include_resolved: bool = False) -> list[Escalation]:
    e, s = schema.escalation, schema.school
    query = select(e, s.c.name.label("school")).select_from(e.outerjoin(s, s.c.id == e.c.school_id))
    if not include_resolved:
        query = query.where(e.c.status != "resolved")
    urgent_first = case((e.c.urgency == "urgent", 0), else_=1)
    query = _visible(user, query).order_by(urgent_first, e.c.created_at, e.c.id)
    with engine.connect() as conn:
        return [Escalation(r.id, r.conversation_id, r.school_id, r.school, r.reason, r.detail, r.urgency, r.status,
                           r.assigned_to, r.created_at) for r in conn.execute(query)]


def get(engine: Engine, user: StaffUser, escalation_id: int) -> Escalation:
    found = next((x for x in queue(engine, user, include_resolved=True) if x.id == escalation_id), None)
    if found is None:
        raise NotAllowed("That escalation does not exist or is not for your school.")
    return found


def _audit(conn, user: StaffUser, action: str, escalation_id: int, detail: str | None, now: datetime) -> None:
    conn.execute(schema.audit_event.insert().values(actor=user.email, action=action,
                                                    target=f"escalation:{escalation_id}", detail=detail, at=now))


def conversation(engine: Engine, tracker_engine: Engine, user: StaffUser, escalation_id: int) -> list[Line]:
    """What the pupil and Pathfinder said. A safeguarding transcript is the whole conversation and every view is
    written to the audit trail (who, when); other staff see only the session that was escalated."""
    item = get(engine, user, escalation_id)
    if item.safeguarding:
        with engine.begin() as conn:
            _audit(conn, user, "view_transcript", escalation_id, None, now_local())
        return transcript(tracker_engine, item.conversation_id)
    return transcript(tracker_engine, item.conversation_id, session_at=item.created_at)


def set_status(engine: Engine, user: StaffUser, escalation_id: int, status: str) -> None:
    if status not in STATUSES:
        raise BookingError(f"Status must be one of: {', '.join(STATUSES)}.")
    get(engine, user, escalation_id)
    now = now_local()
    with engine.begin() as conn:
        conn.execute(schema.escalation.update().where(schema.escalation.c.id == escalation_id).values(status=status))
        _audit(conn, user, "status", escalation_id, status, now)


def assign(engine: Engine, user: StaffUser, escalation_id: int, to: str) -> None:
    get(engine, user, escalation_id)
    with engine.begin() as conn:
        conn.execute(schema.escalation.update().where(schema.escalation.c.id == escalation_id)
                     .values(assigned_to=(to or "").strip()[:100] or None))
        _audit(conn, user, "assign", escalation_id, to, now_local())


def add_note(engine: Engine, user: StaffUser, escalation_id: int, note: str) -> None:
    note = (note or "").strip()
    if not note:
        raise BookingError("A note can't be empty.")
    get(engine, user, escalation_id)
    now = now_local()
    with engine.begin() as conn:
        conn.execute(schema.escalation_note.insert().values(escalation_id=escalation_id, author=user.email,
                                                            note=note[:5000], created_at=now))
        _audit(conn, user, "note", escalation_id, None, now)


def notes(engine: Engine, user: StaffUser, escalation_id: int) -> list[dict]:
    get(engine, user, escalation_id)
    with engine.connect() as conn:
        rows = conn.execute(select(schema.escalation_note).where(schema.escalation_note.c.escalation_id == escalation_id)
                            .order_by(schema.escalation_note.c.created_at)).all()
    return [dict(r._mapping) for r in rows]


def audit_trail(engine: Engine, user: StaffUser, escalation_id: int) -> list[dict]:
    get(engine, user, escalation_id)
    with engine.connect() as conn:
        rows = conn.execute(select(schema.audit_event).where(schema.audit_event.c.target == f"escalation:{escalation_id}")
                            .order_by(schema.audit_event.c.at, schema.audit_event.c.id)).all()
    return [dict(r._mapping) for r in rows]
