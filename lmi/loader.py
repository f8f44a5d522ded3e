"""Builds the LMI tables from a folder of CSV files, all or nothing.

The files are validated first; the database is changed only when every row is good, and then in
one transaction, so a failed load leaves the previous data exactly as it was.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection, Engine

from lmi import schema
from lmi.csvformat import SPECS
from lmi.validate import Dataset, Problem, read_dataset

KIND_ORDER = {"hub": 0, "district": 1, "town": 2}


class LoadError(Exception):
    """The files have problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the LMI files; the database was not changed")


@dataclass
class LoadResult:
    loaded: bool
    fingerprint: str
    counts: dict[str, int]
    warnings: list[Problem]


def fingerprint(folder: Path | str) -> str:
    """A hash of every LMI file's name and bytes: it changes whenever the data does."""
    digest = hashlib.sha256()
    for spec in SPECS:
        path = Path(folder) / spec.filename
        if path.exists():
            digest.update(spec.filename.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def loaded_fingerprint(engine: Engine) -> str | None:
    schema.metadata.create_all(engine, tables=[schema.meta])
    with engine.connect() as conn:
        return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "fingerprint")).scalar()


def load(folder: Path | str, engine: Engine, *, if_changed: bool = False,
         progress: Callable[[str], None] = lambda _msg: None) -> LoadResult:
    folder = Path(folder)
    print_ = progress
    current = fingerprint(folder)
    if if_changed and loaded_fingerprint(engine) == current:
        print_("LMI database is up to date.")
        return LoadResult(False, current, {}, [])
    print_(f"Checking LMI files in {folder} ...")
    dataset = read_dataset(folder)
    if not dataset.ok:
        raise LoadError(dataset.problems)
    with engine.begin() as conn:
        _drop_outdated_tables(conn, print_)
        schema.metadata.create_all(conn)
        counts = _replace_all(conn, dataset, print_)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        conn.execute(schema.meta.insert(), [
            {"key": "fingerprint", "value": current},
            {"key": "loaded_at", "value": now},
            {"key": "source_dir", "value": str(folder)},
        ])
    _analyse(engine)
    print_(f"LMI database loaded: {sum(counts.values())} rows.")
    return LoadResult(True, current, counts, dataset.warnings)


def _analyse(engine: Engine) -> None:
    """Fresh planner statistics for the tables just filled: until PostgreSQL's autovacuum gets round to them
    (a minute or more) its planner guesses at their sizes, and SQLite keeps none unless asked."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in schema.metadata.sorted_tables:
            if table.name.startswith("lmi_"):
                conn.execute(text(f"ANALYZE {table.name}"))


def _drop_outdated_tables(conn: Connection, print_: Callable[[str], None]) -> None:
    """The LMI tables hold nothing but what the files give them, so when a newer Pathfinder changed their
    columns (a database loaded by an older one) they are dropped and made again, in the load's transaction."""
    inspector = inspect(conn)
    existing = set(inspector.get_table_names())
    tables = [t for t in schema.metadata.sorted_tables if t.name.startswith("lmi_")]
    outdated = [t.name for t in tables if t.name in existing
                and {c["name"] for c in inspector.get_columns(t.name)} != {c.name for c in t.columns}]
    if not outdated:
        return
    print_(f"LMI tables made by an older version ({', '.join(outdated)}): making them again.")
    for table in reversed(tables):
        if table.name in existing:
            table.drop(conn)


def _replace_all(conn: Connection, dataset: Dataset, print_: Callable[[str], None]) -> dict[str, int]:
    for table in reversed(schema.metadata.sorted_tables):
        if table.name.startswith("lmi_"):
            conn.execute(table.delete())
    counts: dict[str, int] = {}
    for spec in SPECS:
        rows = dataset.rows.get(spec.filename, [])
        writer = _WRITERS[spec.filename]
        writer(conn, rows, dataset)
        counts[spec.filename] = len(rows)
        print_(f"  {spec.filename:28} {len(rows):5d} rows")
    return counts


def _strip(row: dict, *drop: str, rename: dict[str, str] | None = None) -> dict:
    rename = rename or {}
    return {rename.get(k, k): v for k, v in row.items() if k != "_line" and k not in drop}


def _insert(conn: Connection, table, records: list[dict]) -> None:
    if records:
        conn.execute(table.insert(), records)


def _write_occupations(conn, rows, _dataset):
    _insert(conn, schema.occupation, [_strip(r, "aliases", rename={"table": "source_table"}) for r in rows])
    _insert(conn, schema.occupation_alias,
            [{"soc_code": r["soc_code"], "alias": a} for r in rows for a in r["aliases"]])


def _write_sectors(conn, rows, _dataset):
    _insert(conn, schema.sector, [_strip(r, "aliases") for r in rows])
    _insert(conn, schema.sector_alias, [{"sector_id": r["sector_id"], "alias": a} for r in rows for a in r["aliases"]])


def _write_areas(conn, rows, _dataset):
    ordered = sorted(rows, key=lambda r: KIND_ORDER[r["kind"]])
    for row in ordered:  # one by one: a town's district must exist before the town
        conn.execute(schema.area.insert(), [_strip(row, "aliases")])
    _insert(conn, schema.area_alias, [{"area_id": r["area_id"], "alias": a} for r in rows for a in r["aliases"]])


def _write_apprenticeships(conn, rows, dataset):
    known = {r["soc_code"] for r in dataset.rows.get("occupations.csv", [])}
    _insert(conn, schema.apprenticeship, [_strip(r, "soc_codes") for r in rows])
    _insert(conn, schema.apprenticeship_occupation,
            [{"reference": r["reference"], "soc_code": s} for r in rows for s in dict.fromkeys(r["soc_codes"])
             if s in known])


def _write_qualification_levels(conn, rows, _dataset):
    _insert(conn, schema.qualification_level,
            [{**_strip(r, "examples"), "examples": "|".join(r["examples"])} for r in rows])


def _simple(table, rename: dict[str, str] | None = None):
    def write(conn, rows, _dataset):
        _insert(conn, table, [_strip(r, rename=rename) for r in rows])
    return write


def _write_occupation_details(conn, rows, _dataset):
    _insert(conn, schema.occupation_detail,
            [{**_strip(r, rename=_SOURCE), "tasks": "|".join(r["tasks"]),
              "related_titles": "|".join(r["related_titles"])} for r in rows])


_SOURCE = {"table": "source_table"}
_WRITERS = {
    "occupations.csv": _write_occupations,
    "pay.csv": _simple(schema.pay, _SOURCE),
    "sectors.csv": _write_sectors,
    "areas.csv": _write_areas,
    "occupation_sectors.csv": _simple(schema.occupation_sector),
    "area_employment.csv": _simple(schema.area_employment, _SOURCE),
    "area_growth.csv": _simple(schema.area_growth, _SOURCE),
    "priority_sectors.csv": _simple(schema.priority_sector),
    "apprenticeships.csv": _write_apprenticeships,
    "apprenticeship_levels.csv": _simple(schema.apprenticeship_level),
    "apprentice_pay.csv": _simple(schema.apprentice_pay, _SOURCE),
    "qualification_levels.csv": _write_qualification_levels,
    "study_routes.csv": _simple(schema.study_route),
    "t_levels.csv": _simple(schema.t_level),
    "occupation_details.csv": _write_occupation_details,
    "lsip_districts.csv": _simple(schema.lsip_district, _SOURCE),
    "projections_occupations.csv": _simple(schema.projection_occupation, _SOURCE),
    "projections_industries.csv": _simple(schema.projection_industry, _SOURCE),
    "industry_sectors.csv": _simple(schema.industry_sector),
}
