"""How a chart reaches the widget through Rasa 3.6's socket.io channel (the contract for actions that send charts).

SocketIOOutput.send_custom_json spreads the custom payload into sio.emit(event, **payload): the payload must be
{"data": {"chart": {...}}} for the widget to receive {"chart": {...}} as a bot_uttered event; a bare {"chart": ...}
is an unexpected keyword argument for emit and the message is lost.
"""
import asyncio

import pytest
from rasa.core.channels.socketio import SocketIOOutput

CHART = {"title": "t", "unit": "people", "bars": [{"label": "a", "value": -3}], "summary": "s", "source": "x"}


class RecordingServer:
    """The signature of python-socketio's AsyncServer.emit."""

    def __init__(self):
        self.sent = []

    async def emit(self, event, data=None, to=None, room=None, skip_sid=None, namespace=None, callback=None,
                   ignore_queue=False):
        self.sent.append((event, data, room))


def deliver(custom):
    server = RecordingServer()
    asyncio.run(SocketIOOutput(server, "bot_uttered").send_response("conv-1", {"text": "Here it is", "custom": custom}))
    return server.sent


def test_a_chart_wrapped_in_data_arrives_as_its_own_bot_uttered_event():
    assert deliver({"data": {"chart": CHART}}) == [("bot_uttered", {"text": "Here it is"}, "conv-1"),
                                                   ("bot_uttered", {"chart": CHART}, "conv-1")]


def test_a_bare_chart_payload_cannot_be_sent_over_socket_io():
    with pytest.raises(TypeError, match="chart"):
        deliver({"chart": CHART})
