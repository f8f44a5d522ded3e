"""Reads a folder of LMI CSV files and checks them against lmi.csvformat, without touching a database.

Every problem is reported with its file, line and field, in words a hub's data officer can act on.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from lmi.csvformat import SPECS, FieldError, FileSpec

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


@dataclass
class Dataset:
    """Parsed rows per file, each row a dict of typed values plus its line number under '_line'."""
    rows: dict[str, list[dict]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_dataset(folder: Path | str) -> Dataset:
    folder = Path(folder)
    dataset = Dataset()
    if not folder.is_dir():
        dataset.problems.append(Problem(str(folder), None, None, "is not a folder"))
        return dataset
    for spec in SPECS:
        path = folder / spec.filename
        if not path.exists():
            if spec.required:
                dataset.problems.append(Problem(spec.filename, None, None, "is missing (this file is required)"))
            dataset.rows[spec.filename] = []
            continue
        dataset.rows[spec.filename] = _read_file(path, spec, dataset.problems)
    _check_references(dataset)
    return dataset


def _read_file(path: Path, spec: FileSpec, problems: list[Problem]) -> list[dict]:
    name = spec.filename
    if path.stat().st_size > MAX_FILE_BYTES:
        problems.append(Problem(name, None, None, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"))
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, None, None, f"is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(name, None, None, "is empty: it needs a header row"))
        return []
    except csv.Error as exc:
        problems.append(Problem(name, 1, None, f"cannot be read as CSV: {exc}"))
        return []
    header = [column.strip() for column in header]
    missing = [c for c in spec.columns if c not in header]
    unknown = [c for c in header if c not in spec.columns]
    if missing or unknown:
        if missing:
            problems.append(Problem(name, 1, None, f"header is missing column(s): {', '.join(missing)}"))
        if unknown:
            problems.append(Problem(name, 1, None, f"header has unknown column(s): {', '.join(unknown)}"))
        return []
    rows: list[dict] = []
    seen_keys: dict[tuple, int] = {}
    fields = {f.name: f for f in spec.fields}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(name, reader.line_num, None, f"cannot be read as CSV: {exc}"))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(name, line, None, f"has {len(cells)} cells but the header has {len(header)} columns"))
            continue
        row: dict = {"_line": line}
        bad = False
        for column, raw in zip(header, cells):
            try:
                row[column] = fields[column].parse(raw)
            except FieldError as exc:
                problems.append(Problem(name, line, column, str(exc)))
                bad = True
        if bad:
            continue
        key = tuple(row[k] for k in spec.key)
        if key in seen_keys:
            shown = ", ".join(f"{k}={row[k]}" for k in spec.key)
            problems.append(Problem(name, line, spec.key[0], f"repeats {shown} already given on line {seen_keys[key]}"))
            continue
        seen_keys[key] = line
        rows.append(row)
    return rows


def _check_references(dataset: Dataset) -> None:
    for spec in SPECS:
        for ref in spec.references:
            targets = {row[ref.key] for row in dataset.rows.get(ref.file, [])}
            for row in dataset.rows.get(spec.filename, []):
                values = row.get(ref.field)
                values = values if isinstance(values, list) else [values]
                for value in values:
                    if value in (None, ""):
                        continue
                    if value not in targets:
                        problem = Problem(spec.filename, row["_line"], ref.field,
                                          f"{value!r} is not a {ref.key} listed in {ref.file}")
                        (dataset.problems if ref.strict else dataset.warnings).append(problem)
