"""A minimal iCalendar (RFC 5545) invite for an interview, so advisers can add it to their calendar.

Every value is made single-line (CR, LF and other control characters become spaces) and escaped as RFC 5545
asks, so nothing a pupil types can add a line or a property to the invite; long lines are folded at 75 octets.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u0085]+")


def _one_line(text: str) -> str:
    return _CONTROL.sub(" ", str(text)).strip()


def _escape(text: str) -> str:
    return _one_line(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


def _fold(line: str) -> str:
    """Splits a content line into chunks of at most 75 octets, continued with CRLF and a space."""
    encoded, chunks, limit = line.encode(), [], 75
    while len(encoded) > limit:
        cut = limit
        while cut > 0 and (encoded[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        chunks.append(encoded[:cut])
        encoded = encoded[cut:]
        limit = 74  # continuation lines start with a space
    chunks.append(encoded)
    return "\r\n ".join(chunk.decode() for chunk in chunks)


def calendar_invite(uid: str, starts_at: datetime, minutes: int, summary: str, description: str, *,
                    cancelled: bool = False) -> str:
    fmt = "%Y%m%dT%H%M%S"
    ends_at = starts_at + timedelta(minutes=minutes)
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pathfinder//Guidance interviews//EN",
        "METHOD:CANCEL" if cancelled else "METHOD:REQUEST",
        "BEGIN:VEVENT", f"UID:{_escape(uid)}@pathfinder", f"DTSTAMP:{datetime.utcnow().strftime(fmt)}Z",
        f"DTSTART;TZID=Europe/London:{starts_at.strftime(fmt)}", f"DTEND;TZID=Europe/London:{ends_at.strftime(fmt)}",
        f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(description)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}", "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
