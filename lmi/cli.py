"""Command line for developers and hub staff: load and validate data, ask the questions the assistant asks.

  python -m lmi load [--dir DIR] [--if-changed]
  python -m lmi validate DIR
  python -m lmi occupation "TEXT" [--json]
  python -m lmi apprenticeships "TEXT" [--level N] [--json]
  python -m lmi area "PLACE" [--json]
  python -m lmi routes [after-gcses|after-a-levels] [--json]
  python -m lmi level N [--json]
  python -m lmi format [--update data/lmi/SOURCES.md]   the CSV format, as Markdown
  python -m lmi import soc-descriptions|lsip-lookup|projections|ashe-pay|apprenticeship-standards FILE [--dir DIR] [--area NAME] [--soc CODE]
  python -m lmi outlook "JOB OR SECTOR" --area "PLACE" [--json]
  python -m lmi growing --area "PLACE" [--by net_change|total_requirement] [--json]
  python -m lmi industries --area "PLACE" [--json]
  python -m lmi entry "JOB" [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from lmi import config
from lmi.formatdoc import render, update
from lmi.loader import LoadError, load, loaded_fingerprint
from lmi import import_apprenticeships, import_ashe, import_lookup, import_projections, import_soc
from lmi.entry import entry
from lmi.outlook import NotFound, fastest_growing, industry_employment, outlook
from lmi.queries import LMI
from lmi.workbooks import WorkbookError
from lmi.validate import read_dataset

EXIT_OK, EXIT_NOT_FOUND, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lmi", description="Pathfinder's local labour market data.")
    parser.add_argument("--database", help="SQLAlchemy URL (default: $PATHFINDER_DATABASE_URL or var/pathfinder.db)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("load", help="build the database from the CSV files, all or nothing")
    p.add_argument("--dir", type=Path, help="folder of CSV files (default: $PATHFINDER_LMI_DIR or data/lmi)")
    p.add_argument("--if-changed", action="store_true", help="do nothing when the files have not changed")

    p = sub.add_parser("format", help="print the CSV format as Markdown (for data/lmi/SOURCES.md)")
    p.add_argument("--update", type=Path, metavar="FILE", help="rewrite FILE's generated format section instead")

    p = sub.add_parser("import", help="write the dataset's CSV files from an official workbook")
    p.add_argument("kind", choices=sorted(IMPORTERS))
    p.add_argument("file", type=Path)
    p.add_argument("--dir", type=Path, help="folder of CSV files to write (default: $PATHFINDER_LMI_DIR or data/lmi)")
    p.add_argument("--area", help="projections: refuse the workbook unless it is for this area")
    p.add_argument("--soc", action="append", default=[], help="ashe-pay: a unit group to take (repeat)")

    p = sub.add_parser("validate", help="check a folder of CSV files without loading it")
    p.add_argument("dir", type=Path)

    for name, what in (("occupation", "ranked occupations for a pupil's words"),
                       ("apprenticeships", "apprenticeship standards for a job or sector")):
        p = sub.add_parser(name, help=what)
        p.add_argument("text")
        p.add_argument("--json", action="store_true")
        p.add_argument("--limit", type=int, default=5 if name == "occupation" else 10)
        if name == "apprenticeships":
            p.add_argument("--level", type=int, choices=range(2, 8), metavar="N", help="level 2 to 7")

    p = sub.add_parser("area", help="the hub area a town or district belongs to, with its priority sectors")
    p.add_argument("place")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("outlook", help="projected change to 2035 for a job's occupation group, or a sector, in an area")
    p.add_argument("text")
    p.add_argument("--area", required=True)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("growing", help="the occupation groups projected to grow most in an area")
    p.add_argument("--area", required=True)
    p.add_argument("--by", choices=["net_change", "total_requirement"], default="net_change")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("industries", help="how many people work in each industry in an area")
    p.add_argument("--area", required=True)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("entry", help="how people get into a job: ONS's entry routes, tasks and apprenticeships")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("routes", help="study routes, optionally from a stage")
    p.add_argument("stage", nargs="?", choices=["after-gcses", "after-a-levels"])
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("level", help="what a qualification level means")
    p.add_argument("level", help="entry or 1-8")
    p.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except SQLAlchemyError as exc:
        print(f"Database error: {exc.__class__.__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        print("Is PATHFINDER_DATABASE_URL right, and has `python -m lmi load` been run?", file=sys.stderr)
        return EXIT_BAD_INPUT


def _run(args) -> int:
    if args.command == "format":
        if args.update is None:
            print(render())
            return EXIT_OK
        try:
            changed = update(args.update)
        except (OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"{args.update}: format section {'updated' if changed else 'already up to date'}.")
        return EXIT_OK
    if args.command == "import":
        try:
            message = IMPORTERS[args.kind](args.file, args.dir or config.lmi_dir(), args)
        except (WorkbookError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            print("Nothing was written.", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(message)
        return EXIT_OK
    if args.command == "validate":
        dataset = read_dataset(args.dir)
        for warning in dataset.warnings:
            print(f"warning: {warning}")
        for problem in dataset.problems:
            print(f"error: {problem}", file=sys.stderr)
        if dataset.problems:
            print(f"{len(dataset.problems)} problem(s) found in {args.dir}.", file=sys.stderr)
            return EXIT_BAD_INPUT
        total = sum(len(rows) for rows in dataset.rows.values())
        print(f"{args.dir}: all {total} rows are valid.")
        return EXIT_OK

    engine = config.make_engine(args.database)
    if args.command == "load":
        folder = args.dir or config.lmi_dir()
        try:
            result = load(folder, engine, if_changed=args.if_changed, progress=print)
        except LoadError as exc:
            for problem in exc.problems:
                print(f"error: {problem}", file=sys.stderr)
            print(f"{exc}.", file=sys.stderr)
            return EXIT_BAD_INPUT
        for warning in result.warnings:
            print(f"warning: {warning} (left out)")
        return EXIT_OK

    if loaded_fingerprint(engine) is None:
        print("The LMI database is empty: run `python -m lmi load` first.", file=sys.stderr)
        return EXIT_BAD_INPUT
    lmi = LMI(engine)
    if args.command == "occupation":
        matches = lmi.find_occupations(args.text, limit=max(1, args.limit))
        return _emit(args, [m.as_dict() for m in matches], lambda: [
            f"{m.confidence:.2f}  {m.soc_code}  {m.title}"
            + (f"  median £{m.pay.median:,} ({m.pay.geography}; {m.pay.source.short})" if m.pay else "  (no pay figure)")
            for m in matches], f"No occupation matches {args.text!r}.")
    if args.command == "apprenticeships":
        found = lmi.apprenticeships(args.text, levels=(args.level,) if args.level else None,
                                    limit=max(1, args.limit))
        return _emit(args, [a.as_dict() for a in found], lambda: [
            f"{a.reference}  level {a.level}  {a.title}"
            + (f"  ({a.duration_months} months)" if a.duration_months else "") + f"  [{a.source.short}]"
            for a in found], f"No apprenticeship found for {args.text!r}"
            + (f" at level {args.level}." if args.level else "."))
    if args.command == "area":
        profile = lmi.area_profile(args.place)
        if profile is None:
            hubs = ", ".join(h.name for h in lmi.hubs())
            print(f"{args.place!r} is not a place in this dataset (areas covered: {hubs}).", file=sys.stderr)
            return EXIT_NOT_FOUND
        if args.json:
            print(json.dumps(profile.as_dict(), indent=2, default=str))
            return EXIT_OK
        a = profile.area
        print(f"{a.name} ({a.kind}) is in the {a.hub_name} area.")
        for p in profile.priority_sectors:
            print(f"  priority: {p.sector} [{p.source.short}]")
        return EXIT_OK
    if args.command in ("outlook", "growing", "industries", "entry"):
        try:
            return _answer(args, lmi)
        except NotFound as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_NOT_FOUND
    if args.command == "routes":
        routes = lmi.routes(args.stage)
        return _emit(args, [{**r.__dict__, "source": r.source.as_dict()} for r in routes],
                     lambda: [f"{r.route_id:28} {r.name}" for r in routes], "No routes loaded.")
    if args.command == "level":
        level = lmi.qualification_level(args.level)
        if level is None:
            print(f"{args.level!r} is not a qualification level: use entry or 1 to 8.", file=sys.stderr)
            return EXIT_BAD_INPUT
        if args.json:
            print(json.dumps({**level.__dict__, "source": level.source.as_dict()}, indent=2))
        else:
            print(f"Level {level.level}: {level.description} Examples: {', '.join(level.examples)}.")
        return EXIT_OK
    raise AssertionError(args.command)


def _answer(args, lmi: LMI) -> int:
    if args.command == "outlook":
        found = outlook(lmi, args.text, args.area)
        lines = [f"{found.group_title} in {found.area}: {found.employment_from:,} people in {found.from_year}, "
                 f"{found.employment_to:,} projected for {found.to_year} (net change {found.net_change:+,})"]
        if found.replacement_demand is not None:
            lines.append(f"  job openings from people retiring or leaving: {found.replacement_demand:,}; "
                         f"total requirement {found.total_requirement:,}")
        if found.england_growth_pct is not None:
            lines.append(f"  England: {found.england_growth_pct:+.1f}%")
        lines.append(f"  [{found.source.short}; {found.edition}]")
        return _emit(args, found.as_dict(), lambda: lines, "")
    if args.command == "growing":
        groups = fastest_growing(lmi, args.area, by=args.by, limit=max(1, args.limit))
        return _emit(args, [g.as_dict() for g in groups], lambda: [
            f"{g.soc_group}  {g.group_title}: {getattr(g, args.by):+,}" for g in groups], "")
    if args.command == "industries":
        figures = industry_employment(lmi, args.area)
        return _emit(args, [f.as_dict() for f in figures], lambda: [
            f"{f.employment:>9,}  {f.industry} ({f.year})" for f in figures], "")
    found = entry(lmi, args.text)
    lines = [f"{found.soc_code} {found.title}", f"  Entry: {found.entry_routes or '(ONS gives no entry routes)'}"]
    lines += [f"  - {task}" for task in found.tasks]
    lines += [f"  apprenticeship: {a.reference} level {a.level} {a.title}" for a in found.apprenticeships]
    return _emit(args, found.as_dict(), lambda: lines, "")


def _import_soc(path, folder, _args):
    return import_soc.run(path, folder)


def _import_lookup(path, folder, _args):
    return import_lookup.run(path, folder)


def _import_projections(path, folder, args):
    return import_projections.run(path, folder, args.area)


def _import_ashe(path, folder, args):
    return import_ashe.run(path, folder, args.soc)


IMPORTERS = {"soc-descriptions": _import_soc, "lsip-lookup": _import_lookup, "projections": _import_projections,
             "ashe-pay": _import_ashe,
             "apprenticeship-standards": lambda file, lmi_dir, _args: import_apprenticeships.run(file, lmi_dir)}


def _emit(args, payload: list | dict, lines, empty_message: str) -> int:
    if args.json:
        print(json.dumps(payload, indent=2, default=str))
    else:
        for line in lines():
            print(line)
        if not payload:
            print(empty_message, file=sys.stderr)
    return EXIT_OK if payload else EXIT_NOT_FOUND
