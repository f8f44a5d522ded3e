"""Make data/lmi/official/skills_england_apprenticeship_standards_*_subset.csv from Skills England's full export.

    python scripts/subset_apprenticeship_standards.py FULL_EXPORT.csv > subset.csv

Keeps the export's first line ("Apprenticeships accurate as of ..."), nine of its columns, and the rows of the
standards in data/lmi/apprenticeships.csv (or, with --refs FILE, in an earlier copy of it), sorted by reference;
values are copied unchanged, so the output can be compared line by line with the committed subset.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

COLUMNS = ["Name", "Reference", "Version Number", "Status", "Route", "Level", "Typical Duration", "Link",
           "Last Updated"]
DATASET = Path(__file__).resolve().parent.parent / "data" / "lmi" / "apprenticeships.csv"


def main(path: str, refs: Path = DATASET) -> None:
    wanted = {row["reference"] for row in csv.DictReader(refs.open(encoding="utf-8"))}
    stream = io.StringIO(Path(path).read_text(encoding="utf-8-sig"), newline="")
    sys.stdout.write(stream.readline())
    reader = csv.DictReader(stream)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = [row for row in reader if row["Reference"].strip() in wanted]
    for row in sorted(rows, key=lambda r: r["Reference"].strip()):
        writer.writerow([row[c] for c in COLUMNS])


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 3 and args[1] == "--refs":
        main(args[0], Path(args[2]))
    elif len(args) == 1:
        main(args[0])
    else:
        sys.exit("usage: python scripts/subset_apprenticeship_standards.py FULL_EXPORT.csv [--refs OLD_apprenticeships.csv]")
