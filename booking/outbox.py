"""Delivers outbox messages (webhook signed with a timestamp, booking/signing.py; or email over STARTTLS
with the .ics invite), retrying
with backoff until delivered. A message that keeps failing is marked failed for staff to see and
retry; it is never dropped.
"""
from __future__ import annotations

import json
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Callable, Protocol

import requests
from sqlalchemy import select
from sqlalchemy.engine import Engine

from booking import schema, settings
from booking.service import now_local
from booking.signing import ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signed_headers, verify  # noqa: F401

MAX_ATTEMPTS = 10


class Sender(Protocol):
    def __call__(self, recipient: str, body: str, message: dict) -> None: ...


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at one hour."""
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


def send_webhook(recipient: str, body: str, message: dict) -> None:
    data = body.encode()
    response = requests.post(recipient, data=data, timeout=(3, 10), allow_redirects=False, headers={
        "Content-Type": "application/json", ID_HEADER: message["id"],
        **signed_headers(data, settings.handoff_secret())})
    if not 200 <= response.status_code < 300:
        raise RuntimeError(f"webhook answered HTTP {response.status_code}")


def send_email(recipient: str, body: str, message: dict) -> None:
    config = settings.smtp()
    email = EmailMessage()
    email["From"] = config["sender"]
    email["To"] = recipient
    email["Subject"] = _subject(message)
    email["Message-ID"] = f"<{message['id']}@pathfinder>"
    email.set_content(_plain_text(message))
    if message.get("ics"):
        email.add_attachment(message["ics"].encode(), maintype="text", subtype="calendar",
                             filename="interview.ics", params={"method": "REQUEST"})
    context = ssl.create_default_context(cafile=config["cafile"])  # verifies the certificate and host name
    if config["port"] == 465:
        connection = smtplib.SMTP_SSL(config["host"], config["port"], timeout=10, context=context)
    else:
        connection = smtplib.SMTP(config["host"], config["port"], timeout=10)
    with connection as smtp:
        if config["starttls"] and config["port"] != 465:
            smtp.starttls(context=context)
        if config["username"]:
            smtp.login(config["username"], config["password"])
        smtp.send_message(email)


def _subject(message: dict) -> str:
    kind = message.get("kind", "")
    if kind == "escalation.urgent":
        return "URGENT: safeguarding alert from Pathfinder"
    if kind == "booking.brief":
        return f"Brief for guidance interview {message.get('reference', '')}".strip()
    words = {"booking.confirmed": "New", "booking.cancelled": "Cancelled", "booking.moved": "Moved"}
    return f"{words.get(kind, 'Update')} guidance interview {message.get('reference', '')}".strip()


def _plain_text(message: dict) -> str:
    if message.get("kind") == "escalation.urgent":
        return message.get("message", "")
    pupil = message.get("pupil", {})
    return (f"{_subject(message)}\n\nPupil: {pupil.get('first_name')} (Year {pupil.get('year_group')}), "
            f"{message.get('school')}\nWhen: {message.get('starts_at')} ({message.get('minutes')} minutes)\n"
            f"How: {message.get('mode')}\nTopic: {message.get('topic')}\nReference: {message.get('reference')}\n"
            + _brief_text(message.get("brief")))


def _brief_text(brief) -> str:
    """The brief the pupil approved, one item a line; nothing when they sent none."""
    if not brief:
        return ""
    return "\nBrief from the pupil (they chose to send it):\n" + "".join(
        f"- {' '.join(str(item.get('text', '')).split())}\n" for item in brief if isinstance(item, dict))


SENDERS: dict[str, Sender] = {"webhook": send_webhook, "email": send_email}


@dataclass
class Report:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(engine: Engine, *, senders: dict[str, Sender] | None = None, now: datetime | None = None,
                limit: int = 100) -> Report:
    senders = senders or SENDERS
    now = now or now_local()
    report = Report()
    o = schema.outbox
    with engine.connect() as conn:
        due = conn.execute(select(o).where(o.c.status == "pending", o.c.next_attempt_at <= now)
                           .order_by(o.c.created_at).limit(limit)).all()
    for row in due:
        message = json.loads(row.payload)
        try:
            senders[row.channel](row.recipient, row.payload, message)
        except Exception as exc:  # any failure is retried; the message is never lost
            attempts = row.attempts + 1
            failed = attempts >= MAX_ATTEMPTS
            with engine.begin() as conn:
                conn.execute(o.update().where(o.c.id == row.id, o.c.status == "pending").values(
                    attempts=attempts, last_error=f"{exc.__class__.__name__}: {exc}"[:1000],
                    status="failed" if failed else "pending", next_attempt_at=now + backoff(attempts)))
            if failed:
                report.failed += 1
            else:
                report.retrying += 1
            continue
        with engine.begin() as conn:
            conn.execute(o.update().where(o.c.id == row.id).values(
                status="delivered", attempts=row.attempts + 1, delivered_at=now, last_error=None))
        report.delivered += 1
    return report


def retry(engine: Engine, message_id: str, now: datetime | None = None) -> bool:
    """Staff's retry button: a failed message goes back in the queue, due now."""
    o = schema.outbox
    with engine.begin() as conn:
        result = conn.execute(o.update().where(o.c.id == message_id, o.c.status == "failed")
                              .values(status="pending", next_attempt_at=now or now_local()))
        return result.rowcount == 1


def run_worker(engine: Engine, *, interval: float = 5.0, stop: Callable[[], bool] = lambda: False,
               sleep: Callable[[float], None] | None = None, daily: Callable[[], None] | None = None,
               clock: Callable[[], float] | None = None) -> None:
    """Delivers due messages every `interval` seconds, and runs `daily` (the retention purge) at start and then
    once every 24 hours."""
    import time
    sleep, clock = sleep or time.sleep, clock or time.monotonic
    last_daily = None
    while not stop():
        if daily is not None and (last_daily is None or clock() - last_daily >= 24 * 3600):
            last_daily = clock()
            daily()
        deliver_due(engine)
        sleep(interval)
