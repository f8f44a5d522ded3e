"""The hub insight figures: what pupils asked about and what the dataset could not answer, for one viewer and
filter, within the retention period, with small counts suppressed (insight.suppress).

Hub leads see every school; a careers leader sees their own school only; nobody else sees anything.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import and_, func, select, true
from sqlalchemy.engine import Engine

from booking.retention import retention_cutoff
from booking.service import now_local
from booking.staff import StaffUser
from insight import soc
from insight.schema import asked
from insight.store import ensure_tables, kept_from
from insight.suppress import Line, Shown, lines, shown
from insight.validate import NOT_GIVEN, YEAR_GROUPS

VIEWER_ROLES = ("hub_lead", "careers_leader")
RETENTION_VARIABLE = "PATHFINDER_RETAIN_INSIGHT_DAYS"
NO_JOB, NO_PLACE = "no job named", "no place given"
TOPIC_NAMES = {"job_info": "What a job is like", "pay": "Pay", "local_demand": "Jobs in demand locally",
               "growing_jobs": "Growing jobs", "industry_size": "Size of an industry",
               "entry_routes": "How to get into a job", "subjects_for_job": "Subjects for a job",
               "apprenticeship": "Apprenticeships", "apprenticeship_duration": "How long an apprenticeship takes",
               "options_after_gcse": "Options after GCSEs", "route": "A study route"}


class NotAllowed(Exception):
    """This viewer may not see hub insight, or not for that school."""


@dataclass(frozen=True)
class Filters:
    school_id: str | None = None   # None: every school the viewer may see
    year_group: str | None = None  # "Year 7".."Year 13", "not given" or None for all
    month: date | None = None      # the first day of a month, or None for every month kept


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    columns: tuple[str, ...]
    counted: str
    lines: list[Line]
    total: Shown


@dataclass(frozen=True)
class Insight:
    filters: Filters
    kept_from: date
    total: Shown
    breakdowns: list[Breakdown]

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


def topic_name(topic: str) -> str:
    return TOPIC_NAMES.get(topic, topic.replace("_", " ").capitalize())


def year_groups() -> tuple[str, ...]:
    return YEAR_GROUPS + (NOT_GIVEN,)


def scoped(user: StaffUser, filters: Filters) -> Filters:
    """The filters this viewer may use: a careers leader's are always their own school's."""
    if user.disabled or user.role not in VIEWER_ROLES:
        raise NotAllowed("Only hub leads and careers leaders can see hub insight.")
    if user.role == "careers_leader":
        if not user.school_id or filters.school_id not in (None, user.school_id):
            raise NotAllowed("A careers leader sees their own school's insight only.")
        return replace(filters, school_id=user.school_id)
    return filters


def oldest_kept(now: datetime | None = None) -> date:
    return kept_from(retention_cutoff(RETENTION_VARIABLE, now or now_local()))


def _where(filters: Filters, now: datetime | None):
    a = asked.c
    clauses = [a.month >= oldest_kept(now)]
    if filters.school_id:
        clauses.append(a.school_id == filters.school_id)
    if filters.year_group:
        clauses.append(a.year_group == filters.year_group)
    if filters.month:
        clauses.append(a.month == filters.month)
    return and_(*clauses)


def months(engine: Engine, user: StaffUser, now: datetime | None = None) -> list[date]:
    """The months within the retention period that this viewer has any questions for, newest first."""
    ensure_tables(engine)
    where = _where(scoped(user, Filters()), now)
    with engine.connect() as conn:
        return [r.month for r in conn.execute(select(asked.c.month).where(where).distinct()
                                              .order_by(asked.c.month.desc()))]


def _counts(conn, where, columns, extra=true()) -> dict[tuple, int]:
    query = select(*columns, func.count().label("n")).where(where, extra).group_by(*columns)
    return {tuple(r[:-1]): r.n for r in conn.execute(query)}


def _breakdown(key, title, columns, counted, counts: dict[tuple[str, ...], int]) -> Breakdown:
    return Breakdown(key, title, columns, counted, lines(counts), shown(sum(counts.values())))


def insight(engine: Engine, user: StaffUser, filters: Filters, now: datetime | None = None) -> Insight:
    """Every breakdown for this viewer and filter; raises NotAllowed for a viewer or school out of reach."""
    ensure_tables(engine)
    filters = scoped(user, filters)
    where, a = _where(filters, now), asked.c
    job = func.coalesce(a.occupation, a.sector, NO_JOB)
    town = func.coalesce(a.area, NO_PLACE)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(asked).where(where)).scalar() or 0
        topics = {(topic_name(t),): n for (t,), n in _counts(conn, where, [a.topic]).items()}
        groups = {(soc.label(g),): n for (g,), n in _counts(conn, where, [a.soc_major_group],
                                                              a.soc_major_group.isnot(None)).items()}
        routes = _counts(conn, where, [a.route], a.route.isnot(None))
        unanswered = _counts(conn, where, [job, town], a.answered.is_(False))
    return Insight(filters, oldest_kept(now), shown(total), [
        _breakdown("topics", "What pupils asked about", ("Topic",), "questions asked", topics),
        _breakdown("jobs", "Jobs asked about, by SOC 2020 major group", ("SOC 2020 major group",),
                   "questions about a job", groups),
        _breakdown("routes", "Routes asked about", ("Route",), "questions about a study route or apprenticeship",
                   routes),
        _breakdown("unanswered", "Questions the dataset could not answer, by job and town", ("Job", "Town"),
                   "questions Pathfinder had no figure for", unanswered),
    ])

