"""Pathfinder's REST and socket.io channels in a real Sanic server with a stand-in for Rasa's agent:
refused messages get a friendly reply and never reach Rasa; limits per conversation and per address;
X-Forwarded-For counts only behind a trusted proxy."""
import asyncio
import socket
import types
import uuid

import aiohttp
import pytest
from rasa.core.channels.channel import register
from sanic import Sanic

from bot import message_gate
from bot.channels import GuardedRestInput, GuardedSocketIOInput
from bot.message_gate import TOO_FAST, TOO_LONG
from tests.widget_socket import chat


@pytest.fixture(autouse=True)
def fresh_gate(monkeypatch):
    monkeypatch.setattr(message_gate, "_shared", None)
    monkeypatch.setattr(Sanic, "test_mode", True)  # lets several apps start in one process
    for name in ("PATHFINDER_RATE_PER_CONVERSATION", "PATHFINDER_RATE_PER_ADDRESS", "PATHFINDER_TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_against_channels(scenario):
    """Runs `scenario(url, seen)` against both channels; `seen` lists the texts that reached the agent."""
    seen: list[str] = []

    async def handle_message(message):
        seen.append(message.text)
        await message.output_channel.send_text_message(message.sender_id, f"echo {message.text}")

    async def main():
        app = Sanic(f"channels{uuid.uuid4().hex}")
        app.ctx.agent = types.SimpleNamespace(handle_message=handle_message)
        register([GuardedRestInput(), GuardedSocketIOInput(session_persistence=True)], app, route="/webhooks/")
        port = free_port()
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        await server.startup()
        try:
            return await scenario(f"http://127.0.0.1:{port}", seen)
        finally:
            server.close()
            await server.wait_closed()

    return asyncio.run(main())


async def post(http, url, sender, message, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    async with http.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                         headers=headers) as response:
        return response.status, [m.get("text") for m in await response.json()], response.headers.get("Retry-After")


def test_rest_refuses_a_long_message_before_rasa():
    async def scenario(url, seen):
        async with aiohttp.ClientSession() as http:
            assert await post(http, url, "a", "x" * 1001) == (200, [TOO_LONG], None)
            assert await post(http, url, "a", "y" * 1000) == (200, ["echo " + "y" * 1000], None)
            assert await post(http, url, "a", "  " + "z" * 1000 + "  ") == (200, ["echo " + "z" * 1000], None)
        assert seen == ["y" * 1000, "z" * 1000]

    run_against_channels(scenario)


def test_rest_limits_each_conversation(monkeypatch):
    monkeypatch.setenv("PATHFINDER_RATE_PER_CONVERSATION", "3")

    async def scenario(url, seen):
        async with aiohttp.ClientSession() as http:
            answers = [await post(http, url, "pupil-1", f"m{i}") for i in range(4)]
            other = await post(http, url, "pupil-2", "hello")
        assert [a[0] for a in answers] == [200, 200, 200, 429]
        assert answers[3][1] == [TOO_FAST] and int(answers[3][2]) >= 1
        assert other[:2] == (200, ["echo hello"])
        assert seen == ["m0", "m1", "m2", "hello"]

    run_against_channels(scenario)


def test_rest_limits_each_address_and_ignores_forwarded_for_unless_trusted(monkeypatch):
    monkeypatch.setenv("PATHFINDER_RATE_PER_ADDRESS", "2")

    async def scenario(url, _seen):
        async with aiohttp.ClientSession() as http:
            statuses = [(await post(http, url, f"c{i}", "hi", forwarded_for=f"10.0.0.{i}"))[0] for i in range(3)]
        assert statuses == [200, 200, 429]  # a made-up X-Forwarded-For does not buy a new address

    run_against_channels(scenario)


def test_behind_a_trusted_proxy_the_forwarded_address_counts(monkeypatch):
    monkeypatch.setenv("PATHFINDER_RATE_PER_ADDRESS", "2")
    monkeypatch.setenv("PATHFINDER_TRUSTED_PROXIES", "1")

    async def scenario(url, _seen):
        async with aiohttp.ClientSession() as http:
            school_a = [(await post(http, url, f"a{i}", "hi", forwarded_for="203.0.113.7"))[0] for i in range(3)]
            # the client made up the first entry; the proxy appended the real address
            spoofed = (await post(http, url, "a9", "hi", forwarded_for="198.51.100.1, 203.0.113.7"))[0]
            school_b = (await post(http, url, "b1", "hi", forwarded_for="203.0.113.8"))[0]
        assert school_a == [200, 200, 429] and spoofed == 429 and school_b == 200

    run_against_channels(scenario)


def has(count):
    return lambda replies: len(replies) >= count


def test_socketio_replies_reach_the_session_room():
    """Rasa 3.6 does not await enter_room; from python-socketio 5.10 the widget then got no replies at all."""
    async def scenario(url, seen):
        replies = await asyncio.to_thread(chat, url, "session-room", ["hello"], has(1), 10)
        assert replies == ["echo hello"] and seen == ["hello"]

    run_against_channels(scenario)


def test_socketio_refuses_long_messages_and_floods(monkeypatch):
    monkeypatch.setenv("PATHFINDER_RATE_PER_CONVERSATION", "3")

    async def scenario(url, seen):
        replies = await asyncio.to_thread(chat, url, "session-1", ["x" * 1001, "hello", "again", "more"], has(4))
        assert replies == [TOO_LONG, "echo hello", "echo again", TOO_FAST]
        assert seen == ["hello", "again"]

    run_against_channels(scenario)


def test_socketio_limits_each_address(monkeypatch):
    monkeypatch.setenv("PATHFINDER_RATE_PER_ADDRESS", "2")

    async def scenario(url, seen):
        replies = await asyncio.to_thread(chat, url, "session-a", ["m0", "m1", ("session-b", "m2")], has(3))
        assert replies == ["echo m0", "echo m1", TOO_FAST] and seen == ["m0", "m1"]

    run_against_channels(scenario)
