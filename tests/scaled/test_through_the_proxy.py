"""The pupil widget through HAProxy with two Rasa replicas: in Chromium (websocket), and socket.io's polling
transport, whose requests must all reach the replica that holds the session (the proxy's PFRASA cookie)."""
import json
import time
import uuid

import pytest
import requests

from tests.e2e.browser import CHROMIUM_FLAGS, chromium_path

BOT_MESSAGE = ".pf-msg.pf-bot"


def engineio_packets(body: str) -> list[str]:
    return [packet for packet in body.split("\x1e") if packet]


def polling_chat(base: str, message: str) -> tuple[str, str]:
    """A whole socket.io conversation over long-polling only; returns (the bot's reply, the replica cookie)."""
    session = requests.Session()
    url = f"{base}/socket.io/?EIO=4&transport=polling"
    opened = session.get(url, timeout=30)
    opened.raise_for_status()
    sid = json.loads(opened.text[1:])["sid"]
    url += f"&sid={sid}"

    def post(packet: str) -> None:
        response = session.post(url, data=packet, timeout=30)
        assert response.status_code == 200 and response.text.lower() == "ok", (response.status_code, response.text)

    post("40")
    conversation = uuid.uuid4().hex
    post('42["session_request",{"session_id":"%s"}]' % conversation)
    post('42["user_uttered",{"message":"%s","session_id":"%s","customData":{"school_id":"worcester-high"}}]'
         % (message, conversation))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        polled = session.get(url, timeout=60)
        assert polled.status_code == 200, (polled.status_code, polled.text)  # 400 = landed on the other replica
        for packet in engineio_packets(polled.text):
            if packet == "2":
                post("3")
            elif packet.startswith('42["bot_uttered"'):
                return json.loads(packet[2:])[1].get("text", ""), session.cookies.get("PFRASA", "")
    pytest.fail("no bot reply over polling within 90 s")


def test_polling_sessions_stay_on_their_replica_and_both_replicas_serve(stack):
    served_by = set()
    for _ in range(4):
        reply, replica = polling_chat(stack.public_url, "how much do plumbers earn")
        assert "£" in reply or "plumb" in reply.lower(), reply
        served_by.add(replica)
    assert served_by == {"rasa1", "rasa2"}


def test_widget_in_chromium_through_the_proxy_on_each_replica(stack):
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is not installed: run scripts/install-system-deps")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        try:
            for replica in ("rasa1", "rasa2"):
                context = browser.new_context(viewport={"width": 1000, "height": 800})
                # The cookie the proxy would have set picks the replica, so both are exercised.
                context.add_cookies([{"name": "PFRASA", "value": replica, "url": stack.public_url}])
                page = context.new_page()
                page.goto(f"{stack.public_url}/?school=worcester-high")
                page.locator(".pf-launcher").click()
                page.locator("#pf-privacy-ok").click()
                page.locator(BOT_MESSAGE).first.wait_for(timeout=60000)  # the greeting, through the proxy
                before = page.locator(BOT_MESSAGE).count()
                page.locator("#pf-input").fill("how much do plumbers earn")
                page.keyboard.press("Enter")
                page.locator(BOT_MESSAGE).nth(before).wait_for(timeout=60000)
                reply = page.locator(BOT_MESSAGE).last.inner_text()
                assert "£" in reply or "plumb" in reply.lower(), (replica, reply)
                context.close()
        finally:
            browser.close()


def test_rest_clients_that_keep_the_cookie_stay_on_one_replica_and_both_replicas_serve(stack):
    """Each replica caches the conversations it served (bot/tracker_store.py), so the proxy keeps a REST client
    that sends its PFRASA cookie back on the replica it first reached; new clients still alternate."""
    first_replicas = set()
    for _ in range(2):
        client, conversation, replicas = requests.Session(), uuid.uuid4().hex, []
        for message in ("hi", "how much do plumbers earn", "how do i become a nurse"):
            response = client.post(f"{stack.public_url}/webhooks/rest/webhook", timeout=120,
                                   json={"sender": conversation, "message": message})
            assert response.status_code == 200 and response.json(), response.text
            replicas.append(client.cookies.get("PFRASA"))
        assert replicas[0] in {"rasa1", "rasa2"} and set(replicas) == {replicas[0]}, replicas
        first_replicas.add(replicas[0])
    assert first_replicas == {"rasa1", "rasa2"}
