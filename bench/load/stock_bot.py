"""A stock `rasa init` bot, trained once into a cache folder named by its fingerprint (for `make bench-load`)."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from bot.train import rasa_executable
from lmi.config import PROJECT_ROOT

CACHE = PROJECT_ROOT / "build" / "bench-stock"


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    import rasa.version
    digest.update(rasa.version.__version__.encode())
    for name in ("config.yml", "domain.yml", "data/nlu.yml", "data/stories.yml", "data/rules.yml"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


def ensure_stock_bot() -> tuple[Path, Path]:
    """(project folder, model file) of `rasa init`'s bot (its template, unchanged), trained once per fingerprint."""
    import rasa.cli
    fresh = Path(rasa.cli.__file__).parent / "initial_project"  # what `rasa init` copies
    folder = CACHE / _fingerprint(fresh)
    model = folder / "model.tar.gz"
    if model.exists():
        return folder, model
    print("Training the stock `rasa init` bot once (a few minutes)...", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(fresh, folder, ignore=shutil.ignore_patterns("models", ".rasa"))
    subprocess.run([rasa_executable(), "train", "--fixed-model-name", "model", "--out", str(folder)],
                   cwd=folder, check=True)
    return folder, model


if __name__ == "__main__":
    print(ensure_stock_bot())
