"""Staff accounts from the command line.

  python -m console add-user EMAIL "NAME" ROLE [--school ID] [--adviser ID]   (asks for the password)
  python -m console reset-password EMAIL                                      (asks for the new password)
  python -m console serve                                                      (the widget and console)
Roles: teacher, careers_leader, dsl, deputy_dsl, hub_lead, hub_dsl, adviser (a hub lead can also manage
accounts in the console at /console/staff). Use --password-stdin in scripts.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from booking import schema, staff
from booking.hub import create_tables
from booking.service import BookingError
from lmi.config import make_engine


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (10+ characters): ")
    if getpass.getpass("Same password again: ") != first:
        raise BookingError("The two passwords were different.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m console", description="Pathfinder staff accounts.")
    parser.add_argument("--database", help="SQLAlchemy URL (default: $PATHFINDER_DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("add-user")
    p.add_argument("email")
    p.add_argument("name")
    p.add_argument("role", choices=schema.ROLES)
    p.add_argument("--school")
    p.add_argument("--adviser", type=int)
    p.add_argument("--password-stdin", action="store_true")
    p = sub.add_parser("reset-password")
    p.add_argument("email")
    p.add_argument("--password-stdin", action="store_true")
    sub.add_parser("serve")
    args = parser.parse_args(argv)
    if args.command == "serve":
        from console.app import main as serve
        serve()
        return 0
    engine = make_engine(args.database)
    create_tables(engine)
    try:
        if args.command == "add-user":
            user = staff.add_user(engine, args.email, args.name, _password(args), args.role,
                                  school_id=args.school, adviser_id=args.adviser)
            print(f"Added {user.role.replace('_', ' ')} {user.email}.")
        else:
            staff.reset_password(engine, args.email, _password(args))
            print(f"Password reset for {args.email}; the account is unlocked.")
    except BookingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
