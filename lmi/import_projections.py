"""`python -m lmi import projections FILE`: a DfE "Labour market and skills projections: 2020 to 2035"
workbook (one LSIP area, or England) → projections_occupations.csv and projections_industries.csv.

Reads sheet `Info` (which area, scenario, run date), `Occ T2` (the SOC 2020 sub-major groups: levels,
net change, replacement demand, total requirement) and `Ind T2` (the industry groups: levels). The
workbook gives thousands; the CSVs hold people, each figure rounded half up to a whole person from the
workbook's unrounded value (so employment_to - employment_from can differ from net_change by one).

An LSIP area must be in lsip_districts.csv (`python -m lmi import lsip-lookup`). When no hub in areas.csv
covers it yet, the area and its districts are added there, so one import brings in a new hub's area;
towns are then added by hand as rows of kind `town` under their district.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lmi.csvformat import SPECS_BY_FILE
from lmi.import_lookup import FILENAME as LOOKUP_FILE
from lmi.import_lookup import districts_of
from lmi.workbooks import (OGL, WorkbookError, clean, csv_text, open_workbook, read_csv, rows_of, sheet, slug,
                           thousands_to_people, write_all_atomically)

OCCUPATIONS = "projections_occupations.csv"
INDUSTRIES = "projections_industries.csv"
AREAS = "areas.csv"
ENGLAND_CODE = "E92000001"  # ONS's code for England
PUBLISHER = "Department for Education"
TITLE = "Labour market and skills projections: 2020 to 2035"
LINK = "https://www.gov.uk/government/publications/labour-market-and-skills-projections-2020-to-2035"
GROUP = re.compile(r"(\d{2})\s+(.+)")
LEVELS = ("Levels", "Levels (000s)")  # the LSIP and England workbooks label the block differently


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    is_england: bool


def _info(path: Path, workbook) -> dict[str, str]:
    return {clean(row[0]): row[1] for row in rows_of(sheet(workbook, "Info", path)) if row and clean(row[0])}


def _run_date(value, path: Path) -> datetime:
    if isinstance(value, datetime):
        return value
    text = clean(value)
    for fmt in ("%d %m %Y %I:%M:%S %p", "%d-%m-%Y %H:%M:%S", "%d %m %Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise WorkbookError(f"{path.name}: sheet 'Info' has a 'Date run' that is not a date: {text!r}")


def _source(info: dict, path: Path) -> dict:
    if "Date run" not in info:
        raise WorkbookError(f"{path.name}: sheet 'Info' has no 'Date run'")
    run = _run_date(info["Date run"], path)
    scenario = clean(info.get("Scenario")).strip(".") or "unnamed"
    return {
        "publisher": PUBLISHER, "table": TITLE,
        "edition": f"Skills Imperative 2035 (Warwick IER and Cambridge Econometrics), {scenario} scenario, "
                   f"workbook run {run.day} {run:%B %Y}",
        "year": run.year, "link": LINK, "licence": OGL,
    }


def _area(info: dict, path: Path, lmi_dir: Path, expected: str | None) -> Area:
    if clean(info.get("LSIP name")):
        name, is_england = clean(info["LSIP name"]), False
    elif clean(info.get("Country name")) == "England":
        name, is_england = "England", True
    else:
        raise WorkbookError(f"{path.name}: sheet 'Info' names no LSIP area ('LSIP name') and is not the England "
                            "workbook; is it a DfE Skills Imperative 2035 workbook?")
    if expected and " ".join(expected.split()).lower() != name.lower():
        raise WorkbookError(f"{path.name} is the workbook for {name!r}, not {expected!r}")
    if is_england:
        return Area(ENGLAND_CODE, name, True)
    districts = districts_of(lmi_dir, name)
    if not districts:
        raise WorkbookError(f"{path.name} is for {name!r}, which is not an LSIP area in {LOOKUP_FILE}; import DfE's "
                            "lookup first (python -m lmi import lsip-lookup FILE)")
    return Area(districts[0]["lsip_code"], name, False)


def _check_title(rows: list[tuple], sheet_name: str, area: Area, path: Path) -> None:
    title = clean(rows[0][0]) if rows and rows[0] else ""
    if not title.lower().endswith(", " + area.name.lower()):
        raise WorkbookError(f"{path.name}: sheet '{sheet_name}' is titled {title!r}, which is not for {area.name!r} "
                            "as sheet 'Info' says; the workbook has been mixed up")


def _stated_count(rows: list[tuple], sheet_name: str, path: Path) -> int:
    """'26 Occupations' / '22 Industries' in the sheet's second row: the number of rows to expect."""
    match = re.match(r"(\d+)\s", clean(rows[1][0]) if len(rows) > 1 and rows[1] else "")
    if not match:
        raise WorkbookError(f"{path.name}: sheet '{sheet_name}' does not say how many groups it holds (row 2); "
                            "another layout?")
    return int(match.group(1))


def _find_row(rows: list[tuple], labels: tuple[str, ...], sheet_name: str, path: Path) -> int:
    for i, row in enumerate(rows):
        if row and clean(row[0]) in labels:
            return i
    raise WorkbookError(f"{path.name}: sheet '{sheet_name}' has no '{labels[0]}' row; another layout?")


def _year_columns(row: tuple, sheet_name: str, path: Path) -> dict[int, int]:
    years: dict[int, int] = {}
    for i, v in enumerate(row):  # the first block is all people; blocks to its right are by gender
        if isinstance(v, int) and 1990 <= v <= 2100:
            years.setdefault(v, i)
    if not years:
        raise WorkbookError(f"{path.name}: sheet '{sheet_name}' has no years above its levels; another layout?")
    return years


def _occupations(rows: list[tuple], area: Area, source: dict, path: Path) -> list[dict]:
    name = "Occ T2"
    _check_title(rows, name, area, path)
    expected = _stated_count(rows, name, path)
    head = _find_row(rows, LEVELS, name, path)
    header = rows[head]
    years = _year_columns(header, name, path)
    labels: dict[str, int] = {}
    for i, v in enumerate(header):
        if isinstance(v, str):
            labels.setdefault(clean(v), i)
    missing = [c for c in ("Change", "Demand", "Requirement") if c not in labels]
    if missing or head < 2:
        raise WorkbookError(f"{path.name}: sheet '{name}' has no {', '.join(missing) or 'period'} column(s) beside "
                            "its levels; another layout?")
    change, demand, requirement = labels["Change"], labels["Demand"], labels["Requirement"]
    if not any("thousands" == clean(v) for row in rows[max(0, head - 4):head] for v in row):
        raise WorkbookError(f"{path.name}: sheet '{name}' does not say its levels are in thousands; another layout?")
    period = next((clean(row[change]) for row in rows[max(0, head - 3):head] if len(row) > change
                   and re.fullmatch(r"\d{4}-\d{4}", clean(row[change]))), "")
    if not period:
        raise WorkbookError(f"{path.name}: sheet '{name}' does not give the period of its net change; another layout?")
    start, end = (int(y) for y in period.split("-"))
    if start not in years or end not in years:
        raise WorkbookError(f"{path.name}: sheet '{name}' has no levels for {start} and {end}")
    out: list[dict] = []
    for number, row in enumerate(rows[head + 1:], start=head + 2):
        label = clean(row[0]) if row else ""
        if label == "All occupations":
            break
        match = GROUP.fullmatch(label)
        if not match:
            continue
        where = f"{path.name}, sheet '{name}', row {number}"
        level_from, level_to = row[years[start]], row[years[end]]
        net, replacement, total = row[change], row[demand], row[requirement]
        people = [thousands_to_people(v, where) for v in (level_from, level_to, net, replacement, total)]
        if abs((level_to - level_from) - net) > 1e-6 or abs(net + replacement - total) > 1e-6:
            raise WorkbookError(f"{where}: levels, net change, replacement demand and total requirement do not add "
                                "up; another layout?")
        out.append({"area_code": area.code, "area_name": area.name, "soc_group": match.group(1),
                    "group_title": match.group(2), "from_year": start, "to_year": end,
                    "employment_from": people[0], "employment_to": people[1], "net_change": people[2],
                    "replacement_demand": people[3], "total_requirement": people[4], **source})
    codes = [r["soc_group"] for r in out]
    if len(codes) != expected or len(set(codes)) != len(codes):
        raise WorkbookError(f"{path.name}: sheet '{name}' should list {expected} occupation groups before 'All "
                            f"occupations'; found {len(codes)}")
    return out


def _industries(rows: list[tuple], area: Area, source: dict, path: Path) -> list[dict]:
    name = "Ind T2"
    _check_title(rows, name, area, path)
    expected = _stated_count(rows, name, path)
    head = _find_row(rows, LEVELS, name, path)
    years = _year_columns(rows[head - 1], name, path)
    out: list[dict] = []
    for number, row in enumerate(rows[head + 1:], start=head + 2):
        label = clean(row[0]) if row else ""
        if label == "All industries":
            break
        if not label:
            continue
        where = f"{path.name}, sheet '{name}', row {number}"
        for year, column in sorted(years.items()):
            out.append({"area_code": area.code, "area_name": area.name, "industry": label, "level_year": year,
                        "employment": thousands_to_people(row[column], where), **source})
    found = len({r["industry"] for r in out})
    if found != expected:
        raise WorkbookError(f"{path.name}: sheet '{name}' should list {expected} industries before 'All industries'; "
                            f"found {found}")
    return out


def read(path: Path | str, lmi_dir: Path, expected_area: str | None = None) -> tuple[Area, list[dict], list[dict]]:
    path = Path(path)
    workbook = open_workbook(path)
    info = _info(path, workbook)
    area = _area(info, path, Path(lmi_dir), expected_area)
    source = _source(info, path)
    occupations = _occupations(rows_of(sheet(workbook, "Occ T2", path)), area, source, path)
    industries = _industries(rows_of(sheet(workbook, "Ind T2", path)), area, source, path)
    return area, occupations, industries


def _merge(existing: list[dict], new: list[dict], area_code: str, key) -> list[dict]:
    kept = [r for r in existing if r["area_code"] != area_code]
    return sorted(kept + new, key=key)


def _new_area_rows(lmi_dir: Path, area: Area) -> list[dict]:
    """Rows to add to areas.csv when no hub there is this LSIP area yet: the hub and its districts."""
    areas = read_csv(lmi_dir / AREAS)
    lookup = districts_of(lmi_dir, area.name)
    district_names = {r["lad_name"].lower() for r in lookup}
    by_id = {r["area_id"]: r for r in areas}
    for hub in (r for r in areas if r["kind"] == "hub"):
        names = {r["name"].lower() for r in areas if r["kind"] == "district" and r["parent_id"] == hub["area_id"]}
        if hub["name"].lower() == area.name.lower() or (names and names <= district_names):
            return []
    hub_id = slug(area.name)
    rows = [{"area_id": hub_id, "name": area.name, "kind": "hub", "parent_id": "", "aliases": ""}]
    rows += [{"area_id": slug(d["lad_name"]), "name": d["lad_name"], "kind": "district", "parent_id": hub_id,
              "aliases": ""} for d in lookup]
    clashes = [r["area_id"] for r in rows if r["area_id"] in by_id]
    if clashes:
        raise WorkbookError(f"{AREAS} already has area(s) {', '.join(clashes)} under another hub; cannot add "
                            f"{area.name!r} automatically")
    return rows


def run(path: Path | str, lmi_dir: Path, expected_area: str | None = None) -> str:
    lmi_dir = Path(lmi_dir)
    area, occupations, industries = read(path, lmi_dir, expected_area)
    occ_rows = _merge(read_csv(lmi_dir / OCCUPATIONS), occupations, area.code,
                      key=lambda r: (r["area_code"], r["soc_group"]))
    ind_rows = _merge(read_csv(lmi_dir / INDUSTRIES), industries, area.code,
                      key=lambda r: (r["area_code"], r["industry"], int(r["level_year"])))
    files = {
        lmi_dir / OCCUPATIONS: csv_text(SPECS_BY_FILE[OCCUPATIONS].columns, occ_rows),
        lmi_dir / INDUSTRIES: csv_text(SPECS_BY_FILE[INDUSTRIES].columns, ind_rows),
    }
    added = [] if area.is_england else _new_area_rows(lmi_dir, area)
    if added:
        new_rows = csv_text(SPECS_BY_FILE[AREAS].columns, added)
        if (lmi_dir / AREAS).exists():  # appended, so the hand-written rows stay exactly as they are
            text = (lmi_dir / AREAS).read_text(encoding="utf-8")
            new_rows = text + ("" if not text or text.endswith("\n") else "\n") + new_rows.split("\n", 1)[1]
        files[lmi_dir / AREAS] = new_rows
    write_all_atomically(files)
    message = (f"{area.name} ({area.code}): {len(occupations)} occupation groups and "
               f"{len({r['industry'] for r in industries})} industries written to {OCCUPATIONS} and {INDUSTRIES}")
    if added:
        message += (f"; {AREAS}: added the area and its {len(added) - 1} districts (add its towns as rows of kind "
                    "'town' under their district)")
    return message
