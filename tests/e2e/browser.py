"""Headless Debian Chromium driven by Playwright, and the widget/console app on a free port, for browser tests."""
from __future__ import annotations

import functools
import os
import shutil
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server

from bot.local_servers import Servers, free_port
from lmi.config import PROJECT_ROOT

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("PATHFINDER_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@functools.lru_cache(maxsize=None)
def screenshots_dir() -> Path:
    """test-artifacts/screenshots-<time>, or PATHFINDER_SCREENSHOTS: printed so a reviewer can find them. One folder
    per run, whichever browser-test module asks first."""
    configured = os.environ.get("PATHFINDER_SCREENSHOTS")
    folder = Path(configured) if configured else PROJECT_ROOT / "test-artifacts" / time.strftime("screenshots-%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class WebApp:
    def __init__(self, servers: Servers):
        from console.app import create_app
        os.environ["PATHFINDER_INSECURE_COOKIES"] = "1"
        os.environ["PATHFINDER_PUBLIC_RASA_URL"] = servers.rasa_url
        self.app = create_app(servers.database_url, f"sqlite:///{servers.workdir / 'tracker.db'}")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()


AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page, selector: str | None = None) -> list[dict]:
    """Runs the vendored axe-core against the page (or one element) with the WCAG 2.2 AA rules; returns the violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async ([selector, tags]) => axe.run(selector ? document.querySelector(selector) : document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", [selector, WCAG_22_AA])
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [{"target": n["target"], "summary": n["failureSummary"]} for n in v["nodes"]]}
            for v in result["violations"]]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(
        f"    {n['target']}: {n['summary']}" for n in v["nodes"]) for v in violations)
