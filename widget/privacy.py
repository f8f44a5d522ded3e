"""The widget's privacy line, worded from the retention settings so it says what really happens to a pupil's chat.

The periods, their defaults and their checks are the retention schedule's own (booking.retention), so the line
and the purge cannot disagree.
"""
from __future__ import annotations

from booking import retention
from booking.service import BookingError

CONVERSATION_DAYS = "PATHFINDER_RETAIN_CONVERSATION_DAYS"
SAFEGUARDING_DAYS = "PATHFINDER_RETAIN_SAFEGUARDING_DAYS"
BOOKING_DAYS = "PATHFINDER_RETAIN_BOOKING_DAYS"


def retain_days(variable: str) -> int:
    """The retention schedule's period for `variable`; a setting that is not a whole number of days is a
    ValueError naming it."""
    try:
        return retention.days(variable)
    except BookingError as problem:
        raise ValueError(str(problem)) from None


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
