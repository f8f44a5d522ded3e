"""A fresh booking database with the demo hub in it, a week ahead of a fixed 'now'."""
from datetime import date, datetime

import pytest

from booking.hub import seed_demo
from lmi.config import make_engine

NOW = datetime(2026, 11, 24, 8, 0)


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'booking.db'}")
    seed_demo(engine, today=date(2026, 11, 24))
    return engine
