"""Rasa's Redis lock store, made safe for several Rasa replicas.

Rasa 3.6's RedisLockStore reads a conversation's ticket lock, changes it in Python and writes it back, in three
separate Redis calls. When two replicas take messages of one conversation at the same moment, both read the
same lock, both get the same ticket, and both handle their message at once: the second to save the tracker
drops the first one's events. Here each read-change-write is one Redis transaction (WATCH/MULTI/EXEC, retried
if the key changed meanwhile), so every message gets its own ticket and waits its turn.

Rasa also lets a ticket expire while its message is still waiting: when a replica dies holding a
conversation's lock, the next message of that conversation waits for the dead ticket to expire, its own ticket
expires about then too, and Rasa drops the message (REST answers 200 with no reply). Here a waiting message
keeps its ticket alive each time it checks, so only a ticket whose holder stopped checking (a dead replica)
expires; and it checks every tenth of a second instead of every second.

Used by `bot/runtime_config.py` whenever PATHFINDER_LOCK_STORE_URL is set:
  lock_store: {type: bot.lock_store.AtomicRedisLockStore, url: HOST, port: PORT, db: N}
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Callable, Optional, Tuple

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore

logger = logging.getLogger(__name__)
CHECK_EVERY_SECONDS = 0.1


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config=None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str,
                change: Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Any]]) -> Any:
        """Applies `change` to the stored lock in one transaction; a lock it returns without tickets is deleted."""
        from redis.exceptions import WatchError
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(stored)) if stored else None
                    lock, result = change(lock)
                    pipe.multi()
                    if lock is None or not lock.tickets:
                        pipe.delete(key)
                    else:
                        pipe.set(key, lock.dumps())
                    pipe.execute()
                    return result
                except WatchError:
                    continue  # another replica changed this lock between our read and write: read again

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock):
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as exc:
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock):
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock):
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # finish_serving deletes the lock in the same transaction once no ticket is left
        self.finish_serving(conversation_id, ticket_number)

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        while True:
            lock = self._change(conversation_id, lambda stored: self._wait_in_line(stored, ticket))
            if lock is None:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            if lock.now_serving == ticket:
                return lock
            await asyncio.sleep(min(wait_time_in_seconds, CHECK_EVERY_SECONDS))

    @staticmethod
    def _wait_in_line(lock: Optional[TicketLock], ticket: int):
        """Drops expired tickets ahead of ours (holders that died) and renews ours, since we are still here."""
        if lock is None or all(t.number != ticket for t in lock.tickets):
            return lock, None
        now = time.time()
        lock.tickets = [t for t in lock.tickets if t.number == ticket or t.expires >= now]
        lock.tickets = [Ticket(t.number, now + LOCK_LIFETIME) if t.number == ticket else t for t in lock.tickets]
        return lock, lock
