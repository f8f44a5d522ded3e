"""The action server listens on 127.0.0.1 and answers only Rasa: a call without the shared secret, or with a
wrong one, is refused before any action runs (issue 9: a POST naming action_manage_booking cancelled bookings)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
import requests

from bot.action_server import authorised, host
from bot.launch import action_server_cmd, wait_for
from bot.local_servers import free_port
from booking import hub, service
from lmi.config import PROJECT_ROOT, make_engine
from tests.server.action_calls import action_call

SECRET = "s3cret-" + "x" * 40


@pytest.fixture(scope="module")
def action_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("actions")
    database_url = f"sqlite:///{workdir / 'pathfinder.db'}"
    engine = make_engine(database_url)
    hub.seed_demo(engine)
    port = free_port()
    env = {**os.environ, "PATHFINDER_DATABASE_URL": database_url, "PATHFINDER_ACTION_SECRET": SECRET,
           "PYTHONPATH": str(PROJECT_ROOT), "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    env.pop("PATHFINDER_ACTIONS_HOST", None)
    log = open(workdir / "actions.log", "w")
    proc = subprocess.Popen(action_server_cmd(port), cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/health", 120, proc), (workdir / "actions.log").read_text()[-3000:]
        yield f"http://127.0.0.1:{port}", engine, port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _book(engine, sender: str) -> str:
    slot = service.free_slots(engine, "worcester-high")[0]
    made = service.book(engine, service.Pupil(sender, "Sam", "worcester-high", 10, "jobs", True), slot.slot_id)
    return made.reference


def _cancel_call(reference: str, sender: str) -> dict:
    return action_call("action_manage_booking", f"cancel {reference}", sender=sender, intent="cancel_booking")


def test_a_call_without_the_secret_is_refused_and_the_booking_stays(action_server):
    url, engine, _ = action_server
    reference = _book(engine, "pupil-a")
    response = requests.post(f"{url}/webhook", json=_cancel_call(reference, "pupil-a"), timeout=30)
    assert response.status_code == 401
    assert service.find(engine, reference).status == "confirmed"
    assert requests.get(f"{url}/actions", timeout=10).status_code == 401


@pytest.mark.parametrize("header", ["Bearer wrong", f"Bearer {SECRET}x", SECRET, f"Basic {SECRET}", "Bearer "])
def test_a_wrong_secret_is_refused(action_server, header):
    url, engine, _ = action_server
    pupil = f"pupil-b-{len(header)}-{abs(hash(header))}"  # one upcoming booking per conversation: a pupil per case
    reference = _book(engine, pupil)
    response = requests.post(f"{url}/webhook", json=_cancel_call(reference, pupil),
                             headers={"Authorization": header}, timeout=30)
    assert response.status_code == 401
    assert service.find(engine, reference).status == "confirmed"


def test_the_right_secret_gets_through(action_server):
    url, _, _ = action_server
    response = requests.post(f"{url}/webhook", json=action_call("action_pathfinder_fallback", "blah"),
                             headers={"Authorization": f"Bearer {SECRET}"}, timeout=30)
    assert response.status_code == 200, response.text
    assert "didn't understand" in response.json()["responses"][0]["text"]


def test_health_stays_open(action_server):
    url, _, _ = action_server
    assert requests.get(f"{url}/health", timeout=10).json() == {"status": "ok"}


def _outside_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # no packet is sent; this picks the machine's outward address
            address = sock.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_it_listens_on_loopback_only(action_server):
    _, _, port = action_server
    address = _outside_address()
    if address is None:
        pytest.skip("this machine has no address other than loopback")
    with pytest.raises(OSError):
        socket.create_connection((address, port), timeout=3).close()


def test_host_defaults_to_loopback_and_can_name_a_private_address(monkeypatch):
    monkeypatch.delenv("PATHFINDER_ACTIONS_HOST", raising=False)
    assert host() == "127.0.0.1"
    monkeypatch.setenv("PATHFINDER_ACTIONS_HOST", "10.0.0.5")
    assert host() == "10.0.0.5"


def test_the_compare_needs_the_exact_secret():
    assert authorised(f"Bearer {SECRET}", SECRET)
    assert not authorised(f"Bearer {SECRET[:-1]}", SECRET)
    assert not authorised(None, SECRET)
    assert not authorised(f"Bearer {SECRET}", "")


def test_production_will_not_start_without_a_secret(tmp_path):
    env = {**os.environ, "PATHFINDER_ENV": "production", "PYTHONPATH": str(PROJECT_ROOT)}
    env.pop("PATHFINDER_ACTION_SECRET", None)
    done = subprocess.run([sys.executable, "-m", "bot.action_server", "--port", str(free_port())], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "PATHFINDER_ACTION_SECRET must be set in production" in done.stderr


def test_development_keeps_a_generated_secret_private(monkeypatch):
    from bot.runtime_config import action_secret
    monkeypatch.delenv("PATHFINDER_ACTION_SECRET", raising=False)
    monkeypatch.delenv("PATHFINDER_ENV", raising=False)
    first = action_secret()
    assert len(first) >= 32 and action_secret() == first
    assert (PROJECT_ROOT / "var" / "action_secret").stat().st_mode & 0o077 == 0


def test_rasa_sends_the_secret_from_its_environment_and_the_file_holds_none(tmp_path, monkeypatch):
    from rasa.utils.endpoints import read_endpoint_config
    from bot.runtime_config import write_endpoints
    monkeypatch.setenv("PATHFINDER_ACTION_SECRET", SECRET)
    monkeypatch.setenv("PATHFINDER_TRACKER_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    path = write_endpoints(tmp_path / "endpoints.yml")
    assert SECRET not in path.read_text()
    endpoint = read_endpoint_config(str(path), "action_endpoint")
    assert endpoint.headers["Authorization"] == f"Bearer {SECRET}"
