"""The reply to a disclosure of harm: helplines first, every time, then an urgent alert to the school."""
from __future__ import annotations

from rasa_sdk import Action

from safeguarding.reply import HELPLINES_TEXT


class ActionSafeguarding(Action):
    def name(self) -> str:
        return "action_safeguarding"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=HELPLINES_TEXT)
        return []
