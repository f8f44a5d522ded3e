"""How people get into a job and what it involves: ONS's typical entry routes and tasks for the unit group
(SOC 2020 Volume 1), with the apprenticeship standards that train people for it.

    entry(lmi, "vet")          -> EntryInfo   for a pupil's words (NotFound when no job matches)
    entry_for(lmi, "2240")     -> EntryInfo | None   for a known unit group

ONS's wording is written for statisticians, not pupils: callers put it in plain words, and keep the source.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from lmi import schema
from lmi.queries import LMI, Apprenticeship, NotFound
from lmi.sources import Source

MIN_SCORE = 0.6


@dataclass(frozen=True)
class EntryInfo:
    soc_code: str
    title: str  # Pathfinder's title of the unit group (ONS's, as in occupations.csv)
    description: str  # ONS's description of the unit group
    entry_routes: str | None  # ONS's "typical entry routes and associated qualifications"; None when ONS gives none
    tasks: tuple[str, ...]
    related_titles: tuple[str, ...]
    apprenticeships: tuple[Apprenticeship, ...]
    source: Source
    edition: str
    licence: str
    confidence: float = 1.0
    matched: str = ""

    def as_dict(self) -> dict:
        """The `python -m lmi entry --json` contract."""
        return {
            "soc_code": self.soc_code, "title": self.title, "entry_routes": self.entry_routes,
            "tasks": list(self.tasks), "apprenticeships": [a.as_dict() for a in self.apprenticeships],
            "source": {**self.source.as_dict(), "licence": self.licence}, "edition": self.edition,
        }


def entry_for(lmi: LMI, soc_code: str, *, confidence: float = 1.0, matched: str = "",
              apprenticeship_limit: int = 10) -> EntryInfo | None:
    occupation = lmi.occupation(soc_code)
    rows = lmi._rows(select(schema.occupation_detail).where(schema.occupation_detail.c.soc_code == soc_code))
    if occupation is None or not rows:
        return None
    r = rows[0]
    return EntryInfo(
        soc_code, occupation.title, r.ons_description, r.entry_routes or None,
        tuple(filter(None, r.tasks.split("|"))), tuple(filter(None, r.related_titles.split("|"))),
        tuple(lmi.apprenticeships(soc_codes=[soc_code], limit=apprenticeship_limit)),
        Source(r.publisher, r.source_table, r.year, r.link), r.edition, r.licence, confidence, matched or r.ons_title)


def entry(lmi: LMI, text: str) -> EntryInfo:
    """Entry routes, tasks and apprenticeships for the job a pupil's words mean."""
    text = (text or "").strip()
    if not text:
        raise NotFound("Say which job to look up.")
    matches = lmi.find_occupations(text, limit=1)
    if not matches or matches[0].confidence < MIN_SCORE:
        raise NotFound(f"{text!r} is not a job this dataset knows.")
    found = entry_for(lmi, matches[0].soc_code, confidence=matches[0].confidence, matched=matches[0].matched)
    if found is None:
        raise NotFound(f"There is no ONS description loaded for {matches[0].title}: import it with "
                       "`python -m lmi import soc-descriptions FILE`.")
    return found
