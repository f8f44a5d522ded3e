"""The SQLite engine (lmi.config.make_engine): private files, pooled connections in write-ahead-log mode, and
opening a second engine on a database this process already has open never drops this process's locks."""
import sqlite3
import stat
import subprocess
import sys

from sqlalchemy import text

from lmi.config import make_engine, private_file

LOCKED_ELSEWHERE = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0)
try:
    conn.execute("BEGIN IMMEDIATE")
except sqlite3.OperationalError as exc:
    print("locked" if "locked" in str(exc) else str(exc))
else:
    print("free")
"""


def other_process_can_write(path) -> bool:
    out = subprocess.run([sys.executable, "-c", LOCKED_ELSEWHERE, str(path)], capture_output=True, text=True,
                         timeout=60).stdout.strip()
    assert out in ("locked", "free"), out
    return out == "free"


def test_a_file_is_private_and_in_write_ahead_log_mode(tmp_path):
    path = tmp_path / "db" / "p.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert engine.pool.__class__.__name__ == "QueuePool"


def test_making_an_engine_keeps_the_locks_of_a_transaction_in_progress(tmp_path):
    path = tmp_path / "p.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("CREATE TABLE t (x)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO t VALUES (1)")
    assert not other_process_can_write(path)
    private_file(path)                        # as make_engine does for every engine on this file
    make_engine(f"sqlite:///{path}")
    assert not other_process_can_write(path)  # the write lock held above is still held
    writer.execute("COMMIT")
    assert other_process_can_write(path)


def test_an_existing_file_keeps_its_contents(tmp_path):
    path = tmp_path / "key"
    path.write_text("secret")
    private_file(path)
    assert path.read_text() == "secret" and stat.S_IMODE(path.stat().st_mode) == 0o600
