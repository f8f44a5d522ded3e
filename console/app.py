"""The web app next to the assistant: the pupil widget at / and the staff console at /console.

  python -m console.app          serve on PATHFINDER_WEB_PORT (8080)
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from booking.hub import create_tables
from bot.runtime_config import tracker_url
from lmi.config import PROJECT_ROOT, make_engine

csrf = CSRFProtect()


def secret_key() -> str:
    """PATHFINDER_SECRET_KEY, or one made once and kept in var/ so sessions survive restarts."""
    configured = os.environ.get("PATHFINDER_SECRET_KEY")
    if configured:
        return configured
    path = PROJECT_ROOT / "var" / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def create_app(database_url: str | None = None, tracker_database_url: str | None = None) -> Flask:
    from console.views import bp as console_bp
    from widget.views import bp as widget_bp

    app = Flask(__name__, static_folder=None)
    engine = make_engine(database_url)
    create_tables(engine)
    app.config.update(
        ENGINE=engine,
        TRACKER_ENGINE=make_engine(tracker_database_url or tracker_url()),
        SECRET_KEY=secret_key(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=os.environ.get("PATHFINDER_INSECURE_COOKIES") != "1",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        WTF_CSRF_TIME_LIMIT=None,
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    csrf.init_app(app)
    app.register_blueprint(console_bp)
    app.register_blueprint(widget_bp)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy",
                                        "default-src 'self'; connect-src 'self' http: https: ws: wss:; "
                                        "img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors *")
        return response

    return app


def main() -> None:
    port = int(os.environ.get("PATHFINDER_WEB_PORT", "8080"))
    create_app().run(host=os.environ.get("PATHFINDER_WEB_HOST", "127.0.0.1"), port=port, threaded=True)


if __name__ == "__main__":
    main()
