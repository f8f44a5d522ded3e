"""Trains the Rasa model only when its inputs changed (config, domain, NLU, stories, LMI data), and the
safeguarding classifier only when its corpus changed.

  python -m bot.train              train if needed
  python -m bot.train --force      train anyway
  python -m bot.train --validate-only   `rasa data validate` on the training data
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from lmi.config import PROJECT_ROOT

MODELS = PROJECT_ROOT / "models"
MODEL = MODELS / "pathfinder.tar.gz"
FINGERPRINT = MODELS / "pathfinder.fingerprint"
CONFIG = PROJECT_ROOT / "bot" / "config.yml"
DOMAIN = PROJECT_ROOT / "bot" / "domain"
TRAINING_DATA = [PROJECT_ROOT / "data" / "nlu", PROJECT_ROOT / "data" / "stories"]
INPUTS = [CONFIG, DOMAIN, *TRAINING_DATA, PROJECT_ROOT / "data" / "lmi", PROJECT_ROOT / "bot" / "spacy_pipeline.py",
          PROJECT_ROOT / "constraints.txt"]


def rasa_executable() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def fingerprint() -> str:
    digest = hashlib.sha256()
    for item in INPUTS:
        files = sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current() -> bool:
    return MODEL.exists() and FINGERPRINT.exists() and FINGERPRINT.read_text().strip() == fingerprint()


def rasa_args(*args: str) -> list[str]:
    return [rasa_executable(), *args]


# Intents only ever sent by buttons (payloads like /choose_slot{"slot_id":"3"}) or set by the
# safeguarding net: they rightly have no NLU examples.
NO_EXAMPLES_NEEDED = {"choose_slot", "choose_new_slot", "choose_occupation", "inform_occupation_unknown",
                      "ask_route", "safeguarding_disclosure", "safeguarding_concern", "safeguarding_tell_adult",
                      "safeguarding_not_now", "brief_remove", "check_plan", "tick_step"}
_NO_EXAMPLES = re.compile(r"The intent '(\w+)' is listed in the domain file, but is not found in the NLU training data")


def validate() -> int:
    """`rasa data validate`; any warning fails it, except missing examples for button-only intents."""
    from bot.spacy_pipeline import build
    build()
    cmd = rasa_args("data", "validate", "--config", str(CONFIG), "--domain", str(DOMAIN),
                    "--data", *map(str, TRAINING_DATA))
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
           "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    done = subprocess.run(cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    output = done.stdout + done.stderr
    problems = []
    for line in output.splitlines():
        if "UserWarning" not in line and " ERROR " not in line:
            continue
        missing = _NO_EXAMPLES.search(line)
        if missing and missing.group(1) in NO_EXAMPLES_NEEDED:
            continue
        if re.search(r"The utterance 'utter_ask_\w+' is not used in any story or rule", line):
            continue  # a form's prompt: Rasa asks it itself
        problems.append(line.split("UserWarning:", 1)[-1].strip())
    if done.returncode != 0 or problems:
        print("\n".join(problems) or output[-3000:], file=sys.stderr)
        print(f"rasa data validate: {len(problems)} problem(s).", file=sys.stderr)
        return done.returncode or 1
    print("rasa data validate: training data and domain are consistent.")
    return 0


def train_safeguarding(force: bool = False) -> None:
    """The safeguarding classifier: retrained (seconds) only when its corpus or code changed."""
    from safeguarding import classifier
    fresh = force or not classifier.is_current()
    model = classifier.ensure_trained(force=force)
    if fresh:
        print("Trained the safeguarding classifier: " + classifier.describe(model.cross_validation))


def train(force: bool = False) -> int:
    train_safeguarding(force)
    if not force and is_current():
        print(f"Model is up to date: {MODEL.relative_to(PROJECT_ROOT)}")
        return 0
    from bot.spacy_pipeline import build
    print("Building the spaCy entity pipeline from the LMI data...")
    build()
    print("Training the Rasa model (about two to four minutes on two cores)...")
    started = time.monotonic()
    want = fingerprint()
    cmd = rasa_args("train", "--config", str(CONFIG), "--domain", str(DOMAIN), "--data", *map(str, TRAINING_DATA),
                    "--out", str(MODELS), "--fixed-model-name", "pathfinder", "--force")
    env = {"TQDM_DISABLE": "1", **os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    code = _run_quietly(cmd, env)
    if code != 0:
        print("Training failed; the previous model (if any) is unchanged.", file=sys.stderr)
        return code
    FINGERPRINT.write_text(want)
    print(f"Trained in {time.monotonic() - started:.0f} s: {MODEL.relative_to(PROJECT_ROOT)}")
    return 0


def _run_quietly(cmd: list[str], env: dict) -> int:
    """Runs rasa train, passing its messages through but not its per-epoch progress bars."""
    process = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, errors="replace")
    assert process.stdout is not None
    for line in process.stdout:  # text mode reads each '\r' progress redraw as its own line
        if not line.lstrip().startswith("Epochs:") and line.strip():
            print(line, end="" if line.endswith("\n") else "\n", flush=True)
    return process.wait()


def ensure_model() -> Path:
    """For tests and the launcher: a current model, trained now if needed."""
    if train() != 0:
        raise RuntimeError("rasa train failed")
    return MODEL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train Pathfinder's Rasa model when its inputs changed.")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--validate-only", action="store_true")
    args = parser.parse_args(argv)
    if args.validate_only:
        return validate()
    return train(force=args.force)


if __name__ == "__main__":
    raise SystemExit(main())
