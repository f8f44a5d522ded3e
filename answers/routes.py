"""Replies about study routes: options after GCSEs or A levels, comparing routes, levels, resits."""
from __future__ import annotations

import re

from answers.reply import Reply, follow_ups, payload
from answers.wording import fit, sentences
from lmi.queries import LMI, StudyRoute

# Route ids in data/lmi/study_routes.csv that each question draws on.
COMPARE = ("a-levels", "t-levels", "btec")
UNI_VS_APPRENTICESHIP = ("university", "degree-apprenticeship")
LEAVE_SCHOOL = "participation-age"
RESITS = "resits"
NOT_OPTIONS = {LEAVE_SCHOOL, RESITS}  # rules about the options, not options themselves
FIRST_CHOICES = ("a-levels", "t-levels", "btec", "apprenticeship")

# How pupils name a route, most specific first ("degree apprenticeship" before "apprenticeship").
ROUTE_NAMES = [
    ("degree-apprenticeship", r"degree[\s-]*app?rent\w*"),
    ("higher-apprenticeship", r"higher[\s-]*app?rent\w*"),
    ("higher-technical", r"hnc|hnd|higher technical"),
    ("supported-internship", r"supported internships?"),
    ("foundation-learning", r"foundation (?:course|learning|level)s?|entry[\s-]level courses?"),
    ("t-levels", r"t[\s-]?levels?"),
    ("a-levels", r"a[\s-]?levels?(?!\s*\d)|alevels?|sixth form"),
    ("btec", r"btecs?|vocational (?:course|qualification)s?"),
    ("apprenticeship", r"app?rent\w*"),
    ("university", r"uni|unis|university|universities|degrees?"),
    ("job-with-training", r"job with training"),
    ("resits", r"resits?|re-?sit(?:ting)?"),
]
_ROUTE_NAMES = [(route_id, re.compile(rf"\b(?:{pattern})\b", re.I)) for route_id, pattern in ROUTE_NAMES]


def routes_named(text: str) -> list[str]:
    """The route ids a message names, in the order of ROUTE_NAMES, each once ("degree apprenticeship" is not
    also "apprenticeship" or "university")."""
    found: list[str] = []
    rest = text or ""
    for route_id, pattern in _ROUTE_NAMES:
        if pattern.search(rest):
            found.append(route_id)
            rest = pattern.sub(" ", rest)
    return found


def _cite(routes: list[StudyRoute]) -> str:
    publishers = list(dict.fromkeys(r.source.short for r in routes))
    return ", ".join(publishers)


def options(lmi: LMI, stage: str) -> Reply:
    """Every route open at this stage, those open at any stage (apprenticeships, a job with training) included."""
    routes = [r for r in lmi.routes(stage) if r.route_id not in NOT_OPTIONS]
    routes.sort(key=lambda r: FIRST_CHOICES.index(r.route_id) if r.route_id in FIRST_CHOICES else len(FIRST_CHOICES))
    when = "after GCSEs" if stage == "after-gcses" else "after A levels"
    if not routes:
        return Reply(f"I don't have the {when} options loaded yet.", follow_ups("adviser"), answered=False)
    names = ", ".join(r.name for r in routes[:7])
    text = f"Your main options {when}: {names} ({_cite(routes)})."
    if stage == "after-gcses":
        text += " You stay in education or training until 18, but that can be a job with training."
    buttons = [(r.name, payload("ask_route", route=r.route_id)) for r in routes[:4]]
    buttons.append(("Talk to a careers adviser", payload("book_interview")))
    return Reply(text, buttons)


def route(lmi: LMI, route_id: str) -> Reply:
    """One route: what it is, what you need to get in, how long it takes, then more about it if there is room."""
    found = lmi.route(route_id)
    if found is None:
        return Reply("I don't have details of that route yet.", follow_ups("adviser"), answered=False)
    about = sentences(found.description)
    parts = [f"{found.name}: {about[0]}"]
    if found.entry_requirements:
        parts.append(f"To get in: {found.entry_requirements}")
    if found.typical_duration:
        parts.append(f"It usually takes {found.typical_duration}.")
    parts += about[1:]
    return Reply(fit(parts, f"({found.source.short})"), follow_ups("adviser"))


def asked_routes(lmi: LMI, text: str, default: tuple[str, ...] = COMPARE) -> Reply:
    """"What is a T level?" answers T Levels; "A levels or BTECs?" compares those two; else the usual three."""
    named = routes_named(text)
    if len(named) == 1:
        return route(lmi, named[0])
    if not (named or default):
        return options(lmi, "after-gcses")
    return compare(lmi, tuple(named) if named else default)


def compare(lmi: LMI, ids: tuple[str, ...] = COMPARE) -> Reply:
    routes = [r for r in (lmi.route(i) for i in ids) if r]
    if not routes:
        return Reply("I don't have those routes loaded yet.", follow_ups("adviser"), answered=False)
    firsts = [f"{r.name}: {sentences(r.description)[0]}" for r in routes]
    buttons = [(f"More on {r.name}", payload("ask_route", route=r.route_id)) for r in routes]
    buttons.append(("Talk to a careers adviser", payload("book_interview")))
    return Reply(fit(firsts, f"({_cite(routes)})"), buttons)


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
