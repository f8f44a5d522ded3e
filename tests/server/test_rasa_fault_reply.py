"""Rasa's side of a failed custom action (bot/rasa_server.py): Rasa alone logs the error and the pupil hears
nothing; with Pathfinder's handling the pupil is told plainly, once per turn (issue 9, item 9)."""
from __future__ import annotations

import asyncio

import pytest

from answers.faults import CANNOT_LOOK_UP, SAFEGUARDING_OFFLINE
from bot import rasa_server
from bot.local_servers import free_port


def _run(action_name: str, url: str, tracker=None, run=None):
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    domain = Domain.empty()
    tracker = tracker or DialogueStateTracker("pupil", [])
    action = RemoteAction(action_name, EndpointConfig(url, headers={"Authorization": "Bearer wrong"}))
    run = run or RemoteAction.run
    return asyncio.run(run(action, CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, domain))


def test_an_unreachable_action_server_gets_a_clear_reply():
    rasa_server.install()
    events = _run("action_answer_pay", f"http://127.0.0.1:{free_port()}/webhook")
    assert [e.text for e in events] == [CANNOT_LOOK_UP]


def test_a_disclosure_still_gets_the_helplines_when_actions_are_down():
    rasa_server.install()
    events = _run("action_safeguarding", f"http://127.0.0.1:{free_port()}/webhook")
    assert [e.text for e in events] == [SAFEGUARDING_OFFLINE]


def test_the_reply_is_said_once_per_turn():
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    rasa_server.install()
    tracker = DialogueStateTracker.from_events("pupil", [UserUttered("hi"), BotUttered(CANNOT_LOOK_UP)])
    assert _run("action_answer_pay", f"http://127.0.0.1:{free_port()}/webhook", tracker) == []


def test_rasa_on_its_own_raises_so_the_pupil_would_hear_nothing():
    from rasa.shared.exceptions import RasaException
    rasa_server.install()
    with pytest.raises(RasaException):
        _run("action_answer_pay", f"http://127.0.0.1:{free_port()}/webhook", run=rasa_server.ORIGINAL_RUN["run"])
