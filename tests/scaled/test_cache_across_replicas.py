"""Each replica caches the conversations it has served (bot/tracker_store.py). A conversation whose messages
alternate between the two replicas must go exactly as it goes on one replica: each replica sees the turns the
other one stored, including a booking form half filled in by the other replica."""
import uuid

from tests.scaled.conftest import stored_events, turns

MESSAGES = ["hi", "how much do plumbers earn", "can i book a careers interview", "Sam", "year 10",
            "apprenticeships in engineering", "yes", "how much do nurses earn"]
SCHOOL = {"school_id": "worcester-high"}


def decisions(events: list[dict]) -> list[tuple]:
    """Per pupil message: the actions Rasa ran and the slots it set (not the replies' wording, which varies)."""
    result = []
    for event in events:
        kind = event.get("event")
        if kind == "user":
            result.append((event.get("text"), []))
        elif result and kind == "action":
            result[-1][1].append(event.get("name"))
        elif result and kind == "slot":
            result[-1][1].append((event.get("name"), event.get("value")))
    return result


def test_a_conversation_alternating_between_replicas_goes_as_on_one_replica(stack):
    alternating, single = uuid.uuid4().hex, uuid.uuid4().hex
    for n, message in enumerate(MESSAGES):
        metadata = SCHOOL if n == 0 else None
        stack.say(message, alternating, metadata, via=stack.rasa_urls[n % 2])
        stack.say(message, single, metadata, via=stack.rasa_urls[0])
    stored = stored_events(stack, alternating)
    assert [turn["text"] for turn in turns(stored)] == MESSAGES  # every turn stored once, in order
    assert decisions(stored) == decisions(stored_events(stack, single))
