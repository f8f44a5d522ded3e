"""`python -m lmi import soc-descriptions FILE`: ONS SOC 2020 Volume 1 → occupation_details.csv.

For each unit group: ONS's title and description, typical entry routes and associated qualifications,
tasks and related job titles, as ONS wrote them (only whitespace is tidied; ONS's '~' list markers become
list items).
"""
from __future__ import annotations

from pathlib import Path

from lmi.csvformat import SPECS_BY_FILE
from lmi.workbooks import OGL, WorkbookError, clean, csv_text, open_workbook, rows_of, sheet, write_atomically

FILENAME = "occupation_details.csv"
SHEET = "SOC2020 descriptions"
SOURCE = {
    "publisher": "Office for National Statistics",
    "table": "SOC 2020 Volume 1: structure and descriptions of unit groups",
    "edition": "workbook of 16 April 2025",
    "year": 2025,
    "link": "https://www.ons.gov.uk/methodology/classificationsandstandards/standardoccupationalclassificationsoc/"
            "soc2020/soc2020volume1structureanddescriptionsofunitgroups",
    "licence": OGL,
}
# Column headings as ONS prints them (compared with whitespace collapsed, case ignored).
COLUMNS = {
    "unit": "SOC 2020 Unit Group",
    "title": "SOC 2020 Group Title",
    "description": "Group Description",
    "entry": "Typical Entry Routes And Associated Qualifications",
    "tasks": "Tasks",
    "related": "Related Job Titles",
}


def _items(cell) -> list[str]:
    """'~first\n\n~second' → ['first', 'second']; a '|' inside an item would split it, so it becomes '/'."""
    text = "" if cell is None else str(cell)
    items = [clean(part).replace("|", "/") for part in text.split("~")]
    return [item for item in items if item]


def _columns(header: tuple, path: Path) -> dict[str, int]:
    found = {" ".join(str(h or "").split()).lower(): i for i, h in enumerate(header)}
    where: dict[str, int] = {}
    for key, name in COLUMNS.items():
        index = found.get(name.lower())
        if index is None:
            raise WorkbookError(f"{path.name}: sheet '{SHEET}' has no column '{name}'; is it ONS's SOC 2020 "
                                "Volume 1 workbook?")
        where[key] = index
    return where


def read(path: Path | str) -> list[dict]:
    path = Path(path)
    rows = rows_of(sheet(open_workbook(path), SHEET, path))
    if not rows:
        raise WorkbookError(f"{path.name}: sheet '{SHEET}' is empty")
    col = _columns(rows[0], path)
    out: dict[str, dict] = {}
    for number, row in enumerate(rows[1:], start=2):
        code = clean(row[col["unit"]] if col["unit"] < len(row) else None)
        if not code:
            continue
        if not (code.isdigit() and len(code) == 4):
            raise WorkbookError(f"{path.name}, sheet '{SHEET}', row {number}: unit group {code!r} is not a 4-digit code")
        if code in out:
            raise WorkbookError(f"{path.name}, sheet '{SHEET}', row {number}: unit group {code} appears twice")
        title, description = clean(row[col["title"]]), clean(row[col["description"]])
        if not title or not description:
            raise WorkbookError(f"{path.name}, sheet '{SHEET}', row {number}: unit group {code} has no title or "
                                "description")
        out[code] = {
            "soc_code": code, "ons_title": title, "ons_description": description,
            "entry_routes": clean(row[col["entry"]]), "tasks": _items(row[col["tasks"]]),
            "related_titles": list(dict.fromkeys(_items(row[col["related"]]))), **SOURCE,
        }
    if not out:
        raise WorkbookError(f"{path.name}: sheet '{SHEET}' lists no unit groups")
    return [out[code] for code in sorted(out)]


def run(path: Path | str, lmi_dir: Path) -> str:
    rows = read(path)
    write_atomically(Path(lmi_dir) / FILENAME, csv_text(SPECS_BY_FILE[FILENAME].columns, rows))
    return f"{FILENAME}: {len(rows)} unit groups from {Path(path).name}"
