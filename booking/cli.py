"""Setting up a hub from the command line.

  python -m booking init                      create the tables
  python -m booking seed-demo [--if-empty]    a demo hub so a newcomer can book at once
  python -m booking add-school ID NAME AREA CONTACT EMAIL [--webhook URL]
  python -m booking add-adviser NAME --level 6 --cdi --schools a,b [--email E] [--webhook URL]
  python -m booking add-slots ADVISER_ID "2026-12-01 09:00" [--minutes 30] [--every-days 7 --count 10]
  python -m booking import schools|advisers|slots FILE.csv
  python -m booking worker [--once]           deliver outbox handoffs, retrying until delivered; purge daily
  python -m booking purge [--dry-run]         delete data past its retention period (docs/retention.md)
  python -m booking allow-bookings CONVERSATION_ID N   let one pupil hold N upcoming interviews
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from booking import hub, retention
from booking.outbox import deliver_due, run_worker
from booking.service import BookingError, allow_upcoming
from lmi.config import make_engine


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m booking", description="Set up a Careers Hub for booking.")
    parser.add_argument("--database", help="SQLAlchemy URL (default: $PATHFINDER_DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init")
    p = sub.add_parser("seed-demo")
    p.add_argument("--if-empty", action="store_true")
    p = sub.add_parser("add-school")
    for name in ("id", "name", "area_id", "safeguarding_contact", "safeguarding_email"):
        p.add_argument(name)
    p.add_argument("--webhook")
    p = sub.add_parser("add-adviser")
    p.add_argument("name")
    p.add_argument("--level", type=int, required=True)
    p.add_argument("--cdi", action="store_true", help="registered with the Career Development Institute")
    p.add_argument("--schools", required=True, help="comma-separated school ids")
    p.add_argument("--email")
    p.add_argument("--webhook")
    p = sub.add_parser("add-slots")
    p.add_argument("adviser_id", type=int)
    p.add_argument("starts_at", help='local time, e.g. "2026-12-01 09:00"')
    p.add_argument("--minutes", type=int, default=30)
    p.add_argument("--mode", default="In person at school")
    p.add_argument("--every-days", type=int, default=0)
    p.add_argument("--count", type=int, default=1)
    p = sub.add_parser("import")
    p.add_argument("kind", choices=["schools", "advisers", "slots"])
    p.add_argument("file", type=Path)
    p = sub.add_parser("worker")
    p.add_argument("--once", action="store_true")
    p.add_argument("--interval", type=float, default=5.0)
    p.add_argument("--tracker", help="Rasa tracker store URL (default: $PATHFINDER_TRACKER_URL)")
    p = sub.add_parser("purge")
    p.add_argument("--dry-run", action="store_true", help="count what would go, delete nothing")
    p.add_argument("--tracker", help="Rasa tracker store URL (default: $PATHFINDER_TRACKER_URL)")
    p = sub.add_parser("allow-bookings")
    p.add_argument("conversation_id")
    p.add_argument("count", type=int)
    p.add_argument("--by", default="command line", help="who allowed it, for the audit trail")
    return parser


def _tracker(url: str | None):
    from bot.runtime_config import tracker_url
    return make_engine(url or tracker_url())


def _purge(engine, tracker_url: str | None, dry_run: bool = False) -> None:
    counts = retention.purge(engine, _tracker(tracker_url), dry_run=dry_run)
    print(("Would delete (dry run):" if dry_run else "Purged data past its retention period:"))
    print(counts, flush=True)


def _daily_purge(engine, tracker_url: str | None) -> None:
    """A failed purge is reported and tried again tomorrow; it never stops handoffs being delivered."""
    try:
        _purge(engine, tracker_url)
    except Exception as exc:  # noqa: BLE001 - the worker must keep delivering
        print(f"error: the daily purge failed: {exc.__class__.__name__}: {exc}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    engine = make_engine(args.database)
    hub.create_tables(engine)
    try:
        if args.command == "init":
            print("Booking tables are ready.")
        elif args.command == "seed-demo":
            if args.if_empty and not hub.is_empty(engine):
                print("The hub already has schools; demo seed skipped.")
            else:
                demo = hub.seed_demo(engine)
                print(f"Demo hub seeded: {len(demo.schools)} schools, {len(demo.advisers)} advisers with weekly slots.")
        elif args.command == "add-school":
            hub.add_school(engine, args.id, args.name, args.area_id, args.safeguarding_contact,
                           args.safeguarding_email, args.webhook)
            print(f"Added school {args.id}.")
        elif args.command == "add-adviser":
            adviser_id = hub.add_adviser(engine, args.name, args.level, args.cdi,
                                         [s.strip() for s in args.schools.split(",") if s.strip()],
                                         args.webhook, args.email)
            print(f"Added adviser {adviser_id}: {args.name}.")
        elif args.command == "add-slots":
            try:
                first = datetime.fromisoformat(args.starts_at)
            except ValueError:
                print(f"{args.starts_at!r} is not a date and time like 2026-12-01 09:00.", file=sys.stderr)
                return 2
            added = hub.add_slots(engine, args.adviser_id, first, minutes=args.minutes, mode=args.mode,
                                  every_days=args.every_days, count=args.count)
            print(f"Added {added} slot(s).")
        elif args.command == "import":
            count = hub.import_csv(engine, args.kind, args.file)
            print(f"Imported {count} {args.kind}.")
        elif args.command == "worker":
            if args.once:
                report = deliver_due(engine)
                print(f"Delivered {report.delivered}, retrying {report.retrying}, failed {report.failed}.")
            else:
                print("Delivering handoffs and purging old data daily (Ctrl-C to stop)...")
                retention.check_periods()
                run_worker(engine, interval=args.interval, daily=lambda: _daily_purge(engine, args.tracker))
        elif args.command == "purge":
            _purge(engine, args.tracker, args.dry_run)
        elif args.command == "allow-bookings":
            allow_upcoming(engine, args.conversation_id, args.count, args.by)
            print(f"Conversation {args.conversation_id} may now hold {args.count} upcoming interview(s).")
    except BookingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0
