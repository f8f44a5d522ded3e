"""The held-out sets `make bench` measures with stay apart from what the assistant was trained or tuned on."""
import csv

import pytest
import re
from pathlib import Path

import yaml

from lmi.config import PROJECT_ROOT
from lmi.text import tokens
from tests.conftest import LMI_DIR
from tests.unit.test_resolver import PHRASINGS

BENCH = PROJECT_ROOT / "bench"


def _examples(path: Path) -> set[str]:
    found = set()
    for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
        for line in (block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                found.add(_plain(line[2:]))
    return found


def _plain(example: str) -> str:
    """'what does a [vet](occupation) do' -> 'what does a vet do'."""
    text = re.sub(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})", r"\1", example)
    return " ".join(text.lower().split())


def test_heldout_utterances_are_not_training_examples():
    training = set().union(*(_examples(p) for p in (PROJECT_ROOT / "data" / "nlu").glob("*.yml")))
    heldout = _examples(BENCH / "heldout_nlu.yml")
    assert len(heldout) >= 300
    assert not heldout & training, sorted(heldout & training)


def test_heldout_job_phrasings_are_neither_names_in_the_data_nor_tuning_phrasings():
    """Compared as the resolver sees them (filler dropped, singular): a held-out phrasing that is only an
    alias in other words would measure nothing."""
    with (BENCH / "heldout_occupations.csv").open(encoding="utf-8") as fh:
        heldout = {tuple(tokens(r["text"])): r["text"] for r in csv.DictReader(fh)}
    assert len(heldout) >= 100
    known = set()
    with (LMI_DIR / "occupations.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            known |= {tuple(tokens(n)) for n in [row["title"], *row["aliases"].split("|")] if n}
    known |= {tuple(tokens(text)) for text, _ in PHRASINGS}
    overlap = sorted(original for key, original in heldout.items() if key in known)
    assert not overlap, overlap


@pytest.mark.parametrize("name", ["heldout_safeguarding.csv", "heldout_safeguarding_v2.csv"])
def test_heldout_safeguarding_messages_are_neither_in_the_corpus_nor_in_the_nlu_data(name):
    """Compared as the detectors see them (safeguarding.normalise): each held-out set was written apart and
    must measure messages the classifier, the patterns' authors and DIET never saw."""
    from safeguarding.corpus import read
    from safeguarding.normalise import normalise

    path = BENCH / name
    with path.open(encoding="utf-8", newline="") as fh:
        heldout = {normalise(r["text"]).strip(): r["text"] for r in csv.DictReader(fh) if (r.get("text") or "").strip()}
    assert len(heldout) >= 600
    seen = {normalise(r.text).strip() for r in read()}
    for nlu in (PROJECT_ROOT / "data" / "nlu").glob("*.yml"):
        seen |= {normalise(text).strip() for text in _examples(nlu)}
    overlap = sorted(original for key, original in heldout.items() if key in seen)
    assert not overlap, overlap
