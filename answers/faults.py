"""What a pupil is told when a part of Pathfinder is down: the action server or the database.

Plain words, no blame, and the conversation goes on. A disclosure of harm still gets the helplines,
without promising an alert that may not have been sent.
"""
from __future__ import annotations

from safeguarding.reply import HELPLINES_TEXT

CANNOT_LOOK_UP = ("Sorry, I can't look that up right now. Please try again in a few minutes, "
                  "or ask me something else.")
CANNOT_BOOK = ("Sorry, I can't reach the booking system right now, so nothing has been booked or changed. "
               "Please try again in a few minutes.")
SAFEGUARDING_OFFLINE = (HELPLINES_TEXT.split(" I'm letting", 1)[0]
                        + " I can't reach your school from here right now, so please tell a teacher "
                          "or another adult you trust today.")

BOOKING_ACTIONS = {"action_confirm_booking", "action_manage_booking", "action_move_booking",
                   "action_offer_slots", "validate_booking_form", "action_ask_pupil_school"}
SAFEGUARDING_ACTIONS = {"action_safeguarding"}


def fault_reply(action_name: str) -> str:
    """The reply for an action that could not run."""
    if action_name in SAFEGUARDING_ACTIONS:
        return SAFEGUARDING_OFFLINE
    if action_name in BOOKING_ACTIONS:
        return CANNOT_BOOK
    return CANNOT_LOOK_UP
