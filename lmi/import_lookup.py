"""`python -m lmi import lsip-lookup FILE`: DfE's local authority district → LSIP lookup → lsip_districts.csv.

Every district in England with its LSIP area, codes and names as published. The projections importer
uses it to know which LSIP a workbook is for, and which districts a new hub area has.
"""
from __future__ import annotations

import re
from pathlib import Path

from lmi.csvformat import SPECS_BY_FILE
from lmi.workbooks import OGL, WorkbookError, clean, csv_text, open_workbook, read_csv, rows_of, write_atomically

FILENAME = "lsip_districts.csv"
SOURCE = {
    "publisher": "Department for Education",
    "table": "Local authority district to Local Skills Improvement Plan area lookup (LAD23 to LSIP23)",
    "edition": "2023 boundaries (LAD23, LSIP23), as in DfE's Local Skills dashboard on 3 March 2026",
    "year": 2023,
    "link": "https://github.com/dfe-analytical-services/lsip_dashboard/blob/"
            "ace69761dfd4f8b139c9dd5ea6d3e06bdf3f8f6a/Data/1-1_LSIP_lookup/LSIP_lookup.xlsx",
    "licence": OGL,
}
HEADER = ("LAD23CD", "LAD23NM", "LSIP23CD", "LSIP23NM")
CODE = re.compile(r"E\d{8}")


def read(path: Path | str) -> list[dict]:
    path = Path(path)
    workbook = open_workbook(path)
    rows = rows_of(workbook[workbook.sheetnames[0]])
    if not rows or tuple(clean(c) for c in rows[0][:4]) != HEADER:
        found = ", ".join(clean(c) for c in (rows[0][:4] if rows else ()))
        raise WorkbookError(f"{path.name}: the first sheet's columns should start {', '.join(HEADER)}; found "
                            f"{found or 'nothing'}. Is it DfE's LAD to LSIP lookup?")
    out: dict[str, dict] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = [clean(c) for c in row[:4]]
        if not any(cells):
            continue
        lad_code, lad_name, lsip_code, lsip_name = cells
        if not (CODE.fullmatch(lad_code) and CODE.fullmatch(lsip_code) and lad_name and lsip_name):
            raise WorkbookError(f"{path.name}, row {number}: expected district code, name, LSIP code and name; "
                                f"found {cells}")
        if lad_code in out:
            raise WorkbookError(f"{path.name}, row {number}: district {lad_code} appears twice")
        out[lad_code] = {"lad_code": lad_code, "lad_name": lad_name, "lsip_code": lsip_code,
                         "lsip_name": lsip_name, **SOURCE}
    if not out:
        raise WorkbookError(f"{path.name}: lists no districts")
    return sorted(out.values(), key=lambda r: (r["lsip_name"], r["lad_name"]))


def run(path: Path | str, lmi_dir: Path) -> str:
    rows = read(path)
    write_atomically(Path(lmi_dir) / FILENAME, csv_text(SPECS_BY_FILE[FILENAME].columns, rows))
    return f"{FILENAME}: {len(rows)} districts in {len({r['lsip_code'] for r in rows})} LSIP areas"


def districts_of(lmi_dir: Path, lsip_name: str) -> list[dict]:
    """The lookup's districts of an LSIP area named as in a projections workbook (case and spaces ignored)."""
    key = " ".join(lsip_name.split()).lower()
    return [r for r in read_csv(Path(lmi_dir) / FILENAME) if " ".join(r["lsip_name"].split()).lower() == key]
