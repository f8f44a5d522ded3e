"""A horizontal bar chart of one breakdown, laid out here and drawn as SVG by the console's template.

Every bar carries its count as text beside it, and a suppressed count is drawn as a dashed outline with the words
"fewer than 5", so nothing is told by colour alone; the table under each chart holds the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass

from insight.suppress import Line, THRESHOLD

WIDTH = 640
LABEL_WIDTH = 250
BAR_SPACE = 300
ROW = 28
BAR = 18
LABEL_CHARS = 38


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    width: float
    suppressed: bool

    @property
    def text_x(self) -> float:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip(" ,") + "…"


def bar_chart(chart_id: str, title: str, lines: list[Line]) -> Chart:
    biggest = max([line.count.value or 0 for line in lines] + [THRESHOLD])
    bars = []
    for i, line in enumerate(lines):
        value = line.count.value
        # a suppressed count is drawn as an outline as long as the largest it could be (4): "somewhere up to here"
        width = BAR_SPACE * (THRESHOLD - 1 if value is None else value) / biggest
        bars.append(Bar(_short(line.label), line.count.text, i * ROW + 4, round(width, 1), value is None))
    return Chart(chart_id, title, bars, WIDTH, max(len(bars), 1) * ROW + 8)
