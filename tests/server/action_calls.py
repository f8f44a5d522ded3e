"""Builds the JSON body Rasa posts to the action server, for tests that call actions directly."""
from __future__ import annotations


def action_call(action: str, text: str = "hello", *, sender: str = "test-pupil", slots: dict | None = None,
                intent: str = "greet", entities: list | None = None) -> dict:
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or [],
              "metadata": {}}
    return {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender, "slots": slots or {}, "latest_message": latest, "latest_event_time": 0,
            "followup_action": None, "paused": False, "latest_input_channel": "rest",
            "active_loop": {}, "latest_action": {"action_name": "action_listen"}, "latest_action_name": "action_listen",
            "events": [{"event": "user", "timestamp": 0, "text": text, "parse_data": latest}],
        },
    }
