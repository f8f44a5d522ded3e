"""Replies about getting into a job and what it involves, from ONS's SOC 2020 descriptions, in plain words.

ONS writes for statisticians ("Entrants usually possess GCSEs/S grades"). `plain()` swaps its stock phrases
for everyday ones that keep the meaning, and replies shorten by dropping whole sentences, never by adding
anything ONS did not say.
"""
from __future__ import annotations

import re
from urllib.parse import quote_plus

from answers.apprenticeships import describe
from answers.occupations import job_name
from answers.reply import Reply, follow_ups, payload
from answers.wording import cite, fit, sentences
from lmi.entry import EntryInfo, entry_for
from lmi.queries import LMI

NCS_SEARCH = "https://nationalcareers.service.gov.uk/job-profiles/search?searchTerm="
ROUTE_WORDS = 45  # room for ONS's routes; the rest of the 80 words is the job's name, apprenticeships, sources

# (ONS's wording, the plain words for it), applied in order, case-insensitively.
PLAIN = [
    (r"there are no (?:formal |minimum |pre-set )?(?:academic )?(?:entry )?(?:requirements|qualifications required|"
     r"qualifications)",
     "you don't need particular qualifications to start"),
    (r"no (?:formal )?academic qualifications are (?:required|needed)", "you don't need particular qualifications"),
    (r"academic qualifications may not be required", "you may not need particular qualifications"),
    (r"no minimum academic qualifications are required", "you don't need particular qualifications"),
    (r"entry does not depend on academic qualifications", "you don't need particular qualifications to get in"),
    (r"entry is possible with a variety of academic qualifications, professional qualifications and/or relevant "
     r"experience", "you can get in with different qualifications or with experience"),
    (r"entrants will (?:usually )?require", "you need"),
    (r"entrants require", "you need"),
    (r"(?:entrants|job holders|candidates) (?:will )?(?:usually|typically|normally|generally)? ?(?:possess|have|hold)",
     "most people starting have"),
    (r"candidates are recruited with", "employers take people with"),
    (r"entry is (?:most common|typically|usually|generally|often) (?:through|via|with)", "most people get in through"),
    (r"entry is possible (?:through|via|with)", "you can get in through"),
    (r"training is (?:typically |usually |normally |generally )?(?:provided|received|undertaken) off[- ]and[- ]on[- ]"
     r"the[- ]job", "you train at work and away from work"),
    (r"training is (?:typically |usually |normally |generally )?(?:provided|received|undertaken) on[- ]the[- ]job",
     "you learn on the job"),
    (r"off and on[- ]the[- ]job training", "training at work and away from work"),
    (r"on[- ]the[- ]job training", "training at work"),
    (r"background checks including a dbs check (?:are|is) (?:mandatory|required)",
     "you need background checks, including a DBS check (a criminal record check)"),
    (r"a dbs check is (?:mandatory|required)", "you need a DBS check (a criminal record check)"),
    (r"a dbs check may be required", "you may need a DBS check (a criminal record check)"),
    (r"professional qualifications are (?:also )?available", "you can also take professional qualifications"),
    (r"apprenticeships are also available", "you can also do an apprenticeship"),
    (r"GCSEs?/S grades?", "GCSEs"), (r"A levels?/H grades?", "A levels"), (r"NVQs/SVQs", "NVQs"),
    (r"NVQ/SVQ", "NVQ"), (r"S/NVQs?", "NVQs"), (r"Scottish Highers?", "Highers"),
    (r"significant relevant experience", "a lot of experience in the work"),
    (r"relevant experience", "experience in the work"),
    (r"pre-entry experience", "experience before you start"),
    (r"(?:is|are) advantageous", "help"), (r"in conjunction with", "alongside"), (r"and/or", "or"),
    (r"or equivalent", "or similar"), (r"\ban equivalent\b", "a similar"), (r"equivalent qualification", "similar qualification"),
    (r"\bpossess(?:es)?\b", "have"), (r"\btypically\b", "usually"), (r"\bvia\b", "through"),
    (r"\bprior to\b", "before"), (r"\bmandatory\b", "needed"), (r"\bundertaken\b", "done"), (r"\bundertake\b", "do"),
    (r"\bentrants\b", "people starting"), (r"\bjob holders\b", "people in this job"),
    (r"\bwill be required to\b", "will have to"), (r"\bare (also )?required to\b", r"\1have to"),
    (r"\bis (also )?required to\b", r"\1has to"), (r"\b(is|are|be) required\b", r"\1 needed"), (r"\brequires\b", "needs"), (r"\brequire\b", "need"),
    (r"\bnormally\b", "usually"), (r"\bprior\b", "earlier"),
]
_PLAIN = [(re.compile(pattern, re.I), words) for pattern, words in PLAIN]


def plain(text: str) -> str:
    """ONS's entry routes in everyday words, each sentence starting with a capital letter."""
    out = []
    for sentence in sentences(text):
        for pattern, words in _PLAIN:
            sentence = pattern.sub(words, sentence)
        out.append(sentence[0].upper() + sentence[1:])
    return " ".join(out)


def _routes(info: EntryInfo, room: int = ROUTE_WORDS) -> list[str]:
    kept: list[str] = []
    for sentence in sentences(plain(info.entry_routes or "")):
        if kept and len(" ".join(kept + [sentence]).split()) > room:
            break  # ONS's sentences in order: a later one without the one before could change the emphasis
        kept.append(sentence)
    return kept


def how_to_get_in(lmi: LMI, soc_code: str) -> Reply:
    """"How do I become a vet?": ONS's typical entry routes, then the apprenticeships that train for it."""
    info = entry_for(lmi, soc_code, apprenticeship_limit=2)
    name = job_name(lmi, soc_code)
    if info is None or not info.entry_routes:
        return Reply(f"I don't have the usual ways into {name.lower()} yet, so I won't guess. "
                     "A careers adviser can help you find out.", follow_ups("apprenticeships", "adviser"),
                     answered=False)
    source = cite(info.source, info.edition)

    def with_standards(n: int) -> tuple[list[str], str]:
        found = info.apprenticeships[:n]
        listed = "; ".join(describe(a) for a in found)
        standards = f"Apprenticeships for it: {listed} ({found[0].source.short})." if found else ""
        room = 80 - len(f"{name}, how to get in: {source} {standards}".split())
        return _routes(info, room=min(ROUTE_WORDS, room)), standards
    # One apprenticeship fewer when that leaves room for one more of ONS's sentences.
    routes, standards = max((with_standards(n) for n in (2, 1)), key=lambda pair: len(pair[0]))
    parts = [f"{name}, how to get in: {routes[0]}", *routes[1:], *([standards] if standards else [])]
    buttons = [("What does the job involve?", payload("ask_job_info")), *follow_ups("local", "adviser")]
    return Reply(fit(parts, source), buttons)


def subjects(lmi: LMI, soc_code: str) -> Reply:
    """"What GCSEs do I need to be a nurse?": ONS's entry routes, and where to find the subjects."""
    info = entry_for(lmi, soc_code, apprenticeship_limit=0)
    name = job_name(lmi, soc_code)
    link = NCS_SEARCH + quote_plus(name.lower())
    ncs = f"The National Careers Service profile lists the subjects that help: {link} ."
    if info is None or not info.entry_routes:
        return Reply(f"I don't have the usual ways into {name.lower()} yet. {ncs}", follow_ups("adviser"),
                     answered=False)
    routes = _routes(info, room=35)
    source = cite(info.source, info.edition)
    text = fit([f"{name}, how to get in: {routes[0]}", *routes[1:]], source, limit=80 - len(ncs.split()))
    return Reply(f"{text} {ncs}", [*follow_ups("apprenticeships"), *follow_ups("adviser")])


def tasks(info: EntryInfo, room: int = 30) -> list[str]:
    """ONS's tasks, in ONS's order, the short ones whole; a long one up to its first comma."""
    kept: list[str] = []
    for task in info.tasks:
        task = task.strip().rstrip(".")
        if len(task.split()) > 14:
            task = re.split(r",|;| and (?=\w+s\b)", task)[0].strip()
        if len(" ".join(kept + [task]).split()) > room:
            break
        kept.append(task)
    return kept
