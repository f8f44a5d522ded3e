"""Runs Rasa's command line (`python -m bot.rasa_server run ...`) with Pathfinder's handling of a failed
custom action.

Rasa on its own logs a failed call to the action server and sends the pupil nothing. Here a custom action
that cannot run (server down, timeout, refused) answers with a clear reply (answers/faults.py) and the
conversation goes on; the action's own events are lost, so nothing it would have done is confirmed.
"""
from __future__ import annotations

import logging
import sys

from answers.faults import fault_reply

logger = logging.getLogger("pathfinder.rasa")
_INSTALLED = {"done": False}
ORIGINAL_RUN: dict = {"run": None}


def already_said(tracker, text: str) -> bool:
    """True when the bot has said this since the pupil's last message (one fault reply per turn)."""
    for event in reversed(tracker.events):
        if getattr(event, "type_name", "") == "user":
            return False
        if getattr(event, "type_name", "") == "bot" and getattr(event, "text", None) == text:
            return True
    return False


def install() -> None:
    """Wraps Rasa's RemoteAction.run so that a failed action says so to the pupil."""
    if _INSTALLED["done"]:
        return
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
    from rasa.shared.core.events import BotUttered

    original = ORIGINAL_RUN["run"] = RemoteAction.run

    async def run_or_say_sorry(self, output_channel, nlg, tracker, domain):
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except Exception:
            logger.exception("Custom action %s could not run; the pupil is told so", self.name())
            text = fault_reply(self.name())
            return [] if already_said(tracker, text) else [BotUttered(text, metadata={"fault": self.name()})]

    RemoteAction.run = run_or_say_sorry
    _INSTALLED["done"] = True


def main(argv: list[str] | None = None) -> int:
    install()
    from rasa.__main__ import main as rasa_main
    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
