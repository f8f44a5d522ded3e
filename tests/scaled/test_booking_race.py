"""Two pupils on two replicas ask for the same slot at the same moment: exactly one gets it."""
import threading
import uuid

from sqlalchemy import func, select

from booking import schema
from lmi.config import make_engine
from tests.scaled.conftest import reply_texts

SCHOOL = {"school_id": "worcester-high"}


def offered_slots(stack, me, replica, name):
    for message in ("can i book a careers interview", name, "year 11", "apprenticeships in engineering"):
        stack.say(message, me, SCHOOL, via=replica)
    replies = stack.say("yes", me, SCHOOL, via=replica)
    return [b["payload"] for r in replies for b in r.get("buttons") or [] if b["payload"].startswith("/choose_slot")]


def test_two_pupils_on_two_replicas_race_for_one_slot_and_exactly_one_wins(stack):
    pupils = [(uuid.uuid4().hex, stack.rasa_urls[0], "Asha"), (uuid.uuid4().hex, stack.rasa_urls[1], "Ben")]
    offers = [offered_slots(stack, me, replica, name) for me, replica, name in pupils]
    common = [payload for payload in offers[0] if payload in offers[1]]
    assert common, offers
    payload = common[0]
    answers, barrier = {}, threading.Barrier(2)

    def choose(me, replica):
        barrier.wait()
        answers[me] = reply_texts(stack.say(payload, me, SCHOOL, via=replica))

    threads = [threading.Thread(target=choose, args=(me, replica)) for me, replica, _name in pupils]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [me for me, text in answers.items() if "PF-" in text]
    assert len(winners) == 1, answers
    engine = make_engine(stack.database_url)
    with engine.connect() as conn:
        rows = conn.execute(select(schema.booking.c.conversation_id, schema.booking.c.slot_id)
                            .where(schema.booking.c.conversation_id.in_([me for me, *_ in pupils]))).all()
        assert [row.conversation_id for row in rows] == winners
        assert conn.execute(select(func.count()).select_from(schema.booking)
                            .where(schema.booking.c.slot_id == rows[0].slot_id)).scalar() == 1
    engine.dispose()
    loser = next(me for me in answers if me not in winners)
    assert "PF-" not in answers[loser] and answers[loser].strip(), answers[loser]
