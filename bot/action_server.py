"""The action server: rasa-sdk's executor behind a Sanic app that only Rasa may call.

  python -m bot.action_server [--port 5055]

It listens on 127.0.0.1 unless PATHFINDER_ACTIONS_HOST names another address (a private network), and
refuses every call but /health that lacks the shared secret Rasa sends (PATHFINDER_ACTION_SECRET, as
`Authorization: Bearer ...`). When the database is unavailable an action answers with a clear reply instead
of failing, and nothing it did half-way is confirmed to the pupil.
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os

from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sqlalchemy.exc import SQLAlchemyError

from answers.faults import fault_reply
from bot.action_events import trim_result
from bot.runtime_config import ACTION_SECRET_HEADER, ACTION_SECRET_SCHEME, action_secret

logger = logging.getLogger("pathfinder.actions")
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5055
OPEN_PATHS = {"/health"}


def host() -> str:
    """PATHFINDER_ACTIONS_HOST: 127.0.0.1 unless Rasa runs on another machine of a private network."""
    return os.environ.get("PATHFINDER_ACTIONS_HOST", "").strip() or DEFAULT_HOST


def authorised(header: str | None, secret: str) -> bool:
    """True when the header carries the secret; compared in constant time."""
    prefix = f"{ACTION_SECRET_SCHEME} "
    if not secret or not header or not header.startswith(prefix):
        return False
    return hmac.compare_digest(header[len(prefix):].strip().encode(), secret.encode())


async def run_action(executor, action_call: dict) -> dict:
    """Runs one action; a database fault becomes a clear reply and no events (so nothing is confirmed)."""
    from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException
    try:
        return trim_result(action_call, await executor.run(action_call))
    except (ActionExecutionRejection, ActionNotFoundException):
        raise
    except SQLAlchemyError:
        name = action_call.get("next_action") or ""
        logger.exception("The database is unavailable while running %s", name)
        return {"events": [], "responses": [{"text": fault_reply(name)}]}


def create_app(secret: str, package: str = "actions") -> Sanic:
    from rasa_sdk.executor import ActionExecutor
    from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

    app = Sanic("pathfinder_actions", configure_logging=False)
    executor = ActionExecutor()
    executor.register_package(package)

    @app.middleware("request")
    async def require_secret(request: Request):
        if request.path not in OPEN_PATHS and not authorised(request.headers.get(ACTION_SECRET_HEADER), secret):
            logger.warning("Refused a call to %s from %s without the action secret", request.path, request.ip)
            return response.json({"error": "unauthorised"}, status=401)
        return None

    @app.get("/health")
    async def health(_request: Request):
        return response.json({"status": "ok"})

    @app.post("/webhook")
    async def webhook(request: Request):
        action_call = request.json
        if not isinstance(action_call, dict):
            return response.json({"error": "Invalid body request"}, status=400)
        try:
            result = await run_action(executor, action_call)
        except ActionExecutionRejection as exc:
            return response.json({"error": exc.message, "action_name": exc.action_name}, status=400)
        except ActionNotFoundException as exc:
            return response.json({"error": exc.message, "action_name": exc.action_name}, status=404)
        return response.json(result)

    @app.get("/actions")
    async def actions(_request: Request):
        return response.json([{"name": name} for name in executor.actions])

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception):
        if isinstance(exception, SanicException):
            return response.json({"error": str(exception)}, status=exception.status_code)
        logger.error("The action server failed on %s", request.path, exc_info=exception)
        return response.json({"error": "the action failed"}, status=500)

    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PATHFINDER_ACTIONS_PORT", DEFAULT_PORT)))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_app(action_secret())
    logger.info("Action server on http://%s:%s (calls need the action secret)", host(), args.port)
    # several workers in the scaled layout (the same variable rasa-sdk's own server reads)
    workers = max(1, int(os.environ.get("ACTION_SERVER_SANIC_WORKERS", "1")))
    app.run(host=host(), port=args.port, workers=workers, access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
