"""Shared by the importers: opening an official workbook safely, and writing CSV files all or nothing.

A workbook that is not what the importer expects raises WorkbookError with a message naming the problem;
a CSV file is written to a temporary file beside it and renamed into place, so a failed import never
leaves a half-written file.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

OGL = "Open Government Licence v3.0"


class WorkbookError(ValueError):
    """The workbook is not the one the importer reads; the message says what is wrong. Nothing was written."""


def open_workbook(path: Path | str):
    """The workbook, read-only with cached values (formulas are not recalculated)."""
    import openpyxl  # imported here: only the importers need it

    path = Path(path)
    if not path.is_file():
        raise WorkbookError(f"{path}: no such file")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about print areas it does not read
            return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_vba=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise WorkbookError(f"{path.name}: cannot be read as an Excel workbook ({exc.__class__.__name__})") from None


def sheet(workbook, name: str, path: Path | str):
    if name not in workbook.sheetnames:
        raise WorkbookError(f"{Path(path).name}: has no sheet '{name}' (sheets: {', '.join(workbook.sheetnames)}); "
                            "is it the right workbook?")
    return workbook[name]


def rows_of(worksheet) -> list[tuple]:
    return [tuple(row) for row in worksheet.iter_rows(values_only=True)]


def clean(value) -> str:
    """A cell as one line of text: whitespace collapsed, ONS's '<blank>' as empty."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return "" if text.lower() == "<blank>" else text


def thousands_to_people(value, where: str) -> int:
    """A level in thousands as whole people, rounded half up from the workbook's unrounded value."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise WorkbookError(f"{where}: expected a number, found {value!r}")
    return int((Decimal(repr(float(value))) * 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def csv_text(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("|".join(v) if isinstance(v, (list, tuple)) else v) for k, v in row.items()})
    return out.getvalue()


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_atomically(path: Path, text: str) -> None:
    """Writes the file whole or not at all (temporary file in the same folder, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_all_atomically(files: dict[Path, str]) -> None:
    """Several files that belong together: each is staged first, then all are renamed into place."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            staged.append((temp, path))
        for temp, path in staged:
            os.replace(temp, path)
    finally:
        for temp, _path in staged:
            Path(temp).unlink(missing_ok=True)
