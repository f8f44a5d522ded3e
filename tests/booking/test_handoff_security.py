"""Handoffs are safe to send: no default key outside development, a signed timestamp against replays, email
only over verified TLS, and nothing a pupil types can add lines to the .ics invite (issue 9, item 8)."""
from __future__ import annotations

import json
import re
import ssl
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from booking import hub, outbox, schema, settings
from booking.ics import calendar_invite
from booking.service import Pupil, book, free_slots
from booking.signing import REPLAY_WINDOW, SIGNATURE_HEADER, TIMESTAMP_HEADER, signed_headers, verify
from tests.booking.conftest import NOW

KEY = b"a-long-random-handoff-key-for-tests-0123456789"


class Receiver:
    def __init__(self):
        self.received: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append({"body": body, "headers": dict(self.headers)})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/handoff"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def _book_with_webhook(engine, url: str, topic: str = "apprenticeships") -> None:
    adviser = hub.add_adviser(engine, "Hook Adviser", 6, True, ["worcester-high"], webhook_url=url)
    hub.add_slots(engine, adviser, NOW + timedelta(days=2))
    slot = [s for s in free_slots(engine, "worcester-high", now=NOW, limit=50) if s.adviser == "Hook Adviser"][0]
    book(engine, Pupil("c1", "Kim", "worcester-high", 11, topic, True), slot.slot_id, now=NOW)


def test_production_refuses_to_sign_with_the_default_key_and_keeps_the_message(engine, monkeypatch):
    monkeypatch.setenv("PATHFINDER_ENV", "production")
    monkeypatch.delenv("PATHFINDER_HANDOFF_SECRET", raising=False)
    receiver = Receiver()
    _book_with_webhook(engine, receiver.url)
    report = outbox.deliver_due(engine, now=NOW)
    assert receiver.received == []
    assert report.delivered == 0
    with engine.connect() as conn:
        row = conn.execute(select(schema.outbox).where(schema.outbox.c.channel == "webhook")).one()
    assert row.status == "pending" and "PATHFINDER_HANDOFF_SECRET" in row.last_error
    monkeypatch.setenv("PATHFINDER_HANDOFF_SECRET", "change-me-in-production")
    with pytest.raises(settings.HandoffConfigError):
        settings.handoff_secret()


def test_development_may_use_the_default_key(monkeypatch):
    monkeypatch.delenv("PATHFINDER_ENV", raising=False)
    monkeypatch.delenv("PATHFINDER_HANDOFF_SECRET", raising=False)
    assert settings.handoff_secret() == settings.DEFAULT_HANDOFF_SECRET.encode()


def test_a_delivered_webhook_carries_a_signed_timestamp(engine, monkeypatch):
    monkeypatch.setenv("PATHFINDER_HANDOFF_SECRET", KEY.decode())
    receiver = Receiver()
    _book_with_webhook(engine, receiver.url)
    outbox.deliver_due(engine, now=NOW)
    got = receiver.received[0]
    assert verify(got["body"], got["headers"][TIMESTAMP_HEADER], got["headers"][SIGNATURE_HEADER], KEY)
    assert not verify(got["body"], got["headers"][TIMESTAMP_HEADER], got["headers"][SIGNATURE_HEADER], b"other key")


def test_a_captured_webhook_cannot_be_replayed_after_the_window():
    body = json.dumps({"kind": "booking.cancelled", "reference": "PF-ABCDEFGH"}).encode()
    sent_at = 1_800_000_000
    headers = signed_headers(body, KEY, now=sent_at)
    stamp, signature = headers[TIMESTAMP_HEADER], headers[SIGNATURE_HEADER]
    assert verify(body, stamp, signature, KEY, now=sent_at + 10)
    assert not verify(body, stamp, signature, KEY, now=sent_at + REPLAY_WINDOW + 1)
    assert not verify(body, str(sent_at + 200), signature, KEY, now=sent_at + 200)  # a fresh stamp breaks it
    assert not verify(body + b" ", stamp, signature, KEY, now=sent_at)
    assert not verify(body, None, signature, KEY, now=sent_at)
    assert REPLAY_WINDOW == 300


class RecordingSMTP:
    calls: list = []

    def __init__(self, host, port, timeout=None, context=None):
        RecordingSMTP.calls = [("connect", host, port)]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context=None):
        RecordingSMTP.calls.append(("starttls", context))

    def login(self, user, password):
        RecordingSMTP.calls.append(("login", user))

    def send_message(self, email):
        RecordingSMTP.calls.append(("send", email["To"]))


def test_email_uses_starttls_with_certificate_checks_by_default(monkeypatch):
    for name in ("PATHFINDER_SMTP_STARTTLS", "PATHFINDER_ENV", "PATHFINDER_SMTP_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATHFINDER_SMTP_USER", "relay-user")
    monkeypatch.setenv("PATHFINDER_SMTP_PASSWORD", "pw")
    monkeypatch.setattr(outbox.smtplib, "SMTP", RecordingSMTP)
    outbox.send_email("adviser@example.org", "{}", {"id": "m1", "kind": "booking.confirmed", "reference": "PF-1"})
    steps = [c[0] for c in RecordingSMTP.calls]
    assert steps == ["connect", "starttls", "login", "send"]
    context = RecordingSMTP.calls[1][1]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_plain_smtp_is_refused_in_production(monkeypatch):
    monkeypatch.setenv("PATHFINDER_ENV", "production")
    monkeypatch.setenv("PATHFINDER_SMTP_STARTTLS", "0")
    with pytest.raises(settings.HandoffConfigError):
        settings.smtp()
    monkeypatch.setenv("PATHFINDER_ENV", "development")
    assert settings.smtp()["starttls"] is False


def _unfolded(ics: str) -> list[str]:
    """The content lines, splitting at any line break a calendar client might honour (CRLF, CR or LF)."""
    return re.split(r"\r\n|\r|\n", ics.replace("\r\n ", ""))[:-1]


INJECTION = "careers\r\nATTENDEE:mailto:someone@evil.example\nX-INJECTED:1\r\rEND:VEVENT\x0bz"


def test_ics_fields_stay_on_one_line():
    ics = calendar_invite("PF-ABC\r\nX:1", NOW, 30, f"Interview {INJECTION}", f"Topic: {INJECTION}; more, text\\")
    known = ("BEGIN:", "VERSION:", "PRODID:", "METHOD:", "UID:", "DTSTAMP:", "DTSTART;", "DTEND;", "SUMMARY:",
             "DESCRIPTION:", "STATUS:", "END:")
    lines = _unfolded(ics)
    assert all(line.startswith(known) for line in lines), lines
    assert [line for line in lines if line.startswith("END:")] == ["END:VEVENT", "END:VCALENDAR"]
    assert not any(line.startswith(("ATTENDEE", "X-")) for line in lines)
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "\\;" in description and "\\," in description and description.endswith("text\\\\")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_a_booking_topic_cannot_inject_into_the_invite(engine, monkeypatch):
    monkeypatch.setenv("PATHFINDER_HANDOFF_SECRET", KEY.decode())
    _book_with_webhook(engine, "http://127.0.0.1:9/never", topic="jobs\rATTENDEE:mailto:x@evil.example\nORGANIZER:x")
    with engine.connect() as conn:
        payload = json.loads(conn.execute(select(schema.outbox.c.payload)).first().payload)
    assert not any(line.startswith(("ATTENDEE", "ORGANIZER")) for line in _unfolded(payload["ics"]))
