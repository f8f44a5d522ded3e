"""Replies about study routes: options after GCSEs or A levels, comparing routes, levels, resits."""
from __future__ import annotations

from urllib.parse import quote_plus

from answers.occupations import job_name
from answers.reply import Reply, follow_ups, payload
from lmi.queries import LMI, StudyRoute

# Route ids in data/lmi/study_routes.csv that each question draws on.
COMPARE = ("a-levels", "t-levels", "btec")
UNI_VS_APPRENTICESHIP = ("university", "degree-apprenticeship")
LEAVE_SCHOOL = "participation-age"
RESITS = "resits"
NCS_SEARCH = "https://nationalcareers.service.gov.uk/job-profiles/search?searchTerm="


def _cite(routes: list[StudyRoute]) -> str:
    publishers = list(dict.fromkeys(r.source.short for r in routes))
    return ", ".join(publishers)


def options(lmi: LMI, stage: str) -> Reply:
    routes = [r for r in lmi.routes(stage) if r.stage == stage]
    when = "after GCSEs" if stage == "after-gcses" else "after A levels"
    if not routes:
        return Reply(f"I don't have the {when} options loaded yet.", follow_ups("adviser"))
    names = ", ".join(r.name for r in routes[:7])
    text = f"Your main options {when}: {names} ({_cite(routes)})."
    if stage == "after-gcses":
        text += " You stay in education or training until 18, but that can be a job with training."
    buttons = [(r.name, payload("ask_route", route=r.route_id)) for r in routes[:4]]
    buttons.append(("Talk to a careers adviser", payload("book_interview")))
    return Reply(text, buttons)


def route(lmi: LMI, route_id: str) -> Reply:
    found = lmi.route(route_id)
    if found is None:
        return Reply("I don't have details of that route yet.", follow_ups("adviser"))
    text = f"{found.name}: {found.description}"
    if found.entry_requirements:
        text += f" To get in: {found.entry_requirements}"
    if found.typical_duration:
        text += f" It usually takes {found.typical_duration}."
    return Reply(_fit(text, f"({found.source.short})"), follow_ups("adviser"))


def compare(lmi: LMI, ids: tuple[str, ...] = COMPARE) -> Reply:
    routes = [r for r in (lmi.route(i) for i in ids) if r]
    if not routes:
        return Reply("I don't have those routes loaded yet.", follow_ups("adviser"))
    per = max(8, 70 // len(routes))
    text = " ".join(f"{r.name}: {_first_words(r.description, per)}" for r in routes)
    buttons = [(f"More on {r.name}", payload("ask_route", route=r.route_id)) for r in routes]
    buttons.append(("Talk to a careers adviser", payload("book_interview")))
    return Reply(_fit(text, f"({_cite(routes)})"), buttons)


def subjects_for_job(lmi: LMI, soc_code: str) -> Reply:
    name = job_name(lmi, soc_code)
    link = NCS_SEARCH + quote_plus(name.lower())
    return Reply(f"I don't have a list of the subjects each job needs, so I won't guess. The National Careers "
                 f"Service job profile for {name.lower()} lists them: {link} . A careers adviser can help you choose.",
                 follow_ups("apprenticeships", "adviser"))


def qualification_level(lmi: LMI, level: str) -> Reply:
    found = lmi.qualification_level(level)
    if found is None:
        return Reply("Qualification levels go from entry level up to level 8. Which level do you mean?",
                     [(f"Level {n}", payload("ask_qualification_level", qualification_level=f"level {n}"))
                      for n in (2, 3, 4, 6)])
    examples = ", ".join(found.examples[:4])
    title = "Entry level" if found.level == "entry" else f"Level {found.level}"
    return Reply(f"{title}: {found.description} Examples: {examples} ({found.source.short}).",
                 [("Apprenticeship levels", payload("ask_apprenticeship_levels"))])


def _first_words(text: str, n: int) -> str:
    words = text.split()
    return text if len(words) <= n else " ".join(words[:n]).rstrip(",;") + "..."


def _fit(text: str, source: str, limit: int = 80) -> str:
    """Shortens the body, never the source, to keep a reply within the word limit."""
    room = limit - len(source.split())
    words = text.split()
    body = text if len(words) <= room else " ".join(words[:room]).rstrip(",;.") + "..."
    return f"{body} {source}"
