"""Brings a database made by an older Pathfinder up to the current schema: staff roles that match a school
(school_staff became teacher, safeguarding_lead became dsl), the `disabled` flag on staff accounts, and the
booking_brief and action_step tables (made here too, so upgrading does not depend on create_all running first)."""
from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from booking import schema

RENAMED_ROLES = {"school_staff": "teacher", "safeguarding_lead": "dsl"}
_ROLE_CASE = "CASE role " + " ".join(f"WHEN '{old}' THEN '{new}'" for old, new in RENAMED_ROLES.items()) + \
             " ELSE role END"


NEW_TABLES = (schema.booking_brief, schema.action_step)


def upgrade(engine: Engine) -> None:
    tables = inspect(engine).get_table_names()
    if "booking" in tables:
        for table in NEW_TABLES:
            if table.name not in tables:
                table.create(engine)
    if "staff_user" not in tables:
        return
    columns = {c["name"] for c in inspect(engine).get_columns("staff_user")}
    with engine.begin() as conn:
        if "disabled" not in columns:
            conn.execute(text("ALTER TABLE staff_user ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT false"))
    if engine.dialect.name == "sqlite":
        _sqlite_roles(engine)
    else:
        _roles(engine)


def _sqlite_roles(engine: Engine) -> None:
    """SQLite cannot change a CHECK constraint in place, so the table is rebuilt with its rows."""
    with engine.begin() as conn:
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'staff_user'")).scalar()
        if "'teacher'" in (sql or ""):
            return
        names = [c.name for c in schema.staff_user.columns]
        conn.execute(text("ALTER TABLE staff_user RENAME TO staff_user_old"))
        schema.staff_user.create(conn)
        selected = ", ".join(_ROLE_CASE if n == "role" else n for n in names)
        conn.execute(text(f"INSERT INTO staff_user ({', '.join(names)}) SELECT {selected} FROM staff_user_old"))
        conn.execute(text("DROP TABLE staff_user_old"))


def _roles(engine: Engine) -> None:
    checks = inspect(engine).get_check_constraints("staff_user")
    if any("teacher" in (c.get("sqltext") or "") for c in checks):
        return
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE staff_user DROP CONSTRAINT IF EXISTS ck_staff_role"))
        conn.execute(text(f"UPDATE staff_user SET role = {_ROLE_CASE}"))
        conn.execute(text(f"ALTER TABLE staff_user ADD CONSTRAINT ck_staff_role CHECK ({schema.ROLE_CHECK})"))
