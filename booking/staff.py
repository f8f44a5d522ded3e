"""Staff accounts: argon2-hashed passwords, lockout after repeated failures, and who may see which school."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from booking import schema
from booking.service import BookingError, now_local

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
_hasher = PasswordHasher()


@dataclass(frozen=True)
class StaffUser:
    id: int
    email: str
    name: str
    role: str
    school_id: str | None
    adviser_id: int | None

    @property
    def all_schools(self) -> bool:
        return self.role == "hub_lead"


class LoginFailed(BookingError):
    pass


def _user(row) -> StaffUser:
    return StaffUser(row.id, row.email, row.name, row.role, row.school_id, row.adviser_id)


def check_password_strength(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise BookingError(f"Passwords need at least {MIN_PASSWORD} characters.")


def add_user(engine: Engine, email: str, name: str, password: str, role: str, *, school_id: str | None = None,
             adviser_id: int | None = None) -> StaffUser:
    email = (email or "").strip().lower()
    if "@" not in email:
        raise BookingError(f"{email!r} is not an email address.")
    if role not in schema.ROLES:
        raise BookingError(f"Role must be one of: {', '.join(schema.ROLES)}.")
    if role in ("school_staff", "safeguarding_lead") and not school_id:
        raise BookingError("School staff and safeguarding leads need a school.")
    if role == "adviser" and not adviser_id:
        raise BookingError("An adviser account needs the adviser's id.")
    check_password_strength(password)
    try:
        with engine.begin() as conn:
            user_id = conn.execute(schema.staff_user.insert().values(
                email=email, name=name.strip(), password_hash=_hasher.hash(password), role=role,
                school_id=school_id, adviser_id=adviser_id, failed_logins=0,
                created_at=now_local())).inserted_primary_key[0]
    except IntegrityError:
        raise BookingError(f"There is already an account for {email}, or the school/adviser does not exist.") from None
    return StaffUser(user_id, email, name.strip(), role, school_id, adviser_id)


def reset_password(engine: Engine, email: str, password: str) -> None:
    check_password_strength(password)
    with engine.begin() as conn:
        done = conn.execute(schema.staff_user.update().where(schema.staff_user.c.email == email.strip().lower())
                            .values(password_hash=_hasher.hash(password), failed_logins=0, locked_until=None))
    if done.rowcount != 1:
        raise BookingError(f"No account for {email}.")


def authenticate(engine: Engine, email: str, password: str, *, now: datetime | None = None) -> StaffUser:
    """The user, or LoginFailed with a message that does not reveal whether the email exists."""
    now = now or now_local()
    email = (email or "").strip().lower()
    with engine.connect() as conn:
        row = conn.execute(select(schema.staff_user).where(schema.staff_user.c.email == email)).first()
    if row is None:
        _hasher.hash(password or "x")  # same work either way
        raise LoginFailed("That email and password don't match.")
    if row.locked_until and row.locked_until > now:
        raise LoginFailed("Too many failed attempts: this account is locked for 15 minutes.")
    try:
        _hasher.verify(row.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        failures = row.failed_logins + 1
        locked = now + LOCKOUT if failures >= MAX_FAILURES else None
        with engine.begin() as conn:
            conn.execute(schema.staff_user.update().where(schema.staff_user.c.id == row.id)
                         .values(failed_logins=0 if locked else failures, locked_until=locked))
        if locked:
            raise LoginFailed("Too many failed attempts: this account is locked for 15 minutes.") from None
        raise LoginFailed("That email and password don't match.") from None
    with engine.begin() as conn:
        conn.execute(schema.staff_user.update().where(schema.staff_user.c.id == row.id)
                     .values(failed_logins=0, locked_until=None))
    return _user(row)


def get_user(engine: Engine, user_id: int) -> StaffUser | None:
    with engine.connect() as conn:
        row = conn.execute(select(schema.staff_user).where(schema.staff_user.c.id == user_id)).first()
    return _user(row) if row else None


def can_see_school(user: StaffUser, school_id: str | None) -> bool:
    if user.all_schools:
        return True
    return user.role in ("school_staff", "safeguarding_lead") and school_id is not None and school_id == user.school_id
