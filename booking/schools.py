"""Finding the pupil's school from what they type, and school hours for honest "when" messages."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine

from booking import schema
from lmi.matching import PhraseIndex

SCHOOL_DAY = (time(8, 30), time(16, 0))


@dataclass(frozen=True)
class School:
    id: str
    name: str


def schools(engine: Engine) -> list[School]:
    with engine.connect() as conn:
        return [School(r.id, r.name) for r in conn.execute(select(schema.school).order_by(schema.school.c.name))]


def school(engine: Engine, school_id: str | None) -> School | None:
    return next((s for s in schools(engine) if s.id == school_id), None) if school_id else None


def find_school(engine: Engine, text: str) -> School | None:
    known = schools(engine)
    by_id = next((s for s in known if s.id == (text or "").strip().lower()), None)
    if by_id:
        return by_id
    index = PhraseIndex([(s.id, s.name) for s in known] + [(s.id, s.id.replace("-", " ")) for s in known])
    found = index.search(text or "", limit=2, min_score=0.55)
    if not found or (len(found) > 1 and found[0].score - found[1].score < 0.1):
        return None
    return next(s for s in known if s.id == found[0].key)


def next_school_time(now: datetime) -> str:
    """'later today', 'tomorrow' or 'on Monday': when staff are next in school."""
    start, end = SCHOOL_DAY
    if now.weekday() < 5 and now.time() < end:
        return "later today" if now.time() >= start else "this morning"
    day = now.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return "tomorrow" if day == now.date() + timedelta(days=1) else f"on {day:%A}"
