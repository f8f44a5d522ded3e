"""The files Rasa runs with: guarded channels, REST off in production unless switched on; SQLite tracker in WAL
mode; the replica-safe lock store with Redis."""
import sqlite3

import pytest
import yaml

from bot.runtime_config import credentials, rest_enabled, write_credentials, write_endpoints

REST, SOCKETIO = "bot.channels.GuardedRestInput", "bot.channels.GuardedSocketIOInput"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    monkeypatch.delenv("PATHFINDER_ENV", raising=False)
    monkeypatch.delenv("PATHFINDER_ENABLE_REST", raising=False)


def test_development_has_rest_and_socketio(tmp_path):
    written = yaml.safe_load(write_credentials(tmp_path / "credentials.yml").read_text())
    assert list(written) == [REST, SOCKETIO]
    assert written[SOCKETIO] == {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered",
                                 "session_persistence": True}
    assert "rest" not in written and "socketio" not in written  # never Rasa's unguarded channels


def test_production_turns_rest_off_unless_asked(monkeypatch):
    monkeypatch.setenv("PATHFINDER_ENV", "production")
    assert list(credentials()) == [SOCKETIO]
    monkeypatch.setenv("PATHFINDER_ENABLE_REST", "1")
    assert list(credentials()) == [REST, SOCKETIO]


def test_rest_can_be_switched_off_in_development(monkeypatch):
    monkeypatch.setenv("PATHFINDER_ENABLE_REST", "0")
    assert not rest_enabled() and list(credentials()) == [SOCKETIO]
    monkeypatch.setenv("PATHFINDER_ENABLE_REST", "maybe")
    with pytest.raises(SystemExit, match="PATHFINDER_ENABLE_REST"):
        rest_enabled()


def test_the_launcher_runs_rasa_with_the_generated_credentials(tmp_path, monkeypatch):
    from bot.launch import rasa_server_cmd
    monkeypatch.setenv("PATHFINDER_ENV", "production")
    cmd = rasa_server_cmd(tmp_path / "endpoints.yml", 5999)
    path = cmd[cmd.index("--credentials") + 1]
    assert path == str(tmp_path / "credentials.yml")
    assert list(yaml.safe_load(open(path))) == [SOCKETIO]



def test_sqlite_tracker_store_is_put_in_wal_mode(tmp_path, monkeypatch):
    tracker = tmp_path / "tracker.db"
    monkeypatch.setenv("PATHFINDER_TRACKER_URL", f"sqlite:///{tracker}")
    monkeypatch.delenv("PATHFINDER_LOCK_STORE_URL", raising=False)
    config = yaml.safe_load(write_endpoints(tmp_path / "endpoints.yml").read_text())
    assert config["tracker_store"]["db"] == str(tracker)
    assert "lock_store" not in config
    with sqlite3.connect(tracker) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_redis_lock_store_url_selects_the_atomic_lock_store(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFINDER_TRACKER_URL", "postgresql+psycopg2://u@db.internal:5432/rasa_tracker")
    monkeypatch.setenv("PATHFINDER_LOCK_STORE_URL", "redis://:secret@redis.internal:6380/2")
    config = yaml.safe_load(write_endpoints(tmp_path / "endpoints.yml").read_text())
    assert config["tracker_store"]["url"] == "postgresql+psycopg2://u@db.internal:5432/rasa_tracker"
    assert config["lock_store"] == {"type": "bot.lock_store.AtomicRedisLockStore", "url": "redis.internal",
                                    "port": 6380, "db": 2, "password": "secret"}


def test_both_databases_use_the_cached_tracker_store_sized_by_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFINDER_LOCK_STORE_URL", raising=False)
    monkeypatch.setenv("PATHFINDER_TRACKER_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.delenv("PATHFINDER_TRACKER_CACHE_SIZE", raising=False)
    sqlite = yaml.safe_load(write_endpoints(tmp_path / "endpoints.yml").read_text())["tracker_store"]
    assert sqlite["type"] == "bot.tracker_store.CachedSQLTrackerStore" and sqlite["cache_size"] == 500
    monkeypatch.setenv("PATHFINDER_TRACKER_URL", "postgresql+psycopg2://u@db.internal:5432/rasa_tracker")
    monkeypatch.setenv("PATHFINDER_TRACKER_CACHE_SIZE", "0")
    postgres = yaml.safe_load(write_endpoints(tmp_path / "endpoints.yml").read_text())["tracker_store"]
    assert postgres["type"] == "bot.tracker_store.CachedSQLTrackerStore" and postgres["cache_size"] == 0
    monkeypatch.setenv("PATHFINDER_TRACKER_CACHE_SIZE", "lots")
    with pytest.raises(SystemExit, match="PATHFINDER_TRACKER_CACHE_SIZE"):
        write_endpoints(tmp_path / "endpoints.yml")
