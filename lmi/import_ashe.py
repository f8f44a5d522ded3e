"""`python -m lmi import ashe-pay FILE --soc CODE ...`: full-time pay of chosen unit groups from an ONS ASHE
Table 14.7a workbook (sheet `Full-Time`) → pay.csv.

Used where the figure pay.csv quotes for a unit group is older than this workbook's (ONS suppressed the
newer one): each chosen code's older United Kingdom rows are replaced by this workbook's row. ONS's
markers ('x' unreliable, '..' disclosive, ':' not applicable) stay missing, never zero; a code whose
median is suppressed is refused.
"""
from __future__ import annotations

import re
from pathlib import Path

from lmi.csvformat import SPECS_BY_FILE
from lmi.workbooks import WorkbookError, clean, csv_text, open_workbook, read_csv, rows_of, sheet, write_atomically

FILENAME = "pay.csv"
SHEET = "Full-Time"
GEOGRAPHY = "United Kingdom"
LINK = ("https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/datasets/"
        "occupation4digitsoc2010ashetable14")
HEADINGS = {"Code": "code", "Median": "median", 25: "p25", 75: "p75"}


def _columns(rows: list[tuple], path: Path) -> tuple[int, dict[str, int]]:
    for i, row in enumerate(rows[:15]):
        cells = {(c if isinstance(c, int) else clean(c)): j for j, c in enumerate(row) if c is not None}
        if "Code" in cells and "Median" in cells:
            missing = [str(h) for h in HEADINGS if h not in cells]
            if missing:
                break
            return i, {name: cells[h] for h, name in HEADINGS.items()}
    raise WorkbookError(f"{path.name}: sheet '{SHEET}' has no header row with Code, Median and percentiles 25 and 75; "
                        "is it an ASHE Table 14.7a workbook?")


def _pounds(value, where: str, required: bool) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(round(value))
    if required:
        raise WorkbookError(f"{where}: the median is {clean(value) or 'empty'!r} (suppressed or not available)")
    return None


def read(path: Path | str, codes: list[str]) -> tuple[int, list[dict]]:
    path = Path(path)
    rows = rows_of(sheet(open_workbook(path), SHEET, path))
    title = clean(rows[0][0]) if rows and rows[0] else ""
    match = re.search(r"Table 14\.7a.*Annual pay - Gross.*full-time.*United Kingdom, (\d{4})", title, re.I)
    if not match:
        raise WorkbookError(f"{path.name}: sheet '{SHEET}' is titled {title!r}, not ASHE Table 14.7a annual gross pay "
                            "for full-time employee jobs in the United Kingdom")
    year = int(match.group(1))
    head, col = _columns(rows, path)
    found: dict[str, dict] = {}
    for number, row in enumerate(rows[head + 1:], start=head + 2):
        code = clean(row[col["code"]]) if len(row) > col["code"] else ""
        if code in codes and code not in found:
            where = f"{path.name}, sheet '{SHEET}', row {number} (SOC {code})"
            found[code] = {
                "soc_code": code, "geography": GEOGRAPHY, "year": year,
                "median": _pounds(row[col["median"]], where, True),
                "p25": _pounds(row[col["p25"]], where, False), "p75": _pounds(row[col["p75"]], where, False),
                "publisher": "Office for National Statistics",
                "table": f"ASHE Table 14.7a, annual gross pay, full-time, {year} provisional", "link": LINK,
            }
    missing = [c for c in codes if c not in found]
    if missing:
        raise WorkbookError(f"{path.name}: sheet '{SHEET}' has no row for SOC {', '.join(missing)}")
    return year, [found[c] for c in codes]


def run(path: Path | str, lmi_dir: Path, codes: list[str]) -> str:
    bad = [c for c in codes if not re.fullmatch(r"\d{4}", c)]
    if bad or not codes:
        raise WorkbookError(f"give 4-digit SOC 2020 codes with --soc (not {', '.join(bad) or 'none'})")
    year, new = read(path, codes)
    target = Path(lmi_dir) / FILENAME
    existing = read_csv(target)
    newer = [r for r in existing if r["soc_code"] in codes and r["geography"] == GEOGRAPHY and int(r["year"]) >= year]
    if newer:
        raise WorkbookError(f"{FILENAME} already has a {GEOGRAPHY} figure from {year} or later for SOC "
                            f"{', '.join(sorted({r['soc_code'] for r in newer}))}; nothing was changed")
    kept = [r for r in existing if not (r["soc_code"] in codes and r["geography"] == GEOGRAPHY)]
    rows = sorted(kept + [{k: ("" if v is None else v) for k, v in r.items()} for r in new],
                  key=lambda r: (r["soc_code"], r["geography"], -int(r["year"])))
    write_atomically(target, csv_text(SPECS_BY_FILE[FILENAME].columns, rows))
    return f"{FILENAME}: {year} full-time pay for SOC {', '.join(codes)} from {Path(path).name}"
