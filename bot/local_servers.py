"""Starts the action server and Rasa on free ports with a throwaway database (end-to-end tests, benchmarks)."""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bot.launch import action_server_cmd, rasa_server_cmd, wait_for
from bot.runtime_config import write_endpoints
from booking import hub
from bot.train import ensure_model
from lmi.config import PROJECT_ROOT, make_engine
from lmi.loader import load


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Servers:
    rasa_url: str
    action_url: str
    workdir: Path
    database_url: str
    processes: list[subprocess.Popen] = field(default_factory=list)
    env: dict = field(default_factory=dict, repr=False)
    action_port: int = 0

    def say(self, text: str, sender: str | None = None, metadata: dict | None = None) -> list[dict]:
        sender = sender or uuid.uuid4().hex
        body = {"sender": sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    def stop_action_server(self) -> None:
        """Stops the action server only (fault tests); start_action_server() brings it back."""
        actions = self.processes[0]
        actions.terminate()
        actions.wait(timeout=20)

    def start_action_server(self) -> None:
        log = open(self.workdir / "logs" / "actions.log", "a")
        actions = subprocess.Popen(action_server_cmd(self.action_port), cwd=PROJECT_ROOT, env=self.env,
                                   stdout=log, stderr=subprocess.STDOUT)
        self.processes[0] = actions
        if not wait_for(f"{self.action_url}/health", 180, actions):
            raise RuntimeError("the action server did not start again")

    def stop(self) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def start(workdir: Path, *, enable_api: bool = False) -> Servers:
    ensure_model()
    database_url = f"sqlite:///{workdir / 'pathfinder.db'}"
    engine = make_engine(database_url)
    load(PROJECT_ROOT / "data" / "lmi", engine)
    if hub.is_empty(engine):
        hub.seed_demo(engine)
    rasa_port, action_port = free_port(), free_port()
    env = {
        **os.environ,
        "PATHFINDER_DATABASE_URL": database_url,
        "PATHFINDER_TRACKER_URL": f"sqlite:///{workdir / 'tracker.db'}",
        "PATHFINDER_ACTION_URL": f"http://127.0.0.1:{action_port}/webhook",
        "PATHFINDER_ACTION_SECRET": secrets.token_hex(32),
        "PYTHONPATH": str(PROJECT_ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "RASA_TELEMETRY_ENABLED": "false",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    saved = {k: os.environ.get(k) for k in ("PATHFINDER_TRACKER_URL", "PATHFINDER_ACTION_URL")}
    os.environ.update({k: env[k] for k in saved})
    endpoints = write_endpoints(workdir / "endpoints.yml")
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    servers = Servers(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", workdir, database_url,
                      env=env, action_port=action_port)
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    actions = subprocess.Popen(action_server_cmd(action_port), cwd=PROJECT_ROOT, env=env,
                               stdout=open(logs / "actions.log", "w"), stderr=subprocess.STDOUT)
    servers.processes.append(actions)
    rasa = subprocess.Popen(rasa_server_cmd(endpoints, rasa_port, enable_api=enable_api), cwd=PROJECT_ROOT, env=env,
                            stdout=open(logs / "rasa.log", "w"), stderr=subprocess.STDOUT)
    servers.processes.append(rasa)
    started = time.monotonic()
    ok = (wait_for(f"{servers.action_url}/health", 180, actions)
          and wait_for(f"{servers.rasa_url}/", 400, rasa))
    if not ok:
        servers.stop()
        tail = "\n".join((logs / name).read_text()[-3000:] for name in ("actions.log", "rasa.log"))
        raise RuntimeError(f"servers did not start within {time.monotonic() - started:.0f} s:\n{tail}")
    return servers
