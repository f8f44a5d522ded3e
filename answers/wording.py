"""Whole-sentence shortening and citations shared by the replies: nothing a pupil reads ends in "...".

    sentences("One. Two.")                   -> ["One.", "Two."]
    fit(["One.", "Two."], "(ONS, 2025)", 80)  -> "One. Two. (ONS, 2025)"   whole sentences only, the source kept
    cite(source, edition)                    -> "(DfE, 2024, Labour market and skills projections, Skills Imperative 2035)"
"""
from __future__ import annotations

import re

from lmi.sources import Source

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split((text or "").strip()) if s.strip()]


def words(text: str) -> int:
    return len(text.split())


def fit(parts: list[str], source: str = "", limit: int = 80) -> str:
    """The first part always, then each later part that still fits, then the source: whole sentences only."""
    room = limit - words(source)
    kept: list[str] = []
    for part in parts:
        if not kept or words(" ".join(kept + [part])) <= room:
            kept.append(part)
    return " ".join(kept + ([source] if source else []))


def edition_name(edition: str) -> str:
    """'Skills Imperative 2035 (Warwick IER ...), Main scenario, ...' -> 'Skills Imperative 2035';
    'workbook of 16 April 2025' -> '16 April 2025 edition'."""
    head = re.split(r"\s\(|,", edition or "")[0].strip()
    if head.lower().startswith("workbook of "):
        return head[len("workbook of "):] + " edition"
    return head


def cite(source: Source, edition: str = "") -> str:
    """The publisher and year (as every reply cites them), then the publication and its edition."""
    title = source.table.split(":")[0].strip()
    parts = [source.short, title] + ([edition_name(edition)] if edition_name(edition) else [])
    return "(" + ", ".join(parts) + ")"


def about(people: int) -> str:
    """'about 42,000': modelled figures rounded to two significant figures."""
    if abs(people) < 100:
        return f"{abs(people):,}"
    digits = len(str(abs(people))) - 2
    return f"about {abs(int(round(people, -digits))):,}"
