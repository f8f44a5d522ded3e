"""Runs `rasa test` on the test stories in tests/stories against the trained model; fails on any mistake.

Equivalent by hand:
  rasa test core --model models/pathfinder.tar.gz --stories tests/stories --fail-on-prediction-errors
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from bot.runtime_config import write_endpoints
from bot.train import MODEL, ensure_model, rasa_executable
from lmi.config import PROJECT_ROOT

STORIES = PROJECT_ROOT / "tests" / "stories"
RESULTS = PROJECT_ROOT / "results" / "stories"


def main() -> int:
    ensure_model()
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATHFINDER_TRACKER_URL": f"sqlite:///{RESULTS / 'tracker.db'}",
           "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    os.environ.update(env)
    endpoints = write_endpoints(RESULTS / "endpoints.yml")
    cmd = [rasa_executable(), "test", "core", "--model", str(MODEL), "--stories", str(STORIES),
           "--endpoints", str(endpoints), "--out", str(RESULTS), "--fail-on-prediction-errors", "--no-plot"]
    print("rasa test core --stories tests/stories ...", flush=True)
    code = subprocess.call(cmd, cwd=PROJECT_ROOT, env=env)
    report = RESULTS / "story_report.json"
    if report.exists():
        data = json.loads(report.read_text())
        print(f"Test stories: {data.get('conversation_accuracy', {})}")
    failed = RESULTS / "failed_test_stories.yml"
    if failed.exists() and "steps" in failed.read_text():
        print(failed.read_text(), file=sys.stderr)
        code = code or 1
    print("Test stories passed." if code == 0 else "Test stories FAILED (see above and results/stories).")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
