"""Bookings as staff and advisers see them: upcoming or past, attendance, and the handoff's delivery status."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine

from booking import schema
from booking.escalations import NotAllowed
from booking.service import BookingError, allow_upcoming, now_local
from booking.staff import StaffUser

ALLOW_MORE_ROLES = ("careers_leader", "dsl", "deputy_dsl", "hub_lead", "hub_dsl")

ATTENDANCE = ("attended", "did_not_attend", "confirmed")


@dataclass(frozen=True)
class Handoff:
    id: str
    kind: str
    channel: str
    status: str
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class Listed:
    reference: str
    starts_at: datetime
    adviser: str
    adviser_id: int
    school: str
    school_id: str
    first_name: str
    year_group: int
    topic: str
    mode: str
    status: str
    handoffs: list[Handoff] = field(default_factory=list)

    @property
    def delivery(self) -> str:
        states = {h.status for h in self.handoffs}
        if "failed" in states:
            return "failed"
        if "pending" in states:
            return "sending"
        return "delivered" if states else "no handoff"


def _scope(user: StaffUser, query):
    b, s = schema.booking, schema.slot
    if user.all_schools:
        return query
    if user.role == "adviser":
        return query.where(s.c.adviser_id == (user.adviser_id or -1))
    return query.where(b.c.school_id == (user.school_id or ""))


def bookings(engine: Engine, user: StaffUser, *, upcoming: bool = True, now: datetime | None = None) -> list[Listed]:
    now = now or now_local()
    b, s, a, sch, o = schema.booking, schema.slot, schema.adviser, schema.school, schema.outbox
    query = (select(b, s.c.starts_at, s.c.mode, s.c.adviser_id, a.c.name.label("adviser"), sch.c.name.label("school"))
             .join(s, s.c.id == b.c.slot_id).join(a, a.c.id == s.c.adviser_id).join(sch, sch.c.id == b.c.school_id)
             .where(s.c.starts_at >= now if upcoming else s.c.starts_at < now)
             .order_by(s.c.starts_at if upcoming else s.c.starts_at.desc()))
    with engine.connect() as conn:
        rows = conn.execute(_scope(user, query)).all()
        refs = [r.reference for r in rows]
        handoffs: dict[str, list[Handoff]] = {}
        if refs:
            for h in conn.execute(select(o).where(o.c.booking_reference.in_(refs)).order_by(o.c.created_at)):
                handoffs.setdefault(h.booking_reference, []).append(
                    Handoff(h.id, h.kind, h.channel, h.status, h.attempts, h.last_error))
    return [Listed(r.reference, r.starts_at, r.adviser, r.adviser_id, r.school, r.school_id, r.first_name, r.year_group,
                   r.topic, r.mode, r.status, handoffs.get(r.reference, [])) for r in rows]


def mark_attendance(engine: Engine, user: StaffUser, reference: str, status: str) -> None:
    if status not in ATTENDANCE:
        raise BookingError("Attendance must be attended, did_not_attend or confirmed.")
    visible = {x.reference: x for x in bookings(engine, user, upcoming=False) + bookings(engine, user, upcoming=True)}
    found = visible.get(reference)
    if found is None:
        raise NotAllowed("That booking does not exist or is not yours to change.")
    if found.status == "cancelled":
        raise BookingError("That booking was cancelled.")
    with engine.begin() as conn:
        conn.execute(schema.booking.update().where(schema.booking.c.reference == reference)
                     .values(status=status, updated_at=now_local()))
        conn.execute(schema.audit_event.insert().values(actor=user.email, action="attendance",
                                                        target=f"booking:{reference}", detail=status, at=now_local()))


def failed_handoffs(engine: Engine, user: StaffUser) -> list[dict]:
    """Failed outbox messages this user may see (hub leads: all, including urgent alerts)."""
    o = schema.outbox
    with engine.connect() as conn:
        rows = conn.execute(select(o).where(o.c.status == "failed").order_by(o.c.created_at)).all()
    visible_refs = None if user.all_schools else {b.reference for b in
                                                   bookings(engine, user, upcoming=True) + bookings(engine, user, upcoming=False)}
    return [dict(r._mapping) for r in rows if visible_refs is None or r.booking_reference in visible_refs]


def allow_another(engine: Engine, user: StaffUser, reference: str) -> int:
    """A careers leader (or DSL, or hub lead) lets the pupil who made this booking hold one more upcoming interview;
    returns the new limit. Audited by booking.service.allow_upcoming."""
    if user.role not in ALLOW_MORE_ROLES:
        raise NotAllowed("Only a careers leader, safeguarding lead or hub lead can allow another interview.")
    if reference not in {x.reference for x in bookings(engine, user, upcoming=True)}:
        raise NotAllowed("That booking does not exist or is not yours to change.")
    b, s, a = schema.booking, schema.slot, schema.booking_allowance
    with engine.connect() as conn:
        conversation_id = conn.execute(select(b.c.conversation_id).where(b.c.reference == reference)).scalar()
        held = len(conn.execute(select(b.c.id).join(s, s.c.id == b.c.slot_id)
                                .where(b.c.conversation_id == conversation_id, b.c.status == "confirmed",
                                       s.c.starts_at > now_local())).all())
        limit = conn.execute(select(a.c.upcoming_limit).where(a.c.conversation_id == conversation_id)).scalar() or 1
    allow_upcoming(engine, conversation_id, max(limit, held) + 1, user.email)
    return max(limit, held) + 1
