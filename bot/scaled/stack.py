"""Starts and stops the scaled layout on one machine: PostgreSQL (bookings, LMI, Rasa's tracker store), Redis
(Rasa's lock store), several Rasa replicas on their own ports, the action server with several Sanic workers,
the console and widget, the handoff worker, and HAProxy in front on one public port.

Every server listens on 127.0.0.1; only the proxy's port is meant to be reached, and `bind` decides its address.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bot.launch import _env as launch_env, action_server_cmd, rasa_server_cmd, wait_for
from bot.runtime_config import write_endpoints
from bot.scaled.proxy_config import haproxy_config
from bot.scaled.services import Postgres, free_port, start_haproxy, start_redis
from bot.train import ensure_model
from booking import hub
from lmi.config import PROJECT_ROOT, is_production, make_engine
from lmi.loader import load


@dataclass
class ScaledStack:
    workdir: Path
    public_url: str
    rasa_urls: list[str]
    database_url: str
    tracker_url: str
    postgres: Postgres
    throwaway: bool = False
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def say(self, text: str, sender: str | None = None, metadata: dict | None = None, *, via: str | None = None,
            timeout: float = 120) -> list[dict]:
        """Sends one message through the proxy (or straight to `via`, a replica's URL); returns the replies."""
        body = {"sender": sender or uuid.uuid4().hex, "message": text}
        if metadata:
            body["metadata"] = metadata
        response = requests.post(f"{via or self.public_url}/webhooks/rest/webhook", json=body, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def replica(self, n: int) -> subprocess.Popen:
        return self.processes[f"rasa{n}"]

    def kill_replica(self, n: int) -> None:
        """SIGKILL, as when a machine or container dies: no clean shutdown."""
        proc = self.replica(n)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)

    def pids(self) -> list[int]:
        return [p.pid for p in self.processes.values() if p.poll() is None]

    def stop(self) -> None:
        for name, proc in reversed(list(self.processes.items())):
            if proc.poll() is None:
                proc.terminate()
        for proc in self.processes.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.postgres.stop()
        if self.throwaway:
            shutil.rmtree(self.postgres.folder, ignore_errors=True)


@contextmanager
def _environment(values: dict):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _create_tracker_tables(url: str) -> None:
    """Creates Rasa's tracker tables once, before the replicas start, so they do not race to create them."""
    from rasa.core.tracker_store import SQLTrackerStore
    engine = make_engine(url)
    SQLTrackerStore.SQLEvent.metadata.create_all(engine)
    engine.dispose()


def start(workdir: Path, *, replicas: int = 2, action_workers: int = 2, public_port: int | None = None,
          bind: str = "127.0.0.1", throwaway: bool = False, log=print) -> ScaledStack:
    """Starts everything and returns once every server answers; stops what it started if anything fails.

    throwaway: PostgreSQL in a temporary folder without fsync, removed by stop() (tests, benchmarks)."""
    ensure_model()
    workdir.mkdir(parents=True, exist_ok=True)
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="pathfinder-pg-")) if throwaway else Postgres.default_folder(workdir)
    postgres = Postgres(folder, free_port(), durable=not throwaway)
    log(f"Starting PostgreSQL in {postgres.folder} ...")
    postgres.start()
    database_url, tracker_url = postgres.url("pathfinder"), postgres.url("rasa_tracker")
    public_port = public_port or free_port()
    public_url = f"http://127.0.0.1:{public_port}"
    rasa_ports = [free_port() for _ in range(replicas)]
    stack = ScaledStack(workdir, public_url, [f"http://127.0.0.1:{p}" for p in rasa_ports], database_url,
                        tracker_url, postgres, throwaway)
    try:
        redis_port, action_port, web_port = free_port(), free_port(), free_port()
        stack.processes["redis"] = start_redis(workdir / "redis", redis_port, open(logs / "redis.log", "w"))
        settings = {
            "PATHFINDER_DATABASE_URL": database_url,
            "PATHFINDER_TRACKER_URL": tracker_url,
            "PATHFINDER_LOCK_STORE_URL": f"redis://127.0.0.1:{redis_port}/0",
            "PATHFINDER_ACTION_URL": f"http://127.0.0.1:{action_port}/webhook",
            "PATHFINDER_PUBLIC_RASA_URL": public_url if bind == "127.0.0.1" else
            os.environ.get("PATHFINDER_PUBLIC_RASA_URL", public_url),
        }
        with _environment(settings):
            env = launch_env()
            endpoints = write_endpoints(workdir / "endpoints.yml")
        env.update(settings)
        log("Loading the LMI data into PostgreSQL ...")
        engine = make_engine(database_url)
        load(PROJECT_ROOT / "data" / "lmi", engine, if_changed=True)
        if not is_production() and hub.is_empty(engine):
            hub.seed_demo(engine)
            log("Seeded a demo hub (development mode).")
        engine.dispose()
        _create_tracker_tables(tracker_url)

        log(f"Starting the action server ({action_workers} workers) and {replicas} Rasa replicas ...")
        actions_env = {**env, "ACTION_SERVER_SANIC_WORKERS": str(action_workers)}
        stack.processes["actions"] = subprocess.Popen(
            action_server_cmd(action_port), cwd=PROJECT_ROOT, env=actions_env,
            stdout=open(logs / "actions.log", "w"), stderr=subprocess.STDOUT)
        # Several replicas share the cores: each runs TensorFlow on one thread instead of a pool per core.
        rasa_env = {"TF_INTRA_OP_PARALLELISM_THREADS": "1", "TF_INTER_OP_PARALLELISM_THREADS": "1", **env}
        for n, port in enumerate(rasa_ports, 1):
            stack.processes[f"rasa{n}"] = subprocess.Popen(
                rasa_server_cmd(endpoints, port), cwd=PROJECT_ROOT, env=rasa_env,
                stdout=open(logs / f"rasa{n}.log", "w"), stderr=subprocess.STDOUT)
        web_env = {**env, "PATHFINDER_WEB_HOST": "127.0.0.1", "PATHFINDER_WEB_PORT": str(web_port)}
        if not is_production():
            web_env.setdefault("PATHFINDER_INSECURE_COOKIES", "1")
        stack.processes["web"] = subprocess.Popen([sys.executable, "-m", "console", "serve"], cwd=PROJECT_ROOT,
                                                  env=web_env, stdout=open(logs / "web.log", "w"),
                                                  stderr=subprocess.STDOUT)
        stack.processes["worker"] = subprocess.Popen([sys.executable, "-m", "booking", "worker"], cwd=PROJECT_ROOT,
                                                     env=env, stdout=open(logs / "worker.log", "w"),
                                                     stderr=subprocess.STDOUT)
        started = time.monotonic()
        waits = [(f"http://127.0.0.1:{action_port}/health", "actions")]
        waits += [(url + "/", f"rasa{n}") for n, url in enumerate(stack.rasa_urls, 1)]
        waits += [(f"http://127.0.0.1:{web_port}/", "web")]
        for url, name in waits:
            if not wait_for(url, 600, stack.processes[name]):
                tail = (logs / f"{name}.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{name} did not start in {time.monotonic() - started:.0f} s:\n{tail}")
        # The proxy starts last, so its first health checks find every replica up.
        config = workdir / "haproxy.cfg"
        config.write_text(haproxy_config(public_port, [f"127.0.0.1:{p}" for p in rasa_ports], f"127.0.0.1:{web_port}",
                                         bind=bind))
        stack.processes["proxy"] = start_haproxy(config, public_port, open(logs / "haproxy.log", "w"))
        for _ in range(2 * replicas):
            if not wait_for(f"{public_url}/webhooks/rest/", 30, stack.processes["proxy"]):
                raise RuntimeError("the proxy does not reach the Rasa replicas; see logs/haproxy.log")
        log(f"Everything answered after {time.monotonic() - started:.0f} s.")
        return stack
    except BaseException:
        stack.stop()
        raise
