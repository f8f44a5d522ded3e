"""The web app next to the assistant: the pupil widget at / and the staff console at /console.

  python -m console.app          serve on PATHFINDER_WEB_PORT (8080)
"""
from __future__ import annotations

import os
from datetime import timedelta

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from booking import settings
from booking.hub import create_tables, demo_accounts
from bot.runtime_config import tracker_url
from lmi.config import is_production, make_engine, stored_secret

csrf = CSRFProtect()
THREADS = 8


class UnsafeToStart(SystemExit):
    """Production settings that would leave the console open; the message says what to change."""


def secret_key() -> str:
    """PATHFINDER_SECRET_KEY; in development one made once and kept in var/ so sessions survive restarts."""
    configured = os.environ.get("PATHFINDER_SECRET_KEY", "").strip()
    if configured:
        return configured
    if is_production():
        raise UnsafeToStart("PATHFINDER_SECRET_KEY must be set in production (32+ random characters).")
    return stored_secret("secret_key")


def check_production(engine) -> None:
    """Refuses to serve in production with a demo account, a missing or short secret key, or the default
    handoff key."""
    problems = []
    if len(os.environ.get("PATHFINDER_SECRET_KEY", "").strip()) < 32:
        problems.append("set PATHFINDER_SECRET_KEY to 32+ random characters")
    if settings.handoff_secret_is_default():
        problems.append("set PATHFINDER_HANDOFF_SECRET (not the default)")
    demo = demo_accounts(engine)
    if demo:
        problems.append(f"remove the demo accounts ({', '.join(demo)}), e.g. with a fresh database")
    if problems:
        raise UnsafeToStart("The console will not start in production until you " + "; ".join(problems) + ".")


def create_app(database_url: str | None = None, tracker_database_url: str | None = None) -> Flask:
    from console.insight_views import bp as insight_bp
    from console.plan_views import bp as plans_bp
    from console.views import bp as console_bp
    from widget.views import bp as widget_bp

    app = Flask(__name__, static_folder=None)
    engine = make_engine(database_url)
    create_tables(engine)
    production = is_production()
    if production:
        check_production(engine)
    app.config.update(
        ENGINE=engine,
        TRACKER_ENGINE=make_engine(tracker_database_url or tracker_url()),
        SECRET_KEY=secret_key(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=production or os.environ.get("PATHFINDER_INSECURE_COOKIES") != "1",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        WTF_CSRF_TIME_LIMIT=None,
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    csrf.init_app(app)
    app.register_blueprint(console_bp)
    app.register_blueprint(insight_bp)
    app.register_blueprint(plans_bp)
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
    """Serves the app with waitress (a production WSGI server) in development and production alike."""
    import waitress
    port = int(os.environ.get("PATHFINDER_WEB_PORT", "8080"))
    host = os.environ.get("PATHFINDER_WEB_HOST", "127.0.0.1")
    app = create_app()
    print(f"Console and widget on http://{host}:{port}/ (waitress, {THREADS} threads)", flush=True)
    waitress.serve(app, host=host, port=port, threads=THREADS, ident="Pathfinder")


if __name__ == "__main__":
    main()
