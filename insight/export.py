"""CSV export of one insight breakdown: a header that says what is counted and how small counts are hidden, then
the rows. Cells a spreadsheet would run as a formula (starting = + - @, tab or carriage return) are escaped."""
from __future__ import annotations

import csv
import io

from insight.queries import Breakdown, Insight
from insight.suppress import SUPPRESSED_CSV, THRESHOLD, ROUND_TO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell as text, with a leading ' when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(insight: Insight, breakdown: Breakdown, *, school: str, year_group: str, month: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    rows = [
        [f"Pathfinder hub insight: {breakdown.title}"],
        [f"Counted: {breakdown.counted}, from {insight.kept_from:%B %Y} (what the retention period keeps). "
         "No message text and nothing that identifies a pupil."],
        [f"Counts under {THRESHOLD} are suppressed and shown as {SUPPRESSED_CSV}; every other count, totals included, "
         f"is rounded to the nearest {ROUND_TO}."],
        [f"Filters: school {school}; year group {year_group}; month {month}"],
        [],
        [*breakdown.columns, f"{breakdown.counted} (rounded to nearest {ROUND_TO}; {SUPPRESSED_CSV} = fewer than "
                             f"{THRESHOLD})"],
    ]
    rows += [[*line.cells, line.count.csv] for line in breakdown.lines]
    rows.append(["Total"] + [""] * (len(breakdown.columns) - 1) + [breakdown.total.csv])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
