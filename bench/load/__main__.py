"""`make bench-load`: the same pupil workload (bench/load/locustfile.py, locust headless, from .venv-bench)
against a stock `rasa init` bot, Pathfinder's embedded default and Pathfinder's scaled layout, one after
another, twice, interleaved; then one table with each Pathfinder figure as a ratio to stock's from the same round.

  python -m bench.load [--seconds 20] [--users 1,8,32] [--rounds 2] [--replicas 2] [--action-workers 2]

The three servers start once and stay up; only the one being measured receives load.
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load.targets import Target, lift_rate_limits, resident_mb, start_embedded, start_scaled, start_stock, warm_up
from lmi.config import PROJECT_ROOT

HERE = Path(__file__).parent
LOCUST = PROJECT_ROOT / ".venv-bench" / "bin" / "locust"
sys.path.insert(0, str(HERE))


def run_locust(target: Target, users: int, seconds: int, out: Path) -> dict:
    prefix = out / f"{target.name.split()[1] if ' ' in target.name else target.name}-{users}-{time.time_ns()}"
    cmd = [str(LOCUST), "-f", str(HERE / "locustfile.py"), "--headless", "--host", target.url, "-u", str(users),
           "-r", str(users), "-t", f"{seconds}s", "--csv", str(prefix), "--only-summary",
           "--loglevel", "WARNING"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=open(f"{prefix}.log", "w"), timeout=seconds + 120)
    with open(f"{prefix}_stats.csv", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["Name"] == "Aggregated")
    return {"rps": float(row["Requests/s"]), "p50": float(row["50%"]), "p95": float(row["95%"]),
            "p99": float(row["99%"]), "requests": int(row["Request Count"]), "errors": int(row["Failure Count"]),
            "rss": resident_mb(target.pids())}


def ratio(value: float, stock: float) -> str:
    return f"{value / stock:.2f}x" if stock else "-"


def print_table(results: list[dict]) -> None:
    head = (f"{'round':>5} {'at once':>7}  {'target':<31} {'msgs/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
            f"{'errors':>6} {'RSS MB':>7}   {'msgs/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'RSS':>6}")
    print()
    print(" " * 101 + "ratio to stock (same round)")
    print(head)
    print("-" * len(head))
    for r in results:
        s = next(x for x in results if x["round"] == r["round"] and x["users"] == r["users"] and x["kind"] == "stock")
        ratios = ("" if r is s else
                  f"{ratio(r['rps'], s['rps']):>6} {ratio(r['p50'], s['p50']):>6} {ratio(r['p95'], s['p95']):>6} "
                  f"{ratio(r['p99'], s['p99']):>6} {ratio(r['rss'], s['rss']):>6}")
        print(f"{r['round']:>5} {r['users']:>7}  {r['target']:<31} {r['rps']:>7.1f} {r['p50']:>7.0f} {r['p95']:>7.0f} "
              f"{r['p99']:>7.0f} {r['errors']:>6} {r['rss']:>7.0f}   {ratios}")


def check_targets(results: list[dict]) -> list[str]:
    """The issue's targets for the scaled layout, per round: one line each, met or not."""
    lines = []
    for r in (x for x in results if x["kind"] == "scaled"):
        s = next(x for x in results if x["round"] == r["round"] and x["users"] == r["users"] and x["kind"] == "stock")
        if r["users"] == 1:
            ok = r["p95"] <= 1.2 * s["p95"]
            lines.append(f"round {r['round']}, 1 at once: p95 {r['p95']:.0f} ms <= 1.2 x stock's {s['p95']:.0f} ms: "
                         f"{'met' if ok else 'NOT met'}")
        else:
            ok = r["rps"] >= 1.5 * s["rps"] and r["p95"] <= s["p95"]
            lines.append(f"round {r['round']}, {r['users']} at once: {r['rps']:.1f} msg/s >= 1.5 x stock's "
                         f"{s['rps']:.1f} and p95 {r['p95']:.0f} <= {s['p95']:.0f} ms: {'met' if ok else 'NOT met'}")
    errors = sum(x["errors"] for x in results if x["kind"] != "stock")
    lines.append(f"errors in Pathfinder's runs: {errors}: {'met' if errors == 0 else 'NOT met'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    lift_rate_limits()
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("PATHFINDER_BENCH_SECONDS", "20")))
    parser.add_argument("--users", default="1,8,32")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--action-workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not LOCUST.exists():
        print(f"locust is not installed in .venv-bench: run `make bench-load` (it creates it)", file=sys.stderr)
        return 1
    levels = [int(u) for u in args.users.split(",")]
    from workload import CONVERSATION
    started = time.monotonic()
    out = PROJECT_ROOT / "bench" / "out" / time.strftime("load-%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    targets: dict[str, Target] = {}
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="pathfinder-bench-load-") as tmp:
        try:
            print("Starting the stock bot, Pathfinder embedded and Pathfinder scaled (a few minutes)...", flush=True)
            targets["stock"] = start_stock(Path(tmp))
            targets["embedded"] = start_embedded(Path(tmp) / "embedded")
            targets["scaled"] = start_scaled(Path(tmp) / "scaled", args.replicas, args.action_workers)
            for target in targets.values():
                warm_up(target, CONVERSATION)
            print(f"All up after {time.monotonic() - started:.0f} s; {args.seconds} s per run.", flush=True)
            for round_ in range(1, args.rounds + 1):
                for users in levels:
                    for kind, target in targets.items():
                        figures = run_locust(target, users, args.seconds, out)
                        results.append({"round": round_, "users": users, "kind": kind, "target": target.name,
                                        **figures})
                        print(f"  round {round_}, {users:>2} at once, {target.name}: {figures['rps']:.1f} msg/s, "
                              f"p95 {figures['p95']:.0f} ms, {figures['errors']} errors", flush=True)
        finally:
            for target in targets.values():
                target.stop()
    print_table(results)
    print()
    for line in check_targets(results):
        print(line)
    print(f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
          f"{time.monotonic() - started:.0f} s in all; locust CSVs in {out.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
