"""Where a Rasa process spends its time under the pupil workload: py-spy samples it while locust sends load,
and the samples are grouped by the part of Rasa they are in (for docs/performance.md).

  python -m bench.load.profile [--users 8] [--seconds 30] [--target embedded|stock|scaled]

With --target scaled it samples the first of the two Rasa replicas (the proxy sends it about half the load).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from bench.load.__main__ import HERE, LOCUST, run_locust
from bench.load.targets import lift_rate_limits, start_embedded, start_scaled, start_stock, warm_up
from lmi.config import PROJECT_ROOT

PY_SPY = PROJECT_ROOT / ".venv-bench" / "bin" / "py-spy"
# First match wins, tested on each sample's frames from the innermost outwards.
PARTS = [
    ("validating action responses", ("jsonschema", "_validate_action_result", "validate_slots")),
    ("SQL tracker store", ("tracker_store.py", "sqlalchemy", "psycopg2", "sqlite3")),
    ("TensorFlow inference", ("tensorflow", "keras")),
    ("featurising the tracker", ("featurizer", "tracker_featurizers", "prediction_states", "past_states")),
    ("rule and memoization lookups", ("rule_policy.py", "memoization.py")),
    ("NLU pipeline", ("rasa/nlu/", "spacy", "sklearn", "scipy")),
    ("action server calls (waiting)", ("aiohttp",)),
    ("events and domain bookkeeping", ("rasa/shared/core/events.py", "rasa/shared/core/trackers.py",
                                       "rasa/shared/core/domain.py", "rasa/shared/core/slots.py")),
]


def classify(stack: str) -> str:
    frames = stack.split(";")
    for frame in reversed(frames):
        for part, needles in PARTS:
            if any(needle in frame for needle in needles):
                return part
    return "other (Sanic, asyncio, logging, JSON)"


def summarise(raw: Path) -> list[tuple[str, float]]:
    counts: Counter = Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit() and "(idle)" not in stack:
            counts[classify(stack)] += int(count)
    total = sum(counts.values()) or 1
    return [(part, 100 * n / total) for part, n in counts.most_common()]


def main(argv: list[str] | None = None) -> int:
    lift_rate_limits()
    parser = argparse.ArgumentParser(prog="python -m bench.load.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--target", choices=("embedded", "stock", "scaled"), default="embedded")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from workload import CONVERSATION
    out = PROJECT_ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    raw = out / f"profile-{args.target}-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    with tempfile.TemporaryDirectory(prefix="pathfinder-profile-") as tmp:
        if args.target == "scaled":
            target = start_scaled(Path(tmp), replicas=2, action_workers=2)
        else:
            target = (start_embedded if args.target == "embedded" else start_stock)(Path(tmp))
        try:
            warm_up(target, CONVERSATION)
            rasa_pid = target.extra["replica"]() if args.target == "scaled" else target.pids()[-1]
            spy = subprocess.Popen([str(PY_SPY), "record", "--pid", str(rasa_pid), "--duration",
                                    str(args.seconds - 5), "--rate", "100", "--format", "raw", "--nonblocking",
                                    "--output", str(raw)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            figures = run_locust(target, args.users, args.seconds, out)
            spy.wait(timeout=60)
        finally:
            target.stop()
    print(f"{target.name}, {args.users} at once for {args.seconds} s: {figures['rps']:.1f} msg/s, "
          f"p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, {figures['errors']} errors")
    print(f"Rasa's busy samples ({raw.relative_to(PROJECT_ROOT)}):")
    for part, share in summarise(raw):
        print(f"  {share:5.1f}%  {part}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
