"""Shared fixtures: a copy of the real LMI files to corrupt, and a database loaded from them."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from lmi.config import PROJECT_ROOT, make_engine
from lmi.loader import load
from lmi.queries import LMI

LMI_DIR = PROJECT_ROOT / "data" / "lmi"


@pytest.fixture
def lmi_copy(tmp_path) -> Path:
    folder = tmp_path / "lmi"
    shutil.copytree(LMI_DIR, folder)
    return folder


def set_cell(folder: Path, filename: str, row_index: int, column: str, value: str) -> int:
    """Overwrites one cell (row_index counts data rows from 0); returns that row's line number."""
    path = folder / filename
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    rows[row_index + 1][header.index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return row_index + 2


@pytest.fixture(scope="session")
def lmi_db(tmp_path_factory) -> LMI:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('lmi') / 'lmi.db'}")
    load(LMI_DIR, engine)
    return LMI(engine)
