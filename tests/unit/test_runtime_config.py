"""The endpoints Rasa runs with: SQLite tracker in WAL mode, and the replica-safe lock store with Redis."""
import sqlite3

import yaml

from bot.runtime_config import write_endpoints


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
