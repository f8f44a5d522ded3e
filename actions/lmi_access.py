"""One shared, read-only LMI connection for the action server process."""
from __future__ import annotations

from functools import lru_cache

from actions.db import engine
from lmi.queries import LMI


@lru_cache(maxsize=1)
def lmi() -> LMI:
    return LMI(engine())
