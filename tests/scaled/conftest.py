"""One scaled stack for every test here: PostgreSQL, Redis, two Rasa replicas, a two-worker action server,
the console and HAProxy, all started by the tests on free loopback ports (bot/scaled/)."""
import json
import os
import shutil

import pytest
from sqlalchemy import select, text

from bot.scaled.stack import start
from lmi.config import make_engine

NEEDED = {"redis-server": "redis-server", "haproxy": "haproxy"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/scaled/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
    # The test that kills a replica of the shared stack runs after every other test.
    items.sort(key=lambda item: "test_replica_killed" in str(item.fspath))


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    missing = [pkg for binary, pkg in NEEDED.items()
               if not any(os.path.exists(f"{d}/{binary}") for d in ("/usr/bin", "/usr/sbin")) and not shutil.which(binary)]
    if missing:
        pytest.fail(f"the scaled tests need Debian's {' '.join(missing)}: run scripts/install-system-deps")
    # A replica killed while it holds a conversation's lock frees it after this many seconds (Rasa's default: 60).
    os.environ["TICKET_LOCK_LIFETIME"] = "10"
    running = start(tmp_path_factory.mktemp("scaled"), replicas=2, action_workers=2, throwaway=True,
                    log=lambda _message: None)
    try:
        yield running
    finally:
        running.stop()
        os.environ.pop("TICKET_LOCK_LIFETIME", None)


def stored_events(stack, sender: str) -> list[dict]:
    """The conversation's events as the shared tracker store holds them, in the order they were stored."""
    engine = make_engine(stack.tracker_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}).all()
    engine.dispose()
    return [json.loads(row.data) for row in rows]


def turns(events: list[dict]) -> list[dict]:
    """Splits the events into turns: each pupil message with the bot's replies up to the next action_listen.
    Fails if a turn's events are interleaved with another's (a user message before the bot finished)."""
    result, current = [], None
    for event in events:
        kind = event.get("event")
        if kind == "user":
            assert current is None or current["listened"], f"a message arrived mid-turn: {event.get('text')!r}"
            current = {"text": event.get("text"), "bot": [], "listened": False}
            result.append(current)
        elif current is not None and kind == "bot":
            assert not current["listened"], "a bot reply after the turn ended"
            current["bot"].append(event.get("text") or "")
        elif current is not None and kind == "action" and event.get("name") == "action_listen":
            current["listened"] = True
    return result


def reply_texts(replies: list[dict]) -> str:
    return " ".join(r.get("text") or "" for r in replies)
