"""What a pupil is told when the safeguarding net flags a message: the helplines come first, every time."""

HELPLINES = ("If you are in danger right now, call 999. You can talk to Childline any time, free, on 0800 1111, "
             "call Samaritans on 116 123, or text SHOUT to 85258.")

HELPLINES_TEXT = (
    "Thank you for telling me. What you've said is really important, and you deserve to be safe. "
    f"{HELPLINES} I'm letting a trusted adult at your school know, so they can help you."
)

CONCERN_TEXT = (
    "Thank you for telling me. It sounds like things are hard right now, and you don't have to deal with it on "
    f"your own. {HELPLINES} Would you like me to ask a trusted adult at your school to check in with you?"
)
TELL_ADULT_BUTTON = "Yes, please ask an adult"
NOT_NOW_BUTTON = "Not right now"


def adult_will_check_in(when_staff: str) -> str:
    return (f"OK. I've asked a trusted adult at your school to check in with you {when_staff}. "
            "If you need to talk before then, Childline is free on 0800 1111, any time.")


NOT_NOW_TEXT = ("That's OK. If you change your mind, just say "
                "\"I want to talk to someone\". Childline is there any time, free, on 0800 1111.")
