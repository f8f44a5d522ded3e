"""Rasa's check of action-server responses, with one reused validator: the same verdicts as Rasa's own."""
import pytest
from jsonschema import ValidationError

from bot.action_response_check import install

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "soc_code", "value": "5314"}],
     "responses": [{"text": "Plumbers earn...", "buttons": [{"title": "More", "payload": "/more"}]}]},
    {"events": [{"event": "active_loop", "name": None}, {"event": "slot", "name": "requested_slot", "value": None}],
     "responses": [{"text": "Nothing has been booked."}]},
]
BAD = [
    {"events": [{"event": "slot"}], "responses": []},                        # a slot event without its name
    {"events": [{"event": "not_an_event"}], "responses": []},
    {"events": "SlotSet", "responses": []},
    {"events": [], "responses": ["just a string"]},
]


@pytest.fixture(scope="module")
def action():
    from rasa.core.actions.action import RemoteAction
    from rasa.utils.endpoints import EndpointConfig
    rasa_check = RemoteAction._validate_action_result
    install()
    return RemoteAction("action_pay", EndpointConfig("http://127.0.0.1:9/webhook")), rasa_check


@pytest.mark.parametrize("response", GOOD)
def test_valid_responses_pass_as_in_rasa(action, response):
    remote, rasa_check = action
    assert remote._validate_action_result(response) is True
    assert rasa_check(remote, response) is True


@pytest.mark.parametrize("response", BAD)
def test_invalid_responses_raise_rasas_error(action, response):
    remote, rasa_check = action
    with pytest.raises(ValidationError) as ours:
        remote._validate_action_result(response)
    with pytest.raises(ValidationError) as rasas:
        rasa_check(remote, response)
    assert "Failed to validate Action server response" in ours.value.message
    assert ours.value.message == rasas.value.message
