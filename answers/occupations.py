"""Working out which job a pupil means, and asking "did you mean" when unsure."""
from __future__ import annotations

from dataclasses import dataclass

from answers.reply import Reply, payload
from lmi.queries import CONFIDENT, LMI, OccupationMatch
from lmi.text import plural_of

ASK_THRESHOLD = 0.45
CLEAR_GAP = 0.08


@dataclass(frozen=True)
class Resolution:
    sure: OccupationMatch | None
    options: list[OccupationMatch]

    @property
    def found(self) -> bool:
        return self.sure is not None


def resolve(lmi: LMI, *texts: str | None) -> Resolution:
    """Tries each text in turn (the spaCy entity first, then the whole message)."""
    best: list[OccupationMatch] = []
    for text in texts:
        if not text or not text.strip():
            continue
        matches = lmi.find_occupations(text, limit=4)
        if not matches:
            continue
        top = matches[0]
        second = matches[1].confidence if len(matches) > 1 else 0.0
        if top.confidence >= CONFIDENT and top.confidence - second >= CLEAR_GAP:
            return Resolution(top, matches)
        if not best or top.confidence > best[0].confidence:
            best = matches
    options = [m for m in best if m.confidence >= ASK_THRESHOLD]
    return Resolution(None, options)


def did_you_mean(resolution: Resolution, asked_intent: str) -> Reply:
    buttons = [(short_title(m.title), payload("choose_occupation", soc_code=m.soc_code))
               for m in resolution.options[:4]]
    buttons.append(("Something else", payload("inform_occupation_unknown")))
    return Reply("I'm not sure which job you mean. Did you mean one of these?", buttons,
                 slots={"pending_intent": asked_intent})


def which_job(asked_intent: str) -> Reply:
    return Reply("Which job are you thinking about? Type its name, like \"electrician\" or \"nurse\".",
                 slots={"pending_intent": asked_intent})


SHORT = 40


def short_title(title: str) -> str:
    """Official SOC titles can be long; buttons get the first part, cut at a word."""
    head = title.split(",")[0].strip()
    if len(head) <= SHORT + 8:
        return head
    return head[:SHORT].rsplit(" ", 1)[0].rstrip(" ,") + "..."


def job_name(lmi: LMI, soc_code: str) -> str:
    """What to call a job in a reply: the official title when it is short ("Electricians and electrical
    fitters"), else its everyday name in the plural ("Plumbers" for the 62-letter plumbing title, "Nurses"
    for "Other registered nursing professionals")."""
    title = lmi.occupation(soc_code).title
    head = title.split(",")[0].strip()
    if len(head) <= SHORT and not head.startswith("Other ") and "n.e.c" not in head:
        return head
    everyday = lmi.everyday_name(soc_code)
    if everyday:
        words = everyday.split()
        return " ".join(words[:-1] + [plural_of(words[-1])]).capitalize()
    return short_title(title)


def remembered(match: OccupationMatch) -> dict:
    return {"soc_code": match.soc_code, "occupation_title": match.title, "pending_intent": None}
