"""Booking and handoff settings from environment variables (documented in README)."""
from __future__ import annotations

import os
from zoneinfo import ZoneInfo

from lmi.config import is_production

LONDON = ZoneInfo("Europe/London")
DEFAULT_HANDOFF_SECRET = "change-me-in-production"


class HandoffConfigError(RuntimeError):
    """A handoff setting that is not safe outside development; the message waits in the outbox."""


def hub_safeguarding_email() -> str:
    """Where an urgent alert goes when the pupil's school is not known (PATHFINDER_HUB_SAFEGUARDING_EMAIL)."""
    return os.environ.get("PATHFINDER_HUB_SAFEGUARDING_EMAIL", "safeguarding-lead@hub.invalid")


def handoff_secret_is_default() -> bool:
    return os.environ.get("PATHFINDER_HANDOFF_SECRET", "").strip() in ("", DEFAULT_HANDOFF_SECRET)


def handoff_secret() -> bytes:
    """The HMAC key that signs webhook handoffs (PATHFINDER_HANDOFF_SECRET). The built-in default is for
    development only: in production nothing is signed (or sent) with it."""
    if handoff_secret_is_default():
        if is_production():
            raise HandoffConfigError("PATHFINDER_HANDOFF_SECRET is not set: webhook handoffs wait until it is.")
        return DEFAULT_HANDOFF_SECRET.encode()
    return os.environ["PATHFINDER_HANDOFF_SECRET"].strip().encode()


def smtp() -> dict:
    """Email settings. STARTTLS with certificate checks is on unless PATHFINDER_SMTP_STARTTLS=0, which only
    development accepts (a local test relay); port 465 uses TLS from the start."""
    plain = os.environ.get("PATHFINDER_SMTP_STARTTLS", "").strip().lower() in ("0", "no", "false", "off")
    if plain and is_production():
        raise HandoffConfigError("PATHFINDER_SMTP_STARTTLS=0 (email without TLS) is only allowed in development.")
    return {
        "host": os.environ.get("PATHFINDER_SMTP_HOST", "localhost"),
        "port": int(os.environ.get("PATHFINDER_SMTP_PORT", "25")),
        "sender": os.environ.get("PATHFINDER_SMTP_FROM", "pathfinder@localhost"),
        "username": os.environ.get("PATHFINDER_SMTP_USER") or None,
        "password": os.environ.get("PATHFINDER_SMTP_PASSWORD") or None,
        "starttls": not plain,
        "cafile": os.environ.get("PATHFINDER_SMTP_CAFILE") or None,
    }
