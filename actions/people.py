"""Help from a person: booking a careers interview and asking for a human.

A placeholder until booking and escalation land (issue 4): it says honestly what to do meanwhile.
"""
from __future__ import annotations

from rasa_sdk import Action


class ActionHandoffPlaceholder(Action):
    def name(self) -> str:
        return "action_handoff_placeholder"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(
            text="A real person can help with that. I can't book or pass messages on yet, so please ask your "
                 "school's careers leader or your tutor. If you need help now, call Childline free on 0800 1111.")
        return []
