"""The action server's database engine (PATHFINDER_DATABASE_URL), shared by LMI and booking."""
from __future__ import annotations

from functools import lru_cache

from sqlalchemy.engine import Engine

from booking.hub import create_tables
from lmi.config import make_engine


@lru_cache(maxsize=1)
def engine() -> Engine:
    made = make_engine()
    create_tables(made)
    return made
