"""The CSV format of an LMI dataset: one FileSpec per file, the single source of truth
for validation, loading and the format documentation in data/lmi/SOURCES.md.

A Careers Hub can load its own area's figures by writing files in this format.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

LIST_SEPARATOR = "|"
SOURCE_FIELDS = ("publisher", "table", "year", "link")


class FieldError(ValueError):
    """A cell that does not fit its field; the message is written for a person."""


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text | int | float | date | list | url | code
    required: bool = True
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    max_length: int = 2000
    help: str = ""

    def parse(self, raw: str):
        value = (raw or "").strip()
        if value == "":
            if self.required:
                raise FieldError("is empty but required")
            return [] if self.kind == "list" else None
        if len(value) > self.max_length:
            raise FieldError(f"is {len(value)} characters long (at most {self.max_length})")
        if self.kind == "int":
            try:
                parsed = int(value)
            except ValueError:
                raise FieldError(f"{value!r} is not a whole number") from None
            self._check_range(parsed)
            return parsed
        if self.kind == "float":
            try:
                parsed = float(value)
            except ValueError:
                raise FieldError(f"{value!r} is not a number") from None
            self._check_range(parsed)
            return parsed
        if self.kind == "date":
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise FieldError(f"{value!r} is not a date like 2025-04-01") from None
        if self.kind == "url":
            if not re.fullmatch(r"https?://\S+", value):
                raise FieldError(f"{value!r} is not a web link starting with https://")
            return value
        if self.kind == "list":
            items = [item.strip() for item in value.split(LIST_SEPARATOR)]
            items = [item for item in items if item]
            for item in items:
                self._check_choice_and_pattern(item)
            return items
        self._check_choice_and_pattern(value)
        return value

    def _check_range(self, value: float) -> None:
        if self.min is not None and value < self.min:
            raise FieldError(f"{value} is below the smallest allowed value {self.min:g}")
        if self.max is not None and value > self.max:
            raise FieldError(f"{value} is above the largest allowed value {self.max:g}")

    def _check_choice_and_pattern(self, value: str) -> None:
        if self.choices and value not in self.choices:
            raise FieldError(f"{value!r} is not one of: {', '.join(self.choices)}")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise FieldError(f"{value!r} does not look right ({self.help or self.pattern})")


@dataclass(frozen=True)
class Reference:
    """A field whose values must appear as the key of another file.

    With strict=False an unknown value is only a warning and is left out when loading
    (an apprenticeship may lead to an occupation the dataset does not list).
    """
    field: str
    file: str
    key: str
    strict: bool = True


@dataclass(frozen=True)
class FileSpec:
    filename: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    description: str
    required: bool = True
    references: tuple[Reference, ...] = field(default=())

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


SOC = Field("soc_code", pattern=r"\d{4}", help="a 4-digit SOC 2020 code such as 5241")
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
YEAR = Field("year", "int", min=1990, max=2100)


def _source() -> tuple[Field, ...]:
    return (
        Field("publisher"),
        Field("table"),
        YEAR,
        Field("link", "url"),
    )


SPECS: tuple[FileSpec, ...] = (
    FileSpec(
        "occupations.csv",
        (
            SOC,
            Field("title"),
            Field("major_group", "int", min=1, max=9),
            Field("description", max_length=300),
            Field("aliases", "list", required=False),
            *_source(),
        ),
        key=("soc_code",),
        description="SOC 2020 unit groups: official title, a plain-English sentence, everyday names.",
    ),
    FileSpec(
        "pay.csv",
        (
            SOC,
            Field("geography"),
            YEAR,
            Field("median", "int", min=1000, max=1_000_000),
            Field("p25", "int", required=False, min=1000, max=1_000_000),
            Field("p75", "int", required=False, min=1000, max=1_000_000),
            Field("publisher"),
            Field("table"),
            Field("link", "url"),
        ),
        key=("soc_code", "geography", "year"),
        description="Gross annual pay of full-time employees by occupation (ONS ASHE).",
        references=(Reference("soc_code", "occupations.csv", "soc_code"),),
    ),
    FileSpec(
        "sectors.csv",
        (
            Field("sector_id", pattern=SLUG, help="lower-case words joined by hyphens"),
            Field("name"),
            Field("aliases", "list", required=False),
        ),
        key=("sector_id",),
        description="Broad sectors of work used by the local figures.",
    ),
    FileSpec(
        "areas.csv",
        (
            Field("area_id", pattern=SLUG, help="lower-case words joined by hyphens"),
            Field("name"),
            Field("kind", choices=("hub", "district", "town")),
            Field("parent_id", required=False),
            Field("aliases", "list", required=False),
        ),
        key=("area_id",),
        description="Careers Hub areas, their local authority districts and main towns.",
        references=(Reference("parent_id", "areas.csv", "area_id"),),
    ),
    FileSpec(
        "occupation_sectors.csv",
        (
            Field("soc_prefix", pattern=r"\d{1,4}", help="1 to 4 leading digits of a SOC 2020 code"),
            Field("sector_id"),
        ),
        key=("soc_prefix",),
        description="Which sector an occupation mostly works in, by SOC code prefix (the longest prefix wins).",
        required=False,
        references=(Reference("sector_id", "sectors.csv", "sector_id"),),
    ),
    FileSpec(
        "area_employment.csv",
        (
            Field("area_id"),
            Field("sector_id"),
            Field("employees", "int", min=0),
            *_source(),
        ),
        key=("area_id", "sector_id", "year"),
        description="Employees by sector in an area (ONS BRES, as published).",
        required=False,
        references=(
            Reference("area_id", "areas.csv", "area_id"),
            Reference("sector_id", "sectors.csv", "sector_id"),
        ),
    ),
    FileSpec(
        "area_growth.csv",
        (
            Field("area_id"),
            Field("sector_id"),
            Field("measure"),
            Field("value", "float"),
            Field("period"),
            Field("publisher"),
            Field("table"),
            Field("link", "url"),
        ),
        key=("area_id", "sector_id", "measure", "period"),
        description="Published growth or projections for an area's sectors.",
        required=False,
        references=(
            Reference("area_id", "areas.csv", "area_id"),
            Reference("sector_id", "sectors.csv", "sector_id"),
        ),
    ),
    FileSpec(
        "priority_sectors.csv",
        (
            Field("area_id"),
            Field("sector_id"),
            Field("note", max_length=400),
            Field("publisher"),
            Field("document"),
            Field("year", "int", required=False, min=1990, max=2100,
                  help="the document's publication year; empty when the document carries no date"),
            Field("link", "url"),
        ),
        key=("area_id", "sector_id"),
        description="Sectors an area's LEP or Local Skills Improvement Plan names as priorities.",
        required=False,
        references=(
            Reference("area_id", "areas.csv", "area_id"),
            Reference("sector_id", "sectors.csv", "sector_id"),
        ),
    ),
    FileSpec(
        "apprenticeships.csv",
        (
            Field("reference", pattern=r"ST\d{4}", help="an IfATE reference such as ST0152"),
            Field("title"),
            Field("level", "int", min=2, max=7),
            Field("duration_months", "int", required=False, min=6, max=96),
            Field("route"),
            Field("soc_codes", "list", required=False, pattern=r"\d{4}", help="4-digit SOC 2020 codes"),
            Field("publisher"),
            YEAR,
            Field("link", "url"),
            Field("edition", required=False,
                  help="the Skills England list the row was refreshed from, for example 'accurate as of 14 August 2026'"),
        ),
        key=("reference",),
        description="Apprenticeship standards (IfATE / Skills England).",
        references=(Reference("soc_codes", "occupations.csv", "soc_code", strict=False),),
    ),
    FileSpec(
        "apprenticeship_levels.csv",
        (
            Field("level", "int", min=2, max=7),
            Field("name"),
            Field("equivalent"),
            Field("description", max_length=300),
        ),
        key=("level",),
        description="What each apprenticeship level means.",
    ),
    FileSpec(
        "apprentice_pay.csv",
        (
            Field("rate_name"),
            Field("hourly_rate", "float", min=1, max=100),
            Field("applies_from", "date"),
            Field("publisher"),
            Field("table"),
            Field("link", "url"),
        ),
        key=("rate_name", "applies_from"),
        description="National Minimum Wage rates, the apprentice rate among them (GOV.UK).",
        required=False,
    ),
    FileSpec(
        "qualification_levels.csv",
        (
            Field("level", choices=("entry", "1", "2", "3", "4", "5", "6", "7", "8")),
            Field("name"),
            Field("examples", "list"),
            Field("description", max_length=300),
            Field("publisher"),
            Field("link", "url"),
        ),
        key=("level",),
        description="What qualification levels entry to 8 mean, with examples (GOV.UK).",
    ),
    FileSpec(
        "study_routes.csv",
        (
            Field("route_id", pattern=SLUG, help="lower-case words joined by hyphens"),
            Field("name"),
            Field("stage", choices=("after-gcses", "after-a-levels", "any")),
            Field("description", max_length=400),
            Field("entry_requirements", required=False, max_length=400),
            Field("typical_duration", required=False),
            Field("publisher"),
            Field("link", "url"),
        ),
        key=("route_id",),
        description="Post-16 and post-18 routes with typical entry requirements.",
    ),
    FileSpec(
        "t_levels.csv",
        (
            Field("subject"),
            Field("route"),
            Field("first_taught", "int", required=False, min=2020, max=2100),
            Field("publisher"),
            Field("link", "url"),
        ),
        key=("subject",),
        description="T Level subjects and the route each belongs to.",
        required=False,
    ),
)


def _edition_source() -> tuple[Field, ...]:
    """The source columns of files written by `python -m lmi import`: who, what, which edition, licence."""
    return (
        Field("publisher"),
        Field("table", help="the publication's title"),
        Field("edition", help="the edition or release, as the workbook states it"),
        YEAR,
        Field("link", "url"),
        Field("licence"),
    )


LSIP_CODE = r"E\d{8}"
SPECS += (
    FileSpec(
        "occupation_details.csv",
        (
            SOC,
            Field("ons_title"),
            Field("ons_description", max_length=3000),
            Field("entry_routes", required=False, max_length=3000,
                  help="ONS's typical entry routes and associated qualifications"),
            Field("tasks", "list", required=False, max_length=6000),
            Field("related_titles", "list", required=False, max_length=6000,
                  help="ONS's related job titles; the resolver uses them as extra names"),
            *_edition_source(),
        ),
        key=("soc_code",),
        description="ONS's own description of each unit group: entry routes, tasks, related job titles "
                    "(written by `python -m lmi import soc-descriptions`).",
        required=False,
        references=(Reference("soc_code", "occupations.csv", "soc_code"),),
    ),
    FileSpec(
        "lsip_districts.csv",
        (
            Field("lad_code", pattern=LSIP_CODE, help="an ONS local authority district code such as E07000234"),
            Field("lad_name"),
            Field("lsip_code", pattern=LSIP_CODE, help="an ONS LSIP area code such as E69000035"),
            Field("lsip_name"),
            *_edition_source(),
        ),
        key=("lad_code",),
        description="Which Local Skills Improvement Plan (LSIP) area each local authority district is in "
                    "(written by `python -m lmi import lsip-lookup`).",
        required=False,
    ),
    FileSpec(
        "projections_occupations.csv",
        (
            Field("area_code", pattern=LSIP_CODE, help="the LSIP area's code, or E92000001 for England"),
            Field("area_name"),
            Field("soc_group", pattern=r"\d{2}", help="a SOC 2020 sub-major group such as 52"),
            Field("group_title"),
            Field("from_year", "int", min=1990, max=2100),
            Field("to_year", "int", min=1990, max=2100),
            Field("employment_from", "int", min=0, help="people"),
            Field("employment_to", "int", min=0, help="people"),
            Field("net_change", "int", help="people"),
            Field("replacement_demand", "int", min=0, help="people: jobs opening as people retire or leave"),
            Field("total_requirement", "int", help="people: net change plus replacement demand"),
            *_edition_source(),
        ),
        key=("area_code", "soc_group", "from_year", "to_year"),
        description="Projected employment by SOC 2020 sub-major group, in people "
                    "(written by `python -m lmi import projections`).",
        required=False,
    ),
    FileSpec(
        "projections_industries.csv",
        (
            Field("area_code", pattern=LSIP_CODE, help="the LSIP area's code, or E92000001 for England"),
            Field("area_name"),
            Field("industry"),
            Field("level_year", "int", min=1990, max=2100, help="the year the employment figure is for"),
            Field("employment", "int", min=0, help="people"),
            *_edition_source(),
        ),
        key=("area_code", "industry", "level_year"),
        description="Employment by industry group (estimated and projected), in people "
                    "(written by `python -m lmi import projections`).",
        required=False,
    ),
    FileSpec(
        "industry_sectors.csv",
        (
            Field("industry"),
            Field("sector_id"),
        ),
        key=("industry",),
        description="Which of Pathfinder's sectors each projections industry group belongs to.",
        required=False,
        references=(Reference("sector_id", "sectors.csv", "sector_id"),),
    ),
)

SPECS_BY_FILE = {spec.filename: spec for spec in SPECS}
