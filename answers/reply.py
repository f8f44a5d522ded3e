"""A reply: text (at most 80 words), follow-up buttons, the slots it sets and, where a pupil would rather look
than read, a bar chart the widget draws (the text always stands alone without it)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

MAX_WORDS = 80


@dataclass
class Reply:
    text: str
    buttons: list[tuple[str, str]] = field(default_factory=list)
    slots: dict = field(default_factory=dict)
    chart: dict | None = None  # {"title", "unit", "bars": [{"label", "value"}], "summary", "source"}
    answered: bool = True  # False when the reply says Pathfinder has no figure for what was asked
    figures: list[str] = field(default_factory=list)  # the figures shown, each with its source (answers/asked.py)

    @property
    def words(self) -> int:
        return len(self.text.split())


def payload(intent: str, **entities) -> str:
    """A button payload Rasa reads as an intent (and entities) without running NLU."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}{json.dumps(entities, separators=(',', ':'))}"


def money(amount: int | float) -> str:
    return f"£{amount:,.0f}" if float(amount).is_integer() else f"£{amount:,.2f}"


FOLLOW_UPS = {
    "pay": ("How much does it pay?", "ask_pay"),
    "apprenticeships": ("Apprenticeships for this", "ask_apprenticeship"),
    "local": ("Jobs near me", "ask_local_demand"),
    "info": ("What is the job like?", "ask_job_info"),
    "adviser": ("Talk to a careers adviser", "book_interview"),
    "entry": ("How do I get into it?", "ask_entry_routes"),
    "growing": ("Growing jobs here", "ask_growing_jobs"),
}


def bar_chart(title: str, unit: str, bars: list[tuple[str, float]], summary: str, source: str) -> dict:
    """The custom payload the widget draws as an accessible bar chart; `summary` is its text alternative."""
    return {"chart": {"title": title, "unit": unit, "bars": [{"label": label, "value": value} for label, value in bars],
                      "summary": summary, "source": source}}


def follow_ups(*names: str) -> list[tuple[str, str]]:
    return [(FOLLOW_UPS[n][0], payload(FOLLOW_UPS[n][1])) for n in names]


MAIN_TOPICS = [
    ("Jobs and pay", payload("ask_pay")),
    ("Apprenticeships", payload("ask_apprenticeship")),
    ("Options after GCSEs", payload("ask_options_after_gcse")),
    ("Jobs near me", payload("ask_growing_jobs")),
    ("Talk to a careers adviser", payload("book_interview")),
]
