"""The safeguarding net: spots messages that disclose risk of harm (or show distress), on every message.

Pure Python (no Rasa): bot/components/ runs it inside Rasa's pipeline, and pytest checks it directly.
`check(text)` is the one entry point; see safeguarding/verdict.py.
"""
from __future__ import annotations

__all__ = ["Verdict", "check"]


def check(text: str, diet_score: float | None = None):
    """The safeguarding verdict for one message (safeguarding.verdict.check)."""
    from safeguarding.verdict import check as verdict_check
    return verdict_check(text, diet_score)


def __getattr__(name: str):
    if name == "Verdict":
        from safeguarding.verdict import Verdict
        return Verdict
    raise AttributeError(name)
