"""Handoffs survive an adviser's system being down: retried with backoff, each delivered exactly once."""
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import select

from booking import hub, schema
from booking.outbox import ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, deliver_due, retry
from booking.settings import handoff_secret
from booking.signing import verify
from booking.service import Pupil, book, free_slots
from tests.booking.conftest import NOW


class FlakyAdviserSystem:
    """A local HTTP server that fails the first `failures` requests, then accepts."""

    def __init__(self, failures: int):
        self.failures = failures
        self.received: list[dict] = []
        self.requests = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests += 1
                if outer.requests <= outer.failures:
                    self.send_response(503)
                    self.end_headers()
                    return
                assert verify(body, self.headers[TIMESTAMP_HEADER], self.headers[SIGNATURE_HEADER], handoff_secret())
                message = json.loads(body)
                assert self.headers[ID_HEADER] == message["id"]
                outer.received.append(message)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/handoff"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def test_webhook_fails_then_recovers_and_every_message_arrives_once(engine):
    system = FlakyAdviserSystem(failures=7)
    try:
        adviser = hub.add_adviser(engine, "Webhook Adviser", 6, True, ["worcester-high"], webhook_url=system.url)
        hub.add_slots(engine, adviser, NOW + timedelta(days=2), every_days=1, count=5)
        slots = [s for s in free_slots(engine, "worcester-high", now=NOW, limit=50) if s.adviser == "Webhook Adviser"]
        for n, slot in enumerate(slots[:5]):
            book(engine, Pupil(f"c{n}", "Kim", "worcester-high", 11, "apprenticeships", True), slot.slot_id, now=NOW)
        now = NOW
        for _ in range(12):
            deliver_due(engine, now=now)
            now += timedelta(hours=1)
        with engine.connect() as conn:
            ids = [r.id for r in conn.execute(select(schema.outbox.c.id).where(schema.outbox.c.channel == "webhook"))]
            statuses = {r.status for r in conn.execute(select(schema.outbox.c.status)
                                                       .where(schema.outbox.c.channel == "webhook"))}
        assert len(ids) == 5 and statuses == {"delivered"}
        assert sorted(m["id"] for m in system.received) == sorted(ids)
    finally:
        system.close()


def test_a_message_that_keeps_failing_is_kept_as_failed_and_can_be_retried(engine):
    calls = []

    def down(recipient, body, message):
        calls.append(message["id"])
        raise ConnectionError("adviser system down")

    slot = free_slots(engine, "kidderminster-academy", now=NOW)[0]
    book(engine, Pupil("c1", "Kim", "kidderminster-academy", 9, "options", True), slot.slot_id, now=NOW)
    now = NOW
    for _ in range(15):
        deliver_due(engine, senders={"email": down, "webhook": down}, now=now)
        now += timedelta(hours=2)
    with engine.connect() as conn:
        row = conn.execute(select(schema.outbox)).one()
    assert row.status == "failed" and "adviser system down" in row.last_error and row.attempts == 10
    delivered = []
    assert retry(engine, row.id, now=now)
    report = deliver_due(engine, senders={"email": lambda r, b, m: delivered.append(m["id"])}, now=now)
    assert report.delivered == 1 and delivered == [row.id]


def test_backoff_waits_before_retrying(engine):
    slot = free_slots(engine, "kidderminster-academy", now=NOW)[0]
    book(engine, Pupil("c1", "Kim", "kidderminster-academy", 9, "options", True), slot.slot_id, now=NOW)
    attempts = []

    def down(recipient, body, message):
        attempts.append(1)
        raise ConnectionError("down")

    deliver_due(engine, senders={"email": down}, now=NOW)
    deliver_due(engine, senders={"email": down}, now=NOW + timedelta(seconds=5))
    assert len(attempts) == 1
    deliver_due(engine, senders={"email": down}, now=NOW + timedelta(seconds=31))
    assert len(attempts) == 2
