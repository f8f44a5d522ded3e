"""The cached SQL tracker store (bot/tracker_store.py): a conversation this process last wrote is rebuilt after
one fingerprint query; anything another process wrote or deleted is loaded again; a failed save leaves nothing
cached; and every tracker it returns is what Rasa's own SQLTrackerStore returns from the same database."""
from __future__ import annotations

import asyncio
import sqlite3
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from bot.tracker_store import CachedSQLTrackerStore

DOMAIN = Domain.from_dict({"intents": ["ask_pay"], "actions": ["action_pay"],
                           "slots": {"job": {"type": "text", "mappings": [{"type": "custom"}]}}})


def run(coroutine):
    return asyncio.run(coroutine)


def store(path, cache_size: int = 100) -> CachedSQLTrackerStore:
    return CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path), cache_size=cache_size)


def rasa_view(path) -> SQLTrackerStore:
    """Rasa's own store on the same database: what the cached store must agree with."""
    return SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path))


def say(tracker, text: str, job: str | None = None, at: float | None = None) -> None:
    """One turn: the pupil's message, the action (setting the job slot), the bot's reply, listening again."""
    stamp = {"timestamp": at} if at is not None else {}
    tracker.update(UserUttered(text, intent={"name": "ask_pay", "confidence": 0.9},
                               parse_data={"text": text, "intent": {"name": "ask_pay", "confidence": 0.9},
                                           "entities": []}, **stamp))
    tracker.update(ActionExecuted("action_pay", **stamp))
    if job:
        tracker.update(SlotSet("job", job, **stamp))
    tracker.update(BotUttered(f"about {text}", **stamp))
    tracker.update(ActionExecuted("action_listen", **stamp))


def start_session(tracker, at: float) -> None:
    tracker.update(ActionExecuted("action_session_start", timestamp=at))
    tracker.update(SessionStarted(timestamp=at + 0.001))
    tracker.update(ActionExecuted("action_listen", timestamp=at + 0.002))


def turn(store_, sender: str, text: str, job: str | None = None):
    """What Rasa's agent does per message: get or create the tracker, add the turn, save."""
    async def go():
        tracker = await store_.get_or_create_tracker(sender, append_action_listen=False)
        say(tracker, text, job)
        await store_.save(tracker)
    run(go())


def described(tracker) -> tuple:
    return [e.as_dict() for e in tracker.events], tracker.current_slot_values()


def kind(statement: str) -> str:
    if "max(events.id)" in statement:
        return "fingerprint"  # the cache's check: how many rows the conversation has, and its highest id
    if statement.startswith("SELECT") and "events.data" in statement:
        return "load"  # every event of the latest session
    if statement.startswith("SELECT") and "count(" in statement:
        return "count"  # Rasa's count of the stored events, before saving
    return statement.split()[0].lower()


@contextmanager
def statements(store_):
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(kind(statement))

    sa.event.listen(store_.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa.event.remove(store_.engine, "before_cursor_execute", note)


def test_a_conversation_it_wrote_is_rebuilt_after_one_query(tmp_path):
    cached = store(tmp_path / "t.db")
    turn(cached, "me", "how much do plumbers earn", job="plumber")
    turn(cached, "me", "and nurses", job="nurse")
    with statements(cached) as seen:
        tracker = run(cached.retrieve("me"))
    assert seen == ["fingerprint"]  # Rasa's store loads every event instead
    assert described(tracker) == described(run(rasa_view(tmp_path / "t.db").retrieve("me")))
    assert tracker.get_slot("job") == "nurse" and len(tracker.events) == 10


def test_saving_the_tracker_it_just_built_runs_no_query_before_writing(tmp_path):
    cached = store(tmp_path / "t.db")
    turn(cached, "me", "how much do plumbers earn")
    tracker = run(cached.retrieve("me"))
    say(tracker, "and nurses")
    with statements(cached) as seen:
        run(cached.save(tracker))
    assert seen == ["insert"] * 4  # Rasa's store counts the stored events first
    assert described(run(cached.retrieve("me"))) == described(run(rasa_view(tmp_path / "t.db").retrieve("me")))


def test_saving_any_other_tracker_checks_the_fingerprint_first(tmp_path):
    cached = store(tmp_path / "t.db")
    turn(cached, "me", "how much do plumbers earn")
    run(cached.retrieve("me"))
    tracker = run(cached.retrieve_full_tracker("me"))  # e.g. Rasa's REST endpoint appending events
    say(tracker, "and nurses")
    with statements(cached) as seen:
        run(cached.save(tracker))
    assert seen == ["fingerprint"] + ["insert"] * 4
    assert described(run(cached.retrieve("me"))) == described(run(rasa_view(tmp_path / "t.db").retrieve("me")))


def test_a_conversation_it_has_not_seen_is_loaded_then_cached(tmp_path):
    turn(store(tmp_path / "t.db"), "me", "how much do plumbers earn", job="plumber")
    cached = store(tmp_path / "t.db")
    with statements(cached) as seen:
        tracker = run(cached.retrieve("me"))
    assert seen == ["fingerprint", "load"]
    assert tracker.get_slot("job") == "plumber"
    with statements(cached) as seen:
        run(cached.retrieve("me"))
    assert seen == ["fingerprint"]
    assert run(cached.retrieve("nobody")) is None


def test_another_replica_writing_the_conversation_is_seen_and_nothing_is_lost(tmp_path):
    first, second = store(tmp_path / "t.db"), store(tmp_path / "t.db")
    turn(first, "me", "how much do plumbers earn", job="plumber")
    turn(second, "me", "and nurses", job="nurse")  # the next message went to the other replica
    tracker = run(first.retrieve("me"))
    assert tracker.get_slot("job") == "nurse" and len(tracker.events) == 10
    turn(first, "me", "and electricians", job="electrician")
    texts = [e.text for e in run(rasa_view(tmp_path / "t.db").retrieve("me")).events if isinstance(e, UserUttered)]
    assert texts == ["how much do plumbers earn", "and nurses", "and electricians"]  # each once, in order
    assert described(run(second.retrieve("me"))) == described(run(first.retrieve("me")))


def test_a_turn_saved_after_another_replica_wrote_keeps_every_event_and_the_cache_heals(tmp_path):
    """Only if the conversation's lock were bypassed: another replica stored a turn between this replica's
    retrieve and save. Every event of both turns is stored (Rasa's count would drop this turn's)."""
    first, second = store(tmp_path / "t.db"), store(tmp_path / "t.db")
    turn(first, "me", "how much do plumbers earn")
    stale = run(first.retrieve("me"))
    turn(second, "me", "and nurses")
    say(stale, "and electricians")
    run(first.save(stale))
    texts = [e.text for e in run(rasa_view(tmp_path / "t.db").retrieve("me")).events if isinstance(e, UserUttered)]
    assert texts == ["how much do plumbers earn", "and nurses", "and electricians"]
    with statements(first) as seen:
        ours = run(first.retrieve("me"))
    assert seen == ["fingerprint", "load"]  # the fingerprint it worked out does not match: loaded again
    assert described(ours) == described(run(rasa_view(tmp_path / "t.db").retrieve("me")))


def test_a_stale_tracker_it_did_not_build_is_saved_as_rasa_would(tmp_path):
    def stale_save(path, cache_size):
        first, second = store(path, cache_size), store(path, cache_size)
        turn(first, "me", "how much do plumbers earn")
        stale = run(first.retrieve_full_tracker("me"))
        turn(second, "me", "and nurses")  # another replica
        say(stale, "and electricians")
        run(first.save(stale))
        return [e.as_dict().get("text") for e in run(rasa_view(path).retrieve("me")).events]

    assert stale_save(tmp_path / "cached.db", 100) == stale_save(tmp_path / "plain.db", 0)


def test_deleted_events_are_not_served_from_the_cache(tmp_path):
    cached = store(tmp_path / "t.db")
    turn(cached, "me", "how much do plumbers earn")
    turn(cached, "me", "and nurses")
    with cached.engine.begin() as conn:  # the retention purge deleting the oldest events
        conn.execute(sa.text("DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT 3)"))
    assert described(run(cached.retrieve("me"))) == described(run(rasa_view(tmp_path / "t.db").retrieve("me")))
    with cached.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM events"))
    assert run(cached.retrieve("me")) is None


def test_a_new_session_is_cut_where_rasa_cuts_it(tmp_path):
    cached = store(tmp_path / "t.db")
    tracker = run(cached.get_or_create_tracker("me", append_action_listen=False))
    start_session(tracker, at=1000.0)
    say(tracker, "how much do plumbers earn", job="plumber", at=1001.0)
    run(cached.save(tracker))
    tracker = run(cached.retrieve("me"))
    start_session(tracker, at=9000.0)  # the first session expired
    say(tracker, "and nurses", at=9001.0)
    run(cached.save(tracker))
    with statements(cached) as seen:
        ours = run(cached.retrieve("me"))
    assert seen == ["fingerprint"]
    assert described(ours) == described(run(rasa_view(tmp_path / "t.db").retrieve("me")))
    assert [e.text for e in ours.events if isinstance(e, UserUttered)] == ["and nurses"]


def test_a_failed_save_leaves_nothing_cached_that_the_database_lacks(tmp_path):
    cached = store(tmp_path / "t.db")
    turn(cached, "me", "how much do plumbers earn")
    tracker = run(cached.retrieve("me"))
    say(tracker, "and nurses")

    def fail(conn, cursor, statement, *args):
        if statement.startswith("INSERT"):
            raise sa.exc.OperationalError(statement, {}, Exception("disk I/O error"))

    sa.event.listen(cached.engine, "before_cursor_execute", fail)
    with pytest.raises(sa.exc.OperationalError):
        run(cached.save(tracker))
    sa.event.remove(cached.engine, "before_cursor_execute", fail)
    assert "me" not in cached._cache
    after = run(cached.retrieve("me"))
    assert described(after) == described(run(rasa_view(tmp_path / "t.db").retrieve("me")))
    assert [e.text for e in after.events if isinstance(e, UserUttered)] == ["how much do plumbers earn"]
    run(cached.save(tracker))  # Rasa's agent would retry with the tracker it has: every event stored once
    assert len(run(rasa_view(tmp_path / "t.db").retrieve("me")).events) == 8


def test_the_cache_keeps_only_the_most_recent_conversations(tmp_path):
    cached = store(tmp_path / "t.db", cache_size=2)
    for sender in ("a", "b", "c"):
        turn(cached, sender, "how much do plumbers earn")
    run(cached.retrieve("b"))  # b is now the most recent; a was dropped when c came in
    assert list(cached._cache) == ["c", "b"]
    with statements(cached) as seen:
        run(cached.retrieve("a"))
    assert seen == ["fingerprint", "load"]
    assert list(cached._cache) == ["b", "a"]


def test_every_retrieve_gives_a_tracker_of_its_own(tmp_path):
    cached = store(tmp_path / "t.db")
    turn(cached, "me", "how much do plumbers earn", job="plumber")
    first = run(cached.retrieve("me"))
    first.latest_message.parse_data["intent"]["name"] = "changed"
    first.update(SlotSet("job", "nurse"))
    second = run(cached.retrieve("me"))
    assert second.latest_message.intent_name == "ask_pay" and second.get_slot("job") == "plumber"
    assert all(a is not b for a, b in zip(first.events, second.events))


def test_the_fingerprint_query_uses_the_sender_index(tmp_path):
    cached = store(tmp_path / "t.db")
    turn(cached, "me", "how much do plumbers earn")
    run_queries: list[tuple] = []
    note = lambda conn, cursor, statement, parameters, *rest: run_queries.append((statement, parameters))
    sa.event.listen(cached.engine, "before_cursor_execute", note)
    run(cached.retrieve("me"))
    sa.event.remove(cached.engine, "before_cursor_execute", note)
    [(query, parameters)] = run_queries
    with sqlite3.connect(tmp_path / "t.db") as conn:
        plan = " ".join(str(row) for row in conn.execute(f"EXPLAIN QUERY PLAN {query}", parameters))
    assert "USING COVERING INDEX ix_events_sender_id (sender_id=?)" in plan, plan


def test_cache_size_zero_is_rasas_own_behaviour(tmp_path):
    plain = store(tmp_path / "t.db", cache_size=0)
    turn(plain, "me", "how much do plumbers earn")
    with statements(plain) as seen:
        run(plain.retrieve("me"))
    assert seen == ["load"] and not plain._cache


def test_sqlite_connections_stay_open_between_messages(tmp_path):
    """Closing the last connection checkpoints SQLite's write-ahead log: the store keeps its connection."""
    cached = store(tmp_path / "t.db")
    opened: list[int] = []
    sa.event.listen(cached.engine, "connect", lambda *args: opened.append(1))
    for text in ("how much do plumbers earn", "and nurses", "and electricians"):
        turn(cached, "me", text)
    assert len(opened) == 1
