"""Token buckets, the client address behind proxies, and the message gate's order of checks."""
import pytest

from bot.message_gate import MAX_MESSAGE_CHARS, TOO_FAST, TOO_LONG, MessageGate
from bot.ratelimit import RateLimiter, client_address, int_setting


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_bucket_spends_then_refills_evenly():
    clock = Clock()
    limiter = RateLimiter(3, 60, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # each key has its own bucket
    assert limiter.retry_after("a") == 20
    clock.now += 19
    assert not limiter.allow("a")
    clock.now += 1
    assert limiter.allow("a") and not limiter.allow("a")
    clock.now += 3600
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]  # never more than the capacity


def test_a_refund_gives_a_token_back_up_to_the_capacity():
    clock = Clock()
    limiter = RateLimiter(2, 60, clock=clock)
    assert limiter.allow("a") and limiter.allow("a") and limiter.blocked("a")
    limiter.refund("a")
    assert not limiter.blocked("a") and limiter.allow("a") and not limiter.allow("a")
    for _ in range(5):
        limiter.refund("a")
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]


def test_zero_means_no_limit_and_old_keys_are_dropped():
    unlimited = RateLimiter(0, 60)
    assert all(unlimited.allow("a") for _ in range(1000)) and not unlimited.blocked("a")
    small = RateLimiter(1, 60, max_keys=2, clock=Clock())
    small.allow("a"), small.allow("b"), small.allow("c")
    assert small.allow("a")  # "a" was the least recent and was forgotten


@pytest.mark.parametrize("peer,forwarded,proxies,expected", [
    ("10.1.1.1", None, 0, "10.1.1.1"),
    ("10.1.1.1", "203.0.113.9", 0, "10.1.1.1"),  # no trusted proxy: the header is the client's own words
    ("10.1.1.1", "203.0.113.9", 1, "203.0.113.9"),
    ("10.1.1.1", "6.6.6.6, 203.0.113.9", 1, "203.0.113.9"),
    ("10.1.1.1", "203.0.113.9, 10.2.2.2", 2, "203.0.113.9"),
    ("10.1.1.1", "203.0.113.9", 2, "203.0.113.9"),
    ("10.1.1.1", " , ", 1, "10.1.1.1"),
    (None, None, 0, "unknown"),
])
def test_client_address(peer, forwarded, proxies, expected):
    assert client_address(peer, forwarded, proxies) == expected


def test_settings_must_be_whole_numbers(monkeypatch):
    monkeypatch.setenv("PATHFINDER_RATE_PER_ADDRESS", "lots")
    with pytest.raises(SystemExit, match="whole number"):
        int_setting("PATHFINDER_RATE_PER_ADDRESS", 300)
    monkeypatch.setenv("PATHFINDER_RATE_PER_ADDRESS", " 50 ")
    assert int_setting("PATHFINDER_RATE_PER_ADDRESS", 300) == 50


def test_defaults_are_20_per_conversation_and_300_per_address(monkeypatch):
    for name in ("PATHFINDER_RATE_PER_CONVERSATION", "PATHFINDER_RATE_PER_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    gate = MessageGate.from_env()
    assert (gate.conversations.capacity, gate.addresses.capacity) == (20, 300)


def test_the_gate_counts_every_message_and_caps_length():
    gate = MessageGate(per_conversation=2, per_address=10)
    assert gate.check("x" * MAX_MESSAGE_CHARS, "c", "a") is None
    assert gate.check("x" * (MAX_MESSAGE_CHARS + 1), "c", "a").text == TOO_LONG
    refusal = gate.check("hi", "c", "a")
    assert refusal.text == TOO_FAST and refusal.rate_limited and refusal.retry_after >= 1
    assert gate.check(None, "other", "a") is None  # not text: Rasa's own handling answers it


def test_a_long_message_that_discloses_harm_is_never_turned_away():
    gate = MessageGate(per_conversation=0, per_address=0)
    # The gate asks the whole net (patterns and classifier), which reads "there is something else" as a possible
    # lead-in to a disclosure: the ordinary long message here is plainly a careers question.
    story = "What apprenticeships are there in engineering near Worcester? " * 20
    assert len(story) > MAX_MESSAGE_CHARS
    assert gate.check(story, "c", "a").text == TOO_LONG
    assert gate.check(story + "my step dad hits me when he is drunk", "c", "a") is None
    assert gate.check("my step dad hits me " + story * 4, "c", "a").text == TOO_LONG  # over 4,000: still capped


def test_a_disclosure_passes_its_conversations_rate_limit_but_not_the_addresss():
    gate = MessageGate(per_conversation=1, per_address=3)
    assert gate.check("hi", "c", "a") is None
    assert gate.check("hi again", "c", "a").text == TOO_FAST
    assert gate.check("my mum's boyfriend hits me", "c", "a") is None
    assert gate.check("he hits me every night", "c", "a").text == TOO_FAST  # the address has used its 3
