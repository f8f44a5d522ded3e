"""Token-bucket rate limits kept in this process, and the client address behind trusted reverse proxies.

Each key (a conversation id, an address) may spend `capacity` at once and gets it back evenly over `period` seconds.
Several replicas each keep their own buckets: the limits then apply per replica.
"""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from typing import Callable


def int_setting(name: str, default: int) -> int:
    """A whole number of at least 0 from the environment, or the default; anything else stops with a clear message."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise SystemExit(f"{name} must be a whole number (0 or more), not {raw!r}")
    return int(raw)


class RateLimiter:
    """Token buckets by key; a capacity of 0 means no limit. Keeps at most `max_keys` buckets (least recent go)."""

    def __init__(self, capacity: int, period: float, *, max_keys: int = 100_000,
                 clock: Callable[[], float] = time.monotonic):
        self.capacity = capacity
        self.period = period
        self._max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, when)
        self._lock = threading.Lock()

    def _tokens(self, key: str, now: float) -> float:
        tokens, when = self._buckets.get(key, (float(self.capacity), now))
        return min(float(self.capacity), tokens + (now - when) * self.capacity / self.period)

    def allow(self, key: str) -> bool:
        """Spends one token for the key if it has one."""
        if self.capacity <= 0:
            return True
        with self._lock:
            now = self._clock()
            tokens = self._tokens(key, now)
            if tokens < 1:
                return False
            self._buckets[key] = (tokens - 1, now)
            self._buckets.move_to_end(key)
            while len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
            return True

    def refund(self, key: str) -> None:
        """Gives back a token spent on something that turned out fine (a login that succeeded)."""
        if self.capacity <= 0:
            return
        with self._lock:
            if key in self._buckets:
                now = self._clock()
                self._buckets[key] = (min(float(self.capacity), self._tokens(key, now) + 1), now)

    def blocked(self, key: str) -> bool:
        if self.capacity <= 0:
            return False
        with self._lock:
            return self._tokens(key, self._clock()) < 1

    def retry_after(self, key: str) -> int:
        """Whole seconds until the key has a token again."""
        if self.capacity <= 0:
            return 0
        with self._lock:
            missing = 1 - self._tokens(key, self._clock())
        return max(0, int(missing * self.period / self.capacity + 0.999))


def trusted_proxies() -> int:
    """How many reverse proxies in front of us append to X-Forwarded-For (PATHFINDER_TRUSTED_PROXIES, default 0)."""
    return int_setting("PATHFINDER_TRUSTED_PROXIES", 0)


def client_address(peer: str | None, forwarded_for: str | None, proxies: int) -> str:
    """The client's address: the peer's, or with N trusted proxies the Nth X-Forwarded-For entry from the right
    (entries further left were written by the client and cannot be trusted)."""
    if proxies > 0 and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        if hops:
            return hops[-proxies] if len(hops) >= proxies else hops[0]
    return peer or "unknown"
