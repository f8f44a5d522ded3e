"""Staff accounts: argon2-hashed passwords, lockout after repeated failures, roles, and who may see which school.

Roles (booking.schema.ROLES): a school's teacher, careers_leader, dsl and deputy_dsl; the hub's hub_lead and, if the
hub has one, hub_dsl; and careers advisers. Safeguarding escalations are for the school's DSL and deputies and the
hub_dsl only; hub leads manage accounts and see every school's bookings, reports and non-urgent escalations.
"""
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

SCHOOL_ROLES = ("teacher", "careers_leader", "dsl", "deputy_dsl")
HUB_ROLES = ("hub_lead", "hub_dsl")
SAFEGUARDING_ROLES = ("dsl", "deputy_dsl", "hub_dsl")
ERASURE_ROLES = ("dsl", "deputy_dsl", "hub_dsl", "hub_lead")
ROLE_NAMES = {"teacher": "Teacher", "careers_leader": "Careers leader", "dsl": "Designated safeguarding lead",
              "deputy_dsl": "Deputy safeguarding lead", "hub_lead": "Hub lead", "hub_dsl": "Hub safeguarding lead",
              "adviser": "Careers adviser"}
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

    disabled: bool = False

    @property
    def all_schools(self) -> bool:
        return self.role in HUB_ROLES

    @property
    def safeguarding(self) -> bool:
        """Sees and changes safeguarding escalations (their school's, or every school's for hub_dsl)."""
        return self.role in SAFEGUARDING_ROLES

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)


class LoginFailed(BookingError):
    pass


def _user(row) -> StaffUser:
    return StaffUser(row.id, row.email, row.name, row.role, row.school_id, row.adviser_id, bool(row.disabled))


def check_password_strength(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise BookingError(f"Passwords need at least {MIN_PASSWORD} characters.")


def add_user(engine: Engine, email: str, name: str, password: str, role: str, *, school_id: str | None = None,
             adviser_id: int | None = None) -> StaffUser:
    email = (email or "").strip().lower()
    if "@" not in email:
        raise BookingError(f"{email!r} is not an email address.")
    school_id, adviser_id = _check_role(role, school_id, adviser_id)
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


def _check_role(role: str, school_id: str | None, adviser_id: int | None) -> tuple[str | None, int | None]:
    """The school and adviser this role needs, and nothing it does not."""
    if role not in schema.ROLES:
        raise BookingError(f"Role must be one of: {', '.join(schema.ROLES)}.")
    if role in SCHOOL_ROLES:
        if not school_id:
            raise BookingError("Teachers, careers leaders and safeguarding leads need a school.")
        return school_id, None
    if role == "adviser":
        if not adviser_id:
            raise BookingError("An adviser account needs the adviser's id.")
        return None, int(adviser_id)
    return None, None


def list_users(engine: Engine) -> list[StaffUser]:
    with engine.connect() as conn:
        rows = conn.execute(select(schema.staff_user).order_by(schema.staff_user.c.school_id,
                                                                schema.staff_user.c.email)).all()
    return [_user(r) for r in rows]


def _manager(user: StaffUser) -> None:
    if user.role != "hub_lead" or user.disabled:
        raise BookingError("Only a hub lead can manage staff accounts.")


def _audit(conn, actor: StaffUser, action: str, target: StaffUser | str, detail: str | None) -> None:
    email = target.email if isinstance(target, StaffUser) else target
    conn.execute(schema.audit_event.insert().values(actor=actor.email, action=action, target=f"staff:{email}",
                                                    detail=detail, at=now_local()))


def create_account(engine: Engine, manager: StaffUser, email: str, name: str, password: str, role: str, *,
                   school_id: str | None = None, adviser_id: int | None = None) -> StaffUser:
    """A hub lead adds an account from the console (audited)."""
    _manager(manager)
    made = add_user(engine, email, name, password, role, school_id=school_id, adviser_id=adviser_id)
    with engine.begin() as conn:
        _audit(conn, manager, "staff_add", made, f"{role} {school_id or ''}".strip())
    return made


def change_role(engine: Engine, manager: StaffUser, user_id: int, role: str, *, school_id: str | None = None,
                adviser_id: int | None = None) -> StaffUser:
    _manager(manager)
    target = get_user(engine, user_id, include_disabled=True)
    if target is None:
        raise BookingError("There is no such account.")
    if target.id == manager.id and role != "hub_lead":
        raise BookingError("You can't change your own role: ask another hub lead.")
    school_id, adviser_id = _check_role(role, school_id, adviser_id)
    try:
        with engine.begin() as conn:
            conn.execute(schema.staff_user.update().where(schema.staff_user.c.id == user_id)
                         .values(role=role, school_id=school_id, adviser_id=adviser_id))
            _audit(conn, manager, "staff_role", target, f"{target.role} -> {role} {school_id or ''}".strip())
    except IntegrityError:
        raise BookingError("That school or adviser does not exist.") from None
    return get_user(engine, user_id, include_disabled=True)


def set_disabled(engine: Engine, manager: StaffUser, user_id: int, disabled: bool) -> None:
    _manager(manager)
    target = get_user(engine, user_id, include_disabled=True)
    if target is None:
        raise BookingError("There is no such account.")
    if target.id == manager.id:
        raise BookingError("You can't disable your own account.")
    with engine.begin() as conn:
        conn.execute(schema.staff_user.update().where(schema.staff_user.c.id == user_id).values(disabled=disabled))
        _audit(conn, manager, "staff_disable" if disabled else "staff_enable", target, None)


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
    if row.disabled:
        _hasher.hash(password or "x")
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


def get_user(engine: Engine, user_id: int, *, include_disabled: bool = False) -> StaffUser | None:
    """The account, or None if there is none or it is disabled (which ends its sessions at once)."""
    with engine.connect() as conn:
        row = conn.execute(select(schema.staff_user).where(schema.staff_user.c.id == user_id)).first()
    if row is None or (row.disabled and not include_disabled):
        return None
    return _user(row)


def can_see_school(user: StaffUser, school_id: str | None) -> bool:
    if user.all_schools:
        return True
    return user.role in SCHOOL_ROLES and school_id is not None and school_id == user.school_id
