"""The Benchmark 8 report: per school and year group, pupils with a guidance interview booked and attended
this academic year (1 September to 31 August), for the school's Compass+ evaluation."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine

from booking import schema
from booking.staff import StaffUser


@dataclass(frozen=True)
class Row:
    school: str
    year_group: int
    booked: int
    attended: int


def academic_year(today: date) -> tuple[datetime, datetime]:
    start_year = today.year if today.month >= 9 else today.year - 1
    return datetime(start_year, 9, 1), datetime(start_year + 1, 9, 1)


def benchmark8(engine: Engine, user: StaffUser, today: date) -> list[Row]:
    start, end = academic_year(today)
    b, s, sch = schema.booking, schema.slot, schema.school
    pupils_booked = func.count(func.distinct(b.c.conversation_id))
    attended = func.count(func.distinct(case_attended(b)))
    query = (select(sch.c.name, b.c.year_group, pupils_booked.label("booked"), attended.label("attended"))
             .join(s, s.c.id == b.c.slot_id).join(sch, sch.c.id == b.c.school_id)
             .where(and_(s.c.starts_at >= start, s.c.starts_at < end, b.c.status != "cancelled"))
             .group_by(sch.c.name, b.c.year_group).order_by(sch.c.name, b.c.year_group))
    if not user.all_schools:
        query = query.where(b.c.school_id == (user.school_id or ""))
    with engine.connect() as conn:
        return [Row(r.name, r.year_group, r.booked, r.attended) for r in conn.execute(query)]


def case_attended(b):
    from sqlalchemy import case
    return case((b.c.status == "attended", b.c.conversation_id), else_=None)


def to_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["school", "year_group", "pupils_booked", "pupils_attended"])
    for r in rows:
        writer.writerow([r.school, r.year_group, r.booked, r.attended])
    return out.getvalue()
