"""A database with the demo hub and the real LMI dataset loaded (made once, copied for each test), and helpers to
record questions through the recorder."""
from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest

from booking.hub import seed_demo
from insight.record import record_asked
from lmi.config import make_engine
from lmi.loader import load
from tests.conftest import LMI_DIR

NOW = datetime(2026, 11, 24, 10, 0)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("insight") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    seed_demo(engine, today=date(2026, 11, 24))
    load(LMI_DIR, engine)
    engine.dispose()
    return path


@pytest.fixture
def db_url(template_db, tmp_path) -> str:
    path = tmp_path / "p.db"
    shutil.copy(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def engine(db_url):
    made = make_engine(db_url)
    yield made
    made.dispose()


def asked(topic="pay", *, soc_code=None, occupation=None, sector=None, route=None, area_id=None, area=None,
          answered=True, figures=()) -> dict:
    return {"topic": topic, "soc_code": soc_code, "occupation": occupation, "sector": sector, "route": route,
            "area_id": area_id, "area": area, "answered": answered, "figures": list(figures)}


def record_many(engine, n, record, *, school_id="worcester-high", year_group=10, at=NOW) -> None:
    for _ in range(n):
        assert record_asked(engine, record, school_id=school_id, year_group=year_group, at=at)
