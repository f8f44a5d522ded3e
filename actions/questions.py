"""Which answer each question intent gets, and what it needs first (a job, a place)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from answers import apprenticeships, entry_routes, jobs, local, projections, routes
from answers.reply import Reply
from lmi.queries import LMI, Area, NotFound

_BEST_PAID = re.compile(r"\b(best|highest|most|top|good|well)\b", re.I)


@dataclass(frozen=True)
class Turn:
    text: str
    soc_code: str | None
    area: Area | None
    level: int | None
    route: str | None
    degree: bool = False
    sector: tuple[str, str] | None = None  # (sector_id, name) when the pupil named a sector, not a job

    @property
    def levels(self) -> tuple[int, ...] | None:
        """The apprenticeship levels asked about: "level 3", or 6 and 7 for "degree apprenticeships"."""
        if self.level is not None:
            return (self.level,)
        return (6, 7) if self.degree else None


@dataclass(frozen=True)
class Question:
    answer: Callable[[LMI, Turn], Reply]
    needs_job: bool = False
    needs_place: bool = False
    job_optional: Callable[[Turn], bool] = lambda turn: False
    sector_ok: bool = False  # a sector can stand in for the job ("apprenticeships in construction")


def _projected(answer: Callable[[], Reply], without: Callable[[], Reply]) -> Reply:
    """DfE's projections when the pupil's area has them; else what the area's other figures say."""
    try:
        return answer()
    except NotFound:
        return without()


def _local_demand(lmi: LMI, t: Turn) -> Reply:
    if t.soc_code:
        return _projected(lambda: projections.job_outlook(lmi, t.soc_code, t.area),
                          lambda: local.local_demand(lmi, t.soc_code, t.area))
    return _projected(lambda: projections.sector_outlook_reply(lmi, *t.sector, t.area),
                      lambda: local.sector_demand(lmi, *t.sector, t.area))


def _industry_size(lmi: LMI, t: Turn) -> Reply:
    return _projected(lambda: projections.industry_size(lmi, t.area, t.sector, None if t.sector else t.soc_code),
                      lambda: local.growing(lmi, t.area))


QUESTIONS: dict[str, Question] = {
    "ask_job_info": Question(lambda lmi, t: jobs.job_info(lmi, t.soc_code), needs_job=True),
    "ask_pay": Question(lambda lmi, t: jobs.pay(lmi, t.soc_code) if t.soc_code else jobs.best_paid(lmi),
                        needs_job=True, job_optional=lambda t: bool(_BEST_PAID.search(t.text))),
    "ask_local_demand": Question(_local_demand, needs_job=True, needs_place=True, sector_ok=True),
    "ask_growing_jobs": Question(lambda lmi, t: _projected(lambda: projections.growing(lmi, t.area),
                                                           lambda: local.growing(lmi, t.area)), needs_place=True),
    "ask_industry_size": Question(_industry_size, needs_job=True, needs_place=True, sector_ok=True,
                                  job_optional=lambda t: True),
    "ask_entry_routes": Question(lambda lmi, t: entry_routes.how_to_get_in(lmi, t.soc_code), needs_job=True),
    "ask_subjects_for_job": Question(lambda lmi, t: entry_routes.subjects(lmi, t.soc_code), needs_job=True),
    "ask_apprenticeship": Question(
        lambda lmi, t: apprenticeships.for_job(lmi, t.soc_code, t.text, t.levels) if t.soc_code
        else apprenticeships.for_sector(lmi, *t.sector, t.levels, t.text) if t.sector
        else apprenticeships.levels(lmi, t.level),
        needs_job=True, job_optional=lambda t: t.levels is not None, sector_ok=True),
    "ask_apprenticeship_duration": Question(lambda lmi, t: apprenticeships.duration(lmi, t.soc_code, t.text),
                                            needs_job=True),
    "ask_apprentice_pay": Question(lambda lmi, t: apprenticeships.pay(lmi)),
    "ask_apprenticeship_levels": Question(lambda lmi, t: apprenticeships.levels(lmi, t.level)),
    "ask_apply_apprenticeship": Question(lambda lmi, t: apprenticeships.how_to_apply()),
    "ask_options_after_gcse": Question(lambda lmi, t: routes.options(lmi, "after-gcses")),
    "ask_options_after_alevels": Question(lambda lmi, t: routes.options(lmi, "after-a-levels")),
    "ask_compare_routes": Question(lambda lmi, t: routes.asked_routes(lmi, t.text)),
    "ask_uni_vs_apprenticeship": Question(lambda lmi, t: routes.compare(lmi, routes.UNI_VS_APPRENTICESHIP)),
    "ask_leave_school": Question(lambda lmi, t: routes.route(lmi, routes.LEAVE_SCHOOL)),
    "ask_resits": Question(lambda lmi, t: routes.route(lmi, routes.RESITS)),
    "ask_route": Question(lambda lmi, t: routes.route(lmi, t.route) if t.route
                          else routes.asked_routes(lmi, t.text, default=())),
    "ask_qualification_level": Question(
        lambda lmi, t: routes.qualification_level(lmi, str(t.level) if t.level else t.text)),
}

# After "what about in Stafford?" or "what about plumbers?", these questions are asked again.
PLACE_FOLLOW_UPS = {"ask_local_demand", "ask_growing_jobs", "ask_industry_size"}
JOB_FOLLOW_UPS = {"ask_job_info", "ask_pay", "ask_local_demand", "ask_subjects_for_job", "ask_apprenticeship",
                  "ask_apprenticeship_duration", "ask_entry_routes", "ask_industry_size"}
