"""The widget's privacy line, worded from the retention settings so it says what really happens to a pupil's chat.

The retention schedule (the purge) reads the same variables with the same defaults:
PATHFINDER_RETAIN_CONVERSATION_DAYS (90: chat messages), PATHFINDER_RETAIN_SAFEGUARDING_DAYS (365: escalations and
what a pupil wrote that raised one) and PATHFINDER_RETAIN_BOOKING_DAYS (30 after the interview: a booking's name and
topic).
"""
from __future__ import annotations

import os

CONVERSATION_DAYS = ("PATHFINDER_RETAIN_CONVERSATION_DAYS", 90)
SAFEGUARDING_DAYS = ("PATHFINDER_RETAIN_SAFEGUARDING_DAYS", 365)
BOOKING_DAYS = ("PATHFINDER_RETAIN_BOOKING_DAYS", 30)


def retain_days(setting: tuple[str, int]) -> int:
    """Days from the environment variable, or its default; anything but a whole number of days is an error."""
    name, default = setting
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{name} must be a whole number of days, 1 or more (not {raw!r})")
    return int(raw)


def in_words(days: int) -> str:
    """'90 days (about 3 months)', '1 year', '2 years', '30 days'."""
    if days % 365 == 0:
        years = days // 365
        return "1 year" if years == 1 else f"{years} years"
    if days == 1:
        return "1 day"
    months = round(days / 30.44)
    if days >= 56:
        return f"{days} days (about {months} months)"
    return f"{days} days"


def notice() -> str:
    chat = in_words(retain_days(CONVERSATION_DAYS))
    safeguarding = in_words(retain_days(SAFEGUARDING_DAYS))
    booking = in_words(retain_days(BOOKING_DAYS))
    return (f"We keep this chat for {chat}, then delete it. "
            "Staff at your school only read it if you ask for a person, or if we're worried you might not be safe. "
            "If you might not be safe, the staff who keep pupils safe see what you wrote, "
            f"and we keep that for {safeguarding}. "
            f"If you book an interview, we delete your name and what you wanted to talk about {booking} after it. "
            "Please don't type your full name, address or phone number.")
