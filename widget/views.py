"""Serves the widget: a demo school page at /, the embed script and assets under /widget/."""
from __future__ import annotations

import os

from flask import Blueprint, render_template, request

bp = Blueprint("widget", __name__, template_folder="templates", static_folder="static", static_url_path="/widget")


def rasa_url() -> str:
    """Where pupils' browsers reach Rasa's socket.io channel (PATHFINDER_PUBLIC_RASA_URL)."""
    return os.environ.get("PATHFINDER_PUBLIC_RASA_URL", f"http://{request.host.split(':')[0]}:5005")


@bp.get("/")
def demo_page():
    school = request.args.get("school", "worcester-high")
    return render_template("demo_school.html", school=school, rasa_url=rasa_url(),
                           embed=f'<script src="{request.host_url}widget/embed.js" data-school="{school}" '
                                 f'data-rasa="{rasa_url()}" defer></script>')
