"""The pre-interview brief a pupil may send their adviser: numbered items built only from the conversation's
"asked" records (answers/asked.py), the booking's year group and the topic typed in the booking form.

Nothing about safeguarding ever goes in: only records whose topic is a careers question are read (their values come
from the dataset), no other slot or escalation is looked at, and the typed topic is left out when the safeguarding
net would flag it.
"""
from __future__ import annotations

from typing import Callable

from answers.asked import TOPICS

MAX_ITEMS = 10
MAX_TEXT = 300
TOPIC_WORDS = {
    "pay": "pay", "job_info": "what the job is like", "local_demand": "jobs nearby", "growing_jobs": "growing jobs",
    "industry_size": "how many people work in it", "entry_routes": "how to get in",
    "subjects_for_job": "subjects needed", "apprenticeship": "apprenticeships",
    "apprenticeship_duration": "how long an apprenticeship takes", "apprentice_pay": "apprentice pay",
    "apprenticeship_levels": "apprenticeship levels", "apply_apprenticeship": "applying for an apprenticeship",
    "options_after_gcse": "options after GCSEs", "options_after_alevels": "options after A levels",
    "compare_routes": "comparing routes", "uni_vs_apprenticeship": "university or apprenticeship",
    "leave_school": "leaving school", "resits": "resits", "qualification_level": "qualification levels",
    "route": "a study route",
}


def sensitive(text: str) -> bool:
    """True when the safeguarding net would flag the text: such text never goes in a brief."""
    try:
        import safeguarding
        return safeguarding.check(text).flagged
    except Exception:  # the learnt classifier is missing: the patterns alone still decide
        from safeguarding import net
        return net.match(text) is not None


def _item(kind: str, text: str) -> dict:
    return {"kind": kind, "text": " ".join(str(text).split())[:MAX_TEXT]}


def _records(explored) -> list[dict]:
    return [r for r in (explored or []) if isinstance(r, dict) and r.get("topic") in TOPICS]


def _about(record: dict, route_name: Callable[[str], str | None]) -> str | None:
    for key in ("occupation", "sector"):
        if record.get(key):
            return str(record[key])
    if record.get("route"):
        return route_name(str(record["route"])) or str(record["route"]).replace("-", " ").replace("_", " ")
    return None


def build(explored, year_group, topic: str | None, *,
          route_name: Callable[[str], str | None] = lambda route_id: None) -> list[dict]:
    """The brief's items, in order: year group, topic, jobs (with the figures shown), sectors, routes, then the
    questions Pathfinder could not answer."""
    items: list[dict] = []
    if str(year_group or "").strip().isdigit() and 7 <= int(year_group) <= 13:
        items.append(_item("year_group", f"Year {int(year_group)}"))
    if topic and topic.strip() and not sensitive(topic):
        items.append(_item("topic", f"Wants to talk about: {topic.strip()}"))
    records = _records(explored)
    jobs: dict[str, list[str]] = {}
    sectors, routes, unanswered = [], [], []
    for r in records:
        if r.get("occupation"):
            figures = jobs.setdefault(str(r["occupation"]), [])
            figures += [str(f) for f in r.get("figures") or [] if str(f) not in figures]
        elif r.get("sector") and r["sector"] not in sectors:
            sectors.append(str(r["sector"]))
        if r.get("route"):
            name = _about({"route": r["route"]}, route_name)
            if name not in routes:
                routes.append(name)
        if r.get("answered") is False:
            about = _about(r, route_name)
            words = TOPIC_WORDS.get(r["topic"], r["topic"].replace("_", " "))
            where = f" in {r['area']}" if r.get("area") else ""
            line = f"Pathfinder could not answer: {words}" + (f" for {about}" if about else "") + where
            if line not in unanswered:
                unanswered.append(line)
    for occupation, figures in jobs.items():
        items.append(_item("job", f"Looked at the job: {occupation}" + (f". {'; '.join(figures[:3])}" if figures else "")))
    items += [_item("sector", f"Looked at the sector: {s}") for s in sectors]
    items += [_item("route", f"Looked at: {r}") for r in routes]
    items += [_item("unanswered", u) for u in unanswered]
    return items[:MAX_ITEMS]


def without(items: list[dict], number: int) -> list[dict]:
    """The items with the one numbered `number` (from 1, as the pupil sees them) taken out."""
    return [item for n, item in enumerate(items or [], start=1) if n != number]


