"""Reads the labelled safeguarding corpus (data/safeguarding/corpus.csv: text,label,kind[,source])."""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from lmi.config import PROJECT_ROOT
from safeguarding.kinds import KINDS, ORDINARY, ORDINARY_KINDS, TIERS

CORPUS = PROJECT_ROOT / "data" / "safeguarding" / "corpus.csv"


@dataclass(frozen=True)
class Row:
    text: str
    label: str
    kind: str
    source: str = "corpus"  # or "nlu" / "project": ordinary talk taken from the assistant's own data
    batch: str = ""         # the corpus's own `source` column: which writing round the row came from


def read(path: Path = CORPUS) -> list[Row]:
    """Every usable row; rows with an unknown label or kind are skipped rather than guessed."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for record in csv.DictReader(fh):
            text = (record.get("text") or "").strip()
            label = (record.get("label") or "").strip()
            kind = (record.get("kind") or "").strip()
            if not text or label not in TIERS:
                continue
            if (label == ORDINARY and kind not in ORDINARY_KINDS) or (label != ORDINARY and kind not in KINDS):
                continue
            rows.append(Row(text, label, kind, batch=(record.get("source") or "").strip()))
    return rows


NLU_DIR = PROJECT_ROOT / "data" / "nlu"
# Generated from this corpus (safeguarding/nlu_examples.py), so never read back as ordinary talk.
NLU_SAFEGUARDING = NLU_DIR / "safeguarding.yml"
# NLU intents whose examples may show distress or ask for help: not used as ordinary talk.
NOT_ORDINARY_INTENTS = {"express_upset", "request_human", "safeguarding_disclosure", "safeguarding_concern"}


def nlu_files() -> list[Path]:
    return sorted(p for p in NLU_DIR.glob("*.yml") if p != NLU_SAFEGUARDING)


def nlu_ordinary() -> list[Row]:
    """The assistant's own NLU examples (careers questions, booking, small talk) as extra ordinary rows."""
    import re

    import yaml
    rows = []
    for path in nlu_files():
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" not in block or block["intent"] in NOT_ORDINARY_INTENTS:
                continue
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    text = re.sub(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})", r"\1", line[2:]).strip()
                    if text:
                        rows.append(Row(text, ORDINARY, "everyday", "nlu"))
    return rows


def project_ordinary() -> list[Row]:
    """Short answers pupils give the assistant, from the project's own data: job titles and their everyday
    names, places, the demo schools, year groups and numbers (the booking form asks for these)."""
    from booking.hub import DEMO_SCHOOLS
    lmi = PROJECT_ROOT / "data" / "lmi"
    texts = []
    with (lmi / "occupations.csv").open(encoding="utf-8", newline="") as fh:
        for record in csv.DictReader(fh):
            texts += [record["title"], *(a for a in record["aliases"].split("|") if a)]
    with (lmi / "areas.csv").open(encoding="utf-8", newline="") as fh:
        texts += [record["name"] for record in csv.DictReader(fh)]
    texts += [name for _id, name, _area in DEMO_SCHOOLS]
    texts += [str(n) for n in range(1, 21)] + [f"year {n}" for n in range(7, 14)] + [f"yr{n}" for n in range(7, 14)]
    return [Row(t.strip().lower(), ORDINARY, "everyday", "project") for t in texts if t.strip()]


def training_rows() -> list[Row]:
    """The labelled corpus plus the NLU examples and the project's short answers as ordinary talk, no duplicates."""
    seen, rows = set(), []
    for row in read() + nlu_ordinary() + project_ordinary():
        key = " ".join(row.text.lower().split())
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows


def training_digest() -> str:
    digest = hashlib.sha256(CORPUS.read_bytes() if CORPUS.exists() else b"no-corpus")
    for path in [*nlu_files(), PROJECT_ROOT / "data" / "lmi" / "occupations.csv", PROJECT_ROOT / "data" / "lmi" / "areas.csv"]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()
