"""`python -m lmi import apprenticeship-standards FILE`: Skills England's apprenticeship standards list →
apprenticeships.csv.

The file is Skills England's CSV export ("Apprenticeships accurate as of DATE" on its first line, then one row
per standard). Each standard already in apprenticeships.csv is refreshed by its reference: title, level,
typical duration, route and link come from the file; publisher, year and edition say which list. The project's
SOC mapping is kept as it is. A standard the file marks retired or withdrawn is dropped (no new starts); one the
file does not list is left unchanged and named in the message.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path

from lmi.csvformat import SPECS_BY_FILE
from lmi.workbooks import WorkbookError, csv_text, write_atomically

FILENAME = "apprenticeships.csv"
PUBLISHER = "Skills England"
COLUMNS = {"title": "Name", "reference": "Reference", "status": "Status", "route": "Route", "level": "Level",
           "duration": "Typical Duration", "link": "Link"}
DATE_LINE = re.compile(r"accurate as of\s+(\d{1,2} [A-Za-z]+ \d{4})", re.IGNORECASE)
STANDARD = re.compile(r"ST\d{4}")
CLOSED = ("retired", "withdrawn")


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookError(f"{path.name}: not a UTF-8 CSV file; is it Skills England's apprenticeship standards "
                            "export?") from None


def _edition(first_line: str, path: Path):
    found = DATE_LINE.search(first_line)
    if not found:
        raise WorkbookError(f"{path.name}: the first line does not say when the list was taken (Skills England's "
                            "export starts 'Apprenticeships accurate as of 14 August 2026')")
    try:
        return datetime.strptime(found.group(1), "%d %B %Y").date()
    except ValueError:
        raise WorkbookError(f"{path.name}: '{found.group(1)}' on the first line is not a date") from None


def _columns(header: list[str], path: Path) -> dict[str, int]:
    found = {" ".join(h.split()).lower(): i for i, h in enumerate(header)}
    where = {}
    for key, name in COLUMNS.items():
        if name.lower() not in found:
            raise WorkbookError(f"{path.name}: no column '{name}'; is it Skills England's apprenticeship "
                                "standards export?")
        where[key] = found[name.lower()]
    return where


def _int(value: str, what: str, where: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise WorkbookError(f"{where}: {what} {value!r} is not a whole number")
    return int(value)


def read(path: Path | str):
    """(the date the list was taken, {reference: standard}) for the apprenticeship standards in the file."""
    path = Path(path)
    stream = io.StringIO(_text(path), newline="")
    edition = _edition(stream.readline(), path)
    rows = csv.reader(stream)
    header = next(rows, None)
    if not header:
        raise WorkbookError(f"{path.name}: no column headings after the first line")
    col = _columns(header, path)
    standards: dict[str, dict] = {}
    for number, row in enumerate(rows, start=3):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path.name}, row {number}"
        if len(row) < len(header):
            raise WorkbookError(f"{where}: {len(row)} cells where the headings have {len(header)}")
        reference = row[col["reference"]].strip().upper()
        if not STANDARD.fullmatch(reference):
            continue  # apprenticeship units (AU…) and foundation apprenticeships (FA…) are not standards
        if reference in standards:
            raise WorkbookError(f"{where}: standard {reference} appears twice")
        level = _int(row[col["level"]], "level", where)
        if level is None or not 2 <= level <= 7:
            raise WorkbookError(f"{where}: standard {reference} has level {row[col['level']]!r}, not 2 to 7")
        link = row[col["link"]].strip()
        if not link.startswith("https://"):
            raise WorkbookError(f"{where}: standard {reference} has no https link")
        title = " ".join(row[col["title"]].split())
        if not title:
            raise WorkbookError(f"{where}: standard {reference} has no name")
        standards[reference] = {
            "title": title, "level": level, "duration_months": _int(row[col["duration"]], "typical duration", where),
            "route": " ".join(row[col["route"]].split()), "status": row[col["status"]].strip(), "link": link,
        }
    if not standards:
        raise WorkbookError(f"{path.name}: lists no apprenticeship standards (references such as ST0095)")
    return edition, standards


def edition_words(edition) -> str:
    """'accurate as of 14 August 2026', as Skills England's first line says it."""
    return f"accurate as of {edition.day} {edition:%B %Y}"


def refresh(current: list[dict], edition, standards: dict[str, dict]):
    """The refreshed rows, and the references dropped (closed) and left as they were (not listed)."""
    rows, closed, unlisted = [], [], []
    for row in current:
        official = standards.get(row["reference"])
        if official is None:
            unlisted.append(row["reference"])
            rows.append(row)
            continue
        if official["status"].lower().startswith(CLOSED):
            closed.append(row["reference"])
            continue
        rows.append({
            "reference": row["reference"], "title": official["title"], "level": official["level"],
            "duration_months": "" if official["duration_months"] is None else official["duration_months"],
            "route": official["route"] or row["route"], "soc_codes": row["soc_codes"], "publisher": PUBLISHER,
            "year": edition.year, "link": official["link"],
            "edition": edition_words(edition),
        })
    return rows, closed, unlisted


def run(path: Path | str, lmi_dir: Path) -> str:
    edition, standards = read(path)
    target = Path(lmi_dir) / FILENAME
    with target.open(encoding="utf-8", newline="") as fh:
        current = list(csv.DictReader(fh))
    rows, closed, unlisted = refresh(current, edition, standards)
    columns = SPECS_BY_FILE[FILENAME].columns
    write_atomically(target, csv_text(columns, [{c: r.get(c, "") for c in columns} for r in rows]))
    message = (f"{FILENAME}: {len(rows) - len(unlisted)} standards refreshed from {Path(path).name} "
               f"(Skills England, {edition_words(edition)})")
    if closed:
        message += f"; {len(closed)} retired or withdrawn, dropped: {', '.join(closed)}"
    if unlisted:
        message += f"; {len(unlisted)} not in the file, left as they were: {', '.join(unlisted)}"
    return message
