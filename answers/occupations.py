"""Working out which job a pupil means, and asking "did you mean" when unsure."""
from __future__ import annotations

from dataclasses import dataclass

from answers.reply import Reply, payload
from lmi.queries import CONFIDENT, LMI, OccupationMatch

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


def short_title(title: str) -> str:
    """Official SOC titles can be long; buttons get the first part."""
    head = title.split(",")[0].strip()
    return head if len(head) <= 48 else head[:45].rstrip() + "..."


def remembered(match: OccupationMatch) -> dict:
    return {"soc_code": match.soc_code, "occupation_title": match.title, "pending_intent": None}
