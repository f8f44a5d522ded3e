"""The outlook of jobs and industries in an area, from DfE's projections to 2035 (Skills Imperative 2035).

    outlook(lmi, "electrician", "Bromsgrove")        -> GroupOutlook   a job's SOC sub-major group, or a sector
    fastest_growing(lmi, "Stoke", by="net_change")   -> [GroupOutlook] the top groups, for a chart
    industry_employment(lmi, "Redditch")             -> [IndustryFigure] how many people work in each industry

Every figure is in people, a modelled projection (say "projected" and the period), and carries its Source
and edition. A place, job or area without figures raises NotFound with a message for a person.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from lmi import schema
from lmi.queries import LMI, Area, NotFound
from lmi.sources import Source

ENGLAND_CODE = "E92000001"
SECTOR_PREFERRED = 1.0  # an exact sector name ("construction") wins over a partial job match
MIN_SCORE = 0.6


@dataclass(frozen=True)
class ProjectionArea:
    """The LSIP area a pupil's place is in, as the projections name it."""
    place: Area
    code: str
    name: str


@dataclass(frozen=True)
class GroupOutlook:
    """Projected employment of one occupation group (kind 'occupation') or sector (kind 'industry')."""
    kind: str
    soc_group: str | None
    group_title: str
    area: str
    area_code: str
    from_year: int
    to_year: int
    employment_from: int
    employment_to: int
    net_change: int
    replacement_demand: int | None  # job openings as people retire or leave; none published for industries
    total_requirement: int | None
    england_growth_pct: float | None
    source: Source
    edition: str
    licence: str
    matched: str = ""  # the job title or sector the pupil's words matched

    @property
    def growth_pct(self) -> float | None:
        return _pct(self.net_change, self.employment_from)

    def as_dict(self) -> dict:
        """The `python -m lmi outlook --json` contract."""
        return {
            "soc_group": self.soc_group, "group_title": self.group_title, "area": self.area,
            "from_year": self.from_year, "to_year": self.to_year,
            "employment_from": self.employment_from, "employment_to": self.employment_to,
            "net_change": self.net_change, "replacement_demand": self.replacement_demand,
            "total_requirement": self.total_requirement, "england_growth_pct": self.england_growth_pct,
            "source": {**self.source.as_dict(), "licence": self.licence}, "edition": self.edition,
        }


@dataclass(frozen=True)
class IndustryFigure:
    industry: str
    sector_id: str | None
    area: str
    year: int
    employment: int
    projected: bool  # True for years after the projections' base year
    source: Source
    edition: str
    licence: str

    def as_dict(self) -> dict:
        return {"industry": self.industry, "sector_id": self.sector_id, "area": self.area, "year": self.year,
                "employment": self.employment, "projected": self.projected,
                "source": {**self.source.as_dict(), "licence": self.licence}, "edition": self.edition}


def round_for_pupils(people: int) -> int:
    """42,318 -> 42,000: two significant figures, as a pupil should hear a modelled number ("about 42,000")."""
    if abs(people) < 100:
        return people
    digits = len(str(abs(people))) - 2
    return int(round(people, -digits))


def projection_area(lmi: LMI, place: str) -> ProjectionArea:
    """The LSIP area a town, district or hub is in: through its districts in DfE's lookup, else by name."""
    found = lmi.find_area(place)
    if not found:
        hubs = ", ".join(h.name for h in lmi.hubs())
        raise NotFound(f"{place!r} is not a place in this dataset (areas covered: {hubs}).")
    area = found[0]
    rows = lmi._rows(select(schema.area))
    districts = {r.name.lower() for r in rows if r.kind == "district" and r.parent_id == area.hub_id}
    lookup = lmi._rows(select(schema.lsip_district))
    codes = {r.lsip_code: r.lsip_name for r in lookup if r.lad_name.lower() in districts}
    if len(codes) != 1:
        codes = {r.lsip_code: r.lsip_name for r in lookup if r.lsip_name.lower() == area.hub_name.lower()}
    if len(codes) != 1:
        raise NotFound(f"There are no projections for the {area.hub_name} area: import its DfE workbook with "
                       "`python -m lmi import projections FILE`.")
    code, name = next(iter(codes.items()))
    return ProjectionArea(area, code, name)


def _occupation_rows(lmi: LMI, area_code: str) -> list:
    return lmi._rows(select(schema.projection_occupation)
                     .where(schema.projection_occupation.c.area_code == area_code)
                     .order_by(schema.projection_occupation.c.soc_group))


def _pct(change: int | None, base: int | None) -> float | None:
    return round(100 * change / base, 1) if change is not None and base else None


def _source(row) -> tuple[Source, str, str]:
    return Source(row.publisher, row.source_table, row.year, row.link), row.edition, row.licence


def _group(row, england: dict, matched: str = "") -> GroupOutlook:
    source, edition, licence = _source(row)
    base = england.get(row.soc_group)
    return GroupOutlook("occupation", row.soc_group, row.group_title, row.area_name, row.area_code, row.from_year,
                        row.to_year, row.employment_from, row.employment_to, row.net_change, row.replacement_demand,
                        row.total_requirement, _pct(base.net_change, base.employment_from) if base else None,
                        source, edition, licence, matched)


def _england(lmi: LMI) -> dict:
    return {r.soc_group: r for r in _occupation_rows(lmi, ENGLAND_CODE)}


def _loaded_rows(lmi: LMI, where: ProjectionArea) -> list:
    rows = _occupation_rows(lmi, where.code)
    if not rows:
        raise NotFound(f"There are no projections for the {where.name} area: import its DfE workbook with "
                       "`python -m lmi import projections FILE`.")
    return rows


def group_outlook(lmi: LMI, soc_code: str, place: str, matched: str = "") -> GroupOutlook:
    """The outlook of the SOC sub-major group a unit group (4 digits) or sub-major group (2 digits) is in."""
    where = projection_area(lmi, place)
    rows = {r.soc_group: r for r in _loaded_rows(lmi, where)}
    row = rows.get(soc_code[:2])
    if row is None:
        raise NotFound(f"The projections for {where.name} have no figures for SOC group {soc_code[:2]}.")
    return _group(row, _england(lmi), matched)


def sector_outlook(lmi: LMI, sector_id: str, place: str) -> GroupOutlook:
    """A sector's projected employment: the sum of the industry groups it maps to (industry_sectors.csv)."""
    where = projection_area(lmi, place)
    period = _loaded_rows(lmi, where)[0]
    industries = [r.industry for r in lmi._rows(select(schema.industry_sector)
                                                .where(schema.industry_sector.c.sector_id == sector_id))]
    names = {r.sector_id: r.name for r in lmi._rows(select(schema.sector))}
    if not industries:
        raise NotFound(f"The projections have no industry group for {names.get(sector_id, sector_id)}.")
    levels = _industry_levels(lmi, industries, (period.from_year, period.to_year))
    here, england = levels.get(where.code), levels.get(ENGLAND_CODE)
    if not here:
        raise NotFound(f"The projections for {where.name} have no figures for {names.get(sector_id, sector_id)}.")
    start, end, row = here
    england_pct = _pct(england[1] - england[0], england[0]) if england else None
    title = names.get(sector_id, sector_id)
    if industries != [title]:
        title += " (" + _join(sorted(industries)) + ")"
    source, edition, licence = _source(row)
    return GroupOutlook("industry", None, title, where.name, where.code, period.from_year, period.to_year, start, end,
                        end - start, None, None, england_pct, source, edition, licence, names.get(sector_id, ""))


def _industry_levels(lmi: LMI, industries: list[str], years: tuple[int, int]) -> dict:
    """{area_code: (employment in the first year, in the last, a source row)} summed over the industries."""
    rows = lmi._rows(select(schema.projection_industry)
                     .where(schema.projection_industry.c.industry.in_(industries))
                     .where(schema.projection_industry.c.level_year.in_(years)))
    out: dict[str, list] = {}
    for r in rows:
        entry = out.setdefault(r.area_code, [0, 0, r])
        entry[0 if r.level_year == years[0] else 1] += r.employment
    return {code: tuple(v) for code, v in out.items()}


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def outlook(lmi: LMI, text: str, place: str) -> GroupOutlook:
    """The outlook of a job (its SOC sub-major group) or of a sector, in the LSIP area the place is in."""
    text = (text or "").strip()
    if not text:
        raise NotFound("Say which job or sector to look up.")
    jobs = lmi.find_occupations(text, limit=1)
    sector = lmi.find_sector(text)
    job = jobs[0] if jobs and jobs[0].confidence >= MIN_SCORE else None
    if sector and (sector[2] >= SECTOR_PREFERRED or job is None or sector[2] > job.confidence):
        return sector_outlook(lmi, sector[0], place)
    if job is None:
        raise NotFound(f"{text!r} is not a job or sector this dataset knows.")
    return group_outlook(lmi, job.soc_code, place, matched=job.title)


def fastest_growing(lmi: LMI, place: str, *, by: str = "net_change", limit: int = 5) -> list[GroupOutlook]:
    """The occupation groups with the largest projected net change (or total requirement), largest first."""
    if by not in ("net_change", "total_requirement"):
        raise ValueError(f"by must be net_change or total_requirement, not {by!r}")
    england = _england(lmi)
    groups = [_group(r, england) for r in _loaded_rows(lmi, projection_area(lmi, place))]
    return sorted(groups, key=lambda g: (-getattr(g, by), g.soc_group))[:limit]


def industry_employment(lmi: LMI, place: str, year: int | None = None) -> list[IndustryFigure]:
    """People working in each industry group in the area, largest first, for the year asked (by default the
    latest year in the data that is not after this year)."""
    where = projection_area(lmi, place)
    base = _loaded_rows(lmi, where)[0].from_year
    rows = lmi._rows(select(schema.projection_industry).where(schema.projection_industry.c.area_code == where.code))
    if not rows:
        raise NotFound(f"There are no industry figures for the {where.name} area.")
    years = sorted({r.level_year for r in rows})
    if year is None:
        year = max([y for y in years if y <= date.today().year] or years[:1])
    if year not in years:
        raise NotFound(f"The projections give figures for {', '.join(map(str, years))}, not {year}.")
    sectors = {r.industry: r.sector_id for r in lmi._rows(select(schema.industry_sector))}
    figures = []
    for r in rows:
        if r.level_year == year:
            source, edition, licence = _source(r)
            figures.append(IndustryFigure(r.industry, sectors.get(r.industry), r.area_name, r.level_year, r.employment,
                                          r.level_year > base, source, edition, licence))
    return sorted(figures, key=lambda f: (-f.employment, f.industry))
