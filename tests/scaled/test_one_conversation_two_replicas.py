"""One conversation whose messages arrive at the same moment on two different replicas keeps every event,
in order: the Redis lock store makes the second replica wait until the first has stored its turn."""
import threading
import uuid

from tests.scaled.conftest import reply_texts, stored_events, turns

PAIRS = [("how much do plumbers earn", "how do i become a nurse"),
         ("what apprenticeships are there for plumbing", "what can i do after my gcses"),
         ("how much do electricians earn", "how much do nurses earn")]


def test_messages_at_once_on_two_replicas_keep_every_event_in_order(stack):
    me = uuid.uuid4().hex
    stack.say("hi", me, {"school_id": "worcester-high"}, via=stack.rasa_urls[0])
    acknowledged: dict[str, str] = {}
    for first, second in PAIRS:
        barrier = threading.Barrier(2)

        def send(message, replica):
            barrier.wait()
            acknowledged[message] = reply_texts(stack.say(message, me, via=replica))

        threads = [threading.Thread(target=send, args=(first, stack.rasa_urls[0])),
                   threading.Thread(target=send, args=(second, stack.rasa_urls[1]))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(acknowledged) == 6 and all(acknowledged.values()), acknowledged

    stored = turns(stored_events(stack, me))  # fails if two turns' events interleave
    assert [t["text"] for t in stored][0] == "hi"
    assert sorted(t["text"] for t in stored[1:]) == sorted(m for pair in PAIRS for m in pair)
    for turn in stored:
        assert turn["listened"] and turn["bot"], turn
        if turn["text"] in acknowledged:  # each pupil got the replies stored for their own message
            assert " ".join(turn["bot"]) == acknowledged[turn["text"]]
