"""Where the LMI data and database live, read from environment variables with safe defaults."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'pathfinder.db'}"
DEFAULT_LMI_DIR = PROJECT_ROOT / "data" / "lmi"
ENVIRONMENTS = ("development", "production")


def environment() -> str:
    """'development' (the default: demo data, local conveniences) or 'production' (PATHFINDER_ENV)."""
    value = os.environ.get("PATHFINDER_ENV", "").strip().lower() or "development"
    if value not in ENVIRONMENTS:
        raise SystemExit(f"PATHFINDER_ENV must be one of {', '.join(ENVIRONMENTS)}, not {value!r}")
    return value


def is_production() -> bool:
    return environment() == "production"


def database_url() -> str:
    """The SQLAlchemy URL shared by LMI, bookings and escalations (PATHFINDER_DATABASE_URL)."""
    url = os.environ.get("PATHFINDER_DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        relative = url[len("sqlite:///"):]
        if relative and relative != ":memory:":
            url = f"sqlite:///{(PROJECT_ROOT / relative).resolve()}"
    return url


def lmi_dir() -> Path:
    """The folder of LMI CSV files to load (PATHFINDER_LMI_DIR)."""
    return Path(os.environ.get("PATHFINDER_LMI_DIR", "") or DEFAULT_LMI_DIR)


def private_dir(path: Path) -> Path:
    """Creates a folder only its owner can open (0700); var/ is made private even when it exists."""
    path = Path(path)
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)
    if path.resolve() == VAR_DIR.resolve():
        path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Creates the file if needed and makes it readable by its owner only (0600): SQLite databases, keys.

    An existing file is never opened: closing any descriptor of a file drops every POSIX lock this process
    holds on it, and SQLite's locks on a database this process has open are POSIX locks (another process
    could then write under a transaction in progress here, or miss this process's write-ahead log)."""
    path = Path(path)
    private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    path.chmod(0o600)
    return path


def stored_secret(name: str) -> str:
    """A random secret made once and kept in var/NAME (0600), so development needs no setup."""
    path = VAR_DIR / name
    if not path.exists() or not path.read_text().strip():
        private_file(path).write_text(secrets.token_hex(32))
    path.chmod(0o600)
    return path.read_text().strip()


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL; SQLite files are created private (0600, in a folder made 0700) with
    foreign keys enforced.

    An SQLite file keeps a pool of open connections in write-ahead-log mode. SQLAlchemy 1.4 otherwise opens
    and closes the file for every query (NullPool), which made a query about four times slower, and a commit
    in the default rollback-journal mode syncs the disk several times where the log syncs once
    (docs/performance.md). The log also lets the console read while the action server writes."""
    url = url or database_url()
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):].split("?", 1)[0]
        in_file = bool(path) and path != ":memory:"
        if in_file:
            private_file(Path(path))
        pooling = {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10} if in_file else {}
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **pooling)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if in_file:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)
