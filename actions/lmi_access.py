"""One shared, read-only LMI connection for the action server process."""
from __future__ import annotations

from functools import lru_cache

from lmi.config import make_engine
from lmi.queries import LMI


@lru_cache(maxsize=1)
def lmi() -> LMI:
    return LMI(make_engine())
