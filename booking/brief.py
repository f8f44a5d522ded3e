"""Storing the brief a pupil approved for their adviser, and sending it with the handoff (kind "booking.brief").

Only the conversation that made the booking can attach a brief, once; "don't send" stores nothing. Items (built by
answers/brief.py) are checked again here, whatever the chat sent.
"""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from booking import schema
from booking.service import BookingError, _handoff, normal_reference, now_local

KINDS = ("year_group", "topic", "job", "sector", "route", "unanswered")
MAX_ITEMS = 10
MAX_TEXT = 300


def clean(items) -> list[dict]:
    """Only well-formed items of a known kind, each one line of at most MAX_TEXT characters."""
    kept = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("kind") in KINDS and str(item.get("text") or "").strip():
            kept.append({"kind": item["kind"], "text": " ".join(str(item["text"]).split())[:MAX_TEXT]})
    return kept[:MAX_ITEMS]


def lines(items) -> list[str]:
    return [item["text"] for item in clean(items)]


def save(engine: Engine, conversation_id: str, reference: str, items, *, now: datetime | None = None) -> list[dict]:
    """Stores the approved items with the booking and queues the "booking.brief" handoff in the same transaction."""
    now = now or now_local()
    items = clean(items)
    if not items:
        raise BookingError("There's nothing left in the brief to send.")
    b = schema.booking
    reference = normal_reference(reference)
    try:
        with engine.begin() as conn:
            row = conn.execute(select(b.c.conversation_id, b.c.status).where(b.c.reference == reference)).first()
            if row is None or row.conversation_id != conversation_id or row.status != "confirmed":
                raise BookingError("I can't add a brief to that booking.")
            conn.execute(schema.booking_brief.insert().values(booking_reference=reference, content=json.dumps(items),
                                                              approved_at=now))
            _handoff(conn, "booking.brief", reference, now)
    except IntegrityError:
        raise BookingError("You've already sent a brief for this booking.") from None
    return items


def get(engine: Engine, reference: str) -> list[dict] | None:
    """The approved items, or None when the pupil sent no brief."""
    with engine.connect() as conn:
        stored = conn.execute(select(schema.booking_brief.c.content)
                              .where(schema.booking_brief.c.booking_reference == normal_reference(reference))).scalar()
    return clean(json.loads(stored)) if stored else None
