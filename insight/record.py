"""Recording one answered (or unanswerable) question for the hub insight page.

The action server calls record_asked once per question. It never raises: a record that breaks the contract, or a
database that is down, is logged and skipped, so a pupil's answer is never lost because of it.
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.engine import Engine

from insight.schema import asked as asked_table
from insight.store import ensure_tables
from insight.validate import InvalidAsked, build_row

log = logging.getLogger(__name__)


def record_asked(engine: Engine, asked: dict, *, school_id: str | None, year_group: str | None,
                 at: datetime) -> bool:
    """Stores one anonymous row for `asked` (see insight.validate); True if stored, False if skipped (logged)."""
    try:
        ensure_tables(engine)
        row = build_row(engine, asked, school_id=school_id, year_group=year_group, at=at)
        with engine.begin() as conn:
            conn.execute(asked_table.insert().values(**row.values()))
        return True
    except InvalidAsked as exc:
        log.warning("Hub insight: question not recorded: %s", exc)
    except Exception:  # noqa: BLE001 - the pupil's answer matters more than this count
        log.exception("Hub insight: question not recorded (database error)")
    return False
