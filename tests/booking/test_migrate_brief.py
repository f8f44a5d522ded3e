"""A database made before briefs and action plans (SQLite or PostgreSQL) gains their tables on upgrade, keeps its
bookings, and then stores a brief and a plan."""
from datetime import date

import pytest
from sqlalchemy import inspect

from booking import brief, hub, plans, schema, staff
from booking.migrate import NEW_TABLES, upgrade
from booking.service import Pupil, book, free_slots
from lmi.config import make_engine
from tests.booking.postgres_server import PostgresServer, pg_bin


def old_database(engine):
    """The demo hub and one booking, in a database without the new tables (as an older Pathfinder made it)."""
    hub.seed_demo(engine, today=date.today())
    slot = free_slots(engine, "worcester-high")[0]
    made = book(engine, Pupil("old-1", "Lee", "worcester-high", 11, "university", True), slot.slot_id)
    schema.metadata.drop_all(engine, tables=list(NEW_TABLES))
    assert not {t.name for t in NEW_TABLES} & set(inspect(engine).get_table_names())
    return made


def check_upgraded(engine, made):
    upgrade(engine)
    upgrade(engine)  # a second run changes nothing
    assert {t.name for t in NEW_TABLES} <= set(inspect(engine).get_table_names())
    brief.save(engine, "old-1", made.reference, [{"kind": "year_group", "text": "Year 11"}])
    assert brief.get(engine, made.reference) == [{"kind": "year_group", "text": "Year 11"}]
    with engine.connect() as conn:
        lead_id = conn.execute(schema.staff_user.select().where(
            schema.staff_user.c.email == "hub.lead@demo.invalid")).first().id
    plans.save(engine, staff.get_user(engine, lead_id), made.reference, ["Visit an open day"])
    assert [s.text for s in plans.steps(engine, made.reference)] == ["Visit an open day"]


def test_sqlite_database_gains_brief_and_plan_tables(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    check_upgraded(engine, old_database(engine))


def test_postgresql_database_gains_brief_and_plan_tables():
    if pg_bin() is None:
        pytest.skip("PostgreSQL server binaries are not installed (`.ci/run` installs them)")
    server = PostgresServer()
    try:
        engine = make_engine(server.url)
        check_upgraded(engine, old_database(engine))
        engine.dispose()
    finally:
        server.stop()
