"""A socket.io client that talks as the pupil widget does (one persistent session), for channel tests.

Polling transport through `requests`, so it works with every python-socketio 5.x beside Rasa's aiohttp pin."""
from __future__ import annotations

import queue
import threading
import time

import socketio


def chat(url: str, session_id: str, texts: list, done, timeout: float = 60, gap: float = 0.05) -> list[str]:
    """Sends the texts and returns the bot's reply texts once `done(replies)` is true (or fails after timeout).
    A (session_id, text) pair sends that text as another conversation over the same socket."""
    client = socketio.Client(reconnection=False)
    replies: queue.Queue = queue.Queue()
    confirmed = threading.Event()
    client.on("session_confirm", lambda _data: confirmed.set())
    client.on("bot_uttered", lambda data: replies.put((data or {}).get("text")))
    client.connect(url, socketio_path="/socket.io", transports=["polling"])
    try:
        client.emit("session_request", {"session_id": session_id})
        if not confirmed.wait(30):
            raise AssertionError("no session_confirm")
        for text in texts:
            session, text = text if isinstance(text, tuple) else (session_id, text)
            client.emit("user_uttered", {"message": text, "session_id": session})
            time.sleep(gap)  # keeps the replies in the order sent
        got: list[str] = []
        deadline = time.monotonic() + timeout
        while not done(got):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"only these replies arrived: {got}")
            try:
                got.append(replies.get(timeout=remaining))
            except queue.Empty:
                continue
        return got
    finally:
        client.eio.disconnect(abort=True)  # not waiting for the pending long poll to time out
