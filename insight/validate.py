"""Checking an "asked" record (helpers/asked-contract: answers/asked.py builds it) against the contract and the
dataset, and turning it into the row stored: only values the dataset has, never a pupil's words.

Unknown keys and the `figures` lines are dropped; a job, sector, route or place the dataset does not know (so
possibly typed by the pupil) is dropped too, and a year group that is not one is counted as "not given". A value of
the wrong kind raises InvalidAsked, naming the field but never quoting a value that may be the pupil's words.
"""
from __future__ import annotations

import logging
import re
import weakref
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection, Engine

from booking import schema as booking_schema
from booking.settings import LONDON
from insight.soc import MAJOR_GROUPS, major_group_of
from insight.store import month_of
from lmi import schema as lmi

CONTRACT_KEYS = ("topic", "soc_code", "occupation", "sector", "route", "area_id", "area", "answered", "figures")
TEXT_KEYS = ("soc_code", "occupation", "sector", "route", "area_id", "area")
TOPIC = re.compile(r"^[a-z][a-z0-9_]{1,49}$")
SOC_CODE = re.compile(r"^\d{4}$")
YEAR_GROUPS = tuple(f"Year {n}" for n in range(7, 14))
NOT_GIVEN = "not given"
_YEAR = re.compile(r"^(?:year|yr|y)?\s*(\d{1,2})$", re.I)


log = logging.getLogger(__name__)
_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _table_names(engine: Engine) -> set[str]:
    """The database's tables; kept per engine once the LMI dataset is loaded (it is not unloaded while running)."""
    if engine not in _TABLES:
        names = set(inspect(engine).get_table_names())
        if lmi.occupation.name not in names:
            return names
        _TABLES[engine] = names
    return _TABLES[engine]


class InvalidAsked(ValueError):
    """An asked record (or its school, year group or time) that does not keep to the contract."""


@dataclass(frozen=True)
class AskedRow:
    month: object
    school_id: str | None
    hub_id: str | None
    hub: str | None
    year_group: str
    topic: str
    soc_code: str | None
    soc_major_group: int | None
    soc_major_group_name: str | None
    occupation: str | None
    sector: str | None
    route: str | None
    area_id: str | None
    area: str | None
    answered: bool

    def values(self) -> dict:
        return asdict(self)


def normal_year_group(value) -> str:
    """7, "7", "Y7", "year 7" -> "Year 7"; None or "" -> "not given"; anything else raises InvalidAsked."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return NOT_GIVEN
    found = None if isinstance(value, bool) else _YEAR.match(str(value).strip())
    if found and 7 <= int(found.group(1)) <= 13:
        return f"Year {int(found.group(1))}"
    raise InvalidAsked("year_group must be a year from 7 to 13 or not given (the value is not logged: it may be the "
                       "pupil's words)")


def _month(at) -> object:
    if not isinstance(at, datetime):
        raise InvalidAsked(f"at must be a datetime, not {type(at).__name__}")
    if at.tzinfo is not None:
        at = at.astimezone(LONDON)
    return month_of(at)


def _fields(asked) -> dict:
    if not isinstance(asked, dict):
        raise InvalidAsked(f"an asked record must be a dict, not {type(asked).__name__}")
    topic = asked.get("topic")
    if not isinstance(topic, str) or not TOPIC.match(topic):
        raise InvalidAsked("topic must be an intent name without 'ask_', like 'pay' (the value is not logged: it may "
                           "be a pupil's words)")
    answered = asked.get("answered")
    if not isinstance(answered, bool):
        raise InvalidAsked(f"answered must be true or false, not {answered!r}")
    fields = {"topic": topic, "answered": answered}
    unknown = sorted(str(key) for key in asked if key not in CONTRACT_KEYS)
    if unknown:
        log.info("Hub insight: dropped keys outside the contract: %s", ", ".join(unknown)[:200])
    for key in TEXT_KEYS:
        value = asked.get(key)
        if value is not None and not isinstance(value, str):
            raise InvalidAsked(f"{key} must be text from the dataset or None, not {type(value).__name__}")
        fields[key] = (value or "").strip() or None
    if fields["soc_code"] is not None and not SOC_CODE.match(fields["soc_code"]):
        raise InvalidAsked("soc_code must be a 4-digit SOC 2020 code (the value is not logged)")
    return fields


class _Dataset:
    """Look-ups in the loaded LMI tables; each answers None when the dataset (or that table) is not loaded."""

    def __init__(self, conn: Connection, tables: set[str]):
        self.conn, self.tables = conn, tables

    def _one(self, table, query):
        return self.conn.execute(query).first() if table.name in self.tables else None

    def occupation(self, soc_code: str):
        o = lmi.occupation
        return self._one(o, select(o.c.title, o.c.major_group).where(o.c.soc_code == soc_code))

    def sector(self, value: str) -> str | None:
        s = lmi.sector
        row = self._one(s, select(s.c.name).where(
            (s.c.sector_id == value) | (func.lower(s.c.name) == value.lower())))
        return row.name if row else None

    def route(self, value: str) -> str | None:
        r, a = lmi.study_route, lmi.apprenticeship
        as_id = value.lower().replace("_", "-")
        row = self._one(r, select(r.c.name).where((r.c.route_id == as_id) | (func.lower(r.c.name) == value.lower())))
        if row:
            return row.name
        row = self._one(a, select(a.c.route).where(func.lower(a.c.route) == value.lower()).limit(1))
        return row.route if row else None

    def area(self, area_id: str | None, name: str | None):
        t = lmi.area
        if area_id:
            return self._one(t, select(t.c.area_id, t.c.name).where(t.c.area_id == area_id))
        return self._one(t, select(t.c.area_id, t.c.name).where(func.lower(t.c.name) == name.lower()))

    def hub_of(self, area_id: str):
        """The hub area above an area (itself if it is a hub)."""
        t = lmi.area
        seen: set[str] = set()
        while area_id and area_id not in seen:
            seen.add(area_id)
            row = self._one(t, select(t.c.area_id, t.c.name, t.c.kind, t.c.parent_id).where(t.c.area_id == area_id))
            if row is None:
                return None
            if row.kind == "hub" or not row.parent_id:
                return row
            area_id = row.parent_id
        return None


def _school(conn: Connection, tables: set[str], school_id) -> tuple[str | None, str | None]:
    """(school id, its area id) for a known school; (None, None) when it is not given or not known."""
    if school_id is None or (isinstance(school_id, str) and not school_id.strip()):
        return None, None
    if not isinstance(school_id, str):
        raise InvalidAsked(f"school_id must be a school's id or None, not {type(school_id).__name__}")
    s = booking_schema.school
    row = conn.execute(select(s.c.id, s.c.area_id).where(s.c.id == school_id.strip())).first() \
        if s.name in tables else None
    return (row.id, row.area_id) if row else (None, None)


def build_row(engine: Engine, asked, *, school_id, year_group, at) -> AskedRow:
    """The row to store for one asked record, or InvalidAsked naming what is wrong."""
    fields = _fields(asked)
    try:
        year = normal_year_group(year_group)
    except InvalidAsked as exc:  # the year group slot may still hold what the pupil typed: counted as not given
        log.warning("Hub insight: %s; counted as 'not given'", exc)
        year = NOT_GIVEN
    month = _month(at)
    tables = _table_names(engine)
    with engine.connect() as conn:
        data = _Dataset(conn, tables)
        school, school_area = _school(conn, tables, school_id)
        hub = data.hub_of(school_area) if school_area else None
        soc, title, group = fields["soc_code"], None, None
        if soc:
            known = data.occupation(soc)
            if known is not None:
                title, group = known.title, known.major_group
            elif lmi.occupation.name in tables:
                soc = None  # a code the dataset does not have
            else:
                group = major_group_of(soc)  # no dataset to check a title against: keep the code only
        sector = data.sector(fields["sector"]) if fields["sector"] else None
        route = data.route(fields["route"]) if fields["route"] else None
        place = data.area(fields["area_id"], fields["area"]) if (fields["area_id"] or fields["area"]) else None
    return AskedRow(
        month=month, school_id=school, hub_id=hub.area_id if hub else None, hub=hub.name if hub else None,
        year_group=year, topic=fields["topic"], soc_code=soc, soc_major_group=group,
        soc_major_group_name=MAJOR_GROUPS.get(group) if group else None, occupation=title, sector=sector,
        route=route, area_id=place.area_id if place else None, area=place.name if place else None,
        answered=fields["answered"])
