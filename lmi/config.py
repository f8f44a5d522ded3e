"""Where the LMI data and database live, read from environment variables with safe defaults."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'pathfinder.db'}"
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


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL; SQLite files get their folder created and foreign keys enforced."""
    url = url or database_url()
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)
