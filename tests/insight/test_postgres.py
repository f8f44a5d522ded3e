"""The same insight code on a real PostgreSQL server: recording, the old-table upgrade, queries and the purge."""
from datetime import date, datetime

import pytest
from sqlalchemy import Boolean, Column, Date, Integer, MetaData, String, Table, inspect

from booking import retention
from booking.hub import seed_demo
from booking.staff import StaffUser
from insight.queries import Filters, insight
from insight.store import create_tables
from insight.suppress import Shown
from lmi.config import make_engine
from lmi.loader import load
from tests.booking.postgres_server import PostgresServer, pg_bin
from tests.conftest import LMI_DIR
from tests.insight.conftest import NOW, asked, record_many

HUB_LEAD = StaffUser(1, "hub.lead@demo.invalid", "Hub", "hub_lead", None, None)


@pytest.fixture(scope="module")
def pg_engine():
    if pg_bin() is None:
        pytest.skip("PostgreSQL server binaries are not installed (scripts/install-system-deps installs them)")
    server = PostgresServer()
    try:
        engine = make_engine(server.url)
        seed_demo(engine, today=date(2026, 11, 24))
        load(LMI_DIR, engine)
        yield engine
        engine.dispose()
    finally:
        server.stop()


def test_recording_querying_and_purging_on_postgres(pg_engine):
    old = Table("insight_asked", MetaData(), Column("id", Integer, primary_key=True), Column("month", Date),
                Column("year_group", String(20)), Column("topic", String(50)), Column("answered", Boolean))
    old.metadata.create_all(pg_engine)  # a table made by an older Pathfinder
    create_tables(pg_engine)
    assert "soc_major_group_name" in {c["name"] for c in inspect(pg_engine).get_columns("insight_asked")}
    record_many(pg_engine, 6, asked("local_demand", soc_code="2231", area_id="leek", answered=False),
                school_id="stafford-college", year_group=9)
    record_many(pg_engine, 2, asked("pay", soc_code="5241"), at=datetime(2024, 1, 5, 9))
    found = insight(pg_engine, HUB_LEAD, Filters(), now=NOW)
    assert {line.cells: line.count for line in found.breakdown("unanswered").lines} == \
        {("Midwifery nurses", "Leek"): Shown(5)}
    assert retention.purge(pg_engine, now=NOW).rows["insight_asked"] == 2
