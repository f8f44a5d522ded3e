"""A replica killed (SIGKILL) mid-conversation loses nothing the pupil was told had arrived: every message that
got a reply is in the shared tracker store with that reply, and the conversation goes on through the proxy.
It kills a replica of the shared stack, so tests/scaled/conftest.py runs it after every other test."""
import threading
import time
import uuid


import requests

from tests.scaled.conftest import reply_texts, stored_events, turns

MESSAGES = ["hi", "how much do plumbers earn", "how do i become a nurse", "what apprenticeships are there for plumbing",
            "how much do electricians earn", "what can i do after my gcses", "how much do nurses earn",
            "how much do teachers earn", "how do i become a teacher", "thanks"]


def test_killing_a_replica_mid_conversation_loses_nothing_acknowledged(stack):
    me = uuid.uuid4().hex
    acknowledged: dict[str, str] = {}
    failed: list[str] = []
    third_done = threading.Event()

    def pupil():
        for n, message in enumerate(MESSAGES):
            try:
                reply = reply_texts(stack.say(message, me, {"school_id": "worcester-high"}))
            except requests.RequestException:
                reply = ""
            if reply:
                acknowledged[message] = reply
            else:  # the replica died holding it: the pupil saw an error, not a reply
                failed.append(message)
            if n == 2:
                third_done.set()

    thread = threading.Thread(target=pupil)
    thread.start()
    third_done.wait(timeout=300)
    time.sleep(0.05)  # into the next message's round trip
    stack.kill_replica(2)
    thread.join(timeout=400)
    assert not thread.is_alive()
    assert len(failed) <= 1, failed  # at most the one message in flight on the killed replica
    assert len(acknowledged) >= len(MESSAGES) - 1
    assert MESSAGES[-1] in acknowledged  # the conversation went on after the kill
    stored = {t["text"]: " ".join(t["bot"]) for t in turns(stored_events(stack, me))}
    for message, reply in acknowledged.items():
        assert message in stored, f"acknowledged but lost: {message!r}"
        assert stored[message] == reply
