"""Tables for the hub's schools, advisers, slots, bookings (with a pupil's approved brief and the adviser's action
plan), escalations and the handoff outbox.

Pupils are pseudonymous: a conversation id plus only what a booking needs.
A partial unique index on active bookings makes double booking impossible at the database level.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, text)

metadata = MetaData()

school = Table(
    "school", metadata,
    Column("id", String(50), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("area_id", String(100), nullable=False),
    Column("safeguarding_contact", String(200), nullable=False),
    Column("safeguarding_email", String(200), nullable=False),
    Column("safeguarding_webhook", String(500)),
)

adviser = Table(
    "adviser", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("qualification_level", Integer, nullable=False),
    Column("cdi_registered", Boolean, nullable=False, default=False),
    Column("webhook_url", String(500)),
    Column("email", String(200)),
    CheckConstraint("qualification_level BETWEEN 1 AND 8", name="ck_adviser_level"),
)

adviser_school = Table(
    "adviser_school", metadata,
    Column("adviser_id", Integer, ForeignKey("adviser.id"), primary_key=True),
    Column("school_id", String(50), ForeignKey("school.id"), primary_key=True),
)

slot = Table(
    "slot", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("adviser_id", Integer, ForeignKey("adviser.id"), nullable=False, index=True),
    Column("starts_at", DateTime, nullable=False, index=True),
    Column("minutes", Integer, nullable=False, default=30),
    Column("mode", String(100), nullable=False),
    Index("uq_slot_adviser_start", "adviser_id", "starts_at", unique=True),
)

ACTIVE = ("confirmed",)

booking = Table(
    "booking", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(12), nullable=False, unique=True),
    Column("slot_id", Integer, ForeignKey("slot.id"), nullable=False),
    Column("conversation_id", String(100), nullable=False, index=True),
    Column("first_name", String(50), nullable=False),
    Column("school_id", String(50), ForeignKey("school.id"), nullable=False, index=True),
    Column("year_group", Integer, nullable=False),
    Column("topic", String(500), nullable=False),
    Column("consent", Boolean, nullable=False),
    Column("status", String(20), nullable=False, default="confirmed"),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    CheckConstraint("year_group BETWEEN 7 AND 13", name="ck_booking_year"),
    CheckConstraint("status IN ('confirmed', 'cancelled', 'moved', 'attended', 'did_not_attend')",
                    name="ck_booking_status"),
    Index("uq_booking_active_slot", "slot_id", unique=True,
          sqlite_where=text("status IN ('confirmed', 'attended', 'did_not_attend')"),
          postgresql_where=text("status IN ('confirmed', 'attended', 'did_not_attend')")),
)

# The brief a pupil approved for their adviser (booking/brief.py): a JSON list of {"kind", "text"} items, built
# only from the dataset's values, the booking's year group and topic; never anything about safeguarding.
booking_brief = Table(
    "booking_brief", metadata,
    Column("booking_reference", String(12), ForeignKey("booking.reference"), primary_key=True),
    Column("content", Text, nullable=False),
    Column("approved_at", DateTime, nullable=False),
)

# Up to five next steps an adviser records after the interview (booking/plans.py); the pupil ticks them off.
action_step = Table(
    "action_step", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("booking_reference", String(12), ForeignKey("booking.reference"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("text", String(300), nullable=False),
    Column("done", Boolean, nullable=False, default=False),
    Column("done_at", DateTime),
    Column("written_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    CheckConstraint("position BETWEEN 1 AND 5", name="ck_action_step_position"),
)

booking_attempt = Table(
    "booking_attempt", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(100), nullable=False, index=True),
    Column("at", DateTime, nullable=False, index=True),
)

booking_allowance = Table(
    "booking_allowance", metadata,
    Column("conversation_id", String(100), primary_key=True),
    Column("upcoming_limit", Integer, nullable=False),
    Column("set_by", String(200), nullable=False),
    Column("at", DateTime, nullable=False),
)

waiting_list = Table(
    "waiting_list", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(100), nullable=False),
    Column("first_name", String(50), nullable=False),
    Column("school_id", String(50), ForeignKey("school.id"), nullable=False, index=True),
    Column("year_group", Integer, nullable=False),
    Column("topic", String(500), nullable=False),
    Column("status", String(20), nullable=False, default="waiting"),
    Column("created_at", DateTime, nullable=False),
)

escalation = Table(
    "escalation", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(100), nullable=False, index=True),
    Column("school_id", String(50), ForeignKey("school.id"), index=True),
    Column("reason", String(50), nullable=False),
    Column("detail", Text),
    Column("urgency", String(10), nullable=False),
    Column("status", String(20), nullable=False, default="new"),
    Column("assigned_to", String(100)),
    Column("created_at", DateTime, nullable=False),
    CheckConstraint("urgency IN ('urgent', 'normal')", name="ck_escalation_urgency"),
    CheckConstraint("status IN ('new', 'in_progress', 'resolved')", name="ck_escalation_status"),
)

outbox = Table(
    "outbox", metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(50), nullable=False),
    Column("booking_reference", String(12), index=True),
    Column("recipient", String(200), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("payload", Text, nullable=False),
    Column("status", String(20), nullable=False, default="pending", index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False, index=True),
    Column("last_error", Text),
    Column("created_at", DateTime, nullable=False),
    Column("delivered_at", DateTime),
    CheckConstraint("channel IN ('webhook', 'email')", name="ck_outbox_channel"),
    CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="ck_outbox_status"),
)

# A school's teachers, careers leader, designated safeguarding lead (DSL) and deputies; the hub's lead, its own
# safeguarding lead if it has one (hub_dsl), and careers advisers. booking/staff.py says what each may reach.
ROLES = ("teacher", "careers_leader", "dsl", "deputy_dsl", "hub_lead", "hub_dsl", "adviser")
ROLE_CHECK = "role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")"

staff_user = Table(
    "staff_user", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(200), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(30), nullable=False),
    Column("school_id", String(50), ForeignKey("school.id")),
    Column("adviser_id", Integer, ForeignKey("adviser.id")),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime),
    Column("disabled", Boolean, nullable=False, default=False, server_default=text("false")),
    Column("created_at", DateTime, nullable=False),
    CheckConstraint(ROLE_CHECK, name="ck_staff_role"),
)

escalation_note = Table(
    "escalation_note", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("escalation_id", Integer, ForeignKey("escalation.id"), nullable=False, index=True),
    Column("author", String(200), nullable=False),
    Column("note", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

audit_event = Table(
    "audit_event", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False),
    Column("target", String(200), nullable=False),
    Column("detail", Text),
    Column("at", DateTime, nullable=False, index=True),
)
