"""Replies about apprenticeships: standards for a job, how long they take, pay, levels, applying."""
from __future__ import annotations

import re
from collections import Counter

from answers.occupations import job_name
from answers.reply import Reply, follow_ups, money, payload
from lmi.queries import LMI, Apprenticeship

FIND_URL = "https://www.gov.uk/apply-apprenticeship"
DEGREE_LEVELS = {6, 7}


def describe(a: Apprenticeship) -> str:
    years = f", about {_duration(a.duration_months)}" if a.duration_months else ""
    return f"{a.title} (level {a.level}{years})"


def _duration(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return f"{years} year" + ("s" if years != 1 else "")
    return f"{months} months"


def _at(levels: tuple[int, ...] | None) -> str:
    if not levels:
        return ""
    if set(levels) == DEGREE_LEVELS:
        return " at degree level (6 or 7)"
    return " at level " + " or ".join(str(n) for n in levels)


def _listing(found: list[Apprenticeship], what: str, levels: tuple[int, ...] | None) -> Reply:
    if not found:
        return Reply(f"I couldn't find an apprenticeship{_at(levels)} for {what} in my list. "
                     "That doesn't mean there isn't one: a careers adviser can check with you.",
                     follow_ups("pay", "adviser"), answered=False)
    listed = "; ".join(describe(a) for a in found)
    text = f"Apprenticeships for {what}{_at(levels)}: {listed} ({found[0].source.short}). Apprentices are paid while they learn."
    return Reply(text, [("How long does it take?", payload("ask_apprenticeship_duration")),
                        ("Do apprentices get paid?", payload("ask_apprentice_pay")),
                        ("How do I apply?", payload("ask_apply_apprenticeship")),
                        ("Talk to a careers adviser", payload("book_interview"))])


def for_job(lmi: LMI, soc_code: str | None, text: str | None, levels: tuple[int, ...] | None = None) -> Reply:
    found = lmi.apprenticeships(None if soc_code else text, soc_codes=[soc_code] if soc_code else None,
                                levels=levels, limit=3)
    what = job_name(lmi, soc_code).lower() if soc_code else (text or "that")
    return _listing(found, what, levels)


def for_sector(lmi: LMI, sector_id: str, sector_name: str, levels: tuple[int, ...] | None = None,
               text: str | None = None) -> Reply:
    """Standards for the jobs of a whole sector ("apprenticeships in construction")."""
    found = sector_standards(lmi, sector_id, levels=levels, text=text, limit=4)
    return _listing(found, f"jobs in {sector_name.lower()}", levels)


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{4,}", (text or "").lower())}


def sector_standards(lmi: LMI, sector_id: str, *, levels: tuple[int, ...] | None = None, text: str | None = None,
                     limit: int = 4) -> list[Apprenticeship]:
    """The sector's standards that belong to its main apprenticeship route(s), those whose title shares a word
    with the pupil's ("engineering" -> engineering technician) first, then by level. A sector's jobs include
    some trained on other routes (a baker works in manufacturing), which are not what a pupil asking about
    the sector means."""
    found = lmi.apprenticeships_in_sector(sector_id, levels=levels, limit=1000)
    if not found:
        return []
    counts = Counter(a.route for a in found)
    top = max(counts.values())
    main = [a for a in found if counts[a.route] * 2 >= top]
    asked = _stems(text) - {"appren", "sector", "there", "level", "degree", "about", "which", "what", "round"}
    return sorted(main, key=lambda a: (not (asked & _stems(a.title)), a.level, a.title))[:limit]


def duration(lmi: LMI, soc_code: str | None, text: str | None) -> Reply:
    found = [a for a in lmi.apprenticeships(None if soc_code else text, soc_codes=[soc_code] if soc_code else None,
                                            limit=5) if a.duration_months]
    if not found:
        return Reply("I don't have a length for that apprenticeship. Most take between 1 and 4 years, depending on "
                     "the level; a careers adviser can check the one you want.", follow_ups("adviser"),
                     answered=False)
    listed = "; ".join(f"{a.title} (level {a.level}): about {_duration(a.duration_months)}" for a in found[:3])
    return Reply(f"{listed} ({found[0].source.short}). That's the typical time; it can vary.",
                 [("Do apprentices get paid?", payload("ask_apprentice_pay")),
                  ("How do I apply?", payload("ask_apply_apprenticeship"))])


def pay(lmi: LMI) -> Reply:
    rates = lmi.apprentice_pay_rates()
    apprentice = next((r for r in rates if "apprentice" in r.rate_name.lower()), None)
    if apprentice is None:
        return Reply("Yes, apprentices are paid a wage. I don't have the current minimum rate loaded, "
                     "so I won't guess: see gov.uk/national-minimum-wage-rates.", follow_ups("adviser"))
    return Reply(f"Yes! Apprentices are paid. The legal minimum is {money(apprentice.hourly_rate)} an hour from "
                 f"{apprentice.applies_from:%B %Y} if you're under 19 or in your first year "
                 f"({apprentice.source.short}). After that you get the minimum wage for your age. "
                 "Many employers pay more.",
                 [("How do I apply?", payload("ask_apply_apprenticeship")),
                  ("Apprenticeship levels", payload("ask_apprenticeship_levels"))])


def levels(lmi: LMI, level: int | None = None) -> Reply:
    rows = lmi.apprenticeship_levels()
    if level is not None:
        row = next((r for r in rows if r.level == level), None)
        if row:
            return Reply(f"A level {row.level} apprenticeship is {row.name.lower()}: {row.description} "
                         f"It's like {row.equivalent}.", [("All the levels", payload("ask_apprenticeship_levels"))])
    if not rows:
        return Reply("Apprenticeships go from level 2 to level 7 (a master's degree).", follow_ups("adviser"))
    listed = "; ".join(f"level {r.level} {r.name.lower()} (like {r.equivalent})" for r in rows)
    return Reply(f"Apprenticeship levels: {listed}. Degree apprenticeships let you get a degree while working.",
                 [("Do apprentices get paid?", payload("ask_apprentice_pay")),
                  ("How do I apply?", payload("ask_apply_apprenticeship"))])


def how_to_apply() -> Reply:
    return Reply("You can search and apply for apprenticeships on GOV.UK (gov.uk/apply-apprenticeship). "
                 "Many start in September, so start looking in the autumn or spring of Year 11 or 13. "
                 "You'll need a short CV. A careers adviser can help you with it.",
                 [("Book a careers adviser", payload("book_interview")),
                  ("Do apprentices get paid?", payload("ask_apprentice_pay"))])
