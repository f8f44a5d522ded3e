"""`make run-scaled`: the scaled layout on this machine until Ctrl-C.

  python -m bot.scaled [--replicas 2] [--action-workers 2]

State lives in var/scaled/ (PostgreSQL's data folder is under the postgres user's home when run as root).
The proxy listens on PATHFINDER_WEB_PORT (8080) of PATHFINDER_PROXY_BIND (127.0.0.1).
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from bot.scaled.stack import start
from lmi.config import PROJECT_ROOT


def _stop_like_ctrl_c(*_args) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.scaled", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("PATHFINDER_RASA_REPLICAS", "2")))
    parser.add_argument("--action-workers", type=int,
                        default=int(os.environ.get("PATHFINDER_ACTION_WORKERS", "2")))
    args = parser.parse_args(argv)
    if args.replicas < 1 or args.action_workers < 1:
        parser.error("--replicas and --action-workers must be 1 or more")
    port = int(os.environ.get("PATHFINDER_WEB_PORT", "8080"))
    bind = os.environ.get("PATHFINDER_PROXY_BIND", "127.0.0.1")
    signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
    stack = None
    try:
        stack = start(PROJECT_ROOT / "var" / "scaled", replicas=args.replicas, action_workers=args.action_workers,
                      public_port=port, bind=bind)
        host = "localhost" if bind == "127.0.0.1" else bind
        print()
        print(f"Pathfinder (scaled: {args.replicas} Rasa replicas, {args.action_workers} action workers) is running "
              f"behind HAProxy on http://{host}:{port}/")
        print(f"  REST:      POST http://{host}:{port}/webhooks/rest/webhook")
        print(f"  widget:    http://{host}:{port}/   console: http://{host}:{port}/console/login")
        print(f"  logs:      {stack.workdir / 'logs'}")
        print("Press Ctrl-C to stop.")
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        stopped = [name for name, p in stack.processes.items() if p.poll() is not None]
        print(f"{', '.join(stopped)} stopped unexpectedly; stopping the others.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if stack is not None:
            stack.stop()


if __name__ == "__main__":
    raise SystemExit(main())
