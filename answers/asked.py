"""The "asked" record: what one question was about and what Pathfinder could show, built only from values in the
dataset (never the pupil's words). The brief for an adviser (booking/brief.py) and the hub's insight page read it.

    {"topic": "pay", "soc_code": "5241", "occupation": "Electricians and electrical fitters", "sector": None,
     "route": None, "area_id": None, "area": None, "answered": True,
     "figures": ["Median full-time pay £35,000 a year, UK (ONS ASHE 2024)"]}
"""
from __future__ import annotations

from answers.reply import Reply
from answers.routes import LEAVE_SCHOOL, RESITS
from lmi.queries import LMI

# Every careers question's topic (actions/questions.py's QUESTIONS without "ask_"; a test keeps them equal).
TOPICS = frozenset({
    "job_info", "pay", "local_demand", "growing_jobs", "industry_size", "entry_routes", "subjects_for_job",
    "apprenticeship", "apprenticeship_duration", "apprentice_pay", "apprenticeship_levels", "apply_apprenticeship",
    "options_after_gcse", "options_after_alevels", "compare_routes", "uni_vs_apprenticeship", "leave_school",
    "resits", "route", "qualification_level",
})
KEYS = ("topic", "soc_code", "occupation", "sector", "route", "area_id", "area", "answered", "figures")
MAX_FIGURES = 3
ROUTE_OF = {  # questions about one route, whatever the pupil typed
    "ask_apprenticeship": "apprenticeship", "ask_apprenticeship_duration": "apprenticeship",
    "ask_apprentice_pay": "apprenticeship", "ask_apprenticeship_levels": "apprenticeship",
    "ask_apply_apprenticeship": "apprenticeship", "ask_leave_school": LEAVE_SCHOOL, "ask_resits": RESITS,
}


def topic_of(intent: str) -> str:
    return intent.removeprefix("ask_")


def asked(lmi: LMI, intent: str, turn, reply: Reply) -> dict:
    """The record for one answered (or unanswered) question; `turn` is actions.questions.Turn."""
    occupation = lmi.occupation(turn.soc_code) if turn.soc_code else None
    area = turn.area
    route = turn.route if turn.route and lmi.route(turn.route) else None  # an id from the dataset, never typed words
    return {
        "topic": topic_of(intent),
        "soc_code": turn.soc_code if occupation else None,
        "occupation": occupation.title if occupation else None,
        "sector": turn.sector[1] if turn.sector else None,
        "route": route or ROUTE_OF.get(intent),
        "area_id": area.area_id if area else None,
        "area": area.name if area else None,
        "answered": bool(reply.answered),
        "figures": [str(f) for f in reply.figures[:MAX_FIGURES]],
    }


def unanswered_job(lmi: LMI, intent: str, soc_code: str, area=None) -> dict:
    """A job Pathfinder recognised but has no figures for (recorded even when no answer function ran)."""
    occupation = lmi.occupation(soc_code)
    return {"topic": topic_of(intent), "soc_code": soc_code if occupation else None,
            "occupation": occupation.title if occupation else None, "sector": None, "route": None,
            "area_id": area.area_id if area else None, "area": area.name if area else None,
            "answered": False, "figures": []}


def remember(explored: list | None, record: dict, limit: int = 20) -> list[dict]:
    """The conversation's records with this one added: identical records once, the newest `limit` kept."""
    kept = [r for r in (explored or []) if isinstance(r, dict) and r != record]
    return (kept + [record])[-limit:]
