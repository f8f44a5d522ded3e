"""Setting a hub up: schools, advisers (and the schools they cover), availability slots, and a demo seed."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from booking import schema
from booking.service import BookingError, now_local
from lmi.config import is_production


class SetupError(BookingError):
    pass


def create_tables(engine: Engine) -> None:
    from booking.migrate import upgrade
    schema.metadata.create_all(engine)
    upgrade(engine)


def add_school(engine: Engine, school_id: str, name: str, area_id: str, safeguarding_contact: str,
               safeguarding_email: str, safeguarding_webhook: str | None = None) -> None:
    if not school_id.strip() or not name.strip():
        raise SetupError("A school needs an id and a name.")
    if "@" not in safeguarding_email:
        raise SetupError(f"{safeguarding_email!r} is not an email address for the safeguarding contact.")
    try:
        with engine.begin() as conn:
            conn.execute(schema.school.insert().values(
                id=school_id.strip(), name=name.strip(), area_id=area_id.strip(),
                safeguarding_contact=safeguarding_contact.strip(), safeguarding_email=safeguarding_email.strip(),
                safeguarding_webhook=(safeguarding_webhook or "").strip() or None))
    except IntegrityError:
        raise SetupError(f"A school with id {school_id!r} or name {name!r} already exists.") from None


def add_adviser(engine: Engine, name: str, qualification_level: int, cdi_registered: bool, schools: list[str],
                webhook_url: str | None = None, email: str | None = None) -> int:
    if not 1 <= int(qualification_level) <= 8:
        raise SetupError("Qualification level must be between 1 and 8 (Benchmark 8 expects level 6).")
    if not webhook_url and not email:
        raise SetupError("An adviser needs a webhook URL or an email address for handoffs.")
    with engine.begin() as conn:
        known = {r.id for r in conn.execute(select(schema.school.c.id))}
        unknown = [s for s in schools if s not in known]
        if unknown:
            raise SetupError(f"Unknown school id(s): {', '.join(unknown)}")
        adviser_id = conn.execute(schema.adviser.insert().values(
            name=name.strip(), qualification_level=int(qualification_level), cdi_registered=bool(cdi_registered),
            webhook_url=webhook_url or None, email=email or None)).inserted_primary_key[0]
        for school_id in dict.fromkeys(schools):
            conn.execute(schema.adviser_school.insert().values(adviser_id=adviser_id, school_id=school_id))
    return adviser_id


def add_slots(engine: Engine, adviser_id: int, first: datetime, *, minutes: int = 30, mode: str = "In person at school",
              every_days: int = 0, count: int = 1) -> int:
    """One slot, or `count` slots repeating every `every_days` days. Existing slots are skipped."""
    if count < 1 or minutes < 10:
        raise SetupError("Give at least one slot of at least 10 minutes.")
    added = 0
    for i in range(count):
        starts_at = first + timedelta(days=every_days * i)
        try:
            with engine.begin() as conn:
                conn.execute(schema.slot.insert().values(adviser_id=adviser_id, starts_at=starts_at,
                                                         minutes=minutes, mode=mode))
            added += 1
        except IntegrityError:
            continue
    return added


def is_empty(engine: Engine) -> bool:
    create_tables(engine)
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.school)).scalar() == 0


@dataclass(frozen=True)
class DemoHub:
    schools: list[str]
    advisers: list[int]


DEMO_SCHOOLS = [
    ("kidderminster-academy", "Kidderminster Demo Academy", "wyre-forest"),
    ("worcester-high", "Worcester Demo High School", "worcester"),
    ("stafford-college", "Stafford Demo College", "stafford"),
    ("stoke-park-school", "Stoke Demo Park School", "stoke-on-trent"),
]


def seed_demo(engine: Engine, today: date | None = None) -> DemoHub:
    """A made-up demo hub (clearly labelled 'Demo') so a newcomer can book at once; never in production."""
    if is_production():
        raise SetupError("Demo data is never added in production (PATHFINDER_ENV=production).")
    create_tables(engine)
    today = today or now_local().date()
    for school_id, name, area in DEMO_SCHOOLS:
        add_school(engine, school_id, name, area, "Demo Safeguarding Lead", f"dsl@{school_id}.invalid")
    advisers = [
        add_adviser(engine, "Sam Patel (demo adviser)", 6, True, ["kidderminster-academy", "worcester-high"],
                    email="sam.patel@advisers.invalid"),
        add_adviser(engine, "Jo Evans (demo adviser)", 6, True, ["stafford-college", "stoke-park-school"],
                    email="jo.evans@advisers.invalid"),
    ]
    _seed_demo_staff(engine, advisers)
    start = today + timedelta(days=1)
    while start.weekday() >= 5:
        start += timedelta(days=1)
    for adviser_id in advisers:
        for hour in (9, 10, 11, 13, 14):
            add_slots(engine, adviser_id, datetime.combine(start, time(hour, 0)), every_days=7, count=8)
    return DemoHub([s[0] for s in DEMO_SCHOOLS], advisers)


def import_csv(engine: Engine, kind: str, path: Path) -> int:
    """Imports schools, advisers or slots from a CSV file; stops at the first bad row, naming it."""
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    count = 0
    for line, row in enumerate(rows, start=2):
        try:
            if kind == "schools":
                add_school(engine, row["id"], row["name"], row["area_id"], row["safeguarding_contact"],
                           row["safeguarding_email"], row.get("safeguarding_webhook"))
            elif kind == "advisers":
                add_adviser(engine, row["name"], int(row["qualification_level"]),
                            row["cdi_registered"].strip().lower() in ("yes", "true", "1"),
                            [s.strip() for s in row["schools"].split("|") if s.strip()],
                            row.get("webhook_url") or None, row.get("email") or None)
            elif kind == "slots":
                add_slots(engine, int(row["adviser_id"]), datetime.fromisoformat(row["starts_at"]),
                          minutes=int(row.get("minutes") or 30), mode=row.get("mode") or "In person at school",
                          every_days=int(row.get("every_days") or 0), count=int(row.get("count") or 1))
            else:
                raise SetupError(f"Unknown import kind {kind!r}: use schools, advisers or slots.")
        except (KeyError, ValueError) as exc:
            raise SetupError(f"{path.name}, line {line}: {exc.__class__.__name__}: {exc}") from None
        except SetupError as exc:
            raise SetupError(f"{path.name}, line {line}: {exc}") from None
        count += 1
    return count


DEMO_PASSWORD = "pathfinder-demo"
DEMO_STAFF = [
    ("hub.lead@demo.invalid", "Demo Hub Lead", "hub_lead", None, None),
    ("staff@worcester-high.invalid", "Demo Worcester Teacher", "teacher", "worcester-high", None),
    ("dsl@worcester-high.invalid", "Demo Worcester DSL", "dsl", "worcester-high", None),
    ("staff@stafford-college.invalid", "Demo Stafford Teacher", "teacher", "stafford-college", None),
    ("staff@kidderminster-academy.invalid", "Demo Kidderminster Teacher", "teacher", "kidderminster-academy", None),
    ("sam.patel@advisers.invalid", "Sam Patel (demo adviser)", "adviser", None, 0),
    ("jo.evans@advisers.invalid", "Jo Evans (demo adviser)", "adviser", None, 1),
]


def _seed_demo_staff(engine: Engine, advisers: list[int]) -> None:
    from booking.staff import add_user
    for email, name, role, school_id, adviser_index in DEMO_STAFF:
        add_user(engine, email, name, DEMO_PASSWORD, role, school_id=school_id,
                 adviser_id=advisers[adviser_index] if adviser_index is not None else None)


def demo_accounts(engine: Engine) -> list[str]:
    """The demo staff accounts (with their published password) still in the database."""
    create_tables(engine)
    with engine.connect() as conn:
        return [r.email for r in conn.execute(select(schema.staff_user.c.email).where(
            schema.staff_user.c.email.in_([email for email, *_ in DEMO_STAFF])))]


def has_demo_staff(engine: Engine) -> bool:
    return bool(demo_accounts(engine))
