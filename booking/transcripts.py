"""Reads a conversation's messages from Rasa's SQL tracker store (table `events`), oldest first."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import MetaData, Table, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import NoSuchTableError


@dataclass(frozen=True)
class Line:
    speaker: str  # "pupil" or "Pathfinder"
    text: str
    at: datetime


def transcript(tracker_engine: Engine, conversation_id: str) -> list[Line]:
    try:
        events = Table("events", MetaData(), autoload_with=tracker_engine)
    except NoSuchTableError:
        return []
    query = (select(events.c.type_name, events.c.timestamp, events.c.data)
             .where(events.c.sender_id == conversation_id, events.c.type_name.in_(("user", "bot")))
             .order_by(events.c.timestamp, events.c.id))
    lines = []
    with tracker_engine.connect() as conn:
        for row in conn.execute(query):
            data = json.loads(row.data or "{}")
            text = data.get("text") or ""
            if row.type_name == "bot":
                buttons = (data.get("data") or {}).get("buttons") or []
                if buttons:
                    text += " [" + " | ".join(b.get("title", "") for b in buttons) + "]"
            if text:
                lines.append(Line("pupil" if row.type_name == "user" else "Pathfinder", text,
                                  datetime.fromtimestamp(row.timestamp)))
    return lines
