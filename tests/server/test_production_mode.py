"""Development and production modes (issue 9, item 2), the demo page's addresses and private SQLite files."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import urllib.request

import pytest

from booking import hub, staff
from bot.launch import banner, wait_for
from bot.local_servers import free_port
from console.app import UnsafeToStart, create_app
from lmi.config import PROJECT_ROOT, make_engine

GOOD_KEY = "k" * 40
STAFF_PASSWORD = "a-long-staff-password"


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("PATHFINDER_ENV", "production")
    monkeypatch.setenv("PATHFINDER_SECRET_KEY", GOOD_KEY)
    monkeypatch.setenv("PATHFINDER_HANDOFF_SECRET", "h" * 40)
    monkeypatch.setenv("PATHFINDER_INSECURE_COOKIES", "1")  # ignored in production


def _databases(tmp_path):
    return f"sqlite:///{tmp_path / 'p.db'}", f"sqlite:///{tmp_path / 't.db'}"


def _real_hub(url: str) -> None:
    engine = make_engine(url)
    hub.create_tables(engine)
    hub.add_school(engine, "real-school", "Real School", "worcester", "Ms Lead", "dsl@real-school.example")
    staff.add_user(engine, "staff@real-school.example", "Real Staff", STAFF_PASSWORD, "teacher",
                   school_id="real-school")


def test_demo_data_is_never_seeded_in_production(tmp_path, production):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with pytest.raises(hub.SetupError):
        hub.seed_demo(engine)
    assert hub.is_empty(engine) and hub.demo_accounts(engine) == []
    done = subprocess.run([sys.executable, "-m", "booking", "--database", f"sqlite:///{tmp_path / 'c.db'}",
                           "seed-demo"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert done.returncode != 0 and "never added in production" in done.stderr


def test_the_console_refuses_to_start_with_a_demo_account(tmp_path, production, monkeypatch):
    db, tracker = _databases(tmp_path)
    monkeypatch.setenv("PATHFINDER_ENV", "development")
    hub.seed_demo(make_engine(db))
    monkeypatch.setenv("PATHFINDER_ENV", "production")
    with pytest.raises(UnsafeToStart, match="hub.lead@demo.invalid"):
        create_app(db, tracker)


@pytest.mark.parametrize("name, value", [("PATHFINDER_SECRET_KEY", None), ("PATHFINDER_SECRET_KEY", "short"),
                                         ("PATHFINDER_HANDOFF_SECRET", None),
                                         ("PATHFINDER_HANDOFF_SECRET", "change-me-in-production")])
def test_the_console_refuses_to_start_with_a_missing_or_default_key(tmp_path, production, monkeypatch, name, value):
    db, tracker = _databases(tmp_path)
    _real_hub(db)
    if value is None:
        monkeypatch.delenv(name)
    else:
        monkeypatch.setenv(name, value)
    with pytest.raises(UnsafeToStart, match=name):
        create_app(db, tracker)


def test_production_cookies_are_secure(tmp_path, production):
    db, tracker = _databases(tmp_path)
    _real_hub(db)
    app = create_app(db, tracker)
    client = app.test_client()
    page = client.get("/console/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/console/login", data={"email": "staff@real-school.example",
                                                   "password": STAFF_PASSWORD, "csrf_token": csrf})
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in c and "HttpOnly" in c for c in cookies)


def test_development_keeps_demo_data_and_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFINDER_ENV", raising=False)
    db, tracker = _databases(tmp_path)
    hub.seed_demo(make_engine(db))
    assert create_app(db, tracker) is not None
    assert "DEMO" in banner("development") and "PATHFINDER_ENV=production" in banner("development")
    assert "PRODUCTION" in banner("production")


def test_the_console_runs_under_waitress_not_flasks_development_server(tmp_path):
    port = free_port()
    db, tracker = _databases(tmp_path)
    env = {**os.environ, "PATHFINDER_DATABASE_URL": db, "PATHFINDER_TRACKER_URL": tracker,
           "PATHFINDER_WEB_PORT": str(port), "PYTHONPATH": str(PROJECT_ROOT)}
    env.pop("PATHFINDER_ENV", None)
    proc = subprocess.Popen([sys.executable, "-m", "console", "serve"], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/console/login", 60, proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/console/login", timeout=10) as response:
            assert response.status == 200
            server = response.headers.get("Server", "")
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
    assert "Werkzeug" not in server and "Pathfinder" in server
    assert "development server" not in output.lower()


def test_the_demo_page_ignores_the_host_header(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFINDER_ENV", raising=False)
    monkeypatch.setenv("PATHFINDER_PUBLIC_RASA_URL", "https://chat.hub.example")
    monkeypatch.setenv("PATHFINDER_PUBLIC_WEB_URL", "https://pathfinder.hub.example")
    db, tracker = _databases(tmp_path)
    page = create_app(db, tracker).test_client().get("/", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in page
    assert 'data-rasa="https://chat.hub.example"' in page
    assert "https://pathfinder.hub.example/widget/embed.js" in page
    monkeypatch.delenv("PATHFINDER_PUBLIC_RASA_URL")
    page = create_app(db, tracker).test_client().get("/", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in page


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_sqlite_files_are_private(tmp_path):
    from bot.runtime_config import endpoints
    old = os.umask(0o022)
    try:
        folder = tmp_path / "new-var"
        engine = make_engine(f"sqlite:///{folder / 'pathfinder.db'}")
        hub.create_tables(engine)
        assert _mode(folder / "pathfinder.db") == 0o600
        assert _mode(folder) == 0o700
        loose = tmp_path / "loose.db"
        loose.touch(mode=0o644)
        make_engine(f"sqlite:///{loose}")
        assert _mode(loose) == 0o600
        os.environ["PATHFINDER_TRACKER_URL"] = f"sqlite:///{tmp_path / 'tracker' / 'rasa.db'}"
        endpoints()
        assert _mode(tmp_path / "tracker" / "rasa.db") == 0o600
        make_engine()  # the default database in var/
        assert _mode(PROJECT_ROOT / "var") == 0o700
    finally:
        os.environ.pop("PATHFINDER_TRACKER_URL", None)
        os.umask(old)
