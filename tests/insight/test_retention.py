"""Insight rows are purged by the retention job once their month is past PATHFINDER_RETAIN_INSIGHT_DAYS."""
from datetime import datetime

from sqlalchemy import select

from booking import retention
from insight.schema import asked as asked_table
from tests.insight.conftest import NOW, asked, record_many


def months(engine):
    with engine.connect() as conn:
        return sorted({r.month.isoformat() for r in conn.execute(select(asked_table.c.month))})


def test_the_purge_deletes_months_past_the_period_and_keeps_the_rest(engine):
    record_many(engine, 2, asked("pay"), at=datetime(2024, 10, 30, 9))  # ended before the cutoff month
    record_many(engine, 1, asked("pay"), at=datetime(2024, 11, 2, 9))   # the cutoff's month: kept to its end
    record_many(engine, 3, asked("pay"), at=NOW)
    dry = retention.purge(engine, now=NOW, dry_run=True)
    assert dry.rows["insight_asked"] == 2 and months(engine) == ["2024-10-01", "2024-11-01", "2026-11-01"]
    assert retention.purge(engine, now=NOW).rows["insight_asked"] == 2
    assert months(engine) == ["2024-11-01", "2026-11-01"]


def test_the_period_is_set_by_its_variable(engine, monkeypatch):
    record_many(engine, 1, asked("pay"), at=datetime(2026, 9, 30, 9))
    record_many(engine, 1, asked("pay"), at=NOW)
    monkeypatch.setenv("PATHFINDER_RETAIN_INSIGHT_DAYS", "31")
    assert retention.purge(engine, now=NOW).rows["insight_asked"] == 1 and months(engine) == ["2026-11-01"]


def test_the_purge_works_before_anything_was_recorded(tmp_path):
    from lmi.config import make_engine
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    from booking.hub import create_tables
    create_tables(fresh)
    assert retention.purge(fresh, now=NOW).rows["insight_asked"] == 0
