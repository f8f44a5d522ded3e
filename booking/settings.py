"""Booking and handoff settings from environment variables (documented in README)."""
from __future__ import annotations

import os
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def hub_safeguarding_email() -> str:
    """Where an urgent alert goes when the pupil's school is not known (PATHFINDER_HUB_SAFEGUARDING_EMAIL)."""
    return os.environ.get("PATHFINDER_HUB_SAFEGUARDING_EMAIL", "safeguarding-lead@hub.invalid")


def handoff_secret() -> bytes:
    """The HMAC key that signs webhook handoffs (PATHFINDER_HANDOFF_SECRET)."""
    return os.environ.get("PATHFINDER_HANDOFF_SECRET", "change-me-in-production").encode()


def smtp() -> dict:
    return {
        "host": os.environ.get("PATHFINDER_SMTP_HOST", "localhost"),
        "port": int(os.environ.get("PATHFINDER_SMTP_PORT", "25")),
        "sender": os.environ.get("PATHFINDER_SMTP_FROM", "pathfinder@localhost"),
        "username": os.environ.get("PATHFINDER_SMTP_USER") or None,
        "password": os.environ.get("PATHFINDER_SMTP_PASSWORD") or None,
        "starttls": os.environ.get("PATHFINDER_SMTP_STARTTLS", "") == "1",
    }
