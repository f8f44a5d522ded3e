"""The latency of single messages, one at a time, on Pathfinder's embedded default: each message is sent again and
again for a few seconds, each time as the first message of a fresh conversation. With --spy, py-spy samples the
action server (or Rasa) meanwhile and the busy time per message is printed, with the raw samples kept in
bench/out/ for a flame graph.

  .venv/bin/python -m bench.load.one_message "how do i become a nurse" "how much do plumbers earn"
  .venv/bin/python -m bench.load.one_message --spy actions --seconds 10 "how do i become a nurse"
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from bench.load.profile import PY_SPY
from bench.load.targets import lift_rate_limits
from bench.load.workload import SCHOOL
from lmi.config import PROJECT_ROOT


def busy_samples(raw: Path) -> int:
    """Samples taken while the server was handling a request (its idle event loop counts as busy to py-spy)."""
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if count.isdigit() and "(idle)" not in stack and "handle_request" in stack:
            total += int(count)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load.one_message", description=__doc__.splitlines()[0])
    parser.add_argument("messages", nargs="+")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--spy", choices=("actions", "rasa"))
    args = parser.parse_args(argv)
    lift_rate_limits()
    from bot.local_servers import start
    out = PROJECT_ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    rate = 500
    with tempfile.TemporaryDirectory(prefix="pathfinder-one-message-") as tmp:
        servers = start(Path(tmp))
        try:
            for message in args.messages:
                servers.say(message)  # warm up
                spy, raw = None, out / f"one-message-{args.spy}-{time.strftime('%Y%m%d-%H%M%S')}.txt"
                if args.spy:
                    pid = servers.processes[0 if args.spy == "actions" else 1].pid
                    spy = subprocess.Popen([str(PY_SPY), "record", "--pid", str(pid), "--rate", str(rate),
                                            "--format", "raw", "--nonblocking", "--output", str(raw)],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
                    time.sleep(1)
                times, end = [], time.monotonic() + args.seconds
                while time.monotonic() < end:
                    started = time.perf_counter()
                    servers.say(message, uuid.uuid4().hex, SCHOOL)
                    times.append(1000 * (time.perf_counter() - started))
                line = (f"{message!r}: {len(times)} messages, median {statistics.median(times):.1f} ms, "
                        f"p95 {sorted(times)[int(len(times) * 0.95)]:.1f} ms")
                if spy:
                    spy.send_signal(2)  # py-spy writes its samples on Ctrl-C
                    spy.wait(timeout=60)
                    if raw.exists():
                        per = 1000 * busy_samples(raw) / rate / len(times)
                        line += f"; {args.spy} busy {per:.1f} ms per message ({raw.relative_to(PROJECT_ROOT)})"
                print(line, flush=True)
        finally:
            servers.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
