"""The three servers `make bench-load` compares, each started on free ports and stopped afterwards:
a stock `rasa init` bot, Pathfinder's embedded default (one Rasa, SQLite) and Pathfinder's scaled layout."""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import requests

from bench.load.stock_bot import ensure_stock_bot
from bot.launch import wait_for
from bot.local_servers import free_port
from bot.train import rasa_executable



def lift_rate_limits() -> None:
    """The load comes from one address, many messages a minute per conversation: the channels' rate limits would
    answer most of it with "slow down" (counted as errors). Stock Rasa has none, so both are off for the servers
    started here; the limits themselves are tested in tests/unit/test_ratelimit.py and tests/e2e/test_abuse.py."""
    os.environ["PATHFINDER_RATE_PER_CONVERSATION"] = "0"
    os.environ["PATHFINDER_RATE_PER_ADDRESS"] = "0"

@dataclass
class Target:
    name: str
    url: str
    pids: Callable[[], list[int]]
    stop: Callable[[], None]
    counted: str = ""
    extra: dict = field(default_factory=dict)
    processes: list[str] = field(default_factory=list)  # each Rasa process's own URL, when there are several


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        if current in found or not Path(f"/proc/{current}").exists():
            continue
        found.add(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                pass
    return found


def resident_mb(pids: list[int]) -> float:
    """Resident memory of the processes and all their descendants, in MB."""
    every = set().union(*(descendants(pid) for pid in pids)) if pids else set()
    total_kb = 0
    for pid in every:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            pass
    return total_kb / 1024


def start_stock(workdir: Path) -> Target:
    folder, model = ensure_stock_bot()
    port = free_port()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    proc = subprocess.Popen([rasa_executable(), "run", "--model", str(model), "--port", str(port),
                             "--credentials", str(folder / "credentials.yml"), "--endpoints",
                             str(folder / "endpoints.yml")], cwd=folder, env=env,
                            stdout=open(workdir / "stock.log", "w"), stderr=subprocess.STDOUT)

    def stop():
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()

    if not wait_for(f"http://127.0.0.1:{port}/", 600, proc):
        stop()
        raise RuntimeError(f"the stock bot did not start: {(workdir / 'stock.log').read_text()[-2000:]}")
    return Target("stock rasa init", f"http://127.0.0.1:{port}", lambda: [proc.pid], stop, "rasa")


# Enough free interview slots that every simulated pupil's booking goes through in every run: the demo hub has
# 40 for the benchmark's school, which the first run used up, so later runs measured no bookings at all.
BENCH_SLOT_DAYS = 250
BENCH_SLOT_HOURS = (9, 10, 11, 12, 13, 14, 15, 16)


def add_bench_slots(database_url: str) -> int:
    """Adds BENCH_SLOT_DAYS x len(BENCH_SLOT_HOURS) slots for the adviser of the workload's school."""
    from datetime import datetime, time as clock, timedelta

    from sqlalchemy import select

    from bench.load.workload import SCHOOL
    from booking import hub, schema
    from booking.service import now_local
    from lmi.config import make_engine
    engine = make_engine(database_url)
    with engine.connect() as conn:
        adviser_id = conn.execute(select(schema.adviser_school.c.adviser_id)
                                  .where(schema.adviser_school.c.school_id == SCHOOL["school_id"])).scalar_one()
    first = now_local().date() + timedelta(days=1)
    added = 0
    for hour in BENCH_SLOT_HOURS:
        added += hub.add_slots(engine, adviser_id, datetime.combine(first, clock(hour, 0)), every_days=1,
                               count=BENCH_SLOT_DAYS)
    engine.dispose()
    return added


def start_embedded(workdir: Path) -> Target:
    from bot.local_servers import start
    servers = start(workdir)
    add_bench_slots(servers.database_url)
    return Target("Pathfinder embedded", servers.rasa_url, lambda: [p.pid for p in servers.processes],
                  servers.stop, "rasa + action server")


def start_scaled(workdir: Path, replicas: int, action_workers: int) -> Target:
    from bot.scaled.stack import start
    stack = start(workdir, replicas=replicas, action_workers=action_workers, throwaway=True, log=lambda _m: None)
    add_bench_slots(stack.database_url)

    def pids():
        pid_file = stack.postgres.data / "postmaster.pid"
        postmaster = [int(pid_file.read_text().split()[0])] if pid_file.exists() else []
        return stack.pids() + postmaster

    return Target(f"Pathfinder scaled ({replicas} replicas)", stack.public_url, pids, stack.stop,
                  "replicas, actions, console, worker, proxy, redis, postgres", {"replica": lambda: stack.replica(1).pid},
                  processes=list(stack.rasa_urls))


def warm_up(target: Target, conversation: list[tuple[str, str]]) -> None:
    """One full conversation first, so the first measured requests do not pay for lazy start-up work; with
    several Rasa processes, one on each (through the proxy, messages without its cookie alternate between them,
    so no replica would see the whole conversation)."""
    for url in target.processes or [target.url]:
        sender = f"warm-up-{time.time_ns()}"
        for _step, text in conversation:
            requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                          timeout=120).raise_for_status()
