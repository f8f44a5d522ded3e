"""When the assistant does not understand: offer the main topics, and after two misses in a row, a person."""
from __future__ import annotations

from rasa_sdk import Action, Tracker

from actions.escalation import record
from answers.reply import MAIN_TOPICS, payload

FALLBACK_INTENT = "nlu_fallback"


def misses_in_a_row(tracker: Tracker) -> int:
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if (event.get("parse_data") or {}).get("intent", {}).get("name") == FALLBACK_INTENT:
            count += 1
        else:
            break
    return count


class ActionPathfinderFallback(Action):
    def name(self) -> str:
        return "action_pathfinder_fallback"

    def run(self, dispatcher, tracker, domain):
        misses = misses_in_a_row(tracker)
        if misses >= 2:
            if misses == 2:
                record(tracker, "bot_could_not_help", urgent=False)
            dispatcher.utter_message(
                text="Sorry, I still don't understand. I've let a member of staff at your school know, so a person "
                     "can help. You can also book a careers adviser.",
                buttons=[{"title": "Book a careers adviser", "payload": payload("book_interview")},
                         {"title": "Show me the topics", "payload": payload("ask_what_can_you_do")}])
        else:
            dispatcher.utter_message(
                text="Sorry, I didn't understand that. I can help with these. Pick one, or ask in a different way:",
                buttons=[{"title": t, "payload": p} for t, p in MAIN_TOPICS])
        return []
