"""Questions the assistant asks of the LMI database, answered with sourced figures or None.

A missing figure is returned as missing: callers say "no figure", never make one up.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Engine

from lmi import schema
from lmi.aliases import ons_aliases
from lmi.matching import PhraseIndex
from lmi.sources import Source

CONFIDENT = 0.75
UK = "United Kingdom"
STAGES = {
    "after-gcses": ("gcse", "year 11", "16", "sixth form", "post 16", "post-16", "yr 11", "y11"),
    "after-a-levels": ("a level", "a-level", "alevel", "year 13", "18", "post 18", "post-18", "yr 13", "y13",
                       "btec", "t level"),
}


class NotFound(LookupError):
    """The question cannot be answered from the data; str() is a message for a person."""


@dataclass(frozen=True)
class PayFigure:
    geography: str
    year: int
    median: int
    p25: int | None
    p75: int | None
    source: Source


@dataclass(frozen=True)
class OccupationMatch:
    soc_code: str
    title: str
    description: str
    confidence: float
    matched: str
    pay: PayFigure | None

    def as_dict(self) -> dict:
        return {
            "soc_code": self.soc_code,
            "title": self.title,
            "description": self.description,
            "confidence": self.confidence,
            "matched": self.matched,
            "median_pay": self.pay.median if self.pay else None,
            "pay_geography": self.pay.geography if self.pay else None,
            "pay_year": self.pay.year if self.pay else None,
            "source": self.pay.source.as_dict() if self.pay else None,
        }


@dataclass(frozen=True)
class Apprenticeship:
    reference: str
    title: str
    level: int
    duration_months: int | None
    route: str
    soc_codes: tuple[str, ...]
    source: Source

    def as_dict(self) -> dict:
        data = asdict(self)
        data["source"] = self.source.as_dict()
        data["soc_codes"] = list(self.soc_codes)
        return data


@dataclass(frozen=True)
class Area:
    area_id: str
    name: str
    kind: str
    hub_id: str
    hub_name: str


@dataclass(frozen=True)
class PrioritySector:
    sector_id: str
    sector: str
    note: str
    source: Source


@dataclass(frozen=True)
class SectorFigure:
    sector_id: str
    sector: str
    measure: str
    value: float
    period: str
    source: Source


@dataclass(frozen=True)
class AreaProfile:
    area: Area
    confidence: float
    priority_sectors: list[PrioritySector] = field(default_factory=list)
    employment: list[SectorFigure] = field(default_factory=list)
    growth: list[SectorFigure] = field(default_factory=list)

    def as_dict(self) -> dict:
        def figure(f: SectorFigure) -> dict:
            return {**asdict(f), "source": f.source.as_dict()}
        return {
            "area_id": self.area.area_id, "name": self.area.name, "kind": self.area.kind,
            "hub_id": self.area.hub_id, "hub": self.area.hub_name, "confidence": self.confidence,
            "priority_sectors": [{"sector_id": p.sector_id, "sector": p.sector, "note": p.note,
                                  "source": p.source.as_dict()} for p in self.priority_sectors],
            "employment": [figure(f) for f in self.employment],
            "growth": [figure(f) for f in self.growth],
        }


@dataclass(frozen=True)
class StudyRoute:
    route_id: str
    name: str
    stage: str
    description: str
    entry_requirements: str | None
    typical_duration: str | None
    source: Source


@dataclass(frozen=True)
class QualificationLevel:
    level: str
    name: str
    examples: tuple[str, ...]
    description: str
    source: Source


@dataclass(frozen=True)
class ApprenticeshipLevel:
    level: int
    name: str
    equivalent: str
    description: str


@dataclass(frozen=True)
class HourlyRate:
    rate_name: str
    hourly_rate: float
    applies_from: date
    source: Source


class LMI:
    """Read-only access to a loaded LMI database. Cheap to keep for a process's lifetime."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._occupation_index: PhraseIndex | None = None
        self._ons_aliases: list[tuple[str, str]] = []
        self._area_index: PhraseIndex | None = None
        self._sector_index: PhraseIndex | None = None
        self._apprenticeship_index: PhraseIndex | None = None
        self._sector_prefixes: list | None = None

    # --- indexes -------------------------------------------------------------------------
    def _rows(self, query) -> list:
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    @property
    def occupation_index(self) -> PhraseIndex:
        if self._occupation_index is None:
            phrases = [(r.soc_code, r.title) for r in self._rows(select(schema.occupation))]
            phrases += [(r.soc_code, r.alias) for r in self._rows(select(schema.occupation_alias))]
            related = self._rows(select(schema.occupation_detail.c.soc_code,
                                        schema.occupation_detail.c.related_titles))
            self._ons_aliases = ons_aliases(phrases, [(r.soc_code, r.related_titles.split("|")) for r in related])
            self._occupation_index = PhraseIndex(phrases + self._ons_aliases)
        return self._occupation_index

    @property
    def area_index(self) -> PhraseIndex:
        if self._area_index is None:
            phrases = [(r.area_id, r.name) for r in self._rows(select(schema.area))]
            phrases += [(r.area_id, r.alias) for r in self._rows(select(schema.area_alias))]
            self._area_index = PhraseIndex(phrases)
        return self._area_index

    @property
    def sector_index(self) -> PhraseIndex:
        if self._sector_index is None:
            phrases = [(r.sector_id, r.name) for r in self._rows(select(schema.sector))]
            phrases += [(r.sector_id, r.alias) for r in self._rows(select(schema.sector_alias))]
            self._sector_index = PhraseIndex(phrases)
        return self._sector_index

    @property
    def apprenticeship_index(self) -> PhraseIndex:
        if self._apprenticeship_index is None:
            self._apprenticeship_index = PhraseIndex(
                [(r.reference, r.title) for r in self._rows(select(schema.apprenticeship))])
        return self._apprenticeship_index

    @property
    def ons_aliases(self) -> list[tuple[str, str]]:
        """The (soc_code, title) pairs the resolver took from ONS's related job titles."""
        _ = self.occupation_index
        return self._ons_aliases

    # --- occupations ---------------------------------------------------------------------
    def find_occupations(self, text: str, limit: int = 5) -> list[OccupationMatch]:
        matches = self.occupation_index.search(text, limit=limit)
        if not matches:
            return []
        occupations = self._occupations([m.key for m in matches])
        out = []
        for m in matches:
            occ = occupations[m.key]
            out.append(OccupationMatch(m.key, occ.title, occ.description, m.score, m.phrase,
                                       self.headline_pay(m.key)))
        return out

    def occupation_match(self, soc_code: str) -> OccupationMatch | None:
        """A certain match for a known SOC code (a pupil picked it from a list)."""
        occ = self.occupation(soc_code)
        if occ is None:
            return None
        return OccupationMatch(soc_code, occ.title, occ.description, 1.0, occ.title, self.headline_pay(soc_code))

    def _occupations(self, soc_codes: list[str]) -> dict:
        rows = self._rows(select(schema.occupation).where(schema.occupation.c.soc_code.in_(soc_codes)))
        return {r.soc_code: r for r in rows}

    def occupation(self, soc_code: str):
        return self._occupations([soc_code]).get(soc_code)

    def everyday_name(self, soc_code: str) -> str | None:
        """The first everyday name listed for an occupation ("plumber"), if it has any."""
        rows = self._rows(select(schema.occupation_alias.c.alias).where(schema.occupation_alias.c.soc_code == soc_code)
                          .order_by(schema.occupation_alias.c.id).limit(1))
        return rows[0].alias if rows else None

    def pay(self, soc_code: str) -> list[PayFigure]:
        """The latest published figure for each geography, the UK first."""
        rows = self._rows(select(schema.pay).where(schema.pay.c.soc_code == soc_code)
                          .order_by(schema.pay.c.year.desc()))
        latest: dict[str, PayFigure] = {}
        for r in rows:
            if r.geography not in latest:
                latest[r.geography] = PayFigure(r.geography, r.year, r.median, r.p25, r.p75,
                                                Source(r.publisher, r.source_table, r.year, r.link))
        return sorted(latest.values(), key=lambda p: (p.geography != UK, p.geography))

    def headline_pay(self, soc_code: str) -> PayFigure | None:
        figures = self.pay(soc_code)
        return figures[0] if figures else None

    # --- apprenticeships -----------------------------------------------------------------
    def apprenticeships(self, text: str | None = None, *, soc_codes: list[str] | None = None,
                        levels: tuple[int, ...] | None = None, limit: int = 10) -> list[Apprenticeship]:
        """Standards that lead to the occupation(s) the text means, or whose title matches it."""
        references: list[str] = []
        codes = list(soc_codes or [])
        if text:
            matches = self.occupation_index.search(text, limit=3)
            if matches:
                top = matches[0].score
                codes += [m.key for m in matches if m.score >= max(0.6, top - 0.1)]
        if codes:
            rows = self._rows(select(schema.apprenticeship_occupation.c.reference)
                              .where(schema.apprenticeship_occupation.c.soc_code.in_(codes)))
            references += [r.reference for r in rows]
        if text:
            references += [m.key for m in self.apprenticeship_index.search(text, limit=limit, min_score=0.6)]
        if not text and not codes:
            references = [r.reference for r in self._rows(select(schema.apprenticeship.c.reference))]
        return _at_levels(self._apprenticeships(list(dict.fromkeys(references))), levels)[:limit]

    def apprenticeship(self, reference: str) -> Apprenticeship | None:
        found = self._apprenticeships([reference.upper()])
        return found[0] if found else None

    def _apprenticeships(self, references: list[str]) -> list[Apprenticeship]:
        if not references:
            return []
        rows = self._rows(select(schema.apprenticeship).where(schema.apprenticeship.c.reference.in_(references)))
        links = self._rows(select(schema.apprenticeship_occupation)
                           .where(schema.apprenticeship_occupation.c.reference.in_(references)))
        socs: dict[str, list[str]] = {}
        for link in links:
            socs.setdefault(link.reference, []).append(link.soc_code)
        order = {ref: i for i, ref in enumerate(references)}
        return sorted(
            (Apprenticeship(r.reference, r.title, r.level, r.duration_months, r.route,
                            tuple(sorted(socs.get(r.reference, []))),
                            Source(r.publisher, "Apprenticeship standard " + r.reference, r.year, r.link))
             for r in rows),
            key=lambda a: order[a.reference])

    def apprenticeship_levels(self) -> list[ApprenticeshipLevel]:
        rows = self._rows(select(schema.apprenticeship_level).order_by(schema.apprenticeship_level.c.level))
        return [ApprenticeshipLevel(r.level, r.name, r.equivalent, r.description) for r in rows]

    def apprentice_pay_rates(self, on: date | None = None) -> list[HourlyRate]:
        """Minimum hourly rates in force on a day (today by default), the apprentice rate first."""
        on = on or date.today()
        rows = self._rows(select(schema.apprentice_pay).where(schema.apprentice_pay.c.applies_from <= on)
                          .order_by(schema.apprentice_pay.c.applies_from.desc()))
        current: dict[str, HourlyRate] = {}
        for r in rows:
            if r.rate_name not in current:
                current[r.rate_name] = HourlyRate(r.rate_name, r.hourly_rate, r.applies_from,
                                                  Source(r.publisher, r.source_table, r.applies_from.year, r.link))
        return sorted(current.values(), key=lambda h: ("apprentice" not in h.rate_name.lower(), h.hourly_rate))

    # --- places and sectors --------------------------------------------------------------
    def find_area(self, place: str) -> tuple[Area, float] | None:
        matches = self.area_index.search(place, limit=1, min_score=0.6)
        if not matches:
            return None
        return self.area(matches[0].key), matches[0].score

    def area(self, area_id: str) -> Area | None:
        areas = {r.area_id: r for r in self._rows(select(schema.area))}
        row = areas.get(area_id)
        if row is None:
            return None
        hub = row
        while hub.parent_id:
            hub = areas[hub.parent_id]
        return Area(row.area_id, row.name, row.kind, hub.area_id, hub.name)

    def hubs(self) -> list[Area]:
        rows = self._rows(select(schema.area).where(schema.area.c.kind == "hub").order_by(schema.area.c.name))
        return [Area(r.area_id, r.name, r.kind, r.area_id, r.name) for r in rows]

    def area_profile(self, place: str) -> AreaProfile | None:
        found = self.find_area(place)
        if not found:
            return None
        area, confidence = found
        return self.profile_of(area, confidence)

    def profile_of(self, area: Area, confidence: float = 1.0) -> AreaProfile:
        ids = list(dict.fromkeys([area.area_id, area.hub_id]))
        sectors = {r.sector_id: r.name for r in self._rows(select(schema.sector))}
        priority = [
            PrioritySector(r.sector_id, sectors[r.sector_id], r.note, Source(r.publisher, r.document, r.year, r.link))
            for r in self._rows(select(schema.priority_sector).where(schema.priority_sector.c.area_id == area.hub_id)
                                .order_by(schema.priority_sector.c.sector_id))]
        employment = []
        for area_id in ids:
            rows = self._rows(select(schema.area_employment).where(schema.area_employment.c.area_id == area_id)
                              .order_by(schema.area_employment.c.year.desc(), schema.area_employment.c.employees.desc()))
            if rows:
                latest = rows[0].year
                employment = [SectorFigure(r.sector_id, sectors[r.sector_id], "employees", r.employees, str(r.year),
                                           Source(r.publisher, r.source_table, r.year, r.link))
                              for r in rows if r.year == latest]
                break
        growth = []
        for area_id in ids:
            rows = self._rows(select(schema.area_growth).where(schema.area_growth.c.area_id == area_id)
                              .order_by(schema.area_growth.c.value.desc()))
            if rows:
                growth = [SectorFigure(r.sector_id, sectors[r.sector_id], r.measure, r.value, r.period,
                                       Source(r.publisher, r.source_table, _year_of(r.period), r.link))
                          for r in rows]
                break
        return AreaProfile(area, confidence, priority, employment, growth)

    def sector_of(self, soc_code: str) -> tuple[str, str] | None:
        """The sector an occupation mostly works in (longest matching SOC prefix), as (id, name)."""
        if self._sector_prefixes is None:
            self._sector_prefixes = self._rows(
                select(schema.occupation_sector.c.soc_prefix, schema.sector.c.sector_id, schema.sector.c.name)
                .join(schema.sector, schema.sector.c.sector_id == schema.occupation_sector.c.sector_id))
        best = max((r for r in self._sector_prefixes if soc_code.startswith(r.soc_prefix)),
                   key=lambda r: len(r.soc_prefix), default=None)
        return (best.sector_id, best.name) if best else None

    def apprenticeships_in_sector(self, sector_id: str, *, levels: tuple[int, ...] | None = None,
                                  limit: int = 10) -> list[Apprenticeship]:
        """Standards that train people for occupations mostly working in the sector, lowest level first."""
        links = self._rows(select(schema.apprenticeship_occupation))
        references = [r.reference for r in links if (self.sector_of(r.soc_code) or ("",))[0] == sector_id]
        found = _at_levels(self._apprenticeships(list(dict.fromkeys(references))), levels)
        return sorted(found, key=lambda a: (a.level, a.title))[:limit]

    def find_sector(self, text: str) -> tuple[str, str, float] | None:
        matches = self.sector_index.search(text, limit=1, min_score=0.6)
        if not matches:
            return None
        names = {r.sector_id: r.name for r in self._rows(select(schema.sector))}
        return matches[0].key, names[matches[0].key], matches[0].score

    # --- study routes and levels -----------------------------------------------------------
    def routes(self, stage: str | None = None) -> list[StudyRoute]:
        query = select(schema.study_route).order_by(schema.study_route.c.route_id)
        if stage:
            query = query.where(schema.study_route.c.stage.in_([stage, "any"]))
        return [StudyRoute(r.route_id, r.name, r.stage, r.description, r.entry_requirements, r.typical_duration,
                           Source(r.publisher, r.name, None, r.link)) for r in self._rows(query)]

    def route(self, route_id: str) -> StudyRoute | None:
        return next((r for r in self.routes() if r.route_id == route_id), None)

    def qualification_level(self, level: str | int) -> QualificationLevel | None:
        key = str(level).strip().lower()
        rows = self._rows(select(schema.qualification_level).where(schema.qualification_level.c.level == key))
        if not rows:
            return None
        r = rows[0]
        return QualificationLevel(r.level, r.name, tuple(r.examples.split("|")), r.description,
                                  Source(r.publisher, "What qualification levels mean", None, r.link))

    def t_levels(self) -> list[dict]:
        return [dict(r._mapping) for r in self._rows(select(schema.t_level).order_by(schema.t_level.c.subject))]


def _at_levels(found: list[Apprenticeship], levels: tuple[int, ...] | None) -> list[Apprenticeship]:
    return [a for a in found if a.level in levels] if levels else found


def stage_of(text: str) -> str | None:
    """'after my gcses' → 'after-gcses'; 'after a levels' → 'after-a-levels'."""
    folded = (text or "").lower()
    for stage in ("after-a-levels", "after-gcses"):
        if any(re.search(rf"\b{re.escape(word)}s?\b", folded) for word in STAGES[stage]):
            return stage
    return None


def _year_of(period: str) -> str | None:
    """The year a figure is for: the last year of its period ('2011-2018' is a 2018 figure)."""
    years = re.findall(r"(?:19|20)\d{2}", period or "")
    return years[-1] if years else None
