"""Faults seen through the REST channel: with the action server down the pupil is told plainly and the
conversation goes on; once it is back, answers come again (issue 9, item 9). Also shows that Rasa's calls
carry the action secret: the servers run with one, and answers that need an action arrive."""
from answers.faults import CANNOT_LOOK_UP

QUESTION = "how much do electricians get"


def _text(replies) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def test_rasa_calls_the_secured_action_server(servers):
    assert "£" in _text(servers.say(QUESTION))


def test_action_server_down_gets_a_clear_reply_and_the_conversation_goes_on(servers):
    sender = "fault-pupil"
    servers.stop_action_server()
    try:
        down = _text(servers.say(QUESTION, sender=sender))
        assert CANNOT_LOOK_UP in down
        assert down.count(CANNOT_LOOK_UP) == 1
        assert _text(servers.say("hello", sender=sender)).strip()
    finally:
        servers.start_action_server()
    assert "£" in _text(servers.say(QUESTION, sender=sender))
