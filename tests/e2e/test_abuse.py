"""Abuse resistance at the channels: long messages and floods get a friendly reply, long words cost nothing."""
import random
import string
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from bot.message_gate import TOO_FAST, TOO_LONG
from tests.widget_socket import chat


def random_word(length: int) -> str:
    rng = random.Random(length)
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(length))


def texts(replies):
    return [r.get("text") or "" for r in replies]


def test_rest_caps_messages_at_1000_characters(servers):
    sender = uuid.uuid4().hex
    started = time.perf_counter()
    assert texts(servers.say(random_word(2000), sender)) == [TOO_LONG]
    assert time.perf_counter() - started < 2
    assert texts(servers.say("x" * 1001, sender)) == [TOO_LONG]
    assert TOO_LONG not in texts(servers.say("x" * 1000, sender))


def test_a_long_message_that_discloses_harm_still_reaches_the_safeguarding_net(servers):
    story = "I wanted to ask about jobs but there is something else I need to say. " * 16
    replies = " ".join(texts(servers.say(story + " My step dad hits me when he has been drinking.")))
    assert len(story) > 1000 and TOO_LONG not in replies and "Childline" in replies


def test_a_long_made_up_job_name_is_answered_quickly(servers):
    question = f"how much does a {random_word(960)} earn"
    assert len(question) <= 1000
    servers.say("how much does a plumber earn")  # the action server has its indexes built
    started = time.perf_counter()
    replies = servers.say(question)
    elapsed = time.perf_counter() - started
    assert replies and all(TOO_LONG not in t for t in texts(replies))
    print(f"\n960-letter made-up job: answered in {elapsed * 1000:.0f} ms")
    assert elapsed < 3, f"{elapsed:.1f} s"


def test_rest_limits_messages_per_conversation(servers):
    sender = uuid.uuid4().hex

    def post(_):
        return requests.post(f"{servers.rasa_url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": "/greet"}, timeout=120)

    with ThreadPoolExecutor(max_workers=24) as pool:  # all at once: the limit is 20 a minute, one back every 3 s
        responses = list(pool.map(post, range(24)))
    limited = [r for r in responses if r.status_code == 429]
    assert 1 <= len(limited) <= 4, [r.status_code for r in responses]  # 20 pass, plus one per 3 s of arrivals
    assert all(texts(r.json()) == [TOO_FAST] and int(r.headers["Retry-After"]) >= 1 for r in limited)
    assert all(r.status_code == 200 and TOO_FAST not in texts(r.json()) for r in responses if r not in limited)
    other = servers.say("/greet")  # another conversation from the same address is not held up
    assert other and TOO_FAST not in texts(other)


def test_socketio_caps_messages_at_1000_characters(servers):
    replies = chat(servers.rasa_url, uuid.uuid4().hex, [random_word(2000)], done=bool)
    assert replies == [TOO_LONG]


def test_socketio_limits_messages_per_conversation(servers):
    def two_refused(replies):
        return replies.count(TOO_FAST) >= 2

    replies = chat(servers.rasa_url, uuid.uuid4().hex, ["/greet"] * 22, done=two_refused, timeout=120, gap=0.01)
    assert two_refused(replies)
