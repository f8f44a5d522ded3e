"""Starts Pathfinder: the action server (5055, on 127.0.0.1, called only with the shared secret) and Rasa
with REST and socket.io (5005), on SQLite by default. In development (the default) an empty database gets a
demo hub; under PATHFINDER_ENV=production nothing is seeded.

  python -m bot.launch           run until Ctrl-C
  python -m bot.launch --shell   talk to the assistant in this terminal (rasa shell)
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bot.runtime_config import ACTION_SECRET_ENV, action_secret, rest_enabled, write_credentials, write_endpoints
from bot.train import MODEL
from booking import hub
from lmi.config import PROJECT_ROOT, environment, is_production, make_engine

RASA_PORT = int(os.environ.get("PATHFINDER_RASA_PORT", "5005"))
WEB_PORT = int(os.environ.get("PATHFINDER_WEB_PORT", "8080"))
ACTIONS_PORT = int(os.environ.get("PATHFINDER_ACTIONS_PORT", "5055"))


def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("PATHFINDER_ACTION_URL", f"http://127.0.0.1:{ACTIONS_PORT}/webhook")
    env[ACTION_SECRET_ENV] = action_secret()
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")  # no usage data (or Sentry error reports) leave the school
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    return env


def action_server_cmd(port: int = ACTIONS_PORT) -> list[str]:
    return [sys.executable, "-m", "bot.action_server", "--port", str(port)]


def rasa_cmd(*args: str) -> list[str]:
    """Rasa's command line with Pathfinder's reply when a custom action cannot run (bot/rasa_server.py)."""
    return [sys.executable, "-m", "bot.rasa_server", *args]


def rasa_server_cmd(endpoints: Path, port: int = RASA_PORT, *, enable_api: bool = False) -> list[str]:
    credentials = write_credentials(endpoints.with_name("credentials.yml"))
    cmd = rasa_cmd("run", "--model", str(MODEL), "--endpoints", str(endpoints),
                   "--credentials", str(credentials), "--port", str(port), "--cors", "*")
    return cmd + (["--enable-api"] if enable_api else [])


def wait_for(url: str, timeout: float, process: subprocess.Popen | None = None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def banner(mode: str) -> str:
    if mode == "production":
        return "=== Pathfinder: PRODUCTION mode (no demo data, secure cookies, keys must be set) ==="
    return ("=== Pathfinder: DEVELOPMENT mode, with DEMO data and demo logins. Not for real pupils: "
            "set PATHFINDER_ENV=production (see README) before a school uses it. ===")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shell", action="store_true", help="talk in the terminal instead of serving")
    args = parser.parse_args(argv)
    os.umask(0o077)  # databases, logs and keys that the servers create are private to this user
    env = _env()
    os.environ.update(env)
    endpoints = write_endpoints()
    processes: list[subprocess.Popen] = []

    def stop(*_args) -> None:
        for proc in processes:
            if proc.poll() is None:
                proc.terminate()
        for proc in processes:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()

    signal.signal(signal.SIGTERM, lambda *_: (stop(), sys.exit(0)))
    try:
        engine = make_engine()
        if is_production():
            if hub.is_empty(engine):
                print("Production: the database has no schools yet; add them with python -m booking (no demo data "
                      "is seeded in production).", file=sys.stderr)
            demo_hub = False
        else:
            demo_hub = hub.is_empty(engine) or hub.has_demo_staff(engine)
            if hub.is_empty(engine):
                demo = hub.seed_demo(engine)
                print(f"Seeded a demo hub: {len(demo.schools)} schools and {len(demo.advisers)} advisers with free "
                      "slots.")
        print(banner(environment()))
        worker = subprocess.Popen([sys.executable, "-m", "booking", "worker"], cwd=PROJECT_ROOT, env=env)
        processes.append(worker)
        web_env = dict(env) if is_production() else {
            **env, "PATHFINDER_INSECURE_COOKIES": env.get("PATHFINDER_INSECURE_COOKIES", "1")}
        web = subprocess.Popen([sys.executable, "-m", "console", "serve"], cwd=PROJECT_ROOT, env=web_env)
        processes.append(web)
        print(f"Starting the action server on port {ACTIONS_PORT}...")
        actions = subprocess.Popen(action_server_cmd(), cwd=PROJECT_ROOT, env=env)
        processes.append(actions)
        if not wait_for(f"http://localhost:{ACTIONS_PORT}/health", 120, actions):
            print("The action server did not start; see the messages above.", file=sys.stderr)
            return 1
        if args.shell:
            return subprocess.call(rasa_cmd("shell", "--model", str(MODEL), "--endpoints", str(endpoints)),
                                   cwd=PROJECT_ROOT, env=env)
        print(f"Starting Rasa on port {RASA_PORT} (it takes about a minute to load the model)...")
        rasa = subprocess.Popen(rasa_server_cmd(endpoints), cwd=PROJECT_ROOT, env=env)
        processes.append(rasa)
        if not wait_for(f"http://localhost:{RASA_PORT}/", 300, rasa):
            print("Rasa did not start; see the messages above.", file=sys.stderr)
            return 1
        print()
        print("Pathfinder is running:")
        if rest_enabled():
            print(f"  REST:      POST http://localhost:{RASA_PORT}/webhooks/rest/webhook")
        print(f"  socket.io: http://localhost:{RASA_PORT}/socket.io")
        print(f"  actions:   http://127.0.0.1:{ACTIONS_PORT}/webhook   (Rasa only: needs the action secret)")
        print(f"  widget:    http://localhost:{WEB_PORT}/   (a demo school page with the chat widget)")
        print(f"  console:   http://localhost:{WEB_PORT}/console/login")
        if demo_hub:
            print(f"  demo logins (password {hub.DEMO_PASSWORD}): " + ", ".join(e for e, *_ in hub.DEMO_STAFF[:4]))
        print("Press Ctrl-C to stop.")
        while all(p.poll() is None for p in processes):
            time.sleep(1)
        print("A server stopped unexpectedly; stopping the others.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    finally:
        stop()


if __name__ == "__main__":
    raise SystemExit(main())
