"""The safeguarding net: spots messages that disclose risk of harm, on every message, before any NLU model.

Pure Python (no Rasa): bot/components/ runs it inside Rasa's pipeline, and pytest checks it directly.
"""
from safeguarding.net import Disclosure, check

__all__ = ["Disclosure", "check"]
