"""Bad input never breaks the assistant: every message gets a sensible reply and no server error."""
import pytest

ODD_MESSAGES = [
    "", "   ", "\n\t", "a" * 20000, "🙂🙂🙂", "🔥", "\x00\x07\x1b[31m", "¿Cuánto gana un electricista?",
    "Wie viel verdient ein Elektriker?", "电工挣多少钱", "'; DROP TABLE lmi_occupation; --",
    "<script>alert('x')</script>", "<b>hello</b>", "SELECT * FROM booking", "{\"json\": true}", "/", "/nonsense_intent",
    "%s%s%s%n", "../../etc/passwd",
]


@pytest.mark.parametrize("message", ODD_MESSAGES, ids=range(len(ODD_MESSAGES)))
def test_odd_messages_get_a_reply(servers, message):
    replies = servers.say(message)
    assert replies, f"no reply to {message[:40]!r}"
    text = " ".join(r.get("text") or "" for r in replies)
    assert text.strip()
    assert "Traceback" not in text and "Error" not in text


def test_the_database_survives_sql_in_a_message(servers):
    servers.say("'; DROP TABLE lmi_occupation; --")
    replies = servers.say("how much do electricians get")
    assert any("£" in (r.get("text") or "") for r in replies)
