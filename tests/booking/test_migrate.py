"""A database made before roles matched a school is upgraded in place: school_staff becomes teacher,
safeguarding_lead becomes dsl, and accounts gain the disabled flag."""
from sqlalchemy import text

from booking import schema, staff
from booking.hub import create_tables
from lmi.config import make_engine

OLD_TABLE = """CREATE TABLE staff_user (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, email VARCHAR(200) NOT NULL UNIQUE, name VARCHAR(200) NOT NULL,
    password_hash VARCHAR(300) NOT NULL, role VARCHAR(30) NOT NULL, school_id VARCHAR(50), adviser_id INTEGER,
    failed_logins INTEGER NOT NULL, locked_until DATETIME, created_at DATETIME NOT NULL,
    CONSTRAINT ck_staff_role CHECK (role IN ('school_staff', 'safeguarding_lead', 'hub_lead', 'adviser')))"""


def test_old_roles_are_renamed_and_new_ones_accepted(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    schema.school.create(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO school (id, name, area_id, safeguarding_contact, safeguarding_email) "
                          "VALUES ('s', 'S', 'a', 'c', 'e@s.invalid')"))
        conn.execute(text(OLD_TABLE))
        conn.execute(text("INSERT INTO staff_user (email, name, password_hash, role, school_id, failed_logins, "
                          "created_at) VALUES ('t@s.invalid', 'T', 'x', 'school_staff', 's', 0, '2026-01-01 00:00:00.000000'), "
                          "('d@s.invalid', 'D', 'x', 'safeguarding_lead', 's', 0, '2026-01-01 00:00:00.000000')"))
    create_tables(engine)
    create_tables(engine)  # a second run changes nothing
    assert {u.email: (u.role, u.disabled) for u in staff.list_users(engine)} == {
        "t@s.invalid": ("teacher", False), "d@s.invalid": ("dsl", False)}
    assert staff.add_user(engine, "c@s.invalid", "C", "a-long-password", "careers_leader", school_id="s").role \
        == "careers_leader"
