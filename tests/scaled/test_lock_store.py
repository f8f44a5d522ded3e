"""The lock store several Rasa replicas share: every message of one conversation gets its own ticket, even when
they arrive at the same moment on different replicas (Rasa 3.6's RedisLockStore hands out duplicates)."""
import asyncio
import threading
import time

import pytest

from bot.lock_store import AtomicRedisLockStore
from bot.scaled.services import free_port, start_redis


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory):
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    proc = start_redis(folder, port, open(folder / "log", "w"))
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_tickets_issued_at_once_by_two_replicas_are_all_different(redis_port):
    replicas = [AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=0) for _ in range(2)]
    tickets, barrier = [], threading.Barrier(30)

    def take(store):
        barrier.wait()
        tickets.append(store.issue_ticket("pupil-1", 60))

    threads = [threading.Thread(target=take, args=(replicas[n % 2],)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(tickets) == list(range(min(tickets), min(tickets) + 30))
    assert len(replicas[0].get_lock("pupil-1").tickets) == 30


def test_one_conversation_is_served_one_message_at_a_time_and_the_lock_is_removed_after(redis_port):
    replicas = [AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=0) for _ in range(2)]
    inside, most_inside = [0], [0]

    async def handle(store):
        async with store.lock("pupil-2", wait_time_in_seconds=0.01):
            inside[0] += 1
            most_inside[0] = max(most_inside[0], inside[0])
            await asyncio.sleep(0.02)
            inside[0] -= 1

    async def everyone():
        await asyncio.gather(*(handle(replicas[n % 2]) for n in range(10)))

    asyncio.run(everyone())
    assert most_inside[0] == 1
    assert replicas[0].get_lock("pupil-2") is None


def test_a_message_waiting_behind_a_dead_replica_keeps_its_ticket_and_is_served(redis_port, monkeypatch):
    import bot.lock_store
    monkeypatch.setattr(bot.lock_store, "LOCK_LIFETIME", 1.0)
    dead, alive = (AtomicRedisLockStore(host="127.0.0.1", port=redis_port, db=0) for _ in range(2))
    dead.issue_ticket("pupil-3", 1.0)  # its holder dies and never gives the ticket back

    async def next_message():
        async with alive.lock("pupil-3", lock_lifetime=1.0):
            return "served"

    started = time.monotonic()
    # Rasa's own store never serves it: both tickets expire together and the message is dropped or waits forever
    assert asyncio.run(asyncio.wait_for(next_message(), 5)) == "served"
    assert 0.9 < time.monotonic() - started < 3
