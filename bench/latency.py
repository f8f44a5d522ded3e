"""End-to-end latency through Rasa's REST channel with the action server: one conversation, then 8 at once."""
from __future__ import annotations

import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from bot.local_servers import Servers

CONVERSATION = [
    "hi",
    "how much do electricians get",
    "can i do an apprenticeship for that",
    "how long does it take",
    "i live in kidderminster",
    "is it in demand round here",
    "what about in stafford",
    "what can i do after my gcses",
    "whats the difference between a levels and t levels",
    "do apprentices get paid",
    "thanks",
]


def _run_conversation(servers: Servers) -> list[float]:
    sender = uuid.uuid4().hex
    timings = []
    for message in CONVERSATION:
        started = time.perf_counter()
        servers.say(message, sender)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]


def measure(servers: Servers, rounds: int = 5, concurrency: int = 8) -> dict:
    _run_conversation(servers)  # warm-up
    single: list[float] = []
    for _ in range(rounds):
        single += _run_conversation(servers)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda _i: _run_conversation(servers), range(concurrency * 2)))
    elapsed = time.perf_counter() - started
    concurrent = [t for r in results for t in r]
    return {
        "messages_single": len(single),
        "single_p50_ms": statistics.median(single),
        "single_p95_ms": _percentile(single, 0.95),
        "concurrent_conversations": concurrency,
        "concurrent_messages": len(concurrent),
        "concurrent_p50_ms": statistics.median(concurrent),
        "concurrent_p95_ms": _percentile(concurrent, 0.95),
        "throughput_msgs_per_s": len(concurrent) / elapsed,
    }
