"""Trims an action's events before they go back to Rasa: a slot set to the value it already holds, or set twice in
one response, changes nothing in the conversation but is still checked, applied, saved and read back on every
later message by Rasa's tracker store. Each slot keeps only its last setting, and only if that changes the slot.

Form validation actions are left alone: Rasa's forms read a validation action's slot events to learn which
slots it accepted, even when the value is unchanged.
"""
from __future__ import annotations

from typing import Any

# Events after which a slot's value is no longer the one the action saw.
_RESETS = {"restart", "session_started", "reset_slots", "rewind", "undo", "action_reverted", "user_utterance_reverted"}


def trimmed(action_name: str, slots_before: dict[str, Any], events: list[dict]) -> list[dict]:
    """`events` without the slot settings that change nothing (see the module's docstring)."""
    if action_name.startswith("validate_") or any(e.get("event") in _RESETS for e in events):
        return events
    last = {e.get("name"): i for i, e in enumerate(events) if e.get("event") == "slot"}
    return [e for i, e in enumerate(events)
            if e.get("event") != "slot"
            or (last.get(e.get("name")) == i and (e.get("name") not in slots_before
                                                  or slots_before[e.get("name")] != e.get("value")))]


def trim_result(action_call: dict, result: dict) -> dict:
    """The executor's `result` for `action_call` with its events trimmed."""
    events = result.get("events")
    if not isinstance(events, list):
        return result
    slots = ((action_call.get("tracker") or {}).get("slots")) or {}
    return {**result, "events": trimmed(action_call.get("next_action") or "", slots, events)}
