"""The same booking code on a real PostgreSQL server that the test starts: no double booking there either."""
import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from booking import schema
from booking.hub import seed_demo
from booking.service import Pupil, SlotTaken, book, cancel, free_slots
from lmi.config import make_engine
from tests.booking.conftest import NOW
from tests.booking.postgres_server import PostgresServer, pg_bin


@pytest.fixture(scope="module")
def pg_engine():
    if pg_bin() is None:
        pytest.skip("PostgreSQL server binaries are not installed (`.ci/run` installs them)")
    server = PostgresServer()
    try:
        engine = make_engine(server.url)
        seed_demo(engine, today=date(2026, 11, 24))
        yield engine
        engine.dispose()
    finally:
        server.stop()


def test_twenty_concurrent_attempts_give_exactly_one_booking_on_postgres(pg_engine):
    slot = free_slots(pg_engine, "worcester-high", now=NOW)[0]
    outcomes, barrier = [], threading.Barrier(20)

    def attempt(n):
        barrier.wait()
        try:
            book(pg_engine, Pupil(f"pg-{n}", "Lee", "worcester-high", 12, "university", True), slot.slot_id, now=NOW)
            outcomes.append("booked")
        except SlotTaken:
            outcomes.append("taken")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["booked"] + ["taken"] * 19
    with pg_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.booking)
                            .where(schema.booking.c.slot_id == slot.slot_id)).scalar() == 1


def test_cancelled_slot_is_free_again_on_postgres(pg_engine):
    slot = free_slots(pg_engine, "stafford-college", now=NOW)[0]
    made = book(pg_engine, Pupil("pg-x", "Lee", "stafford-college", 12, "university", True), slot.slot_id, now=NOW)
    cancel(pg_engine, made.reference, conversation_id="pg-x", now=NOW)
    again = book(pg_engine, Pupil("pg-y", "Max", "stafford-college", 11, "T Levels", True), slot.slot_id, now=NOW)
    assert again.reference != made.reference


def test_old_roles_are_migrated_on_postgres(pg_engine):
    from sqlalchemy import text

    from booking.migrate import upgrade
    with pg_engine.begin() as conn:
        conn.execute(text("ALTER TABLE staff_user DROP CONSTRAINT ck_staff_role"))
        conn.execute(text("UPDATE staff_user SET role = 'school_staff' WHERE role = 'teacher'"))
        conn.execute(text("UPDATE staff_user SET role = 'safeguarding_lead' WHERE role = 'dsl'"))
        conn.execute(text("ALTER TABLE staff_user ADD CONSTRAINT ck_staff_role "
                          "CHECK (role IN ('school_staff', 'safeguarding_lead', 'hub_lead', 'adviser'))"))
    upgrade(pg_engine)
    with pg_engine.connect() as conn:
        roles = {r.email: r.role for r in conn.execute(text("SELECT email, role FROM staff_user"))}
    assert roles["staff@worcester-high.invalid"] == "teacher" and roles["dsl@worcester-high.invalid"] == "dsl"
    with pg_engine.begin() as conn:
        conn.execute(text("UPDATE staff_user SET role = 'deputy_dsl' WHERE email = 'dsl@worcester-high.invalid'"))
