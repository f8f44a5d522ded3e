"""What a pupil is told, in the first reply and every time, when a message discloses risk of harm."""

HELPLINES_TEXT = (
    "Thank you for telling me. What you've said is really important, and you deserve to be safe. "
    "If you are in danger right now, call 999. You can talk to Childline any time, free, on 0800 1111, "
    "call Samaritans on 116 123, or text SHOUT to 85258. "
    "I'm letting a trusted adult at your school know, so they can help you."
)
