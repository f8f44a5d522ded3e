"""Creating and upgrading the insight table (like booking's tables), and purging rows past their retention period."""
from __future__ import annotations

import weakref
from datetime import date, datetime

from sqlalchemy import delete, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from insight.schema import asked, metadata

_ready: weakref.WeakSet = weakref.WeakSet()


def create_tables(engine: Engine) -> None:
    metadata.create_all(engine)
    upgrade(engine)


def ensure_tables(engine: Engine) -> None:
    """create_tables once per engine in this process (the recorder runs on every answered question)."""
    if engine not in _ready:
        create_tables(engine)
        _ready.add(engine)


def upgrade(engine: Engine) -> None:
    """Adds any column a newer Pathfinder defines to a table made by an older one (every added column is nullable)."""
    present = {c["name"] for c in inspect(engine).get_columns(asked.name)}
    missing = [c for c in asked.columns if c.name not in present]
    if not missing:
        return
    with engine.begin() as conn:
        for column in missing:
            kind = column.type.compile(dialect=engine.dialect)
            conn.execute(text(f"ALTER TABLE {asked.name} ADD COLUMN {column.name} {kind}"))


def month_of(moment: datetime | date) -> date:
    return date(moment.year, moment.month, 1)


def kept_from(cutoff: datetime) -> date:
    """The first month still kept when data older than `cutoff` is past its period. A month is kept until the
    cutoff leaves it, so a row lives its whole period counted from the end of its month."""
    return month_of(cutoff)


def purge_before(conn: Connection, cutoff: datetime, dry_run: bool = False) -> int:
    """Deletes (or with dry_run counts) the rows of months that ended before `cutoff`."""
    old = asked.c.month < kept_from(cutoff)
    if dry_run:
        return len(conn.execute(select(asked.c.id).where(old)).all())
    return conn.execute(delete(asked).where(old)).rowcount
