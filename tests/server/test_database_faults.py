"""Database unavailable: every action answers with a clear reply instead of failing silently, and a booking that
was not stored is never confirmed (issue 9, item 9)."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from answers.faults import CANNOT_BOOK, CANNOT_LOOK_UP, SAFEGUARDING_OFFLINE
from bot.action_server import run_action
from booking import hub, schema, service
from lmi.config import make_engine
from tests.server.action_calls import action_call

UNREACHABLE = "postgresql+psycopg2://pathfinder:x@127.0.0.1:9/pathfinder?connect_timeout=2"


@pytest.fixture(scope="module")
def executor():
    from rasa_sdk.executor import ActionExecutor
    made = ActionExecutor()
    made.register_package("actions")
    return made


@pytest.fixture
def database_down(monkeypatch):
    import actions.db
    monkeypatch.setenv("PATHFINDER_DATABASE_URL", UNREACHABLE)
    actions.db.engine.cache_clear()
    yield
    actions.db.engine.cache_clear()


def _run(executor, call: dict) -> dict:
    return asyncio.run(run_action(executor, call))


def _booking_call(slot_id: int) -> dict:
    return action_call("action_confirm_booking", "/choose_slot", intent="choose_slot", sender="pupil-db",
                       entities=[{"entity": "slot_id", "value": str(slot_id)}],
                       slots={"booking_consent": "yes", "pupil_first_name": "Sam", "pupil_year_group": "10",
                              "interview_topic": "apprenticeships", "pupil_school": "worcester-high"})


def test_booking_with_the_database_down_is_not_confirmed(executor, database_down):
    result = _run(executor, _booking_call(1))
    assert result["responses"] == [{"text": CANNOT_BOOK}]
    assert result["events"] == []


def test_a_question_with_the_database_down_gets_a_clear_reply(executor, database_down):
    result = _run(executor, action_call("action_escalate_to_staff", "can I talk to a person", intent="request_human"))
    assert result["responses"] == [{"text": CANNOT_LOOK_UP}]


def test_a_disclosure_with_the_database_down_still_gets_the_helplines(executor, database_down):
    result = _run(executor, action_call("action_safeguarding", "someone at home hurts me",
                                        intent="safeguarding_disclosure"))
    assert result["responses"] == [{"text": SAFEGUARDING_OFFLINE}]
    assert "0800 1111" in SAFEGUARDING_OFFLINE and "letting a trusted adult" not in SAFEGUARDING_OFFLINE


def test_a_write_that_fails_half_way_leaves_no_booking_and_no_confirmation(executor, tmp_path, monkeypatch):
    import actions.booking_actions
    engine = make_engine(f"sqlite:///{tmp_path / 'pathfinder.db'}")
    hub.seed_demo(engine)
    slot = service.free_slots(engine, "worcester-high")[0]

    @event.listens_for(engine, "before_cursor_execute")
    def fail_on_outbox(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO OUTBOX"):
            raise OperationalError(statement, parameters, Exception("disk I/O error"))

    monkeypatch.setattr(actions.booking_actions, "engine", lambda: engine)
    result = _run(executor, _booking_call(slot.slot_id))
    assert result["responses"] == [{"text": CANNOT_BOOK}]
    assert not any(e.get("name") == "booking_reference" for e in result["events"])
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.booking)).scalar() == 0
    event.remove(engine, "before_cursor_execute", fail_on_outbox)
    assert slot.slot_id in [s.slot_id for s in service.free_slots(engine, "worcester-high")]
    retried = _run(executor, _booking_call(slot.slot_id))
    assert any(e.get("name") == "booking_reference" and e.get("value") for e in retried["events"])
