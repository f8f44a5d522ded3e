"""A minimal iCalendar (RFC 5545) invite for an interview, so advisers can add it to their calendar."""
from __future__ import annotations

from datetime import datetime, timedelta


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def calendar_invite(uid: str, starts_at: datetime, minutes: int, summary: str, description: str, *,
                    cancelled: bool = False) -> str:
    fmt = "%Y%m%dT%H%M%S"
    ends_at = starts_at + timedelta(minutes=minutes)
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pathfinder//Guidance interviews//EN",
        "METHOD:CANCEL" if cancelled else "METHOD:REQUEST",
        "BEGIN:VEVENT", f"UID:{uid}@pathfinder", f"DTSTAMP:{datetime.utcnow().strftime(fmt)}Z",
        f"DTSTART;TZID=Europe/London:{starts_at.strftime(fmt)}", f"DTEND;TZID=Europe/London:{ends_at.strftime(fmt)}",
        f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(description)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}", "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
