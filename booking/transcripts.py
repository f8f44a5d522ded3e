"""Reads a conversation's messages from Rasa's SQL tracker store (table `events`), oldest first.

A pupil's button press is shown as the button's title (what they saw), not its payload ("/greet"); the widget's
own "/check_plan" on reopening is left out. A Rasa session
starts at a `session_started` event; session_of() keeps only the session that was going on at a given moment.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import MetaData, Table, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import NoSuchTableError

from booking.settings import LONDON

WIDGET_REOPENED = "/check_plan"  # widget/static/embed.js asks for new next steps when it reopens a chat


@dataclass(frozen=True)
class Line:
    speaker: str  # "pupil" or "Pathfinder"
    text: str
    at: datetime


def events_table(tracker_engine: Engine) -> Table | None:
    try:
        return Table("events", MetaData(), autoload_with=tracker_engine)
    except NoSuchTableError:
        return None


def transcript(tracker_engine: Engine, conversation_id: str, *, session_at: datetime | None = None) -> list[Line]:
    """The whole conversation, or with session_at (a naive Europe/London time) only the session going on then."""
    events = events_table(tracker_engine)
    if events is None:
        return []
    query = (select(events.c.type_name, events.c.timestamp, events.c.data)
             .where(events.c.sender_id == conversation_id,
                    events.c.type_name.in_(("user", "bot", "session_started")))
             .order_by(events.c.timestamp, events.c.id))
    with tracker_engine.connect() as conn:
        rows = conn.execute(query).all()
    if session_at is not None:
        rows = session_of(rows, session_at.replace(tzinfo=LONDON).timestamp())
    lines, titles = [], {}
    for row in rows:
        if row.type_name == "session_started":
            continue
        data = json.loads(row.data or "{}")
        text = data.get("text") or ""
        if row.type_name == "bot":
            buttons = (data.get("data") or {}).get("buttons") or []
            titles = {b.get("payload"): b.get("title", "") for b in buttons if b.get("payload")}
            if buttons:
                text += " [" + " | ".join(b.get("title", "") for b in buttons) + "]"
        elif text == WIDGET_REOPENED:
            continue  # sent by the widget itself, not by the pupil
        elif text in titles:
            text = f"{titles[text]} (pressed the button)"
        elif text.startswith("/"):
            text = "(pressed a button)"
        if text:
            lines.append(Line("pupil" if row.type_name == "user" else "Pathfinder", text,
                              datetime.fromtimestamp(row.timestamp, LONDON).replace(tzinfo=None)))
    return lines


def session_of(rows: list, moment: float, slack: float = 2.0) -> list:
    """The rows of the session that was going on at `moment` (epoch seconds): from the last session_started at or
    before it (with a little slack, as escalation times are kept to the second) to the next one."""
    starts = [r.timestamp for r in rows if r.type_name == "session_started"]
    began = max([t for t in starts if t <= moment + slack], default=float("-inf"))
    ended = min([t for t in starts if t > began], default=float("inf"))
    return [r for r in rows if began <= r.timestamp < ended]
