"""Small-count suppression: what a count may show so that no pupil can be picked out.

A count under 5 is shown as "fewer than 5" (blank-like "<5" in CSV). Every other count, totals included, is rounded
to the nearest 5 (DfE and ONS publish pupil counts this way). Exact counts beside a suppressed one would let it be
worked out by subtraction, from a table's total or between two filters (all schools minus one school); with every
shown count rounded, such a subtraction always leaves more than one possible value for the hidden count.
"""
from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
ROUND_TO = 5
SUPPRESSED_TEXT = "fewer than 5"
SUPPRESSED_CSV = "<5"


@dataclass(frozen=True)
class Shown:
    """A count as it may be shown: `value` is the rounded count, None when suppressed."""
    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def text(self) -> str:
        return SUPPRESSED_TEXT if self.value is None else f"{self.value:,}"

    @property
    def csv(self) -> str:
        return SUPPRESSED_CSV if self.value is None else str(self.value)


def rounded(count: int) -> int:
    """To the nearest 5, halves up (7 -> 5, 8 -> 10)."""
    return (count + ROUND_TO // 2) // ROUND_TO * ROUND_TO


def shown(count: int) -> Shown:
    if count < 0:
        raise ValueError("a count cannot be negative")
    if count == 0:
        return Shown(0)
    if count < THRESHOLD:
        return Shown(None)
    return Shown(rounded(count))


@dataclass(frozen=True)
class Line:
    """One group of a breakdown (cells: its label, or its job and town) and its shown count."""
    cells: tuple[str, ...]
    count: Shown

    @property
    def label(self) -> str:
        return ", ".join(self.cells)


def lines(counts: dict[tuple[str, ...], int]) -> list[Line]:
    """Shown counts, biggest first; suppressed ones last in label order, so their order says nothing of their size."""
    made = [Line(cells, shown(n)) for cells, n in counts.items() if n > 0]
    return sorted(made, key=lambda line: (line.count.suppressed, -(line.count.value or 0), line.cells))
