"""The words pupils see about bookings and escalations: plain English, honest about what happens next."""
from __future__ import annotations

from datetime import datetime

from booking.service import Booking, FreeSlot


def when(starts_at: datetime) -> str:
    return f"{starts_at:%A %-d %B} at {starts_at:%-I:%M %p}".replace("AM", "am").replace("PM", "pm")


def slot_button(slot: FreeSlot) -> str:
    return f"{starts_short(slot.starts_at)} ({slot.mode.lower()})"


def starts_short(starts_at: datetime) -> str:
    return f"{starts_at:%a %-d %b, %-I:%M %p}".replace("AM", "am").replace("PM", "pm")


def confirmed(b: Booking) -> str:
    return (f"You're booked in! Your reference is {b.reference}. You'll see {b.slot.adviser} on "
            f"{when(b.slot.starts_at)} for {b.slot.minutes} minutes ({b.slot.mode.lower()}). "
            "Keep the reference: you need it to cancel or move the interview.")


def cancelled(b: Booking) -> str:
    return f"Done: booking {b.reference} on {when(b.slot.starts_at)} is cancelled. The adviser has been told."


def moved(b: Booking) -> str:
    return (f"Done: booking {b.reference} is now on {when(b.slot.starts_at)} with {b.slot.adviser} "
            f"({b.slot.mode.lower()}). The adviser has been told.")


def waiting_list(school_name: str) -> str:
    return (f"There are no free interview times for {school_name} right now, so I've put you on the waiting list. "
            "Your school's careers leader can see it and will find you a time.")


def escalated(reason: str, when_staff: str) -> str:
    if reason == "upset":
        return (f"I'm sorry you're feeling like this. I've asked a member of staff at your school to check in with you "
                f"{when_staff}. If you need to talk now, Childline is free on 0800 1111.")
    return (f"I've asked a member of staff at your school to get in touch with you. Staff are in school Monday to "
            f"Friday, so they'll see it {when_staff}. If you need help right now, call Childline free on 0800 1111.")
