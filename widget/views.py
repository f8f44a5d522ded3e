"""Serves the widget: a demo school page at /, the embed script and assets under /widget/.

Addresses on the page come from configuration (PATHFINDER_PUBLIC_RASA_URL, PATHFINDER_PUBLIC_WEB_URL), never
from the request's Host header, which whoever sends the request controls.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Blueprint, Response, render_template, request

from widget import privacy

bp = Blueprint("widget", __name__, template_folder="templates", static_folder="static", static_url_path="/widget")


def rasa_url() -> str:
    """Where pupils' browsers reach Rasa's socket.io channel (PATHFINDER_PUBLIC_RASA_URL)."""
    configured = os.environ.get("PATHFINDER_PUBLIC_RASA_URL", "").strip()
    return configured.rstrip("/") or f"http://localhost:{os.environ.get('PATHFINDER_RASA_PORT', '5005')}"


def web_url() -> str:
    """Where schools' pages load the widget from (PATHFINDER_PUBLIC_WEB_URL)."""
    configured = os.environ.get("PATHFINDER_PUBLIC_WEB_URL", "").strip()
    return configured.rstrip("/") or f"http://localhost:{os.environ.get('PATHFINDER_WEB_PORT', '8080')}"


@bp.get("/")
def demo_page():
    school = request.args.get("school", "worcester-high")
    return render_template("demo_school.html", school=school, rasa_url=rasa_url(),
                           embed=f'<script src="{web_url()}/widget/embed.js" data-school="{school}" '
                                 f'data-rasa="{rasa_url()}" defer></script>')


EMBED_SCRIPT = Path(__file__).parent / "static" / "embed.js"
PRIVACY_PLACEHOLDER = '"__PRIVACY_NOTICE__"'


@bp.record_once
def _check_retention_settings(_state) -> None:
    """A bad PATHFINDER_RETAIN_* value stops the app at start-up with a clear message, not at a pupil's first visit."""
    try:
        privacy.notice()
    except ValueError as problem:
        raise SystemExit(str(problem)) from None


@bp.get("/widget/embed.js")
def embed_script():
    """The embed script with its privacy line worded from the current retention settings."""
    source = EMBED_SCRIPT.read_text(encoding="utf-8")
    body = source.replace(PRIVACY_PLACEHOLDER, json.dumps(privacy.notice()), 1)
    response = Response(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response
