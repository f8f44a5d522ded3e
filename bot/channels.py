"""Rasa's REST and socket.io channels with Pathfinder's message gate in front (length cap and rate limits).

bot/runtime_config.py names these classes in the credentials file Rasa runs with. Refused messages never reach Rasa
or the tracker; the pupil gets a friendly reply in the channel's usual shape.
"""
from __future__ import annotations

import inspect
import uuid
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.message_gate import shared_gate
from bot.ratelimit import client_address, trusted_proxies


class GuardedRestInput(RestInput):
    """POST /webhooks/rest/webhook, as Rasa's own; a refusal is a bot message (status 429 when rate limited)."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        gate, proxies = shared_gate(), trusted_proxies()

        @webhook.middleware("request")
        async def check_message(request: Request) -> Optional[response.HTTPResponse]:
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            try:
                body = request.json
            except Exception:  # malformed JSON: Rasa's handler answers it as before
                return None
            if not isinstance(body, dict):
                return None
            address = client_address(request.ip, request.headers.get("x-forwarded-for"), proxies)
            refusal = gate.check(body.get("message"), body.get("sender"), address)
            if refusal is None:
                return None
            reply = [{"recipient_id": body.get("sender"), "text": refusal.text}]
            if refusal.rate_limited:
                return response.json(reply, status=429, headers={"Retry-After": str(refusal.retry_after)})
            return response.json(reply)

        return webhook


MAX_SESSION_ID = 255  # Rasa's SQL tracker store keeps sender ids in 255 characters


class GuardedSocketIOInput(SocketIOInput):
    """The widget's channel: a refused message gets a `bot_message_evt` reply on the pupil's socket only.

    It also joins the session's room properly on every python-socketio 5.x: Rasa 3.6 calls `enter_room` without
    `await`, which from 5.10 on never joins, so the widget would get no replies."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        sio = self.sio
        handle_message = sio.handlers[self.namespace or "/"][self.user_message_evt]
        gate, proxies = shared_gate(), trusted_proxies()

        async def session_request(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not 0 < len(session_id) <= MAX_SESSION_ID:
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                joined = sio.enter_room(sid, data["session_id"], namespace=self.namespace)
                if inspect.isawaitable(joined):
                    await joined
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace)

        async def check_then_handle(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                return
            conversation = (data.get("session_id") if self.session_persistence else None) or sid
            environ = sio.get_environ(sid, namespace=self.namespace) or {}
            request = environ.get("sanic.request")
            peer = getattr(request, "ip", None) or environ.get("REMOTE_ADDR")
            address = client_address(peer, environ.get("HTTP_X_FORWARDED_FOR"), proxies)
            refusal = gate.check(data.get("message"), conversation, address)
            if refusal is not None:
                await sio.emit(self.bot_message_evt, {"text": refusal.text}, room=sid, namespace=self.namespace)
                return
            await handle_message(sid, data)

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, check_then_handle, namespace=self.namespace)
        return webhook
